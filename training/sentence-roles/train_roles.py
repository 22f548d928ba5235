"""Train the sentence-role model shipped in ``linter/scoring/models/roles.json``.

    python training/sentence-roles/train_roles.py            # CV report + write roles.json
    python training/sentence-roles/train_roles.py --no-write # CV report only

Each labelled sentence (``sentences.tsv``: a span of a post in ../shared/corpus) is matched
to the linter's own sentence whose source span overlaps it most; its features are built by
``linter.scoring.roles.role_features`` and its target is the majority (2 of 3) of the three
labellings. One L2 logistic regression per role (scikit-learn, training time only), with the
classes weighted to balance (most roles are rare), so 0.5 is the decision threshold.

Cross-validation is grouped by blog (the first two path segments, e.g. ``real/oneuptime``):
leave one blog out, so no blog is in both the training and the test part. The L2 strength
of each role is picked inside the training part of each fold (an inner leave-one-blog-out
over the remaining blogs), never on the test blog. The model written to roles.json is fitted
on every labelled sentence, with the strength picked by leave-one-blog-out over all of them.

The corpus is analysed once with the linter and cached (``--cache``, default under /tmp),
again whenever a file under linter/ changed (``--trust-cache`` skips that check,
``--refresh`` forces it). Nothing from the posts'
text is written into the repository. Deterministic: same inputs, same roles.json.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from linter.scoring import roles as R  # noqa: E402

CORPUS = Path(os.environ.get("DRAFTLINT_CORPUS", REPO.parent / "shared" / "corpus"))
FOLDERS = ("real", "real-more")
SEED = 20261207
C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3)
MIN_DF = 2  # a hashed word feature must occur in at least this many training sentences
DEFAULT_CACHE = Path(os.environ.get("TMPDIR", "/tmp")) / "draftlint-train" / "corpus.pkl"

#: The hand-written cue for each role, read from a linter Sentence, to compare against.
CUES = {
    "own_figure": lambda s: bool(s.measured) and not s.third_party and (s.first_person or s.own_frame),
    "other_figure": lambda s: bool(s.measured) and s.third_party,
    "other_number": lambda s: bool(s.figures) and not s.measured,
    "advice": lambda s: s.advice,
    "own_experience": lambda s: s.experience or s.actor_story,
    "promotional": lambda s: s.promo,
    "belief": lambda s: s.belief,
    "pushback": lambda s: s.rebuttal,
}


# -- the corpus, as the linter reads it ---------------------------------------------------

def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for p in sorted((REPO / "linter").rglob("*.py")):
        if p.name in ("roles.py", "calibration.py"):
            continue  # the featurizer does not change what is cached
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def analyse_corpus(cache: Path, refresh: bool = False, trust_cache: bool = False) -> dict:
    """Every labelled post, linted once: its sentences (``features.Sentence``), their source
    spans, the draft facts and the current linter's report. Cached as a pickle."""
    fingerprint = _code_fingerprint()
    if cache.is_file() and not refresh:
        with open(cache, "rb") as fh:
            data = pickle.load(fh)
        if data.get("fingerprint") == fingerprint or trust_cache:
            return data
        print("linter code changed since the cache was made: analysing again", file=sys.stderr)
    from linter.api import Linter
    from linter.config import Config
    import linter.scoring.scorer as scorer

    captured: dict = {}
    original = scorer.score_draft

    def capture(feat, findings, term):
        draft = feat.draft
        spans = [draft.prose_map.to_source(s.start, s.end) for s in feat.sentences]
        by_criterion: dict = {}
        by_rule: dict = {}
        for f in findings:
            if f.criterion:
                by_criterion[f.criterion] = by_criterion.get(f.criterion, 0) + 1
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        captured[draft.source.path] = {
            "sentences": list(feat.sentences),
            "spans": spans,
            "words": feat.words,
            "announcement": feat.announcement,
            "listicle_title": feat.listicle_title,
            "table_figures": len(feat.table_figures),
            "headings": len(feat.headings),
            "line_starts": draft.source.line_starts,
            "findings_by_criterion": by_criterion,
            "findings_by_rule": by_rule,
            "code_blocks": len(draft.code_blocks),
            "inline_code": draft.inline_code,
        }
        return original(feat, findings, term)

    posts = []
    for folder in FOLDERS:
        with open(CORPUS / folder / "labels.tsv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                posts.append((f"{folder}/{row['file'].strip()}", row))
    linter = Linter(Config())
    scorer.score_draft = capture
    try:
        t0 = time.perf_counter()
        report = linter.lint_paths([str(CORPUS / p) for p, _ in posts])
        elapsed = time.perf_counter() - t0
    finally:
        scorer.score_draft = original
    out = {"fingerprint": fingerprint, "posts": {}, "lint_seconds": elapsed}
    for (key, row), fr in zip(posts, report.files):
        if fr.error:
            raise SystemExit(f"{key}: {fr.error}")
        entry = captured[str(CORPUS / key)]
        entry["labels"] = {k: v for k, v in row.items() if k not in ("file", "note")}
        entry["score"] = fr.score
        entry["passed"] = fr.passed
        entry["criteria"] = {c.score.id: (c.score.score, c.score.met) for c in fr.criteria}
        out["posts"][key] = entry
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache, "wb") as fh:
        pickle.dump(out, fh)
    return out


