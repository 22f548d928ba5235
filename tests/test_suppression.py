"""Suppression comments, through the command line: ``<!-- draftlint-disable rule -->`` ...
``<!-- draftlint-enable rule -->``, ``draftlint-disable-next-line``, ``draftlint-disable-line``,
no rule id meaning every rule, MDX ``{/* ... */}`` comments, the front matter's
``draftlint: {disable: [...]}``; what suppressed findings do to the exit code; and the info
findings about the directives themselves (``unknown-rule-in-directive``, ``unused-directive``)
at the directive's exact position."""

from __future__ import annotations

import pytest

from helpers_cli import VQ, cli, findings, report, write

VH = f"{VQ},hedging"
UNKNOWN, UNUSED = "unknown-rule-in-directive", "unused-directive"


def lint(tmp_path, name: str, text: str | bytes, *args: str):
    write(tmp_path, {name: text})
    result = cli("lint", name, "--format", "json", *args, cwd=tmp_path)
    assert result.stderr == ""
    return result.exit_code, report(result)


def messages(doc) -> list[tuple]:
    return [(x["rule"], x["line"], x["message"]) for x in doc["files"][0]["findings"] if x["severity"] == "info"]


def test_disable_until_enable_for_one_rule(tmp_path):
    _, doc = lint(tmp_path, "post.md", (
        "# Many notes\n"
        "\n"
        "Many dogs bark.\n"
        "\n"
        "<!-- draftlint-disable vague-quantifier -->\n"
        "Many cats might perhaps purr a lot.\n"
        "\n"
        "- Many birds sing.\n"
        "<!-- draftlint-enable vague-quantifier -->\n"
        "\n"
        "Many fish swim.\n"), "--select", VH)
    assert findings(doc) == [
        (VQ, "warning", 1, 3, 1, 7, "Many"),
        (VQ, "warning", 3, 1, 3, 5, "Many"),
        ("hedging", "warning", 6, 11, 6, 24, "might perhaps"),  # another rule: not suppressed
        (VQ, "warning", 11, 1, 11, 5, "Many"),
    ]
    assert (doc["summary"]["suppressed"], doc["summary"]["findings"]) == (3, 4)


def test_next_line_same_line_all_rules_several_ids_and_aliases(tmp_path):
    _, doc = lint(tmp_path, "post.md", (
        "Intro.\n"
        "\n"
        "<!-- draftlint-disable-next-line vague-quantifier -->\n"
        "Many fish might perhaps swim.\n"
        "Many cows moo.\n"
        "\n"
        "<!-- draftlint-disable-next-line -->\n"
        "Many owls might perhaps hoot.\n"
        "\n"
        "<!-- draftlint-disable-next-line hedging, vague-quantifier -->\n"
        "Many bats could potentially fly.\n"
        "\n"
        "Studies show that dogs bark. <!-- draftlint-disable-line weasel-attribution -->\n"
        "\n"
        "Research shows that cats purr.\n"), "--select", f"{VH},unsourced-claim")
    assert findings(doc) == [
        ("hedging", "warning", 4, 11, 4, 24, "might perhaps"),
        (VQ, "warning", 5, 1, 5, 5, "Many"),  # the line after the next one
        ("unsourced-claim", "warning", 15, 1, 15, 15, "Research shows"),
    ]
    assert doc["summary"]["suppressed"] == 6


@pytest.mark.parametrize("between", ["  ", " <!-- draftlint-disable-line vague-quantifier -->\n"],
                         ids=["two-spaces", "inline-directive"])
def test_what_follows_an_inline_directive_is_still_linted(tmp_path, between):
    _, doc = lint(tmp_path, "post.md", f"Dogs bark.{between}Research shows that cats purr.\n",
                  "--select", "unsourced-claim")
    line, column = (1, 13) if between == "  " else (2, 1)
    assert ("unsourced-claim", "warning", line, column, line, column + 14, "Research shows") in findings(doc)


