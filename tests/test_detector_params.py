"""Detector parameters, through the CLI: a criterion sets them under ``params:`` in a team's
term file; a bad one is a one-line error naming the file and the line; a changed one moves
the verdict by exactly what the parameter says; the defaults score as before; each is
documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers_cli import ROOT, cli, report, write
from linter.scoring.detectors import DETECTORS
from linter.scoring.detectors.params import changed, declared

#: A team term with one criterion: numbered steps a reader can follow.
WALKTHROUGH = """\
id: walkthrough
name: Walkthrough
definition: A step-by-step guide to one task.
pass_score: 50
criteria:
  - id: clear_steps
    weight: 1
    explanation: Steps a reader can follow, in order.
    detector: clear_steps
"""

#: A short tutorial with three numbered steps (and one code block).
BACKUP = """\
---
title: Back up a Postgres database to S3
draftlint:
  term: walkthrough
---

# Back up a Postgres database to S3

This guide sets up a nightly backup of one Postgres database to an S3 bucket.

1. Create a bucket for the dumps and turn on versioning.
2. Give the backup user read access to the database.
3. Schedule `pg_dump` with cron at two in the morning.

```sh
pg_dump --format=custom mydb | aws s3 cp - s3://my-backups/mydb.dump
```

Check the bucket the next morning: the dump should be there.
"""

#: A team term scored by the contrarian_stance detector alone.
STANCE = """\
id: stance
name: Stance
definition: A post that argues against a common belief.
pass_score: 50
criteria:
  - id: contrarian_stance
    weight: 1
    explanation: Names a common belief and answers it with the team's own evidence.
    detector: contrarian_stance
"""

#: A short post that names a common belief and answers it with the team's figures.
REVIEWS = """\
---
draftlint:
  term: stance
---

# Code review did not catch our bugs

The conventional wisdom is that code review is the best way to catch bugs before they ship.

We tested that on our own team last year. We tagged every bug that reached production for six months and traced \
each one back to its pull request. Of the 212 bugs we traced, reviewers had approved 197 without a comment on the \
faulty lines. We then moved two reviewers to writing tests, and we cut escaped bugs from 35 a month to 12. We kept \
reviews for design and knowledge sharing, and we stopped counting them as a safety net.
"""


def project(root: Path, term_file: str, term: str, draft_name: str, draft: str) -> Path:
    return write(root, {"draftlint.yaml": "glossary: [style/glossary]\n",
                        f"style/glossary/{term_file}": term, f"docs/{draft_name}": draft})


def verdict(root: Path, term_file: str, term: str, draft_name: str, draft: str) -> tuple:
    """``(score, met, missing, evidence texts, draft score)`` of the draft's one criterion, in
    a fresh project at ``root`` (a process keeps one linter per project file)."""
    project(root, term_file, term, draft_name, draft)
    result = cli("lint", f"docs/{draft_name}", "--format", "json", cwd=root)
    assert result.exit_code in (0, 1), result.output
    (f,) = report(result)["files"]
    (c,) = f["criteria"]
    return c["score"], c["met"], c.get("missing"), [e["text"] for e in c["evidence"]], f["score"]


def with_params(term: str, params: str) -> str:
    return term + f"    params: {params}\n"


# -- a changed parameter changes the verdict, by exactly what it says --------------------

def test_steps_needed_moves_clear_steps_from_met_to_unmet(tmp_path):
    def steps(name, term):
        return verdict(tmp_path / name, "walkthrough.yaml", term, "backup.md", BACKUP)

    # three ordered-list steps, of the four that score 1 by default
    assert steps("default", WALKTHROUGH) == (0.75, True, None, [], 75.0)
    assert steps("eight", with_params(WALKTHROUGH, "{steps_needed: 8}")) == (
        0.375, False, "Only 3 numbered step(s) or task heading(s): break the walkthrough into steps a reader can "
                      "follow in order.", [], 37.5)
    assert steps("three", with_params(WALKTHROUGH, "{steps_needed: 3}")) == (1.0, True, None, [], 100.0)


def test_contrarian_stance_parameters_change_its_verdict(tmp_path):
    def stance(name, term):
        return verdict(tmp_path / name, "stance.yaml", term, "reviews.md", REVIEWS)

    belief = "The conventional wisdom is that code review is the best way to catch bugs before they ship."
    answer = "We tested that on our own team last year."
    # the next sentence answers the belief with what the team did (half strength, of 0.8 needed);
    # the two are quoted as one span
    assert stance("default", STANCE) == (0.625, True, None, [f"{belief}\n\n{answer}"], 62.5)
    # ... unless they must be closer than the blank line between them
    assert stance("apart", with_params(STANCE, "{joined_span_chars: 1}")) == (0.625, True, None, [belief], 62.5)
    # an answer must be in the belief's own sentence: there is none
    assert stance("window", with_params(STANCE, "{response_window: 1}")) == (
        0.0, False, "No widely held belief is named and argued against: state what most people assume, then show "
                    "with your own evidence why it is wrong here.", [], 0.0)
    # half the strength is enough: the stance is met in full
    assert stance("strength", with_params(STANCE, "{strength_needed: 0.5}")) == (
        1.0, True, None, [f"{belief}\n\n{answer}"], 100.0)
    # the team's evidence (8 own figures and accounts of doing) backs two fifths of the 20 now asked;
    # unmet, the criterion quotes nothing in its support
    assert stance("backing", with_params(STANCE, "{backing_needed: 20}")) == (
        0.25, False, "'The conventional wisdom is that code review is the best…' sets up a common view, but the "
                     "argument against it needs your own figures or experience behind it.",
        [], 25.0)


FIELD_NOTE = """\
id: field-note
name: Field note
definition: A short report of something the team did.
pass_score: 50
criteria:
  - id: first_hand_experience
    weight: 1
    explanation: The team did the work it reports.
    detector: first_hand_experience