def blog_of(key: str) -> str:
    return "/".join(key.split("/")[:2])


# -- the labelled sentences ----------------------------------------------------------------

#: The labelling rounds: the sentences and their independent labellings. A role is the
#: target when two labellings give it (2 of 3 in round 1, both in round 2).
ROUNDS = (("sentences.tsv", ("labels-a.tsv", "labels-b.tsv", "labels-c.tsv")),
          ("sentences-2.tsv", ("labels-2a.tsv", "labels-2b.tsv")))


def read_labels() -> tuple[list[dict], dict[str, np.ndarray]]:
    refs: list[dict] = []
    votes: dict[str, np.ndarray] = {}
    for sentences, labellings in ROUNDS:
        if not all((HERE / name).is_file() for name in (sentences, *labellings)):
            continue
        with open(HERE / sentences, encoding="utf-8", newline="") as fh:
            these = list(csv.DictReader(fh, delimiter="\t"))
        refs += these
        votes.update({r["id"]: np.zeros(len(R.ROLES), dtype=int) for r in these})
        for name in labellings:
            with open(HERE / name, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    for role in row["roles"].split(","):
                        role = role.strip()
                        if role and role != "none":
                            votes[row["id"]][R.ROLES.index(role)] += 1
    return refs, votes


def _offset(line_starts, line: int, col: int) -> int:
    return line_starts[max(0, min(line - 1, len(line_starts) - 1))] + col - 1


def match_sentences(corpus: dict, refs: list[dict]) -> list[tuple[str, int, float]]:
    """For each reference: (post, index of the linter sentence overlapping it most, overlap
    as a share of the labelled span; index -1 when nothing overlaps)."""
    out = []
    for r in refs:
        post = corpus["posts"][r["file"]]
        a = _offset(post["line_starts"], int(r["line"]), int(r["col"]))
        b = _offset(post["line_starts"], int(r["end_line"]), int(r["end_col"]))
        best, best_i = 0, -1
        for i, (s, e) in enumerate(post["spans"]):
            ov = min(b, e) - max(a, s)
            if ov > best:
                best, best_i = ov, i
        out.append((r["file"], best_i, best / max(1, b - a)))
    return out


def post_features(post: dict) -> tuple[np.ndarray, list[list[int]]]:
    sents = post["sentences"]
    ctx = R.DraftContext.of(sents, post["words"], post["announcement"], post["listicle_title"])
    feats = [R.role_features(s, i, sents, ctx) for i, s in enumerate(sents)]
    if not feats:
        return np.zeros((0, len(R.DENSE_NAMES))), []
    return np.vstack([f[0] for f in feats]), [f[1] for f in feats]


# -- the model -----------------------------------------------------------------------------

class Design:
    """Turns (dense, buckets) into a design matrix: standardised dense columns followed by
    one binary column per hash bucket seen in at least MIN_DF training sentences."""

    def __init__(self, dense: np.ndarray, buckets: list[list[int]]):
        self.mean = dense.mean(axis=0)
        scale = dense.std(axis=0)
        self.scale = np.where(scale > 1e-9, scale, 1.0)
        self.mean = np.where(scale > 1e-9, self.mean, 0.0)  # constant columns (bias_one) pass through
        df: dict[int, int] = {}
        for bs in buckets:
            for b in bs:
                df[b] = df.get(b, 0) + 1
        self.buckets = sorted(b for b, c in df.items() if c >= MIN_DF)
        self.col = {b: i for i, b in enumerate(self.buckets)}

    def matrix(self, dense: np.ndarray, buckets: list[list[int]]):
        from scipy import sparse

        d = (dense - self.mean) / self.scale
        rows, cols = [], []
        for i, bs in enumerate(buckets):
            for b in bs:
                j = self.col.get(b)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        h = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(buckets), len(self.buckets)))
        return sparse.hstack([sparse.csr_matrix(d), h]).tocsr()


