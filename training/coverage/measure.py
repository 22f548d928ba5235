"""Coverage of draftlint on labelled example sentences from other linters' suites.

Usage:
    python training/coverage/measure.py SENTENCES_DIR [--misses FILE] [--jobs N]

SENTENCES_DIR holds <family>-flagged.txt and <family>-clean.txt, one sentence
(or one short multi-sentence example) per line. Every line is written to its own
Markdown draft in a temporary folder, and draftlint is run twice over that
folder: once with the default rules and once with --enable all. A line counts as
flagged when any rule finding falls on it; the content-type info line is not a
rule finding and is ignored, and scores are never findings.

The script holds no example sentences itself: bring your own folder.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

IGNORED_RULES = {"content-type"}
MODES = {"default": [], "all": ["--enable", "all"]}


def load(folder: Path) -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = collections.defaultdict(dict)
    for path in sorted(folder.glob("*.txt")):
        stem = path.stem
        for label in ("flagged", "clean"):
            if stem.endswith("-" + label):
                family = stem[: -len(label) - 1]
                lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
                data[family][label] = [ln for ln in lines if ln]
    return data


def run(drafts: Path, extra: list[str], jobs: int) -> dict[str, list[str]]:
    cmd = [sys.executable, "-m", "linter", "lint", "--no-cache", "--format", "json",
           "--no-progress", "--fail-under", "0", "-j", str(jobs), *extra, str(drafts)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.exit(f"draftlint gave no JSON (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    rules: dict[str, list[str]] = {}
    for entry in report["files"]:
        hits = [f["rule"] for f in entry.get("findings", []) if f.get("rule") not in IGNORED_RULES]
        rules[Path(entry["path"]).name] = hits
    return rules


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--misses", type=Path, help="write the missed flagged lines and the flagged clean lines here")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    data = load(args.folder)
    if not data:
        sys.exit(f"no <family>-flagged.txt / <family>-clean.txt in {args.folder}")
    with tempfile.TemporaryDirectory(prefix="draftlint-coverage-") as tmp:
        drafts = Path(tmp)
        index: dict[str, tuple[str, str, str]] = {}
        for family, labels in data.items():
            for label, lines in labels.items():
                for i, line in enumerate(lines):
                    name = f"{family}-{label}-{i:04d}.md"
                    (drafts / name).write_text(line + "\n", encoding="utf-8")
                    index[name] = (family, label, line)
        results = {mode: run(drafts, extra, args.jobs) for mode, extra in MODES.items()}

    header = "| family | flagged n | caught (default) | caught (all) | clean n | clean flagged (default) | clean flagged (all) |"
    print(header)
    print("|" + "---|" * 7)
    totals = collections.Counter()
    report_lines: list[str] = []
    fired = {mode: collections.Counter() for mode in MODES}
    for family in sorted(data):
        row = {}
        for label in ("flagged", "clean"):
            names = [n for n, (f, lab, _) in index.items() if f == family and lab == label]
            row[label] = len(names)
            totals[label] += len(names)
            for mode in MODES:
                hit = [n for n in names if results[mode].get(n)]
                row[(label, mode)] = len(hit)
                totals[(label, mode)] += len(hit)
                for n in hit:
                    fired[mode].update((label, r) for r in set(results[mode][n]))
                if label == "flagged":
                    for n in names:
                        if n not in hit:
                            report_lines.append(f"MISS\t{mode}\t{family}\t{index[n][2]}")
                else:
                    for n in hit:
                        report_lines.append(
                            f"CLEAN-FLAGGED\t{mode}\t{family}\t{index[n][2]}\t{','.join(sorted(set(results[mode][n])))}")
        print(f"| {family} | {row['flagged']} | {pct(row[('flagged', 'default')], row['flagged'])} "
              f"| {pct(row[('flagged', 'all')], row['flagged'])} | {row['clean']} "
              f"| {pct(row[('clean', 'default')], row['clean'])} | {pct(row[('clean', 'all')], row['clean'])} |")
    print(f"| all | {totals['flagged']} | {pct(totals[('flagged', 'default')], totals['flagged'])} "
          f"| {pct(totals[('flagged', 'all')], totals['flagged'])} | {totals['clean']} "
          f"| {pct(totals[('clean', 'default')], totals['clean'])} | {pct(totals[('clean', 'all')], totals['clean'])} |")
    for mode in MODES:
        top = ", ".join(f"{r} ({label}) {c}" for (label, r), c in fired[mode].most_common(12))
        print(f"\nrules with a finding on a line ({mode}): {top}")
    if args.misses:
        args.misses.write_text("\n".join(report_lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
