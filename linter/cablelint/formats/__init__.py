"""Output formats, one module each, in a registry. A formatter receives every file's result in
order and writes; it never filters diagnostics and never chooses the exit status."""

from __future__ import annotations

from typing import Callable, TextIO

from .base import Formatter
from .github import GithubFormatter
from .jsonfmt import JsonFormatter
from .text import TextFormatter


# SARIF and JUnit are imported when asked for: their imports (urllib, http.client, email, via
# xml.sax.saxutils) would otherwise cost every run, cached pre-commit runs included, ~20 ms.
def _sarif(stream: TextIO) -> Formatter:
    from .sarif import SarifFormatter

    return SarifFormatter(stream)


def _junit(stream: TextIO) -> Formatter:
    from .junit import JunitFormatter

    return JunitFormatter(stream)


FORMATS: dict[str, Callable[[TextIO], Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "sarif": _sarif,
    "github": GithubFormatter,
    "junit": _junit,
}
