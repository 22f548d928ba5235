"""The command line. Thin: parse options, call the api, pick a formatter, set the exit code.

Nothing here imports spaCy: ``--help``, ``--version``, ``rules``, ``explain`` and
``glossary`` stay fast. The NLP stage loads only when a draft must be analysed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
import warnings

import click

from linter import __version__
from linter.errors import DraftlintError
from linter.report import FORMATS
from linter.report.escape import terminal

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _State:
    debug = False


class OutputError(DraftlintError):
    """Standard output cannot take the report (a full disk, an I/O error)."""


def _say(kind: str, text: str) -> None:
    """One line on stderr, ``draftlint: <kind>: <text>``, with the text escaped for a terminal
    (file names and messages come from drafts and project files)."""
    click.echo(f"draftlint: {kind}: {terminal(str(text))}", err=True)


def _out(text: str) -> None:
    """Write to stdout now, so a full disk is a one-line error rather than a lost report."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _echo(line: str = "") -> None:
    _out(f"{line}\n")


def _prose(text) -> str:
    """A rule's or term's text from a project file, on one line and escaped for a terminal."""
    return terminal(" ".join(str(text or "").split()))


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of the unwritten report
    fails no more (it would print a second, internal message)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
    except Exception:  # noqa: BLE001 - a stream without a file descriptor (tests)
        pass
    sys.stdout = open(os.devnull, "w")


