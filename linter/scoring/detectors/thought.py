"""The five thought-leadership detectors.

Each is a pure function ``(feat, findings, params) -> DetectorResult``: the draft's reading
(``features.py`` plus the learned readings the scorer adds), the findings of the rules its
criterion lists, and its parameters (the dataclass declared above it, with a glossary
criterion's ``params:`` applied).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from linter.scoring.detectors.base import (SENTENCE_QUOTED, DetectorResult, body_sentences, clip, expected,
                                          quote)
from linter.scoring.detectors.params import (BackedParams, EvidenceParams, ExperienceParams, FigureEvidenceParams,
                                            OwnFigureParams, param, quote_param)
from linter.scoring.features import DraftFeatures, Sentence

#: Evidence candidates a detector offers, strongest first: the scorer shows three per
#: criterion, after giving each sentence to the one criterion it supports best.
CANDIDATES = 6
#: Evidence spans contrarian_stance offers (the scorer shows three).
PAIRS_SHOWN = 3


def _vague_example(feat: DraftFeatures, findings) -> str | None:
    """The sentence with a vague quantity that most needs a figure."""
    for f in findings:
        if f.prose_span is not None:
            s = next((s for s in feat.sentences if s.start <= f.prose_span[0] < s.end), None)
            if s is not None:
                return f"'{quote(s.text)}': how many, or how much, measured against what?"
    return None


# -- per-draft quantities shared by several detectors -----------------------------------

def measured_figures(feat: DraftFeatures) -> int:
    return sum(len(s.measured) for s in body_sentences(feat))


def own_figures(feat: DraftFeatures, p: OwnFigureParams) -> float:
    body = body_sentences(feat)
    measured = [(s, f) for s in body for f in s.measured]
    if not measured:
        return 0.0
    third = sum(1 for s, _ in measured if s.third_party)
    owner_voice = any(s.experience or s.own_frame or s.actor_story for s in body) or sum(
        1 for s in body if s.first_person) >= p.owner_voice_sentences
    if not owner_voice:
        return 0.0
    strict = third / len(measured) >= p.third_party_share
    own = 0.0
    for s, _f in measured:
        if s.third_party:
            continue
        if s.first_person or s.own_frame or not strict:
            own += 1
    if feat.table_figures and not strict:
        own += min(len(feat.table_figures), p.table_figures_cap) * p.table_figure_weight
    return own


def experience_count(feat: DraftFeatures, p: ExperienceParams) -> float:
    body = body_sentences(feat)
    n = sum(1.0 for s in body if s.experience) + sum(p.actor_story_weight for s in body if s.actor_story)
    n -= p.generic_we_penalty * sum(1 for s in body if s.generic_we)
    return max(0.0, n)


# -- the learned readings ------------------------------------------------------------

def learned(feat: DraftFeatures, criterion: str) -> float | None:
    """The calibrated probability that an editor would call ``criterion`` met, or None
    when the draft was not read by the learned model."""
    judged = feat.judged
    return None if judged is None else judged.criteria.get(criterion)


def _playing(feat: DraftFeatures, p: EvidenceParams, roles: tuple[str, ...], need_figure: bool = False,
             rather_than: tuple[str, ...] = (), unless: tuple[str, ...] = (),
             at: float | None = None) -> list[tuple[float, Sentence]]:
    """Paragraph sentences that play one of ``roles`` (at the trained thresholds), strongest
    first, with the strength of the role they play best. A sentence that reads more strongly
    as one of ``rather_than`` is left out (a study's figure is not own data, a price is not a
    measurement, a call to action is not advice), and so is one that plays a role of
    ``unless`` at its trained threshold; with ``need_figure``, so is one that states no figure.
    ``at`` replaces the trained thresholds of ``roles`` with one probability."""
    from linter.scoring.roles import ROLES

    if feat.roles is None or not len(feat.roles):
        return []
    cols = [ROLES.index(r) for r in roles]
    rivals = [ROLES.index(r) for r in rather_than]
    vetoes = [ROLES.index(r) for r in unless]
    out = []
    for i, s in enumerate(feat.sentences):
        if s.block is None or s.block.kind != "paragraph" or s.in_quote or s.words < p.min_evidence_words:
            continue
        if need_figure and not s.figures:
            continue  # no figure (years, versions, dates and list counts are not figures)
        if any(feat.decided[i][v] for v in vetoes):
            continue
        rival = max((feat.roles[i][r] for r in rivals), default=0.0)
        plays = [feat.roles[i][c] for c in cols
                 if (feat.decided[i][c] if at is None else feat.roles[i][c] >= at) and feat.roles[i][c] > rival]
        if plays:
            out.append((float(max(plays)), s))
    out.sort(key=lambda pair: (-pair[0], pair[1].start))
    return out


def _backed(feat: DraftFeatures, p: BackedParams, criterion: str, ranked: list, by_cues) -> float:
    """The learned probability, held under the pass point when no sentence carries it (a
    verdict with nothing to quote is not shown as met); ``by_cues()`` without the learned
    reading."""
    score = learned(feat, criterion)
    if score is None:
        return by_cues()
    return score if ranked else min(score, p.unbacked_cap)


def _spans(ranked: list[tuple[float, Sentence]], at: float) -> tuple[tuple[int, int], ...]:
    """The spans of the strongest sentences whose role is read at probability ``at`` or
    more, strongest first."""
    return tuple((s.start, s.end) for strength, s in ranked[:CANDIDATES] if strength >= at)


def _measurements(feat: DraftFeatures, ranked: list[tuple[float, Sentence]],
                  p: FigureEvidenceParams) -> list[tuple[float, Sentence]]:
    """The figure sentences of ``ranked`` whose number reads as a measurement (not a price,
    plan, target or example: the learned other_number reading under ``number_below``)."""
    from linter.scoring.roles import ROLES

    col = ROLES.index("other_number")
    index = {s.start: i for i, s in enumerate(feat.sentences)}
    return [(v, s) for v, s in ranked if feat.roles[index[s.start]][col] < p.number_below]


# -- detectors ---------------------------------------------------------------------
#
# A detector says what is missing whatever its score; the scorer shows it only when the
# criterion is not met (at the criterion's ``met_at``).

@dataclass(frozen=True)
class SpecificNumbersParams(FigureEvidenceParams):
    FALLBACK: ClassVar = ("table_figures_cap", "table_figure_weight", "target_base", "target_words")

    table_figures_cap: int = param(8, "the most data-table figures counted")
    table_figure_weight: float = param(0.5, "what one data-table figure counts for, against a sentence's figure")
    target_base: float = param(3.0, "measured figures that score 1 in a short draft", above=True)
    target_words: float = param(600.0, "one more figure expected per this many words", above=True)


def specific_numbers(feat: DraftFeatures, findings, p: SpecificNumbersParams) -> DetectorResult:
    ranked = _playing(feat, p, ("own_figure", "other_figure"), need_figure=True, rather_than=("other_number",))
    score = learned(feat, "specific_numbers")
    if score is None:  # no learned reading: count measured figures against the length
        n = measured_figures(feat) + min(len(feat.table_figures), p.table_figures_cap) * p.table_figure_weight
        score = clip(n / expected(feat, p))
    vague = _vague_example(feat, findings)
    if vague:
        missing = vague
    elif ranked:
        missing = (f"Only {len(ranked)} sentence(s) state a measured figure: give the before-and-after "
                   "numbers, counts or percentages behind the other claims too.")
    else:
        missing = "No measured figures: give the before-and-after numbers, counts or percentages from the work itself."
    return DetectorResult(score, _spans(_measurements(feat, ranked, p), p.quote_at), missing)


@dataclass(frozen=True)
class OriginalDataParams(BackedParams, FigureEvidenceParams, OwnFigureParams):
    FALLBACK: ClassVar = ("owner_voice_sentences", "third_party_share", "table_figures_cap", "table_figure_weight",
                          "target_base", "target_words")

    quote_at: float = quote_param(0.9)

    target_base: float = param(2.0, "own figures that score 1 in a short draft", above=True)
    target_words: float = param(800.0, "one more own figure expected per this many words", above=True)


def original_data(feat: DraftFeatures, findings, p: OriginalDataParams) -> DetectorResult:
    # quoted: sentences that read more as the author's own figure than as anyone else's or
    # as a price, plan or example; the verdict needs at least one own-figure sentence at all
    ranked = _playing(feat, p, ("own_figure",), need_figure=True, rather_than=("other_figure", "other_number"))
    backing = ranked or _playing(feat, p, ("own_figure",), need_figure=True, rather_than=("other_number",),
                                 unless=("other_figure",), at=p.backing_at)
    score = _backed(feat, p, "original_data", backing, lambda: clip(own_figures(feat, p) / expected(feat, p)))
    if ranked:
        missing = (f"Only {len(ranked)} sentence(s) report figures your organisation produced: add more of "
                   "your own results (before and after, counts, costs) to carry the argument.")
    else:
        others = _playing(feat, p, ("other_figure",), need_figure=True)
        if others:
            missing = (f"The figures come from others ('{quote(others[0][1].text, SENTENCE_QUOTED)}'). "
                       "Add what your own data, test or customers showed.")
        else:
            missing = ("Nothing here is your organisation's own data: add a result from your product, test, survey "
                       "or customers.")
    return DetectorResult(score, _spans(_measurements(feat, ranked, p), p.quote_at), missing)


@dataclass(frozen=True)
class FirstHandExperienceParams(BackedParams, ExperienceParams):
    FALLBACK: ClassVar = ("actor_story_weight", "generic_we_penalty", "target_base", "target_words")

    quote_at: float = quote_param(0.9)

    target_base: float = param(3.0, "accounts of doing that score 1 in a short draft", above=True)
    target_words: float = param(700.0, "one more account expected per this many words", above=True)


def first_hand_experience(feat: DraftFeatures, findings, p: FirstHandExperienceParams) -> DetectorResult:
    ranked = _playing(feat, p, ("own_experience",), rather_than=("promotional",))
    backing = ranked or _playing(feat, p, ("own_experience",), rather_than=("promotional",), at=p.backing_at)
    score = _backed(feat, p, "first_hand_experience", backing,
                    lambda: clip(experience_count(feat, p) / expected(feat, p)))
    if ranked:
        missing = (f"Only {len(ranked)} sentence(s) tell what you or your team did: make the account of what "
                   "you tried, measured or learned carry the post.")
    else:
        generic = next((s for s in body_sentences(feat) if s.generic_we), None)
        if generic is not None:
            missing = (f"'{quote(generic.text, SENTENCE_QUOTED)}' speaks for everyone, not from experience. "
                       "Tell what you or your team did, tried or measured.")
        else:
            missing = "No account of doing: say what you or your team did, tried, measured or learned."
    return DetectorResult(score, _spans(ranked, p.quote_at), missing)


@dataclass(frozen=True)
class ContrarianStanceParams(OwnFigureParams, ExperienceParams):
    response_window: int = param(  # at most 100: each belief is checked against that many sentences
        5, "sentences searched for the answer to a belief, the belief's own included", lo=1, hi=100)
    rebuttal_weight: float = param(0.5, "an answer's strength for pushing back in words")
    deeds_weight: float = param(
        0.5, "an answer's strength for showing that the author's side did or measured otherwise")
    generalisation_weight: float = param(
        0.5, "what a belief only generalised ('every team does X') counts for, against one named outright")
    early_fraction: float = param(
        0.4, "a belief set up within this share of the draft's sentences, where a thesis goes, counts in full",
        hi=1.0)
    late_weight: float = param(0.6, "what a belief set up later counts for")
    strength_needed: float = param(0.8, "the summed strength of belief-and-answer pairs that scores 1", above=True)
    backing_needed: float = param(
        5.0, "own figures plus accounts of doing that back the stance in full (the score is scaled by the share "
             "present)", above=True)
    quote_reading: float = param(
        0.9, "the learned probability at which a sentence reads as a belief or a pushback, to be quoted", hi=1.0)
    joined_span_chars: int = param(
        400, "a belief and its answer fewer than this many characters apart are quoted as one span")


def _reads_as(feat: DraftFeatures, i: int, role: str, at: float) -> bool:
    """Whether the learned reading gives sentence ``i`` this role (probability ``at`` or more)."""
    from linter.scoring.roles import ROLES

    return bool(feat.roles[i][ROLES.index(role)] >= at)


def _response(s: Sentence, p: ContrarianStanceParams) -> float:
    """How strongly a sentence answers a belief: pushing back in words, and showing that
    the author's side did otherwise or measured otherwise."""
    words = p.rebuttal_weight if s.rebuttal else 0.0
    deeds = p.deeds_weight if s.shows_doing else 0.0
    return words + deeds


