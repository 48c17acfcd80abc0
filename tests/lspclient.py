"""What the end-to-end tests of `cablelint server` share: the server command, a session set up as an
editor sets one up, the editor's side of positions and edits, and the command line's findings to
compare with (each counted here independently of the server's own conversions)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterable, Optional

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "cablelint", "server", "--debounce", "50"]
Finding = tuple  # (line, column, end_line, end_column, code, severity, message), cablelint's 1-based columns


_WIDTH = {"utf-8": 1, "utf-16": 2, "utf-32": 4}


def characters(line: str, units: int, encoding: str = "utf-16") -> int:
    """How many characters of `line` the editor's first `units` code units (of `encoding`) are."""
    codec, width = f"{encoding}-le" if encoding != "utf-8" else encoding, _WIDTH[encoding]
    return len(line.encode(codec)[:units * width].decode(codec, "ignore"))


def utf16(line: str, count: int) -> int:
    return len(line[:count].encode("utf-16-le")) // 2


def as_findings(text: str, diagnostics: Iterable[types.Diagnostic], encoding: str = "utf-16") -> list[Finding]:
    """The editor's diagnostics of `text` in cablelint's terms (lines split at LF, CR of CRLF dropped;
    columns in characters, from the code units of the `encoding` agreed at start-up)."""
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    names = {types.DiagnosticSeverity.Error: "error", types.DiagnosticSeverity.Warning: "warning",
             types.DiagnosticSeverity.Information: "info"}
    found = []
    for d in diagnostics:
        start, end = d.range.start, d.range.end
        found.append((start.line + 1, characters(lines[start.line], start.character, encoding) + 1, end.line + 1,
                      characters(lines[end.line], end.character, encoding) + 1, d.code, names[d.severity], d.message))
    return sorted(found)


def cli_findings(folder: Path, names: list[str]) -> dict[str, list[Finding]]:
    """`cablelint --format json --no-cache NAMES` run in `folder`: findings per name."""
    done = subprocess.run([sys.executable, "-m", "cablelint", "--format", "json", "--no-cache", *names], cwd=folder,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, list[Finding]] = {name: [] for name in names}
    for d in json.loads(done.stdout):
        found[d["path"]].append((d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["severity"],
                                 d["message"]))
    return {name: sorted(findings) for name, findings in found.items()}


def apply(text: str, edits: Iterable[types.TextEdit], encoding: str = "utf-16") -> str:
    """`text` with the editor's edits applied (positions in the code units of `encoding`)."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[:position.line])
        return before + characters(lines[position.line], position.character, encoding) if position.line < len(lines) \
            else len(text)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
        lines = text.split("\n")
    return text


async def start(client: LanguageClient, root: Path, editor: str = "visual-studio-code") -> str:
    """An editor's start-up: capabilities, the workspace root, and a yes to the server's requests to
    watch files. The position encoding agreed (the editor's first choice the server takes)."""
    client.registrations: list = []
    client.traces: list = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    @client.feature(types.LOG_TRACE)
    def trace(params: types.LogTraceParams) -> None:
        client.traces.append(params)

    result = await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(editor), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))
    agreed = result.capabilities.position_encoding or "utf-16"
    client.encoding = str(getattr(agreed, "value", agreed))
    return client.encoding


def open_document(client: LanguageClient, path: Path, text: Optional[str] = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="cable", version=version, text=text)))
    return uri


async def until(condition: Callable[[], bool], timeout: float = 30) -> None:
    """Wait until `condition()` holds (a notification handled by the client made it so). Polled:
    a waiter registered for a notification can miss one that was handled just before it was set."""
    async def polled() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(polled(), timeout)


async def diagnostics_of(client: LanguageClient, uri: str, timeout: float = 30) -> list[types.Diagnostic]:
    """Wait until the server has published diagnostics for `uri` (since they were last taken)."""
    await until(lambda: uri in client.diagnostics, timeout)
    return list(client.diagnostics.pop(uri))
