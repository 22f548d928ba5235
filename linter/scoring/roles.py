"""Learned sentence roles: what each sentence does for the thought-leadership criteria.

The roles (``own_figure``, ``other_figure``, ``other_number``, ``advice``, ``own_experience``,
``promotional``, ``belief``, ``pushback``, ``thesis``; defined in
``training/sentence-roles/ROLES.md``) are read by one-vs-rest logistic models trained on
labelled sentences of published posts (``training/sentence-roles/train_roles.py``) and
shipped as data in ``models/roles.json``.

Each sentence's features are what the linter already reads per sentence (the ``Sentence``
flags and figures of ``features.py``, its block, its place in the draft and its length),
the same few flags of its neighbours, a few facts about the whole draft, and hashed lowercase
word unigrams and bigrams of its text (zlib.crc32, so the hash is the same in every process).

Pure Python and numpy: no spaCy here.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

ROLES = ("own_figure", "other_figure", "other_number", "advice", "own_experience", "promotional", "belief",
         "pushback", "thesis")

MODEL_PATH = Path(__file__).resolve().parent / "models" / "roles.json"

#: sentences whose features are built and scored together
PREDICT_BATCH = 512

#: Hash space for the word features (only the buckets seen in training are stored).
HASH_BITS = 18

#: ``Sentence`` flags used as features, for the sentence itself.
FLAGS = ("first_person", "generic_we", "promo", "past", "hypothetical", "prescriptive", "imperative", "advice",
         "third_party", "own_frame", "belief", "belief_named", "rebuttal", "experience", "actor_story", "excluded",
         "observed", "comparison", "stat")
#: ... and for the sentence before and after it.
NEIGHBOUR_FLAGS = ("first_person", "advice", "belief", "rebuttal", "experience", "promo", "past")
FIGURE_KINDS = ("percent", "money", "ratio", "multiplier", "duration", "measure", "count", "fraction", "number")
BLOCK_KINDS = ("title", "heading", "paragraph", "table_cell")


def _dense_names() -> tuple[str, ...]:
    names = list(FLAGS)
    names += ["in_quote", "in_list", "ordered_list", "no_block"] + [f"block_{k}" for k in BLOCK_KINDS]
    names += ["heading_level_2", "heading_level_3plus"]
    names += ["figures_log", "measured_log", "any_figure", "any_measured", "small_figure", "unmeasured_figure"]
    names += [f"kind_{k}" for k in FIGURE_KINDS] + [f"measured_{k}" for k in FIGURE_KINDS]
    names += ["words_log", "short", "long", "question", "colon_end", "exclaim", "has_digit", "has_percent_sign",
              "has_currency_sign", "has_year", "quote_marks", "parenthesis"]
    names += ["position", "first_3", "first_10pct", "last_10pct", "after_heading", "block_first", "block_only"]
    names += [f"prev_{f}" for f in NEIGHBOUR_FLAGS] + [f"next_{f}" for f in NEIGHBOUR_FLAGS]
    names += ["prev_measured", "next_measured", "prev_heading", "next_heading"]
    names += ["draft_words_log", "draft_first_person", "draft_advice", "draft_experience", "draft_announcement",
              "draft_listicle", "draft_third_party", "draft_promo"]
    names += ["bias_one"]
    return tuple(names)


DENSE_NAMES = _dense_names()
_DENSE_INDEX = {n: i for i, n in enumerate(DENSE_NAMES)}

_WORD = re.compile(r"[a-z0-9$€£%]+(?:['.,-][a-z0-9]+)*")
_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ANY_DIGIT = re.compile(r"\d")


def words_of(text: str) -> list[str]:
    """Lowercase words, digits collapsed ("$38,000/month" -> "$0", "month")."""
    low = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    low = _DIGIT_RUN.sub("0", low)
    return _WORD.findall(low)


@lru_cache(maxsize=65536)
def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def hashed_buckets(text: str) -> list[int]:
    """Hash buckets of the sentence's unigrams ("u:"), bigrams ("b:") and first word ("s:")."""
    words = words_of(text)
    toks = ["u:" + w for w in words]
    toks += ["b:" + a + " " + b for a, b in zip(words, words[1:])]
    if words:
        toks.append("s:" + words[0])
    return sorted({_bucket(t) for t in toks})