def contrarian_stance(feat: DraftFeatures, findings, p: ContrarianStanceParams) -> DetectorResult:
    """A widely held belief, named and then answered with reasons and evidence.

    A belief named outright ("the standard advice") weighs more than a generalisation
    ("every team does X"); one set up early, where a draft states its thesis, weighs more
    than one in passing. The whole is scaled by how much of the author's own evidence
    backs the draft, so a provocative opener over conventional advice scores low.
    """
    sents = [s for s in feat.sentences]
    body_count = max(1, len(sents))
    pairs = []
    strength = 0.0
    i = 0
    while i < len(sents):
        s = sents[i]
        if not (s.belief or (s.in_quote and s.advice)):
            i += 1
            continue
        best, best_j = 0.0, None
        for j in range(i, min(len(sents), i + p.response_window)):
            r = sents[j]
            if r.in_quote or (r.is_heading and j != i):
                continue
            # the belief's own sentence can only answer it in words ("..., but that is wrong")
            resp = _response(r, p) if j > i else (p.rebuttal_weight if r.rebuttal and not r.is_heading else 0.0)
            if resp > best:
                best, best_j = resp, j
        if best_j is None:
            i += 1
            continue
        weight = 1.0 if (s.belief_named or s.in_quote) else p.generalisation_weight
        early = 1.0 if i <= p.early_fraction * body_count else p.late_weight
        strength += weight * best * early
        pairs.append((i, best_j))
        i = best_j + 1
    backing = own_figures(feat, p) + experience_count(feat, p)
    support = clip(backing / p.backing_needed)
    score = clip(strength / p.strength_needed) * support
    # quoted only where the learned reading agrees that a belief is named or pushed back on
    learned_reading = feat.roles is not None and len(feat.roles)
    at = p.quote_reading
    shown = [(sents[a], sents[b]) for a, b in pairs if not learned_reading or _reads_as(feat, a, "belief", at)
             or _reads_as(feat, a, "pushback", at) or _reads_as(feat, b, "pushback", at)]
    pairs = [(sents[a], sents[b]) for a, b in pairs]
    evidence = tuple((s.start, r.end) if r.start - s.end < p.joined_span_chars else (s.start, s.end)
                     for s, r in shown[:PAIRS_SHOWN])
    if pairs and support < 1:
        missing = (f"'{quote(pairs[0][0].text, SENTENCE_QUOTED)}' sets up a common view, but the argument against it "
                   "needs your own figures or experience behind it.")
    else:
        missing = ("No widely held belief is named and argued against: state what most people assume, "
                   "then show with your own evidence why it is wrong here.")
    return DetectorResult(score, evidence, missing)


