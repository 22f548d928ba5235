"""Threat model, section 4: the readers fuzzed with generated hostile text.

Hypothesis builds drafts from the characters and fragments that steer the Markdown, MDX,
front-matter and directive readers (fences, braces, tags, quotes, backslashes, entities,
comments, NUL, lone CRs). Every example must parse without an exception, within a deadline,
and every span the reader returns must lie inside the draft, in order. Linear time is shown
separately, by doubling inputs (``test_linear_readers.py``); here no absolute time is
asserted beyond hypothesis's per-example deadline, which only catches a hang.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.model import Source
from linter.source import frontmatter
from linter.source.directives import parse_comment
from linter.source.markdown import parse

FRAGMENTS = [
    "```", "~~~", "    ", "\t", "\n", "\r\n", "\r", "\n\n", "---\n", "...\n", "title: ", "> ", "- ", "1. ",
    "# ", "| a | b |\n|---|---|\n", "{", "}", "<", ">", "</", "/>", "<a ", '"', "'", "`", "\\", "&amp;",
    "&#x41;", "&", "[", "](", ")", "![", "<!--", "-->", "/*", "*/", "draftlint-disable ",
    "draftlint-enable", "draftlint-disable-next-line vague-quantifier", "import X from 'x'\n",
    "export const a = '", "@", "a-", "https://", "www.", "*", "_", "\0", "\u202e", "é", "😀", "many ",
]

drafts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=120).map("".join)

FUZZ = settings(max_examples=150, deadline=timedelta(seconds=3), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


def _check_draft(text: str, name: str, fmt: str) -> None:
    source = Source.from_text(name, text)
    draft = parse(source, fmt)
    n = len(source.text)
    last = 0
    for block in draft.blocks:
        assert 0 <= block.prose_start <= block.prose_end <= len(draft.prose)
        assert 0 <= block.source_start <= block.source_end <= n
        if block.prose_start < block.prose_end:
            s, e = draft.prose_map.to_source(block.prose_start, block.prose_end)
            assert 0 <= s <= e <= n, (s, e, n)
            assert s >= last or block.kind == "title" or block.kind == "table_cell", (s, last)
            last = max(last, s)
    for d in draft.directives:
        assert 0 <= d.source_start < d.source_end <= n
    for _rule, severity, _message, s, e in draft.problems:
        assert severity in ("error", "warning", "info")
        assert 0 <= s <= e <= n


@FUZZ
@given(drafts)
def test_the_markdown_reader_survives_hostile_text(text):
    _check_draft(text, "x.md", "markdown")


@FUZZ
@given(drafts)
def test_the_mdx_reader_survives_hostile_text(text):
    _check_draft(text, "x.mdx", "mdx")


@FUZZ
@given(drafts)
def test_the_plain_text_reader_survives_hostile_text(text):
    _check_draft(text, "x.txt", "text")


@FUZZ
@given(drafts)
def test_the_front_matter_reader_survives_hostile_text(text):
    text = "---\n" + text + "\n---\nBody.\n"
    fm = frontmatter.find(text, "x.md")
    assert fm is not None
    assert 0 <= fm.start <= fm.end <= len(text)
    if fm.title_span:
        s, e = fm.title_span
        assert 0 <= s <= e <= len(text)
    _check_draft(text, "x.md", "markdown")


@FUZZ
@given(drafts)
def test_the_directive_reader_survives_hostile_text(text):
    for comment in ("<!-- draftlint-disable " + text + " -->", "{/* draftlint-enable " + text + " */}", text):
        d = parse_comment(comment, 0, len(comment))
        if d is not None:
            assert d.action in ("disable", "enable", "disable-next-line", "disable-line")
            assert all(r and not any(c.isspace() or c == "," for c in r) for r in d.rules)
