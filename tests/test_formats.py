"""Output formats, one module each, all rendering the same report: ``--format github``
(workflow commands, escaped), ``--format sarif`` (valid SARIF 2.1.0 with rule metadata from
the rules, regions equal to the JSON output's), ``--format junit`` (one test case per
draft) and ``--format json`` (the documented schema, unchanged by config and suppression).

The golden files under ``tests/golden/`` hold the github and SARIF output for the small
hand-written draft ``tests/golden/formats.md``; set ``DRAFTLINT_UPDATE_GOLDEN=1`` to rewrite
them after a deliberate change, and review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from xml.etree import ElementTree as ET

import pytest
import yaml

from helpers_cli import ROOT, TEAM_RULE, VQ, cli, report, validate_sarif, write

GOLDEN = ROOT / "tests" / "golden"
SELECT = f"house-synergy,{VQ},inflated-word,hedging"
SUGGEST_VQ = "Replace it with the measured figure, and what it is measured against."
EXPECTED_FINDINGS = [  # of tests/golden/formats.md with SELECT
    ("house-synergy", "error", 2, 17, 2, 24, "synergy"),
    (VQ, "warning", 5, 9, 5, 13, "many"),  # after an emoji: columns count code points
    ("house-synergy", "error", 7, 20, 7, 27, "synergy"),
    (VQ, "warning", 7, 33, 7, 37, "many"),
    ("inflated-word", "info", 7, 44, 7, 51, "utilize"),
    ("unknown-rule-in-directive", "info", 9, 1, 9, 42, "<!-- draftlint-disable-next-line nope -->"),
    ("hedging", "warning", 10, 4, 10, 17, "might perhaps"),
]


@pytest.fixture
def project(tmp_path):
    """A project with the team rule and the golden draft, also under an awkward name."""
    write(tmp_path, {"draftlint.yaml": "rules: [style]\n", "style/house.yaml": TEAM_RULE})
    shutil.copy(GOLDEN / "formats.md", tmp_path / "post.md")
    shutil.copy(GOLDEN / "formats.md", tmp_path / "a,b:c%.md")
    return tmp_path


def lint(project, fmt: str, *args: str, paths=("post.md",)):
    result = cli("lint", *paths, "--select", SELECT, "--format", fmt, *args, cwd=project)
    return result


def json_findings(doc, path="post.md"):
    (f,) = [f for f in doc["files"] if f["path"] == path]
    return f["findings"]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DRAFTLINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_golden_draft_gives_the_expected_findings(project):
    doc = report(lint(project, "json"))
    assert [(x["rule"], x["severity"], x["line"], x["column"], x["end_line"], x["end_column"], x["text"])
            for x in json_findings(doc)] == EXPECTED_FINDINGS


# -- github ---------------------------------------------------------------------------------

def test_github_golden(project):
    result = lint(project, "github", "--fail-under", "0")
    assert (result.exit_code, result.stderr) == (1, "")  # two error findings
    check_golden("formats.github.txt", result.stdout)


def test_github_annotations_match_the_json_findings(project):
    doc = report(lint(project, "json", "--fail-under", "0"))
    lines = lint(project, "github", "--fail-under", "0").stdout.splitlines()
    level = {"error": "error", "warning": "warning", "info": "notice"}
    expected = [
        f"::{level[x['severity']]} file=post.md,line={x['line']},col={x['column']},endLine={x['end_line']},"
        f"endColumn={x['end_column']},title=draftlint {x['rule']}::"
        + x["message"].replace("%", "%25") + (f" ({x['suggestion']})" if x["suggestion"] else "")
        for x in json_findings(doc)]
    assert lines == expected + ["draftlint: 1 draft(s), 1 passed, 0 failed, 7 finding(s)"]


def test_github_escapes_properties_and_data(project):
    result = lint(project, "github", "--fail-under", "0", paths=("a,b:c%.md",))
    first = result.stdout.splitlines()[0]
    # properties escape % : , (and newlines); the message escapes only % (and newlines)
    assert first == ("::error file=a%2Cb%3Ac%25.md,line=2,col=17,endLine=2,endColumn=24,title=draftlint house-synergy"
                     "::'synergy': 100%25 banned, by the house style (Say what the teams did together: who, what, when.)")


def test_github_failed_score_is_one_annotation_with_escaped_newlines(project):
    doc = report(lint(project, "json"))
    (f,) = doc["files"]
    unmet = [c for c in f["criteria"] if not c["met"]]
    lines = lint(project, "github").stdout.splitlines()
    assert len(lines) == len(EXPECTED_FINDINGS) + 2
    score = lines[-2]
    head = (f"::error file=post.md,line=1,title=draftlint score {f['score']:.0f}/100 (thought-leadership)::"
            f"Scored {f['score']:.0f}/100 against 'thought-leadership', under the pass mark 60.")
    data = "%0A".join([head] + [f"{c['id']}: {c['missing']}".replace("%", "%25") for c in unmet])
    assert score == data
    assert lines[-1] == "draftlint: 1 draft(s), 0 passed, 1 failed, 7 finding(s)"


def test_github_input_error(project):
    result = cli("lint", "missing.md", "--format", "github", cwd=project)
    assert (result.exit_code, result.stdout) == (2, (
        "::error file=missing.md,title=draftlint::missing.md: no such file or directory\n"
        "draftlint: 1 draft(s), 0 passed, 0 failed, 0 finding(s)\n"))
    assert result.stderr == "draftlint: error: missing.md: no such file or directory\n"


# -- sarif ----------------------------------------------------------------------------------

def sarif(result) -> dict:
    return json.loads(result.stdout)


def test_sarif_validates_against_the_official_schema(project):
    for args in ((), ("--fail-under", "0")):
        validate_sarif(sarif(lint(project, "sarif", *args, paths=("post.md", "a,b:c%.md", "missing.md"))))


def test_sarif_schema_validation_can_fail(project):
    doc = sarif(lint(project, "sarif"))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(doc)


def test_sarif_golden_results(project):
    doc = sarif(lint(project, "sarif", "--fail-under", "0"))
    run = doc["runs"][0]
    assert (doc["version"], run["columnKind"], run["tool"]["driver"]["name"]) == (
        "2.1.0", "unicodeCodePoints", "draftlint")
    results = [{k: v for k, v in r.items() if k != "ruleIndex"} for r in run["results"]]
    check_golden("formats.sarif-results.json", json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def test_sarif_regions_equal_the_json_output(project):
    doc = report(lint(project, "json"))
    run = sarif(lint(project, "sarif"))["runs"][0]
    level = {"error": "error", "warning": "warning", "info": "note"}
    got = [(r["ruleId"], r["level"], r["message"]["text"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]) for r in run["results"]]
    expected = [(x["rule"], level[x["severity"]], x["message"], "post.md",
                 {"startLine": x["line"], "startColumn": x["column"], "endLine": x["end_line"],
                  "endColumn": x["end_column"], "snippet": {"text": x["text"]}}) for x in json_findings(doc)]
    assert got[:-1] == expected
    (f,) = doc["files"]
    last = run["results"][-1]
    assert (last["ruleId"], last["level"], last["locations"][0]["physicalLocation"]["region"],
            last["properties"]) == ("score-below-threshold", "error", {"startLine": 1},
                                    {"score": f["score"], "term": "thought-leadership"})
    assert last["message"]["text"].startswith(f"Scored {f['score']:.0f}/100 against 'thought-leadership', under 60. ")
    # every result points at the descriptor of its own rule
    rules = run["tool"]["driver"]["rules"]
    assert [rules[r["ruleIndex"]]["id"] for r in run["results"]] == [r["ruleId"] for r in run["results"]]


def _packaged_rules() -> dict:
    out = {}
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in data["rules"]:
            out[raw["id"]] = (data.get("category") or path.stem, raw.get("severity", "warning"),
                              " ".join(raw["description"].split()))
    return out


def test_sarif_rule_metadata_comes_from_the_rules(project):
    """A descriptor's tags are the rule's category and the criteria its findings bore on: the
    term's ``rules:`` lists wire rules to criteria, so a rule with no finding has only its category."""
    run = sarif(lint(project, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    wired = {r["ruleId"]: [r["properties"]["criterion"]] for r in run["results"]
             if "criterion" in r.get("properties", {})}
    assert wired == {VQ: ["specific_numbers"]}
    by_id = {r["id"]: r for r in rules}
    assert by_id["house-synergy"] == {
        "id": "house-synergy",
        "name": "HouseSynergy",
        "shortDescription": {"text": "Our readers skip any sentence with this word."},
        "fullDescription": {"text": "Our readers skip any sentence with this word. It is banned on the blog."},
        "help": {"text": "Our readers skip any sentence with this word. It is banned on the blog. "
                         "Say what the teams did together: who, what, when."},
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": "house", "tags": ["house"]},
    }
    level = {"error": "error", "warning": "warning", "info": "note"}
    packaged = _packaged_rules()
    assert set(packaged) <= set(by_id)
    for rid, (category, severity, description) in packaged.items():
        d = by_id[rid]
        assert (d["fullDescription"]["text"], d["defaultConfiguration"]["level"], d["properties"]) == (
            description, level[severity], {"category": category, "tags": [category] + wired.get(rid, [])}
        ), rid
    for builtin in ("invalid-front-matter", "internal-error", "unknown-rule-in-directive", "unused-directive",
                    "score-below-threshold"):
        assert by_id[builtin]["shortDescription"]["text"]
    assert len(by_id) == len(rules)


def test_sarif_input_errors_are_tool_notifications(project):
    run = sarif(lint(project, "sarif", paths=("missing.md",)))["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": False, "toolExecutionNotifications": [
        {"level": "error", "message": {"text": "missing.md: no such file or directory"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "missing.md"}}}]}]}]


