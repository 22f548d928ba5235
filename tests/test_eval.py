"""draftlint eval: the metrics, the command, and accuracy guards on labelled sets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from linter.evaluation import CriterionStats, auc, evaluate, read_labels
from linter.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "heldout"
LABELLED = ROOT.parent / "shared" / "labeled-drafts"
HEADER = "file\tthought_leadership\toriginal_data\tspecific_numbers\tcontrarian_stance\tgeneric_tips\tfirst_hand_experience\n"

GOOD = """# We stopped shipping on Fridays, then started again

Most teams treat a Friday deploy freeze as common sense. We ran one for a year and then dropped it.
In 2023 we froze deploys from Friday noon; in 2024 we allowed them again. Rollbacks fell from 31 to 12,
and the median time to restore went from 48 minutes to 19 minutes, because small changes shipped
the day they were ready instead of piling up for Monday. We measured this across 1,430 deploys.
"""
GENERIC = """# 7 Tips for Better Deploys

Make sure to test everything. You should always have a rollback plan. Follow best practices.
Communicate with your team. Monitor your systems. Automate what you can. Document everything.
"""


def test_auc_counts_ties_as_half():
    assert auc([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0]) == pytest.approx((1 + 1 + 0.5 + 1) / 4)


def test_precision_recall_f1():
    stats = CriterionStats("x", tp=3, fp=1, fn=2, tn=4)
    assert (stats.precision, stats.recall) == (0.75, 0.6)
    assert stats.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_eval_on_a_small_folder(linter, tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "generic.md").write_text(GENERIC, encoding="utf-8")
    (tmp_path / "labels.tsv").write_text(HEADER + "good.md\t1\t1\t1\t1\t0\t1\ngeneric.md\t0\t0\t0\t0\t1\t0\n",
                                         encoding="utf-8")
    ev = evaluate(linter, tmp_path)
    assert ev.n == 2
    assert ev.accuracy == 1.0 and ev.auc == 1.0
    assert {c.id: (c.tp, c.fp, c.fn, c.tn) for c in ev.criteria} == {
        "original_data": (1, 0, 0, 1), "specific_numbers": (1, 0, 0, 1), "contrarian_stance": (1, 0, 0, 1),
        "no_generic_tips": (1, 0, 0, 1), "first_hand_experience": (1, 0, 0, 1),
    }


def test_eval_command_prints_the_figures(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "labels.tsv").write_text(HEADER + "good.md\t1\t1\t1\t1\t0\t1\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "linter", "eval", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["criterion", "precision", "recall", "F1", "tp", "fp", "fn", "tn"]
    assert lines[1].split() == ["original_data", "1.00", "1.00", "1.00", "1", "0", "0", "0"]
    assert lines[-3:] == ["drafts: 1", "passed accuracy: 1.00", "score AUC: nan"]


def test_bad_labels_are_one_line_errors(tmp_path):
    (tmp_path / "labels.tsv").write_text(HEADER + "a.md\t1\t2\t1\t1\t0\t1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels\.tsv:2: column 'original_data' must be 0 or 1, not '2'"):
        read_labels(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "linter", "eval", str(tmp_path / "nope")], capture_output=True,
                          text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"draftlint: error: {tmp_path / 'nope'}: no labels.tsv in this folder"


def _check_targets(ev, f1: float, accuracy: float, area: float) -> None:
    low = {c.id: round(c.f1, 2) for c in ev.criteria if c.f1 < f1}
    assert not low, f"criteria under F1 {f1}: {low}"
    assert ev.accuracy >= accuracy
    assert ev.auc >= area


def test_held_out_set_accuracy(linter):
    """Drafts written and labelled apart from the detectors: a guard against regressions."""
    ev = evaluate(linter, HELDOUT)
    assert ev.n == 24
    _check_targets(ev, f1=0.75, accuracy=0.9, area=0.95)


@pytest.mark.skipif(not LABELLED.is_dir(), reason="the labelled drafts live in ../shared, beside the repository")
def test_labelled_set_meets_the_targets(linter):
    ev = evaluate(linter, LABELLED)
    assert ev.n == 50
    _check_targets(ev, f1=0.9, accuracy=0.9, area=0.95)
