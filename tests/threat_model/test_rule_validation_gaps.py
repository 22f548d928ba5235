"""Threat model, section 9: rule options that passed validation and then crashed a run.
Each is now a one-line ``file:line: problem`` error when the rule file is loaded."""

from __future__ import annotations

import pytest
from project_files_support import RULE, error_of, load_rules_from, rule_dir

REGEX = RULE.replace("type: phrases", "type: regex").replace("phrases: [synergy]", "pattern: 'syn(er)gy'")


def test_a_type_that_is_a_list_is_refused(tmp_path):
    folder = rule_dir(tmp_path, RULE.replace("type: phrases", "type: [phrases]"))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:3: rule 'team-rule': 'type' must be one of phrases, substitution, regex, "
        "pattern, metric, not a list")


@pytest.mark.parametrize("swap", ['{"  ": together}', '{"": together}'])
def test_a_blank_swap_phrase_is_refused(tmp_path, swap):
    folder = rule_dir(tmp_path, RULE.replace("type: phrases", "type: substitution").replace(
        "phrases: [synergy]", f"lemma: true\n    swap: {swap}"))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:8: rule 'team-rule': 'swap' must map phrases to replacement strings")


def test_two_swap_phrases_that_are_the_same_once_normalised_are_refused(tmp_path):
    folder = rule_dir(tmp_path, RULE.replace("type: phrases", "type: substitution").replace(
        "phrases: [synergy]", "swap: {Synergy: teamwork, ' synergy': cooperation}"))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:7: rule 'team-rule': 'swap' has 'synergy' twice")


@pytest.mark.parametrize("group, problem", [
    ("true", "'group' must be int or str, not bool"),
    ("-1", "the regex has no group -1"),
])
def test_a_regex_group_must_be_a_real_group(tmp_path, group, problem):
    folder = rule_dir(tmp_path, REGEX.replace("pattern: 'syn(er)gy'", f"pattern: 'syn(er)gy'\n    group: {group}"))
    assert error_of(load_rules_from, folder) == f"{folder / 'team.yaml'}:8: rule 'team-rule': {problem}"


@pytest.mark.parametrize("spec", ["{IN: []}", "{NOT_IN: []}"])
def test_an_empty_in_list_in_a_token_pattern_is_refused(tmp_path, spec):
    folder = rule_dir(tmp_path, RULE.replace("type: phrases", "type: pattern").replace(
        "phrases: [synergy]", f"patterns: [[{{LOWER: {spec}}}, {{LOWER: synergy}}]]"))
    op = spec[1:].split(":")[0]
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:7: rule 'team-rule': {op} in a pattern needs a non-empty list")


def test_a_huge_unknown_severity_is_described_briefly(tmp_path):
    folder = rule_dir(tmp_path, RULE.replace("severity: warning", "severity: " + "x" * 100_000))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:4: rule 'team-rule': severity must be one of error, warning, info, "
        "not a 100000-character string")
