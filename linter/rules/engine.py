"""Compiling the enabled rules once per run and running them over analysed drafts."""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable

from linter.builtin import INTERNAL_ERROR
from linter.errors import ConfigError
from linter.model import Finding
from linter.rules.model import RawMatch, Rule
from linter.rules.types import RULE_TYPES
from linter.rules.types.pattern import count_bounds

_SENTENCE_CONDITIONS = {"number_in_sentence", "link_in_sentence", "quoted", "question", "answered_belief"}


def rules_need(rules: Iterable[Rule]) -> frozenset[str]:
    needs: set[str] = set()
    for rule in rules:
        needs |= RULE_TYPES[rule.type].rule_needs(rule)
        if set(rule.unless) & _SENTENCE_CONDITIONS:
            needs.add("sentences")
    return frozenset(needs)


_ANCHOR_ATTRS = ("ORTH", "TEXT", "LOWER", "NORM", "LEMMA")
_COMMON_MARKS = {".", ",", "-", ":", ";", "(", ")", "'", '"', "'s"}


def _bounds(op) -> tuple[int, int | None]:
    """How many tokens a pattern token with operator ``op`` takes: (least, most)."""
    if op is None:
        return 1, 1
    if op in ("!", "?"):
        return (0 if op == "?" else 1), 1
    if op == "+":
        return 1, None
    if op == "*":
        return 0, None
    bounds = count_bounds(str(op))
    return (0, None) if bounds is None else bounds


def _anchor(pattern, vocab) -> tuple[str, frozenset[str]] | None:
    """The most selective word test that every match of ``pattern`` must pass (the
    smallest share of stop words and common marks, then the fewest words), or None when
    no required token tests a word."""
    best, best_rank = None, None
    for token in pattern:
        op = token.get("OP")
        if op == "!" or _bounds(op)[0] == 0:
            continue
        for attr in _ANCHOR_ATTRS:
            spec = token.get(attr)
            if isinstance(spec, str):
                words = frozenset([spec])
            elif isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(w, str) for w in spec["IN"]):
                words = frozenset(spec["IN"])
            else:
                continue
            if not words:  # refused at load; an empty IN anchors nothing
                continue
            common = sum(vocab[w].is_stop or w in _COMMON_MARKS for w in words)
            rank = (common / len(words), len(words))
            if best_rank is None or rank < best_rank:
                best, best_rank = ("ORTH" if attr == "TEXT" else attr, words), rank
    return best


def _longest_match(pattern) -> int | None:
    total = 0
    for token in pattern:
        most = _bounds(token.get("OP"))[1]
        if most is None:
            return None
        total += most
    return total


class _Group:
    """The token patterns that share one anchor, with the Matcher that runs them."""

    def __init__(self, vocab, attr: str | None, words: frozenset[str]):
        from spacy.matcher import Matcher

        self.matcher = Matcher(vocab, validate=True)
        self.attr = attr  # None: no anchor, or no bound on the match length; run over whole drafts
        self.hashes = sorted(vocab.strings.add(w) for w in words)
        self.reach = 0  # tokens in the longest match

    def windows(self, doc, anchors: list[int]) -> list[tuple[int, int]]:
        """Token ranges of ``doc`` that can hold a match, given where its anchors are."""
        if self.attr is None:
            return [(0, len(doc))]
        windows: list[tuple[int, int]] = []
        for a in anchors:
            start, end = max(0, a - self.reach + 1), min(len(doc), a + self.reach)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        return windows


