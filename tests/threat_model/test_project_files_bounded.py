"""Threat model, section 5 (and 6): a project's own files (draftlint.yaml, rule and glossary
files, a --config file) come from the pull request under review. An alias bomb, a huge
repeat count or format width, a symlink to /dev/zero or a FIFO must each be a one-line
``file[:line]: problem`` error at load, never a hang, a memory blow-up or a crashed run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from project_files_support import (RULE, TERM, error_of, glossary_dir, load_config_at, load_glossary_from,
                                   load_rules_from, rule_dir)
from reliability_support import GOOD, assert_one_error, run, write

#: nine levels of nine aliases each: 9**9 strings if expanded (or repr'd in an error message)
BOMB = ['lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for _i in range(1, 9):
    _prev, _cur = chr(ord("a") + _i - 1), chr(ord("a") + _i)
    BOMB.append(f"l{_cur}: &{_cur} [" + ",".join([f"*{_prev}"] * 9) + "]")
ALIAS_ERROR = "YAML anchors and aliases (&name, *name) are not allowed in project files"


def test_alias_bomb_in_draftlint_yaml_is_refused(tmp_path):
    """The bomb is a bad value for 'select': describing it must not expand it."""
    path = tmp_path / "draftlint.yaml"
    path.write_text("\n".join(BOMB[:-1]) + "\nselect: " + BOMB[-1].split(": ", 1)[1] + "\n", encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:1: {ALIAS_ERROR}"


def test_alias_bomb_in_a_rule_file_is_refused(tmp_path):
    folder = rule_dir(tmp_path, RULE.replace("    phrases: [synergy]\n", "    phrases:\n" + "".join(
        f"      - {line.split(': ', 1)[1]}\n" for line in BOMB)))
    assert error_of(load_rules_from, folder) == f"{folder / 'team.yaml'}:8: {ALIAS_ERROR}"


def test_alias_bomb_in_a_glossary_file_is_refused(tmp_path):
    folder = glossary_dir(tmp_path, TERM + "examples: " + BOMB[0].split(": ", 1)[1] + "\ncounter_examples: *a\n")
    assert error_of(load_glossary_from, folder) == f"{folder / 'field-note.yaml'}:11: {ALIAS_ERROR}"


def test_a_huge_bad_value_is_described_not_printed(tmp_path):
    """Error messages that name a bad value quote at most a short string."""
    folder = rule_dir(tmp_path, RULE.replace("id: team-rule", "id: " + "X" * 200_000))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:2: rule id a 200000-character string must be lowercase words joined by "
        "hyphens, e.g. vague-quantifier")


def test_yaml_nested_deeper_than_the_limit_is_one_line_error(tmp_path):
    """700 levels pass libyaml's own limit but would overflow Python's stack when built."""
    path = tmp_path / "draftlint.yaml"
    path.write_text("select: " + "[" * 700 + "]" * 700 + "\n", encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:1: nested more than 64 levels deep"


@pytest.mark.parametrize("op", ["{100000000}", "{1,100000000}", "{100000000,}", "{51}"])
def test_a_huge_repeat_count_in_a_token_pattern_is_refused_at_load(tmp_path, op):
    """spaCy expands {n} into n pattern tokens: {100000000} would take 10 GB."""
    folder = rule_dir(tmp_path, RULE.replace("type: phrases", "type: pattern").replace(
        "phrases: [synergy]", f'patterns: [[{{LOWER: very, OP: "{op}"}}, {{LOWER: synergy}}]]'))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:7: rule 'team-rule': a repeat count in OP may be at most 50")


def test_a_repeat_count_within_the_cap_loads(tmp_path):
    folder = rule_dir(tmp_path, RULE.replace("type: phrases", "type: pattern").replace(
        "phrases: [synergy]", 'patterns: [[{LOWER: very, OP: "{1,3}"}, {LOWER: synergy}]]'))
    assert [r.id for r in load_rules_from(folder).rules] == ["team-rule"]


@pytest.mark.parametrize("op", ["{x}", "{1,2,3}", "{}", "{-1}", 3])
def test_a_malformed_op_is_refused_at_load(tmp_path, op):
    value = f'"{op}"' if isinstance(op, str) else op
    folder = rule_dir(tmp_path, RULE.replace("type: phrases", "type: pattern").replace(
        "phrases: [synergy]", f"patterns: [[{{LOWER: synergy, OP: {value}}}]]"))
    assert error_of(load_rules_from, folder).startswith(
        f"{folder / 'team.yaml'}:7: rule 'team-rule': OP must be one of !, ?, +, * or {{n}}, {{n,m}}, {{n,}}, {{,m}}")


@pytest.mark.parametrize("message, problem", [
    ("{match:>300000000}", "a width or precision in {match:>300000000} may be at most 100"),
    ("{value:.100000f}", "a width or precision in {value:.100000f} may be at most 100"),
    ("{match:d}", "{match:d} cannot format a string"),
    ("{value:d}", "{value:d} cannot format a number"),
    ("{match:{value}}", "a format spec may not hold another {field}"),
])
def test_a_message_format_spec_is_checked_at_load(tmp_path, message, problem):
    """{match:>300000000} would make 300 MB per finding, {match:d} would crash the run."""
    folder = rule_dir(tmp_path, RULE.replace("\"'{match}' is banned here\"", f'"{message}"'))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:5: rule 'team-rule': 'message' is not a valid template: {problem}")


def test_a_reasonable_format_spec_still_works(tmp_path):
    folder = rule_dir(tmp_path, RULE.replace("\"'{match}' is banned here\"", '"{match!r:>12} is banned"'))
    from linter.api import Linter
    from linter.config import Config

    report = Linter(Config(rule_dirs=(folder,), select=("team-rule",))).lint_text("We have synergy.\n", "d.md")
    assert [(rf.finding.rule, rf.finding.message) for rf in report.findings] == [
        ("team-rule", "   'synergy' is banned")]


def test_a_finding_that_fails_to_build_is_an_internal_error_finding_not_a_crash(tmp_path):
    """Defence in depth: a message that gets past load-time checks fails inside the rule's
    error guard, and the other rules still report."""
    from linter.api import Linter
    from linter.config import Config

    folder = rule_dir(tmp_path, RULE)
    linter = Linter(Config(rule_dirs=(linter_rules(), folder), select=("team-rule", "vague-quantifier")))
    object.__setattr__(linter.rules.get("team-rule"), "message", "{match:d}")
    report = linter.lint_text("Many teams have synergy.\n", "d.md")
    got = [(rf.finding.rule, rf.location.line, rf.location.column, rf.text) for rf in report.findings]
    assert got == [("internal-error", 1, 1, ""), ("vague-quantifier", 1, 1, "Many")], got
    assert report.findings[0].finding.message.startswith("rule 'team-rule' failed on this draft: ValueError")


def linter_rules() -> Path:
    from linter.resources import data_dir

    return data_dir("rules")


# -- files that are not regular files ------------------------------------------------------

def test_a_rule_file_linked_to_dev_zero_is_refused(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "team.yaml").symlink_to("/dev/zero")
    assert error_of(load_rules_from, folder) == f"{folder / 'team.yaml'}: not a regular file"


def test_a_glossary_file_linked_to_dev_zero_is_refused(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "field-note.yaml").symlink_to("/dev/zero")
    assert error_of(load_glossary_from, folder) == f"{folder / 'field-note.yaml'}: not a regular file"


def test_a_rule_file_over_the_size_limit_is_refused(tmp_path):
    """Project files are read up to 1 MiB (MAX_PROJECT_FILE_BYTES)."""
    folder = rule_dir(tmp_path, RULE + "#" * (1024 * 1024) + "\n")
    assert error_of(load_rules_from, folder) == f"{folder / 'team.yaml'}: larger than the 1 MiB limit for project files"


def test_a_regular_file_through_a_symlink_is_still_read(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (tmp_path / "real.yaml").write_text(RULE, encoding="utf-8")
    (folder / "team.yaml").symlink_to(tmp_path / "real.yaml")
    assert [r.id for r in load_rules_from(folder).rules] == ["team-rule"]


def test_a_fifo_rule_file_does_not_block_the_run(tmp_path):
    """Nobody writes to the FIFO: opening it for reading must not wait for a writer."""
    write(tmp_path, {"draftlint.yaml": "rules: [rules]\n", "post.md": GOOD})
    (tmp_path / "rules").mkdir()
    os.mkfifo(tmp_path / "rules" / "team.yaml")
    proc = run("lint", "post.md", cwd=tmp_path, timeout=60)
    assert_one_error(proc, f"{(tmp_path / 'rules' / 'team.yaml').resolve()}: not a regular file")


def test_a_fifo_given_to_config_does_not_block(tmp_path):
    write(tmp_path, {"post.md": GOOD})
    os.mkfifo(tmp_path / "team.yaml")
    proc = run("lint", "--config", "team.yaml", "post.md", cwd=tmp_path, timeout=60)
    assert_one_error(proc, f"{(tmp_path / 'team.yaml').resolve()}: not a regular file")


def test_a_draftlint_yaml_linked_to_dev_zero_is_refused_not_skipped(tmp_path):
    """Skipping it would lint with the defaults and pass silently."""
    write(tmp_path, {"post.md": GOOD})
    (tmp_path / "draftlint.yaml").symlink_to("/dev/zero")
    proc = run("lint", "post.md", cwd=tmp_path, timeout=60)
    assert_one_error(proc, f"{tmp_path.resolve() / 'draftlint.yaml'}: not a regular file")


def test_a_huge_unknown_top_level_key_is_described_not_printed(tmp_path):
    folder = rule_dir(tmp_path, RULE + "? " + "k" * 100_000 + "\n: 1\n")  # an explicit key may be that long
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:11: unknown top-level key a 100000-character string")


def test_a_huge_valid_looking_term_id_is_refused_briefly(tmp_path):
    folder = glossary_dir(tmp_path, TERM.replace("id: field-note", "id: " + "a" * 100_000))
    assert error_of(load_glossary_from, folder) == (
        f"{folder / 'field-note.yaml'}:1: term id a 100000-character string must be lowercase words joined by hyphens")
