"""Train the draft-level calibration shipped in ``linter/scoring/models/draft.json``.

    python training/draft-scores/train_draft.py             # CV report + write draft.json
    python training/draft-scores/train_draft.py --no-write  # CV report only

Per post: the sentence-role probabilities of every sentence (``linter.scoring.roles``) are
summed up into draft features (``linter.scoring.calibration.draft_features``); one small L2
logistic regression per criterion (original_data, specific_numbers, contrarian_stance,
no_generic_tips = NOT generic_tips, first_hand_experience) and for thought leadership
over a fixed handful of those features, chosen before looking at any result (``FEATURES``).
Thought leadership is fitted on the editors' mean label as a graded target (a post at 0.75
counts three quarters positive, one quarter negative), which ranks posts better than the
yes/no cut at 0.5 did (leave-one-blog-out Spearman 0.598 -> 0.606, passed accuracy 0.78 ->
0.81, AUC 0.878 -> 0.880). The classes are weighted to balance (most criteria are
met by a minority of posts and the criteria are judged by F1), so a probability of 0.5 is
the decision point: met / thought leadership at >= 0.5. A criterion labelled ``-`` (the editors disagreed) is
left out of that criterion's training and scoring.

No leak from the sentence labels: within every fold the role model that reads the test
posts is trained only on labelled sentences of the training posts, and the training posts'
own role probabilities are out-of-fold too (an inner split of the training posts), as they
will be for a new draft. The L2 strength of each draft model is picked by an inner split of
the training posts. The role models' own L2 strength is the one in roles.json.

Two fold schemes: leave-one-blog-out (9 blogs; the honest one for unseen blogs) and
5-fold stratified by the thought-leadership class (seed 20261207). Metrics are pooled
out-of-fold predictions, overall and per blog; the current linter's own judgement on
the same posts is the baseline. The model written is fitted on all 152 posts, on
leave-one-blog-out role probabilities. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training" / "sentence-roles"))

import train_roles as TR  # noqa: E402
from linter.scoring import calibration as CAL  # noqa: E402
from linter.scoring import roles as R  # noqa: E402

SEED = 20261207
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
GLOSSARY_WEIGHTS = {"original_data": 25, "specific_numbers": 15, "contrarian_stance": 20, "no_generic_tips": 20,
                    "first_hand_experience": 20}
LABEL_COLUMNS = {"original_data": ("original_data", False), "specific_numbers": ("specific_numbers", False),
                 "contrarian_stance": ("contrarian_stance", False), "no_generic_tips": ("generic_tips", True),
                 "first_hand_experience": ("first_hand_experience", False)}

#: The draft features each model may use: a handful per target, fixed by what the
#: labelling guide says each criterion rests on (not selected on results).
FEATURES = {
    "original_data": ("top3_own_figure", "per1k_own_figure", "mean_other_figure", "measured_per1k",
                      "table_figures_log", "mean_own_experience"),
    "specific_numbers": ("top3_own_figure", "top3_other_figure", "per1k_own_figure", "per1k_other_figure",
                         "measured_per1k", "table_figures_log", "mean_other_number"),
    "contrarian_stance": ("top3_pushback", "mean_pushback", "top3_belief", "mean_belief", "top3_thesis",
                          "mean_own_experience", "mean_advice"),
    "no_generic_tips": ("mean_advice", "per1k_advice", "mean_own_experience", "top3_own_figure",
                        "mean_promotional", "listicle", "code_blocks_per1k", "mean_pushback"),
    "first_hand_experience": ("mean_own_experience", "top3_own_experience", "per1k_own_experience",
                              "mean_promotional", "announcement", "mean_advice", "top3_own_figure"),
    "thought_leadership": ("mean_own_experience", "top3_own_experience", "top3_own_figure", "top3_pushback",
                           "top3_thesis", "mean_advice", "mean_promotional", "announcement", "listicle",
                           "code_blocks_per1k"),
}


# -- data ----------------------------------------------------------------------------------

class Data:
    def __init__(self, cache: Path, refresh: bool = False, trust_cache: bool = False):
        self.cache = cache
        (self.corpus, self.dense, self.buckets, self.Y, self.groups, _cues, self.kept, _weak,
         self.per_post) = TR.load_dataset(cache, refresh, trust_cache)
        self.posts = sorted(self.corpus["posts"])
        self.blog = {p: TR.blog_of(p) for p in self.posts}
        self.sent_post = [key for _, key, _ in self.kept]  # labelled sentence -> post
        shipped = json.loads(R.MODEL_PATH.read_text(encoding="utf-8"))
        self.role_c = [float(c) for c in shipped["l2_C"]]
        self._role_cache: dict = {}
        self.labels = {p: self._labels(self.corpus["posts"][p]["labels"]) for p in self.posts}

    @staticmethod
    def _labels(row: dict) -> dict:
        out = {"tl_mean": float(row["thought_leadership"])}
        for cid, (col, inverse) in LABEL_COLUMNS.items():
            v = row[col].strip()
            out[cid] = None if v == "-" else int((int(v) == 1) != inverse)
        return out

    def role_model(self, exclude: frozenset):
        """Role models trained on the labelled sentences of every post not in ``exclude``."""
        if exclude not in self._role_cache:
            idx = np.array([i for i, p in enumerate(self.sent_post) if p not in exclude])
            b = [self.buckets[i] for i in idx]
            design = TR.Design(self.dense[idx], b)
            X = design.matrix(self.dense[idx], b)
            models = [TR._fit(X, self.Y[idx, k], self.role_c[k]) for k in range(len(R.ROLES))]
            self._role_cache[exclude] = (design, models, self.Y[idx])
        return self._role_cache[exclude]

    def role_probs(self, post: str, exclude: frozenset) -> np.ndarray:
        design, models, ytr = self.role_model(exclude)
        dense, buckets = self.per_post[post]
        if len(buckets) == 0:
            return np.zeros((0, len(R.ROLES)))
        return TR.predict_all(design, models, ytr, dense, buckets)

    def draft_row(self, post: str, probs: np.ndarray) -> np.ndarray:
        p = self.corpus["posts"][post]
        feat = SimpleNamespace(sentences=p["sentences"], words=p["words"], listicle_title=p["listicle_title"],
                               announcement=p["announcement"], table_figures=[None] * p["table_figures"])
        f = CAL.draft_features(feat, probs, p["code_blocks"])
        return np.array([f[n] for n in CAL.FEATURE_NAMES])

    def oof_features(self, train: list[str], inner_folds: list[list[str]]) -> dict[str, np.ndarray]:
        """Draft features of the training posts, each from role models trained without its
        inner fold (and without anything outside ``train``)."""
        outside = frozenset(p for p in self.posts if p not in set(train))
        out = {}
        for fold in inner_folds:
            ex = outside | frozenset(fold)
            for p in fold:
                out[p] = self.draft_row(p, self.role_probs(p, ex))
        return out


def targets_of(data: Data, posts: list[str], target: str) -> tuple[list[int], np.ndarray]:
    """(index into posts, 0/1 target) of the posts with a label for ``target``."""
    keep, y = [], []
    for i, p in enumerate(posts):
        lab = data.labels[p]
        if target == "thought_leadership":
            keep.append(i)
            y.append(lab["tl_mean"])  # the editors' mean, 0-1 in quarters: a graded target
        elif lab[target] is not None:
            keep.append(i)
            y.append(lab[target])
    return keep, np.array(y)


# -- the draft model -----------------------------------------------------------------------

def _cols(target: str) -> list[int]:
    return [CAL.FEATURE_NAMES.index(n) for n in FEATURES[target]]


def _graded(y: np.ndarray) -> bool:
    return bool(np.any((y > 0) & (y < 1)))


def fit_target(X: np.ndarray, y: np.ndarray, C: float, class_weight=None):
    """A logistic model of ``y``: 0/1, or graded (the editors' mean thought-leadership label),
    fitted as each post once as positive with weight y and once as negative with weight
    1 - y; "balanced" then gives both sides the same total weight."""
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    Z = (X - mean) / scale
    if _graded(y):
        n = len(y)
        w = np.r_[y, 1 - y].astype(float)
        if class_weight == "balanced":
            w[:n] *= n / (2 * max(w[:n].sum(), 1e-9))
            w[n:] *= n / (2 * max(w[n:].sum(), 1e-9))
        m = LogisticRegression(C=C, solver="lbfgs", max_iter=10000, tol=1e-8)
        m.fit(np.vstack([Z, Z]), np.r_[np.ones(n), np.zeros(n)], sample_weight=w)
    else:
        m = LogisticRegression(C=C, solver="lbfgs", max_iter=10000, class_weight=class_weight, tol=1e-8)
        m.fit(Z, y)
    return mean, scale, m.coef_[0].copy(), float(m.intercept_[0])


def prob(model, X: np.ndarray) -> np.ndarray:
    mean, scale, coef, b = model
    return 1.0 / (1.0 + np.exp(-(((X - mean) / scale) @ coef + b)))


def _logloss(p, y, balanced: bool = False) -> float:
    """Log loss; with ``balanced``, each class weighs half, as in the fit."""
    p = np.clip(p, 1e-6, 1 - 1e-6)
    loss = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    if not balanced or y.min() == y.max() or _graded(y):
        return float(loss.mean())
    return float(0.5 * loss[y == 1].mean() + 0.5 * loss[y == 0].mean())


def pick_c(X, y, folds: list[np.ndarray], class_weight=None) -> float:
    best, best_c = None, C_GRID[0]
    for C in C_GRID:
        p = np.zeros(len(y))
        for te in folds:
            tr = np.setdiff1d(np.arange(len(y)), te)
            if len(set(y[tr])) < 2:
                p[te] = y[tr].mean()
                continue
            p[te] = prob(fit_target(X[tr], y[tr], C, class_weight), X[te])
        loss = _logloss(p, y, class_weight == "balanced")
        if best is None or loss < best - 1e-9:
            best, best_c = loss, C
    return best_c


def blog_folds(posts: list[str], data: Data) -> list[list[str]]:
    blogs = sorted({data.blog[p] for p in posts})
    return [[p for p in posts if data.blog[p] == b] for b in blogs]


def strat_folds(posts: list[str], data: Data, k: int = 5, seed: int = SEED) -> list[list[str]]:
    from sklearn.model_selection import StratifiedKFold

    y = [int(data.labels[p]["tl_mean"] >= 0.5) for p in posts]
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [[posts[i] for i in te] for _, te in skf.split(np.zeros(len(posts)), y)]


def train_targets(data: Data, train: list[str], feats: dict[str, np.ndarray], inner: list[list[str]],
                  class_weight=None) -> dict:
    models = {}
    for target in CAL.TARGETS:
        keep, y = targets_of(data, train, target)
        X = np.vstack([feats[train[i]] for i in keep])[:, _cols(target)]
        where = {train[i]: j for j, i in enumerate(keep)}
        folds = [np.array([where[p] for p in fold if p in where]) for fold in inner]
        folds = [f for f in folds if len(f)]
        C = pick_c(X, y, folds, class_weight)
        models[target] = (fit_target(X, y, C, class_weight), C)
    return models


def fold_features(data: Data, scheme: str) -> list[tuple[list[str], list[str], dict, dict, list[list[str]]]]:
    """Per outer fold: (train posts, test posts, train features, test features, inner
    folds). The expensive part (role models per fold), cached next to the corpus cache."""
    import hashlib
    import pickle

    parts = (data.corpus["fingerprint"], R.MODEL_PATH.read_text(encoding="utf-8"), scheme, repr(CAL.FEATURE_NAMES),
             Path(CAL.__file__).read_text(encoding="utf-8"))
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
    path = data.cache.parent / f"draft-folds-{scheme}-{key}.pkl"
    if path.is_file():
        with open(path, "rb") as fh:
            return pickle.load(fh)
    posts = data.posts
    outer = blog_folds(posts, data) if scheme == "blog" else strat_folds(posts, data)
    out = []
    for n, test in enumerate(outer):
        train = [p for p in posts if p not in set(test)]
        inner = blog_folds(train, data) if scheme == "blog" else strat_folds(train, data, seed=SEED + n + 1)
        feats = data.oof_features(train, inner)
        ex = frozenset(test)
        test_feats = {p: data.draft_row(p, data.role_probs(p, ex)) for p in test}
        out.append((train, test, feats, test_feats, inner))
    with open(path, "wb") as fh:
        pickle.dump(out, fh)
    return out


def cross_validate(data: Data, scheme: str, class_weight=None) -> tuple[dict, dict]:
    """Out-of-fold probabilities per target for every post, and the C picked per fold."""
    pred = {t: {} for t in CAL.TARGETS}
    chosen = {}
    for n, (train, test, feats, test_feats, inner) in enumerate(fold_features(data, scheme)):
        models = train_targets(data, train, feats, inner, class_weight)
        chosen[n] = {t: c for t, (_, c) in models.items()}
        for t, (model, _) in models.items():
            X = np.vstack([test_feats[p] for p in test])[:, _cols(t)]
            for p, v in zip(test, prob(model, X)):
                pred[t][p] = float(v)
    return pred, chosen


# -- metrics -------------------------------------------------------------------------------

def spearman(a, b) -> float:
    from scipy.stats import spearmanr

    if len(set(a)) < 2 or len(set(b)) < 2:
        return float("nan")
    return float(spearmanr(a, b).statistic)


def evaluate(data: Data, posts: list[str], tl_score: dict, passed: dict, met: dict) -> dict:
    """TL AUC (0.5 left out), Spearman with the mean label, passed accuracy (0.5 left
    out) and each criterion's precision, recall and F1 (``-`` left out)."""
    out = {"n": len(posts)}
    sure = [p for p in posts if data.labels[p]["tl_mean"] != 0.5]
    ys = [int(data.labels[p]["tl_mean"] > 0.5) for p in sure]
    out["auc"] = TR.auc([tl_score[p] for p in sure], ys)
    out["spearman"] = spearman([tl_score[p] for p in posts], [data.labels[p]["tl_mean"] for p in posts])
    out["accuracy"] = float(np.mean([int(passed[p]) == y for p, y in zip(sure, ys)])) if sure else float("nan")
    for c in CAL.CRITERIA:
        lab = [(p, data.labels[p][c]) for p in posts if data.labels[p][c] is not None]
        y = np.array([v for _, v in lab], dtype=bool)
        pr = np.array([met[c][p] for p, _ in lab], dtype=bool)
        pp, rr, ff = TR.prf(pr, y)
        out[c] = (pp, rr, ff, int(y.sum()), len(y))
    return out


def render(title: str, data: Data, tl_score: dict, passed: dict, met: dict) -> str:
    lines = [f"### {title}", ""]
    head = "| group | posts | TL AUC | Spearman | passed acc | " + " | ".join(
        f"{c} F1" for c in CAL.CRITERIA) + " |"
    lines += [head, "|" + "---|" * (5 + len(CAL.CRITERIA))]
    groups = [("all", data.posts)] + [(b, [p for p in data.posts if data.blog[p] == b])
                                      for b in sorted(set(data.blog.values()))]
    for name, posts in groups:
        e = evaluate(data, posts, tl_score, passed, met)

        def f(x):
            return "-" if x != x else f"{x:.2f}"

        crit = []
        for c in CAL.CRITERIA:
            p, r, f1, pos, n = e[c]
            crit.append(f"{f(f1) if pos else 'n/a'} ({pos}/{n})" if name != "all" else
                        f"**{f1:.2f}** (P {p:.2f} R {r:.2f}; {pos}/{n})")
        lines.append(f"| {name} | {e['n']} | {f(e['auc'])} | {f(e['spearman'])} | {f(e['accuracy'])} | "
                     + " | ".join(crit) + " |")
    return "\n".join(lines) + "\n"


def weighted(pred: dict, posts) -> dict:
    total = sum(GLOSSARY_WEIGHTS.values())
    return {p: sum(w * pred[c][p] for c, w in GLOSSARY_WEIGHTS.items()) / total for p in posts}


# -- main ----------------------------------------------------------------------------------

def _r(x: float, digits: int = 5) -> float:
    return float(f"{x:.{digits}g}") if x else 0.0


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=TR.DEFAULT_CACHE)
    ap.add_argument("--refresh", action="store_true")
    ap.add_argument("--trust-cache", action="store_true",
                    help="use the cached analysis even if the linter's code changed since")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--unweighted", action="store_true",
                    help="do not weight the classes to balance (the comparison in RESULTS.md)")
    ap.add_argument("--out", type=Path, default=CAL.MODEL_PATH)
    args = ap.parse_args(argv)
    cw = None if args.unweighted else "balanced"

    data = Data(args.cache, args.refresh, args.trust_cache)
    posts = data.posts
    print(f"posts: {len(posts)}; role-model C per role (roles.json): {data.role_c}\n")

    # the current linter, as a baseline on the same posts
    corpus = data.corpus["posts"]
    base_score = {p: corpus[p]["score"] for p in posts}
    base_passed = {p: bool(corpus[p]["passed"]) for p in posts}
    base_met = {c: {p: bool(corpus[p]["criteria"][c][1]) for p in posts} for c in CAL.CRITERIA}
    print(render("Baseline: the current linter (hand-written cues), no training", data, base_score, base_passed,
                 base_met))

    for scheme, name in (("blog", "leave-one-blog-out (9 folds)"), ("strat", "5-fold stratified by TL class")):
        pred, chosen = cross_validate(data, scheme, cw)
        met = {c: {p: pred[c][p] >= 0.5 for p in posts} for c in CAL.CRITERIA}
        tl = pred["thought_leadership"]
        print(render(f"Learned, {name}: TL model", data, tl, {p: tl[p] >= 0.5 for p in posts}, met))
        w = weighted(pred, posts)
        print(render(f"Learned, {name}: glossary-weighted mean of the criterion probabilities "
                     f"(passed at 0.6), for comparison", data, w, {p: w[p] >= 0.6 for p in posts}, met))
        cs = {t: sorted({chosen[n][t] for n in chosen}) for t in CAL.TARGETS}
        print(f"C picked in the folds: {cs}\n")

    if args.no_write:
        return
    folds = blog_folds(posts, data)
    feats = data.oof_features(posts, folds)
    models = train_targets(data, posts, feats, folds, cw)
    out = {"format": 1, "roles": list(R.ROLES), "class_weight": cw or "none",
           "trained_on": f"{len(posts)} published posts; role probabilities out-of-fold by blog",
           "targets": {}}
    for t in CAL.TARGETS:
        (mean, scale, coef, b), C = models[t]
        out["targets"][t] = {"features": list(FEATURES[t]), "l2_C": C, "mean": [_r(x) for x in mean],
                             "scale": [_r(x) for x in scale], "coef": [_r(x) for x in coef], "intercept": _r(b)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    for t in CAL.TARGETS:
        m = out["targets"][t]
        print(f"  {t:<22} C={m['l2_C']:<5} " + ", ".join(f"{n} {c:+.2f}" for n, c in zip(m["features"], m["coef"])))


if __name__ == "__main__":
    main()
