"""The LSP methods the server answers: each a few lines that hand the work to the server's documents
(server.py) and to the features (hover, actions, symbols)."""

from __future__ import annotations

import asyncio
import logging
from typing import Optional

from lsprotocol import types

from . import actions, hover, symbols
from .abilities import Abilities
from .diagnostics import editor_range
from .server import DEFAULT_DEBOUNCE, CablelintServer

log = logging.getLogger("cablelint.server")
CONFIG_WATCHERS = ("**/.cablelint.yaml", "**/pyproject.toml")


def make_server(debounce: float = DEFAULT_DEBOUNCE) -> CablelintServer:
    server = CablelintServer(debounce)
    _register(server)
    return server


def _register(server: CablelintServer) -> None:
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
            cable = analysis.context.cable
            spans.append(tuple(cable.on_disk(cable.eo.span)))
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
