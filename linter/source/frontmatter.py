"""YAML front matter: found at the top of a draft, parsed, and masked out of the prose."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from linter.yamlio import load_text

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)")
# The value is taken greedily and its trailing blanks trimmed in code: a lazy value
# followed by optional blanks backtracks quadratically on a line of spaces.
_TITLE = re.compile(r"(?:^|(?<=[\r\n]))title[ \t]*:[ \t]*([^\r\n]*)")


def _title_value(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Source span of the ``title:`` line's value, without its trailing blanks."""
    m = _TITLE.search(text, start, end)
    if not m:
        return None
    s, e = m.span(1)
    return s, s + len(text[s:e].rstrip(" \t"))


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
    settings_lines: dict = field(default_factory=dict)  # line of each key of 'draftlint:' in the file


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
        problem, problem_line, data = "front matter is not a mapping of keys to values", _first_value_line(body) + 1, {}
    settings_lines: dict = {}
    if not problem and "draftlint" in data:
        problem, problem_line, settings_lines = _check_settings(data, body)
        if problem:
            data = {k: v for k, v in data.items() if k != "draftlint"}
    span = None
    if problem:
        line_start = _line_start(text, problem_line or 1)
        line_end = min(len(text), end, _line_end(text, line_start))
        span = (line_start, line_end)
        if not data:
            # Salvage the title, so the draft is still linted as its author meant.
            value = _title_value(text, body_start, close.start())
            if value and value[0] < value[1]:
                raw = text[value[0]:value[1]]
                data = {"title": raw[1:-1] if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0] else raw}
    return FrontMatter(data=dict(data), start=0, end=end,
                       title_span=_title_span(text, body_start, close.start(), data), problem=problem,
                       problem_span=span, settings_lines=settings_lines)


SETTINGS_KEYS = ("term", "disable")


def _check_settings(data: dict, body: str) -> tuple[str | None, int | None, dict]:
    """The ``draftlint:`` mapping: a problem and its line, or the line of each setting."""
    value = data["draftlint"]
    line_of = getattr(data, "line_of", lambda key: 1)
    if not isinstance(value, dict):
        return "front matter 'draftlint' must be a mapping, e.g. {term: tutorial}", line_of("draftlint") + 1, {}
    value_line = getattr(value, "line_of", lambda key: line_of("draftlint"))
    for key in value:
        if key not in SETTINGS_KEYS:
            return (f"front matter 'draftlint' has unknown key '{key}' (known: {', '.join(SETTINGS_KEYS)})",
                    value_line(key) + 1, {})
    if "term" in value and not isinstance(value["term"], str):
        return "front matter 'draftlint.term' must be a glossary term id", value_line("term") + 1, {}
    disable = value.get("disable", [])
    if not (disable is True or (isinstance(disable, list) and all(isinstance(d, str) for d in disable))):
        return "front matter 'draftlint.disable' must be a list of rule ids", value_line("disable") + 1, {}
    return None, None, {key: value_line(key) + 1 for key in value}


def _first_value_line(body: str) -> int:
    for n, line in enumerate(re.split(r"\r\n|\r|\n", body), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            return n
    return 1


def _line_start(text: str, line: int) -> int:
    if line <= 1:
        return 0
    for n, m in enumerate(re.finditer(r"\r\n|\r|\n", text), start=2):
        if n == line:
            return m.end()
    return len(text)


def _line_end(text: str, start: int) -> int:
    m = re.compile(r"\r\n|\r|\n").search(text, start)
    return m.start() if m else len(text)


def _title_span(text: str, start: int, end: int, data: dict) -> tuple[int, int] | None:
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    value = _title_value(text, start, end)
    if not value:
        return None
    s, e = value
    raw = text[s:e]
    if len(raw) >= 2 and raw[0] in "\"'" and raw[-1] == raw[0]:
        s, e = s + 1, e - 1
    elif " #" in raw:  # a plain scalar ends where a comment starts
        e = s + len(raw[: raw.index(" #")].rstrip())
    if text[s:e] != title:
        return None  # escapes or a folded scalar: not safely mappable, so not linted
    return (s, e)
