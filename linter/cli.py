"""The command line. Thin: parse options, call the api, pick a formatter, set the exit code.

Nothing here imports spaCy: ``--help``, ``--version``, ``rules``, ``explain`` and
``glossary`` stay fast. The NLP stage loads only when a draft must be analysed.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from linter import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _State:
    debug = False


def _fail(exc: Exception) -> None:
    if _State.debug:
        traceback.print_exc()
    click.echo(f"draftlint: error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def _run(fn):
    """Turn draftlint's own errors into a one-line message and exit code 2."""
    from linter.errors import DraftlintError

    try:
        return fn()
    except DraftlintError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        click.echo("draftlint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # an internal bug: still one line unless --debug
        if _State.debug:
            raise
        click.echo(f"draftlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(EXIT_ERROR)


def _config(model=None, fail_under=None, term=None, select=(), ignore=()):
    from linter.config import Config

    kwargs = {}
    if model:
        kwargs["model"] = model
    if fail_under is not None:
        kwargs["fail_under"] = fail_under
    if term:
        kwargs["default_term"] = term
    if select:
        kwargs["select"] = tuple(x.strip() for s in select for x in s.split(",") if x.strip())
    if ignore:
        kwargs["ignore"] = tuple(x.strip() for s in ignore for x in s.split(",") if x.strip())
    return Config(**kwargs)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="draftlint", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """draftlint: lint marketing drafts and score them against thought-leadership criteria."""
    _State.debug = debug


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None,
              help="Fail drafts that score below this (default: the term's pass score, 60).")
@click.option("--term", default=None, help="Glossary term to score against when a draft names none.")
@click.option("--model", default=None, help="Installed spaCy model package to use.")
@click.option("--select", multiple=True, help="Only these rule ids or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or categories (comma-separated).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, without scores and summary.")
@click.option("--stdin-filename", default="-", help="Path to show (and to pick the format by) for '-'.")
@click.option("--no-color", is_flag=True, help="Never use colour.")
def lint(paths, fmt, fail_under, term, model, select, ignore, quiet, stdin_filename, no_color):
    """Lint drafts (files, folders, or - for stdin) and score them."""

    def go():
        from linter.api import Linter
        from linter.report import render

        linter = Linter(_config(model, fail_under, term, select, ignore))
        report = linter.lint_paths(paths, stdin_name=stdin_filename)
        color = fmt == "text" and not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
        sys.stdout.write(render(report, fmt, color=color, quiet=quiet))
        for fr in report.files:
            if fr.error:
                click.echo(f"draftlint: error: {fr.error}", err=True)
        return exit_code(report)

    sys.exit(_run(go))


def exit_code(report) -> int:
    if any(fr.error for fr in report.files):
        return EXIT_ERROR
    for fr in report.files:
        if fr.passed is False or any(rf.finding.severity == "error" for rf in fr.findings):
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

        ev = evaluate(Linter(_config(model)), Path(folder))
        sys.stdout.write(render(ev, verbose=verbose))
        return EXIT_OK

    sys.exit(_run(go))


@main.command(name="rules")
def rules_cmd():
    """List the rules: id, severity, criterion and summary."""

    def go():
        from linter.api import Linter

        linter = Linter(_config())
        rows = [(r.id, r.severity, r.criterion or "-", r.summary) for r in linter.rules.rules]
        w = [max(len(r[i]) for r in rows) for i in range(3)]
        click.echo(f"{'id':<{w[0]}}  {'severity':<{w[1]}}  {'criterion':<{w[2]}}  summary")
        for r in rows:
            click.echo(f"{r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]}")
        return EXIT_OK

    sys.exit(_run(go))


@main.command()
@click.argument("rule_id")
def explain(rule_id):
    """Explain a rule: why it matters, with bad and good examples."""

    def go():
        from linter.api import Linter
        from linter.errors import DraftlintError

        linter = Linter(_config())
        rule = linter.rules.get(rule_id)
        if rule is None:
            raise DraftlintError(f"unknown rule '{rule_id}' (see `draftlint rules`)")
        click.echo(f"{rule.id} ({rule.severity}, type {rule.type}{', criterion ' + rule.criterion if rule.criterion else ''})")
        click.echo(f"  defined in {rule.file}:{rule.line}")
        click.echo("")
        click.echo(" ".join(rule.description.split()))
        if rule.suggestion:
            click.echo(f"\nWhat to do: {rule.suggestion}")
        click.echo("\nFlagged:")
        for ex in rule.examples_bad:
            click.echo(f"  - {ex}")
        click.echo("Fine:")
        for ex in rule.examples_good:
            click.echo(f"  - {ex}")
        click.echo(f"\nTurn it off for a run with `--ignore {rule.id}`, or for one line with "
                   f"`<!-- draftlint-disable-next-line {rule.id} -->`.")
        return EXIT_OK

    sys.exit(_run(go))


@main.command()
@click.argument("term", required=False)
def glossary(term):
    """Show the glossary's terms, or one term with its criteria."""

    def go():
        from linter.api import Linter
        from linter.errors import DraftlintError

        linter = Linter(_config())
        if term is None:
            for t in sorted(linter.glossary.terms.values(), key=lambda t: t.id):
                kind = f"{len(t.criteria)} criteria" if t.criteria else "reference"
                click.echo(f"{t.id:<22} {kind:<12} {t.definition}")
            return EXIT_OK
        t = linter.glossary.get(term)
        if t is None:
            raise DraftlintError(f"unknown term '{term}' (see `draftlint glossary`)")
        click.echo(f"{t.name} ({t.id})\n\n{t.definition}")
        if t.explanation:
            click.echo(f"\n{t.explanation}")
        if t.criteria:
            click.echo(f"\nCriteria (pass score {linter.fail_under(t):g}):")
            for c in t.criteria:
                click.echo(f"  {c.id} (weight {c.weight:g}): {c.explanation}")
        for title, items in (("Examples", t.examples), ("Not this", t.counter_examples)):
            if items:
                click.echo(f"\n{title}:")
                for item in items:
                    click.echo(f"  - {item}")
        if t.related:
            click.echo(f"\nRelated: {', '.join(t.related)}")
        return EXIT_OK

    sys.exit(_run(go))
