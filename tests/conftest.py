"""Shared fixtures. Loading the spaCy model takes about a second, so the suite shares
one ``Linter`` per configuration."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from linter.api import Linter
from linter.config import Config

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@lru_cache(maxsize=None)
def linter_for(select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), quotes: bool = False) -> Linter:
    """A linter that shows every finding (no ``repeat_limit``: the tests count them one by
    one), from every rule, including those off by default (``enable: [all]``). With ``quotes``, ``vague-quantifier`` also flags words in quotations and block
    quotes, as a probe for positions there (the packaged rule leaves quoted words alone)."""
    linter = Linter(Config(select=select, ignore=ignore, enable=("all",), repeat_limit=0))
    if quotes:
        from dataclasses import replace

        probe = tuple(replace(r, unless=tuple(c for c in r.unless if c != "quoted")) if r.id == "vague-quantifier"
                      else r for r in linter.rules.rules)
        linter.rules = replace(linter.rules, rules=probe)
        linter.enabled = tuple(r for r in probe if linter._possibly_selected(r))
    return linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    return linter_for()


def findings_of(report, rule: str | None = None):
    """``(rule, line, column, end_line, end_column, text)`` for each finding, in order."""
    return [
        (rf.finding.rule, rf.location.line, rf.location.column, rf.location.end_line, rf.location.end_column, rf.text)
        for rf in report.findings
        if rule is None or rf.finding.rule == rule
    ]