"""

NOTE = """\
---
draftlint:
  term: field-note
---

Last spring we moved our build farm from Jenkins to GitHub Actions. We rewrote forty pipelines in three weeks, \
and we kept both systems running until every team had switched.
"""


def test_a_learned_criterion_with_no_sentence_long_enough_to_quote_is_held_under_the_pass_point(tmp_path):
    def note(name, term):
        score, met, _, evidence, _ = verdict(tmp_path / name, "field-note.yaml", term, "note.md", NOTE)
        return score, met, evidence

    score, met, evidence = note("default", FIELD_NOTE)
    assert met and score > 0.45 and len(evidence) == 2
    # no sentence is long enough to be quoted, so the learned score is held at unbacked_cap
    assert note("long", with_params(FIELD_NOTE, "{min_evidence_words: 100}")) == (0.45, False, [])
    assert note("cap", with_params(FIELD_NOTE, "{min_evidence_words: 100, unbacked_cap: 0.2}")) == (0.2, False, [])


# -- the defaults are the detectors' behaviour -------------------------------------------

def every_default(term: str, detector: str) -> str:
    values = ", ".join(f"{p.name}: {p.default!r}" for p in DETECTORS[detector].declared())
    return with_params(term, "{" + values + "}")


@pytest.mark.parametrize(("term_file", "term", "detector", "draft_name", "draft"), [
    ("walkthrough.yaml", WALKTHROUGH, "clear_steps", "backup.md", BACKUP),
    ("stance.yaml", STANCE, "contrarian_stance", "reviews.md", REVIEWS),
    ("field-note.yaml", FIELD_NOTE, "first_hand_experience", "note.md", NOTE),
])
def test_every_parameter_set_to_its_default_scores_as_none_set(tmp_path, term_file, term, detector, draft_name, draft):
    before = verdict(tmp_path / "none", term_file, term, draft_name, draft)
    assert verdict(tmp_path / "all", term_file, every_default(term, detector), draft_name, draft) == before
    # and the glossary shows no change
    shown = cli("glossary", term_file.removesuffix(".yaml"), cwd=tmp_path / "all").stdout
    assert "params:" not in shown


def test_the_glossary_shows_the_parameters_a_term_changes(tmp_path):
    project(tmp_path, "stance.yaml", with_params(STANCE, "{response_window: 3, early_fraction: 0.5}"),
            "reviews.md", REVIEWS)
    result = cli("glossary", "stance", cwd=tmp_path)
    assert result.stdout.splitlines()[-2:] == [
        "  contrarian_stance (weight 1): Names a common belief and answers it with the team's own evidence.",
        "    params: response_window 3 (default 5), early_fraction 0.5 (default 0.4)",
    ]


# -- bad parameters are one-line errors at their line ------------------------------------

KNOWN_STEPS = "known: steps_needed"
KNOWN_STANCE = ("known: response_window, rebuttal_weight, deeds_weight, generalisation_weight, early_fraction, "
                "late_weight, strength_needed, backing_needed, quote_reading, joined_span_chars, "
                "owner_voice_sentences, third_party_share, table_figures_cap, table_figure_weight, "
                "actor_story_weight, generic_we_penalty")


TERMS = {"clear_steps": ("walkthrough.yaml", WALKTHROUGH), "contrarian_stance": ("stance.yaml", STANCE)}
WHOLE_1_100 = "a whole number between 1 and 100"


def out_of_range(criterion: str, name: str, bounds: str, value: str) -> tuple:
    """A case of ``name: value`` out of its bounds (YAML's .inf and .nan are shown as inf and nan)."""
    return criterion, f"\n      {name}: {value}", 11, \
        f"criterion '{criterion}': parameter '{name}' must be {bounds}, not {value.strip('.') or value}"


BAD_PARAMS = [
    ("clear_steps", "\n      steps: 8", 11,
     f"criterion 'clear_steps': unknown parameter 'steps' for detector 'clear_steps' ({KNOWN_STEPS})"),
    ("contrarian_stance", "\n      response_window: 3\n      early_fraktion: 0.5", 12,
     f"criterion 'contrarian_stance': unknown parameter 'early_fraktion' for detector 'contrarian_stance' "
     f"({KNOWN_STANCE})"),
    out_of_range("clear_steps", "steps_needed", "a number greater than 0", "0"),
    out_of_range("contrarian_stance", "early_fraction", "a number between 0 and 1", "1.5"),
    out_of_range("contrarian_stance", "response_window", WHOLE_1_100, "2.5"),
    out_of_range("contrarian_stance", "response_window", WHOLE_1_100, "1000"),
    out_of_range("contrarian_stance", "strength_needed", "a number greater than 0", ".inf"),
    out_of_range("contrarian_stance", "late_weight", "a number of at least 0", ".nan"),
    ("clear_steps", "\n      steps_needed: many", 11,
     "criterion 'clear_steps': parameter 'steps_needed' must be a number greater than 0, not 'many'"),
    ("clear_steps", "\n      steps_needed: true", 11,
     "criterion 'clear_steps': parameter 'steps_needed' must be a number greater than 0, not True"),
    ("contrarian_stance", "\n      late_weight: 1.0e+400", 11,
     "criterion 'contrarian_stance': parameter 'late_weight' must be a number of at least 0, not inf"),
    ("contrarian_stance", "\n      joined_span_chars: " + "9" * 5000, 11,
     "an integer of 5000 digits (at most 30 are allowed)"),
    ("clear_steps", " [steps_needed, 8]", 10,
     "criterion 'clear_steps': 'params' must be a mapping of parameter names to numbers"),
]


@pytest.mark.parametrize(("criterion_id", "params", "line", "message"), BAD_PARAMS)
def test_a_bad_parameter_is_a_one_line_error_naming_file_and_line(tmp_path, criterion_id, params, line, message):
    term_file, term = TERMS[criterion_id]
    project(tmp_path, term_file, term + "    params:" + params + "\n", "a.md", "A short note.\n")
    for args in (("lint", "docs/a.md"), ("glossary",)):
        result = cli(*args, cwd=tmp_path)
        assert (result.exit_code, result.stdout) == (2, "")
        path = (tmp_path / "style" / "glossary" / term_file).resolve()
        assert result.stderr == f"draftlint: error: {path}:{line}: {message}\n"


# -- declared once, documented ------------------------------------------------------------

def test_every_parameter_is_declared_with_a_meaning_and_an_allowed_default():
    for name, detector in DETECTORS.items():
        params = detector.declared()
        assert params, name
        for p in params:
            assert p.meaning and p.check(p.default) == p.default, (name, p)
        assert changed(detector.params()) == {}


def test_the_readme_lists_every_parameter_with_its_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Detector parameters"):]
    section = section[:section.index("\n## ")]
    text = " ".join(section.split())
    for name, detector in DETECTORS.items():
        for p in declared(detector.params):
            assert re.search(rf"`{p.name}` \({p.default:g}\)", text), (name, p.name)
        assert f"`{name}`" in text, name


def test_a_calibrated_term_keeps_its_base_terms_parameters(tmp_path):
    from linter.api import Linter
    from linter.calibrate import Calibration, term_yaml
    from linter.config import Config
    from linter.resources import data_dir

    project(tmp_path, "stance.yaml", with_params(STANCE, "{response_window: 3}"), "a.md", "A note.\n")
    linter = Linter(Config(glossary_dirs=(data_dir("glossary"), tmp_path / "style" / "glossary")))
    cal = Calibration(criteria=("contrarian_stance",), weights=(1.0,), pass_score=50.0, n=10, folds=5,
                      cv_auc=0.5, cv_accuracy=0.5, cv_spearman=0.0)
    data = yaml.safe_load(term_yaml(linter.glossary.get("stance"), cal, "stance-calibrated", "posts"))
    assert data["criteria"][0]["params"] == {"response_window": 3}
