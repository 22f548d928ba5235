"""YAML front matter: found at the top of a draft, parsed, and masked out of the prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.errors import InputError
from linter.yamlio import load_text

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_TITLE = re.compile(r"^title[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    start: int
    end: int  # offset just past the closing fence line
    title_span: tuple[int, int] | None  # source span of the title's text


def find(text: str, path: str) -> FrontMatter | None:
    if not _OPEN.match(text):
        return None
    body_start = _OPEN.match(text).end()
    close = _CLOSE.search(text, body_start)
    if close is None:
        return None  # an opening rule with no closing one is a thematic break, not front matter
    body = text[body_start:close.start()]
    end = close.end()
    if end < len(text) and text[end] == "\r":
        end += 1
    if end < len(text) and text[end] == "\n":
        end += 1
    try:
        data = load_text(body, path, line_offset=1)
    except Exception as exc:  # ConfigError from yamlio: re-raise as an input problem
        raise InputError(f"front matter: {getattr(exc, 'message', exc)}", path=path,
                         line=getattr(exc, "line", None)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter is not a mapping of keys to values", path=path, line=2)
    return FrontMatter(data=dict(data), start=0, end=end, title_span=_title_span(text, body_start, close.start(), data))


def _title_span(text: str, start: int, end: int, data: dict) -> tuple[int, int] | None:
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    m = _TITLE.search(text, start, end)
    if not m:
        return None
    s, e = m.span(1)
    raw = text[s:e]
    if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]:
        s, e = s + 1, e - 1
    if text[s:e] != title:
        return None  # escapes or a folded scalar: not safely mappable, so not linted
    return (s, e)
