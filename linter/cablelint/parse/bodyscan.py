"""The body of a cable, scanned as one text: where paragraphs start, section breaks, a late
Classified By line, references to paragraphs (`SEE PARA 3`) and declassification stamps."""

from __future__ import annotations

import re
from typing import Iterator, Optional

from .. import patterns, regexcompat
from . import scanner

# Each scan runs one compiled pattern over the whole text, or finds the words a match must start
# with first (bytes.find) and tries the pattern only there: a cable's body costs little more than
# reading it. Offsets are 0-based. Knows nothing of the rest of cablelint.

_PARAGRAPH = (r"(?P<paragraph>[ \t]{0,8}(?:\[1\d{1,3}\.\]\(\#\)|¶[ ]?\d{1,3}[ ]?\.(?!\d)"
              r"|[ ]?\d{1,3}[ ]?\.(?=[ \t(]|$|(?:TS|S|C|U|SBU)[/)]|[A-Z])"
              r"|\d{1,3},(?=[ \t]{1,3}[A-Z][A-Za-z])"  # (`1, On August 8, ...`: see scanner.py)
              r"|l(?=[ ]?\.[ \t]{0,3}\((?:TS|S|C|U|SBU)[/)])))")  # (a scan's l for 1: `l. (C)`)
# the post's words run up to the serial, which a space precedes: taken whole (`*+`) rather than
# one character at a time, which a long line of capitals made dear
_SECTION_BREAK = r"(?P<section_break>[A-Z][A-Z .'-]*+(?<=[ ])\d{3,8}[ ]+\d{3}(?:\.\d+)?[ ]+OF[ ]+\d{3}[ \t]*$)"
# the label, or its sentence form ("This cable is classified by ..."); both hold the word "classified",
# which `_classified_by_lines` finds first (a misspelt label is found in the header only)
# (the label's words, or its sentence form: "This cable is classified by ...")
_CLASSIFIED_WORDS = r"(?:this[ \t]+(?:cable|message|telegram)[ \t]+(?:is|was)[ \t]+)?classified[ \t]+by"
_CLASSIFIED_BY = rf"(?P<classified_by>[ \t]*(?:\(U\)[ \t]*)?(?i:{_CLASSIFIED_WORDS})\b)"
# What a line of the body is: the first alternative that matches at its start.
_BODY = regexcompat.compile("^(?:" + _PARAGRAPH + "|" + _SECTION_BREAK + "|" + _CLASSIFIED_BY + ")", re.M)
# Paragraph heads and section breaks only, at a line's start, and led by the newline that precedes a
# line: the regex engine finds a literal first character with a fast search, where `^` makes it stop
# at every character of the text. A match never spans lines. Classified By lines are not tried on
# every line: only on the few that hold the word (see `_classified_by_lines`).
_HEADS = regexcompat.compile("^(?:" + _PARAGRAPH + "|" + _SECTION_BREAK + ")", re.M)
_HEADS_AFTER_NEWLINE = regexcompat.compile("\n(?:" + _PARAGRAPH + "|" + _SECTION_BREAK + ")", re.M)
# References are rare, so find the word first and judge its context second.
_PARA_WORD = patterns.compile(r"(?i:para)(?i:graph)?(?i:s)?\.?\s*(?P<n>\d{1,2})\b")
# not a bare "in": "as mentioned in paragraph 4", "reflected in Paragraph 19" cite the paragraphs of
# a note, a proposal or conclusions the cable quotes about as often as the cable's own
_REF_BEFORE = patterns.compile(r"(?i:\b(?:SEE|AT|PER|ACTION\s+REQUEST(?:ED)?(?:\s+(?:IS|IN|AT))?))\s+$")
_REF_AFTER = patterns.compile(r"(?i:\s+(?:BELOW|ABOVE)\b)")
# `para 4 of the note`, `para 9, ref A`, `para 2 reftel`: another text's paragraph
# (also `para 9, STATE 23456`, `para 9, 08 STATE 23456`: a post and a serial, not `para 9, MAY 5 NOTES`;
# `para 9, septel`, `para 9 -- ref A`, `para 9/ref C`)
# (one run of blanks before each word: two repeats side by side would backtrack on a long run of blanks)
_OTHER_CABLE_AFTER = patterns.compile(r"(?i:\s*(?:OF|IN|SUBSECTION|SECTION)\b"
                                      r"|[\s,(]*(?:(?:--?|/|\u2013|\u2014)\s*)?REF(?:TEL|S)?\b|[\s,]*SEPTEL\b)"
                                      r"|,[ \t]*(?:\d{2}[ \t]+)?[A-Z][A-Z]+(?:[ \t][A-Z]+)?[ \t]+\d{3,6}\b")
