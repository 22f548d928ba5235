"""Threat model, ``--diff``: the revision is user text that reaches git, so it can never be
read as an option, must name a commit, and git's output is read as bytes (file names need
not be UTF-8)."""

from __future__ import annotations

import os

import pytest

from helpers_cli import git_repo
from reliability_support import GOOD, VQ, assert_no_traceback, assert_one_error, lint, lint_json, run_command
import sys


@pytest.fixture
def repo(tmp_path):
    root = git_repo(tmp_path / "repo", {"post.md": "Dogs bark.\n"})
    (tmp_path / "victim.txt").write_text("precious\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("rev", ["--output=../victim.txt", "-p", "--", "-"])
def test_a_revision_that_looks_like_an_option_is_refused(repo, rev):
    proc = lint("--diff", rev, cwd=repo)
    assert_one_error(proc, f"--diff {rev}: not a revision (a revision cannot begin with '-')")
    assert proc.stdout == ""
    assert (repo.parent / "victim.txt").read_text(encoding="utf-8") == "precious\n"


@pytest.mark.parametrize("rev", ["no-such-branch", "HEAD:post.md", "HEAD^{tree}", "HEAD~5"])
def test_a_revision_that_is_not_a_commit_is_exit_2(repo, rev):
    assert_one_error(lint("--diff", rev, cwd=repo), f"--diff {rev}: not a commit in this repository")


def test_an_untracked_name_that_is_not_utf8_is_linted(repo):
    name = os.fsdecode(b"caf\xe9.md")
    (repo / name).write_bytes(GOOD.encode())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = run_command([sys.executable, "-m", "linter", "lint", "--no-cache", "--select", VQ, "--quiet",
                        "--fail-under", "0", "--diff", "HEAD"], cwd=repo, env=env)
    assert_no_traceback(proc)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == f"caf\\xe9.md:1:1: warning {VQ} 'Many' is vague: say how many or how much\n"


def test_a_good_revision_still_works(repo):
    (repo / "post.md").write_text(GOOD, encoding="utf-8")
    proc, doc = lint_json("--diff", "HEAD", cwd=repo)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert [f["path"] for f in doc["files"]] == ["post.md"]
