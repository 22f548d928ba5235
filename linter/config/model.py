"""The resolved configuration and the settings it gives each draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from linter.resources import data_dir
from linter.source.reader import DEFAULT_MAX_BYTES

DEFAULT_TERM = "thought-leadership"
DEFAULT_FAIL_UNDER = 60.0
DEFAULT_FAIL_LEVEL = "error"
#: Seconds one draft may take before it becomes an error finding and the run goes on.
DEFAULT_TIME_BUDGET = 60.0
#: findings of one rule a draft shows one by one before the rest are counted in one finding
DEFAULT_REPEAT_LIMIT = 5

#: spaCy loads a name that is a folder from that folder, running the code it names; an
#: installed model package's name is a plain identifier (hyphens allowed, as pip spells it).
_MODEL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")
MODEL_NAME_RULE = "must be the name of an installed spaCy model package (like en_core_web_sm), not a path"


def is_model_name(name) -> bool:
    return isinstance(name, str) and _MODEL_NAME.fullmatch(name) is not None


@dataclass(frozen=True)
class Override:
    """Settings for drafts whose path (relative to the config file) matches ``files``."""

    files: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    term: str | None = None
    fail_under: float | None = None
    line: int = 0

    def matches(self, rel: str) -> bool:
        from linter.config.patterns import compile_patterns

        return compile_patterns(self.files).match_file(rel)


@dataclass(frozen=True)
class DraftSettings:
    """What one draft is linted with, after overrides and flags."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: dict
    term: str | None  # None: the run's default term
    fail_under: float | None
    enable: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    rule_dirs: tuple[Path, ...] = field(default_factory=lambda: (data_dir("rules"),))
    glossary_dirs: tuple[Path, ...] = field(default_factory=lambda: (data_dir("glossary"),))
    select: tuple[str, ...] = ()  # rule ids or categories; empty means all
    ignore: tuple[str, ...] = ()
    #: rules that are off by default (``enabled: false``) turned on, by id or category, or ``all``
    enable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (rule id or category, severity) overrides
    default_term: str = DEFAULT_TERM
    term_chosen: bool = False  # the project file or --term named the term (not the built-in default)
    fail_under: float | None = None  # None: the term's pass_score
    fail_level: str = DEFAULT_FAIL_LEVEL
    model: str | None = None
    max_file_size: int = DEFAULT_MAX_BYTES
    #: findings of one rule shown one by one per draft; the rest become one finding that
    #: counts them (0: show all)
    repeat_limit: int = DEFAULT_REPEAT_LIMIT
    batch_size: int = 16
    time_budget: float = DEFAULT_TIME_BUDGET  # seconds per draft
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    #: where the project file was found (None: defaults only); its folder anchors paths
    source: Path | None = None
    lines: tuple[tuple[str, int], ...] = ()  # setting -> line in the project file

    def __post_init__(self) -> None:
        # the loader and with_flags say where a bad name came from; this catches any other way in
        if self.model is not None and not is_model_name(self.model):
            from linter.errors import ConfigError

            raise ConfigError(f"'model' {MODEL_NAME_RULE}")

    @property
    def root(self) -> Path | None:
        return self.source.parent if self.source else None

    def line_of(self, key: str) -> int | None:
        return dict(self.lines).get(key)

    def relative(self, path: str | Path) -> str | None:
        """The draft's path relative to the config file's folder, in POSIX form."""
        if self.root is None:
            return None
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return None
        return str(PurePosixPath(*rel.parts))

    def wants(self, path: str | Path) -> bool:
        """Whether include/exclude let a draft found under a folder be linted."""
        rel = self.relative(path)
        if rel is None:
            return True
        from linter.config.patterns import compile_patterns

        if self.include and not compile_patterns(self.include).match_file(rel):
            return False
        return not (self.exclude and compile_patterns(self.exclude).match_file(rel))

    def settings_for(self, path: str | Path | None) -> DraftSettings:
        select, ignore, enable, severity = self.select, self.ignore, self.enable, dict(self.severity)
        term, fail_under = None, self.fail_under
        rel = self.relative(path) if path is not None else None
        for ov in self.overrides:
            if rel is None or not ov.matches(rel):
                continue
            if ov.select is not None:
                select = ov.select
            ignore = ignore + ov.ignore
            enable = enable + ov.enable
            severity.update(dict(ov.severity))
            term = ov.term or term
            fail_under = ov.fail_under if ov.fail_under is not None else fail_under
        return DraftSettings(select=select, ignore=ignore, severity=severity, term=term, fail_under=fail_under,
                             enable=enable)

    def with_flags(self, **flags) -> "Config":
        """Command-line flags, the last layer: ``select`` replaces, ``ignore`` and ``enable`` add."""
        changes = {k: v for k, v in flags.items() if v not in (None, ())}
        if "model" in changes and not is_model_name(changes["model"]):
            from linter.errors import ConfigError

            raise ConfigError(f"--model {MODEL_NAME_RULE}")
        for key in ("ignore", "enable"):
            if key in changes:
                changes[key] = getattr(self, key) + tuple(changes[key])
        if "default_term" in changes:
            changes["term_chosen"] = True
        # a flag wins over the file's setting and over every override's (--term is only the
        # default for drafts that name no term, so an override's term still wins for its paths)
        cleared = {key: None for key in ("select", "fail_under") if key in changes}
        if cleared:
            changes["overrides"] = tuple(replace(o, **cleared) for o in self.overrides)
        return replace(self, **changes)