# `ref A at para 9`: the reference's paragraph
_OTHER_CABLE_BEFORE = patterns.compile(r"(?i:\bREF(?:TEL|S)?(?:\s+[A-Z])?\s+AT\s+$)")
# the end of a range of paragraphs (`paras 4-6`, `paras 5 through 7`), which must exist too
# the end of a range of paragraphs pointed to, or the second of a pair (`paras 3 and 4`)
_RANGE_END = patterns.compile(r"(?i:\s*(?:-|\u2013|TO|THROUGH|THRU|AND|&)\s*(?P<n>\d{1,2})\b)")
_DECLASSIFIED_WORD = patterns.compile(r"(?i:de-?classified)")
_DECLASSIFIED_LINE = patterns.compile(
    r"(?i:.{0,40}?(?:DECLASSIFIED\s*/\s*RELEASED\b|DECLASSIFIED\s+BY\s+NARA\b|DECLASSIFIED\s+(?:UNDER\s+)?AUTHORITY\b"
    r"|ORIGINAL\s+TELEGRAM\s+WAS\s+\w+\s+BUT\s+HAS\s+SINCE\s+BEEN\s+DE-?CLASSIFIED)"
    r"|\s*DECLASSIFIED\s+(?:BY|ON)\s*:)"  # the 32 CFR 2001.25 fields "Declassified by:", "Declassified on:"
    # A stamp's first line stands alone and in capitals; a wrapped word of prose does not count.
    r"|[ \t]*DECLASSIFIED[ \t]*$"
    # A stamp naming its order opens its line, after a page's number or a frame of stars or dashes at
    # most (`DECLASSIFIED PER E.O. 13526`, `Page 1 DECLASSIFIED UNDER E.O.` / `12958`); a sentence
    # ("... declassified under E.O. 12958 by the archive") tells of a review, it is no marking.
    r"|[ \t*#|-]*(?i:PAGE[ \t]+\d+[ \t]+)?(?i:DECLASSIFIED[ \t]+(?:PER|UNDER)[ \t]+E\.?[ ]?O\b)")


def body_elements(text: str, start: int = 0, lower_case: bool = False) -> list[tuple[str, int]]:
    """(kind, offset) for paragraph starts, section breaks and late Classified By lines in `text`
    from offset `start` (the offset of their line's start), and for the portions marked at their
    head that begin elsewhere: a numbered head inside a line ("paragraph_inside", at its number), and
    a lettered, bulleted or unnumbered portion at a line's start ("portion", at its label), in text
    order."""
    classified_by = _classified_by_lines(text, start, lower_case)
    if classified_by is None:  # a text with a fold trap: the whole pattern on every line
        elements = [(found.lastgroup or "", found.start()) for found in _BODY.finditer(text, start)
                    if found.lastgroup != "classified_by" or lower_case or not _wrapped_words(text, found.start())]
    else:
        elements = list(_heads(text, start))
        elements.extend(classified_by)  # rare: most Classified By lines stand in the header, before `start`
    elements.extend(_marked_heads(text, start, lower_case))
    elements.extend(_pilcrow_heads_inside(text, start))
    elements.extend(_link_heads_inside(text, start))
    elements.extend(_heads_after_text(text, start, lower_case))
    elements.sort(key=lambda element: element[1])
    return list(dict.fromkeys(elements))  # (a head inside a line that two scans find, once)


# A portion mark, found by its opening parenthesis (a literal the regex engine searches for fast);
# what stands before it on its line says whose head it is.
# (in any case: a re-typed copy writes `(c)`; a mark in lower case counts only after a number)
_MARK = patterns.compile(r"\((?:TS|S|C|U|SBU|LOU|SECRET|CONFIDENTIAL|UNCLASSIFIED|TOP SECRET)(?:[/ )]|-(?!\d))", re.I)
# a head inside a line, after a space (`3.` or `3..`); after a heading's dash (`Critique-14.`,
# re-flow glued them); `(11. (C)`, opened by a parenthesis; `------ 3, (C)`, numbered with a comma
# after a heading; `ARREST ------ 2 (S/NF)`, `-------- 3.. (C)`: any number after a heading's rule
# (the dashes also as a web page's typography sets them, `\u2013`, `\u2014`)
_NUMBER_BEFORE = patterns.compile(r"(?:(?<=\S)[ \t]+(?:\u00b6[ ]?)?|(?<=[a-z][\u2013\u2014-])|^[ \t]*\()"
                                  r"\d{1,3}[ ]?\.\.?[ \t]{0,12}$"
                                  r"|(?<=[-\u2013\u2014.:;!?)])[ \t]+\d{1,3},[ \t]{0,5}$"
                                  r"|(?:(?<=--)|(?<=[\u2013\u2014]))[ \t]+(?:\u00b6[ ]?)?\d{1,3}[ \t]{0,5}$", re.M)
