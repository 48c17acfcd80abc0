"""Which line is which element: the fast first pass before the grammar."""

from __future__ import annotations

import functools
import re
from typing import Iterable, NamedTuple, Optional, Sequence

from .. import patterns

# Header lines are told apart by one compiled alternation of the elements' leading keywords (the
# body is scanned as one text by `bodyscan.py`). Both run in C, so a cable costs little more than
# reading it; pyparsing (`grammar.py`) then parses only the lines found here. Classification lines
# are recognised even when garbled (`SS E C R E T`, `O N F I D E N T I A L`, `S e c r e t`), so
# that the linter can report them instead of missing them.
#
# Knows nothing of the rest of cablelint; offsets are 0-based.

CASELESS = re.IGNORECASE
# A copy re-typed in lower case is judged in capitals: ASCII letters one for one, so no column moves
# (`str.upper` would make one character two: `ß` -> `SS`)
CAPITALS = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Longest line prefix a header element is parsed from; protects against megabyte lines.
MAX_HEADER_LINE = 4096

LEVEL_NAMES = {  # squashed spelling -> (level, control implied by the spelling)
    "TOPSECRET": ("TOP SECRET", None),
    "SECRET": ("SECRET", None),
    "CONFIDENTIAL": ("CONFIDENTIAL", None),
    "UNCLASSIFIED": ("UNCLASSIFIED", None),
    "UNCLAS": ("UNCLASSIFIED", None),
    "LIMITEDOFFICIALUSE": ("UNCLASSIFIED", "LOU"),
    "SENSITIVEBUTUNCLASSIFIED": ("UNCLASSIFIED", "SBU"),
}
# The levels spaced letter by letter, as a classification line sets them (the longer spelling first)
SPACED_LEVELS = ("T O P S E C R E T", "S E C R E T", "C O N F I D E N T I A L", "U N C L A S S I F I E D",
                 "U N C L A S", "L I M I T E D O F F I C I A L U S E")
EXACT_LEVEL_SPELLINGS = frozenset({
    "TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS", "LIMITED OFFICIAL USE",
    "SENSITIVE BUT UNCLASSIFIED", *SPACED_LEVELS,
})
# A piece of a level name among the first four letters: tried at those four places only, rather
# than searched for along the line.
# (and a scan's other letter for one of them: `SEGRET`, `CONPIDENTIAL`, `UNCIAS`)
_LEVEL_HINTS = ("ECRET", "SECR", "ECRT", "SCRET", "SECET", "SERET", "CONF", "NFID", "ONFI", "NCLAS", "UNCLA",
                "OFFICIALUSE", "BUTUNCLASS", "CRET", "LIMITEDOFF", "EGRET", "CONP", "NPID", "UNCIA",
                "SECER", "SERCE", "COFN")  # (and two letters swapped: `SERCET`, `SECERT`, `COFNIDENTIAL`)
_LEVEL_HINT_AT_START = patterns.compile(r".{0,3}(?:" + "|".join(_LEVEL_HINTS) + ")", re.DOTALL)
# What a classification line must start with, for the pre-test in `_head_facts`: an exact level
# spelling or a hint above, with the spaces and slashes `banner_level` squashes out allowed
# anywhere. Upper case: it is matched against the upper-cased line.
_LEVEL_START = (r"[\s/]*(?:" + "|".join(map(re.escape, sorted(EXACT_LEVEL_SPELLINGS)))
                + r"|(?:[^\s/][\s/]*){0,3}(?:" + "|".join(r"[\s/]*".join(h) for h in _LEVEL_HINTS) + "))")


def longest_first(words: Iterable[str]) -> list[str]:
    """A pattern's alternatives, longest first (none cut short by another that begins it) and in a
    fixed order: a set's order changes from one process to the next, and so would the pattern (its
    compiled code is kept between runs under its text: see patterns.py)."""
    return sorted(words, key=lambda word: (-len(word), word))


CAPTIONS = {  # spelling (upper case, single spaces) -> normalised name
    "SIPDIS": "SIPDIS", "NOFORN": "NOFORN", "NODIS": "NODIS", "EXDIS": "EXDIS",
    "LIMDIS": "LIMDIS", "STADIS": "STADIS", "SENSITIVE": "SBU", "CHEROKEE": "CHEROKEE",
    "ROGER": "ROGER", "ROGER CHANNEL": "ROGER", "AGRMENT": "AGRMENT", "AGRMENT CHANNEL": "AGRMENT",
    "CONDIS": "CONDIS", "SPECAT": "SPECAT", "PROPIN": "PROPIN",
    "EYES ONLY": "EYES ONLY", "OFFICIAL INFORMAL": "OFFICIAL INFORMAL",
    "DISSENT CHANNEL": "DISSENT CHANNEL", "FOR OFFICIAL USE ONLY": "FOUO",
    "SENSITIVE BUT UNCLASSIFIED": "SBU", "LIMITED OFFICIAL USE": "LOU",
    "NOT FOR INTERNET DISTRIBUTION": "NOT FOR INTERNET DISTRIBUTION", "EFTO": "EFTO", "ORCON": "ORCON",
    # (a scan's reading of a released copy takes O for a zero, as it does in a level: `C0NFIDENTIAL`)
    "N0FORN": "NOFORN", "NOF0RN": "NOFORN", "N0F0RN": "NOFORN", "N0DIS": "NODIS",
    # (the control's words written out, as NOFORN abbreviates them: docs/marking-rules.md, captions;
    # and its older words, of the intelligence community's marking a 1970s-80s caption line repeats)
    "NOT RELEASABLE TO FOREIGN NATIONALS": "NOFORN", "NO FOREIGN DISSEM": "NOFORN",
    "NO FOREIGN DISSEMINATION": "NOFORN",
}
# (the words of a caption also joined by hyphens: `Sensitive-but-Unclassified. Please handle ...`)
_CAPTION_WORD = "|".join(
    re.escape(c).replace(r"\ ", r"[\s-]+") for c in longest_first(CAPTIONS))
