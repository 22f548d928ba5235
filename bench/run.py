"""draftlint's benchmark: every figure is a ratio taken in one run, on the same texts.

    python bench/run.py                 # 100 and 1,000 drafts (about 15 minutes on 2 cores)
    python bench/run.py --quick         # 20 and 100 drafts, for a smoke test
    python bench/run.py --out bench/RESULTS.md

It measures (a) `draftlint --version` and `draftlint rules` against proselint linting one
file cold; (b) one ~800-word draft cold against the floor `import spacy; spacy.load(model)`
plus processing that text; (c) 100 and 1,000 drafts against bare `nlp.pipe` with the full
pipeline over exactly the prose draftlint analyses, and against proselint on the same files;
(d) `--jobs 1` against `--jobs 2`; (e) a re-run over unchanged drafts with the cache on;
(f) peak memory (maximum resident set size of each process).

Drafts are built from `examples/` and, when it exists, `../shared/corpus/real`, with every
draft's text varied (sentences rotated and a numbered line added) so no cache can help.
Each timed command runs in a fresh process, through /usr/bin/time for its peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"
PY = sys.executable


def sources() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md*"))]
    if REAL.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(REAL.rglob("*.md")) if p.name != "README.md"]
    return texts


def vary(text: str, i: int) -> str:
    """A different text for every draft: rotate the body's paragraphs, add a numbered line."""
    m = re.match(r"(?s)(---\n.*?\n---\n)?(.*)", text)
    head, body = m.group(1) or "", m.group(2)
    paragraphs = body.split("\n\n")
    k = i % max(1, len(paragraphs))
    paragraphs = paragraphs[k:] + paragraphs[:k]
    return f"{head}\nDraft {i} was revised {i % 7 + 2} times before review.\n\n" + "\n\n".join(paragraphs)


def build(folder: Path, n: int, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"draft-{i:04d}.md").write_text(vary(texts[i % len(texts)], i), encoding="utf-8")
    return folder


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return wall, peak_kb / 1024


