"""``draftlint calibrate``: learn a term's criterion weights and pass mark from a team's own
labelled posts, and write them as a term file the config can use.

The drafts listed in ``FOLDER/labels.tsv`` (the format ``draftlint eval`` reads) are linted
against a base term; each draft's criterion scores are the inputs and the editors'
thought-leadership label (above 0.5: should pass; below: should not; exactly 0.5 left out)
the target. A logistic model with non-negative weights is fitted by Newton steps with a
light L2 penalty; its weights, scaled to add up to 100, become the criteria's weights, and
the weighted mean at which it turns from "fail" to "pass" becomes ``pass_score``. k-fold
cross-validation (stratified, fixed seed) reports how the learned term would rank and
judge drafts it was not fitted on.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from linter.errors import InputError
from linter.evaluation import auc, read_labels, spearman

SEED = 20261207
L2 = 1.0
MIN_PER_CLASS = 3


@dataclass(frozen=True)
class Calibration:
    criteria: tuple[str, ...]
    weights: tuple[float, ...]  # adding up to 100
    pass_score: float
    n: int
    folds: int
    cv_auc: float
    cv_accuracy: float
    cv_spearman: float


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights (non-negative) and intercept of an L2 logistic regression, by projected
    Newton steps (a handful of features, so each step is a tiny linear solve)."""
    n, k = x.shape
    w, b = np.zeros(k), 0.0
    for _ in range(100):
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g_w = x.T @ (p - y) + L2 * w
        g_b = float(np.sum(p - y))
        r = p * (1 - p)
        h = np.zeros((k + 1, k + 1))
        h[:k, :k] = (x * r[:, None]).T @ x + L2 * np.eye(k)
        h[:k, k] = h[k, :k] = (x * r[:, None]).sum(axis=0)
        h[k, k] = r.sum() + 1e-9
        step = np.linalg.solve(h, np.append(g_w, g_b))
        w_new, b_new = np.maximum(w - step[:k], 0.0), b - step[k]
        done = np.max(np.abs(w_new - w)) < 1e-8 and abs(b_new - b) < 1e-8
        w, b = w_new, b_new
        if done:
            break
    return w, b


def as_term_weights(w: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    """The criteria's weights (adding up to 100) and the pass mark of the weighted mean,
    times 100, where the model's probability crosses 0.5."""
    total = float(w.sum())
    if total <= 0:
        return np.full(len(w), 100.0 / len(w)), 50.0
    return 100.0 * w / total, max(0.0, min(100.0, -100.0 * b / total))


def _folds(y: np.ndarray, k: int) -> list[np.ndarray]:
    rng = random.Random(SEED)
    idx = {label: [i for i in range(len(y)) if y[i] == label] for label in (0, 1)}
    folds: list[list[int]] = [[] for _ in range(k)]
    for label in (0, 1):
        members = idx[label]
        rng.shuffle(members)
        for j, i in enumerate(members):
            folds[j % k].append(i)
    return [np.array(sorted(f)) for f in folds]


def calibrate(linter, folder: Path, term_id: str, k: int = 5) -> Calibration:
    term = linter.glossary.get(term_id)
    if term is None or not term.scorable:
        raise InputError(f"no term '{term_id}' with criteria to calibrate")
    rows = read_labels(folder)
    report = linter.lint_paths([str(folder / r["file"].strip()) for r in rows])
    criteria = tuple(c.id for c in term.criteria)
    xs, labels = [], []
    for row, fr in zip(rows, report.files):
        if fr.error:
            raise InputError(fr.error)
        if fr.term != term_id:
            raise InputError(f"{row['file'].strip()} is scored against '{fr.term}', not '{term_id}'")
        scores = {rc.score.id: rc.score.score for rc in fr.criteria}
        xs.append([scores[c] for c in criteria])
        labels.append(float(row["thought_leadership"]))
    x_all, label_all = np.array(xs), np.array(labels)
    keep = label_all != 0.5
    x, y = x_all[keep], (label_all[keep] > 0.5).astype(float)
    per_class = min(int(y.sum()), int(len(y) - y.sum()))
    if per_class < MIN_PER_CLASS:
        raise InputError(f"calibrating needs at least {MIN_PER_CLASS} drafts labelled above 0.5 and "
                         f"{MIN_PER_CLASS} below; labels.tsv has {int(y.sum())} and {int(len(y) - y.sum())}",
                         path=str(folder / "labels.tsv"))
    k = max(2, min(k, per_class))
    mean_scores = np.zeros(len(y))
    passed = np.zeros(len(y), dtype=bool)
    for test in _folds(y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        weights, pass_score = as_term_weights(*fit(x[train], y[train]))
        mean_scores[test] = x[test] @ weights
        passed[test] = mean_scores[test] >= pass_score
    weights, pass_score = as_term_weights(*fit(x, y))
    return Calibration(
        criteria=criteria, weights=tuple(round(float(v), 1) for v in weights), pass_score=round(float(pass_score), 1),
        n=len(rows), folds=k, cv_auc=auc(list(mean_scores), [int(v) for v in y]),
        cv_accuracy=float(np.mean(passed == (y > 0.5))),
        cv_spearman=spearman(list(mean_scores), list(label_all[keep])),
    )


def term_yaml(base, cal: Calibration, new_id: str, folder: str) -> str:
    """The calibrated term as a glossary file: the base term's text and criteria, with the
    learned weights and pass mark (and the weighted mean as its score)."""
    import yaml

    from linter.scoring.detectors.params import changed

    weights = dict(zip(cal.criteria, cal.weights))
    criteria = []
    for c in base.criteria:
        entry = {"id": c.id, "name": c.name, "weight": weights[c.id], "explanation": c.explanation,
                 "detector": c.detector, "met_at": c.met_at}
        if c.rules:
            entry["rules"] = list(c.rules)
        if c.missing:
            entry["missing"] = c.missing
        if changed(c.params):
            entry["params"] = changed(c.params)
        criteria.append(entry)
    data = {"id": new_id, "name": f"{base.name} (calibrated)", "definition": base.definition}
    if base.explanation:
        data["explanation"] = base.explanation
    data["pass_score"] = cal.pass_score
    data["criteria"] = criteria
    head = (f"# Calibrated by draftlint calibrate from {cal.n} labelled drafts in {folder}\n"
            f"# ({cal.folds}-fold cross-validated: AUC {_f(cal.cv_auc)}, passed accuracy {_f(cal.cv_accuracy)}, "
            f"Spearman {_f(cal.cv_spearman)}).\n")
    return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _f(v: float) -> str:
    return "nan" if math.isnan(v) else f"{v:.2f}"


def render(cal: Calibration) -> str:
    from linter.report.escape import terminal

    lines = [f"{'criterion':<24}{'weight':>8}"]
    lines += [terminal(f"{c:<24}{w:>8.1f}") for c, w in zip(cal.criteria, cal.weights)]
    lines += ["", f"pass score: {cal.pass_score:.1f}", f"drafts: {cal.n}",
              f"{cal.folds}-fold cross-validated: AUC {_f(cal.cv_auc)}, passed accuracy {_f(cal.cv_accuracy)}, "
              f"Spearman with the label {_f(cal.cv_spearman)}"]
    return "\n".join(lines) + "\n"