# (captions written one after another with slashes, `NOFORN/SIPDIS`, or a caption padded with a
# run of them, `STADIS//////`; not a caption word inside a longer one, `SIPDIS-2`)
_CAPTION = patterns.compile(rf"(?:{_CAPTION_WORD})(?![\w-])", CASELESS)
_CAPTION_SEPARATOR = patterns.compile(r"[\s,;/]*(?:[-\u2013\u2014]{1,2}[\s,;/]*)?")  # (also `EXDIS - NOFORN`)
# A control the readers do not know, in capitals, joined by a slash or a dash to what follows on a
# caption line (`WNINTEL/NOFORN`, `NOFORN/NOCONTRACT/ORCON`): passed over, up to three of them, so
# the captions after it are read; the line is a caption line only if NOFORN, ORCON or another caption
# that no prose starts with is among them (`_CONTROLS_LINE`). Joined by a space alone (`WNINTEL
# NOFORN`, `SPECAT EXCLUSIVE NOFORN`), only where a caption then ends the line and the word is none
# of a passing line's (`THE EXDIS CABLE SAID` is prose).
_CONTROL_JOINT = r"/{1,2}|[ \t][-\u2013\u2014]{1,2}[ \t]|[ \t]"
_OTHER_CONTROL_WORD = rf"(?-i:[A-Z]{{2,12}})[ \t]*(?:{_CONTROL_JOINT})[ \t]*"
_OTHER_CONTROLS = 3
_OTHER_CONTROL = patterns.compile(rf"(?P<word>[A-Z]{{2,12}})[ \t]*(?P<joint>{_CONTROL_JOINT})[ \t]*(?=[A-Z])")
_PASSING_WORDS = frozenset({"DEPT", "DEPARTMENT", "STATE", "PASS", "PLEASE", "ALSO", "AMEMBASSY", "AMCONSUL", "FOR",
                            "TO", "INFO", "AND", "THE"})
_EO_WORD = patterns.compile(r"E\s?\.?\s?O\b", CASELESS)
_LEVEL_THEN_CAPTION = patterns.compile(
    rf"(?:TOP\s+SECRET|SECRET|CONFIDENTIAL)\s*(?:/{{1,2}}|\s)\s*"
    rf"(?=(?:{_OTHER_CONTROL_WORD}){{0,{_OTHER_CONTROLS}}}(?:{_CAPTION_WORD})\b)", CASELESS)
# What a line must start with for `captions` to find any: the leading spaces, the level
# `_LEVEL_THEN_CAPTION` passes over, a caption word (in upper case, as `_LEVEL_START`).
_CAPTION_START = (rf"\s*(?:CAPTIONS?\s*:\s*)?(?:(?:TOP\s+SECRET|SECRET|CONFIDENTIAL)\s*(?:/{{1,2}}|\s)\s*)?"
                  rf"(?:{_OTHER_CONTROL_WORD}){{0,{_OTHER_CONTROLS}}}"
                  rf"(?:{_CAPTION_WORD})(?![\w-])|\s*REL(?:EASABLE)?\s+TO\s")
# The label of a record's caption field (`Captions: NOFORN, SIPDIS`, as a SMART printout and a
# database's record write them)
_CAPTIONS_LABEL = patterns.compile(r"CAPTIONS?\s*:\s*", CASELESS)
# The pre-test of the caption and level readers, for an ASCII line upper-cased: no match, neither
# finds anything. It accepts more than they do (no 40-character window, no tail), never less: in
# ASCII, upper-casing maps letter to letter as IGNORECASE compares them. Without IGNORECASE, re
# skips an alternative on its first letter without entering it, which makes the test cheap.
_MAYBE_CAPTION_OR_LEVEL = patterns.compile(f"{_CAPTION_START}|{_LEVEL_START}")

# ASCII whitespace as both `\s` and str.isspace() see it (they agree on every character)
_SPACE = "".join(c for c in map(chr, range(128)) if c.isspace())
_DIGITS = "0123456789"


def slips(word: str) -> list[str]:
    """`word` and its spellings with one letter dropped, doubled, or two neighbours swapped (the
    first letter kept: a slip there is rare, and would let every line starting with L try these)."""
    spellings = {word}
    for i in range(1, len(word)):
        spellings.add(word[:i] + word[i + 1:])
        if i + 1 < len(word):
            spellings.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    for i in range(len(word)):
        spellings.add(word[:i + 1] + word[i:])
    return sorted(spellings)


