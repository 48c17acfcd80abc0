"""JUnit XML, the test report GitLab, Jenkins and Azure show: each cable is a test suite."""

from __future__ import annotations

import re
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from ..checks.diagnostics import FileResult
from .base import Formatter

# One `<testsuite>` per file; one failing `<testcase>` per diagnostic, named with its line and
# column (so reports stay readable and distinct); a single passing testcase for a clean file, so
# clean cables count as passed tests. A rule that crashed on a file is an `<error>` testcase.
# Text is escaped for XML, and characters XML 1.0 cannot carry become U+FFFD.

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
CLEAN_NAME = "no findings"


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", text))


def xml_attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def suite_element(result: FileResult) -> str:
    """The `<testsuite>` element of one file."""
    path = xml_attr(result.path)
    cases = []
    for d in result.diagnostics:
        name = xml_attr(f"{d.code} at {d.line}:{d.column} {d.name}".rstrip())
        summary = xml_attr(f"{d.code} [{d.severity}] {d.message}")
        body = xml_text(f"{result.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}")
        cases.append(f'    <testcase classname={path} name={name} file={path} line="{d.line}">\n'
                     f'      <failure type="{d.severity}" message={summary}>{body}</failure>\n'
                     f'    </testcase>\n')
    for error in result.errors:
        name = xml_attr(f"rule {error.code} crashed")
        cases.append(f'    <testcase classname={path} name={name} file={path}>\n'
                     f'      <error type="internal-error" message={xml_attr(error.error)}>'
                     f'{xml_text(error.traceback)}</error>\n    </testcase>\n')
    if not cases:
        cases.append(f'    <testcase classname={path} name="{CLEAN_NAME}" file={path}/>\n')
    failures, errors = len(result.diagnostics), len(result.errors)
    return (f'  <testsuite name={path} tests="{len(cases)}" failures="{failures}" errors="{errors}" '
            f'skipped="0">\n{"".join(cases)}  </testsuite>\n')


class JunitFormatter(Formatter):
    """Builds each file's suite as it arrives; writes the document with its totals at the end."""

    def __init__(self, stream: TextIO):
        super().__init__(stream)
        self.suites: list[str] = []
        self.tests = self.failures = self.errors = 0

    def add(self, result: FileResult) -> None:
        self.suites.append(suite_element(result))
        self.failures += len(result.diagnostics)
        self.errors += len(result.errors)
        self.tests += max(1, len(result.diagnostics) + len(result.errors))

    def end(self) -> None:
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(f'<testsuites name="cablelint" tests="{self.tests}" failures="{self.failures}" '
                          f'errors="{self.errors}">\n')
        self.stream.writelines(self.suites)
        self.stream.write("</testsuites>\n")
