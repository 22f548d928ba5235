"""Parse a draft into prose blocks with a source map (``Source`` -> ``Draft``).

Markdown goes through markdown-it-py's CommonMark parser (plus tables and
strikethrough; typographer and linkify stay off so the prose is the text on disk).
Block tokens carry line ranges; inside a block, each inline piece is aligned to the
source by a bounded forward search from a cursor, never by searching the whole file.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from linter.builtin import INVALID_FRONT_MATTER, NESTING_TOO_DEEP
from linter.model import Block, CodeBlock, Directive, Draft, Source
from linter.source import frontmatter, mdx
from linter.source.directives import parse_comment
from linter.source.sourcemap import ProseBuilder

BLOCK_JOINER = "\n\n"
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]")
# E-mail addresses are found from their "@": a regex that starts with the local part
# would rescan a long run of word characters from every one of its positions.
_LOCAL_RUN = re.compile(r"[\w.+-]+")
_WORD_START = re.compile(r"\b")
_DOMAIN = re.compile(r"[\w-]+\.[\w.-]*\w")
_MARKUP_RUN = re.compile(r"[*_~ \t\r\n>\[!\-+0-9.)|#]*")
# How far past the cursor a piece the parser produced may start or a character may lie.
# Real drafts need a few characters (a list marker, an entity); the bound keeps a draft
# full of characters the parser changed linear instead of rescanning its block for each.
NEAR = 256
CHAR_NEAR = 64
_BREAKING_TAG = re.compile(r"<\s*/?\s*(?:br|hr|p|div|li|td|th|tr|img)\b", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@lru_cache(maxsize=2)
def _parser(mdx: bool = False):
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # Footnotes: "[^1]" markers are not prose, and the notes themselves are.
    # commonmark's preset stops at 20 levels of nesting and drops the rest of the draft;
    # 100 keeps real drafts whole and stays far from Python's recursion limit.
    md = (MarkdownIt("commonmark", {"typographer": False, "linkify": False, "maxNesting": 100})
          .enable(["table", "strikethrough"]).use(footnote_plugin))
    if mdx:
        md.disable("code")  # MDX has no indented code blocks; indentation is layout there
    return md


class _Walker:
    def __init__(self, source: Source, text: str):
        self.source = source
        self.text = text  # the (possibly masked) text the parser saw; same offsets as source
        self.builder = ProseBuilder()
        self.blocks: list[Block] = []
        self.links: list[tuple[int, int]] = []
        self.code_blocks: list[CodeBlock] = []
        self.directives: list[Directive] = []
        self.inline_code = 0
        self.cursor = 0

    # -- helpers ---------------------------------------------------------
    def _line_start(self, line: int) -> int:
        starts = self.source.line_starts
        return starts[line] if line < len(starts) else len(self.text)

    def _find(self, needle: str, limit: int, span: int = 0) -> int:
        """``needle`` at most ``span`` + NEAR characters past the cursor, or -1."""
        return self.text.find(needle, self.cursor, min(limit, self.cursor + len(needle) + span + NEAR))

    def _skip_past(self, needle: str, limit: int, span: int = 0) -> None:
        j = self._find(needle, limit, span)
        if j >= 0:
            self.cursor = j + len(needle)

    def _skip_bracketed(self, open_: str, close: str, limit: int) -> None:
        """At ``open_`` (after optional spaces), move past its balanced ``close``."""
        i = self.cursor
        if i >= limit or self.text[i] != open_:
            return
        depth = 0
        while i < limit:
            c = self.text[i]
            if c == "\\":
                i += 2
                continue
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    self.cursor = i + 1
                    return
            i += 1

    # -- prose -------------------------------------------------------------
    def _align(self, content: str, limit: int) -> list[tuple[int, int]] | int:
        """Where ``content`` lies in the source: a start offset when it appears
        verbatim, else one (start, end) source range per character."""
        # verbatim after nothing but markup: the markup run bounds the search
        markup_end = _MARKUP_RUN.match(self.text, self.cursor, limit).end()
        j = self.text.find(content, self.cursor, min(limit, markup_end + len(content)))
        if 0 <= j <= markup_end:
            self.cursor = j + len(content)
            return j
        ranges: list[tuple[int, int]] = []
        pos = self.cursor
        text = self.text
        reach = markup_end  # the first character may follow the markup run
        for ch in content:
            found = None
            k = pos
            stop = min(limit, max(reach, pos) + CHAR_NEAR)
            reach = 0
            while k < stop:
                c = text[k]
                if c == "&":
                    # "&amp;" stands for "&" too: an entity the parser decoded wins over its first character
                    m = _ENTITY.match(text, k, limit)
                    decoded = html.unescape(m.group(0)) if m else ""
                    if m and decoded != m.group(0) and decoded.startswith(ch):
                        found = (k, m.end())
                        break
                if c == ch:
                    found = (k, k + 1)
                    break
                if c == "\\" and k + 1 < limit and text[k + 1] == ch:
                    found = (k, k + 2)
                    break
                k += 1
            if found is None:
                ranges.append((pos, pos))
            else:
                ranges.append(found)
                pos = found[1]
        self.cursor = pos
        return ranges

    def _emit_text(self, content: str, limit: int) -> None:
        aligned = self._align(content, limit)
        pieces = []
        last = 0
        for s, e in _links_in(content):
            pieces.append((last, s))
            last = e
        pieces.append((last, len(content)))
        for a, b in pieces:
            if a >= b:
                continue
            if isinstance(aligned, int):
                self.builder.add(content[a:b], aligned + a)
            else:
                run_start = a
                for i in range(a, b + 1):
                    # flush runs of one-to-one characters; collapse the rest
                    if i == b or aligned[i][1] - aligned[i][0] != 1 or (
                        i > run_start and aligned[i][0] != aligned[i - 1][1]
                    ):
                        if run_start < i:
                            self.builder.add(content[run_start:i], aligned[run_start][0])
                        if i < b and aligned[i][1] - aligned[i][0] != 1:
                            self.builder.add_collapsed(content[i], *aligned[i])
                            run_start = i + 1
                        else:
                            run_start = i

    def _emit_inline(self, token, limit: int) -> None:
        autolink = 0
        autolink_span = 0
        link_start = None
        for child in token.children or ():
            t = child.type
            if autolink:
                if t == "link_close":
                    autolink -= 1
                    self._skip_past(">", limit, autolink_span)
                continue
            if t == "text":
                self._emit_text(child.content, limit)
            elif t in ("softbreak", "hardbreak"):
                j = self.cursor
                while j < limit and self.text[j] not in "\r\n":
                    j += 1
                if j < limit:
                    self.builder.add_collapsed(" ", j, j + 1)
                    self.cursor = j + 1
                else:
                    self.builder.add_gap(" ")
            elif t == "footnote_ref":
                j = self._find("[^", limit)
                if j >= 0:
                    self.cursor = j
                    self._skip_bracketed("[", "]", limit)
            elif t == "code_inline":
                self.inline_code += 1
                run = child.markup or "`"
                j = self._find(run, limit)
                if j >= 0:
                    self.cursor = j + len(run)
                    # the parser turned line breaks into spaces: the content's length bounds the span
                    self._skip_past(run, limit, len(child.content) + 2)
            elif t == "html_inline":
                j = self._find(child.content, limit)
                if _BREAKING_TAG.match(child.content):
                    self.builder.add_gap(" ")  # "one<br>two" is two words
                if j >= 0:
                    d = parse_comment(child.content, j, j + len(child.content))
                    if d:
                        self.directives.append(d)
                    self.cursor = j + len(child.content)
            elif t == "link_open":
                if child.markup == "autolink":
                    autolink += 1
                    self._skip_past("<", limit)
                    autolink_span = len(child.attrGet("href") or "")
                else:
                    self._skip_past("[", limit)
                    link_start = len(self.builder)
            elif t == "link_close":
                if link_start is not None and len(self.builder) > link_start:
                    self.links.append((link_start, len(self.builder)))
                link_start = None
                self._skip_past("]", limit)
                if self.cursor < limit and self.text[self.cursor] == "(":
                    self._skip_bracketed("(", ")", limit)
                elif self.cursor < limit and self.text[self.cursor] == "[":
                    self._skip_bracketed("[", "]", limit)
            elif t == "image":
                j = self._find("![", limit)
                if j >= 0:
                    self.cursor = j + 1
                    self._skip_bracketed("[", "]", limit)
                    if self.cursor < limit and self.text[self.cursor] == "(":
                        self._skip_bracketed("(", ")", limit)
                    elif self.cursor < limit and self.text[self.cursor] == "[":
                        self._skip_bracketed("[", "]", limit)

    def add_block(self, kind: str, emit, **attrs) -> None:
        if len(self.builder):
            self.builder.add_gap(BLOCK_JOINER)
        start = len(self.builder)
        src_start = self.cursor
        emit()
        end = len(self.builder)
        if end == start:
            return
        self.blocks.append(
            Block(kind=kind, prose_start=start, prose_end=end, source_start=src_start,
                  source_end=self.cursor, **attrs)
        )

    # -- block walk ------------------------------------------------------
    def walk(self, tokens) -> None:
        quote = 0
        lists: list[bool] = []  # ordered? for each open list
        kind = "paragraph"
        level = 0
        table_headers: list[str] = []
        row_label = ""
        last_line = -1
        table_index = -1
        cell = 0
        in_head = False
        for tok in tokens:
            t = tok.type
            if t == "blockquote_open":
                quote += 1
            elif t == "blockquote_close":
                quote -= 1
            elif t in ("bullet_list_open", "ordered_list_open"):
                lists.append(t == "ordered_list_open")
            elif t in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif t == "heading_open":
                kind, level = "heading", int(tok.tag[1])
            elif t == "paragraph_open":
                kind, level = "paragraph", 0
            elif t == "table_open":
                table_headers = []
                table_index += 1
            elif t == "thead_open":
                in_head = True
            elif t == "thead_close":
                in_head = False
            elif t == "tr_open":
                cell = 0
            elif t in ("th_open", "td_open"):
                kind = "table_cell"
            elif t in ("th_close", "td_close"):
                cell += 1
            elif t in ("fence", "code_block"):
                s, e = (self._line_start(tok.map[0]), self._line_start(tok.map[1])) if tok.map else (0, 0)
                self.code_blocks.append(CodeBlock(info=tok.info.strip(), content=tok.content, source_start=s, source_end=e))
                self.cursor = max(self.cursor, e)
            elif t == "html_block":
                if tok.map:
                    s, e = self._line_start(tok.map[0]), self._line_start(tok.map[1])
                    for cs, ce in _comments(self.text, s, e):
                        d = parse_comment(self.text[cs:ce], cs, ce)
                        if d:
                            self.directives.append(d)
                    self.cursor = max(self.cursor, e)
            elif t == "inline":
                if tok.map:
                    start = self._line_start(tok.map[0])
                    # Cells of one table row share a line; footnotes come last but sit earlier.
                    self.cursor = max(self.cursor, start) if tok.map[0] == last_line else start
                    last_line = tok.map[0]
                    limit = self._line_start(tok.map[1])
                else:
                    limit = len(self.text)
                attrs = {"in_list": bool(lists), "ordered_list": bool(lists and lists[-1]), "in_quote": quote > 0}
                if kind == "table_cell":
                    if in_head:
                        table_headers.append(tok.content.strip())
                    if cell == 0:
                        row_label = tok.content.strip()
                    header = table_headers[cell] if cell < len(table_headers) else None
                    attrs.update(table_header=header, header_row=in_head, row_label=row_label, table=table_index)
                elif kind == "heading":
                    attrs["level"] = level
                self.add_block(kind, lambda: self._emit_inline(tok, limit), **attrs)
                if kind != "table_cell":
                    self.cursor = max(self.cursor, limit) if kind == "heading" else self.cursor


def parse(source: Source, fmt: str) -> Draft:
    text = source.text
    fm = frontmatter.find(text, source.path)
    directives: list[Directive] = []
    if fm:
        text = "".join(c if c in "\r\n" else " " for c in text[: fm.end]) + text[fm.end:]
    is_mdx = fmt == "mdx" or (fmt == "markdown" and mdx.looks_like_mdx(text))
    problems: list = []
    if is_mdx:
        text, directives, mdx_problems = mdx.mask(text)
        problems.extend(mdx_problems)
    # markdown-it reads NUL as U+FFFD; giving it that already keeps every piece verbatim
    text = text.replace("\0", "\ufffd")
    walker = _Walker(source, text)
    walker.directives.extend(directives)
    if fm and fm.problem:
        problems.append((INVALID_FRONT_MATTER, "error", fm.problem, *fm.problem_span))
    if fm and fm.title_span:
        s, e = fm.title_span
        walker.cursor = s
        walker.add_block("title", lambda: walker.builder.add(source.text[s:e], s), level=1)
        walker.cursor = fm.end
    if fmt == "text":
        _walk_plain(walker, text)
    else:
        problems.extend(_walk_markdown(walker, text, is_mdx))
    data = fm.data if fm else {}
    settings = data.get("draftlint") if isinstance(data.get("draftlint"), dict) else {}
    return Draft(
        source=source,
        fmt=fmt,
        prose=walker.builder.text,
        prose_map=walker.builder.build(),
        blocks=tuple(walker.blocks),
        front_matter=data,
        settings=settings,
        links=tuple(walker.links),
        code_blocks=tuple(walker.code_blocks),
        directives=tuple(sorted(walker.directives, key=lambda d: d.source_start)),
        problems=tuple(problems),
        settings_lines=fm.settings_lines if fm else {},
        inline_code=walker.inline_code,
    )


TOO_DEEP = NESTING_TOO_DEEP


def _links_in(content: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses, left to right, not overlapping."""
    spans = [m.span() for m in _URL.finditer(content)]
    for m in _LOCAL_RUN.finditer(content):
        at = m.end()
        if at >= len(content) or content[at] != "@":
            continue
        start = _WORD_START.search(content, m.start(), at)
        domain = _DOMAIN.match(content, at + 1)
        if start and domain:
            spans.append((start.start(), domain.end()))
    spans.sort(key=lambda span: (span[0], -span[1]))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def _comments(text: str, start: int, end: int):
    """Spans of the ``<!-- ... -->`` comments in ``text[start:end]``."""
    i = text.find("<!--", start, end)
    while i >= 0:
        j = text.find("-->", i + 4, end)
        if j < 0:
            return
        yield i, j + 3
        i = text.find("<!--", j + 3, end)