def test_sarif_describes_team_rules_of_a_nested_project(tmp_path):
    write(tmp_path, {"content/draftlint.yaml": "rules: [style]\n", "content/style/house.yaml": TEAM_RULE,
                     "content/post.md": "The merger created synergy.\n"})
    run = sarif(cli("lint", "content", "--select", "house-synergy", "--format", "sarif", cwd=tmp_path))["runs"][0]
    result = run["results"][0]
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert (result["ruleId"], "house-synergy" in ids) == ("house-synergy", True)
    assert result.get("ruleIndex") == ids.index("house-synergy")


def test_sarif_uri_is_percent_encoded(tmp_path):
    from urllib.parse import unquote

    write(tmp_path, {"my post.md": "Many dogs bark.\n", "a,b:c%.md": "Many dogs bark.\n"})
    run = sarif(cli("lint", "my post.md", "a,b:c%.md", "--select", VQ, "--format", "sarif", cwd=tmp_path))["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
            if r["ruleId"] == VQ]
    assert uris[0] == "my%20post.md"
    # a ':' in the first segment would read as a scheme, and '%' starts an escape: both are escaped
    assert (unquote(uris[1]), ":" in uris[1], "%25" in uris[1]) == ("a,b:c%.md", False, True)
    validate_sarif(sarif(cli("lint", "my post.md", "a,b:c%.md", "--format", "sarif", cwd=tmp_path)), skip=False)


