"""Dates as cables write them: date-time groups, declassification dates, ISO options, the date of
the cable a repeat quotes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .. import patterns
from . import scanner

MONTHS = {name: number for number, name in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}


def full_year(year: int, digits: int) -> int:
    """Two-digit years pivot at 50: 09 is 2009, 72 is 1972 (cables span 1966 to today)."""
    if digits > 2:
        return year
    return 1900 + year if year >= 50 else 2000 + year


def safe_date(year: int, month: int, day: int) -> Optional[dt.date]:
    """The date, or None when the parts name no day of the calendar."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> Optional[int]:
    return MONTHS.get(name[:3].upper())


# A date-time group's day, hour and minute, its Z, month and year (`201741Z MAY 08`, `201741 Z SEPT 2008`),
# as the patterns that find one inside a line take it; `dtg_datetime` reads its groups
DTG = r"(?P<ddhhmm>\d{6})[ \t]?Z[ \t]*(?P<month>SEPT|[A-Z]{3})[ \t]*(?P<year>\d{2}(?:\d{2})?)\b"


def dtg_datetime(ddhhmm: str, month: str, year: str) -> Optional[dt.datetime]:
    """The moment a date-time group (`291330Z APR 09`) names, or None if it names none."""
    number = month_number(month)
    if number is None or len(ddhhmm) != 6 or not ddhhmm.isdigit():
        return None
    day, hour, minute = int(ddhhmm[:2]), int(ddhhmm[2:4]), int(ddhhmm[4:])
    when = safe_date(full_year(int(year), len(year)), number, day)
    if when is None or hour > 23 or minute > 59:
        return None
    return dt.datetime(when.year, when.month, when.day, hour, minute)


def parse_iso(text: str) -> dt.date:
    """Parse a YYYY-MM-DD option value; ValueError with a readable message otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def numeric_date(a: str, b: str, c: str) -> Optional[dt.date]:
    """A date written with three numbers: yyyy/mm/dd when the first has four digits, else
    mm/dd/yy[yy] (State's usage)."""
    if len(a) == 4:
        return safe_date(int(a), int(b), int(c))
    if len(c) not in (2, 4) or len(a) > 2 or len(b) > 2:
        return None
    return safe_date(full_year(int(c), len(c)), int(a), int(b))


def compact_date(ymd: str) -> Optional[dt.date]:
    """YYYYMMDD, the E.O. 13526 form."""
    return safe_date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))


def named_month_date(month: str, day: str, year: str) -> Optional[dt.date]:
    number = month_number(month)
    if number is None:
        return None
    return safe_date(full_year(int(year), len(year)), number, int(day))


# A historian's transcription of a telegram (`41. Telegram From the Embassy in France to the Department of
# State`) dates it below its heading, as the telegram's place and time (`Paris, June 5, 1975, 1802Z.`;
# `Bogotá, May 5, 1965, 6 p.m.`, `11:30 a.m.`, `noon`, maybe with the hour it was received after it):
# its origin date where the telegram's own routing header was not kept
_DATELINE = (r"[ \t]*(?-i:[A-Z\u00c0-\u00de])[\w .'()-]{1,40},[ \t]+(?P<month>[A-Z][a-z]{2,8})\.?[ \t]+"
             r"(?P<day>\d{1,2}),[ \t]*(?P<year>\d{4})"
             r"(?:,[ \t]*(?:\d{3,4}Z|\d{1,2}(?::\d{2})?(?:[ \t]*-[ \t]*\d{1,2}(?::\d{2})?)?[ \t]*[ap]\.[ \t]?m"
             r"|noon|midnight))?\.?(?:[ \t]+\[?Received\b[^\n]{0,60})?[ \t]*$")
_DATELINE_WITHIN = 8  # lines of text under the heading (a footnote mark, a source note may stand between)


def is_dateline(line: str) -> bool:
    """`line` is a transcription's dateline (`Paris, June 5, 1975, 1802Z.`)."""
    return re.match(_DATELINE, line) is not None


