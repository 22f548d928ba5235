"""Loading and validating rule files: one YAML file per topic under ``rules/``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from linter.errors import ConfigError
from linter.model import SEVERITIES
from linter.rules.model import BLOCK_SCOPES, CONDITIONS, Rule
from linter.yamlio import LineDict, describe, load_file

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: An id is quoted in every message about its rule, so it is kept short.
MAX_ID_LENGTH = 64
COMMON_KEYS = {
    "id", "type", "severity", "message", "description", "suggestion",
    "examples", "skip_in", "unless", "aliases", "enabled",
}


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id or rule_id in rule.aliases:
                return rule
        return None

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules)

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(r.category for r in self.rules)


def _str(raw: LineDict, key: str, rule_id: str, path: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise ConfigError(f"rule '{rule_id}': missing '{key}'", path, raw.line)
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"rule '{rule_id}': '{key}' must be a non-empty string", path, raw.line_of(key))
    return value.strip()


def _str_tuple(raw: LineDict, key: str, rule_id: str, path: str, allowed=None) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"rule '{rule_id}': '{key}' must be a list of strings", path, raw.line_of(key))
    if allowed is not None:
        for v in value:
            if v not in allowed:
                raise ConfigError(
                    f"rule '{rule_id}': unknown {key} value {describe(v)} (one of: {', '.join(allowed)})", path,
                    raw.line_of(key)
                )
    return tuple(value)


TEMPLATE_FIELDS = {"match", "replacement", "value", "threshold"}
#: What each field holds when a finding is made: text, or a number that may be an int
#: (a word count) or a float (a readability score, a threshold written as 12.5).
_SAMPLES = {"match": ("text",), "replacement": ("text",), "value": (3, 2.5), "threshold": (3, 2.5)}
#: The widest field a template may pad to or the most digits it may show: a width of
#: 300000000 would make every finding 300 MB.
MAX_FORMAT_WIDTH = 100
#: Python's standard format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(\d*)[,_]?(?:\.(\d*))?[a-zA-Z%]?", re.S)


def _check_field(name: str, spec: str, conversion: str | None) -> str | None:
    """The problem with one ``{name!conversion:spec}``, or None."""
    raw = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
    shown = raw if len(raw) <= 40 else raw[:36] + "...}"
    if "{" in spec or "}" in spec:
        return "a format spec may not hold another {field}"
    m = _SPEC.fullmatch(spec)
    if m and any(len(n) > 3 or int(n) > MAX_FORMAT_WIDTH for n in m.groups() if n):
        return f"a width or precision in {shown} may be at most {MAX_FORMAT_WIDTH}"
    for sample in _SAMPLES[name]:
        try:
            ("{0" + raw[1 + len(name):]).format(sample)
        except (ValueError, TypeError):
            return f"{shown} cannot format {'a string' if isinstance(sample, str) else 'a number'}"
    return None


def _check_template(text: str | None, key: str, rule_id: str, path: str, line: int) -> None:
    """A message or suggestion may use {match}, {replacement}, {value} and {threshold}
    only, with format specs that work on what each holds and stay small."""
    if text is None:
        return
    from string import Formatter

    try:
        fields = [part[1:] for part in Formatter().parse(text) if part[1] is not None]
    except ValueError as exc:
        raise ConfigError(f"rule '{rule_id}': '{key}' is not a valid template: {exc}", path, line) from None
    for name, spec, conversion in fields:
        if name not in TEMPLATE_FIELDS:
            raise ConfigError(
                f"rule '{rule_id}': '{key}' uses {{{name if len(name) <= 40 else name[:40] + '...'}}}; it may use "
                f"{', '.join('{' + f + '}' for f in sorted(TEMPLATE_FIELDS))} (write {{{{ and }}}} for braces)",
                path, line)
        problem = _check_field(name, spec or "", conversion)
        if problem:
            raise ConfigError(f"rule '{rule_id}': '{key}' is not a valid template: {problem}", path, line)


def parse_rule(raw, path: str, category: str, line: int | None = None) -> Rule:
    from linter.rules.types import RULE_TYPES

    if not isinstance(raw, LineDict):
        raise ConfigError("each entry under 'rules' must be a mapping", path, line)
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or len(rule_id) > MAX_ID_LENGTH or not RULE_ID.match(rule_id):
        raise ConfigError(
            f"rule id {describe(rule_id)} must be lowercase words joined by hyphens, e.g. vague-quantifier", path,
            raw.line
        )
    type_name = raw.get("type")
    if not isinstance(type_name, str):  # a list or mapping cannot be looked up (nor printed in full)
        raise ConfigError(f"rule '{rule_id}': 'type' must be one of {', '.join(RULE_TYPES)}, not {describe(type_name)}",
                          path, raw.line_of("type"))
    rule_type = RULE_TYPES.get(type_name)
    if rule_type is None:
        raise ConfigError(
            f"rule '{rule_id}': unknown type {describe(type_name)} (one of: {', '.join(RULE_TYPES)})", path,
            raw.line_of("type"),
        )
    if "criterion" in raw:  # the term's criteria wire rules in; a rule does not name its criterion
        raise ConfigError(f"rule '{rule_id}': 'criterion' is not a rule key: list the rule under its criterion's "
                          "'rules:' in the term instead", path, raw.line_of("criterion"))
    unknown = set(raw) - COMMON_KEYS - set(rule_type.options)
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"rule '{rule_id}': unknown key {describe(key)} for type '{type_name}'", path,
                          raw.line_of(key))
    severity = raw.get("severity", "warning")
    if severity not in SEVERITIES:
        raise ConfigError(
            f"rule '{rule_id}': severity must be one of {', '.join(SEVERITIES)}, not {describe(severity)}", path,
            raw.line_of("severity"),
        )
    examples = raw.get("examples")
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise ConfigError(f"rule '{rule_id}': 'examples' must be a mapping with 'bad' and 'good' lists", path,
                          raw.line_of("examples"))
    for kind in ("bad", "good"):
        items = examples.get(kind)
        if not isinstance(items, list) or not items or not all(isinstance(x, str) for x in items):
            raise ConfigError(f"rule '{rule_id}': examples.{kind} must be a non-empty list of strings", path,
                              examples.line_of(kind))
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"rule '{rule_id}': 'enabled' must be true or false, not {describe(enabled)}", path,
                          raw.line_of("enabled"))
    _check_template(raw.get("message") if isinstance(raw.get("message"), str) else None, "message", rule_id, path,
                    raw.line_of("message"))
    _check_template(raw.get("suggestion") if isinstance(raw.get("suggestion"), str) else None, "suggestion", rule_id,
                    path, raw.line_of("suggestion"))
    rule = Rule(
        id=rule_id,
        type=type_name,
        severity=severity,
        message=_str(raw, "message", rule_id, path),
        description=_str(raw, "description", rule_id, path),
        suggestion=_str(raw, "suggestion", rule_id, path, required=False),
        examples_bad=tuple(examples["bad"]),
        examples_good=tuple(examples["good"]),
        skip_in=_str_tuple(raw, "skip_in", rule_id, path, BLOCK_SCOPES),
        unless=_str_tuple(raw, "unless", rule_id, path, CONDITIONS),
        aliases=_str_tuple(raw, "aliases", rule_id, path),
        enabled=enabled,
        file=path,
        line=raw.line,
        category=category,
        key_lines=dict(raw.key_lines),
    )
    options = rule_type.validate(rule, raw)
    object.__setattr__(rule, "options", options)
    return rule


def load_rule_file(path: Path) -> list[Rule]:
    data = load_file(path)
    if not isinstance(data, LineDict) or not isinstance(data.get("rules"), list):
        raise ConfigError("a rule file must be a mapping with a 'rules' list", str(path), 1)
    extra = set(data) - {"rules", "category"}
    if extra:
        key = sorted(extra)[0]
        raise ConfigError(f"unknown top-level key {describe(key)}", str(path), data.line_of(key))
    category = data.get("category") or path.stem
    entries = data["rules"]
    return [parse_rule(raw, str(path), category, entries.line_at(i) if hasattr(entries, "line_at") else None)
            for i, raw in enumerate(entries)]


def rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_rules(directories) -> RuleSet:
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for directory in directories:
        directory = Path(directory)
        if not directory.is_dir():
            raise ConfigError("rule folder not found", str(directory))
        for path in rule_files(directory):
            for rule in load_rule_file(path):
                for name in (rule.id, *rule.aliases):
                    if name in seen:
                        other = seen[name]
                        raise ConfigError(
                            f"duplicate rule id '{name}' (first defined in {other.file}:{other.line})",
                            rule.file, rule.line,
                        )
                    seen[name] = rule
                rules.append(rule)
    return RuleSet(tuple(rules))
