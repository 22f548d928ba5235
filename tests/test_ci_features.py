"""Features for continuous integration: ``--diff BASE`` in a real git repository,
``--baseline FILE`` and ``--update-baseline``, and the example GitHub Actions workflow."""

from __future__ import annotations

import json

import pytest
import yaml

from helpers_cli import ROOT, VQ, VQ_MESSAGE, cli, git, git_repo, report, validate_sarif, write

FAIL_ON_WARNINGS = ("--select", VQ, "--fail-under", "0", "--fail-level", "warning")


def vq_line(path: str, line: int, column: int, word: str) -> str:
    return f"{path}:{line}:{column}: warning {VQ} {VQ_MESSAGE.format(word)}"


# -- --diff BASE ----------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path):
    """Two committed drafts and a Python file; then one draft changed and one added."""
    root = git_repo(tmp_path / "repo", {"blog/one.md": "Dogs bark.\n", "blog/two.md": "Many cats purr.\n",
                                        "docs/three.md": "Many owls hoot.\n", "tool.py": "print('many')\n"})
    write(root, {"blog/one.md": "Many dogs bark.\n", "blog/new.md": "Many birds sing.\n",
                 "docs/new.mdx": "Many bats fly.\n", "tool.py": "print('a lot')\n", "notes.rst": "Many.\n"})
    return root


def test_diff_lints_only_changed_and_untracked_drafts(repo):
    result = cli("lint", "--diff", "HEAD", *FAIL_ON_WARNINGS, "--quiet", cwd=repo)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [vq_line("blog/new.md", 1, 1, "Many"), vq_line("blog/one.md", 1, 1, "Many"),
                                          vq_line("docs/new.mdx", 1, 1, "Many")]


def test_diff_against_an_older_commit_and_limited_to_a_folder(repo):
    git(repo, "add", "--", "blog/one.md")
    git(repo, "commit", "-q", "-m", "one")
    result = cli("lint", "--diff", "HEAD", *FAIL_ON_WARNINGS, "--quiet", cwd=repo)
    assert result.stdout.splitlines() == [vq_line("blog/new.md", 1, 1, "Many"), vq_line("docs/new.mdx", 1, 1, "Many")]
    result = cli("lint", "--diff", "HEAD~1", "blog", *FAIL_ON_WARNINGS, "--quiet", cwd=repo)
    assert result.stdout.splitlines() == [vq_line("blog/new.md", 1, 1, "Many"), vq_line("blog/one.md", 1, 1, "Many")]


def test_diff_includes_renamed_drafts(repo):
    git(repo, "mv", "blog/two.md", "blog/renamed.md")
    git(repo, "commit", "-q", "-m", "rename", "--", "blog/two.md", "blog/renamed.md")
    result = cli("lint", "--diff", "HEAD~1", "blog", *FAIL_ON_WARNINGS, "--quiet", cwd=repo)
    assert result.stdout.splitlines() == [vq_line("blog/new.md", 1, 1, "Many"), vq_line("blog/one.md", 1, 1, "Many"),
                                          vq_line("blog/renamed.md", 1, 1, "Many")]


def test_diff_from_a_subfolder_is_relative_to_it(repo):
    result = cli("lint", "--diff", "HEAD", *FAIL_ON_WARNINGS, "--quiet", cwd=repo / "blog")
    assert result.stdout.splitlines() == [vq_line("new.md", 1, 1, "Many"), vq_line("one.md", 1, 1, "Many")]


def test_diff_with_a_bad_revision_is_one_line(repo):
    result = cli("lint", "--diff", "no-such-branch", *FAIL_ON_WARNINGS, cwd=repo)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "draftlint: error: --diff no-such-branch: not a commit in this repository\n")


def test_diff_outside_a_git_repository_is_one_line(tmp_path):
    write(tmp_path, {"post.md": "Many dogs.\n"})
    result = cli("lint", "--diff", "HEAD", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "draftlint: error: --diff needs a git repository, and this folder is not in one\n")


