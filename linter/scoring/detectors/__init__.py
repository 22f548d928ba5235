"""Detectors: one named Python function per kind of evidence a criterion can ask for.

A glossary criterion names its detector; each reads the draft's sentence features (and
the findings of rules that bear on it) and returns a score from 0 to 1 with evidence.
"""

from typing import Callable

from linter.scoring.detectors.base import DetectorResult
from linter.scoring.detectors.content import (
    clear_news,
    clear_steps,
    customer_results,
    reasoned_argument,
    restraint,
    working_examples,
)
from linter.scoring.detectors.thought import (
    contrarian_stance,
    first_hand_experience,
    no_generic_tips,
    original_data,
    specific_numbers,
)

DETECTORS: dict[str, Callable] = {
    "original_data": original_data,
    "specific_numbers": specific_numbers,
    "contrarian_stance": contrarian_stance,
    "no_generic_tips": no_generic_tips,
    "first_hand_experience": first_hand_experience,
    "working_examples": working_examples,
    "clear_steps": clear_steps,
    "customer_results": customer_results,
    "clear_news": clear_news,
    "restraint": restraint,
    "reasoned_argument": reasoned_argument,
}

__all__ = ["DETECTORS", "DetectorResult"]
