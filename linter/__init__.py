"""draftlint: a content-quality linter for marketing drafts."""

__version__ = "0.1.0"