class Matchers:
    """One PhraseMatcher for every phrase list, and token patterns grouped by anchor.

    A spaCy Matcher checks every token against every pattern it holds, which is slow over
    long drafts. Each token pattern's most selective required word (its anchor) is found
    when it is added, and patterns that share an anchor share a Matcher, which runs only
    on windows around the tokens that carry that anchor, as wide as its longest match.
    A pattern with no anchor, or of unbounded length, runs over the whole draft.
    """

    def __init__(self, nlp):
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        # NORM is the lowercase form with spelling variants unified (it’s = it's)
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        self.keys: dict[int, tuple[Rule, Any]] = {}
        self.patterns: list[tuple[str, list]] = []  # every token pattern with its key, in order
        self._groups: dict[tuple, _Group] = {}
        self._by_attr: dict | None = None  # attribute -> (anchor hash -> groups, the hashes as an array)
        self._n = 0

    def _key(self, rule: Rule, data: Any) -> str:
        self._n += 1
        key = f"{rule.id}#{self._n}"
        self.keys[self.nlp.vocab.strings.add(key)] = (rule, data)
        return key

    def _add(self, key: str, pattern: list) -> None:
        anchor = _anchor(pattern, self.nlp.vocab)
        longest = _longest_match(pattern)
        group_key = (None, frozenset()) if anchor is None or longest is None else anchor
        group = self._groups.get(group_key)
        if group is None:
            group = self._groups[group_key] = _Group(self.nlp.vocab, *group_key)
        group.matcher.add(key, [pattern])
        self._by_attr = None
        group.reach = max(group.reach, longest or 0)
        self.patterns.append((key, pattern))

    def _anchor_positions(self, doc) -> dict[int, list[int]]:
        """id(group) -> the token indices, in order, that carry one of its anchors."""
        import numpy
        from spacy.attrs import IDS

        if self._by_attr is None:
            by_attr: dict[str, dict[int, list[_Group]]] = {}
            for group in self._groups.values():
                if group.attr is not None:
                    for h in group.hashes:
                        by_attr.setdefault(group.attr, {}).setdefault(h, []).append(group)
            self._by_attr = {attr: (wanted, numpy.array(sorted(wanted), dtype=numpy.uint64))
                             for attr, wanted in by_attr.items()}
        if not self._by_attr:
            return {}
        attrs = sorted(self._by_attr)
        table = doc.to_array([IDS[a] for a in attrs]).reshape(len(doc), len(attrs))
        found: dict[int, list[int]] = {}
        for j, attr in enumerate(attrs):
            column = table[:, j]
            wanted, hashes = self._by_attr[attr]
            hits = numpy.flatnonzero(numpy.isin(column, hashes))
            for i, h in zip(hits.tolist(), column[hits].tolist()):
                for group in wanted[h]:
                    found.setdefault(id(group), []).append(i)
        for positions in found.values():
            positions.sort()
        return found

    def add_phrases(self, rule: Rule, phrases, data: Any = None) -> None:
        docs = [self.nlp.make_doc(p) for p in phrases]
        self.phrases.add(self._key(rule, data), docs)

    def add_lemma_phrases(self, rule: Rule, phrases, data: Any = None) -> None:
        key = self._key(rule, data)
        for phrase in phrases:
            words = [t.text.lower() for t in self.nlp.make_doc(phrase)]
            self._add(key, [{"LEMMA": {"IN": [w, w.capitalize()]}} for w in words])

    def add_patterns(self, rule: Rule, patterns) -> None:
        key = self._key(rule, None)
        for pattern in patterns:
            try:
                self._add(key, list(pattern))
            except Exception as exc:  # spaCy's validator reports bad keys and values
                detail = " ".join(str(exc).replace(f"'{key}'", f"rule '{rule.id}'").split())[:300]
                raise ConfigError(f"rule '{rule.id}': invalid spaCy pattern: {detail}", rule.file, rule.line) from None

    def __call__(self, doc):
        matches = []
        if len(self.phrases):
            matches.extend(self.phrases(doc))
        if self._groups and len(doc):
            anchors = self._anchor_positions(doc)
            for group in self._groups.values():
                for start, end in group.windows(doc, anchors.get(id(group), [])):
                    window = doc[start:end] if (start, end) != (0, len(doc)) else doc
                    matches.extend((key, start + s, start + e) for key, s, e in group.matcher(window))
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
