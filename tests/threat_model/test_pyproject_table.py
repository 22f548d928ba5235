"""Threat model, section 9: ``[tool.draftlint]`` in pyproject.toml is found by parsing the
file, not by a text search. Odd but valid TOML spellings work; shapes that are not a table,
deep nesting and a file that is not UTF-8 are one-line ``file:line: problem`` errors."""

from __future__ import annotations

import pytest
from project_files_support import error_of, load_config_at
from reliability_support import GOOD, assert_one_error, run, write

from linter.config.loader import find_config


@pytest.mark.parametrize("text, line", [
    ('[ tool.draftlint ]\nterm = "product-review"\nfail_under = 40\n', 3),
    ('[tool."draftlint"]\nterm = "product-review"\nfail_under = 40\n', 3),
    ("[ tool . 'draftlint' ]\nterm = 'product-review'\nfail_under = 40\n", 3),
    ('[project]\nname = "x"\n\n[tool]\ndraftlint = { term = "product-review", fail_under = 40 }\n', 5),
    ('tool.draftlint.term = "product-review"\ntool.draftlint.fail_under = 40\n', 2),
    ('[tool]\ndraftlint.term = "product-review"\ndraftlint.fail_under = 40\n', 3),
])
def test_valid_spellings_of_the_table_are_found_and_read(tmp_path, text, line):
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert find_config(tmp_path.resolve()) == path.resolve()
    config = load_config_at(path)
    assert (config.default_term, config.fail_under, config.line_of("fail_under")) == ("product-review", 40.0, line)


def test_an_error_under_a_spaced_header_keeps_its_line(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[ tool . "draftlint" ]\nterm = "x"\nfail_under = "high"\n',
                    encoding="utf-8")
    assert error_of(load_config_at, path) == f"{path.resolve()}:6: 'fail_under' must be a number from 0 to 100"


def test_a_pyproject_without_the_table_is_not_a_project_file(tmp_path):
    """Naming draftlint elsewhere (a dependency) does not make it one."""
    (tmp_path / "pyproject.toml").write_text('[project]\ndependencies = ["draftlint"]\n# [tool.draftlint]\n',
                                             encoding="utf-8")
    assert find_config(tmp_path.resolve()) is None


@pytest.mark.parametrize("text, line, problem", [
    ('[[tool.draftlint]]\nterm = "x"\n', 1, "[tool.draftlint] must be a table, not an array of tables"),
    ('tool = "draftlint"\n', 1, "'tool' must be a table (draftlint reads [tool.draftlint])"),
    ('[tool]\ndraftlint = 3\n', 2, "[tool.draftlint] must be a table, not an integer"),
    ("[tool.draftlint]\nselect = " + "[" * 2000 + "]" * 2000 + "\n", None, "nested too deeply"),
    ("[tool.draftlint]\nselect = " + "[" * 100 + "]" * 100 + "\n", 2, "nested more than 64 levels deep"),
])
def test_shapes_that_are_not_a_table_are_one_line_errors(tmp_path, text, line, problem):
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    assert find_config(tmp_path.resolve()) == path.resolve()
    where = f"{path.resolve()}:{line}" if line else str(path.resolve())  # tomllib keeps no line for this one
    assert error_of(load_config_at, path) == f"{where}: {problem}"


def test_a_pyproject_that_is_not_utf8_is_a_one_line_error(tmp_path):
    write(tmp_path, {"pyproject.toml": b'[tool.draftlint]\nterm = "caf\xe9"\n', "post.md": GOOD})
    proc = run("lint", "post.md", cwd=tmp_path, timeout=60)
    assert_one_error(proc, f"{tmp_path.resolve() / 'pyproject.toml'}:2: not valid UTF-8 (byte 0xe9 at offset 28)")


def test_array_of_tables_through_the_command_line(tmp_path):
    write(tmp_path, {"pyproject.toml": '[project]\nname = "x"\n\n[[tool.draftlint]]\nterm = "x"\n', "post.md": GOOD})
    proc = run("lint", "post.md", cwd=tmp_path, timeout=60)
    assert_one_error(proc, f"{tmp_path.resolve() / 'pyproject.toml'}:4: "
                           "[tool.draftlint] must be a table, not an array of tables")
