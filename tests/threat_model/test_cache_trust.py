"""Threat model, the cache folder: whoever can write it cannot change what a run prints.
The path shown comes from the draft, an entry with a field of the wrong type or a verdict
that does not match its score is rebuilt, and the key covers the versions of Python and of
the libraries that shape a report (read without importing spaCy)."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from reliability_support import VQ, assert_no_traceback, run, run_command, write

CACHE = ".draftlint_cache"
FAILING = "# Notes\n\nMany dogs bark. A lot of cats purr.\n"
ARGS = ("lint", "--select", VQ, "--format", "json", "post.md")


def entries(root):
    return sorted(p for p in (root / CACHE).glob("*/*.json") if not p.name.startswith(".tmp-"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A folder with one draft, linted once with the cache on: (folder, the report printed)."""
    root = write(tmp_path_factory.mktemp("seeded"), {"post.md": FAILING})
    first = run(*ARGS, cwd=root)
    assert first.returncode == 1 and len(entries(root)) == 1, first.stderr
    return root, first.stdout


@pytest.fixture
def project(seeded, tmp_path):
    root, printed = seeded
    shutil.copytree(root, tmp_path / "p")
    return tmp_path / "p", printed


def forge(root, change):
    (path,) = entries(root)
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["report"])
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_printed_path_comes_from_the_draft_not_the_entry(project):
    root, printed = project
    forge(root, lambda r: r.update(path="/etc/passwd"))
    again = run(*ARGS, cwd=root)
    assert (again.returncode, again.stderr, again.stdout) == (1, "", printed)
    text = run("lint", "--select", VQ, "--quiet", "post.md", cwd=root)
    assert "/etc/passwd" not in text.stdout and text.stdout.startswith("post.md:3:1: warning ")


FORGERIES = {
    "score-as-text": lambda r: r.update(score="100"),
    "passed-without-the-score": lambda r: r.update(passed=True),
    "score-out-of-range": lambda r: r.update(score=1e9, passed=True),
    "passed-as-a-string": lambda r: r.update(passed="yes"),
    "findings-not-a-list": lambda r: r.update(findings={"a": 1}),
    "finding-line-as-text": lambda r: r["findings"][0]["location"].update(line="1"),
    "finding-line-zero": lambda r: r["findings"][0]["location"].update(line=0),
    "unknown-severity": lambda r: r["findings"][0]["finding"].update(severity="fatal"),
    "extra-field": lambda r: r.update(admin=True),
    "an-error-entry": lambda r: r.update(error="x", score=None, passed=None),
    "message-not-text": lambda r: r["findings"][0]["finding"].update(message=["x"]),
}


@pytest.mark.parametrize("name", FORGERIES)
def test_an_entry_that_does_not_check_out_is_rebuilt(project, name):
    root, printed = project
    path = forge(root, FORGERIES[name])
    again = run(*ARGS, cwd=root)
    assert_no_traceback(again)
    assert (again.returncode, again.stderr, again.stdout) == (1, "", printed)
    assert json.loads(path.read_text(encoding="utf-8"))["report"]["passed"] is False  # written again, whole


VERSIONED = r"""
import importlib.metadata as md, sys
name, fake = sys.argv[1], "999.0-fake"
real = md.version
if name == "python":
    import platform
    platform.python_version = lambda: fake
else:
    md.version = lambda dist: fake if dist == name else real(dist)
from linter.cli import main
sys.argv = ["draftlint", "lint", "--select", "vague-quantifier", "--format", "json", "post.md"]
main()
"""


@pytest.mark.parametrize("library", ["python", "spacy", "thinc", "numpy", "markdown-it-py"])
def test_an_upgrade_of_python_or_a_library_misses_the_cache(project, library):
    root, printed = project
    proc = run_command([sys.executable, "-c", VERSIONED, library], cwd=root)
    assert (proc.returncode, proc.stderr, proc.stdout) == (1, "", printed)
    assert len(entries(root)) == 2  # a new key: the old report was not replayed


def test_the_versions_in_the_key_are_read_without_importing_spacy(tmp_path):
    code = ("import sys; from linter.cache import code_fingerprint, library_versions; code_fingerprint(); "
            "print(library_versions().count('=='), 'spacy' in sys.modules, 'thinc' in sys.modules)")
    proc = run_command([sys.executable, "-c", code], cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "5 False False\n"), proc.stderr
