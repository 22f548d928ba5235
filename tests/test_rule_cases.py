"""Per-rule cases with exact expectations, read from ``tests/cases/<category>.yaml``.

Each case is a Markdown draft in and the list of one rule's findings out::

    cases:
      - name: what the case shows
        rule: buzzword
        text: "Our next-gen plan.\\n"
        expect:
          - {rule: buzzword, line: 1, column: 5, end_line: 1, end_column: 13, text: "next-gen"}

Findings are compared exactly and in order. On a mismatch the assertion prints the
actual findings as an ``expect:`` block ready to paste, after checking it by eye.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import findings_of, linter_for
from test_rule_examples import assert_positions

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASE_KEYS = {"name", "rule", "text", "expect"}
FIELDS = ("rule", "line", "column", "end_line", "end_column", "text")


def load_cases(cases_dir: Path = CASES_DIR) -> list:
    """One pytest param per case, ``(file stem, case)``, from every YAML file in ``cases_dir``."""
    params = []
    for path in sorted(cases_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}:{case.get('name', i)}"))
    return params


CASES = load_cases()


def paste_ready(findings) -> str:
    """Findings as the YAML ``expect:`` block a case file holds."""
    if not findings:
        return "    expect: []"
    lines = ["    expect:"]
    for f in findings:
        rule, line, column, end_line, end_column, text = f
        lines.append(
            f"      - {{rule: {rule}, line: {line}, column: {column}, end_line: {end_line}, "
            f"end_column: {end_column}, text: {json.dumps(text, ensure_ascii=False)}}}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize(("category", "case"), CASES)
def test_case(linter, category, case):
    assert set(case) == CASE_KEYS, f"a case has exactly the keys {sorted(CASE_KEYS)}, not {sorted(case)}"
    rule = linter.rules.get(case["rule"])
    assert rule is not None, f"unknown rule {case['rule']!r}"
    assert rule.category == category, f"rule {rule.id} belongs in cases/{rule.category}.yaml"
    for e in case["expect"]:
        assert set(e) == set(FIELDS) and e["rule"] == rule.id, f"malformed expectation {e}"
    expected = [tuple(e[k] for k in FIELDS) for e in case["expect"]]

    report = linter.lint_text(case["text"], "case.md")
    assert report.error is None, report.error
    actual = findings_of(report, rule.id)
    assert actual == expected, f"findings of {rule.id} differ; actual:\n{paste_ready(actual)}"
    assert_positions(case["text"], report)


def test_every_rule_has_cases():
    covered = {case.values[1]["rule"] for case in CASES}
    missing = sorted(linter_for().rules.ids - covered)
    assert not missing, f"rules without cases in tests/cases/: {', '.join(missing)}"


def test_house_style_only_prose_is_linted(linter):
    # The case the house style names: code spans and link targets are not prose, the link
    # text is, and only the last "very" is flagged, at its exact column.
    text = "See `very fast` and [really](https://very.example), it is *very* quick.\n"
    report = linter.lint_text(text, "draft.md")
    assert findings_of(report) == [("weak-intensifier", 1, 60, 1, 64, "very")]


def test_paste_ready_output_round_trips():
    findings = [("cliche", 1, 42, 2, 6, "low-hanging\nfruit"), ("buzzword", 3, 1, 3, 9, 'say "hi"')]
    block = paste_ready(findings)
    assert yaml.safe_load(block)["expect"] == [dict(zip(FIELDS, f)) for f in findings]


def test_messages_fill_in_the_match_replacement_and_measure(linter):
    # Cases pin positions; this pins what the template fields become in the message.
    words = " ".join(["word"] * 41)
    report = linter.lint_text(f"We could leverage it.\n\n{words}.\n", "draft.md")
    messages = {rf.finding.rule: rf.finding.message for rf in report.findings}
    assert messages["inflated-word"] == "'could leverage' is an inflated word: write 'could use'"
    assert messages["long-sentence"] == "This sentence has 41 words (more than 40): split it"