# The label's first word as written, slips included (`Classfied By`: S012 reports them): a word of
# CLASSIFIED's letters, as long as its slips. That takes a few words that are no slip (`CLASSED BY`),
# which `authority/statement.py` tells apart by `LABEL_WORDS`; an exact pattern of every slip would cost each
# run milliseconds to compile, in every pattern that holds the label. "This cable is classified by"
# is the sentence form of the label.
LABEL_WORDS = frozenset(slips("CLASSIFIED")) | frozenset(
    # a letter read or typed as another of the word's own (`Classifled`: an i scanned as l), or an i
    # scanned as a t (`CLASSIFTED`), an l as a one (`C1assified`), but not the verb `classifies`
    "CLASSIFIED"[:i] + letter + "CLASSIFIED"[i + 1:] for i in range(1, 10) for letter in "ACDEFILST1") - {"CLASSIFIES"}
# The TAGS label as written: the word or its singular before a colon, a semicolon, a comma, a full
# stop or a dash, or alone before the tags; a slip of a letter (`TAS:`, `TGAS:`, `TAGES:`, `AGS:`)
# before a colon or a semicolon
# (and a scan's misreading of a letter: `TAG5:`, `TACS:`, `1AGS:`, `T AGS:`)
_TAGS_SLIPS = longest_first({*slips("TAGS"), "TAGES", "TABS", "AGS", "TAG5", "TACS", "1AGS", "7AGS", "T AGS"}
                            - {"TAGS", "TAG"})
TAGS_LABEL = (r"(?:TAGS?|TAGES|TABS)(?:\s*(?:[:;,.]+|-{1,2}(?=\s))|\s+(?=\S))"
              r"|(?:" + "|".join(_TAGS_SLIPS) + r")\s*[:;]")
# The TAGS label's word and punctuation, as a doubled label repeats it (`TAGS: TAGS:`, `TAGS; TAGS:`)
TAGS_WORD = r"TAGS?\s*[:;,.]?"
# The SUBJECT label as written: abbreviated, its first letter lost, a slip of a letter before its
# colon (`SUBECT:`, `SUBJET:`), a semicolon or a dash for the colon, or no colon before capitals
# (`SUBJECT HARBOR TALKS`, `SUBJ HARBOR TALKS`)
# (and a scan's misreading of a letter: `SUBIECT:`, `SUBJECl:`, `SU8JECT:`, `5UBJECT:`)
SUBJECT_LABEL = (r"SUBJ(?:ECT)?\s*[:.;]|UBJECT\s*:|(?:" + "|".join(
                     [s for s in slips("SUBJECT") if s != "SUBJECT"] + ["SUBIECT", "SUBJECL", "SU8JECT", "5UBJECT"])
                 + r")\s*[:;]|SUBJECT\s*(?:-{1,2}|[\u2013\u2014])(?=\s)|SUBJ(?:ECT)?\s+(?-i:(?=[A-Z(]))")
CLASSIFIED_WORD = r"C[ACDEFILST1]{8,10}"
LABEL_SENTENCE = r"(?:THIS\s+(?:CABLE|MESSAGE|TELEGRAM)\s+(?:IS|WAS)\s+)?"
# "BY", or "By" run into the capital that follows it (`Classified ByMinister Counselor ...`)
# (or a scan's `8y`, `Bv` for it)
LABEL_BY = r"(?:BY\b|8Y\b|BV\b|(?-i:[Bb]y)(?=(?-i:[A-Z])))"
LABEL = rf"{LABEL_SENTENCE}{CLASSIFIED_WORD}\s+{LABEL_BY}"

# The words that lead into a cable or a document quoted whole, at the end of their line (`The text of
# reftel follows:`, `Reftel is quoted below for Sofia:`, `Following is the text of STATE 32001:`, a
# repeat's `FOL RPT STATE 32001 ACTION EU CAPITALS MAR 10.`), in any case
LEAD_IN = (r"(?:TEXT\s+OF\s[^\n]{1,60}?\s+FOLLOWS|(?:QUOTED|REPEATED)\s+BELOW"
           r"|FOLLOWING\s+IS\s+(?:THE\s+)?TEXT\s+OF\s[^\n]{1,60}?)(?:\s+FOR\s[^\n]{1,40}?)?"
           r"|FOL(?:LOWING)?\s+RPT\b[^\n]{1,80}?")

# The words that show what follows as an example of a form (`The authority block is written:`, `... reads
# as follows:`, `for example:`, `should read:`), ending the line of text before it: a Department
# instruction showing the classification block's form shows no statement of the cable's
_EXAMPLE_LEAD = patterns.compile(r"(?i:\b(?:is|are|be)\s+written|\bas\s+follows|\bfor\s+example|\bfor\s+instance"
                                 r"|\b(?:should|must|will|would|now)\s+read|\breads|\bsuch\s+as|\bsample|\bformat)"
                                 r"[ \t]*:[ \t]*$")
EXAMPLE_LINE = 400  # characters: a lead-in's line (a longer one is not searched)


def leads_into_an_example(line: str) -> bool:
    return len(line) < EXAMPLE_LINE and _EXAMPLE_LEAD.search(line) is not None


# The label of the classification block's declassification instruction (`Declassify On:`, `DECL ON:`)
DECLASSIFY_ON = r"DECL(?:ASSIFY)?[ \t]+ON[ \t]*:"