@contextlib.contextmanager
def _warnings_on_stderr():
    """draftlint's own warnings (a path not read, a cache folder not used) as
    ``draftlint: warning:`` lines; other warnings as Python shows them."""
    from linter.cache import CacheRefused
    from linter.discovery import SkippedPath

    ours = (SkippedPath, CacheRefused)
    with warnings.catch_warnings():
        for category in ours:
            warnings.simplefilter("always", category)
        shown = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if issubclass(category, ours):
                _say("warning", str(message))
            else:
                shown(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield


def _fail(exc: Exception) -> None:
    if _State.debug:
        traceback.print_exc()
    _say("error", str(exc))
    sys.exit(EXIT_ERROR)


def _run(fn):
    """Turn draftlint's own errors into a one-line message and exit code 2."""
    try:
        code = fn()
        _out("")  # flush: a report the disk could not take is an error, not exit 0
        return code
    except click.ClickException:
        raise  # click prints usage errors itself, with exit code 2
    except BrokenPipeError:  # e.g. `draftlint rules | head -1`: the reader has gone, so stop quietly
        _silence_stdout()
        sys.exit(EXIT_OK)
    except DraftlintError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("draftlint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # an internal bug: still one line unless --debug
        if _State.debug:
            raise
        click.echo(terminal(f"draftlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)"),
                   err=True)
        sys.exit(EXIT_ERROR)


def _split(values) -> tuple[str, ...]:
    return tuple(x.strip() for v in values for x in v.split(",") if x.strip())


def _project_linter(config_file=None):
    """A Linter for the project around the current folder (for rules, explain, glossary)."""
    from pathlib import Path

    from linter.api import Linter
    from linter.config.loader import config_for

    return Linter(config_for(Path.cwd(), Path(config_file) if config_file else None))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="draftlint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """draftlint: lint marketing drafts and score them against thought-leadership criteria."""
    _State.debug = debug


class _Progress:
    """A one-line progress bar on stderr, for runs over many drafts on a terminal."""

    def __init__(self, wanted: bool | None):
        self.wanted = wanted  # True: always; None: on a terminal, for 10 or more drafts
        self.enabled = False
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total
        if self.wanted is None:
            self.enabled = sys.stderr.isatty() and total >= 10
        else:
            self.enabled = self.wanted

    def __call__(self, _path: str) -> None:
        self.done += 1
        if self.enabled and self.total:
            width = 30
            filled = int(width * self.done / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} drafts")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled and self.done:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True),
              help="Use this config file instead of looking for one above each draft.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Fail drafts that score below this (default: the term's pass score, 60).")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Findings at or above this severity fail the run (default: error).")
@click.option("--term", default=None, help="Glossary term to score against when a draft names none.")
@click.option("--model", default=None, help="Installed spaCy model package to use.")
@click.option("--select", multiple=True, help="Only these rule ids or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Also skip these rule ids or categories (comma-separated).")
@click.option("--enable", multiple=True,
              help="Also run these rules that are off by default (ids, categories, or all; comma-separated).")
@click.option("--diff", "diff_base", metavar="BASE", default=None,
              help="Lint only drafts changed since this git revision (and untracked ones).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Fail only on findings not in this file; it is written when it does not exist yet.")
@click.option("--update-baseline", is_flag=True, help="Rewrite the --baseline file with today's findings.")
@click.option("--quiet", "-q", is_flag=True,
              help="Print findings only, and one line per draft that fails its score (no scores or summary).")
@click.option("--statistics", is_flag=True,
              help="After the report, count the findings per rule (on stderr unless the format is text).")
@click.option("--stdin-filename", default="-", help="Path to show (and to pick the format and config by) for '-'.")
@click.option("--no-color", is_flag=True, help="Never use colour (NO_COLOR also turns it off).")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal, for 10+ drafts).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="Worker processes (default: one per core, each with at least 8 drafts).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where to keep the result cache (default: .draftlint_cache beside the config file, or here).")
@click.option("--force-exclude", is_flag=True,
              help="Apply the project's include/exclude to files named on the command line too (for pre-commit).")
@click.option("--fix", is_flag=True,
              help="Write the replacements rules name (\"utilize\" -> \"use\") into the drafts, then report what remains.")
@click.option("--dry-run", is_flag=True, help="With --fix: print the changes as a unified diff and write nothing.")
@click.option("--watch", is_flag=True,
              help="After the report, keep watching the paths and report each draft again when it changes.")
def lint(paths, fmt, config_file, fail_under, fail_level, term, model, select, ignore, enable, diff_base, baseline,
         update_baseline, quiet, statistics, stdin_filename, no_color, progress, jobs, no_cache, cache_dir,
         force_exclude, fix, dry_run, watch):
    """Lint drafts (files, folders, or - for stdin) and score them."""

    def go():
        with _warnings_on_stderr():
            return _lint(paths, fmt, config_file, fail_under, fail_level, term, model, select, ignore, diff_base,
                         baseline, update_baseline, quiet, stdin_filename, no_color, progress, jobs, no_cache,
                         cache_dir, statistics, enable, force_exclude, fix, dry_run, watch)

    sys.exit(_run(go))


def _lint(paths, fmt, config_file, fail_under, fail_level, term, model, select, ignore, diff_base, baseline,
          update_baseline, quiet, stdin_filename, no_color, progress, jobs, no_cache, cache_dir,
          statistics=False, enable=(), force_exclude=False, fix=False, dry_run=False, watch=False) -> int:
    from pathlib import Path

    from linter import api
    from linter.report import render

    if update_baseline and not baseline:
        raise DraftlintError("--update-baseline needs --baseline FILE")
    if dry_run and not fix:
        raise DraftlintError("--dry-run needs --fix")
    if fix and "-" in paths:
        raise DraftlintError("--fix writes drafts back to their files, so it cannot fix stdin ('-')")
    if watch and ("-" in paths or diff_base is not None or baseline or fix):
        raise DraftlintError("--watch watches files and folders; it does not combine with '-', --diff, "
                             "--baseline or --fix")
    known = None
    if baseline:  # checked before the lint, so a bad baseline costs no analysis
        from linter import baseline as bl

        if update_baseline or not os.path.exists(baseline):
            bl.check_writable(Path(baseline))
        else:
            known = bl.read(Path(baseline))
    targets = paths
    if diff_base is not None:
        from linter.gitdiff import changed_drafts

        targets = tuple(changed_drafts(diff_base, paths))
        if not targets:
            click.echo(terminal(f"draftlint: no drafts changed since {diff_base}"), err=True)
            if fmt != "text":  # an empty report, so CI steps that read it still work
                _out(render(api.build_report(()), fmt))
            return EXIT_OK
    elif not targets:
        raise click.UsageError("give at least one path (a file, a folder, or - for stdin)")
    flags = {"fail_under": fail_under, "fail_level": fail_level, "default_term": term, "model": model,
             "select": _split(select), "ignore": _split(ignore), "enable": _split(enable)}
    bar = _Progress(progress)
    report = api.lint(targets, flags, Path(config_file) if config_file else None, stdin_filename, bar,
                      jobs=jobs, cache_dir=Path(cache_dir) if cache_dir else None, use_cache=not no_cache,
                      filter_files=diff_base is not None or force_exclude,
                      warn=lambda text: _say("warning", text))
    bar.finish()

    def relint(changed, **options):
        """The drafts ``changed`` linted again with this run's settings (after --fix, or a save)."""
        return api.lint(changed, flags, Path(config_file) if config_file else None, stdin_filename, None,
                        cache_dir=Path(cache_dir) if cache_dir else None, use_cache=not no_cache, **options)

    outcome = None
    if fix:
        report, outcome = _apply_fixes(report, dry_run, lambda changed: relint(changed, jobs=jobs))
        if dry_run:
            return outcome
    if baseline:
        path = Path(baseline)
        if known is None:
            n = bl.write(report, path)
            click.echo(terminal(f"draftlint: wrote {n} finding(s) to the baseline {path}"), err=True)
            return EXIT_OK if not any(fr.error for fr in report.files) else EXIT_ERROR
        report, _hidden = bl.apply(report, known, path)
    color = fmt == "text" and not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    _out(render(report, fmt, color=color, quiet=quiet))
    if statistics:
        from linter.report.statistics import render as render_statistics

        text = render_statistics(report)
        if fmt == "text":
            _out(text)
        else:  # the report on stdout stays one JSON, SARIF or annotation stream
            sys.stderr.write(text)
    shown = set()
    for fr in report.files:
        if fr.error and fr.error not in shown:  # a bad project file is said once
            shown.add(fr.error)
            _say("error", fr.error)
    if outcome == EXIT_ERROR:
        return EXIT_ERROR
    if watch:
        return _watch(paths, lambda changed: relint(changed, jobs=1, filter_files=force_exclude),
                      lambda r: _out(render(r, fmt, color=color, quiet=quiet)))
    return exit_code(report)


def _watch(paths, relint, show) -> int:
    """Report each draft under ``paths`` again whenever it changes, until interrupted. The
    model stays loaded between reports and the result cache skips what did not change; a
    change to the project file is seen by the next run, not this one."""
    from pathlib import Path

    from watchfiles import Change, watch

    from linter.source.reader import DRAFT_SUFFIXES

    roots = [p for p in paths if Path(p).exists()]
    if not roots:
        raise DraftlintError("--watch found nothing to watch")
    click.echo(terminal(f"draftlint: watching {len(roots)} path(s) for changes (Ctrl-C to stop)"), err=True)
    cwd = Path.cwd()
    try:
        for changes in watch(*roots, raise_interrupt=False):
            changed = sorted({_shown_path(path, cwd) for kind, path in changes
                              if kind != Change.deleted and path.lower().endswith(DRAFT_SUFFIXES)
                              and Path(path).is_file()})
            if changed:
                show(relint(changed))
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def _shown_path(path: str, cwd) -> str:
    """A watched file as the first report named it: relative to the working folder when it
    is inside it."""
    from pathlib import Path

    try:
        return str(Path(path).relative_to(cwd))
    except ValueError:
        return path


def _apply_fixes(report, dry_run: bool, relint):
    """Write (or, with ``dry_run``, print as a diff) each draft's fixes; then the report with
    the fixed drafts linted again, and the exit code a dry run ends with (or, after writing,
    EXIT_ERROR when a draft could not be fixed, else None)."""
    from linter.errors import InputError
    from linter.fix import fix_file

    changed, applied, failed = [], 0, False
    for fr in report.files:
        if fr.error or not fr.fixes:
            continue
        try:
            done = fix_file(fr.path, fr.fixes, dry_run=dry_run)
        except InputError as exc:
            _say("error", str(exc))
            failed = True
            continue
        if done.diff:
            changed.append(fr.path)
            applied += done.applied
            if dry_run:
                _out(done.diff)
    verb = "would apply" if dry_run else "applied"
    click.echo(terminal(f"draftlint: {verb} {applied} fix(es) in {len(changed)} draft(s)"
                        + (" (--dry-run: nothing written)" if dry_run else "")), err=True)
    if dry_run:
        return report, EXIT_ERROR if failed else (EXIT_FINDINGS if changed else EXIT_OK)
    if changed:
        from linter.api import build_report

        fresh = {fr.path: fr for fr in relint(changed).files}
        report = build_report((fresh.get(fr.path, fr) for fr in report.files), report.fail_level, report.rules)
    return report, EXIT_ERROR if failed else None


def exit_code(report) -> int:
    from linter.model import SEVERITY_RANK

    if any(fr.error for fr in report.files):
        return EXIT_ERROR
    for fr in report.files:
        level = SEVERITY_RANK.get(fr.fail_level or report.fail_level, 2)
        if fr.passed is False or any(SEVERITY_RANK[rf.finding.severity] >= level for rf in fr.findings):
            return EXIT_FINDINGS
    return EXIT_OK


@main.command(name="eval")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--model", default=None, help="Installed spaCy model package to use.")
@click.option("--verbose", "-v", is_flag=True, help="List every disagreement with the labels.")
def eval_cmd(folder, model, verbose):
    """Measure draftlint against labelled drafts (a folder with labels.tsv)."""

    def go():
        from pathlib import Path

        from linter.api import Linter
        from linter.evaluation import evaluate, render

        ev = evaluate(Linter(_config_for_eval(model)), Path(folder))
        _out(render(ev, verbose=verbose))
        return EXIT_OK

    sys.exit(_run(go))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="The term file to write (for a folder listed under 'glossary:' in your config).")
@click.option("--term", "base", default="thought-leadership", show_default=True,
              help="The term whose criteria are weighed.")
@click.option("--id", "new_id", default=None, help="The new term's id (default: the file name).")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20), help="Cross-validation folds.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def calibrate(folder, out, base, new_id, folds, force):
    """Learn a term's weights and pass mark from labelled drafts (a folder with labels.tsv)."""

    def go():
        import os
        from pathlib import Path

        from linter.api import Linter
        from linter.calibrate import calibrate as run_calibration
        from linter.calibrate import render, term_yaml
        from linter.errors import InputError
        from linter.scoring.glossary import TERM_ID

        target = Path(out)
        term_id = new_id or target.stem
        if not TERM_ID.match(term_id):
            raise InputError(f"term id '{term_id}' must be lowercase words joined by hyphens (use --id)")
        if (target.exists() or target.is_symlink()) and not force:
            raise InputError("already exists (use --force to overwrite)", path=out)
        if not target.parent.is_dir():
            raise InputError("folder not found", path=str(target.parent))
        linter = Linter(_config_for_eval(None))
        cal = run_calibration(linter, Path(folder), base, folds)
        text = term_yaml(linter.glossary.get(base), cal, term_id, folder)
        if target.is_symlink():
            target.unlink()  # --force replaces the link itself, never what it points to
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        _out(render(cal) + f"wrote {out} (term '{term_id}')\n")
        return EXIT_OK

    sys.exit(_run(go))


