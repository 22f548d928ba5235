"""Which drafts a run reads: the command line's paths, with folders walked for draft files.

A folder may come from a stranger's pull request, so its walk never leaves it: a symbolic
link is followed only when its target stays inside the folder given, and never into a
``.git`` folder. Each link skipped is reported as a ``SkippedPath`` warning (the command
line prints it on stderr); a path named on the command line is read wherever it leads,
because the user chose it.

A folder walk also leaves out what the repository does not hold as its own: hidden folders
(``.git`` among them), ``node_modules``, and whatever the ``.gitignore`` files ignore, with
git's rules (through pathspec, on RE2: the patterns come from the repository). The
``.gitignore`` files read are the folder's own and those below it, those of the folders
above it up to the repository's root (the nearest folder holding ``.git``), and
``.git/info/exclude``; a deeper file's pattern wins over a shallower one's. A file named on
the command line is linted even when it is ignored, and so is everything under a folder
named on the command line, except what is ignored below it.
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

#: Folders a walk never enters, ignored by git or not (hidden folders are skipped as well).
SKIPPED_FOLDERS = frozenset({".git", "node_modules"})
#: A ``.gitignore`` longer than this is not read (nor followed, when it is a link, as git does).
MAX_IGNORE_FILE_BYTES = 1024 * 1024


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
    pending = [(top, _outer_ignores(real_top))]
    while pending:
        folder, ignores = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problem = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
            found.append((folder, InputError(f"cannot read folder: {problem}", path=display_name(folder))))
            continue  # its error says it all: its .gitignore is not read (nor warned about) either
        ignores = ignores + _ignore_layer(os.path.join(folder, ".gitignore"), _below(folder, top))
        below = []
        for entry in entries:
            full = os.path.join(folder, entry.name)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()  # follows a link, which is checked below before it is used
            except OSError:
                is_link, is_dir = True, False
            if is_dir and (entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS):
                continue
            if ignores and _ignored(ignores, _below(full, top), is_dir):
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
                    below.append((full, ignores))
            elif entry.name.lower().endswith(DRAFT_SUFFIXES):
                found.append((full, Target(display_name(full), Path(full))))  # a pipe or device is reported, not read
        pending.extend(reversed(below))  # depth first, in name order: the first of two links to a folder wins
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


# -- .gitignore ----------------------------------------------------------------------------
# One layer per .gitignore file: (prefix, strip, spec). A path relative to the folder walked
# becomes relative to that file's folder as ``prefix + path[len(strip):]`` (``prefix`` climbs
# from an outer folder down to the one walked; ``strip`` is a nested folder's own path).


def _below(path: str, top: str) -> str:
    """``path`` relative to ``top``, in POSIX form ('' for ``top`` itself)."""
    rel = os.path.relpath(path, top)
    return "" if rel == "." else rel.replace(os.sep, "/")


def _outer_ignores(real_top: str) -> tuple:
    """The layers in force at ``real_top`` from the repository around it: ``.git/info/exclude``
    (weakest), then each ``.gitignore`` from the root down to ``real_top``'s parent (its own is
    read by the walk). Outside a repository, none. When those layers ignore ``real_top``
    itself, none either: the folder was named on the command line, so it is walked."""
    folders = []
    folder = real_top
    while not os.path.lexists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return ()  # no repository above: only the folder's own ignore files count
        folder = parent
        folders.append(folder)

    def prefix(outer: str) -> str:
        rel = os.path.relpath(real_top, outer)
        return "" if rel == "." else rel.replace(os.sep, "/") + "/"

    layers = _ignore_layer(os.path.join(folder, ".git", "info", "exclude"), "", prefix(folder))
    for outer in reversed(folders):
        layers += _ignore_layer(os.path.join(outer, ".gitignore"), "", prefix(outer))
    if layers and _ignored(layers, "", True):
        return ()
    return layers


def _ignore_layer(path: str, strip: str, prefix: str = "") -> tuple:
    """One layer for the ignore file at ``path`` (none when it is missing or empty)."""
    patterns = _ignore_patterns(path)
    if not patterns:
        return ()
    from linter.config.patterns import compile_patterns

    try:
        spec = compile_patterns(patterns)
    except Exception:  # noqa: BLE001 - a pattern RE2 cannot take: the file is left out, as unreadable
        skip(path, "a pattern in it cannot be used")
        return ()
    return ((prefix, strip + "/" if strip else "", spec),)


def _ignore_patterns(path: str) -> tuple[str, ...]:
    """The lines of an ignore file: a regular file of a sane size, never through a link."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return ()
    except OSError as exc:
        if os.path.islink(path):
            skip(path, "an ignore file that is a symbolic link (git does not follow it either)")
        elif not isinstance(exc, (NotADirectoryError, IsADirectoryError)):
            skip(path, f"cannot read: {exc.strerror or exc}")
        return ()
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            return ()
        if info.st_size > MAX_IGNORE_FILE_BYTES:
            skip(path, f"an ignore file over {MAX_IGNORE_FILE_BYTES // 1024} KB")
            return ()
        data = fh.read(MAX_IGNORE_FILE_BYTES + 1)
    text = data.decode("utf-8", "replace")  # RE2 takes text, never a lone surrogate
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _ignored(layers: tuple, rel: str, is_dir: bool) -> bool:
    """Whether git would ignore ``rel`` (relative to the folder walked): the deepest layer with
    a pattern for it decides, a ``!`` pattern re-including it."""
    rel = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace") + ("/" if is_dir and rel else "")
    for prefix, strip, spec in reversed(layers):
        path = prefix + rel[len(strip):]
        if not rel.startswith(strip) or not path:
            continue
        verdict = spec.check_file(path).include
        if verdict is not None:
            return verdict
    return False
