"""Shared by the threat-model tests of a project's own files: a valid team rule and
glossary term to break one key at a time, and loaders that return the one-line error."""

from __future__ import annotations

from pathlib import Path

from linter.errors import ConfigError

#: line 2 is the rule's mapping; each key is on its own line (message: 5, phrases: 7)
RULE = """\
rules:
  - id: team-rule
    type: phrases
    severity: warning
    message: "'{match}' is banned here"
    description: A word the house style bans.
    phrases: [synergy]
    examples:
      bad: [We have synergy.]
      good: [We work together.]
"""

#: weight of the first criterion on line 7, met_at on line 10, pass_score on line 4
TERM = """\
id: field-note
name: Field note
definition: A short report of something the team did and measured.
pass_score: 50
criteria:
  - id: specific_numbers
    weight: 60
    explanation: The results are figures.
    detector: specific_numbers
    met_at: 0.5
"""


def rule_dir(root: Path, text: str, name: str = "team.yaml") -> Path:
    folder = root / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def glossary_dir(root: Path, text: str, name: str = "field-note.yaml") -> Path:
    folder = root / "glossary"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def error_of(load, *args) -> str:
    """The ConfigError ``load(*args)`` raises, as the one line the command line prints."""
    try:
        load(*args)
    except ConfigError as exc:
        text = str(exc)
        assert "\n" not in text and len(text) < 400, text[:1000]
        return text
    raise AssertionError(f"{load.__name__} accepted it")


def load_rules_from(folder: Path):
    from linter.rules.registry import load_rules

    return load_rules([folder])


def load_glossary_from(folder: Path):
    from linter.scoring.detectors import DETECTORS
    from linter.scoring.glossary import load_glossary

    return load_glossary([folder], DETECTORS)


def load_config_at(path: Path):
    from linter.config.loader import load_config

    load_config.cache_clear()
    return load_config(path.resolve())
