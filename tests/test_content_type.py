"""The content-type reading: a draft that names no term and reads as another kind of post
gets one info line naming the term that fits; a chosen term, a --select without the id, and
a short draft stay quiet."""

from __future__ import annotations

import shutil
from pathlib import Path

from reliability_support import lint, write

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HINT = ("announcement.mdx:2:8: info content-type this draft reads as an announcement, not as 'thought-leadership': "
        "to score it as one, put 'draftlint: {term: announcement}' in its front matter or run with --term announcement")


def _copy(tmp_path, name: str) -> None:
    shutil.copy(EXAMPLES / name, tmp_path / name)


def _infos(proc) -> list[str]:
    return [line for line in proc.stdout.splitlines() if " info content-type " in line]


def test_an_announcement_scored_by_default_is_told_which_term_fits(tmp_path):
    _copy(tmp_path, "announcement.mdx")
    proc = lint("announcement.mdx", "--fail-under", "0", cwd=tmp_path)
    assert _infos(proc) == [HINT]


def test_a_listicle_reads_as_an_explainer(tmp_path):
    _copy(tmp_path, "generic-listicle.md")
    proc = lint("generic-listicle.md", "--fail-under", "0", cwd=tmp_path)
    assert _infos(proc) == [
        "generic-listicle.md:2:8: info content-type this draft reads as an explainer, not as 'thought-leadership': "
        "to score it as one, put 'draftlint: {term: explainer}' in its front matter or run with --term explainer"]


def test_a_chosen_term_or_a_thought_leadership_post_gets_no_hint(tmp_path):
    _copy(tmp_path, "announcement.mdx")
    _copy(tmp_path, "thought-leadership.md")
    assert _infos(lint("announcement.mdx", "--term", "thought-leadership", "--fail-under", "0", cwd=tmp_path)) == []
    assert _infos(lint("thought-leadership.md", "--fail-under", "0", cwd=tmp_path)) == []
    write(tmp_path, {"draftlint.yaml": "term: thought-leadership\n"})
    assert _infos(lint("announcement.mdx", "--fail-under", "0", cwd=tmp_path)) == []


def test_select_and_ignore_name_the_hint(tmp_path):
    _copy(tmp_path, "announcement.mdx")
    assert _infos(lint("announcement.mdx", "--select", "vague-quantifier", "--fail-under", "0", cwd=tmp_path)) == []
    assert _infos(lint("announcement.mdx", "--select", "content-type", "--fail-under", "0", cwd=tmp_path)) == [HINT]
    assert _infos(lint("announcement.mdx", "--ignore", "content-type", "--fail-under", "0", cwd=tmp_path)) == []


def test_a_short_draft_is_not_read_for_its_kind(tmp_path):
    write(tmp_path, {"note.md": "# Introducing exports\n\nExports ship today for every team plan.\n"})
    assert _infos(lint("note.md", "--fail-under", "0", cwd=tmp_path)) == []
