"""What counts as a measured figure (specific_numbers) and what does not."""

from __future__ import annotations

import pytest

from linter.nlp.pipeline import analyse
from linter.model import Source
from linter.scoring.features import read_draft
from linter.source.markdown import parse


def measured(linter, text: str) -> list[str]:
    draft = parse(Source.from_text("t.md", text), "markdown")
    analysis = next(analyse([draft], linter.nlp()))
    feat = read_draft(analysis)
    return [f.text for s in feat.sentences for f in s.figures if f.measured] + [f.text for f in feat.table_figures]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Checkout time fell from 40 minutes to 12 minutes after the change.", ["40 minutes", "12 minutes"]),
        ("Refunds dropped by 38% in the first quarter.", ["38%"]),
        ("We lost $41,000 on the contract.", ["$41,000"]),
        ("The new build was 3x faster on the same hardware.", ["3x"]),
        ("About one in six orders arrived late last winter.", ["one"]),
        ("Roughly a third of our trial users came back the next week.", ["third"]),
        ("Seventeen of the forty stores reported a loss in March.", ["Seventeen"]),
        ("Median response time went from 410 ms to 95 ms.", ["410 ms", "95 ms"]),
    ],
)
def test_measured_figures_are_found(linter, text, expected):
    assert measured(linter, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "# 5 Tips for Better Onboarding\n\nWrite clearly.",  # a list count in a title
        "We opened the office in 2019 and moved in 2021.",  # years
        "We upgraded to version 3.8.2 last week and then to Python 3.12.",  # versions
        "Postgres version was 15.5.",  # a version after its word
        "The OS was Debian 11.8.",  # a version after a name
        "Our first customer was a bakery. The second was a florist.",  # ordinals
        "Call our team on (555) 014-2290 for a quote.",  # a phone number
        "Imagine a firm with 1,000 employees where 3% click a phishing link.",  # hypothetical
        "Plans start at $9 per user per month, with a free trial of 14 days.",  # an offer
        "You should send the reminder 2 days before the visit.",  # a prescription
        "Automation can cut costs by up to 30%.",  # a hedged promise
        "Set `max_connections` to 500 and restart.\n\n```\ntimeout = 250\n```",  # code and an instruction
        "| Plan | Price |\n|---|---|\n| Pro | $8 |\n| Team | $12 |\n",  # a price list
    ],
)
def test_non_figures_are_not_counted(linter, text):
    assert measured(linter, text) == []


def test_a_data_table_counts_its_cells(linter):
    text = "| Metric | Before | After |\n|---|---|---|\n| Pages per week | 14 | 3 |\n| p95 latency | 820 ms | 240 ms |\n"
    assert measured(linter, text) == ["14", "3", "820 ms", "240 ms"]


def test_a_hypothetical_frame_covers_the_rest_of_its_paragraph_and_list(linter):
    text = (
        "Suppose a shop sells 2,000 orders a month. That gives 400 returns.\n"
        "Then the numbers look like this:\n\n"
        "- 60 returns saved\n- $900 kept\n\n"
        "Last month our shop kept 31% more of its revenue."
    )
    assert measured(linter, text) == ["31%"]


DRAFT = """\
# Churn

Many customers churned in 2023.
Many customers churned last year: 41 of the 300 we had in January.
"""


def test_the_rules_and_the_detectors_read_one_reading_per_draft(linter, monkeypatch):
    """The reading is built once per draft, before the rules run; vague-quantifier's
    ``unless: number_in_sentence`` reads its sentences' figures, so a year is not a figure
    to the rule any more than to the detectors."""
    import linter.scoring.features as features

    built = []
    real = features.read_draft

    def counted(analysis):
        built.append(analysis.draft.source.path)
        return real(analysis)

    monkeypatch.setattr(features, "read_draft", counted)
    import linter.scoring.scorer as scorer

    monkeypatch.setattr(scorer, "read_draft", counted)
    report = linter.lint_text(DRAFT, "churn.md")
    assert built == ["churn.md"]
    vague = [(f.location.line, f.location.column, f.text) for f in report.findings if f.finding.rule == "vague-quantifier"]
    assert vague == [(3, 1, "Many")]
