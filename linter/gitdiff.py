"""``--diff BASE``: the drafts a change touched, from git.

BASE is user text that reaches a subprocess, so it is never passed where git could take it
for an option: a revision that begins with '-' is refused, and the rest is resolved once with
``rev-parse --verify --end-of-options`` to a commit id, which is all ``git diff`` then sees.
The names git lists come from the change under review: they are read as bytes, and a name
whose path leads out of the repository or into ``.git`` (through a committed symbolic link)
is skipped with a warning, never read.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from linter.discovery import link_problem, skip
from linter.errors import DraftlintError
from linter.source.reader import DRAFT_SUFFIXES


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, cwd=cwd, stdin=subprocess.DEVNULL)


def resolve_commit(base: str, root: Path) -> str:
    """The commit id ``base`` names, or a one-line error."""
    if base.startswith("-") or not base or "\0" in base:
        raise DraftlintError(f"--diff {base}: not a revision (a revision cannot begin with '-')")
    proc = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}"], cwd=root)
    sha = os.fsdecode(proc.stdout).strip()
    if proc.returncode != 0 or not sha:
        raise DraftlintError(f"--diff {base}: not a commit in this repository")
    return sha


def _names(output: bytes) -> list[str]:
    return [os.fsdecode(n) for n in output.split(b"\0") if n]


def changed_drafts(base: str, paths: tuple[str, ...]) -> list[str]:
    """Draft files added, copied, modified or renamed since ``base`` (committed or not),
    and untracked ones, under ``paths``; returned relative to the current folder."""
    try:
        top = _git(["rev-parse", "--show-toplevel"])
    except FileNotFoundError:
        raise DraftlintError("--diff needs git, which is not installed") from None
    if top.returncode != 0:
        raise DraftlintError("--diff needs a git repository, and this folder is not in one")
    root = Path(os.fsdecode(top.stdout).strip())
    sha = resolve_commit(base, root)
    proc = _git(["diff", "--name-only", "-z", "--diff-filter=ACMRT", sha, "--"], cwd=root)
    if proc.returncode != 0:
        detail = (os.fsdecode(proc.stderr).strip().splitlines() or ["git diff failed"])[0]
        raise DraftlintError(f"--diff {base}: {detail}")
    names = _names(proc.stdout)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=root)
    names += _names(untracked.stdout)
    real_root = os.path.realpath(root)
    scopes = [Path(p).resolve() for p in (paths or (".",))]
    here = Path.cwd()
    out = set()
    for name in names:
        if not name.lower().endswith(DRAFT_SUFFIXES):
            continue
        given = root / name
        full = Path(os.path.realpath(given))
        problem = link_problem(str(full), real_root, "the repository")
        if problem:
            skip(os.path.relpath(given, here), problem)
            continue
        if not full.is_file():
            continue
        if not any(given == scope or scope in given.parents for scope in scopes):
            continue
        out.add(os.path.relpath(given, here))
    return sorted(out)