@pytest.mark.parametrize("fmt", ["sarif", "json", "junit", "github", "text"])
def test_diff_with_nothing_changed(tmp_path, fmt):
    repo = git_repo(tmp_path / "repo", {"post.md": "Many dogs bark.\n"})
    result = cli("lint", "--diff", "HEAD", "--format", fmt, cwd=repo)
    assert (result.exit_code, result.stderr) == (0, "draftlint: no drafts changed since HEAD\n")
    if fmt == "sarif":
        doc = json.loads(result.stdout)
        assert (doc["version"], doc["runs"][0]["results"]) == ("2.1.0", [])
        validate_sarif(doc, skip=False)
    elif fmt == "json":
        doc = report(result)
        assert (doc["files"], doc["summary"]["files"]) == ([], 0)
    elif fmt == "junit":
        assert '<testsuites name="draftlint" tests="0" failures="0" errors="0">' in result.stdout
    elif fmt == "github":
        assert result.stdout == "draftlint: 0 draft(s), 0 passed, 0 failed, 0 finding(s)\n"
    else:
        assert result.stdout == ""


def test_diff_respects_exclude(repo):
    write(repo, {"draftlint.yaml": 'exclude: ["vendor/"]\n', "vendor/readme.md": "Many vendors.\n"})
    result = cli("lint", "--diff", "HEAD", *FAIL_ON_WARNINGS, "--quiet", cwd=repo)
    assert "vendor/readme.md" not in result.stdout


def test_diff_with_a_path_outside_the_current_folder(repo):
    result = cli("lint", "--diff", "HEAD", "../blog", *FAIL_ON_WARNINGS, "--quiet", cwd=repo / "docs")
    assert result.stdout.splitlines() == [vq_line("../blog/new.md", 1, 1, "Many"),
                                          vq_line("../blog/one.md", 1, 1, "Many")]


# -- --baseline FILE ------------------------------------------------------------------------

def test_baseline_then_only_new_findings_fail(tmp_path):
    write(tmp_path, {"post.md": "Many dogs bark.\n\nCats purr.\n", "other.md": "A lot of owls.\n"})
    first = cli("lint", "post.md", "other.md", *FAIL_ON_WARNINGS, "--baseline", "baseline.json", cwd=tmp_path)
    assert (first.exit_code, first.stdout, first.stderr) == (
        0, "", "draftlint: wrote 2 finding(s) to the baseline baseline.json\n")
    assert json.loads((tmp_path / "baseline.json").read_text())["baseline_version"] == 1

    again = cli("lint", "post.md", "other.md", *FAIL_ON_WARNINGS, "--baseline", "baseline.json", "--quiet",
                cwd=tmp_path)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")

    # a new vague sentence, and the old one moved down a line: only the new one is reported
    write(tmp_path, {"post.md": "# Notes\n\nMany dogs bark.\n\nCats purr a lot.\n"})
    new = cli("lint", "post.md", "other.md", *FAIL_ON_WARNINGS, "--baseline", "baseline.json", "--format", "json",
              cwd=tmp_path)
    assert new.exit_code == 1
    doc = report(new)
    assert [(f["path"], [(x["rule"], x["line"], x["column"], x["text"]) for x in f["findings"]])
            for f in doc["files"]] == [("post.md", [(VQ, 5, 11, "a lot")]), ("other.md", [])]
    assert (doc["summary"]["findings"], doc["summary"]["baseline_hidden"]) == (1, 2)
    text = cli("lint", "post.md", "other.md", *FAIL_ON_WARNINGS, "--baseline", "baseline.json", "--quiet",
               cwd=tmp_path)
    assert (text.exit_code, text.stdout) == (1, vq_line("post.md", 5, 11, "a lot") + "\n")

    # --update-baseline accepts today's findings
    update = cli("lint", "post.md", "other.md", *FAIL_ON_WARNINGS, "--baseline", "baseline.json",
                 "--update-baseline", cwd=tmp_path)
    assert (update.exit_code, update.stderr) == (0, "draftlint: wrote 3 finding(s) to the baseline baseline.json\n")
    after = cli("lint", "post.md", "other.md", *FAIL_ON_WARNINGS, "--baseline", "baseline.json", "--quiet",
                cwd=tmp_path)
    assert (after.exit_code, after.stdout) == (0, "")