# A head without its dot inside a line, after a sentence (`... warrants. 4 (C) Montel said ...`, a
# body re-flowed): its mark in capitals (`para. 4 (c)` cites a paragraph's item)
_BARE_NUMBER_BEFORE = patterns.compile(r"(?<=[.!?])[ \t]+\d{1,3}[ \t]{1,3}$")
# An unmarked head inside a line, numbered with the publisher's pilcrow (`... \\ ¶6.  Embassy ...`),
# found by the pilcrow (a literal the regex engine searches for fast) and judged around it; a marked
# one is found by its mark (the numbering decides which are heads: build.py).
_PILCROW_HEAD = patterns.compile(r"\u00b6(?<=[ \t]\u00b6)[ ]?\d{1,3}[ ]?\.(?![\d.])(?![ \t]*\()")  # (after a blank)
# Inside a line, any head after a sentence, a heading (its rule, or its words in capitals) or an
# "End Summary": spaced or glued to its first word (`... of the forum. 3. The Arab ...`, `... the
# forum. 3.The Arab ...`, `... INVESTMENT 2.In recent ...`, `---- 3.With ...`), and marked however
# it is (`... Summary. 4.  (SNF) The ...`, `( C )`, `(/Rel UK)`), which the mark scan (`_MARK`: marks
# written right) does not find: a body re-flowed into long lines, or wrapped again after that. The
# numbering and the head's grammar decide (an unmarked head inside a line must go on with it).
# Each is led by the number's dot, a literal the regex engine searches for fast; what stands before
# it is checked there too, in C: the number after one to four blanks (and a pilcrow), after a
# character of the context (a sentence's end, a rule, a word). Python judges the context further
# only at those few places (a look-behind has one width, hence one for each of these widths).
_AFTER_CONTEXT = "|".join(rf"(?<=[.:;!?\"')\-A-Za-z][ \t]{{{blanks}}}{pilcrow}\d{{{digits}}}\.)"
                          for blanks in (1, 2, 3, 4) for pilcrow in ("", "\u00b6", "\u00b6 ") for digits in (1, 2, 3))
# (the digit before the dot first: at most of the text's dots the one cheap test fails)
_NUMBER_THEN_TEXT = patterns.compile(r"\.(?<=\d\.)(?=[ \t]{0,12}[A-Z(])(?:" + _AFTER_CONTEXT + ")")
# (in capitals, `(note: ...)` reads as a mark)
_NUMBER_THEN_WORD = patterns.compile(r"\.(?<=\d\.)(?=[ \t]{0,12}[A-Z])(?:" + _AFTER_CONTEXT + ")")
_BEFORE_A_HEAD = r"(?:[.:;!?\"')\u2013\u2014-]|[A-Z]{2}|(?i:summary|comment))[ \t]{1,4}"  # a sentence's end, a heading
_HEAD_CONTEXT = patterns.compile(_BEFORE_A_HEAD + r"(?:\u00b6[ ]?)?$")
_HEAD_CONTEXT_IN_CAPITALS = patterns.compile(r"(?:[.:;!?\"')\u2013\u2014-]|SUMMARY|COMMENT)[ \t]{1,4}(?:\u00b6[ ]?)?$")
# `(C) 1. In a visit ...`: a portion mark written before the number opening its line; the line-start
# scan reads it as a portion, whose number build.py then takes as the paragraph's (no head here)
_MARK_BEFORE_NUMBER = patterns.compile(r"[ \t]*\([A-Z][A-Z/ ]{0,20}\)[ \t]*(?:\u00b6[ ]?)?")
# the same inside a line: the number glued to the mark (`... countries. (C)4. In`), or the mark just before
# a number found after text (`... again. (C) 2. The`)
_NUMBER_GLUED_AFTER = patterns.compile(r"\d{1,3}\.[ \t]*[A-Z]")
_MARK_ENDING = patterns.compile(r"\((?:TS|S|C|U|SBU|LOU)(?:/{1,2}[A-Z][A-Z/ ]{0,20})?\)[ \t]*(?:\u00b6[ ]?)?$")
# a paragraph or a document's part cited, not a head: `as in paragraph 3. The ...`
_CITED = patterns.compile(
    r"(?i:\b(?:PARA|PARAS|PARAGRAPHS?|REF|REFTEL|NUMBER|ARTICLE|SECTION|ITEM|ANNEX|PAGE|POINT)\.?)"
    r"[ \t]{1,4}$")


def _mark_before_number(text: str, low: int, at: int) -> bool:
    """Only a portion mark stands before the number at `at` on its line (looked for from `low`)."""
    newline = text.rfind("\n", max(low - 1, 0), at)
    line_start = newline + 1 if newline >= 0 else (low if low == 0 or text[low - 1] == "\n" else -1)
    return line_start >= 0 and _MARK_BEFORE_NUMBER.fullmatch(text, line_start, at) is not None


def _pilcrow_heads_inside(text: str, start: int) -> Iterator[tuple[str, int]]:
    """("paragraph_inside", offset) of the unmarked heads numbered with a pilcrow inside lines."""
    if "\u00b6" not in text:
        return
    for found in _PILCROW_HEAD.finditer(text, start):
        at = found.start()
        before = max(start, at - 200)  # (the window only: a megabyte line is not read back to its start)
        line_start = text.rfind("\n", before, at) + 1
        if text[max(line_start, before):at].strip():
            yield "paragraph_inside", at


# A head written as a web page's link (`[12.](#)`, the leading 1 standing for the pilcrow) inside a
# line, after text: the publisher's mark of a paragraph's number, found by the link's end (a literal)
_LINK_HEAD = patterns.compile(r"[ \t]\[1\d{1,3}\.\]\(#\)$")


def _link_heads_inside(text: str, start: int) -> Iterator[tuple[str, int]]:
    """("paragraph_inside", offset) of the heads written as links inside lines (marked or not: the
    numbering decides which are heads)."""
    at = text.find(".](#)", start)
    while at >= 0:
        found = _LINK_HEAD.search(text, max(start, at - 6), at + 5)
        if found is not None:
            # (text within 200 characters before it on its line: looked for in that window only, as a
            # megabyte line would be read again back to its start for each head)
            before = max(start, found.start() - 200)
            line_start = text.rfind("\n", before, found.start()) + 1
            if text[max(line_start, before):found.start()].strip():
                yield "paragraph_inside", found.start() + 1
        at = text.find(".](#)", at + 5)


