"""Detector parameters: every tunable number a detector uses, declared once with its default.

A detector's parameters are a frozen dataclass whose fields are declared with :func:`param`:
the default, the range a value may take, and a one-line meaning. A glossary criterion may
set any of them under ``params:``; the loader checks each name, type and range, and the
others keep their defaults. Groups of parameters that several detectors share (how own
figures and experience are counted) are dataclasses the detectors' own ones extend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Param:
    """One declared parameter, for validation and documentation."""

    name: str
    default: float
    meaning: str
    lo: float = 0.0
    hi: float | None = None
    above: bool = False  # the value must be greater than ``lo``, not just at least it
    fallback: bool = False  # it acts only on a draft without the learned reading (a cue count)

    @property
    def integer(self) -> bool:
        return isinstance(self.default, int)

    def bounds(self) -> str:
        """The allowed values, as an error message or the README says them."""
        kind = "a whole number" if self.integer else "a number"
        if self.hi is not None:
            return f"{kind} between {self.lo:g} and {self.hi:g}"
        return f"{kind} {'greater than' if self.above else 'of at least'} {self.lo:g}"

    def check(self, value) -> float | int | None:
        """``value`` as the parameter's type, or None when it is not an allowed value."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if self.integer and not isinstance(value, int):
            return None
        if not math.isfinite(value) or value < self.lo or (self.above and value == self.lo):
            return None
        if self.hi is not None and value > self.hi:
            return None
        return int(value) if self.integer else float(value)


def param(default: float, meaning: str, lo: float = 0.0, hi: float | None = None, above: bool = False):
    """A dataclass field declaring one detector parameter (an ``int`` default makes it a whole number)."""
    return field(default=default, metadata={"param": (meaning, lo, hi, above)})


def declared(params_type) -> tuple[Param, ...]:
    """The parameters a detector's parameter class declares: its own, then those of the
    groups it shares, and last those that act only without the learned reading (named in
    the class's ``FALLBACK`` variable)."""
    fallback = getattr(params_type, "FALLBACK", ())
    by_name = {f.name: f for f in fields(params_type)}
    order: list[str] = []  # the class's own parameters first, then each shared group's
    for cls in params_type.__mro__:  # a dataclass keeps each field's default on the class that declares it
        order += [n for n in by_name if n in cls.__dict__ and n not in order]
    out = []
    for f in (by_name[n] for n in order):
        meaning, lo, hi, above = f.metadata["param"]
        out.append(Param(f.name, f.default, meaning, lo, hi, above, f.name in fallback))
    return tuple(sorted(out, key=lambda p: p.fallback))  # those that act in every run first


def changed(params) -> dict[str, float]:
    """The parameters of ``params`` (an instance) that differ from their defaults."""
    if params is None:
        return {}
    return {p.name: getattr(params, p.name) for p in declared(type(params)) if getattr(params, p.name) != p.default}


# -- groups several detectors share ------------------------------------------------------

def quote_param(default: float):
    """The ``quote_at`` parameter, with a detector's own default. The defaults were read off
    quoted sentences that an editor judged blind (training/evidence-precision/): the
    sentences above them were the ones the editor accepted."""
    return param(default, "the learned probability of its role at which a sentence is quoted as evidence (the "
                          "verdict counts every sentence that plays the role; only the surest are shown)", hi=1.0)


@dataclass(frozen=True)
class EvidenceParams:
    """Which sentences the learned reading may quote."""

    min_evidence_words: int = param(
        4, "the shortest sentence, in words, quoted as evidence (a label or a table cell's word is not a claim)", lo=1)
    quote_at: float = quote_param(0.8)


@dataclass(frozen=True)
class FigureEvidenceParams(EvidenceParams):
    """Which figure sentences the learned reading may quote."""

    number_below: float = param(
        0.5, "a figure sentence is quoted only when the learned probability that its number is a price, plan, "
             "target, example or other non-measurement is below this", hi=1.0)


@dataclass(frozen=True)
class BackedParams(EvidenceParams):
    """A criterion that rests on particular sentences (own figures, own experience)."""

    unbacked_cap: float = param(
        0.45, "the most the criterion scores when no sentence plays its role (a verdict with nothing to quote "
              "stays under the pass point)", hi=1.0)
    backing_at: float = param(
        0.7, "the learned probability of its role at which a sentence backs the verdict, when none reaches the "
             "role's trained threshold", hi=1.0)


@dataclass(frozen=True)
class OwnFigureParams:
    """How the author's own measured figures are counted from the sentences' cues."""

    owner_voice_sentences: int = param(
        3, "first-person sentences that give a draft an owner's voice when none recounts experience; without "
           "one, no figure counts as its own", lo=1)
    third_party_share: float = param(
        0.4, "the share of measured figures from others at which only first-person figures count as own", hi=1.0)
    table_figures_cap: int = param(8, "the most data-table figures counted")
    table_figure_weight: float = param(0.5, "what one data-table figure counts for, against a sentence's figure")


@dataclass(frozen=True)
class ExperienceParams:
    """How accounts of doing are counted from the sentences' cues."""

    actor_story_weight: float = param(
        0.5, "what a past action by a named third party counts for, against the author's own")
    generic_we_penalty: float = param(0.5, "taken off per sentence that speaks for everyone ('we all know')")
