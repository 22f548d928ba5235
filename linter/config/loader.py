"""Finding and reading the project file: ``draftlint.yaml``, ``.draftlint.yaml`` or
``[tool.draftlint]`` in ``pyproject.toml``, found by walking up from each draft."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from linter.config.model import Config, Override
from linter.errors import ConfigError
from linter.model import SEVERITIES
from linter.yamlio import LineDict, load_file

CONFIG_NAMES = ("draftlint.yaml", ".draftlint.yaml", "draftlint.yml", ".draftlint.yml")
SETTINGS = {
    "select": "list of rule ids or categories",
    "ignore": "list of rule ids or categories",
    "severity": "mapping of rule id to error, warning or info",
    "rules": "list of folders of extra rule files",
    "glossary": "list of folders of extra glossary terms",
    "term": "glossary term id",
    "fail_under": "number from 0 to 100",
    "fail_level": "error, warning or info",
    "include": "list of gitignore-style patterns",
    "exclude": "list of gitignore-style patterns",
    "overrides": "list of {files, select, ignore, severity, term, fail_under}",
    "model": "installed spaCy model package",
    "max_file_size": "number of bytes",
}
OVERRIDE_KEYS = {"files", "select", "ignore", "severity", "term", "fail_under"}


@lru_cache(maxsize=1024)
def find_config(directory: Path) -> Path | None:
    """The nearest project file at or above ``directory``."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return re.search(r"^\s*\[tool\.draftlint[\].]", path.read_text(encoding="utf-8"), re.M) is not None
    except (OSError, UnicodeDecodeError):
        return False


def _toml_lines(text: str) -> tuple[dict, dict]:
    """Lines of the tables under ``[tool.draftlint]`` and of the keys in each (tomllib
    keeps no positions). Tables are keyed by their path below ``tool.draftlint``; each
    ``[[array]]`` entry gets its index: ``("overrides", 0)``."""
    tables: dict[tuple, int] = {}
    keys: dict[tuple, dict[str, int]] = {}
    counts: dict[tuple, int] = {}
    current: tuple | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^(\[\[?)\s*tool\.draftlint((?:\.[\w-]+)*)\s*\]\]?", stripped)
        if stripped.startswith("["):
            if not header:
                current = None
                continue
            path = tuple(p for p in header.group(2).split(".") if p)
            if header.group(1) == "[[":
                index = counts.get(path, 0)
                counts[path] = index + 1
                path = path + (index,)
            current = path
            tables[current] = n
            continue
        if current is not None:
            m = re.match(r"([A-Za-z_][\w-]*|\"[^\"]+\")\s*=", stripped)
            if m:
                keys.setdefault(current, {}).setdefault(m.group(1).strip('"'), n)
    return tables, keys


def _wrap(value, path: tuple, line: int, tables: dict, keys: dict):
    """TOML data as LineDicts, so errors in pyproject.toml name their lines too."""
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
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        from linter.yamlio import read_text

        text = read_text(path)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else (len(text.splitlines()) or 1) if "end of document" in str(exc) else None
            raise ConfigError(f"invalid TOML: {exc}", str(path), line) from None
        table = data.get("tool", {}).get("draftlint", {})
        tables, keys = _toml_lines(text)
        return _wrap(table, (), tables.get((), 1), tables, keys)
    data = load_file(path)
    if data is None:
        return _wrap({}, (), 1, {}, {})
    if not isinstance(data, LineDict):
        raise ConfigError("the config file must be a mapping of settings", str(path), 1)
    return data


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
            raise ConfigError(f"severity of '{rule}' must be error, warning or info, not {sev!r}", str(path), line)
        out.append((str(rule), sev))
    return tuple(out)


def _number(raw: LineDict, key: str, path: Path, lo: float, hi: float | None) -> float:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < lo or (hi is not None and value > hi):
        raise ConfigError(f"'{key}' must be a {SETTINGS.get(key, 'number')}", str(path), raw.line_of(key))
    return value


def _folders(raw: LineDict, key: str, path: Path) -> tuple[Path, ...]:
    out = []
    for folder in _strings(raw, key, path):
        resolved = (path.parent / folder).resolve()
        if not resolved.is_dir():
            raise ConfigError(f"'{key}': folder '{folder}' does not exist", str(path), raw.line_of(key))
        out.append(resolved)
    return tuple(out)


def _override(raw, path: Path, line: int | None = None) -> Override:
    if not isinstance(raw, LineDict):
        raise ConfigError("each entry of 'overrides' must be a mapping", str(path), line)
    unknown = set(raw) - OVERRIDE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"unknown key '{key}' in an override (one of: {', '.join(sorted(OVERRIDE_KEYS))})",
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
        raise ConfigError(f"unknown setting '{key}' (known: {', '.join(sorted(SETTINGS))})", str(path),
                          raw.line_of(key))
    base = Config()
    changes: dict = {"source": path, "lines": tuple((k, raw.line_of(k)) for k in raw)}
    if "select" in raw:
        changes["select"] = _strings(raw, "select", path)
    if "ignore" in raw:
        changes["ignore"] = _strings(raw, "ignore", path)
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
        if not isinstance(raw["model"], str):
            raise ConfigError("'model' must be the name of an installed spaCy model package", str(path),
                              raw.line_of("model"))
        changes["model"] = raw["model"]
    if "max_file_size" in raw:
        changes["max_file_size"] = int(_number(raw, "max_file_size", path, 1, None))
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