def transcription_dated(lines: tuple[str, ...]) -> Optional[dt.date]:
    """The date a transcription's dateline gives under its heading."""
    heading = scanner.transcription_heading(lines)
    if heading is None:
        return None
    below = [line for line in lines[heading + 1:heading + 3 * _DATELINE_WITHIN] if line.strip()]
    for line in below[:_DATELINE_WITHIN]:
        found = re.match(_DATELINE, line)  # (re's own cache: compiled for a transcription only)
        if found is not None:
            return named_month_date(found["month"], found["day"], found["year"])
    return None


# A publisher's record of a cable above its text, one field a line (`id: 14485` / `date: 3/2/2004 22:05` /
# `refid: 04BOGOTA2313` / `origin: Embassy Bogota` ...), or its row of a CSV export (`34552,6/13/2005
# 15:12,05BOGOTA5616,"Embassy Bogota",...`): its date is the cable's, where the copy kept no date-time
# group (a partial extract, a body alone)
_RECORD_DAY = r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?"
_RECORD_DATE = r"date:[ \t]*" + _RECORD_DAY + r"[ \t]*$"
_RECORD_ROW = r"\d{1,7}," + _RECORD_DAY + r",\d{2}[A-Z][A-Z0-9]{2,40},"
_RECORD_ID = r"(?:ref)?id:[ \t]*\S"
_RECORD_LINES = 12


def record_dated(lines: tuple[str, ...]) -> Optional[dt.date]:
    """The date a publisher's record of the cable gives above its text, or None."""
    found = re.match(_RECORD_ROW, lines[0]) if lines and lines[0][:1].isdigit() else None
    head = lines[:_RECORD_LINES]
    if found is None and any(line.startswith(("id:", "refid:")) for line in head) \
            and any(re.match(_RECORD_ID, line) for line in head):
        # (nearly every file has neither: the record's fields are written from the line's start)
        found = next((m for line in head if line.startswith("date:") and (m := re.match(_RECORD_DATE, line))), None)
    return safe_date(int(found["year"]), int(found["month"]), int(found["day"])) if found is not None else None


# A declassification instruction that gives a span of years from the cable's date (`DECL: TWENTY
# YEARS`, `10 YEARS`), nothing after it: `TEN YEARS AFTER KOREAN UNIFICATION` is an event
_NUMBER_WORDS = {word: n for n, word in enumerate(
    "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN "
    "SEVENTEEN EIGHTEEN NINETEEN TWENTY".split())}
_TENS = {"TWENTY": 20, "THIRTY": 30, "FORTY": 40, "FIFTY": 50, "SIXTY": 60, "SEVENTY": 70, "EIGHTY": 80, "NINETY": 90}
_NUMBER_WORDS.update({f"{tens}{sep}{word}": value + n for tens, value in _TENS.items()
                      for sep in ("-", " ", "") for word, n in list(_NUMBER_WORDS.items()) if 1 <= n <= 9})
_NUMBER_WORDS.update(_TENS)


def duration_years(text: str) -> Optional[int]:
    """The years of an instruction that is a span alone (`TWENTY YEARS`, `25 YRS.`), or None."""
    words = text.upper().rstrip(". ").split()
    if len(words) < 2 or words[-1] not in ("YEARS", "YEAR", "YRS", "YR"):
        return None
    number = " ".join(words[:-1])
    years = int(number) if number.isascii() and number.isdigit() else _NUMBER_WORDS.get(number)
    return years if years else None


