"""Threat model, output: text that a pull request controls (draft text, file names, rule
messages, config error texts) cannot be turned against whoever reads draftlint's output.

- a terminal: no escape sequence (retitle, clear the screen), no bidi reordering, one finding
  per line;
- a GitHub Actions log: no line of ours starts a workflow command (``::cmd::`` at a line's
  start, ``##[cmd]`` anywhere), and ``--format github`` annotations say exactly what we meant;
- XML (JUnit): well-formed, whatever characters the draft holds;
- JSON and SARIF: valid UTF-8, even for a file name that is not, and never ``NaN``.

Formatters are tested on a hand-built report (no spaCy), and once end to end on a hostile
draft through the command line.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import time
import unicodedata
from types import SimpleNamespace
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers_cli import validate_sarif, write
from linter.api import build_report
from linter.discovery import display_name
from linter.errors import ConfigError, DraftlintError
from linter.model import (CriterionScore, Evidence, FileReport, Finding, Location, ReportedCriterion,
                          ReportedEvidence, ReportedFinding)
from linter.report import escape, render

#: What a hostile pull request puts into a text field: OSC retitle, clear screen, a bidi
#: override and isolate, a line break that starts a workflow command, a V1 ``##[`` command,
#: C1 NEL and CSI, a line separator, a non-character and an undecodable byte of a file name.
EVIL = ("\x1b]0;pwned\x07\x1b[2J\u202eevil\u2066\n::error file=x::injected\r\n##[warning]v1"
        "\x85\u2028\x9b31m\ufffe\udcff")

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
C0 = "".join(chr(c) for c in range(0x20) if c != 0x09)
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
#: Everything a terminal or a log must never receive raw.
NEVER_RAW = set(C0 + "\x7f" + C1 + BIDI + "\u2028\u2029")

_BACK = re.compile(r"\\(?:(e)|(n)|(r)|x([0-9a-f]{2})|u([0-9a-f]{4}))")


def unescape(text: str) -> str:
    """The inverse of ``escape.terminal`` for text without backslashes: shows nothing is lost."""
    def one(m):
        if m.group(1):
            return "\x1b"
        if m.group(2):
            return "\n"
        if m.group(3):
            return "\r"
        if m.group(4):
            code = int(m.group(4), 16)
            return chr(code) if code < 0x80 else chr(0xDC00 + code)  # \x80-\xff: an undecodable byte
        return chr(int(m.group(5), 16))
    return _BACK.sub(one, text)


def ignorable(ch: str) -> bool:
    """What a culture-sensitive .NET comparison (the Actions runner) may skip over."""
    return unicodedata.category(ch) == "Cf" or ch.isspace()


def runner_commands(output: str) -> list[tuple[str, dict, str]]:
    """The workflow commands GitHub's runner would find in ``output``: its line split (CR, LF),
    ``::cmd props::data`` after leading whitespace, and ``##[cmd]`` anywhere in a line, both with
    ignorable characters skipped."""
    found = []
    for line in re.split(r"\r\n|\r|\n", output):
        bare = "".join(ch for ch in line if unicodedata.category(ch) != "Cf").lstrip()
        if "##[" in bare:
            found.append(("v1", {}, line))
        if not bare.startswith("::"):
            continue
        end = bare.find("::", 2)
        if end < 0:
            continue
        info, data = bare[2:end], bare[end + 2:]
        name, _, props = info.partition(" ")
        properties = {}
        for pair in filter(None, props.split(",")):
            key, _, value = pair.partition("=")
            for token, code in ((":", "%3A"), (",", "%2C"), ("\r", "%0D"), ("\n", "%0A"), ("%", "%25")):
                value = value.replace(code, token)
            properties[key] = value
        for token, code in (("\r", "%0D"), ("\n", "%0A"), ("%", "%25")):
            data = data.replace(code, token)
        found.append((name, properties, data))
    return found


def utf8(text: str) -> str:
    """``text`` after a strict UTF-8 round trip: fails on a lone surrogate."""
    return text.encode("utf-8").decode("utf-8")


def hostile_report(evil: str = EVIL, score: float = 42.0, weight: float = 25.0):
    """A report with ``evil`` in every text field: paths, term, rule id, message, suggestion,
    quoted text, criterion id, evidence, what is missing, an error, and the rule metadata."""
    finding = Finding(rule="r" + evil, severity="warning", message="m" + evil, start=0, end=4,
                      criterion="c" + evil, suggestion="s" + evil)
    criterion = ReportedCriterion(
        CriterionScore(id="id" + evil, score=0.5, met=True, weight=weight, evidence=(Evidence(0, 4, "e" + evil),)),
        (ReportedEvidence(Evidence(0, 4, "e" + evil), 1, 1),))
    unmet = ReportedCriterion(CriterionScore(id="u" + evil, score=0.0, met=False, weight=10.0, missing="x" + evil), ())
    files = (
        FileReport(path="::warning::" + evil + ".md", term="t" + evil, score=score, passed=False,
                   criteria=(criterion, unmet), findings=(ReportedFinding(finding, Location(1, 2, 1, 6), "q" + evil),),
                   fail_under=60.0, fail_level="error"),
        FileReport(path="p" + evil + ".md", term=None, score=None, passed=None, error="bad " + evil),
    )
    rule = SimpleNamespace(id="r" + evil, summary="S" + evil, description="D" + evil, suggestion="s" + evil,
                           severity="warning", category="k" + evil, criterion="c" + evil)
    return build_report(files, rules=(rule,))


# -- escape.terminal ------------------------------------------------------------------------

def test_terminal_escapes_every_c0_c1_control_and_del_but_keeps_tab():
    for ch in C0 + "\x7f" + C1:
        out = escape.terminal("a" + ch + "b")
        assert ch not in out and out.startswith("a\\") and out.endswith("b"), repr(ch)
        assert unescape(out) == "a" + ch + "b", repr(ch)
    assert escape.terminal("a\tb") == "a\tb"
    assert escape.terminal("\x1b]0;pwned\x07\x1b[2J") == "\\e]0;pwned\\x07\\e[2J"
    assert escape.terminal("a\r\nb") == "a\\r\\nb"
    assert escape.terminal("\x9b31m\x85") == "\\u009b31m\\u0085"  # C1 apart from undecodable bytes


def test_terminal_escapes_bidi_marks_embeddings_overrides_isolates_and_line_separators():
    for ch in BIDI + "\u2028\u2029":
        assert escape.terminal(ch) == f"\\u{ord(ch):04x}"


def test_terminal_shows_undecodable_file_name_bytes_as_display_name_does():
    name = os.fsdecode(b"caf\xe9-\xff.md")
    assert escape.terminal(name) == display_name(name) == "caf\\xe9-\\xff.md"
    # a lone surrogate that no file name can hold still gives valid UTF-8
    assert escape.terminal("\ud800x\udc00") == "\\ud800x\\udc00"


def test_terminal_keeps_ordinary_unicode_and_emoji():
    text = "Café 中文 עברית العربية Ωmega 🎉 👩🏽‍💻 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ½ \u00a0 “quotes” — ok"
    assert escape.terminal(text) == text


def test_terminal_defuses_v1_workflow_commands_even_with_invisible_characters_between():
    assert escape.terminal("see ##[warning]x") == "see ##\\x5bwarning]x"
    for ch in [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"] + ["\t"]:
        out = escape.terminal(f"#{ch}#{ch}[add-mask]x")
        assert runner_commands(out) == [], repr(ch)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\\"), max_size=60))
def test_terminal_output_is_one_safe_line_and_loses_nothing(text):
    out = escape.terminal(text)
    assert not NEVER_RAW & set(out)
    assert len(out.splitlines()) <= 1  # Python splits on more line breaks than any terminal
    utf8(out)
    assert unescape(out) == text


@pytest.mark.parametrize("unit", ["#\u200b", "\x1b#\u200b\u200b", "a\u202e", "##\t"])
def test_escaping_is_linear_in_the_text(unit):
    """A hostile text cannot make escaping slow: twice the input, at most about twice the time."""
    def best(n):
        text = unit * n
        times = []
        for _ in range(5):  # the best of five: the machine is shared
            t0 = time.perf_counter()
            escape.terminal(text)
            escape.json_text([text])
            times.append(time.perf_counter() - t0)
        return min(times)
    n = 50_000
    while best(n) < 0.05:  # big enough to measure
        n *= 2
    ratios = []
    for _ in range(3):  # a quadratic cost gives 4 every time; noise from other jobs does not repeat
        ratios.append(best(2 * n) / best(n))
        if ratios[-1] < 3:
            break
    assert min(ratios) < 3, ratios


def test_path_cannot_start_a_log_line_as_a_workflow_command():
    assert escape.path("::warning::x.md") == "./::warning::x.md"
    assert escape.path(" \u200b::x.md") == "./ \u200b::x.md"
    assert escape.path("docs/a.md") == "docs/a.md"
    assert escape.path("/abs/::a.md") == "/abs/::a.md"


# -- text -----------------------------------------------------------------------------------

def test_text_output_has_no_raw_controls_bidi_or_extra_lines():
    out = render(hostile_report(), "text")
    utf8(out)
    assert not NEVER_RAW & set(out.replace("\n", ""))
    assert runner_commands(out) == []
    lines = out.splitlines()
    # finding, score, met criterion, unmet criterion, blank, error, blank, summary
    assert len(lines) == 8
    assert lines[0] == ("./::warning::" + escape.terminal(EVIL) + ".md:1:2: warning r" + escape.terminal(EVIL)
                        + " m" + escape.terminal(EVIL))
    assert lines[0].startswith("./::warning::\\e]0;pwned\\x07\\e[2J\\u202eevil\\u2066\\n::error file=x::injected"
                               "\\r\\n##\\x5bwarning]v1\\u0085\\u2028\\u009b31m\\ufffe\\xff.md:1:2: ")
    assert lines[5] == "p" + escape.terminal(EVIL) + ".md: error bad " + escape.terminal(EVIL)


def test_text_output_quiet_and_colour_still_escape():
    out = render(hostile_report(), "text", color=True, quiet=True)
    assert "\x1b]" not in out and "\x07" not in out and "\u202e" not in out
    assert runner_commands(out) == []


# -- github ---------------------------------------------------------------------------------

def test_github_output_is_only_our_commands_with_the_values_we_meant():
    out = render(hostile_report(), "github")
    utf8(out)
    assert not NEVER_RAW & set(out.replace("\n", ""))
    commands = runner_commands(out)
    e = escape.terminal(EVIL)
    assert [(name, props.get("file"), props.get("title")) for name, props, _ in commands] == [
        ("warning", "::warning::" + e + ".md", "draftlint r" + e),
        ("error", "::warning::" + e + ".md", "draftlint score 42/100 (t" + e + ")"),
        ("error", "p" + e + ".md", "draftlint"),
    ]
    assert commands[0][1] == {"file": "::warning::" + e + ".md", "line": "1", "col": "2", "endLine": "1",
                              "endColumn": "6", "title": "draftlint r" + e}
    assert commands[0][2] == f"m{e} (s{e})"
    assert commands[1][2] == f"Scored 42/100 against 't{e}', under the pass mark 60.\nu{e}: x{e}"
    assert commands[2][2] == "bad " + e
    assert out.splitlines()[-1] == "draftlint: 2 draft(s), 0 passed, 1 failed, 1 finding(s)"


# -- junit ----------------------------------------------------------------------------------

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def test_junit_is_well_formed_xml_whatever_the_draft_holds():
    out = render(hostile_report(), "junit")
    assert not _XML_FORBIDDEN.search(out)
    root = ET.fromstring(utf8(out).split("\n", 1)[1].encode("utf-8"))
    e = escape.terminal(EVIL)
    cases = list(root.iter("testcase"))
    assert [c.get("name") for c in cases] == ["::warning::" + e + ".md", "p" + e + ".md"]
    (failure,) = cases[0]
    assert failure.text.splitlines()[0] == f"./::warning::{e}.md:1:2: warning r{e} m{e}"
    (error,) = cases[1]
    assert (error.get("message"), error.text) == ("bad " + e, "bad " + e)
    assert runner_commands(out) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_junit_parses_for_any_text(text):
    out = render(hostile_report(text), "junit")
    ET.fromstring(utf8(out).split("\n", 1)[1].encode("utf-8"))


# -- json and sarif -------------------------------------------------------------------------

def test_json_is_valid_utf8_and_keeps_the_text_except_undecodable_bytes():
    out = render(hostile_report(), "json")
    doc = json.loads(utf8(out))
    assert not NEVER_RAW & set(out.replace("\n", ""))  # escaped as \\uXXXX: a terminal stays safe
    assert runner_commands(out) == []
    kept = EVIL.replace("\udcff", "\\xff")  # JSON holds the rest unchanged
    (first, second) = doc["files"]
    assert (first["path"], first["findings"][0]["message"], first["findings"][0]["text"]) == (
        "::warning::" + kept + ".md", "m" + kept, "q" + kept)
    assert second["error"] == "bad " + kept


def test_sarif_is_valid_utf8_and_valid_sarif():
    out = render(hostile_report(), "sarif")
    doc = json.loads(utf8(out))
    validate_sarif(doc)
    assert runner_commands(out) == []
    kept = EVIL.replace("\udcff", "\\xff")
    run = doc["runs"][0]
    assert run["results"][0]["message"]["text"] == "m" + kept
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "bad " + kept


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30))
def test_json_and_sarif_read_back_any_text_but_undecodable_bytes(text):
    for fmt in ("json", "sarif"):
        out = render(hostile_report(text), fmt)
        assert not NEVER_RAW & set(out.replace("\n", "")) and runner_commands(out) == []
        doc = json.loads(utf8(out))
        message = doc["files"][0]["findings"][0]["message"] if fmt == "json" else doc["runs"][0]["results"][0][
            "message"]["text"]
        assert message == "m" + escape.unicode(text)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_non_finite_number_is_a_clear_error_not_invalid_json(bad):
    for field, report in (("score", hostile_report("x", score=bad)),
                          ("criteria[0].weight", hostile_report("x", weight=bad))):
        with pytest.raises(DraftlintError) as info:
            render(report, "json")
        assert str(info.value) == f"::warning::x.md: cannot write the report: {field} is {bad}, not a finite number"
    with pytest.raises(DraftlintError) as info:
        render(hostile_report("x", score=bad), "sarif")
    assert str(info.value) == (f"cannot write the report: runs[0].results[1].properties.score is {bad}, "
                               "not a finite number")


def test_a_config_error_naming_an_undecodable_path_prints_it_as_display_name_does():
    path = os.fsdecode(b"/p/\xff/draftlint.yaml")
    err = ConfigError("unknown setting 'bogus'", path=path, line=1)
    assert str(err) == "/p/\\xff/draftlint.yaml:1: unknown setting 'bogus'"
    utf8(str(err))


# -- end to end -----------------------------------------------------------------------------

HOUSE_BUZZ = """\
rules:
  - id: house-buzz
    type: regex
    severity: warning
    message: "'{match}' is a buzzword"
    description: Buzzwords. Readers skip them.
    pattern: 'synergy\\S*'
    examples:
      bad: [The merger created synergy.]
      good: [The teams shared a rota.]
