"""Finding and reading the project file: ``draftlint.yaml``, ``.draftlint.yaml`` or
``[tool.draftlint]`` in ``pyproject.toml``, found by walking up from each draft."""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache
from pathlib import Path

from linter.config.model import MODEL_NAME_RULE, Config, Override, is_model_name
from linter.errors import ConfigError
from linter.model import SEVERITIES
from linter.yamlio import MAX_DEPTH, MAX_INT_DIGITS, LineDict, describe, load_file, read_bytes, read_text

#: The most a project file may allow one draft (seconds): an hour is already far past any
#: real draft, and the budget is what stops a hostile one.
MAX_TIME_BUDGET = 3600.0
#: The most findings of one rule a project file may ask to see one by one per draft (more is
#: the same as all: 0).
MAX_REPEAT_LIMIT = 1_000_000
CONFIG_NAMES = ("draftlint.yaml", ".draftlint.yaml", "draftlint.yml", ".draftlint.yml")
SETTINGS = {
    "select": "list of rule ids or categories",
    "ignore": "list of rule ids or categories",
    "enable": "list of rule ids or categories that are off by default, or all",
    "severity": "mapping of rule id to error, warning or info",
    "rules": "list of folders of extra rule files",
    "glossary": "list of folders of extra glossary terms",
    "term": "glossary term id",
    "fail_under": "number from 0 to 100",
    "fail_level": "error, warning or info",
    "include": "list of gitignore-style patterns",
    "exclude": "list of gitignore-style patterns",
    "overrides": "list of {files, select, ignore, enable, severity, term, fail_under}",
    "model": "installed spaCy model package",
    "max_file_size": "number of bytes",
    "time_budget": f"number of seconds, more than 0 and at most {MAX_TIME_BUDGET:g}",
    "repeat_limit": "whole number of one rule's findings shown per draft before the rest are counted (0: all)",
}
OVERRIDE_KEYS = {"files", "select", "ignore", "enable", "severity", "term", "fail_under"}


