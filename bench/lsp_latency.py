"""How long `cablelint server` takes to publish diagnostics, against an in-process lint of the same text.

    python bench/lsp_latency.py [--file CABLE] [--lines 300] [--runs 40] [--debounce 50]

A real server process (`python -m cablelint server`) is driven over its standard input and output as
an editor would: each run opens the cable (a new word in it each time, so nothing is answered from a
cache), edits a paragraph, and closes it. The server's trace ($/logTrace, verbose) gives its own
figure for each publication: from the moment the lint was due (the open handled; the end of the pause
after a change, `--debounce`) to the diagnostics written. These are compared with `lint_bytes` on the
same texts in this process, with the same settings, each after the same rest (a rested process runs
slower for a while). The editor's view (from writing the message to reading the diagnostics, less the
pause) is shown too. The cable is the one of the shared corpus whose length is nearest `--lines`
(cablegate/), copied into a temporary folder with a `.cablelint.yaml` that fixes the as-of date.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "cablegate"
AS_OF = "2024-01-01"


class Connection:
    """JSON-RPC over a child's pipes, with the time each message arrived."""

    def __init__(self, command: list[str], cwd: str) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        self.inbox: "queue.Queue[tuple[float, dict]]" = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> float:
        """Send `message`; the time just before it was written (after it, this thread may wait for the
        interpreter while the reader stamps the answer: the time would come out short)."""
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        data = b"Content-Length: %d\r\n\r\n" % len(data) + data
        start = time.perf_counter()
        self.process.stdin.write(data)
        self.process.stdin.flush()
        return start

    def request(self, method: str, params: Any) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)[1]

    def notify(self, method: str, params: Any) -> float:
        return self.send({"method": method, "params": params})

    def traced(self, version: int) -> float:
        """The server's own figure for the publication of `version` ($/logTrace, verbose): seconds from
        the moment the lint was due (the end of the pause after a change, or the open) to the send."""
        _arrived, message = self.wait(lambda m: m.get("method") == "$/logTrace"
                                      and json.loads(m["params"].get("verbose") or "{}").get("version") == version)
        return json.loads(message["params"]["verbose"])["published_ms"] / 1000

    def wait(self, wanted, timeout: float = 60) -> tuple[float, dict]:
        end = time.monotonic() + timeout
        while True:
            arrived, message = self.inbox.get(timeout=max(end - time.monotonic(), 0.001))
            if "method" in message and "id" in message:  # a request of the server's: answer it
                self.send({"id": message["id"], "result": None})
            if wanted(message):
                return arrived, message


def _diagnostics_of(uri: str, version: int):
    return lambda m: (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                      and m["params"].get("version") == version)


def nearest_cable(lines: int) -> Path:
    cables = sorted(CORPUS.glob("*.txt"))
    if not cables:
        raise SystemExit(f"bench: no cables under {CORPUS}; give one with --file")
    return min(cables, key=lambda p: (abs(len(p.read_bytes().split(b"\n")) - lines), p.name))


