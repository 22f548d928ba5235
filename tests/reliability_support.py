"""Helpers for the reliability and safety tests (test_reliability*.py, test_safety.py):
draftlint run as a child process (``python -m linter``), its JSON report read back as
tuples, the one-line error check, and a run's peak memory.

Every bad input must give exactly one line on stderr, ``draftlint: error: <file>[:<line>]:
<problem>``, with no traceback; the other drafts are still linted; exit code 2 for a
draft that could not be read or a bad config, 1 for findings."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

VQ = "vague-quantifier"
VQ_MESSAGE = "'{}' is vague: say how many or how much"
MIB = 1024 * 1024
#: the documented default of ``max_file_size`` (README: "default 1 MiB")
DEFAULT_LIMIT = MIB
#: a draft that is a vague quantifier, to show a run went on past a bad input
GOOD = "Many dogs bark.\n"
GOOD_FINDING = (VQ, "warning", 1, 1, 1, 5, "Many")


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path -> text or bytes) under ``root``; text is written
    as UTF-8 with its line endings untouched."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def run(*args: str, cwd: Path, timeout: float = 120, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    """``python -m linter ARGS`` in ``cwd``, output captured as text."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return run_command([sys.executable, "-m", "linter", *args], cwd=cwd, timeout=timeout, stdin=data)


def run_command(argv: list[str], cwd: Path, timeout: float = 120, stdin: bytes | None = None,
                env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``argv`` in its own process group; on a timeout the whole group (draftlint's
    ``--jobs`` workers too) is killed before ``TimeoutExpired`` is raised."""
    proc = subprocess.Popen(argv, cwd=cwd, env=env or _env(), start_new_session=True,
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise
    finally:
        if proc.returncode is None:
            kill_group(proc)
    return subprocess.CompletedProcess(argv, proc.returncode, out.decode("utf-8", "surrogateescape"),
                                       err.decode("utf-8", "surrogateescape"))


def kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def lint(*args: str, cwd: Path, timeout: float = 120, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    """``draftlint lint --no-cache ARGS``."""
    return run("lint", "--no-cache", *args, cwd=cwd, timeout=timeout, stdin=stdin)


def lint_json(*args: str, cwd: Path, timeout: float = 120, stdin=None) -> tuple[subprocess.CompletedProcess, dict]:
    """``draftlint lint --no-cache --format json --select vague-quantifier ARGS`` and its report."""
    proc = lint("--format", "json", "--select", VQ, *args, cwd=cwd, timeout=timeout, stdin=stdin)
    assert proc.stdout, proc.stderr
    return proc, json.loads(proc.stdout)


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}


def entry(doc: dict, path: str) -> dict:
    files = [f for f in doc["files"] if f["path"] == path]
    assert len(files) == 1, [f["path"] for f in doc["files"]]
    return files[0]


def findings(doc: dict, path: str) -> list[tuple]:
    """``(rule, severity, line, column, end_line, end_column, text)`` per finding of ``path``."""
    return [(x["rule"], x["severity"], x["line"], x["column"], x["end_line"], x["end_column"], x["text"])
            for x in entry(doc, path)["findings"]]


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream and "RecursionError" not in stream, stream[-2000:]


def assert_one_error(proc: subprocess.CompletedProcess, where_and_problem: str, code: int = 2) -> None:
    """stderr is exactly one line, ``draftlint: error: <where_and_problem>``, and the exit code is ``code``."""
    assert_no_traceback(proc)
    assert proc.stderr == f"draftlint: error: {where_and_problem}\n", proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stderr)


def assert_error_entry(doc: dict, path: str, where_and_problem: str) -> None:
    """The JSON report has the draft, with the same error and no score."""
    e = entry(doc, path)
    assert (e["error"], e["term"], e["score"], e["passed"], e["findings"]) == (where_and_problem, None, None, None, [])


#: Runs draftlint's entry point and, on the way out, writes the process's own VmHWM to the
#: file named by the first argument. wait4's ru_maxrss cannot be used: Linux carries the
#: forking parent's high-water mark into the child, so under a pytest process that has loaded
#: spaCy every child would report the parent's few hundred MB.
_PEAK_WRAPPER = """
import atexit, runpy, sys
out = sys.argv.pop(1)
def _report():
    with open("/proc/self/status", encoding="ascii") as fh:
        peak = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    with open(out, "w", encoding="ascii") as fh:
        fh.write(peak)
atexit.register(_report)
sys.argv[0] = "draftlint"
runpy.run_module("linter", run_name="__main__")
"""


def run_with_peak_memory(args: list[str], cwd: Path, limit_kb: int, timeout: float = 240) -> tuple[int | None, int, str, str]:
    """Run ``python -m linter ARGS``; return ``(exit code, peak RSS in KiB, stdout, stderr)``.
    The peak is the child's own high-water mark (polled while it runs, and read by the
    child itself as it exits). The child is killed (exit code None) as soon as its peak
    passes ``limit_kb``, so a run that would need gigabytes fails in seconds instead of
    swapping the machine."""
    out_path, err_path, peak_path = cwd / ".peak-stdout", cwd / ".peak-stderr", cwd / ".peak-kb"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", _PEAK_WRAPPER, str(peak_path), *args], cwd=cwd,
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=_env(),
                                start_new_session=True)
    peak, code = 0, None
    deadline = time.monotonic() + timeout
    try:
        while True:
            if proc.poll() is not None:
                code = proc.returncode
                break
            peak = max(peak, _vm_hwm(proc.pid))
            if peak > limit_kb or time.monotonic() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                code = None
                break
            time.sleep(0.05)
    finally:
        if proc.returncode is None:  # pragma: no cover - an exception in the loop
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    if peak_path.exists():
        peak = max(peak, int(peak_path.read_text("ascii") or 0))
        peak_path.unlink()
    stdout, stderr = out_path.read_text("utf-8"), err_path.read_text("utf-8")
    out_path.unlink()
    err_path.unlink()
    return code, peak, stdout, stderr


def _vm_hwm(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def snapshot(root: Path, skip: str = ".draftlint_cache") -> dict[str, tuple[bytes, int]]:
    """``relative path -> (bytes, mtime_ns)`` of every file under ``root`` outside ``skip``."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if rel.parts and rel.parts[0] == skip:
            continue
        if path.is_file():
            out[str(rel)] = (path.read_bytes(), path.stat().st_mtime_ns)
    return out


def offset_of(text: str, line: int, column: int) -> int:
    """0-based offset of a 1-based line and column (code points); lines end at LF, CRLF or CR."""
    starts = [0]
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n" or c == "\r":
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            starts.append(i + 1)
        i += 1
    assert 1 <= line <= len(starts), (line, len(starts))
    return starts[line - 1] + column - 1
