"""Which drafts a run reads: the command line's paths, with folders walked for draft files.

A folder may come from a stranger's pull request, so its walk never leaves it: a symbolic
link is followed only when its target stays inside the folder given, and never into a
``.git`` folder. Each link skipped is reported as a ``SkippedPath`` warning (the command
line prints it on stderr); a path named on the command line is read wherever it leads,
because the user chose it.
"""

from __future__ import annotations

import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from linter.errors import InputError
from linter.source.reader import DRAFT_SUFFIXES


@dataclass(frozen=True)
class Target:
    """One draft to lint: how to show its path, and where to read it from (None: stdin)."""

    display: str
    path: Path | None


class SkippedPath(UserWarning):
    """A path draftlint chose not to read (a link out of the folder given, or into .git)."""


def display_name(path: str) -> str:
    """A path as it can be printed on one line: undecodable bytes and line breaks escaped."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text.replace("\r", "\\r").replace("\n", "\\n")


def skip(path: str, why: str) -> None:
    warnings.warn(SkippedPath(f"{display_name(path)}: not read: {why}"), stacklevel=2)


def link_problem(real: str, top: str, shown_top: str) -> str | None:
    """Why a link resolving to ``real`` must not be followed from the folder ``top``
    (both resolved), or None when its target stays inside ``top`` and out of ``.git``."""
    if real != top and not real.startswith(top.rstrip(os.sep) + os.sep):
        return f"a symbolic link out of {display_name(shown_top)}"
    if ".git" in Path(os.path.relpath(real, top)).parts:
        return "a symbolic link into .git"
    return None


def discover(paths: Iterable[str], stdin_name: str = "-") -> Iterator[Target | InputError]:
    """Expand the command line's paths: directories recurse into draft files."""
    for raw in paths:
        if raw == "-":
            yield Target(display_name(stdin_name), None)
            continue
        try:
            info = os.stat(raw)
        except (FileNotFoundError, NotADirectoryError):
            if os.path.islink(raw):  # dangling: the reader says so, as for any draft
                yield Target(display_name(raw), Path(raw))
            else:
                yield InputError("no such file or directory", path=display_name(raw))
            continue
        except PermissionError:
            yield InputError("permission denied", path=display_name(raw))
            continue
        except OSError as exc:
            if os.path.islink(raw):  # a loop of links: the reader reports it
                yield Target(display_name(raw), Path(raw))
            else:
                yield InputError(f"cannot read: {exc.strerror or exc}", path=display_name(raw))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(raw)
        else:
            yield Target(display_name(raw), Path(raw))


def _walk(top: str) -> Iterator[Target | InputError]:
    """The draft files under ``top`` in path order; a folder that cannot be listed is an
    error entry in its place, so its drafts are never silently left out."""
    real_top = os.path.realpath(top)
    found: list[tuple[str, Target | InputError]] = []
    seen = {real_top}
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problem = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
            found.append((folder, InputError(f"cannot read folder: {problem}", path=display_name(folder))))
            continue
        below = []
        for entry in entries:
            full = os.path.join(folder, entry.name)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()  # follows a link, which is checked below before it is used
            except OSError:
                is_link, is_dir = True, False
            if is_dir and entry.name.startswith("."):
                continue
            if is_link:
                problem = link_problem(os.path.realpath(full), real_top, top)
                if problem:
                    skip(full, problem)
                    continue
            if is_dir:
                real = os.path.realpath(full)
                if real not in seen:  # a link back up the tree is walked once
                    seen.add(real)
                    below.append(full)
            elif entry.name.lower().endswith(DRAFT_SUFFIXES):
                found.append((full, Target(display_name(full), Path(full))))  # a pipe or device is reported, not read
        pending.extend(reversed(below))  # depth first, in name order: the first of two links to a folder wins
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item