# The senders a routing header or a record names (a mission or the Department), which no prose opens with
SENDERS = r"(?:AMEMBASSY|AMCONSUL|AMCONGEN|SECSTATE|USMISSION|USINT|USUN|USEU|USNATO|USDEL)"
# The label of an E.O. line: dotted (glued to a word before it only so: `TCOYNEE.O.`), undotted, with a
# scan's comma or zero (`E,O.`, `E.0.`)
EO_LABEL = r"(?:(?<![A-Z0-9])E\s?[.,]?\s?[O0]\s?\.?|E\.\s?[O0Q]\.)"  # (a scan's 0 or Q for the O)
# An E.O. field naming no order, as a record of the Department's later system prints it (`E.O.:  N/A`,
# `E.O.:  Unknown`)
EO_FIELD_LABEL = r"E\.\s?O\.\s*:"
NOT_APPLICABLE = r"N\s?/\s?A"
# A historian's heading of a telegram transcribed in a documents volume, its number in the volume first
# (`41. Telegram From the Embassy in France to the Department of State`), in title case
_DOCUMENT_TITLE = (r"(?-i:(?:Circular[ \t]+)?(?:Telegram|Backchannel[ \t]+Message|Airgram|Message)[ \t]+From[ \t]+"
                   r"\S.{0,200}[ \t]to[ \t]+\S)")
DOCUMENT_HEADING = r"[ \t]*\d{1,4}\.[ \t]+" + _DOCUMENT_TITLE


@functools.lru_cache(maxsize=1)
def document_heading() -> re.Pattern:
    """The heading, its number before it or not (a page that gives the number on a line above,
    `Document 123`), compiled on first use (few files are transcriptions)."""
    return patterns.compile(r"[ \t]*(?:\d{1,4}\.[ \t]+)?" + _DOCUMENT_TITLE, re.I)


# The heading stands first, or under what a web page or a PDF of the volume puts above it: the
# volume's title, `Document 123`, the page's address, a breadcrumb, a running head, a page marking
_HEADING_WITHIN = 6  # lines of text
HEADING_SEARCHED = 30  # lines
_HEADING_STARTS = frozenset("0123456789TBAMC")


def transcription_heading(lines: Sequence[str]) -> Optional[int]:
    """The index of a historian's heading over a transcribed telegram, among the file's first lines
    of text (`41. Telegram From the Embassy in France to the Department of State`); None for a file
    that is no transcription (nearly all: a cheap test of the line's first character first)."""
    written = 0
    for index, line in enumerate(lines[:HEADING_SEARCHED]):
        text = line.lstrip()
        if not text:
            continue
        if text[0] in _HEADING_STARTS and document_heading().match(line) is not None:
            return index
        written += 1
        if written == _HEADING_WITHIN:
            return None
    return None


# (the coded lines of a routing header, which no prose reads like, also after a few blanks or a page's
# form feed; FM, TO and INFO are words a wrapped line of text may start with after its indent)
_INDENT = r"[ \t\f\v\u00a0]{0,4}"
_KINDS = [  # (kind, pattern anchored at the line start, ASCII characters a match can start with); first match wins
    ("preface", r"\s*This record is a partial extract", "T" + _SPACE),
    ("transmission", _INDENT + r"VZCZC", "V" + _SPACE),
    ("de", _INDENT + r"DE\s+[A-Z]{4,}\S*\s+#", "D" + _SPACE),
    ("security", _INDENT + r"ZN[YR]\s+[A-Z]{5}\b", "Z" + _SPACE),
    # (spaced or run together, `P 121530Z MAR 09`, `P121530Z MAR 09`, `P 121530ZMAR09`; SEPT in four letters)
    ("dtg", _INDENT + r"(?:FLASH|[ZOPR])(?:\s+[ZOPR])?\s*\d{6}\s?Z\s*(?:SEPT|[A-Z]{3})\s*\d{2}", "FZOPR" + _SPACE),
    # a record's date field with the date-time group after the date (`Date/DTG: Apr 02, 2008 / 021530Z
    # APR 08`), as a SMART printout writes its header: the routing header of that layout
    # (or a date-time group alone on its line with no precedence, as a publisher's extract keeps it:
    # `070028Z Apr 04`, an export's closing backslash after it)
    ("record_dtg", r"\s*DATE\s*/\s*DTG\s*:|[ \t]*\d{6}Z[ \t]+(?:SEPT|[A-Z]{3})[ \t]+\d{2}(?:\d{2})?[ \t]*\\?[ \t]*$",
     "D" + _DIGITS + _SPACE),
    # (indented, only before a sender's name no foreign minister's sentence starts with)
    ("fm", r"FM\s+\S|" + _INDENT + r"FM\s+(?:" + SENDERS + r"|US\s+MISSION)\b", "F" + _SPACE),
    # (an address line names no date and repeats nothing: `INFO BELGRADE DATED 29 SEP 95.`, `INFO LONDON IS
    # BEING REPEATED ...` are a repeat's line wrapped)
    ("to", r"TO\s+\S(?![^\n]*\b(?:DATED|REPEATED)\b)", "T"),
    ("info", r"INFO\s+\S(?![^\n]*\b(?:DATED|REPEATED)\b)", "I"),
    ("address", _INDENT + r"R[A-Z]{4,7}/", "R" + _SPACE),
    # (an E.O. field naming no order, as a record of the Department's system prints it: `E.O.:  N/A`)
    ("eo", r"\s*" + EO_FIELD_LABEL + r"(?:\s*(?:" + NOT_APPLICABLE + r"|UNKNOWN)\b|[ \t]*$)", "E" + _SPACE),
    ("tags", r"\s*(?:" + TAGS_LABEL + ")", "TA17" + _SPACE),
    ("subject", r"\s*(?:" + SUBJECT_LABEL + ")", "SU5" + _SPACE),
    ("ref", r"\s*REF(?:S|\(S\)|TEL|TELS|ERENCES?)?\s*:", "R" + _SPACE),
    # (the sentence form "This cable is classified by" is not tried here: on every line starting
    # with T it would cost each run its compiling; `authority.in_first_paragraph` finds it)
    ("classified_by", rf"\s*(?:\(U\)\s*)?{CLASSIFIED_WORD}\s+{LABEL_BY}", "(C" + _SPACE),
    ("derived_from", r"\s*(?:\(U\)\s*)?DERIVED\s+FROM\b", "(D" + _SPACE),
    # a historian's heading of the document it transcribes, numbered in its volume (`41. Telegram From the
    # Embassy in France to the Department of State`): no paragraph
    ("document_heading", DOCUMENT_HEADING, _DIGITS + _SPACE),
    ("paragraph", r"[ \t]{0,8}(?:\[1\d{1,3}\.\]\(#\)|¶\s?\d{1,3}\s?\.(?!\d)"
                  r"|\s?\d{1,3}\s?\.(?=[ \t(]|$|(?:TS|S|C|U|SBU)[/)]|(?-i:[A-Z]))"
                  r"|(?-i:l)(?=\s?\.\s{0,3}\((?:TS|S|C|U|SBU)[/)]))",  # (a scan's l for 1: `l. (C)`)
     "[L" + _DIGITS + _SPACE),
    ("underline", r"\s*(?:-{3,}|[\u2013\u2014]{2,})\s*$", "-\u2013\u2014" + _SPACE),
    # a page's section marker (`ROME 00000123 002 OF 004`), also when cut from the line it stood in
    ("section_break", r"\s*(?-i:[A-Z][A-Z .'-]*\s0*\d{3,8}\s+\d{3}(?:\.\d+)?\s+OF\s+\d{3}"
                      r"|[a-z][a-z .'-]*\s0*\d{3,8}\s+\d{3}(?:\.\d+)?\s+of\s+\d{3})\s*$",
     "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _SPACE),
    ("end_summary", r"\s*END\s+(?:OF\s+)?SUMMARY\b", "E" + _SPACE),
]


def _dispatch(kinds: list) -> re.Pattern:
    return patterns.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern, _starts in kinds), CASELESS)


