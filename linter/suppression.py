"""Suppression comments, applied to findings after the rules run (a mask, not a filter
inside rules). ``<!-- draftlint-disable rule ... -->`` until ``draftlint-enable``,
``draftlint-disable-next-line`` and ``draftlint-disable-line``; with no rule id, all rules.
The front matter's ``draftlint: {disable: [...]}`` covers the whole draft."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from linter.builtin import UNKNOWN_RULE_IN_DIRECTIVE, UNUSED_DIRECTIVE
from linter.model import Directive, Draft, Finding

UNKNOWN_RULE = UNKNOWN_RULE_IN_DIRECTIVE
UNUSED = UNUSED_DIRECTIVE


@dataclass
class _Window:
    rules: frozenset[str] | None  # None: every rule
    start: int
    end: int
    directive: Directive | None
    used: bool = False

    def covers(self, f: Finding) -> bool:
        return self.start <= f.start < self.end and (self.rules is None or f.rule in self.rules)


def _line_bounds(draft: Draft, offset: int, next_line: bool) -> tuple[int, int]:
    src = draft.source
    line, _ = src.line_col(offset)
    if next_line:
        line += 1
    start = src.line_offset(line) if line <= len(src.line_starts) else len(src.text)
    end = src.line_offset(line + 1) if line < len(src.line_starts) else len(src.text)
    return start, end


def _windows(draft: Draft, aliases: dict[str, str]) -> list[_Window]:
    canon = lambda ids: frozenset(aliases.get(i, i) for i in ids)  # noqa: E731
    windows: list[_Window] = []
    fm_disable = draft.settings.get("disable")
    if isinstance(fm_disable, list) and fm_disable:
        windows.append(_Window(canon(str(x) for x in fm_disable), 0, len(draft.source.text) + 1, None))
    elif fm_disable is True:
        windows.append(_Window(None, 0, len(draft.source.text) + 1, None))
    open_all: tuple[int, Directive] | None = None
    open_rules: dict[str, tuple[int, Directive]] = {}
    end_of_file = len(draft.source.text) + 1
    for d in draft.directives:
        rules = canon(d.rules)
        if d.action == "disable-next-line":
            windows.append(_Window(rules or None, *_line_bounds(draft, d.source_end, True), d))
        elif d.action == "disable-line":
            windows.append(_Window(rules or None, *_line_bounds(draft, d.source_start, False), d))
        elif d.action == "disable":
            if not rules:
                open_all = open_all or (d.source_end, d)
            for r in rules:
                open_rules.setdefault(r, (d.source_end, d))
        elif d.action == "enable":
            if not rules:
                if open_all:
                    windows.append(_Window(None, open_all[0], d.source_start, open_all[1]))
                    open_all = None
                for r, (start, src) in open_rules.items():
                    windows.append(_Window(frozenset({r}), start, d.source_start, src))
                open_rules.clear()
            for r in rules:
                if r in open_rules:
                    start, src = open_rules.pop(r)
                    windows.append(_Window(frozenset({r}), start, d.source_start, src))
    if open_all:
        windows.append(_Window(None, open_all[0], end_of_file, open_all[1]))
    for r, (start, src) in open_rules.items():
        windows.append(_Window(frozenset({r}), start, end_of_file, src))
    return windows


MAX_LISTED = 10  # unknown ids named in one finding; the rest are counted


def _covered(windows: list[_Window]) -> list[tuple[int, int]]:
    """The windows' spans merged into sorted, disjoint intervals."""
    merged: list[tuple[int, int]] = []
    for w in sorted(windows, key=lambda w: w.start):
        if merged and w.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], w.end))
        elif w.start < w.end:
            merged.append((w.start, w.end))
    return merged


def _inside(intervals: list[tuple[int, int]], offset: int) -> bool:
    k = bisect_right(intervals, (offset, float("inf"))) - 1
    return k >= 0 and intervals[k][0] <= offset < intervals[k][1]


def _mark_used(windows: list[_Window], starts: list[int]) -> None:
    """Mark each window that a finding (by sorted start offset) falls in."""
    for w in windows:
        k = bisect_left(starts, w.start)
        if k < len(starts) and starts[k] < w.end:
            w.used = True


def apply(draft: Draft, findings: list[Finding], known: set[str], aliases: dict[str, str]) -> tuple[list[Finding], int]:
    """The findings left after suppression, plus info findings about the directives
    themselves; and how many findings were suppressed.

    Windows are grouped by rule and merged into intervals, so the work grows with
    (findings + windows) x log, not findings x windows: a draft may hold thousands of both.
    """
    windows = _windows(draft, aliases)
    if not windows and not draft.directives:
        return findings, 0
    by_rule: dict[str | None, list[_Window]] = {}
    for w in windows:
        for r in (None,) if w.rules is None else w.rules:
            by_rule.setdefault(r, []).append(w)
    intervals = {r: _covered(ws) for r, ws in by_rule.items()}
    every = intervals.get(None, [])
    kept: list[Finding] = []
    suppressed = 0
    starts_of: dict[str, list[int]] = {}
    for f in findings:
        starts_of.setdefault(f.rule, []).append(f.start)
        if _inside(every, f.start) or _inside(intervals.get(f.rule, []), f.start):
            suppressed += 1
        else:
            kept.append(f)
    for r, ws in by_rule.items():
        if r is None:
            _mark_used(ws, sorted(f.start for f in findings))
        elif r in starts_of:
            _mark_used(ws, sorted(starts_of[r]))
    notes: list[Finding] = []
    for d in draft.directives:
        unknown = list(dict.fromkeys(r for r in d.rules if aliases.get(r, r) not in known))
        if len(unknown) == 1:
            message = f"draftlint-{d.action} names unknown rule '{unknown[0]}'"
        elif unknown:
            listed = ", ".join(f"'{r}'" for r in unknown[:MAX_LISTED])
            more = f" and {len(unknown) - MAX_LISTED} more" if len(unknown) > MAX_LISTED else ""
            message = f"draftlint-{d.action} names {len(unknown)} unknown rules: {listed}{more}"
        else:
            continue
        notes.append(Finding(UNKNOWN_RULE, "info", message, d.source_start, d.source_end))
    used = {id(w.directive) for w in windows if w.used}
    reported = set()
    for w in windows:
        d = w.directive
        if d is None or id(d) in used or id(d) in reported:
            continue
        reported.add(id(d))
        if d.rules and all(aliases.get(r, r) not in known for r in d.rules):
            continue  # already reported as unknown
        what = " ".join(d.rules) if d.rules else "all rules"
        notes.append(Finding(UNUSED, "info", f"draftlint-{d.action} ({what}) suppressed nothing",
                             d.source_start, d.source_end))
    return sorted(kept + notes, key=lambda f: (f.start, f.end, f.rule)), suppressed