@dataclass(frozen=True)
class NoGenericTipsParams(EvidenceParams, OwnFigureParams, ExperienceParams):
    FALLBACK: ClassVar = ("owner_voice_sentences", "third_party_share", "table_figures_cap", "table_figure_weight",
                          "actor_story_weight", "generic_we_penalty", "own_figure_substance", "own_figures_cap",
                          "own_figure_backing", "backing_needed", "announcement_advice_weight", "listicle_penalty",
                          "finding_weight", "findings_cap", "substance_needed", "no_substance_penalty",
                          "generic_tolerance")

    advice_evidence_below: float = param(
        0.5, "below this score the evidence is the advice sentences, at or above it the author's own experience "
             "and figures", hi=1.0)
    advice_quote_at: float = param(
        0.9, "the learned advice probability at which a sentence is quoted as the advice that keeps the criterion "
             "unmet", hi=1.0)
    own_figure_substance: float = param(0.5, "what an own figure counts for as substance, against an account of doing")
    own_figures_cap: int = param(8, "the most own figures counted as substance")
    own_figure_backing: float = param(0.25, "what an own figure counts for as backing for advice")
    backing_needed: float = param(6.0, "accounts of doing (and weighted own figures) that back all the advice",
                                  above=True)
    announcement_advice_weight: float = param(
        0.5, "what an imperative counts for in an announcement, where it is a call to action")
    listicle_penalty: float = param(0.15, "added to the generic share for a listicle title ('7 ways to ...')")
    finding_weight: float = param(0.5, "generic share added per buzzword, cliche or filler finding, per sentence")
    findings_cap: float = param(0.3, "the most those findings add to the generic share")
    substance_needed: float = param(2.0, "substance below which a draft has nothing only its author could write")
    no_substance_penalty: float = param(0.25, "added to the generic share of a draft without that substance")
    generic_tolerance: float = param(0.3, "the generic share at which the score reaches 0", above=True)