_DISPATCH = _dispatch(_KINDS)
# Most lines fail `_DISPATCH`, and re tries each of its alternatives in turn (no alternative opens
# with a literal it could skip on, under IGNORECASE). So the line's first character picks the
# alternatives that can start with it: the same patterns in the same order, hence the same answer.
# None: no alternative can. A character outside ASCII (which case-folds in more ways) gets them all.
# Each is compiled when a line first opens with its character (compiling them all cost a tenth of
# a one-file run's start-up).


class _DispatchByFirst(dict):
    def __missing__(self, first: str) -> Optional[re.Pattern]:
        if len(first) != 1 or ord(first) >= 128:
            return _DISPATCH
        some = [k for k in _KINDS if first.upper() in k[2]]
        found = self[first] = _dispatch(some) if some else None
        return found


_DISPATCH_BY_FIRST: dict[str, Optional[re.Pattern]] = _DispatchByFirst()
# Routing-header lines are machine written in capitals; mixed case means prose. A copy re-typed in
# lower case has them in lower case: the coded ones (not FM, TO, INFO: words of prose) are read so.
_UPPER_ONLY = frozenset({"transmission", "de", "security", "dtg", "fm", "to", "info", "address"})
CODED = frozenset({"transmission", "de", "security", "dtg", "address"})  # no prose reads like these
# A date-time group with its month as a re-typed copy writes it (`O 121530Z Mar 86`): no prose reads so
_DTG_MONTH_IN_TITLE_CASE = patterns.compile(r"[ \t]*(?:FLASH|[ZOPR])(?:[ \t]+[ZOPR])?[ \t]*\d{6}[ \t]?Z[ \t]*"
                                            r"[A-Z][a-z]{2}t?[ \t]*\d{2}(?:\d{2})?\b")
# An FM line in lower case whose sender is a mission's or the Department's, as no prose reads
# (`fm amembassy marlowe`; "fm" in prose is a foreign minister: `fm kouchner said`)
_LOWER_SENDER = patterns.compile(r"fm\s+" + SENDERS.lower() + r"\b")
# Patterns searched for anywhere in a line open with a lookahead on the characters a match can
# start with: a case-insensitive pattern gets no fast scan from re, and the lookahead lets the
# search pass over the other positions without trying the whole pattern at each.
# (dotted, `E.O.` may be glued to the word before it, a name or a post: `... PASS TO TCOYNEE.O. 12958:`)
# ((?=E) before the alternatives lets a search skip every position not at an E, whichever alternative)
# An order's number as written, and as a scan may read it: a letter l or I for its first 1, an S for
# a 5 (`E.O. l2958`, `E.O. 129S8`, as `C0NFIDENTIAL` is read for a level); `ORDER_DIGITS` reads it back
ORDER_NUMBER = r"(?:\d|[lI](?=\d))[\dS]{4}\b"
ORDER_DIGITS = str.maketrans("lIiLSs", "111155")
EO = patterns.compile(r"(?=E)(?:" + EO_LABEL + r"(?:\s?:)?\s*" + ORDER_NUMBER +
                      r"|(?<![A-Z0-9])EXECUTIVE\s+ORDER\s*\d{5}\b)", CASELESS)
