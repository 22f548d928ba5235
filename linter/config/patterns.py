"""gitignore-style path patterns (include, exclude, per-path overrides), via pathspec."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)