# ------------------------------------------------------------------ a repeat's date
# A repeat: a telegram that passes on another, quoted whole under its own classification line
# (`FOLLOWING REPEAT MOSCOW 29702 ACTION SECSTATE DATED 22 NOV 78.` / `QUOTE` / the quoted cable's
# header and text); the date of the cable it repeats, whose header fields the reader took.
# The repeat's line names the cable repeated, then its date, after DATED or DTD or alone at the
# sentence's end, as a day and a month (`22 NOV 78`, `29 SEP 95`), its date-time group (`150910Z DEC
# 09`), or a month and a day (`... INFO LENINGRAD NOV 22.`, `NOVEMBER 22, 1978`), within a few lines
# (the line wraps); a date without its year is of the year that puts it before the repeat.
_MONTH = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?"
# (the words after FOLLOWING of a sentence, not of a repeat's line: `FOLLOWING UP ON`, `FOLLOWING THE TALKS`)
_NO_SENTENCE = r"(?!\s+(?:UP|ON|THE|THIS|THAT|YOUR|OUR|A|AN)\b)"
_REPEAT = patterns.compile(
    # (the cable repeated named by its post and serial, or, in older repeats, only as a telegram sent
    # before: `FOL TEL SENT ACTION SECSTATE FROM MOSCOW DTD 28 NOV 78 RPTD TO YOU`)
    # (not a sentence that follows up on another cable: `FOLLOWING UP ON ROME 120 OF MAY 2`)
    r"\b(?:FOLLOWING|FOL)\b" + _NO_SENTENCE +
    r"(?:(?:\s+(?:REPEAT|RPT))?\s+[A-Z][A-Z .'-]{1,30}?\s+\d{1,6}\b"
    r"|(?:\s+(?:TEL|TELEGRAM|MESSAGE|MSG))?\s+SENT\b)[^.]{0,240}?"
    r"(?:\b(?:DATED|DTD)\s+)?(?:(?P<dtg>\d{6})\s?Z\s+(?P<dtg_month>[A-Z]{3})\s+(?P<dtg_year>\d{2,4})"
    rf"|\b(?P<day>\d{{1,2}})\s*(?P<month>{_MONTH})\s+(?P<year>\d{{2,4}})"
    rf"|\b(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:,?\s+(?P<year2>\d{{4}}))?)\b")
_LOOK_LINES = 40  # the repeat's line stands under its classification line, near the file's start


def repeated_on(lines: tuple[str, ...], before_line: int, sent: Optional[dt.date] = None) -> Optional[dt.date]:
    """The date of the cable repeated, when a repeat's line stands above line `before_line`
    (1-based: the E.O. line read, which is then the repeated cable's), or None; `sent` is the
    repeat's own date, which gives a year to a date written without one."""
    first = max(0, before_line - 1 - _LOOK_LINES)
    head = "\n".join(lines[first:before_line - 1])
    if "REPEAT" not in head and "RPT" not in head:
        return None  # (most cables: a substring test before the pattern)
    found = None
    for found in _REPEAT.finditer(head):
        pass  # the last repeat line above the E.O. line (a repeat of a repeat names the nearest)
    if found is None:
        return _quoted_header_dated(head, sent)
    if found["dtg"]:
        when = dtg_datetime(found["dtg"], found["dtg_month"], found["dtg_year"])
        return when.date() if when is not None else None
    if found["month"]:
        return named_month_date(found["month"], found["day"], found["year"])
    if found["year2"]:
        return named_month_date(found["month2"], found["day2"], found["year2"])
    if sent is None:
        return None
    day = named_month_date(found["month2"], found["day2"], str(sent.year))
    return day if day is None or day <= sent else named_month_date(found["month2"], found["day2"], str(sent.year - 1))


# A repeat that names the cable it passes on without its date (`FOLLOWING TEL SENT ACTION SECSTATE FROM
# ROME RPTD TO YOU.`), then quotes it whole with its own routing header: the quoted header's date-time
# group dates it (`QUOTE` / `P 121530Z MAR 95` / `FM AMEMBASSY ROME` ...)
_REPEAT_NAMED = patterns.compile(r"\b(?:FOLLOWING|FOL)\b" + _NO_SENTENCE
                                 + r"[^.\n]{0,120}?\b(?:SENT|REPEAT|RPT|RPTD|REPEATED)\b")
_QUOTED_DTG = patterns.compile(r"^[ \t]*(?:QUOTE|BEGIN QUOTE)\b[ \t:.]*\n(?:[ \t]*\n){0,2}"
                               r"[ \t]*(?:[ZOPR](?:[ \t]+[ZOPR])?[ \t]+)?" + DTG, re.M)


def _quoted_header_dated(head: str, sent: Optional[dt.date]) -> Optional[dt.date]:
    """The date-time group of the routing header a repeat quotes under QUOTE, after a repeat's line
    that names no date, in `head` (the lines above the E.O. line); `sent`, the repeat's own date, is
    after it."""
    named = _REPEAT_NAMED.search(head)
    quoted = _QUOTED_DTG.search(head, named.end()) if named is not None else None
    when = dtg_datetime(quoted["ddhhmm"], quoted["month"], quoted["year"]) if quoted is not None else None
    if when is None or (sent is not None and when.date() > sent):
        return None  # (a repeat passes on an older cable)
    return when.date()
