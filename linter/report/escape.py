"""Text from drafts, file names and project files, made safe for the medium that shows it.

A draft, a file name or a rule message comes from whoever wrote the pull request. Printed
raw, an escape sequence can retitle or clear the reader's terminal, a bidi control can
reorder what is shown, and a line break can start a CI workflow command. Every formatter
passes such text through one of these functions.
"""

from __future__ import annotations

import re

#: C0 controls but tab, DEL, C1 controls, and the bidi embeddings, overrides and isolates,
#: plus the line and paragraph separators that some terminals and logs treat as line breaks.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """One line of text as a terminal shows it: controls and bidi overrides escaped (``\\e``, ``\\x07``, ``\\u202e``)."""
    return _UNSAFE.sub(_escape, text)
