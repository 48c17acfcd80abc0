"""`cablelint server`: a Language Server Protocol server on standard input and output (pygls, the
optional extra `cablelint[lsp]`), so an editor shows cablelint's findings while a cable is drafted."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from ...errors import EXIT_ERROR

INSTALL = 'pip install "cablelint[lsp]"'


def _milliseconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of milliseconds") from None
    if not 0 <= value <= 10_000:
        raise argparse.ArgumentTypeError("the pause must be 0 to 10000 milliseconds")
    return value / 1000


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="cablelint server",
        description="A language server (LSP) on standard input and output: diagnostics while you type, rule "
                    "explanations on hover, quick fixes for the TAGS line, the cable's outline. Point your "
                    "editor's LSP client at `cablelint server` (README, In the editor).")
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default "
                                                               "and only transport; accepted as editors pass it)")
    parser.add_argument("--debounce", type=_milliseconds, default=None, metavar="MS",
                        help="milliseconds of quiet after a change before the text is linted (default: 150)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError as exc:
        print(f"cablelint: the language server needs pygls, which is not installed ({exc}); install it with: "
              f"{INSTALL}", file=sys.stderr)
        return EXIT_ERROR
    from .server import DEFAULT_DEBOUNCE
    from .stdio import serve

    status = serve(DEFAULT_DEBOUNCE if args.debounce is None else args.debounce)
    # The request loop has ended (the editor said exit or closed the pipe). A worker or the reader of
    # standard input may still wait on a read that never ends; nothing is left to write, so the
    # process ends here rather than in an interpreter shutdown that would wait for them.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)
