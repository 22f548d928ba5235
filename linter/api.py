"""The orchestrator: the only module that knows the order of the stages.

path -> Source -> Draft -> Analysis -> findings -> scores -> FileReport -> Report
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import signal
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from linter.builtin import CONTENT_TYPE, NON_ENGLISH_DRAFT
from linter import __version__
from linter.config import DEFAULT_FAIL_UNDER, Config, DraftSettings
from linter.errors import ConfigError, DraftlintError, InputError
from linter.model import (
    Draft,
    FileReport,
    Finding,
    Fix,
    Location,
    Report,
    ReportedCriterion,
    ReportedEvidence,
    ReportedFinding,
    Source,
)
from linter.cache import cache_folder
from linter.discovery import Target, discover, display_name  # noqa: F401  (re-exported)
from linter.resources import data_dir
from linter.rules.engine import rules_need
from linter.rules.registry import RuleSet, load_rules
from linter.scoring.detectors import DETECTORS
from linter.scoring.glossary import Glossary, Term, load_glossary
from linter.source.markdown import parse
from linter.source.reader import draft_format, read_path, read_stdin

#: The finding for a draft that does not read as English.
NOT_ENGLISH = NON_ENGLISH_DRAFT
#: The name that turns on every rule that is off by default, in ``enable``.
ALL_RULES = "all"

#: A worker process is only worth its model load with at least this many drafts.
DRAFTS_PER_WORKER = 8
ZONE_DRAFTS = 64  # drafts analysed in one spaCy memory zone

#: What the criterion detectors read from the NLP stage.
DETECTOR_NEEDS = frozenset({"sentences", "pos", "lemma", "deps"})


class Linter:
    """Rules, glossary and settings for one configuration (one project file, or defaults)."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.rules: RuleSet = load_rules(self.config.rule_dirs)
        self.glossary: Glossary = load_glossary(self.config.glossary_dirs, DETECTORS)
        self.aliases = {a: r.id for r in self.rules.rules for a in r.aliases}
        self._check_config()
        self.enabled = tuple(r for r in self.rules.rules if self._possibly_selected(r))
        self._compiled = None
        self._nlp = None

    # -- configuration ---------------------------------------------------------
    def _config_error(self, message: str, key: str, line: int | None = None) -> ConfigError:
        src = self.config.source
        return ConfigError(message, str(src) if src else None, line or (self.config.line_of(key) if src else None))

    def _check_names(self, names, key: str, line: int | None = None) -> None:
        known = self.rules.ids | self.rules.categories | set(self.aliases) | {CONTENT_TYPE}
        if key in ("enable", "overrides"):
            known = known | {ALL_RULES}
        from_file = line is not None or (self.config.source is not None and self.config.line_of(key) is not None)
        for name in names:
            if name not in known:
                where = f" in '{key}'" if from_file else ""
                raise self._config_error(f"unknown rule or category '{name}'{where}", key, line)

    def _check_term(self, name: str, key: str, line: int | None = None) -> None:
        term = self.glossary.get(name)
        if term is None:
            raise self._config_error(
                f"unknown term '{name}' (known: {', '.join(sorted(self.glossary.terms))})", key, line)
        if not term.scorable:
            raise self._config_error(f"term '{name}' has no criteria, so it cannot score a draft", key, line)

    def _check_config(self) -> None:
        c = self.config
        self._check_names(c.select, "select")
        self._check_names(c.ignore, "ignore")
        self._check_names(c.enable, "enable")
        self._check_names([r for r, _ in c.severity], "severity")
        self._check_term(c.default_term, "term")
        for ov in c.overrides:
            self._check_names(ov.select or (), "overrides", ov.line)
            self._check_names(ov.ignore, "overrides", ov.line)
            self._check_names(ov.enable, "overrides", ov.line)
            self._check_names([r for r, _ in ov.severity], "overrides", ov.line)
            if ov.term:
                self._check_term(ov.term, "overrides", ov.line)
        known = self.rules.ids | set(self.aliases)
        packaged = data_dir("glossary").resolve()
        for term in self.glossary.terms.values():
            if Path(term.file).resolve().parent == packaged:
                continue  # the packaged terms name packaged rules, which an API caller may leave out
            for cr in term.criteria:
                for rid in cr.rules:
                    if rid not in known:
                        raise ConfigError(f"criterion '{cr.id}': unknown rule '{rid}' in 'rules'", term.file,
                                          cr.rules_line or cr.line)

    @staticmethod
    def _selected(rule, select, ignore, enable=()) -> bool:
        """A rule runs when ``select`` names it (or its category), or, with no ``select``, when
        it is on by default or ``enable`` turns it on; ``ignore`` always wins."""
        names = {rule.id, rule.category, *rule.aliases}
        if select:
            if not names & set(select):
                return False
        elif not rule.enabled and not names & set(enable) and ALL_RULES not in enable:
            return False
        return not names & set(ignore)

    def _possibly_selected(self, rule) -> bool:
        """Enabled for at least one draft: by the base settings or by some override."""
        c = self.config
        choices = [(c.select, c.ignore, c.enable)] + [
            (o.select if o.select is not None else c.select, c.ignore + o.ignore, c.enable + o.enable)
            for o in c.overrides]
        return any(self._selected(rule, sel, ign, ena) for sel, ign, ena in choices)

    def term_for(self, draft: Draft, settings: DraftSettings) -> Term:
        name = draft.settings.get("term", settings.term or self.config.default_term)
        term = self.glossary.get(name) if isinstance(name, str) else None
        line = draft.settings_lines.get("term") if "term" in draft.settings else None
        if term is None:
            raise InputError(f"front matter names unknown term {name!r} (known: {', '.join(sorted(self.glossary.terms))})",
                             path=draft.source.path, line=line)
        if not term.scorable:
            raise InputError(f"term '{term.id}' has no criteria, so it cannot score a draft", path=draft.source.path,
                             line=line)
        return term

    def wiring(self, term: Term) -> dict[str, str]:
        """Rule id -> the id of the term's criterion whose ``rules:`` list names it (by id or
        alias): the one link between rules and criteria."""
        return {self.aliases.get(rid, rid): c.id for c in term.criteria for rid in c.rules}

    def fail_under(self, term: Term, settings: DraftSettings | None = None) -> float:
        if settings is not None and settings.fail_under is not None:
            return settings.fail_under
        if self.config.fail_under is not None:
            return self.config.fail_under
        return term.pass_score if term.pass_score is not None else DEFAULT_FAIL_UNDER

    # -- NLP -------------------------------------------------------------------
    def nlp(self):
        if self._nlp is None:
            from linter.nlp.pipeline import load

            self._nlp = load(self.config.model, rules_need(self.enabled) | DETECTOR_NEEDS)
            # The model's hundreds of thousands of objects live as long as the run; keep the
            # cyclic garbage collector from walking them again at every full collection.
            gc.freeze()
        return self._nlp

    def compiled(self):
        if self._compiled is None:
            from linter.rules.engine import CompiledRules

            self._compiled = CompiledRules(self.enabled, self.nlp())
        return self._compiled

    # -- the run -----------------------------------------------------------------
    def read(self, target: Target) -> Draft:
        return parse(self.read_source(target), draft_format(target.display))

    def lint_paths(self, paths: Iterable[str], stdin_name: str = "-") -> Report:
        """Lint with this configuration alone (no project files are looked up)."""
        return self.report(tuple(self.lint_targets(discover(paths, stdin_name))))

    def lint_text(self, text: str, path: str = "draft.md") -> FileReport:
        clock = _Clock(self.config.time_budget)
        source = Source.from_text(path, text)
        try:
            with clock.running():
                draft = parse(source, draft_format(path))
        except (DraftTimeout, MemoryError) as exc:
            return _error_report(path, clock.failure(path, exc))
        return self._lint_drafts([draft], clocks={id(draft): clock})[0]

    def read_source(self, target: Target) -> Source:
        if target.path is None:
            return read_stdin(target.display, self.config.max_file_size)
        return read_path(target.path, target.display, self.config.max_file_size)

    def settings_key(self, path: str) -> str:
        """Everything in the config that can change one draft's report."""
        settings = self.config.settings_for(path if path != "-" else None)
        return repr((settings, self.config.default_term, self.config.term_chosen, self.config.fail_under,
                     self.config.fail_level, self.config.model, self.config.repeat_limit))

    def lint_targets(self, targets: Iterable[Target | InputError], progress=None, cache=None) -> list[FileReport]:
        """Reports in the order of ``targets``. Drafts are read, analysed and dropped a
        group at a time, so memory does not grow with the number of drafts."""
        slots: list[FileReport | None] = []
        group: list[tuple[int, Source, str | None, _Clock]] = []

        def flush() -> None:
            drafts, keys, clocks = [], [], {}
            for index, source, key, clock in group:
                try:
                    with clock.running():
                        draft = parse(source, draft_format(source.path))
                except DraftlintError as exc:
                    slots[index] = _error_report(source.path, exc)
                    continue
                except (DraftTimeout, MemoryError) as exc:
                    slots[index] = _error_report(source.path, clock.failure(source.path, exc))
                    continue
                drafts.append(draft)
                keys.append((index, key))
                clocks[id(draft)] = clock
            for (index, key), report in zip(keys, self._lint_drafts(drafts, progress, clocks)):
                slots[index] = report
                if cache is not None and key is not None and not report.error:
                    cache.put(key, report)
            group.clear()

        for target in targets:
            if isinstance(target, InputError):
                slots.append(_error_report(target.path or "?", target))
                continue
            clock = _Clock(self.config.time_budget)
            try:
                with clock.running():
                    source = self.read_source(target)
            except DraftlintError as exc:
                slots.append(_error_report(target.display, exc))
                continue
            except (DraftTimeout, MemoryError) as exc:
                slots.append(_error_report(target.display, clock.failure(target.display, exc)))
                continue
            key = None
            if cache is not None:
                key = cache.key(target.display, source.text, self.settings_key(target.display))
                hit = cache.get(key)
                if hit is not None:
                    slots.append(hit)
                    if progress is not None:
                        progress(target.display)
                    continue
            group.append((len(slots), source, key, clock))
            slots.append(None)
            if len(group) >= ZONE_DRAFTS:
                flush()
        flush()
        return slots  # type: ignore[return-value]

    def _lint_drafts(self, drafts: list[Draft], progress=None, clocks: dict | None = None) -> list[FileReport]:
        """Reports for ``drafts``, in order. Each draft's clock (``clocks``, by draft id)
        runs while draftlint works towards that draft's report; a draft over its budget,
        or one that runs out of memory, gets an error report and the others go on."""
        out: list[FileReport] = []
        if not drafts:
            return out
        from linter.nlp.pipeline import analyse

        clocks = clocks or {}
        plans = {}
        ready = []
        for d in drafts:
            settings = self.config.settings_for(d.source.path if d.source.path != "-" else None)
            try:
                plans[id(d)] = (settings, self.term_for(d, settings))
                ready.append(d)
            except DraftlintError as exc:
                plans[id(d)] = exc
        compiled = self.compiled() if ready else None  # built outside the memory zone: it must outlive it
        # spaCy frees the strings and words a memory zone added when it ends, so a long run's
        # memory stays flat (lint_targets passes at most ZONE_DRAFTS drafts at a time);
        # nothing made from a Doc outlives its zone.
        with self._memory_zone():
            shared = None  # the pass over the pieces of ready[position:], while it lasts
            position = 0
            for d in drafts:
                plan = plans[id(d)]
                if isinstance(plan, DraftlintError):
                    out.append(_error_report(d.source.path, plan))
                else:
                    clock = clocks.get(id(d)) or _Clock(self.config.time_budget)
                    position += 1
                    if shared is None:
                        shared = iter(analyse(ready[position - 1:], self.nlp(), self.config.batch_size))
                    try:
                        analysis, shared = self._analysed(d, clock, shared, alone=position == len(ready))
                    except (DraftTimeout, MemoryError) as exc:
                        shared = None  # broken off: the drafts after this one start a new pass
                        out.append(_error_report(d.source.path, clock.failure(d.source.path, exc)))
                    else:
                        try:
                            with clock.running():
                                out.append(self._finish(analysis, compiled, *plan))
                        except (DraftTimeout, MemoryError) as exc:
                            out.append(_error_report(d.source.path, clock.failure(d.source.path, exc)))
                if progress is not None:
                    progress(d.source.path)
        return out

    def _analysed(self, draft: Draft, clock: "_Clock", shared, alone: bool):
        """``draft``'s analysis from the shared pass, and the pass to go on with (None once
        it is broken off).

        The pass reads ahead: while it works towards this draft it may be cutting or
        tagging the next drafts' pieces. So a draft that fails in it, with others in the
        pass, is analysed again alone before the failure is put down to it."""
        from linter.nlp.pipeline import analyse

        spent = clock.spent
        try:
            with clock.running():
                return next(shared), shared
        except (DraftTimeout, MemoryError):
            if alone:
                raise
        clock.spent = spent
        with clock.running():
            return next(iter(analyse([draft], self.nlp(), self.config.batch_size))), None

    def _memory_zone(self):
        if self._nlp is not None and hasattr(self._nlp, "memory_zone"):
            return self._nlp.memory_zone()
        return contextlib.nullcontext()

    def _finish(self, analysis, compiled, settings: DraftSettings, term: Term) -> FileReport:
        from linter.scoring import scorer
        from linter.suppression import apply as apply_suppressions

        draft = analysis.draft
        # the draft's one reading (sentences, their figures and readings, word counts), read by
        # the rules' sentence conditions and by the detectors alike
        reading = scorer.read(analysis)
        raw = [
            Finding(rule=rule, severity=severity, message=message, start=start, end=end)
            for rule, severity, message, start, end in draft.problems
        ] + compiled.run(analysis, reading)
        from linter.nlp.language import looks_english

        if not looks_english(analysis.doc, draft.prose) and draft.blocks:
            first = draft.blocks[0]
            raw.append(Finding(rule=NOT_ENGLISH, severity="info", start=first.source_start, end=first.source_start,
                               message="this draft does not read as English; draftlint's rules and criteria "
                                       "assume English, so its findings and score may not apply"))
        findings = []
        for f in raw:
            rule = self.rules.get(f.rule)
            if rule is not None and not self._selected(rule, settings.select, settings.ignore, settings.enable):
                continue
            severity = _severity(settings.severity, rule, f.severity)
            findings.append(f if severity == f.severity else replace(f, severity=severity))
        findings, suppressed = apply_suppressions(draft, findings, set(self.rules.ids), self.aliases)
        from linter.overlaps import most_specific

        findings = most_specific(findings, self.rules)
        # A criterion's ``rules:`` list in the term is the one link between rules and criteria.
        wired = self.wiring(term)
        findings = [f if f.criterion == wired.get(f.rule) else replace(f, criterion=wired.get(f.rule))
                    for f in findings]
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        scored = scorer.score_draft(reading, findings, term)
        chosen = "term" in draft.settings or settings.term is not None or self.config.term_chosen
        wanted = (not settings.select or CONTENT_TYPE in settings.select) and CONTENT_TYPE not in settings.ignore
        if scored.content_type and not chosen and wanted and draft.blocks:
            from linter.scoring.content_type import hint

            message = hint(scored.content_type[0], term.id)
            if message:
                first = draft.blocks[0]
                findings.append(Finding(rule=CONTENT_TYPE, severity="info", message=message,
                                        start=first.source_start, end=first.source_start))
                findings.sort(key=lambda f: (f.start, f.end, f.rule))
        from linter.repeats import fold

        text = draft.source.text
        fixes = tuple(Fix(f.start, f.end, text[f.start:f.end], f.fix) for f in findings if f.fix is not None)
        findings = fold(findings, self.config.repeat_limit)
        threshold = self.fail_under(term, settings)
        return FileReport(
            path=draft.source.path,
            term=term.id,
            score=scored.score,
            passed=scored.score >= threshold,
            criteria=tuple(_reported_criterion(draft.source, c) for c in scored.criteria),
            findings=tuple(_reported(draft.source, f) for f in findings),
            suppressed=suppressed,
            fail_under=threshold,
            fail_level=self.config.fail_level,
            fixes=fixes,
        )

    def report(self, files: tuple[FileReport, ...]) -> Report:
        return build_report(files, self.config.fail_level, self.rules.rules)


