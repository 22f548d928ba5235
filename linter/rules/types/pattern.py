"""``pattern``: spaCy Matcher token patterns written in YAML."""

from __future__ import annotations

from linter.errors import ConfigError
from linter.rules.model import Rule
from linter.rules.types.base import RuleType

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
            for token in pattern:
                line = getattr(token, "line", None) or raw.line_of("patterns")
                for key, value in token.items():
                    name = str(key).upper()
                    if name not in TOKEN_KEYS:
                        raise ConfigError(f"rule '{rule.id}': unknown token attribute '{key}' in a pattern "
                                          f"(e.g. LOWER, LEMMA, POS, TAG, DEP, OP)", rule.file, line)
                    if name == "OP" and value not in ("!", "?", "+", "*", "{0}") and not (
                            isinstance(value, str) and value.startswith("{")):
                        raise ConfigError(f"rule '{rule.id}': OP must be one of !, ?, +, * or {{n,m}}, not {value!r}",
                                          rule.file, line)
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
