"""Reading a draft from disk or stdin into a ``Source``."""

from __future__ import annotations

import codecs
import re
import stat
import sys
from pathlib import Path

from linter.errors import InputError
from linter.model import Source

DRAFT_SUFFIXES = (".md", ".markdown", ".mdx", ".txt")
DEFAULT_MAX_BYTES = 1024 * 1024  # 1 MiB: about 150,000 words, far past any blog post

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _line_of(text: str) -> int:
    """1-based line of the end of ``text`` (any of CRLF, CR, LF ends a line)."""
    return len(re.findall(r"\r\n|\r|\n", text)) + 1


def byte_order_mark(data: bytes) -> tuple[bytes, str | None]:
    """The byte-order mark ``data`` starts with and its encoding, or (b"", None)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    return b"", None


def decode(data: bytes, path: str) -> str:
    """Decode a draft's bytes: UTF-8, or UTF-8/16/32 with a byte-order mark."""
    bom, encoding = byte_order_mark(data)
    if encoding is not None:
        body = data[len(bom):]
        try:
            return body.decode(encoding)
        except UnicodeDecodeError as exc:
            line = _line_of(body[:exc.start].decode(encoding, errors="replace"))
            raise InputError(f"not valid {encoding.upper()}: {exc.reason}", path=path, line=line) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not a text draft", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(data[:exc.start].decode("utf-8", errors="replace"))
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path=path, line=line
        ) from None


def _too_big(size: int, max_bytes: int, display: str) -> InputError:
    return InputError(f"draft is {size:,} bytes, over the limit of {max_bytes:,} (raise it with max_file_size)",
                      path=display)


def read_path(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a pipe, device or socket is never read)", path=display)
        size = info.st_size
        if size > max_bytes:
            raise _too_big(size, max_bytes, display)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=display) from None
    except IsADirectoryError:
        raise InputError("is a directory", path=display) from None
    except PermissionError:
        raise InputError("permission denied", path=display) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=display) from None
    return Source.from_text(display, decode(data, display))


def read_stdin(display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    stream = getattr(sys.stdin, "buffer", None)  # None when draftlint was started with stdin closed (<&-)
    if stream is None:
        raise InputError("cannot read: standard input is closed", path=display)
    try:
        data = stream.read(max_bytes + 1)
        rest = 0
        while len(data) > max_bytes:  # count the rest for the message, without holding it
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            rest += len(chunk)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}", path=display) from None
    if len(data) > max_bytes:
        raise _too_big(len(data) + rest, max_bytes, display)
    return Source.from_text(display, decode(data, display))


def draft_format(path: str) -> str:
    lower = path.lower()
    if lower.endswith(".mdx"):
        return "mdx"
    if lower.endswith(".txt"):
        return "text"
    return "markdown"
