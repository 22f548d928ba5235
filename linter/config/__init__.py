"""Configuration: packaged defaults, the project file, per-path overrides, then flags.

Config is resolved once into frozen objects and passed down; rules never read it.
"""

from linter.config.model import (
    DEFAULT_FAIL_LEVEL,
    DEFAULT_FAIL_UNDER,
    DEFAULT_TERM,
    Config,
    DraftSettings,
    Override,
)

__all__ = ["Config", "DraftSettings", "Override", "DEFAULT_TERM", "DEFAULT_FAIL_UNDER", "DEFAULT_FAIL_LEVEL"]
