"""``phrases``: words and phrases matched case-insensitively, optionally on lemmas."""

from __future__ import annotations

from linter.rules.model import Rule
from linter.rules.types.base import RuleType, string_list


class PhrasesType(RuleType):
    name = "phrases"
    uses_matchers = True
    options = {"phrases": ((list,), True), "lemma": ((bool,), False)}

    def validate(self, rule: Rule, raw: dict) -> dict:
        opts = super().validate(rule, raw)
        opts["phrases"] = string_list(rule, raw, "phrases")
        return opts

    def rule_needs(self, rule: Rule) -> frozenset[str]:
        return frozenset({"lemma"}) if rule.options.get("lemma") else frozenset()

    def register(self, rule: Rule, matchers) -> None:
        if rule.options.get("lemma"):
            matchers.add_lemma_phrases(rule, rule.options["phrases"])
        else:
            matchers.add_phrases(rule, rule.options["phrases"])
