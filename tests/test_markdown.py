"""The Markdown reading stage: which text is linted, and at which exact source position.

Every case lints with the single rule ``vague-quantifier`` (it flags "many", "a lot",
"numerous", "significantly"... unless the sentence holds a number), so the expectations
stay put while the rule set grows. Expectations are ``(rule, line, column, end_line,
end_column, text)``: 1-based, columns in code points, ends exclusive. The test texts avoid
digits and number words, which would silence the rule.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import findings_of, linter_for

VQ = "vague-quantifier"


def vq(text: str, path: str = "x.md"):
    # positions inside block quotes are part of what is tested: the probe also flags quotes
    return findings_of(linter_for(select=(VQ,), quotes=True).lint_text(text, path), VQ)


# (id, draft text, expected findings)
CASES = [
    # -- headings ---------------------------------------------------------------
    ("atx-heading", "# Many dogs\n", [(VQ, 1, 3, 1, 7, "Many")]),
    ("atx-closing-hashes", "## many ##\n", [(VQ, 1, 4, 1, 8, "many")]),
    ("setext-h1", "Cats and many dogs\n==================\n", [(VQ, 1, 10, 1, 14, "many")]),
    ("setext-h2-two-lines", "Cats bark\nand many purr\n---\n", [(VQ, 2, 5, 2, 9, "many")]),
    # -- paragraphs and soft breaks ------------------------------------------------
    ("paragraph", "Dogs bark and many cats purr.\n", [(VQ, 1, 15, 1, 19, "many")]),
    ("softbreaks", "Dogs bark\nand many cats\npurr a lot.\n",
     [(VQ, 2, 5, 2, 9, "many"), (VQ, 3, 6, 3, 11, "a lot")]),
    ("phrase-across-softbreak", "Dogs purr a\nlot.\n", [(VQ, 1, 11, 2, 4, "a\nlot")]),
    ("hard-break-spaces", "Dogs  \nhard many\n", [(VQ, 2, 6, 2, 10, "many")]),
    ("hard-break-backslash", "Dogs\\\nhard many\n", [(VQ, 2, 6, 2, 10, "many")]),
    ("thematic-break", "Dogs\n***\nmany cats\n", [(VQ, 3, 1, 3, 5, "many")]),
    # -- lists -------------------------------------------------------------------
    ("nested-lists", "- dogs many\n  - cats many\n    1. birds many\n",
     [(VQ, 1, 8, 1, 12, "many"), (VQ, 2, 10, 2, 14, "many"), (VQ, 3, 14, 3, 18, "many")]),
    ("list-continuation-lines", "- an item\n  with many lines\n  and a lot more\n",
     [(VQ, 2, 8, 2, 12, "many"), (VQ, 3, 7, 3, 12, "a lot")]),
    ("loose-list-paragraph", "- dogs\n\n  para many\n", [(VQ, 3, 8, 3, 12, "many")]),
    ("ordered-paren-marker", "1) many cats\n", [(VQ, 1, 4, 1, 8, "many")]),
    # -- block quotes --------------------------------------------------------------
    ("nested-quotes", "> quoted many\n> > inner many\n",
     [(VQ, 1, 10, 1, 14, "many"), (VQ, 2, 11, 2, 15, "many")]),
    ("quote-lazy-continuation", "> quoted dogs\nlazy many\n", [(VQ, 2, 6, 2, 10, "many")]),
    ("list-in-quote", "> - quoted item\n>   with many\n", [(VQ, 2, 10, 2, 14, "many")]),
    ("quote-paragraphs", "> many\n>\n> many\n", [(VQ, 1, 3, 1, 7, "many"), (VQ, 3, 3, 3, 7, "many")]),
    # -- tables ------------------------------------------------------------------
    ("table-body-cells", "| Dogs | Cats |\n|------|------|\n| many x | y many |\n",
     [(VQ, 3, 3, 3, 7, "many"), (VQ, 3, 14, 3, 18, "many")]),
    ("table-header-cell", "| many dogs | cats |\n|---|---|\n| a | b |\n", [(VQ, 1, 3, 1, 7, "many")]),
    ("table-escaped-pipe", "| a \\| many | b |\n|---|---|\n| c | d |\n", [(VQ, 1, 8, 1, 12, "many")]),
    # -- code is never linted ------------------------------------------------------
    ("fenced-tilde-indented-code",
     "```text\nmany\n```\n\n~~~\nmany\n~~~\n\n    many indented\n\nDogs many.\n",
     [(VQ, 11, 6, 11, 10, "many")]),
    ("inline-code", "See `very many` and many.\n", [(VQ, 1, 21, 1, 25, "many")]),
    ("inline-code-double-backticks", "A ``code ` many`` many\n", [(VQ, 1, 19, 1, 23, "many")]),
    ("inline-code-across-lines", "Dogs `many\nstill code` many\n", [(VQ, 2, 13, 2, 17, "many")]),
    ("house-style-example", "See `very many` and [really](https://many.example), it is *many* quick.\n",
     [(VQ, 1, 60, 1, 64, "many")]),
    # -- HTML ---------------------------------------------------------------------
    ("html-block", "<div>\nmany html\n</div>\n\nDogs many.\n", [(VQ, 5, 6, 5, 10, "many")]),
    ("inline-html-attribute", 'A <span title="many">dogs</span> many\n', [(VQ, 1, 34, 1, 38, "many")]),
    ("text-between-inline-tags", "Dogs <b>many</b> cats\n", [(VQ, 1, 9, 1, 13, "many")]),
    ("html-comment-block", "<!-- many -->\nDogs many.\n", [(VQ, 2, 6, 2, 10, "many")]),
    ("inline-comment-across-lines", "Dogs <!-- many\nmany --> many\n", [(VQ, 2, 10, 2, 14, "many")]),
    ("inline-comments", "Text <!-- many --> many <!-- many --> many\n",
     [(VQ, 1, 20, 1, 24, "many"), (VQ, 1, 39, 1, 43, "many")]),
    # -- links, images, URLs ---------------------------------------------------------
    ("link-text-is-linted", "A [many dogs](https://x.example) ran.\n", [(VQ, 1, 4, 1, 8, "many")]),
    ("link-target-and-title", 'A [dogs](https://many.example "many title") many\n', [(VQ, 1, 45, 1, 49, "many")]),
    ("link-angle-target", 'A [dogs](<many target> "many") many\n', [(VQ, 1, 32, 1, 36, "many")]),
    ("reference-link-and-definition", 'Dogs [cats][ref] many\n\n[ref]: https://many.example "many"\n',
     [(VQ, 1, 18, 1, 22, "many")]),
    ("image-alt-and-target", "![many dogs](many.png) and many\n", [(VQ, 1, 28, 1, 32, "many")]),
    ("image-inside-link", "[![many](many.png) many](https://many.example)\n", [(VQ, 1, 20, 1, 24, "many")]),
    ("autolink", "<https://many.example> many\n", [(VQ, 1, 24, 1, 28, "many")]),
    ("bare-url", "See https://many.example/many-things and many\n", [(VQ, 1, 42, 1, 46, "many")]),
    ("bare-www-url", "Go to www.many.example now, many.\n", [(VQ, 1, 29, 1, 33, "many")]),
    ("bare-email", "Mail dogs@many.example for many.\n", [(VQ, 1, 28, 1, 32, "many")]),
    # -- escapes, entities, emphasis ---------------------------------------------------
    ("escapes", "\\*many\\* dogs and many\n", [(VQ, 1, 3, 1, 7, "many"), (VQ, 1, 19, 1, 23, "many")]),
    ("escaped-hash", "Dogs \\# many\n", [(VQ, 1, 9, 1, 13, "many")]),
    ("entities", "Cats &amp; dogs &copy; many &#169; many\n",
     [(VQ, 1, 24, 1, 28, "many"), (VQ, 1, 36, 1, 40, "many")]),
    ("entity-in-link-text", "[a &amp; many](https://x.example)\n", [(VQ, 1, 10, 1, 14, "many")]),
    ("nbsp-entity", "&nbsp;many cats\n", [(VQ, 1, 7, 1, 11, "many")]),
    ("emphasis-markers", "**many** _many_ ~~many~~ ***many***\n",
     [(VQ, 1, 3, 1, 7, "many"), (VQ, 1, 11, 1, 15, "many"), (VQ, 1, 19, 1, 23, "many"), (VQ, 1, 29, 1, 33, "many")]),
    ("emphasis-across-softbreak", "*dogs\nmany*\n", [(VQ, 2, 1, 2, 5, "many")]),
    ("intraword-underscores", "snake_case_many many\n", [(VQ, 1, 17, 1, 21, "many")]),
    # -- line endings and whitespace ------------------------------------------------------
    ("crlf", "Dogs bark\r\nand many cats\r\n\r\n# Heading many\r\n",
     [(VQ, 2, 5, 2, 9, "many"), (VQ, 4, 11, 4, 15, "many")]),
    ("lone-cr", "Dogs bark\rand many cats\r\r# Heading many\r",
     [(VQ, 2, 5, 2, 9, "many"), (VQ, 4, 11, 4, 15, "many")]),
    ("crlf-list-continuation", "- an item\r\n  with many lines\r\n",
     [(VQ, 2, 8, 2, 12, "many")]),
    ("tab-in-paragraph", "Dogs\tand many\n", [(VQ, 1, 10, 1, 14, "many")]),
    ("tab-after-list-marker", "-\tmany dogs\n", [(VQ, 1, 3, 1, 7, "many")]),
    ("tab-after-quote-marker", ">\tmany dogs\n", [(VQ, 1, 3, 1, 7, "many")]),
    # -- columns count code points ----------------------------------------------------------
    ("emoji", "😀 many 👍🏽 many\n", [(VQ, 1, 3, 1, 7, "many"), (VQ, 1, 11, 1, 15, "many")]),
    ("zwj-emoji-sequence", "👩\u200d💻 many\n", [(VQ, 1, 5, 1, 9, "many")]),
    ("combining-accent", "Cafe\u0301 many\n", [(VQ, 1, 7, 1, 11, "many")]),
    ("emoji-in-heading-after-crlf", "Dogs\r\n\r\n## 🐕 many\r\n", [(VQ, 3, 6, 3, 10, "many")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_markdown_positions(text, expected):
    assert vq(text) == expected


def test_markdown_extension_is_markdown():
    assert vq("<!-- many -->\n`many` many\n", "notes.markdown") == [(VQ, 2, 8, 2, 12, "many")]


def test_whole_document_maps_every_block():
    text = (
        "# A guide with many parts\n"
        "\n"
        "Intro with *many* words and a [link](https://many.example).\n"
        "\n"
        "```python\n"
        "many = True\n"
        "```\n"
        "\n"
        "> A quote with many words\n"
        "\n"
        "- a list with many items\n"
        "  - nested with a lot\n"
        "\n"
        "| Col | Other |\n"
        "| --- | ----- |\n"
        "| many | `many` |\n"
        "\n"
        "<!-- many -->\n"
        "Closing line, significantly &amp; numerous.\n"
    )
    assert vq(text) == [
        (VQ, 1, 16, 1, 20, "many"),
        (VQ, 3, 13, 3, 17, "many"),
        (VQ, 9, 16, 9, 20, "many"),
        (VQ, 11, 15, 11, 19, "many"),
        (VQ, 12, 17, 12, 22, "a lot"),
        (VQ, 16, 3, 16, 7, "many"),
        (VQ, 19, 15, 19, 28, "significantly"),
        (VQ, 19, 35, 19, 43, "numerous"),
    ]


def test_line_break_tag_separates_words():
    assert vq("Dogs<br>many cats\n") == [(VQ, 1, 9, 1, 13, "many")]


# -- property test ---------------------------------------------------------------------

PHRASES = {"many", "numerous", "significantly"}
PIECES = [
    "many", "numerous", "significantly", "dogs", "cats", " ", " ", " ", "*", "**", "_", "`", "``",
    "[", "]", "(", ")", "#", "# ", ">", "> ", "-", "- ", "|", "\n", "\n", "\n\n", "\r", "\r\n",
    "\t", "    ", "😀", "👍🏽", "e\u0301", "&amp;", "&copy;", "\\*", "<!-- ", " -->", "<!-- many -->",
    "<b>", "</b>", "https://many.example", "<https://many.example>", "![many](many.png)",
    "[many](many.url)", "---", "---\n", "title: ", "tags: [", "```", "1. ", "=", "{", "}", "<Note>", "</Note>",
    "import many\n",
]
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def offset_of(text: str, starts: list[int], line: int, column: int) -> int:
    """Source offset of a 1-based line and column, checking that they exist."""
    assert 1 <= line <= len(starts), (line, len(starts))
    begin = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    assert 1 <= column <= end - begin + 1, (line, column)
    return begin + column - 1


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.sampled_from(["x.md", "x.mdx", "x.txt"]))
def test_generated_drafts_map_back_to_the_source(text, path):
    lint = linter_for(select=(VQ,)).lint_text
    report = lint(text, path)  # bad generated front matter is a finding, never an exception
    assert report.error is None
    starts = line_starts(text)
    for rf in report.findings:
        loc = rf.location
        start = offset_of(text, starts, loc.line, loc.column)
        end = offset_of(text, starts, loc.end_line, loc.end_column)
        assert start <= end
        assert text[start:end] == rf.text
        if rf.finding.rule == VQ:
            assert rf.text.lower() in PHRASES, (text, rf.text)
    for rc in report.criteria:
        for ev in rc.evidence:
            start = offset_of(text, starts, ev.line, ev.column)
            assert text[start:start + len(ev.evidence.text)] == ev.evidence.text
    again = lint(text, path)
    assert findings_of(again) == findings_of(report)
    assert [(c.score.id, c.score.score) for c in again.criteria] == [(c.score.id, c.score.score) for c in report.criteria]


@pytest.mark.parametrize("text,column", [
    ("&amp;many teams\n", 6),  # an entity right before the word (found by the property test)
    ("Tom &amp; Jerry &foo; &copy;many teams\n", 29),  # "&foo;" is not an entity and stays as written
    ("&amp;amp; many teams\n", 11),
])
def test_positions_after_character_references(text, column):
    assert vq(text) == [(VQ, 1, column, 1, column + 4, "many")]
