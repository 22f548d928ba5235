"""Draft-level judgement learned from published posts: sentence roles -> criteria and a
thought-leadership score.

The per-sentence role probabilities of ``roles.RoleModel`` are summed up per draft (mean,
strongest three, density per 1000 words) together with a few facts the linter already
reads (length, listicle title, announcement, headings, advice, measured figures, code).
For each criterion and for thought leadership, a small logistic model over a fixed handful
of those draft features (``models/draft.json``, trained by
``training/draft-scores/train_draft.py``) gives the probability that an editor would say
the criterion is met (the post is thought leadership).

Pure Python and numpy: no spaCy here.

    feat = read_draft(analysis)
    probs = roles.RoleModel.load().predict_draft(feat)           # (sentences, roles)
    judged = calibration.judge(feat, probs, code_blocks=len(analysis.draft.code_blocks))
    judged.criteria["original_data"]   # probability, met at >= 0.5
    judged.thought_leadership          # probability that the draft is thought leadership
    tl_to_score(judged.thought_leadership)   # 0-100, 60 exactly where the probability is 0.5
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from linter.scoring.roles import ROLES

MODEL_PATH = Path(__file__).resolve().parent / "models" / "draft.json"

CRITERIA = ("original_data", "specific_numbers", "contrarian_stance", "no_generic_tips", "first_hand_experience")
TARGETS = CRITERIA + ("thought_leadership",)

#: Draft features, by name (the order of ``draft_features``).
BASE_FEATURES = ("words_log", "listicle", "announcement", "heading_share", "advice_flag_share",
                 "experience_flag_share", "first_person_share", "measured_per1k", "table_figures_log",
                 "code_blocks_per1k", "question_share")
FEATURE_NAMES = tuple(f"{agg}_{r}" for r in ROLES for agg in ("mean", "top3", "per1k")) + BASE_FEATURES


def _body(sentences) -> list[int]:
    """Indexes of the sentences that are neither headings nor quotes (all, if none are)."""
    idx = [i for i, s in enumerate(sentences)
           if not (s.block is not None and (s.block.kind in ("heading", "title") or s.block.in_quote))]
    return idx or list(range(len(sentences)))


def draft_features(feat, probs: np.ndarray, code_blocks: int = 0) -> dict[str, float]:
    """The draft's features from its ``DraftFeatures`` and the role probabilities of its
    sentences (rows in ``feat.sentences`` order, columns in ``ROLES`` order)."""
    sentences = feat.sentences
    words = max(1, feat.words)
    out: dict[str, float] = {}
    body = _body(sentences)
    p = np.asarray(probs, dtype=float)
    pb = p[body] if len(body) and len(p) else np.zeros((0, len(ROLES)))
    for k, r in enumerate(ROLES):
        col = pb[:, k] if len(pb) else np.zeros(0)
        out[f"mean_{r}"] = float(col.mean()) if len(col) else 0.0
        top = np.sort(col)[::-1][:3] if len(col) else np.zeros(0)
        out[f"top3_{r}"] = float(top.sum() / 3.0)
        out[f"per1k_{r}"] = math.log1p(1000.0 * float(col.sum()) / words)
    n = max(1, len(sentences))
    nb = max(1, len(body))
    bs = [sentences[i] for i in body]
    out["words_log"] = math.log1p(feat.words)
    out["listicle"] = float(bool(feat.listicle_title))
    out["announcement"] = float(bool(feat.announcement))
    out["heading_share"] = sum(1 for s in sentences if s.is_heading) / n
    out["advice_flag_share"] = sum(1 for s in bs if s.advice) / nb
    out["experience_flag_share"] = sum(1 for s in bs if s.experience) / nb
    out["first_person_share"] = sum(1 for s in bs if s.first_person) / nb
    measured = sum(len(s.measured) for s in bs) + min(len(feat.table_figures), 8) * 0.5
    out["measured_per1k"] = math.log1p(1000.0 * measured / words)
    out["table_figures_log"] = math.log1p(len(feat.table_figures))
    out["code_blocks_per1k"] = math.log1p(1000.0 * code_blocks / words)
    out["question_share"] = sum(1 for s in bs if s.text.rstrip().endswith("?")) / nb
    return out


@dataclass(frozen=True)
class Judgement:
    criteria: dict  # criterion id -> probability that it is met (met at >= 0.5)
    thought_leadership: float  # probability that the draft is thought leadership


class DraftModel:
    def __init__(self, data: dict):
        if tuple(data["roles"]) != ROLES:
            raise ValueError("draft.json was trained on other roles than roles.py reads")
        self.models = {}
        for target, m in data["targets"].items():
            names = tuple(m["features"])
            unknown = [n for n in names if n not in FEATURE_NAMES]
            if unknown:
                raise ValueError(f"draft.json: unknown draft features {unknown}")
            self.models[target] = (names, np.asarray(m["mean"], dtype=float), np.asarray(m["scale"], dtype=float),
                                   np.asarray(m["coef"], dtype=float), float(m["intercept"]))

    @classmethod
    def load(cls, path: Path | str | None = None) -> "DraftModel":
        return _load(str(path or MODEL_PATH))

    def probability(self, target: str, features: dict[str, float]) -> float:
        names, mean, scale, coef, intercept = self.models[target]
        x = np.array([features[n] for n in names])
        z = float(((x - mean) / scale) @ coef + intercept)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def judge(self, feat, probs: np.ndarray, code_blocks: int = 0) -> Judgement:
        features = draft_features(feat, probs, code_blocks)
        criteria = {c: self.probability(c, features) for c in CRITERIA if c in self.models}
        tl = self.probability("thought_leadership", features)
        return Judgement(criteria=criteria, thought_leadership=tl)


def tl_to_score(p: float) -> float:
    """A thought-leadership probability as a 0-100 score with the glossary's pass mark (60)
    exactly at probability 0.5: monotone, so it ranks drafts as the probability does."""
    p = max(0.0, min(1.0, p))
    return round(120.0 * p if p <= 0.5 else 60.0 + 80.0 * (p - 0.5), 1)


@lru_cache(maxsize=4)
def _load(path: str) -> DraftModel:
    with open(path, encoding="utf-8") as fh:
        return DraftModel(json.load(fh))


def judge(feat, probs: np.ndarray, code_blocks: int = 0) -> Judgement:
    """Criterion probabilities and the thought-leadership score of one draft, with the
    shipped model (``probs`` from ``roles.RoleModel.load().predict_draft(feat)``)."""
    return DraftModel.load().judge(feat, probs, code_blocks)
