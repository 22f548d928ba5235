"""Readability scores from textstat, imported only when a metric rule needs one.

textstat counts syllables with the CMU Pronouncing Dictionary for English, which costs
about a second and 70 MB to load at first use. draftlint asks textstat for ``en-US``
instead, which makes textstat count syllables with its hyphenation dictionary (pyphen)
while keeping the English formulas: the same scores within a few points, offline, in
milliseconds.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

METRICS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)
LANGUAGE = "en-US"


@lru_cache(maxsize=1)
def _textstat():
    import textstat

    textstat.set_lang(LANGUAGE)
    return textstat


#: pyphen remembers every word it has hyphenated; past this many, it starts afresh so a
#: long run's memory stays flat.
HYPHENATION_CACHE_LIMIT = 20_000


_IDENTIFIER = re.compile(r"[A-Za-z]\w*[_.]\w|[a-z][A-Z]|[A-Za-z]\d|\d[A-Za-z]")


def plain_words(span) -> tuple[str, int]:
    """The span's text as readability formulas should see it, and its word count: without
    URLs, e-mail addresses, code identifiers ("max_connections", "pg.stat", "useState",
    "v8"), or names ("PostgreSQL", "Excalidraw"), which make a clear paragraph of short
    sentences score as dense prose."""
    parts = []
    words = 0
    for t in span:
        text = t.text
        skip = (t.like_url or t.like_email or t.pos_ == "PROPN" or _IDENTIFIER.search(text) is not None) \
            and not t.is_punct
        if skip:
            parts.append(t.whitespace_)
            continue
        parts.append(t.text_with_ws)
        if not (t.is_punct or t.is_space):
            words += 1
    return "".join(parts), words


def score(metric: str, text: str) -> float:
    with warnings.catch_warnings():
        # textstat notes it has no separate easy-word list for en-US and uses English's.
        warnings.simplefilter("ignore")
        value = float(getattr(_textstat(), metric)(text))
    _trim_hyphenation_cache()
    return value


def _trim_hyphenation_cache() -> None:
    import pyphen

    for dictionary in getattr(pyphen, "hdcache", {}).values():
        cache = getattr(dictionary, "cache", None)
        if isinstance(cache, dict) and len(cache) > HYPHENATION_CACHE_LIMIT:
            cache.clear()
