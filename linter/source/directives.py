"""Suppression comments: ``<!-- draftlint-disable rule ... -->`` and friends."""

from __future__ import annotations

import re

from linter.model import Directive

_DIRECTIVE = re.compile(
    r"^\s*(?:<!--|\{?\s*/\*)\s*draftlint-(disable-next-line|disable-line|disable|enable)\b([^>*]*?)\s*(?:-->|\*/\s*\}?)\s*$",
    re.S,
)


def parse_comment(raw: str, start: int, end: int) -> Directive | None:
    m = _DIRECTIVE.match(raw)
    if not m:
        return None
    rules = tuple(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
    return Directive(action=m.group(1), rules=rules, source_start=start, source_end=end)
