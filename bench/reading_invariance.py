"""Does the reading survive what publishers do to a cable? A check of generalisation.

    python bench/reading_invariance.py [--corpus DIR]... [--only NAME[+NAME]]... [--list N] [--jobs N]

Each real cable of the corpora (by default ../shared/corpus/cablegate and cablegate-extra) is read
as it is, then again after each transformation below, each one a thing publishers and exports do
to real cables that leaves the cable, to a human reader, what it was. The reading of the
transformed copy is compared with the reading of the original, field by field:

  level       the classification (`cablelint parse` `classification`)
  controls    the set of controls (NOFORN, SIPDIS, SBU ...)
  eo          the executive order and the declassification instruction
  tags        the TAGS, upper-cased
  subject     the SUBJECT, upper-cased, white space squeezed
  authority   the Classified By name, position and reasons, upper-cased, white space squeezed
  paragraphs  the numbered paragraphs: (number, portion mark upper-cased)

A field is compared only where the original reading has it (a reading the original lacks is not
the transformation's to supply), and only where the transformation leaves the field's text as it
was (see each). Disagreement is not proof that the transformed reading is wrong (the original
reading may be the wrong one), but each is a place where the reading depends on the layout rather
than on the text: read them (--list N prints N of each with the cable and what differs).

Transformations:
  crlf            CR LF line ends
  header-joined   the lines from the E.O. line to the end of the SUBJECT joined into one line
                  (`E.O. 12958: DECL: 1/2/2019 TAGS: PREL, PGOV SUBJECT: ...`)
  banner-joined   the classification line, the caption lines after it and the E.O. line joined
                  into one line (`C O N F I D E N T I A L POST 000123 SIPDIS E.O. 12958: ...`)
  export-glued    the classification line run on after the last routing line behind a CSV field
                  boundary (`RUEHXX/AMEMBASSY POST 0123","C O N F I D E N T I A L POST 000123`)
  body-reflowed   in the body, each run of non-blank lines joined into one line
  body-one-line   the body joined into one line, blank lines and all
  no-blanks       every blank line dropped
  narrow          every line after the routing header longer than 50 characters wrapped at 50
                  (wrapped at spaces, as a narrower printout would; the text is unchanged)
  lower           the whole text in lower case (levels, tags, marks compared upper-cased)
  upper           the whole text in capitals, as the older cables and some copies have it
  indented        every line that holds text indented by four spaces (an export's or a mail's quoting)
  trailing-blanks two spaces after every line that holds text
  entities        & " ' written as the HTML entities a scraped web page leaves (&amp; &quot; &#39;)
  nbsp            each run of two spaces begun with a no-break space, as a web page's text has them
  invisible       a soft hyphen inside each word of eight letters or more and a zero-width space
                  after each `: `, invisible characters a web page's text carries
  dashes          each `--` set as a web page's typography sets it, an em dash (`—`); the subject is
                  not compared (it holds the dash as set)
  quoted          every line quoted as an e-mail quotes a message it answers (`> `)
  double-spaced   a blank line after every line, as a web page's line breaks converted twice leave
  pilcrow         each paragraph head `3.` read at a line's start written with the publisher's
                  pilcrow (`¶3.`), as web copies have them
  markdown        the links a web page's text keeps, as the published extracts of the seed have
                  them: each paragraph head read at a line's start written `[1N.](#)` (its pilcrow
                  dropped), each tag `[PREL](#)`
  mailed          the headers of an e-mail that forwarded the cable above it (From, Sent, a To list
                  wrapped, `Subject: FW: ...`)
  carded          a library's record card above it (`Date:`, `Canonical ID:`, ..., `TAGS: PREL -
                  Political Relations | ...`, `Content:`)
  stamped         a FOIA release's stamps above it (the page's `Case No. ... Doc No.` line, `RELEASE
                  IN PART` and the exemptions' codes)
  paged           a FOIA release's stamp of its case (`... Case No. ... Doc No. ...`) at the top of each
                  page of 30 lines, the first too, wherever the page breaks (in a SUBJECT, a TAGS list)
  printed         a printout's head at the top of each page of 30 lines after the first (the page's
                  marking, a blank line, `PAGE 02 MARLOWE 00412 121530Z`), wherever the page breaks
  form-fed        a form feed opening the first line of each page of 30 lines after the first, as
                  a text taken from a PDF has it
  tabbed          each run of two spaces or more written as a tab, the indents too, as an editor
                  may save them
  html            a copy taken from a web page's source: the page's head and a table of its record
                  above the text, the text in `<pre>`, a `<br>` after each line, each tag read a
                  link (`<a href='/tag/PREL_0.html'>PREL</a>`), each paragraph head read at a line's
                  start an anchor (`<a class='coderef' href='#par3'>3.</a>`)
  html-joined     a web page's source whose `<pre>` holds the text on one line, each line break
                  written as the character reference `&#x000A;`
  json            the text as a JSON record's string on one line (`{"id": 1, "content": "...\\n..."}`),
                  each line break escaped

Names joined by '+' apply transformations in turn (`--only export-glued+lower`: an export's record
re-typed in lower case), comparing the fields that each of them leaves comparable: real collections
have been through more than one of these.

With --findings the cables are linted instead of read, each as it is and after each transformation,
and the rules whose findings grow or shrink are counted per transformation (the X codes, which say
what the transformation did, aside): a finding a mere change of layout brings is a false alarm in
waiting on a collection published so.

Stdlib and cablelint only; in-process (cablelint's parser is imported). Figures only; exit 0.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import re
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Optional

from cablelint.parse.build import build
from cablelint.parse.source import decode, split_lines
from cablelint.parse.summary import summarise

HERE = Path(__file__).resolve().parent
CORPORA = [HERE.parent.parent / "shared" / "corpus" / name for name in ("cablegate", "cablegate-extra")]
FIELDS = ("level", "controls", "eo", "tags", "subject", "authority", "paragraphs")
NARROW = 50

Lines = tuple  # of str


def _squeeze(text: Optional[str]) -> Optional[str]:
    return " ".join(text.upper().split()) if text else text


def reading(lines: Lines) -> dict:
    """The compared fields of the reading of `lines`."""
    cable = build(split_lines("\n".join(lines)))
    record = summarise(cable, "", None)
    by = record["classified_by"]
    return {
        "level": record["classification"],
        "controls": tuple(sorted(set(record["controls"]))),
        "eo": (record["executive_order"], _squeeze(record["declassify_on"])) if record["executive_order"] else None,
        "tags": tuple(t.upper() for t in record["tags"]) if record["tags"] else None,
        "subject": _squeeze(record["subject"]),
        "authority": None if by is None or not by["name"] else
        (_squeeze(by["name"]), _squeeze(by["position"]), tuple(r.upper() for r in by["reasons"])),
        "paragraphs": tuple((p["number"], (p["marking"] or "").upper()) for p in record["paragraphs"]) or None,
        "_cable": cable,
    }


# ------------------------------------------------------------------ transformations
# Each takes the original lines and their reading; it returns the transformed lines and the fields
# it leaves comparable (None: not applicable to this cable).

Transform = Callable[[Lines, dict], Optional[tuple[Lines, tuple[str, ...]]]]


def _crlf(lines: Lines, _read: dict):
    return tuple(line + "\r" for line in lines), FIELDS


def _text(line: str) -> str:
    """A line's text without its edges' blanks and an export's closing backslash (no text)."""
    text = line.strip()
    return text[:-1].rstrip() if text.endswith("\\") else text


