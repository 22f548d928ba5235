"""What every rule type implements. Rule types are pure: no I/O, no state between drafts."""

from __future__ import annotations

import math
from typing import Any, Iterable

from linter.errors import ConfigError
from linter.rules.model import RawMatch, Rule


class RuleType:
    name = ""
    #: option name -> (accepted Python types, required?)
    options: dict[str, tuple[tuple[type, ...], bool]] = {}
    #: what the NLP stage must provide (see ``linter.nlp.pipeline.CAPABILITIES``)
    needs: frozenset[str] = frozenset()
    #: True for types that register phrases or token patterns with the shared matchers
    uses_matchers = False

    def validate(self, rule: Rule, raw: dict) -> dict:
        """Check the type-specific options; return them normalised."""
        out = {}
        for key, (types, required) in self.options.items():
            if key not in raw:
                if required:
                    raise ConfigError(f"rule '{rule.id}': type '{self.name}' needs '{key}'", rule.file, rule.line)
                continue
            value = raw[key]
            line = getattr(raw, "line_of", lambda k: rule.line)(key)
            # bool is an int to Python, but `max: true` or `group: true` is a mistake
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                names = " or ".join(t.__name__ for t in types)
                raise ConfigError(f"rule '{rule.id}': '{key}' must be {names}, not {type(value).__name__}",
                                  rule.file, line)
            if isinstance(value, float) and not math.isfinite(value):
                raise ConfigError(f"rule '{rule.id}': '{key}' must be a finite number", rule.file, line)
            out[key] = value
        return out

    def rule_needs(self, rule: Rule) -> frozenset[str]:
        return self.needs

    # Matcher-based types register patterns once per run and turn each match into a RawMatch.
    def register(self, rule: Rule, matchers) -> None:  # pragma: no cover - overridden
        pass

    def on_match(self, rule: Rule, span, key_data: Any, analysis) -> RawMatch | None:
        return RawMatch(rule, span.start_char, span.end_char, {"match": span.text})

    # Other types look at the analysed draft directly.
    def check(self, rule: Rule, analysis) -> Iterable[RawMatch]:
        return ()


def string_list(rule: Rule, raw: dict, key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"rule '{rule.id}': '{key}' must be a non-empty list of strings", rule.file,
                          getattr(raw, "line_of", lambda k: rule.line)(key))
    return [v.strip() for v in value]
