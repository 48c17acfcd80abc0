"""Run the `cablelint` command in this process and capture what it prints."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

from cablelint.cli import main


def run_main(*args: str) -> tuple[int, str, str]:
    """(exit status, standard output, standard error) of `cablelint ARGS`."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()
