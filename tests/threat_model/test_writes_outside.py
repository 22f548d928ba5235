"""Threat model, writes: a cloned repository (its cache folder, a dangling config link) cannot
make draftlint write outside the place the user named, and a baseline write is atomic, private
(mode 0600) and checked before the lint."""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path

from reliability_support import GOOD, GOOD_FINDING, VQ, assert_no_traceback, findings, run, run_command, write

CACHE = ".draftlint_cache"
VICTIM = "precious, not draftlint's\n"


def lint_cached(*args, cwd):
    proc = run("lint", "--select", VQ, "--format", "json", *args, cwd=cwd)
    assert_no_traceback(proc)
    return proc, json.loads(proc.stdout)


def test_a_committed_marker_link_does_not_overwrite_a_file_outside(tmp_path):
    """.draftlint_cache/CACHEDIR.TAG -> ../../victim.txt: the marker exists, so it is left alone."""
    (tmp_path / "victim.txt").write_text(VICTIM, encoding="utf-8")
    repo = write(tmp_path / "repo", {"post.md": GOOD})
    (repo / CACHE).mkdir()
    os.symlink("../../victim.txt", repo / CACHE / "CACHEDIR.TAG")
    proc, doc = lint_cached("post.md", cwd=repo)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert findings(doc, "post.md") == [GOOD_FINDING]
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == VICTIM
    assert os.readlink(repo / CACHE / "CACHEDIR.TAG") == "../../victim.txt"
    assert list((repo / CACHE).glob("*/*.json"))  # the cache itself still works


def test_a_dangling_marker_link_creates_nothing_where_it_points(tmp_path):
    repo = write(tmp_path / "repo", {"post.md": GOOD})
    (repo / CACHE).mkdir()
    os.symlink("../../made-by-draftlint", repo / CACHE / ".gitignore")
    proc, _ = lint_cached("post.md", cwd=repo)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert not (tmp_path / "made-by-draftlint").exists()
    assert (repo / CACHE / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: ")  # a missing one is made


def test_a_cache_folder_that_is_a_link_is_refused_in_one_line(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = write(tmp_path / "repo", {"post.md": GOOD})
    os.symlink("../outside", repo / CACHE)
    proc, doc = lint_cached("post.md", cwd=repo)
    assert proc.returncode == 1
    assert proc.stderr == (f"draftlint: warning: {repo / CACHE}: the cache folder is a symbolic link; "
                           "linting without the cache\n")
    assert findings(doc, "post.md") == [GOOD_FINDING]
    assert list(outside.iterdir()) == []


def test_a_cache_dir_flag_naming_a_link_is_refused(tmp_path):
    (tmp_path / "outside").mkdir()
    repo = write(tmp_path / "repo", {"post.md": GOOD})
    os.symlink("../outside", repo / "cache-link")
    proc, doc = lint_cached("--cache-dir", "cache-link", "post.md", cwd=repo)
    assert proc.returncode == 1
    assert proc.stderr == "draftlint: warning: cache-link: the cache folder is a symbolic link; linting without the cache\n"
    assert findings(doc, "post.md") == [GOOD_FINDING]
    assert list((tmp_path / "outside").iterdir()) == []


def test_linked_entry_folders_inside_the_given_cache_dir_are_never_written_through(tmp_path):
    """Every <2 hex> subfolder of --cache-dir links outside it: no entry lands there."""
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = write(tmp_path / "repo", {"post.md": GOOD})
    (repo / "c").mkdir()
    for i in range(256):
        os.symlink("../../outside", repo / "c" / f"{i:02x}")
    proc, doc = lint_cached("--cache-dir", "c", "post.md", cwd=repo)
    plain, plain_doc = lint_cached("--no-cache", "post.md", cwd=repo)
    assert (proc.returncode, proc.stderr, doc) == (plain.returncode, "", plain_doc)
    assert list(outside.iterdir()) == []


def test_init_refuses_a_dangling_config_link_unless_forced(tmp_path):
    os.symlink("../made.yaml", tmp_path / "draftlint.yaml")
    proc = run("init", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "draftlint: error: draftlint.yaml already exists (use --force to overwrite)\n"
    assert not (tmp_path.parent / "made.yaml").exists()
    forced = run("init", "--force", cwd=tmp_path)
    assert (forced.returncode, forced.stdout, forced.stderr) == (0, "wrote draftlint.yaml\n", "")
    assert not (tmp_path / "draftlint.yaml").is_symlink()  # the link was replaced, not written through
    assert not (tmp_path.parent / "made.yaml").exists()
    assert (tmp_path / "draftlint.yaml").read_text(encoding="utf-8").startswith("# draftlint configuration.")


def _small_file_limit():
    # the baseline's temporary file is created, then its write fails: a real failed write
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_failed_baseline_write_leaves_no_temporary_file(tmp_path):
    write(tmp_path, {f"p{i}.md": GOOD for i in range(3)})
    argv = [sys.executable, "-m", "linter", "lint", "--no-cache", "--select", VQ, ".", "--baseline", "b.json"]
    import subprocess

    proc = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, preexec_fn=_small_file_limit,
                          timeout=120)
    assert_no_traceback(proc)
    assert (proc.returncode, proc.stderr) == (2, "draftlint: error: b.json: cannot write the baseline: File too large\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p0.md", "p1.md", "p2.md"]


def test_the_baseline_is_mode_0600_whatever_the_umask_or_old_mode(tmp_path):
    write(tmp_path, {"post.md": GOOD})
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.json").chmod(0o666)
    code = ("import os, sys; os.umask(0); from linter.cli import main; "
            "sys.argv = ['draftlint', 'lint', '--no-cache', '--select', 'vague-quantifier', 'post.md', "
            "'--baseline', sys.argv[1], '--update-baseline']; main()")
    for name in ("b.json", "new.json"):
        proc = run_command([sys.executable, "-c", code, name], cwd=tmp_path)
        assert (proc.returncode, proc.stderr) == (0, f"draftlint: wrote 1 finding(s) to the baseline {name}\n")
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600, name


def test_a_baseline_in_a_missing_folder_is_one_line_before_any_lint(tmp_path):
    """The error comes before the drafts are analysed: spaCy is never imported."""
    write(tmp_path, {"post.md": GOOD})
    code = ("import sys; from linter.cli import main\n"
            "sys.argv = ['draftlint', 'lint', '--no-cache', 'post.md', '--baseline', 'missing/b.json']\n"
            "try:\n    main()\n"
            "finally:\n    print('spacy' in sys.modules)")
    proc = run_command([sys.executable, "-c", code], cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == ("draftlint: error: missing/b.json: cannot write the baseline: "
                           "the folder missing does not exist\n")
    assert proc.stdout == "False\n"
    assert not (tmp_path / "missing").exists()