def _join(lines: Lines, first: int, last: int) -> Lines:
    """Lines `first`..`last` (0-based, inclusive) joined into one, blank ones dropped."""
    joined = " ".join(_text(line) for line in lines[first:last + 1] if _text(line))
    return lines[:first] + (joined,) + lines[last + 1:]


# (the joining transformations count lines as read: a reading that leaves lines unread, a double-
# spaced copy's or a printout's page heads, has a line_map, and is left out of them)


def _header_joined(lines: Lines, read: dict):
    cable = read["_cable"]
    if cable.line_map or cable.eo is None or cable.subject is None or cable.tags is None:
        return None
    first, last = cable.eo.span.line - 1, cable.subject.span.end_line - 1
    if not (first < cable.tags.span.line - 1 < cable.subject.span.line - 1 <= last) or last - first > 8:
        return None
    if any(_is_other_element(cable, n + 1) for n in range(first, last + 1)):
        return None
    return _join(lines, first, last), FIELDS


def _is_other_element(cable, line: int) -> bool:
    """A Classified By or REF line inside a run that a transformation joins (left alone)."""
    by = cable.classified_by
    refs = cable.refs
    return (by is not None and by.span.line <= line <= by.span.end_line) or \
        (refs is not None and refs.line <= line <= refs.end_line)


