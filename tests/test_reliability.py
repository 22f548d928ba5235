"""Reliability: hostile and broken drafts, through the command line.

Every draft that cannot be read gives one line on stderr, ``draftlint: error:
<file>[:<line>]: <problem>``, exit code 2 and no traceback, and the other drafts are still
linted. Everything else is linted with exact positions: 1-based lines (LF, CRLF or CR end
a line) and columns in code points, ends exclusive. Markers ``xfail(strict=True)`` name
bugs still open; the fix removes them.

Positions are checked with the single rule ``vague-quantifier`` ("many", "a lot of"...).
The property tests at the end use the in-process API for speed.
"""

from __future__ import annotations

import codecs
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reliability_support import (
    DEFAULT_LIMIT,
    GOOD,
    GOOD_FINDING,
    MIB,
    VQ,
    assert_error_entry,
    assert_no_traceback,
    assert_one_error,
    entry,
    findings,
    lint,
    lint_json,
    offset_of,
    run_with_peak_memory,
    write,
)

#: peak memory allowed for one run of draftlint (KiB)
MEMORY_LIMIT_KB = 1536 * 1024
FAIL_LINE = re.compile(r"^(?P<path>\S+): score (?P<score>\d+)/100 against 'thought-leadership': (passed|failed)$",
                       re.M)


#: a project file that shows every finding (these tests count them one by one)
SHOW_ALL = "repeat_limit: 0\n"


def vq(line, column, end_line, end_column, text):
    return (VQ, "warning", line, column, end_line, end_column, text)


# -- drafts that cannot be read ------------------------------------------------------------

@pytest.mark.parametrize("data,problem", [
    (b"Dogs\x00\x01\x02 and many cats", "binary file, not a text draft"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary file, not a text draft"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file, not a text draft"),
    (b"\xff\xd8\xff\xe0 JFIF many", "1: not valid UTF-8 (byte 0xff at offset 0)"),
    ("Dogs.\nAnd many cats.\n".encode("utf-16-le"), "binary file, not a text draft"),  # UTF-16 without a BOM
], ids=["nul-bytes", "png", "jpeg-with-nul", "jpeg-without-nul", "utf16-without-bom"])
def test_binary_draft_is_one_line_error_and_the_others_are_linted(tmp_path, data, problem):
    write(tmp_path, {"bad.md": data, "good.md": GOOD})
    proc, doc = lint_json("bad.md", "good.md", cwd=tmp_path)
    where = f"bad.md:{problem}" if problem[0].isdigit() else f"bad.md: {problem}"
    assert_one_error(proc, where)
    assert_error_entry(doc, "bad.md", where)
    assert findings(doc, "good.md") == [GOOD_FINDING]


@pytest.mark.parametrize("data,line,offset,byte", [
    (b"Dogs bark.\n\nMany \xff cats.\n", 3, 17, 0xff),
    (b"Dogs bark.\r\nMany \xfe cats.\r\n", 2, 17, 0xfe),
    (b"Dogs bark.\nMany caf\xc3", 2, 19, 0xc3),  # a character cut short at the end of the file
    (b"Dogs bark.\n\xed\xa0\x80 many\n", 2, 11, 0xed),  # an encoded surrogate
    (b"Dogs bark.\n\xc0\xaf many\n", 2, 11, 0xc0),  # an overlong '/'
], ids=["lf-line-3", "crlf-line-2", "truncated-at-eof", "surrogate", "overlong"])
def test_invalid_utf8_names_the_line(tmp_path, data, line, offset, byte):
    write(tmp_path, {"bad.md": data, "good.md": GOOD})
    proc, doc = lint_json("bad.md", "good.md", cwd=tmp_path)
    where = f"bad.md:{line}: not valid UTF-8 (byte 0x{byte:02x} at offset {offset})"
    assert_one_error(proc, where)
    assert_error_entry(doc, "bad.md", where)
    assert findings(doc, "good.md") == [GOOD_FINDING]


def test_invalid_utf8_in_a_lone_cr_draft_names_the_line(tmp_path):
    write(tmp_path, {"bad.md": b"Dogs bark.\rMany \xff cats.\r", "good.md": GOOD})
    proc, doc = lint_json("bad.md", "good.md", cwd=tmp_path)
    assert_one_error(proc, "bad.md:2: not valid UTF-8 (byte 0xff at offset 16)")
    assert findings(doc, "good.md") == [GOOD_FINDING]


