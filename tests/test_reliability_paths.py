"""Reliability: bad paths, through the command line. A path that cannot be linted gives
one line naming it on stderr and exit code 2; every other draft is still linted.
Markers ``xfail(strict=True)`` name bugs still open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reliability_support import (
    GOOD,
    GOOD_FINDING,
    VQ,
    assert_error_entry,
    assert_no_traceback,
    assert_one_error,
    findings,
    lint,
    lint_json,
    run_command,
    write,
)


def test_missing_path_is_one_line_and_the_others_lint(tmp_path):
    write(tmp_path, {"good.md": GOOD})
    proc, doc = lint_json("nope.md", "good.md", cwd=tmp_path)
    assert_one_error(proc, "nope.md: no such file or directory")
    assert_error_entry(doc, "nope.md", "nope.md: no such file or directory")
    assert [f["path"] for f in doc["files"]] == ["nope.md", "good.md"]
    assert findings(doc, "good.md") == [GOOD_FINDING]


def test_missing_folder_and_a_path_through_a_file(tmp_path):
    write(tmp_path, {"good.md": GOOD})
    proc, doc = lint_json("gone/", "good.md/child.md", "good.md", cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["draftlint: error: gone/: no such file or directory",
                                        "draftlint: error: good.md/child.md: no such file or directory"]
    assert findings(doc, "good.md") == [GOOD_FINDING]


def test_ten_thousand_tiny_drafts_are_all_reported(tmp_path):
    root = tmp_path / "many"
    names = []
    for i in range(10_000):
        folder = root / f"d{i // 1000}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        (folder / f"p{i:05d}.md").write_bytes(b"Dogs bark.\n\nMany cats purr.\n")
        names.append(f"many/d{i // 1000}/p{i:05d}.md")
    proc, doc = lint_json("many", cwd=tmp_path, timeout=240)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert [f["path"] for f in doc["files"]] == names  # each once, in order
    assert {tuple(findings(doc, n)[0]) for n in names[:3] + names[-3:]} == {(VQ, "warning", 3, 1, 3, 5, "Many")}
    assert doc["summary"]["files"] == doc["summary"]["findings"] == 10_000


def test_symlink_loops_inside_a_linted_folder(tmp_path):
    write(tmp_path, {"d/a.md": GOOD, "d/sub/b.md": "A lot of cats.\n"})
    os.symlink("..", tmp_path / "d/sub/up")  # d/sub/up/sub/up/... forever
    os.symlink("../sub", tmp_path / "d/sub/self")
    os.symlink("loop2.md", tmp_path / "d/loop1.md")  # a file that is a loop of links
    os.symlink("loop1.md", tmp_path / "d/loop2.md")
    os.symlink("nowhere.md", tmp_path / "d/dangling.md")
    proc, doc = lint_json("d", cwd=tmp_path, timeout=60)
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "draftlint: error: d/dangling.md: no such file",
        "draftlint: error: d/loop1.md: cannot read: Too many levels of symbolic links",
        "draftlint: error: d/loop2.md: cannot read: Too many levels of symbolic links",
    ]
    assert [f["path"] for f in doc["files"]] == ["d/a.md", "d/dangling.md", "d/loop1.md", "d/loop2.md", "d/sub/b.md"]
    assert findings(doc, "d/a.md") == [GOOD_FINDING]
    assert findings(doc, "d/sub/b.md") == [(VQ, "warning", 1, 1, 1, 9, "A lot of")]


@pytest.mark.skipif(os.geteuid() == 0, reason="runs as root here: root reads a chmod 000 file, so there is nothing "
                                              "unreadable to report (the symlink-loop and FIFO tests cover unreadable "
                                              "files as root)")
def test_unreadable_file_is_one_line_and_the_others_lint(tmp_path):
    write(tmp_path, {"secret.md": GOOD, "good.md": GOOD})
    (tmp_path / "secret.md").chmod(0)
    try:
        proc, doc = lint_json("secret.md", "good.md", cwd=tmp_path)
    finally:
        (tmp_path / "secret.md").chmod(0o644)
    assert_one_error(proc, "secret.md: permission denied")
    assert findings(doc, "good.md") == [GOOD_FINDING]


def test_fifo_named_like_a_draft_does_not_hang(tmp_path):
    write(tmp_path, {"good.md": GOOD})
    os.mkfifo(tmp_path / "fifo.md")
    try:
        proc, doc = lint_json(".", cwd=tmp_path, timeout=6)
    except subprocess.TimeoutExpired:
        pytest.fail("draftlint hung reading a FIFO")
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("draftlint: error: ./fifo.md: ")
    assert findings(doc, "./good.md") == [GOOD_FINDING]


def test_a_folder_named_like_a_draft_is_searched_not_read(tmp_path):
    write(tmp_path, {"posts.md/inner.md": GOOD, "good.md": "A lot of cats.\n"})
    proc, doc = lint_json("posts.md", "good.md", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert [f["path"] for f in doc["files"]] == ["posts.md/inner.md", "good.md"]
    assert findings(doc, "posts.md/inner.md") == [GOOD_FINDING]


DELETE_WHILE_LINTING = r"""
import sys
from pathlib import Path
from click.testing import CliRunner
import linter.api as api
from linter.cli import main

