"""The resolved settings for a run. Rules and stages never read config files themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from linter.resources import data_dir
from linter.source.reader import DEFAULT_MAX_BYTES

DEFAULT_TERM = "thought-leadership"
DEFAULT_FAIL_UNDER = 60.0


@dataclass(frozen=True)
class Config:
    rule_dirs: tuple[Path, ...] = field(default_factory=lambda: (data_dir("rules"),))
    glossary_dirs: tuple[Path, ...] = field(default_factory=lambda: (data_dir("glossary"),))
    select: tuple[str, ...] = ()  # rule ids or categories; empty means all
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    default_term: str = DEFAULT_TERM
    fail_under: float | None = None  # None: the term's pass_score, else DEFAULT_FAIL_UNDER
    model: str | None = None
    max_file_size: int = DEFAULT_MAX_BYTES
    batch_size: int = 16
