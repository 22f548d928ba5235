"""``--format json``: the shipped schema (version 1, ``linter/report/report.schema.json``),
and positions that point at the text they quote, checked on the drafts in ``examples/``
with every rule enabled."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT
from linter import __version__
from linter.cli import main
from test_markdown import line_starts, offset_of

EXAMPLES = ROOT / "examples"
CRITERIA = ["original_data", "specific_numbers", "contrarian_stance", "no_generic_tips", "first_hand_experience"]
VQ = "vague-quantifier"

#: The schema draftlint ships (linter/report/report.schema.json) and the README documents.
SCHEMA = json.loads((ROOT / "linter" / "report" / "report.schema.json").read_text(encoding="utf-8"))


def lint_json(*args: str, stdin: bytes | None = None) -> dict:
    result = CliRunner().invoke(main, ["lint", *args, "--format", "json"], input=stdin)
    assert result.exit_code in (0, 1, 2), result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SCHEMA)
    return doc


@pytest.fixture(scope="module")
def examples_doc() -> dict:
    return lint_json(str(EXAMPLES), "--enable", "all")


def test_schema_rejects_a_broken_document():
    """The schema is a valid JSON Schema, and it must be able to fail."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    good = {"schema_version": 1, "version": "x", "files": [], "summary": {
        "files": 0, "errors": 0, "passed": 0, "failed": 0, "findings": 0, "suppressed": 0,
        "by_severity": {"error": 0, "warning": 0, "info": 0}}}
    jsonschema.validate(good, SCHEMA)
    for broken in ({**good, "schema_version": 2}, {**good, "extra": 1},
                   {**good, "files": [{"path": "p", "term": None, "score": None, "passed": None,
                                       "criteria": [], "findings": [{"rule": "r"}]}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_examples_validate_and_summary_adds_up(examples_doc):
    files = examples_doc["files"]
    assert examples_doc["version"] == __version__
    assert [Path(f["path"]).name for f in files] == [
        "announcement.mdx", "generic-listicle.md", "mixed.md", "thought-leadership.md"]
    findings = [x for f in files for x in f["findings"]]
    summary = examples_doc["summary"]
    assert summary["files"] == len(files) and summary["errors"] == 0
    assert summary["passed"] + summary["failed"] == len(files)
    assert summary["passed"] == sum(1 for f in files if f["passed"])
    assert summary["findings"] == len(findings)
    assert summary["by_severity"] == {s: sum(1 for x in findings if x["severity"] == s)
                                      for s in ("error", "warning", "info")}
    for f in files:
        assert f["term"] == "thought-leadership"
        assert [c["id"] for c in f["criteria"]] == CRITERIA


def test_example_findings_and_evidence_point_at_their_text(examples_doc):
    checked = 0
    for f in examples_doc["files"]:
        text = Path(f["path"]).read_text(encoding="utf-8")
        starts = line_starts(text)
        for x in f["findings"]:
            start = offset_of(text, starts, x["line"], x["column"])
            end = offset_of(text, starts, x["end_line"], x["end_column"])
            assert start <= end
            assert text[start:end] == x["text"], (f["path"], x)
            checked += 1
        for c in f["criteria"]:
            for e in c["evidence"]:
                start = offset_of(text, starts, e["line"], e["column"])
                assert text[start:start + len(e["text"])] == e["text"], (f["path"], c["id"], e)
                checked += 1
    assert checked >= 20


def test_examples_are_what_they_claim_to_be(examples_doc):
    by_name = {Path(f["path"]).name: f for f in examples_doc["files"]}
    assert by_name["thought-leadership.md"]["passed"] is True
    assert by_name["generic-listicle.md"]["passed"] is False
    assert by_name["thought-leadership.md"]["score"] > by_name["mixed.md"]["score"] >= by_name["generic-listicle.md"]["score"]


@pytest.mark.parametrize("name,expected", [
    # Only the Callout's prose: the import/export lines, {/* comment */}, JSX props and alt text are not prose.
    ("announcement.mdx", [(65, 57)]),
    ("mixed.md", [(10, 61), (41, 57), (56, 26)]),  # line 31 states a figure ("twice"), so "many" is let be
    ("thought-leadership.md", []),
])
def test_vague_quantifiers_in_examples(name, expected):
    doc = lint_json(str(EXAMPLES / name), "--select", VQ)
    assert [(x["line"], x["column"]) for x in doc["files"][0]["findings"] if x["rule"] == VQ] == expected


def test_examples_are_drafts_of_the_right_length():
    for path in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".mdx")):
        words = len(path.read_text(encoding="utf-8").split())
        assert 400 <= words <= 900, (path.name, words)


def test_errors_and_stdin_in_json(tmp_path):
    (tmp_path / "term.md").write_text("---\ndraftlint:\n  term: nope\n---\nDogs.\n", encoding="utf-8")
    doc = lint_json(str(tmp_path / "missing.md"), str(tmp_path / "term.md"), "-", "--stdin-filename",
                    "in.md", "--select", VQ, stdin="Dogs and many cats.\n".encode())
    missing, term, stdin = doc["files"]
    assert missing == {"path": str(tmp_path / "missing.md"), "term": None, "score": None, "passed": None,
                       "criteria": [], "findings": [],
                       "error": f"{tmp_path / 'missing.md'}: no such file or directory"}
    assert term["error"].startswith(f"{tmp_path / 'term.md'}:3: front matter names unknown term 'nope'")
    assert stdin["path"] == "in.md" and stdin["term"] == "thought-leadership"
    assert [(x["rule"], x["line"], x["column"], x["end_line"], x["end_column"], x["text"], x["severity"],
             x["criterion"]) for x in stdin["findings"]] == [(VQ, 1, 10, 1, 14, "many", "warning", "specific_numbers")]
    assert doc["summary"]["errors"] == 2 and doc["summary"]["files"] == 3