doomed = Path(sys.argv[1]).resolve()
original = api.Linter.read_source

def read_source(self, target):
    # the draft was found, then removed before draftlint reads it
    if target.path is not None and target.path.resolve() == doomed:
        doomed.unlink()
    return original(self, target)

api.Linter.read_source = read_source
result = CliRunner().invoke(main, ["lint", "--no-cache", "--jobs", "1", "--select", "vague-quantifier",
                                   "--format", "json", "."])
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
sys.exit(result.exit_code)
"""


def test_a_draft_deleted_while_linting_is_one_line_and_the_others_lint(tmp_path):
    write(tmp_path, {"a.md": GOOD, "b.md": "Dogs.\n", "c.md": "A lot of cats.\n"})
    proc = run_command([sys.executable, "-c", DELETE_WHILE_LINTING, "b.md"], cwd=tmp_path)
    assert_one_error(proc, "./b.md: no such file")
    assert not (tmp_path / "b.md").exists()
    doc = json.loads(proc.stdout)
    assert_error_entry(doc, "./b.md", "./b.md: no such file")
    assert findings(doc, "./a.md") == [GOOD_FINDING]
    assert findings(doc, "./c.md") == [(VQ, "warning", 1, 1, 1, 9, "A lot of")]


def test_a_file_name_with_a_newline_still_gives_one_error_line(tmp_path):
    write(tmp_path, {"new\nline.md": b"Dogs\x00\x00", "good.md": GOOD})
    proc = lint("--select", VQ, "--quiet", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("draftlint: error: ./new") and proc.stderr.endswith(
        "line.md: binary file, not a text draft\n")


def test_a_file_name_that_is_not_utf8_does_not_stop_the_run(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_bytes(GOOD.encode())
    write(tmp_path, {"good.md": "A lot of cats.\n"})
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = run_command([sys.executable, "-m", "linter", "lint", "--no-cache", "--select", VQ, "--quiet",
                        "--fail-under", "0", "."], cwd=tmp_path, env=env)
    assert (proc.returncode, proc.stderr) == (0, "")
    lines = proc.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("./caf") and lines[0].endswith(f".md:1:1: warning {VQ} 'Many' is vague: say how many "
                                                              "or how much")
    assert lines[1] == f"./good.md:1:1: warning {VQ} 'A lot of' is vague: say how many or how much"


def test_the_same_draft_given_twice_is_reported_twice(tmp_path):
    write(tmp_path, {"a.md": GOOD})
    proc, doc = lint_json("a.md", "a.md", str(Path(tmp_path / "a.md")), cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert [f["path"] for f in doc["files"]] == ["a.md", "a.md", str(tmp_path / "a.md")]
    assert all(f["findings"][0]["line"] == 1 for f in doc["files"])
