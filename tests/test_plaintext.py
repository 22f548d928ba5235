"""Plain-text drafts (``.txt``): paragraphs split at blank lines, line breaks inside a
paragraph are spaces, Markdown syntax is just text, and positions are exact.

Asserted with the single rule ``vague-quantifier`` as
``(rule, line, column, end_line, end_column, text)``.
"""

from __future__ import annotations

import pytest

from conftest import findings_of, linter_for
from linter.model import Source
from linter.source.markdown import parse

VQ = "vague-quantifier"


def vq(text: str, path: str = "x.txt"):
    return findings_of(linter_for(select=(VQ,)).lint_text(text, path), VQ)


CASES = [
    ("paragraphs", "Dogs bark and many cats purr.\nIt wraps here.\n\nAnother para, a lot.\n",
     [(VQ, 1, 15, 1, 19, "many"), (VQ, 4, 15, 4, 20, "a lot")]),
    ("markdown-syntax-is-text", "# not a heading many\n`code many` *em many*\n",
     [(VQ, 1, 17, 1, 21, "many"), (VQ, 2, 7, 2, 11, "many"), (VQ, 2, 17, 2, 21, "many")]),
    ("html-comment-is-text", "Dogs <!-- many --> cats\n", [(VQ, 1, 11, 1, 15, "many")]),
    ("indent-tabs-and-extra-blank-lines", "  Indented many\n\n\n\tTabbed many\n",
     [(VQ, 1, 12, 1, 16, "many"), (VQ, 4, 9, 4, 13, "many")]),
    ("whitespace-only-line-separates", "😀 many\n \nx many", [(VQ, 1, 3, 1, 7, "many"), (VQ, 3, 3, 3, 7, "many")]),
    ("crlf", "Dogs bark\r\nand many cats\r\n\r\nBirds sing a lot.\r\n",
     [(VQ, 2, 5, 2, 9, "many"), (VQ, 4, 12, 4, 17, "a lot")]),
    ("lone-cr", "Dogs bark\rand many cats\r\rBirds sing a lot.\r",
     [(VQ, 2, 5, 2, 9, "many"), (VQ, 4, 12, 4, 17, "a lot")]),
    ("combining-and-emoji", "Cafe\u0301 and 👍🏽 many\n", [(VQ, 1, 14, 1, 18, "many")]),
    ("phrase-across-line-break", "Dogs purr a\nlot.\n", [(VQ, 1, 11, 2, 4, "a\nlot")]),
    ("no-trailing-newline", "Dogs and many", [(VQ, 1, 10, 1, 14, "many")]),
    ("empty", "", []),
    ("blank-lines-only", "\n \n\t\n", []),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_plaintext_positions(text, expected):
    assert vq(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Dogs bark ten times\nand many cats purr\n", []),
    ("Dogs bark ten times\rand many cats purr\r", []),
    ("Dogs bark ten times\n\nmany cats purr\n", [(VQ, 3, 1, 3, 5, "many")]),
    ("Dogs bark ten times\r\n\r\nmany cats purr\r\n", [(VQ, 3, 1, 3, 5, "many")]),
], ids=["lf-joins", "cr-joins", "lf-blank-splits", "crlf-blank-splits"])
def test_line_breaks_join_and_blank_lines_split_sentences(text, expected):
    """A number silences the rule for its own sentence only, so this shows where sentences end."""
    assert vq(text) == expected


def test_plaintext_blocks_are_paragraphs():
    text = "  Dogs bark.\nCats purr.\n\n\nBirds sing.\n"
    draft = parse(Source.from_text("x.txt", text), "text")
    assert draft.fmt == "text"
    assert draft.prose == "Dogs bark. Cats purr.\n\nBirds sing."
    assert [(b.kind, text[b.source_start:b.source_end]) for b in draft.blocks] == [
        ("paragraph", "Dogs bark.\nCats purr."),
        ("paragraph", "Birds sing."),
    ]


def test_crlf_line_break_does_not_split_a_paragraph():
    assert vq("Dogs bark ten times\r\nand many cats purr\r\n") == []


def test_url_in_plain_text_is_not_prose():
    text = "See https://many.example/x for cats.\n"
    assert "https://" not in parse(Source.from_text("x.md", text), "markdown").prose
    assert "https://" not in parse(Source.from_text("x.txt", text), "text").prose
