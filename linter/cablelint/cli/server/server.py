"""The language server: documents linted off the request thread (on open and save at once, on change
after a pause in typing), their diagnostics published, and hover, code actions and the outline
answered from the latest lint of the text the editor has."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ... import __version__
from ...errors import CliError
from . import actions, hover, symbols
from .abilities import Abilities
from .analysis import Analysis, analyse
from .diagnostics import editor_range, to_editor
from .positions import UTF16
from .settings import SettingsStore

log = logging.getLogger("cablelint.server")
DEFAULT_DEBOUNCE = 0.15          # seconds of quiet after a change before the text is linted
WORKERS = 1                      # the thread that lints: a second one competing for the interpreter with
                                 # the first and the request thread made requests wait 2-3 times longer
SWITCH_INTERVAL = 0.001          # how soon a waiting request gets the interpreter from a lint
CONFIG_WATCHERS = ("**/.cablelint.yaml", "**/pyproject.toml")


class CablelintServer(LanguageServer):
    """Documents by URI: the latest analysis of each, the lint under way, the pending pause timer."""

    def __init__(self, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__("cablelint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.store = SettingsStore()
        self.workers = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="cablelint-lint")
        self.analyses: dict[str, Analysis] = {}
        self.running: dict[str, tuple[Optional[int], asyncio.Future]] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.abilities = Abilities()
        self.said: set[str] = set()          # problems already shown to the user (each once)
        self.shut_down = False
        self._loop: Optional[asyncio.AbstractEventLoop] = None   # the request thread's, for the workers

    # ------------------------------------------------------------------ documents

    def open_document(self, uri: str):
        return self.workspace.text_documents.get(unquote(uri))

    def open_text(self, uri: str) -> Optional[tuple[str, Optional[int]]]:
        """(text, version) of a document the editor has open, None otherwise."""
        document = self.open_document(uri)
        return (document.source, document.version) if document is not None else None

    def path_of(self, uri: str) -> Path:
        """The file a document is (a document that is no file is linted as if in the workspace root)."""
        if urlparse(uri).scheme == "file":
            path = to_fs_path(uri)
            if path:
                return Path(path)
        root = self.workspace.root_path if self._initialised() else None
        name = Path(unquote(urlparse(uri).path)).name or "untitled"
        return Path(root or os.getcwd()) / name

    def root(self) -> Optional[Path]:
        root = self.workspace.root_path if self._initialised() else None
        return Path(root) if root else None

    def _initialised(self) -> bool:
        try:
            _ = self.workspace  # pygls raises before `initialize`
        except RuntimeError:
            return False
        return True

    async def current(self, uri: str, fresh: bool = False) -> Optional[Analysis]:
        """The analysis of the document's text as the editor has it now: the latest one when it is of
        this version, else the lint under way for it, else a new lint (on a worker thread). `fresh`:
        a new lint in any case (on save: a config may have changed since)."""
        document = self.open_document(uri)
        if document is None:
            return None
        version = document.version
        known = self.analyses.get(uri)
        if not fresh and known is not None and known.version == version and known.text == document.source:
            return known
        running = self.running.get(uri)
        if not fresh and running is not None and running[0] == version:
            return await asyncio.shield(running[1])
        path, text = self.path_of(uri), document.source
        agreed = self.workspace.position_encoding
        encoding = str(getattr(agreed, "value", agreed) or UTF16)
        future = asyncio.get_running_loop().run_in_executor(self.workers, self._analyse, path, version, text,
                                                            encoding)
        self.running[uri] = (version, future)
        try:
            analysis = await asyncio.shield(future)
        finally:
            if self.running.get(uri, (None, None))[1] is future:
                del self.running[uri]
        if analysis is not None:
            latest = self.analyses.get(uri)
            if latest is None or latest.version is None or version is None or latest.version <= version:
                self.analyses[uri] = analysis
        return analysis

    def _analyse(self, path: Path, version: Optional[int], text: str, encoding: str) -> Optional[Analysis]:
        """On a worker thread: the settings for the file, then the engine's lint of the text."""
        try:
            resolved = self.store.get(path)
            return analyse(str(path), version, text, resolved.settings, resolved.rules, encoding)
        except CliError as exc:  # a wrong config or rule set: said once, and no diagnostics until fixed
            self._say_from_thread(f"cablelint: {exc}")
        except Exception as exc:  # a bug of ours: named with the file, never a dead server
            log.exception("internal error on %s", path)
            self._say_from_thread(f"cablelint: internal error on {path}: {type(exc).__name__}: {exc}")
        return None

    def _say_from_thread(self, message: str) -> None:
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(self.say, message)

    def say(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """Show a problem once (each lint would repeat it), and log it every time."""
        self.window_log_message(types.LogMessageParams(type=kind, message=message))
        if message not in self.said:
            self.said.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    # ------------------------------------------------------------------ linting and publishing

    def schedule(self, uri: str, delay: float, fresh: bool = False) -> None:
        """Lint the document after `delay` seconds of quiet (a new change starts the pause again);
        `fresh`: lint it again even if its text was linted (see `current`)."""
        self._loop = asyncio.get_running_loop()
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if delay <= 0:
            asyncio.ensure_future(self.publish(uri, fresh))
            return
        self.timers[uri] = self._loop.call_later(delay, self._after_pause, uri)

    def _after_pause(self, uri: str) -> None:
        self.timers.pop(uri, None)
        asyncio.ensure_future(self.publish(uri))

    async def publish(self, uri: str, fresh: bool = False) -> None:
        due = time.perf_counter()  # the end of the pause (or the open, the save)
        try:
            await self._publish_latest(uri, fresh, due)
        except Exception as exc:  # a bug of ours: said, and the server goes on
            log.exception("internal error publishing %s", uri)
            self.say(f"cablelint: internal error on {self.path_of(uri)}: {type(exc).__name__}: {exc}")

    async def _publish_latest(self, uri: str, fresh: bool, due: float) -> None:
        analysis = await self.current(uri, fresh)
        document = self.open_document(uri)
        if document is None:
            return
        if analysis is None:
            self._publish(uri, [], document.version)
            return
        if analysis.version != document.version:
            return  # the text changed while it was linted: the lint of the new text will publish
        for error in analysis.result.errors:
            self.say(f"cablelint: internal error in rule {error.code} on {error.path}: {error.error}")
        links = self.abilities.rule_links
        self._publish(uri, [to_editor(d, analysis.lines, links) for d in analysis.diagnostics], analysis.version)
        self._trace(analysis, due)

    def _trace(self, analysis: Analysis, due: float) -> None:
        """With the editor's trace on ($/setTrace), how long a publication took: from the moment the
        lint was due (the end of the pause after a change; an open; a save) to the diagnostics sent."""
        trace = self.protocol.trace
        if trace not in (types.TraceValue.Messages, types.TraceValue.Verbose):
            return
        figures = {"version": analysis.version, "diagnostics": len(analysis.diagnostics),
                   "published_ms": round((time.perf_counter() - due) * 1000, 3),
                   "lint_ms": round(analysis.lint_seconds * 1000, 3)}
        message = (f"cablelint: {analysis.path} version {analysis.version}: {figures['diagnostics']} diagnostics "
                   f"published {figures['published_ms']:.2f} ms after the lint was due (the lint: "
                   f"{figures['lint_ms']:.2f} ms)")
        verbose = json.dumps(figures) if trace == types.TraceValue.Verbose else None
        self.protocol.notify(types.LOG_TRACE, types.LogTraceParams(message=message, verbose=verbose))

    def _publish(self, uri: str, diagnostics: list, version: Optional[int]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def relint_all(self) -> None:
        """A config or rule file changed: every open document again, with the settings made anew."""
        self.store.forget()
        self.analyses.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def stop(self) -> None:
        for timer in self.timers.values():
            timer.cancel()
        self.workers.shutdown(wait=False, cancel_futures=True)


def make_server(debounce: float = DEFAULT_DEBOUNCE) -> CablelintServer:
    server = CablelintServer(debounce)
    _register(server)
    return server


def _register(server: CablelintServer) -> None:  # noqa: C901 (one handler per LSP method, each short)
    @server.feature(types.INITIALIZE)
    def initialize(ls: CablelintServer, params: types.InitializeParams) -> None:
        ls.abilities = Abilities.of(params.capabilities)
        if params.trace is not None:
            ls.protocol.trace = params.trace

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CablelintServer, params: types.InitializedParams) -> None:
        ls._loop = asyncio.get_running_loop()
        if not ls.abilities.watch_files:
            return
        watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in CONFIG_WATCHERS]
        registration = types.Registration(id="cablelint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                          register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers))
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as exc:  # an editor that will not watch: configs are still re-read on each lint
            log.info("config files are not watched: %s", exc)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: CablelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CablelintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CablelintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CablelintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0, fresh=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CablelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.analyses.pop(uri, None)
        ls._publish(uri, [], None)  # a closed file's findings leave the problems list

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: CablelintServer, params: types.HoverParams) -> Optional[types.Hover]:
        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return None
        position = params.position
        found = analysis.at(position.line, position.character)
        line = analysis.lines.to_cablelint(position.line, position.character)[0]
        parts, spans = [], []
        if found:
            parts.append(hover.finding_text(found))
            first = found[0]
            spans.append((first.line, first.column, first.end_line, first.end_column))
        if hover.on_eo_line(analysis, line):
            parts.append(hover.eo_line_text(analysis) or "")
            eo = analysis.context.cable.eo
            spans.append((eo.span.line, eo.span.column, eo.span.end_line, eo.span.end_column))
        text = "\n\n---\n\n".join(part for part in parts if part)
        if not text:
            return None
        span = editor_range(analysis.lines, *spans[0])
        kind = types.MarkupKind.Markdown if ls.abilities.markdown_hover else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=span)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]))
    async def code_action(ls: CablelintServer, params: types.CodeActionParams) -> Optional[list[types.CodeAction]]:
        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return None
        only = [str(kind) for kind in params.context.only] if params.context.only else None
        found = actions.fix_actions(analysis, params.text_document.uri, params.range, only, ls.abilities)
        if only is None or any(str(types.CodeActionKind.QuickFix).startswith(kind) for kind in only):
            found += actions.ignore_actions(analysis, params.range, ls.root(), ls.open_text, ls.abilities)
        return found or None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbol(ls: CablelintServer, params: types.DocumentSymbolParams):
        analysis = await ls.current(params.text_document.uri)
        if analysis is None:
            return None
        found = symbols.outline(analysis)
        if ls.abilities.outline_tree:
            return found
        uri = params.text_document.uri
        return [types.SymbolInformation(name=s.name, kind=s.kind, location=types.Location(uri=uri, range=s.range))
                for s in found]

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CablelintServer, params: None) -> None:
        ls.shut_down = True
        ls.stop()


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


async def _serve_pipe(server: CablelintServer, stdin) -> None:
    from pygls.io_ import run_async

    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader(limit=1 << 20, loop=loop)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream, loop=loop), stdin)
    await run_async(stop_event=server._stop_event, reader=_PipeReader(stream), protocol=server.protocol,
                    logger=log, error_handler=server.report_server_error)


def _pipe(stream) -> bool:
    """Whether the event loop can read `stream` itself: a pipe, socket or terminal, on POSIX."""
    import stat

    if os.name != "posix":
        return False
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode)


def serve(debounce: float = DEFAULT_DEBOUNCE) -> int:
    """Run on standard input and output until the editor says exit; 0 when it said shutdown first."""
    import threading

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