#: a link reference definition's line, after any indentation and quote markers
_DEFINITION = re.compile(r"[ \t>]*\[[^\]\n]{1,999}\]:")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def _past_definitions(text: str, at: int) -> int:
    """``at`` moved past the blank lines and link reference definitions that start there."""
    while at < len(text):
        line = _LINE.match(text, at)
        if not line.group().strip() or _DEFINITION.match(line.group()):
            if line.end() == at:
                break
            at = line.end()
            continue
        break
    return at


def _walk_markdown(walker: _Walker, text: str, is_mdx: bool) -> list:
    """Parse and walk the Markdown. Where nesting passes the parser's limit it stops early;
    the rest of the draft is then parsed on its own, and the skipped part reported."""
    problems = []
    lines = walker.source.line_starts
    first_line = 0
    for _ in range(50):
        tokens = _parser(is_mdx).parse(text)
        walker.walk(tokens)
        containers = ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open")
        leaves = [t.map[1] for t in tokens if t.map and t.type not in containers]
        reached = max(leaves, default=0) if leaves else len(lines)
        reached = max(reached, first_line)
        rest = lines[reached] if reached < len(lines) else len(text)
        # link reference definitions ("[docs]: https://...") make no tokens: step over them
        rest = _past_definitions(text, rest)
        if reached >= len(lines) or not text[rest:].strip():
            break
        # find where the too-deep construct ends: the next blank line after it
        m = re.search(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)", text[rest:])
        skip_to = rest + m.end() if m else len(text)
        problems.append((TOO_DEEP, "warning", "nesting deeper than 100 levels: this part was not linted",
                         rest, max(rest, skip_to - 1)))
        text = "".join(c if c in "\r\n" else " " for c in text[:skip_to]) + text[skip_to:]
        first_line = reached
    return problems


def _walk_plain(walker: _Walker, text: str) -> None:
    """Plain text: paragraphs are separated by blank lines; line breaks become spaces."""
    lines = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lines.append((offset, body))
        offset += len(line)
    paragraph: list[tuple[int, str]] = []
    for start, body in lines + [(len(text), "")]:
        if body.strip():
            paragraph.append((start, body))
            continue
        if paragraph:
            _plain_paragraph(walker, paragraph)
            paragraph = []


def _plain_paragraph(walker: _Walker, paragraph: list[tuple[int, str]]) -> None:
    # each line without its indentation and trailing blanks; line breaks become one space
    lines = [(start + len(body) - len(body.lstrip()), body.strip()) for start, body in paragraph]

    def emit():
        for n, (start, body) in enumerate(lines):
            if n:
                prev_start, prev_body = lines[n - 1]
                walker.builder.add_collapsed(" ", prev_start + len(prev_body), start)
            walker.cursor = start
            walker._emit_text(body, start + len(body))

    walker.cursor = lines[0][0]
    walker.add_block("paragraph", emit)
