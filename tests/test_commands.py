"""Commands and options as a user runs them: ``draftlint rules``, ``explain``, ``glossary``;
``--fail-level``, ``--fail-under``, ``--quiet``, ``-`` with ``--stdin-filename``; colour only
on a terminal (never with ``--no-color`` or ``NO_COLOR``); the progress bar on stderr."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers_cli import (HEDGING_MESSAGE, ROOT, TEAM_RULE, VQ, VQ_MESSAGE, by_path, clean_env, cli, report, run,
                         run_on_tty, write)


def packaged(kind: str) -> list[dict]:
    """The packaged rules (``rules``) or terms (``glossary``), read straight from the YAML."""
    out = []
    for path in sorted((ROOT / kind).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.extend(data["rules"] if kind == "rules" else [data])
    return out


def wiring(term_id: str) -> dict[str, str]:
    """Rule id -> criterion id, from a packaged term's ``rules:`` lists."""
    (t,) = [t for t in packaged("glossary") if t["id"] == term_id]
    return {rid: c["id"] for c in t["criteria"] for rid in c.get("rules", [])}


# -- rules, explain, glossary ---------------------------------------------------------------

def test_rules_is_a_table_of_id_runs_severity_criterion_summary(tmp_path):
    write(tmp_path, {"draftlint.yaml": "rules: [style]\n", "style/house.yaml": TEAM_RULE})
    result = cli("rules", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    header, *rows = result.stdout.splitlines()
    assert re.split(r"\s{2,}", header) == ["id", "runs", "severity", "criterion", "summary"]
    table = [re.split(r"\s{2,}", row, maxsplit=4) for row in rows]
    wired = wiring("thought-leadership")  # the default term's criteria name the rules that bear on them
    expected = [[r["id"], "on" if r.get("enabled", True) else "off", r.get("severity", "warning"),
                 wired.get(r["id"], "-")] for r in packaged("rules")]
    assert {row[0]: row[3] for row in expected if row[3] != "-"} == wired
    assert [t[:4] for t in table] == expected + [["house-synergy", "on", "error", "-"]]
    assert table[-1][4] == "Our readers skip any sentence with this word."
    for t, raw in zip(table, packaged("rules")):
        assert " ".join(raw["description"].split()).startswith(t[4].rstrip(".")), t[0]


#: A team term whose criteria wire in the team's rule and a packaged rule by its alias.
HOUSE_TERM = """\
id: house-note
name: House note
definition: A short note in the house style.
pass_score: 50
criteria:
  - id: plain_claims
    weight: 1
    explanation: Says what happened without house jargon or unsourced claims.
    detector: restraint
    rules: [house-synergy, weasel-attribution]
  - id: specific_numbers
    weight: 1
    explanation: The results are figures.
    detector: specific_numbers
    rules: [vague-quantifier]
"""


def test_rules_and_explain_show_the_criteria_of_the_configured_term(tmp_path):
    """A rule's criterion is the one whose ``rules:`` list names it in the term the project
    chooses: the team's own rule shows the team's criterion, and a rule the term leaves out
    shows none, whatever other terms wire it to."""
    write(tmp_path, {"draftlint.yaml": "rules: [style]\nglossary: [terms]\nterm: house-note\n",
                     "style/house.yaml": TEAM_RULE, "terms/house-note.yaml": HOUSE_TERM})
    result = cli("rules", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    table = [re.split(r"\s{2,}", row, maxsplit=4) for row in result.stdout.splitlines()[1:]]
    assert {t[0]: t[3] for t in table if t[3] != "-"} == {
        "house-synergy": "plain_claims", "unsourced-claim": "plain_claims", VQ: "specific_numbers"}
    assert "generic-advice" in wiring("thought-leadership") and ["generic-advice", "-"] in [[t[0], t[3]] for t in table]
    explained = [cli("explain", rid, cwd=tmp_path) for rid in ("house-synergy", "weasel-attribution", "buzzword")]
    assert [(r.exit_code, r.stdout.splitlines()[0]) for r in explained] == [
        (0, "house-synergy (error, type phrases, criterion plain_claims)"),
        (0, "unsourced-claim (warning, type pattern, criterion plain_claims)"),
        (0, "buzzword (warning, type phrases)"),
    ]


def test_rules_table_columns_line_up_with_the_header(tmp_path):
    header, *rows = cli("rules", cwd=tmp_path).stdout.splitlines()
    cuts = [header.index(name) for name in ("severity", "criterion", "summary")]
    assert [row for row in rows if any(row[c - 2:c] != "  " or row[c] == " " for c in cuts)] == []


def test_explain_a_rule(tmp_path):
    write(tmp_path, {"draftlint.yaml": "rules: [style]\n", "style/house.yaml": TEAM_RULE})
    result = cli("explain", "house-synergy", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "house-synergy (error, type phrases)\n"
        f"  defined in {(tmp_path / 'style' / 'house.yaml').resolve()}:2\n"
        "\n"
        "Our readers skip any sentence with this word. It is banned on the blog.\n"
        "\n"
        "What to do: Say what the teams did together: who, what, when.\n"
        "\n"
        "Flagged:\n"
        "  - The merger created synergy.\n"
        "Fine:\n"
        "  - The two teams shared one on-call rota.\n"
        "\n"
        "Turn it off for a run with `--ignore house-synergy`, or for one line with "
        "`<!-- draftlint-disable-next-line house-synergy -->`.\n")


def test_explain_a_packaged_rule_and_an_alias(tmp_path):
    vq = cli("explain", VQ, cwd=tmp_path)
    (raw,) = [r for r in packaged("rules") if r["id"] == VQ]
    lines = vq.stdout.splitlines()
    assert (vq.exit_code, lines[0]) == (0, f"{VQ} (warning, type {raw['type']}, criterion specific_numbers)")
    assert lines[3] == " ".join(raw["description"].split())
    assert [line[4:] for line in lines if line.startswith("  - ")] == raw["examples"]["bad"] + raw["examples"]["good"]
    alias = cli("explain", "weasel-attribution", cwd=tmp_path)
    assert (alias.exit_code, alias.stdout.splitlines()[0]) == (
        0, "unsourced-claim (warning, type pattern, criterion original_data)")


def test_explain_an_unknown_rule(tmp_path):
    result = cli("explain", "vague-quantifer", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "draftlint: error: unknown rule 'vague-quantifer' (see `draftlint rules`)\n")


def test_glossary_lists_every_term(tmp_path):
    result = cli("glossary", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    terms = sorted(packaged("glossary"), key=lambda t: t["id"])
    expected = []
    for t in terms:
        kind = f"{len(t['criteria'])} criteria" if t.get("criteria") else "reference"
        expected.append(f"{t['id']:<22} {kind:<12} {' '.join(t['definition'].split())}")
    assert result.stdout.splitlines() == expected
    assert [line.split()[0] for line in expected][:2] == ["announcement", "blog"]


def test_glossary_one_term(tmp_path):
    result = cli("glossary", "tutorial", cwd=tmp_path)
    (t,) = [t for t in packaged("glossary") if t["id"] == "tutorial"]
    flat = lambda s: " ".join(s.split())  # noqa: E731
    expected = [f"{t['name']} (tutorial)", "", flat(t["definition"]), "", flat(t["explanation"]), "",
                f"Criteria (pass score {t['pass_score']}):"]
    expected += [f"  {c['id']} (weight {c['weight']}): {flat(c['explanation'])}" for c in t["criteria"]]
    expected += ["", f"Related: {', '.join(t['related'])}"]
    assert (result.exit_code, result.stdout.splitlines()) == (0, expected)
    assert [c["id"] for c in t["criteria"]] == ["clear_steps", "working_examples", "specific_numbers", "restraint"]


def test_glossary_pass_score_follows_the_project_file(tmp_path):
    write(tmp_path, {"draftlint.yaml": "fail_under: 75\n"})
    result = cli("glossary", "tutorial", cwd=tmp_path)
    assert "\nCriteria (pass score 75):\n" in result.stdout


def test_glossary_unknown_term(tmp_path):
    result = cli("glossary", "thought-leader", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "draftlint: error: unknown term 'thought-leader' (see `draftlint glossary`)\n")


# -- exit codes: --fail-level and --fail-under ----------------------------------------------

#: one warning (vague-quantifier) and one info (inflated-word)
LEVELS_DRAFT = "Many teams utilize tools.\n"


@pytest.mark.parametrize("select,level,code", [
    (VQ, None, 0), (VQ, "error", 0), (VQ, "warning", 1), (VQ, "info", 1),
    ("inflated-word", "warning", 0), ("inflated-word", "info", 1),
    ("hedging", "info", 0),  # nothing found
])
def test_fail_level(tmp_path, select, level, code):
    write(tmp_path, {"post.md": LEVELS_DRAFT})
    args = ["lint", "post.md", "--select", select, "--fail-under", "0", "--quiet"]
    result = cli(*args, *(["--fail-level", level] if level else []), cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (code, "")


def test_fail_level_from_the_project_file_and_the_flag_over_it(tmp_path):
    write(tmp_path, {"draftlint.yaml": "fail_level: warning\nfail_under: 0\n", "post.md": LEVELS_DRAFT})
    assert cli("lint", "post.md", "--select", VQ, cwd=tmp_path).exit_code == 1
    assert cli("lint", "post.md", "--select", VQ, "--fail-level", "error", cwd=tmp_path).exit_code == 0


def test_fail_level_of_each_project_applies_to_its_drafts(tmp_path):
    write(tmp_path, {"a/draftlint.yaml": "fail_under: 0\n", "a/x.md": "Many dogs.\n",
                     "b/draftlint.yaml": "fail_under: 0\nfail_level: warning\n", "b/x.md": "Many dogs.\n"})
    assert cli("lint", "b", "a", "--select", VQ, cwd=tmp_path).exit_code == 1
    assert cli("lint", "a", "b", "--select", VQ, cwd=tmp_path).exit_code == 1


def test_fail_under(tmp_path):
    write(tmp_path, {"post.md": LEVELS_DRAFT})
    doc = report(cli("lint", "post.md", "--select", VQ, "--format", "json", cwd=tmp_path))
    score = doc["files"][0]["score"]
    assert 0 < score < 60 and doc["files"][0]["passed"] is False
    at = cli("lint", "post.md", "--select", VQ, "--fail-under", str(score), cwd=tmp_path)
    assert at.exit_code == 0
    assert f"post.md: score {score:.0f}/100 against 'thought-leadership': passed\n" in at.stdout
    above = cli("lint", "post.md", "--select", VQ, "--fail-under", f"{score + 0.1:.1f}", cwd=tmp_path)
    assert above.exit_code == 1
    assert f"post.md: score {score:.0f}/100 against 'thought-leadership': failed\n" in above.stdout
    bad = cli("lint", "post.md", "--fail-under", "101", cwd=tmp_path)
    assert bad.exit_code == 2 and "Error: Invalid value for '--fail-under': 101.0 is not in the range 0<=x<=100." in (
        bad.stderr)


def test_fail_under_flag_beats_the_project_file_and_overrides(tmp_path):
    write(tmp_path, {"draftlint.yaml": "fail_under: 0\noverrides:\n  - files: [strict/**]\n    fail_under: 100\n",
                     "post.md": LEVELS_DRAFT, "strict/post.md": LEVELS_DRAFT})
    doc = report(cli("lint", "post.md", "strict/post.md", "--select", VQ, "--format", "json", cwd=tmp_path))
    assert {p: passed for p, (_, passed, _) in by_path(doc).items()} == {"post.md": True, "strict/post.md": False}
    flag = cli("lint", "post.md", "--select", VQ, "--fail-under", "100", cwd=tmp_path)
    assert flag.exit_code == 1


def test_fail_under_flag_beats_an_override(tmp_path):
    write(tmp_path, {"draftlint.yaml": "overrides:\n  - files: [strict/**]\n    fail_under: 100\n",
                     "strict/post.md": LEVELS_DRAFT})
    result = cli("lint", "strict/post.md", "--select", VQ, "--fail-under", "0", "--format", "json", cwd=tmp_path)
    assert (result.exit_code, by_path(report(result))) == (0, {"strict/post.md": ("thought-leadership", True, [VQ])})


def test_quiet_prints_findings_only(tmp_path):
    write(tmp_path, {"post.md": "Many dogs might perhaps bark.\n", "clean.md": "Dogs bark.\n"})
    result = cli("lint", "post.md", "clean.md", "--select", f"{VQ},hedging", "--quiet", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (f"post.md:1:1: warning {VQ} {VQ_MESSAGE.format('Many')}\n"
                             f"post.md:1:11: warning hedging {HEDGING_MESSAGE.format('might perhaps')}\n"
                             "post.md: failed: score 1/100 against 'thought-leadership', under the pass mark 60\n"
                             "clean.md: failed: score 1/100 against 'thought-leadership', under the pass mark 60\n")
    loud = cli("lint", "post.md", "clean.md", "--select", f"{VQ},hedging", cwd=tmp_path)
    assert loud.stdout.startswith(result.stdout.split("post.md: failed")[0]) and loud.stdout.endswith(
        "2 draft(s): 0 passed, 2 failed; 0 error(s), 2 warning(s), 0 info\n")


def test_quiet_still_reports_drafts_that_could_not_be_linted(tmp_path):
    result = cli("lint", "missing.md", "--quiet", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "draftlint: error: missing.md: no such file or directory\n")
    assert result.stdout.splitlines()[-1] == (
        "1 draft(s): 0 passed, 0 failed, 1 could not be linted; 0 error(s), 0 warning(s), 0 info")


# -- stdin ----------------------------------------------------------------------------------

def test_stdin_uses_the_project_file_and_overrides_of_the_current_folder(tmp_path):
    write(tmp_path, {"draftlint.yaml": "select: [hedging]\noverrides:\n  - files: [docs/**]\n    term: tutorial\n"})
    result = cli("lint", "-", "--stdin-filename", "docs/post.md", "--format", "json", cwd=tmp_path,
                 stdin="Many dogs might perhaps bark.\n")
    assert by_path(report(result)) == {"docs/post.md": ("tutorial", False, ["hedging"])}


def test_stdin_filename_picks_the_project_file_by_its_path(tmp_path):
    write(tmp_path, {"content/draftlint.yaml": "select: [hedging]\noverrides:\n  - files: [tutorials/**]\n"
                                               "    term: tutorial\n"})
    text = "Many dogs might perhaps bark.\n"
    write(tmp_path, {"content/tutorials/post.md": text})
    on_disk = cli("lint", "content/tutorials/post.md", "--format", "json", cwd=tmp_path)
    assert by_path(report(on_disk)) == {"content/tutorials/post.md": ("tutorial", False, ["hedging"])}
    piped = cli("lint", "-", "--stdin-filename", "content/tutorials/post.md", "--format", "json", cwd=tmp_path,
                stdin=text)
    assert by_path(report(piped)) == by_path(report(on_disk))


# -- colour ---------------------------------------------------------------------------------

def test_colour_only_on_a_terminal(tmp_path):
    write(tmp_path, {"post.md": "Many dogs bark.\n"})
    args = ("lint", "post.md", "--select", VQ, "--fail-under", "0")
    code, shown, _, err = run_on_tty(*args, cwd=tmp_path, stdout_tty=True, stderr_tty=False, env=clean_env())
    assert (code, err) == (0, "")
    assert shown.splitlines()[0] == (f"post.md:1:1: \x1b[33mwarning\x1b[0m {VQ} {VQ_MESSAGE.format('Many')}")
    assert "\x1b[32mpassed\x1b[0m" in shown
    for extra, env in (((), clean_env(NO_COLOR="1")), (("--no-color",), clean_env())):
        _, plain, _, _ = run_on_tty(*args, *extra, cwd=tmp_path, stdout_tty=True, stderr_tty=False, env=env)
        assert "\x1b[" not in plain, (extra, env.get("NO_COLOR"))
        assert plain.replace("\r\n", "\n") == shown.replace("\r\n", "\n").replace("\x1b[33m", "").replace(
            "\x1b[0m", "").replace("\x1b[32m", "").replace("\x1b[31m", "")
    piped = run(*args, cwd=tmp_path, env=clean_env())
    assert "\x1b[" not in piped.stdout and piped.stdout.startswith(f"post.md:1:1: warning {VQ} ")


def test_machine_formats_never_use_colour_on_a_terminal(tmp_path):
    write(tmp_path, {"post.md": "Many dogs bark.\n"})
    _, shown, _, _ = run_on_tty("lint", "post.md", "--select", VQ, "--format", "github", cwd=tmp_path,
                                stdout_tty=True, stderr_tty=False, env=clean_env())
    assert "\x1b[" not in shown and shown.startswith("::warning file=post.md,line=1,col=1,")


# -- progress -------------------------------------------------------------------------------

def _many(tmp_path, n):
    write(tmp_path, {f"d{i:02}.md": "Many dogs bark.\n" for i in range(n)})


def test_progress_bar_on_stderr_with_the_flag(tmp_path):
    _many(tmp_path, 12)
    result = cli("lint", ".", "--select", VQ, "--fail-under", "0", "--quiet", "--progress", cwd=tmp_path)
    assert "\r" not in result.stdout and len(result.stdout.splitlines()) == 12
    frames = [f for f in result.stderr.split("\r") if f.strip()]
    assert frames[0] == "[##............................] 1/12 drafts"
    assert frames[-1] == "[##############################] 12/12 drafts"
    assert len(frames) == 12
    assert result.stderr.endswith("\r" + " " * 60 + "\r")  # the bar is cleared at the end


def test_no_progress_bar_when_piped_or_with_no_progress(tmp_path):
    _many(tmp_path, 12)
    assert cli("lint", ".", "--select", VQ, "--fail-under", "0", "--quiet", cwd=tmp_path).stderr == ""
    code, shown, out, _ = run_on_tty("lint", ".", "--select", VQ, "--fail-under", "0", "--quiet", "--no-progress", cwd=tmp_path,
                                     stdout_tty=False, stderr_tty=True, env=clean_env())
    assert (code, shown, len(out.splitlines())) == (0, "", 12)


def test_progress_bar_on_a_terminal_for_ten_or_more_drafts(tmp_path):
    _many(tmp_path, 10)
    code, shown, out, _ = run_on_tty("lint", ".", "--select", VQ, "--fail-under", "0", "--quiet", cwd=tmp_path, stdout_tty=False,
                                     stderr_tty=True, env=clean_env())
    assert code == 0 and "\x1b[" not in out and "\r" not in out
    assert "[##############################] 10/10 drafts" in shown
    few = tmp_path / "few"
    write(few, {f"d{i}.md": "Many dogs bark.\n" for i in range(3)})
    _, shown, out, _ = run_on_tty("lint", ".", "--select", VQ, "--fail-under", "0", "--quiet", cwd=few, stdout_tty=False,
                                  stderr_tty=True, env=clean_env())
    assert (shown, len(out.splitlines())) == ("", 3)


def test_glossary_says_when_a_terms_score_is_learned(tmp_path):
    result = cli("glossary", "thought-leadership", cwd=tmp_path)
    lines = result.stdout.splitlines()
    at = lines.index("Criteria (pass score 60):")
    assert lines[at + 1] == ("  The score is learned from editors' labels of published posts (60 where an editor "
                             "would be as likely to call it a pass as not); each criterion is scored and shown on "
                             "its own.")
    assert lines[at + 2].startswith("  original_data (weight 25): ")
    assert "learned" not in cli("glossary", "tutorial", cwd=tmp_path).stdout
