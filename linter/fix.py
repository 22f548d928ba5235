"""``--fix``: write the replacements of a draft's findings back to the file.

Only the replacements a rule names (``substitution`` rules: "utilize" -> "use") are applied,
each at its exact span, and only where the file still holds, at that span, the text that was
linted. A draft is written atomically: the new text goes to a temporary file in the same
folder, which takes the draft's permissions and then replaces it, so a reader never sees half
a draft and a crash leaves the old one whole. The encoding, byte-order mark and line endings
are kept. A draft with nothing to change is not written at all.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from linter.errors import InputError
from linter.model import Fix
from linter.source.reader import byte_order_mark, decode


@dataclass(frozen=True)
class Fixed:
    path: str
    applied: int  # replacements written (or, with a dry run, that would be)
    diff: str  # unified diff of the change ("" when nothing changed)


def apply(text: str, fixes: tuple[Fix, ...]) -> tuple[str, int]:
    """``text`` with ``fixes`` applied, and how many were. A fix whose span no longer holds its
    original text, or that overlaps one already taken, is left out."""
    parts: list[str] = []
    done = 0
    at = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < at or text[fix.start:fix.end] != fix.original:
            continue
        parts.append(text[at:fix.start])
        parts.append(fix.replacement)
        at = fix.end
        done += 1
    parts.append(text[at:])
    return "".join(parts), done


def fix_file(path: str, fixes: tuple[Fix, ...], dry_run: bool = False) -> Fixed:
    """Apply ``fixes`` to the draft at ``path`` (or, with ``dry_run``, only say what would
    change). Raises ``InputError`` when the file cannot be read back or written."""
    target = Path(path)
    if target.is_symlink():  # a link in a pull request could point anywhere: never write through one
        raise InputError("is a symbolic link; --fix writes only regular files", path=path)
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read it back to fix it: {exc.strerror or exc}", path=path) from None
    bom, encoding = byte_order_mark(data)
    text = decode(data, path)
    new, applied = apply(text, fixes)
    if new == text:
        return Fixed(path, 0, "")
    diff = "".join(difflib.unified_diff(text.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
    if not diff.endswith("\n"):
        diff += "\n\\ No newline at end of file\n"
    if not dry_run:
        _write_atomically(target, bom + codecs.encode(new, encoding or "utf-8"))
    return Fixed(path, applied, diff)


def _write_atomically(target: Path, body: bytes) -> None:
    try:
        replace_atomically(target, body, stat.S_IMODE(os.stat(target).st_mode))
    except OSError as exc:
        raise InputError(f"cannot write the fixed draft: {exc.strerror or exc}", path=str(target)) from None


def replace_atomically(target: Path, body: bytes, mode: int, prefix: str = ".draftlint-") -> None:
    """Put ``body`` at ``target`` with ``mode``: written to a temporary file in the same folder,
    then renamed over ``target`` (over a link too, never through it); on failure the
    temporary file is removed and ``target`` is untouched."""
    fd, tmp = tempfile.mkstemp(dir=str(target.parent), prefix=prefix)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