def _heads_after_text(text: str, start: int, lower_case: bool) -> Iterator[tuple[str, int]]:
    """("paragraph_inside", offset) of the heads after a sentence or a heading inside lines. In a copy
    re-typed in lower case (`text` in capitals) capitals say nothing: after a sentence only, and
    unmarked (the mark scan finds the marked ones)."""
    number, context = (_NUMBER_THEN_WORD, _HEAD_CONTEXT_IN_CAPITALS) if lower_case \
        else (_NUMBER_THEN_TEXT, _HEAD_CONTEXT)
    for found in number.finditer(text, start):
        at = found.start() - 1
        while text[at - 1].isdigit():
            at -= 1  # to the number's first digit
        if text[at - 1] == "\u00b6" or text[at - 2:at] == "\u00b6 ":
            at = text.rindex("\u00b6", 0, at)  # the head starts with its pilcrow
        # (the context's blanks are no newline: a head opening its line is the line-start scan's)
        low = max(start, at - 14)
        if _CITED.search(text, low, at) is not None:
            continue
        mark = _MARK_ENDING.search(text, max(start, at - 30), at)
        if mark is not None:
            # `... again. (C) 2. The mayor ...`: the mark written before the number heads the paragraph
            # (one opening its line is the line-start scan's)
            if not _mark_before_number(text, low, at) \
                    and context.search(text, max(start, mark.start() - 14), mark.start()) is not None:
                yield "portion", mark.start()
            continue
        if context.search(text, low, at) is not None:
            yield "paragraph_inside", at


_PLAIN_HEAD = patterns.compile(r"[ \t]{0,8}(?:\u00b6[ ]?)?\d{1,3}[ ]?\.[ \t]*")
_VARIANT_NUMBER_BEFORE = patterns.compile(r"[ \t]*(?:\u00b6[ ]?)?\d{1,3}(?:,|\.\.)?[ \t]*")
# `A.`, `II.`, `--` and the items of a list inside a paragraph (`1) (C)`, which restart at 1)
# An item's label before a portion's mark: `A.`, `a.`, `ii.`, `(a)`, `(ii)`, `(A)`, `(1)`, `2.A.`, `2.b.`, `2a.`,
# `2(a)`, `3)`, a dash, a bullet or a letter o set as one (not `(C)`, `(S)`, `(U)` in capitals: those are
# the marks themselves)
ITEM_LABEL = (r"(?:\u00b6[ ]?)?(?:[A-Za-z]|[IVX]{1,4}|[ivx]{1,4}|\d{1,3}\.[A-Za-z]|\d{1,3}[a-z])[.)]"
              r"|\([a-z]\)|\([ivx]{2,4}\)|\([ABD-RT-Z]\)|\(\d{1,2}\)|\d{1,3}\([a-z]\)"
              r"|\d{1,3}\)|-{1,3}|[\u2013\u2014]{1,2}|\u2022|\*|o(?=[ \t])")
_LABEL_BEFORE = patterns.compile(rf"[ \t]*(?:{ITEM_LABEL})?[ \t]*$")
# A report's heading words (paragraphs.py reads them before a mark after a paragraph's number)
HEADING_WORD = (r"(?i:summary|comment|background|action\s+requests?|key\s+points|overview|analysis|introduction"
                r"|discussion|conclusions?|recommendations?|details|assessment|context|outlook|readout)")
# a heading and its colon or dash opening an unnumbered portion before its mark (`SUMMARY: (S) ...`)
_HEADING_BEFORE = patterns.compile(rf"[ \t]*{HEADING_WORD}[ \t]*(?::|--?|[\u2013\u2014])[ \t]*$")
# `(C) STATE 12345` is a lettered item of a list of references; `(U) Classified by` the authority;
# `(C) AND (D)` reason letters wrapped onto a line; `(C) 33-6-1234-5678` a contact's cell phone; `(C) 2008
# Daily News. All rights reserved.` the copyright sign of a quoted article, also alone with its holder
# (`(C) 2008 Reuters Limited`, `(C) 2008 Agence France-Presse`)
_REFERENCE_AFTER = patterns.compile(
    r"\([^()\n]{0,60}\)\s*(?:(?:\d{2}\s+)?(?:[A-Z][A-Za-z.]+\s+){1,3}\d{2,}"
    r"|(?i:classified\s+by|derived\s+from)\b"
    r"|(?:,|&|AND\b|and\b|OR\b)\s*(?:\(|$)"
    r"|\+?\d[\d ().\-/]{5,}\d[ \t]*(?:\r?\n|$)"
    r"|(?:19|20)\d\d\b[^\n]{0,80}?\n?[^\n]{0,80}?(?i:rights\s+reserved)"
    r"|(?<=\([Cc]\))[ \t]*(?:19|20)\d\d[ \t]+(?:[A-Z][\w.&'-]*[ \t]+){0,3}"
    r"(?i:(?:reuters|agence|france-presse|associated\s+press|limited|ltd|inc|press|news|times"
    r"|corp(?:oration)?|media|publishing|newspapers?))\b[^\n]{0,30}?[.,]?[ \t]*(?:\r?\n|$))")


