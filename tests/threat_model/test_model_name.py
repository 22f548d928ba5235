"""Threat model, section 10: ``model:`` in a project file, and ``--model``, name an installed
spaCy model package, never a path: spaCy would otherwise load (and run code from) a folder
in the repository under review."""

from __future__ import annotations

import pytest
from project_files_support import error_of, load_config_at
from reliability_support import GOOD, assert_one_error, run, write

from linter.config import Config
from linter.errors import ConfigError

PATHS = ["./x", "a..b", "/usr/lib/model", "models/en", "..", "x\\y", "en core", "", "-x"]


@pytest.mark.parametrize("name", PATHS)
def test_model_key_refuses_a_path(tmp_path, name):
    path = tmp_path / "draftlint.yaml"
    path.write_text(f"term: thought-leadership\nmodel: '{name}'\n", encoding="utf-8")
    assert error_of(load_config_at, path) == (
        f"{path.resolve()}:2: 'model' must be the name of an installed spaCy model package "
        "(like en_core_web_sm), not a path")


def test_model_key_accepts_a_package_name(tmp_path):
    path = tmp_path / "draftlint.yaml"
    path.write_text("model: en_core_web_sm\n", encoding="utf-8")
    assert load_config_at(path).model == "en_core_web_sm"


@pytest.mark.parametrize("name", PATHS)
def test_model_flag_refuses_a_path(name):
    with pytest.raises(ConfigError) as err:
        Config().with_flags(model=name)
    assert str(err.value) == "--model must be the name of an installed spaCy model package (like en_core_web_sm), not a path"


@pytest.mark.parametrize("name", ["en_core_web_sm", "en-core-web-sm", "xx_ent_wiki_sm"])
def test_model_flag_accepts_package_names(name):
    assert Config().with_flags(model=name).model == name


@pytest.mark.parametrize("name", ["./x", "a..b"])
def test_model_flag_through_the_command_line(tmp_path, name):
    write(tmp_path, {"post.md": GOOD})
    (tmp_path / "x").mkdir()
    proc = run("lint", "--model", name, "post.md", cwd=tmp_path, timeout=60)
    assert_one_error(proc, "--model must be the name of an installed spaCy model package "
                           "(like en_core_web_sm), not a path")
