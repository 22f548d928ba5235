"""The five thought-leadership detectors."""

from __future__ import annotations

from linter.scoring.detectors.base import DetectorResult, body_sentences, clip, quote
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


# -- the learned readings ------------------------------------------------------------

#: The most a criterion that rests on particular sentences (own figures, own experience)
#: scores when no sentence plays that role: the learned draft-level probability can run
#: ahead of the sentences, and a "met" with nothing to quote teaches writers to ignore it.
UNBACKED = 0.45


def learned(feat: DraftFeatures, criterion: str) -> float | None:
    """The calibrated probability that an editor would call ``criterion`` met, or None
    when the draft was not read by the learned model."""
    judged = feat.judged
    return None if judged is None else judged.criteria.get(criterion)


#: the shortest sentence quoted as evidence (a label or a table cell's word is not a claim)
MIN_EVIDENCE_WORDS = 4


def _playing(feat: DraftFeatures, roles: tuple[str, ...], need_figure: bool = False,
             rather_than: tuple[str, ...] = (), unless: tuple[str, ...] = ()) -> list[tuple[float, Sentence]]:
    """Paragraph sentences that play one of ``roles`` (at the trained thresholds), strongest
    first, with the strength of the role they play best. A sentence that reads more strongly
    as one of ``rather_than`` is left out (a study's figure is not own data, a price is not a
    measurement, a call to action is not advice), and so is one that plays a role of
    ``unless`` at its trained threshold; with ``need_figure``, so is one that states no figure."""
    from linter.scoring.roles import ROLES

    if feat.roles is None or not len(feat.roles):
        return []
    cols = [ROLES.index(r) for r in roles]
    rivals = [ROLES.index(r) for r in rather_than]
    vetoes = [ROLES.index(r) for r in unless]
    out = []
    for i, s in enumerate(feat.sentences):
        if s.block is None or s.block.kind != "paragraph" or s.in_quote or s.words < MIN_EVIDENCE_WORDS:
            continue
        if need_figure and not s.figures:
            continue  # no figure (years, versions, dates and list counts are not figures)
        if any(feat.decided[i][v] for v in vetoes):
            continue
        rival = max((feat.roles[i][r] for r in rivals), default=0.0)
        plays = [feat.roles[i][c] for c in cols if feat.decided[i][c] and feat.roles[i][c] > rival]
        if plays:
            out.append((float(max(plays)), s))
    out.sort(key=lambda pair: (-pair[0], pair[1].start))
    return out


def _backed(feat: DraftFeatures, criterion: str, ranked: list, by_cues) -> float:
    """The learned probability, held under the pass point when no sentence carries it (a
    verdict with nothing to quote is not shown as met); ``by_cues()`` without the learned
    reading."""
    score = learned(feat, criterion)
    if score is None:
        return by_cues()
    return score if ranked else min(score, UNBACKED)


def _spans(ranked: list[tuple[float, Sentence]], n: int = 6) -> tuple[tuple[int, int], ...]:
    """The strongest sentences' spans, strongest first (the scorer keeps three, after
    giving each sentence to the one criterion it supports best)."""
    return tuple((s.start, s.end) for _, s in ranked[:n])


# -- detectors ---------------------------------------------------------------------