def _in_lettered_list(text: str, found: re.Match, line_start: int) -> bool:
    """`(C)` or `(S)` that is the next letter of a list `(A) ... (B) ...` above it, not a mark: the
    letter before it heads a line of the 2,000 characters above, alone or after an item's own label
    (`¶C. (B) EMBASSY PARIS DAILY REPORT`, `-- (B) traders;`), or stands inside the line just above
    (`... COVER (A) RECORDS, (B) LABELS,` / `(C) AGE CHECKS ...`, a list a wrap broke); in either
    case (a copy re-typed in lower case)."""
    letter = text[found.start() + 1]
    if text[found.start() + 2] != ")" or letter not in "CSUcsu":
        return False
    before = r"\(" + chr(ord(letter) - 1) + r"\)"
    flags = re.M | (0 if letter.isupper() else re.I)
    heading = re.compile(r"^[ \t]*(?:\u00b6?[ ]?[A-Z]{1,2}[.)][ \t]*|(?:-{1,3}|[\u2013\u2014\u2022*])[ \t]*)?" + before,
                         flags)
    if heading.search(text, max(0, line_start - 2000), line_start) is not None:
        return True
    # (inside the line above, its last item: no letter in parentheses after it, and no reasons cited
    # there, `... REASONS 1.4 (B) AND (D)` / `(C) SUMMARY: ...`)
    above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    last_item = re.compile(r"(?<![^\s,;:])" + before + r"[ \t][^()\n]*$", flags)
    return last_item.search(text, above, line_start) is not None \
        and _REASONS_CITED.search(text, above, line_start) is None


_REASONS_CITED = patterns.compile(r"REASON|\b1\s?[.,/]\s?[45]\b", re.I)


def _marked_heads(text: str, start: int, lower_case: bool = False) -> Iterator[tuple[str, int]]:
    """Portions marked at their head that the line-start scan does not see; in a copy re-typed in
    lower case (`lower_case`) also those marked `(c)` under a label (`-- (c)`, `a. (s)`)."""
    line_start, line_end = start, start - 1
    for found in _MARK.finditer(text, start):
        at = found.start()
        if at > line_end:
            line_start, line_end = _line_around(text, at, line_end + 1)
            line_start = max(line_start, start)
        if at - line_start <= 10 and _PLAIN_HEAD.fullmatch(text, line_start, at):
            continue  # `1. (C)`: a head the line-start scan reads (most marks stand so)
        if _NUMBER_GLUED_AFTER.match(text, found.end()) and text[found.end() - 1] == ")" and at - line_start > 10 \
                and _HEAD_CONTEXT.search(text, max(line_start, at - 14), at):
            yield "portion", at  # `... countries. (C)4. In ...`: a mark before its number, both inside a line
            continue
        head = _NUMBER_BEFORE.search(text, max(line_start, at - 25), at) if at > line_start else None
        if head is None and at > line_start and text[at + 1].isupper():
            head = _BARE_NUMBER_BEFORE.search(text, max(line_start, at - 12), at)
        if head is not None:
            yield "paragraph_inside", head.end() - len(head.group().lstrip(" \t("))
        elif at - line_start <= 8 and _VARIANT_NUMBER_BEFORE.fullmatch(text, line_start, at):
            yield "paragraph", line_start  # `12 (SBU)`, `6, (C)`, `3.. (C)`: numbered without its one dot
        elif not lower_case and not text[at + 1].isupper():
            continue  # `(c)`, `(s)` in prose: a mark in lower case only after a number
        elif at - line_start <= 10 and not text[line_start:at].strip() \
                and (head_before := _head_ending_line_before(text, line_start, start)):
            yield "paragraph_inside", head_before  # `... End summary. 2.` / `(SBU) According to ...`
            yield "portion", at  # (build.py keeps it only if no head takes its mark)
        elif at - line_start <= 30 and _HEADING_BEFORE.fullmatch(text, line_start, at):
            yield "portion", at  # (the portion read from its mark, after the heading)
        elif at - line_start <= 10 and _labelled(text, line_start, at, lower_case) \
                and not _REFERENCE_AFTER.match(text, at) and not _in_lettered_list(text, found, line_start) \
                and not (not text[line_start:at].strip() and _prose_runs_on(text, line_start, at)) \
                and not (not text[line_start:at].strip() and _word_goes_on(text, found)):
            yield "portion", line_start + len(text[line_start:at]) - len(text[line_start:at].lstrip())


# A head's number ending a line after a sentence or a heading (a wrap cut the head before its mark)
_HEAD_ENDING_LINE = patterns.compile(_BEFORE_A_HEAD + r"((?:\u00b6[ ]?)?\d{1,3}\.)[ \t]*$")


def _head_ending_line_before(text: str, line_start: int, start: int) -> int:
    """The offset of a head's number ending the line before `line_start` after text, or 0."""
    if line_start - 1 <= start:
        return 0
    found = _HEAD_ENDING_LINE.search(text, max(start, line_start - 30), line_start - 1)
    return found.start(1) if found is not None and not _CITED.search(text, max(start, found.start(1) - 14),
                                                                     found.start(1)) else 0


