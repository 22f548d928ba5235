"""``--quiet`` prints findings only, plus one line per draft that fails its score saying why
(its score, the term and the pass mark), on stdout with the findings. Passing drafts and
drafts that fail only through a finding's severity add nothing."""

from __future__ import annotations

import json

from helpers_cli import VQ, VQ_MESSAGE, cli, write

FAILED = "{}: failed: score {}/100 against '{}', under the pass mark {}\n"


def test_a_failing_draft_says_why_and_a_passing_one_adds_nothing(tmp_path):
    write(tmp_path, {"draftlint.yaml": "overrides:\n  - files: [easy/**]\n    fail_under: 0\n",
                     "post.md": "Many dogs bark.\n", "easy/ok.md": "Many cats purr.\n"})
    result = cli("lint", "post.md", "easy/ok.md", "--select", VQ, "-q", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (f"post.md:1:1: warning {VQ} {VQ_MESSAGE.format('Many')}\n"
                             + FAILED.format("post.md", 1, "thought-leadership", 60)
                             + f"easy/ok.md:1:1: warning {VQ} {VQ_MESSAGE.format('Many')}\n")


def test_the_line_names_the_drafts_term_and_its_pass_mark(tmp_path):
    write(tmp_path, {"a.md": "---\ndraftlint:\n  term: tutorial\n---\nDogs bark.\n", "b.md": "Dogs bark.\n"})
    result = cli("lint", "a.md", "b.md", "--select", VQ, "--fail-under", "72.5", "--quiet", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (FAILED.format("a.md", 20, "tutorial", 72.5)
                             + FAILED.format("b.md", 1, "thought-leadership", 72.5))


def test_all_passing_prints_nothing_at_all(tmp_path):
    write(tmp_path, {"post.md": "Dogs bark.\n"})
    result = cli("lint", "post.md", "--select", VQ, "--fail-under", "0", "--quiet", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_a_draft_failed_by_a_finding_alone_shows_only_the_finding(tmp_path):
    write(tmp_path, {"post.md": "Many dogs bark.\n"})
    result = cli("lint", "post.md", "--select", VQ, "--fail-under", "0", "--fail-level", "warning", "-q",
                 cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == f"post.md:1:1: warning {VQ} {VQ_MESSAGE.format('Many')}\n"


def test_machine_formats_are_unchanged_by_quiet(tmp_path):
    write(tmp_path, {"post.md": "Dogs bark.\n"})
    loud = cli("lint", "post.md", "--select", VQ, "--format", "json", cwd=tmp_path)
    quiet = cli("lint", "post.md", "--select", VQ, "--format", "json", "--quiet", cwd=tmp_path)
    assert quiet.exit_code == loud.exit_code == 1
    assert json.loads(quiet.stdout)["files"] == json.loads(loud.stdout)["files"]


def test_a_score_just_under_the_mark_is_not_rounded_up_to_it():
    from linter.model import FileReport, Report
    from linter.report.text_format import render

    files = (FileReport(path="a.md", term="t", score=59.7, passed=False, fail_under=60),
             FileReport(path="b.md", term="t", score=42.4, passed=False, fail_under=60))
    assert render(Report(version="x", files=files), quiet=True) == (
        FAILED.format("a.md", "59.7", "t", 60) + FAILED.format("b.md", 42, "t", 60))
    painted = render(Report(version="x", files=files[1:]), quiet=True, color=True)
    assert painted == "b.md: \x1b[31mfailed\x1b[0m: score 42/100 against 't', under the pass mark 60\n"
