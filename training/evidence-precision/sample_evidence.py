"""Draw the evidence sentences that draftlint quotes on the labelled published posts, for an
editor to judge blind (does the sentence support the criterion it is quoted for?).

    python training/evidence-precision/sample_evidence.py [--per-criterion 40] [--show FILE]
        [--round 2] [--seed N] [--exclude sample.tsv]

Writes sample.tsv (round 1) or sample-<round>.tsv here (id, file relative to ../shared/corpus, line, column, criterion: never
the text) and, with --show, the same rows with each sentence's readable text and the
paragraph around it to FILE (outside the repository: the posts' text is not committed).
Sampling is stratified by criterion with a fixed seed.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent.parent / "shared" / "corpus"
SEED = 20261207
CRITERIA = ("original_data", "specific_numbers", "contrarian_stance", "no_generic_tips", "first_hand_experience")


def posts() -> list[str]:
    out = []
    for folder in ("real", "real-more"):
        with open(CORPUS / folder / "labels.tsv", encoding="utf-8", newline="") as fh:
            out += [f"{folder}/{row['file'].strip()}" for row in csv.DictReader(fh, delimiter="\t")]
    return out


def quoted() -> list[dict]:
    names = posts()
    proc = subprocess.run([sys.executable, "-m", "linter", "lint", "--no-cache", "--format", "json",
                           "--select", "vague-quantifier", *names], cwd=CORPUS, capture_output=True, text=True)
    doc = json.loads(proc.stdout)
    rows = []
    for entry in doc["files"]:
        for c in entry["criteria"]:
            for e in c["evidence"]:
                rows.append({"file": entry["path"], "line": e["line"], "column": e["column"], "criterion": c["id"],
                             "met": c["met"], "readable": e["readable"]})
    return rows


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-criterion", type=int, default=40)
    ap.add_argument("--show", type=Path)
    ap.add_argument("--round", type=int, default=1)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--exclude", type=Path, action="append", default=[],
                    help="a sample file whose sentences are not drawn again")
    args = ap.parse_args(argv)
    seen = set()
    for path in args.exclude:
        with open(path, encoding="utf-8", newline="") as fh:
            seen |= {(r["file"], int(r["line"]), int(r["column"])) for r in csv.DictReader(fh, delimiter="\t")}
    rows = [r for r in quoted() if (r["file"], r["line"], r["column"]) not in seen]
    rng = random.Random(args.seed)
    picked = []
    for cid in CRITERIA:
        mine = [r for r in rows if r["criterion"] == cid]
        rng.shuffle(mine)
        picked += mine[:args.per_criterion]
    print(f"{len(rows)} quoted sentences on {len(posts())} posts; sampled {len(picked)}: "
          + ", ".join(f"{c} {sum(r['criterion'] == c for r in picked)}" for c in CRITERIA))
    name = "sample.tsv" if args.round == 1 else f"sample-{args.round}.tsv"
    prefix = "e" if args.round == 1 else f"r{args.round}e"
    with open(HERE / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "file", "line", "column", "criterion", "criterion_met"])
        for i, r in enumerate(picked):
            w.writerow([f"{prefix}{i:03d}", r["file"], r["line"], r["column"], r["criterion"], int(r["met"])])
    if args.show:
        with open(args.show, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["id", "file", "line", "column", "criterion", "sentence"])
            for i, r in enumerate(picked):
                w.writerow([f"{prefix}{i:03d}", r["file"], r["line"], r["column"], r["criterion"], r["readable"]])


if __name__ == "__main__":
    main()
