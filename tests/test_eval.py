"""draftlint eval: the metrics, the command, and accuracy guards on labelled sets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from linter.evaluation import CriterionStats, auc, evaluate, read_labels, spearman
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
    assert lines[-4:] == ["drafts: 1", "passed accuracy: 1.00", "score AUC: nan", "Spearman with the label: nan"]


def test_bad_labels_are_one_line_errors(tmp_path):
    (tmp_path / "labels.tsv").write_text(HEADER + "a.md\t1\t2\t1\t1\t0\t1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels\.tsv:2: column 'original_data' must be 0, 1 or -, not '2'"):
        read_labels(tmp_path)
    (tmp_path / "labels.tsv").write_text(HEADER + "a.md\t1.5\t1\t1\t1\t0\t1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"labels\.tsv:2: column 'thought_leadership' must be a number from 0 to 1, "
                                         r"not '1\.5'"):
        read_labels(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "linter", "eval", str(tmp_path / "nope")], capture_output=True,
                          text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"draftlint: error: {tmp_path / 'nope'}: no labels.tsv in this folder"


MIXED = """# Release 4.2

Version 4.2 is out. It adds dark mode and a new export button. Upgrade today.
"""


def test_editors_mean_labels_split_calls_and_dashes(linter, tmp_path):
    """0.25 and 0.75 count as 0 and 1, a 0.5 stays out of accuracy and AUC but not out of
    the rank correlation, and a '-' criterion stays out of that criterion's counts."""
    for folder, text in (("blog-a", GOOD), ("blog-b", GENERIC), ("blog-b", MIXED)):
        (tmp_path / folder).mkdir(exist_ok=True)
    (tmp_path / "blog-a" / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "blog-b" / "generic.md").write_text(GENERIC, encoding="utf-8")
    (tmp_path / "blog-b" / "release.md").write_text(MIXED, encoding="utf-8")
    (tmp_path / "labels.tsv").write_text(
        HEADER + "blog-a/good.md\t0.75\t1\t1\t-\t0\t1\n"
                 "blog-b/generic.md\t0.25\t0\t0\t0\t1\t0\n"
                 "blog-b/release.md\t0.5\t0\t0\t0\t-\t0\n", encoding="utf-8")
    ev = evaluate(linter, tmp_path)
    scores = {fr.path.rsplit("/", 1)[-1]: fr.score for fr in linter.lint_paths(
        [str(tmp_path / "blog-a" / "good.md"), str(tmp_path / "blog-b" / "generic.md"),
         str(tmp_path / "blog-b" / "release.md")]).files}
    assert (ev.n, ev.split, ev.accuracy, ev.auc) == (3, 1, 1.0, 1.0)
    expected = spearman([scores["good.md"], scores["generic.md"], scores["release.md"]], [0.75, 0.25, 0.5])
    assert ev.spearman == pytest.approx(expected)
    counted = {c.id: c.tp + c.fp + c.fn + c.tn for c in ev.criteria}
    assert (counted["contrarian_stance"], counted["no_generic_tips"], counted["original_data"]) == (2, 2, 3)
    assert [(g.name, g.n) for g in ev.groups] == [("blog-a", 1), ("blog-b", 2)]
    assert ev.groups[1].accuracy == 1.0


def test_spearman_averages_tied_ranks():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ranks of y with a tie: 1, 2.5, 2.5, 4
    assert spearman([1, 2, 3, 4], [0, 0.5, 0.5, 1]) == pytest.approx(0.9486832980505138)


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
