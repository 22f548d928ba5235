"""The model's attribute ruler and lemmatizer, applied at table speed.

en_core_web_sm ends with an ``attribute_ruler`` (a Matcher of about 180 one-token
rules mapping a tag, word and dependency to a part of speech, morphology and lemma) and
a rule-based ``lemmatizer``. Run token by token they cost about a fifth of the whole
pipeline. Their result depends only on a few attributes of each token, so this
component works it out once per distinct combination and writes whole columns back
with ``Doc.from_array``. It reads the rules and lemma tables from the model's own
components and gives the same annotations (tested against them); a ruler holding a
rule it cannot evaluate is kept as it is.
"""

from __future__ import annotations

import re
from typing import Any

#: At most this many remembered answers per table, so a long run's memory stays flat.
_MEMO_LIMIT = 60_000


class _Memo:
    """A bounded memo that keeps what was used lately: two generations of at most half the
    limit each; a full young generation becomes the old one, and the old one is dropped.
    (Emptying a whole table when it is full made a long run recompute its common words
    over and over: 20% slower on 1,000 drafts.)"""

    __slots__ = ("young", "old")

    def __init__(self):
        self.young: dict = {}
        self.old: dict = {}

    def get(self, key):
        value = self.young.get(key)
        if value is None:
            value = self.old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key, value) -> None:
        self.young[key] = value
        if len(self.young) > _MEMO_LIMIT // 2:
            self.old, self.young = self.young, {}

    def __len__(self) -> int:
        return len(self.young) + len(self.old)
#: The token attributes a one-token rule may test, and how a value is compared.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _test(spec: Any, value: Any) -> bool:
    if isinstance(spec, dict):
        for op, arg in spec.items():
            if op == "IN" and value not in arg:
                return False
            if op == "NOT_IN" and value in arg:
                return False
            if op == "REGEX" and not re.search(arg, value if isinstance(value, str) else str(value)):
                return False
        return True
    return spec == value


def _supported(token_pattern: dict) -> bool:
    for key, spec in token_pattern.items():
        if key not in _TESTED:
            return False
        if isinstance(spec, dict) and not set(spec) <= {"IN", "NOT_IN", "REGEX"}:
            return False
    return True


def _base_rule_lemmatize():
    from spacy.pipeline import Lemmatizer

    return Lemmatizer.rule_lemmatize