def best(cmd, runs=3, **kw) -> tuple[float, float]:
    results = [timed(cmd, **kw) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def prose_words(folder: Path) -> tuple[Path, int]:
    """Write the prose draftlint analyses for each draft (one JSON list) and count its words."""
    out = folder.parent / f"{folder.name}-prose.json"
    code = (
        "import json, sys; from pathlib import Path; from linter.source.markdown import parse;"
        "from linter.source.reader import read_path, draft_format\n"
        "texts=[parse(read_path(p, str(p)), draft_format(str(p))).prose for p in sorted(Path(sys.argv[1]).glob('*.md'))]\n"
        "json.dump(texts, open(sys.argv[2], 'w'))"
    )
    subprocess.run([PY, "-c", code, str(folder), str(out)], check=True)
    words = sum(len(t.split()) for t in json.loads(out.read_text()))
    return out, words


def bare_spacy(prose_file: Path, model: str) -> list[str]:
    code = (
        "import json, sys, spacy\n"
        f"nlp = spacy.load({model!r})\n"
        "texts = json.load(open(sys.argv[1]))\n"
        "for doc in nlp.pipe(texts, batch_size=16): pass\n"
    )
    return [PY, "-c", code, str(prose_file)]


def model_name() -> str:
    from linter.nlp.pipeline import resolve_model

    return resolve_model(None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="20 and 100 drafts instead of 100 and 1,000")
    ap.add_argument("--out", type=Path, help="also write the results as Markdown to this file")
    args = ap.parse_args()
    sizes = (20, 100) if args.quick else (100, 1000)
    texts = sources()
    model = model_name()
    draftlint = [PY, "-m", "linter"]
    proselint = shutil.which("proselint")
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}; model {model}; "
               f"{len(texts)} source texts ({'with' if REAL.is_dir() else 'without'} the real corpus)")
    say(f"# draftlint benchmark, {time.strftime('%Y-%m-%d')}")
    say()
    say(f"Machine: {machine}.")
    say()
    with tempfile.TemporaryDirectory(prefix="draftlint-bench-") as tmp:
        tmp = Path(tmp)
        # (a) startup
        say("## (a) Start-up")
        say()
        one = build(tmp / "one", 1, [t for t in texts if 700 <= len(t.split()) <= 900] or texts)
        one_file = next(one.glob("*.md"))
        v, v_mem = best(draftlint + ["--version"], runs=5)
        r, r_mem = best(draftlint + ["rules"], runs=5)
        h, _ = best(draftlint + ["--help"], runs=5)
        say("| command | seconds | peak MB | ratio to proselint, one file cold |")
        say("| --- | ---: | ---: | ---: |")
        if proselint:
            p1, p1_mem = best([proselint, "check", str(one_file)], runs=5)
            say(f"| proselint check (one file) | {p1:.3f} | {p1_mem:.0f} | 1.00 |")
        else:
            p1 = float("nan")
        say(f"| draftlint --version | {v:.3f} | {v_mem:.0f} | {v / p1:.2f} |")
        say(f"| draftlint --help | {h:.3f} | | {h / p1:.2f} |")
        say(f"| draftlint rules | {r:.3f} | {r_mem:.0f} | {r / p1:.2f} |")
        say()
        # (b) one draft, cold
        say("## (b) One draft, cold (the pre-commit case)")
        say()
        words_one = len(one_file.read_text().split())
        floor_cmd = [PY, "-c", f"import spacy, sys; nlp = spacy.load({model!r}); nlp(open(sys.argv[1]).read())",
                     str(one_file)]
        f1, f1_mem = best(floor_cmd)
        d1, d1_mem = best(draftlint + ["lint", "--no-cache", "-q", str(one_file)])
        say(f"{words_one} words. Floor: `import spacy; spacy.load({model!r})` and processing the text.")
        say()
        say("| what | seconds | peak MB | ratio to floor |")
        say("| --- | ---: | ---: | ---: |")
        say(f"| floor | {f1:.2f} | {f1_mem:.0f} | 1.00 |")
        say(f"| draftlint lint (cold, no cache) | {d1:.2f} | {d1_mem:.0f} | {d1 / f1:.2f} |")
        say()
        # (c)-(f) many drafts
        for n in sizes:
            folder = build(tmp / f"n{n}", n, texts)
            prose_file, words = prose_words(folder)
            say(f"## (c)-(f) {n} drafts, {words:,} words of prose")
            say()
            rows = []
            s_t, s_mem = timed(bare_spacy(prose_file, model))
            rows.append(("bare spaCy nlp.pipe, full pipeline, same prose", s_t, s_mem))
            cache = tmp / f"cache-{n}"
            # the --jobs 1 run starts with an empty cache, so it is also the run that fills it
            j1, j1_mem = timed(draftlint + ["lint", "-q", "--jobs", "1", "--cache-dir", str(cache), str(folder)])
            rows.append(("draftlint --jobs 1 (empty cache, filling it)", j1, j1_mem))
            j2, j2_mem = timed(draftlint + ["lint", "-q", "--jobs", "2", "--no-cache", str(folder)])
            rows.append(("draftlint --jobs 2 (no cache)", j2, j2_mem))
            c1 = j1
            c2, c2_mem = timed(draftlint + ["lint", "-q", "--jobs", "1", "--cache-dir", str(cache), str(folder)])
            rows.append(("draftlint, re-run, all cache hits", c2, c2_mem))
            if proselint:
                p_t, p_mem = timed([proselint, "check", str(folder)])
                rows.append(("proselint, same files", p_t, p_mem))
            say("| what | seconds | words/s | peak MB |")
            say("| --- | ---: | ---: | ---: |")
            for name, t, mem in rows:
                say(f"| {name} | {t:.1f} | {words / t:,.0f} | {'' if mem is None else f'{mem:.0f}'} |")
            say()
            say(f"- throughput, `--jobs 1` against bare spaCy: **{s_t / j1:.2f}x**")
            say(f"- `--jobs 2` against `--jobs 1`: **{j1 / j2:.2f}x** faster")
            say(f"- re-run with the cache, against the first run: **{c2 / c1:.1%}** of its time")
            say(f"- peak memory, `--jobs 1`, against one draft: **{j1_mem / d1_mem:.2f}x**")
            if proselint:
                say(f"- draftlint `--jobs 1` against proselint: {p_t / j1:.2f}x the throughput")
            say()
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
