"""Safety: draftlint never writes to drafts, and its result cache (``.draftlint_cache``)
is written atomically, survives damage and foreign files, and is shared safely by two
runs at once. Through the command line, with the cache on unless a test says otherwise.
Markers ``xfail(strict=True)`` name bugs still open."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reliability_support import VQ, assert_no_traceback, kill_group, run, snapshot, write

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["text", "json", "github", "sarif", "junit"]
CACHE = ".draftlint_cache"


def small_drafts(root: Path, n: int) -> Path:
    """``n`` short drafts, each with a vague quantifier on a different line."""
    return write(root, {f"post{i:02d}.md": "# Notes\n\n" + "Dogs bark.\n" * (i % 4) + "Many cats purr.\n"
                        for i in range(n)})


def entries(root: Path) -> list[Path]:
    """The cache's entries (``<2 hex>/<64 hex>.json``), without temporary files."""
    return sorted(p for p in (root / CACHE).glob("*/*.json") if not p.name.startswith(".tmp-"))


def assert_cache_readable(root: Path, found: list[Path] | None = None) -> None:
    """Every entry (or those ``found``) is complete JSON for its own key; no temporary
    file is left."""
    assert sorted(p.name for p in (root / CACHE).rglob(".tmp-*")) == []
    found = entries(root) if found is None else found
    assert found
    for path in found:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert (data["format"], data["key"], path.parent.name) == (1, path.stem, path.stem[:2])
        assert data["report"]["path"]


# -- drafts are never written ---------------------------------------------------------------

def test_lint_never_writes_to_drafts(tmp_path):
    """Every byte and mtime under a copy of examples/ is unchanged after linting it in
    every format, with the cache (kept inside the drafts' folder) and without."""
    drafts = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", drafts)
    before = snapshot(drafts)
    assert len([p for p in before if p.endswith((".md", ".mdx"))]) >= 4
    outputs = {}
    for fmt in FORMATS:
        for cache in ([], ["--no-cache"]):
            proc = run("lint", *cache, "--format", fmt, ".", cwd=drafts, timeout=180)
            assert_no_traceback(proc)
            assert (proc.returncode, proc.stderr) == (1, ""), proc.stderr
            outputs.setdefault(fmt, set()).add(proc.stdout)
    assert snapshot(drafts) == before
    assert {fmt: len(texts) for fmt, texts in outputs.items()} == {fmt: 1 for fmt in FORMATS}  # cache = no cache
    assert sorted(p.name for p in drafts.iterdir()) == sorted({Path(p).parts[0] for p in before} | {CACHE})


# -- the cache --------------------------------------------------------------------------------

def test_cache_entries_appear_complete_while_a_run_writes_them(tmp_path):
    small_drafts(tmp_path, 40)
    seen, broken, stop = set(), [], threading.Event()

    def sweep():
        for path in entries(tmp_path):
            if path.name in seen:
                continue
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                assert data["key"] == path.stem and data["report"]["findings"]
                seen.add(path.name)
            except Exception as exc:  # noqa: BLE001 - any partial entry is a failure
                broken.append((path.name, repr(exc)))

    def watch():
        while not stop.is_set():
            sweep()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        proc = run("lint", "--select", VQ, "--quiet", ".", cwd=tmp_path, timeout=180)
    finally:
        stop.set()
        watcher.join(10)
    sweep()
    assert (proc.returncode, proc.stderr) == (1, "")
    assert broken == []
    assert len(seen) == len(entries(tmp_path)) == 40
    assert_cache_readable(tmp_path)


