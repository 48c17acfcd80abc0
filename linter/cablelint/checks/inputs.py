"""X: input. The engine itself reports X001, when a file cannot be read or decoded, and X002, when a
file is not a cable at all; X003-X006 say what the publisher did to the record, once each, so the
other checks need not report it line by line."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from .context import Context
from .diagnostics import Finding
from .registry import rule


def _reported_by_engine(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())


def _artefact(*kinds: str):
    def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
        found = next((a for a in ctx.cable.artefacts if a.kind in kinds), None)
        if found is not None:
            yield Finding(found.span, found.detail)
    check.__name__ = f"{kinds[0]}_record"
    return check


RULES = (
    rule(
        "X001",
        "the file cannot be read, is binary, or cannot be decoded",
        "A compliance gate must not pass a file it could not read: an unreadable cable is reported "
        "at line 1 rather than skipped silently, and the other files are still linted.",
        "(a PDF or image saved with a .txt name)", "(a plain-text cable in UTF-8, Latin-1 or CP1252)",
        _reported_by_engine,
    ),
    rule(
        "X002",
        "the file has none of a cable's structure (no classification line, E.O. line, TAGS, SUBJECT, routing "
        "header, Classified By or portion-marked paragraph): it is not linted",
        "A folder of cables also holds notes, lists and READMEs with the same suffix, and a commit hook is "
        "handed every staged text file. A file with no element of a cable is not a cable drafted wrongly: "
        "reporting each missing element (S001, S003, S004 and so on) would bury the real findings, so the file "
        "is skipped with this one note, which fails the run only when the run is told to fail on info. The "
        "release gate skips nothing: every file given to it is linted as a cable, and one that cannot be read "
        "stays X001.",
        "Meeting notes for Tuesday\n- book the room\n- send the agenda",
        "C O N F I D E N T I A L VALLETTA 000300\n\nTAGS: PREL PGOV MT\nSUBJECT: MEETING NOTES",
        _reported_by_engine,
    ),
    rule(
        "X003",
        "the record is cut short by whoever published it (a header ending '...' or abridged to its level, no "
        "body, a partial extract)",
        "A published copy may be an extract; what was cut is not a defect of the cable, so the checks that "
        "would report something missing from the cut part stay silent and this one note says why.",
        "Classified By: Ambassador Jane Q...   (and nothing after)",
        "Classified By: Ambassador Jane Q. Doe, reasons 1.4 (b) and (d)", _artefact("cut", "extract"),
    ),
    rule(
        "X004",
        "text replaced by a redaction (XXXXXXXXXXXX, [REDACTED]), or withheld in a FOIA release (its code, B1, "
        "in place of the text)",
        "What a redaction hides cannot be judged: a paragraph whose head is redacted, or that a release's "
        "code stands for (`2. B1`), is not asked for a portion mark, and a redacted name is not reported as "
        "missing.",
        "3. XXXXXXXXXXXX told poloff ...", "3. (C) The minister told poloff ...", _artefact("redacted"),
    ),
    rule(
        "X005",
        "a second cable's text follows or replaces this cable's body under its header",
        "Publishers have put one cable's text under another's header (the classification line names another "
        "post and serial than the routing header), or run the next record on after a cable's text (a second "
        "classification line with another serial in the body). The cable's own level is then its routing "
        "header's, or the paragraphs after the second cable's line are not judged as this cable's, and the "
        "splice is reported once here instead of as drafting errors.",
        "FM AMEMBASSY PARIS\n...\nS E C R E T MOSCOW 005154", "FM AMEMBASSY PARIS\n...\nS E C R E T PARIS 002725",
        _artefact("spliced", "appended"),
    ),
    rule(
        "X006",
        "the whole text was re-typed in lower or sentence case",
        "A copy re-typed in sentence case ('S e c r e t', '(c)', 'Sipdis') is not a drafting error on every "
        "line: it is reported once, and case findings are not made line by line.",
        "S e c r e t berlin 001068", "S E C R E T BERLIN 001068", _artefact("retyped"),
    ),
)
