"""``substitution``: a phrase with a suggested replacement (``swap: {phrase: replacement}``)."""

from __future__ import annotations

from linter.errors import ConfigError
from linter.rules.model import RawMatch, Rule
from linter.rules.types.base import RuleType


class SubstitutionType(RuleType):
    name = "substitution"
    uses_matchers = True
    options = {"swap": ((dict,), True), "lemma": ((bool,), False)}

    def validate(self, rule: Rule, raw: dict) -> dict:
        opts = super().validate(rule, raw)
        swap = opts["swap"]
        if not swap or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            raise ConfigError(f"rule '{rule.id}': 'swap' must map phrases to replacement strings",
                              rule.file, raw.line_of("swap"))
        opts["swap"] = {k.strip().lower(): v for k, v in swap.items()}
        return opts

    def rule_needs(self, rule: Rule) -> frozenset[str]:
        return frozenset({"lemma"}) if rule.options.get("lemma") else frozenset()

    def register(self, rule: Rule, matchers) -> None:
        for phrase, replacement in rule.options["swap"].items():
            if rule.options.get("lemma"):
                matchers.add_lemma_phrases(rule, [phrase], replacement)
            else:
                matchers.add_phrases(rule, [phrase], replacement)

    def on_match(self, rule: Rule, span, key_data, analysis) -> RawMatch:
        return RawMatch(rule, span.start_char, span.end_char, {"match": span.text, "replacement": key_data})
