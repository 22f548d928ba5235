"""Threat: ``--jobs 34`` on a 2-core machine starts 34 worker processes, each loading the
model (40 s and 5 GB). ``jobs`` is capped at the cores the process may run on (its CPU
affinity, where the system has one), with a one-line warning through ``warn``.

Which processes linted the drafts is recorded by a reading hook that the forked workers
inherit, so the tests count real processes.
"""

from __future__ import annotations

import os

import pytest

import linter.api as api
from conftest import findings_of
from reliability_support import VQ, write

DRAFTS = {f"d{i:02}.md": "Many dogs bark.\n" for i in range(24)}


@pytest.fixture
def drafts(tmp_path, monkeypatch):
    write(tmp_path, DRAFTS)
    paths = [str(tmp_path / name) for name in DRAFTS]
    api.lint(paths[:1], flags={"select": (VQ,)}, use_cache=False, jobs=1)  # the model loads once, here
    log = tmp_path / "pids.log"
    real_parse = api.parse

    def parse(source, fmt):
        with open(log, "a", encoding="ascii") as fh:
            fh.write(f"{os.getpid()}\n")
        return real_parse(source, fmt)

    monkeypatch.setattr(api, "parse", parse)
    return paths, log


def _pids(log) -> set[int]:
    return {int(line) for line in log.read_text("ascii").split()}


def _assert_all_linted(report, paths) -> None:
    assert [f.path for f in report.files] == paths
    assert all(findings_of(f) == [(VQ, 1, 1, 1, 5, "Many")] for f in report.files)


def test_more_jobs_than_cores_are_capped_with_one_warning(drafts):
    paths, log = drafts
    cores = api.available_cores()
    warnings: list[str] = []
    report = api.lint(paths, flags={"select": (VQ,)}, use_cache=False, jobs=34, warn=warnings.append)
    assert warnings == [f"34 jobs asked for, but only {cores} CPU core(s) are available: using {cores}"]
    _assert_all_linted(report, paths)
    if cores == 1:
        assert _pids(log) == {os.getpid()}  # one job: linted in this process
    else:
        assert 1 <= len(_pids(log) - {os.getpid()}) <= cores


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this system")
def test_the_cap_follows_the_cpu_affinity_mask(drafts):
    """Pinned to one core (as a CI container or ``taskset`` may do), two jobs run as one:
    in this very process, with no worker at all."""
    paths, log = drafts
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        warnings: list[str] = []
        report = api.lint(paths, flags={"select": (VQ,)}, use_cache=False, jobs=2, warn=warnings.append)
    finally:
        os.sched_setaffinity(0, before)
    assert warnings == ["2 jobs asked for, but only 1 CPU core(s) are available: using 1"]
    _assert_all_linted(report, paths)
    assert _pids(log) == {os.getpid()}


def test_jobs_within_the_cores_give_no_warning(drafts):
    paths, _ = drafts
    warnings: list[str] = []
    report = api.lint(paths, flags={"select": (VQ,)}, use_cache=False, jobs=1, warn=warnings.append)
    assert warnings == []
    _assert_all_linted(report, paths)


def test_warn_defaults_to_silence(drafts):
    paths, _ = drafts
    _assert_all_linted(api.lint(paths, flags={"select": (VQ,)}, use_cache=False, jobs=10_000), paths)


def test_the_command_line_warns_in_one_line_when_asked_for_more_jobs_than_cores(tmp_path):
    from reliability_support import lint

    write(tmp_path, {"a.md": "Many dogs bark.\n", "b.md": "Many cats sleep.\n"})
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    proc = lint("--jobs", str(cores + 30), "--no-cache", "--select", VQ, "a.md", "b.md", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        f"draftlint: warning: {cores + 30} jobs asked for, but only {cores} CPU core(s) are available: using {cores}"]
    assert "a.md:1:1: warning vague-quantifier" in proc.stdout and "b.md:1:1: warning vague-quantifier" in proc.stdout