# -- junit ----------------------------------------------------------------------------------

def junit(result):
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(result.stdout.split("\n", 1)[1])


def test_junit_one_testcase_per_draft(project):
    write(project, {"ok/draftlint.yaml": "fail_under: 0\n", "ok/good.md": "Dogs bark.\n"})
    args = ("post.md", "ok/good.md", "--select", VQ)
    result = cli("lint", *args, "missing.md", "--format", "junit", cwd=project)
    root = junit(result)
    assert (root.tag, root.attrib) == ("testsuites", {"name": "draftlint", "tests": "3", "failures": "1", "errors": "1"})
    (suite,) = root
    assert suite.attrib == {"name": "draftlint", "tests": "3", "failures": "1", "errors": "1"}
    cases = list(suite)
    assert [(c.tag, c.get("name"), c.get("file"), c.get("classname")) for c in cases] == [
        ("testcase", "post.md", "post.md", "draftlint"), ("testcase", "ok/good.md", "ok/good.md", "draftlint"),
        ("testcase", "missing.md", "missing.md", "draftlint")]
    doc = report(cli("lint", *args, "--format", "json", cwd=project))
    post, good = doc["files"]
    (failure,) = cases[0]
    assert (failure.tag, failure.get("message"), failure.get("type")) == (
        "failure", f"score {post['score']:.0f} under 60", "draftlint")
    body = failure.text.splitlines()
    assert body[:3] == ["post.md:5:9: warning vague-quantifier 'many' is vague: say how many or how much",
                        "post.md:7:33: warning vague-quantifier 'many' is vague: say how many or how much",
                        "post.md:9:1: info unknown-rule-in-directive draftlint-disable-next-line names unknown rule "
                        "'nope'"]
    assert body[3] == f"score {post['score']:.1f}/100 against 'thought-leadership' (pass mark 60)"
    assert len(body) == 4 + len(post["criteria"])
    assert good["passed"] is True
    (out,) = cases[1]
    assert out.tag == "system-out" and out.text.splitlines()[0] == (
        f"score {good['score']:.1f}/100 against 'thought-leadership' (pass mark 0)")
    (error,) = cases[2]
    assert (error.tag, error.get("type"), error.get("message"), error.text) == (
        "error", "input-error", "missing.md: no such file or directory", "missing.md: no such file or directory")
    assert result.exit_code == 2


def test_junit_findings_at_the_fail_level_fail_a_passing_draft(project):
    root = junit(lint(project, "junit", "--fail-under", "0", "--fail-level", "warning"))
    (case,) = root.iter("testcase")
    (failure,) = case
    assert (failure.tag, failure.get("message")) == ("failure", "5 finding(s) at or above warning")
    root = junit(cli("lint", "post.md", "--select", "inflated-word", "--fail-under", "0", "--format", "junit",
                     cwd=project))
    (case,) = root.iter("testcase")
    assert [child.tag for child in case] == ["system-out"]
    assert root.get("failures") == "0"


# -- json -----------------------------------------------------------------------------------

def test_json_schema_is_unchanged_by_config_directives_and_errors(project):
    import jsonschema

    from test_json_output import SCHEMA

    write(project, {"front.md": "---\ndraftlint:\n  disable: [vague-quantifier]\n---\nMany dogs.\n"})
    result = lint(project, "json", paths=("post.md", "front.md", "missing.md"))
    doc = report(result)
    jsonschema.validate(doc, SCHEMA)
    assert (doc["schema_version"], [f["path"] for f in doc["files"]]) == (1, ["post.md", "front.md", "missing.md"])
    assert set(doc["files"][0]) == {"path", "term", "score", "passed", "criteria", "findings"}
    assert set(doc["files"][0]["findings"][0]) == {"rule", "severity", "message", "line", "column", "end_line",
                                                   "end_column", "text", "criterion", "suggestion"}
    assert doc["summary"] == {"files": 3, "errors": 1, "passed": 0, "failed": 2, "findings": 7, "suppressed": 1,
                              "by_severity": {"error": 2, "warning": 3, "info": 2}}
