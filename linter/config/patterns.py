"""gitignore-style path patterns (include, exclude, per-path overrides), via pathspec.

The patterns come from the project's config, so a pull request can write them. pathspec
turns each glob into a regex; on Python's ``re`` a glob like ``*a*a*a*a*a*a*b.md`` then
backtracks for hours on a long name, so the matching runs on RE2 (linear time) instead.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns, backend="re2")
