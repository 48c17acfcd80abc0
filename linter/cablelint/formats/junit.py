"""JUnit XML, the test report GitLab, Jenkins and Azure show: each cable is a test suite."""

from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from .. import patterns
from ..checks.diagnostics import Diagnostic, FileResult
from .base import Formatter

# One `<testsuite>` per file; one failing `<testcase>` per error or warning, named with its line
# and column (so reports stay readable and distinct). Info findings (a cable
# due for declassification, a file that is not a cable) are information, not failures: unless
# `--fail-on info` makes them fail the run, they are the `<system-out>` of one passing testcase,
# named NOTES_NAME. A clean file has a single passing testcase, so clean cables count as passed
# tests. A rule that crashed on a file is an `<error>` testcase. Text is escaped for XML, and
# characters XML 1.0 cannot carry become U+FFFD.

_NOT_XML = patterns.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
CLEAN_NAME = "no findings"
NOTES_NAME = "notes (info)"


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def xml_attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _line(path: str, d: Diagnostic) -> str:
    return f"{path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}"


def suite_element(result: FileResult, info_fails: bool = False) -> str:
    """The `<testsuite>` element of one file."""
    path = xml_attr(result.path)
    failing = [d for d in result.diagnostics if info_fails or d.severity != "info"]
    notes = [d for d in result.diagnostics if not info_fails and d.severity == "info"]
    cases = []
    for d in failing:
        name = xml_attr(f"{d.code} at {d.line}:{d.column} {d.name}".rstrip())
        summary = xml_attr(f"{d.code} [{d.severity}] {d.message}")
        cases.append(f'    <testcase classname={path} name={name} file={path} line="{d.line}">\n'
                     f'      <failure type="{d.severity}" message={summary}>{xml_text(_line(result.path, d))}'
                     f'</failure>\n    </testcase>\n')
    for error in result.errors:
        name = xml_attr(f"rule {error.code} crashed")
        cases.append(f'    <testcase classname={path} name={name} file={path}>\n'
                     f'      <error type="internal-error" message={xml_attr(error.error)}>'
                     f'{xml_text(error.traceback)}</error>\n    </testcase>\n')
    if notes:
        out = xml_text("".join(_line(result.path, d) + "\n" for d in notes))
        cases.append(f'    <testcase classname={path} name="{NOTES_NAME}" file={path}>\n'
                     f'      <system-out>{out}</system-out>\n    </testcase>\n')
    if not cases:
        cases.append(f'    <testcase classname={path} name="{CLEAN_NAME}" file={path}/>\n')
    return (f'  <testsuite name={path} tests="{len(cases)}" failures="{len(failing)}" errors="{len(result.errors)}" '
            f'skipped="0">\n{"".join(cases)}  </testsuite>\n')


class JunitFormatter(Formatter):
    """Builds each file's suite as it arrives; writes the document with its totals at the end.
    `info_fails` (--fail-on info): info findings are failures like the others."""

    def __init__(self, stream: TextIO, info_fails: bool = False):
        super().__init__(stream)
        self.info_fails = info_fails
        self.suites: list[str] = []
        self.tests = self.failures = self.errors = 0

    def add(self, result: FileResult) -> None:
        self.suites.append(suite_element(result, self.info_fails))
        failing = sum(1 for d in result.diagnostics if self.info_fails or d.severity != "info")
        notes = len(result.diagnostics) - failing
        self.failures += failing
        self.errors += len(result.errors)
        self.tests += max(1, failing + len(result.errors) + (1 if notes else 0))

    def end(self) -> None:
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(f'<testsuites name="cablelint" tests="{self.tests}" failures="{self.failures}" '
                          f'errors="{self.errors}">\n')
        self.stream.writelines(self.suites)
        self.stream.write("</testsuites>\n")
