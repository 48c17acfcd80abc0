"""`cablelint server` end to end, over standard input and output as an editor drives it (pytest-lsp):
diagnostics where the command line puts them, edits that make them go, hover, quick fixes, the
"ignore in this file" edit of the config, the outline, and a hover answered while a long cable is
being linted."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp  # noqa: E402
import yaml  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from lspclient import (  # noqa: E402
    SERVER, apply, as_findings, cli_findings, diagnostics_of, open_document, start, until, utf16)

pytestmark = pytest.mark.asyncio

# A cable of our own: a CONFIDENTIAL telegram of 2009 whose E.O. line was due in 2019, with a repeated
# tag and a ';' on the TAGS line (T002, T005), a wrong reason section after a name with a non-BMP
# character (A005), and an unmarked paragraph 2 (P001).
CABLE = """\
VZCZCXYZ0001
OO RUEHWEB
DE RUEHVL #0001/01 1231015
ZNY CCCCC ZZH
O 031015Z MAY 09
FM AMEMBASSY VALLETTA
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0001
C O N F I D E N T I A L VALLETTA 000001

SIPDIS

E.O. 12958: DECL: 05/03/2019
TAGS: PREL, PGOV; MT, PREL
SUBJECT: MALTA: HARBOUR WORKS - ACTION REQUEST

Classified By: Ambassador Zoë 𝄞 Example for reasons 1.5 (b) and (d).

1. (C) Summary: the harbour works at the grand harbour will
close the northern quay for a month. End summary.

2. The port authority told us the works start in June.

