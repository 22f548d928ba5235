"""MDX: mask ESM lines, JSX tags and JSX expressions so only prose reaches Markdown.

Masking replaces characters with spaces (keeping line breaks), so every offset in
the masked text is the same offset in the original draft.

Every scan here is linear in the draft: braces are paired once for the whole text
(MDX itself ends an expression by counting braces, not by reading JavaScript), and a
brace or tag that never closes is reported at its own position instead of hiding the
rest of the draft.
"""

from __future__ import annotations

import re

from linter.builtin import MDX_UNBALANCED_BRACE, MDX_UNCLOSED_TAG
from linter.model import Directive
from linter.source.directives import parse_comment

UNBALANCED_BRACE = MDX_UNBALANCED_BRACE
UNCLOSED_TAG = MDX_UNCLOSED_TAG

_ESM = re.compile(r"(?:import|export)\b")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")

_ESM_LINE = re.compile(r"(?:import\s[^\n]*?\bfrom\s*['\"]|import\s*['\"]|export\s+(?:const|default|function|let)\b)")


def looks_like_mdx(text: str) -> bool:
    """A ``.md`` file that is really MDX: it opens with ESM (an import or export) before
    any prose. ESM inside a code fence, or after the first paragraph, is an example in a
    tutorial, not MDX."""
    fence: str | None = None
    for line in text.splitlines():
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line[m.end():].strip():
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if not line.strip():
            continue
        return _ESM_LINE.match(line) is not None
    return False


def _bracket_balance(line: str) -> int:
    """Opening minus closing brackets on a line of ESM, ignoring those inside strings."""
    balance = 0
    quote = ""
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"`":
            quote = c
        elif c in "([{":
            balance += 1
        elif c in ")]}":
            balance -= 1
        i += 1
    return balance


def _pair_braces(text: str) -> dict[int, int]:
    """For every ``{``, the index just past its ``}`` (-1 when it never closes): one stack
    pass, so asking about any brace later costs nothing."""
    closes: dict[int, int] = {}
    stack: list[int] = []
    for m in re.finditer(r"[{}]", text):
        if m.group() == "{":
            stack.append(m.start())
        elif stack:
            closes[stack.pop()] = m.end()
    for i in stack:
        closes[i] = -1
    return closes


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


class _Masker:
    def __init__(self, text: str):
        self.text = text
        self.chars = list(text)
        self.directives: list[Directive] = []
        self.problems: list[tuple[str, str, str, int, int]] = []
        self.closes = _pair_braces(text)
        # Where a tag scan, at a position outside quotes, was known to end (-1: never):
        # two scans in step at one position end alike, so no stretch is scanned twice per state.
        self._tag_ends: dict[int, int] = {}

    def tag_end(self, i: int) -> int:
        """Index just past the ``>`` that closes the tag at ``i``, or -1."""
        text, n = self.text, len(self.text)
        seen: list[int] = []
        j = i + 1
        result = -1
        while j < n:
            c = text[j]
            if c in "\"'{>":
                known = self._tag_ends.get(j)
                if known is not None:
                    result = known
                    break
                seen.append(j)
            if c in "\"'":
                k = text.find(c, j + 1)
                if k < 0:
                    break
                j = k + 1
                continue
            if c == "{":
                k = self.closes.get(j, -1)
                if k < 0:
                    break
                j = k
                continue
            if c == ">":
                result = j + 1
                break
            j += 1
        for k in seen:
            self._tag_ends[k] = result
        return result

    def inline(self, start: int, end: int) -> int:
        text = self.text
        i = start
        while i < end:
            c = text[i]
            if c == "`":
                run = _BACKTICKS.match(text, i, end).end() - i
                close = text.find("`" * run, i + run, end)
                i = end if close < 0 else close + run
                continue
            if c == "{":
                j = self.closes.get(i, -1)
                if j < 0:
                    self.problems.append((UNBALANCED_BRACE, "error",
                                          "this '{' opens a JSX expression that is never closed with '}'",
                                          i, i + 1))
                    self.chars[i] = " "
                    i += 1
                    continue
                d = parse_comment(text[i:j], i, j)
                if d:
                    self.directives.append(d)
                _blank(self.chars, i, j)
                i = j
                continue
            if c == "<" and i + 1 < end and (text[i + 1].isalpha() or text[i + 1] in "/>"):
                j = self.tag_end(i)
                if j < 0:
                    self.problems.append((UNCLOSED_TAG, "error", "this JSX tag is never closed with '>'", i, i + 1))
                    self.chars[i] = " "
                    i += 1
                    continue
                _blank(self.chars, i, j)
                i = j
                continue
            i += 1
        return i


def mask(text: str) -> tuple[str, list[Directive], list[tuple[str, str, str, int, int]]]:
    """The masked text, the suppression comments found in expressions, and the problems
    (finding id, severity, message, start, end) of braces and tags that never close."""
    masker = _Masker(text)
    chars = masker.chars
    offset = 0
    fence: str | None = None
    in_esm = False
    depth = 0
    previous_blank = True
    reached = 0  # a JSX tag or expression may run over several lines
    for line in text.splitlines(keepends=True):
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
        reached = masker.inline(start, end)
    return "".join(chars), masker.directives, masker.problems
