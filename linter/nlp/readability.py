"""Readability scores from textstat, imported only when a metric rule needs one."""

from __future__ import annotations

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


@lru_cache(maxsize=1)
def _textstat():
    import textstat

    return textstat


def score(metric: str, text: str) -> float:
    return float(getattr(_textstat(), metric)(text))
