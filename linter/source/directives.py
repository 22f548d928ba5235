"""Suppression comments: ``<!-- draftlint-disable rule ... -->`` and friends."""

from __future__ import annotations

import re

from linter.model import Directive

# Only the fixed opening is a regex; the body and the closing are cut with string
# methods, because a lazy body followed by optional blanks backtracks quadratically.
_OPEN = re.compile(r"(?:<!--|\{?\s*/\*)\s*draftlint-(disable-next-line|disable-line|disable|enable)\b")
_CLOSE_JSX = re.compile(r"\*/\s*\}?\Z")


def parse_comment(raw: str, start: int, end: int) -> Directive | None:
    text = raw.strip()
    m = _OPEN.match(text)
    if not m:
        return None
    if text.endswith("-->"):
        body = text[m.end():-3]
    else:
        close = _CLOSE_JSX.search(text, m.end())
        if not close:
            return None
        body = text[m.end():close.start()]
    if ">" in body or "*" in body:
        return None
    rules = tuple(r for r in re.split(r"[\s,]+", body.strip()) if r)
    return Directive(action=m.group(1), rules=rules, source_start=start, source_end=end)
