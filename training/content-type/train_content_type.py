"""Train the content-type reading (linter/scoring/content_type.py) on the labelled posts.

Labels: labels-a.tsv and labels-b.tsv in this folder (two independent labellings of the 152
published posts in ../shared/corpus; TYPES.md). A post is used where both agree; the one
case study is left out (one example cannot be learned). Features: content_type.content_features,
with the shipped sentence-role model's probabilities.

Cross-validation: leave one blog out (9 folds) -- no blog is in both the training and the
test part -- reporting accuracy, macro F1 and the precision of the hint that is shown to
writers (a non-thought type predicted at or above the hint threshold). The threshold and
the L2 strength are picked on the training part of each fold only.

    pip install scikit-learn            # training only
    python training/content-type/train_content_type.py [--no-write]

Writes linter/scoring/models/content_type.json (deterministic: fixed seed, lbfgs, rounded).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training" / "sentence-roles"))

import train_roles as TR  # noqa: E402
from linter.scoring import content_type as CT  # noqa: E402
from linter.scoring import roles as R  # noqa: E402

SEED = 20261207
TYPES = ("thought", "tutorial", "release", "announcement", "explainer")
GRID = (0.03, 0.1, 0.3, 1.0)
HINT_GRID = (0.5, 0.6, 0.7, 0.8)


def read_types() -> dict[str, str]:
    def load(name):
        with open(HERE / name, encoding="utf-8", newline="") as fh:
            return {r["file"]: r["type"] for r in csv.DictReader(fh, delimiter="\t")}
    a, b = load("labels-a.tsv"), load("labels-b.tsv")
    return {f: t for f, t in a.items() if b.get(f) == t and t in TYPES}


def dataset(cache: Path, trust_cache: bool):
    corpus = TR.analyse_corpus(cache, trust_cache=trust_cache)
    labels = read_types()
    model = R.RoleModel.load()
    keys, rows, ys = [], [], []
    names = None
    for key, post in sorted(corpus["posts"].items()):
        if key not in labels:
            continue
        sents = post["sentences"]
        ctx = R.DraftContext.of(sents, post["words"], post["announcement"], post["listicle_title"])
        probs = model.predict(sents, ctx)
        feats = CT.content_features(sents, probs, model.roles, post["words"], post["code_blocks"], post["inline_code"])
        names = names or sorted(feats)
        keys.append(key)
        rows.append([feats[n] for n in names])
        ys.append(TYPES.index(labels[key]))
    return keys, np.array(rows), np.array(ys), names


def fit(X, y, C):
    from sklearn.linear_model import LogisticRegression

    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    m = LogisticRegression(C=C, max_iter=5000, random_state=SEED, class_weight="balanced")
    m.fit((X - mean) / scale, y)
    # every type gets a row, in TYPES order, even one absent from this training part
    coef = np.full((len(TYPES), X.shape[1]), 0.0)
    icpt = np.full(len(TYPES), -30.0)
    for row, cls in enumerate(m.classes_):
        coef[cls], icpt[cls] = m.coef_[row], m.intercept_[row]
    return mean, scale, coef, icpt


def proba(params, X):
    mean, scale, coef, icpt = params
    z = ((X - mean) / scale) @ coef.T + icpt
    z = np.exp(z - z.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def blogs(keys):
    return np.array([TR.blog_of(k) for k in keys])


def hint_precision(p, y, at) -> tuple[float, int]:
    pred = p.argmax(axis=1)
    shown = (pred != 0) & (p.max(axis=1) >= at)
    if not shown.any():
        return 1.0, 0
    return float((pred[shown] == y[shown]).mean()), int(shown.sum())


def inner_pick(X, y, groups):
    """C by log loss and the hint threshold by hint precision (at least 0.9, else the
    highest), both on a leave-one-blog-out split of the training part."""
    best = None
    for C in GRID:
        p = np.zeros((len(y), len(TYPES)))
        for g in sorted(set(groups)):
            test = groups == g
            p[test] = proba(fit(X[~test], y[~test], C), X[test])
        loss = -np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-9, 1)))
        if best is None or loss < best[0]:
            best = (loss, C, p)
    _, C, p = best
    at = next((t for t in HINT_GRID if hint_precision(p, y, t)[0] >= 0.9), HINT_GRID[-1])
    return C, at


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=TR.DEFAULT_CACHE)
    ap.add_argument("--trust-cache", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    keys, X, y, names = dataset(args.cache, args.trust_cache)
    groups = blogs(keys)
    print(f"{len(y)} posts: " + ", ".join(f"{t} {c}" for t, c in sorted(Counter(TYPES[i] for i in y).items())))
    p = np.zeros((len(y), len(TYPES)))
    ats = np.zeros(len(y))
    for g in sorted(set(groups)):
        test = groups == g
        C, at = inner_pick(X[~test], y[~test], groups[~test])
        p[test] = proba(fit(X[~test], y[~test], C), X[test])
        ats[test] = at
    pred = p.argmax(axis=1)
    acc = float((pred == y).mean())
    f1s = []
    for k, t in enumerate(TYPES):
        tp = int(((pred == k) & (y == k)).sum())
        fp = int(((pred == k) & (y != k)).sum())
        fn = int(((pred != k) & (y == k)).sum())
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        print(f"  {t:<13} n={int((y == k).sum()):>3}  P {prec:.2f}  R {rec:.2f}  F1 {f1:.2f}")
    shown = (pred != 0) & (p.max(axis=1) >= ats)
    hint_p = float((pred[shown] == y[shown]).mean()) if shown.any() else 1.0
    wrong_on_thought = int((shown & (y == 0)).sum())
    print(f"leave-one-blog-out: accuracy {acc:.2f}, macro F1 {np.mean(f1s):.2f}; hint shown on {int(shown.sum())} "
          f"posts, right type on {hint_p:.2f} of them; shown on {wrong_on_thought} of {int((y == 0).sum())} "
          "thought-leadership posts")
    for g in sorted(set(groups)):
        m = groups == g
        print(f"  {g:<22} n={int(m.sum()):>3}  accuracy {float((pred[m] == y[m]).mean()):.2f}")
    if args.no_write:
        return
    C, at = inner_pick(X, y, groups)
    mean, scale, coef, icpt = fit(X, y, C)
    r = lambda a: [float(f"{v:.5g}") for v in np.ravel(a)]  # noqa: E731
    data = {"types": list(TYPES), "features": names, "mean": r(mean), "scale": r(scale),
            "coef": [r(row) for row in coef], "intercept": r(icpt), "hint_at": at, "C": C,
            "trained_on": f"{len(y)} labelled published posts (training/content-type)"}
    CT.MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {CT.MODEL_PATH.relative_to(REPO)} (C {C}, hint at {at})")


if __name__ == "__main__":
    main()
