"""Which rules run by default, how a team turns on the rules that are off by default
(``enable`` in the project file or an override, ``--enable``, or ``select`` naming them),
and one finding per span when two rules flag the same words."""

from __future__ import annotations

import re

import yaml

from helpers_cli import ROOT, VQ, cli, findings, report, write

#: "Many" is a vague quantifier (off by default); "utilize" an inflated word (on).
DRAFT = "Many teams utilize tools.\n"
VQ_MANY = (VQ, "warning", 1, 1, 1, 5, "Many")
UTILIZE = ("inflated-word", "info", 1, 12, 1, 19, "utilize")


def lint_json(cwd, *args):
    result = cli("lint", "--no-cache", *args, "--format", "json", cwd=cwd)
    assert result.stderr == "", result.stderr
    return report(result)


def off_by_default() -> set[str]:
    out = set()
    for path in (ROOT / "rules").glob("*.yaml"):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            if raw.get("enabled") is False:
                out.add(raw["id"])
    return out


def test_the_noisy_rules_are_off_by_default_and_listed_so(tmp_path):
    off = off_by_default()
    assert {VQ, "weak-intensifier", "generic-advice", "long-sentence"} <= off
    result = cli("rules", cwd=tmp_path)
    header, *rows = result.stdout.splitlines()
    assert re.split(r"\s{2,}", header)[:3] == ["id", "runs", "severity"]
    runs = {re.split(r"\s{2,}", row)[0]: re.split(r"\s{2,}", row)[1] for row in rows}
    assert {rid for rid, on in runs.items() if on == "off"} == off
    assert runs["inflated-word"] == "on"
    explained = cli("explain", VQ, cwd=tmp_path).stdout
    assert f"Off by default. Turn it on for a run with `--enable {VQ}`" in explained
    assert "Turn it off for a run with `--ignore inflated-word`" in cli("explain", "inflated-word", cwd=tmp_path).stdout


def test_a_rule_off_by_default_reports_nothing_until_enabled(tmp_path):
    write(tmp_path, {"x.md": DRAFT})
    assert findings(lint_json(tmp_path, "x.md")) == [UTILIZE]
    assert findings(lint_json(tmp_path, "x.md", "--enable", VQ)) == [VQ_MANY, UTILIZE]
    assert findings(lint_json(tmp_path, "x.md", "--enable", "numbers")) == [VQ_MANY, UTILIZE]  # its category
    assert findings(lint_json(tmp_path, "x.md", "--enable", "all")) == [VQ_MANY, UTILIZE]
    # select names what runs, whether or not it is on by default
    assert findings(lint_json(tmp_path, "x.md", "--select", VQ)) == [VQ_MANY]
    # ignore wins over enable
    assert findings(lint_json(tmp_path, "x.md", "--enable", "all", "--ignore", VQ)) == [UTILIZE]


def test_the_project_file_and_its_overrides_enable_rules(tmp_path):
    write(tmp_path, {
        "draftlint.yaml": "enable: [vague-quantifier]\noverrides:\n  - files: ['drafts/**']\n    enable: [hedging]\n",
        "x.md": DRAFT,
        "drafts/y.md": "Many teams might perhaps utilize tools.\n",
    })
    doc = lint_json(tmp_path, "x.md", "drafts/y.md")
    assert findings(doc, "x.md") == [VQ_MANY, UTILIZE]
    assert findings(doc, "drafts/y.md") == [VQ_MANY, ("hedging", "warning", 1, 12, 1, 25, "might perhaps"),
                                            ("inflated-word", "info", 1, 26, 1, 33, "utilize")]
    # a flag adds to the file's list
    write(tmp_path, {"draftlint.yaml": "enable: [hedging]\n"})
    assert [f[0] for f in findings(lint_json(tmp_path, "drafts/y.md", "--enable", VQ))] == [
        VQ, "hedging", "inflated-word"]


def test_an_unknown_name_in_enable_is_a_one_line_error_at_its_line(tmp_path):
    write(tmp_path, {"a/draftlint.yaml": "fail_level: error\nenable: [vague-quantifer]\n", "a/x.md": DRAFT,
                     "b/draftlint.yaml": "rules: [style]\n", "b/x.md": DRAFT,
                     "b/style/bad.yaml": "rules:\n  - id: loud\n    type: phrases\n    enabled: sometimes\n"
                                         "    message: m\n    description: d.\n    phrases: [x]\n"
                                         "    examples: {bad: [x], good: [y]}\n"})
    result = cli("lint", "--no-cache", "x.md", cwd=tmp_path / "a")
    assert result.exit_code == 2
    assert result.stderr == (f"draftlint: error: {tmp_path / 'a' / 'draftlint.yaml'}:2: unknown rule or category "
                             "'vague-quantifer' in 'enable'\n")
    result = cli("lint", "--no-cache", "x.md", cwd=tmp_path / "b")
    assert result.exit_code == 2
    assert result.stderr == (f"draftlint: error: {tmp_path / 'b' / 'style' / 'bad.yaml'}:4: rule 'loud': 'enabled' "
                             "must be true or false, not 'sometimes'\n")
    write(tmp_path, {"c/x.md": DRAFT})
    result = cli("lint", "--no-cache", "--enable", "vague-quantifer", "x.md", cwd=tmp_path / "c")
    assert (result.exit_code, result.stderr) == (2, "draftlint: error: unknown rule or category 'vague-quantifer'\n")


# -- one finding per span ---------------------------------------------------------------------

def test_the_longer_phrase_wins_over_a_word_inside_it(tmp_path):
    write(tmp_path, {"x.md": "Many studies show that churn fell.\n"})
    both = "unsourced-claim,vague-quantifier"
    assert findings(lint_json(tmp_path, "x.md", "--select", both)) == [
        ("unsourced-claim", "warning", 1, 1, 1, 18, "Many studies show")]
    # with the specific rule ignored, the general one reports the word again
    assert findings(lint_json(tmp_path, "x.md", "--select", VQ)) == [VQ_MANY]


HOUSE_SWAP = """\
rules:
  - id: house-synergy
    type: substitution
    severity: info
    message: "write '{replacement}' for '{match}'"
    description: The house style says what teams did together.
    swap: {synergies: shared work}
    examples:
      bad: [The merger created synergies.]
      good: [The merger created shared work.]
"""


def test_on_the_same_words_the_rule_with_a_replacement_wins(tmp_path):
    write(tmp_path, {"draftlint.yaml": "rules: [style]\n", "style/house.yaml": HOUSE_SWAP,
                     "x.md": "The merger created synergies for both teams.\n"})
    assert findings(lint_json(tmp_path, "x.md", "--select", "buzzword,house-synergy")) == [
        ("house-synergy", "info", 1, 20, 1, 29, "synergies")]
    assert findings(lint_json(tmp_path, "x.md", "--select", "buzzword")) == [
        ("buzzword", "warning", 1, 20, 1, 29, "synergies")]


def test_a_sentence_length_finding_does_not_hide_the_phrases_inside_it(tmp_path):
    long = ("When we moved the billing service we had to leverage synergies across the teams, rewrite the deploy "
            "scripts, retrain the on-call team, move three years of invoices to a new database and explain to every "
            "customer why their receipts looked different.\n")
    write(tmp_path, {"x.md": long})
    got = findings(lint_json(tmp_path, "x.md", "--select", "long-sentence,buzzword"))
    assert [f[:4] for f in got] == [("long-sentence", "warning", 1, 1), ("buzzword", "warning", 1, 45)]
    assert got[1][-1] == "leverage synergies"
