"""YAML loading that remembers where each mapping came from.

Rule, glossary and config files are reported as ``file:line: problem``, so every
mapping loaded here is a ``LineDict`` that knows its own line and its keys' lines.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from linter.errors import ConfigError


class LineDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A YAML sequence that knows the line of each of its items."""

    line: int = 0
    item_lines: list

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


#: Project files (config, rule, glossary) are read up to this size: the packaged ones are
#: under 10 KB, and a bigger file is more likely a mistake or an attack than a rule set.
MAX_PROJECT_FILE_BYTES = 1024 * 1024
#: How deep mappings and lists may nest. libyaml stops at 1000, but building 1000 levels
#: would overflow Python's stack; no draftlint setting needs more than a few.
MAX_DEPTH = 64
#: Digits in an integer: more cannot be a meaningful setting, and Python refuses to convert
#: over 4300 with an exception that is not a one-line error.
MAX_INT_DIGITS = 30


def describe(value) -> str:
    """A bad value for an error message: short strings and numbers as written, anything
    else by its type, so a huge or alias-expanded value is never formatted in full."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else f"a {len(value)}-character string"
    if value is None or isinstance(value, (bool, int, float)):
        text = repr(value)
        return text if len(text) <= 40 else f"a {len(text)}-digit number"
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", LineList: "a list"}.get(
        type(value), f"a {type(value).__name__}")


def int_digits(text: str, line: int | None) -> None:
    digits = len(text.lstrip("+-").replace("_", ""))
    if digits > MAX_INT_DIGITS:
        raise ConfigError(f"an integer of {digits} digits (at most {MAX_INT_DIGITS} are allowed)", line=line)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present
    """Drafts' front matter: aliases are allowed (their values are shared, not copied)."""

    allow_aliases = True
    _depth = 0

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            if not self.allow_aliases:  # only an alias reaches a node twice
                raise ConfigError(
                    "YAML anchors and aliases (&name, *name) are not allowed in project files",
                    line=node.start_mark.line + 1)
            return super().construct_object(node, deep)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ConfigError(f"nested more than {MAX_DEPTH} levels deep", line=node.start_mark.line + 1)
            return super().construct_object(node, deep)
        finally:
            self._depth -= 1


class _ProjectLoader(_Loader):
    """Config, rule and glossary files: no aliases, so no alias bomb can reach a check."""

    allow_aliases = False


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    int_digits(node.value, node.start_mark.line + 1)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise ConfigError(
                "a mapping key must be a plain value", line=key_node.start_mark.line + 1
            )
        if key in result:
            raise ConfigError(f"duplicate key {describe(key)}", line=key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _line_at(text: str, position: int) -> int:
    return len(re.findall(r"\r\n|\r|\n", text[:position])) + 1


def load_text(text: str, path: str, line_offset: int = 0, project: bool = False):
    """Parse YAML text; errors name ``path`` and the line (shifted by ``line_offset``).
    ``project``: a config, rule or glossary file, where aliases are refused."""
    try:
        return yaml.load(text, Loader=_ProjectLoader if project else _Loader)  # noqa: S506 - SafeLoader subclass
    except ConfigError as exc:
        exc.path = path
        exc.line = (exc.line or 0) + line_offset or None
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 + line_offset if mark else None
        if line is None and isinstance(getattr(exc, "position", None), int):  # a reader error
            line = _line_at(text, exc.position) + line_offset
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"invalid YAML: {problem}", path=path, line=line) from None


def read_bytes(path: Path, limit: int = MAX_PROJECT_FILE_BYTES) -> bytes:
    """A project file's bytes: a regular file only (a link to one is fine), at most ``limit``.

    The type is checked before opening (a device is never opened), the file is opened
    without blocking (a FIFO swapped in after the check must not wait for a writer), and
    the type is checked again on the open descriptor, so what is read is what was checked.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # never open a device: that alone can act
            raise ConfigError("not a regular file", path=str(path))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError("not a regular file", path=str(path))
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ConfigError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    if len(data) > limit:
        raise ConfigError(f"larger than the {limit // (1024 * 1024)} MiB limit for project files", path=str(path))
    return data


def read_text(path: Path) -> str:
    """A config, rule or glossary file's text; errors name the file (and the line)."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", path=str(path),
                          line=line) from None


def load_file(path: Path):
    """A project file (config, rule or glossary), parsed."""
    return load_text(read_text(path), str(path), project=True)


def line_of(data, key: str | None = None) -> int | None:
    if isinstance(data, LineDict):
        return data.line_of(key) if key is not None else data.line
    return None
