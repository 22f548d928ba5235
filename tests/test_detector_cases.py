"""Per-detector cases with exact expectations, read from ``tests/detector_cases/<detector>.yaml``.

Each case is a short draft in, scored against a packaged term that uses the detector, and
that criterion's verdict, evidence positions and (where it matters) the start of its
"what is missing" out::

    cases:
      - name: what the case shows
        term: tutorial
        criterion: working_examples
        text: "..."
        expect:
          met: true
          evidence: [{line: 5, column: 1, text: "npm install draftlint"}]
          missing: null            # or the message's first words

Evidence is compared exactly and in order, by line, column and source text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import linter_for
from test_rule_cases import load_cases
from linter.scoring.detectors import DETECTORS

CASES_DIR = Path(__file__).resolve().parent / "detector_cases"
CASE_KEYS = {"name", "term", "criterion", "text", "expect"}
EXPECT_KEYS = {"met", "evidence", "missing"}


CASES = load_cases(CASES_DIR)


def _criterion(report, criterion_id):
    [rc] = [rc for rc in report.criteria if rc.score.id == criterion_id]
    return rc


@pytest.mark.parametrize(("detector", "case"), CASES)
def test_detector_case(detector, case):
    assert set(case) == CASE_KEYS, f"a case has exactly the keys {sorted(CASE_KEYS)}, not {sorted(case)}"
    assert set(case["expect"]) <= EXPECT_KEYS and "met" in case["expect"], case["expect"]
    linter = linter_for()
    term = linter.glossary.get(case["term"])
    [criterion] = [c for c in term.criteria if c.id == case["criterion"]]
    assert criterion.detector == detector, f"{case['criterion']} of {term.id} uses {criterion.detector}"
    text = f"---\ndraftlint:\n  term: {term.id}\n---\n" + case["text"]
    report = linter.lint_text(text, "case.md")
    assert report.error is None, report.error
    rc = _criterion(report, criterion.id)
    shift = 4  # the front matter's lines
    got = {
        "met": rc.score.met,
        "evidence": [{"line": e.line - shift, "column": e.column, "text": e.evidence.text} for e in rc.evidence],
        "missing": rc.score.missing,
    }
    expect = case["expect"]
    assert got["met"] == expect["met"], f"score {rc.score.score}; {got}"
    if "evidence" in expect:
        assert got["evidence"] == expect["evidence"], got["evidence"]
    if "missing" in expect:
        if expect["missing"] is None:
            assert got["missing"] is None, got["missing"]
        else:
            assert (got["missing"] or "").startswith(expect["missing"]), got["missing"]


def test_every_detector_has_cases_that_meet_and_cases_that_do_not():
    verdicts: dict[str, set] = {}
    for param in CASES:
        detector, case = param.values
        verdicts.setdefault(detector, set()).add(case["expect"]["met"])
    lacking = sorted(d for d in DETECTORS if verdicts.get(d) != {True, False})
    assert not lacking, f"detectors without a met and an unmet case in tests/detector_cases/: {', '.join(lacking)}"
