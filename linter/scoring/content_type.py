"""What kind of post a draft is: thought leadership, a tutorial, release notes, an
announcement or an explainer. When a draft names no term, a draft that reads as another kind
is told which term fits (``draftlint: {term: ...}``), so it is not failed against a bar it
never meant to clear.

A multinomial logistic model over a dozen draft facts (the learned sentence roles averaged
over the body, code and list density, headings, the title's shape), trained on the labelled
published posts by ``training/content-type/train_content_type.py`` and shipped as
``models/content_type.json``. Pure Python and numpy: no spaCy here.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "models" / "content_type.json"

#: drafts shorter than this are not read for their kind (the model learned from whole posts)
MIN_WORDS = 200
#: the term that fits each kind of post
TERM_FOR = {"thought": "thought-leadership", "tutorial": "tutorial", "release": "announcement",
            "announcement": "announcement", "explainer": "explainer"}
#: how each kind is named in the hint
NAMES = {"thought": "thought leadership", "tutorial": "a tutorial", "release": "release notes",
         "announcement": "an announcement", "explainer": "an explainer"}

_HOW_TO = re.compile(r"\b(?:how to|guide|getting started|step[- ]by[- ]step|tutorial|walkthrough|set(?:ting)? up)\b", re.I)
_NEWS = re.compile(r"\b(?:introducing|announc\w*|launch\w*|welcom\w*|rais\w* |funding|joins?|now available|"
                   r"is here|are here|open[- ]sourc\w*|partner\w*|acquir\w*)\b", re.I)
_RELEASE = re.compile(r"\b(?:release|changelog|what'?s new|update|v?\d+\.\d+)\b", re.I)
_EXPLAIN = re.compile(r"\b(?:what is|what are|vs\.?|versus|explained|introduction to|guide to|overview|"
                      r"tips|best practices|\d+ (?:ways|reasons|tips|things))\b", re.I)


def _title_of(sentences: Sequence) -> str:
    """The front matter's title, else the first level-1 heading, else the first heading."""
    for wanted in (lambda b: b.kind == "title", lambda b: b.kind == "heading" and b.level == 1,
                   lambda b: b.kind == "heading"):
        picked = [s for s in sentences if s.block is not None and wanted(s.block)]
        if picked:
            block = picked[0].block
            return " ".join(s.text for s in picked if s.block is block)
    return ""


def content_features(sentences: Sequence, probs: np.ndarray, roles: Sequence[str], words: int, code_blocks: int,
                     inline_code: int) -> dict[str, float]:
    """The draft facts the content-type model reads."""
    title = _title_of(sentences)
    body = [i for i, s in enumerate(sentences)
            if not (s.block is not None and (s.block.kind in ("heading", "title") or s.block.in_quote))]
    heads = [s for s in sentences if s.block is not None and s.block.kind == "heading"]
    per_k = 1000.0 / max(words, 100)
    out: dict[str, float] = {}
    for j, role in enumerate(roles):
        out[f"mean_{role}"] = float(probs[body, j].mean()) if body and len(probs) else 0.0
    out["code_blocks"] = math.log1p(code_blocks * per_k)
    out["inline_code"] = math.log1p(inline_code * per_k)
    out["ordered"] = (sum(1 for i in body if sentences[i].block is not None and sentences[i].block.ordered_list)
                      / max(1, len(body)))
    out["listed"] = sum(1 for i in body if sentences[i].block is not None and sentences[i].block.in_list) / max(1, len(body))
    out["headings"] = math.log1p(len(heads) * per_k)
    out["imperative_headings"] = sum(1 for s in heads if s.imperative) / max(1, len(heads))
    out["words"] = math.log1p(words) / 8.0
    out["title_how_to"] = float(bool(_HOW_TO.search(title)))
    out["title_news"] = float(bool(_NEWS.search(title)))
    out["title_release"] = float(bool(_RELEASE.search(title)))
    out["title_explain"] = float(bool(_EXPLAIN.search(title)))
    return out


class ContentTypeModel:
    def __init__(self, data: dict):
        self.types: tuple[str, ...] = tuple(data["types"])
        self.features: tuple[str, ...] = tuple(data["features"])
        self.mean = np.asarray(data["mean"], dtype=float)
        self.scale = np.asarray(data["scale"], dtype=float)
        self.coef = np.asarray(data["coef"], dtype=float)  # (types, features)
        self.intercept = np.asarray(data["intercept"], dtype=float)
        self.hint_at = float(data["hint_at"])

    @classmethod
    def load(cls, path: Path | str | None = None) -> "ContentTypeModel":
        return _load(str(path or MODEL_PATH))

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        x = (np.array([features[name] for name in self.features]) - self.mean) / self.scale
        z = self.coef @ x + self.intercept
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {t: float(v) for t, v in zip(self.types, p)}


@lru_cache(maxsize=2)
def _load(path: str) -> ContentTypeModel:
    with open(path, encoding="utf-8") as fh:
        return ContentTypeModel(json.load(fh))


def read_content_type(feat, probs: np.ndarray, roles: Sequence[str], code_blocks: int, inline_code: int
                      ) -> tuple[str, float] | None:
    """The kind of post the draft reads as, and its probability, when the model is sure
    enough to say so (at or above its trained hint threshold); else None."""
    if feat.words < MIN_WORDS:
        return None
    model = ContentTypeModel.load()
    features = content_features(feat.sentences, probs, roles, feat.words, code_blocks, inline_code)
    p = model.probabilities(features)
    kind = max(p, key=p.get)
    return (kind, p[kind]) if p[kind] >= model.hint_at else None


def hint(kind: str, term_id: str) -> str | None:
    """The info line for a draft that reads as ``kind`` but is scored against ``term_id``."""
    fits = TERM_FOR.get(kind)
    if fits is None or fits == term_id:
        return None
    return (f"this draft reads as {NAMES[kind]}, not as '{term_id}': to score it as one, put "
            f"'draftlint: {{term: {fits}}}' in its front matter or run with --term {fits}")
