"""draftlint calibrate: a team's labelled posts in, a term file with learned weights and pass
mark out, usable by the config; k-fold figures printed; one-line errors for bad input."""

from __future__ import annotations

import re

import yaml

from reliability_support import lint, run, write

HEADER = "file\tthought_leadership\toriginal_data\tspecific_numbers\tcontrarian_stance\tgeneric_tips\tfirst_hand_experience\n"
GOOD = """# We stopped shipping on Fridays, then started again

Most teams treat a Friday deploy freeze as common sense. We ran one for a year and then dropped it.
In 2023 we froze deploys from Friday noon; in 2024 we allowed them again. Rollbacks fell from {a} to 12,
and the median time to restore went from 48 minutes to {b} minutes, because small changes shipped
the day they were ready instead of piling up for Monday. We measured this across 1,430 deploys.
"""
GENERIC = """# {a} Tips for Better Deploys

Make sure to test everything. You should always have a rollback plan. Follow best practices.
Communicate with your team. Monitor your systems. Automate what you can. Document everything.
"""


def _folder(tmp_path, good: int = 4, generic: int = 4):
    files, rows = {}, []
    for i in range(good):
        files[f"posts/good-{i}.md"] = GOOD.format(a=31 + i, b=19 + i)
        rows.append(f"good-{i}.md\t1\t1\t1\t1\t0\t1\n")
    for i in range(generic):
        files[f"posts/generic-{i}.md"] = GENERIC.format(a=5 + i)
        rows.append(f"generic-{i}.md\t0\t0\t0\t0\t1\t0\n")
    files["posts/labels.tsv"] = HEADER + "".join(rows)
    write(tmp_path, files)


def test_calibrate_writes_a_term_the_config_can_use(tmp_path):
    _folder(tmp_path)
    (tmp_path / "style").mkdir()
    proc = run("calibrate", "posts", "--out", "style/house-tl.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["criterion", "weight"]
    assert [line.split()[0] for line in lines[1:6]] == ["original_data", "specific_numbers", "contrarian_stance",
                                                      "no_generic_tips", "first_hand_experience"]
    assert re.fullmatch(r"pass score: \d+\.\d", lines[7])
    assert lines[8] == "drafts: 8"
    assert re.fullmatch(r"4-fold cross-validated: AUC 1\.00, passed accuracy \d\.\d\d, Spearman with the label \d\.\d\d",
                        lines[9])
    assert lines[10] == "wrote style/house-tl.yaml (term 'house-tl')"
    term = yaml.safe_load((tmp_path / "style" / "house-tl.yaml").read_text(encoding="utf-8"))
    assert term["id"] == "house-tl" and "score_model" not in term
    assert abs(sum(c["weight"] for c in term["criteria"]) - 100) < 0.5
    assert all(c["weight"] >= 0 for c in term["criteria"])
    write(tmp_path, {"draftlint.yaml": "glossary: [style]\nterm: house-tl\n"})
    proc = lint("posts/good-0.md", "posts/generic-0.md", "--select", "vague-quantifier", cwd=tmp_path)
    verdicts = re.findall(r"^posts/(\S+)\.md: score \d+/100 against 'house-tl': (passed|failed)$", proc.stdout, re.M)
    assert verdicts == [("good-0", "passed"), ("generic-0", "failed")]


def test_calibrate_refuses_to_overwrite_and_needs_both_kinds_of_label(tmp_path):
    _folder(tmp_path, good=4, generic=2)
    proc = run("calibrate", "posts", "--out", "t.yaml", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == ("draftlint: error: posts/labels.tsv: calibrating needs at least 3 drafts labelled above "
                           "0.5 and 3 below; labels.tsv has 4 and 2\n")
    write(tmp_path, {"t.yaml": "keep me\n"})
    proc = run("calibrate", "posts", "--out", "t.yaml", cwd=tmp_path)
    assert proc.stderr == "draftlint: error: t.yaml: already exists (use --force to overwrite)\n"
    assert (tmp_path / "t.yaml").read_text(encoding="utf-8") == "keep me\n"
