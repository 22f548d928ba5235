"""Threat: a draft shaped to blow up the NLP stage's memory or time.

``'a,' * 100000`` was one piece of 200,000 tokens (pieces were cut only at spaces) and took
3.2 GB; 1 MiB of it ended in MemoryError, and runs of affix punctuation ('!' * 4000) made
spaCy's tokenizer quadratic. The target: any draft up to the default size limit (1 MiB)
peaks under 600 MB and takes at most 3 times as long as a 1 MiB draft of ordinary prose.

Each hostile draft ends with one vague quantifier, whose exact position shows the draft was
linted to its end. Times are ratios to the prose draft measured in the same session.
"""

from __future__ import annotations

import time

import pytest

from reliability_support import MIB, VQ, run_with_peak_memory, write

#: the issue's bound on one run's peak memory (KiB)
PEAK_KB = 600 * 1024
TAIL = "\n\nMany dogs bark.\n"
PARA = "We moved the nightly import to a queue in March, and the failed runs dropped from 41 to 3 a week.\n\n"


def _fill(unit: str) -> str:
    return unit * ((MIB - 1024) // len(unit))


HOSTILE = {
    "no-spaces": _fill("a,"),
    "one-huge-paragraph": _fill(PARA.strip() + " "),
    "one-line-of-punctuation": _fill(".,;:!?"),
    "punctuation-words": _fill("!" * 100 + " "),
    "suffix-runs": _fill("'s" * 50 + " "),
    "many-tiny-lines": _fill("a\n"),
    "table": "| a | b | c |\n| --- | --- | --- |\n" + _fill("| x1 | y2 | z3 |\n"),
    "deep-lists": _fill("".join("  " * i + "- item\n" for i in range(40))),
    # thousands of belief-and-pushback pairs and own figures: every detector's candidates at once
    "belief-pairs": _fill("Most teams believe deploys are risky. We disagree: we shipped 40 a day in 2024.\n\n"),
}


def _lint_timed(tmp_path, name: str, text: str) -> tuple[float, int, list[str]]:
    write(tmp_path, {name: text + TAIL})
    started = time.monotonic()
    code, peak, stdout, stderr = run_with_peak_memory(
        ["lint", "--no-cache", "--select", VQ, "--quiet", "--fail-under", "0", name], tmp_path, PEAK_KB)
    elapsed = time.monotonic() - started
    assert code is not None, f"{name}: killed at a peak of {peak // 1024} MiB (or timed out)"
    assert (code, stderr) == (0, ""), (code, stderr)
    return elapsed, peak, stdout.splitlines()


@pytest.fixture(scope="module")
def prose_seconds(tmp_path_factory) -> float:
    """The time of a 1 MiB draft of ordinary prose (the faster of two runs)."""
    root = tmp_path_factory.mktemp("prose")
    text = _fill(PARA)
    times = [_lint_timed(root, "prose.md", text)[0] for _ in range(2)]
    return min(times)


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_a_hostile_1_mib_draft_stays_under_600_mb_and_3x_the_time_of_prose(tmp_path, prose_seconds, shape):
    text = HOSTILE[shape]
    assert MIB - 2048 < len(text + TAIL) <= MIB
    elapsed, peak, lines = _lint_timed(tmp_path, "x.md", text)
    last = (text + TAIL).count("\n")
    assert lines[-1:] == [f"x.md:{last}:1: warning {VQ} 'Many' is vague: say how many or how much"]
    assert peak < PEAK_KB, f"peak {peak // 1024} MiB"
    assert elapsed < 3 * prose_seconds, f"{elapsed:.1f} s against {prose_seconds:.1f} s for prose"


def test_no_piece_outgrows_the_bound_that_caps_its_tokens():
    """Pieces are cut at a character budget, even with no space to cut at, and the cut
    loses no character."""
    from linter.nlp.pipeline import PIECE_CHARS, PIECE_WORDS, _chunks

    for text in (HOSTILE["no-spaces"][:100_000], HOSTILE["many-tiny-lines"][:100_000], "word " * 30_000):
        pieces = _chunks(text, PIECE_WORDS)
        assert "".join(pieces) == text
        assert max(map(len, pieces)) <= PIECE_CHARS


def test_a_run_without_spaces_is_kept_as_opaque_tokens_and_the_rest_tokenized_as_spacy_does(linter):
    """A run over LONG_RUN characters is never handed to spaCy's tokenizer (which strips
    its affixes one by one, quadratically); the text around it comes out as spaCy's."""
    from linter.nlp.pipeline import LONG_RUN, _tokenize

    nlp = linter.nlp()
    text = "Many dogs,  bark. " + "!" * (2 * LONG_RUN + 5) + " (and cats)\n\nDone."
    doc = _tokenize(nlp, text)
    assert doc.text == text
    words = [t.text for t in doc]
    run = words.index("!" * LONG_RUN)
    assert words[run:run + 3] == ["!" * LONG_RUN, "!" * LONG_RUN, "!" * 5]
    assert words[:run] == [t.text for t in nlp.make_doc(text[:text.index("!")])]
    assert words[run + 3:] == [t.text for t in nlp.make_doc(text[text.index(" (") + 1:])]
    ordinary = "See https://example.com/a/b?c=d, e.g. this; it's fine!"
    assert [t.text for t in _tokenize(nlp, ordinary)] == [t.text for t in nlp.make_doc(ordinary)]
