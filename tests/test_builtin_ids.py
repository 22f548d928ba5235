"""The finding ids draftlint reports itself are named once (``linter/builtin.py``): SARIF
describes every one of them, a result of each points at its descriptor, and the README's
table lists them."""

from __future__ import annotations

from helpers_cli import ROOT, cli, report, validate_sarif, write
from linter.builtin import DESCRIPTIONS, NON_ENGLISH_DRAFT

FRENCH = ("Nous avons migré notre base de données vers un nouveau serveur le mois dernier. La latence a "
          "baissé de moitié et les clients sont contents. Nous écrirons la suite bientôt.\n")


def test_sarif_describes_every_builtin_id_and_points_results_at_them(tmp_path):
    write(tmp_path, {"fr.md": FRENCH})
    doc = report(cli("lint", "--no-cache", "--format", "sarif", "fr.md", cwd=tmp_path))
    validate_sarif(doc)
    run = doc["runs"][0]
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert set(DESCRIPTIONS) <= set(ids)
    (result,) = [r for r in run["results"] if r["ruleId"] == NON_ENGLISH_DRAFT]
    assert ids[result["ruleIndex"]] == NON_ENGLISH_DRAFT
    described = {d["id"]: d["shortDescription"]["text"] for d in run["tool"]["driver"]["rules"]}
    assert {rid: described[rid] for rid in DESCRIPTIONS} == DESCRIPTIONS


def test_the_readme_lists_every_builtin_id():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("A few finding ids come from draftlint itself"):]
    table = table[:table.index("\n\n", table.index("| id |"))]
    listed = {name for line in table.splitlines() if line.startswith("| `")
              for name in line.split("|")[1].replace("`", "").replace(",", " ").split()}
    assert listed == set(DESCRIPTIONS)