CLASSIFIED_BY = patterns.compile(r"(?=[(CT])(?<![A-Za-z])(?:\(U\)\s*)?" + LABEL, CASELESS)
PORTION_START = patterns.compile(r"\s*\((?:TS|S|C|U|SBU)(?:/[A-Z ]+)*\)")  # an unnumbered marked portion


class LineFacts(NamedTuple):
    """What judging a header-zone line found: its kind, and what the judging had to work out on
    the way and the header pass needs again (so it is not worked out twice)."""

    kind: str
    level: Optional["BannerLevel"] = None      # for "banner", and "caption" lines that name a level
    captions: tuple[tuple[str, int, int], ...] = ()  # for "caption": as `captions()` gives them


# made once each: most lines are one of these, and a named tuple is slow to make
_FACTS_OF_KIND = {kind: LineFacts(kind) for kind in [k for k, _p, _s in _KINDS] + ["eo", "blank", "other"]}
_BLANK, _OTHER = _FACTS_OF_KIND["blank"], _FACTS_OF_KIND["other"]


def line_kind(line: str) -> str:
    """What a header-zone line is: a `_KINDS` name, "caption", "banner", "blank" or "other"."""
    return line_facts(line).kind


def line_facts(line: str) -> LineFacts:
    """The kind of a header-zone line (as `line_kind`), with the level and captions found. They are
    those of the line's first MAX_HEADER_LINE characters, which is the whole of any real line."""
    head = line[:MAX_HEADER_LINE]
    if not head or head.isspace():
        return _BLANK  # tested first: blank lines are the commonest, and no `_KINDS` pattern matches one
    return _head_facts(head)


# Half the lines judged repeat: the line a block stops at is judged again by the header pass, and
# caption and routing lines recur from cable to cable. Keyed on the head, so memory stays bounded.
@functools.lru_cache(maxsize=1024)
def _head_facts(head: str) -> LineFacts:
    dispatch = _DISPATCH_BY_FIRST[head[0]]
    match = dispatch.match(head) if dispatch is not None else None
    if match is not None:
        kind = match.lastgroup or "other"
        written = head[: match.end()]
        if kind not in _UPPER_ONLY or written.isupper() or (written.islower() and kind in CODED) \
                or (kind == "fm" and _LOWER_SENDER.match(head)) \
                or (kind == "dtg" and _DTG_MONTH_IN_TITLE_CASE.match(head)):
            return _FACTS_OF_KIND[kind]
    # The caption and level readers cost more than most lines (prose) need: one pre-test says when
    # neither can find anything (in ASCII lines only, where it is exact; see above).
    # the E.O. is looked for near the line's text (a piece cut from a line stands after spaces)
    near = len(head) - len(head.lstrip()) + 120
    if head.isascii() and _MAYBE_CAPTION_OR_LEVEL.match(head.upper()) is None:
        return _FACTS_OF_KIND["eo"] if EO.search(head, 0, near) else _OTHER
    found = captions(head)
    if found:
        return LineFacts("caption", banner_level(head), tuple(found))
    # A classification line before an E.O. run on after it (`UNCLAS CAIRO 000282 SIPDIS E.O. 12958
    # TAGS: ...`) is a banner line; the header pass reads the E.O. after its level.
    level = banner_level(head)
    if level is not None:
        return LineFacts("banner", level)
    if EO.search(head, 0, near):
        return _FACTS_OF_KIND["eo"]
    return _OTHER


def captions(line: str) -> list[tuple[str, int, int]]:
    """The captions a caption line starts with: (normalised name, start, end); [] if none.

    A caption line holds only caption words, or caption words then a comma and passing text
    (`NOFORN, SIPDIS, FOR DCMS ...`), or captions then the E.O. line (`SIPDIS E.O. 12958: N/A`).
    """
    found: list[tuple[str, int, int]] = []
    pos = len(line) - len(line.lstrip())
    released = _RELEASABLE_LINE.match(line, pos)
    if released is not None:  # (`RELEASABLE TO NATO/AUST/NZ/ISAF`: the control as a banner's is named)
        return [(release_control("REL TO " + released["countries"]), pos, released.end("countries"))]
    label = _CAPTIONS_LABEL.match(line, pos)
    if label is not None:
        pos = label.end()
    lead = _LEVEL_THEN_CAPTION.match(line, pos)
    if lead is not None:
        pos = lead.end()  # "SECRET NOFORN", "SECRET/NOFORN": a level repeated before the caption
    # (unknown controls count only once a caption follows them: `SIPDIS REL CANADA` is SIPDIS and text)
    passed_over, spaced, pending = 0, False, []
    while True:
        match = _CAPTION.match(line, pos)
        name = _caption_name(match.group(0)) if match is not None else None
        if name is None:
            other = _OTHER_CONTROL.match(line, pos) if passed_over + len(pending) < _OTHER_CONTROLS else None
            if other is None or other["word"] in _PASSING_WORDS or (other["joint"] in " \t" and len(other["word"]) < 4):
                break  # (a short word between captions is prose's: `EXDIS OR NODIS`)
            pos = other.end()
            pending.append(other["joint"] in " \t")
            continue
        found.append((name, match.start(), match.end()))
        passed_over, spaced, pending = passed_over + len(pending), spaced or any(pending), []
        pos = _CAPTION_SEPARATOR.match(line, match.end()).end()
    if not found or (passed_over and not any(name in _CONTROLS_LINE for name, _s, _e in found)) \
            or (spaced and line[found[-1][2]:].strip()):
        return []
    rest = line[found[-1][2]:].strip()
    passing = rest.upper() if rest.islower() else rest  # (a copy re-typed in lower case: `sensitive dept for ...`)
    if rest and not (line[found[-1][2]:].lstrip().startswith((",", ";")) or _EO_WORD.match(rest)
                     or _PASSING.match(passing) or _HANDLING.match(rest)
                     or any(name in _DISTINCT_CAPTIONS for name, _s, _e in found)):
        return []  # prose that happens to start with a caption word
    return found


