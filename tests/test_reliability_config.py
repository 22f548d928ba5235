"""Reliability: bad project files, rule files and glossary terms, through the command line.

A team's own folders are referenced from ``draftlint.yaml`` (``rules: [style/rules]``,
``glossary: [style/glossary]``). Each bad file must give exactly one line on stderr,
``draftlint: error: <file>:<line>: <problem>``, exit code 2 and no traceback (unless
``--debug``). Messages whose wording comes from a library (the YAML parser's, the list of
known names) are pinned by their start; everything draftlint words itself, in full.
Markers ``xfail(strict=True)`` name bugs still open."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers_cli import FIELD_NOTE_TERM
from reliability_support import GOOD, VQ, assert_no_traceback, findings, lint, lint_json, run, write

#: A valid team rule (line numbers below count from ``rules:`` as line 1).
RULE = """\
rules:
  - id: house-synergy
    type: phrases
    severity: error
    message: "'{match}' is banned by the house style"
    description: Our readers skip any sentence with this word.
    phrases: [synergy]
    examples:
      bad: [The merger created synergy.]
      good: [The two teams shared one rota.]
"""

#: A valid team term (``id:`` is line 1; the first criterion starts on line 6).
TERM = FIELD_NOTE_TERM

PROJECT = "rules: [style/rules]\nglossary: [style/glossary]\n"
RULE_FILE = "style/rules/team.yaml"
TERM_FILE = "style/glossary/field-note.yaml"


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def team(tmp_path: Path, rule: str | bytes = RULE, term: str | bytes = TERM, project: str = PROJECT) -> Path:
    """A project with a team rule file and term, and a draft ``post.md``."""
    write(tmp_path, {"draftlint.yaml": project, RULE_FILE: rule, TERM_FILE: term, "post.md": GOOD})
    return tmp_path.resolve()


def assert_config_error(proc, path: Path, line: int | None, message: str, exact: bool = True) -> None:
    """One line, ``draftlint: error: <path>:<line>: <message>``, exit 2, nothing on stdout.
    With ``exact=False`` the message is pinned by its start."""
    assert_no_traceback(proc)
    where = f"{path}:{line}: " if line else f"{path}: "
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    if exact:
        assert lines[0] == f"draftlint: error: {where}{message}"
    else:
        assert lines[0].startswith(f"draftlint: error: {where}{message}"), lines[0]
    assert (proc.returncode, proc.stdout) == (2, "")


def test_the_valid_team_files_load(tmp_path):
    root = team(tmp_path)
    write(root, {"post.md": "The merger created synergy.\n"})
    proc = lint("--quiet", "--fail-under", "0", "--select", "house-synergy", "post.md", cwd=root)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == "post.md:1:20: error house-synergy 'synergy' is banned by the house style\n"


# -- the project file ---------------------------------------------------------------------

PROJECT_ERRORS = {
    "malformed-yaml": ("select: [vague-quantifier\nterm: x\n", 2, "invalid YAML: ", False),
    "tab-indent": ("select:\n\t- vague-quantifier\n", 2, "invalid YAML: ", False),
    "not-a-mapping": ("- vague-quantifier\n- hedging\n", 1, "the config file must be a mapping of settings", True),
    "scalar": ("vague-quantifier\n", 1, "the config file must be a mapping of settings", True),
    "duplicate-key": ("term: tutorial\nterm: opinion\n", 2, "duplicate key 'term'", True),
    "unknown-key": ("select: [vague-quantifier]\ncolour: red\n", 2, "unknown setting 'colour' (known: ", False),
    "unknown-override-key": ("overrides:\n  - files: ['*.md']\n    colour: red\n", 3,
                             "unknown key 'colour' in an override (one of: ", False),
    "fail-under-string": ("fail_under: high\n", 1, "'fail_under' must be a number from 0 to 100", True),
    "fail-under-bool": ("fail_under: true\n", 1, "'fail_under' must be a number from 0 to 100", True),
    "fail-under-range": ("term: tutorial\nfail_under: 101\n", 2, "'fail_under' must be a number from 0 to 100", True),
    "ignore-number": ("ignore: 5\n", 1, "'ignore' must be a list of rule ids or categories", True),
    "include-numbers": ("include: [5]\n", 1, "'include' must be a list of gitignore-style patterns", True),
    "severity-list": ("severity: [hedging]\n", 1, "'severity' must be a mapping of rule id to error, warning or info",
                      True),
    "severity-value": ("severity:\n  hedging: loud\n", 2,
                       "severity of 'hedging' must be error, warning or info, not 'loud'", True),
    "fail-level": ("fail_level: fatal\n", 1, "'fail_level' must be error, warning or info", True),
    "rules-number": ("rules: 5\n", 1, "'rules' must be a list of folders of extra rule files", True),
    "rules-missing-folder": ("rules: [style/nowhere]\n", 1, "'rules': folder 'style/nowhere' does not exist", True),
    "overrides-mapping": ("overrides: {files: x}\n", 1, "'overrides' must be a list", True),
    "max-file-size-string": ("max_file_size: big\n", 1, "'max_file_size' must be a number of bytes", True),
    "max-file-size-zero": ("max_file_size: 0\n", 1, "'max_file_size' must be a number of bytes", True),
    "unknown-term": ("term: nope\n", 1, "unknown term 'nope' (known: ", False),
    "unknown-rule": ("select: [nope]\n", 1, "unknown rule or category 'nope' in 'select'", True),
    "python-tag": ("select: !!python/object/apply:os.system ['echo hi']\n", 1,
                   "invalid YAML: could not determine a constructor for the tag", False),
}


@pytest.mark.parametrize("name", PROJECT_ERRORS)
def test_bad_project_file(tmp_path, name):
    text, line, message, exact = PROJECT_ERRORS[name]
    write(tmp_path, {"draftlint.yaml": text, "post.md": GOOD})
    proc = lint("post.md", cwd=tmp_path)
    assert_config_error(proc, tmp_path.resolve() / "draftlint.yaml", line, message, exact)


def test_project_file_that_is_not_utf8_names_the_line(tmp_path):
    write(tmp_path, {"draftlint.yaml": b"term: tutorial\nselect: [\xff]\n", "post.md": GOOD})
    proc = lint("post.md", cwd=tmp_path)
    assert_config_error(proc, tmp_path.resolve() / "draftlint.yaml", 2, "not valid UTF-8 (byte 0xff at offset 24)")


def test_project_file_with_a_control_character_names_the_line(tmp_path):
    write(tmp_path, {"draftlint.yaml": b"term: tutorial\nselect: [hed\x00ging]\n", "post.md": GOOD})
    proc = lint("post.md", cwd=tmp_path)
    assert_config_error(proc, tmp_path.resolve() / "draftlint.yaml", 2, "invalid YAML: ", exact=False)


def test_bad_pyproject_table(tmp_path):
    write(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n\n[tool.draftlint]\nfail_under = 'high'\n",
                     "post.md": GOOD})
    proc = lint("post.md", cwd=tmp_path)
    assert_config_error(proc, tmp_path.resolve() / "pyproject.toml", 5, "'fail_under' must be a number from 0 to 100")


def test_malformed_pyproject(tmp_path):
    write(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n\n[tool.draftlint]\nfail_under = = 3\nterm = 'x'\n",
                     "post.md": GOOD})
    proc = lint("post.md", cwd=tmp_path)
    assert_config_error(proc, tmp_path.resolve() / "pyproject.toml", 5, "invalid TOML: ", exact=False)


def test_pyproject_broken_at_its_end_names_the_last_line(tmp_path):
    write(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n\n[tool.draftlint]\nselect = [\n", "post.md": GOOD})
    proc = lint("post.md", cwd=tmp_path)
    assert any(proc.stderr.startswith(f"draftlint: error: {tmp_path.resolve() / 'pyproject.toml'}:{n}: invalid TOML: ")
               for n in (5, 6)), proc.stderr


def test_a_bad_project_file_does_not_stop_drafts_of_another_project(tmp_path):
    write(tmp_path, {"bad/draftlint.yaml": "colour: red\n", "bad/post.md": GOOD,
                     "good/draftlint.yaml": "term: thought-leadership\n", "good/post.md": GOOD})
    proc, doc = lint_json("bad/post.md", "good/post.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"draftlint: error: {tmp_path.resolve()}/bad/draftlint.yaml:1: unknown setting "
                                  "'colour'")
    assert findings(doc, "good/post.md") == [(VQ, "warning", 1, 1, 1, 5, "Many")]


def test_debug_shows_the_traceback_and_still_the_one_line_error(tmp_path):
    write(tmp_path, {"draftlint.yaml": "colour: red\n", "post.md": GOOD})
    plain = lint("post.md", cwd=tmp_path)
    debug = run("--debug", "lint", "--no-cache", "post.md", cwd=tmp_path)
    assert_no_traceback(plain)
    assert plain.returncode == debug.returncode == 2
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.splitlines()[-1] == plain.stderr.rstrip("\n")


@pytest.mark.parametrize("command", [["rules"], ["explain", "vague-quantifier"], ["glossary"]])
def test_other_commands_report_a_bad_rule_file_on_one_line(tmp_path, command):
    root = team(tmp_path, rule=edit(RULE, "severity: error", "severity: loud"))
    proc = run(*command, cwd=root)
    assert_config_error(proc, root / RULE_FILE, 4,
                        "rule 'house-synergy': severity must be one of error, warning, info, not 'loud'")


# -- rule files ---------------------------------------------------------------------------

REGEX_RULE = edit(edit(RULE, "type: phrases", "type: regex"), "phrases: [synergy]", "pattern: syn(ergy)")
PATTERN_RULE = edit(edit(RULE, "type: phrases", "type: pattern"), "phrases: [synergy]",
                    "patterns:\n      - [{LOWER: the}, {LOWERR: synergy}]")

RULE_ERRORS = {
    "malformed-yaml": (edit(RULE, "phrases: [synergy]", "phrases: [synergy\n    lemma: true"), 8, "invalid YAML: ",
                       False),
    "not-a-mapping": ("- id: house-synergy\n", 1, "a rule file must be a mapping with a 'rules' list", True),
    "empty": ("", 1, "a rule file must be a mapping with a 'rules' list", True),
    "rules-not-a-list": ("rules: {id: house-synergy}\n", 1, "a rule file must be a mapping with a 'rules' list", True),
    "unknown-top-level-key": (RULE + "colour: red\n", 11, "unknown top-level key 'colour'", True),
    "unknown-key": (edit(RULE, "    phrases: [synergy]\n", "    phrases: [synergy]\n    colour: red\n"), 8,
                    "rule 'house-synergy': unknown key 'colour' for type 'phrases'", True),
    "unknown-type": (edit(RULE, "type: phrases", "type: phrase"), 3, "rule 'house-synergy': unknown type 'phrase' "
                     "(one of: ", False),
    "severity-list": (edit(RULE, "severity: error", "severity: [error]"), 4,
                      "rule 'house-synergy': severity must be one of error, warning, info, not a list", True),
    "phrases-string": (edit(RULE, "phrases: [synergy]", "phrases: synergy"), 7,
                       "rule 'house-synergy': 'phrases' must be list, not str", True),
    "phrases-numbers": (edit(RULE, "phrases: [synergy]", "phrases: [5, synergy]"), 7,
                        "rule 'house-synergy': 'phrases' must be a non-empty list of strings", True),
    "lemma-string": (edit(RULE, "phrases: [synergy]", "phrases: [synergy]\n    lemma: 'yes'"), 8,
                     "rule 'house-synergy': 'lemma' must be bool, not str", True),
    "bad-id": (edit(RULE, "id: house-synergy", "id: House Synergy"), 2,
               "rule id 'House Synergy' must be lowercase words joined by hyphens, e.g. vague-quantifier", True),
    "invalid-regex": (edit(REGEX_RULE, "pattern: syn(ergy)", "pattern: syn(ergy"), 7,
                      "rule 'house-synergy': invalid regex: missing ): syn(ergy", True),
    "invalid-regex-repeat": (edit(REGEX_RULE, "pattern: syn(ergy)", "pattern: 'syn{2,1}'"), 7,
                             "rule 'house-synergy': invalid regex: invalid repetition size: {2,1}",
                             True),
    "regex-without-group": (edit(REGEX_RULE, "pattern: syn(ergy)", "pattern: syn(ergy)\n    group: 3"), 8,
                            "rule 'house-synergy': the regex has no group 3", True),
    "pattern-not-tokens": (edit(PATTERN_RULE, "[{LOWER: the}, {LOWERR: synergy}]", "the synergy"), 7,
                           "rule 'house-synergy': 'patterns' must be a list of token patterns (each a list of "
                           "mappings)", True),
    "duplicate-id": (RULE + RULE[len("rules:\n"):], 11,
                     "duplicate rule id 'house-synergy' (first defined in {rule_file}:2)", True),
    "duplicate-of-packaged-id": (edit(RULE, "id: house-synergy", "id: vague-quantifier"), 2,
                                 "duplicate rule id 'vague-quantifier' (first defined in ", False),
    "duplicate-alias": (edit(RULE, "severity: error", "severity: error\n    aliases: [vague-quantifier]"), 2,
                        "duplicate rule id 'vague-quantifier' (first defined in ", False),
    "missing-message": (edit(RULE, "    message: \"'{match}' is banned by the house style\"\n", ""), 2,
                        "rule 'house-synergy': missing 'message'", True),
    "examples-missing": (RULE.split("    examples:")[0], 2,
                         "rule 'house-synergy': 'examples' must be a mapping with 'bad' and 'good' lists", True),
}


@pytest.mark.parametrize("name", RULE_ERRORS)
def test_bad_rule_file(tmp_path, name):
    _check_team_file(tmp_path, RULE_FILE, *RULE_ERRORS[name])


def _check_team_file(tmp_path: Path, path: str, text: str, line: int, message: str, exact: bool) -> None:
    """Lint with the team file ``path`` replaced by ``text``: one error at ``line``."""
    root = team(tmp_path, **{"rule" if path == RULE_FILE else "term": text})
    proc = lint("post.md", cwd=root)
    assert_config_error(proc, root / path, line, message.replace("{rule_file}", str(root / RULE_FILE)), exact)


def test_invalid_spacy_pattern_is_one_line(tmp_path):
    root = team(tmp_path, rule=PATTERN_RULE)
    proc = lint("post.md", cwd=root)
    assert_no_traceback(proc)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith(f"draftlint: error: {root / RULE_FILE}:")
    assert "rule 'house-synergy': unknown token attribute 'LOWERR' in a pattern" in proc.stderr


def test_invalid_spacy_pattern_names_its_line(tmp_path):
    root = team(tmp_path, rule=PATTERN_RULE)
    proc = lint("post.md", cwd=root)
    assert any(proc.stderr.startswith(f"draftlint: error: {root / RULE_FILE}:{n}: rule 'house-synergy': unknown token "
                                      "attribute 'LOWERR' in a pattern") for n in (7, 8)), proc.stderr


@pytest.mark.parametrize("command", [["lint", "--no-cache", "--select", VQ, "post.md"], ["rules"]],
                         ids=["lint-select", "rules"])
def test_invalid_spacy_pattern_is_an_error_whatever_is_selected(tmp_path, command):
    root = team(tmp_path, rule=PATTERN_RULE)
    proc = run(*command, cwd=root)
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"draftlint: error: {root / RULE_FILE}:")


def test_rule_entry_that_is_not_a_mapping_names_its_line(tmp_path):
    _check_team_file(tmp_path, RULE_FILE, RULE + "  - just a string\n", 11,
                     "each entry under 'rules' must be a mapping", True)


@pytest.mark.parametrize("criterion", ["no_generic_tips", "nope"])
def test_a_rule_naming_its_criterion_is_told_to_use_the_term(tmp_path, criterion):
    """The term's ``rules:`` lists are the one link between rules and criteria, so a rule
    file that still has ``criterion:`` is an error at that line, whether the criterion exists
    or not."""
    root = team(tmp_path, rule=edit(RULE, "severity: error\n", f"severity: error\n    criterion: {criterion}\n"))
    message = ("rule 'house-synergy': 'criterion' is not a rule key: list the rule under its criterion's 'rules:' "
               "in the term instead")
    for proc in (lint("post.md", cwd=root), run("rules", cwd=root)):
        assert_config_error(proc, root / RULE_FILE, 5, message)


@pytest.mark.parametrize("message", ["'{match' is banned", "'{nope}' is banned", "'{match.__class__}' is banned"],
                         ids=["unclosed", "unknown-field", "attribute"])
def test_bad_message_template_is_a_rule_file_error(tmp_path, message):
    root = team(tmp_path, rule=edit(RULE, "'{match}' is banned", message))
    write(root, {"post.md": "The merger created synergy.\n"})
    proc = lint("post.md", cwd=root)
    assert_no_traceback(proc)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert len(proc.stderr.splitlines()) == 1
    assert proc.stderr.startswith(f"draftlint: error: {root / RULE_FILE}:5: rule 'house-synergy': ")


def test_rule_file_that_is_not_utf8_names_the_line(tmp_path):
    _check_team_file(tmp_path, RULE_FILE, RULE.encode().replace(b"[synergy]", b"[syn\xffergy]"), 7,
                     "not valid UTF-8 (byte 0xff at offset ", False)


# -- glossary terms ---------------------------------------------------------------------------

TERM_ERRORS = {
    "malformed-yaml": (edit(TERM, "name: Field note", "name: [Field note"), 3, "invalid YAML: ", False),
    "not-a-mapping": ("- field-note\n", 1, "a glossary file must be a mapping", True),
    "criterion-without-weight": (edit(TERM, "    weight: 60\n", ""), 6,
                                 "criterion 'first_hand_experience': missing 'weight'", True),
    "weight-string": (edit(TERM, "weight: 60", "weight: heavy"), 7,
                      "criterion 'first_hand_experience': 'weight' must be a number of at least 0", True),
    "weight-negative": (edit(TERM, "weight: 60", "weight: -5"), 7,
                        "criterion 'first_hand_experience': 'weight' must be a number of at least 0", True),
    "weights-add-to-zero": (edit(edit(TERM, "weight: 60", "weight: 0"), "weight: 40", "weight: 0"), 5,
                            "term 'field-note': the criteria's weights add up to zero", True),
    "met-at-range": (edit(TERM, "weight: 60\n", "weight: 60\n    met_at: 2\n"), 8,
                     "criterion 'first_hand_experience': 'met_at' must be a number between 0 and 1", True),
    "unknown-detector": (edit(TERM, "detector: first_hand_experience", "detector: vibes"), 9,
                         "criterion 'first_hand_experience': unknown detector 'vibes' (one of: ", False),
    "unknown-term-key": (edit(TERM, "pass_score: 50\n", "pass_score: 50\ncolour: red\n"), 5,
                         "term 'field-note': unknown key 'colour'", True),
    "unknown-criterion-key": (edit(TERM, "weight: 60\n", "weight: 60\n    colour: red\n"), 8,
                              "criterion 'first_hand_experience': unknown key 'colour'", True),
    "duplicate-criterion": (edit(TERM, "id: specific_numbers", "id: first_hand_experience"), 5,
                            "term 'field-note': duplicate criterion 'first_hand_experience'", True),
    "criteria-not-a-list": (TERM.split("criteria:")[0] + "criteria: 5\n", 5,
                            "term 'field-note': 'criteria' must be a list", True),
    "pass-score-range": (edit(TERM, "pass_score: 50", "pass_score: 500"), 4,
                         "term 'field-note': 'pass_score' must be a number between 0 and 100", True),
    "bad-term-id": (edit(TERM, "id: field-note", "id: Field Note"), 1,
                    "term id 'Field Note' must be lowercase words joined by hyphens", True),
}


@pytest.mark.parametrize("name", TERM_ERRORS)
def test_bad_glossary_term(tmp_path, name):
    _check_team_file(tmp_path, TERM_FILE, *TERM_ERRORS[name])


def test_unknown_related_term_names_its_line(tmp_path):
    _check_team_file(tmp_path, TERM_FILE, edit(TERM, "pass_score: 50\n", "pass_score: 50\nrelated: [nope]\n"), 5,
                     "term 'field-note': related term 'nope' is not in the glossary", True)


def test_criterion_that_is_not_a_mapping_names_its_line(tmp_path):
    _check_team_file(tmp_path, TERM_FILE, edit(TERM, "criteria:\n", "criteria:\n  - 5\n"), 6,
                     "term 'field-note': each criterion must be a mapping", True)


def test_detector_that_is_not_a_name_is_a_glossary_error(tmp_path):
    _check_team_file(tmp_path, TERM_FILE, edit(TERM, "detector: first_hand_experience",
                                               "detector: [first_hand_experience]"),
                     9, "criterion 'first_hand_experience': ", False)


def test_criterion_naming_an_unknown_rule_is_a_glossary_error(tmp_path):
    _check_team_file(tmp_path, TERM_FILE, edit(TERM, "rules: [vague-quantifier]", "rules: [vague-quantifer]"), 14,
                     "criterion 'specific_numbers': unknown rule 'vague-quantifer'", False)


def test_glossary_file_that_is_not_utf8_names_the_line(tmp_path):
    _check_team_file(tmp_path, TERM_FILE, TERM.encode().replace(b"Field note", b"Field \xff note"), 2,
                     "not valid UTF-8 (byte 0xff at offset ", False)


def test_a_draft_naming_the_team_term_is_scored_by_it(tmp_path):
    """The good path beside all the bad ones: the team term scores a draft that names it."""
    root = team(tmp_path)
    write(root, {"post.md": "---\ndraftlint:\n  term: field-note\n---\nMany dogs.\n"})
    proc, doc = lint_json("post.md", cwd=root)
    assert proc.stderr == ""
    assert doc["files"][0]["term"] == "field-note"
    assert [c["id"] for c in doc["files"][0]["criteria"]] == ["first_hand_experience", "specific_numbers"]
    assert findings(doc, "post.md") == [(VQ, "warning", 5, 1, 5, 5, "Many")]
