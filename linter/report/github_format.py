"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

Annotations appear on the pull request's changed lines, with the rule id in the title.
A draft that fails its score gets one annotation at line 1 with what is missing.
"""

from __future__ import annotations

from linter.model import Report
from linter.report.escape import terminal as _t

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


# GitHub's own escaping (actions/toolkit command.ts): data escapes % CR LF, a property also
# : and ,. Each field is first escaped for the terminal, so a line break a draft or a rule
# holds shows as \n, and only the line breaks draftlint puts in become %0A.
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, **_options) -> str:
    lines = []
    for fr in report.files:
        path = _escape_property(_t(fr.path))
        if fr.error:
            lines.append(f"::error file={path},title=draftlint::{_escape_data(_t(fr.error))}")
            continue
        for rf in fr.findings:
            f, loc = rf.finding, rf.location
            props = (f"file={path},line={loc.line},col={loc.column},endLine={loc.end_line},"
                     f"endColumn={loc.end_column},title={_escape_property('draftlint ' + _t(f.rule))}")
            message = _t(f.message) + (f" ({_t(f.suggestion)})" if f.suggestion else "")
            lines.append(f"::{_LEVEL[f.severity]} {props}::{_escape_data(message)}")
        if fr.passed is False:
            unmet = [rc.score for rc in fr.criteria if not rc.score.met]
            detail = "\n".join(f"{_t(c.id)}: {_t(c.missing)}" for c in unmet if c.missing)
            title = _escape_property(f"draftlint score {fr.score:.0f}/100 ({_t(str(fr.term))})")
            text = (f"Scored {fr.score:.0f}/100 against '{_t(str(fr.term))}', under the pass mark "
                    f"{fr.fail_under:g}.\n{detail}")
            lines.append(f"::error file={path},line=1,title={title}::{_escape_data(text)}")
    s = report.summary
    lines.append(f"draftlint: {s.get('files', 0)} draft(s), {s.get('passed', 0)} passed, {s.get('failed', 0)} failed, "
                 f"{s.get('findings', 0)} finding(s)")
    return "\n".join(lines) + "\n"
