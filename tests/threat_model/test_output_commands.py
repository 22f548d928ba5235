"""Threat model, section 8: the informational commands (`rules`, `explain`, `glossary`) print a
team's own rule and term text, which comes from the repository under review. It reaches the
terminal escaped and on one line per field, like every finding."""

from __future__ import annotations

from reliability_support import run, write

HOSTILE_RULE = """\
rules:
  - id: house-buzz
    type: phrases
    severity: warning
    message: "'{match}' is a buzzword"
    description: "Buzzwords.\\x1b]0;pwned\\x07 Readers skip them.\\n::warning::injected"
    suggestion: "Say what it does.\\u202e"
    phrases: [synergy]
    examples:
      bad: ["The merger created synergy.\\x1b[2J"]
      good: [The teams shared a rota.]
"""


def _project(tmp_path):
    return write(tmp_path, {"draftlint.yaml": "rules: [style]\n", "style/house.yaml": HOSTILE_RULE})


def test_explain_escapes_a_team_rules_description_suggestion_and_examples(tmp_path):
    proc = run("explain", "house-buzz", cwd=_project(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout
    lines = proc.stdout.splitlines()
    assert "Buzzwords.\\e]0;pwned\\x07 Readers skip them. ::warning::injected" in lines
    assert "What to do: Say what it does.\\u202e" in lines
    assert "  - The merger created synergy.\\e[2J" in lines
    assert not any(line.startswith("::") for line in lines)


def test_rules_lists_a_team_rule_summary_escaped(tmp_path):
    proc = run("rules", cwd=_project(tmp_path))
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("house-buzz"))
    assert row.split(None, 4)[4] == "Buzzwords.\\e]0;pwned\\x07 Readers skip them. ::warning::injected."
