"""The cache's life cycle: entries unused for MAX_AGE_DAYS or beyond MAX_BYTES are pruned
(at most once a day, one run at a time), a hit marks an entry used, and ``draftlint cache
info`` / ``cache clear`` show and remove the cache, refusing any folder not marked as
draftlint's."""

from __future__ import annotations

import fcntl
import os
import time

import pytest

from linter import cache
from helpers_cli import VQ, cli, write

CACHE = ".draftlint_cache"
DAY = 86400


def lint(root, *names):
    result = cli("lint", *names, "--select", VQ, "--format", "json", cwd=root)
    assert result.stderr == "", result.stderr
    return result


def entries(root):
    return sorted((root / CACHE).glob("*/*.json"))


def age(path, days):
    then = time.time() - days * DAY
    os.utime(path, (then, then))


@pytest.fixture
def project(tmp_path):
    write(tmp_path, {"draftlint.yaml": "fail_under: 0\n", "a.md": "Many dogs bark.\n", "b.md": "Cats purr.\n",
                     "c.md": "Owls hoot.\n"})
    return tmp_path


def test_info_and_clear_show_and_remove_the_cache(project):
    lint(project, "a.md", "b.md")
    found = entries(project)
    size = sum(p.stat().st_size for p in found)
    folder = project / CACHE
    info = cli("cache", "info", cwd=project)
    assert (info.exit_code, info.stderr) == (0, "")
    lines = info.stdout.splitlines()
    assert lines[:3] == [f"path: {folder}", "entries: 2", f"size: {size:,} bytes ({size / 1024:.1f} KiB)"]
    assert lines[3].startswith("last pruned: ") and lines[3].endswith(" UTC")
    assert lines[4] == ("pruning: at most once a day, entries unused for 30 days, then the least recently used "
                        "beyond 128 MiB")
    cleared = cli("cache", "clear", cwd=project)
    assert (cleared.exit_code, cleared.stderr) == (0, "")
    assert cleared.stdout == f"removed 2 entries, {size:,} bytes ({size / 1024:.1f} KiB), from {folder}\n"
    assert not folder.exists()
    assert sorted(p.name for p in project.iterdir()) == ["a.md", "b.md", "c.md", "draftlint.yaml"]
    again = cli("cache", "clear", cwd=project)
    assert (again.exit_code, again.stdout) == (0, f"no cache at {folder}\n")
    assert cli("cache", "info", cwd=project).stdout == (
        f"path: {folder} (no cache yet)\nentries: 0\nsize: 0 bytes\nlast pruned: never\n"
        "pruning: at most once a day, entries unused for 30 days, then the least recently used beyond 128 MiB\n")


def test_the_cache_dir_option_names_the_folder(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "c"
    cli("lint", "a.md", "--select", VQ, "--cache-dir", str(elsewhere), cwd=project)
    assert cli("cache", "info", "--cache-dir", str(elsewhere), cwd=project).stdout.splitlines()[1] == "entries: 1"
    cleared = cli("cache", "clear", "--cache-dir", str(elsewhere), cwd=project)
    assert cleared.stdout.startswith(f"removed 1 entry, ") and not elsewhere.exists()


def test_clear_refuses_a_folder_that_is_not_a_draftlint_cache(project):
    write(project, {"notes/ab/" + "0" * 64 + ".json": "{}", "notes/.gitignore": "*\n"})
    for command in ("clear", "info"):
        result = cli("cache", command, "--cache-dir", "notes", cwd=project)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == ("draftlint: error: notes: not a draftlint cache (its .gitignore does not start with "
                                 "\"# draftlint's result cache; safe to delete\")"
                                 + ("; nothing deleted\n" if command == "clear" else "\n"))
    assert (project / "notes" / "ab" / ("0" * 64 + ".json")).exists()
    write(project, {"plain/file.txt": "x"})
    assert cli("cache", "clear", "--cache-dir", "plain", cwd=project).exit_code == 2
    assert (project / "plain" / "file.txt").exists()


def test_clear_refuses_a_cache_folder_that_is_a_link(project):
    lint(project, "a.md")
    os.rename(project / CACHE, project / "real")
    os.symlink(project / "real", project / CACHE)
    result = cli("cache", "clear", cwd=project)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"draftlint: error: {project / CACHE}: the cache folder is a symbolic link; "
                             "nothing deleted\n")
    assert len(list((project / "real").glob("*/*.json"))) == 1