def _fit(X, y, C: float):
    from sklearn.linear_model import LogisticRegression

    if y.min() == y.max():
        return None
    model = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=5000, random_state=SEED,
                               tol=1e-6)
    model.fit(X, y)
    return model


def _proba(model, X, y_train) -> np.ndarray:
    if model is None:
        return np.full(X.shape[0], float(y_train.mean()))
    return model.predict_proba(X)[:, 1]


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability threshold with the best F1 on these (out-of-fold) probabilities."""
    best, best_t = -1.0, 0.5
    for t in np.round(np.arange(0.2, 0.951, 0.025), 3):
        f = prf(p >= t, y)[2]
        if f > best + 1e-9:
            best, best_t = f, float(t)
    return best_t


def pick_c(dense, buckets, y, groups) -> tuple[float, float]:
    """The L2 strength with the best leave-one-blog-out AUC on these sentences (the classes
    are weighted to balance, so log loss would not compare like with like), and the
    threshold with the best F1 on those out-of-fold probabilities."""
    best, best_c, best_p = None, C_GRID[0], None
    blogs = sorted(set(groups))
    for C in C_GRID:
        p = np.zeros(len(y))
        for g in blogs:
            test = np.array([x == g for x in groups])
            train = ~test
            design = Design(dense[train], [buckets[i] for i in np.flatnonzero(train)])
            model = _fit(design.matrix(dense[train], [buckets[i] for i in np.flatnonzero(train)]), y[train], C)
            p[test] = _proba(model, design.matrix(dense[test], [buckets[i] for i in np.flatnonzero(test)]), y[train])
        loss = -auc(p, y)
        if best is None or loss < best - 1e-9:
            best, best_c, best_p = loss, C, p
    return best_c, best_threshold(best_p, y)


def fit_all(dense, buckets, Y, groups) -> tuple[Design, list, list[float], list[float]]:
    design = Design(dense, buckets)
    X = design.matrix(dense, buckets)
    models, cs, ts = [], [], []
    for k in range(Y.shape[1]):
        C, t = pick_c(dense, buckets, Y[:, k], groups)
        cs.append(C)
        ts.append(t)
        models.append(_fit(X, Y[:, k], C))
    return design, models, cs, ts


def predict_all(design, models, Y_train, dense, buckets) -> np.ndarray:
    X = design.matrix(dense, buckets)
    return np.column_stack([_proba(m, X, Y_train[:, k]) for k, m in enumerate(models)])


def cross_validate(dense, buckets, Y, groups) -> tuple[np.ndarray, dict, np.ndarray]:
    """Leave-one-blog-out out-of-fold probabilities, the (C, threshold) picked per fold
    (inside its training part), and each test sentence's threshold."""
    P = np.zeros(Y.shape, dtype=float)
    T = np.zeros(Y.shape, dtype=float)
    chosen: dict = {}
    for g in sorted(set(groups)):
        test = np.array([x == g for x in groups])
        tr = np.flatnonzero(~test)
        te = np.flatnonzero(test)
        tr_groups = [groups[i] for i in tr]
        design, models, cs, ts = fit_all(dense[tr], [buckets[i] for i in tr], Y[tr], tr_groups)
        P[te] = predict_all(design, models, Y[tr], dense[te], [buckets[i] for i in te])
        T[te] = ts
        chosen[g] = list(zip(cs, ts))
    return P, chosen, T


