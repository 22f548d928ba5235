"""The command line: help and version without spaCy, exit codes, errors on one line,
stdin, directory recursion, and ``python -m linter``.

Exit codes: 0 when no file has an error-severity finding and every file passed, 1 when
one has or one failed, 2 when a path, an input or an option is bad.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from linter import __version__
from linter.cli import main

from conftest import ROOT

VQ = "vague-quantifier"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def invoke(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def drafts(tmp_path):
    """A warning-only draft and a clean one."""
    (tmp_path / "warn.md").write_text("# Notes\n\nMany dogs bark.\n", encoding="utf-8")
    (tmp_path / "clean.md").write_text("Dogs bark.\n", encoding="utf-8")
    return tmp_path


# -- help and version stay light ----------------------------------------------------------

LIGHT_IMPORTS = """
import json, sys
from click.testing import CliRunner
import linter.cli
codes = [CliRunner().invoke(linter.cli.main, args).exit_code
         for args in (["--help"], ["--version"], ["lint", "--help"])]
print(json.dumps({"codes": codes, "loaded": sorted(m for m in ("spacy", "textstat", "thinc") if m in sys.modules)}))
"""


def test_help_and_version_do_not_import_nlp():
    proc = subprocess.run([sys.executable, "-c", LIGHT_IMPORTS], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"codes": [0, 0, 0], "loaded": []}


def test_version_and_help_through_python_dash_m():
    version = run("--version")
    assert (version.returncode, version.stdout, version.stderr) == (0, f"draftlint {__version__}\n", "")
    helped = run("--help")
    assert helped.returncode == 0
    assert "Usage:" in helped.stdout and "lint" in helped.stdout
    lint_help = run("lint", "--help")
    assert lint_help.returncode == 0
    for option in ("--format", "--select", "--stdin-filename", "--fail-under"):
        assert option in lint_help.stdout


# -- exit codes -------------------------------------------------------------------------------

def test_exit_0_when_only_warnings_and_all_pass(drafts):
    result = invoke("lint", str(drafts / "warn.md"), str(drafts / "clean.md"), "--select", VQ, "--fail-under", "0")
    assert result.exit_code == 0, result.output
    assert f"{drafts / 'warn.md'}:3:1: warning {VQ} 'Many' is vague" in result.stdout
    assert result.stderr == ""


def test_exit_1_when_a_draft_fails_its_score(drafts):
    result = invoke("lint", str(drafts / "clean.md"), "--select", VQ, "--fail-under", "100")
    assert result.exit_code == 1
    assert f"{drafts / 'clean.md'}: score " in result.stdout and ": failed" in result.stdout


def test_exit_1_for_an_error_finding_even_when_passed(tmp_path):
    draft = tmp_path / "x.md"
    draft.write_text("---\n- not a mapping\n---\nDogs bark.\n", encoding="utf-8")
    result = invoke("lint", str(draft), "--select", VQ, "--fail-under", "0", "--quiet")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{draft}:2:1: error invalid-front-matter ")


def test_missing_path_is_one_line_and_other_files_still_lint(drafts):
    missing = str(drafts / "nope.md")
    result = invoke("lint", missing, str(drafts / "warn.md"), "--select", VQ, "--format", "json")
    assert result.exit_code == 2
    assert result.stderr == f"draftlint: error: {missing}: no such file or directory\n"
    files = json.loads(result.stdout)["files"]
    assert [(f["path"], [x["line"] for x in f["findings"]]) for f in files] == [
        (missing, []), (str(drafts / "warn.md"), [3])]


def test_missing_path_in_text_output(drafts):
    missing = str(drafts / "nope.md")
    result = invoke("lint", missing, str(drafts / "warn.md"), "--select", VQ, "--quiet")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for stream in (result.stdout, result.stderr):
        naming = [line for line in stream.splitlines() if missing in line]
        assert len(naming) <= 1 and all(line.endswith(f"{missing}: no such file or directory") for line in naming)
    assert missing in result.output
    assert f"{drafts / 'warn.md'}:3:1: warning {VQ} " in result.stdout


def test_unknown_rule_in_select(drafts):
    result = invoke("lint", str(drafts / "warn.md"), "--select", "no-such-rule")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("draftlint: error: unknown rule or category 'no-such-rule'")


def test_no_paths_is_a_usage_error():
    result = invoke("lint")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "path" in result.stderr.lower()


@pytest.mark.parametrize("data,message", [
    (b"Dogs\n\xff bark\n", ":2: not valid UTF-8 (byte 0xff at offset 5)"),
    (b"Dogs\x00\x01\x02", ": binary file, not a text draft"),
], ids=["bad-utf8", "binary"])
def test_unreadable_input_is_one_line_and_other_files_still_lint(drafts, data, message):
    bad = drafts / "bad.md"
    bad.write_bytes(data)
    result = invoke("lint", str(bad), str(drafts / "warn.md"), "--select", VQ, "--format", "json")
    assert result.exit_code == 2
    assert result.stderr == f"draftlint: error: {bad}{message}\n"
    files = json.loads(result.stdout)["files"]
    assert files[0]["error"] == f"{bad}{message}"
    assert [x["line"] for x in files[1]["findings"]] == [3]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_byte_order_mark_is_not_a_column(tmp_path, encoding, bom):
    draft = tmp_path / "bom.md"
    draft.write_bytes(bom + "Many dogs.\n".encode(encoding))
    result = invoke("lint", str(draft), "--select", VQ, "--format", "json")
    finding = json.loads(result.stdout)["files"][0]["findings"][0]
    assert (finding["line"], finding["column"], finding["text"]) == (1, 1, "Many")


# -- stdin ----------------------------------------------------------------------------------

def test_stdin_with_a_filename_picks_the_format_and_the_path():
    text = "import A from 'a'\n\n<Note kind=\"many\">\nDogs and many cats.\n</Note>\n"
    proc = run("lint", "-", "--stdin-filename", "post.mdx", "--select", VQ, "--fail-under", "0", "--quiet",
               stdin=text)
    assert proc.returncode == 0
    assert proc.stdout == f"post.mdx:4:10: warning {VQ} 'many' is vague: say how many or how much\n"


def test_stdin_without_a_filename_is_shown_as_dash():
    result = invoke("lint", "-", "--select", VQ, "--quiet", stdin="Dogs and many cats.\n".encode())
    assert result.stdout == (f"-:1:10: warning {VQ} 'many' is vague: say how many or how much\n"
                             "-: failed: score 1/100 against 'thought-leadership', under the pass mark 60\n")


def test_stdin_as_plain_text():
    result = invoke("lint", "-", "--stdin-filename", "notes.txt", "--select", VQ, "--quiet",
                    stdin=b"# Dogs and many cats\n")
    assert result.stdout.startswith(f"notes.txt:1:12: warning {VQ} ")


# -- directories ----------------------------------------------------------------------------

def test_directory_recursion_picks_draft_suffixes_only(tmp_path):
    names = ["a.md", "b.markdown", "c.mdx", "d.txt", "sub/e.md", "sub/deeper/f.txt", "sub/G.MD",
             "skip.rst", "skip.html", "skip.mdown", "skip.md.bak", "sub/skip.json", ".hidden/skip.md"]
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Dogs bark.\n", encoding="utf-8")
    result = invoke("lint", str(tmp_path), "--select", VQ, "--format", "json")
    got = [os.path.relpath(f["path"], tmp_path) for f in json.loads(result.stdout)["files"]]
    assert got == ["a.md", "b.markdown", "c.mdx", "d.txt", "sub/G.MD", "sub/deeper/f.txt", "sub/e.md"]


def test_text_output_lists_findings_then_the_score(drafts):
    result = invoke("lint", str(drafts / "warn.md"), "--select", VQ)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{drafts / 'warn.md'}:3:1: warning {VQ} 'Many' is vague: say how many or how much"
    assert lines[1].startswith(f"{drafts / 'warn.md'}: score ") and "against 'thought-leadership'" in lines[1]
    assert lines[-1].startswith("1 draft(s): ")
    assert lines[-1].endswith("; 0 error(s), 1 warning(s), 0 info")