DAMAGE = {
    "truncated": lambda text: text[: len(text) // 2],
    "not-utf8": lambda text: b"\xff\xfe\x00garbage",
    "a-json-list": lambda text: "[]",
    "another-key": lambda text: json.dumps({**json.loads(text), "key": "0" * 64}),
    "another-format": lambda text: json.dumps({**json.loads(text), "format": 999}),
    "report-missing-fields": lambda text: json.dumps({**json.loads(text), "report": {"path": "x.md"}}),
    "deeply-nested": lambda text: "[" * 100_000 + "]" * 100_000,
    "empty": lambda text: "",
}


def test_damaged_cache_entries_and_foreign_files_are_ignored_and_rebuilt(tmp_path):
    small_drafts(tmp_path, len(DAMAGE))
    args = ("lint", "--select", VQ, "--format", "json", ".")
    first = run(*args, cwd=tmp_path)
    assert first.returncode == 1
    found = entries(tmp_path)
    assert len(found) == len(DAMAGE)
    for path, damage in zip(found, DAMAGE.values()):
        out = damage(path.read_text(encoding="utf-8"))
        path.write_bytes(out if isinstance(out, bytes) else out.encode("utf-8"))
    foreign = {f"{CACHE}/zz/notes.txt": "not an entry\n", f"{CACHE}/foreign.json": "{}",
               f"{CACHE}/ab/ab{'0' * 62}.json": "{\"format\": 1}", f"{CACHE}/CACHEDIR.TAG": "overwritten\n"}
    write(tmp_path, foreign)
    again = run(*args, cwd=tmp_path)
    assert_no_traceback(again)
    assert (again.returncode, again.stderr, again.stdout) == (first.returncode, "", first.stdout)
    assert_cache_readable(tmp_path, found)  # every damaged entry was written again, whole
    assert (tmp_path / CACHE / "zz/notes.txt").read_text(encoding="utf-8") == "not an entry\n"
    third = run(*args, cwd=tmp_path)
    assert third.stdout == first.stdout


def test_an_entry_that_cannot_be_replaced_leaves_no_temporary_file(tmp_path):
    small_drafts(tmp_path, 2)
    args = ("lint", "--select", VQ, "--format", "json", ".")
    first = run(*args, cwd=tmp_path)
    for path in entries(tmp_path):
        path.unlink()
        path.mkdir()
    again = run(*args, cwd=tmp_path)
    assert (again.returncode, again.stderr, again.stdout) == (first.returncode, "", first.stdout)
    assert sorted(p.name for p in (tmp_path / CACHE).rglob(".tmp-*")) == []


def test_a_cache_folder_that_is_a_file_does_not_stop_the_run(tmp_path):
    small_drafts(tmp_path, 2)
    (tmp_path / CACHE).write_text("not a folder\n", encoding="utf-8")
    cached = run("lint", "--select", VQ, "--format", "json", ".", cwd=tmp_path)
    plain = run("lint", "--no-cache", "--select", VQ, "--format", "json", ".", cwd=tmp_path)
    assert (cached.returncode, cached.stderr, cached.stdout) == (plain.returncode, "", plain.stdout)
    assert (tmp_path / CACHE).read_text(encoding="utf-8") == "not a folder\n"


def test_two_runs_at_once_share_the_folder_and_the_cache(tmp_path):
    small_drafts(tmp_path, 24)
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("ci"))
    argv = [sys.executable, "-m", "linter", "lint", "--format", "json", "."]
    procs = [subprocess.Popen(argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              start_new_session=True) for _ in range(2)]
    results = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=240)
            results.append((proc.returncode, out.decode(), err.decode()))
    finally:
        for proc in procs:
            if proc.returncode is None:
                kill_group(proc)
    assert [(code, err) for code, _, err in results] == [(1, ""), (1, "")]
    assert results[0][1] == results[1][1]
    doc = json.loads(results[0][1])
    assert doc["summary"]["files"] == 28 and doc["summary"]["errors"] == 0
    assert_cache_readable(tmp_path)
    assert len(entries(tmp_path)) == 28
    later = run("lint", "--format", "json", ".", cwd=tmp_path)
    assert (later.returncode, later.stdout) == (1, results[0][1])
