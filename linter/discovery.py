"""Which drafts a run reads: the command line's paths, with folders walked for draft files."""

from __future__ import annotations

import os
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


def display_name(path: str) -> str:
    """A path as it can be printed on one line: undecodable bytes and line breaks escaped."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text.replace("\r", "\\r").replace("\n", "\\n")


def discover(paths: Iterable[str], stdin_name: str = "-") -> Iterator[Target | InputError]:
    """Expand the command line's paths: directories recurse into draft files."""
    for raw in paths:
        if raw == "-":
            yield Target(display_name(stdin_name), None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            seen_dirs = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                real = os.path.realpath(root)
                if real in seen_dirs:
                    dirs[:] = []
                    continue
                seen_dirs.add(real)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    full = os.path.join(root, name)
                    if name.lower().endswith(DRAFT_SUFFIXES):
                        found.append(full)  # a pipe or device named like a draft is reported, not read
            for f in sorted(found):
                yield Target(display_name(f), Path(f))
        elif path.exists() or path.is_symlink():
            yield Target(display_name(raw), path)
        else:
            yield InputError("no such file or directory", path=display_name(raw))
