"""A rule that repeats itself on one draft is shown a few times, then counted
(``repeat_limit`` in the project file, 5 by default, 0 for all)."""

from __future__ import annotations

from reliability_support import lint, write

DRAFT = "# A\n\nMany a. Many b. Many c. Many d. Many e. Many f. Many g. Many h.\n"
ARGS = ("rep.md", "--quiet", "--select", "vague-quantifier", "--fail-under", "0")


def _one(column: int) -> str:
    return f"rep.md:3:{column}: warning vague-quantifier 'Many' is vague: say how many or how much"


def _rest(column: int, n: int, limit: int) -> str:
    return (f"rep.md:3:{column}: warning vague-quantifier {n} more 'vague-quantifier' findings from here on in this "
            f"draft, not shown one by one (repeat_limit: {limit}): fix the pattern rather than each one")


def test_after_five_findings_a_rule_counts_the_rest(tmp_path):
    write(tmp_path, {"rep.md": DRAFT})
    proc = lint(*ARGS, cwd=tmp_path)
    assert proc.stdout.splitlines() == [_one(1), _one(9), _one(17), _one(25), _one(33), _rest(41, 3, 5)]


def test_the_limit_is_a_project_setting(tmp_path):
    write(tmp_path, {"rep.md": DRAFT, "draftlint.yaml": "repeat_limit: 2\n"})
    assert lint(*ARGS, cwd=tmp_path).stdout.splitlines() == [_one(1), _one(9), _rest(17, 6, 2)]
    write(tmp_path, {"draftlint.yaml": "repeat_limit: 0\n"})
    assert lint(*ARGS, cwd=tmp_path).stdout.splitlines() == [_one(c) for c in range(1, 58, 8)]


def test_one_over_the_limit_is_shown_rather_than_counted(tmp_path):
    write(tmp_path, {"rep.md": DRAFT, "draftlint.yaml": "repeat_limit: 7\n"})
    assert lint(*ARGS, cwd=tmp_path).stdout.splitlines() == [_one(c) for c in range(1, 58, 8)]


def test_a_bad_limit_is_a_one_line_error(tmp_path):
    write(tmp_path, {"rep.md": DRAFT, "draftlint.yaml": "fail_level: error\nrepeat_limit: many\n"})
    proc = lint(*ARGS, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"draftlint: error: {tmp_path / 'draftlint.yaml'}:2: 'repeat_limit' must be a "
                                   "whole number (0: show every finding)")


def test_statistics_count_the_findings_folded_into_one(tmp_path):
    write(tmp_path, {"rep.md": DRAFT})
    proc = lint(*ARGS, "--statistics", cwd=tmp_path)
    assert proc.stdout.splitlines()[-3:] == [
        "findings per rule, in 1 draft(s):",
        "  vague-quantifier       8  in 1 draft(s)",
        "  total                  8",
    ]
