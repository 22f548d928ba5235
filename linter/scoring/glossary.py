"""Glossary terms: one YAML file per term under ``glossary/``."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.errors import ConfigError
from linter.yamlio import LineDict, describe, load_file

TERM_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
CRITERION_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: Ids are quoted in messages about their term or criterion, so they are kept short.
MAX_ID_LENGTH = 64
TERM_KEYS = {"id", "name", "definition", "explanation", "related", "pass_score", "criteria", "examples", "counter_examples",
             "score_model"}
#: ``score_model:`` values: the draft's score comes from a model learned on labelled posts
#: (``linter/scoring/models/draft.json``) instead of the weighted mean of the criteria.
SCORE_MODELS = ("thought_leadership",)
CRITERION_KEYS = {"id", "name", "weight", "explanation", "detector", "rules", "met_at", "missing", "params"}


@dataclass(frozen=True)
class Criterion:
    id: str
    name: str
    weight: float
    explanation: str
    detector: str
    rules: tuple[str, ...]
    met_at: float
    missing: str | None
    line: int
    rules_line: int | None = None
    #: the detector's parameters (its parameter class), with those under ``params:`` applied;
    #: None for a detector that declares none
    params: Any = None


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    definition: str
    explanation: str
    related: tuple[str, ...]
    pass_score: float | None
    criteria: tuple[Criterion, ...]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    file: str
    related_line: int | None = None
    score_model: str | None = None

    @property
    def scorable(self) -> bool:
        return bool(self.criteria)


@dataclass(frozen=True)
class Glossary:
    terms: dict

    def get(self, term_id: str) -> Term | None:
        return self.terms.get(term_id)


def _text(raw: LineDict, key: str, path: str, where: str, required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: '{key}' must be a non-empty string", path, raw.line_of(key))
    return " ".join(value.split())


def _number(raw: LineDict, key: str, path: str, where: str, default=None, lo=0.0, hi=None):
    if key not in raw:
        if default is None:
            raise ConfigError(f"{where}: missing '{key}'", path, raw.line)
        return default
    value = raw[key]
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < lo
            or (hi is not None and value > hi)):
        bound = f" between {lo:g} and {hi:g}" if hi is not None else f" of at least {lo:g}"
        raise ConfigError(f"{where}: '{key}' must be a number{bound}", path, raw.line_of(key))
    return float(value)


def _params(raw: LineDict, path: str, where: str, detector: str, entry):
    """The detector's parameters, with the criterion's ``params:`` applied: each name must
    be one the detector declares, each value a number in its range (``detectors.params``)."""
    params_type = getattr(entry, "params", None)
    given = raw.get("params", {})
    if not isinstance(given, dict):
        raise ConfigError(f"{where}: 'params' must be a mapping of parameter names to numbers", path,
                          raw.line_of("params"))
    if params_type is None:
        if given:
            raise ConfigError(f"{where}: detector '{detector}' takes no parameters", path, raw.line_of("params"))
        return None
    from linter.scoring.detectors.params import declared

    known = {p.name: p for p in declared(params_type)}
    values = {}
    for name, value in given.items():
        line = given.line_of(name) if isinstance(given, LineDict) else raw.line_of("params")
        p = known.get(name) if isinstance(name, str) else None
        if p is None:
            raise ConfigError(f"{where}: unknown parameter {describe(name)} for detector '{detector}' (known: "
                              f"{', '.join(known)})", path, line)
        checked = p.check(value)
        if checked is None:
            raise ConfigError(f"{where}: parameter '{name}' must be {p.bounds()}, not {describe(value)}", path, line)
        values[name] = checked
    return params_type(**values)


def _criterion(raw, path: str, term_id: str, detectors, line: int | None = None) -> Criterion:
    if not isinstance(raw, LineDict):
        raise ConfigError(f"term '{term_id}': each criterion must be a mapping", path, line)
    cid = raw.get("id")
    if not isinstance(cid, str) or len(cid) > MAX_ID_LENGTH or not CRITERION_ID.match(cid):
        raise ConfigError(f"term '{term_id}': criterion id {describe(cid)} must be snake_case", path, raw.line)
    where = f"criterion '{cid}'"
    unknown = set(raw) - CRITERION_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"{where}: unknown key {describe(key)}", path, raw.line_of(key))
    detector = raw.get("detector", cid)
    if not isinstance(detector, str) or detector not in detectors:
        raise ConfigError(f"{where}: unknown detector {describe(detector)} (one of: {', '.join(sorted(detectors))})",
                          path, raw.line_of("detector"))
    rules = raw.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ConfigError(f"{where}: 'rules' must be a list of rule ids", path, raw.line_of("rules"))
    return Criterion(
        id=cid,
        name=_text(raw, "name", path, where, required=False) or cid.replace("_", " ").capitalize(),
        weight=_number(raw, "weight", path, where, lo=0.0),
        explanation=_text(raw, "explanation", path, where),
        detector=detector,
        rules=tuple(rules),
        met_at=_number(raw, "met_at", path, where, default=0.5, hi=1.0),
        missing=_text(raw, "missing", path, where, required=False) or None,
        line=raw.line,
        rules_line=raw.line_of("rules") if "rules" in raw else None,
        params=_params(raw, path, where, detector, detectors[detector] if isinstance(detectors, dict) else None),
    )


def load_term_file(path: Path, detectors) -> Term:
    p = str(path)
    raw = load_file(path)
    if not isinstance(raw, LineDict):
        raise ConfigError("a glossary file must be a mapping", p, 1)
    tid = raw.get("id", path.stem)
    if not isinstance(tid, str) or len(tid) > MAX_ID_LENGTH or not TERM_ID.match(tid):
        raise ConfigError(f"term id {describe(tid)} must be lowercase words joined by hyphens", p, raw.line_of("id"))
    unknown = set(raw) - TERM_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"term '{tid}': unknown key {describe(key)}", p, raw.line_of(key))
    crits_raw = raw.get("criteria", [])
    if not isinstance(crits_raw, list):
        raise ConfigError(f"term '{tid}': 'criteria' must be a list", p, raw.line_of("criteria"))
    criteria = tuple(_criterion(c, p, tid, detectors, crits_raw.line_at(i) if hasattr(crits_raw, "line_at") else None)
                     for i, c in enumerate(crits_raw))
    ids = [c.id for c in criteria]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ConfigError(f"term '{tid}': duplicate criterion '{sorted(dup)[0]}'", p, raw.line_of("criteria"))
    if criteria and sum(c.weight for c in criteria) <= 0:
        raise ConfigError(f"term '{tid}': the criteria's weights add up to zero", p, raw.line_of("criteria"))
    score_model = raw.get("score_model")
    if score_model is not None and score_model not in SCORE_MODELS:
        raise ConfigError(f"term '{tid}': 'score_model' must be one of {', '.join(SCORE_MODELS)}, not "
                          f"{describe(score_model)}", p, raw.line_of("score_model"))
    related = raw.get("related", [])
    examples = raw.get("examples", [])
    counter = raw.get("counter_examples", [])
    for key, value in (("related", related), ("examples", examples), ("counter_examples", counter)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"term '{tid}': '{key}' must be a list of strings", p, raw.line_of(key))
    return Term(
        id=tid,
        name=_text(raw, "name", p, f"term '{tid}'"),
        definition=_text(raw, "definition", p, f"term '{tid}'"),
        explanation=_text(raw, "explanation", p, f"term '{tid}'", required=False),
        related=tuple(related),
        pass_score=_number(raw, "pass_score", p, f"term '{tid}'", hi=100.0) if "pass_score" in raw else None,
        criteria=criteria,
        examples=tuple(" ".join(e.split()) for e in examples),
        counter_examples=tuple(" ".join(e.split()) for e in counter),
        file=p,
        related_line=raw.line_of("related") if "related" in raw else None,
        score_model=score_model,
    )


def load_glossary(directories, detectors) -> Glossary:
    terms: dict[str, Term] = {}
    for directory in directories:
        directory = Path(directory)
        if not directory.is_dir():
            raise ConfigError("glossary folder not found", str(directory))
        for path in sorted(directory.glob("*.y*ml")):
            term = load_term_file(path, detectors)
            if term.id in terms and Path(terms[term.id].file).parent == directory:
                raise ConfigError(f"duplicate term '{term.id}' (also in {terms[term.id].file})", str(path), 1)
            terms[term.id] = term  # a later folder (a team's own) overrides a packaged term
    for term in terms.values():
        for rel in term.related:
            if rel not in terms:
                raise ConfigError(f"term '{term.id}': related term {describe(rel)} is not in the glossary", term.file,
                                  term.related_line)
    return Glossary(terms)
