"""Draw findings that draftlint reports on the labelled published posts, for an editor to
judge blind: useful (the writer should act on it), debatable, or wrong.

    python training/findings-precision/sample_findings.py [--per-rule 40] [--show FILE] [--round N]
    python training/findings-precision/sample_findings.py --precision   # per rule, from the judgements

Writes sample.tsv (round 1) or sample-<round>.tsv here: id, file relative to
../shared/corpus, line, column, rule (never the posts' text). With --show, the same rows with
the flagged text, the message and the paragraph around it go to FILE, outside the repository.
Sampling is stratified by rule with a fixed seed; a rule with fewer findings is taken whole.
``--precision [--round N] [--still]`` reads one round's judgements (judgements-a/b.tsv for round 1,
judgements-N-*.tsv after; id, verdict, why) and prints useful / debatable / wrong per rule.
Findings are drawn one by one (``repeat_limit: 0``) from the rules that run by default.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "evidence-precision"))

from sample_evidence import CORPUS, SEED, posts  # noqa: E402  (the same 152 labelled posts)


def findings() -> list[dict]:
    """Every finding of the rules that run by default, one by one (``repeat_limit: 0``)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "draftlint.yaml"
        config.write_text("repeat_limit: 0\n", encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "linter", "lint", "--no-cache", "--config", str(config),
                               "--format", "json", "--fail-under", "0", *posts()], cwd=CORPUS, capture_output=True,
                              text=True)
    doc = json.loads(proc.stdout)
    rows = []
    for entry in doc["files"]:
        for f in entry["findings"]:
            if f["severity"] == "info" and f["rule"] in ("content-type",):
                continue
            rows.append({"file": entry["path"], **f})
    return rows


def _paragraph(path: Path, line: int) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    lo = hi = line - 1
    while lo > 0 and lines[lo - 1].strip():
        lo -= 1
    while hi + 1 < len(lines) and lines[hi + 1].strip():
        hi += 1
    return " ".join(x.strip() for x in lines[lo:hi + 1])[:700]


def _round_files(round_: int) -> tuple[Path, list[Path]]:
    """A round's sample and its judgements: sample.tsv and judgements-a/b.tsv for round 1,
    sample-N.tsv and judgements-N-*.tsv after."""
    if round_ == 1:
        return HERE / "sample.tsv", sorted(HERE.glob("judgements-[a-z].tsv"))
    return HERE / f"sample-{round_}.tsv", sorted(HERE.glob(f"judgements-{round_}-*.tsv"))


def precision(round_: int = 1, still: bool = False) -> None:
    """Useful / debatable / wrong per rule; with ``still``, only over the judged findings the
    rules that run by default today still report (same file, line, column and rule): the
    effect of a change on the judged sample, which is in-sample when the change was chosen
    from these verdicts."""
    sample, judgements = _round_files(round_)
    with open(sample, encoding="utf-8", newline="") as fh:
        where = {r["id"]: r for r in csv.DictReader(fh, delimiter="\t")}
    reported = None
    if still:
        reported = {(f["file"], str(f["line"]), str(f["column"]), f["rule"]) for f in findings()}
    verdicts: dict[str, Counter] = defaultdict(Counter)
    for judged in judgements:
        with open(judged, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                w = where[r["id"]]
                if reported is None or (w["file"], w["line"], w["column"], w["rule"]) in reported:
                    verdicts[w["rule"]][r["verdict"]] += 1
    total: Counter = Counter()
    print(f"{'rule':<24}{'n':>5}{'useful':>8}{'debatable':>10}{'wrong':>7}{'useful %':>10}")
    for rule in sorted(verdicts, key=lambda r: -sum(verdicts[r].values())):
        c = verdicts[rule]
        n = sum(c.values())
        total += c
        print(f"{rule:<24}{n:>5}{c['useful']:>8}{c['debatable']:>10}{c['wrong']:>7}{c['useful'] / n:>10.0%}")
    n = sum(total.values())
    if n:
        print(f"{'all':<24}{n:>5}{total['useful']:>8}{total['debatable']:>10}{total['wrong']:>7}"
              f"{total['useful'] / n:>10.0%}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-rule", type=int, default=40)
    ap.add_argument("--show", type=Path)
    ap.add_argument("--round", type=int, default=1)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--precision", action="store_true")
    ap.add_argument("--still", action="store_true", help="with --precision: only judged findings still reported")
    args = ap.parse_args(argv)
    if args.precision:
        precision(args.round, args.still)
        return
    rows = findings()
    by_rule: dict[str, list] = defaultdict(list)
    for r in rows:
        by_rule[r["rule"]].append(r)
    rng = random.Random(args.seed)
    picked = []
    for rule in sorted(by_rule):
        mine = by_rule[rule]
        rng.shuffle(mine)
        picked += mine[:args.per_rule]
    print(f"{len(rows)} findings on {len(posts())} posts; sampled {len(picked)}: "
          + ", ".join(f"{r} {min(len(v), args.per_rule)}/{len(v)}" for r, v in sorted(by_rule.items())))
    name = "sample.tsv" if args.round == 1 else f"sample-{args.round}.tsv"
    prefix = "f" if args.round == 1 else f"r{args.round}f"
    with open(HERE / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "file", "line", "column", "rule"])
        for i, r in enumerate(picked):
            w.writerow([f"{prefix}{i:03d}", r["file"], r["line"], r["column"], r["rule"]])
    if args.show:
        with open(args.show, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["id", "file", "line", "column", "rule", "flagged", "message", "paragraph"])
            for i, r in enumerate(picked):
                w.writerow([f"{prefix}{i:03d}", r["file"], r["line"], r["column"], r["rule"], r["text"][:120],
                            r["message"], _paragraph(CORPUS / r["file"], r["line"])])


if __name__ == "__main__":
    main()
