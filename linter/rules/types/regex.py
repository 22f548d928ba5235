"""``regex``: a regular expression over each block's prose (never across blocks)."""

from __future__ import annotations

import re
from typing import Iterable

from linter.errors import ConfigError
from linter.rules.model import RawMatch, Rule
from linter.rules.types.base import RuleType


class RegexType(RuleType):
    name = "regex"
    options = {"pattern": ((str,), True), "ignore_case": ((bool,), False), "group": ((int, str), False)}

    def validate(self, rule: Rule, raw: dict) -> dict:
        opts = super().validate(rule, raw)
        flags = re.IGNORECASE if opts.get("ignore_case", True) else 0
        try:
            opts["compiled"] = re.compile(opts["pattern"], flags)
        except re.error as exc:
            raise ConfigError(f"rule '{rule.id}': invalid regex: {exc}", rule.file, raw.line_of("pattern")) from None
        group = opts.get("group", 0)
        if isinstance(group, int) and group > opts["compiled"].groups or (
            isinstance(group, str) and group not in opts["compiled"].groupindex
        ):
            raise ConfigError(f"rule '{rule.id}': the regex has no group {group!r}", rule.file, raw.line_of("group"))
        return opts

    def check(self, rule: Rule, analysis) -> Iterable[RawMatch]:
        prose = analysis.draft.prose
        regex = rule.options["compiled"]
        group = rule.options.get("group", 0)
        for block in analysis.draft.blocks:
            for m in regex.finditer(prose, block.prose_start, block.prose_end):
                s, e = m.span(group)
                if s < e:
                    yield RawMatch(rule, s, e, {"match": prose[s:e]})
