"""The map from prose offsets back to source offsets, built once while parsing."""

from __future__ import annotations

import re
from bisect import bisect_right

_BLANKS = re.compile(r"[ \t]{2,}|\t")


class ProseBuilder:
    """Accumulates prose text and, for every prose character, where it came from.

    Segments are either *positional* (prose char i of the segment comes from source
    char ``src_start + i``) or *collapsed* (the whole prose piece stands for one
    source range, e.g. an entity like ``&amp;`` or an escape like ``\\*``).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.prose_starts: list[int] = []
        self.src_starts: list[int] = []
        self.src_ends: list[int] = []
        self.positional: list[bool] = []
        self._last_src_end = 0

    def __len__(self) -> int:
        return self._length

    def _push(self, text: str, src_start: int, src_end: int, positional: bool) -> None:
        if not text:
            return
        self.prose_starts.append(self._length)
        self.src_starts.append(src_start)
        self.src_ends.append(src_end)
        self.positional.append(positional)
        self._parts.append(text)
        self._length += len(text)
        self._last_src_end = src_end

    def add(self, text: str, src_start: int) -> None:
        """Prose ``text`` whose characters come one-to-one from ``src_start`` on.

        Runs of blanks become one space (mapped to the whole run), and a blank right after
        another is dropped, so the NLP stage never sees a double space: spaCy makes a token
        of it, and the sentence after it no longer starts with a word.
        """
        if text[:1] in (" ", "\t") and self._parts and self._parts[-1][-1:] in (" ", "\t", "\n"):
            stripped = text.lstrip(" \t")
            src_start += len(text) - len(stripped)
            text = stripped
        pos = 0
        for m in _BLANKS.finditer(text):
            self._push(text[pos:m.start()], src_start + pos, src_start + m.start(), True)
            self._push(" ", src_start + m.start(), src_start + m.end(), False)
            pos = m.end()
        self._push(text[pos:], src_start + pos, src_start + len(text), True)

    def add_collapsed(self, text: str, src_start: int, src_end: int) -> None:
        if text == " " and self._parts and self._parts[-1][-1:] in (" ", "\t", "\n"):
            return  # a line break after a blank: still one space
        self._push(text, src_start, src_end, False)

    def add_gap(self, text: str) -> None:
        """Joiner text (between blocks) that has no source of its own."""
        self._push(text, self._last_src_end, self._last_src_end, False)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> "ProseMap":
        return ProseMap(
            tuple(self.prose_starts),
            tuple(self.src_starts),
            tuple(self.src_ends),
            tuple(self.positional),
            self._length,
        )


class ProseMap:
    __slots__ = ("prose_starts", "src_starts", "src_ends", "positional", "length")

    def __init__(self, prose_starts, src_starts, src_ends, positional, length):
        self.prose_starts = prose_starts
        self.src_starts = src_starts
        self.src_ends = src_ends
        self.positional = positional
        self.length = length

    def _char(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.prose_starts, i) - 1
        if k < 0:
            return (0, 0)
        if self.positional[k]:
            s = self.src_starts[k] + (i - self.prose_starts[k])
            return (s, s + 1)
        return (self.src_starts[k], self.src_ends[k])

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the prose span ``[start, end)``."""
        if not self.prose_starts:
            return (0, 0)
        start = max(0, min(start, self.length - 1))
        end = max(start + 1, min(end, self.length))
        s = self._char(start)[0]
        e = self._char(end - 1)[1]
        return (s, max(s, e))
