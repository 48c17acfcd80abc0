"""Output formats, one module each, in a registry. A formatter receives every file's result in
order and writes; it never filters diagnostics and never chooses the exit status."""

from __future__ import annotations

from typing import Callable, TextIO

from .base import Formatter
from .jsonfmt import JsonFormatter
from .text import TextFormatter

FORMATS: dict[str, Callable[[TextIO], Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
}