def _banner_joined(lines: Lines, read: dict):
    cable = read["_cable"]
    if cable.line_map or cable.banner is None or cable.eo is None:
        return None
    first, last = cable.banner.span.line - 1, cable.eo.span.line - 1
    if not 0 < last - first <= 6 or cable.eo.span.end_line != cable.eo.span.line:
        return None
    if any(_is_other_element(cable, n + 1) for n in range(first, last + 1)):
        return None
    if any(line.strip() and not _caption_line(cable, n + 1) for n, line in
           enumerate(lines[first + 1:last], start=first + 1)):
        return None  # only captions between: passing lines (`DEPT FOR ...`) would join the captions' line
    return _join(lines, first, last), FIELDS


def _caption_line(cable, line: int) -> bool:
    return any(c.span.line == line for c in cable.captions)


def _export_glued(lines: Lines, read: dict):
    cable = read["_cable"]
    if cable.line_map or cable.banner is None or cable.routing is None:
        return None
    last_routing, banner = cable.routing.span.end_line - 1, cable.banner.span.line - 1
    if banner <= last_routing or any(line.strip() for line in lines[last_routing + 1:banner]):
        return None
    glued = lines[last_routing].rstrip() + '","' + lines[banner].strip()
    return lines[:last_routing] + ("",) * (banner - last_routing) + (glued,) + lines[banner + 1:], FIELDS


def _body_start(read: dict) -> Optional[int]:
    """The index on disk of the line of paragraph 1 (the reading's lines may leave some unread)."""
    cable = read["_cable"]
    return cable.disk_line(cable.paragraphs[0].span.line) - 1 if cable.paragraphs else None


def _body_reflowed(lines: Lines, read: dict):
    start = _body_start(read)
    if start is None:
        return None
    out, run = list(lines[:start]), []
    for line in lines[start:]:
        if line.strip():
            run.append(line.strip())
            continue
        if run:
            out.append(" ".join(run))
            run = []
        out.append(line)
    if run:
        out.append(" ".join(run))
    return tuple(out), FIELDS


def _body_one_line(lines: Lines, read: dict):
    start = _body_start(read)
    if start is None:
        return None
    return lines[:start] + (" ".join(line.strip() for line in lines[start:] if line.strip()),), FIELDS


def _no_blanks(lines: Lines, _read: dict):
    return tuple(line for line in lines if line.strip()), FIELDS


_SPACED_LEVEL = re.compile(r"(?<![A-Za-z])(?:[A-Z] ){3,}[A-Z]\b")  # (also glued to a date: `...14:19:00C O N F`)
_KEEP = "\u2007"  # a figure space stands for the level's spaces while the line is wrapped


def _narrow(lines: Lines, read: dict):
    cable = read["_cable"]
    start = cable.disk_line(cable.routing.span.end_line) if cable.routing is not None else 0  # (on disk)
    out = list(lines[:start])
    for line in lines[start:]:
        if len(line) <= NARROW or not line.strip():
            out.append(line)
            continue
        # (a spaced level, `C O N F I D E N T I A L`, is one word to a printout: it is never split)
        kept = _SPACED_LEVEL.sub(lambda found: found.group().replace(" ", _KEEP), line)
        out.extend(piece.replace(_KEEP, " ") for piece in
                   textwrap.wrap(kept, NARROW, break_long_words=False, break_on_hyphens=False) or [kept])
    return tuple(out), FIELDS


def _lower(lines: Lines, _read: dict):
    return tuple(line.lower() for line in lines), FIELDS


def _upper(lines: Lines, _read: dict):
    return tuple(line.upper() for line in lines), FIELDS


def _indented(lines: Lines, _read: dict):
    return tuple("    " + line if line.strip() else line for line in lines), FIELDS


