"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards. Rule metadata comes from
the rule registry, and a rule's tags are its category and the criteria its findings bore on
(as the drafts' terms wire them); columns are counted in Unicode code points."""

from __future__ import annotations

from linter.builtin import DESCRIPTIONS, SCORE_BELOW_THRESHOLD
from linter.model import Report
from linter.report.escape import json_text, unicode

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
BUILTIN_RULES = DESCRIPTIONS


def _rule_descriptor(rule, criteria=()) -> dict:
    """``criteria``: the criteria this rule's findings bore on, as their drafts' terms wire them."""
    out = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(rule.description.split())},
        "help": {"text": " ".join(rule.description.split()) + (f" {rule.suggestion}" if rule.suggestion else "")},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category, *sorted(criteria)]},
    }
    return out


def _uri(path: str) -> str:
    """A relative URI reference for a path (spaces and other reserved characters escaped)."""
    import os
    from urllib.parse import quote

    if os.sep != "/":  # only where it is a separator: elsewhere a backslash is part of a name
        path = path.replace(os.sep, "/")
    return quote(unicode(path), safe="/")


def render(report: Report, **_options) -> str:
    criteria: dict[str, set[str]] = {}
    for fr in report.files:
        for rf in fr.findings:
            if rf.finding.criterion:
                criteria.setdefault(rf.finding.rule, set()).add(rf.finding.criterion)
    descriptors = [_rule_descriptor(r, criteria.get(r.id, ())) for r in report.rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    for rid, text in BUILTIN_RULES.items():
        if rid not in index:
            index[rid] = len(descriptors)
            descriptors.append({"id": rid, "shortDescription": {"text": text}})
    results = []
    notifications = []
    for fr in report.files:
        location_file = {"artifactLocation": {"uri": _uri(fr.path)}}
        if fr.error:
            notifications.append({"level": "error", "message": {"text": fr.error},
                                  "locations": [{"physicalLocation": location_file}]})
            continue
        for rf in fr.findings:
            f, loc = rf.finding, rf.location
            result = {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {**location_file, "region": {
                    "startLine": loc.line, "startColumn": loc.column,
                    "endLine": loc.end_line, "endColumn": loc.end_column,
                    "snippet": {"text": rf.text},
                }}}],
            }
            if f.fix is not None:
                result["fixes"] = [{
                    "description": {"text": f"Replace with '{f.fix}'"},
                    "artifactChanges": [{**location_file, "replacements": [{
                        "deletedRegion": {"startLine": loc.line, "startColumn": loc.column,
                                          "endLine": loc.end_line, "endColumn": loc.end_column},
                        "insertedContent": {"text": f.fix},
                    }]}],
                }]
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if f.criterion:
                result["properties"] = {"criterion": f.criterion}
            results.append(result)
        if fr.passed is False:
            missing = "; ".join(f"{rc.score.id}: {rc.score.missing}" for rc in fr.criteria if not rc.score.met)
            results.append({
                "ruleId": SCORE_BELOW_THRESHOLD,
                "ruleIndex": index[SCORE_BELOW_THRESHOLD],
                "level": "error",
                "message": {"text": f"Scored {fr.score:.0f}/100 against '{fr.term}', under {fr.fail_under:g}. {missing}"},
                "locations": [{"physicalLocation": {**location_file, "region": {"startLine": 1}}}],
                "properties": {"score": fr.score, "term": fr.term},
            })
    run = {
        "tool": {"driver": {
            "name": "draftlint",
            "version": report.version,
            "semanticVersion": report.version,
            "informationUri": "https://pypi.org/project/draftlint/",
            "rules": descriptors,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(doc) + "\n"