@main.command(name="rules")
def rules_cmd():
    """List the rules: id, whether it runs here (on, or off until enabled), severity,
    criterion (in the configured term) and summary."""

    def go():
        linter = _project_linter()
        wired = linter.wiring(linter.glossary.get(linter.config.default_term))
        running = {r.id for r in linter.enabled}
        head = ("id", "runs", "severity", "criterion")
        rows = [(r.id, "on" if r.id in running else "off", r.severity, wired.get(r.id, "-"), _prose(r.summary))
                for r in linter.rules.rules]
        w = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
        _echo("  ".join(f"{h:<{w[i]}}" for i, h in enumerate(head)) + "  summary")
        for r in rows:
            _echo("  ".join(f"{r[i]:<{w[i]}}" for i in range(len(head))) + f"  {r[-1]}")
        return EXIT_OK

    sys.exit(_run(go))


@main.command()
@click.argument("rule_id")
def explain(rule_id):
    """Explain a rule: why it matters, with bad and good examples."""

    def go():
        from linter.errors import DraftlintError

        linter = _project_linter()
        rule = linter.rules.get(rule_id)
        if rule is None:
            raise DraftlintError(f"unknown rule '{rule_id}' (see `draftlint rules`)")
        criterion = linter.wiring(linter.glossary.get(linter.config.default_term)).get(rule.id)
        _echo(f"{rule.id} ({rule.severity}, type {rule.type}{', criterion ' + criterion if criterion else ''})")
        _echo(f"  defined in {terminal(str(rule.file))}:{rule.line}")
        _echo("")
        _echo(_prose(rule.description))
        if rule.suggestion:
            _echo(f"\nWhat to do: {_prose(rule.suggestion)}")
        _echo("\nFlagged:")
        for ex in rule.examples_bad:
            _echo(f"  - {_prose(ex)}")
        _echo("Fine:")
        for ex in rule.examples_good:
            _echo(f"  - {_prose(ex)}")
        if rule.enabled:
            _echo(f"\nTurn it off for a run with `--ignore {rule.id}`, or for one line with "
                  f"`<!-- draftlint-disable-next-line {rule.id} -->`.")
        else:
            _echo(f"\nOff by default. Turn it on for a run with `--enable {rule.id}`, or for a project with "
                  f"`enable: [{rule.id}]` in draftlint.yaml.")
        return EXIT_OK

    sys.exit(_run(go))


