"""Text from drafts, file names and project files, made safe for the medium that shows it.

A draft, a file name or a rule message comes from whoever wrote the pull request. Printed
raw, an escape sequence can retitle or clear the reader's terminal, a bidi control can
reorder what is shown, and a line break can start a CI workflow command. Every formatter
passes such text through one of these functions.

The notation is one code point per escape, so nothing is lost: ``\\e``, ``\\n``, ``\\r``,
``\\x00``-``\\x7f`` for C0 controls and DEL, ``\\x80``-``\\xff`` only for the undecodable
bytes of a file name (as ``discovery.display_name`` shows them), ``\\uXXXX`` for the rest.
"""

from __future__ import annotations

import json
import math
import re

#: C0 controls but tab, DEL, C1 controls, the bidi marks, embeddings, overrides and isolates,
#: the line and paragraph separators that some terminals and logs treat as line breaks, the
#: two non-characters XML 1.0 forbids, and lone surrogates (a file name that is not UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                     "\ufffe\uffff\ud800-\udfff]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}

#: Format characters (Unicode category Cf) and tab: the Actions runner matches ``##[`` and a
#: leading ``::`` with culture-sensitive .NET comparisons, which may skip such characters.
_IGNORABLE = ("\t\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
              "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
              "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
#: GitHub's runner runs ``##[command]`` wherever it is in a line of the log.
_V1_COMMAND = re.compile(f"(#[{_IGNORABLE}]*#[{_IGNORABLE}]*)\\[")
_LEADING = re.compile(f"[\\s{_IGNORABLE}:]")


def _code(ch: str) -> str:
    named = _NAMED.get(ch)
    if named:
        return named
    code = ord(ch)
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def terminal(text: str) -> str:
    """One line of text as a terminal or CI log shows it: controls, bidi controls, line
    separators and undecodable bytes escaped (``\\e``, ``\\x07``, ``\\u202e``, ``\\xff``), and
    ``##[`` written ``##\\x5b`` so that it cannot run a GitHub Actions command."""
    text = _UNSAFE.sub(lambda m: _code(m.group()), text)
    return _V1_COMMAND.sub(r"\1\\x5b", text) if "#" in text else text


def path(text: str) -> str:
    """A relative path that may start a line of output: ``terminal``, and ``./`` in front of a
    name that starts with ``:``, a space or an invisible character, so that no line starts a
    ``::command::`` in a CI log."""
    text = terminal(text)
    return "./" + text if _LEADING.match(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def unicode(text: str) -> str:
    """``text`` with lone surrogates written as ``terminal`` writes them, so it encodes as UTF-8."""
    return _SURROGATE.sub(lambda m: _code(m.group()), text)


#: Characters a JSON string may hold raw, but a terminal or a CI log should not receive, and
#: lone surrogates, which are not UTF-8 at all.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def _json_code(m: re.Match) -> str:
    ch = m.group()
    if "\ud800" <= ch <= "\udfff":
        return _code(ch).replace("\\", "\\\\")  # the text ``\xff``, as in every other format
    return f"\\u{ord(ch):04x}"


def _non_finite(value, where: str):
    """The first NaN or infinity in ``value``, as (where, value), or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return where, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, (list, tuple)) else ()
    for key, item in items:
        found = _non_finite(item, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}".lstrip("."))
        if found:
            return found
    return None


def json_text(doc) -> str:
    """``doc`` as JSON that is valid UTF-8 and safe to print: never NaN, lone surrogates as the
    text ``\\xNN``, and C1, bidi controls, line separators and ``##[`` as JSON ``\\u`` escapes
    (a JSON reader gets the same strings back)."""
    from linter.errors import DraftlintError

    try:
        text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError:
        found = _non_finite(doc, "")
        if found is None:
            raise
        where, value = found
        draft = None
        m = re.match(r"files\[(\d+)\]\.?(.*)", where)
        if m and isinstance(doc, dict):
            draft, where = doc["files"][int(m.group(1))].get("path"), m.group(2) or where
        raise DraftlintError(f"cannot write the report: {where} is {value}, not a finite number",
                             path=draft) from None
    text = _JSON_UNSAFE.sub(_json_code, text)
    # '#' occurs only inside JSON strings, so '\u005b' there reads back as '['
    return _V1_COMMAND.sub(lambda m: m.group(1) + "\\u005b", text) if "#" in text else text