def _severity(overrides: dict, rule, default: str) -> str:
    if rule is None:
        return default
    for name in (rule.id, *rule.aliases, rule.category):
        if name in overrides:
            return overrides[name]
    return default


def build_report(files, fail_level: str = "error", rules=()) -> Report:
    files = tuple(files)
    findings = [f for fr in files for f in fr.findings]
    summary = {
        "files": len(files),
        "errors": sum(1 for f in files if f.error),
        "passed": sum(1 for f in files if f.passed),
        "failed": sum(1 for f in files if f.passed is False),
        "findings": len(findings),
        "suppressed": sum(f.suppressed for f in files),
        "by_severity": {s: sum(1 for f in findings if f.finding.severity == s) for s in ("error", "warning", "info")},
    }
    return Report(version=__version__, files=files, fail_level=fail_level, summary=summary, rules=tuple(rules))


def lint(paths: Iterable[str], flags: dict | None = None, config_file: Path | None = None, stdin_name: str = "-",
         progress=None, jobs: int | None = None, cache_dir: Path | None = None, use_cache: bool = True,
         filter_files: bool = False, warn=None) -> Report:
    """Lint paths the way the command line does: each draft with the project file found
    above it (or ``config_file``), per-path overrides, then ``flags``; results cached, and
    spread over ``jobs`` processes (default: one per core, each with at least 8 drafts).
    Include/exclude patterns apply to drafts found in folders, and to named files too when
    ``filter_files`` (the files of ``--diff``, and those of ``--force-exclude``, were not chosen by hand). ``jobs`` is capped
    at the cores this process may run on; ``warn`` gets a one-line text when it is."""
    from linter.config.loader import config_for, find_config

    flags = flags or {}
    cores = available_cores()
    if jobs and jobs > cores:
        if warn is not None:
            warn(f"{jobs} jobs asked for, but only {cores} CPU core(s) are available: using {cores}")
        jobs = cores
    broken: dict = {}
    configs: dict = {}
    groups: dict = {}
    order: list = []
    for target in discover(paths, stdin_name):
        if isinstance(target, InputError):
            order.append(target)
            continue
        if target.path is not None:
            folder = target.path.parent
        else:  # stdin: the config is the one its --stdin-filename would have
            folder = (Path.cwd() / stdin_name).parent if stdin_name != "-" else Path.cwd()
        try:
            config = config_for(folder, config_file)
            key = config.source
            if key in broken:
                raise broken[key]
            chosen = target.display in _explicit(paths) and not filter_files
            if target.path is not None and not chosen and not config.wants(target.path):
                continue  # excluded by the project's include/exclude patterns
            if key not in configs:
                if config.source is not None and (flags.get("select") or flags.get("ignore") or flags.get("enable")):
                    Linter(config)  # the project file must be valid even where flags override it
                _linter_for(config.with_flags(**flags))  # validate config, rules and glossary up front
                configs[key] = config.with_flags(**flags)
        except ConfigError as exc:
            if config_file is not None or not (exc.path or "").strip() or _is_packaged(exc.path):
                raise  # a bad --config file, flag or installation stops the run
            broken.setdefault(find_config(folder.resolve()), exc)
            order.append(_error_report(target.display, exc))  # one bad project stops only its drafts
            continue
        groups.setdefault(key, []).append(target)
        order.append((key, len(groups[key]) - 1))
    if broken and not groups:
        raise next(iter(broken.values()))  # nothing could be linted: the config error is the whole story
    stdin_used = any(t.path is None for ts in groups.values() for t in ts)
    total = sum(len(ts) for ts in groups.values())
    if progress is not None and hasattr(progress, "start"):
        progress.start(total)  # the count comes from this one walk of the folders
    if stdin_used:
        jobs = 1
    elif jobs:
        jobs = max(1, min(jobs, total))
    else:  # a worker costs a model load (about a second), so give each at least 8 drafts
        jobs = max(1, min(cores, total // DRAFTS_PER_WORKER))
    cache_dirs = {key: cache_folder(cfg, cache_dir) for key, cfg in configs.items()} if use_cache else {}
    if jobs == 1:
        results = {key: _run_group(configs[key], targets, cache_dirs.get(key), progress) for key, targets in groups.items()}
    else:
        results = _run_parallel(configs, groups, cache_dirs, jobs, progress)
    _prune_caches(cache_dirs.values())
    files = [_error_report(item.path or "?", item) if isinstance(item, InputError)
             else item if isinstance(item, FileReport) else results[item[0]][item[1]] for item in order]
    fail_level = next(iter(configs.values())).fail_level if configs else flags.get("fail_level", "error")
    rules: dict = {}
    for config in configs.values():
        for rule in _linter_for(config).rules.rules:
            rules.setdefault(rule.id, rule)
    return build_report(files, fail_level or "error", tuple(rules.values()))


_LINTERS: dict = {}


def _linter_for(config: Config) -> Linter:
    if config not in _LINTERS:
        _LINTERS[config] = Linter(config)
    return _LINTERS[config]


def _prune_caches(folders) -> None:
    """Prune each cache folder a run used (at most once a day each: see ``cache.prune``)."""
    from linter.cache import prune

    for folder in dict.fromkeys(f for f in folders if f is not None):
        prune(folder)


def _run_group(config: Config, targets, cache_dir: Path | None, progress=None) -> list[FileReport]:
    linter = _linter_for(config)
    cache = None
    if cache_dir is not None:
        from linter.cache import Cache, code_fingerprint, files_fingerprint, model_fingerprint

        salt = "|".join((code_fingerprint(), files_fingerprint(config.rule_dirs + config.glossary_dirs),
                         model_fingerprint(config.model)))
        cache = Cache(cache_dir, salt)
    return linter.lint_targets(targets, progress, cache)


def available_cores() -> int:
    """The CPU cores this process may run on (its affinity mask where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


#: The error for a draft whose worker process died under it, even when it ran alone.
WORKER_LOST = "the process linting this draft was killed (out of memory?), so it has no report"


def _run_parallel(configs, groups, cache_dirs, jobs: int, progress) -> dict:
    """Spread each group's drafts over worker processes, in chunks; keep the order.

    A worker that dies (the OOM killer, a crash in compiled code) breaks the whole pool,
    and every chunk not yet back is lost with it. Those drafts are linted again one at a
    time in a pool of one worker, so a second death names exactly the draft that caused
    it: that draft gets an error report and the others their real findings."""
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    tasks = []
    for key, targets in groups.items():
        size = max(1, min(32, -(-len(targets) // (jobs * 4))))
        for start in range(0, len(targets), size):
            tasks.append((key, start, targets[start:start + size]))
    results = {key: [None] * len(targets) for key, targets in groups.items()}

    def done(key, start, chunk, reports) -> None:
        results[key][start:start + len(chunk)] = reports
        if progress is not None:
            for target in chunk:
                progress(target.display)

    lost = []
    with _pool(jobs) as pool:
        futures = {pool.submit(_run_group, configs[key], chunk, cache_dirs.get(key)): (key, start, chunk)
                   for key, start, chunk in tasks}
        for future in as_completed(futures):
            key, start, chunk = futures[future]
            try:
                reports = future.result()
            except BrokenProcessPool:
                lost.extend((key, start + i, [target]) for i, target in enumerate(chunk))
                continue
            done(key, start, chunk, reports)
    lost.sort(key=lambda task: (list(groups).index(task[0]), task[1]))
    while lost:
        with _pool(1) as pool:
            while lost:
                key, index, chunk = lost.pop(0)
                try:
                    reports = pool.submit(_run_group, configs[key], chunk, cache_dirs.get(key)).result()
                except BrokenProcessPool:
                    done(key, index, chunk, [_error_report(chunk[0].display,
                                                           InputError(WORKER_LOST, path=chunk[0].display))])
                    break  # this pool is gone too: the rest go to a new one
                done(key, index, chunk, reports)
    return results


def _pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def _is_packaged(path: str) -> bool:
    try:
        return Path(path).resolve().is_relative_to(data_dir("rules").resolve().parent)
    except (OSError, ValueError):
        return False


def _explicit(paths: Iterable[str]) -> set[str]:
    return {p for p in paths if p != "-" and not os.path.isdir(p)}  # isdir: False, not an error, for an unreadable path


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


# -- one draft's budget ----------------------------------------------------------------

class DraftTimeout(BaseException):
    """A draft's time budget ran out. A BaseException, so that the guards that turn a
    failing rule or parser batch into a finding (``except Exception``) let it through."""


class _Clock:
    """One draft's time budget, spent over its stages: reading, parsing, its share of the
    analysis and its rules and scoring.

    The budget is enforced by SIGALRM, which interrupts pure-Python loops and the regex
    engine alike (CPython's ``re`` checks for signals while it backtracks). Signals only
    reach the main thread, so elsewhere (an API caller's thread) the clock is not armed."""

    def __init__(self, budget: float | None):
        self.budget = budget
        self.spent = 0.0

    @property
    def armed(self) -> bool:
        return (self.budget is not None and 0 < self.budget < math.inf and hasattr(signal, "setitimer")
                and threading.current_thread() is threading.main_thread())

    @contextlib.contextmanager
    def running(self):
        if not self.armed:
            yield
            return
        left = self.budget - self.spent
        if left <= 0:
            raise DraftTimeout
        live = True

        def alarm(signum, frame):
            if live:  # not once the block is over: a late alarm must not escape the finally
                raise DraftTimeout

        previous = signal.signal(signal.SIGALRM, alarm)
        outer, _ = signal.setitimer(signal.ITIMER_REAL, left)
        started = time.monotonic()
        try:
            yield
        finally:
            live = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            elapsed = time.monotonic() - started
            self.spent += elapsed
            if outer:  # someone else's alarm was pending: put it back, less the time spent
                signal.setitimer(signal.ITIMER_REAL, max(outer - elapsed, 0.001))

    def failure(self, path: str, exc: BaseException) -> InputError:
        if isinstance(exc, MemoryError):
            return InputError("ran out of memory while linting this draft", path=path)
        return InputError(f"took longer than the time budget of {self.budget:g} s (raise it with time_budget)",
                          path=path)
