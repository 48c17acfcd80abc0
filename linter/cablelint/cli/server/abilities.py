"""What the editor said it can do at start-up, in the few answers the server's replies depend on."""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from lsprotocol import types


def _get(root: Any, *names: str) -> Any:
    for name in names:
        root = getattr(root, name, None)
        if root is None:
            return None
    return root


class Abilities(NamedTuple):
    document_changes: bool = False       # versioned edits (WorkspaceEdit.documentChanges)
    create_files: bool = False           # a WorkspaceEdit may create a file
    disabled_actions: bool = False       # a code action may be shown greyed out, with why
    markdown_hover: bool = False
    outline_tree: bool = False           # DocumentSymbol rather than SymbolInformation
    rule_links: bool = False             # Diagnostic.codeDescription
    watch_files: bool = False            # workspace/didChangeWatchedFiles may be registered

    @classmethod
    def of(cls, capabilities: Optional[types.ClientCapabilities]) -> "Abilities":
        edit = _get(capabilities, "workspace", "workspace_edit")
        operations = _get(edit, "resource_operations") or []
        document = _get(capabilities, "text_document")
        hover_formats = _get(document, "hover", "content_format") or []
        return cls(
            document_changes=bool(_get(edit, "document_changes")),
            create_files=types.ResourceOperationKind.Create in operations,
            disabled_actions=bool(_get(document, "code_action", "disabled_support")),
            markdown_hover=types.MarkupKind.Markdown in hover_formats,
            outline_tree=bool(_get(document, "document_symbol", "hierarchical_document_symbol_support")),
            rule_links=bool(_get(document, "publish_diagnostics", "code_description_support")),
            watch_files=bool(_get(capabilities, "workspace", "did_change_watched_files", "dynamic_registration")),
        )