# A caption line releasing the cable to foreign partners: the line holds the control and its list of
# countries and organisations, in capitals, and nothing else
# (the words and the list, as a caption line and a classification line's tail write them)
RELEASE_TO = r"(?P<word>REL|RELEASABLE)\s+TO\s+(?P<countries>[A-Z]{2,}(?:\s*[,/]\s*[A-Z]{2,}|\s+AND\s+[A-Z]{2,})*)"
_RELEASABLE_LINE = patterns.compile(RELEASE_TO + r"\s*$", CASELESS)
def release_control(written: str) -> str:
    """A release to partners as the controls name it, wherever written: `REL TO USA, GBR`, its
    list's slashes read as spaces (`REL TO NATO/ISAF` -> `REL TO NATO ISAF`)."""
    return " ".join(written.replace("/", " ").split()).upper()


# Captions no prose starts with: a line they begin is a caption line, whatever follows them.
_DISTINCT_CAPTIONS = frozenset({"SIPDIS", "NOFORN", "NODIS", "EXDIS", "LIMDIS", "STADIS"})
# What makes words in capitals joined by slashes a line of controls: one of these among them (ORCON
# too, which the intelligence community's controls come with: `NOFORN/NOCONTRACT/ORCON`)
_CONTROLS_LINE = _DISTINCT_CAPTIONS | {"ORCON"}
# The instruction that goes with an SBU caption (`SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY`,
# `Sensitive but unclassified. Please handle accordingly.`, `... - PLEASE PROTECT ACCORDINGLY`)
# (and the caption's reach, `SENSITIVE BUT UNCLASSIFIED -- ENTIRE TEXT`)
HANDLING = r"[\s.,;:\u2013\u2014-]*(?:(?:PLEASE\s+)?(?:HANDLE|PROTECT)\s+ACCORDINGLY\b|\(?ENTIRE\s+TEXT\b)"
SBU_WORDS = r"SENSITIVE[\s-]+BUT[\s-]+UNCLASSIFIED"  # the caption's words, also hyphenated (used case-blind)
_HANDLING = patterns.compile(HANDLING, CASELESS)
# What a passing line that follows captions on their line starts with (`SENSITIVE DEPT FOR NEA/MAG`)
_PASSING = patterns.compile(r"(?:DEPT|DEPARTMENT|STATE|PASS|PLEASE|ALSO|AMEMBASSY|AMCONSUL|FOR|[A-Z/]{2,12}\s+FOR)\b")


def passing_or_handling(rest: str) -> bool:
    """What follows captions on their line is an instruction of passing or handling (`DEPT FOR ...`,
    `- PLEASE PASS TO S/P`, `HANDLE ACCORDINGLY`), as a caption line goes on."""
    rest = rest.lstrip(" \t-\u2013\u2014:;,")
    return _PASSING.match(rest) is not None or _HANDLING.match(rest) is not None


def _caption_name(written: str) -> Optional[str]:
    """The normalised name of a caption word as `_CAPTION` matched it. Case-insensitive matching
    also takes two letters outside ASCII for I and K (U+0130, U+212A) that upper() keeps as they
    are: they are folded too, so `EXD\u0130S` is EXDIS rather than a failed look-up."""
    key = " ".join(written.upper().replace("-", " ").split())
    return CAPTIONS.get(key) or CAPTIONS.get(key.replace("\u0130", "I").replace("\u212a", "K"))


# ------------------------------------------------------------------ classification lines


class BannerLevel(NamedTuple):
    level: str                 # normalised level
    control: Optional[str]     # control implied by the spelling (LOU, SBU)
    exact: bool                # spelled exactly as the format prescribes
    start: int
    end: int                   # offsets of the level words in the line


_TAIL = patterns.compile(
    # (a post re-typed with its accents, `BOGOTÁ 000731`, as the telegraph's alphabet had none)
    r"\s*(?:/{1,2}.*|(?:SE?CTI?ON\s*\d+\s+OF\s+\d+\s*)?(?:[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de .'/&-]*\s+)?"
    r"\d{2,8}\b.*|E\s?F\s?T\s?O\b.*"
    # (the line wrapped inside its section: `S E C R E T SECTION` / `01 OF 05 ANKARA 000331`)
    r"|\s+SE?CTI?ON(?:\s*\d+(?:\s+OF)?)?\s*"
    # (a printout's page number after the level: `CONFIDENTIAL        PAGE 1 of 2`)
    r"|\s+PAGE\s+\d{1,3}\s+OF\s+\d{1,3}\s*"
    rf"|\s(?:{_CAPTION_WORD})\b.*)?$", CASELESS)


# (a run of blanks where a spelling has one: `T O P   S E C R E T`, `TOP  SECRET`, as typists spaced them)
_EXACT_LEVEL = patterns.compile("(?:" + "|".join(re.escape(spelling).replace(r"\ ", "[ \t]+")
                                          for spelling in longest_first(EXACT_LEVEL_SPELLINGS))
                                + r")(?![A-Za-z])")


