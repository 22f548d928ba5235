"""Compiling the enabled rules once per run and running them over analysed drafts."""

from __future__ import annotations

import re
from typing import Any, Iterable

from linter.errors import ConfigError
from linter.model import Finding
from linter.rules.model import RawMatch, Rule
from linter.rules.types import RULE_TYPES

INTERNAL_ERROR = "internal-error"
_DIGIT = re.compile(r"\d")
_ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "last", "next"}
_SENTENCE_CONDITIONS = {"number_in_sentence", "link_in_sentence", "quoted"}


def rules_need(rules: Iterable[Rule]) -> frozenset[str]:
    needs: set[str] = set()
    for rule in rules:
        needs |= RULE_TYPES[rule.type].rule_needs(rule)
        if set(rule.unless) & _SENTENCE_CONDITIONS:
            needs.add("sentences")
    return frozenset(needs)


class Matchers:
    """One PhraseMatcher and one Matcher shared by every matcher-based rule."""

    def __init__(self, nlp):
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = nlp
        # NORM is the lowercase form with spelling variants unified (it’s = it's)
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.tokens = Matcher(nlp.vocab, validate=True)
        self.keys: dict[int, tuple[Rule, Any]] = {}
        self._n = 0

    def _key(self, rule: Rule, data: Any) -> str:
        self._n += 1
        key = f"{rule.id}#{self._n}"
        self.keys[self.nlp.vocab.strings.add(key)] = (rule, data)
        return key

    def add_phrases(self, rule: Rule, phrases, data: Any = None) -> None:
        docs = [self.nlp.make_doc(p) for p in phrases]
        self.phrases.add(self._key(rule, data), docs)

    def add_lemma_phrases(self, rule: Rule, phrases, data: Any = None) -> None:
        patterns = []
        for phrase in phrases:
            words = [t.text.lower() for t in self.nlp.make_doc(phrase)]
            patterns.append([{"LEMMA": {"IN": [w, w.capitalize()]}} for w in words])
        self.tokens.add(self._key(rule, data), patterns)

    def add_patterns(self, rule: Rule, patterns) -> None:
        self._last_key = self._key(rule, None)
        try:
            self.tokens.add(self._last_key, [list(p) for p in patterns])
        except Exception as exc:  # spaCy's validator reports bad keys and values
            detail = " ".join(str(exc).replace(f"'{self._last_key}'", f"rule '{rule.id}'").split())[:300]
            raise ConfigError(f"rule '{rule.id}': invalid spaCy pattern: {detail}", rule.file, rule.line) from None

    def __call__(self, doc):
        matches = []
        if len(self.phrases):
            matches.extend(self.phrases(doc))
        if len(self.tokens):
            matches.extend(self.tokens(doc))
        for match_id, start, end in matches:
            rule, data = self.keys[match_id]
            yield rule, data, doc[start:end]


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

    def run(self, analysis) -> list[Finding]:
        raw: list[RawMatch] = []
        by_rule: dict[str, list] = {}
        try:
            for rule, data, span in self.matchers(analysis.doc):
                by_rule.setdefault(rule.id, []).append((rule, data, span))
        except Exception as exc:  # pragma: no cover - defensive
            return [_internal("matchers", exc)]
        findings: list[Finding] = []
        for items in by_rule.values():
            rule = items[0][0]
            try:
                for _rule, data, span in _longest(items):
                    m = RULE_TYPES[rule.type].on_match(rule, span, data, analysis)
                    if m is not None:
                        raw.append(m)
            except Exception as exc:
                findings.append(_internal(rule.id, exc))
        for rule in self.checkers:
            try:
                raw.extend(RULE_TYPES[rule.type].check(rule, analysis))
            except Exception as exc:
                findings.append(_internal(rule.id, exc))
        numbered: dict[int, bool] = {}  # sentence start -> has a figure (per draft, not per match)
        for m in raw:
            if _kept(m, analysis, numbered):
                findings.append(_to_finding(m, analysis.draft))
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return findings


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


def _kept(m: RawMatch, analysis, numbered: dict | None = None) -> bool:
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
    span = analysis.doc.char_span(m.start, m.end, alignment_mode="expand")
    sent = span.sent if span is not None and len(span) else None
    s_start, s_end = (sent.start_char, sent.end_char) if sent is not None else (m.start, m.end)
    for cond in rule.unless:
        if cond == "number_in_sentence":
            # a figure elsewhere in the sentence; the match itself and ordinals ("second") don't count
            if sent is not None and _figures_outside(sent, m, numbered):
                return False
        elif cond == "link_in_sentence":
            if any(a < s_end and b > s_start for a, b in draft.links):
                return False
        elif cond == "quoted":
            if block is not None and block.in_quote:
                return False
            before = draft.prose[s_start:m.start]
            if before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d"):
                return False
    return True


def _figures_outside(sent, m: RawMatch, numbered: dict | None) -> bool:
    """Whether the sentence has a number outside the match (sentences are scanned once)."""
    key = sent.start
    if numbered is None or key not in numbered:
        spans = [(t.idx, t.idx + len(t.text)) for t in sent
                 if (t.like_num or _DIGIT.search(t.text)) and t.lower_ not in _ORDINAL_WORDS]
        if numbered is None:
            return any(not (m.start <= a < m.end) for a, _ in spans)
        numbered[key] = spans
    return any(not (m.start <= a < m.end) for a, _ in numbered[key])


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
        criterion=rule.criterion,
        suggestion=rule.suggestion.format_map(values) if rule.suggestion else None,
        prose_span=(m.start, m.end),
    )


def _internal(name: str, exc: Exception) -> Finding:
    return Finding(
        rule=INTERNAL_ERROR,
        severity="error",
        message=f"rule '{name}' failed on this draft: {type(exc).__name__}: {exc}",
        start=0,
        end=0,
    )
