"""Threat model, section 8 "Numbers": a project file may hold .nan, .inf, 1e400, a
5,000-digit integer or a bool where a number is expected. Each is a one-line
``file:line: problem`` error at load: never a draft failed by NaN, NaN in the JSON, an
internal error or Python's int-string conversion limit."""

from __future__ import annotations

import pytest
from project_files_support import (RULE, TERM, error_of, glossary_dir, load_config_at, load_glossary_from,
                                   load_rules_from, rule_dir)

BIG = "9" * 5000
BAD_NUMBERS = [".nan", ".inf", "-.inf", "1.0e+400", "true"]  # YAML 1.1 wants the dot and the sign


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_fail_under_must_be_a_finite_number(tmp_path, value):
    """fail_under: .nan made every draft fail (no score is >= NaN)."""
    path = tmp_path / "draftlint.yaml"
    path.write_text(f"term: thought-leadership\nfail_under: {value}\n", encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:2: 'fail_under' must be a number from 0 to 100"


def test_fail_under_in_an_override_must_be_finite(tmp_path):
    path = tmp_path / "draftlint.yaml"
    path.write_text("overrides:\n  - files: ['*.md']\n    fail_under: .nan\n", encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:3: 'fail_under' must be a number from 0 to 100"


def test_a_5000_digit_integer_is_a_one_line_error_not_pythons_limit(tmp_path):
    path = tmp_path / "draftlint.yaml"
    path.write_text(f"term: thought-leadership\nmax_file_size: {BIG}\n", encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:2: an integer of 5000 digits (at most 30 are allowed)"


@pytest.mark.parametrize("value", [".nan", ".inf", "true", "0"])
def test_max_file_size_must_be_a_positive_finite_integer(tmp_path, value):
    path = tmp_path / "draftlint.yaml"
    path.write_text(f"max_file_size: {value}\n", encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:1: 'max_file_size' must be a number of bytes"


@pytest.mark.parametrize("value, expected", [("30", 30.0), ("0.5", 0.5), ("3600", 3600.0)])
def test_time_budget_is_read_from_the_project_file(tmp_path, value, expected):
    path = tmp_path / "draftlint.yaml"
    path.write_text(f"time_budget: {value}\n", encoding="utf-8")
    assert load_config_at(path).time_budget == expected


def test_time_budget_defaults_to_60_seconds(tmp_path):
    path = tmp_path / "draftlint.yaml"
    path.write_text("term: thought-leadership\n", encoding="utf-8")
    assert load_config_at(path).time_budget == 60.0


@pytest.mark.parametrize("value", ["0", "-1", "3601", ".inf", ".nan", "true", "soon", BIG])
def test_time_budget_must_be_positive_finite_and_at_most_an_hour(tmp_path, value):
    path = tmp_path / "draftlint.yaml"
    path.write_text(f"term: thought-leadership\ntime_budget: {value}\n", encoding="utf-8")
    problem = ("an integer of 5000 digits (at most 30 are allowed)" if value == BIG
               else "'time_budget' must be a number of seconds, more than 0 and at most 3600")
    assert error_of(load_config_at, path) == f"{path.resolve()}:2: {problem}"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "true"])
def test_numbers_in_pyproject_must_be_finite(tmp_path, value):
    path = tmp_path / "pyproject.toml"
    path.write_text(f'[project]\nname = "x"\n\n[tool.draftlint]\nfail_under = {value}\n', encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:5: 'fail_under' must be a number from 0 to 100"


def test_a_5000_digit_integer_in_pyproject_is_a_one_line_error(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.draftlint]\nmax_file_size = {BIG}\n", encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:2: an integer of 5000 digits (at most 30 are allowed)"


# -- rule files ------------------------------------------------------------------------------

METRIC = RULE.replace("type: phrases", "type: metric").replace(
    "phrases: [synergy]", "metric: sentence_words\n    max: 40")


@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_a_metric_threshold_must_be_a_finite_number(tmp_path, value):
    folder = rule_dir(tmp_path, METRIC.replace("max: 40", f"max: {value}"))
    problem = "must be int or float, not bool" if value == "true" else "must be a finite number"
    assert error_of(load_rules_from, folder) == f"{folder / 'team.yaml'}:8: rule 'team-rule': 'max' {problem}"


def test_min_words_must_not_be_a_bool(tmp_path):
    folder = rule_dir(tmp_path, METRIC.replace("max: 40", "max: 40\n    min_words: true"))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:9: rule 'team-rule': 'min_words' must be int, not bool")


def test_a_5000_digit_integer_in_a_rule_file_is_a_one_line_error(tmp_path):
    folder = rule_dir(tmp_path, METRIC.replace("max: 40", f"max: {BIG}"))
    assert error_of(load_rules_from, folder) == (
        f"{folder / 'team.yaml'}:8: an integer of 5000 digits (at most 30 are allowed)")


# -- glossary files --------------------------------------------------------------------------

@pytest.mark.parametrize("key, line, bound", [
    ("weight: 60", 7, " of at least 0"), ("met_at: 0.5", 10, " between 0 and 1"), ("pass_score: 50", 4, " between 0 and 100")])
@pytest.mark.parametrize("value", BAD_NUMBERS)
def test_glossary_numbers_must_be_finite(tmp_path, key, line, bound, value):
    """A NaN weight wrote NaN into the JSON report."""
    name = key.split(":")[0]
    folder = glossary_dir(tmp_path, TERM.replace(key, f"{name}: {value}"))
    where = "term 'field-note'" if name == "pass_score" else "criterion 'specific_numbers'"
    assert error_of(load_glossary_from, folder) == (
        f"{folder / 'field-note.yaml'}:{line}: {where}: '{name}' must be a number{bound}")


def test_a_5000_digit_weight_is_a_one_line_error(tmp_path):
    folder = glossary_dir(tmp_path, TERM.replace("weight: 60", f"weight: {BIG}"))
    assert error_of(load_glossary_from, folder) == (
        f"{folder / 'field-note.yaml'}:7: an integer of 5000 digits (at most 30 are allowed)")


def test_finite_glossary_numbers_still_load(tmp_path):
    term = load_glossary_from(glossary_dir(tmp_path, TERM)).get("field-note")
    assert (term.pass_score, term.criteria[0].weight, term.criteria[0].met_at) == (50.0, 60.0, 0.5)