def no_generic_tips(feat: DraftFeatures, findings, p: NoGenericTipsParams) -> DetectorResult:
    """Unmet when much of the draft is advice or commentary anyone could have written.

    With the learned reading, the score is the calibrated probability that an editor would
    not call the post generic tips; the evidence is the author's own experience and figures
    when it is met, and the advice sentences when it is not. Without it, advice counts
    against a draft in proportion to how little of the author's own experience and data
    backs it.
    """
    body = [s for s in feat.sentences if not s.in_quote]
    if not body:
        return DetectorResult(1.0)
    score = learned(feat, "no_generic_tips")
    if score is None:
        score = _generic_by_cues(feat, findings, body, p)
    advice = _playing(feat, p, ("advice",), rather_than=("promotional",)) if feat.roles is not None else [
        (1.0, s) for s in body if s.advice]
    if advice:
        missing = (f"{len(advice)} of {len(body)} sentences are advice anyone could give, e.g. "
                   f"'{quote(advice[0][1].text, SENTENCE_QUOTED)}'. Back it with what you did and what happened.")
    else:
        missing = ("Nothing here comes from the author's own work: add what you did, measured or saw, "
                   "instead of restating what readers already know.")
    if score < p.advice_evidence_below:
        return DetectorResult(score, _spans(advice, p.advice_quote_at), missing, shortfall=True)
    return DetectorResult(score, _spans(_playing(feat, p, ("own_experience", "own_figure"),
                                                 rather_than=("promotional", "advice")), p.quote_at), missing)


def _generic_by_cues(feat: DraftFeatures, findings, body, p: NoGenericTipsParams) -> float:
    advice = [s for s in body if s.advice]
    experience = experience_count(feat, p)
    own = own_figures(feat, p)
    substance = experience + p.own_figure_substance * min(own, p.own_figures_cap)
    backing = clip((experience + p.own_figure_backing * own) / p.backing_needed)
    # In news, an imperative is a call to action ("try it today"), not advice.
    news = p.announcement_advice_weight if feat.announcement else 1.0
    generic = news * (len(advice) / len(body)) * (1 - backing)
    if feat.listicle_title:
        generic += p.listicle_penalty * (1 - backing)
    generic += news * sum(1 for s in body if s.generic_we) / len(body)
    if not feat.announcement:  # jargon in news is a fault of its own, not generic advice
        generic += min(p.findings_cap, p.finding_weight * len(findings) / len(body)) * (1 - backing)
    if substance < p.substance_needed and not feat.announcement:
        generic += p.no_substance_penalty  # nothing here that only the author could have written
    return clip(1 - generic / p.generic_tolerance)
