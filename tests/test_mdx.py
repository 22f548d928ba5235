"""MDX drafts: ESM, JSX and expressions are not prose; the prose inside components is.

Lints with the single rule ``vague-quantifier`` and asserts exact
``(rule, line, column, end_line, end_column, text)`` findings (1-based, code points,
ends exclusive). The drafts avoid digits and number words, which silence the rule.
"""

from __future__ import annotations

import pytest

from conftest import findings_of, linter_for

VQ = "vague-quantifier"


def vq(text: str, path: str = "x.mdx"):
    return findings_of(linter_for(select=(VQ,)).lint_text(text, path), VQ)


DOCUMENT = """\
import { Many } from './many'
import {
  Lots,
  Numerous,
} from './many'
export const meta = {
  title: 'many',
  tags: ['many', 'numerous'],
}

{/* many readers skim */}

# Many dogs {props.many}

<Callout type="info" title="many">
Many cats purr.
</Callout>

<Chart
  data={{ a: 'many', b: "x > many" }}
  label="a > many"
  render={(x) => x > y ? 'many' : 'few'}
/>

Birds sing a lot.
"""


def test_mdx_document_lints_only_prose():
    assert vq(DOCUMENT) == [
        (VQ, 13, 3, 13, 7, "Many"),
        (VQ, 16, 1, 16, 5, "Many"),
        (VQ, 25, 12, 25, 17, "a lot"),
    ]


def test_format_comes_from_the_suffix():
    """The same text: in .md braces are prose, in .mdx they hold an expression."""
    text = "Dogs {many} and many.\n"
    assert vq(text, "x.md") == [(VQ, 1, 7, 1, 11, "many"), (VQ, 1, 17, 1, 21, "many")]
    assert vq(text, "x.mdx") == [(VQ, 1, 17, 1, 21, "many")]
    assert vq(text, "X.MDX") == [(VQ, 1, 17, 1, 21, "many")]


def test_markdown_file_with_esm_is_read_as_mdx():
    text = "import A from './many'\n\nDogs <Badge kind=\"many\">x</Badge> many.\n"
    assert vq(text, "x.md") == [(VQ, 3, 35, 3, 39, "many")]


