"""Threat: a draft that hits a pathology nobody has found yet hangs the whole run.

Every draft has a time budget (``time_budget``, default 60 s) over reading, parsing, its
share of the analysis, rules and scoring. A draft over it becomes one error entry,
``<file>: took longer than the time budget of <N> s (raise it with time_budget)``, and the
run goes on with the other drafts, their findings unchanged.

The pathologies are injected into one stage at a time (the draft that contains ``HANG``),
in process; the last test runs the command line on a real, merely slow draft.
"""

from __future__ import annotations

import re
import time

import pytest

import linter.api as api
from conftest import findings_of
from linter.config import Config
from reliability_support import GOOD, VQ, assert_error_entry, findings, lint_json, write

BUDGET = 0.5
SLOW = f"slow.md: took longer than the time budget of {BUDGET:g} s (raise it with time_budget)"
DRAFTS = {"a.md": "Many dogs bark.\n", "slow.md": "HANG\n\nA lot of cats purr.\n", "b.md": "Cats purr.\n\nA lot of birds sing.\n"}
EXPECTED = {"a.md": [(VQ, 1, 1, 1, 5, "Many")], "b.md": [(VQ, 3, 1, 3, 9, "A lot of")]}


@pytest.fixture(scope="module")
def budgeted():
    linter = api.Linter(Config(select=(VQ,), time_budget=BUDGET))
    linter.compiled()  # the model loads once, outside any draft's clock
    return linter


def _spin(seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _lint(linter, tmp_path):
    write(tmp_path, DRAFTS)
    started = time.monotonic()
    report = linter.lint_paths([str(tmp_path / name) for name in DRAFTS])
    return {f.path.rsplit("/", 1)[-1]: f for f in report.files}, time.monotonic() - started


def _assert_only_slow_failed(files, elapsed):
    slow = files["slow.md"]
    assert (slow.error or "").endswith(SLOW.split(": ", 1)[1]), slow.error
    assert slow.error.startswith(str(files["slow.md"].path)), slow.error
    assert (slow.score, slow.passed, slow.findings) == (None, None, ())
    for name, want in EXPECTED.items():
        assert files[name].error is None
        assert findings_of(files[name]) == want
    assert elapsed < 15  # the 30 s hang was cut off (a generous bound: the budget is 0.5 s)


def test_a_hang_while_parsing_is_cut_off_and_the_others_are_linted(budgeted, tmp_path, monkeypatch):
    real = api.parse

    def parse(source, fmt):
        if "HANG" in source.text:
            _spin()
        return real(source, fmt)

    monkeypatch.setattr(api, "parse", parse)
    _assert_only_slow_failed(*_lint(budgeted, tmp_path))


def test_a_catastrophic_regex_in_a_later_stage_is_interrupted(budgeted, tmp_path, monkeypatch):
    """CPython's regex engine checks for signals while it backtracks, so the alarm stops
    even a match that would run for hours inside C code."""
    import linter.scoring.scorer as scorer

    real = scorer.score_draft

    def score_draft(reading, found, term):
        if "HANG" in reading.draft.source.text:
            re.match(r"(a+)+$", "a" * 60 + "b")
        return real(reading, found, term)

    monkeypatch.setattr(scorer, "score_draft", score_draft)
    _assert_only_slow_failed(*_lint(budgeted, tmp_path))


def test_a_hang_inside_the_shared_analysis_pass_spares_the_drafts_after_it(budgeted, tmp_path, monkeypatch):
    """The drafts' pieces flow through one spaCy pass; a draft stuck in it breaks that
    pass off, and the drafts after it are analysed in a new one."""
    import linter.nlp.pipeline as pipeline

    real = pipeline._chunks

    def chunks(prose, words, *args):
        if "HANG" in prose:
            _spin()
        return real(prose, words, *args)

    monkeypatch.setattr(pipeline, "_chunks", chunks)
    _assert_only_slow_failed(*_lint(budgeted, tmp_path))


def test_a_hang_in_a_team_rule_is_one_error_not_a_rule_crash_finding(budgeted, tmp_path, monkeypatch):
    """A rule's own error guard turns its exceptions into findings; the budget's
    interruption must pass through it and fail the draft instead."""
    compiled = budgeted.compiled()
    real = type(compiled).run

    def run(self, analysis, reading):
        if "HANG" in analysis.draft.source.text:
            _spin()
        return real(self, analysis, reading)

    monkeypatch.setattr(type(compiled), "run", run)
    _assert_only_slow_failed(*_lint(budgeted, tmp_path))


def test_the_budget_leaves_no_alarm_behind(budgeted, tmp_path):
    import signal

    before = signal.getsignal(signal.SIGALRM)
    files, _ = _lint(budgeted, tmp_path)
    assert files["slow.md"].error is None  # nothing injected: it is linted like the others
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_draft_over_a_small_time_budget_from_the_project_file_is_one_error(tmp_path):
    """End to end: ``time_budget: 1`` in draftlint.yaml, a 400 KB draft that takes several
    seconds, and two small drafts: one error line for the big one, exit 2, the others'
    findings exact."""
    sentence = "We moved the nightly import to a queue in March and the failed runs dropped. "
    big = sentence * (400 * 1024 // len(sentence)) + "\n\nMany dogs.\n"
    write(tmp_path, {"draftlint.yaml": "time_budget: 1\n", "big.md": big, "good.md": GOOD,
                     "other.md": "Birds sing.\n\nA lot of cats purr.\n"})
    proc, doc = lint_json("good.md", "big.md", "other.md", cwd=tmp_path, timeout=180)
    where = "big.md: took longer than the time budget of 1 s (raise it with time_budget)"
    assert proc.stderr == f"draftlint: error: {where}\n"
    assert proc.returncode == 2
    assert_error_entry(doc, "big.md", where)
    assert findings(doc, "good.md") == [(VQ, "warning", 1, 1, 1, 5, "Many")]
    assert findings(doc, "other.md") == [(VQ, "warning", 3, 1, 3, 9, "A lot of")]
