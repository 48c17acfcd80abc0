"""`--fix` and `--diff`: apply the corrections that are purely typographic and certain."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass
from typing import Iterable, Optional, TextIO

from ..checks.diagnostics import Diagnostic, FileResult
from ..parse import scanner
from ..parse.build import build
from ..parse.model import Cable, TagsLine
from ..parse.scanner import MAX_HEADER_LINE
from ..parse.source import Source, UnreadableError, decode
from ..policy import tagvocab
from ..policy.rulesetmodel import RuleSet, Settings
from ..run.discovery import STDIN
from ..run.engine import active_rules, lint_bytes
from .atomic import write_atomic

# Only the TAGS line is ever changed, and only for T002 (case, separators, stray punctuation: the
# corrected line the rule suggests) and T005 (a repeated tag removed). Nothing that decides a
# classification (banner, captions, portion marks, the E.O. line, Classified By) is touched: each
# fix is checked by parsing the fixed text, and refused when anything but the TAGS line would
# change. The new bytes are spliced into the file's original bytes, so the encoding, a BOM and CRLF
# line endings stay as they were; `--fix` writes them atomically (`atomic.py`).

FIXABLE = ("T002", "T005")
_LINE_CODECS = ("utf-8", "cp1252", "latin-1")


class NotFixed(Exception):
    """Why a fixable finding was left alone (said to the user, never an error)."""


@dataclass(frozen=True)
class Fix:
    """The corrected bytes of one file, and what changed."""

    path: str
    old: bytes
    new: bytes
    line: int                       # the TAGS line, 1-based, on disk
    codes: tuple[str, ...]          # the findings it resolves
    lines: tuple[str, ...]          # the file's lines before the fix
    new_line: str
    encoding: str = "utf-8"         # the file's, as decoded

    def diff(self, context: int = 3) -> bytes:
        """A unified diff of the change, with line numbers as on disk. Its lines are the file's own
        bytes, in its encoding and with its line endings (a CRLF, a BOM, cp1252's quotes), so that
        `patch` and `git apply` take it; a file in UTF-16 or UTF-32, which those tools read as
        binary, is shown in UTF-8 to be read, not applied."""
        if self.encoding.startswith(("utf-16", "utf-32")):
            old = [line + "\n" for line in self.lines]
            new = old[:self.line - 1] + [self.new_line + "\n"] + old[self.line:]
            return self._hunk([line.encode("utf-8", "surrogateescape") for line in old],
                              [line.encode("utf-8", "surrogateescape") for line in new], context)
        return self._hunk(_lines_of(self.old), _lines_of(self.new), context)

    def _hunk(self, old: list[bytes], new: list[bytes], context: int) -> bytes:
        at = self.line - 1
        low, high = max(0, at - context), min(len(old), at + 1 + context)
        out = [f"--- a/{self.path}\n+++ b/{self.path}\n@@ -{low + 1},{high - low} +{low + 1},{high - low} @@\n"
               .encode("utf-8", "surrogateescape")]
        for index in range(low, high):
            if index == at:
                out += [_diff_line(b"-", old[index]), _diff_line(b"+", new[index])]
            else:
                out.append(_diff_line(b" ", old[index]))
        return b"".join(out)


def _lines_of(data: bytes) -> list[bytes]:
    """The file's lines with their endings, as cablelint numbers them: each ends at an LF (a file
    with a CR alone, whose lines end at CRs too, is never fixed)."""
    lines = [line + b"\n" for line in data.split(b"\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _diff_line(sign: bytes, line: bytes) -> bytes:
    """One line of a hunk; the last line of a file without a final line break is marked so."""
    if line.endswith(b"\n"):
        return sign + line
    return sign + line + b"\n\\ No newline at end of file\n"


def plan(path: str, data: bytes, diagnostics: Iterable[Diagnostic], ruleset: RuleSet) -> Optional[Fix]:
    """The fix for the bytes `data`, given the diagnostics found in them under `ruleset`; None
    when there is nothing to fix. Raises NotFixed when a fixable finding cannot be fixed with
    certainty."""
    found = [d for d in diagnostics if d.code in FIXABLE]
    if not found:
        return None
    try:
        source = decode(data)
    except UnreadableError:
        return None
    if source.cr_only:
        raise NotFixed("lines of the file end in a CR alone (a classic Mac file's); fix it by hand")
    cable = build(source)
    tags = cable.tags
    if tags is None:
        return None
    if tags.span.line != tags.span.end_line:
        raise NotFixed("the TAGS line continues on the next lines; fix it by hand")
    read = tags.span.line
    if read + 1 in cable.margin_gaps:
        raise NotFixed("the TAGS line goes on in the next line, re-wrapped without its quote marks; fix it by hand")
    if cable.column_shifts and read in cable.column_shifts:
        raise NotFixed("the TAGS line holds a web page's character references (&quot;), markup (<a href=...>), a line "
                        "break written inside its line (<br>, \\n) or invisible characters; fix it by hand")
    lineno = cable.disk_line(read)
    # (the spans are of the lines read without an indented or quoted file's margin, which the fix
    # keeps, from the margin's first line on, and of a double-spaced file's lines of text: `lineno`
    # is the line's number on disk)
    disk_line, old_line = source.lines[lineno - 1], cable.lines[read - 1]
    if len(old_line) > MAX_HEADER_LINE:
        raise NotFixed(f"the TAGS line is longer than {MAX_HEADER_LINE} characters")
    if _wraps(old_line[:tags.span.end_column - 1], cable.lines[read:read + 1]):
        raise NotFixed("the TAGS line ends with a separator and seems to go on in the next line; fix it by hand")
    on_line = [d for d in found if d.line == lineno]
    corrected = _corrected_segment(tags, old_line, on_line, ruleset)
    if corrected is None:
        return None
    segment, codes = corrected
    start, end = tags.span.column - 1, tags.span.end_column - 1
    # (the line read has a space for each no-break space or form feed on disk, one for one: what
    # stands around the TAGS is taken from the disk, as written)
    left = cable.margin_of(read)
    new_line = disk_line[:left + start] + segment + disk_line[left + end:]
    if new_line == disk_line:
        return None
    old_line = disk_line
    new = _splice(data, source, lineno, old_line, new_line)
    _verify(cable, source, new, lineno, new_line)
    return Fix(path, data, new, lineno, codes, source.lines, new_line, source.encoding)


def _wraps(tags_text: str, following: tuple[str, ...]) -> bool:
    """A TAGS line ending in a separator, followed by text that is no other element (wrapped
    tags the grammar did not take as a continuation, e.g. in lower case)."""
    return (tags_text.rstrip().endswith((",", ";", "/", "|")) and bool(following)
            and scanner.line_kind(following[0]) == "other")


def _corrected_segment(tags: TagsLine, line: str, found: list[Diagnostic],
                       ruleset: RuleSet) -> Optional[tuple[str, tuple[str, ...]]]:
    """The TAGS part of the line as it should be written, and the codes that resolves: T002's
    suggestion when it made one (it also drops repeated tags), else the line with each repeated
    tag and its separator cut. Only words that are known tags are rewritten or dropped: prose
    (`BU, Organized Crime`) or a bare name after a visit tag (`OVIP KIM, KIM`) is left to the
    drafter."""
    codes = {d.code for d in found}
    for diagnostic in found:
        if diagnostic.code == "T002" and diagnostic.suggestion:
            prose = [t.text for t in tags.tags if t.kind != "person" and t.text != t.value
                     and not _known(ruleset, t.value)]
            if prose:
                raise NotFixed(f"'{prose[0]}' is not a known tag, so rewriting it is not certain; fix it by hand")
            return diagnostic.suggestion.rstrip(), tuple(sorted(codes))
    if "T005" not in codes:
        return None  # T002 without a suggestion: the rule itself found no certain correction
    if "[" in tags.raw:
        raise NotFixed("TAGS written as links are not fixed automatically")
    values = [t.value for t in tags.tags]
    unknown = [v for v in values if values.count(v) > 1 and not tagvocab.PERSON.fullmatch(v) and not _known(ruleset, v)]
    if unknown:
        raise NotFixed(f"'{unknown[0]}' is not a known tag (perhaps part of a name), so dropping it is not certain")
    start = tags.span.column - 1
    keep: list[tuple[int, int]] = []
    cursor, previous_end, seen = start, None, set()
    for tag in tags.tags:
        if tag.value in seen and previous_end is not None:
            keep.append((cursor, previous_end))
            cursor = tag.span.end_column - 1
        else:
            previous_end = tag.span.end_column - 1
        seen.add(tag.value)
    keep.append((cursor, tags.span.end_column - 1))
    return "".join(line[a:b] for a, b in keep if b > a), ("T005",)


def _known(ruleset: RuleSet, value: str) -> bool:
    return tagvocab.definition(ruleset, value)[1] is not None


def _line_bounds(data: bytes, first: int, lineno: int) -> tuple[int, int]:
    start = first
    for _ in range(lineno - 1):
        start = data.index(b"\n", start) + 1
    end = data.find(b"\n", start)
    return start, len(data) if end < 0 else end


def _splice(data: bytes, source: Source, lineno: int, old_line: str, new_line: str) -> bytes:
    """`data` with line `lineno` replaced, every other byte kept."""
    if source.encoding in _WIDE_CODECS:
        return _splice_wide(data, source.encoding, lineno, old_line, new_line)
    start, end = _line_bounds(data, len(codecs.BOM_UTF8) if source.had_bom else 0, lineno)
    content = data[start:end]
    tail = b""
    if source.crlf and content.endswith(b"\r"):
        content, tail = content[:-1], b"\r"
    for codec in _LINE_CODECS:
        try:
            if content.decode(codec) == old_line:
                return data[:start] + new_line.encode(codec) + tail + data[end:]
        except UnicodeError:
            continue
    raise NotFixed("the TAGS line mixes encodings; fix it by hand")


# The wide encodings a file is read in after its byte-order mark: the mark's length and its codec
_WIDE_CODECS = {
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}


def _splice_wide(data: bytes, encoding: str, lineno: int, old_line: str, new_line: str) -> bytes:
    """`data`, a UTF-16 or UTF-32 file with its mark, with line `lineno` replaced: decoded whole
    and encoded again, refused unless that gives back the same bytes."""
    bom, codec = next(pair for pair in _WIDE_CODECS[encoding] if data.startswith(pair[0]))
    try:
        text = data[len(bom):].decode(codec)
        if bom + text.encode(codec) != data:
            raise UnicodeError("does not round-trip")
        lines = text.split("\n")
        line = lines[lineno - 1]
        cr = "\r" if line.endswith("\r") and line[:-1] == old_line else ""
        if line[:len(line) - len(cr)] != old_line:
            raise UnicodeError("line differs")
        lines[lineno - 1] = new_line + cr
        return bom + "\n".join(lines).encode(codec)
    except (UnicodeError, IndexError):
        raise NotFixed(f"this {encoding.upper()} file cannot be changed safely; fix it by hand") from None


_UNTOUCHED = tuple(name for name in Cable._fields if name not in ("lines", "tags", "notes"))


def _verify(cable: Cable, source: Source, new: bytes, lineno: int, new_line: str) -> None:
    """Refuse the fix unless the new bytes differ only on the TAGS line, decode the same way and
    parse to the same cable apart from the TAGS, whose tags are the old ones without repeats."""
    try:
        after = decode(new)
    except UnreadableError:
        raise NotFixed("the fixed file would not read as text") from None
    expected = source.lines[:lineno - 1] + (new_line,) + source.lines[lineno:]
    if after.lines != expected or (after.encoding, after.had_bom, after.crlf) != (
            source.encoding, source.had_bom, source.crlf):
        raise NotFixed("the fix would change more than the TAGS line")
    fixed = build(after)
    if any(getattr(fixed, name) != getattr(cable, name) for name in _UNTOUCHED):
        raise NotFixed("the fix would change how the cable is read beyond its TAGS")
    old_values = list(dict.fromkeys(t.value for t in cable.tags.tags))
    if fixed.tags is None or [t.value for t in fixed.tags.tags] != old_values:
        raise NotFixed("the fixed TAGS line would not hold the same tags")


def _not_writable(path: str) -> Optional[str]:
    """Why `path` must not be replaced, or None. The atomic replace (atomic.py) writes a new file
    and renames it over the old one, which needs only the folder's permission: in a folder anyone
    may write, it would replace another user's file or a read-only one, and it would split a hard
    link (the other names keep the old text). So only a file the user owns, may write (its owner
    write bit: root may write anything), and that has one name is fixed."""
    try:
        status = os.stat(path)
    except OSError as exc:
        return f"cannot examine it: {exc.strerror or exc}"
    if status.st_nlink > 1:
        return (f"it has {status.st_nlink} hard links, and replacing it would split them (the other names "
                "would keep the old text); fix it by hand")
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        return "it belongs to another user"
    if not status.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        return "it is read-only"
    return None


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """`data` to a text stream's bytes underneath (the diff's lines are the file's bytes, in its
    encoding), after what was written to the stream as text."""
    stream.flush()
    raw = getattr(stream, "buffer", None)
    if raw is None:  # (a stream of text alone, as tests capture output: the bytes read back one for one)
        stream.write(data.decode("utf-8", "surrogateescape"))
    else:
        raw.write(data)
        raw.flush()


class Fixer:
    """Applies fixes to lint results as they stream by: `--diff` prints them, `--fix` writes them.
    Either way the result handed back is the fixed file's lint, so the remaining findings decide
    the exit status."""

    def __init__(self, settings: Settings, write: bool, diff: Optional[TextIO], notes: Optional[TextIO] = None):
        self.settings = settings
        self.rules = active_rules(settings)
        self.write = write
        self.diff = diff
        self.notes = notes
        self.fixed = 0

    def __call__(self, result: FileResult) -> FileResult:
        if not any(d.code in FIXABLE for d in result.diagnostics):
            return result
        if result.path == STDIN:
            self._note(f"{STDIN}: standard input is not fixed")
            return result
        try:
            with open(result.path, "rb") as handle:
                data = handle.read()
            current = lint_bytes(result.path, data, self.settings, self.rules)
            fix = plan(result.path, data, current.diagnostics, self.settings.ruleset)
        except NotFixed as why:
            self._note(f"{result.path}: not fixed: {why}")
            return result
        except OSError as exc:
            self._note(f"{result.path}: not fixed: {exc.strerror or exc}")
            return result
        if fix is None:
            return current
        after = lint_bytes(result.path, fix.new, self.settings, self.rules)
        if self.diff is not None:
            _write_bytes(self.diff, fix.diff())
            self.fixed += 1
            return after
        if not self.write:
            return current
        return self._write(fix, current, after)

    def _write(self, fix: Fix, current: FileResult, after: FileResult) -> FileResult:
        refused = _not_writable(fix.path)
        if refused is not None:
            self._note(f"{fix.path}: not fixed: {refused}")
            return current
        try:
            with open(fix.path, "rb") as handle:
                if handle.read() != fix.old:
                    self._note(f"{fix.path}: not fixed: the file changed while it was being linted")
                    return current
            write_atomic(fix.path, fix.new)
        except OSError as exc:
            self._note(f"{fix.path}: not fixed: cannot write it: {exc.strerror or exc}")
            return current
        self.fixed += 1
        self._note(f"{fix.path}:{fix.line}: fixed {', '.join(fix.codes)} on the TAGS line")
        return after

    def _note(self, text: str) -> None:
        (self.notes or sys.stderr).write(f"cablelint: {text}\n")
