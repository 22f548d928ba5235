"""What the learned judgement costs: lint throughput with and without it, in one run.

    python bench/learned_cost.py [--drafts 100] [--rounds 3]

One process, one loaded model, the same drafts (built as in run.py). Each round lints every
draft twice, once as draftlint does (hand-written readings, then the learned sentence roles,
the draft-level judgement and the content-type reading) and once with the scorer reading
the hand-written readings alone, in alternating order so that load on a shared machine falls
on both alike. The cost is the ratio of the two best times. Target (issue: judgement on
published posts): at most 15% of lint time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import build, sources  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drafts", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import numpy as np

    from linter.api import Linter
    from linter.config import Config
    import linter.scoring.scorer as scorer
    from linter.scoring.features import read_draft

    learned_read = scorer.read

    def hand_written_only(analysis):
        return replace(read_draft(analysis), roles=np.zeros((0, 9)))

    with tempfile.TemporaryDirectory() as tmp:
        folder = build(Path(tmp) / "drafts", args.drafts, sources())
        paths = [str(p) for p in sorted(folder.glob("*.md"))]
        linter = Linter(Config())
        linter.lint_paths(paths[:5])  # load the model and warm the caches
        times = {"learned": [], "hand-written": []}
        for r in range(args.rounds):
            order = ("learned", "hand-written") if r % 2 == 0 else ("hand-written", "learned")
            for name in order:
                scorer.read = learned_read if name == "learned" else hand_written_only
                start = time.perf_counter()
                linter.lint_paths(paths)
                times[name].append(time.perf_counter() - start)
        scorer.read = learned_read
    best = {k: min(v) for k, v in times.items()}
    cost = best["learned"] / best["hand-written"] - 1
    print(f"{args.drafts} drafts, best of {args.rounds}: with the learned judgement {best['learned']:.2f} s, "
          f"hand-written readings alone {best['hand-written']:.2f} s: the learned judgement costs "
          f"{100 * cost:.1f}% of lint time (target: at most 15%)")


if __name__ == "__main__":
    main()
