"""YAML front matter: found at the top of a draft, parsed, and masked out of the prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.yamlio import load_text

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)")
_TITLE = re.compile(r"(?:^|(?<=[\r\n]))title[ \t]*:[ \t]*([^\r\n]*?)[ \t]*(?=[\r\n]|$)")


@dataclass(frozen=True)
class _Span:
    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    start: int
    end: int  # offset just past the closing fence line
    title_span: tuple[int, int] | None  # source span of the title's text
    problem: str | None = None  # why the front matter could not be used, if it could not
    problem_span: tuple[int, int] | None = None


def find(text: str, path: str) -> FrontMatter | None:
    if not _OPEN.match(text):
        return None
    body_start = _OPEN.match(text).end()
    close = None
    offset = body_start
    for line in text[body_start:].splitlines(keepends=True):
        m = _CLOSE.match(line)
        if m and m.end() == len(line):
            close = _Span(offset, offset + len(line.rstrip("\r\n")))
            break
        offset += len(line)
    if close is None:
        return None  # an opening rule with no closing one is a thematic break, not front matter
    body = text[body_start:close.start()]
    end = close.end()
    if text.startswith("\r\n", end):
        end += 2
    elif end < len(text) and text[end] in "\r\n":
        end += 1
    problem = None
    problem_line = None
    try:
        data = load_text(body, path, line_offset=1)
    except Exception as exc:  # ConfigError from yamlio, with the line in the draft
        data = None
        problem = f"front matter is not valid YAML: {getattr(exc, 'message', exc)}".replace("invalid YAML: ", "")
        problem_line = getattr(exc, "line", None)
    if data is None:
        data = {}
    elif not isinstance(data, dict):
        problem, problem_line, data = "front matter is not a mapping of keys to values", 2, {}
    span = None
    if problem:
        line_start = _line_start(text, problem_line or 1)
        line_end = min(len(text), end, _line_end(text, line_start))
        span = (line_start, line_end)
        # Salvage the title, so the draft is still linted as its author meant.
        m = _TITLE.search(text, body_start, close.start())
        if m and m.group(1):
            raw = m.group(1)
            data = {"title": raw[1:-1] if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0] else raw}
    return FrontMatter(data=dict(data), start=0, end=end,
                       title_span=_title_span(text, body_start, close.start(), data), problem=problem,
                       problem_span=span)


def _line_start(text: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return pos
        pos = nl + 1
    return pos


def _line_end(text: str, start: int) -> int:
    nl = text.find("\n", start)
    end = len(text) if nl < 0 else nl
    return end - 1 if end > start and text[end - 1] == "\r" else end


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
    elif " #" in raw:  # a plain scalar ends where a comment starts
        e = s + len(raw[: raw.index(" #")].rstrip())
    if text[s:e] != title:
        return None  # escapes or a folded scalar: not safely mappable, so not linted
    return (s, e)