"""


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory):
    """A draft whose quoted text holds an OSC retitle and a bidi override, named like a workflow
    command, beside a folder whose name is not UTF-8 and whose config is bad."""
    root = tmp_path_factory.mktemp("hostile")
    write(root, {"draftlint.yaml": "rules: [style]\n", "style/house.yaml": HOUSE_BUZZ,
                 "::warning::x.md": "The merger created synergy\x1b]0;pwned\x07\u202e today.\n"})
    bad = os.path.join(os.fsencode(root), b"\xff")
    os.mkdir(bad)
    with open(os.path.join(bad, b"draftlint.yaml"), "wb") as f:
        f.write(b"bogus: 1\n")
    with open(os.path.join(bad, b"post.md"), "wb") as f:
        f.write(b"Dogs bark.\n")
    runs = {}
    for fmt in ("text", "github", "json", "sarif", "junit"):
        proc = subprocess.run([sys.executable, "-m", "linter", "lint", "::warning::x.md", b"\xff/post.md",
                               "--select", "house-buzz", "--no-cache", "--format", fmt],
                              cwd=root, capture_output=True, timeout=180)
        runs[fmt] = (proc.returncode, proc.stdout.decode("utf-8"))  # strict: no invalid UTF-8 printed
    return root, runs


def test_cli_text_output_escapes_the_hostile_draft(hostile_project):
    root, runs = hostile_project
    code, out = runs["text"]
    lines = out.splitlines()
    assert code == 2
    assert lines[0] == "./::warning::x.md:1:20: warning house-buzz 'synergy\\e]0;pwned\\x07\\u202e' is a buzzword"
    where = os.fsdecode(os.fsencode(root))
    (error,) = [line for line in lines if line.startswith("\\xff/post.md: ")]
    assert error.startswith(f"\\xff/post.md: error {where}/\\xff/draftlint.yaml:1: unknown setting 'bogus' (known: ")
    assert not NEVER_RAW & set(out.replace("\n", ""))
    assert runner_commands(out) == []


def test_cli_github_output_is_only_draftlint_annotations(hostile_project):
    _, runs = hostile_project
    code, out = runs["github"]
    commands = runner_commands(out)
    assert [(n, p["file"]) for n, p, _ in commands] == [
        ("warning", "::warning::x.md"), ("error", "::warning::x.md"), ("error", "\\xff/post.md")]
    assert commands[0][2] == "'synergy\\e]0;pwned\\x07\\u202e' is a buzzword"


def test_cli_json_sarif_junit_are_valid_utf8_and_parse(hostile_project):
    root, runs = hostile_project
    where = os.fsdecode(os.fsencode(root))
    doc = json.loads(runs["json"][1])
    (draft, broken) = doc["files"]
    assert (draft["findings"][0]["text"], broken["path"]) == ("synergy\x1b]0;pwned\x07\u202e", "\\xff/post.md")
    assert broken["error"].startswith(f"{where}/\\xff/draftlint.yaml:1: unknown setting 'bogus'")
    sarif = json.loads(runs["sarif"][1])
    validate_sarif(sarif)
    note = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert note["message"]["text"] == broken["error"]
    root_el = ET.fromstring(runs["junit"][1].split("\n", 1)[1].encode("utf-8"))
    (error,) = list(root_el.iter("testcase"))[1]
    assert error.get("message") == broken["error"]
    for fmt in ("json", "sarif", "junit"):
        assert runner_commands(runs[fmt][1]) == [], fmt