# A word of a garbled level: letters, and the digits a scan's reading takes for letters among them
# (`C0NFIDENTIAL`, `5ECRET`, `UNCLASS1FIED`), read as those letters
# (and a digit alone among spaced letters: `C 0 N F I D E N T I A L`, `5 E C R E T`, `S E C R E 1`;
# not a number before a word, `1 SECRET`, `5 SECRET SERVICE AGENTS`)
_WORD = patterns.compile(r"[A-Za-z015]*[A-Za-z][A-Za-z015]*|(?<!\S)[015](?=[ \t][A-Za-z](?:[ \t]|$))"
                         r"|(?<=\b[A-Za-z][ \t])[015](?!\S)")
_SCANNED_DIGITS = str.maketrans("015", "OIS")


# A scan's reading of the numbers after the level (`SECTION 0l OF 02`, `SECTI0N`, `KESTREL OOO912`):
# a word of digits and the letters a scan takes for them, or the section's word with a zero for its O
# (only a number a letter stands in: one written right is read as it is, and most are)
_SCANNED_NUMBER = patterns.compile(r"(?<![A-Za-z0-9])(?=[0-9OlI]*[0-9])(?=[0-9]*[OlI])[0-9OlI]{2,8}(?![A-Za-z0-9])"
                                   r"|SECT(?:[1l]ON|I0N|[1l]0N)")
_SCANNED_HINT = patterns.compile(r"[0-9][OlI]|[OlI][0-9]|SECT(?:[1l]ON|I0N|[1l]0N)")
_AS_DIGITS = str.maketrans("OlI", "011")


def scanned_numbers(line: str, start: int = 0) -> str:
    """`line` with the numbers a scan misread after `start` read as written (character for
    character: every column stays where it is)."""
    if not _SCANNED_HINT.search(line, start):  # (a cheap test first: a letter beside a digit, or the word)
        return line
    return line[:start] + _SCANNED_NUMBER.sub(
        lambda found: "SECTION" if found.group()[:4] == "SECT" else found.group().translate(_AS_DIGITS), line[start:])


def banner_level(line: str) -> Optional[BannerLevel]:
    """Recognise a classification line, garbled or not; None for any other line.

    The level words are followed by nothing, by `//controls`, or by the usual tail
    (`SECTION nn OF nn`, post, serial). Garbled spellings within a small edit distance of a
    level name are recognised with `exact=False`.
    """
    start = len(line) - len(line.lstrip())
    head = line[:start + 200]  # (a piece cut from a line stands after spaces: see pieces.py)
    exact = _EXACT_LEVEL.match(head, start)
    if exact is not None:
        level, control = LEVEL_NAMES["".join(exact.group(0).split())]
        if _TAIL.match(head, exact.end()) or _TAIL.match(scanned_numbers(head, exact.end()), exact.end()):
            return BannerLevel(level, control, True, start, exact.end())
    # the level's letters without spaces and slashes (str.split's whitespace is re's \s; faster than re.sub)
    squashed = "".join(head[start:start + 40].split()).replace("/", "").upper().translate(_SCANNED_DIGITS)
    if not _LEVEL_HINT_AT_START.match(squashed):
        return None
    return _garbled_level(head, start)


def _garbled_level(head: str, start: int) -> Optional[BannerLevel]:
    """The level words nearest to a level name (edit distance 1, or 2 for long names)."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(head, start, start + 120)]
    best: Optional[tuple[int, int, str]] = None  # (distance, token count, squashed name)
    joined = ""
    for count, (token, token_start, _end) in enumerate(tokens[:14], start=1):
        if count > 1 and head[tokens[count - 2][2]:token_start].strip():
            break  # level words are separated by spaces only
        joined += token.upper().translate(_SCANNED_DIGITS)
        if len(joined) > 27:
            break
        for name in LEVEL_NAMES:
            if abs(len(name) - len(joined)) > 2:
                continue
            distance = edit_distance(joined, name)
            if distance == 2 and one_slip(joined, name):
                distance = 1  # (two neighbours swapped: one slip)
            if distance <= (1 if len(name) <= 6 else 2) and (best is None or distance <= best[0]):
                best = (distance, count, name)
    if best is None or tokens[0][1] != start:
        return None
    distance, count, name = best
    end = tokens[count - 1][2]
    if not _TAIL.match(head, end) and not _TAIL.match(scanned_numbers(head, end), end):
        return None
    level, control = LEVEL_NAMES[name]
    # (the level's letters all right, spaced wider than the format spaces them, as a scan or a
    # re-typed copy spaces them: `C  O  N  F  I  D  E  N  T  I  A  L`; no slip of the drafter's)
    spaced = distance == 0 and all(len(token) == 1 and token.isupper() for token, _s, _e in tokens[:count])
    return BannerLevel(level, control, spaced, start, end)


@functools.lru_cache(maxsize=4096)  # garbled banners try the same prefixes (S, SE, SEC...) against each name
def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def one_slip(a: str, b: str) -> bool:
    """`a` is `b` with one letter dropped, added or changed, or two neighbours swapped (read in one
    pass: it runs for many words of every cable)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        if a[start + 1:] == b[start + 1:]:
            return True  # one letter changed
        return (start + 1 < len(a) and a[start] == b[start + 1] and a[start + 1] == b[start]
                and a[start + 2:] == b[start + 2:])  # two neighbours swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1:] == shorter[start:]
