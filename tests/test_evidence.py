"""Evidence is shown as a reader sees it: the text report and the JSON's ``readable`` drop
Markdown, link targets and MDX, while the JSON's ``text`` stays the exact source slice."""

from __future__ import annotations

from reliability_support import lint, lint_json, write

DRAFT = """\
# We moved our queue

In March **we moved** the nightly import to a [queue](https://example.com/queue), and the failed runs dropped from 41 to 3 a week.
"""
SOURCE_LINE = DRAFT.splitlines()[2]
READABLE = "In March we moved the nightly import to a queue, and the failed runs dropped from 41 to 3 a week."


def test_json_evidence_keeps_the_source_slice_and_adds_the_readable_sentence(tmp_path):
    write(tmp_path, {"post.md": DRAFT})
    _, doc = lint_json("post.md", "--fail-under", "0", cwd=tmp_path)
    [entry] = doc["files"]
    # the sentence is quoted for one criterion (which one is the judgement's business, not this test's)
    quoted = [e for c in entry["criteria"] for e in c["evidence"]]
    assert quoted == [{"line": 3, "column": 1, "text": SOURCE_LINE, "readable": READABLE}]


def test_the_text_report_quotes_the_readable_sentence(tmp_path):
    write(tmp_path, {"post.md": DRAFT})
    proc = lint("post.md", "--fail-under", "0", "--select", "vague-quantifier", cwd=tmp_path)
    [line] = [x for x in proc.stdout.splitlines() if "  line 3: " in x]
    assert line.split("  line 3: ")[1] == READABLE[:89] + "…"  # cut at 90 characters
