"""The language server's documents: each linted off the request thread (on open and save at once, on
change after a pause in typing), its diagnostics published, and the latest lint of the text the
editor has kept for hover, code actions and the outline (handlers.py)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
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
from .abilities import Abilities
from .analysis import Analysis, analyse
from .diagnostics import to_editor
from .positions import UTF16
from .settings import SettingsStore

log = logging.getLogger("cablelint.server")
DEFAULT_DEBOUNCE = 0.15          # seconds of quiet after a change before the text is linted
WORKERS = 1                      # the thread that lints: a second one competing for the interpreter with
                                 # the first and the request thread made requests wait 2-3 times longer


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
        if analysis is not None and self.open_document(uri) is not None:  # (closed meanwhile: not kept)
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