@main.command()
@click.argument("term", required=False)
def glossary(term):
    """Show the glossary's terms, or one term with its criteria."""

    def go():
        from linter.errors import DraftlintError

        linter = _project_linter()
        if term is None:
            for t in sorted(linter.glossary.terms.values(), key=lambda t: t.id):
                kind = f"{len(t.criteria)} criteria" if t.criteria else "reference"
                _echo(f"{t.id:<22} {kind:<12} {_prose(t.definition)}")
            return EXIT_OK
        t = linter.glossary.get(term)
        if t is None:
            raise DraftlintError(f"unknown term '{term}' (see `draftlint glossary`)")
        _echo(f"{_prose(t.name)} ({t.id})\n\n{_prose(t.definition)}")
        if t.explanation:
            _echo(f"\n{_prose(t.explanation)}")
        if t.criteria:
            _echo(f"\nCriteria (pass score {linter.fail_under(t):g}):")
            if t.score_model:
                _echo("  The score is learned from editors' labels of published posts (60 where an editor would "
                      "be as likely to call it a pass as not); each criterion is scored and shown on its own.")
            from linter.scoring.detectors.params import changed, declared

            for c in t.criteria:
                _echo(f"  {c.id} (weight {c.weight:g}): {_prose(c.explanation)}")
                given = changed(c.params)  # the detector parameters the term sets (README: Detector parameters)
                if given:
                    default = {p.name: p.default for p in declared(type(c.params))}
                    _echo("    params: " + ", ".join(f"{k} {v:g} (default {default[k]:g})" for k, v in given.items()))
        for title, items in (("Examples", t.examples), ("Not this", t.counter_examples)):
            if items:
                _echo(f"\n{title}:")
                for item in items:
                    _echo(f"  - {_prose(item)}")
        if t.related:
            _echo(f"\nRelated: {_prose(', '.join(t.related))}")
        return EXIT_OK

    sys.exit(_run(go))