def test_baseline_holds_a_failing_draft_to_its_recorded_score(tmp_path):
    write(tmp_path, {"post.md": "Many dogs bark.\n"})
    args = ("post.md", "--select", VQ, "--baseline", "b.json", "--format", "json")
    assert cli("lint", *args, cwd=tmp_path).exit_code == 0
    doc = report(cli("lint", *args, cwd=tmp_path))
    assert [(f["path"], f["passed"], f["findings"]) for f in doc["files"]] == [("post.md", True, [])]
    failing = json.loads((tmp_path / "b.json").read_text())["failing"]
    assert list(failing) == ["post.md"] and failing["post.md"] == doc["files"][0]["score"]


def test_baseline_errors(tmp_path):
    write(tmp_path, {"post.md": "Many dogs.\n", "bad.json": "{not json", "other.json": '{"baseline_version": 9}'})
    result = cli("lint", "post.md", "--update-baseline", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "draftlint: error: --update-baseline needs --baseline FILE\n")
    result = cli("lint", "post.md", "--baseline", "bad.json", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("draftlint: error: bad.json: cannot read baseline: ") and len(
        result.stderr.splitlines()) == 1
    result = cli("lint", "post.md", "--baseline", "other.json", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2, "draftlint: error: other.json: not a draftlint baseline file (write a new one with --update-baseline)\n")


def test_baseline_fails_a_draft_whose_score_dropped(tmp_path):
    write(tmp_path, {"post.md": "In March we cut our build time from 14 minutes to 3.\n\nMany teams should try it.\n"})
    args = ("post.md", "--select", VQ, "--baseline", "b.json")
    assert cli("lint", *args, cwd=tmp_path).exit_code == 0
    recorded = json.loads((tmp_path / "b.json").read_text())["failing"]["post.md"]
    assert 0 < recorded < 60
    # edited (the layout only), still under the pass mark, but no worse than recorded: passes
    write(tmp_path, {"post.md": "In March we cut our build time from 14 minutes to 3.\n\n\nMany teams should try it.\n"})
    doc = report(cli("lint", *args, "--format", "json", cwd=tmp_path))
    assert (doc["files"][0]["score"] >= recorded, doc["files"][0]["passed"]) == (True, True)
    # worse than recorded: fails, although no new finding reaches the fail level
    write(tmp_path, {"post.md": "We think many teams should try it.\n\nMany teams should try it.\n"})
    result = cli("lint", *args, "--format", "json", cwd=tmp_path)
    (f,) = report(result)["files"]
    assert (result.exit_code, f["score"] < recorded, f["passed"]) == (1, True, False)
    assert [(x["line"], x["text"]) for x in f["findings"]] == [(1, "many")]


def test_baseline_matches_the_same_draft_however_it_was_named(tmp_path):
    write(tmp_path, {"post.md": "Many dogs bark.\n"})
    assert cli("lint", ".", *FAIL_ON_WARNINGS, "--baseline", "b.json", cwd=tmp_path).exit_code == 0
    result = cli("lint", "post.md", *FAIL_ON_WARNINGS, "--baseline", "b.json", "--quiet", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "")


# -- the example workflow -------------------------------------------------------------------

def test_example_github_workflow(tmp_path):
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "draftlint.yml").read_text(encoding="utf-8"))
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in trigger
    steps = workflow["jobs"]["draftlint"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    lints = [r for r in runs if r.startswith("draftlint lint")]
    assert any("--diff" in r and "--format github" in r for r in lints), lints
    assert any("--diff" in r and "--format sarif" in r for r in lints), lints
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # --diff needs the base branch's history
    # the commands it runs are valid draftlint options
    for command in lints:
        options = [w for w in command.split() if w.startswith("--")]
        help_text = cli("lint", "--help").stdout
        assert all(o in help_text for o in options), options
