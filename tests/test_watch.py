"""``draftlint lint --watch``: after the first report, a draft that changes on disk is
reported again (and only that draft), until Ctrl-C, which ends the run cleanly. Run as a real
process, with real file events."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

from helpers_cli import ROOT, cli, write

WAIT = 120  # seconds: the model loads first, and the machine may be busy


def _reader(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put(line)
    lines.put(None)


def _until(lines: queue.Queue, wanted, seen: list[str]) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if wanted(line):
            return line
    raise AssertionError(f"never saw the line; got: {''.join(seen)[-2000:]}")


def test_a_changed_draft_is_reported_again_until_ctrl_c(tmp_path):
    write(tmp_path, {"posts/a.md": "We shipped the queue in May.\n", "posts/b.md": "We moved the docs.\n"})
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "linter", "lint", "--watch", "--quiet", "--fail-under", "0",
                             "--no-cache", "posts"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out: queue.Queue = queue.Queue()
    err: queue.Queue = queue.Queue()
    for stream, q in ((proc.stdout, out), (proc.stderr, err)):
        threading.Thread(target=_reader, args=(stream, q), daemon=True).start()
    seen_out: list[str] = []
    seen_err: list[str] = []
    try:
        _until(err, lambda line: line.startswith("draftlint: watching 1 path(s)"), seen_err)
        assert seen_out == [] and out.empty()  # both drafts are clean
        time.sleep(1)  # let the watcher settle before the edit
        (tmp_path / "posts" / "a.md").write_text("We shipped the queue in May.\n\nWe utilize it daily.\n",
                                                 encoding="utf-8")
        line = _until(out, lambda line: "inflated-word" in line, seen_out)
        assert line == "posts/a.md:3:4: info inflated-word 'utilize' is an inflated word: write 'use'\n"
        assert not any("b.md" in x for x in seen_out)  # only the changed draft is reported again
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0


def test_watch_does_not_combine_with_stdin_diff_baseline_or_fix(tmp_path):
    write(tmp_path, {"a.md": "We shipped.\n"})
    for extra in (["-"], ["--fix", "a.md"], ["--diff", "HEAD", "a.md"], ["--baseline", "b.json", "a.md"]):
        result = cli("lint", "--watch", *extra, cwd=tmp_path)
        assert (result.exit_code, result.stderr) == (
            2, "draftlint: error: --watch watches files and folders; it does not combine with '-', --diff, "
               "--baseline or --fix\n"), extra
