"""``--format junit``: one test case per draft, for CI systems that show test reports."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from linter.model import SEVERITY_RANK, Report
from linter.report.escape import path as _path
from linter.report.escape import terminal as _t


def render(report: Report, **_options) -> str:
    suite = ET.Element("testsuite", name="draftlint")
    failures = errors = 0
    threshold = SEVERITY_RANK.get(report.fail_level, 2)
    for fr in report.files:
        # escape.terminal also replaces every character XML 1.0 forbids (C0 controls, lone
        # surrogates, U+FFFE, U+FFFF), so the document is well-formed whatever the draft holds
        name, error = _t(fr.path), _t(fr.error or "")
        case = ET.SubElement(suite, "testcase", classname="draftlint", name=name, file=name)
        if fr.error:
            errors += 1
            ET.SubElement(case, "error", message=error, type="input-error").text = error
            continue
        failing = [rf for rf in fr.findings if SEVERITY_RANK[rf.finding.severity] >= threshold]
        lines = [f"{_path(fr.path)}:{rf.location.line}:{rf.location.column}: {rf.finding.severity} "
                 f"{_t(rf.finding.rule)} {_t(rf.finding.message)}" for rf in fr.findings]
        lines.append(f"score {fr.score:.1f}/100 against '{_t(str(fr.term))}' (pass mark {fr.fail_under:g})")
        for rc in fr.criteria:
            c = rc.score
            lines.append(f"  {'met  ' if c.met else 'unmet'} {_t(c.id)} {c.score:.2f}"
                         + (f": {_t(c.missing)}" if c.missing else ""))
        if fr.passed is False or failing:
            failures += 1
            what = (f"score {fr.score:.0f} under {fr.fail_under:g}" if fr.passed is False
                    else f"{len(failing)} finding(s) at or above {report.fail_level}")
            ET.SubElement(case, "failure", message=what, type="draftlint").text = "\n".join(lines)
        else:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    suite.set("tests", str(len(report.files)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites", name="draftlint", tests=str(len(report.files)), failures=str(failures),
                      errors=str(errors))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