def edit_point(text: str) -> tuple[int, int]:
    """(line, character) just after the number and mark of the third numbered paragraph (or the
    middle line): an edit there is an edit of the cable's body."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if line[:3].rstrip(".").strip().isdigit() and ". " in line[:5]]
    row = heads[2] if len(heads) > 2 else len(lines) // 2
    return row, min(len(lines[row]), 8)


def _insert(text: str, row: int, column: int, word: str) -> str:
    lines = text.split("\n")
    lines[row] = lines[row][:column] + word + lines[row][column:]
    return "\n".join(lines)


def in_process(path: Path, texts: list[str], idle: float) -> list[float]:
    """`lint_bytes` of each text, each after `idle` seconds of rest, as the server rests between an
    edit and its lint (a rested process runs the first milliseconds slower: caches, clock speed)."""
    from cablelint.cli.server.settings import settings_for
    from cablelint.run.engine import active_rules, lint_bytes

    gc.set_threshold(50_000, 20, 20)  # as the `cablelint` command (and so the server) sets it
    settings = settings_for(path)
    rules = active_rules(settings)
    lint_bytes(str(path), texts[0].encode(), settings, rules)  # the parser's first use
    times = []
    for text in texts:
        time.sleep(idle)
        start = time.perf_counter()
        lint_bytes(str(path), text.encode(), settings, rules)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, help="the cable (default: the corpus cable nearest --lines long)")
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--debounce", type=float, default=50, help="the server's pause after a change, in ms")
    parser.add_argument("--output", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    source = args.file or nearest_cable(args.lines)
    with tempfile.TemporaryDirectory(prefix="cablelint-lsp-bench-") as folder:
        cable = Path(folder) / source.name
        shutil.copyfile(source, cable)
        (Path(folder) / ".cablelint.yaml").write_text(f"as-of: {AS_OF}\n")
        text = cable.read_text(encoding="utf-8", errors="replace")
        uri = cable.as_uri()
        server = Connection([sys.executable, "-m", "cablelint", "server", "--debounce", str(args.debounce)], folder)
        try:
            server.request("initialize", {"processId": os.getpid(), "rootUri": Path(folder).as_uri(),
                                          "capabilities": {}, "trace": "verbose"})
            server.notify("initialized", {})
            opens, changes, opened, changed = [], [], [], []
            traced: dict[str, list[float]] = {"open": [], "change": []}
            row, column = edit_point(text)
            for run in range(args.runs + 1):
                version = 1
                opened.append(_insert(text, row, 0, f"{run + 1}"))  # a new text each time: no cache answers
                sent = server.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri, "languageId": "cable", "version": version, "text": opened[-1]}})
                arrived, _ = server.wait(_diagnostics_of(uri, version))
                opens.append(arrived - sent)
                traced["open"].append(server.traced(version))
                word = f"word{run} "
                version += 1
                sent = server.notify("textDocument/didChange", {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": {"line": row, "character": column + 1},
                                                  "end": {"line": row, "character": column + 1}}, "text": word}]})
                arrived, _ = server.wait(_diagnostics_of(uri, version))
                changes.append(arrived - sent - args.debounce / 1000)
                traced["change"].append(server.traced(version))
                changed.append(_insert(opened[-1], row, column + 1, word))
                server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri and m["params"].get("version") is None)
            server.request("shutdown", None)
            server.notify("exit", None)
            server.process.wait(timeout=10)
        finally:
            if server.process.poll() is None:
                server.process.kill()
        opens, changes = opens[1:], changes[1:]  # the first run loads the parser and the rule sets
        traced = {kind: values[1:] for kind, values in traced.items()}
        # the server rested before each open (the bench's own work between runs) and each change (the pause)
        local_open = in_process(cable, opened[1:], 0.001)
        local_change = in_process(cable, changed[1:], args.debounce / 1000)
    report = _report(source, text, opens, changes, local_open, local_change, traced)
    print(report["text"])
    if args.output:
        args.output.write_text(json.dumps({k: v for k, v in report.items() if k != "text"}, indent=2) + "\n")
    return 0


def _report(source: Path, text: str, opens: list[float], changes: list[float], local_open: list[float],
            local_change: list[float], traced: dict[str, list[float]]) -> dict:
    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    best = lambda values: min(values) * 1000  # noqa: E731
    figures = {"cable": source.name, "lines": text.count("\n") + 1, "runs": len(opens),
               "in_process_open_ms": ms(local_open), "in_process_change_ms": ms(local_change),
               "server_open_ms": ms(traced["open"]), "server_change_ms": ms(traced["change"]),
               "client_open_ms": ms(opens), "client_change_ms": ms(changes),
               "open_ratio": ms(traced["open"]) / ms(local_open),
               "change_ratio": ms(traced["change"]) / ms(local_change)}
    row = lambda label, values: f"  {label:<58} {ms(values):6.2f} ms ({best(values):.2f})"  # noqa: E731
    figures["text"] = "\n".join([
        f"cable: {source.name} ({figures['lines']} lines), {len(opens)} runs; medians (best)",
        row("in-process lint_bytes, the opened texts", local_open),
        row("in-process lint_bytes, the changed texts, after the pause", local_change),
        row("server, open: didOpen handled -> diagnostics sent", traced["open"]),
        row("server, change: end of the pause -> diagnostics sent", traced["change"]),
        row("editor's view, open: didOpen written -> diagnostics read", opens),
        row("editor's view, change: didChange written + pause -> read", changes),
        f"  ratio to the in-process lint: open x{figures['open_ratio']:.2f}, change x{figures['change_ratio']:.2f}"])
    return figures


if __name__ == "__main__":
    sys.exit(main())
