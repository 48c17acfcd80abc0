"""Standard input and output: the request loop, reading the editor's messages on the event loop itself."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading
from typing import BinaryIO

from .handlers import make_server
from .server import DEFAULT_DEBOUNCE, CablelintServer

log = logging.getLogger("cablelint.server")
SWITCH_INTERVAL = 0.001          # how soon a waiting request gets the interpreter from a lint


class _PipeReader:
    """Standard input read by the event loop itself (pygls reads it on a helper thread, one call per
    header line: with a lint holding the interpreter, each of those waits its turn for it, and a
    request waited tens of milliseconds to be read)."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def readline(self) -> bytes:
        return await self.stream.readline()

    async def readexactly(self, count: int) -> bytes:
        try:
            return await self.stream.readexactly(count)
        except asyncio.IncompleteReadError:
            return b""  # the editor went away mid-message


async def _serve_pipe(server: CablelintServer, stdin: BinaryIO) -> None:
    from pygls.io_ import run_async

    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader(limit=1 << 20, loop=loop)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream, loop=loop), stdin)
    await run_async(stop_event=server._stop_event, reader=_PipeReader(stream), protocol=server.protocol,
                    logger=log, error_handler=server.report_server_error)


def _pipe(stream: BinaryIO) -> bool:
    """Whether the event loop can read `stream` itself: a pipe, socket or terminal, on POSIX."""
    if os.name != "posix":
        return False
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode)


def serve(debounce: float = DEFAULT_DEBOUNCE) -> int:
    """Run on standard input and output until the editor says exit; 0 when it said shutdown first."""
    from pygls.io_ import StdoutWriter

    sys.setswitchinterval(SWITCH_INTERVAL)
    server = make_server(debounce)
    stdin = sys.stdin.buffer
    try:
        if not _pipe(stdin):
            server.start_io()  # pygls's own loop: a helper thread reads standard input
        else:
            server._stop_event = threading.Event()
            server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
            try:
                asyncio.run(_serve_pipe(server, stdin))
            except (KeyboardInterrupt, SystemExit, BrokenPipeError):  # exit, or the editor is gone
                pass
    finally:
        server.stop()
        server.shutdown()
    return 0 if server.shut_down else 1
