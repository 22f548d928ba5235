"""``pattern``: spaCy Matcher token patterns written in YAML."""

from __future__ import annotations

from linter.errors import ConfigError
from linter.rules.model import Rule
from linter.rules.types.base import RuleType

_NEEDS = {"POS": "pos", "TAG": "pos", "MORPH": "pos", "LEMMA": "lemma", "DEP": "deps", "ENT_TYPE": "entities",
          "ENT_IOB": "entities", "ENT_ID": "entities", "SENT_START": "sentences", "IS_SENT_START": "sentences"}


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
