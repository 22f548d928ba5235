"""Detectors for the other content types: tutorials, case studies, announcements, opinion."""

from __future__ import annotations

import re

from linter.scoring.detectors.base import DetectorResult, body_sentences, clip, quote, top
from linter.scoring.detectors.thought import measured_figures
from linter.scoring.features import DraftFeatures

_CAUSAL = re.compile(r"\b(?:because|since|so that|therefore|which means|that means|as a result|the reason|"
                     r"this is why|that is why|that's why|due to|in turn|it follows)\b", re.I)
_STEP_HEADING = re.compile(r"^\s*(?:step\s*\d+|\d+[.)]|part\s+\d+)", re.I)
_NEWS = re.compile(r"\b(?:available|today|now|launch(?:es|ed|ing)?|introduc(?:es|ing|ed)|release[sd]?|ships?|"
                   r"starting|from (?:today|now)|rolling out|beta|general availability|generally available|"
                   r"new)\b", re.I)
_CUSTOMER = re.compile(r"\b(?:customer|customers|client|clients|their team|their engineers|the team at|"
                       r"user|users|partner)\b", re.I)


def working_examples(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    """A tutorial shows what to type and what comes back: code blocks and inline code."""
    draft = analysis.draft
    blocks = len(draft.code_blocks)
    amount = blocks + 0.25 * draft.inline_code
    target = 2 + feat.words / 600
    score = clip(amount / target)
    missing = None
    if score < 0.5:
        missing = (f"{blocks} code block(s) and {draft.inline_code} inline code span(s): show the commands, "
                   "configuration and output a reader needs to follow along.")
    evidence = tuple((b.source_start, b.source_end) for b in draft.code_blocks[:3])
    return DetectorResult(score, (), missing, source_evidence=evidence)


def clear_steps(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    """Steps a reader can follow: an ordered list, numbered or imperative headings."""
    draft = analysis.draft
    ordered = sum(1 for b in draft.blocks if b.ordered_list and b.kind == "paragraph")
    step_headings = [s for s in feat.headings if _STEP_HEADING.match(s.text) or s.imperative]
    steps = ordered + len(step_headings)
    score = clip(steps / 4)
    missing = None
    if score < 0.5:
        missing = "No numbered steps or task headings: break the walkthrough into steps a reader can follow in order."
    return DetectorResult(score, top(step_headings, lambda s: 1), missing)


def customer_results(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    """A case study reports what the customer measured, not what the vendor promises."""
    body = body_sentences(feat)
    named = [s for s in body if s.measured and (_CUSTOMER.search(s.text) or s.actor_story or s.third_party is False)]
    customer = [s for s in named if _CUSTOMER.search(s.text) or s.actor_story]
    n = sum(len(s.measured) for s in customer) + 0.5 * sum(len(s.measured) for s in named if s not in customer)
    n += 0.5 * min(len(feat.table_figures), 6)
    score = clip(n / (3 + feat.words / 800))
    missing = None
    if score < 0.5:
        missing = ("The customer's results are missing: give their before-and-after figures "
                   "(time, cost, revenue, errors), attributed to them.")
    return DetectorResult(score, top(customer or named, lambda s: len(s.measured)), missing)


def clear_news(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    """An announcement says early what is new, for whom, and when it is available."""
    opening = [s for s in feat.sentences[:8] if not s.in_quote]
    news = [s for s in opening if _NEWS.search(s.text)]
    score = clip(len(news) / 2)
    missing = None
    if score < 0.5:
        missing = "The opening does not say what is new and when it is available: lead with the news."
    return DetectorResult(score, top(news, lambda s: 1), missing)


def restraint(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    """Claims without puffery: few unsupported superlatives, buzzwords or clichés."""
    body = body_sentences(feat) or feat.sentences
    puff = list(findings)
    density = len(puff) / max(1, len(body))
    score = clip(1 - density / 0.3)
    missing = None
    if score < 0.5 and puff:
        missing = (f"{len(puff)} superlatives and buzzwords in {len(body)} sentences, e.g. "
                   f"'{quote(analysis.draft.source.text[puff[0].start:puff[0].end], 40)}': replace them with facts.")
    return DetectorResult(score, (), missing)


def reasoned_argument(feat: DraftFeatures, findings, analysis) -> DetectorResult:
    """An opinion gives reasons: causal links and evidence, not just assertion."""
    body = body_sentences(feat)
    reasons = [s for s in body if _CAUSAL.search(s.text)]
    backing = measured_figures(feat)
    n = len(reasons) + 0.5 * min(backing, 6)
    score = clip(n / (3 + feat.words / 500))
    missing = None
    if score < 0.5:
        missing = "The argument is asserted, not reasoned: say why, with the evidence or experience behind each claim."
    return DetectorResult(score, top(reasons, lambda s: 1 + len(s.measured)), missing)