@main.group(name="cache")
def cache_cmd():
    """Show or clear the result cache (.draftlint_cache beside the project file, or here)."""


def _cache_options(fn):
    fn = click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True),
                      help="The project file whose cache it is (default: the one above this folder).")(fn)
    return click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                        help="The cache folder (as given to `lint --cache-dir`).")(fn)


def _cache_dir(cache_dir, config_file):
    from pathlib import Path

    from linter.cache import default_folder
    from linter.config.loader import config_for

    if cache_dir:
        return Path(cache_dir)
    return default_folder(config_for(Path.cwd(), Path(config_file) if config_file else None))


def _bytes(n: int) -> str:
    for unit, size in (("MiB", 1024 ** 2), ("KiB", 1024)):
        if n >= size:
            return f"{n:,} bytes ({n / size:.1f} {unit})"
    return f"{n:,} bytes"


@cache_cmd.command(name="info")
@_cache_options
def cache_info(cache_dir, config_file):
    """Where the cache is, how many entries it holds and their size."""

    def go():
        import time

        from linter import cache

        folder = _cache_dir(cache_dir, config_file)
        found = cache.info(folder)
        _echo(f"path: {terminal(str(folder))}" + ("" if found else " (no cache yet)"))
        found = found or {"entries": 0, "bytes": 0, "pruned": None}
        _echo(f"entries: {found['entries']}")
        _echo(f"size: {_bytes(found['bytes'])}")
        pruned = found["pruned"]
        _echo("last pruned: " + (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(pruned)) if pruned else "never"))
        _echo(f"pruning: at most once a day, entries unused for {cache.MAX_AGE_DAYS} days, then the least recently "
              f"used beyond {cache.MAX_BYTES // 1024 ** 2} MiB")
        return EXIT_OK

    sys.exit(_run(go))


