"""The rules' phrase lists and token patterns, run over an analysed draft with spaCy's
matchers: the one place rules touch spaCy. ``Matchers`` holds one PhraseMatcher for every
phrase list and groups token patterns by their anchor word."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linter.errors import ConfigError
from linter.rules.types.pattern import count_bounds

if TYPE_CHECKING:
    from linter.rules.model import Rule

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