class Morphology:
    """Stands in for ``attribute_ruler`` followed by ``lemmatizer``."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.ruler = None
        self.lemmatizer = None
        self._by_lower: dict[str, list[tuple[int, dict]]] = {}
        self._by_tag: dict[str, list[tuple[int, dict]]] = {}
        self._generic: list[tuple[int, dict]] = []
        self._multi: list[tuple[int, list[dict]]] = []  # the few rules that span two or more tokens
        self._tables: dict[str, tuple | None] = {}
        self._fast_lemmas = False
        # token key -> (the one-token rules that match it, the multi-token rules it can open)
        self._known = _Memo()
        self._lemmas = _Memo()  # (word, part of speech, morphology) -> lemma
        self._small: dict[int, int] = {}  # tag, dependency and morphology hashes -> small numbers
        self._small_hashes: list[int] = []

    @staticmethod
    def can_replace(ruler) -> bool:
        """Whether every rule only tests what this component evaluates (one token's tag,
        word, dependency and whether it is a space), with no repetition operators."""
        return all(_supported(token) for rule in ruler.patterns for pattern in rule["patterns"] for token in pattern)

    def bind(self, ruler, lemmatizer) -> None:
        self.ruler, self.lemmatizer = ruler, lemmatizer
        for i, rule in enumerate(ruler.patterns):
            for p in rule["patterns"]:
                if len(p) == 1:
                    self._index(i, p[0])
                else:
                    self._multi.append((i, p))
        rule_mode = getattr(lemmatizer, "mode", None) == "rule"
        self._fast_lemmas = rule_mode and type(lemmatizer).rule_lemmatize is _base_rule_lemmatize()

    def _index(self, rule: int, pattern: dict) -> None:
        """File a one-token pattern under the words, else the tags, it can match."""
        for key, index in (("LOWER", self._by_lower), ("TAG", self._by_tag)):
            spec = pattern.get(key)
            values = [spec] if isinstance(spec, str) else spec.get("IN") if isinstance(spec, dict) and set(spec) == {"IN"} else None
            if values is not None:
                for v in values:
                    index.setdefault(v, []).append((rule, pattern))
                return
        self._generic.append((rule, pattern))

    def _number(self, h: int) -> int:
        n = self._small.get(h)
        if n is None:
            n = self._small[h] = len(self._small_hashes)
            self._small_hashes.append(h)
        return n

    def _pack(self, tag: int, lower: int, dep: int, space: int):
        """A token's kind as one int (a tuple of four 64-bit hashes costs ~230 bytes)."""
        t, d = self._number(tag), self._number(dep)
        if t < 256 and d < 256:
            return (lower << 17) | (t << 9) | (d << 1) | (1 if space else 0)
        return (tag, lower, dep, space)

    def _unpack(self, key) -> tuple[int, int, int, int]:
        if isinstance(key, tuple):
            return key
        hashes = self._small_hashes
        return hashes[(key >> 9) & 255], key >> 17, hashes[(key >> 1) & 255], key & 1

    def _values_of(self, key) -> dict:
        strings = self.vocab.strings
        tag, lower, dep, space = self._unpack(key)
        return {"TAG": strings[tag] if tag else "", "LOWER": strings[lower] if lower else "",
                "DEP": strings[dep] if dep else "", "IS_SPACE": bool(space)}

    # -- the attribute ruler -------------------------------------------------------
    def _entry(self, key: tuple) -> tuple[tuple[int, ...], tuple]:
        found = self._known.get(key)
        if found is None:
            values = self._values_of(key)
            candidates = self._by_lower.get(values["LOWER"], []) + self._by_tag.get(values["TAG"], []) + self._generic
            rules = tuple(sorted({i for i, p in candidates if all(_test(spec, values[k]) for k, spec in p.items())}))
            opening = tuple((rule, pattern) for rule, pattern in self._multi
                            if all(_test(spec, values[k]) for k, spec in pattern[0].items()))
            found = (rules, opening)
            self._known.put(key, found)
        return found

    def __call__(self, doc):
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        if not len(doc):
            return doc
        cols = doc.to_array([TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA, ORTH])
        pack = self._pack
        keys = [pack(*row[:4]) for row in cols.tolist()]
        extra = self._multi_matches(keys)
        out = cols[:, [0, 4, 5, 6, 2]].copy()  # TAG, POS, MORPH, LEMMA, DEP
        attrs = self.ruler.attrs
        column = {TAG: 0, POS: 1, MORPH: 2, LEMMA: 3, DEP: 4}
        for i, key in enumerate(keys):
            rules = self._entry(key)[0]
            if i in extra:
                rules = tuple(sorted(rules + tuple(extra[i])))
            for rule in rules:
                for attr, value in attrs[rule].items():
                    if attr in column:
                        out[i, column[attr]] = value
        doc.from_array([TAG, POS, MORPH, LEMMA, DEP], out)
        if self.lemmatizer is not None:
            self._lemmatize(doc, cols[:, 7].tolist(), out)
        return doc

    def _multi_matches(self, keys: list) -> dict[int, list[int]]:
        """The rules spanning several tokens: token index -> the rules that set it."""
        extra: dict[int, list[int]] = {}
        if not self._multi:
            return extra
        n = len(keys)
        for start in range(n):
            for rule, pattern in self._entry(keys[start])[1]:
                end = start + len(pattern)
                if end > n:
                    continue
                if all(all(_test(spec, self._values_of(keys[start + j])[k]) for k, spec in p.items())
                       for j, p in enumerate(pattern[1:], 1)):
                    index = self.ruler.indices[rule]
                    extra.setdefault(range(start, end)[index], []).append(rule)
        return extra

    # -- the lemmatizer --------------------------------------------------------------
    def _lemmatize(self, doc, orths: list[int], ruled) -> None:
        from spacy.attrs import LEMMA

        lemmas = ruled[:, 3].copy()
        strings = self.vocab.strings
        changed = False
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(zip(orths, ruled[:, 1].tolist(), ruled[:, 2].tolist(),
                                                          ruled[:, 3].tolist())):
            if lemma and not overwrite:
                continue
            m = self._number(morph)
            key = (orth << 24) | (m << 8) | pos if m < 65536 and pos < 256 else (orth, pos, morph)
            found = self._lemmas.get(key)
            if found is None:
                token = doc[i]
                found = self._rule_lemma(token) if self._fast_lemmas else self.lemmatizer.lemmatize(token)[0]
                self._lemmas.put(key, found)
            # added per Doc: a memory zone frees the strings it added when it ends
            lemmas[i] = strings.add(found)
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)

    def _rule_lemma(self, token) -> str:
        """The rule lemmatizer's first answer, worked out as it does, with its word
        lists held as sets (it scans them as lists, which costs ~0.1 ms a word)."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space") or self.lemmatizer.is_base_form(token):
            return string.lower()
        if univ_pos not in self._tables:
            lookups = self.lemmatizer.lookups
            index, exc, rules = (lookups.get_table(name, {}).get(univ_pos)
                                 for name in ("lemma_index", "lemma_exc", "lemma_rules"))
            self._tables[univ_pos] = (set(index or ()), exc or {}, list(rules or ())) if any((index, exc, rules)) else None
        tables = self._tables[univ_pos]
        if tables is None:
            return string if univ_pos == "propn" else string.lower()
        index, exceptions, rules = tables
        lower = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if lower.endswith(old):
                form = lower[: len(lower) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(lower, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or oov_forms or [string])[0]

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)
