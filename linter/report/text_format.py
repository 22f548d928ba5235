"""``--format text``: findings as ``path:line:col: severity rule-id message``, then the score."""

from __future__ import annotations

import math

from linter.model import FileReport, Report
from linter.report.escape import path as _path
from linter.report.escape import terminal as _t

_COLORS = {"error": "31", "warning": "33", "info": "36", "ok": "32", "bad": "31", "dim": "2"}


def _paint(text: str, key: str, color: bool) -> str:
    return f"\x1b[{_COLORS[key]}m{text}\x1b[0m" if color else text


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return _t(text if len(text) <= limit else text[: limit - 1] + "…")  # escaped after the cut: no half escapes


def _score(fr: FileReport) -> str:
    """The score rounded for display, never rounded up to the pass mark it missed (59.7 is
    not shown as 60 when the mark is 60)."""
    shown = f"{fr.score:.0f}"
    if fr.fail_under is not None and float(shown) >= fr.fail_under > fr.score:
        shown = f"{math.floor(fr.score * 10) / 10:.1f}"
    return shown


def render_file(fr: FileReport, color: bool = False, quiet: bool = False) -> list[str]:
    # every field a draft, a file name or a project file controls is escaped: see escape.py
    lines = []
    path = _path(fr.path)
    if fr.error:
        return [f"{path}: {_paint('error', 'error', color)} {_t(fr.error)}" if not fr.error.startswith(fr.path)
                else f"{_paint('error', 'error', color)}: {_t(fr.error)}"]
    for rf in fr.findings:
        f = rf.finding
        loc = rf.location
        lines.append(f"{path}:{loc.line}:{loc.column}: {_paint(f.severity, f.severity, color)} {_t(f.rule)} "
                     f"{_t(f.message)}")
    if quiet:
        if fr.passed is False:  # findings only, but a failed score still says why
            lines.append(f"{path}: {_paint('failed', 'bad', color)}: score {_score(fr)}/100 against "
                         f"'{_t(str(fr.term))}', under the pass mark {fr.fail_under:g}")
        return lines
    verdict = _paint("passed", "ok", color) if fr.passed else _paint("failed", "bad", color)
    lines.append(f"{path}: score {fr.score:.0f}/100 against '{_t(str(fr.term))}': {verdict}")
    ids = [_t(rc.score.id) for rc in fr.criteria]
    width = max(map(len, ids), default=0)
    for cid, rc in zip(ids, fr.criteria):
        c = rc.score
        mark = _paint("met  ", "ok", color) if c.met else _paint("unmet", "bad", color)
        if c.met and rc.evidence:
            e = rc.evidence[0]
            detail = f"line {e.line}: {_short(e.evidence.readable or e.evidence.text)}"
        elif c.met:
            detail = ""
        else:
            detail = _short(c.missing or "", 140)
        lines.append(f"  {mark} {cid:<{width}} {c.score:4.2f}  {detail}".rstrip())
    return lines


def render(report: Report, color: bool = False, quiet: bool = False, **_options) -> str:
    out: list[str] = []
    for fr in report.files:
        block = render_file(fr, color=color, quiet=quiet)
        if block:
            out.extend(block)
            if not quiet:
                out.append("")
    s = report.summary
    if not quiet or s.get("errors"):
        sev = s.get("by_severity", {})
        out.append(
            f"{s.get('files', 0)} draft(s): {s.get('passed', 0)} passed, {s.get('failed', 0)} failed"
            + (f", {s['errors']} could not be linted" if s.get("errors") else "")
            + f"; {sev.get('error', 0)} error(s), {sev.get('warning', 0)} warning(s), {sev.get('info', 0)} info"
        )
    return "\n".join(out) + ("\n" if out else "")
