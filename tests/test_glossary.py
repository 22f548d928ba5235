"""The glossary: packaged terms, validation errors, and choosing a term per draft."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from linter.api import Linter
from linter.config import Config
from linter.errors import ConfigError
from linter.resources import data_dir

TERM = """\
id: field-note
name: Field note
definition: A short report from the field.
pass_score: 50
criteria:
  - id: specific_numbers
    weight: 2
    explanation: Has figures.
    detector: specific_numbers
  - id: first_hand_experience
    weight: 1
    explanation: Tells what the author did.
"""


def glossary_dir(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "field-note.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def test_thought_leadership_has_the_five_criteria():
    term = Linter().glossary.get("thought-leadership")
    assert [c.id for c in term.criteria] == [
        "original_data", "specific_numbers", "contrarian_stance", "no_generic_tips", "first_hand_experience",
    ]
    assert all(c.weight > 0 and c.explanation for c in term.criteria)
    assert term.pass_score == 60


def test_related_terms_are_entries():
    glossary = Linter().glossary
    for related in ("original-research", "content-strategy", "content-pillar", "blog"):
        assert glossary.get(related) is not None, related
        assert related in glossary.get("thought-leadership").related


@pytest.mark.parametrize(
    "edit, line, fragment",
    [
        (("    weight: 1\n", ""), 10, "criterion 'first_hand_experience': missing 'weight'"),
        (("    detector: specific_numbers", "    detector: vibes"), 9, "unknown detector 'vibes'"),
        (("    weight: 2", "    weight: heavy"), 7, "'weight' must be a number"),
        (("pass_score: 50", "pass_score: 150"), 4, "'pass_score' must be a number between 0 and 100"),
        (("name: Field note", "name: Field note\ncolour: blue"), 3, "unknown key 'colour'"),
        (("pass_score: 50", "pass_score: 50\nscore_model: vibes"), 5,
         "term 'field-note': 'score_model' must be one of thought_leadership, not 'vibes'"),
    ],
)
def test_glossary_errors_name_file_and_line(tmp_path, edit, line, fragment):
    folder = glossary_dir(tmp_path, TERM.replace(*edit))
    with pytest.raises(ConfigError) as err:
        Linter(Config(glossary_dirs=(data_dir("glossary"), folder)))
    assert str(err.value).startswith(f"{folder / 'field-note.yaml'}:{line}: ")
    assert fragment in str(err.value)


def test_front_matter_picks_the_term(tmp_path):
    folder = glossary_dir(tmp_path, TERM)
    linter = Linter(Config(glossary_dirs=(data_dir("glossary"), folder)))
    text = "---\ntitle: Notes\ndraftlint:\n  term: field-note\n---\nWe measured 41% fewer returns last spring.\n"
    report = linter.lint_text(text, "d.md")
    assert report.term == "field-note"
    assert [c.score.id for c in report.criteria] == ["specific_numbers", "first_hand_experience"]


def test_an_unknown_term_is_a_per_file_error(linter, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ndraftlint: {term: manifesto}\n---\nText.\n", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("We cut build times from 14 minutes to 3 minutes last month.\n", encoding="utf-8")
    report = linter.lint_paths([str(bad), str(good)])
    known = ", ".join(sorted(linter.glossary.terms))
    assert report.files[0].error == f"{bad}:2: front matter names unknown term 'manifesto' (known: {known})"
    assert report.files[1].error is None and report.files[1].score is not None


def test_a_reference_term_cannot_score(linter):
    report = linter.lint_text("---\ndraftlint: {term: blog}\n---\nText.\n", "d.md")
    assert report.error == "d.md:2: term 'blog' has no criteria, so it cannot score a draft"
