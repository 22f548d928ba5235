"""YAML front matter: the title is prose at its exact position, the other keys are not,
``draftlint: {term: ...}`` picks the glossary term, and bad front matter is reported
on one line naming the file.

Positions are asserted with the single rule ``vague-quantifier`` as
``(rule, line, column, end_line, end_column, text)``.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import findings_of, linter_for
from linter.cli import main

VQ = "vague-quantifier"
BAD_FM = "invalid-front-matter"


def lint(text: str, path: str = "x.md"):
    return linter_for(select=(VQ,)).lint_text(text, path)


def vq(text: str, path: str = "x.md"):
    return findings_of(lint(text, path))


# -- the title ------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("---\ntitle: Many ways to win\n---\n\nDogs.\n", [(VQ, 2, 8, 2, 12, "Many")]),
    ('---\ntitle: "Many ways to win"\n---\n', [(VQ, 2, 9, 2, 13, "Many")]),
    ("---\ntitle: 'Many ways to win'\n---\n", [(VQ, 2, 9, 2, 13, "Many")]),
    ("---\ntitle:   Many ways   \n---\n", [(VQ, 2, 10, 2, 14, "Many")]),
    ('---\ntitle: "🐕 many dogs"\n---\n', [(VQ, 2, 11, 2, 15, "many")]),
    ("---\ntitle: Dogs and numerous cats\n...\nMany birds.\n",
     [(VQ, 2, 17, 2, 25, "numerous"), (VQ, 4, 1, 4, 5, "Many")]),
], ids=["unquoted", "double-quoted", "single-quoted", "padded", "emoji", "dots-closer"])
def test_title_is_linted_at_its_position(text, expected):
    assert vq(text) == expected


def test_only_the_top_level_title_key_is_linted():
    text = (
        "---\n"
        "subtitle: many\n"
        "meta:\n"
        "  title: many\n"
        "title: Dogs and many cats\n"
        "---\n"
    )
    assert vq(text) == [(VQ, 5, 17, 5, 21, "many")]


def test_other_keys_are_never_linted_and_body_lines_count_from_the_top():
    text = (
        "---\n"
        "title: Dogs\n"
        "description: Many things, significantly better.\n"
        "tags: [many, numerous]\n"
        "categories:\n"
        "  - a lot\n"
        "type: many\n"
        "author: Many Dogs\n"
        "summary: >\n"
        "  Numerous cats purr\n"
        "  a lot.\n"
        "---\n"
        "\n"
        "Body with many words.\n"
    )
    assert vq(text) == [(VQ, 14, 11, 14, 15, "many")]


def test_empty_front_matter():
    assert vq("---\n---\nMany dogs.\n") == [(VQ, 3, 1, 3, 5, "Many")]


def test_front_matter_must_open_the_file():
    # A leading blank line: a thematic break, then a setext heading "description: many ways".
    assert vq("\n---\ndescription: many ways\n---\n") == [(VQ, 3, 14, 3, 18, "many")]


def test_unclosed_front_matter_is_markdown():
    assert vq("---\ndescription: many ways\n\nDogs.\n") == [(VQ, 2, 14, 2, 18, "many")]


def test_front_matter_in_mdx_and_text_files():
    text = "---\ntitle: Many ways\ntags: [many]\n---\nDogs and many cats.\n"
    expected = [(VQ, 2, 8, 2, 12, "Many"), (VQ, 5, 10, 5, 14, "many")]
    assert vq(text, "x.mdx") == expected
    assert vq(text, "x.txt") == expected


def test_title_with_a_trailing_comment():
    assert vq("---\ntitle: Many ways # working title\n---\n") == [(VQ, 2, 8, 2, 12, "Many")]


def test_front_matter_with_crlf_line_endings():
    report = lint("---\r\ntitle: Dogs\r\ndescription: many things\r\ndraftlint:\r\n"
                  "  term: original-research\r\n---\r\nBody.\r\n")
    assert (findings_of(report), report.term) == ([], "original-research")


def test_front_matter_with_cr_line_endings():
    report = lint("---\rtitle: Dogs\rdescription: many things\r---\rBody.\r")
    assert findings_of(report) == []


# -- the term ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,term", [
    ("Dogs.\n", "thought-leadership"),
    ("---\ndraftlint:\n  term: original-research\n---\nDogs.\n", "original-research"),
    ("---\ndraftlint: {term: original-research}\n---\nDogs.\n", "original-research"),
    ("---\ndraftlint:\n  term: thought-leadership\n---\nDogs.\n", "thought-leadership"),
])
def test_front_matter_selects_the_term(text, term):
    report = lint(text)
    assert (report.term, report.error) == (term, None)
    assert report.criteria


def test_term_in_json_output(tmp_path):
    (tmp_path / "a.md").write_text("---\ndraftlint:\n  term: original-research\n---\nDogs.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Dogs.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "a.md"), str(tmp_path / "b.md"),
                                       "--format", "json", "--select", VQ])
    doc = json.loads(result.stdout)
    assert [(f["path"], f["term"]) for f in doc["files"]] == [
        (str(tmp_path / "a.md"), "original-research"),
        (str(tmp_path / "b.md"), "thought-leadership"),
    ]


def test_unknown_term_is_a_per_file_error_and_other_files_still_lint(tmp_path):
    bad = tmp_path / "bad.md"
    good = tmp_path / "good.md"
    bad.write_text("---\ndraftlint:\n  term: no-such-term\n---\nMany dogs.\n", encoding="utf-8")
    good.write_text("Many cats.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(bad), str(good), "--format", "json", "--select", VQ])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"draftlint: error: {bad}:3: front matter names unknown term 'no-such-term'")
    assert "thought-leadership" in lines[0]  # it names the terms that exist
    doc = json.loads(result.stdout)
    bad_report, good_report = doc["files"]
    assert (bad_report["term"], bad_report["score"], bad_report["findings"]) == (None, None, [])
    assert bad_report["error"].startswith(f"{bad}:3: front matter names unknown term")
    assert [(f["rule"], f["line"], f["column"], f["text"]) for f in good_report["findings"]] == [(VQ, 1, 1, "Many")]


def test_reference_term_cannot_score_a_draft():
    report = lint("---\ndraftlint:\n  term: blog\n---\nDogs.\n")
    assert report.error == "x.md:3: term 'blog' has no criteria, so it cannot score a draft"
    assert report.findings == ()


# -- malformed front matter ----------------------------------------------------------------
# Malformed front matter is an error-severity finding on the offending line, and the draft
# is still linted (commit 112e915); the title is salvaged when it can be found.

@pytest.mark.parametrize("text,expected", [
    ("---\ntitle: Dogs\n\tbad: x\n---\nMany cats.\n",
     [(BAD_FM, 3, 1, 3, 8, "\tbad: x"), (VQ, 5, 1, 5, 5, "Many")]),
    ("---\ntitle: many\ntitle: cats\n---\n",
     [(VQ, 2, 8, 2, 12, "many"), (BAD_FM, 3, 1, 3, 12, "title: cats")]),
    ("---\n- a\n- b\n---\nMany cats.\n",
     [(BAD_FM, 2, 1, 2, 4, "- a"), (VQ, 5, 1, 5, 5, "Many")]),
    ("---\njust a string\n---\nMany cats.\n",
     [(BAD_FM, 2, 1, 2, 14, "just a string"), (VQ, 4, 1, 4, 5, "Many")]),
], ids=["bad-yaml", "duplicate-key", "a-list", "a-string"])
def test_malformed_front_matter_is_a_finding_on_its_line(text, expected):
    report = lint(text)
    assert report.error is None
    assert findings_of(report) == expected
    assert [rf.finding.severity for rf in report.findings if rf.finding.rule == BAD_FM] == ["error"]


def test_malformed_front_matter_keeps_the_title():
    report = lint('---\ntitle: "Many ways"\nbad: [x\n---\nDogs.\n')
    assert findings_of(report, VQ) == [(VQ, 2, 9, 2, 13, "Many")]
    assert [rf.location.line for rf in report.findings if rf.finding.rule == BAD_FM] == [4]


@pytest.mark.parametrize("front", ["title: Dogs\n\tbad: x\n", "- a\n- b\n", "title: [x\n"],
                         ids=["bad-yaml", "not-a-mapping", "unclosed-flow"])
def test_malformed_front_matter_on_the_command_line(tmp_path, front):
    draft = tmp_path / "draft.md"
    draft.write_text(f"---\n{front}---\nDogs.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(draft), "--select", VQ, "--fail-under", "0", "--quiet"])
    assert result.exit_code == 1  # an error-severity finding
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{draft}:") and f" error {BAD_FM} front matter is not " in lines[0]
