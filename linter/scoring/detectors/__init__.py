"""Detectors: one named Python function per kind of evidence a criterion can ask for.

A glossary criterion names its detector. A detector is a pure function of the draft's
reading (``features.DraftFeatures``, with the learned readings the scorer adds), the
findings of the rules its criterion lists, and its parameters; it returns a score from 0
to 1 with evidence. Its parameters are a frozen dataclass declared next to it (names,
defaults, ranges and meanings, ``params.py``); a criterion sets them under ``params:``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from linter.scoring.detectors.base import DetectorResult
from linter.scoring.detectors.content import (
    ClearNewsParams,
    ClearStepsParams,
    CustomerResultsParams,
    ReasonedArgumentParams,
    RestraintParams,
    WorkingExamplesParams,
    clear_news,
    clear_steps,
    customer_results,
    reasoned_argument,
    restraint,
    working_examples,
)
from linter.scoring.detectors.params import Param, declared
from linter.scoring.detectors.thought import (
    ContrarianStanceParams,
    FirstHandExperienceParams,
    NoGenericTipsParams,
    OriginalDataParams,
    SpecificNumbersParams,
    contrarian_stance,
    first_hand_experience,
    no_generic_tips,
    original_data,
    specific_numbers,
)


@dataclass(frozen=True)
class Detector:
    """A detector and the class of its parameters."""

    function: Callable[..., DetectorResult]
    params: type

    def __call__(self, feat, findings, params=None) -> DetectorResult:
        return self.function(feat, findings, self.params() if params is None else params)

    def declared(self) -> tuple[Param, ...]:
        return declared(self.params)


DETECTORS: dict[str, Detector] = {
    "original_data": Detector(original_data, OriginalDataParams),
    "specific_numbers": Detector(specific_numbers, SpecificNumbersParams),
    "contrarian_stance": Detector(contrarian_stance, ContrarianStanceParams),
    "no_generic_tips": Detector(no_generic_tips, NoGenericTipsParams),
    "first_hand_experience": Detector(first_hand_experience, FirstHandExperienceParams),
    "working_examples": Detector(working_examples, WorkingExamplesParams),
    "clear_steps": Detector(clear_steps, ClearStepsParams),
    "customer_results": Detector(customer_results, CustomerResultsParams),
    "clear_news": Detector(clear_news, ClearNewsParams),
    "restraint": Detector(restraint, RestraintParams),
    "reasoned_argument": Detector(reasoned_argument, ReasonedArgumentParams),
}

__all__ = ["DETECTORS", "Detector", "DetectorResult"]
