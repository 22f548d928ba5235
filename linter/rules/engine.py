"""Compiling the enabled rules once per run and running them over analysed drafts."""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from linter.builtin import INTERNAL_ERROR
from linter.model import Finding
from linter.nlp.matching import Matchers
from linter.rules.model import RawMatch, Rule
from linter.rules.types import RULE_TYPES

_SENTENCE_CONDITIONS = {"number_in_sentence", "link_in_sentence", "quoted", "question", "answered_belief"}


def rules_need(rules: Iterable[Rule]) -> frozenset[str]:
    needs: set[str] = set()
    for rule in rules:
        needs |= RULE_TYPES[rule.type].rule_needs(rule)
        if set(rule.unless) & _SENTENCE_CONDITIONS:
            needs.add("sentences")
    return frozenset(needs)


class CompiledRules:
    def __init__(self, rules: Iterable[Rule], nlp):
        self.rules = tuple(rules)
        self.matchers = Matchers(nlp)
        self.checkers: list[Rule] = []
        for rule in self.rules:
            rule_type = RULE_TYPES[rule.type]
            if rule_type.uses_matchers:
                rule_type.register(rule, self.matchers)
            else:
                self.checkers.append(rule)

    def run(self, analysis, reading) -> list[Finding]:
        """The findings of the enabled rules on one draft: ``analysis`` (the Doc the
        matchers and checkers read) and ``reading`` (``scoring.features.DraftFeatures``: the
        sentences and their figures that the rules' sentence conditions read)."""
        by_rule: dict[str, list] = {}
        try:
            for rule, data, span in self.matchers(analysis.doc):
                by_rule.setdefault(rule.id, []).append((rule, data, span))
        except Exception as exc:  # pragma: no cover - defensive
            return [_internal("matchers", exc)]
        findings: list[Finding] = []
        sentences = _SentenceIndex(reading.sentences)
        # Each rule's findings are built inside its own guard (a message that fails to format
        # is that rule's internal error on this draft), and kept only when all were built.
        for items in by_rule.values():
            rule = items[0][0]
            try:
                made = [m for _rule, data, span in _longest(items)
                        if (m := RULE_TYPES[rule.type].on_match(rule, span, data, analysis)) is not None]
                findings.extend(_findings(made, analysis, sentences))
            except Exception as exc:
                findings.append(_internal(rule.id, exc))
        for rule in self.checkers:
            try:
                findings.extend(_findings(list(RULE_TYPES[rule.type].check(rule, analysis)), analysis, sentences))
            except Exception as exc:
                findings.append(_internal(rule.id, exc))
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return findings


#: sentences after a reported belief in which the draft must answer it (``answered_belief``)
ANSWER_WINDOW = 3
_WORD = re.compile(r"[a-z]+")


class _SentenceIndex:
    """The reading's sentences, looked up by a prose offset."""

    def __init__(self, sentences):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]

    def index_at(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    def at(self, offset: int):
        i = self.index_at(offset)
        return None if i is None else self.sentences[i]

    def answered_belief(self, offset: int) -> bool:
        """Whether the sentence at ``offset`` reports what people believe ("many people
        believe ...") and the draft answers it at once: one of the next ``ANSWER_WINDOW``
        sentences pushes back, or tells what the author's side did or measured."""
        i = self.index_at(offset)
        if i is None:
            return False
        from linter.scoring.lexicon import BELIEF_VERBS

        words = set(_WORD.findall(self.sentences[i].text.lower()))
        if not (self.sentences[i].belief or words & BELIEF_VERBS):
            return False
        # the same answers contrarian_stance counts: a pushback in words, or deeds
        return any(s.rebuttal or s.shows_doing for s in self.sentences[i + 1:i + 1 + ANSWER_WINDOW])


def _findings(matches: list[RawMatch], analysis, sentences: _SentenceIndex) -> list[Finding]:
    return [_to_finding(m, analysis.draft) for m in matches if _kept(m, analysis, sentences)]


def _longest(items):
    """Per rule, keep the longest of overlapping matches (earliest first)."""
    items = sorted(items, key=lambda x: (x[2].start, -(x[2].end - x[2].start)))
    kept = []
    end = -1
    for item in items:
        if item[2].start >= end:
            kept.append(item)
            end = item[2].end
    return kept


def _kept(m: RawMatch, analysis, sentences: _SentenceIndex) -> bool:
    rule = m.rule
    draft = analysis.draft
    if not rule.skip_in and not rule.unless:
        return True
    block = draft.block_at(m.start)
    if block is not None:
        for scope in rule.skip_in:
            if scope == block.kind or (scope == "list" and block.in_list) or (scope == "quote" and block.in_quote):
                return False
    if not rule.unless:
        return True
    sent = sentences.at(m.start)
    s_start, s_end = (sent.start, sent.end) if sent is not None else (m.start, m.end)
    for cond in rule.unless:
        if cond == "number_in_sentence":
            # a figure elsewhere in the sentence (the reading's figures, the ones the detectors
            # count: a year, a version, a date or a list count is not one); the match itself
            # doesn't count
            if sent is not None and any(not (m.start <= f.start < m.end) for f in sent.figures):
                return False
        elif cond == "link_in_sentence":
            if any(a < s_end and b > s_start for a, b in draft.links):
                return False
        elif cond == "answered_belief":
            # a belief named and then argued against is what contrarian_stance asks for
            if sentences.answered_belief(m.start):
                return False
        elif cond == "question":
            # "how many teams do this?" asks for the figure; it does not withhold one
            if sent is not None and sent.text.rstrip().endswith("?"):
                return False
        elif cond == "quoted":
            if block is not None and block.in_quote:
                return False
            before = draft.prose[s_start:m.start]
            if before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d"):
                return False
    return True


class _Values(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _to_finding(m: RawMatch, draft) -> Finding:
    rule = m.rule
    start, end = draft.prose_map.to_source(m.start, m.end)
    values = _Values(m.values)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=rule.message.format_map(values),
        start=start,
        end=end,
        suggestion=rule.suggestion.format_map(values) if rule.suggestion else None,
        prose_span=(m.start, m.end),
        fix=_fix(m, draft.source.text[start:end]),
    )


def _fix(m: RawMatch, source_text: str) -> str | None:
    """The replacement ``--fix`` may write over a match: only where the rule names one, and
    only where the source is exactly the words matched (no emphasis, link or line break
    inside, which a plain replacement would destroy). The replacement keeps the case of the
    replaced words: "Utilize" -> "Use", "UTILIZE" -> "USE"."""
    replacement = m.values.get("replacement")
    if not isinstance(replacement, str) or source_text != m.values.get("match") or not source_text:
        return None
    if len(source_text) > 1 and source_text.isupper():
        return replacement.upper()
    if source_text[0].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def _short(exc: Exception, limit: int = 200) -> str:
    """An exception's text for a finding: one line, and short whatever it quotes."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "..."


def _internal(name: str, exc: Exception) -> Finding:
    return Finding(
        rule=INTERNAL_ERROR,
        severity="error",
        message=f"rule '{name}' failed on this draft: {type(exc).__name__}: {_short(exc)}",
        start=0,
        end=0,
    )
