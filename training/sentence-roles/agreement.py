"""Agreement between the two independent role labellings: Cohen's kappa per role.

    python training/sentence-roles/agreement.py
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
    a, b = load("labels-a.tsv"), load("labels-b.tsv")
    ids = sorted(a)
    if set(ids) != set(b):
        raise SystemExit("the two labellings do not cover the same sentences")
    print(f"sentences: {len(ids)}; same set of roles: {sum(a[i] == b[i] for i in ids) / len(ids):.3f}")
    print(f"{'role':<16}{'a':>5}{'b':>5}{'both':>6}{'kappa':>7}")
    for role in ROLES:
        x = [role in a[i] for i in ids]
        y = [role in b[i] for i in ids]
        print(f"{role:<16}{sum(x):>5}{sum(y):>5}{sum(p and q for p, q in zip(x, y)):>6}{kappa(x, y):>7.2f}")


if __name__ == "__main__":
    main()