def test_disable_without_ids_until_enable_and_a_partial_enable(tmp_path):
    _, doc = lint(tmp_path, "post.md", (
        "<!-- draftlint-disable -->\n"
        "Many dogs might perhaps bark.\n"
        "<!-- draftlint-enable -->\n"
        "\n"
        "Many cats.\n"
        "\n"
        "<!-- draftlint-disable vague-quantifier hedging -->\n"
        "Many owls might perhaps hoot.\n"
        "<!-- draftlint-enable hedging -->\n"
        "\n"
        "Many bats might perhaps fly.\n"), "--select", VH)
    assert findings(doc) == [
        (VQ, "warning", 5, 1, 5, 5, "Many"),
        ("hedging", "warning", 11, 11, 11, 24, "might perhaps"),  # vague-quantifier stays off to the end
    ]
    assert doc["summary"]["suppressed"] == 5


def test_mdx_comment_directives(tmp_path):
    _, doc = lint(tmp_path, "post.mdx", (
        "import Chart from './chart'\n"
        "\n"
        "Many dogs bark.\n"
        "\n"
        "{/* draftlint-disable-next-line vague-quantifier */}\n"
        "Many cats purr.\n"
        "\n"
        "{/* draftlint-disable */}\n"
        "Many birds might perhaps sing.\n"
        "{/* draftlint-enable */}\n"
        "\n"
        "Many fish swim. {/* draftlint-disable-line */}\n"
        "\n"
        "<Chart data={rows} />\n"
        "\n"
        "Many owls hoot.\n"), "--select", VH)
    assert findings(doc) == [(VQ, "warning", 3, 1, 3, 5, "Many"), (VQ, "warning", 16, 1, 16, 5, "Many")]
    assert doc["summary"]["suppressed"] == 4


def test_front_matter_disable_covers_the_whole_draft_and_its_title(tmp_path):
    _, doc = lint(tmp_path, "post.md", (
        "---\n"
        "title: Many notes\n"
        "author: Ana\n"
        "draftlint:\n"
        "  disable: [vague-quantifier]\n"
        "---\n"
        "\n"
        "Many dogs might perhaps bark.\n"), "--select", VH)
    assert findings(doc) == [("hedging", "warning", 8, 11, 8, 24, "might perhaps")]
    assert doc["summary"]["suppressed"] == 2


def test_suppressed_findings_do_not_count_toward_the_exit_code(tmp_path):
    write(tmp_path, {"draftlint.yaml": "select: [vague-quantifier]\nseverity:\n  vague-quantifier: error\n"
                                       "fail_under: 0\n"})
    code, doc = lint(tmp_path, "open.md", "Many dogs bark.\n")
    assert (code, findings(doc)) == (1, [(VQ, "error", 1, 1, 1, 5, "Many")])
    code, doc = lint(tmp_path, "hidden.md", "<!-- draftlint-disable-next-line vague-quantifier -->\nMany dogs bark.\n")
    assert (code, findings(doc), doc["summary"]["by_severity"]) == (0, [], {"error": 0, "warning": 0, "info": 0})
    # also with --fail-level warning: nothing is left to fail on
    code, _ = lint(tmp_path, "hidden.md", "<!-- draftlint-disable-next-line vague-quantifier -->\nMany dogs bark.\n",
                   "--fail-level", "warning")
    assert code == 0


def test_unknown_rule_in_a_directive_is_an_info_finding_at_the_directive(tmp_path):
    code, doc = lint(tmp_path, "post.md", (
        "# Notes\n"
        "\n"
        "  <!-- draftlint-disable-next-line vague-quantifer -->\n"
        "Many horses run.\n"), "--select", VH, "--fail-under", "0")
    assert findings(doc) == [
        (UNKNOWN, "info", 3, 3, 3, 55, "<!-- draftlint-disable-next-line vague-quantifer -->"),
        (VQ, "warning", 4, 1, 4, 5, "Many"),
    ]
    assert messages(doc) == [(UNKNOWN, 3, "draftlint-disable-next-line names unknown rule 'vague-quantifer'")]
    assert code == 0  # info
    code, _ = lint(tmp_path, "post.md", (tmp_path / "post.md").read_text(), "--select", VH, "--fail-under", "0",
                   "--fail-level", "info")
    assert code == 1