CASES = [
    ("import-lines", "import { Many } from './many'\nimport X from 'many'\n\nBody many.\n",
     [(VQ, 4, 6, 4, 10, "many")]),
    ("multi-line-import", "import {\n  Many,\n  Lots,\n} from './many'\n\nBody many.\n", [(VQ, 6, 6, 6, 10, "many")]),
    ("multi-line-export", "export const meta = {\n  title: 'many',\n}\n\nBody many.\n", [(VQ, 5, 6, 5, 10, "many")]),
    ("import-word-in-prose", "importing many things is hard.\n", [(VQ, 1, 11, 1, 15, "many")]),
    ("export-in-list-item-is-prose", "- export many goods\n", [(VQ, 1, 10, 1, 14, "many")]),
    ("jsx-block-children", '<Callout type="info">\nmany inside\n</Callout>\n', [(VQ, 2, 1, 2, 5, "many")]),
    ("jsx-children-indented-two", '<Callout type="info">\n  Many dogs barked.\n</Callout>\n\nAfter, many.\n',
     [(VQ, 2, 3, 2, 7, "Many"), (VQ, 5, 8, 5, 12, "many")]),
    ("nested-components", '<Tabs>\n<Tab label="many">\nMany inside tab.\n</Tab>\n</Tabs>\n', [(VQ, 3, 1, 3, 5, "Many")]),
    ("heading-inside-component", "<Callout>\n\n## Many dogs\n\n</Callout>\n", [(VQ, 3, 4, 3, 8, "Many")]),
    ("list-inside-component", "<Note>\n- many dogs\n- numerous cats\n</Note>\n",
     [(VQ, 2, 3, 2, 7, "many"), (VQ, 3, 3, 3, 11, "numerous")]),
    ("fragment", "<>\nmany frag\n</>\n", [(VQ, 2, 1, 2, 5, "many")]),
    ("inline-jsx-in-paragraph", 'Dogs <Badge kind="many">many</Badge> {/* many */} numerous.\n',
     [(VQ, 1, 25, 1, 29, "many"), (VQ, 1, 51, 1, 59, "numerous")]),
    ("inline-jsx-gt-in-string-and-braces", "Intro <Note label=\"a > b\" n={{x: '}'}}>many</Note> many.\n",
     [(VQ, 1, 40, 1, 44, "many"), (VQ, 1, 52, 1, 56, "many")]),
    ("self-closing-multi-line-props",
     '<Chart\n  data={{ a: \'many\', b: "x > many" }}\n  label="a > many"\n/>\n\nAfter many.\n',
     [(VQ, 6, 7, 6, 11, "many")]),
    ("comment-block", "{/* many comment */}\nBody many.\n", [(VQ, 2, 6, 2, 10, "many")]),
    ("comment-over-lines", "{/* many\n\nmany */}\nBody many.\n", [(VQ, 4, 6, 4, 10, "many")]),
    ("comment-inline-over-lines", "Dogs {/* many\n many */} many.\n", [(VQ, 2, 11, 2, 15, "many")]),
    ("expression-inline", "Text {many.count} many here.\n", [(VQ, 1, 19, 1, 23, "many")]),
    ("expression-with-jsx-inside", "Text {props.map(x => <b>{x}</b>)} many.\n", [(VQ, 1, 35, 1, 39, "many")]),
    ("expression-with-gt-and-strings", "Dogs {many > lots ? 'many' : 'few'} many.\n", [(VQ, 1, 37, 1, 41, "many")]),
    ("expression-with-brace-in-string", "Text with {'{'} many\n", [(VQ, 1, 17, 1, 21, "many")]),
    ("less-than-not-a-tag", "Cost < many dogs\n", [(VQ, 1, 8, 1, 12, "many")]),
    ("code-fence-not-masked-not-linted", "```js\nimport many from 'x'\n<Many/>\n```\n\nmany\n", [(VQ, 6, 1, 6, 5, "many")]),
    ("inline-code-with-braces-and-tags", "Text `{many}` and `<Many>` many.\n", [(VQ, 1, 28, 1, 32, "many")]),
    ("crlf", "import A from 'a'\r\n\r\n<Note>\r\nDogs and many cats.\r\n</Note>\r\n", [(VQ, 4, 10, 4, 14, "many")]),
    ("emoji-before-component", "🐕 <Badge>x</Badge> many\n", [(VQ, 1, 20, 1, 24, "many")]),
    ("front-matter-then-esm", "---\ntitle: Many ways\n---\nimport A from 'many'\n\nBody many.\n",
     [(VQ, 2, 8, 2, 12, "Many"), (VQ, 6, 6, 6, 10, "many")]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mdx_positions(text, expected):
    assert vq(text) == expected


# -- known bugs ---------------------------------------------------------------------------

def test_prose_after_a_jsx_tag_at_line_start():
    assert vq('<Callout type="info">many inline</Callout> many\n') == [
        (VQ, 1, 22, 1, 26, "many"),
        (VQ, 1, 44, 1, 48, "many"),
    ]


def test_prose_after_a_comment_at_line_start():
    assert vq("{/* note */} many words\n") == [(VQ, 1, 14, 1, 18, "many")]


def test_four_space_indented_children_are_prose():
    assert vq("<Steps>\n  <Step>\n    Many dogs barked.\n  </Step>\n</Steps>\n") == [(VQ, 3, 5, 3, 9, "Many")]


def test_import_inside_a_paragraph_is_prose():
    assert vq("We had to\nimport many goods.\n") == [(VQ, 2, 8, 2, 12, "many")]


def test_export_with_a_blank_line_is_not_prose():
    assert vq("export function f() {\n\n  return 'many'\n\n}\n\nBody many.\n") == [(VQ, 7, 6, 7, 10, "many")]
