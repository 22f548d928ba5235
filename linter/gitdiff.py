"""``--diff BASE``: the drafts a change touched, from git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from linter.errors import DraftlintError
from linter.source.reader import DRAFT_SUFFIXES


def _git(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd)


def changed_drafts(base: str, paths: tuple[str, ...]) -> list[str]:
    """Draft files added, copied, modified or renamed since ``base`` (committed or not),
    and untracked ones, under ``paths``; returned relative to the current folder."""
    try:
        top = _git(["rev-parse", "--show-toplevel"])
    except FileNotFoundError:
        raise DraftlintError("--diff needs git, which is not installed") from None
    if top.returncode != 0:
        raise DraftlintError("--diff needs a git repository, and this folder is not in one")
    root = Path(top.stdout.strip())
    proc = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", base, "--"], cwd=root)
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or ["unknown revision"])[0]
        raise DraftlintError(f"--diff {base}: {detail}")
    names = [n for n in proc.stdout.split("\0") if n]
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=root)
    names += [n for n in untracked.stdout.split("\0") if n]
    scopes = [Path(p).resolve() for p in (paths or (".",))]
    here = Path.cwd()
    out = set()
    for name in names:
        full = (root / name).resolve()
        if not name.lower().endswith(DRAFT_SUFFIXES) or not full.is_file():
            continue
        if not any(full == scope or scope in full.parents for scope in scopes):
            continue
        out.add(os.path.relpath(full, here))
    return sorted(out)
