"""``--format junit``: one test case per draft, for CI systems that show test reports."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from linter.model import SEVERITY_RANK, Report


def render(report: Report, **_options) -> str:
    suite = ET.Element("testsuite", name="draftlint")
    failures = errors = 0
    threshold = SEVERITY_RANK.get(report.fail_level, 2)
    for fr in report.files:
        case = ET.SubElement(suite, "testcase", classname="draftlint", name=fr.path, file=fr.path)
        if fr.error:
            errors += 1
            ET.SubElement(case, "error", message=fr.error, type="input-error").text = fr.error
            continue
        failing = [rf for rf in fr.findings if SEVERITY_RANK[rf.finding.severity] >= threshold]
        lines = [f"{fr.path}:{rf.location.line}:{rf.location.column}: {rf.finding.severity} {rf.finding.rule} "
                 f"{rf.finding.message}" for rf in fr.findings]
        lines.append(f"score {fr.score:.1f}/100 against '{fr.term}' (pass mark {fr.fail_under:g})")
        for rc in fr.criteria:
            c = rc.score
            lines.append(f"  {'met  ' if c.met else 'unmet'} {c.id} {c.score:.2f}" + (f": {c.missing}" if c.missing else ""))
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
