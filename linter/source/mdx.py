"""MDX: mask ESM lines, JSX tags and JSX expressions so only prose reaches Markdown.

Masking replaces characters with spaces (keeping line breaks), so every offset in
the masked text is the same offset in the original draft.
"""

from __future__ import annotations

import re

from linter.model import Directive
from linter.source.directives import parse_comment

_ESM = re.compile(r"(?:import|export)\b")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


_ESM_LINE = re.compile(r"^(?:import\s[^\n]*?\bfrom\s*['\"]|import\s*['\"]|export\s+(?:const|default|function|let)\b)", re.M)


def looks_like_mdx(text: str) -> bool:
    """A ``.md`` file that is really MDX (ESM imports or exports at the top level)."""
    return _ESM_LINE.search(text) is not None


def _bracket_balance(line: str) -> int:
    """Opening minus closing brackets on a line of ESM, ignoring those inside strings."""
    line = re.sub(r"(['\"`])(?:\\.|(?!\1).)*\1", "", line)
    return sum(line.count(c) for c in "([{") - sum(line.count(c) for c in ")]}")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _skip_quoted(text: str, i: int, end: int) -> int:
    quote = text[i]
    j = text.find(quote, i + 1, end)
    return end if j < 0 else j + 1


def _match_braces(text: str, i: int, end: int) -> int:
    """Index just past the ``}`` that closes the ``{`` at ``i`` (or ``end``)."""
    depth = 0
    j = i
    while j < end:
        c = text[j]
        if c in "\"'`" and depth:
            j = _skip_quoted(text, j, end)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return end


def _tag_end(text: str, i: int, end: int) -> int:
    j = i + 1
    while j < end:
        c = text[j]
        if c in "\"'":
            j = _skip_quoted(text, j, end)
            continue
        if c == "{":
            j = _match_braces(text, j, end)
            continue
        if c == ">":
            return j + 1
        j += 1
    return end


def mask(text: str) -> tuple[str, list[Directive]]:
    chars = list(text)
    directives: list[Directive] = []
    lines = text.splitlines(keepends=True)
    offset = 0
    fence: str | None = None
    in_esm = False
    depth = 0
    previous_blank = True
    reached = 0  # a JSX tag or expression may run over several lines
    for line in lines:
        start, end = offset, offset + len(line)
        offset = end
        if end <= reached:
            continue
        start = max(start, reached)
        stripped = line.strip()
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
                previous_blank = True
            continue
        if m:
            fence = m.group(1)
            continue
        if in_esm:
            if not stripped and depth <= 0:
                in_esm = False  # a blank line ends ESM once its brackets are closed
            else:
                depth += _bracket_balance(line)
                _blank(chars, start, end)
                previous_blank = not stripped
                continue
        if _ESM.match(line) and previous_blank:  # ESM cannot interrupt a paragraph
            in_esm = True
            depth = _bracket_balance(line)
            _blank(chars, start, end)
            previous_blank = False
            continue
        previous_blank = not stripped
        if line.startswith("    ") or line.startswith("\t"):
            continue  # indented code
        reached = _mask_inline(text, chars, start, end, directives)
    return "".join(chars), directives


def _mask_inline(text: str, chars: list[str], start: int, end: int, directives: list[Directive]) -> int:
    i = start
    while i < end:
        c = text[i]
        if c == "`":
            run = len(text[i:end]) - len(text[i:end].lstrip("`"))
            close = text.find("`" * run, i + run, end)
            i = end if close < 0 else close + run
            continue
        if c == "{":
            j = _match_braces(text, i, len(text))
            d = parse_comment(text[i:j], i, j)
            if d:
                directives.append(d)
            _blank(chars, i, j)
            i = j
            continue
        if c == "<" and i + 1 < end and (text[i + 1].isalpha() or text[i + 1] in "/>"):
            j = _tag_end(text, i, len(text))
            _blank(chars, i, j)
            i = j
            continue
        i += 1
    return i
