"""Whether a draft reads as English: the rules and criteria assume it does."""

from __future__ import annotations

MIN_WORDS = 20
MIN_FUNCTION_WORD_SHARE = 0.15  # English prose runs at 35-50%; German or Japanese under 10%


def looks_english(doc) -> bool:
    """True unless a draft of some length is mostly in another script, or has almost none
    of English's function words."""
    letters = [c for c in doc.text if c.isalpha()]
    if len(letters) >= 40 and sum(1 for c in letters if c.isascii()) / len(letters) < 0.5:
        return False
    words = [t for t in doc if t.is_alpha]
    if len(words) < MIN_WORDS:
        return True
    share = sum(1 for t in words if t.is_stop) / len(words)
    return share >= MIN_FUNCTION_WORD_SHARE
