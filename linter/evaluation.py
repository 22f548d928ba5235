"""``draftlint eval``: compare draftlint's judgement with a folder of labelled drafts.

The folder holds drafts and a ``labels.tsv`` with the columns ``file``,
``thought_leadership`` and one column per criterion (``generic_tips`` is the
inverse of ``no_generic_tips``). Values are 0 or 1.
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
class Evaluation:
    n: int
    criteria: tuple[CriterionStats, ...]
    accuracy: float
    auc: float
    mistakes: tuple[tuple[str, str, int, int], ...]  # (file, what, label, predicted)


def read_labels(folder: Path) -> list[dict]:
    path = folder / "labels.tsv"
    if not path.is_file():
        raise InputError("no labels.tsv in this folder", path=str(folder))
    text = read_path(path, str(path), MAX_LABELS_BYTES).text  # regular file, size limit, one-line UTF-8 errors
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t"))
    if not rows or "file" not in rows[0] or "thought_leadership" not in rows[0]:
        raise InputError("labels.tsv needs the columns 'file' and 'thought_leadership'", path=str(path), line=1)
    for i, row in enumerate(rows, start=2):
        for key in ["thought_leadership"] + [c for c, _ in CRITERION_LABELS.values() if c in row]:
            if (row.get(key) or "").strip() not in ("0", "1"):
                raise InputError(f"column '{key}' must be 0 or 1, not {row.get(key)!r}", path=str(path), line=i)
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


def evaluate(linter, folder: Path) -> Evaluation:
    rows = read_labels(folder)
    report = linter.lint_paths([str(folder / r["file"].strip()) for r in rows])
    counts = {cid: [0, 0, 0, 0] for cid in CRITERION_LABELS}
    scores, labels, hits = [], [], 0
    mistakes = []
    for row, fr in zip(rows, report.files):
        if fr.error:
            raise InputError(fr.error)
        label = int(row["thought_leadership"])
        scores.append(fr.score)
        labels.append(label)
        hits += int(bool(fr.passed) == bool(label))
        if bool(fr.passed) != bool(label):
            mistakes.append((row["file"], "passed", label, int(bool(fr.passed))))
        met = {rc.score.id: rc.score.met for rc in fr.criteria}
        for cid, (column, inverse) in CRITERION_LABELS.items():
            if column not in row or cid not in met:
                continue
            truth = int(row[column]) == (0 if inverse else 1)
            pred = met[cid]
            idx = 0 if truth and pred else 1 if pred else 2 if truth else 3
            counts[cid][idx] += 1
            if truth != pred:
                mistakes.append((row["file"], cid, int(truth), int(pred)))
    stats = tuple(CriterionStats(cid, *c) for cid, c in counts.items() if sum(c))
    return Evaluation(
        n=len(rows),
        criteria=stats,
        accuracy=hits / len(rows) if rows else 0.0,
        auc=auc(scores, labels),
        mistakes=tuple(mistakes),
    )


def render(ev: Evaluation, verbose: bool = False) -> str:
    from linter.report.escape import terminal  # file names and ids come from the labelled folder

    lines = [f"{'criterion':<24}{'precision':>10}{'recall':>8}{'F1':>7}   tp fp fn tn"]
    for c in ev.criteria:
        lines.append(f"{terminal(c.id):<24}{c.precision:>10.2f}{c.recall:>8.2f}{c.f1:>7.2f}   {c.tp:>2} {c.fp:>2} {c.fn:>2} {c.tn:>2}")
    if verbose and ev.mistakes:
        lines.append("")
        lines.append("disagreements (file, what, label, draftlint):")
        lines.extend(terminal(f"  {f}  {what}  label={lab} draftlint={pred}") for f, what, lab, pred in ev.mistakes)
    lines.append("")
    lines.append(f"drafts: {ev.n}")
    lines.append(f"passed accuracy: {ev.accuracy:.2f}")
    lines.append(f"score AUC: {ev.auc:.2f}")
    return "\n".join(lines) + "\n"
