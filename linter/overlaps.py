"""When two rules flag the same words, the draft gets one finding: the more specific one.

A span that contains another is the more specific reading of those words ("very unique"
over "very", "leverage synergies" over "leverage"). On the same span, the rule that names a
replacement wins over one that only objects, then the rule loaded first. Findings that cover
a paragraph or a sentence as a whole (the ``metric`` rules: length, readability) say
something else about the same words and are never folded into a phrase, nor a phrase into
them. Scoring and the report both see the result, so no span is counted twice.
"""

from __future__ import annotations

from linter.model import Finding

#: Rule types whose findings are about a whole sentence or paragraph, not about its words.
WHOLE_SPAN_TYPES = frozenset({"metric"})


def most_specific(findings: list[Finding], rules) -> list[Finding]:
    """``findings`` without those whose span lies inside (or equals) another rule's more
    specific finding; order is kept. ``rules`` is the loaded rule set (``.get(id)``)."""
    order = {r.id: i for i, r in enumerate(rules.rules)}

    def rank(f: Finding) -> tuple:
        rule = rules.get(f.rule)
        concrete = rule is not None and rule.type == "substitution"
        return (-(f.end - f.start), 0 if concrete else 1, order.get(rule.id if rule else f.rule, len(order)))

    words = sorted((i for i, f in enumerate(findings)
                    if f.end > f.start and (r := rules.get(f.rule)) is not None and r.type not in WHOLE_SPAN_TYPES),
                   key=lambda i: findings[i].start)
    dropped: set[int] = set()
    cluster: list[int] = []
    reach = -1
    for i in words + [None]:  # runs of overlapping spans; only inside one can a span cover another
        if i is not None and findings[i].start < reach:
            cluster.append(i)
            reach = max(reach, findings[i].end)
            continue
        if len(cluster) > 1:
            dropped.update(_covered(findings, cluster, rank))
        if i is not None:
            cluster, reach = [i], findings[i].end
    return [f for i, f in enumerate(findings) if i not in dropped] if dropped else findings


def _covered(findings: list[Finding], cluster: list[int], rank) -> set[int]:
    """The findings of one run that a better-ranked finding of another rule covers."""
    kept: list[Finding] = []
    dropped = set()
    for i in sorted(cluster, key=lambda i: rank(findings[i])):  # best first
        f = findings[i]
        if any(g.rule != f.rule and g.start <= f.start and f.end <= g.end for g in kept):
            dropped.add(i)
        else:
            kept.append(f)
    return dropped