def _prose_runs_on(text: str, line_start: int, at: int) -> bool:
    """The mark at `at`, opening its line, is an abbreviation a wrap brought there (`... grant of
    Counterterrorism` / `(S/CT) funds administered ...`), not an unnumbered portion's: the line
    before is prose that goes on into this one (ending in a word or a comma), and a word in lower
    case follows the mark (a portion starts a sentence) or the mark is an office's symbol, no
    control after its slash (`... Special Envoy` / `(S/E) Gration said ...`). Unless both are so,
    the line before must be long, where a heading, a portion's title or a salutation is short.
    A name may follow a bare level too (with a control, `(S/NF)`, it is a mark), where the long line
    before ends in a word no sentence ends with, an article, a preposition or a conjunction (`... asked
    for help after` / `(TS) Ketsana flooded ...`): a heading, a bullet or a sentence that lost its stop
    ends otherwise (`... at the north pier` / `(S) The mayor ...`)."""
    after = _WORD_AFTER_MARK.match(text, at)
    if line_start < 2 or after is None:
        return False
    previous = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1].strip()
    if not previous:
        return False
    last = previous[-1]
    if _BARE_LETTER.match(text, at) and CITES_A_PART.search(previous):
        return True  # the letter of a part cited on the line above (`... AS STATED IN PARA 2` / `(C) OF REFTEL`)
    # (in capitals, a word that only goes on with a sentence: `SUBPARAGRAPH` / `(C) OF ARTICLE 5`)
    lower = after.group(1).islower() or _GOES_ON_WORD.match(text, after.start(1)) is not None
    office = _OFFICE_SYMBOL.match(text, at) is not None
    if not (lower or office):
        return len(previous) >= PROSE_LINE and "/" not in text[at:after.start(1)] \
            and _CAPITALISED_WORD.match(text, after.start(1)) is not None \
            and ENDS_MID_SENTENCE.search(previous) is not None
    return (last.isalpha() or last == ",") and (len(previous) >= PROSE_LINE or (lower and office))


def _word_goes_on(text: str, found: re.Match) -> bool:
    """The letters in parentheses opening a line are part of a word, no portion's mark: a word runs on
    from them (`(S)he will travel`). (A word in lower case after a space may open a portion whose
    drafter wrote it so, after a sentence: `(S) the mayor agreed.`)"""
    after = found.end()
    return text[after - 1] == ")" and after < len(text) and text[after].isalpha()


# a line ending on a part of a text cited, whose letter the wrap put on the next line (`PARA 2`, `ARTICLE 4`,
# `SUBPARAGRAPH`)
# (in a sentence: words before it, not a heading `ARTICLE 4` alone; and a bare letter, no control after it)
CITES_A_PART = patterns.compile(
    r"\S\s+\S+\s+(?:(?:SUB)?PARA(?:GRAPH)?S?|ARTICLES?|SECTIONS?|ITEMS?|CHAPTERS?|RESOLUTIONS?)"
    r"\.?(?:\s+\d{1,4})?$", re.I)
_BARE_LETTER = patterns.compile(r"\([A-Z]\)")
PROSE_LINE = 40  # characters: a line wrapped at a telegram's width (55-69), longer than a heading or a name
_CAPITALISED_WORD = patterns.compile(r"[A-Z][a-z]")  # (a name in text written in both cases, not capitals)
# a line ending in a word no sentence ends with (in lower case, as prose in both cases writes it)
ENDS_MID_SENTENCE = patterns.compile(r"[\s,](?:the|a|an|of|with|by|for|to|in|on|at|from|into|and|or|after|before|"
                                r"during|between|about|than|named|called)$")
_GOES_ON_WORD = patterns.compile(r"(?:OF|AND|OR)\b")  # (not IN, FOR, ...: `(C) IN A MEETING ON MAY 1, ...`)
_WORD_AFTER_MARK = patterns.compile(r"\([^()\n]{1,40}\)[ \t]*([A-Za-z]|\r?$)", re.M)
# An office's or a document's symbol in parentheses (`(S/E)`, `(S/CT)`, `(S/SRAP)`, `(S/PRST/2008/11)`):
# a letter, a slash and letters that are no control of a mark, maybe more parts. (The controls are
# the portion spellings of rules/markings.yaml, and NATO's: a reading takes no rule set.)
_OFFICE_SYMBOL = patterns.compile(r"\([A-Z]/(?!(?:NF|N|NOFORN|REL|RELEASABLE|FGI|ORCON|OC|PROPIN|PR|FOUO|SBU|LES|NC|NS"
                                  r"|IMCON)\b)[A-Z]{1,5}(?:/[A-Z0-9]{1,6})*\)")


def _labelled(text: str, line_start: int, at: int, lower_case: bool) -> bool:
    """What stands before the mark at `at` on its line is an item's label or nothing (`A.`, `--`)."""
    if lower_case:  # (`a. (s)` in a copy re-typed in lower case)
        return _LABEL_BEFORE.fullmatch(text[line_start:at].upper()) is not None
    return _LABEL_BEFORE.fullmatch(text, line_start, at) is not None


