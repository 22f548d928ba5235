"""Helpers for the command-line tests of config, suppression, formats, commands, CI
features and the pre-commit hook: real project folders, the CLI run in-process (click's
``CliRunner``) or as ``python -m linter``, and the JSON report read back as tuples."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

VQ = "vague-quantifier"
VQ_MESSAGE = "'{}' is vague: say how many or how much"
HEDGING_MESSAGE = "'{}' hedges the claim: commit to it or qualify it with a fact"

#: A team rule file: one error rule with a '%', ',' and ':' in its message, for escaping.
TEAM_RULE = """\
rules:
  - id: house-synergy
    type: phrases
    severity: error
    message: "'{match}': 100% banned, by the house style"
    description: >
      Our readers skip any sentence with this word. It is banned on the blog.
    suggestion: "Say what the teams did together: who, what, when."
    phrases: [synergy, game changer]
    examples:
      bad: [The merger created synergy.]
      good: [The two teams shared one on-call rota.]
"""

#: A team glossary term scored by two of the packaged detectors.
FIELD_NOTE_TERM = """\
id: field-note
name: Field note
definition: A short report of something the team did and measured.
pass_score: 50
criteria:
  - id: first_hand_experience
    weight: 60
    explanation: The team did the work it reports.
    detector: first_hand_experience
  - id: specific_numbers
    weight: 40
    explanation: The results are figures.
    detector: specific_numbers
    rules: [vague-quantifier]
"""


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path -> text or bytes) under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@contextlib.contextmanager
def chdir(folder: Path | None):
    old = os.getcwd()
    if folder is not None:
        os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def cli(*args: str, cwd: Path | None = None, stdin: str | None = None, env: dict | None = None):
    """Run ``draftlint ARGS`` in-process from ``cwd``."""
    with chdir(cwd):
        return CliRunner().invoke(main, list(args), input=stdin, env=env, catch_exceptions=False)


def run(*args: str, cwd: Path | None = None, stdin: str | None = None, env: dict | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m linter ARGS`` in a child process, output piped."""
    return subprocess.run([sys.executable, "-m", "linter", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


def run_on_tty(*args: str, cwd: Path, stdout_tty: bool, stderr_tty: bool, env: dict | None = None):
    """Run ``python -m linter ARGS`` with stdout and/or stderr on a pseudo-terminal.
    Returns ``(exit code, what the terminal showed, piped stdout, piped stderr)``."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "linter", *args], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL,
                            stdout=slave if stdout_tty else subprocess.PIPE,
                            stderr=slave if stderr_tty else subprocess.PIPE)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    out, err = proc.communicate(timeout=120)
    os.close(master)
    decode = lambda b: b.decode("utf-8") if b is not None else None  # noqa: E731
    return proc.returncode, b"".join(chunks).decode("utf-8"), decode(out), decode(err)


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


def report(result) -> dict:
    """The JSON document a ``--format json`` run printed."""
    return json.loads(result.stdout)


def findings(doc: dict, path: str | None = None) -> list[tuple]:
    """``(rule, severity, line, column, end_line, end_column, text)`` per finding, in order,
    for the file ``path`` (or the only file)."""
    files = doc["files"] if path is None else [f for f in doc["files"] if f["path"] == path]
    assert len(files) == 1, [f["path"] for f in doc["files"]]
    return [(x["rule"], x["severity"], x["line"], x["column"], x["end_line"], x["end_column"], x["text"])
            for x in files[0]["findings"]]


def by_path(doc: dict) -> dict[str, tuple]:
    """``path -> (term, passed, [rule ids of its findings])``."""
    return {f["path"]: (f["term"], f["passed"], [x["rule"] for x in f["findings"]]) for f in doc["files"]}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def git_repo(root: Path, files: dict[str, str]) -> Path:
    """A git repository at ``root`` with ``files`` committed."""
    write(root, files)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "--", *files)
    git(root, "commit", "-q", "-m", "drafts")
    return root


def validate_sarif(doc: dict, skip: bool = True) -> None:
    """Validate against the official schema; without it, skip the test (or, with ``skip=False``,
    only this check)."""
    if not SARIF_SCHEMA.is_file():
        if skip:
            pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA}")
        return
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
