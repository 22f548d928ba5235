"""Threat model, section 4: a project's own files hang the run.

A team ``regex`` rule with catastrophic backtracking (``(a+)+$``) or an ``exclude`` glob like
``*a*a*a*a*a*a*a*a*a*a*b.md`` took exponential time on Python's ``re``, inside C code that
the per-draft time budget cannot interrupt. Both now run on RE2, in time linear in the text.
"""

from __future__ import annotations

import time

from project_files_support import RULE, error_of, load_rules_from, rule_dir
from reliability_support import lint, write

REGEX = RULE.replace("type: phrases", "type: regex")

#: 2**30 backtracking steps on Python's re: hours
HOSTILE_LINE = "a" * 30 + "!\n"


def _team_rule(pattern: str) -> str:
    return REGEX.replace("phrases: [synergy]", f"pattern: '{pattern}'").replace(
        "bad: [We have synergy.]", "bad: [aaa]").replace("good: [We work together.]", "good: [bbb]")


def test_a_backtracking_team_regex_finishes_and_still_matches(tmp_path):
    write(tmp_path, {
        "draftlint.yaml": "rules: [team-rules]\n",
        "team-rules/team.yaml": _team_rule("(a+)+$"),
        "post.md": HOSTILE_LINE + "\nMany aaa\n",
    })
    started = time.monotonic()
    proc = lint("post.md", "--select", "team-rule", "--quiet", "--fail-under", "0", cwd=tmp_path, timeout=120)
    assert time.monotonic() - started < 60
    assert proc.stderr == ""
    assert proc.stdout.splitlines() == ["post.md:3:6: warning team-rule 'aaa' is banned here"]


def test_a_team_pattern_with_lookahead_is_refused_with_the_reason(tmp_path):
    folder = rule_dir(tmp_path, _team_rule("syn(?=ergy)"))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:7: rule 'team-rule': invalid regex: invalid perl operator: (?= "
        "(team patterns run on RE2, which has no lookahead or lookbehind)")


def test_a_team_pattern_with_a_backreference_is_refused_with_the_reason(tmp_path):
    folder = rule_dir(tmp_path, _team_rule(r"(syn)\1"))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:7: rule 'team-rule': invalid regex: invalid escape sequence: \\1 "
        "(team patterns run on RE2, which has no backreferences)")


def test_a_hostile_exclude_glob_does_not_hang_the_folder_walk(tmp_path):
    name = "a" * 200 + ".md"
    write(tmp_path, {
        "draftlint.yaml": "exclude: ['*a*a*a*a*a*a*a*a*a*a*a*a*b.md']\n",
        f"content/{name}": "Many dogs bark.\n",
        "content/" + "a" * 12 + "b.md": "A lot of cats.\n",  # matched, so excluded
    })
    started = time.monotonic()
    proc = lint("content", "--select", "vague-quantifier", "--quiet", "--fail-under", "0", cwd=tmp_path, timeout=120)
    assert time.monotonic() - started < 60
    assert proc.stderr == ""
    assert sorted(proc.stdout.splitlines()) == [
        f"content/{name}:1:1: warning vague-quantifier 'Many' is vague: say how many or how much",
    ]
