"""Threat model, reads: a folder walk never leaves the folder given (a link out of it is
skipped with a warning line, and is not in the report), never reads inside .git, and
``--diff`` does not read a committed link into .git either. A path the user names is read."""

from __future__ import annotations

import json
import os
import subprocess

from helpers_cli import git, git_repo
from reliability_support import GOOD, GOOD_FINDING, VQ, assert_no_traceback, findings, lint, lint_json, write

SECRET = "Many secrets live here.\n"  # would be a finding quoting 'Many' if it were read


def outside_secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def test_a_link_out_of_the_folder_is_skipped_with_a_warning_and_left_out_of_the_report(tmp_path):
    """content/passwd.txt -> a file outside: not in the JSON, nor in the SARIF snippet."""
    secret = outside_secret(tmp_path)
    repo = write(tmp_path / "repo", {"content/post.md": GOOD})
    os.symlink(secret, repo / "content/passwd.txt")
    proc, doc = lint_json("content", cwd=repo)
    assert_no_traceback(proc)
    assert proc.returncode == 1  # a skipped link is a warning: the exit code is the drafts' own
    assert proc.stderr == "draftlint: warning: content/passwd.txt: not read: a symbolic link out of content\n"
    assert [f["path"] for f in doc["files"]] == ["content/post.md"]
    assert findings(doc, "content/post.md") == [GOOD_FINDING]
    sarif = lint("--format", "sarif", "--select", VQ, "content", cwd=repo)
    assert "secrets" not in sarif.stdout and "passwd" not in sarif.stdout


def test_a_link_to_the_root_folder_is_not_walked(tmp_path):
    repo = write(tmp_path / "repo", {"docs/post.md": GOOD})
    os.symlink("/", repo / "docs/root")
    proc, doc = lint_json("docs", cwd=repo, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr == "draftlint: warning: docs/root: not read: a symbolic link out of docs\n"
    assert [f["path"] for f in doc["files"]] == ["docs/post.md"]


def test_links_that_stay_inside_the_folder_are_followed(tmp_path):
    repo = write(tmp_path / "repo", {"docs/real/post.md": GOOD})
    os.symlink("real/post.md", repo / "docs/alias.md")
    os.symlink("real", repo / "docs/mirror")
    proc, doc = lint_json("docs", cwd=repo)
    assert (proc.returncode, proc.stderr) == (1, "")
    # a folder reached twice is walked once, by the first name in order
    assert [f["path"] for f in doc["files"]] == ["docs/alias.md", "docs/mirror/post.md"]
    assert all(findings(doc, f["path"]) == [GOOD_FINDING] for f in doc["files"])


def test_a_path_named_on_the_command_line_is_read_wherever_it_leads(tmp_path):
    secret = outside_secret(tmp_path)
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(secret, repo / "chosen.md")
    proc, doc = lint_json("chosen.md", cwd=repo)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert findings(doc, "chosen.md") == [(VQ, "warning", 1, 1, 1, 5, "Many")]


def test_a_link_into_git_inside_the_folder_is_never_read(tmp_path):
    repo = git_repo(tmp_path / "repo", {"post.md": GOOD})
    (repo / ".git/notes.md").write_text(SECRET, encoding="utf-8")
    os.symlink(".git/notes.md", repo / "leak.md")
    proc, doc = lint_json(".", cwd=repo)
    assert proc.returncode == 1
    assert proc.stderr == "draftlint: warning: ./leak.md: not read: a symbolic link into .git\n"
    assert [f["path"] for f in doc["files"]] == ["./post.md"]


def test_diff_does_not_read_a_committed_link_into_git(tmp_path):
    repo = git_repo(tmp_path / "repo", {"post.md": "Dogs bark.\n"})
    os.symlink(".git/config", repo / "leak.md")
    os.symlink(str(outside_secret(tmp_path)), repo / "away.md")
    write(repo, {"post.md": GOOD})
    git(repo, "add", "leak.md", "away.md", "post.md")
    git(repo, "commit", "-q", "-m", "links")
    proc, doc = lint_json("--diff", "HEAD~1", cwd=repo)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["draftlint: warning: away.md: not read: a symbolic link out of the repository",
                                        "draftlint: warning: leak.md: not read: a symbolic link into .git"]
    assert [f["path"] for f in doc["files"]] == ["post.md"]
    assert "[core]" not in proc.stdout and "secrets" not in proc.stdout


def test_diff_with_only_a_link_into_git_changed_lints_nothing(tmp_path):
    repo = git_repo(tmp_path / "repo", {"post.md": "Dogs bark.\n"})
    os.symlink(".git/config", repo / "leak.md")
    git(repo, "add", "leak.md")
    git(repo, "commit", "-q", "-m", "leak")
    proc = lint("--diff", "HEAD~1", cwd=repo)
    assert (proc.returncode, proc.stdout) == (0, "")
    assert proc.stderr.splitlines() == ["draftlint: warning: leak.md: not read: a symbolic link into .git",
                                        "draftlint: no drafts changed since HEAD~1"]
