"""Agreement between the independent role labellings (``labels-*.tsv``): Cohen's kappa per role
for each pair of labellings.

    python training/sentence-roles/agreement.py            # round 1: labels-a/b/c.tsv
    python training/sentence-roles/agreement.py --round 2  # round 2: labels-2a/2b.tsv
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROLES = ("own_figure", "other_figure", "other_number", "advice", "own_experience", "promotional", "belief",
         "pushback", "thesis")


def load(name: str) -> dict[str, set[str]]:
    rows = csv.DictReader(open(HERE / name, encoding="utf-8"), delimiter="\t")
    return {r["id"]: {x for x in r["roles"].split(",") if x and x != "none"} for r in rows}


def kappa(a: list[bool], b: list[bool]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def main() -> None:
    import sys

    second = "--round" in sys.argv and sys.argv[sys.argv.index("--round") + 1] == "2"
    names = sorted(p.name for p in HERE.glob("labels-2?.tsv" if second else "labels-[a-z].tsv"))
    sets = {name: load(name) for name in names}
    ids = sorted(sets[names[0]])
    if any(set(ids) != set(labels) for labels in sets.values()):
        raise SystemExit("the labellings do not cover the same sentences")
    pairs = [(x, y) for i, x in enumerate(names) for y in names[i + 1:]]
    print(f"sentences: {len(ids)}")
    print("same set of roles: " + ", ".join(
        f"{x[7:-4]}-{y[7:-4]} {sum(sets[x][i] == sets[y][i] for i in ids) / len(ids):.3f}" for x, y in pairs))
    print(f"{'role':<16}" + "".join(f"{n[7:-4]:>5}" for n in names) + "".join(f"{'k ' + x[7:-4] + y[7:-4]:>8}" for x, y in pairs))
    for role in ROLES:
        marks = {n: [role in sets[n][i] for i in ids] for n in names}
        print(f"{role:<16}" + "".join(f"{sum(marks[n]):>5}" for n in names)
              + "".join(f"{kappa(marks[x], marks[y]):>8.2f}" for x, y in pairs))


if __name__ == "__main__":
    main()
