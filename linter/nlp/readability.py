"""Readability scores from textstat, imported only when a metric rule needs one.

textstat counts syllables with the CMU Pronouncing Dictionary for English, which costs
about a second and 70 MB to load at first use. draftlint asks textstat for ``en-US``
instead, which makes textstat count syllables with its hyphenation dictionary (pyphen)
while keeping the English formulas: the same scores within a few points, offline, in
milliseconds.
"""

from __future__ import annotations

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
