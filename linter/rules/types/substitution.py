"""``substitution``: a phrase with a suggested replacement (``swap: {phrase: replacement}``)."""

from __future__ import annotations

from linter.errors import ConfigError
from linter.rules.model import RawMatch, Rule
from linter.rules.types.base import RuleType
from linter.yamlio import describe


class SubstitutionType(RuleType):
    name = "substitution"
    uses_matchers = True
    options = {"swap": ((dict,), True), "lemma": ((bool,), False)}

    def validate(self, rule: Rule, raw: dict) -> dict:
        opts = super().validate(rule, raw)
        swap = opts["swap"]
        line = raw.line_of("swap")
        # a blank phrase matches nothing as a phrase and crashes the lemma matcher
        if not swap or not all(isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in swap.items()):
            raise ConfigError(f"rule '{rule.id}': 'swap' must map phrases to replacement strings", rule.file, line)
        normalised: dict[str, str] = {}
        for phrase, replacement in swap.items():
            key = " ".join(phrase.split()).lower()
            if key in normalised:
                raise ConfigError(f"rule '{rule.id}': 'swap' has {describe(key)} twice", rule.file, line)
            normalised[key] = replacement
        opts["swap"] = normalised
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
