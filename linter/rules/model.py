"""A rule as loaded from YAML, and a raw match a rule type reports in prose offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Block kinds a rule can be told to skip with ``skip_in``.
BLOCK_SCOPES = ("title", "heading", "paragraph", "table_cell", "list", "quote")

#: Named conditions a rule can be told to respect with ``unless``.
CONDITIONS = ("number_in_sentence", "link_in_sentence", "quoted", "question", "answered_belief")


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    severity: str
    message: str
    description: str
    file: str
    line: int
    category: str
    suggestion: str | None = None
    examples_bad: tuple[str, ...] = ()
    examples_good: tuple[str, ...] = ()
    skip_in: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    #: False: reported only where a configuration, an override or a flag turns it on
    #: (``enable``, or ``select`` naming it or its category)
    enabled: bool = True
    options: dict = field(default_factory=dict, hash=False, compare=False)
    key_lines: dict = field(default_factory=dict, hash=False, compare=False)  # line of each key

    @property
    def summary(self) -> str:
        return self.description.strip().split(". ")[0].rstrip(".") + "."


@dataclass(frozen=True)
class RawMatch:
    """What a rule type reports: a prose span plus values for the message template."""

    rule: Rule
    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
