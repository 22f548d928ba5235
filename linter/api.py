"""The orchestrator: the only module that knows the order of the stages.

path -> Source -> Draft -> Analysis -> findings -> scores -> FileReport -> Report
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from linter import __version__
from linter.config import DEFAULT_FAIL_UNDER, Config
from linter.errors import ConfigError, DraftlintError, InputError
from linter.model import (
    Draft,
    FileReport,
    Finding,
    Location,
    Report,
    ReportedCriterion,
    ReportedEvidence,
    ReportedFinding,
    Source,
)
from linter.rules.engine import rules_need
from linter.rules.registry import RuleSet, load_rules
from linter.scoring.detectors import DETECTORS
from linter.scoring.glossary import Glossary, Term, load_glossary
from linter.source.markdown import parse
from linter.source.reader import DRAFT_SUFFIXES, draft_format, read_path, read_stdin

#: Findings about the draft file itself rather than its prose.
INVALID_FRONT_MATTER = "invalid-front-matter"

#: What the criterion detectors read from the NLP stage.
DETECTOR_NEEDS = frozenset({"sentences", "pos", "lemma", "deps"})


@dataclass(frozen=True)
class Target:
    """One draft to lint: how to show its path, and where to read it from (None: stdin)."""

    display: str
    path: Path | None


def discover(paths: Iterable[str], stdin_name: str = "-") -> Iterator[Target | InputError]:
    """Expand the command line's paths: directories recurse into draft files."""
    for raw in paths:
        if raw == "-":
            yield Target(stdin_name, None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            seen_dirs = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                real = os.path.realpath(root)
                if real in seen_dirs:
                    dirs[:] = []
                    continue
                seen_dirs.add(real)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.lower().endswith(DRAFT_SUFFIXES):
                        found.append(os.path.join(root, name))
            for f in sorted(found):
                yield Target(f, Path(f))
        elif path.exists() or path.is_symlink():
            yield Target(raw, path)
        else:
            yield InputError("no such file or directory", path=raw)


class Linter:
    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.rules: RuleSet = load_rules(self.config.rule_dirs)
        self.glossary: Glossary = load_glossary(self.config.glossary_dirs, DETECTORS)
        self._check_config()
        self.enabled = tuple(r for r in self.rules.rules if self._selected(r))
        self._compiled = None
        self._nlp = None

    # -- configuration ---------------------------------------------------------
    def _check_config(self) -> None:
        known = self.rules.ids | self.rules.categories | {a for r in self.rules.rules for a in r.aliases}
        for name in self.config.select + self.config.ignore + tuple(r for r, _ in self.config.severity):
            if name not in known:
                raise ConfigError(f"unknown rule or category '{name}'")
        term = self.glossary.get(self.config.default_term)
        if term is None:
            raise ConfigError(f"unknown term '{self.config.default_term}'")
        criteria = {c.id for t in self.glossary.terms.values() for c in t.criteria}
        for rule in self.rules.rules:
            if rule.criterion and rule.criterion not in criteria:
                raise ConfigError(f"rule '{rule.id}': unknown criterion '{rule.criterion}'", rule.file, rule.line)

    def _selected(self, rule) -> bool:
        names = {rule.id, rule.category, *rule.aliases}
        if self.config.select and not names & set(self.config.select):
            return False
        return not names & set(self.config.ignore)

    def severity_of(self, rule_id: str, default: str) -> str:
        for rid, sev in self.config.severity:
            if rid == rule_id:
                return sev
        return default

    def term_for(self, draft: Draft) -> Term:
        name = draft.settings.get("term", self.config.default_term)
        term = self.glossary.get(name) if isinstance(name, str) else None
        if term is None:
            raise InputError(f"front matter names unknown term {name!r} (known: {', '.join(sorted(self.glossary.terms))})",
                             path=draft.source.path)
        if not term.scorable:
            raise InputError(f"term '{term.id}' has no criteria, so it cannot score a draft", path=draft.source.path)
        return term

    def fail_under(self, term: Term) -> float:
        if self.config.fail_under is not None:
            return self.config.fail_under
        return term.pass_score if term.pass_score is not None else DEFAULT_FAIL_UNDER

    # -- NLP -------------------------------------------------------------------
    def nlp(self):
        if self._nlp is None:
            from linter.nlp.pipeline import load

            self._nlp = load(self.config.model, rules_need(self.enabled) | DETECTOR_NEEDS)
        return self._nlp

    def compiled(self):
        if self._compiled is None:
            from linter.rules.engine import CompiledRules

            self._compiled = CompiledRules(self.enabled, self.nlp())
        return self._compiled

    # -- the run -----------------------------------------------------------------
    def read(self, target: Target) -> Draft:
        if target.path is None:
            source = read_stdin(target.display)
        else:
            source = read_path(target.path, target.display, self.config.max_file_size)
        return parse(source, draft_format(target.display))

    def lint_paths(self, paths: Iterable[str], stdin_name: str = "-") -> Report:
        return self.lint_targets(discover(paths, stdin_name))

    def lint_text(self, text: str, path: str = "draft.md") -> FileReport:
        draft = parse(Source.from_text(path, text), draft_format(path))
        return self._lint_drafts([draft])[0]

    def lint_targets(self, targets: Iterable[Target | InputError]) -> Report:
        slots: list[FileReport | Draft] = []
        for target in targets:
            if isinstance(target, InputError):
                slots.append(_error_report(target.path or "?", target))
                continue
            try:
                slots.append(self.read(target))
            except DraftlintError as exc:
                slots.append(_error_report(target.display, exc))
        drafts = [s for s in slots if isinstance(s, Draft)]
        reports = iter(self._lint_drafts(drafts))
        files = tuple(next(reports) if isinstance(s, Draft) else s for s in slots)
        return self.report(files)

    def _lint_drafts(self, drafts: list[Draft]) -> list[FileReport]:
        out: list[FileReport] = []
        if not drafts:
            return out
        from linter.nlp.pipeline import analyse

        terms = {}
        ready = []
        for d in drafts:
            try:
                terms[id(d)] = self.term_for(d)
                ready.append(d)
            except DraftlintError as exc:
                terms[id(d)] = exc
        compiled = self.compiled() if ready else None
        analysed = iter(analyse(ready, self.nlp(), self.config.batch_size)) if ready else iter(())
        for d in drafts:
            term = terms[id(d)]
            if isinstance(term, DraftlintError):
                out.append(_error_report(d.source.path, term))
                continue
            analysis = next(analysed)
            out.append(self._finish(analysis, compiled, term))
        return out

    def _finish(self, analysis, compiled, term: Term) -> FileReport:
        from linter.scoring.scorer import score_draft

        draft = analysis.draft
        findings = [
            Finding(rule=INVALID_FRONT_MATTER, severity="error", message=message, start=start, end=end)
            for message, start, end in draft.problems
        ] + [
            f if self.severity_of(f.rule, f.severity) == f.severity else _with_severity(f, self.severity_of(f.rule, f.severity))
            for f in compiled.run(analysis)
        ]
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        scored = score_draft(analysis, findings, term)
        threshold = self.fail_under(term)
        return FileReport(
            path=draft.source.path,
            term=term.id,
            score=scored.score,
            passed=scored.score >= threshold,
            criteria=tuple(_reported_criterion(draft.source, c) for c in scored.criteria),
            findings=tuple(_reported(draft.source, f) for f in findings),
        )

    def report(self, files: tuple[FileReport, ...]) -> Report:
        findings = [f for fr in files for f in fr.findings]
        summary = {
            "files": len(files),
            "errors": sum(1 for f in files if f.error),
            "passed": sum(1 for f in files if f.passed),
            "failed": sum(1 for f in files if f.passed is False),
            "findings": len(findings),
            "by_severity": {s: sum(1 for f in findings if f.finding.severity == s) for s in ("error", "warning", "info")},
        }
        threshold = self.config.fail_under if self.config.fail_under is not None else DEFAULT_FAIL_UNDER
        return Report(version=__version__, files=files, fail_under=threshold, summary=summary)


def _with_severity(f: Finding, severity: str) -> Finding:
    from dataclasses import replace

    return replace(f, severity=severity)


def _location(source: Source, start: int, end: int) -> Location:
    line, col = source.line_col(start)
    end_line, end_col = source.line_col(end)
    return Location(line, col, end_line, end_col)


def _reported(source: Source, f: Finding) -> ReportedFinding:
    return ReportedFinding(f, _location(source, f.start, f.end), source.text[f.start:f.end])


def _reported_criterion(source: Source, c) -> ReportedCriterion:
    ev = []
    for e in c.evidence:
        line, col = source.line_col(e.start)
        ev.append(ReportedEvidence(e, line, col))
    return ReportedCriterion(c, tuple(ev))


def _error_report(path: str, exc: DraftlintError) -> FileReport:
    return FileReport(path=path, term=None, score=None, passed=None, error=str(exc))
