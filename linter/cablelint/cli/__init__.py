"""The `cablelint` command: argument parsing, dispatch to the subcommands, exit status."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import Optional, Sequence

from .. import __version__, patterns
from ..errors import EXIT_ERROR, EXIT_OK, CliError

# `cablelint PATH...` lints; `parse`, `rules`, `explain`, `report`, `clean` and `server` are
# subcommands. (To lint a file named like a subcommand, write it as `./parse`.)

SUBCOMMANDS = ("parse", "rules", "explain", "report", "clean", "server")


class _UnsizedFormatter(argparse.HelpFormatter):
    """The formatter argparse makes, and throws away, for every option added (to check its
    metavar), without asking the terminal's size: that query imports shutil and costs every run
    about 2 ms. Help and usage messages are formatted by the standard class, sized to the terminal."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: Optional[int] = None, **more: object) -> None:  # (later Pythons may pass more)
        super().__init__(prog, indent_increment, max_help_position, 80 if width is None else width, **more)


def _lint_parser() -> argparse.ArgumentParser:
    from .options import add_lint_options

    parser = argparse.ArgumentParser(
        formatter_class=_UnsizedFormatter,
        prog="cablelint",
        description="Classification and declassification compliance linter for diplomatic cables.",
        epilog="Subcommands: cablelint parse PATH... | rules | explain CODE | report PATH... | clean | server. "
               "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, config or internal error.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"cablelint {__version__}")
    add_lint_options(parser)
    parser.formatter_class = argparse.HelpFormatter  # built: from here on it formats messages
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    if any(len(arg) > 4 and "--release".startswith(arg) for arg in argv):  # (argparse takes `--rel` too)
        patterns.distrust()  # the release gate compiles its patterns itself, none from a shared folder
    try:
        if argv and argv[0] == "server":
            from .server import main as serve  # pygls is imported only here, never by a lint run
            return serve(argv[1:])
        if argv and argv[0] in SUBCOMMANDS:
            from . import commands
            return getattr(commands, argv[0])(argv[1:])
        from ..cache.replay import replay

        status = replay(argv)  # the same command over nothing changed: print what it printed
        if status is not None:
            return status
        from .lintcommand import lint

        return lint(_lint_parser().parse_args(argv), argv)
    except CliError as exc:
        print(f"cablelint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cablelint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: say what happened, no bare traceback
        if debug:
            raise
        print(f"cablelint: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
              file=sys.stderr)
        return EXIT_ERROR


def entry() -> None:
    """The `cablelint` command: `main`, then a quick exit.

    Tearing down the interpreter (freeing every object one by one, running the multiprocessing
    finalisers) costs about as much as linting a hundred cables, on every pre-commit run. Once the
    output is flushed there is nothing left to do: every file cablelint writes is closed and
    renamed into place before `main` returns. So the process ends with `os._exit`, unless
    something may still need the orderly exit (a child process or a thread still running, a Dask
    cluster)."""
    gc.set_threshold(50_000, 20, 20)  # a run makes many small objects and few cycles: collect less often
    _standard_streams()
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # a closed pipe: nothing more can be said
            pass
    patterns.keep()  # (the first run on an interpreter: the next ones start without compiling)
    if _orderly_exit_needed():
        sys.exit(status)
    os._exit(status)


def _standard_streams() -> None:
    """Started with standard input, output or error closed (`cablelint x.txt >&-`), Python has no
    stream for it and the descriptor is free: the next file opened (a cache entry, the report)
    would take its number and receive what is printed. Each closed one is opened on the null
    device: output to it is dropped, standard input reads as empty."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            if getattr(sys, name) is None:
                setattr(sys, name, open(fd, mode, closefd=False))
        except OSError:
            pass


def _orderly_exit_needed() -> bool:
    import threading

    dask = sys.modules.get("cablelint.run.daskrun")
    if dask is not None and dask.abandoned.is_set():
        return False  # a connection attempt that never answered: nothing orderly to wait for

    if "distributed" in sys.modules or threading.active_count() > 1:
        return True
    multiprocessing = sys.modules.get("multiprocessing")
    return bool(multiprocessing and multiprocessing.active_children())
