"""The pre-commit hook (``.pre-commit-hooks.yaml``, hook id ``draftlint``) with the real
``pre-commit`` tool, in a temporary git repository: a generic listicle makes the hook fail
and blocks a commit; a short first-hand account with its own figures passes, beside a
one-line README that the project's ``exclude`` keeps out.

pre-commit builds a virtualenv and pip-installs this repository into it, which takes from
about twenty seconds (warm pip cache) to a few minutes. Both ``try-repo`` and the installed
hook are pinned to this repository's committed HEAD (``--ref`` / ``rev``): uncommitted
changes in the working tree are NOT tested here (without ``--ref``, try-repo would build a
shadow commit of tracked changes instead).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from helpers_cli import ROOT, git, git_repo, run

TIMEOUT = 900

GOOD = """\
# We stopped sending a weekly newsletter

Most marketing teams believe that a weekly newsletter is the best way to keep subscribers
engaged. We believed it too, and we were wrong about our own list.

In 2023 I ran our newsletter at Tallow Labs. We sent 52 issues to 18,400 subscribers.
The open rate fell from 41% in January to 23% in December, and 2,900 people unsubscribed.

In January 2024 we switched to one issue a month. After six months the open rate was 46%,
unsubscribes dropped to 310, and replies went from 12 a month to 85.

The common advice assumes that frequency builds habit. Our data says the opposite: our
readers opened more when we wrote less, because each issue had something they could not
get elsewhere.
"""

LISTICLE = """\
# 7 Tips to Boost Your Content Marketing

Content marketing is a game-changer for many businesses. Studies show that great content
drives a lot of engagement.

1. Make sure to post consistently.
2. Leverage social media to reach more people.
3. Think outside the box when planning topics.
4. Use world-class visuals to stand out.
5. Make sure to optimize for SEO.

At the end of the day, following these best practices will significantly improve results.
"""

HOOK_LINE = re.compile(r"^draftlint\.+(Passed|Failed)$", re.M)


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), NO_COLOR="1",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return env


def _pre_commit(*args: str, cwd, env) -> subprocess.CompletedProcess:
    exe = shutil.which("pre-commit")
    command = [exe] if exe else [sys.executable, "-m", "pre_commit"]
    return subprocess.run([*command, *args, "--color", "never"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)


@pytest.fixture
def site(tmp_path):
    if not shutil.which("pre-commit") and subprocess.run([sys.executable, "-m", "pre_commit", "--version"],
                                                         capture_output=True).returncode != 0:
        pytest.skip("pre-commit is not installed")
    repo = git_repo(tmp_path / "site", {"README.txt": "A content repository.\n"})
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "listicle.md").write_text(LISTICLE, encoding="utf-8")
    return repo


def test_the_drafts_are_what_they_claim_to_be(site):
    good = run("lint", "good.md", cwd=site)
    assert good.returncode == 0, good.stdout
    assert re.search(r"^good\.md: score \d+/100 against 'thought-leadership': passed$", good.stdout, re.M)
    bad = run("lint", "listicle.md", cwd=site)
    assert bad.returncode == 1
    assert re.search(r"^listicle\.md: score \d+/100 against 'thought-leadership': failed$", bad.stdout, re.M)


def test_hook_fails_on_the_listicle_and_passes_the_good_draft(site, tmp_path):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()
    env = _env(tmp_path)
    git(site, "add", "good.md", "listicle.md")

    # one try-repo run over both drafts: the hook fails, and its output says which draft failed
    both = _pre_commit("try-repo", str(ROOT), "draftlint", "--ref", head, "--verbose",
                       "--files", "good.md", "listicle.md", cwd=site, env=env)
    assert both.returncode == 1, both.stdout + both.stderr
    assert HOOK_LINE.findall(both.stdout) == ["Failed"]
    assert "- hook id: draftlint\n" in both.stdout and "- exit code: 1\n" in both.stdout
    assert re.search(r"^listicle\.md: score \d+/100 against 'thought-leadership': failed$", both.stdout, re.M)
    assert re.search(r"^good\.md: score \d+/100 against 'thought-leadership': passed$", both.stdout, re.M)
    assert "listicle.md:3:24: warning buzzword 'game-changer'" in both.stdout
    assert not re.search(r"^good\.md:\d+:\d+: ", both.stdout, re.M)  # no finding in the good draft

    # installed as a git hook at the same commit: the listicle blocks the commit, the good draft goes in
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: draftlint\n", encoding="utf-8")
    installed = _pre_commit("install", cwd=site, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    git(site, "add", ".pre-commit-config.yaml")
    before = git(site, "rev-parse", "HEAD").strip()
    blocked = subprocess.run(["git", "commit", "-m", "listicle"], cwd=site, env=env, capture_output=True, text=True,
                             timeout=TIMEOUT)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert HOOK_LINE.findall(blocked.stdout + blocked.stderr) == ["Failed"]
    assert git(site, "rev-parse", "HEAD").strip() == before  # nothing was committed

    git(site, "reset", "-q", "--", "listicle.md")
    # a one-line README would fail its score; the project's exclude keeps it out, although
    # pre-commit names the file (the hook passes --force-exclude)
    (site / "README.md").write_text("# Our blog\n", encoding="utf-8")
    (site / "draftlint.yaml").write_text("exclude: [README.md]\n", encoding="utf-8")
    git(site, "add", "README.md", "draftlint.yaml")
    passed = subprocess.run(["git", "commit", "-m", "good draft"], cwd=site, env=env, capture_output=True, text=True,
                            timeout=TIMEOUT)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert HOOK_LINE.findall(passed.stdout + passed.stderr) == ["Passed"]
    assert git(site, "show", "--name-only", "--format=", "HEAD").split() == [
        ".pre-commit-config.yaml", "README.md", "draftlint.yaml", "good.md"]