def test_unknown_rule_in_an_mdx_directive(tmp_path):
    _, doc = lint(tmp_path, "post.mdx", "Dogs bark.\n\n{/* draftlint-disable bogus-rule */}\n", "--select", VQ)
    assert findings(doc) == [(UNKNOWN, "info", 3, 1, 3, 37, "{/* draftlint-disable bogus-rule */}")]
    assert messages(doc) == [(UNKNOWN, 3, "draftlint-disable names unknown rule 'bogus-rule'")]


def test_a_directive_that_suppressed_nothing_is_an_unused_directive(tmp_path):
    _, doc = lint(tmp_path, "post.md", (
        "Dogs bark.\n"
        "\n"
        "<!-- draftlint-disable-next-line hedging -->\n"
        "Many owls hoot.\n"
        "\n"
        "<!-- draftlint-disable -->\n"
        "\n"
        "<!-- draftlint-enable -->\n"
        "\n"
        "Cats purr. <!-- draftlint-disable-line vague-quantifier -->\n"
        "\n"
        "<!-- draftlint-disable-next-line vague-quantifier hedging -->\n"
        "Many bats fly.\n"), "--select", VH)
    assert findings(doc) == [
        (UNUSED, "info", 3, 1, 3, 45, "<!-- draftlint-disable-next-line hedging -->"),
        (VQ, "warning", 4, 1, 4, 5, "Many"),
        (UNUSED, "info", 6, 1, 6, 27, "<!-- draftlint-disable -->"),
        (UNUSED, "info", 10, 12, 10, 60, "<!-- draftlint-disable-line vague-quantifier -->"),
        # one of its two rules was used: not reported
    ]
    assert messages(doc) == [
        (UNUSED, 3, "draftlint-disable-next-line (hedging) suppressed nothing"),
        (UNUSED, 6, "draftlint-disable (all rules) suppressed nothing"),
        (UNUSED, 10, "draftlint-disable-line (vague-quantifier) suppressed nothing"),
    ]


def test_comments_in_code_are_not_directives(tmp_path):
    _, doc = lint(tmp_path, "post.md", (
        "```html\n"
        "<!-- draftlint-disable vague-quantifier -->\n"
        "```\n"
        "\n"
        "Write `<!-- draftlint-disable-next-line -->` above a line.\n"
        "Many dogs bark.\n"), "--select", VQ)
    assert findings(doc) == [(VQ, "warning", 6, 1, 6, 5, "Many")]
    assert doc["summary"]["suppressed"] == 0


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_directives_with_crlf_and_cr_line_endings(tmp_path, newline):
    text = newline.join([
        "Intro.", "",
        "<!-- draftlint-disable-next-line vague-quantifier -->", "Many dogs.",
        "Many cats. <!-- draftlint-disable-line -->",
        "<!-- draftlint-disable-next-line nope -->", "Many owls.", ""])
    _, doc = lint(tmp_path, "post.md", text.encode("utf-8"), "--select", VQ)
    assert findings(doc) == [
        (UNKNOWN, "info", 6, 1, 6, 42, "<!-- draftlint-disable-next-line nope -->"),
        (VQ, "warning", 7, 1, 7, 5, "Many"),
    ]


def test_text_output_shows_directive_findings(tmp_path):
    write(tmp_path, {"post.md": "<!-- draftlint-disable-next-line nope -->\nDogs.\n"})
    result = cli("lint", "post.md", "--select", VQ, "--fail-under", "0", "--quiet", cwd=tmp_path)
    assert result.stdout == ("post.md:1:1: info unknown-rule-in-directive draftlint-disable-next-line names unknown "
                             "rule 'nope'\n")
