"""Meta-tests over every rule's own ``examples``: the examples are documentation
(``draftlint explain`` shows them), so each one must do what it claims.

- every rule has at least one bad and one good example;
- each bad example, linted as a Markdown draft, is flagged by its rule;
- no good example is flagged by its rule;
- every finding's ``text`` is the draft text at its reported line/column range.
"""

from __future__ import annotations

import re

import pytest

from conftest import findings_of, linter_for

RULES = linter_for().rules.rules
RULE_IDS = [rule.id for rule in RULES]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def source_slice(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The text between two 1-based (line, column) positions; columns count code points and
    the end is exclusive. Worked out here from the raw text, independently of the linter."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    return text[starts[line - 1] + column - 1 : starts[end_line - 1] + end_column - 1]


def assert_positions(text: str, report) -> None:
    """Every finding's text equals the draft text at its reported range."""
    for rule, line, column, end_line, end_column, found in findings_of(report):
        at = source_slice(text, line, column, end_line, end_column)
        assert found == at, (
            f"{rule} at {line}:{column}-{end_line}:{end_column} reports {found!r}, "
            f"but the draft has {at!r} there"
        )


def _rule(rule_id: str):
    return next(rule for rule in RULES if rule.id == rule_id)


def _examples(kind: str):
    return [
        pytest.param(rule.id, i, ex, id=f"{rule.id}-{kind}{i}")
        for rule in RULES
        for i, ex in enumerate(rule.examples_bad if kind == "bad" else rule.examples_good)
    ]


def test_rules_are_loaded():
    # A guard against a parametrisation that silently covers nothing.
    assert {"vague-quantifier", "buzzword", "generic-advice", "unsourced-claim"} <= set(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_bad_and_good_examples(rule_id):
    rule = _rule(rule_id)
    assert rule.examples_bad, f"{rule_id} has no bad example"
    assert rule.examples_good, f"{rule_id} has no good example"


@pytest.mark.parametrize(("rule_id", "index", "example"), _examples("bad"))
def test_bad_example_is_flagged(linter, rule_id, index, example):
    report = linter.lint_text(example, "example.md")
    assert report.error is None, report.error
    assert findings_of(report, rule_id), f"bad example {index} of {rule_id} is not flagged: {example!r}"
    assert_positions(example, report)
    for rf in report.findings:
        if rf.finding.rule == rule_id:
            # A template field the rule type does not provide is left as "{name}" in the text.
            for shown in (rf.finding.message, rf.finding.suggestion or ""):
                assert not re.search(r"\{\w+\}", shown), f"{rule_id}: unfilled template field in {shown!r}"


@pytest.mark.parametrize(("rule_id", "index", "example"), _examples("good"))
def test_good_example_is_not_flagged(linter, rule_id, index, example):
    report = linter.lint_text(example, "example.md")
    assert report.error is None, report.error
    assert findings_of(report, rule_id) == [], f"good example {index} of {rule_id} is flagged: {example!r}"
    assert_positions(example, report)


def test_source_slice_counts_code_points_across_line_endings():
    # The helper the position checks rest on: 1-based, end-exclusive, any line ending.
    text = "a\r\nb\u00e9c\rd\ne"
    assert source_slice(text, 2, 2, 2, 3) == "\u00e9"
    assert source_slice(text, 2, 3, 3, 2) == "c\rd"
    assert source_slice(text, 4, 1, 4, 2) == "e"