def test_invalid_utf16_names_the_line(tmp_path):
    data = codecs.BOM_UTF16_LE + "Dogs bark.\nMany ".encode("utf-16-le") + b"\x00\xd8" + " cats.\n".encode("utf-16-le")
    write(tmp_path, {"bad.md": data, "good.md": GOOD})
    proc, doc = lint_json("bad.md", "good.md", cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert proc.stderr.startswith("draftlint: error: bad.md:2: not valid UTF-16-LE")
    assert len(proc.stderr.splitlines()) == 1
    assert findings(doc, "good.md") == [GOOD_FINDING]


# -- encodings with a byte-order mark -----------------------------------------------------

BOM_TEXT = "Many dogs.\nAnd a lot of cats.\n\n# 🐕 many birds\n"
BOM_FINDINGS = [vq(1, 1, 1, 5, "Many"), vq(2, 5, 2, 13, "a lot of"), vq(4, 5, 4, 9, "many")]


@pytest.mark.parametrize("bom,encoding,newline", [
    (codecs.BOM_UTF8, "utf-8", "\n"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "\n"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "\n"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "\r\n"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "\n"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "\r"),
], ids=["utf8-bom", "utf16le", "utf16be", "utf16le-crlf", "utf32le", "utf32be-cr"])
def test_byte_order_mark_is_decoded_and_not_a_column(tmp_path, bom, encoding, newline):
    write(tmp_path, {"bom.md": bom + BOM_TEXT.replace("\n", newline).encode(encoding)})
    proc, doc = lint_json("bom.md", cwd=tmp_path)
    assert_no_traceback(proc)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert findings(doc, "bom.md") == BOM_FINDINGS


# -- empty drafts --------------------------------------------------------------------------

@pytest.mark.parametrize("name,data", [
    ("empty.md", b""), ("blank.md", b"  \n\t\n\n   "), ("crlf.md", b"\r\n\r\n"), ("cr.txt", b"\r\r\r"),
    ("bom.md", codecs.BOM_UTF8), ("bom16.mdx", codecs.BOM_UTF16_LE), ("front.md", b"---\ntags: [a]\n---\n"),
    ("comment.mdx", b"{/* nothing yet */}\n<!-- nothing -->\n"), ("empty.txt", b""),
], ids=lambda v: v if isinstance(v, str) else None)
def test_empty_draft_is_scored_not_crashed(tmp_path, name, data):
    write(tmp_path, {name: data})
    proc = lint(name, cwd=tmp_path)
    assert_no_traceback(proc)
    assert (proc.returncode, proc.stderr) == (1, "")  # nothing in it can pass the pass mark
    scores = FAIL_LINE.findall(proc.stdout)
    assert [(path, outcome) for path, _score, outcome in scores] == [(name, "failed")], proc.stdout
    assert 0 <= int(scores[0][1]) < 60
    assert proc.stdout.splitlines()[-1] == "1 draft(s): 0 passed, 1 failed; 0 error(s), 0 warning(s), 0 info"


# -- size ---------------------------------------------------------------------------------

def _prose(size: int) -> str:
    para = "We moved the nightly import to a queue in March, and the failed runs dropped from 41 to 3 a week.\n\n"
    return para * (size // len(para))


def test_a_5_mb_draft_is_refused_naming_the_documented_limit(tmp_path):
    big = ("Many dogs.\n\n" + _prose(5 * MIB)).encode()
    write(tmp_path, {"big.md": big, "good.md": GOOD})
    proc, doc = lint_json("big.md", "good.md", cwd=tmp_path, timeout=60)
    where = f"big.md: draft is {len(big):,} bytes, over the limit of {DEFAULT_LIMIT:,} (raise it with max_file_size)"
    assert_one_error(proc, where)
    assert_error_entry(doc, "big.md", where)
    assert findings(doc, "good.md") == [GOOD_FINDING]


def test_max_file_size_raises_the_limit_and_memory_stays_bounded(tmp_path):
    """5 MB, mostly a code listing: with ``max_file_size`` raised it is linted, within
    1.5 GB, positions exact."""
    prose = _prose(50 * 1024)
    code = "x = compute()  # many\n" * ((5 * MIB - len(prose)) // 22)
    text = "Many dogs.\n\n" + prose + "```python\n" + code + "```\n\nA lot of cats.\n"
    assert len(text) > 5 * MIB
    write(tmp_path, {"big.md": text, "draftlint.yaml": f"max_file_size: {6 * MIB}\n"})
    code_, peak, stdout, stderr = run_with_peak_memory(
        ["lint", "--no-cache", "--select", VQ, "--quiet", "--fail-under", "0", "big.md"], tmp_path, MEMORY_LIMIT_KB)
    assert peak < MEMORY_LIMIT_KB, f"peak {peak // 1024} MiB"
    assert (code_, stderr) == (0, "")
    last = text.count("\n")
    assert stdout.splitlines() == [
        f"big.md:1:1: warning {VQ} 'Many' is vague: say how many or how much",
        f"big.md:{last}:1: warning {VQ} 'A lot of' is vague: say how many or how much",
    ]


def test_max_file_size_lowers_the_limit(tmp_path):
    write(tmp_path, {"post.md": "Many dogs. " * 20 + "\n", "draftlint.yaml": "max_file_size: 100\n",
                     "small.md": "Many cats.\n"})
    proc, doc = lint_json("post.md", "small.md", cwd=tmp_path)
    where = "post.md: draft is 221 bytes, over the limit of 100 (raise it with max_file_size)"
    assert_one_error(proc, where)
    assert findings(doc, "small.md") == [GOOD_FINDING]


def test_max_file_size_applies_to_stdin(tmp_path):
    write(tmp_path, {"draftlint.yaml": "max_file_size: 100\n"})
    proc = lint("-", "--stdin-filename", "post.md", "--select", VQ, cwd=tmp_path, stdin="Many dogs. " * 20 + "\n")
    assert_one_error(proc, "post.md: draft is 221 bytes, over the limit of 100 (raise it with max_file_size)")


def test_a_long_single_paragraph_stays_within_memory(tmp_path):
    """300 KB in one paragraph (no blank line to cut at) once took 1.2 GB as one spaCy
    Doc; analysed in pieces it takes about half a gigabyte."""
    sentence = "We moved the nightly import to a queue in March and many failed runs dropped. "
    text = sentence * (300 * 1024 // len(sentence)) + "\n"
    write(tmp_path, {"para.md": text, "draftlint.yaml": SHOW_ALL})
    code, peak, stdout, stderr = run_with_peak_memory(
        ["lint", "--no-cache", "--select", VQ, "--quiet", "--fail-under", "0", "--fail-level", "warning", "para.md"], tmp_path,
        1024 * 1024)
    assert peak < 1024 * 1024, f"peak {peak // 1024} MiB"
    assert (code, stderr) == (1, "")
    cols = [m.start() + 1 for m in re.finditer(" many ", text)]
    assert stdout.splitlines() == [f"para.md:1:{c + 1}: warning {VQ} 'many' is vague: say how many or how much"
                                   for c in cols]


def test_a_200_kb_single_line_is_linted_with_exact_columns(tmp_path):
    line = "Dogs bark at the mail carrier. " * 6600 + "Many cats purr."
    assert len(line) > 200_000
    write(tmp_path, {"line.md": "A lot of birds.\n" + line})  # no newline at the end either
    proc, doc = lint_json("line.md", cwd=tmp_path, timeout=180)
    assert (proc.returncode, proc.stderr) == (1, "")
    col = len(line) - len("Many cats purr.") + 1
    assert findings(doc, "line.md") == [vq(1, 1, 1, 9, "A lot of"), vq(2, col, 2, col + 4, "Many")]


def test_paragraph_without_punctuation_is_linted_with_exact_positions(tmp_path):
    words = "the dogs and many cats ran over the hill"
    lines = [" ".join([words] * 5) for _ in range(100)]  # 20 KB, one paragraph, no punctuation
    write(tmp_path, {"np.md": "\n".join(lines) + "\n", "draftlint.yaml": SHOW_ALL})
    proc, doc = lint_json("np.md", cwd=tmp_path, timeout=180)
    assert (proc.returncode, proc.stderr) == (1, "")
    cols = [m.start() + 1 for m in re.finditer(r"\bmany\b", lines[0])]
    assert findings(doc, "np.md") == [vq(n, c, n, c + 4, "many") for n in range(1, 101) for c in cols]


def test_long_paragraph_without_punctuation_is_not_quadratic(tmp_path):
    text = " ".join(["the dogs and many cats ran over the hill"] * 2500) + "\n"
    write(tmp_path, {"np.md": text, "draftlint.yaml": SHOW_ALL})
    proc, doc = lint_json("np.md", cwd=tmp_path, timeout=20)  # 25 s and more when it was quadratic
    assert len(findings(doc, "np.md")) == 2500


# -- line endings, tabs, Unicode ---------------------------------------------------------

LINES_TEXT = "# Many dogs\n\nDogs bark and a\nlot of cats purr.\n\n- Many birds sing.\n"


@pytest.mark.parametrize("suffix,newlines", [
    (".md", ("\n",)), (".md", ("\r\n",)), (".md", ("\r",)), (".md", ("\r\n", "\r", "\n")), (".txt", ("\r",)),
    (".mdx", ("\r\n",)),
], ids=["md-lf", "md-crlf", "md-cr", "md-mixed", "txt-cr", "mdx-crlf"])
def test_line_endings_give_exact_positions(tmp_path, newlines, suffix):
    parts = LINES_TEXT.split("\n")
    text = "".join(p + newlines[i % len(newlines)] for i, p in enumerate(parts[:-1]))
    name = f"post{suffix}"
    write(tmp_path, {name: text})
    proc, doc = lint_json(name, cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "")
    third = newlines[2 % len(newlines)]  # the line ending inside "a / lot of"
    assert findings(doc, name) == [vq(1, 3, 1, 7, "Many"), vq(3, 15, 4, 7, f"a{third}lot of"), vq(6, 3, 6, 7, "Many")]


@pytest.mark.parametrize("name,text,expected", [
    ("tabs.md", "-\tMany dogs.\n\n#\tA lot of cats\n\nDogs\tand\tmany cats.\n\n|\ta\t|\tb |\n|---|---|\n|\tmany\t| x |\n",
     [vq(1, 3, 1, 7, "Many"), vq(3, 3, 3, 11, "A lot of"), vq(5, 10, 5, 14, "many"), vq(9, 3, 9, 7, "many")]),
    ("tabs.md", "\tMany dogs in indented code.\n\nDogs.\n", []),  # a leading tab is indented code
    ("tabs.txt", "\tMany dogs.\n\nDogs\t\tand many cats.\n",
     [vq(1, 2, 1, 6, "Many"), vq(3, 11, 3, 15, "many")]),
], ids=["markdown", "indented-code", "plain-text"])
def test_a_tab_is_one_column(tmp_path, name, text, expected):
    write(tmp_path, {name: text})
    proc, doc = lint_json(name, cwd=tmp_path)
    assert proc.stderr == ""
    assert findings(doc, name) == expected


def test_emoji_and_combining_characters_count_code_points(tmp_path):
    text = ("Cats 🐕🐕 and many dogs.\n\n"
            "Cafe\u0301 and many dogs.\n\n"
            "👨\u200d👩\u200d👧 many dogs.\n\n"  # a family: 5 code points, one glyph
            "🇩🇪 and a lot of cats.\n\n"  # a flag: 2 code points
            "# 🐕 Many dogs\n\n"
            "| 🐕 | many |\n|---|---|\n| e\u0301 | a lot |\n")
    write(tmp_path, {"emoji.md": text, "draftlint.yaml": SHOW_ALL})
    proc, doc = lint_json("emoji.md", cwd=tmp_path)
    assert proc.stderr == ""
    assert findings(doc, "emoji.md") == [
        vq(1, 13, 1, 17, "many"), vq(3, 11, 3, 15, "many"), vq(5, 7, 5, 11, "many"), vq(7, 8, 7, 16, "a lot of"),
        vq(9, 5, 9, 9, "Many"), vq(11, 7, 11, 11, "many"), vq(13, 8, 13, 13, "a lot")]


# -- structure ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Many dogs.\n\n```\nMany cats.\n\nA lot of birds.\n", [vq(1, 1, 1, 5, "Many")]),
    ("Many dogs.\n\n~~~python\nMany cats.\n", [vq(1, 1, 1, 5, "Many")]),
    ("- Many dogs.\n\n  ````\n  ```\n  Many cats.\n  ```\n", [vq(1, 3, 1, 7, "Many")]),
    ("Many dogs.\n\n<!-- many\n\nA lot of cats.\n", [vq(1, 1, 1, 5, "Many")]),
], ids=["backticks", "tildes", "longer-fence-in-list", "html-comment"])
def test_unclosed_code_fence_lints_nothing_inside(tmp_path, text, expected):
    write(tmp_path, {"fence.md": text})
    proc, doc = lint_json("fence.md", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert findings(doc, "fence.md") == expected


DEEP = {
    "quotes": "> " * 500 + "Many dogs.\n",
    "lists": "- " * 500 + "Many dogs.\n",
    "indented-lists": "".join("  " * i + "- item\n" for i in range(500)) + "  " * 500 + "- Many dogs.\n",
    "quotes-and-lists": "> - " * 250 + "Many dogs.\n",
    "emphasis": "*" * 500 + "many" + "*" * 500 + "\n",
    "links": "[" * 500 + "many" + "](x)" * 500 + "\n",
}


@pytest.mark.parametrize("name", DEEP)
def test_nesting_500_deep_does_not_crash(tmp_path, name):
    write(tmp_path, {"deep.md": DEEP[name], "good.md": GOOD})
    proc, doc = lint_json("deep.md", "good.md", cwd=tmp_path)
    assert_no_traceback(proc)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert entry(doc, "deep.md").get("error") is None
    assert isinstance(entry(doc, "deep.md")["score"], float)
    assert findings(doc, "good.md") == [GOOD_FINDING]


@pytest.mark.parametrize("text,expected", [
    # a quote's words are someone else's, so the style rules leave them; unsourced-claim does not
    ("> " * 30 + "Studies show that many dogs bark.\n",
     [("unsourced-claim", "warning", 1, 61, 1, 73, "Studies show")]),
    ("".join("  " * i + "- item\n" for i in range(15)) + "\nMany dogs.\n", [vq(17, 1, 17, 5, "Many")]),
], ids=["inside-30-quotes", "after-15-lists"])
def test_deeply_nested_prose_is_still_linted(tmp_path, text, expected):
    write(tmp_path, {"deep.md": text})
    proc, doc = lint_json("deep.md", "--select", "unsourced-claim", cwd=tmp_path)
    assert findings(doc, "deep.md") == expected


TOO_DEEP = "nesting-too-deep"


def test_prose_after_a_part_nested_too_deep_is_linted_and_the_part_reported(tmp_path):
    write(tmp_path, {"deep.md": "".join("  " * i + "- item\n" for i in range(500)) + "\nMany dogs.\n"})
    proc, doc = lint_json("deep.md", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "")
    got = findings(doc, "deep.md")
    assert [f[:3] for f in got] == [(TOO_DEEP, "warning", 50), (VQ, "warning", 502)]
    assert got[0][4] == 501 and got[1] == vq(502, 1, 502, 5, "Many")


@pytest.mark.parametrize("text", [
    "# Post\n\nSee [the docs][docs].\n\n[docs]: https://example.com/docs\n[blog]: <https://example.com/b> \"Blog\"\n",
    "# Post\n\nText.\n\n  [a]: https://a.example\n\n> [c]: https://c.example\n\n- item\n\n  [d]: https://d.example\n",
], ids=["at-the-end", "indented-quoted-and-in-a-list"])
def test_link_reference_definitions_are_not_nesting(tmp_path, text):
    """Definitions make no tokens in the parser; they are not a part left unparsed."""
    write(tmp_path, {"refs.md": text})
    proc, doc = lint_json("refs.md", cwd=tmp_path)
    assert findings(doc, "refs.md") == []


def test_a_part_nested_too_deep_after_definitions_is_reported_where_it_starts(tmp_path):
    deep = "".join("  " * i + "- item\n" for i in range(500))
    write(tmp_path, {"deep.md": "Dogs.\n\n[a]: https://a.example\n\n" + deep + "\nMany dogs.\n"})
    proc, doc = lint_json("deep.md", cwd=tmp_path)
    got = findings(doc, "deep.md")
    assert [f[:3] for f in got] == [(TOO_DEEP, "warning", 54), (VQ, "warning", 506)]


@pytest.mark.xfail(strict=True, reason="a part nested past markdown-it's maxNesting (100) on a single line is "
                                       "silently dropped: no finding for its prose and no nesting-too-deep warning")
@pytest.mark.parametrize("text", ["> " * 150 + "Many dogs.\n", "- " * 500 + "Many dogs.\n",
                                  "> - " * 250 + "Many dogs.\n"], ids=["150-quotes", "500-lists", "quotes-and-lists"])
def test_prose_nested_too_deep_on_one_line_is_reported(tmp_path, text):
    write(tmp_path, {"deep.md": text, "good.md": GOOD})
    proc, doc = lint_json("deep.md", "good.md", cwd=tmp_path)
    column = text.index("Many") + 1
    got = findings(doc, "deep.md")
    assert got == [vq(1, column, 1, column + 4, "Many")] or [f[:3] for f in got] == [(TOO_DEEP, "warning", 1)], got
    assert findings(doc, "good.md") == [GOOD_FINDING]


# -- front matter --------------------------------------------------------------------------

FM = "invalid-front-matter"


def fm(message, line, column, end_line, end_column, text):
    return (FM, "error", message, line, column, end_line, end_column, text)


def _with_messages(doc, path):
    return [(x["rule"], x["severity"], x["message"], x["line"], x["column"], x["end_line"], x["end_column"],
             x["text"]) for x in entry(doc, path)["findings"]]


BODY = ("vague-quantifier", "warning", "'Many' is vague: say how many or how much")


SYNTAX = "front matter is not valid YAML: "  # then the YAML parser's words (libyaml's or PyYAML's)


def _same_finding(got: tuple, want: tuple) -> bool:
    """``want``'s message may be just ``SYNTAX``: the parser's own wording is not pinned."""
    if want[2] == SYNTAX:
        return got[:2] + got[3:] == want[:2] + want[3:] and got[2].startswith(SYNTAX) and "\n" not in got[2]
    return got == want


@pytest.mark.parametrize("text,problem,body_line", [
    ("---\ntitle: Dogs\nkey: [unclosed\n---\nMany dogs.\n", fm(SYNTAX, 4, 1, 4, 4, "---"), 5),
    ("---\ntitle: x\n\tkey: y\n---\nMany dogs.\n", fm(SYNTAX, 3, 1, 3, 8, "\tkey: y"), 5),
    ("---\ntitle: Dogs\ntitle: Cats\n---\nMany dogs.\n",
     fm("front matter is not valid YAML: duplicate key 'title'", 3, 1, 3, 12, "title: Cats"), 5),
    ("---\ntitle: Dogs\nkey: *nope\n---\nMany dogs.\n", fm(SYNTAX, 3, 1, 3, 11, "key: *nope"), 5),
    ("---\ntitle: !!python/object:os.system x\n---\nMany dogs.\n",
     fm("front matter is not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object:os.system'", 2, 1, 2, 35, "title: !!python/object:os.system x"), 4),
    ("---\r\ntitle: Dogs\r\nkey: [unclosed\r\n---\r\nMany dogs.\r\n", fm(SYNTAX, 4, 1, 4, 4, "---"), 5),
    ("---\n- a\n- b\n---\nMany dogs.\n", fm("front matter is not a mapping of keys to values", 2, 1, 2, 4, "- a"), 5),
    ("---\njust a string\n---\nMany dogs.\n",
     fm("front matter is not a mapping of keys to values", 2, 1, 2, 14, "just a string"), 4),
], ids=["unclosed-bracket", "tab", "duplicate-key", "undefined-alias", "python-tag", "crlf", "list", "string"])
def test_bad_front_matter_is_an_error_finding_at_its_line_and_the_body_is_linted(tmp_path, text, problem, body_line):
    write(tmp_path, {"post.md": text})
    proc, doc = lint_json("post.md", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (1, "")
    got = _with_messages(doc, "post.md")
    assert len(got) == 2 and _same_finding(got[0], problem), got
    assert got[1] == (*BODY, body_line, 1, body_line, 5, "Many")


def test_yaml_alias_bomb_in_front_matter_is_harmless(tmp_path):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    write(tmp_path, {"bomb.md": "---\n" + "\n".join(levels) + "\n---\nMany dogs.\n"})
    proc, doc = lint_json("bomb.md", cwd=tmp_path, timeout=60)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert findings(doc, "bomb.md") == [vq(13, 1, 13, 5, "Many")]


def test_bad_front_matter_with_lone_cr_endings_is_at_its_line(tmp_path):
    write(tmp_path, {"post.md": "---\rtitle: Dogs\rkey: [unclosed\r---\rMany dogs.\r"})
    proc, doc = lint_json("post.md", cwd=tmp_path)
    got = _with_messages(doc, "post.md")
    assert len(got) == 2 and _same_finding(got[0], fm(SYNTAX, 4, 1, 4, 4, "---")), got
    assert got[1] == (*BODY, 5, 1, 5, 5, "Many")


def test_control_character_in_front_matter_is_reported_at_its_line(tmp_path):
    write(tmp_path, {"post.md": "---\ntitle: Dogs\nkey: \x07bell\n---\nMany dogs.\n"})
    proc, doc = lint_json("post.md", cwd=tmp_path)
    got = _with_messages(doc, "post.md")
    assert len(got) == 2 and _same_finding(got[0], fm(SYNTAX, 3, 1, 3, 11, "key: \x07bell")), got


def test_front_matter_that_is_not_a_mapping_is_reported_where_the_value_is(tmp_path):
    write(tmp_path, {"post.md": "---\n# a comment\njust a string\n---\nMany dogs.\n"})
    proc, doc = lint_json("post.md", cwd=tmp_path)
    assert _with_messages(doc, "post.md") == [
        fm("front matter is not a mapping of keys to values", 3, 1, 3, 14, "just a string"),
        (*BODY, 5, 1, 5, 5, "Many")]


@pytest.mark.parametrize("front,line,text", [
    ("draftlint: 5\n", 2, "draftlint: 5"),
    ("draftlint:\n  colour: red\n", 3, "  colour: red"),
    ("draftlint:\n  trem: tutorial\n", 3, "  trem: tutorial"),
], ids=["not-a-mapping", "unknown-key", "misspelt-term"])
def test_bad_draftlint_settings_in_front_matter_are_reported(tmp_path, front, line, text):
    write(tmp_path, {"post.md": "---\n" + front + "---\nMany dogs.\n"})
    proc, doc = lint_json("post.md", cwd=tmp_path)
    body = front.count("\n") + 3
    got = findings(doc, "post.md")
    assert got == [(FM, "error", line, 1, line, 1 + len(text), text), vq(body, 1, body, 5, "Many")]
    assert proc.returncode == 1


@pytest.mark.parametrize("term,problem", [
    ("nope", "front matter names unknown term 'nope' (known: announcement, blog, case-study, content-pillar, "
             "content-strategy, explainer, opinion, original-research, thought-leadership, tutorial)"),
    ("blog", "term 'blog' has no criteria, so it cannot score a draft"),
], ids=["unknown", "not-scorable"])
def test_unknown_term_in_front_matter_is_one_line_and_the_others_lint(tmp_path, term, problem):
    write(tmp_path, {"post.md": f"---\ndraftlint:\n  term: {term}\n---\nMany dogs.\n", "good.md": GOOD})
    proc, doc = lint_json("post.md", "good.md", cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.rstrip("\n").endswith(problem), proc.stderr
    assert proc.stderr.startswith("draftlint: error: post.md:")
    assert findings(doc, "good.md") == [GOOD_FINDING]


def test_unknown_term_in_front_matter_names_its_line(tmp_path):
    write(tmp_path, {"post.md": "---\ntitle: Dogs\ndraftlint:\n  term: nope\n---\nMany dogs.\n", "good.md": GOOD})
    proc, doc = lint_json("post.md", "good.md", cwd=tmp_path)
    assert proc.stderr.startswith("draftlint: error: post.md:4: front matter names unknown term 'nope'")


# -- not English ---------------------------------------------------------------------------

NOT_ENGLISH = "non-english-draft"
GERMAN = ("Wir haben im März den nächtlichen Import auf eine Warteschlange umgestellt, und die Zahl der "
          "fehlgeschlagenen Läufe ist von 41 auf 3 pro Woche gesunken. Das Team hat es ein Quartal lang gemessen.")
JAPANESE = "私たちは三月に夜間のインポートをキューに移しました。失敗した実行は週41回から3回に減りました。"


def test_a_draft_not_in_english_gets_exactly_one_note(tmp_path):
    write(tmp_path, {"fremd.md": GERMAN + "\n\n" + JAPANESE + "\n", "english.md": "We moved the import to a queue, and many runs failed.\n"})
    proc = lint("--format", "json", "fremd.md", "english.md", cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.stderr == ""
    doc = json.loads(proc.stdout)
    notes = [f for f in findings(doc, "fremd.md") if f[0] == NOT_ENGLISH]
    assert notes == [(NOT_ENGLISH, "info", 1, 1, 1, 1, "")]
    assert [f for f in findings(doc, "english.md") if f[0] == NOT_ENGLISH] == []


def test_terse_english_release_notes_are_english(tmp_path):
    write(tmp_path, {"notes.md": (
        "# Release notes: March\n\n## Faster builds\n\n"
        "Build cache hits. Parallel test shards. Smaller Docker images. Fewer flaky retries.\n\n## Pricing\n\n"
        "Team plan: twelve dollars per seat. Enterprise plan: custom quotes. Annual billing discounts.\n\n## Fixes\n\n"
        "Login redirect loop. Broken CSV export. Slow dashboard queries. Missing webhook retries.\n")})
    proc = lint("--format", "json", "notes.md", cwd=tmp_path)
    assert [f for f in findings(json.loads(proc.stdout), "notes.md") if f[0] == NOT_ENGLISH] == []


# -- properties over generated Markdown --------------------------------------------------

_LINTER = None


def _linter():
    global _LINTER
    if _LINTER is None:
        from linter.api import Linter

        _LINTER = Linter()
    return _LINTER


WORDS = ["many", "a lot of", "significantly", "leverage", "synergy", "studies show", "dogs", "we measured",
         "41%", "in March", "🐕", "café", "cafe\u0301", "日本語", "you should", "very", "really", "utilize",
         "best-in-class", "game changer", "it is important to", "arguably", "&amp;", "\\*", "x_y", "1,900",
         "👨\u200d👩\u200d👧", "’", "—"]
_word = st.sampled_from(WORDS)
_inline = st.lists(st.one_of(
    _word,
    _word.map(lambda w: f"*{w}*"),
    _word.map(lambda w: f"**{w}**"),
    _word.map(lambda w: f"`{w}`"),
    _word.map(lambda w: f"[{w}](https://example.com/{w.replace(' ', '-')})"),
    _word.map(lambda w: f"![{w}](x.png)"),
    _word.map(lambda w: f"<span>{w}</span>"),
    _word.map(lambda w: f"~~{w}~~"),
    st.sampled_from(["<br>", "<!-- many -->", "https://many.example.com", "<https://x.y>", ".", ",", "!", "?",
                     "\t", "[^1]", "{many}"]),
), min_size=1, max_size=10).map(" ".join)
_block = st.one_of(
    _inline,
    _inline.map(lambda s: "# " + s),
    _inline.map(lambda s: "### " + s),
    _inline.map(lambda s: s + "\n" + "==="),
    st.lists(_inline, min_size=1, max_size=4).map(lambda xs: "\n".join("- " + x for x in xs)),
    st.lists(_inline, min_size=1, max_size=4).map(lambda xs: "\n".join(f"{i + 1}. " + x for i, x in enumerate(xs))),
    st.lists(_inline, min_size=1, max_size=3).map(lambda xs: "\n".join("> " + x for x in xs)),
    _inline.map(lambda s: "> - " + s),
    _inline.map(lambda s: "- > " + s),
    st.tuples(_inline, _inline).map(lambda t: "| a | b |\n|---|---|\n| {} | {} |".format(*(x.replace("|", "") for x in t))),
    _inline.map(lambda s: "```\n" + s + "\n```"),
    _inline.map(lambda s: "    " + s),
    _inline.map(lambda s: "<div>\n" + s + "\n</div>"),
    _inline.map(lambda s: "[^1]: " + s),
    st.sampled_from(["---", "```", "***", "<!--", "-->", "import A from 'a'", "<Note>", "</Note>"]),
)


@st.composite
def _drafts(draw):
    front = draw(st.sampled_from(["", "---\ntitle: Many dogs\n---\n", "---\ntitle: [broken\n---\n", "---\n- a\n---\n",
                                  "---\ntitle: \"A lot of 🐕\"\ntags: [many]\ndraftlint:\n  term: tutorial\n---\n"]))
    blocks = draw(st.lists(_block, max_size=8))
    sep = draw(st.sampled_from(["\n\n", "\n", "\n\n\n"]))
    text = front + sep.join(blocks) + draw(st.sampled_from(["", "\n"]))
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))


def _positions_hold(text: str, report) -> None:
    for rf in report.findings:
        loc = rf.location
        start = offset_of(text, loc.line, loc.column)
        end = offset_of(text, loc.end_line, loc.end_column)
        assert 0 <= start <= end <= len(text), (rf.finding.rule, loc, text)
        assert text[start:end] == rf.text, (rf.finding.rule, text[start:end], rf.text, text)
    for criterion in report.criteria:
        for ev in criterion.evidence:
            assert 0 <= offset_of(text, ev.line, ev.column) <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_drafts(), st.sampled_from(["x.md", "x.mdx", "x.txt"]))
def test_property_generated_markdown_positions_are_exact_and_runs_repeat(text, path):
    report = _linter().lint_text(text, path)
    assert report.error is None
    _positions_hold(text, report)
    assert _linter().lint_text(text, path) == report


_SOUP = WORDS + [" ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", "# ", "> ", "- ", "1. ", "**", "*", "_", "`",
                 "```\n", "~~~\n", "    ", "[", "](", ")", "](http://x.y)", "<", ">", "<div>", "</div>", "<!--",
                 "-->", "&nbsp;", "&#65;", "|", "|---|", "---\n", "title: ", "import x from 'y'\n", "{", "}",
                 "<Note>", "[^1]", "[^1]: ", "\\", ".", ",", "\"", "'", "\u0301", "\u200b", "\ufeff", "\x00", "\x0c"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SOUP), max_size=60).map("".join), st.sampled_from(["x.md", "x.mdx", "x.txt"]))
def test_property_token_soup_positions_are_exact_and_runs_repeat(text, path):
    report = _linter().lint_text(text, path)
    _positions_hold(text, report)
    assert _linter().lint_text(text, path) == report
