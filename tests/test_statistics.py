"""``draftlint lint --statistics``: findings counted per rule after the report."""

from __future__ import annotations

import json

from reliability_support import lint, write

DRAFTS = {
    "a.md": "# A\n\nMany teams do this. It is very fast.\n\nMany more do that.\n",
    "b.md": "# B\n\nIt is very good.\n",
}
RULES = ("--select", "vague-quantifier,weak-intensifier", "--fail-under", "0")
TABLE = [
    "findings per rule, in 2 draft(s):",
    "  vague-quantifier       2  in 1 draft(s)",
    "  weak-intensifier       2  in 2 draft(s)",
    "  total                  4",
]


def test_statistics_follow_the_text_report(tmp_path):
    write(tmp_path, DRAFTS)
    proc = lint("a.md", "b.md", "--statistics", "--quiet", *RULES, cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert lines[:4] == [
        "a.md:3:1: warning vague-quantifier 'Many' is vague: say how many or how much",
        "a.md:3:27: info weak-intensifier 'very' intensifies without informing: use a stronger word or a figure",
        "a.md:5:1: warning vague-quantifier 'Many' is vague: say how many or how much",
        "b.md:3:7: info weak-intensifier 'very' intensifies without informing: use a stronger word or a figure",
    ]
    assert lines[-4:] == TABLE


def test_statistics_go_to_stderr_beside_a_json_report(tmp_path):
    write(tmp_path, DRAFTS)
    proc = lint("a.md", "b.md", "--statistics", "--format", "json", *RULES, cwd=tmp_path)
    assert len(json.loads(proc.stdout)["files"]) == 2  # stdout is still one JSON document
    assert proc.stderr.splitlines() == TABLE


def test_no_findings_says_so(tmp_path):
    write(tmp_path, {"c.md": "# C\n\nWe cut the build from 14 minutes to 3.\n"})
    proc = lint("c.md", "--statistics", "--quiet", *RULES, cwd=tmp_path)
    assert proc.stdout.splitlines() == ["no findings in 1 draft(s)"]