def _heads(text: str, start: int) -> Iterator[tuple[str, int]]:
    """(kind, offset of the line start) of paragraph starts and section breaks from `start`."""
    resume = start
    if start == 0 or (start <= len(text) and text[start - 1] == "\n"):  # where `^` would match
        first = _HEADS.match(text, start)
        if first is not None:
            yield first.lastgroup or "", start
            resume = first.end()
    for found in _HEADS_AFTER_NEWLINE.finditer(text, resume):
        yield found.lastgroup or "", found.start() + 1


def _classified_by_lines(text: str, start: int, lower_case: bool = False) -> Optional[list[tuple[str, int]]]:
    """("classified_by", offset of the line start) of the lines from `start` that `_BODY` reads as
    a Classified By line. Such a line holds the word 'classified': only the lines where the word
    occurs are tried, which saves trying the pattern on every line (a third of the body scan). The
    word's places are found once per text (the declassification stamps use them too). None for a
    text holding a fold trap."""
    places = _places(text, b"classified")
    if places is None:
        return None
    found: list[tuple[str, int]] = []
    line_end = -1  # where the line tried last ends: the places on it are passed over
    for at in places:
        if at <= line_end:
            continue
        line_start, line_end = _line_around(text, at, line_end + 1)
        if line_start < start:
            continue
        line = _BODY.match(text, line_start)  # the alternatives in order: a paragraph head stays one
        if line is not None and line.lastgroup == "classified_by" and (
                lower_case or not _wrapped_words(text, line_start)) and not _shown_as_an_example(text, line_start):
            found.append(("classified_by", line_start))
    return found


def _shown_as_an_example(text: str, line_start: int) -> bool:
    """The line at `line_start` is an example a paragraph leads into (`scanner.leads_into_an_example`)."""
    end = line_start
    while end > 0 and text[end - 1] in " \t\r\n":  # (back over the blank lines between: each line's own gap)
        end -= 1
    start = text.rfind("\n", max(0, end - scanner.EXAMPLE_LINE), end) + 1
    return (start > 0 or end < scanner.EXAMPLE_LINE) and scanner.leads_into_an_example(text[start:end])


# A sentence wrapped before the words (`... would cover documents` / `classified by any ministry`):
# in lower case and with no colon after them, in a text that is not re-typed in lower case
_WRAPPED_WORDS = patterns.compile(rf"[ \t]*{_CLASSIFIED_WORDS}(?![ \t]*:)")  # (in lower case: as written)


def _wrapped_words(text: str, line_start: int) -> bool:
    """The words at `line_start` go on with a sentence: in lower case, or, without a colon after
    them, after a full line of prose that ends no sentence (`... water sources that are` /
    `Classified by the Water Authority as strategic.`, in any case)."""
    if _WRAPPED_WORDS.match(text, line_start) is not None:
        return True
    if _UNLABELLED_WORDS.match(text, line_start) is None:
        return False
    previous = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)].rstrip()
    return len(previous.strip()) >= PROSE_LINE and _GOES_ON_INTO_NEXT.search(previous) is not None


# a line ending on a word a sentence goes on after, in any case (`... THE WATER SOURCES THAT ARE`)
_GOES_ON_INTO_NEXT = patterns.compile(
    r"[\s,](?:the|a|an|of|with|by|for|to|in|on|at|from|into|and|or|are|is|was|were|be|"
    r"been|being|that|which|as|not)$", re.I)


_UNLABELLED_WORDS = patterns.compile(rf"[ \t]*(?i:{_CLASSIFIED_WORDS})(?![ \t]*[:;])")


def _line_around(text: str, at: int, lowest: int) -> tuple[int, int]:
    """(start, end) of the line holding offset `at`, which starts at `lowest` or later: the search
    back stops there, so that asking for the lines of increasing offsets reads the text once,
    however many words a (megabyte) line holds."""
    start = max(text.rfind("\n", lowest, at) + 1, lowest)
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


# Characters outside ASCII that a case-insensitive pattern matches as an ASCII letter (long s,
# dotless i, dotted capital I, Kelvin sign): where one occurs, the scans that find words first
# defer to re.
_FOLD_TRAPS = ("\u017f", "\u0131", "\u0130", "\u212a")


_last_lowered: tuple[str, Optional[bytes], dict[bytes, list[int]]] = ("", b"", {})


def _bytes_lower(text: str) -> tuple[Optional[bytes], dict[bytes, list[int]]]:
    """The text as Latin-1 bytes with ASCII letters lower-cased, each character outside Latin-1
    replaced by one '?', so offsets are the text's. Far cheaper than str.lower() on text with any
    character outside ASCII (the curly quotes of most cables; Latin-1 keeps their pilcrows as they
    are), and enough to find ASCII words; None for a text holding one of `_FOLD_TRAPS`. Kept for
    the last text, with the places of the words found in it so far (`_places`): the body scans of
    one cable share them."""
    global _last_lowered
    last = _last_lowered
    if last[0] is not text:
        trapped = any(trap in text for trap in _FOLD_TRAPS)
        last = _last_lowered = (text, None if trapped else text.encode("latin-1", "replace").lower(), {})
    return last[1], last[2]


def _places(text: str, word: bytes) -> Optional[list[int]]:
    """Every offset where `word` (lower-case ASCII bytes) occurs in `text` in any case, found with
    bytes.find in the lower-cased text (each search is a pass over the text); None for a text
    holding a fold trap."""
    lowered, known = _bytes_lower(text)
    if lowered is None:
        return None
    places = known.get(word)
    if places is None:
        places = []
        at = lowered.find(word)
        while at >= 0:
            places.append(at)
            at = lowered.find(word, at + 1)
        known[word] = places  # kept only once complete
    return places


