"""``--diff BASE``: the drafts a change touched, from git."""

from __future__ import annotations

import subprocess
from pathlib import Path

from linter.errors import DraftlintError
from linter.source.reader import DRAFT_SUFFIXES


def changed_drafts(base: str, paths: tuple[str, ...]) -> list[str]:
    """Draft files added, copied, modified or renamed since ``base`` (committed or not),
    restricted to ``paths``; paths are relative to the current folder."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True)
    except FileNotFoundError:
        raise DraftlintError("--diff needs git, which is not installed") from None
    except subprocess.CalledProcessError:
        raise DraftlintError("--diff needs a git repository, and this folder is not in one") from None
    root = Path(top.stdout.strip())
    proc = subprocess.run(
        ["git", "diff", "--name-only", "-z", "--diff-filter=ACMR", "--relative", base, "--", *(paths or ("."))],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        detail = (proc.stderr.strip().splitlines() or ["unknown revision"])[0]
        raise DraftlintError(f"--diff {base}: {detail}")
    del root
    names = [n for n in proc.stdout.split("\0") if n]
    untracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard", "-z", "--", *(paths or ("."))],
        capture_output=True, text=True,
    )
    names += [n for n in untracked.stdout.split("\0") if n]
    out = []
    for name in sorted(set(names)):
        if name.lower().endswith(DRAFT_SUFFIXES) and Path(name).is_file():
            out.append(name)
    return out