@cache_cmd.command(name="clear")
@_cache_options
def cache_clear(cache_dir, config_file):
    """Delete the cache's entries (only in a folder marked as draftlint's cache)."""

    def go():
        from linter import cache

        folder = _cache_dir(cache_dir, config_file)
        try:
            done = cache.clear(folder)
        except cache.NotACache as exc:
            raise DraftlintError(f"{exc}; nothing deleted") from None
        if done is None:
            _echo(f"no cache at {terminal(str(folder))}")
            return EXIT_OK
        removed, freed, left = done
        _echo(f"removed {removed} entr{'y' if removed == 1 else 'ies'}, {_bytes(freed)}, from {terminal(str(folder))}"
              + (f"; {left} file(s) draftlint did not write were left in place" if left else ""))
        return EXIT_OK

    sys.exit(_run(go))


def _config_for_eval(model):
    from linter.config import Config

    return Config().with_flags(model=model) if model else Config()


STARTER = """\
# draftlint configuration. draftlint finds this file by walking up from each draft.
# Every setting is optional; delete what you do not need.

# The glossary term drafts are scored against, unless a draft's front matter names another
# (draftlint: {term: ...}). See `draftlint glossary`.
term: thought-leadership

# Fail drafts that score under this (0-100). Default: the term's pass score.
# fail_under: 60

# Findings at or above this severity fail the run: error, warning or info.
fail_level: error

# Seconds one draft may take before it is reported as an error and the run goes on.
# time_budget: 60

# Rules to run and to skip, by rule id or category (the rule file's name). See `draftlint rules`.
# select: [numbers, buzzwords, vague-quantifier]
ignore: []

# Rules that are off by default (`draftlint rules` says which), turned on; `all` turns on every one.
# enable: [long-sentence, hedging]

# Change a rule's severity.
# severity:
#   hedging: info
#   unsourced-claim: error

# Folders (relative to this file) with your team's own rules and glossary terms.
# rules: [style/rules]
# glossary: [style/glossary]

# Which drafts to lint when a folder is given, as gitignore-style patterns.
# include: ["content/**"]
exclude: ["node_modules/", "vendor/"]

# Settings for some paths only. Later entries win.
# overrides:
#   - files: ["docs/tutorials/**"]
#     term: tutorial
#     ignore: [long-sentence]
#   - files: ["blog/announcements/**"]
#     term: announcement
"""


@main.command()
@click.argument("path", default="draftlint.yaml", required=False)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path, force):
    """Write a commented starter config (draftlint.yaml)."""
    from pathlib import Path

    target = Path(path)
    if (target.exists() or target.is_symlink()) and not force:
        _say("error", f"{target} already exists (use --force to overwrite)")
        sys.exit(EXIT_ERROR)
    try:
        _write_starter(target, force)
    except FileExistsError:  # appeared since the check, or a dangling link: never written through
        _say("error", f"{target} already exists (use --force to overwrite)")
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _say("error", f"{target}: cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_ERROR)
    click.echo(terminal(f"wrote {target}"))


def _write_starter(target, force: bool) -> None:
    """Create ``target`` without following a link; with ``force``, replace whatever is there
    (a link too, not what it points to) by renaming a new file over it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    if not force:
        with os.fdopen(os.open(target, flags, 0o666), "w", encoding="utf-8") as fh:
            fh.write(STARTER)
        return
    from linter.fix import replace_atomically

    mask = os.umask(0)
    os.umask(mask)
    replace_atomically(target, STARTER.encode("utf-8"), 0o666 & ~mask, prefix=".draftlint-init-")
