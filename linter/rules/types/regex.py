"""``regex``: a regular expression over each block's prose (never across blocks).

A team's pattern is compiled with RE2, which matches in time linear in the prose, so a
pattern like ``(a+)+$`` from a pull request cannot hang the run. RE2 has no
backreferences or lookaround; a pattern that needs them is refused at load. Only the
rules shipped inside the package (reviewed with draftlint itself) may use Python's
``re`` when RE2 cannot compile them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from linter.errors import ConfigError
from linter.rules.model import RawMatch, Rule
from linter.rules.types.base import RuleType

#: RE2's memory for one compiled pattern; a pattern that needs more is refused at load.
MAX_PATTERN_MEMORY = 8 << 20


def _packaged(path: str) -> bool:
    from linter.resources import data_dir

    try:
        return Path(path).resolve().parent == data_dir("rules").resolve()
    except (OSError, ValueError):
        return False


def _re2_problem(exc: Exception) -> str:
    text = str(exc)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    text = text.replace("\\\\", "\\")
    if "(?<" in text or "(?=" in text or "(?!" in text:
        return f"{text} (team patterns run on RE2, which has no lookahead or lookbehind)"
    if re.search(r"escape sequence: \\[1-9]", text):
        return f"{text} (team patterns run on RE2, which has no backreferences)"
    if "escape sequence: \\Z" in text:
        return f"{text} (write \\z for the end of the text)"
    return text


def compile_pattern(pattern: str, ignore_case: bool, rule: Rule, line: int):
    """The compiled pattern: RE2, or Python's ``re`` for a packaged rule RE2 cannot read."""
    import re2

    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.log_errors = False  # RE2 would print its own copy of the error on stderr
    options.max_mem = MAX_PATTERN_MEMORY
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        if not _packaged(rule.file):
            raise ConfigError(
                f"rule '{rule.id}': invalid regex: {_re2_problem(exc)}", rule.file, line) from None
    try:
        return re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise ConfigError(f"rule '{rule.id}': invalid regex: {exc}", rule.file, line) from None


class RegexType(RuleType):
    name = "regex"
    options = {"pattern": ((str,), True), "ignore_case": ((bool,), False), "group": ((int, str), False)}

    def validate(self, rule: Rule, raw: dict) -> dict:
        opts = super().validate(rule, raw)
        opts["compiled"] = compile_pattern(opts["pattern"], opts.get("ignore_case", True), rule,
                                           raw.line_of("pattern"))
        compiled = opts["compiled"]
        group = opts.get("group", 0)
        if isinstance(group, int) and not 0 <= group <= compiled.groups or (
            isinstance(group, str) and group not in compiled.groupindex
        ):
            shown = repr(group) if len(repr(group)) <= 40 else repr(group)[:36] + "...'"
            raise ConfigError(f"rule '{rule.id}': the regex has no group {shown}", rule.file, raw.line_of("group"))
        # RE2's matches take a group by number only
        opts["group_number"] = compiled.groupindex[group] if isinstance(group, str) else group
        return opts

    def check(self, rule: Rule, analysis) -> Iterable[RawMatch]:
        prose = analysis.draft.prose
        regex = rule.options["compiled"]
        group = rule.options.get("group_number", 0)
        whole = isinstance(regex, re.Pattern)
        for block in analysis.draft.blocks:
            start = block.prose_start
            if whole:  # Python's re: lookbehind may look before the block, as it always did
                matches = regex.finditer(prose, start, block.prose_end)
                start = 0
            else:  # RE2 reads a string it is given whole, so give it the block alone
                matches = regex.finditer(prose[start:block.prose_end])
            for m in matches:
                s, e = m.span(group)
                if s < e:
                    yield RawMatch(rule, start + s, start + e, {"match": prose[start + s:start + e]})