class DraftContext:
    """Facts about the whole draft that change how a sentence reads (who "we" is, whether
    it is news or a listicle). Build it once per draft with :meth:`of`."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, float]):
        self.values = values

    @classmethod
    def of(cls, sentences: Sequence, words: int | None = None, announcement: bool = False,
           listicle: bool = False) -> "DraftContext":
        n = max(1, len(sentences))
        if words is None:
            words = sum(s.words for s in sentences)
        return cls({
            "draft_words_log": math.log1p(words) / 8.0,
            "draft_first_person": sum(1 for s in sentences if s.first_person) / n,
            "draft_advice": sum(1 for s in sentences if s.advice) / n,
            "draft_experience": sum(1 for s in sentences if s.experience) / n,
            "draft_announcement": float(bool(announcement)),
            "draft_listicle": float(bool(listicle)),
            "draft_third_party": sum(1 for s in sentences if s.third_party) / n,
            "draft_promo": sum(1 for s in sentences if s.promo) / n,
        })


def _is_heading(s) -> bool:
    return bool(s is not None and s.block is not None and s.block.kind in ("heading", "title"))


def role_features(sentence, index: int = 0, sentences: Sequence | None = None,
                  context: DraftContext | None = None) -> tuple[np.ndarray, list[int]]:
    """One sentence's features: a dense vector (named by ``DENSE_NAMES``) and the sorted
    hash buckets of its words.

    ``sentence`` is a ``linter.scoring.features.Sentence``; ``index`` its place in
    ``sentences`` (the draft's sentences, for its neighbours and position; without them the
    sentence is read alone), ``context`` the draft's :class:`DraftContext`.
    """
    s = sentence
    sentences = sentences if sentences is not None else [s]
    n = len(sentences)
    x = np.zeros(len(DENSE_NAMES))
    v = x  # alias for brevity
    ix = _DENSE_INDEX
    for i, f in enumerate(FLAGS):
        if getattr(s, f):
            v[i] = 1.0
    b = s.block
    if b is None:
        v[ix["no_block"]] = 1.0
    else:
        v[ix["in_quote"]] = float(b.in_quote)
        v[ix["in_list"]] = float(b.in_list)
        v[ix["ordered_list"]] = float(b.ordered_list)
        if b.kind in BLOCK_KINDS:
            v[ix["block_" + b.kind]] = 1.0
        if b.kind == "heading":
            if b.level == 2:
                v[ix["heading_level_2"]] = 1.0
            elif b.level >= 3:
                v[ix["heading_level_3plus"]] = 1.0
    figs = s.figures
    if figs:
        measured = [f for f in figs if f.measured]
        v[ix["figures_log"]] = math.log1p(len(figs))
        v[ix["measured_log"]] = math.log1p(len(measured))
        v[ix["any_figure"]] = 1.0
        v[ix["any_measured"]] = float(bool(measured))
        v[ix["small_figure"]] = float(any(f.small for f in figs))
        v[ix["unmeasured_figure"]] = float(len(measured) < len(figs))
        for f in figs:
            if f.kind in FIGURE_KINDS:
                v[ix["kind_" + f.kind]] = 1.0
                if f.measured:
                    v[ix["measured_" + f.kind]] = 1.0
    text = s.text
    words = s.words
    v[ix["words_log"]] = math.log1p(words) / 3.0
    v[ix["short"]] = float(words <= 6)
    v[ix["long"]] = float(words >= 30)
    end = text.rstrip()[-1:]
    v[ix["question"]] = float(end == "?")
    v[ix["colon_end"]] = float(end == ":")
    v[ix["exclaim"]] = float(end == "!")
    if _ANY_DIGIT.search(text):
        v[ix["has_digit"]] = 1.0
        v[ix["has_year"]] = float(bool(_YEAR.search(text)))
    v[ix["has_percent_sign"]] = float("%" in text)
    v[ix["has_currency_sign"]] = float(any(c in text for c in "$€£"))
    v[ix["quote_marks"]] = float(any(c in text for c in "\"\u201c\u201d"))
    v[ix["parenthesis"]] = float("(" in text)
    v[ix["position"]] = index / max(1, n - 1)
    v[ix["first_3"]] = float(index < 3)
    v[ix["first_10pct"]] = float(index < 0.1 * n)
    v[ix["last_10pct"]] = float(index >= 0.9 * n)
    prev = sentences[index - 1] if index > 0 else None
    nxt = sentences[index + 1] if index + 1 < n else None
    v[ix["after_heading"]] = float(_is_heading(prev))
    v[ix["block_first"]] = float(prev is None or prev.block is not b)
    v[ix["block_only"]] = float((prev is None or prev.block is not b) and (nxt is None or nxt.block is not b))
    for tag, other in (("prev_", prev), ("next_", nxt)):
        if other is None:
            continue
        for f in NEIGHBOUR_FLAGS:
            if getattr(other, f):
                v[ix[tag + f]] = 1.0
        v[ix[tag + "measured"]] = float(any(f.measured for f in other.figures))
        v[ix[tag + "heading"]] = float(_is_heading(other))
    if context is not None:
        for k, val in context.values.items():
            v[ix[k]] = val
    v[ix["bias_one"]] = 1.0
    return x, hashed_buckets(text)


class RoleModel:
    """The shipped role model: ``RoleModel.load().predict_draft(features)``."""

    def __init__(self, data: dict):
        self.roles = tuple(data["roles"])
        if tuple(data["dense_names"]) != DENSE_NAMES:
            raise ValueError("roles.json was trained with other dense features than roles.py builds")
        if int(data["hash_bits"]) != HASH_BITS:
            raise ValueError("roles.json was trained with another hash size")
        self.mean = np.asarray(data["dense_mean"], dtype=float)
        self.scale = np.asarray(data["dense_scale"], dtype=float)
        self.dense = np.asarray(data["dense_coef"], dtype=float)  # (dense features, roles)
        self.intercept = np.asarray(data["intercept"], dtype=float)
        #: Per-role decision threshold (picked for F1 in training). The models were trained
        #: with the classes weighted to balance, so a probability here is a score for the
        #: role, not the share of such sentences that editors would mark.
        self.thresholds = np.asarray(data.get("thresholds", [0.5] * len(self.roles)), dtype=float)
        buckets = data["hashed_buckets"]
        self.rows = {int(b): i for i, b in enumerate(buckets)}
        self.hashed = np.asarray(data["hashed_coef"], dtype=float).reshape(len(buckets), len(self.roles))
        # fold the standardisation of the dense part into its weights
        self.dense_w = self.dense / self.scale[:, None]
        self.bias = self.intercept - (self.mean / self.scale) @ self.dense

    @classmethod
    def load(cls, path: Path | str | None = None) -> "RoleModel":
        return _load(str(path or MODEL_PATH))

    def logits(self, dense: np.ndarray, buckets: Sequence[Sequence[int]]) -> np.ndarray:
        """Per-sentence logits (n, roles) from stacked dense vectors and bucket lists."""
        out = dense @ self.dense_w + self.bias
        rows = self.rows
        hashed = self.hashed
        for i, bs in enumerate(buckets):
            hit = [rows[b] for b in bs if b in rows]
            if hit:
                out[i] += hashed[hit].sum(axis=0)
        return out

    def predict(self, sentences: Sequence, context: DraftContext | None = None) -> np.ndarray:
        """Probability of each role (columns in ``self.roles`` order) for each of a draft's
        sentences, in order: an array of shape (len(sentences), len(roles))."""
        if not sentences:
            return np.zeros((0, len(self.roles)))
        if context is None:
            context = DraftContext.of(sentences)
        out = np.empty((len(sentences), len(self.roles)))
        # a few hundred sentences at a time: a 1 MiB draft of table cells has 100,000 of
        # them, and their feature vectors all at once would take hundreds of megabytes
        for lo in range(0, len(sentences), PREDICT_BATCH):
            hi = min(len(sentences), lo + PREDICT_BATCH)
            feats = [role_features(sentences[i], i, sentences, context) for i in range(lo, hi)]
            z = self.logits(np.vstack([f[0] for f in feats]), [f[1] for f in feats])
            out[lo:hi] = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return out

    def decide(self, probs: np.ndarray) -> np.ndarray:
        """Which roles each sentence plays: ``probs`` (from :meth:`predict`) at or above each
        role's threshold, as a boolean array of the same shape."""
        return np.asarray(probs) >= self.thresholds

    def predict_draft(self, feat) -> np.ndarray:
        """Role probabilities for every sentence of a ``DraftFeatures`` (``read_draft``)."""
        return self.predict(feat.sentences, draft_context(feat))


def draft_context(feat) -> DraftContext:
    return DraftContext.of(feat.sentences, feat.words, feat.announcement, feat.listicle_title)


@lru_cache(maxsize=4)
def _load(path: str) -> RoleModel:
    with open(path, encoding="utf-8") as fh:
        return RoleModel(json.load(fh))
