"""Criterion scores and the draft's score (the draft's reading + findings -> scores).

The draft is read once: the hand-written sentence readings (``features.py``), then the
learned ones on top of them (each sentence's role probabilities, ``roles.py``, and the
draft-level judgement, ``calibration.py``). Every detector reads that one reading.

A sentence is quoted for the one criterion it supports best: in rounds, each criterion takes
its strongest sentence not yet quoted, the most specific kind of evidence first (own figures
before figures, before a stance, before experience, before the absence of generic tips).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from linter.model import CriterionScore, Evidence
from linter.scoring.detectors import DETECTORS
from linter.scoring.features import DraftFeatures, read_draft
from linter.scoring.glossary import Term

#: evidence sentences shown per criterion
EVIDENCE_SHOWN = 3


@dataclass(frozen=True)
class DraftScore:
    score: float
    criteria: tuple[CriterionScore, ...]
    content_type: tuple[str, float] | None = None  # the kind of post it reads as, and how surely


def read(analysis) -> DraftFeatures:
    """The draft's one reading: the hand-written sentence readings with the learned ones
    added. Built once per draft, before the rules run; the rules' sentence conditions and
    the detectors read it."""
    from linter.scoring import calibration, roles

    features = read_draft(analysis)
    model = roles.RoleModel.load()
    probs = model.predict_draft(features)
    return replace(features, roles=probs, decided=model.decide(probs) if len(probs) else probs,
                   judged=calibration.judge(features, probs, code_blocks=len(features.code_blocks)))


def _overlaps(span, used) -> bool:
    return any(span[0] < e and s < span[1] for s, e in used)


#: which criterion a sentence is quoted for when it could stand for several, by detector: the
#: more specific claim first (a sentence with the author's own figures is quoted as own data)
SPECIFICITY = ("original_data", "specific_numbers", "contrarian_stance", "customer_results", "first_hand_experience",
               "no_generic_tips")


def _share_evidence(term: Term, results: dict) -> dict[str, list[tuple[int, int]]]:
    """Each criterion's evidence spans, at most EVIDENCE_SHOWN, no sentence quoted twice: in
    rounds, each criterion in order of specificity takes its strongest sentence not yet quoted."""
    ids = [c.id for c in term.criteria]
    detector = {c.id: c.detector for c in term.criteria}
    order = sorted(results, key=lambda c: (SPECIFICITY.index(detector[c]) if detector[c] in SPECIFICITY
                                           else len(SPECIFICITY), ids.index(c)))
    used: list[tuple[int, int]] = []
    chosen: dict[str, list[tuple[int, int]]] = {c: [] for c in order}
    queues = {c: list(results[c].evidence) for c in order}
    for _ in range(EVIDENCE_SHOWN):
        for cid in order:
            queue = queues[cid]
            while queue:
                span = queue.pop(0)
                if not _overlaps(span, used):
                    chosen[cid].append(span)
                    used.append(span)
                    break
    return {c: sorted(spans) for c, spans in chosen.items()}


#: Every post the editors called thought leadership met at least one of these: its own data,
#: its own experience, or a contrarian stance (151 of the 152 labelled posts; the one other
#: was split 0.5). A draft that meets none does not pass, whatever else the model sees.
SUBSTANCE = ("original_data", "first_hand_experience", "contrarian_stance")
#: the most a draft without substance scores, as a probability (54 on the 0-100 scale)
WITHOUT_SUBSTANCE = 0.45


def _thought_leadership_score(probability: float, results: dict) -> float:
    from linter.scoring.calibration import tl_to_score

    if not any(results[c].score >= 0.5 for c in SUBSTANCE if c in results):
        probability = min(probability, WITHOUT_SUBSTANCE)
    return tl_to_score(probability)


def score_draft(features: DraftFeatures, findings, term: Term) -> DraftScore:
    """The criteria's scores, evidence and "what is missing", and the draft's score, from
    the draft's reading (``read``) and its findings."""
    from linter.scoring.content_type import read_content_type
    from linter.scoring.roles import ROLES

    draft = features.draft
    results = {}
    for criterion in term.criteria:
        # a detector sees only the findings of the rules its criterion lists, and the
        # parameters its criterion sets (the others at their defaults)
        mine = [f for f in findings if f.criterion == criterion.id]
        result = DETECTORS[criterion.detector](features, mine, criterion.params)
        if result.score < criterion.met_at and not result.shortfall:
            # an unmet criterion quotes nothing in its support: the sentences that fall
            # short of it are not evidence for it (editors rejected most of them), and
            # "what is missing" says what they lack
            result = replace(result, evidence=(), source_evidence=())
        results[criterion.id] = result
    chosen = _share_evidence(term, results)
    scored = []
    total = weights = 0.0
    for criterion in term.criteria:
        result = results[criterion.id]
        evidence = []
        for start, end in chosen[criterion.id]:
            s, e = draft.prose_map.to_source(start, end)
            evidence.append(Evidence(s, e, draft.source.text[s:e], " ".join(draft.prose[start:end].split())))
        for s, e in result.source_evidence[: EVIDENCE_SHOWN - len(evidence)]:
            evidence.append(Evidence(s, e, draft.source.text[s:e], draft.source.text[s:e]))
        met = result.score >= criterion.met_at
        scored.append(CriterionScore(id=criterion.id, score=round(result.score, 3), met=met,
                                     weight=criterion.weight, evidence=tuple(evidence),
                                     missing=None if met else (result.missing or criterion.missing)))
        total += criterion.weight * result.score
        weights += criterion.weight
    if term.score_model == "thought_leadership" and features.judged is not None:
        score = _thought_leadership_score(features.judged.thought_leadership, results)
    else:
        score = round(100 * total / weights, 1) if weights else 0.0
    kind = read_content_type(features, features.roles, ROLES, len(draft.code_blocks), draft.inline_code) \
        if len(features.roles) else None
    return DraftScore(score=score, criteria=tuple(scored), content_type=kind)
