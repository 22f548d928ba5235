"""``--baseline FILE``: record today's findings, then fail only on new ones.

A finding is known by its file, rule, text and how many times that same text was
flagged by that rule earlier in the file, so it survives edits that move lines.
A draft that already failed its score is only held against its recorded score.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

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


def write(report: Report, path: Path) -> int:
    root = path.resolve().parent
    data = {"baseline_version": VERSION, "findings": [], "failing": {}}
    for fr in report.files:
        if fr.error:
            continue
        data["findings"].extend(_keys(fr, root))
        if fr.passed is False:
            data["failing"][_canonical(fr.path, root)] = fr.score
    fd, tmp = tempfile.mkstemp(dir=str(path.parent) or ".", prefix=".draftlint-baseline-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)
    return len(data["findings"])


def read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DraftlintError(f"cannot read baseline: {exc}", path=str(path)) from None
    if not isinstance(data, dict) or data.get("baseline_version") != VERSION:
        raise DraftlintError("not a draftlint baseline file (write a new one with --update-baseline)", path=str(path))
    return data


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