def _caseless_finditer(pattern: re.Pattern, text: str, anchor: bytes,
                       leads: tuple[bytes, ...] = (b"",)) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a case-insensitive pattern whose every match starts with one of
    `leads` directly followed by `anchor` (lower-case ASCII bytes). The anchor is located with
    bytes.find in the lower-cased text, the leads are read just before it, and the pattern is
    tried only there: the same matches, without running the regex engine over every character of
    the text. One search for the anchor serves all the leads: each search is a pass over the text."""
    places = _places(text, anchor)
    if places is None:
        yield from pattern.finditer(text)
        return
    lowered = _bytes_lower(text)[0]
    starts: set[int] = set()
    for at in places:
        for lead in leads:
            start = at - len(lead)
            if start >= 0 and lowered.startswith(lead, start):
                starts.add(start)
    resume = 0
    for at in sorted(starts):
        if at < resume:
            continue  # inside the previous match: finditer does not overlap matches
        found = pattern.match(text, at)
        if found is not None:
            resume = found.end()
            yield found


def paragraph_references(text: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph number, start, end) of each `SEE PARA N` / `PARA N BELOW` reference."""
    for found in _caseless_finditer(_PARA_WORD, text, b"para"):
        before = text[max(0, found.start() - 40):found.start()]
        end = _RANGE_END.match(text, found.end())
        after = end.end() if end is not None else found.end()
        if not (_REF_BEFORE.search(before) or _REF_AFTER.match(text, after)):
            continue
        if _OTHER_CABLE_AFTER.match(text, after) or _OTHER_CABLE_BEFORE.search(before):
            continue  # "PARA 3 OF REF A", "paragraph 8 of the Framework" point into another text
        yield int(found["n"]), found.start("n"), found.end("n")
        if end is not None and int(end["n"]) > int(found["n"]):
            yield int(end["n"]), end.start("n"), end.end("n")


def declassification_marks(text: str) -> Iterator[tuple[str, int, int]]:
    """(text, start, end) of each line that marks the cable declassified or released."""
    line_end = -1  # where the line judged last ends: the other words on it are passed over
    for found in _caseless_finditer(_DECLASSIFIED_WORD, text, b"classified", (b"de", b"de-")):
        if found.start() <= line_end:
            continue  # each line is judged, and given, once however many words it holds
        line_start, line_end = _line_around(text, found.start(), line_end + 1)
        line = text[line_start:line_end]
        if _DECLASSIFIED_LINE.match(line):
            yield line.strip(), line_start + len(line) - len(line.lstrip()), line_start + len(line.rstrip())


# A page's section marker (`ROME 00000123 002 OF 004`, `001.2 OF 003` for a page inside a section),
# wherever it stands: re-flowed text runs it into the paragraph around it. Found by "OF nnn" (a
# literal the regex engine searches for fast), then read backwards.
# The parts of a page's section marker (`ROME 00001234 002 OF 004`, `TRIPOLI 00000014 001.2 OF 003`),
# from which each reader of a marker or of a piece of one (pieces.py, header.py) composes its pattern:
# the cable's serial, the page's section (and a sub-page after a dot), the number of sections.
MARKER_SERIAL = r"\d{3,8}"
MARKER_PAGE = r"\d{3}"
MARKER_SUBPAGE = r"(?:\.\d{1,2})?"
MARKER_SECTION = MARKER_PAGE + MARKER_SUBPAGE
MARKER_TOTAL = r"\d{3}"
_OF_TOTAL = patterns.compile(rf"OF[ \t]+{MARKER_TOTAL}\b")
# (a copy re-typed in lower case; "of" only after a section's digits, checked right after the literal:
# prose holds many an "of 100")
_OF_TOTAL_LOWER = patterns.compile(r"of(?<=\d[ \t]of)[ \t]+\d{3}\b")
_MARKER_BEFORE = patterns.compile(
    r"(?:^|(?<=[\s\"',.;:)]))"
    r"(?P<post>[A-Z][A-Z.'-]*(?:[ ][A-Z][A-Z.'-]*){0,3}|[a-z][a-z.'-]*(?:[ ][a-z][a-z.'-]*){0,3})"
    rf"[ \t]+0*(?P<serial>{MARKER_SERIAL})[ \t]+(?P<section>{MARKER_PAGE}){MARKER_SUBPAGE}[ \t]+$")


def section_markers(text: str, start: int = 0) -> Iterator[tuple[str, int, int, int, int]]:
    """(post, section, total, start, end) of each section marker from offset `start`, in text order."""
    every = list(_OF_TOTAL.finditer(text, start))
    if not every and "of 0" in text:  # none in capitals: a copy re-typed in lower case may have them so
        every = list(_OF_TOTAL_LOWER.finditer(text, start))
    for found in every:
        at = found.start()
        if at < 1 or text[at - 1] not in " \t":
            continue
        before = _MARKER_BEFORE.search(text, max(start, at - 70), at)
        if before is not None:
            total = int(text[found.end() - 3:found.end()])
            yield before["post"], int(before["section"]), total, before.start(), found.end()
