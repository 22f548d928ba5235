"""``pattern``: spaCy Matcher token patterns written in YAML."""

from __future__ import annotations

import re

from linter.errors import ConfigError
from linter.rules.model import Rule
from linter.rules.types.base import RuleType
from linter.yamlio import describe

_NEEDS = {"POS": "pos", "TAG": "pos", "MORPH": "pos", "LEMMA": "lemma", "DEP": "deps", "ENT_TYPE": "entities",
          "ENT_IOB": "entities", "ENT_ID": "entities", "SENT_START": "sentences", "IS_SENT_START": "sentences"}


#: Token attributes spaCy's Matcher accepts (checked at load time; spaCy validates again
#: when the patterns are compiled).
TOKEN_KEYS = {
    "ORTH", "TEXT", "LOWER", "LENGTH", "NORM", "LEMMA", "POS", "TAG", "MORPH", "DEP", "SHAPE", "PREFIX", "SUFFIX",
    "ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID", "SPACY", "OP", "_", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER",
    "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT",
    "IS_RIGHT_PUNCT", "IS_CURRENCY", "IS_SENT_START", "SENT_START", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL",
}


#: A repeat operator: {n}, {n,m}, {n,} or {,m}.
COUNT = re.compile(r"^\{\s*(\d*)\s*(?:,\s*(\d*)\s*)?\}$")
#: The most one {n,m} may repeat a token, and the most tokens a pattern may expand to:
#: spaCy's Matcher copies the token n (or m) times, so {100000000} would take 10 GB.
MAX_REPEAT = 50
MAX_PATTERN_TOKENS = 200
_OPS = ("!", "?", "+", "*")
_OP_HELP = "OP must be one of !, ?, +, * or {n}, {n,m}, {n,}, {,m}"


def count_bounds(op: str) -> tuple[int, int | None] | None:
    """(least, most) tokens for a repeat operator (most None: unbounded), or None when
    ``op`` is not one."""
    m = COUNT.match(op)
    if m is None or not (m.group(1) or m.group(2)):
        return None
    least = int(m.group(1) or 0)
    if "," not in op:
        return least, least
    return least, (int(m.group(2)) if m.group(2) else None)


def _check_token(rule: Rule, token: dict, line: int) -> int:
    """Check one pattern token; return how many tokens it can expand to."""
    expands = 1
    for key, value in token.items():
        name = str(key).upper()
        if name not in TOKEN_KEYS:
            raise ConfigError(f"rule '{rule.id}': unknown token attribute {describe(key)} in a pattern "
                              f"(e.g. LOWER, LEMMA, POS, TAG, DEP, OP)", rule.file, line)
        if name == "OP":
            if value in _OPS:
                continue
            bounds = count_bounds(value) if isinstance(value, str) and len(value) < 40 else None
            if bounds is None:
                raise ConfigError(f"rule '{rule.id}': {_OP_HELP}, not {describe(value)}", rule.file, line)
            least, most = bounds
            if max(least, most or 0) > MAX_REPEAT or (most is not None and most < least):
                raise ConfigError(f"rule '{rule.id}': a repeat count in OP may be at most {MAX_REPEAT}"
                                  if max(least, most or 0) > MAX_REPEAT else
                                  f"rule '{rule.id}': {_OP_HELP}, not {describe(value)}", rule.file, line)
            expands = max(least, most or least, 1)
        elif isinstance(value, dict):
            for op, items in value.items():
                if str(op).upper() in ("IN", "NOT_IN") and isinstance(items, list) and not items:
                    # an empty IN can never match (and NOT_IN always does): surely a mistake
                    raise ConfigError(f"rule '{rule.id}': {str(op).upper()} in a pattern needs a non-empty list",
                                      rule.file, line)
    return expands


class PatternType(RuleType):
    name = "pattern"
    uses_matchers = True
    options = {"patterns": ((list,), True)}

    def validate(self, rule: Rule, raw: dict) -> dict:
        opts = super().validate(rule, raw)
        pats = opts["patterns"]
        if not pats or not all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in pats):
            raise ConfigError(
                f"rule '{rule.id}': 'patterns' must be a list of token patterns (each a list of mappings)",
                rule.file, raw.line_of("patterns"),
            )
        for pattern in pats:
            total = 0
            for token in pattern:
                total += _check_token(rule, token, getattr(token, "line", None) or raw.line_of("patterns"))
            if total > MAX_PATTERN_TOKENS:
                raise ConfigError(f"rule '{rule.id}': a pattern may expand to at most {MAX_PATTERN_TOKENS} tokens",
                                  rule.file, getattr(pattern, "line", None) or raw.line_of("patterns"))
        return opts

    def rule_needs(self, rule: Rule) -> frozenset[str]:
        needs = set()

        def walk(obj):
            if isinstance(obj, dict):
                for k, v in obj.items():
                    if isinstance(k, str) and k.upper() in _NEEDS:
                        needs.add(_NEEDS[k.upper()])
                    walk(v)
            elif isinstance(obj, list):
                for v in obj:
                    walk(v)

        walk(rule.options["patterns"])
        return frozenset(needs)

    def register(self, rule: Rule, matchers) -> None:
        matchers.add_patterns(rule, rule.options["patterns"])
