"""What a detector returns, and the small helpers detectors share."""

from __future__ import annotations

from dataclasses import dataclass

from linter.scoring.features import DraftFeatures, Sentence


@dataclass(frozen=True)
class DetectorResult:
    score: float
    evidence: tuple[tuple[int, int], ...] = ()  # prose spans, strongest first
    missing: str | None = None
    source_evidence: tuple[tuple[int, int], ...] = ()  # spans outside the prose (code blocks)
    #: the evidence shows what keeps the criterion unmet (advice in a draft of generic tips)
    #: rather than what supports it; the scorer shows supporting evidence only when met
    shortfall: bool = False


def clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def expected(feat: DraftFeatures, p) -> float:
    """The count that scores 1 for a detector with ``target_base`` and ``target_words``
    parameters: ``target_base``, plus one per ``target_words`` words of the draft."""
    return p.target_base + feat.words / p.target_words


def body_sentences(feat: DraftFeatures) -> list[Sentence]:
    return [s for s in feat.sentences if not s.is_heading and not s.in_quote]


def top(sentences, key, n=3) -> tuple[tuple[int, int], ...]:
    ranked = sorted((s for s in sentences if key(s) > 0), key=lambda s: (-key(s), s.start))[:n]
    return tuple((s.start, s.end) for s in sorted(ranked, key=lambda s: s.start))


#: The characters of a sentence, and of a finding's text, quoted inside a "missing" message.
SENTENCE_QUOTED = 60
FINDING_QUOTED = 40


def quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
