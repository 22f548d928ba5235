"""The pipeline's speed-ups must not change a single annotation.

draftlint runs the model with numpy doing thinc's matrix products, with
:class:`linter.nlp.morphology.Morphology` in place of the attribute ruler and lemmatizer,
and with the parser stepped from Python by :class:`linter.nlp.parsing.GreedyParser`.
All of it is checked here against the stock model, token by token, on every draft in
``examples/`` and ``tests/data/heldout`` (and on the real posts when ../shared is present),
one draft at a time and in batches.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.nlp.pipeline import load, resolve_model
from linter.source.markdown import parse
from linter.source.reader import draft_format, read_path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"
ALL_NEEDS = frozenset({"sentences", "pos", "lemma", "deps"})


def _proses(folder: Path, limit: int | None = None) -> list[str]:
    paths = sorted(p for p in folder.rglob("*.md*") if p.name != "README.md")[:limit]
    return [parse(read_path(p, str(p)), draft_format(str(p))).prose for p in paths]


@pytest.fixture(scope="module")
def stock():
    import spacy

    load(None, ALL_NEEDS)  # registers draftlint's block-boundary component
    nlp = spacy.load(resolve_model(None), exclude=["ner", "senter"])
    nlp.add_pipe("draftlint_block_boundaries", before="parser")  # as draftlint's pipeline has
    return nlp


def _annotations(doc) -> list[tuple]:
    return [(t.i, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def _compare(stock, texts: list[str]) -> int:
    from linter.nlp.parsing import GreedyParser

    ours = load(None, ALL_NEEDS)
    assert "draftlint_morphology" in ours.pipe_names
    assert "attribute_ruler" not in ours.pipe_names and "lemmatizer" not in ours.pipe_names
    assert isinstance(ours.get_pipe("parser"), GreedyParser)
    expected = [_annotations(doc) for doc in stock.pipe(texts, batch_size=8)]
    one_by_one = [_annotations(ours(text)) for text in texts]
    batched = [_annotations(doc) for doc in ours.pipe(texts, batch_size=16)]
    for i, text in enumerate(texts):
        assert one_by_one[i] == expected[i], text[:80]
        assert batched[i] == expected[i], text[:80]
    return sum(len(a) for a in expected)


def test_same_annotations_as_the_stock_model_on_examples_and_heldout(stock):
    texts = _proses(ROOT / "examples") + _proses(ROOT / "tests" / "data" / "heldout")
    texts.append("Y'all gonna say we ain't done it? Let's see: I'd rather not, 'cause it's nothin'.")
    assert _compare(stock, texts) > 10_000


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is not present")
def test_same_annotations_as_the_stock_model_on_real_posts(stock):
    assert _compare(stock, _proses(REAL, limit=25)) > 20_000


def test_the_model_multiplies_matrices_with_numpy():
    nlp = load(None, ALL_NEEDS)
    ops = nlp.get_pipe("tok2vec").model.ops
    assert ops.name == "draftlint-numpy"
    a = ops.xp.arange(6, dtype="float32").reshape(2, 3)
    assert ops.gemm(a, a, trans2=True).tolist() == [[5.0, 14.0], [14.0, 50.0]]


def test_loading_leaves_the_callers_thinc_ops_alone():
    from thinc.api import get_current_ops

    before = type(get_current_ops())
    load.cache_clear()
    load(None, frozenset({"pos"}))
    assert type(get_current_ops()) is before


def test_a_pipeline_without_lemmas_still_tags():
    nlp = load(None, frozenset({"pos"}))
    doc = nlp("We shipped it.")
    assert [t.pos_ for t in doc] == ["PRON", "VERB", "PRON", "PUNCT"]
    assert doc[0].lemma_ == "we"  # the attribute ruler's own lemma for "we"
    assert doc[1].lemma_ == ""  # no lemmatizer was asked for


def _matches_everywhere(matchers, doc) -> list[tuple]:
    from spacy.matcher import Matcher

    scan = Matcher(doc.vocab)  # every token pattern, checked at every token
    for key, pattern in matchers.patterns:
        scan.add(key, [pattern])
    found = list(matchers.phrases(doc)) + list(scan(doc))
    return sorted((doc.vocab.strings[k], s, e) for k, s, e in found)


def _matches_in_windows(matchers, doc) -> list[tuple]:
    return sorted((rule.id, span.start, span.end) for rule, _data, span in matchers(doc))


@pytest.mark.parametrize("select", [(), ("hedging",), ("unsourced-claim",), ("weak-intensifier", "generic-advice")])
def test_token_patterns_run_in_windows_find_what_a_full_scan_finds(select):
    """The Matcher runs only around anchor words; that must find exactly the matches a
    scan of the whole draft finds, whichever rules are on."""
    from conftest import linter_for

    linter = linter_for(select)
    compiled = linter.compiled()
    matchers = compiled.matchers
    # every shipped pattern has an anchor and a bounded length
    assert all(group.attr is not None for group in matchers._groups.values())
    texts = _proses(ROOT / "examples") + _proses(ROOT / "tests" / "data" / "heldout")
    texts.append("According to a recent new study, it has long been widely believed that very few agree.")
    found = 0
    for doc in linter.nlp().pipe(texts):
        everywhere = [(key.split("#")[0], s, e) for key, s, e in _matches_everywhere(matchers, doc)]
        assert _matches_in_windows(matchers, doc) == everywhere
        found += len(everywhere)
    assert found > 0


def test_drafts_are_analysed_in_pieces_and_come_back_whole_and_in_order():
    from linter.model import Source
    from linter.nlp.pipeline import PIECE_WORDS, _chunks, analyse

    paragraph = ("We moved the billing service to the new cluster in March and kept the old one "
                 "running for a week. ") * 6
    long_text = "# Notes\n\n" + "\n\n".join(f"{i}. {paragraph}" for i in range(40))
    texts = {"long.md": long_text, "empty.md": "", "short.md": "We shipped it.\n", "code.md": "```\nx = 1\n```\n"}
    drafts = [parse(Source.from_text(name, text), draft_format(name)) for name, text in texts.items()]
    assert len(_chunks(drafts[0].prose, PIECE_WORDS)) > 5  # the long draft really is cut
    nlp = load(None, ALL_NEEDS)
    out = list(analyse(drafts, nlp))
    assert [a.draft for a in out] == drafts
    assert [a.doc.text for a in out] == [d.prose for d in drafts]
    whole = nlp(drafts[0].prose)
    pieces = out[0].doc
    differ = sum((a.tag_, a.dep_, a.head.i) != (b.tag_, b.dep_, b.head.i) for a, b in zip(pieces, whole))
    assert differ <= len(whole) // 100  # only tokens next to a cut can differ
    # no sentence of the joined Doc runs across two blocks
    for sent in pieces.sents:
        text = sent.text.rstrip()
        if text:
            end = sent.start_char + len(text) - 1
            assert drafts[0].block_at(sent.start_char) is drafts[0].block_at(end)


def test_pieces_are_cut_between_blocks_and_a_long_block_stays_whole_up_to_its_stretch():
    from linter.nlp.pipeline import STRETCH, _chunks

    block = lambda words, tag: " ".join(f"{tag}{i}" for i in range(words - 1)) + " e.g. end."  # noqa: E731
    short = [block(120, "a"), block(120, "b"), block(120, "c")]
    prose = "\n\n".join(short)
    assert _chunks(prose, 200) == [short[0] + "\n\n", short[1] + "\n\n", short[2]]
    long_block = block(200 * (STRETCH - 1), "d")  # longer than a piece, within the stretch
    prose = short[0] + "\n\n" + long_block + "\n\n" + short[1]
    assert _chunks(prose, 200) == [short[0] + "\n\n", long_block + "\n\n", short[1]]
    sentences = " ".join(f"Sentence {i} has six words here." for i in range(400))  # 2,400 words, one block
    pieces = _chunks(sentences, 200)
    assert "".join(pieces) == sentences
    # cut only past the stretch, after the last whole sentence that fits in it
    fits = 6 * (200 * STRETCH // 6)  # the words of the whole sentences within the stretch
    assert [len(p.split()) for p in pieces[:-1]] == [fits] * (len(pieces) - 1)
    assert len(pieces[-1].split()) == 2400 - fits * (len(pieces) - 1) <= fits
    assert all(p.endswith("here. ") for p in pieces[:-1])


def test_the_parser_batches_pieces_by_count_and_by_tokens():
    from linter.nlp.parsing import _batches

    sizes = [5, 5, 5, 30, 2, 2, 2, 2, 2]
    batches = [[len(x) for x in b] for b in _batches(["x" * n for n in sizes], 4, 12)]
    assert batches == [[5, 5, 5], [30], [2, 2, 2, 2], [2]]
    assert [[len(x) for x in b] for b in _batches(["x" * n for n in sizes], 4, None)] == [[5, 5, 5, 30], [2, 2, 2, 2], [2]]


def test_joined_pieces_carry_every_annotation_the_rules_read():
    from spacy.tokens import Doc

    from linter.nlp.pipeline import _chunks, _join

    nlp = load(None, ALL_NEEDS)
    prose = "\n\n".join(_proses(ROOT / "examples"))
    parts = list(nlp.pipe(_chunks(prose, 60), batch_size=16))
    assert len(parts) > 20
    reference = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    joined = _join(parts, prose, nlp)
    assert joined.text == prose

    def everything(doc):
        return ([(t.idx, t.text, t.whitespace_, t.norm_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_,
                  t.head.i, t.is_sent_start, t.is_space, t.like_num) for t in doc],
                [(s.start, s.end) for s in doc.sents],
                [doc.has_annotation(a) for a in ("TAG", "POS", "MORPH", "LEMMA", "DEP", "SENT_START")])

    assert everything(joined) == everything(reference)


@pytest.mark.parametrize("text, starts", [
    ("One.\n\nTwo.", [0, 3]),
    ("One\n\n\n\ntwo", [0, 2]),
    ("\n\nOne two", [0, 1]),
    ("One two\n\n", [0]),
    ("One \n\n two", [0, 2]),
    ("One\ntwo\nthree", [0]),
])
def test_a_blank_line_always_starts_a_sentence(text, starts):
    nlp = load(None, ALL_NEEDS)
    doc = nlp.get_pipe("draftlint_block_boundaries")(nlp.make_doc(text))  # before the parser
    assert [t.i for t in doc if t.is_sent_start] == starts


def test_words_seen_in_a_run_do_not_pile_up_in_the_vocabulary(tmp_path):
    """Drafts are analysed inside spaCy memory zones: the strings they bring are freed."""
    import random

    from conftest import linter_for

    rng = random.Random(7)
    for i in range(6):
        made_up = " ".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(4))
                           for _ in range(60))
        (tmp_path / f"d{i}.md").write_text(f"We measured {i + 3} things.\n\nThe {made_up} were odd.\n", encoding="utf-8")
    linter = linter_for()
    linter.lint_paths([str(tmp_path / "d0.md")])  # the model and rules are loaded outside any zone
    strings = linter.nlp().vocab.strings
    before = len(strings)
    report = linter.lint_paths(sorted(str(p) for p in tmp_path.glob("*.md")))
    assert len(report.files) == 6 and all(not f.error for f in report.files)
    assert len(strings) - before < 20  # 360 made-up words came and went


def test_morphology_memos_stay_under_their_cap(monkeypatch):
    import linter.nlp.morphology as morphology

    nlp = load(None, ALL_NEEDS)
    component = nlp.get_pipe("draftlint_morphology")
    monkeypatch.setattr(morphology, "_MEMO_LIMIT", 50)
    words = " ".join(f"word{i}s" for i in range(300))
    for _ in range(3):
        nlp(f"We shipped {words} yesterday.")
        assert len(component._known) <= 51 and len(component._lemmas) <= 51
    assert nlp("We shipped it.")[1].lemma_ == "ship"  # answers are still right after a reset


def test_the_hyphenation_cache_is_trimmed(monkeypatch):
    import pyphen

    from linter.nlp import readability

    monkeypatch.setattr(readability, "HYPHENATION_CACHE_LIMIT", 30)
    text = " ".join(f"unbelievable{i}ness" for i in range(80)) + "."
    first = readability.score("flesch_reading_ease", text)
    assert all(len(d.cache) <= 30 for d in pyphen.hdcache.values())
    assert readability.score("flesch_reading_ease", text) == first  # the same score from a fresh cache


def test_a_parser_this_component_cannot_step_is_kept():
    from linter.nlp.parsing import GreedyParser

    stock_parser = load(None, ALL_NEEDS).get_pipe("parser").parser
    assert GreedyParser.can_replace(stock_parser)

    class Beam:
        cfg = {"beam_width": 4}
        model = stock_parser.model
        transition_states = stock_parser.transition_states

    class NoUpper:
        cfg = {"beam_width": 1}
        model = type("Model", (), {"attrs": {"has_upper": False}})()
        transition_states = stock_parser.transition_states

    assert not GreedyParser.can_replace(Beam())
    assert not GreedyParser.can_replace(NoUpper())
    assert not GreedyParser.can_replace(object())


def test_a_failing_parser_batch_is_reported_not_swallowed(monkeypatch):
    from linter.nlp.parsing import GreedyParser

    nlp = load(None, ALL_NEEDS)

    def broken(self, docs):
        raise RuntimeError("step failed")

    monkeypatch.setattr(GreedyParser, "_parse", broken)
    with pytest.raises(RuntimeError, match="step failed"):
        list(nlp.pipe(["We cut latency by half."], batch_size=16))


def test_the_stepped_parser_handles_empty_and_space_only_pieces():
    nlp = load(None, ALL_NEEDS)
    docs = list(nlp.pipe(["", "   ", "We cut latency by half.", "\n\n"], batch_size=16))
    assert [len(d) for d in docs] == [0, 1, 6, 1]
    assert [t.dep_ for t in docs[2]] == ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]
    assert docs[1].has_annotation("DEP") and docs[3].has_annotation("DEP")


def test_a_ruler_with_rules_it_cannot_evaluate_is_kept():
    from linter.nlp.morphology import Morphology

    class Ruler:
        def __init__(self, patterns):
            self.patterns = [{"patterns": patterns, "attrs": {}, "index": 0}]

    assert Morphology.can_replace(Ruler([[{"TAG": "NN", "LOWER": {"IN": ["a"]}}]]))
    assert not Morphology.can_replace(Ruler([[{"ENT_TYPE": "ORG"}]]))
    assert not Morphology.can_replace(Ruler([[{"LOWER": "gon"}, {"LOWER": "na", "OP": "?"}]]))
    assert not Morphology.can_replace(Ruler([[{"LOWER": {"FUZZY": "gonna"}}]]))
