"""A criterion's ``rules:`` list is the one link between rules and criteria: a team's own
term can wire its own rule into a criterion, the rule's findings then carry that criterion's
id and move its score, and a term that does not list a rule is not moved by it."""

from __future__ import annotations

from reliability_support import lint_json, write

RULE = """\
rules:
  - id: house-synergy
    type: regex
    pattern: '\\bsynergy\\b'
    severity: warning
    description: A word the house style bans.
    message: "'{match}' is house jargon"
    examples: {bad: [Our synergy grew.], good: [We work together.]}
"""

TERM = """\
id: field-note
name: Field note
definition: A short report of what a team saw on a customer visit.
pass_score: 50
criteria:
  - id: plain_claims
    name: Plain claims
    weight: 1
    explanation: Says what happened without house jargon.
    detector: restraint
    rules: [{rules}]
"""

DRAFT = """\
---
draftlint:
  term: field-note
---

Our synergy grew. The synergy was real. Synergy everywhere. We saw synergy on site.
"""


def _run(tmp_path, wired: str):
    write(tmp_path, {
        "draftlint.yaml": "rules: [style/rules]\nglossary: [style/glossary]\n",
        "style/rules/house.yaml": RULE,
        "style/glossary/field-note.yaml": TERM.replace("{rules}", wired),
        "post.md": DRAFT,
    })
    _, doc = lint_json("post.md", "--select", "house-synergy", cwd=tmp_path)
    [entry] = doc["files"]
    [criterion] = entry["criteria"]
    return criterion, entry["findings"]


def test_a_team_term_wires_its_own_rule_into_a_criterion(tmp_path):
    criterion, findings = _run(tmp_path, "house-synergy")
    assert [(f["rule"], f["line"], f["column"], f["criterion"]) for f in findings] == [
        ("house-synergy", 6, 5, "plain_claims"), ("house-synergy", 6, 23, "plain_claims"),
        ("house-synergy", 6, 41, "plain_claims"), ("house-synergy", 6, 68, "plain_claims"),
    ]
    assert (criterion["id"], criterion["met"], criterion["score"]) == ("plain_claims", False, 0.0)
    assert criterion["missing"].startswith("4 superlatives and buzzwords in 4 sentences, e.g. 'synergy'")


def test_a_rule_the_term_does_not_list_does_not_move_the_criterion(tmp_path):
    criterion, findings = _run(tmp_path, "")
    assert [(f["rule"], f["criterion"]) for f in findings] == [("house-synergy", None)] * 4
    assert (criterion["met"], criterion["score"]) == (True, 1.0)