3. (C) Post recommends no change to ship visits.
"""
CONFIG = "# the archive's settings\nas-of: 2026-12-01   # the day of the check\n"
LINES = CABLE.split("\n")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".cablelint.yaml").write_text(CONFIG)
    (tmp_path / "harbour.cable").write_text(CABLE, encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


def _by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {d.code: d for d in diagnostics}


async def test_open_gives_the_command_lines_findings_at_the_editors_positions(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    diagnostics = await diagnostics_of(client, uri)
    assert as_findings(CABLE, diagnostics) == cli_findings(workspace, ["harbour.cable"])["harbour.cable"]
    found = _by_code(diagnostics)
    assert set(found) == {"D009", "T002", "T005", "A005", "P001"}
    p001 = found["P001"]
    assert (p001.range.start.line, p001.range.start.character) == (20, 0)
    assert p001.severity == types.DiagnosticSeverity.Error and p001.source == "cablelint"
    assert p001.code_description.href.endswith("rules.md#p001")
    assert found["D009"].severity == types.DiagnosticSeverity.Information  # info -> Information
    # the reason section stands after 'Zoë 𝄞': the clef is one character but two UTF-16 units
    (a005,) = [f for f in cli_findings(workspace, ["harbour.cable"])["harbour.cable"] if f[4] == "A005"]
    line, column = LINES[15], a005[1] - 1
    assert utf16(line, column) == column + 1
    assert (found["A005"].range.start.line, found["A005"].range.start.character) == (15, column + 1)


async def test_marking_the_paragraph_makes_its_diagnostic_go(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    assert "P001" in _by_code(await diagnostics_of(client, uri))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(20, 3), types.Position(20, 3)), text="(C) ")]))
    after = _by_code(await diagnostics_of(client, uri))
    assert "P001" not in after and {"T002", "T005", "A005", "D009"} <= set(after)


async def test_hover_explains_the_rule_and_the_eo_line(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    await diagnostics_of(client, uri)

    async def hover(line: int, character: int):
        return await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, character)))

    on_p001 = await hover(20, 1)
    assert on_p001.contents.kind == types.MarkupKind.Markdown
    text = on_p001.contents.value
    assert "**P001** `missing-portion-marking`" in text and "paragraph 2 has no portion marking" in text
    assert "**Why.**" in text and "rules.md#p001" in text  # the rule's explanation, as on its page
    on_eo = (await hover(11, 2)).contents.value
    assert "E.O. 12958" in on_eo and "2009-05-03 (the routing header's date-time group)" in on_eo
    assert "checked as of 2026-12-01" in on_eo and "due for declassification** (2019-05-03)" in on_eo
    assert await hover(9, 2) is None  # SIPDIS: no finding, not the E.O. line


async def test_the_configurations_dates_rule_as_they_do_on_the_command_line(client: LanguageClient, workspace):
    later = workspace / "post"
    later.mkdir()
    (later / ".cablelint.yaml").write_text("date: 2010-06-01\nas-of: 2016-12-01\n")
    (later / "harbour.cable").write_text(CABLE, encoding="utf-8")
    uri = open_document(client, later / "harbour.cable")
    diagnostics = await diagnostics_of(client, uri)
    assert as_findings(CABLE, diagnostics) == cli_findings(later, ["harbour.cable"])["harbour.cable"]
    assert "D009" not in _by_code(diagnostics)  # not due in 2016
    on_eo = (await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(11, 2)))).contents.value
    assert "2010-06-01 (the configuration's `date`)" in on_eo and "checked as of 2016-12-01" in on_eo
    assert "not yet due for declassification** (2019-05-03)" in on_eo


async def test_the_quick_fix_rewrites_the_tags_line(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    diagnostics = await diagnostics_of(client, uri)
    tags = [d for d in diagnostics if d.code in ("T002", "T005")]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=tags[0].range,
        context=types.CodeActionContext(diagnostics=tags)))
    (fix,) = [a for a in found if a.title.startswith("Fix the TAGS line")]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert sorted(d.code for d in fix.diagnostics) == ["T002", "T005"]
    (change,) = fix.edit.document_changes
    assert change.text_document.version == 1
    fixed = apply(CABLE, change.edits)
    assert fixed.split("\n")[12] == "TAGS: PREL, PGOV, MT" and fixed.split("\n")[:12] == LINES[:12]
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                         for e in change.edits]))
    after = _by_code(await diagnostics_of(client, uri))
    assert not {"T002", "T005"} & set(after) and "P001" in after


async def test_ignore_in_this_file_edits_the_nearest_config_keeping_its_comments(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    p001 = _by_code(await diagnostics_of(client, uri))["P001"]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=p001.range,
        context=types.CodeActionContext(diagnostics=[p001])))
    (ignore,) = [a for a in found if a.title.startswith("Ignore P001 in this file")]
    (change,) = ignore.edit.document_changes
    config = workspace / ".cablelint.yaml"
    assert change.text_document.uri == config.as_uri()
    new = apply(CONFIG, change.edits)
    assert new.startswith("# the archive's settings\nas-of: 2026-12-01   # the day of the check\n")
    assert yaml.safe_load(new)["per-file-ignores"] == {"./harbour.cable": ["P001"]}
    assert not any(a.title.startswith("Ignore") for a in found if "P001" not in a.title and a.title != ignore.title
                   and "in this file" in a.title and "P001" in a.title)
    assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)
    config.write_text(new)  # the editor applies the edit and saves; it tells the server the file changed
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    assert "P001" not in _by_code(await diagnostics_of(client, uri))


async def test_without_a_config_the_ignore_creates_one_at_the_workspace_root(client: LanguageClient, workspace):
    (workspace / ".cablelint.yaml").unlink()
    (workspace / "cables").mkdir()
    cable = workspace / "cables" / "harbour.cable"
    cable.write_text(CABLE, encoding="utf-8")
    uri = open_document(client, cable)
    p001 = _by_code(await diagnostics_of(client, uri))["P001"]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=p001.range,
        context=types.CodeActionContext(diagnostics=[p001])))
    (ignore,) = [a for a in found if a.title.startswith("Ignore P001 in this file")]
    create, write = ignore.edit.document_changes
    assert create.kind == "create" and create.uri == (workspace / ".cablelint.yaml").as_uri()
    assert yaml.safe_load(apply("", write.edits)) == {"per-file-ignores": {"cables/harbour.cable": ["P001"]}}


async def test_no_ignore_is_offered_where_the_nearest_config_is_pyproject(client: LanguageClient, workspace):
    folder = workspace / "project"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[tool.cablelint]\nas-of = "2026-12-01"\n')
    (folder / "harbour.cable").write_text(CABLE, encoding="utf-8")
    uri = open_document(client, folder / "harbour.cable")
    p001 = _by_code(await diagnostics_of(client, uri))["P001"]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=p001.range,
        context=types.CodeActionContext(diagnostics=[p001])))
    assert not any("Ignore" in a.title for a in found or [])


async def test_the_outline_lists_the_header_fields_and_the_paragraphs(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    await diagnostics_of(client, uri)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    names = [s.name for s in symbols]
    assert names == ["Routing header", "Classification", "Caption", "E.O.", "TAGS", "SUBJECT", "Classified By",
                     "1. (C)", "2. unmarked", "3. (C)"]
    first = symbols[names.index("1. (C)")]
    assert (first.range.start.line, first.range.end.line) == (17, 18)  # the paragraph's two lines
    assert symbols[names.index("TAGS")].detail == "PREL, PGOV, MT, PREL"


async def test_a_file_that_is_not_a_cable_gets_no_diagnostics(client: LanguageClient, workspace):
    notes = workspace / "notes.txt"
    notes.write_text("Minutes of the garden committee.\n\nWe agreed to plant more tulips next spring.\n")
    assert cli_findings(workspace, ["notes.txt"])["notes.txt"]  # the command line alone reports (S001...)
    uri = open_document(client, notes)
    assert await diagnostics_of(client, uri) == []


async def test_a_document_that_is_no_file_yet_is_linted_with_the_workspace_settings(client: LanguageClient,
                                                                                     workspace):
    (workspace / ".cablelint.yaml").write_text("as-of: 2016-12-01\n")
    uri = "untitled:Untitled-1"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=CABLE)))
    found = _by_code(await diagnostics_of(client, uri))
    assert "P001" in found and "D009" not in found  # not due in 2016: the workspace's config applies


async def test_a_wrong_config_is_said_once_and_the_server_goes_on(client: LanguageClient, workspace):
    (workspace / ".cablelint.yaml").write_text("as-of: 2026-12-01\ncolour: red\n")
    uri = open_document(client, workspace / "harbour.cable")
    assert await diagnostics_of(client, uri) == []
    assert any(".cablelint.yaml:2:1: unknown config key" in m.message for m in client.messages)
    (workspace / ".cablelint.yaml").write_text(CONFIG)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri)))
    assert "P001" in _by_code(await diagnostics_of(client, uri))


async def test_with_the_trace_on_each_publication_says_how_long_it_took(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    await diagnostics_of(client, uri)
    assert client.traces == []  # off unless the editor asks
    client.set_trace(types.SetTraceParams(value=types.TraceValue.Verbose))
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri)))
    await diagnostics_of(client, uri)
    await until(lambda: client.traces)  # sent just after the diagnostics
    (trace,) = client.traces
    figures = json.loads(trace.verbose)
    assert figures["version"] == 1 and figures["diagnostics"] == 5
    assert 0 < figures["lint_ms"] <= figures["published_ms"] < 10_000
    assert "harbour.cable version 1: 5 diagnostics published" in trace.message


def _long_cable(seed: int, lines: int = 5000) -> str:
    """A CONFIDENTIAL cable of about `lines` lines: our header, then numbered paragraphs of made-up words."""
    import random

    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ter", "an", "vo", "sul", "den", "ra", "bi", "pe", "gor"]
    head = CABLE.split("1. (C)")[0]
    body, number = [], 1
    while len(body) < lines:
        words = lambda n: " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))  # noqa: E731
                                   for _ in range(n))
        body += [f"{number}. (C) {words(12)}", *(words(14) + "." for _ in range(3)), ""]
        number += 1
    return head + "\n".join(body) + "\n"


async def test_a_hover_is_answered_while_long_cables_are_being_linted(client: LanguageClient, workspace):
    """Three 20,000-line cables are saved (each is linted again at once, off the request thread), then a
    hover on the short cable is asked: it is answered before the long cables' diagnostics are all
    published. Linting on the request thread would answer it only after all three. (At 5,000 lines a
    loaded machine linted all three in the 75 ms the hover waited for the interpreter lock.)"""
    small = open_document(client, workspace / "harbour.cable")
    await diagnostics_of(client, small)
    long_ones = []
    for seed in (1, 2, 3):
        text = _long_cable(seed, 20000)
        assert text.count("\n") >= 20000
        path = workspace / f"long{seed}.cable"
        path.write_text(text, encoding="utf-8")
        long_ones.append(open_document(client, path, text))
        await diagnostics_of(client, long_ones[-1])
    asked = time.perf_counter()
    for uri in long_ones:
        client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri)))
    answer = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=small), position=types.Position(20, 1)))
    answered = time.perf_counter() - asked
    before = [uri for uri in long_ones if uri in client.diagnostics]  # long cables published before the answer
    for uri in long_ones:
        await diagnostics_of(client, uri)
    linted = time.perf_counter() - asked
    assert "missing-portion-marking" in answer.contents.value
    assert len(before) < len(long_ones), f"hover answered after {answered * 1000:.1f} ms, after all the long cables"
    print(f"hover answered after {answered * 1000:.1f} ms ({len(before)} of the long cables published before it), "
          f"the long cables' diagnostics after {linted * 1000:.1f} ms")


async def test_edits_in_a_row_publish_once_for_the_last_text(client: LanguageClient, workspace):
    uri = open_document(client, workspace / "harbour.cable")
    await diagnostics_of(client, uri)
    text = CABLE
    for version, typed in enumerate("(C) ", start=2):  # a character at a time, faster than the pause
        at = types.Position(20, 3 + version - 2)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(at, at), text=typed)]))
        text = apply(text, [types.TextEdit(range=types.Range(at, at), new_text=typed)])
    assert text.split("\n")[20].startswith("2. (C) The port")
    first = await diagnostics_of(client, uri)  # the first to come after the edits is the last text's
    (workspace / "typed.cable").write_text(text, encoding="utf-8")
    assert as_findings(text, first) == cli_findings(workspace, ["typed.cable"])["typed.cable"]
    await asyncio.sleep(0.3)  # six times the pause: nothing more comes
    assert uri not in client.diagnostics


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), params=["neovim", "emacs"])
async def other_editor(lsp_client: LanguageClient, workspace: Path, request):
    await start(lsp_client, workspace, editor=request.param)
    yield
    await lsp_client.shutdown_session()


async def test_editors_that_offer_less_get_what_they_can_use(other_editor: LanguageClient, workspace):
    """Neovim sends no versioned edits, Emacs creates no files and neither takes rule links: the
    diagnostics, the hover, the quick fix (as plain `changes` where versioned edits are not offered) and
    the ignore edit of an existing config still work."""
    client = other_editor
    encoding = client.encoding
    uri = open_document(client, workspace / "harbour.cable")
    diagnostics = await diagnostics_of(client, uri)
    expected = cli_findings(workspace, ["harbour.cable"])["harbour.cable"]
    assert as_findings(CABLE, diagnostics, encoding) == expected
    a005 = next(d for d in diagnostics if d.code == "A005")  # after 'Zoë 𝄞', counted in the agreed units
    prefix = LINES[15][:next(f[1] for f in expected if f[4] == "A005") - 1]
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    assert a005.range.start.character == len(prefix.encode("utf-8" if width == 1 else f"{encoding}-le")) // width
    assert all(d.code_description is None for d in diagnostics)  # the editor did not say it takes them
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(20, 1)))
    assert "missing-portion-marking" in hover.contents.value
    tags = [d for d in diagnostics if d.code == "T002"]
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=tags[0].range,
        context=types.CodeActionContext(diagnostics=tags)))
    (fix,) = [a for a in found if a.title.startswith("Fix the TAGS line")]
    versioned = client.capabilities.workspace.workspace_edit.document_changes
    edits = fix.edit.document_changes[0].edits if versioned else fix.edit.changes[uri]
    assert apply(CABLE, edits, encoding).split("\n")[12] == "TAGS: PREL, PGOV, MT"
    (ignore,) = [a for a in found if a.title.startswith("Ignore T002")]
    config = (workspace / ".cablelint.yaml").as_uri()
    edits = ignore.edit.document_changes[0].edits if versioned else ignore.edit.changes[config]
    assert yaml.safe_load(apply(CONFIG, edits, encoding))["per-file-ignores"] == {"./harbour.cable": ["T002"]}
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [s.name for s in symbols][-3:] == ["1. (C)", "2. unmarked", "3. (C)"]
