"""Errors that end a run, or one file, with a clear one-line message."""

from __future__ import annotations


class DraftlintError(Exception):
    """A usage, config or input problem: reported on one line, exit code 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        from linter.report.escape import unicode

        # a path that is not UTF-8 (surrogateescape) is shown as display_name shows it
        return unicode(f"{where}{self.message}")


class ConfigError(DraftlintError):
    """A bad rule, glossary or config file."""


class InputError(DraftlintError):
    """A draft that cannot be read."""


class ModelError(DraftlintError):
    """The spaCy model cannot be loaded."""
