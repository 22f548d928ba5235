"""``draftlint lint --statistics``: how many findings each rule reported, and in how many
drafts, so a team can see which rules make the noise in its content."""

from __future__ import annotations

from collections import Counter

from linter.report.escape import terminal


def counts(report) -> list[tuple[str, int, int]]:
    """(rule, findings, drafts with one or more), the most findings first, then by rule."""
    findings: Counter = Counter()
    drafts: Counter = Counter()
    for fr in report.files:
        mine: Counter = Counter()
        for rf in fr.findings:
            mine[rf.finding.rule] += rf.finding.count  # a finding past repeat_limit counts the rest
        findings.update(mine)
        drafts.update(mine.keys())
    return sorted(((rule, n, drafts[rule]) for rule, n in findings.items()), key=lambda row: (-row[1], row[0]))


def render(report) -> str:
    rows = counts(report)
    linted = sum(1 for fr in report.files if not fr.error)
    if not rows:
        return f"no findings in {linted} draft(s)\n"
    width = max(len("total"), *(len(rule) for rule, _, _ in rows))
    lines = [f"findings per rule, in {linted} draft(s):"]
    lines += [f"  {terminal(rule):<{width}}  {n:>6}  in {d} draft(s)" for rule, n, d in rows]
    lines.append(f"  {'total':<{width}}  {sum(n for _, n, _ in rows):>6}")
    return "\n".join(lines) + "\n"
