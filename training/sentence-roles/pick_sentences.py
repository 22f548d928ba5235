"""Pick the sentences of the labelled published posts that editors label with roles.

Stratified per post with a fixed seed: up to 3 sentences with a digit, 2 in the first person,
2 with belief or contrast words, 1 other (sentences of 4+ words, titles left out), as
draftlint's reader and spaCy pipeline segment them. Writes ``sentences.tsv`` (references only:
path, line, column; never the posts' text). ``--show`` prints each listed sentence with its
neighbours from the corpus, for a labeller.

    python training/sentence-roles/pick_sentences.py [--corpus ../shared/corpus] [--show]
    python training/sentence-roles/pick_sentences.py --round 2 [--show FILE]

Round 2 (``sentences-2.tsv``) targets the roles that were rare in round 1 (own and other
figures, beliefs and pushback): per post, up to 3 sentences with a figure (2 of them with a
measured one where there are) and 2 with a belief or pushback cue or belief words, none
already in round 1, from the sentences of the training scripts' cached corpus analysis.

The committed list was made with draftlint at commit d69e17e; a later reader may segment a
few sentences differently, so re-picking is for a new labelling round, not for re-checking.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261204
FIRST_PERSON = re.compile(r"\b(we|our|us|i|my|me|we've|we're|i've|i'm)\b", re.I)
BELIEF = re.compile(r"\b(most|many|everyone|common|conventional|people|usually|often|myth|wisdom|believe|think|"
                    r"assume|wrong|actually|but|however|instead)\b", re.I)
QUOTA = (3, 2, 2, 1)  # digits, first person, belief words, the rest


def sentences_of(corpus: Path):
    from linter.api import Linter
    from linter.nlp.pipeline import analyse
    from linter.source.markdown import parse
    from linter.source.reader import draft_format, read_path

    nlp = Linter().nlp()
    for sub in ("real", "real-more"):
        for row in csv.DictReader(open(corpus / sub / "labels.tsv", encoding="utf-8"), delimiter="\t"):
            path = corpus / sub / row["file"]
            draft = parse(read_path(path, f"{sub}/{row['file']}"), draft_format(str(path)))
            analysis = next(iter(analyse([draft], nlp, 16)))
            found = []
            for s in analysis.doc.sents:
                text = " ".join(s.text.split())
                block = draft.block_at(s.start_char)
                if len(text.split()) < 4 or block is None or block.kind == "title":
                    continue
                start, end = draft.prose_map.to_source(s.start_char, s.end_char)
                found.append((start, end, block.kind, text))
            yield draft, found


def pick(found, rng):
    groups = ([], [], [], [])
    for s in found:
        text = s[3]
        kind = 0 if re.search(r"\d", text) else 1 if FIRST_PERSON.search(text) else 2 if BELIEF.search(text) else 3
        groups[kind].append(s)
    chosen = []
    for group, n in zip(groups, QUOTA):
        chosen += rng.sample(group, min(n, len(group)))
    return sorted(chosen)


def _line_col(line_starts, offset: int) -> tuple[int, int]:
    import bisect

    i = bisect.bisect_right(line_starts, offset) - 1
    return i + 1, offset - line_starts[i] + 1


def pick_round_2(show: Path | None) -> None:
    import sys

    sys.path.insert(0, str(HERE))
    import train_roles as TR

    corpus = TR.analyse_corpus(TR.DEFAULT_CACHE, trust_cache=True)
    taken: dict[str, list[tuple[int, int]]] = {}
    for r in csv.DictReader(open(HERE / "sentences.tsv", encoding="utf-8"), delimiter="\t"):
        ls = corpus["posts"][r["file"]]["line_starts"]
        taken.setdefault(r["file"], []).append((TR._offset(ls, int(r["line"]), int(r["col"])),
                                                TR._offset(ls, int(r["end_line"]), int(r["end_col"]))))
    rng = random.Random(SEED + 2)
    rows, shown = [], []
    for key in sorted(corpus["posts"]):
        post = corpus["posts"][key]
        sents = post["sentences"]
        usable = []
        for i, (s, (a, b)) in enumerate(zip(sents, post["spans"])):
            if s.words < 4 or s.block is None or s.block.kind in ("title", "heading") or s.in_quote:
                continue
            if any(a < e and st < b for st, e in taken.get(key, [])):
                continue
            usable.append(i)
        measured = [i for i in usable if sents[i].measured]
        figures = [i for i in usable if sents[i].figures and i not in measured]
        beliefs = [i for i in usable if not sents[i].figures and (
            sents[i].belief or sents[i].rebuttal or BELIEF.search(sents[i].text))]
        chosen = rng.sample(measured, min(2, len(measured)))
        chosen += rng.sample(figures, min(3 - len(chosen), len(figures)))
        chosen += rng.sample(beliefs, min(2, len(beliefs)))
        for i in sorted(chosen):
            a, b = post["spans"][i]
            line, col = _line_col(post["line_starts"], a)
            end_line, end_col = _line_col(post["line_starts"], b)
            rows.append([key, line, col, end_line, end_col, sents[i].block.kind])
            before = " ".join(sents[i - 1].text.split()) if i else ""
            after = " ".join(sents[i + 1].text.split()) if i + 1 < len(sents) else ""
            shown.append((key, line, col, " ".join(sents[i].text.split()), before, after))
    with open(HERE / "sentences-2.tsv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "file", "line", "col", "end_line", "end_col", "block"])
        for i, r in enumerate(rows):
            w.writerow([f"t{i:04d}", *r])
    if show:
        with open(show, "w", encoding="utf-8") as f:
            for i, (key, line, col, text, before, after) in enumerate(shown):
                f.write(f"t{i:04d}\t{key}:{line}:{col}\n  BEFORE: {before}\n  >>> {text}\n  AFTER: {after}\n\n")
    print(f"{len(rows)} sentences")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=HERE.parents[2] / "shared" / "corpus")
    ap.add_argument("--show", nargs="?", const=True, default=None,
                    help="print the listed sentences with their neighbours (round 2: write them to this file)")
    ap.add_argument("--round", type=int, default=1)
    args = ap.parse_args()
    if args.round == 2:
        pick_round_2(Path(args.show) if isinstance(args.show, str) else None)
        return
    if args.show:
        rows = list(csv.DictReader(open(HERE / "sentences.tsv", encoding="utf-8"), delimiter="\t"))
        for r in rows:
            text = (args.corpus / r["file"]).read_text(encoding="utf-8").splitlines()
            print(r["id"], r["file"], f"{r['line']}:{r['col']}", "|", " ".join(text[int(r["line"]) - 1:int(r["end_line"])]))
        return
    rng = random.Random(SEED)
    rows = []
    for draft, found in sentences_of(args.corpus):
        for start, end, kind, _text in pick(found, rng):
            line, col = draft.source.line_col(start)
            end_line, end_col = draft.source.line_col(end)
            rows.append([draft.source.path, line, col, end_line, end_col, kind])
    with open(HERE / "sentences.tsv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "file", "line", "col", "end_line", "end_col", "block"])
        for i, r in enumerate(rows):
            w.writerow([f"s{i:04d}", *r])
    print(f"{len(rows)} sentences")


if __name__ == "__main__":
    main()
