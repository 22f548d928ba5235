"""What counts as a figure: the one definition that the detectors, the sentence readings and
the rules' ``unless: number_in_sentence`` condition all use.

A figure is a number stated as a quantity: a percentage, money, a ratio ("one in six"), a
multiplier, a duration, a measure or a count. Years and dates, versions, times of day,
phone numbers, enumerators ("1. Map your data"), names ("Node 22") and a heading's list
count ("7 Lessons") are not figures. Whether a figure was *measured* is decided later, by
the sentence around it (``features.py``).

The functions read spaCy tokens (text, tags, ``like_num``); they never import spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.model import Block
from linter.scoring import lexicon as lx

_DIGITS = re.compile(r"^[~≈<>]?[$€£]?\d[\d,]*(?:\.\d+)?(?:[kKmMbB]|bn|%|x|×|ms|s|h|m)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_VERSION = re.compile(r"^v?\d+(?:\.\d+){2,}$|^v\d+(?:\.\d+)?$")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\+\d{1,3}(?:[\s.-]\d{2,4}){2,}")
_TIME_OF_DAY = re.compile(r"^\d{1,2}:\d{2}$|^\d{1,2}(?:am|pm)$", re.I)
_RATIO_WORDS = {"in", "of", "out"}
#: words that make a bare decimal after them a version ("Postgres version was 15.5")
_VERSION_WORDS = {"version", "versions", "release", "v", "ver"}


@dataclass
class Figure:
    start: int
    end: int
    text: str
    kind: str  # percent | money | ratio | multiplier | duration | measure | count | fraction | number
    measured: bool
    in_table: bool = False
    small: bool = False  # a count of ten or less



_ANY_DIGIT = re.compile(r"\d")


def has_digits_or_numbers(sent) -> bool:
    return bool(_ANY_DIGIT.search(sent.text)) or any(
        t.like_num or t.lower_ in lx.FRACTION_WORDS or t.lower_ in lx.ORDINAL_FRACTIONS for t in sent)


def _is_number_token(tok) -> bool:
    low = tok.lower_
    if low in lx.FRACTION_WORDS:
        return True
    if low in lx.ORDINALS:
        # "a third", "one fifth": a fraction; "the third", "first": an ordinal
        if low in lx.ORDINAL_FRACTIONS and tok.i > 0:
            prev = tok.doc[tok.i - 1]
            return prev.lower_ in ("a", "an", "one") or (prev.like_num and prev.lower_ not in lx.ORDINALS)
        return False
    if tok.like_num:
        return True
    return bool(_DIGITS.match(tok.text))


def _number_spans(sent):
    """Group number tokens into spans ("a hundred and fifty", "fifty-eight", "1,200")."""
    spans = []
    toks = list(sent)
    i = 0
    while i < len(toks):
        if not _is_number_token(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            t = toks[j]
            if _is_number_token(t) and t.lower_ not in lx.FRACTION_WORDS:
                j += 1
            elif t.text in ("-", "and") and j + 1 < len(toks) and toks[j + 1].like_num and not toks[j + 1].is_digit:
                j += 2
            else:
                break
        spans.append((i, j))
        i = j
    return toks, spans


def _denominator(toks, j) -> int | None:
    """For "N in M", "N of (the) M", "N out of M": the index of M's first token."""
    if j >= len(toks) or toks[j].lower_ not in _RATIO_WORDS:
        return None
    k = j + 1
    if toks[j].lower_ == "out" and k < len(toks) and toks[k].lower_ == "of":
        k += 1
    if k < len(toks) and toks[k].lower_ in ("a", "an", "every", "the", "all"):
        k += 1
    if k < len(toks) and _is_number_token(toks[k]) and toks[k].lower_ not in lx.FRACTION_WORDS:
        return k
    return None


