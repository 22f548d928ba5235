"""``--format json``: one JSON document, schema version 1: ``report.schema.json`` beside this module."""

from __future__ import annotations

from linter.model import FileReport, Report, ReportedFinding
from linter.report.escape import json_text

SCHEMA_VERSION = 1


def file_dict(fr: FileReport) -> dict:
    out = {
        "path": fr.path,
        "term": fr.term,
        "score": fr.score,
        "passed": fr.passed,
        "criteria": [
            {
                "id": rc.score.id,
                "score": rc.score.score,
                "met": rc.score.met,
                "weight": rc.score.weight,
                "evidence": [{"line": e.line, "column": e.column, "text": e.evidence.text,
                              "readable": e.evidence.readable or e.evidence.text} for e in rc.evidence],
                "missing": rc.score.missing,
            }
            for rc in fr.criteria
        ],
        "findings": [_finding(rf) for rf in fr.findings],
    }
    if fr.error:
        out["error"] = fr.error
    return out


def _finding(rf: ReportedFinding) -> dict:
    loc = rf.location
    out = {
        "rule": rf.finding.rule,
        "severity": rf.finding.severity,
        "message": rf.finding.message,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "text": rf.text,
        "criterion": rf.finding.criterion,
        "suggestion": rf.finding.suggestion,
    }
    if rf.finding.fix is not None:  # additive: only findings that --fix can apply have it
        out["fix"] = {"replacement": rf.finding.fix, "line": loc.line, "column": loc.column,
                      "end_line": loc.end_line, "end_column": loc.end_column}
    return out


def render(report: Report, **_options) -> str:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "version": report.version,
        "files": [file_dict(fr) for fr in report.files],
        "summary": report.summary,
    }
    return json_text(doc) + "\n"
