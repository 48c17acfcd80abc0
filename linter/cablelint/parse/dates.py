"""Dates as cables write them: date-time groups, declassification dates, ISO options."""

from __future__ import annotations

import datetime as dt
from typing import Optional

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


# A declassification instruction that gives a span of years from the cable's date (`DECL: TWENTY
# YEARS`, `10 YEARS`), nothing after it: `TEN YEARS AFTER KOREAN UNIFICATION` is an event
_NUMBER_WORDS = {word: n for n, word in enumerate(
    "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN SIXTEEN "
    "SEVENTEEN EIGHTEEN NINETEEN TWENTY".split())}
_NUMBER_WORDS.update({f"TWENTY{sep}{word}": 20 + n for sep in ("-", " ", "") for word, n in _NUMBER_WORDS.items()
                      if 1 <= n <= 9})


def duration_years(text: str) -> Optional[int]:
    """The years of an instruction that is a span alone (`TWENTY YEARS`, `25 YRS.`), or None."""
    words = text.upper().rstrip(". ").split()
    if len(words) < 2 or words[-1] not in ("YEARS", "YEAR", "YRS", "YR"):
        return None
    number = " ".join(words[:-1])
    years = int(number) if number.isascii() and number.isdigit() else _NUMBER_WORDS.get(number)
    return years if years else None