def _classify(toks, i, j, sent_lower, block) -> tuple[str, bool] | None:
    """Kind of the number toks[i:j], and whether it can count as a figure at all."""
    first = toks[i]
    text = "".join(t.text_with_ws for t in toks[i:j]).strip()
    low = text.lower()
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    nxt = toks[j] if j < len(toks) else None
    nxt_low = nxt.lower_ if nxt is not None else ""
    prev_low = prev.lower_ if prev is not None else ""

    if nxt_low == "per" and j + 1 < len(toks) and toks[j + 1].lower_ == "cent":
        nxt_low = "percent"
    if first.lower_ in ("one", "a") and j - i == 1 and nxt_low not in _RATIO_WORDS and nxt_low not in lx.TIME_UNITS \
            and nxt_low not in lx.PERCENT_WORDS:
        return None  # "one of the", "one thing": a pronoun or article, not a quantity
    if _VERSION.match(text) or prev_low in lx.ENUMERATORS or (prev is not None and prev.text == "#"):
        return None
    if _TIME_OF_DAY.match(text) or nxt_low in ("am", "pm", "a.m.", "p.m."):
        return None
    if _YEAR.match(text) and prev_low not in lx.CURRENCY and nxt_low not in lx.PERCENT_WORDS and not (
        nxt is not None and nxt.text in ("%", "x")
    ):
        return None  # a year
    if prev_low in lx.MONTHS or nxt_low in lx.MONTHS or nxt_low in ("st", "nd", "rd", "th"):
        return None  # a date
    if first.tag_ in ("JJ",) and re.search(r"\d(?:st|nd|rd|th)$", first.text):
        return None  # an ordinal
    decimal_name = re.match(r"^\d{1,3}\.\d{1,3}$", first.text)
    name_number = (first.is_digit and int(first.text) < 1000) or decimal_name
    named = prev is not None and (prev.pos_ == "PROPN" or prev.tag_ == "NNP" or (
        decimal_name and prev.is_alpha and prev.text[:1].isupper() and prev_low not in ("the", "a", "an")))
    if named and name_number and (nxt is None or nxt.pos_ not in ("NOUN",)) and prev_low not in lx.CURRENCY \
            and j - i == 1:
        return None  # "Node 22", "iPhone 15", "Ward 6", "Debian 11.8": part of a name
    if decimal_name and j - i == 1 and (prev_low in _VERSION_WORDS or (
            prev_low in ("was", "is", ":", "=") and prev2 is not None and prev2.lower_ in _VERSION_WORDS)):
        return None  # "version 15.5", "the version was 15.5"
    if i == 0 or (prev is not None and prev.is_space):
        if nxt is not None and nxt.text in (".", ")") and first.is_digit:
            return None  # "1. Map your data": an enumerator
    if block is not None and block.kind in ("heading", "title") and nxt is not None and (
        nxt_low in lx.LIST_NOUNS or (nxt.tag_ == "NNS" and i <= 2)
    ):
        return None  # "7 Lessons", "5 tips": a list count
    if nxt is not None and nxt_low in lx.LIST_NOUNS and (
        "here are" in sent_lower or "these" in sent_lower or (nxt.i + 1 < len(nxt.doc) and nxt.doc[nxt.i + 1].text == ":")
    ):
        return None
    if nxt is not None and nxt.text == "-" and nxt.i + 1 < len(nxt.doc) and nxt.doc[nxt.i + 1].lower_ in (
        "step", "point", "part", "minute", "day", "week"
    ) and block is not None and block.kind in ("heading", "title"):
        return None

    # kind
    if nxt_low in lx.PERCENT_WORDS or text.endswith("%") or (nxt is not None and nxt.text == "%"):
        return "percent", True
    if prev_low in lx.CURRENCY or text[:1] in "$€£" or nxt_low in lx.CURRENCY or (prev2 is not None and prev2.text in "$€£"):
        return "money", True
    if any(t.lower_ in lx.FRACTION_WORDS or t.lower_ in lx.ORDINAL_FRACTIONS for t in toks[i:j]):
        return "fraction", True
    if _denominator(toks, j) is not None:
        return "ratio", True
    if nxt_low in lx.MULTIPLIER or re.search(r"\dx$", low):
        return "multiplier", True
    if nxt_low in lx.TIME_UNITS or re.search(r"\d(?:ms|s|h|m)$", low):
        return "duration", True
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.is_alpha:
        if nxt_low in lx.SOURCE_NOUNS:
            return "count", False
        unit_like = len(nxt.text) <= 4 and not nxt.tag_ == "NNS"
        return ("measure" if unit_like else "count"), True
    if nxt is not None and nxt.pos_ == "ADJ" and j + 1 < len(toks) and toks[j + 1].pos_ == "NOUN":
        return "count", True
    return "number", True


def sentence_figures(sent, sent_lower: str, block: Block | None, prose: str) -> list[Figure]:
    toks, spans = _number_spans(sent)
    phones = [m.span() for m in _PHONE.finditer(sent.text)]
    out = []
    skip_to = -1
    for i, j in spans:
        if i < skip_to:
            continue  # the denominator of a ratio already counted
        start = toks[i].idx
        end = toks[j - 1].idx + len(toks[j - 1].text)
        if any(a <= start - sent.start_char < b for a, b in phones):
            continue
        got = _classify(toks, i, j, sent_lower, block)
        if got is None:
            continue
        kind, ok = got
        if not ok:
            continue
        if kind == "ratio":
            denominator = _denominator(toks, j)
            skip_to = denominator + 1 if denominator is not None else skip_to
        # extend over the unit that follows, for evidence display
        if j < len(toks) and (toks[j].lower_ in lx.PERCENT_WORDS or toks[j].lower_ in lx.TIME_UNITS or toks[j].text == "%"):
            end = toks[j].idx + len(toks[j].text)
        if i > 0 and toks[i - 1].text in "$€£":
            start = toks[i - 1].idx
        out.append(Figure(start, end, prose[start:end], kind, False, small=_small(toks[i:j])))
    return out


_SMALL_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an"}


def _small(tokens) -> bool:
    if len(tokens) != 1:
        return False
    t = tokens[0].lower_.replace(",", "")
    if t in _SMALL_WORDS:
        return True
    return t.isdigit() and int(t) <= 10
