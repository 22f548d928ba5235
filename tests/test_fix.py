"""``draftlint lint --fix``: the replacements rules name are written at their exact spans,
never in code, quotes or suppressed lines, with the replaced word's case; atomically, with
the file's mode, encoding and line endings kept; a second run changes nothing; ``--dry-run``
prints a diff and writes nothing; JSON and SARIF carry the fixes."""

from __future__ import annotations

import os
import stat

from helpers_cli import cli, report, validate_sarif, write
from linter.fix import apply
from linter.model import Fix

DRAFT = """\
We utilize tools in order to ship.

> They utilize it.

```
utilize()
```

<!-- draftlint-disable-next-line inflated-word -->
We utilize the queue.

Utilize it. UTILIZE it. We *utilize* it, a game-changer.
"""

#: DRAFT with its five fixes: the quote, the code and the suppressed line stay as they are
FIXED = (DRAFT.replace("We utilize tools in order to ship.", "We use tools to ship.")
         .replace("Utilize it. UTILIZE it. We *utilize* it", "Use it. USE it. We *use* it"))


def test_fix_writes_each_replacement_and_reports_what_remains(tmp_path):
    write(tmp_path, {"post.md": DRAFT})
    os.chmod(tmp_path / "post.md", 0o640)
    result = cli("lint", "--no-cache", "--fix", "--fail-under", "0", "--quiet", "post.md", cwd=tmp_path)
    assert (tmp_path / "post.md").read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(os.stat(tmp_path / "post.md").st_mode) == 0o640
    assert result.stderr == "draftlint: applied 5 fix(es) in 1 draft(s)\n"
    # the report is of the fixed draft: only what --fix cannot do is left
    assert result.stdout == "post.md:12:32: warning buzzword 'game-changer' is jargon: say what actually happens\n"
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]  # no temporary file left behind


def test_a_second_run_changes_nothing_and_does_not_rewrite(tmp_path):
    write(tmp_path, {"post.md": DRAFT})
    cli("lint", "--no-cache", "--fix", "post.md", cwd=tmp_path)
    before = os.stat(tmp_path / "post.md")
    again = cli("lint", "--no-cache", "--fix", "post.md", cwd=tmp_path)
    after = os.stat(tmp_path / "post.md")
    assert again.stderr == "draftlint: applied 0 fix(es) in 0 draft(s)\n"
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (tmp_path / "post.md").read_text(encoding="utf-8") == FIXED


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path):
    write(tmp_path, {"post.md": DRAFT})
    result = cli("lint", "--no-cache", "--fix", "--dry-run", "post.md", cwd=tmp_path)
    assert (tmp_path / "post.md").read_text(encoding="utf-8") == DRAFT
    assert result.exit_code == 1  # there is something to fix
    assert result.stdout == (
        "--- a/post.md\n+++ b/post.md\n@@ -1,4 +1,4 @@\n-We utilize tools in order to ship.\n"
        "+We use tools to ship.\n \n > They utilize it.\n \n@@ -9,4 +9,4 @@\n"
        " <!-- draftlint-disable-next-line inflated-word -->\n We utilize the queue.\n \n"
        "-Utilize it. UTILIZE it. We *utilize* it, a game-changer.\n+Use it. USE it. We *use* it, a game-changer.\n")
    assert result.stderr == "draftlint: would apply 5 fix(es) in 1 draft(s) (--dry-run: nothing written)\n"
    write(tmp_path, {"post.md": FIXED})
    clean = cli("lint", "--no-cache", "--fix", "--dry-run", "post.md", cwd=tmp_path)
    assert (clean.exit_code, clean.stdout) == (0, "")  # nothing left to fix


def test_encoding_bom_and_line_endings_are_kept(tmp_path):
    body = "We utilize tools.\r\nIn order to ship, we utilise queues.\r\n"
    (tmp_path / "crlf.md").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    (tmp_path / "utf16.md").write_bytes(b"\xff\xfe" + body.encode("utf-16-le"))
    result = cli("lint", "--no-cache", "--fix", "crlf.md", "utf16.md", cwd=tmp_path)
    assert result.stderr == "draftlint: applied 6 fix(es) in 2 draft(s)\n"
    fixed = "We use tools.\r\nTo ship, we use queues.\r\n"
    assert (tmp_path / "crlf.md").read_bytes() == b"\xef\xbb\xbf" + fixed.encode("utf-8")
    assert (tmp_path / "utf16.md").read_bytes() == b"\xff\xfe" + fixed.encode("utf-16-le")


def test_fixes_past_the_repeat_limit_are_applied_too(tmp_path):
    write(tmp_path, {"post.md": "".join(f"Team {i} will utilize it.\n\n" for i in range(8))})
    result = cli("lint", "--no-cache", "--fix", "post.md", cwd=tmp_path)
    assert result.stderr == "draftlint: applied 8 fix(es) in 1 draft(s)\n"
    assert "utilize" not in (tmp_path / "post.md").read_text(encoding="utf-8")


def test_fix_refuses_stdin_and_dry_run_needs_fix(tmp_path):
    result = cli("lint", "--fix", "-", cwd=tmp_path, stdin="We utilize tools.\n")
    assert (result.exit_code, result.stderr) == (
        2, "draftlint: error: --fix writes drafts back to their files, so it cannot fix stdin ('-')\n")
    write(tmp_path, {"post.md": DRAFT})
    result = cli("lint", "--dry-run", "post.md", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "draftlint: error: --dry-run needs --fix\n")
    assert (tmp_path / "post.md").read_text(encoding="utf-8") == DRAFT


def test_json_and_sarif_carry_the_fix(tmp_path):
    write(tmp_path, {"post.md": "Utilize it, a game-changer.\n"})
    doc = report(cli("lint", "--no-cache", "--format", "json", "post.md", cwd=tmp_path))
    by_rule = {f["rule"]: f for f in doc["files"][0]["findings"]}
    assert by_rule["inflated-word"]["fix"] == {"replacement": "Use", "line": 1, "column": 1, "end_line": 1,
                                               "end_column": 8}
    assert "fix" not in by_rule["buzzword"]
    sarif = report(cli("lint", "--no-cache", "--format", "sarif", "post.md", cwd=tmp_path))
    validate_sarif(sarif)
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert results["inflated-word"]["fixes"] == [{
        "description": {"text": "Replace with 'Use'"},
        "artifactChanges": [{"artifactLocation": {"uri": "post.md"}, "replacements": [{
            "deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 8},
            "insertedContent": {"text": "Use"}}]}],
    }]
    assert "fixes" not in results["buzzword"]


def test_a_fix_whose_text_changed_since_the_lint_is_left_out():
    fixes = (Fix(3, 10, "utilize", "use"), Fix(11, 16, "tools", "kits"), Fix(5, 12, "ilize t", "x"))
    assert apply("We utilize tools.", fixes) == ("We use kits.", 2)  # the overlapping third is skipped
    assert apply("We employ tools.", fixes) == ("We employ tools.", 0)  # nothing is where it was


def test_fix_never_writes_through_a_link(tmp_path):
    write(tmp_path, {"real.md": DRAFT})
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    result = cli("lint", "--no-cache", "--fix", "link.md", cwd=tmp_path)
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == DRAFT and (tmp_path / "link.md").is_symlink()
    assert result.exit_code == 2
    assert "draftlint: error: link.md: is a symbolic link; --fix writes only regular files\n" in result.stderr