@lru_cache(maxsize=1024)
def find_config(directory: Path) -> Path | None:
    """The nearest project file at or above ``directory``.

    Any entry with a project file's name counts, even one that is not a regular file
    (a FIFO, a link to a device): skipping it would lint with the defaults and pass
    silently, so it is returned and reading it gives the error."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_symlink() or (candidate.exists() and not candidate.is_dir()):
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    """Whether ``pyproject.toml`` holds draftlint settings, found by parsing it. A file
    that never names draftlint is skipped unparsed; one that names it and cannot be read,
    or holds the table in a bad shape, counts, so loading it reports the problem."""
    try:
        data = read_bytes(path)
    except ConfigError:
        return False
    if b"draftlint" not in data:
        return False
    try:
        parsed = _parse_toml(data.decode("utf-8-sig"), path)
    except (ConfigError, UnicodeDecodeError):
        return True
    tool = parsed.get("tool", {})
    return not isinstance(tool, dict) or "draftlint" in tool


def _parse_toml(text: str, path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else (len(text.splitlines()) or 1) if "end of document" in str(exc) else None
        raise ConfigError(f"invalid TOML: {exc}", str(path), line) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise ConfigError("nested too deeply", str(path)) from None
    except ValueError as exc:  # Python's limit on the digits of an integer
        m = re.search(r"has (\d+) digits", str(exc))
        digits = m.group(1) if m else "too many"
        raise ConfigError(f"an integer of {digits} digits (at most {MAX_INT_DIGITS} are allowed)", str(path),
                          _line_of_long_int(text)) from None


def _line_of_long_int(text: str) -> int | None:
    m = re.search(r"\d{%d}" % (MAX_INT_DIGITS + 1), text)
    return text.count("\n", 0, m.start()) + 1 if m else None


_TOML_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_TOML_DOTTED = re.compile(rf"{_TOML_KEY}(?:\s*\.\s*{_TOML_KEY})*")
_TOML_HEADER = re.compile(rf"^(\[\[?)\s*({_TOML_DOTTED.pattern})\s*\]")
_TOML_ASSIGN = re.compile(rf"^({_TOML_DOTTED.pattern})\s*=")
_TABLE = ("tool", "draftlint")


def _key_path(dotted: str) -> tuple[str, ...]:
    parts = re.findall(_TOML_KEY, dotted)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _toml_lines(text: str) -> tuple[dict, dict]:
    """Lines of the tables under ``[tool.draftlint]`` and of the keys in each (tomllib
    keeps no positions). Tables are keyed by their path below ``tool.draftlint``; each
    ``[[array]]`` entry gets its index: ``("overrides", 0)``. Headers may be spaced or
    quoted (``[ tool . "draftlint" ]``), and keys dotted (``tool.draftlint.term = 1``,
    or ``draftlint = {...}`` under ``[tool]``). Multi-line values are not followed: a
    line that merely looks like a key inside one can only give a wrong line, never a
    wrong setting, as the settings come from tomllib."""
    tables: dict[tuple, int] = {}
    keys: dict[tuple, dict[str, int]] = {}
    counts: dict[tuple, int] = {}
    current: tuple = ()  # the header's full key path
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = _TOML_HEADER.match(stripped)
        if header:
            path = _key_path(header.group(2))
            if path[:2] == _TABLE and header.group(1) == "[[":
                index = counts.get(path, 0)
                counts[path] = index + 1
                path = path + (index,)
            current = path
            if current[:2] == _TABLE:
                tables.setdefault(current[2:], n)
            continue
        m = _TOML_ASSIGN.match(stripped)
        if not m:
            continue
        full = current + _key_path(m.group(1))
        if full[:2] != _TABLE:
            continue
        if len(full) == 2:  # draftlint = {...} under [tool]
            tables.setdefault((), n)
            continue
        rel = full[2:]
        if current[:2] != _TABLE:  # the table is made by its dotted keys
            tables.setdefault((), n)
        keys.setdefault(rel[:-1], {}).setdefault(rel[-1], n)
    return tables, keys


def _wrap(value, path: tuple, line: int, tables: dict, keys: dict):
    """TOML data as LineDicts, so errors in pyproject.toml name their lines too."""
    if len(path) > MAX_DEPTH:
        raise ConfigError(f"nested more than {MAX_DEPTH} levels deep", line=line)
    if isinstance(value, dict):
        here = tables.get(path, line)
        own = keys.get(path, {})
        out = LineDict()
        out.line = here
        out.key_lines = {}
        for k, v in value.items():
            k_line = own.get(k, tables.get(path + (k,), here))
            out[k] = _wrap(v, path + (k,), k_line, tables, keys)
            out.key_lines[k] = k_line
        return out
    if isinstance(value, list):
        return [_wrap(v, path + (i,), tables.get(path + (i,), line), tables, keys) for i, v in enumerate(value)]
    return value


def read_settings(path: Path) -> LineDict:
    if path.name == "pyproject.toml":
        text = read_text(path)
        data = _parse_toml(text, path)
        tables, keys = _toml_lines(text)
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError("'tool' must be a table (draftlint reads [tool.draftlint])", str(path),
                              _first_line(text, r"^[ \t]*tool[ \t]*="))
        table = tool.get("draftlint", {})
        if not isinstance(table, dict):
            kind = "an array of tables" if isinstance(table, list) and _TOML_ARRAY_HEADER.search(text) \
                else describe_type(table)
            raise ConfigError(f"[tool.draftlint] must be a table, not {kind}", str(path),
                              tables.get(()) or _first_line(text, r"^[ \t]*\[\[\s*tool\s*\.\s*[\"']?draftlint"))
        try:
            return _wrap(table, (), tables.get((), 1), tables, keys)
        except ConfigError as exc:
            exc.path = str(path)
            raise
    data = load_file(path)
    if data is None:
        return _wrap({}, (), 1, {}, {})
    if not isinstance(data, LineDict):
        raise ConfigError("the config file must be a mapping of settings", str(path), 1)
    return data


_TOML_ARRAY_HEADER = re.compile(r"^[ \t]*\[\[\s*tool\s*\.\s*[\"']?draftlint[\"']?\s*\]\]", re.M)


def _first_line(text: str, pattern: str) -> int | None:
    m = re.search(pattern, text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def describe_type(value) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array"}
    return names.get(type(value), "a value of another kind")


def _strings(raw: LineDict, key: str, path: Path, value=None) -> tuple[str, ...]:
    value = raw.get(key) if value is None else value
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"'{key}' must be a {SETTINGS.get(key, 'list of strings')}", str(path), raw.line_of(key))
    return tuple(v.strip() for v in value)


def _severity_map(raw: LineDict, key: str, path: Path) -> tuple[tuple[str, str], ...]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise ConfigError(f"'{key}' must be a mapping of rule id to error, warning or info", str(path),
                          raw.line_of(key))
    out = []
    for rule, sev in value.items():
        if sev not in SEVERITIES:
            line = value.line_of(rule) if isinstance(value, LineDict) else raw.line_of(key)
            raise ConfigError(f"severity of {describe(rule)} must be error, warning or info, not {describe(sev)}",
                              str(path), line)
        out.append((str(rule), sev))
    return tuple(out)


def _number(raw: LineDict, key: str, path: Path, lo: float, hi: float | None, above: bool = False) -> float:
    """A finite number (not a bool) from ``lo`` (or above it) to ``hi``."""
    value = raw.get(key)
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or value < lo or (above and value == lo) or (hi is not None and value > hi)):
        raise ConfigError(f"'{key}' must be a {SETTINGS.get(key, 'number')}", str(path), raw.line_of(key))
    return value


def _folders(raw: LineDict, key: str, path: Path) -> tuple[Path, ...]:
    out = []
    for folder in _strings(raw, key, path):
        resolved = (path.parent / folder).resolve()
        if not resolved.is_dir():
            raise ConfigError(f"'{key}': folder {describe(folder)} does not exist", str(path), raw.line_of(key))
        out.append(resolved)
    return tuple(out)


def _override(raw, path: Path, line: int | None = None) -> Override:
    if not isinstance(raw, LineDict):
        raise ConfigError("each entry of 'overrides' must be a mapping", str(path), line)
    unknown = set(raw) - OVERRIDE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"unknown key {describe(key)} in an override (one of: {', '.join(sorted(OVERRIDE_KEYS))})",
                          str(path), raw.line_of(key))
    if "files" not in raw:
        raise ConfigError("an override needs 'files', the path patterns it applies to", str(path), raw.line)
    term = raw.get("term")
    if term is not None and not isinstance(term, str):
        raise ConfigError("'term' must be a glossary term id", str(path), raw.line_of("term"))
    return Override(
        files=_strings(raw, "files", path),
        select=_strings(raw, "select", path) if "select" in raw else None,
        ignore=_strings(raw, "ignore", path) if "ignore" in raw else (),
        enable=_strings(raw, "enable", path) if "enable" in raw else (),
        severity=_severity_map(raw, "severity", path) if "severity" in raw else (),
        term=term,
        fail_under=_number(raw, "fail_under", path, 0, 100) if "fail_under" in raw else None,
        line=raw.line,
    )


@lru_cache(maxsize=64)
def load_config(path: Path) -> Config:
    """The packaged defaults with the project file at ``path`` laid over them."""
    raw = read_settings(path)
    unknown = set(raw) - set(SETTINGS)
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"unknown setting {describe(key)} (known: {', '.join(sorted(SETTINGS))})", str(path),
                          raw.line_of(key))
    base = Config()
    changes: dict = {"source": path, "lines": tuple((k, raw.line_of(k)) for k in raw)}
    if "select" in raw:
        changes["select"] = _strings(raw, "select", path)
    if "ignore" in raw:
        changes["ignore"] = _strings(raw, "ignore", path)
    if "enable" in raw:
        changes["enable"] = _strings(raw, "enable", path)
    if "severity" in raw:
        changes["severity"] = _severity_map(raw, "severity", path)
    if "rules" in raw:
        changes["rule_dirs"] = base.rule_dirs + _folders(raw, "rules", path)
    if "glossary" in raw:
        changes["glossary_dirs"] = base.glossary_dirs + _folders(raw, "glossary", path)
    if "term" in raw:
        if not isinstance(raw["term"], str):
            raise ConfigError("'term' must be a glossary term id", str(path), raw.line_of("term"))
        changes["default_term"] = raw["term"]
        changes["term_chosen"] = True
    if "fail_under" in raw:
        changes["fail_under"] = float(_number(raw, "fail_under", path, 0, 100))
    if "fail_level" in raw:
        if raw["fail_level"] not in SEVERITIES:
            raise ConfigError("'fail_level' must be error, warning or info", str(path), raw.line_of("fail_level"))
        changes["fail_level"] = raw["fail_level"]
    if "include" in raw:
        changes["include"] = _strings(raw, "include", path)
    if "exclude" in raw:
        changes["exclude"] = _strings(raw, "exclude", path)
    if "model" in raw:
        if not is_model_name(raw["model"]):
            raise ConfigError(f"'model' {MODEL_NAME_RULE}", str(path), raw.line_of("model"))
        changes["model"] = raw["model"]
    if "max_file_size" in raw:
        changes["max_file_size"] = int(_number(raw, "max_file_size", path, 1, None))
    if "time_budget" in raw:
        changes["time_budget"] = float(_number(raw, "time_budget", path, 0, MAX_TIME_BUDGET, above=True))
    if "repeat_limit" in raw:
        if not isinstance(raw["repeat_limit"], int) or isinstance(raw["repeat_limit"], bool):
            raise ConfigError("'repeat_limit' must be a whole number (0: show every finding)", str(path),
                              raw.line_of("repeat_limit"))
        changes["repeat_limit"] = int(_number(raw, "repeat_limit", path, 0, MAX_REPEAT_LIMIT))
    if "overrides" in raw:
        if not isinstance(raw["overrides"], list):
            raise ConfigError("'overrides' must be a list", str(path), raw.line_of("overrides"))
        entries = raw["overrides"]
        changes["overrides"] = tuple(
            _override(o, path, entries.line_at(i) if hasattr(entries, "line_at") else raw.line_of("overrides"))
            for i, o in enumerate(entries))
    from dataclasses import replace

    return replace(base, **changes)


def config_for(directory: Path, explicit: Path | None = None) -> Config:
    """The config for drafts in ``directory``: an explicit file, the nearest one, or defaults."""
    if explicit is not None:
        return load_config(explicit.resolve())
    found = find_config(directory.resolve())
    return load_config(found) if found else Config()
