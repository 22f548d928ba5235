"""The data that flows between stages. Every stage output is a frozen dataclass.

Inside draftlint a position is a 0-based, end-exclusive character offset into the
source text. Line and column numbers exist only in the report (see ``Location``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Source:
    """A draft as read from disk: the decoded text and where its lines start."""

    path: str
    text: str
    line_starts: tuple[int, ...]

    @classmethod
    def from_text(cls, path: str, text: str) -> "Source":
        starts = [0]
        i = 0
        n = len(text)
        while i < n:
            c = text[i]
            if c == "\n":
                starts.append(i + 1)
            elif c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            i += 1
        return cls(path=path, text=text, line_starts=tuple(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a 0-based offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_offset(self, line: int) -> int:
        """Offset of the start of a 1-based line."""
        return self.line_starts[max(0, min(line - 1, len(self.line_starts) - 1))]


@dataclass(frozen=True)
class Block:
    """One unit of prose: a heading, a paragraph, a table cell, the title..."""

    kind: str  # title | heading | paragraph | table_cell
    prose_start: int
    prose_end: int
    source_start: int
    source_end: int
    level: int = 0  # heading level
    in_list: bool = False
    ordered_list: bool = False
    in_quote: bool = False
    table_header: str | None = None  # for a table cell: its column's header text
    row_label: str | None = None  # for a table cell: the text of its row's first cell
    table: int = -1  # for a table cell: which table of the draft (0, 1, ...)
    header_row: bool = False


@dataclass(frozen=True)
class CodeBlock:
    info: str
    content: str
    source_start: int
    source_end: int


@dataclass(frozen=True)
class Directive:
    """A suppression comment found in the draft (applied after the rules run)."""

    action: str  # disable | enable | disable-next-line | disable-file
    rules: tuple[str, ...]
    source_start: int
    source_end: int


@dataclass(frozen=True)
class Draft:
    """A parsed draft: its prose, the map back to the source, and its structure."""

    source: Source
    fmt: str  # markdown | mdx | text
    prose: str
    prose_map: Any  # linter.source.sourcemap.ProseMap
    blocks: tuple[Block, ...]
    front_matter: dict
    settings: dict  # the front matter's ``draftlint:`` mapping
    links: tuple[tuple[int, int], ...] = ()  # prose spans of link text
    code_blocks: tuple[CodeBlock, ...] = ()
    directives: tuple[Directive, ...] = ()
    #: (finding id, severity, message, source start, end) for problems found while reading
    problems: tuple[tuple[str, str, str, int, int], ...] = ()
    inline_code: int = 0  # how many inline code spans the draft has
    settings_lines: dict = field(default_factory=dict, compare=False)  # line of each 'draftlint:' key

    def block_at(self, prose_offset: int) -> Block | None:
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if b.prose_end <= prose_offset:
                lo = mid + 1
            elif b.prose_start > prose_offset:
                hi = mid
            else:
                return b
        return None


@dataclass(frozen=True)
class Finding:
    """A rule's finding, in source offsets."""

    rule: str
    severity: str
    message: str
    start: int
    end: int
    criterion: str | None = None
    suggestion: str | None = None
    prose_span: tuple[int, int] | None = field(default=None, compare=False)
    #: how many of the rule's findings this one stands for: more than 1 when the findings
    #: past ``repeat_limit`` are counted in it (``repeats.fold``)
    count: int = 1
    #: the text that replaces ``start:end`` when ``--fix`` applies this finding (a rule that
    #: names a replacement, on a span with no markup inside), else None
    fix: str | None = None


@dataclass(frozen=True)
class Fix:
    """One replacement ``--fix`` may apply, in source offsets: ``original`` is the text it
    replaces, checked again before the file is written."""

    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str  # the source between start and end, markup and all
    readable: str = ""  # the same sentence as a reader sees it: no Markdown, link targets or MDX


@dataclass(frozen=True)
class CriterionScore:
    id: str
    score: float
    met: bool
    weight: float
    evidence: tuple[Evidence, ...] = ()
    missing: str | None = None


@dataclass(frozen=True)
class Location:
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class ReportedFinding:
    finding: Finding
    location: Location
    text: str


@dataclass(frozen=True)
class ReportedEvidence:
    evidence: Evidence
    line: int
    column: int


@dataclass(frozen=True)
class ReportedCriterion:
    score: CriterionScore
    evidence: tuple[ReportedEvidence, ...]


@dataclass(frozen=True)
class FileReport:
    path: str
    term: str | None
    score: float | None
    passed: bool | None
    criteria: tuple[ReportedCriterion, ...] = ()
    findings: tuple[ReportedFinding, ...] = ()
    error: str | None = None  # a file that could not be linted
    suppressed: int = 0  # findings hidden by suppression comments
    fail_under: float | None = None  # the pass mark this draft was held to
    fail_level: str | None = None  # the severity at which this draft's findings fail the run
    #: every fix of the draft's reported findings, those folded by ``repeat_limit`` too
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class Report:
    version: str
    files: tuple[FileReport, ...]
    fail_level: str = "error"  # findings at or above this severity fail the run
    summary: dict = field(default_factory=dict)
    rules: tuple = ()  # the rules in force (for formats that describe them, like SARIF)
