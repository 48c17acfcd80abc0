"""Code actions: the fixes `--fix` knows (T002, T005) as quick fixes, and "ignore CODE in this file"
as an edit of the nearest `.cablelint.yaml` (a new one at the workspace root when there is none)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from lsprotocol import types
from pygls.uris import from_fs_path

from ...fix.fixer import FIXABLE, NotFixed, plan
from ...run.engine import GATE
from .. import config
from .abilities import Abilities
from .diagnostics import to_editor
from .ignores import IgnoreError, add_ignore, file_pattern
from .positions import LineMap

if TYPE_CHECKING:
    from .analysis import Analysis

FIX_ALL = "source.fixAll.cablelint"
NEW_CONFIG_HEADER = "# cablelint configuration (README, Configuration); `cablelint --show-config` shows it in force\n"
# (uri -> (text, version)) of a document the editor has open, None when it has not
OpenText = Callable[[str], Optional[tuple[str, Optional[int]]]]


def _edit(uri: str, version: Optional[int], edits: list[types.TextEdit], abilities: Abilities) -> types.WorkspaceEdit:
    if abilities.document_changes:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _overlaps(analysis: "Analysis", first: int, last: int) -> list:
    """The document's diagnostics on cablelint lines `first`..`last`."""
    return [d for d in analysis.diagnostics if d.line <= last and d.end_line >= first]


def _lines_of(analysis: "Analysis", span: types.Range) -> tuple[int, int]:
    start = analysis.lines.to_cablelint(span.start.line, span.start.character)[0]
    end = analysis.lines.to_cablelint(span.end.line, span.end.character)[0]
    return start, end


def fix_actions(analysis: "Analysis", uri: str, span: types.Range, only: Optional[list[str]],
                abilities: Abilities) -> list[types.CodeAction]:
    """The TAGS line corrected as `--fix` would (only where the correction is certain), offered where
    a T002 or T005 finding is in the range; also as the document's fix-all when that is asked for."""
    fix_all = bool(only) and any(FIX_ALL.startswith(kind) or kind.startswith("source.fixAll") for kind in only)
    first, last = _lines_of(analysis, span)
    found = [d for d in (analysis.diagnostics if fix_all else _overlaps(analysis, first, last)) if d.code in FIXABLE]
    if not found:
        return []
    kind = FIX_ALL if fix_all else types.CodeActionKind.QuickFix
    try:
        fix = plan(analysis.path, analysis.data, analysis.result.diagnostics, analysis.settings.ruleset)
    except NotFixed as why:
        if fix_all or not abilities.disabled_actions:
            return []
        return [types.CodeAction(title="Fix the TAGS line (cablelint)", kind=kind,
                                 disabled=types.CodeActionDisabled(reason=str(why)))]
    if fix is None:
        return []
    lines = analysis.lines
    old = fix.lines[fix.line - 1]
    start, end = lines.to_editor(fix.line, 1), lines.to_editor(fix.line, len(old) + 1)
    edit = types.TextEdit(range=types.Range(types.Position(*start), types.Position(*end)), new_text=fix.new_line)
    resolved = [to_editor(d, lines, abilities.rule_links) for d in analysis.diagnostics
                if d.code in fix.codes and d.line == fix.line]
    return [types.CodeAction(title=f"Fix the TAGS line ({', '.join(fix.codes)}): {fix.new_line.strip()}",
                             kind=kind, diagnostics=resolved or None, is_preferred=not fix_all,
                             edit=_edit(uri, analysis.version, [edit], abilities))]


def ignore_actions(analysis: "Analysis", span: types.Range, root: Optional[Path], open_text: OpenText,
                   abilities: Abilities) -> list[types.CodeAction]:
    """"Ignore CODE in this file" for each rule with a finding in the range: a per-file ignore in the
    nearest `.cablelint.yaml`, or in a new one at the workspace root (`root`) when none is found. Not
    offered where the nearest config is a pyproject.toml (the server does not rewrite TOML), nor for
    the release gate's rules under `release: true`, which no ignore switches off."""
    first, last = _lines_of(analysis, span)
    codes = sorted({d.code for d in _overlaps(analysis, first, last)})
    if analysis.settings.release:
        codes = [code for code in codes if code not in GATE]
    document = Path(analysis.path)
    if not codes or not document.is_absolute():
        return []
    nearest = config.find(document.parent)
    if nearest is not None and nearest.name != config.YAML_NAME:
        return []
    target = nearest or (_inside(root, document) / config.YAML_NAME)
    target_uri = from_fs_path(str(target)) or target.as_uri()
    opened = open_text(target_uri)
    if opened is not None:
        text, version = opened
    elif nearest is not None:
        text, version = _read(nearest), None
        if text is None:
            return []
    else:
        text, version = None, None
        if not (abilities.document_changes and abilities.create_files):
            return []
    pattern = file_pattern(document, target.parent)
    actions = []
    for code in codes:
        try:
            new_text = add_ignore(text, pattern, code)
        except IgnoreError as why:
            if abilities.disabled_actions:
                actions.append(types.CodeAction(title=f"Ignore {code} in this file", kind=types.CodeActionKind.QuickFix,
                                                disabled=types.CodeActionDisabled(reason=str(why))))
            continue
        if text is not None and new_text == text:
            continue  # already ignored there: the finding comes from elsewhere (another config's rule)
        edit = _config_edit(target_uri, version, text, new_text, abilities, analysis.lines.encoding)
        resolved = [to_editor(d, analysis.lines, abilities.rule_links) for d in _overlaps(analysis, first, last)
                    if d.code == code]
        actions.append(types.CodeAction(
            title=f"Ignore {code} in this file ({'add to' if text is not None else 'create'} {target.name}"
                  f"{'' if text is not None else ' at the workspace root'})",
            kind=types.CodeActionKind.QuickFix, diagnostics=resolved or None, edit=edit))
    return actions


def _inside(root: Optional[Path], document: Path) -> Path:
    """The workspace root when it holds the document, else the document's folder: a config above
    neither would not be found for it."""
    if root is not None and (root == document.parent or root in document.parents):
        return root
    return document.parent


def _read(path: Path) -> Optional[str]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(config.MAX_CONFIG_BYTES + 1)
        return data.decode("utf-8-sig") if len(data) <= config.MAX_CONFIG_BYTES else None
    except (OSError, UnicodeDecodeError):
        return None


def _config_edit(uri: str, version: Optional[int], old: Optional[str], new: str, abilities: Abilities,
                 encoding: str) -> types.WorkspaceEdit:
    if old is None:  # a new file: create it, then write into it
        text = NEW_CONFIG_HEADER + new
        insert = types.TextEdit(range=types.Range(types.Position(0, 0), types.Position(0, 0)), new_text=text)
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None)
        return types.WorkspaceEdit(document_changes=[
            types.CreateFile(uri=uri, options=types.CreateFileOptions(overwrite=False, ignore_if_exists=True)),
            types.TextDocumentEdit(text_document=document, edits=[insert])])
    end = LineMap(old, encoding).end()
    whole = types.TextEdit(range=types.Range(types.Position(0, 0), types.Position(*end)), new_text=new)
    return _edit(uri, version, [whole], abilities)
