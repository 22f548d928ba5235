"""``--baseline FILE``: record today's findings, then fail only on new ones.

A finding is known by its file, rule, text and how many times that same text was
flagged by that rule earlier in the file, so it survives edits that move lines.
A draft that already failed its score is only held against its recorded score.
"""

from __future__ import annotations

import json
import math
import os
import stat
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from linter.discovery import display_name
from linter.errors import DraftlintError
from linter.model import FileReport, Report

VERSION = 1


def _canonical(path: str, root: Path) -> str:
    """The same draft however its path was typed: relative to the baseline file's folder,
    with '/' separators, so the baseline works in any checkout of the repository."""
    if path == "-":
        return path
    return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()


def _keys(fr: FileReport, root: Path) -> list[str]:
    seen: Counter = Counter()
    keys = []
    for rf in fr.findings:
        base = (_canonical(fr.path, root), rf.finding.rule, " ".join(rf.text.split()))
        keys.append(json.dumps([*base, seen[base]]))
        seen[base] += 1
    return keys


def check_writable(path: Path) -> None:
    """Before a run that will write ``path``: its folder must exist, so a typo costs no lint."""
    folder = path.parent
    if not folder.is_dir():
        raise DraftlintError(f"cannot write the baseline: the folder {display_name(str(folder))} does not exist",
                             path=display_name(str(path)))


def write(report: Report, path: Path) -> int:
    """Write the baseline atomically, with mode 0600 whatever the umask or an existing
    file's mode; a failed write leaves neither a temporary file nor a half baseline."""
    root = path.resolve().parent
    data = {"baseline_version": VERSION, "findings": [], "failing": {}}
    for fr in report.files:
        if fr.error:
            continue
        data["findings"].extend(_keys(fr, root))
        if fr.passed is False:
            data["failing"][_canonical(fr.path, root)] = fr.score
    body = (json.dumps(data, indent=1, sort_keys=True, allow_nan=False) + "\n").encode("utf-8", "surrogateescape")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=str(path.parent) or ".", prefix=".draftlint-baseline-")
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o600)
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # replaces a link at ``path`` rather than writing through it
        tmp = None
    except OSError as exc:
        raise DraftlintError(f"cannot write the baseline: {exc.strerror or exc}", path=display_name(str(path))) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return len(data["findings"])


MAX_BYTES = 64 * 1024 * 1024
NOT_A_BASELINE = "not a draftlint baseline file (write a new one with --update-baseline)"


def read(path: Path) -> dict:
    """A baseline file, checked: any other shape is "not a draftlint baseline file"."""
    shown = display_name(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise DraftlintError("cannot read baseline: not a regular file", path=shown)
            if info.st_size > MAX_BYTES:
                raise DraftlintError(f"cannot read baseline: over {MAX_BYTES:,} bytes", path=shown)
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DraftlintError(f"cannot read baseline: {exc.strerror or exc}", path=shown) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise DraftlintError(NOT_A_BASELINE, path=shown) from None
    except ValueError as exc:
        raise DraftlintError(f"cannot read baseline: {exc}", path=shown) from None
    if not _is_baseline(data):
        raise DraftlintError(NOT_A_BASELINE, path=shown)
    return data


def _is_baseline(data) -> bool:
    if not isinstance(data, dict) or type(data.get("baseline_version")) is not int:
        return False
    findings, failing = data.get("findings", []), data.get("failing", {})
    return (data["baseline_version"] == VERSION
            and isinstance(findings, list) and all(isinstance(k, str) for k in findings)
            and isinstance(failing, dict)
            and all(type(v) in (int, float) and math.isfinite(v) for v in failing.values()))


def apply(report: Report, baseline: dict, path: Path) -> tuple[Report, int]:
    """The report without findings the baseline knows, and drafts no worse than recorded
    counted as passed."""
    root = path.resolve().parent
    known = set(baseline.get("findings", []))
    failing = baseline.get("failing", {})
    files = []
    hidden = 0
    for fr in report.files:
        if fr.error:
            files.append(fr)
            continue
        keep = tuple(rf for rf, key in zip(fr.findings, _keys(fr, root)) if key not in known)
        hidden += len(fr.findings) - len(keep)
        passed = fr.passed
        key = _canonical(fr.path, root)
        if passed is False and key in failing and fr.score is not None and fr.score >= failing[key]:
            passed = True
        files.append(replace(fr, findings=keep, passed=passed))
    from linter.api import build_report

    new = build_report(files, report.fail_level, report.rules)
    new.summary["baseline_hidden"] = hidden
    return new, hidden
