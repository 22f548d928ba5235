"""Published posts (../shared/corpus/real, read in place, never copied): no crash, and no
finding inside code, front matter, MDX components or HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="the real posts live in ../shared, beside the repository")

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def off_limits_lines(text: str) -> set[int]:
    """1-based lines that hold front matter, fenced code, or JSX/HTML tag lines."""
    lines = text.splitlines()
    banned: set[int] = set()
    i = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                banned.update(range(2, j + 2))  # keys and the closing fence; 'title' is checked apart
                i = j + 1
                break
    fence = None
    for n in range(i, len(lines)):
        line = lines[n]
        m = FENCE.match(line)
        if fence:
            banned.add(n + 1)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            banned.add(n + 1)
        elif re.match(r"^\s*(</?[A-Za-z][\w.]*[\s>/]|import\s|export\s)", line) and not re.search(r">[^<]*\w", line):
            banned.add(n + 1)  # a line that is only a tag, or ESM
    return banned


@pytest.fixture(scope="module")
def real_report():
    from linter.api import Linter

    return Linter().lint_paths([str(REAL)])


def test_every_real_post_is_linted(real_report):
    assert len(real_report.files) >= 80
    assert [f.path for f in real_report.files if f.error] == []
    assert all(f.score is not None for f in real_report.files)


def test_no_finding_in_code_front_matter_or_components(real_report):
    bad = []
    for fr in real_report.files:
        text = Path(fr.path).read_text(encoding="utf-8")
        banned = off_limits_lines(text)
        lines = text.splitlines()
        for rf in fr.findings:
            line = rf.location.line
            if rf.finding.rule == "invalid-front-matter":
                continue
            if line in banned and not lines[line - 1].lstrip().startswith("title:"):
                bad.append((fr.path, line, rf.finding.rule, rf.text))
    assert bad == []


def test_every_finding_quotes_its_source(real_report):
    for fr in real_report.files:
        text = Path(fr.path).read_text(encoding="utf-8")
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
        for rf in fr.findings:
            loc = rf.location
            start = starts[loc.line - 1] + loc.column - 1
            end = starts[loc.end_line - 1] + loc.end_column - 1
            assert text[start:end] == rf.text, (fr.path, loc)
