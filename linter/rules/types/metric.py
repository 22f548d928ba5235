"""``metric``: a readability score, or a sentence or paragraph length, against a threshold."""

from __future__ import annotations

from typing import Iterable

from linter.errors import ConfigError
from linter.rules.model import RawMatch, Rule
from linter.nlp.words import word_count
from linter.rules.types.base import RuleType
from linter.yamlio import describe

LENGTH_METRICS = ("sentence_words", "paragraph_words")


class MetricType(RuleType):
    name = "metric"
    options = {
        "metric": ((str,), True),
        "max": ((int, float), False),
        "min": ((int, float), False),
        "min_words": ((int,), False),
    }

    def validate(self, rule: Rule, raw: dict) -> dict:
        from linter.nlp.readability import METRICS  # a plain list; textstat is not imported

        opts = super().validate(rule, raw)
        if opts["metric"] not in METRICS + LENGTH_METRICS:
            raise ConfigError(
                f"rule '{rule.id}': unknown metric {describe(opts['metric'])} "
                f"(one of: {', '.join(METRICS + LENGTH_METRICS)})",
                rule.file, raw.line_of("metric"),
            )
        if ("max" in opts) == ("min" in opts):
            raise ConfigError(f"rule '{rule.id}': give exactly one of 'max' or 'min'", rule.file, rule.line)
        return opts

    def rule_needs(self, rule: Rule) -> frozenset[str]:
        return frozenset({"sentences"})

    def _breaks(self, rule: Rule, value: float) -> tuple[bool, float]:
        if "max" in rule.options:
            return value > rule.options["max"], rule.options["max"]
        return value < rule.options["min"], rule.options["min"]

    def check(self, rule: Rule, analysis) -> Iterable[RawMatch]:
        metric = rule.options["metric"]
        doc = analysis.doc
        if metric == "sentence_words":
            for sent in doc.sents:
                n = word_count(sent)
                bad, limit = self._breaks(rule, n)
                if bad:
                    text = sent.text.rstrip()
                    yield RawMatch(rule, sent.start_char, sent.start_char + len(text),
                                   {"value": n, "threshold": limit})
            return
        min_words = rule.options.get("min_words", 0)
        for block in analysis.draft.blocks:
            if block.kind != "paragraph":
                continue
            span = doc.char_span(block.prose_start, block.prose_end, alignment_mode="expand")
            if span is None:
                continue
            words = word_count(span)
            if words < min_words:
                continue
            if metric == "paragraph_words":
                value = words
            else:
                from linter.nlp.readability import plain_words, score

                text, plain = plain_words(span)
                if plain < min_words:
                    continue  # mostly names, code and links: nothing a formula can judge
                value = round(score(metric, text), 1)
            bad, limit = self._breaks(rule, value)
            if bad:
                yield RawMatch(rule, block.prose_start, block.prose_end, {"value": value, "threshold": limit})
