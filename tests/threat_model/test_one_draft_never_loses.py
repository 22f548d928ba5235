"""Threat: one draft ends the whole run with no report.

A MemoryError in one draft, or a worker process killed under it (the OOM killer, a crash
in compiled code: ``BrokenProcessPool``), used to end the run with no report at all. Now
that draft gets one error entry and every other draft its real findings. With ``--jobs``,
the drafts a dead worker took with it are linted again one at a time, so only the draft
that kills its worker again is reported.

The faults are injected into one stage for the drafts that contain a marker. With the fork
start method the workers inherit the injection from the test process.
"""

from __future__ import annotations

import os
import signal

import pytest

import linter.api as api
from conftest import findings_of
from linter.config import Config
from reliability_support import VQ, write

OOM = "ran out of memory while linting this draft"
KILLED = "the process linting this draft was killed (out of memory?), so it has no report"
DRAFTS = {f"d{i}.md": f"Dogs bark.\n\n{'Many' if i % 2 else 'A lot of'} cats purr.\n" for i in range(6)}
BAD = "d3.md"


def _expected(name: str) -> list[tuple]:
    return [(VQ, 3, 1, 3, 5, "Many") if int(name[1]) % 2 else (VQ, 3, 1, 3, 9, "A lot of")]


@pytest.fixture(scope="module")
def vq_linter():
    linter = api.Linter(Config(select=(VQ,)))
    linter.compiled()
    return linter


def _drafts(tmp_path, marker: str) -> list[str]:
    files = dict(DRAFTS)
    files[BAD] = f"{marker}\n\n" + files[BAD].replace("Dogs bark.\n\n", "")
    write(tmp_path, files)
    return [str(tmp_path / name) for name in files]


def _by_name(report) -> dict:
    return {f.path.rsplit("/", 1)[-1]: f for f in report.files}


def _assert_only_bad_failed(files: dict, problem: str) -> None:
    bad = files.pop(BAD)
    assert bad.error is not None and bad.error.endswith(f"{BAD}: {problem}"), bad.error
    assert (bad.score, bad.passed, bad.findings) == (None, None, ())
    assert sorted(files) == sorted(n for n in DRAFTS if n != BAD)
    for name, report in files.items():
        assert report.error is None, report.error
        assert findings_of(report) == _expected(name)


@pytest.mark.parametrize("stage", ["parse", "analysis", "rules"])
def test_a_memory_error_in_one_draft_is_its_error_entry_and_the_others_are_reported(
        vq_linter, tmp_path, monkeypatch, stage):
    import linter.nlp.pipeline as pipeline

    if stage == "parse":
        real_parse = api.parse

        def parse(source, fmt):
            if "EXHAUST" in source.text:
                raise MemoryError
            return real_parse(source, fmt)

        monkeypatch.setattr(api, "parse", parse)
    elif stage == "analysis":
        real_chunks = pipeline._chunks

        def chunks(prose, words, *args):
            if "EXHAUST" in prose:
                raise MemoryError
            return real_chunks(prose, words, *args)

        monkeypatch.setattr(pipeline, "_chunks", chunks)
    else:
        compiled = vq_linter.compiled()
        real_run = type(compiled).run

        def run(self, analysis, reading):
            if "EXHAUST" in analysis.draft.source.text:
                raise MemoryError
            return real_run(self, analysis, reading)

        monkeypatch.setattr(type(compiled), "run", run)
    report = vq_linter.lint_paths(_drafts(tmp_path, "EXHAUST"))
    _assert_only_bad_failed(_by_name(report), OOM)


def test_a_killed_worker_loses_only_its_culprit_with_jobs_2(tmp_path, monkeypatch):
    """A draft whose reading kills its worker process (SIGKILL, as the OOM killer does):
    the run completes, that draft is one error entry, the others have their findings."""
    paths = _drafts(tmp_path, "KILLME")
    api.lint(paths, flags={"select": (VQ,)}, use_cache=False, jobs=1)  # loads the model here: forked workers share it
    real_parse = api.parse
    parent = os.getpid()

    def parse(source, fmt):
        if "KILLME" in source.text and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_parse(source, fmt)

    monkeypatch.setattr(api, "parse", parse)
    monkeypatch.setattr(api, "available_cores", lambda: 2)  # two workers even on a one-core runner
    seen = []
    report = api.lint(paths, flags={"select": (VQ,)}, use_cache=False, jobs=2, progress=seen.append)
    assert [f.path for f in report.files] == paths  # every draft, in order
    assert sorted(seen) == sorted(paths)  # each counted once
    _assert_only_bad_failed(_by_name(report), KILLED)


def test_a_worker_that_exits_is_treated_like_a_killed_one(tmp_path, monkeypatch):
    paths = _drafts(tmp_path, "EXITME")
    real_parse = api.parse
    parent = os.getpid()

    def parse(source, fmt):
        if "EXITME" in source.text and os.getpid() != parent:
            os._exit(1)
        return real_parse(source, fmt)

    monkeypatch.setattr(api, "parse", parse)
    monkeypatch.setattr(api, "available_cores", lambda: 2)
    report = api.lint(paths, flags={"select": (VQ,)}, use_cache=False, jobs=2)
    _assert_only_bad_failed(_by_name(report), KILLED)
