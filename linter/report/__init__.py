"""One module per output format; each renders the same ``Report``."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "github", "sarif", "junit")


def render(report, fmt: str, **options) -> str:
    module = importlib.import_module(f"linter.report.{fmt}_format")
    return module.render(report, **options)
