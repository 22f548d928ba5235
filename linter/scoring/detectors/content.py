"""Detectors for the other content types: tutorials, case studies, announcements, opinion.

Pure functions ``(feat, findings, params) -> DetectorResult``, like the thought-leadership
ones; each one's parameters are the dataclass declared above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.scoring.detectors.base import (FINDING_QUOTED, DetectorResult, body_sentences, clip, expected, quote,
                                          top)
from linter.scoring.detectors.params import param
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

#: Code blocks offered as a tutorial's evidence (the scorer shows three).
CODE_SHOWN = 3


@dataclass(frozen=True)
class WorkingExamplesParams:
    inline_code_weight: float = param(0.25, "what an inline code span counts for, against a code block")
    target_base: float = param(2.0, "code blocks that score 1 in a short draft", above=True)
    target_words: float = param(600.0, "one more code block expected per this many words", above=True)


def working_examples(feat: DraftFeatures, findings, p: WorkingExamplesParams) -> DetectorResult:
    """A tutorial shows what to type and what comes back: code blocks and inline code."""
    blocks = len(feat.code_blocks)
    amount = blocks + p.inline_code_weight * feat.inline_code
    score = clip(amount / expected(feat, p))
    missing = (f"{blocks} code block(s) and {feat.inline_code} inline code span(s): show the commands, "
               "configuration and output a reader needs to follow along.")
    evidence = tuple((b.source_start, b.source_end) for b in feat.code_blocks[:CODE_SHOWN])
    return DetectorResult(score, (), missing, source_evidence=evidence)


@dataclass(frozen=True)
class ClearStepsParams:
    steps_needed: float = param(4.0, "ordered-list paragraphs plus step or task headings that score 1", above=True)


def clear_steps(feat: DraftFeatures, findings, p: ClearStepsParams) -> DetectorResult:
    """Steps a reader can follow: an ordered list, numbered or imperative headings."""
    step_headings = [s for s in feat.headings if _STEP_HEADING.match(s.text) or s.imperative]
    steps = feat.ordered_paragraphs + len(step_headings)
    score = clip(steps / p.steps_needed)
    if steps:  # too few for the draft's parameters: say how many there are, not that there are none
        missing = (f"Only {steps} numbered step(s) or task heading(s): break the walkthrough into steps a reader "
                   "can follow in order.")
    else:
        missing = "No numbered steps or task headings: break the walkthrough into steps a reader can follow in order."
    return DetectorResult(score, top(step_headings, lambda s: 1), missing)


@dataclass(frozen=True)
class CustomerResultsParams:
    unattributed_weight: float = param(
        0.5, "what a measured figure not attributed to the customer counts for, against one that is")
    table_figures_cap: int = param(6, "the most data-table figures counted")
    table_figure_weight: float = param(0.5, "what one data-table figure counts for, against a sentence's figure")
    target_base: float = param(3.0, "customer figures that score 1 in a short draft", above=True)
    target_words: float = param(800.0, "one more customer figure expected per this many words", above=True)


def customer_results(feat: DraftFeatures, findings, p: CustomerResultsParams) -> DetectorResult:
    """A case study reports what the customer measured, not what the vendor promises."""
    body = body_sentences(feat)
    named = [s for s in body if s.measured and (_CUSTOMER.search(s.text) or s.actor_story or s.third_party is False)]
    customer = [s for s in named if _CUSTOMER.search(s.text) or s.actor_story]
    n = sum(len(s.measured) for s in customer) + p.unattributed_weight * sum(
        len(s.measured) for s in named if s not in customer)
    n += p.table_figure_weight * min(len(feat.table_figures), p.table_figures_cap)
    score = clip(n / expected(feat, p))
    missing = ("The customer's results are missing: give their before-and-after figures "
               "(time, cost, revenue, errors), attributed to them.")
    return DetectorResult(score, top(customer or named, lambda s: len(s.measured)), missing)


@dataclass(frozen=True)
class ClearNewsParams:
    opening_sentences: int = param(8, "the sentences, from the top, that count as the opening", lo=1)
    news_needed: float = param(2.0, "opening sentences that say what is new or when, to score 1", above=True)


def clear_news(feat: DraftFeatures, findings, p: ClearNewsParams) -> DetectorResult:
    """An announcement says early what is new, for whom, and when it is available."""
    opening = [s for s in feat.sentences[:p.opening_sentences] if not s.in_quote]
    news = [s for s in opening if _NEWS.search(s.text)]
    score = clip(len(news) / p.news_needed)
    if news:
        missing = (f"Only {len(news)} of the opening sentences say what is new or when: lead with the news, "
                   "and when it is available.")
    else:
        missing = "The opening does not say what is new and when it is available: lead with the news."
    return DetectorResult(score, top(news, lambda s: 1), missing)


@dataclass(frozen=True)
class RestraintParams:
    tolerated_density: float = param(
        0.3, "superlative, buzzword and cliche findings per sentence at which the score reaches 0", above=True)


def restraint(feat: DraftFeatures, findings, p: RestraintParams) -> DetectorResult:
    """Claims without puffery: few unsupported superlatives, buzzwords or clichés."""
    body = body_sentences(feat) or feat.sentences
    puff = list(findings)
    density = len(puff) / max(1, len(body))
    score = clip(1 - density / p.tolerated_density)
    missing = None
    if puff:
        missing = (f"{len(puff)} superlatives and buzzwords in {len(body)} sentences, e.g. "
                   f"'{quote(feat.source[puff[0].start:puff[0].end], FINDING_QUOTED)}': replace them with facts.")
    return DetectorResult(score, (), missing)


@dataclass(frozen=True)
class ReasonedArgumentParams:
    figure_weight: float = param(0.5, "what a measured figure counts for, against a sentence that gives a reason")
    figures_cap: int = param(6, "the most measured figures counted")
    target_base: float = param(3.0, "reasons that score 1 in a short draft", above=True)
    target_words: float = param(500.0, "one more reason expected per this many words", above=True)


def reasoned_argument(feat: DraftFeatures, findings, p: ReasonedArgumentParams) -> DetectorResult:
    """An opinion gives reasons: causal links and evidence, not just assertion."""
    body = body_sentences(feat)
    reasons = [s for s in body if _CAUSAL.search(s.text)]
    backing = measured_figures(feat)
    n = len(reasons) + p.figure_weight * min(backing, p.figures_cap)
    score = clip(n / expected(feat, p))
    missing = "The argument is asserted, not reasoned: say why, with the evidence or experience behind each claim."
    return DetectorResult(score, top(reasons, lambda s: 1 + len(s.measured)), missing)