# -- metrics -------------------------------------------------------------------------------

def auc(scores, labels) -> float:
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=int)
    pos, neg = scores[labels == 1], scores[labels == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allv = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(allv):  # average ranks for ties
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    return float((r[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def prf(pred, y) -> tuple[float, float, float]:
    pred = np.asarray(pred, dtype=bool)
    y = np.asarray(y, dtype=bool)
    tp = int((pred & y).sum())
    fp = int((pred & ~y).sum())
    fn = int((~pred & y).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# -- writing the model ---------------------------------------------------------------------

def _round(x: float, digits: int = 4) -> float:
    if x == 0 or not np.isfinite(x):
        return 0.0
    return float(f"{x:.{digits}g}")


def model_json(design: Design, models: list, cs: list[float], ts: list[float], n: int) -> dict:
    k = len(R.ROLES)
    nd = len(R.DENSE_NAMES)
    coef = np.zeros((nd + len(design.buckets), k))
    intercept = np.zeros(k)
    for j, m in enumerate(models):
        if m is not None:
            coef[:, j] = m.coef_[0]
            intercept[j] = m.intercept_[0]
    hashed = coef[nd:]
    keep = np.flatnonzero(np.abs(hashed).max(axis=1) >= 5e-4) if len(hashed) else np.array([], dtype=int)
    return {
        "format": 1,
        "roles": list(R.ROLES),
        "hash_bits": R.HASH_BITS,
        "trained_on": f"{n} labelled sentences of the published posts (majority of 3 labellings)",
        "l2_C": [_round(c) for c in cs],
        "thresholds": [_round(t) for t in ts],
        "dense_names": list(R.DENSE_NAMES),
        "dense_mean": [_round(x, 5) for x in design.mean],
        "dense_scale": [_round(x, 5) for x in design.scale],
        "dense_coef": [[_round(x) for x in row] for row in coef[:nd]],
        "intercept": [_round(x, 5) for x in intercept],
        "hashed_buckets": [int(design.buckets[i]) for i in keep],
        "hashed_coef": [_round(x) for i in keep for x in hashed[i]],
    }


# -- main ----------------------------------------------------------------------------------

def load_dataset(cache: Path, refresh: bool = False, trust_cache: bool = False):
    corpus = analyse_corpus(cache, refresh, trust_cache)
    refs, votes = read_labels()
    matches = match_sentences(corpus, refs)
    per_post = {key: post_features(post) for key, post in sorted(corpus["posts"].items())}
    rows_dense, rows_buckets, Y, groups, cues, kept, weak = [], [], [], [], [], [], []
    for r, (key, i, share) in zip(refs, matches):
        if i < 0:
            weak.append((r["id"], key, 0.0))
            continue
        if share < 0.5:
            weak.append((r["id"], key, share))
        d, b = per_post[key]
        rows_dense.append(d[i])
        rows_buckets.append(b[i])
        Y.append((votes[r["id"]] >= 2).astype(int))
        groups.append(blog_of(key))
        s = corpus["posts"][key]["sentences"][i]
        cues.append([int(bool(CUES[role](s))) if role in CUES else -1 for role in R.ROLES])
        kept.append((r["id"], key, i))
    return corpus, np.vstack(rows_dense), rows_buckets, np.array(Y), groups, np.array(cues), kept, weak, per_post


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--refresh", action="store_true", help="analyse the corpus again")
    ap.add_argument("--trust-cache", action="store_true",
                    help="use the cached analysis even if the linter's code changed since")
    ap.add_argument("--no-write", action="store_true", help="report only; do not write roles.json")
    ap.add_argument("--out", type=Path, default=R.MODEL_PATH)
    args = ap.parse_args(argv)

    corpus, dense, buckets, Y, groups, cues, kept, weak, _ = load_dataset(args.cache, args.refresh, args.trust_cache)
    print(f"posts: {len(corpus['posts'])}, labelled sentences matched: {len(kept)}, "
          f"spans overlapping their linter sentence < 50%: {len(weak)}")
    blogs = sorted(set(groups))
    print("blogs (CV groups): " + ", ".join(f"{b} {groups.count(b)}" for b in blogs))

    P, chosen, T = cross_validate(dense, buckets, Y, groups)
    print("\nLeave-one-blog-out CV (9 folds). P/R/F1 at the threshold picked inside each fold's training "
          "part; F1@.5 at 0.5; cue = the hand-written Sentence flags")
    print(f"{'role':<16}{'pos':>5}{'P':>7}{'R':>7}{'F1':>7}{'F1@.5':>7}{'AUC':>7}   {'cue P':>6}{'cue R':>7}"
          f"{'cue F1':>7}   {'F1 worst blog':>14}")
    summary = {}
    for k, role in enumerate(R.ROLES):
        y = Y[:, k]
        p, r, f = prf(P[:, k] >= T[:, k], y)
        f5 = prf(P[:, k] >= 0.5, y)[2]
        a = auc(P[:, k], y)
        cue = ""
        if cues[0, k] >= 0:
            cp, cr, cf = prf(cues[:, k] == 1, y)
            cue = f"{cp:>6.2f}{cr:>7.2f}{cf:>7.2f}"
        else:
            cue = f"{'-':>6}{'-':>7}{'-':>7}"
        per_blog = []
        for g in blogs:
            m = np.array([x == g for x in groups])
            if y[m].sum() >= 3:
                per_blog.append((prf(P[m, k] >= T[m, k], y[m])[2], g))
        worst = min(per_blog) if per_blog else (float("nan"), "-")
        print(f"{role:<16}{int(y.sum()):>5}{p:>7.2f}{r:>7.2f}{f:>7.2f}{f5:>7.2f}{a:>7.3f}   {cue}   "
              f"{worst[0]:>5.2f} {worst[1]}")
        summary[role] = (p, r, f, a)
    print("\nC/threshold picked per fold (inner leave-one-blog-out: C by AUC, threshold by F1): ")
    for g in blogs:
        print(f"  {g:<22}" + " ".join(f"{c:g}/{t:g}" for c, t in chosen[g]))

    if args.no_write:
        return
    design, models, cs, ts = fit_all(dense, buckets, Y, groups)
    data = model_json(design, models, cs, ts, len(Y))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"\nwrote {args.out} ({len(text) / 1024:.0f} KB, {len(data['hashed_buckets'])} hashed buckets)")
    print("C and threshold per role: " + ", ".join(f"{r} {c:g}/{t:g}" for r, c, t in zip(R.ROLES, cs, ts)))
    # the shipped model must reproduce the fitted one
    shipped = R.RoleModel(json.loads(text))
    z = shipped.logits(dense, buckets)
    ref = np.column_stack([m.decision_function(design.matrix(dense, buckets)) if m is not None else np.zeros(len(Y))
                           for m in models])
    print(f"max |logit difference| shipped vs fitted: {np.abs(z - ref).max():.4f}")


if __name__ == "__main__":
    main()
