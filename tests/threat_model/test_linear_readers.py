"""Threat: a small hostile draft makes a reader (Markdown, MDX, front matter, directives)
run in super-linear time, so one pull request hangs the CI job for minutes or hours.

Each case doubles the input and checks that the time at most about doubles (ratio under
3, best of several runs); a quadratic reader gives 4 and an exponential one never ends.
No absolute time is asserted. The readers are called in-process, without spaCy.
"""

from __future__ import annotations

import time

import pytest

from linter.model import Source
from linter.source.markdown import parse

REPEATS = 5


def _best_time(text: str, fmt: str) -> float:
    source = Source.from_text("x.mdx" if fmt == "mdx" else "x.md", text)
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        parse(source, fmt)
        best = min(best, time.perf_counter() - start)
    return best


def time_ratio(make, n: int, fmt: str = "markdown", tries: int = 3) -> float:
    """How much longer parsing takes when the input doubles: the lowest ratio of up to
    ``tries`` measurements, so a burst of load on a shared machine does not fail a linear
    reader (a quadratic one gives about 4 every time)."""
    _best_time(make(n // 8), fmt)  # warm up the parser and caches
    ratio = float("inf")
    for _ in range(tries):
        ratio = min(ratio, _best_time(make(2 * n), fmt) / _best_time(make(n), fmt))
        if ratio < 2.5:
            break
    return ratio


# (make the hostile text of size n, n, format): each n is big enough to take tens of ms
CASES = {
    # issue 11, section 4's table
    "mdx-string-of-backslashes": (lambda n: "export const a = '" + "\\" * n + "\n", 200_000, "markdown"),
    "directive-full-of-blanks": (lambda n: "<!-- draftlint-disable" + " " * n + "> -->", 2_000_000, "markdown"),
    "front-matter-title-full-of-blanks": (lambda n: "---\ntitle: a" + " " * n + "b\n---\n", 200_000, "markdown"),
    "word-hyphen-run-no-email": (lambda n: "a-" * n, 20_000, "markdown"),
    "nul-characters-the-parser-changes": (lambda n: "word " * 2000 + "\n\n" + "ab\0 " * n, 64_000, "markdown"),
    # found while reviewing the same readers
    "many-at-signs": (lambda n: "a@" * n, 10_000, "markdown"),
    "mdx-braces-never-closed": (lambda n: "x {" * n, 10_000, "mdx"),
    "mdx-tags-never-closed-with-quotes": (lambda n: 'x <a "' * n, 10_000, "mdx"),
    "mdx-backtick-pairs-on-one-line": (lambda n: "`a`" * n, 20_000, "mdx"),
    "html-block-of-comment-openers": (lambda n: "<!--" * n, 400_000, "markdown"),
    "inline-html-with-nul": (lambda n: "x <a\0> " * n, 4_000, "markdown"),
    "plain-text-with-nul": (lambda n: "a\0b " * n, 40_000, "text"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_reader_time_is_linear_in_the_draft(case):
    make, n, fmt = CASES[case]
    assert time_ratio(make, n, fmt) < 3


def test_mdx_string_skipper_is_not_exponential():
    """The table's first row: 60 backslashes took hours. Doubling from 40 to 80 must be
    instant; the input is repeated on many lines so the time is measurable."""
    ratio = time_ratio(lambda n: ("export const a = '" + "\\" * n + "\n") * 2000, 40)
    assert ratio < 3
