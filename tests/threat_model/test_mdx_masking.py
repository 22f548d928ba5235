"""Threat model, section 7: silent false negatives in the MDX reader.

A ``.md`` tutorial that shows ``import React from 'react'`` in a code fence was read as MDX,
and then one ``{`` in its prose masked the rest of the draft: 0 findings, exit 0. A ``.md``
file is MDX only when ESM comes first, outside fences; in MDX a brace or tag that never
closes is an error at its own position, and the rest of the draft is still linted.
"""

from __future__ import annotations

import pytest

from reliability_support import VQ, findings, lint_json, write

TUTORIAL = """\
# Moving to React

```js
import React from 'react'
```

Write `{count}` in JSX, or a { in prose like this.

Many teams never measure it.
"""


def _rows(doc: dict, path: str) -> list[tuple]:
    return [(r, s, line, col, text) for r, s, line, col, _, _, text in findings(doc, path)]


def test_an_import_inside_a_code_fence_does_not_make_a_md_file_mdx(tmp_path):
    write(tmp_path, {"tutorial.md": TUTORIAL})
    proc, doc = lint_json("tutorial.md", "--fail-under", "0", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert _rows(doc, "tutorial.md") == [(VQ, "warning", 9, 1, "Many")]


def test_esm_after_the_first_paragraph_is_an_example_not_mdx(tmp_path):
    write(tmp_path, {"post.md": "Many teams ship { daily.\n\nimport X from './x'\n\nA lot of them measure it.\n"})
    proc, doc = lint_json("post.md", "--fail-under", "0", cwd=tmp_path)
    assert _rows(doc, "post.md") == [(VQ, "warning", 1, 1, "Many"), (VQ, "warning", 5, 1, "A lot of")]


def test_a_md_file_that_opens_with_esm_is_still_read_as_mdx(tmp_path):
    write(tmp_path, {"post.md": "import Chart from './chart'\n\n<Chart many={3} />\n\nMany teams measure it.\n"})
    proc, doc = lint_json("post.md", "--fail-under", "0", cwd=tmp_path)
    assert _rows(doc, "post.md") == [(VQ, "warning", 5, 1, "Many")]


@pytest.mark.parametrize("line, problem", [
    ("A paragraph with { an open brace.", ("mdx-unbalanced-brace", "error", 3, 18, "{")),
    ('A <Chart data="x" never closes.', ("mdx-unclosed-tag", "error", 3, 3, "<")),
])
def test_what_never_closes_is_an_error_at_its_position_and_the_rest_is_linted(tmp_path, line, problem):
    write(tmp_path, {"post.mdx": f'import X from "./x"\n\n{line}\n\nMany teams never measure it.\n'})
    proc, doc = lint_json("post.mdx", "--fail-under", "0", cwd=tmp_path)
    assert proc.returncode == 1
    assert _rows(doc, "post.mdx") == [problem, (VQ, "warning", 5, 1, "Many")]


def test_a_balanced_expression_over_several_lines_is_still_masked(tmp_path):
    write(tmp_path, {"post.mdx": "Before {\n  many.map(x => x)\n} after.\n\nA lot of teams.\n"})
    proc, doc = lint_json("post.mdx", "--fail-under", "0", cwd=tmp_path)
    assert _rows(doc, "post.mdx") == [(VQ, "warning", 5, 1, "A lot of")]