def test_clear_leaves_files_it_did_not_write(project):
    lint(project, "a.md")
    (sub,) = {p.parent for p in entries(project)}
    write(project, {f"{CACHE}/{sub.name}/mine.txt": "keep", f"{CACHE}/notes.md": "keep"})
    result = cli("cache", "clear", cwd=project)
    assert result.exit_code == 0 and result.stdout.endswith(
        "; 2 file(s) draftlint did not write were left in place\n")
    left = sorted(str(p.relative_to(project / CACHE)) for p in (project / CACHE).rglob("*"))
    assert left == sorted([".gitignore", "CACHEDIR.TAG", sub.name, f"{sub.name}/mine.txt", "notes.md"])
    assert lint(project, "a.md").exit_code == 0  # the cache is still used afterwards


def test_entries_unused_for_30_days_are_pruned_at_most_once_a_day(project):
    lint(project, "a.md", "b.md")
    for path in entries(project):
        age(path, 31)
    lint(project, "c.md")  # pruned today already (the first run): nothing goes
    assert len(entries(project)) == 3
    age(project / CACHE / ".pruned", 1.01)
    lint(project, "c.md")
    (kept,) = entries(project)
    assert time.time() - kept.stat().st_mtime < 3600  # c.md's, used today
    assert cli("cache", "info", cwd=project).stdout.splitlines()[1] == "entries: 1"


def test_a_hit_marks_an_old_entry_as_used(project):
    lint(project, "a.md")
    (entry,) = entries(project)
    age(entry, 20)
    first = lint(project, "a.md").stdout
    assert time.time() - entry.stat().st_mtime < 3600
    age(entry, 0.5)  # touched at most once a day
    before = entry.stat().st_mtime
    assert lint(project, "a.md").stdout == first and entry.stat().st_mtime == before


def test_beyond_the_size_cap_the_least_recently_used_go_first(project, monkeypatch):
    lint(project, "a.md", "b.md", "c.md")
    by_draft = {}
    for name in ("a.md", "b.md", "c.md"):  # which entry is whose
        cli("cache", "clear", cwd=project)
        lint(project, name)
        by_draft[name] = entries(project)[0]
    cli("cache", "clear", cwd=project)
    lint(project, "a.md", "b.md", "c.md")
    paths = entries(project)
    assert sorted(by_draft.values()) == paths
    for days, name in ((3, "a.md"), (1, "b.md"), (2, "c.md")):
        age(by_draft[name], days)
    monkeypatch.setattr(cache, "MAX_BYTES", by_draft["b.md"].stat().st_size + by_draft["c.md"].stat().st_size)
    assert cache.prune(project / CACHE, force=True)[0] == 1
    assert entries(project) == sorted([by_draft["b.md"], by_draft["c.md"]])
    monkeypatch.setattr(cache, "MAX_BYTES", 0)
    assert cache.prune(project / CACHE, force=True)[0] == 2 and entries(project) == []


def test_one_run_prunes_at_a_time_and_stale_temporary_files_go(project):
    lint(project, "a.md")
    (entry,) = entries(project)
    age(entry, 40)
    stale = entry.parent / ".tmp-0123456789abcdef.json"
    stale.write_text("{", encoding="utf-8")
    age(stale, 1)
    fresh = entry.parent / ".tmp-fedcba9876543210.json"
    fresh.write_text("{", encoding="utf-8")  # another run is writing it now
    fd = os.open(project / CACHE / ".prune.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another run is pruning
    try:
        assert cache.prune(project / CACHE, force=True) == (0, 0)
        assert entry.exists()
    finally:
        os.close(fd)
    size = entry.stat().st_size
    assert cache.prune(project / CACHE, force=True) == (1, size)
    assert not entry.exists() and not stale.exists() and fresh.exists()


def test_pruning_never_touches_a_folder_that_is_not_a_draftlint_cache(tmp_path):
    write(tmp_path, {"ab/" + "0" * 64 + ".json": "{}"})
    age(tmp_path / "ab" / ("0" * 64 + ".json"), 400)
    assert cache.prune(tmp_path, force=True) == (0, 0)
    assert (tmp_path / "ab" / ("0" * 64 + ".json")).exists()
