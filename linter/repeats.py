"""A rule that fires again and again on one draft is shown a few times, then counted: the
first ``repeat_limit`` findings of each rule stay as they are, and the rest become one
finding at the first of them that says how many there are. Scoring has already seen them
all; this only shapes the report."""

from __future__ import annotations

from dataclasses import replace

from linter.model import SEVERITY_RANK, Finding


def fold(findings: list[Finding], limit: int) -> list[Finding]:
    """``findings`` (in draft order) with each rule's findings past ``limit`` folded into one;
    ``limit`` 0 keeps them all."""
    if limit <= 0:
        return findings
    by_rule: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        by_rule.setdefault(f.rule, []).append(i)
    dropped: set[int] = set()
    folded: dict[int, Finding] = {}
    for rule, idx in by_rule.items():
        if len(idx) <= limit + 1:  # one more is shown rather than counted
            continue
        rest = idx[limit:]
        first = findings[rest[0]]
        severity = max((findings[i].severity for i in rest), key=lambda s: SEVERITY_RANK[s])
        message = (f"{len(rest)} more '{rule}' findings from here on in this draft, not shown one by one "
                   f"(repeat_limit: {limit}): fix the pattern rather than each one")
        folded[rest[0]] = replace(first, severity=severity, message=message, suggestion=None, fix=None,
                                  count=sum(findings[i].count for i in rest))
        dropped.update(rest[1:])
    return [folded.get(i, f) for i, f in enumerate(findings) if i not in dropped]
