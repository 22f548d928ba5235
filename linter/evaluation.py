"""``draftlint eval``: compare draftlint's judgement with a folder of labelled drafts.

The folder holds drafts and a ``labels.tsv`` with the columns ``file``,
``thought_leadership`` and one column per criterion (``generic_tips`` is the
inverse of ``no_generic_tips``).

``thought_leadership`` is a number from 0 to 1: an editor's 0 or 1, or the mean of several
editors' calls (0.25, 0.5, 0.75). A draft above 0.5 should pass and one below should not;
one at exactly 0.5 (the editors split) is left out of the accuracy and the AUC, but kept in
the rank correlation with the mean label. A criterion is 0, 1 or ``-`` (no consensus: left
out of that criterion's counts).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError
from linter.source.reader import read_path

MAX_LABELS_BYTES = 16 * 1024 * 1024

#: criterion id -> (label column, True when the label is the criterion's inverse)
CRITERION_LABELS = {
    "original_data": ("original_data", False),
    "specific_numbers": ("specific_numbers", False),
    "contrarian_stance": ("contrarian_stance", False),
    "no_generic_tips": ("generic_tips", True),
    "first_hand_experience": ("first_hand_experience", False),
}


@dataclass(frozen=True)
class CriterionStats:
    id: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class GroupStats:
    """The figures for the drafts under one first path segment (a blog, say)."""

    name: str
    n: int
    accuracy: float
    auc: float
    spearman: float


@dataclass(frozen=True)
class Evaluation:
    n: int
    criteria: tuple[CriterionStats, ...]
    accuracy: float
    auc: float
    mistakes: tuple[tuple[str, str, float, int], ...]  # (file, what, label, predicted)
    spearman: float = float("nan")
    split: int = 0  # drafts labelled exactly 0.5, left out of accuracy and AUC
    groups: tuple[GroupStats, ...] = ()


def _label_value(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def read_labels(folder: Path) -> list[dict]:
    path = folder / "labels.tsv"
    if not path.is_file():
        raise InputError("no labels.tsv in this folder", path=str(folder))
    text = read_path(path, str(path), MAX_LABELS_BYTES).text  # regular file, size limit, one-line UTF-8 errors
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    if not rows or "file" not in rows[0] or "thought_leadership" not in rows[0]:
        raise InputError("labels.tsv needs the columns 'file' and 'thought_leadership'", path=str(path), line=1)
    for i, row in enumerate(rows, start=2):
        tl = (row.get("thought_leadership") or "").strip()
        if _label_value(tl) is None:
            raise InputError(f"column 'thought_leadership' must be a number from 0 to 1, not {tl[:40]!r}",
                             path=str(path), line=i)
        for key in [c for c, _ in CRITERION_LABELS.values() if c in row]:
            if (row.get(key) or "").strip() not in ("0", "1", "-"):
                raise InputError(f"column '{key}' must be 0, 1 or -, not {(row.get(key) or '')[:40]!r}",
                                 path=str(path), line=i)
        name = (row.get("file") or "").strip()
        if not name:
            raise InputError("column 'file' is empty", path=str(path), line=i)
        if (folder / name).is_dir():  # a folder would stand for many drafts and shift every later row
            raise InputError(f"column 'file' names a folder, not a draft: {name!r}", path=str(path), line=i)
    return rows


def auc(scores: list[float], labels: list[int]) -> float:
    """Probability that a positive draft outscores a negative one (ties count half)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (Pearson's on tie-averaged ranks); nan when either is constant."""
    if len(xs) < 2:
        return float("nan")
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else float("nan")


def _figures(rows: list[tuple[float, float, bool]]) -> tuple[float, float, float, int]:
    """(accuracy, AUC, Spearman, split) of (score, label, passed) triples."""
    decided = [(score, label, passed) for score, label, passed in rows if label != 0.5]
    accuracy = sum(passed == (label > 0.5) for _, label, passed in decided) / len(decided) if decided else float("nan")
    area = auc([score for score, _, _ in decided], [int(label > 0.5) for _, label, _ in decided])
    rho = spearman([score for score, _, _ in rows], [label for _, label, _ in rows])
    return accuracy, area, rho, len(rows) - len(decided)


def _group(name: str) -> str:
    parts = Path(name).parts
    return parts[0] if len(parts) > 1 else "."


def evaluate(linter, folder: Path) -> Evaluation:
    rows = read_labels(folder)
    report = linter.lint_paths([str(folder / r["file"].strip()) for r in rows])
    counts = {cid: [0, 0, 0, 0] for cid in CRITERION_LABELS}
    judged: list[tuple[str, float, float, bool]] = []
    mistakes = []
    for row, fr in zip(rows, report.files):
        if fr.error:
            raise InputError(fr.error)
        label = float(row["thought_leadership"])
        judged.append((row["file"].strip(), fr.score, label, bool(fr.passed)))
        if label != 0.5 and bool(fr.passed) != (label > 0.5):
            mistakes.append((row["file"], "passed", label, int(bool(fr.passed))))
        met = {rc.score.id: rc.score.met for rc in fr.criteria}
        for cid, (column, inverse) in CRITERION_LABELS.items():
            if column not in row or cid not in met or row[column].strip() == "-":
                continue
            truth = int(row[column]) == (0 if inverse else 1)
            pred = met[cid]
            idx = 0 if truth and pred else 1 if pred else 2 if truth else 3
            counts[cid][idx] += 1
            if truth != pred:
                mistakes.append((row["file"], cid, int(truth), int(pred)))
    stats = tuple(CriterionStats(cid, *c) for cid, c in counts.items() if sum(c))
    accuracy, area, rho, split = _figures([(score, label, passed) for _, score, label, passed in judged])
    groups = []
    names = sorted({_group(name) for name, *_ in judged})
    if len(names) > 1:
        for g in names:
            mine = [(score, label, passed) for name, score, label, passed in judged if _group(name) == g]
            g_accuracy, g_auc, g_rho, _ = _figures(mine)
            groups.append(GroupStats(g, len(mine), g_accuracy, g_auc, g_rho))
    return Evaluation(n=len(rows), criteria=stats, accuracy=accuracy, auc=area, mistakes=tuple(mistakes),
                      spearman=rho, split=split, groups=tuple(groups))


def render(ev: Evaluation, verbose: bool = False) -> str:
    from linter.report.escape import terminal  # file names and ids come from the labelled folder

    lines = [f"{'criterion':<24}{'precision':>10}{'recall':>8}{'F1':>7}   tp fp fn tn"]
    for c in ev.criteria:
        lines.append(f"{terminal(c.id):<24}{c.precision:>10.2f}{c.recall:>8.2f}{c.f1:>7.2f}   {c.tp:>2} {c.fp:>2} {c.fn:>2} {c.tn:>2}")
    if verbose and ev.mistakes:
        lines.append("")
        lines.append("disagreements (file, what, label, draftlint):")
        lines.extend(terminal(f"  {f}  {what}  label={lab} draftlint={pred}") for f, what, lab, pred in ev.mistakes)
    if ev.groups:
        lines.append("")
        lines.append(f"{'group':<24}{'drafts':>7}{'accuracy':>10}{'AUC':>7}{'Spearman':>10}")
        for g in ev.groups:
            lines.append(terminal(f"{g.name:<24}{g.n:>7}{g.accuracy:>10.2f}{g.auc:>7.2f}{g.spearman:>10.2f}"))
    lines.append("")
    lines.append(f"drafts: {ev.n}" + (f" ({ev.split} labelled 0.5, left out of accuracy and AUC)" if ev.split else ""))
    lines.append(f"passed accuracy: {ev.accuracy:.2f}")
    lines.append(f"score AUC: {ev.auc:.2f}")
    lines.append(f"Spearman with the label: {ev.spearman:.2f}")
    return "\n".join(lines) + "\n"
