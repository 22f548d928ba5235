"""The five thought-leadership detectors."""

from __future__ import annotations

from linter.scoring.detectors.base import DetectorResult, body_sentences, clip, quote, top
from linter.scoring.features import DraftFeatures, Sentence


def _vague_example(feat: DraftFeatures, findings, analysis) -> str | None:
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


def own_figures(feat: DraftFeatures) -> float:
    body = body_sentences(feat)
    measured = [(s, f) for s in body for f in s.measured]
    if not measured:
        return 0.0
    third = sum(1 for s, _ in measured if s.third_party)
    owner_voice = any(s.experience or s.own_frame or s.actor_story for s in body) or sum(
        1 for s in body if s.first_person) >= 3
    if not owner_voice:
        return 0.0
    strict = third / len(measured) >= 0.4
    own = 0.0
    for s, _f in measured:
        if s.third_party:
            continue
        if s.first_person or s.own_frame or not strict:
            own += 1
    if feat.table_figures and not strict:
        own += min(len(feat.table_figures), 8) * 0.5
    return own


def experience_count(feat: DraftFeatures) -> float:
    body = body_sentences(feat)
    n = sum(1.0 for s in body if s.experience) + sum(0.5 for s in body if s.actor_story)
    n -= 0.5 * sum(1 for s in body if s.generic_we)
    return max(0.0, n)


# -- detectors ---------------------------------------------------------------------

def specific_numbers(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    n = measured_figures(feat) + min(len(feat.table_figures), 8) * 0.5
    target = 3 + feat.words / 600
    evidence = top(body_sentences(feat), lambda s: len(s.measured))
    missing = None
    score = clip(n / target)
    if score < 1:
        missing = _vague_example(feat, findings, analysis) or (
            "No measured figures: give the before-and-after numbers, counts or percentages from the work itself."
        )
    return DetectorResult(score, evidence, missing)


def original_data(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    own = own_figures(feat)
    target = 2 + feat.words / 800
    score = clip(own / target)
    evidence = top(body_sentences(feat), lambda s: len(s.measured) * (0 if s.third_party else 1) * (2 if s.first_person else 1))
    missing = None
    if score < 1:
        third = [s for s in body_sentences(feat) if s.third_party and s.measured]
        if third:
            missing = (f"The figures come from others ('{quote(third[0].text, 60)}'). "
                       "Add what your own data, test or customers showed.")
        else:
            missing = "Nothing here is your organisation's own data: add a result from your product, test, survey or customers."
    return DetectorResult(score, evidence, missing)


def first_hand_experience(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    n = experience_count(feat)
    target = 3 + feat.words / 700
    score = clip(n / target)
    evidence = top(body_sentences(feat), lambda s: (2 if s.experience else 1 if s.actor_story else 0) + len(s.measured) * 0.1)
    missing = None
    if score < 1:
        generic = [s for s in body_sentences(feat) if s.generic_we]
        if generic:
            missing = (f"'{quote(generic[0].text, 60)}' speaks for everyone, not from experience. "
                       "Tell what you or your team did, tried or measured.")
        else:
            missing = "No account of doing: say what you or your team did, tried, measured or learned."
    return DetectorResult(score, evidence, missing)


def _response(s: Sentence) -> float:
    """How strongly a sentence answers a belief: pushing back in words, and showing that
    the author's side did otherwise or measured otherwise."""
    words = 0.5 if s.rebuttal else 0.0
    deeds = 0.5 if (s.experience or s.actor_story or s.own_frame or (s.first_person and s.measured)) else 0.0
    return words + deeds


def contrarian_stance(feat: DraftFeatures, findings, analysis) -> DetectorResult:
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
        for j in range(i, min(len(sents), i + 5)):
            r = sents[j]
            if r.in_quote or (r.is_heading and j != i):
                continue
            resp = _response(r) if j > i else (0.5 if r.rebuttal and not r.is_heading else 0.0)
            if resp > best:
                best, best_j = resp, j
        if best_j is None:
            i += 1
            continue
        weight = 1.0 if (s.belief_named or s.in_quote) else 0.5
        early = 1.0 if i <= 0.4 * body_count else 0.6
        strength += weight * best * early
        pairs.append((s, sents[best_j]))
        i = best_j + 1
    backing = own_figures(feat) + experience_count(feat)
    support = clip(backing / 5)
    score = clip(strength / 0.8) * support
    evidence = tuple((s.start, r.end) if r.start - s.end < 400 else (s.start, s.end) for s, r in pairs[:3])
    missing = None
    if score < 1:
        if pairs and support < 1:
            missing = (f"'{quote(pairs[0][0].text, 60)}' sets up a common view, but the argument against it "
                       "needs your own figures or experience behind it.")
        else:
            missing = ("No widely held belief is named and argued against: state what most people assume, "
                       "then show with your own evidence why it is wrong here.")
    return DetectorResult(score, evidence, missing)


def no_generic_tips(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    """Unmet when much of the draft is advice or commentary anyone could have written.

    Advice counts against a draft in proportion to how little of the author's own
    experience and data backs it; a draft with no such substance at all (and that is not
    news) is generic whatever its grammar.
    """
    body = [s for s in feat.sentences if not s.in_quote]
    if not body:
        return DetectorResult(1.0)
    advice = [s for s in body if s.advice]
    experience = experience_count(feat)
    own = own_figures(feat)
    substance = experience + 0.5 * min(own, 8)
    backing = clip((experience + 0.25 * own) / 6)
    # In news, an imperative is a call to action ("try it today"), not advice.
    news = 0.5 if feat.announcement else 1.0
    generic = news * (len(advice) / len(body)) * (1 - backing)
    if feat.listicle_title:
        generic += 0.15 * (1 - backing)
    generic += news * sum(1 for s in body if s.generic_we) / len(body)
    filler = len(findings)
    if not feat.announcement:  # jargon in news is a fault of its own, not generic advice
        generic += min(0.3, 0.5 * filler / len(body)) * (1 - backing)
    if substance < 2 and not feat.announcement:
        generic += 0.25  # nothing here that only the author could have written
    score = clip(1 - generic / 0.3)
    missing = None
    if score < 0.5:
        if advice:
            missing = (f"{len(advice)} of {len(body)} sentences are advice anyone could give, e.g. "
                       f"'{quote(advice[0].text, 60)}'. Back it with what you did and what happened.")
        else:
            missing = ("Nothing here comes from the author's own work: add what you did, measured or saw, "
                       "instead of restating what readers already know.")
        evidence = top(body, lambda s: 1 if s.advice or s.generic_we else 0)
    else:
        evidence = top(body_sentences(feat), lambda s: (2 if s.experience else 0) + len(s.measured))
    return DetectorResult(score, evidence, missing)
