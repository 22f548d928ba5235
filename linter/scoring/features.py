"""Sentence-level reading of an analysed draft, shared by every detector.

Each sentence is read once: which figures it states (and whether they were measured),
whether the author or their organisation is the actor, whether it gives advice, cites
someone else, states a common belief or pushes back on one. Detectors only combine
these readings; none of them walks the text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from linter.model import Block
from linter.nlp.words import words_between
from linter.scoring import lexicon as lx
from linter.scoring.figures import (  # noqa: F401 - Figure is part of this module's API
    _VERSION,
    _YEAR,
    Figure,
    has_digits_or_numbers,
    sentence_figures,
)

_PAST_TAGS = {"VBD"}
_FIRST_PERSON = {"we", "i", "us", "our", "my", "me", "ours", "mine", "myself", "ourselves"}


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    block: Block | None
    words: int
    figures: list[Figure] = field(default_factory=list)
    first_person: bool = False
    generic_we: bool = False
    promo: bool = False
    past: bool = False
    hypothetical: bool = False
    prescriptive: bool = False
    imperative: bool = False
    advice: bool = False
    third_party: bool = False
    own_frame: bool = False
    belief: bool = False
    belief_named: bool = False  # names the belief outright ("conventional wisdom", "best practice")
    rebuttal: bool = False
    experience: bool = False
    actor_story: bool = False  # a past action by a specific third-person actor
    excluded: bool = False  # figures here are hypothetical, prescribed, offered or hedged
    observed: bool = False  # the sentence reports an observation (past, comparison, statistic)
    comparison: bool = False
    stat: bool = False

    @property
    def in_quote(self) -> bool:
        return bool(self.block and self.block.in_quote)

    @property
    def is_heading(self) -> bool:
        return bool(self.block and self.block.kind in ("heading", "title"))

    @property
    def measured(self) -> list[Figure]:
        return [f for f in self.figures if f.measured]

    @property
    def shows_doing(self) -> bool:
        """The sentence shows what the author's side (or a named actor) did or measured: how
        a draft answers a belief with deeds rather than words."""
        return self.experience or self.actor_story or self.own_frame or bool(self.first_person and self.measured)


@dataclass(frozen=True)
class DraftFeatures:
    """The draft's one reading, built once (``scorer.read``) before the rules run: the rules'
    sentence conditions and the detectors both read it, and nothing changes it after."""

    sentences: tuple[Sentence, ...]
    words: int
    title: str
    headings: tuple[Sentence, ...]
    table_figures: tuple[Figure, ...]
    listicle_title: bool
    announcement: bool
    #: What the content detectors count outside the sentences: the draft's code blocks
    #: (``model.CodeBlock``, with source offsets), its inline code spans, its paragraphs in
    #: ordered lists; and its source text, to quote a finding.
    code_blocks: tuple = ()
    inline_code: int = 0
    ordered_paragraphs: int = 0
    source: str = ""
    #: the draft itself (its prose map, to turn prose offsets into source offsets)
    draft: Any = None
    #: The learned readings, added by ``scorer.read``: each sentence's role probabilities
    #: (``roles.ROLES`` columns), which roles it plays at the trained thresholds, and the
    #: draft-level judgement (``calibration.Judgement``).
    roles: Any = None
    decided: Any = None
    judged: Any = None


#: Every frame list a sentence is checked against, by name.
FRAME_LISTS = {
    "generic_we": lx.GENERIC_WE, "promo": lx.PROMO_VOICE, "hypothetical": lx.HYPOTHETICAL,
    "prescriptive": lx.PRESCRIPTIVE, "advice": lx.ADVICE_FRAMES, "third_party": lx.THIRD_PARTY_FRAMES,
    "own": lx.OWN_FRAMES, "belief": lx.BELIEF, "rebuttal": lx.REBUTTAL, "research": lx.RESEARCH_FRAMES,
    "price": lx.PRICE_FRAMES, "hedged": lx.HEDGED_FIGURE, "future": lx.FUTURE, "stat": lx.STAT_FRAMES,
}


#: A word as frames and sentences are split into words: letters and digits, joined by
#: apostrophes and hyphens. A frame's whole-word lookarounds stop at exactly these
#: characters, so a frame can only match where a sentence word equals its first word.
_FRAME_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


@lru_cache(maxsize=1)
def _frame_index() -> tuple[dict[str, list[tuple[re.Pattern, frozenset[str]]]], list[tuple[str, re.Pattern, frozenset[str]]]]:
    """Frames that start with a letter or digit, indexed by their first word, each with a
    whole-word pattern ("imagine" is not in "reimagine") and the lists it belongs to; and
    the few frames that start with a mark ("/month", "% off"), which can begin anywhere."""
    owners: dict[str, set[str]] = {}
    for name, frames in FRAME_LISTS.items():
        for f in frames:
            owners.setdefault(f, set()).add(name)
    index: dict[str, list] = {}
    anywhere: list = []
    for f, names in owners.items():
        body = f.strip() or f
        before = r"(?<![\w'-])" if f[:1].isalnum() else ""
        after = r"(?![\w'-])" if f.rstrip()[-1:].isalnum() else ""
        entry = (re.compile(before + re.escape(body) + after), frozenset(names))
        first = _FRAME_WORD.match(body) if f[:1].isalnum() else None
        if first is not None:
            index.setdefault(first.group(), []).append(entry)
        else:
            anywhere.append((body, *entry))
    return index, anywhere


def frames_in(text: str) -> set[str]:
    """The names of the frame lists with a frame in ``text`` (lowercase, straight quotes)."""
    index, anywhere = _frame_index()
    found: set[str] = set()
    for m in _FRAME_WORD.finditer(text):
        candidates = index.get(m.group())
        if candidates:
            i = m.start()
            for pattern, names in candidates:
                if not names <= found and pattern.match(text, i):
                    found |= names
    for body, pattern, names in anywhere:
        if names <= found:
            continue
        i = text.find(body)
        while i >= 0:
            if pattern.match(text, i):
                found |= names
                break
            i = text.find(body, i + 1)
    return found


def _generalisation(sent) -> bool:
    """A claim about what everyone or most of a group does ("every calendar puts...",
    "on most wards, every patient has...") in the present tense."""
    if any(t.tag_ in ("VBD", "MD") for t in sent):
        return False
    for t in sent:
        if t.lower_ not in lx.GENERALISERS:
            continue
        if t.lower_ in ("everyone", "everybody") and t.dep_ in ("nsubj", "nsubjpass"):
            return True
        head = t.head
        if t.dep_ in ("det", "amod", "predet", "advmod") and head.pos_ in ("NOUN", "PROPN", "ADJ", "DET"):
            # the quantified phrase must be the subject, or a leading "on most X" phrase
            phrase_root = head
            while phrase_root.dep_ in ("amod", "compound", "pobj", "prep") and phrase_root.head != phrase_root:
                if phrase_root.dep_ == "pobj" and phrase_root.head.i <= 2:
                    return True
                phrase_root = phrase_root.head
            if phrase_root.dep_ in ("nsubj", "nsubjpass"):
                return True
    return False


def _subject_words(sent) -> list:
    return [t for t in sent if t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]


def _verb_index(doc) -> frozenset[str]:
    """Base forms the model's lemmatizer knows as verbs (used to spot imperatives the
    tagger reads as nouns, as in a bold lead-in like "Respect boundaries.")."""
    from linter.nlp.pipeline import verb_lexicon

    return verb_lexicon(doc.vocab)


def _is_imperative(sent, verbs: frozenset[str] = frozenset()) -> bool:
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or sent.text.rstrip().endswith("?"):
        return False
    root = sent.root
    first = words[0]
    if first.lower_ in ("please", "just", "always", "never", "don't", "do", "then", "first", "next", "finally", "also",
                        "now", "so", "and", "but"):
        if first.lower_ in ("don't", "do") and len(words) > 1:
            return True
        first = words[1] if len(words) > 1 else first
    if any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head == root for t in sent):
        return False
    if first.tag_ == "VB" and (first == root or first.head == root or root.dep_ == "ROOT"):
        return not any(c.dep_ == "aux" and c.lower_ not in ("do", "don't", "n't") for c in first.children)
    # The tagger often reads a sentence-initial verb as a noun; a full sentence with no
    # subject that opens on a known verb's base form is an instruction.
    ends_like_sentence = sent.text.rstrip()[-1:] in ".!:"
    return bool(ends_like_sentence and first.lower_ in verbs and first.lower_ == first.lemma_.lower()
                and first.tag_ in ("NN", "NNP", "VB", "VBP", "VBN", "VBD", "JJ"))


def _actor_story(sent, root) -> bool:
    """A past action whose subject is a specific third-person actor ("the ward recorded",
    "Ward 6 stopped"), or a past passive that reports what was done ("yield was taken")."""
    for verb in sent:
        if verb.tag_ != "VBD" and not (verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("was", "were")
                                                                  for c in verb.children)):
            continue
        if verb.lemma_ in lx.NON_EXPERIENCE_VERBS:
            continue
        for c in verb.children:
            if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN"):
                return True
            if c.dep_ != "nsubj" or c.pos_ == "PRON":
                continue
            if c.pos_ == "PROPN" or c.tag_ == "NNP":
                return True
            dets = {d.lower_ for d in c.children if d.dep_ in ("det", "poss")}
            if dets & {"the", "its", "their", "this", "each", "every"}:
                return True
    return False


class _Tokens:
    """A sentence's tokens, made once: every reading below walks them several times, and
    a spaCy Span builds each Token object afresh on every walk."""

    __slots__ = ("toks", "text", "start_char", "end_char", "root", "doc")

    def __init__(self, span, text: str | None = None):
        self.toks = list(span)
        self.text = span.text if text is None else text  # Span.text walks every token again
        self.start_char = span.start_char
        self.end_char = span.end_char
        self.root = span.root
        self.doc = span.doc

    def __iter__(self):
        return iter(self.toks)

    def __len__(self):
        return len(self.toks)


def read_sentence(sent, draft, links) -> Sentence:
    if not isinstance(sent, _Tokens):
        sent = _Tokens(sent)
    block = draft.block_at(sent.start_char)
    text = sent.text.strip()
    lower = " " + " ".join(text.lower().replace("\u2019", "'").split()) + " "
    words = words_between(sent.doc, sent.toks[0].i, sent.toks[-1].i + 1) if sent.toks else 0
    s = Sentence(sent.start_char, sent.start_char + len(sent.text.rstrip()), text, block, words)
    s.figures = sentence_figures(sent, lower, block, draft.prose) if has_digits_or_numbers(sent) else []
    root = sent.root
    subjects = _subject_words(sent)
    fp_tokens = [t for t in sent if t.lower_ in _FIRST_PERSON]
    frames = frames_in(lower)
    s.generic_we = "generic_we" in frames
    s.promo = "promo" in frames
    s.first_person = bool(fp_tokens) and not s.generic_we
    s.past = any(t.tag_ in _PAST_TAGS for t in sent) or any(
        t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in t.children) for t in sent
    )
    s.hypothetical = "hypothetical" in frames or " if " in lower or lower.startswith(" if ") or any(
        t.lower_ in ("would", "could", "might", "may") and t.tag_ == "MD" for t in sent
    )
    s.prescriptive = "prescriptive" in frames
    s.imperative = _is_imperative(sent, _verb_index(sent.doc))
    s.advice = s.imperative or "advice" in frames
    s.third_party = "third_party" in frames or any(a < s.end and b > s.start for a, b in links) or bool(
        re.search(r"\[\d+\]|\(\s*[A-Z][\w&. ]+,? (?:19|20)\d\d\s*\)", text)
    )
    s.own_frame = "own" in frames
    s.belief_named = "belief" in frames
    s.belief = s.belief_named or (_generalisation(sent) and not s.first_person)
    s.rebuttal = "rebuttal" in frames
    subj_fp = any(t.lower_ in ("we", "i") for t in subjects) or any(
        t.lower_ in ("our", "my") and t.head.dep_ in ("nsubj", "nsubjpass") for t in sent
    )
    verb = root if root.pos_ in ("VERB", "AUX") else None
    s.experience = bool(
        subj_fp and not s.generic_we and not s.promo and s.past and verb is not None and root.lemma_ not in lx.NON_EXPERIENCE_VERBS
        and not s.hypothetical
    ) or bool(subj_fp and s.past and any(
        t.tag_ == "VBD" and t.lemma_ not in lx.NON_EXPERIENCE_VERBS and any(
            c.lower_ in ("we", "i") and c.dep_ in ("nsubj", "nsubjpass") for c in t.children
        ) for t in sent
    ) and not s.generic_we and not s.promo)
    s.actor_story = not s.first_person and _actor_story(sent, root)
    if "research" in frames:  # how a survey was run is method, not an account of doing
        s.experience = s.actor_story = False

    excluded = s.hypothetical or (s.prescriptive and not s.past) or "price" in frames or "hedged" in frames \
        or ("future" in frames and not s.past) or s.imperative or s.is_heading
    comparison = bool(re.search(r"\bfrom\b.+\bto\b|\bvs\.?\b|\bversus\b|\bcompared\b|\bbefore and after\b|"
                                r"\b(?:fell|rose|dropped|grew|cut|halved|doubled|increased|decreased|reduced|"
                                r"improved|went|climbed|slipped|jumped|shrank)\b", lower))
    s.excluded = excluded
    s.comparison = comparison
    s.stat = "stat" in frames
    s.observed = s.past or comparison or s.stat
    return s


def _measure(s: Sentence) -> None:
    for f in s.figures:
        if s.excluded or s.hypothetical:
            f.measured = False
        elif f.kind in ("percent", "fraction", "ratio", "multiplier"):
            f.measured = True
        elif f.kind == "count" and f.small:
            f.measured = s.comparison or s.stat  # "two designers" describes; "two of nine" measures
        else:  # money, durations, counts and bare numbers need a sign they were observed
            f.measured = s.observed


_SPEC_TABLE = re.compile(r"\b(?:price|prices|pricing|plan|plans|tier|tiers|cost per|per month|per user|feature|"
                         r"features|limit|limits|version|versions|release|date|dates|phone|port|step|steps|storage|"
                         r"requirement|requirements|option|options|default|setting|settings|parameter|flag)\b")
_CELL_NUMBER = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|x|ms|s|h|k|kg|t|mb|gb)\b)?", re.I)


def _table_figures(analysis) -> list[Figure]:
    """Numbers in the body of a data table. A table whose headers or row labels read like
    a price list, a feature grid or settings reference holds no measurements."""
    draft = analysis.draft
    cells: dict[int, list] = {}
    for block in draft.blocks:
        if block.kind == "table_cell":
            cells.setdefault(block.table, []).append(block)
    out: list[Figure] = []
    for table in cells.values():
        labels = " ".join({(b.table_header or "") for b in table} | {(b.row_label or "") for b in table}).lower()
        if _SPEC_TABLE.search(labels):
            continue
        for block in table:
            if block.header_row or block.prose_start == block.prose_end:
                continue
            text = draft.prose[block.prose_start:block.prose_end]
            if text.strip() == (block.row_label or "").strip():
                continue  # the row's label names the metric; it is not a measurement
            for m in _CELL_NUMBER.finditer(text):
                value = m.group(0).strip()
                if _YEAR.match(value) or _VERSION.match(value):
                    continue
                s, e = block.prose_start + m.start(), block.prose_start + m.start() + len(value)
                out.append(Figure(s, e, value, "table", True, in_table=True))
    return out


def read_draft(analysis) -> DraftFeatures:
    draft = analysis.draft
    doc = analysis.doc
    sentences: list[Sentence] = []
    scenario = None  # a hypothetical frame holds for the rest of its block and a list it introduces
    prose = draft.prose
    for span in doc.sents:
        text = prose[span.start_char:span.end_char]
        if not text.strip():
            continue
        s = read_sentence(_Tokens(span, text), draft, draft.links)
        if scenario is not None and s.block is not None:
            same = s.block is scenario[0]
            follows = s.block.in_list and scenario[1]
            if same or follows:
                s.hypothetical = True
            else:
                scenario = None
        if s.hypothetical and s.block is not None and not s.is_heading:
            scenario = (s.block, s.text.rstrip().endswith(":")) if scenario is None else (s.block, scenario[1] or s.text.rstrip().endswith(":"))
        _measure(s)
        sentences.append(s)
    words = sum(s.words for s in sentences)
    title_blocks = [b for b in draft.blocks if b.kind == "title"] or [
        b for b in draft.blocks if b.kind == "heading" and b.level == 1
    ]
    title = draft.prose[title_blocks[0].prose_start:title_blocks[0].prose_end] if title_blocks else ""
    listicle = bool(re.match(r"^\s*(?:the\s+)?(?:\d+|three|four|five|six|seven|eight|nine|ten|twelve)\s+"
                             r"(?:\w+\s+){0,2}(?:" + "|".join(sorted(lx.LIST_NOUNS)) + r")\b", title.lower()))
    return DraftFeatures(
        sentences=tuple(sentences),
        words=words,
        title=title,
        headings=tuple(s for s in sentences if s.is_heading),
        table_figures=tuple(_table_figures(analysis)),
        listicle_title=listicle,
        announcement=bool(lx.ANNOUNCEMENT.search(
            " ".join([title] + [s.text for s in sentences[:4]]).lower().replace("\u2019", "'")
        )),
        code_blocks=tuple(draft.code_blocks),
        inline_code=draft.inline_code,
        ordered_paragraphs=sum(1 for b in draft.blocks if b.ordered_list and b.kind == "paragraph"),
        source=draft.source.text,
        draft=draft,
    )
