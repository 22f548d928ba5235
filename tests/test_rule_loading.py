"""A bad rule file is a clear error naming the file, the line, the rule and the problem."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from linter.api import Linter
from linter.config import Config
from linter.errors import ConfigError
from linter.resources import data_dir

GOOD = """\
rules:
  - id: filler-opener
    type: phrases
    severity: warning
    message: "'{match}' delays the point"
    description: An opener that says nothing.
    phrases: [needless to say]
    examples:
      bad: [Needless to say, we shipped.]
      good: [We shipped.]
"""


def write_rules(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "team.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def load(folder: Path) -> Linter:
    return Linter(Config(rule_dirs=(folder,)))


def test_a_valid_team_rule_loads_and_lints(tmp_path):
    linter = load(write_rules(tmp_path, GOOD))
    report = linter.lint_text("Needless to say, the launch went well.\n", "d.md")
    found = [(rf.finding.rule, rf.location.line, rf.location.column, rf.text) for rf in report.findings]
    assert found == [("filler-opener", 1, 1, "Needless to say")]


@pytest.mark.parametrize(
    "edit, line, fragment",
    [
        (("type: phrases", "type: phrase"), 3, "rule 'filler-opener': unknown type 'phrase'"),
        (("severity: warning", "severity: loud"), 4, "severity must be one of error, warning, info"),
        (("    phrases: [needless to say]\n", "    phrases: [needless to say]\n    colour: red\n"), 8,
         "unknown key 'colour'"),
        (("    phrases: [needless to say]\n", "    phrases: []\n"), 7, "'phrases' must be a non-empty list"),
        (("id: filler-opener", "id: Filler_Opener"), 2, "must be lowercase words joined by hyphens"),
        (("      good: [We shipped.]\n", ""), 9, "examples.good must be a non-empty list"),
        (("    message: \"'{match}' delays the point\"\n", ""), 2, "rule 'filler-opener': missing 'message'"),
    ],
)
def test_rule_errors_name_file_line_rule_and_problem(tmp_path, edit, line, fragment):
    folder = write_rules(tmp_path, GOOD.replace(*edit))
    with pytest.raises(ConfigError) as err:
        load(folder)
    message = str(err.value)
    assert message.startswith(f"{folder / 'team.yaml'}:{line}: ")
    assert fragment in message


def test_invalid_regex_is_reported_at_its_line(tmp_path):
    body = GOOD.replace("type: phrases", "type: regex").replace("phrases: [needless to say]", "pattern: '(unclosed'")
    folder = write_rules(tmp_path, body)
    with pytest.raises(ConfigError, match=r"team\.yaml:7: rule 'filler-opener': invalid regex"):
        load(folder)


def test_invalid_spacy_pattern_names_the_rule_and_line_at_load(tmp_path):
    body = GOOD.replace("type: phrases", "type: pattern").replace(
        "phrases: [needless to say]", "patterns: [[{LOWERCASE: needless}]]"
    )
    with pytest.raises(ConfigError, match=r"team\.yaml:7: rule 'filler-opener': unknown token attribute 'LOWERCASE'"):
        load(write_rules(tmp_path, body))


def test_a_pattern_spacy_rejects_is_reported_with_the_rule(tmp_path):
    body = GOOD.replace("type: phrases", "type: pattern").replace(
        "phrases: [needless to say]", "patterns: [[{LOWER: {IN: needless}}]]"
    )
    linter = load(write_rules(tmp_path, body))
    with pytest.raises(ConfigError, match=r"team\.yaml:2: rule 'filler-opener': invalid spaCy pattern"):
        linter.lint_text("Needless to say.\n", "d.md")


def test_duplicate_rule_ids_across_files(tmp_path):
    folder = write_rules(tmp_path, GOOD)
    (folder / "more.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"team\.yaml:2: duplicate rule id 'filler-opener' \(first defined in .*more\.yaml:2\)"):
        load(folder)


def test_malformed_yaml_gives_the_line(tmp_path):
    folder = write_rules(tmp_path, GOOD.replace("phrases: [needless to say]", "phrases: [needless to say"))
    with pytest.raises(ConfigError, match=r"team\.yaml:\d+: invalid YAML"):
        load(folder)


def test_cli_reports_a_bad_rule_folder_with_exit_2(tmp_path):
    """Through the command line: one line on stderr, no traceback, exit code 2."""
    folder = write_rules(tmp_path, GOOD.replace("severity: warning", "severity: loud"))
    code = (
        "import sys; from linter import cli; from linter.config import Config; import linter.api as api\n"
        "orig = api.Linter.__init__\n"
        f"api.Linter.__init__ = lambda self, config=None: orig(self, Config(rule_dirs=({str(folder)!r},)))\n"
        "sys.argv = ['draftlint', 'rules']; cli.main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"draftlint: error: {folder / 'team.yaml'}:4: rule 'filler-opener': severity must be one of error, warning, info, not 'loud'"
    ]


def test_packaged_rules_load():
    linter = Linter()
    assert linter.rules.rules, "the packaged rule set is empty"
    assert data_dir("rules").is_dir()
