"""Threat model, one-line errors and no silent false negatives at the command line's edges:
hostile baseline shapes, a closed stdin, a full disk on stdout, a bad labels.tsv, folders and
files that cannot be read, and control characters in error lines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from reliability_support import (GOOD, GOOD_FINDING, VQ, assert_error_entry, assert_no_traceback, assert_one_error,
                                 findings, lint, run, run_command, write)

NOT_A_BASELINE = "not a draftlint baseline file (write a new one with --update-baseline)"

BASELINES = {
    "findings-null": '{"baseline_version": 1, "findings": null, "failing": {}}',
    "a-list": "[1, 2]",
    "deep-nesting": "[" * 100_000 + "]" * 100_000,
    "deep-object": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "findings-of-numbers": '{"baseline_version": 1, "findings": [1, 2], "failing": {}}',
    "failing-a-list": '{"baseline_version": 1, "findings": [], "failing": []}',
    "failing-score-text": '{"baseline_version": 1, "findings": [], "failing": {"post.md": "9"}}',
    "version-true": '{"baseline_version": true, "findings": [], "failing": {}}',
}


@pytest.mark.parametrize("name", BASELINES)
def test_a_hostile_baseline_is_not_a_baseline_file(tmp_path, name):
    write(tmp_path, {"post.md": GOOD, "b.json": BASELINES[name]})
    proc = lint("post.md", "--baseline", "b.json", cwd=tmp_path)
    assert_one_error(proc, f"b.json: {NOT_A_BASELINE}")
    assert proc.stdout == ""


def test_a_closed_stdin_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "linter", "lint", "--no-cache", "-"], cwd=tmp_path,
                          capture_output=True, text=True, preexec_fn=lambda: os.close(0), timeout=60)
    assert_one_error(proc, "-: cannot read: standard input is closed")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [("lint", "--no-cache", "--select", VQ, "--format", "json", "post.md"), ("rules",)])
def test_stdout_on_a_full_disk_is_one_line(tmp_path, args):
    write(tmp_path, {"post.md": GOOD})
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=tmp_path, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.stderr == "draftlint: error: cannot write to standard output: No space left on device\n"
    assert proc.returncode == 2


HEADER = "file\tthought_leadership\n"


def test_eval_labels_that_are_not_utf8_are_one_line(tmp_path):
    write(tmp_path, {"a.md": GOOD, "labels.tsv": (HEADER + "a.md\t1\ncaf\xe9.md\t0\n").encode("latin-1")})
    proc = run("eval", ".", cwd=tmp_path)
    assert_one_error(proc, "labels.tsv:3: not valid UTF-8 (byte 0xe9 at offset 34)")


@pytest.mark.parametrize("cell, problem", [("", "column 'file' is empty"),
                                           ("  ", "column 'file' is empty"),
                                           ("sub", "column 'file' names a folder, not a draft: 'sub'")])
def test_eval_a_file_cell_that_is_not_a_draft_is_an_error_with_its_line(tmp_path, cell, problem):
    write(tmp_path, {"a.md": GOOD, "sub/b.md": GOOD, "labels.tsv": HEADER + f"a.md\t1\n{cell}\t0\n"})
    proc = run("eval", ".", cwd=tmp_path)
    assert_one_error(proc, f"labels.tsv:3: {problem}")
    assert proc.stdout == ""


def test_an_error_line_escapes_terminal_controls_in_a_file_name(tmp_path):
    write(tmp_path, {"\x1b]0;owned\x07\x1b[2J.md": b"Dogs\x00", "good.md": GOOD})
    proc = lint("--select", VQ, "--quiet", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert proc.stderr == "draftlint: error: ./\\e]0;owned\\x07\\e[2J.md: binary file, not a text draft\n"


# -- what cannot be read is an error, never a silent skip ----------------------------------------

def _unprivileged(argv):
    """``argv`` without the power to read what its mode forbids. Tests run as root here, and
    root reads a chmod 000 folder; setpriv drops the capabilities that allow it."""
    if os.geteuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: nothing can be made unreadable to root")
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", *argv]


def lint_locked(root, locked, *paths):
    """Lint ``paths`` in ``root`` with the folder ``locked`` made unreadable (mode 000)."""
    argv = _unprivileged([sys.executable, "-m", "linter", "lint", "--no-cache", "--select", VQ, "--format", "json",
                          *paths])
    (root / locked).chmod(0)
    try:
        proc = run_command(argv, cwd=root)
    finally:
        (root / locked).chmod(0o755)
    assert_no_traceback(proc)
    return proc, json.loads(proc.stdout)


def test_an_unreadable_subfolder_is_an_error_and_the_rest_is_linted(tmp_path):
    write(tmp_path, {"d/a.md": GOOD, "d/locked/b.md": GOOD, "d/z.md": GOOD})
    proc, doc = lint_locked(tmp_path, "d/locked", "d")
    assert_one_error(proc, "d/locked: cannot read folder: permission denied")
    assert [f["path"] for f in doc["files"]] == ["d/a.md", "d/locked", "d/z.md"]
    assert_error_entry(doc, "d/locked", "d/locked: cannot read folder: permission denied")
    assert findings(doc, "d/a.md") == findings(doc, "d/z.md") == [GOOD_FINDING]


def test_a_named_draft_in_an_unreadable_folder_is_one_line_and_the_others_lint(tmp_path):
    write(tmp_path, {"locked/b.md": GOOD, "other.md": GOOD})
    proc, doc = lint_locked(tmp_path, "locked", "locked/b.md", "other.md")
    assert_one_error(proc, "locked/b.md: permission denied")
    assert [f["path"] for f in doc["files"]] == ["locked/b.md", "other.md"]
    assert findings(doc, "other.md") == [GOOD_FINDING]
