"""Criterion scores and the draft's weighted score (analysis + findings -> scores)."""

from __future__ import annotations

from dataclasses import dataclass

from linter.model import CriterionScore, Evidence
from linter.scoring.detectors import DETECTORS
from linter.scoring.features import read_draft
from linter.scoring.glossary import Term


@dataclass(frozen=True)
class DraftScore:
    score: float
    criteria: tuple[CriterionScore, ...]


def score_draft(analysis, findings, term: Term) -> DraftScore:
    features = read_draft(analysis)
    draft = analysis.draft
    results = []
    total = 0.0
    weights = 0.0
    for criterion in term.criteria:
        # a detector sees only the findings of the rules its criterion lists
        mine = [f for f in findings if f.criterion == criterion.id]
        result = DETECTORS[criterion.detector](features, mine, analysis)
        evidence = []
        for start, end in result.evidence[:3]:
            s, e = draft.prose_map.to_source(start, end)
            evidence.append(Evidence(s, e, draft.source.text[s:e], " ".join(draft.prose[start:end].split())))
        for s, e in result.source_evidence[: 3 - len(evidence)]:
            evidence.append(Evidence(s, e, draft.source.text[s:e], draft.source.text[s:e]))
        met = result.score >= criterion.met_at
        results.append(
            CriterionScore(
                id=criterion.id,
                score=round(result.score, 3),
                met=met,
                weight=criterion.weight,
                evidence=tuple(evidence),
                missing=None if met else (result.missing or criterion.missing),
            )
        )
        total += criterion.weight * result.score
        weights += criterion.weight
    return DraftScore(score=round(100 * total / weights, 1) if weights else 0.0, criteria=tuple(results))
