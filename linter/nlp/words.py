"""Words, counted one way for the whole linter: the metric rules' sentence and paragraph
lengths and the scoring's sentence and draft lengths.

A word is a token that is neither punctuation nor space, and a hyphenated compound written
without spaces ("on-call") is one word.
"""

from __future__ import annotations

_HYPHENS = ("-", "\u2010", "\u2011")


def words_before(doc) -> list[int]:
    """For each token index i, the words among the tokens before it (kept with the Doc)."""
    cum = doc.user_data.get("draftlint_words_before")
    if cum is None:
        import numpy
        from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SPACY

        cols = doc.to_array([IS_PUNCT, IS_SPACE, SPACY, ORTH])
        word = (cols[:, 0] == 0) & (cols[:, 1] == 0)
        hyphen = numpy.isin(cols[:, 3], numpy.array([doc.vocab.strings.add(h) for h in _HYPHENS], dtype=numpy.uint64))
        joined = cols[:, 2] == 0  # no space after the token
        if len(doc) > 2:
            # the second half of a hyphenated word ("on-call"): "on", "-" and "call" with no space between
            word[2:] &= ~(hyphen[1:-1] & joined[1:-1] & joined[:-2])
        cum = numpy.concatenate(([0], numpy.cumsum(word))).tolist()
        doc.user_data["draftlint_words_before"] = cum
    return cum


def words_between(doc, start: int, end: int) -> int:
    """The words among tokens ``start`` to ``end`` (token indexes, end exclusive)."""
    cum = words_before(doc)
    return cum[end] - cum[start]


def word_count(span) -> int:
    """The words of a spaCy Span."""
    return words_between(span.doc, span.start, span.end)