def _entities(lines: Lines, _read: dict):
    escaped = tuple(line.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;") for line in lines)
    return escaped, FIELDS


def _nbsp(lines: Lines, _read: dict):
    return tuple(line.replace("  ", "\u00a0 ") for line in lines), FIELDS


def _nbsp_mojibake(lines: Lines, _read: dict):
    # a web copy's no-break spaces, its UTF-8 then decoded as CP1252 and saved again (`Â` before each)
    return tuple(line.replace("  ", "\u00c2\u00a0") for line in lines), FIELDS


def _dashes(lines: Lines, _read: dict):
    return tuple(line.replace("--", "\u2014") for line in lines), ("level", "controls", "eo", "tags", "authority",
                                                                    "paragraphs")


_LONG_WORD = re.compile(r"\b([A-Za-z]{4})([A-Za-z]{4,})")


def _invisible(lines: Lines, _read: dict):
    # a web copy's soft hyphens inside long words and zero-width spaces after colons
    return tuple(_LONG_WORD.sub("\\1\u00ad\\2", line).replace(": ", ":\u200b ") for line in lines), FIELDS


def _quoted(lines: Lines, _read: dict):
    return tuple("> " + line for line in lines), FIELDS


def _numbered(lines: Lines, _read: dict):
    # a code viewer's or an exhibit's numbers in the margin, right-aligned
    return tuple(f"{number:>5}  {line}" for number, line in enumerate(lines, 1)), FIELDS


def _numbered_colon(lines: Lines, _read: dict):
    # numbers set off by a colon, as grep -n prints them (their width grows)
    return tuple(f"{number}:{line}" for number, line in enumerate(lines, 1)), FIELDS


def _hard_breaks(lines: Lines, _read: dict):
    # Markdown's hard line breaks, as a converter writes each line break of an HTML copy
    return tuple(line + "\\" if line.strip() else line for line in lines), FIELDS


def _numbered_zeros(lines: Lines, _read: dict):
    # numbers padded with zeros, as an exhibit's or a printout's margin writes them
    return tuple(f"{number:04d} {line}" for number, line in enumerate(lines, 1)), FIELDS


def _double_spaced(lines: Lines, _read: dict):
    return tuple(part for line in lines for part in (line, "")), FIELDS


def _pilcrow(lines: Lines, read: dict):
    out = list(lines)
    cable = read["_cable"]
    for paragraph in reversed(cable.paragraphs):
        span = cable.on_disk(paragraph.number_span)  # (the file's own lines and columns)
        line = out[span.line - 1]
        start = span.column - 1
        if not line[:start].strip() and line[start] != "\u00b6" and line[start:span.end_column - 1].endswith("."):
            out[span.line - 1] = line[:start] + "\u00b6" + line[start:]
    return (tuple(out), FIELDS) if out != list(lines) else None


def _markdown(lines: Lines, read: dict):
    cable = read["_cable"]
    edits: dict[int, list[tuple[int, int, str]]] = collections.defaultdict(list)  # line index: (start, end, new)
    for paragraph in cable.paragraphs:
        span = cable.on_disk(paragraph.number_span)  # (the file's own lines and columns)
        line = lines[span.line - 1]
        start, end = span.column - 1, span.end_column - 1
        if line[:start].strip() or not line[start:end].endswith(".") or ".." in line[start:end + 1]:
            continue  # (a head inside a line, or numbered otherwise: left as written)
        number = line[start:end - 1].lstrip("\u00b6").strip()
        edits[span.line - 1].append((start, end, f"[1{number}.](#)"))
    if cable.tags is not None:
        for tag in cable.tags.tags:
            span = cable.on_disk(tag.span)
            if span.line == span.end_line:
                text = lines[span.line - 1][span.column - 1:span.end_column - 1]
                edits[span.line - 1].append((span.column - 1, span.end_column - 1, f"[{text}](#)"))
    if not edits:
        return None
    out = list(lines)
    for index, changes in edits.items():
        line = out[index]
        for start, end, new in sorted(changes, reverse=True):
            line = line[:start] + new + line[end:]
        out[index] = line
    return tuple(out), FIELDS


# What a copy may carry above the telegram (an invented e-mail, record card and release stamp)
_MAIL = ("From: Doe, Jane <jdoe@example.org>", "Sent: Monday, March 17, 2008 6:49 PM", "To: Roe, John;",
         "    Smith, Ann", "Subject: FW: {subject}", "")
_CARD = ("Date: 2008 March 17, 18:49 (Monday)", "Canonical ID: 08MARLOWE412_a", "Original Classification: {level}",
         "Current Classification: UNCLASSIFIED", "Handling Restrictions: -- N/A or Blank --",
         "TAGS: PREL - Political Relations | IT - Italy", "Type: TE - Telegram (cable)", "From: Marlowe",
         "To: Secretary of State", "Content:")
_STAMP = ("UNCLASSIFIED U.S. Department of State Case No. F-2099-00001 Doc No. C01234567 Date: 01/02/2020", "",
          "RELEASE IN PART", "B1,1.4(B),B6", "")


def _mailed(lines: Lines, read: dict):
    subject = (read["subject"] or "the cable")[:60]
    return tuple(line.format(subject=subject) for line in _MAIL) + lines, FIELDS


def _carded(lines: Lines, read: dict):
    return tuple(line.format(level=read["level"] or "UNCLASSIFIED") for line in _CARD) + lines, FIELDS


def _stamped(lines: Lines, _read: dict):
    return _STAMP + lines, FIELDS


def _paged(lines: Lines, _read: dict):
    # a FOIA release's page stamp at the top of each page of 30 lines, where the page breaks
    out = []
    for number, line in enumerate(lines):
        if number % 30 == 0:
            out.append(_STAMP[0])
        out.append(line)
    return (tuple(out), FIELDS) if len(lines) > 30 else None


def _printed(lines: Lines, read: dict):
    # a printout's page header at the top of each page of 30 lines: its marking and `PAGE 02 ...`
    out, page = [], 1
    for number, line in enumerate(lines):
        if number and number % 30 == 0:
            page += 1
            out += [f"{read['level'] or 'UNCLASSIFIED'}", "", f"PAGE {page:02d}        MARLOWE  00412  121530Z"]
        out.append(line)
    return (tuple(out), FIELDS) if len(lines) > 30 else None


def _pdf_paged(lines: Lines, read: dict):
    # text taken from a PDF: each page of 12 lines ends with its marking and number, and the next
    # opens with its marking, blank lines around them (the break falls anywhere: in a field, a sentence)
    marking = (read["level"] or "UNCLASSIFIED") + ("//NOFORN" if "NOFORN" in (read["controls"] or ()) else "")
    out, pages = [], (len(lines) + 11) // 12
    for number, line in enumerate(lines):
        if number and number % 12 == 0:
            out += ["", marking, f"Page {number // 12} of {pages}", marking, ""]
        out.append(line)
    return (tuple(out), FIELDS) if len(lines) > 12 else None


def _form_fed(lines: Lines, _read: dict):
    # a text from a PDF: a form feed opens the first line of each page of 30 lines
    out = tuple("\f" + line if number and number % 30 == 0 else line for number, line in enumerate(lines))
    return (out, FIELDS) if len(lines) > 30 else None


_SPACE_RUN = re.compile(r"  +")


def _tabbed(lines: Lines, _read: dict):
    # an editor's tabs: each run of two spaces or more, the line's indent too, written as a tab
    return tuple(_SPACE_RUN.sub("\t", line) for line in lines), FIELDS


_PAGE_HEAD = ("<!DOCTYPE html>", "<html><head><title>Cable</title></head><body>",
              "<table><tr><th>Reference ID</th><th>Classification</th></tr><tr><td>"
              "<a href='/cable/1.html'>1</a></td><td>SECRET</td></tr></table>", "<pre>")


def _html(lines: Lines, read: dict):
    cable = read["_cable"]
    if not cable.read_as_on_disk:  # (its spans are not the file's columns)
        return None
    tag_lines = set() if cable.tags is None else {t.span.line for t in cable.tags.tags}
    heads = {p.number_span.line: p.number_span for p in cable.paragraphs if p.number_span.column <= 9}
    out = []
    for number, line in enumerate(lines, 1):
        if number in tag_lines:
            line = _TAG_WORD.sub(lambda m: f"<a href='/tag/{m.group()}_0.html'>{m.group()}</a>", line)
        head = heads.get(number)
        if head is not None and number not in tag_lines:
            start, end = head.column - 1, head.end_column - 1
            line = f"{line[:start]}<a class='coderef' href='#par{number}'>{line[start:end]}</a>{line[end:]}"
        out.append(line + "<br>" if line.strip() else line)
    return _PAGE_HEAD + tuple(out) + ("</pre></body></html>",), FIELDS


def _html_joined(lines: Lines, _read: dict):
    text = "&#x000A;".join(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in lines)
    return ("<html><body>", "<code><pre>" + text + "</pre></code>", "</body></html>"), FIELDS


def _json(lines: Lines, _read: dict):
    return ('{"id": 1, "content": ' + json.dumps("\n".join(lines) + "\n", ensure_ascii=False) + "}",), FIELDS


_TAG_WORD = re.compile(r"(?<![:\w])[A-Z]{2,5}(?![\w:])")


def _trailing_blanks(lines: Lines, _read: dict):
    return tuple(line + "  " if line.strip() else line for line in lines), FIELDS


TRANSFORMS: dict[str, Transform] = {
    "crlf": _crlf, "header-joined": _header_joined, "banner-joined": _banner_joined,
    "export-glued": _export_glued, "body-reflowed": _body_reflowed, "body-one-line": _body_one_line,
    "no-blanks": _no_blanks, "narrow": _narrow, "lower": _lower, "upper": _upper, "indented": _indented,
    "trailing-blanks": _trailing_blanks, "entities": _entities, "nbsp": _nbsp, "markdown": _markdown,
    "double-spaced": _double_spaced, "pilcrow": _pilcrow, "quoted": _quoted, "dashes": _dashes,
    "mailed": _mailed, "carded": _carded, "stamped": _stamped, "invisible": _invisible, "paged": _paged,
    "printed": _printed, "form-fed": _form_fed, "tabbed": _tabbed, "html": _html, "html-joined": _html_joined,
    "json": _json, "numbered": _numbered, "numbered-colon": _numbered_colon, "numbered-zeros": _numbered_zeros,
    "nbsp-mojibake": _nbsp_mojibake, "hard-breaks": _hard_breaks,
    "pdf-paged": _pdf_paged,
}


# ------------------------------------------------------------------ running


def _files(corpora: list[Path]) -> list[Path]:
    return sorted(p for corpus in corpora for p in corpus.glob("*.txt"))


def check_one(path_and_names: tuple[str, tuple[str, ...]]) -> list[tuple[str, str, str, object, object]]:
    """(transformation, field, cable, original, transformed) of each disagreement in one cable,
    and ('', name, cable, None, None) for each transformation applied (for the counts)."""
    path, names = path_and_names
    lines = decode(Path(path).read_bytes()).lines
    original = reading(lines)
    out = []
    for name in names:
        result = transformed(name, lines, original)
        if result is None:
            continue
        changed, fields = result
        out.append(("", name, path, None, None))
        again = reading(changed)
        for field in fields:
            if original[field] is not None and again[field] != original[field]:
                out.append((name, field, path, original[field], again[field]))
    return out


def transformed(name: str, lines: Lines, read: dict) -> Optional[tuple[Lines, tuple[str, ...]]]:
    """Transformation `name` applied to `lines` (whose reading is `read`), or the transformations
    it joins with '+' applied in turn; the fields every one of them leaves comparable. None when one
    does not apply."""
    parts = name.split("+")
    fields = set(FIELDS)
    for number, part in enumerate(parts):
        result = TRANSFORMS[part](lines, read)
        if result is None:
            return None
        lines, kept = result
        fields &= set(kept)
        if number + 1 < len(parts):
            read = reading(lines)
    return lines, tuple(field for field in FIELDS if field in fields)


def _transformation(name: str) -> str:
    """A --only value: one transformation, or several joined by '+'."""
    unknown = [part for part in name.split("+") if part not in TRANSFORMS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown transformation {', '.join(unknown)} "
                                         f"(choose from {', '.join(sorted(TRANSFORMS))})")
    return name


def findings_one(path_and_names: tuple[str, tuple[str, ...]]) -> list[tuple[str, str, str, int]]:
    """(transformation, code, cable, change in the number of its findings) of each rule whose
    findings on the transformed copy outnumber (or fall short of) those on the cable as it is,
    the X codes aside (they say what the transformation did); ('', name, cable, 0) for each
    transformation applied. Linted as of AS_OF, dated as the publisher's metadata says."""
    from cablelint.run.engine import active_rules, lint_bytes

    path, names = path_and_names
    lines = decode(Path(path).read_bytes()).lines
    settings = _settings(path)
    rules = active_rules(settings)

    def counts(these: Lines) -> collections.Counter:
        found = lint_bytes(path, ("\n".join(these) + "\n").encode("utf-8"), settings, rules).diagnostics
        return collections.Counter(d.code for d in found if not d.code.startswith("X"))

    original, out = counts(lines), []
    read = reading(lines)
    for name in names:
        result = transformed(name, lines, read)
        if result is None:
            continue
        out.append(("", name, path, 0))
        changed = counts(result[0])
        out += [(name, code, path, changed[code] - original[code]) for code in sorted(set(original) | set(changed))
                if changed[code] != original[code]]
    return out


AS_OF = "2026-12-01"


@functools.lru_cache(maxsize=None)
def _dates(folder: str) -> dict[str, str]:
    """The publisher's date of each cable of `folder` (its metadata.json), by file name."""
    try:
        entries = json.loads((Path(folder) / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {entry["file"]: entry.get("created", "")[:10] for entry in entries}


def _settings(path: str):
    import datetime as dt

    from cablelint.policy.rulesetmodel import Settings

    created = _dates(str(Path(path).parent)).get(Path(path).name, "")
    date = dt.date.fromisoformat(created) if len(created) == 10 else None
    return Settings(ruleset=_rules(), as_of=dt.date.fromisoformat(AS_OF), date=date)


@functools.lru_cache(maxsize=1)
def _rules():
    from cablelint.policy import ruleset

    return ruleset.load()


def report_findings(files: list[Path], names: tuple[str, ...], jobs: int, examples: int) -> None:
    applied: collections.Counter = collections.Counter()
    more: dict[tuple[str, str], list] = collections.defaultdict(list)
    fewer: collections.Counter = collections.Counter()
    with ProcessPoolExecutor(jobs) as pool:
        for rows in pool.map(findings_one, [(str(f), names) for f in files], chunksize=16):
            for name, code, path, change in rows:
                if not name:
                    applied[code] += 1
                elif change > 0:
                    more[name, code].append(Path(path).name)
                else:
                    fewer[name, code] += 1
    print(f"findings after each transformation, over {len(files)} cables (X codes aside; as of {AS_OF})")
    width = max(15, *map(len, names))
    for name in names:
        rows = [f"+{code} {len(cables)}" for (n, code), cables in sorted(more.items()) if n == name]
        rows += [f"-{code} {count}" for (n, code), count in sorted(fewer.items()) if n == name]
        print(f"  {name:{width}} {applied[name]:>6}  " + (", ".join(rows) or "."))
    print("  (+CODE n: n cables get more findings of CODE than as they are; -CODE n: fewer)")
    for (name, code), cables in sorted(more.items()):
        if examples:
            print(f"  {name} +{code}: {', '.join(cables[:examples])}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", type=Path)
    parser.add_argument("--only", action="append", type=_transformation, metavar="NAME[+NAME]",
                        help=f"a transformation, or several applied in turn: {', '.join(sorted(TRANSFORMS))}")
    parser.add_argument("--list", type=int, default=0, metavar="N", help="print N disagreements of each kind")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--findings", action="store_true",
                        help="lint instead: the codes each transformation adds or removes "
                             "(with --list N, N cables of each)")
    args = parser.parse_args(argv)
    files = _files(args.corpus or CORPORA)
    if not files:
        print("reading_invariance: no cables found", file=sys.stderr)
        return 2
    names = tuple(args.only or TRANSFORMS)
    if args.findings:
        report_findings(files, names, args.jobs, args.list)
        return 0
    applied: collections.Counter = collections.Counter()
    differs: dict[tuple[str, str], list] = collections.defaultdict(list)
    with ProcessPoolExecutor(args.jobs) as pool:
        for rows in pool.map(check_one, [(str(f), names) for f in files], chunksize=16):
            for name, field, path, old, new in rows:
                if not name:
                    applied[field] += 1
                else:
                    differs[name, field].append((path, old, new))
    print(f"reading invariance over {len(files)} cables (agreement of each field with the original reading)")
    width = max(15, *map(len, names))
    print(f"  {'transformation':{width}} {'cables':>6}  " + " ".join(f"{f:>10}" for f in FIELDS))
    for name in names:
        cells = []
        for field in FIELDS:
            wrong = len(differs[name, field])
            cells.append(f"{wrong:>10}" if wrong else f"{'.':>10}")
        print(f"  {name:{width}} {applied[name]:>6}  " + " ".join(cells))
    print("  (each cell: cables whose field differs from the original reading; '.': none)")
    if args.list:
        for (name, field), rows in sorted(differs.items()):
            print(f"\n{name} / {field} [{len(rows)}]")
            for path, old, new in rows[:args.list]:
                print(f"  {Path(path).parent.name}/{Path(path).name}\n    was {old!r}\n    now {new!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