def specific_numbers(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    ranked = _playing(feat, ("own_figure", "other_figure"), need_figure=True, rather_than=("other_number",))
    score = learned(feat, "specific_numbers")
    if score is None:  # no learned reading: count measured figures against the length
        n = measured_figures(feat) + min(len(feat.table_figures), 8) * 0.5
        score = clip(n / (3 + feat.words / 600))
    missing = None
    if score < 0.5:
        vague = _vague_example(feat, findings, analysis)
        if vague:
            missing = vague
        elif ranked:
            missing = (f"Only {len(ranked)} sentence(s) state a measured figure: give the before-and-after "
                       "numbers, counts or percentages behind the other claims too.")
        else:
            missing = "No measured figures: give the before-and-after numbers, counts or percentages from the work itself."
    return DetectorResult(score, _spans(ranked), missing)


def original_data(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    # quoted: sentences that read more as the author's own figure than as anyone else's or
    # as a price, plan or example; the verdict needs at least one own-figure sentence at all
    ranked = _playing(feat, ("own_figure",), need_figure=True, rather_than=("other_figure", "other_number"))
    backing = ranked or _playing(feat, ("own_figure",), need_figure=True, rather_than=("other_number",),
                                 unless=("other_figure",))
    score = _backed(feat, "original_data", backing, lambda: clip(own_figures(feat) / (2 + feat.words / 800)))
    missing = None
    if score < 0.5:
        others = _playing(feat, ("other_figure",), need_figure=True)
        if ranked:
            missing = (f"Only {len(ranked)} sentence(s) report figures your organisation produced: add more of "
                       "your own results (before and after, counts, costs) to carry the argument.")
        elif others:
            missing = (f"The figures come from others ('{quote(others[0][1].text, 60)}'). "
                       "Add what your own data, test or customers showed.")
        else:
            missing = "Nothing here is your organisation's own data: add a result from your product, test, survey or customers."
    return DetectorResult(score, _spans(ranked), missing)


def first_hand_experience(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    ranked = _playing(feat, ("own_experience",), rather_than=("promotional",))
    score = _backed(feat, "first_hand_experience", ranked, lambda: clip(experience_count(feat) / (3 + feat.words / 700)))
    missing = None
    if score < 0.5:
        generic = [s for s in body_sentences(feat) if s.generic_we]
        if ranked:
            missing = (f"Only {len(ranked)} sentence(s) tell what you or your team did: make the account of what "
                       "you tried, measured or learned carry the post.")
        elif generic:
            missing = (f"'{quote(generic[0].text, 60)}' speaks for everyone, not from experience. "
                       "Tell what you or your team did, tried or measured.")
        else:
            missing = "No account of doing: say what you or your team did, tried, measured or learned."
    return DetectorResult(score, _spans(ranked), missing)


def _reads_as(feat: DraftFeatures, i: int, role: str) -> bool:
    """Whether the learned reading gives sentence ``i`` this role (probability 0.5 or more)."""
    from linter.scoring.roles import ROLES

    return bool(feat.roles[i][ROLES.index(role)] >= 0.5)


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
        pairs.append((i, best_j))
        i = best_j + 1
    backing = own_figures(feat) + experience_count(feat)
    support = clip(backing / 5)
    score = clip(strength / 0.8) * support
    # quoted only where the learned reading agrees that a belief is named or pushed back on
    learned_reading = feat.roles is not None and len(feat.roles)
    shown = [(sents[a], sents[b]) for a, b in pairs if not learned_reading or _reads_as(feat, a, "belief")
             or _reads_as(feat, a, "pushback") or _reads_as(feat, b, "pushback")]
    pairs = [(sents[a], sents[b]) for a, b in pairs]
    evidence = tuple((s.start, r.end) if r.start - s.end < 400 else (s.start, s.end) for s, r in shown[:3])
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
        score = _generic_by_cues(feat, findings, body)
    advice = _playing(feat, ("advice",), rather_than=("promotional",)) if feat.roles is not None else [
        (1.0, s) for s in body if s.advice]
    missing = None
    if score < 0.5:
        if advice:
            missing = (f"{len(advice)} of {len(body)} sentences are advice anyone could give, e.g. "
                       f"'{quote(advice[0][1].text, 60)}'. Back it with what you did and what happened.")
        else:
            missing = ("Nothing here comes from the author's own work: add what you did, measured or saw, "
                       "instead of restating what readers already know.")
        return DetectorResult(score, _spans(advice), missing)
    return DetectorResult(score, _spans(_playing(feat, ("own_experience", "own_figure"),
                                                 rather_than=("promotional", "advice"))), missing)


def _generic_by_cues(feat: DraftFeatures, findings, body) -> float:
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
    if not feat.announcement:  # jargon in news is a fault of its own, not generic advice
        generic += min(0.3, 0.5 * len(findings) / len(body)) * (1 - backing)
    if substance < 2 and not feat.announcement:
        generic += 0.25  # nothing here that only the author could have written
    return clip(1 - generic / 0.3)
