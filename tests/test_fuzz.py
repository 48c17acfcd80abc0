"""Property-based tests (hypothesis): the parser, the linter and the fixer are total.

Any bytes, any text, cable-like text and real cables mutated at random give diagnostics: never an
exception, never a hang, never a position outside the file. CRLF, BOM and Latin-1 copies of a
text give the same diagnostics at the same places. A fix only ever changes the TAGS line.

Profiles: `ci` (2,000 examples per property, the default) and `deep` (10,000), chosen with
HYPOTHESIS_PROFILE=deep. No deadline (timing noise is not a finding); a per-example guard of
HANG_SECONDS of CPU time turns a hang into a failure instead.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import functools
import json
import os
import re
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cablelint.checks import custom
from cablelint.checks.context import Context
from cablelint.checks.diagnostics import FileResult
from cablelint.fix.fixer import NotFixed, plan
from cablelint.parse.build import build
from cablelint.parse.source import UnreadableError, decode, split_lines
from cablelint.parse.summary import summarise, summary_text
from cablelint.policy import ruleset, schema, tagvocab
from cablelint.policy.customrules import CustomRule, compile_safely
from cablelint.policy.rulesetmodel import Settings
from cablelint.run.engine import lint_bytes
from odd_inputs import CORPUS, EXAMPLES, FAULTY_CABLE, assert_total, lines_on_disk

settings.register_profile("ci", max_examples=2000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("deep", parent=settings.get_profile("ci"), max_examples=10000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HANG_SECONDS = 20
RULESET = ruleset.load(())
SETTINGS = Settings(ruleset=RULESET, as_of=dt.date(2026, 11, 27), release=True)


class Hang(Exception):
    pass


@contextlib.contextmanager
def no_hang():
    """Fail the example after HANG_SECONDS of CPU time (SIGVTALRM, which nothing else uses)."""
    def expire(_signum, _frame):
        raise Hang(f"one example used more than {HANG_SECONDS} s of CPU")

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def lint(data: bytes, run_settings: Settings = SETTINGS) -> FileResult:
    with no_hang():
        return lint_bytes("fuzz.txt", data, run_settings)


def assert_parse_output_total(data: bytes) -> None:
    """What `cablelint parse` prints can always be made."""
    try:
        source = decode(data)
    except UnreadableError:
        return
    with no_hang():
        cable = build(source)
        record = summarise(cable, "fuzz.txt", cable.origin_date,
                           lambda value, day: tagvocab.kind_on(RULESET, value, day))
        json.dumps(record)
        summary_text(record)


# ---------------------------------------------------------------- strategies

# Invented lines of every kind the grammar knows, to reach deep into the parser.
FRAGMENTS = (
    "VZCZCXYZ0001", "PP RUEHC", "DE RUEHXX #0001/01 0011200", "ZNY CCCCC ZZH", "ZNR UUUUU ZZH",
    "ZNY SSSSS ZZH", "O 011200Z JAN 09", "P 021430Z JUL 09", "FM AMEMBASSY EXAMPLEVILLE",
    "TO RUEHC/SECSTATE WASHDC PRIORITY 0001", "INFO RUEHXX/AMEMBASSY OTHERPLACE 0002",
    "C O N F I D E N T I A L EXAMPLEVILLE 000001", "S E C R E T SECTION 01 OF 02 EXAMPLEVILLE 000001",
    "SECRET//NOFORN", "UNCLAS SECTION 01 OF 03 EXAMPLEVILLE 000123", "SENSITIVE BUT UNCLASSIFIED",
    "LIMITED OFFICIAL USE", "NOFORN", "SIPDIS", "SIPDIS E.O. 12958: N/A", "E.O. 12958: DECL: 01/01/2019",
    "E.O. 13526: DECL: 2035/01/01", "E.O. 12958: DECL: 1.6 X1, X6", "E.O. 12958: DECL: OADR",
    "E.O. 12958: DECL: 25X1-HUM", "E.O. 12958: N/A TAGS: PREL PGOV", "TAGS: PREL, PGOV, XX",
    "TAGS: prel;pgov|econ", "TAGS: OVIP (DOE, JANE) PREL SP", "TAGS: OVIP DOE, JANE PREL",
    "TAGS: [PREL](#) [PGOV](#)", "SUBJECT: (C) AN INVENTED SUBJECT", "SUBJ: TEST",
    "REF: A. STATE 000001 B. 09 EXAMPLEVILLE 12", "Classified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)",
    "Classified By: Pol/Econ Chief A. Person for Reasons 1.5 (B), (D)", "1. (C) Summary: an invented paragraph.",
    "2. (S//NF) Another.", "3. (U) Unclassified. See para 7 below.", "4. C) broken mark", "5. (C text",
    "¶6. (SBU) published extract style", "[11.](#) (C) markdown paragraph", "12.(C) no space", "END SUMMARY",
    "-----------", "EXAMPLEVILLE 00000001 002 OF 003", "DECLASSIFIED/RELEASED US DEPARTMENT OF STATE",
    "This record is a partial extract of the original cable.", "DOE", "", "   ",
)
CABLE_CHARS = "()/:;,.-¶[]#\t ABCDEGFILNOPRSTUXZabcdeinorst0123456789"
noisy_text = st.text(st.sampled_from(CABLE_CHARS), max_size=50)
any_line = st.text(max_size=80).map(lambda t: t.replace("\n", " "))


MONTHS = ("JAN", "FEB", "JUN", "DEC", "XYZ", "January", "February", "SEPT")


NUMBER = st.one_of(st.integers(0, 99), st.integers(1940, 2100), st.integers(0, 9999), st.sampled_from((0, 9999)))


@st.composite
def dtg_line(draw) -> str:
    """A date-time group with any numbers in it (one dated 9999 once overflowed the date
    arithmetic of D004, D009, R001 and R002)."""
    moment = "".join(f"{draw(st.integers(0, top)):02d}" for top in (32, 24, 60))
    return (f"{draw(st.sampled_from(('O', 'P', 'R', 'Z', 'OO', 'FLASH')))} {moment}Z "
            f"{draw(st.sampled_from(MONTHS))} "
            f"{draw(st.sampled_from(('{:02d}', '{:04d}', '{}'))).format(draw(NUMBER))}")


@st.composite
def eo_dated_line(draw) -> str:
    """An E.O. line whose declassification date has any numbers in it."""
    order = draw(st.sampled_from(("12958", "13526", "12356", "12065", "99999")))
    kind = draw(st.integers(0, 2))
    if kind == 0:
        when = "/".join(str(draw(NUMBER)) for _ in range(3))
    elif kind == 1:
        when = f"{draw(st.integers(0, 99999999)):08d}"
    else:
        when = f"{draw(st.sampled_from(MONTHS))} {draw(NUMBER)}, {draw(NUMBER)}"
    prefix = draw(st.sampled_from(("DECL: ", "DECL: 1.6 X1 ", "DECL: 25X1 ", "", "DNG: C ")))
    return f"E.O. {order}: {prefix}{when}"


@st.composite
def cable_line(draw) -> str:
    kind = draw(st.integers(0, 6))
    if kind == 6:
        return draw(st.one_of(dtg_line(), eo_dated_line()))
    if kind <= 2:
        line = draw(st.sampled_from(FRAGMENTS))
        if kind == 2:  # a fragment with noise spliced in
            at = draw(st.integers(0, len(line)))
            line = line[:at] + draw(noisy_text) + line[at:]
        return line
    return draw(noisy_text if kind < 5 else any_line)


cable_text = st.lists(cable_line(), max_size=40).map("\n".join)

BANNERS = ("SECRET", "C O N F I D E N T I A L", "UNCLASSIFIED", "TOP SECRET", "SECRET//NOFORN",
           "SENSITIVE BUT UNCLASSIFIED", "S E C R E T SECTION 01 OF 02 EXAMPLEVILLE 000001", "CONFIDNTIAL")
MARKS = ("(S)", "(C)", "(U)", "(TS)", "(S//NF)", "(C/NF)", "(SBU)", "C)", "(S", "( C )", "(X)", "")


def _starting(prefix: str) -> list[str]:
    return [f for f in FRAGMENTS if f.startswith(prefix)]


@st.composite
def skeleton_cable(draw) -> str:
    """A cable with every header element present and random values in each, so the checks that
    need a dated, classified cable with an E.O. line are reached often."""
    lines = ["VZCZCXYZ0001", draw(st.sampled_from(("ZNY SSSSS ZZH", "ZNY CCCCC ZZH", "ZNR UUUUU ZZH"))),
             draw(dtg_line()), "FM AMEMBASSY EXAMPLEVILLE",
             "TO RUEHC/SECSTATE WASHDC PRIORITY 0001", draw(st.sampled_from(BANNERS)), "",
             draw(st.sampled_from(("SIPDIS", "NOFORN", ""))), "",
             draw(eo_dated_line()),
             draw(st.sampled_from(_starting("TAGS"))), draw(st.sampled_from(_starting("SUBJ"))), "",
             draw(st.sampled_from(_starting("Classified By"))), ""]
    for number in range(1, draw(st.integers(0, 6)) + 1):
        lines += [f"{number}. {draw(st.sampled_from(MARKS))} {draw(noisy_text)}", ""]
    return "\n".join(lines)


@functools.lru_cache(maxsize=None)
def _sources() -> tuple[str, ...]:
    found = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return tuple(str(p) for p in found + sorted(EXAMPLES.glob("*.txt")))


@functools.lru_cache(maxsize=64)
def _read(path: str) -> bytes:
    return Path(path).read_bytes()


EDITS = ("flip", "delete", "insert", "swap-lines", "drop-line", "repeat-line")


@st.composite
def mutated_cable(draw) -> bytes:
    """A real cable (or an example, without the corpus) with characters flipped, deleted or
    inserted and lines swapped, dropped or repeated; then encoded one of the ways cables come."""
    text = draw(st.sampled_from(_sources() + ("<faulty>",)))
    text = FAULTY_CABLE if text == "<faulty>" else _read(text).decode("utf-8", "replace")
    chars = list(text)
    for edit, where, other, char in draw(st.lists(st.tuples(
            st.sampled_from(EDITS), st.floats(0, 1), st.floats(0, 1),
            st.one_of(st.sampled_from(CABLE_CHARS + "\n\r\x00\x0c\u2028"), st.characters())), min_size=1, max_size=12)):
        if edit in ("flip", "delete", "insert"):
            at = min(int(where * len(chars)), max(len(chars) - 1, 0))
            if edit == "insert" or not chars:
                chars.insert(at, char)
            elif edit == "flip":
                chars[at] = char
            else:
                del chars[at]
            continue
        lines = "".join(chars).split("\n")
        a, b = int(where * (len(lines) - 1)), int(other * (len(lines) - 1))
        if edit == "swap-lines":
            lines[a], lines[b] = lines[b], lines[a]
        elif edit == "drop-line" and len(lines) > 1:
            del lines[a]
        elif edit == "repeat-line":
            lines.insert(b, lines[a])
        chars = list("\n".join(lines))
    text = "".join(chars)
    way = draw(st.sampled_from(("utf-8", "bom", "crlf", "cp1252")))
    if way == "crlf":
        text = text.replace("\n", "\r\n")
    if way == "cp1252":
        return text.encode("cp1252", "replace")
    return (codecs.BOM_UTF8 if way == "bom" else b"") + text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------- the parser and the linter are total

@given(st.binary(max_size=3000))
def test_decoding_any_bytes_keeps_the_lines_as_on_disk(data):
    try:
        source = decode(data)
    except UnreadableError:
        return
    assert all("\n" not in line for line in source.lines)
    if source.encoding != "utf-16":
        assert len(source.lines) == max(1, lines_on_disk(data))


@given(st.one_of(st.binary(max_size=3000), cable_text.map(lambda t: t.encode("utf-8"))))
def test_linting_any_bytes_is_total(data):
    assert_total(data, lint(data))


@given(st.text(max_size=3000))
def test_linting_any_text_is_total(text):
    data = text.encode("utf-8", "surrogatepass")
    assert_total(data, lint(data))
    assert_parse_output_total(data)


@given(st.one_of(cable_text, skeleton_cable()), st.dates(), st.one_of(st.none(), st.dates()), st.booleans())
def test_linting_cable_like_text_is_total_on_any_dates(text, as_of, date, release):
    """Any text, under any --as-of, --date and --release the command line accepts."""
    data = text.encode("utf-8")
    chosen = Settings(ruleset=RULESET, as_of=as_of, date=date, release=release)
    assert_total(data, lint(data, chosen))
    assert_parse_output_total(data)


@given(mutated_cable())
def test_mutated_real_cables_are_total(data):
    assert_total(data, lint(data))
    assert_parse_output_total(data)


# ---------------------------------------------------------------- line numbers stay true on disk

_LOOKS_UTF8 = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
latin1_line = st.one_of(st.sampled_from(FRAGMENTS), st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_categories=("Cc",)), max_size=60))


@given(st.lists(latin1_line, max_size=40).map("\n".join))
@example("þÿ0")  # the bytes of a UTF-16 byte-order mark
@example("MZ")  # an executable's first bytes (found by the fuzzer)
@example("ZNR UUUUU ZZH\nClassified By: Ambassador Jane Doe, reasons 1.4 (b) and (d)\n\xa0Â\xa0")  # valid UTF-8 inside
def test_crlf_bom_and_latin1_copies_give_the_same_diagnostics(text):
    def seen(data: bytes) -> list[tuple]:
        return [(d.line, d.column, d.end_line, d.end_column, d.code, d.message, d.suggestion)
                for d in lint(data).diagnostics]

    try:
        decode(text.encode("utf-8"))
    except UnreadableError:
        return  # it starts as a binary file does ("MZ", "%PDF"): X001 by design, and a BOM before it is text
    original = seen(text.encode("utf-8"))
    assert seen(text.replace("\n", "\r\n").encode("utf-8")) == original
    assert seen(codecs.BOM_UTF8 + text.encode("utf-8")) == original
    latin1 = text.encode("latin-1")
    if latin1.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # "ÿþ" or "þÿ" first: the bytes of a UTF-16 byte-order mark, read as one by design
    if _LOOKS_UTF8.search(latin1):
        # "Ã©" or "Â" + no-break space in Latin-1 are also valid UTF-8 ("é", " "): the mixed
        # UTF-8/CP1252 fallback reads them as UTF-8 by design, so that is a different text
        return
    assert decode(latin1).lines == decode(text.encode("utf-8")).lines
    assert seen(latin1) == original


# ---------------------------------------------------------------- the fix only touches TAGS

TAG_WORDS = ("PREL", "prel", "PGOV", "pgov", "ECON", "KCOR", "TP", "MT", "sp", "XX", "OVIP", "(DOE, JANE)",
             "(doe,jane)", "PREL.", "'PGOV'", "[PREL](#)", "KPAO", "É")
SEPARATORS = (" ", "  ", ", ", ",", ";", "; ", "/", "|", ":", " ; ", "\t")


@st.composite
def tags_line(draw) -> str:
    words = draw(st.lists(st.sampled_from(TAG_WORDS), min_size=1, max_size=8))
    line = draw(st.sampled_from(("TAGS: ", "TAGS ", "Tags: ", "TAG: ", "  TAGS:")))
    for index, word in enumerate(words):
        line += (draw(st.sampled_from(SEPARATORS)) if index else "") + word
    return line + draw(st.sampled_from(("", " ", ";")))


@given(tags_line(), st.booleans(), st.sampled_from(("utf-8", "bom", "crlf", "latin-1")))
@example("TAGS: OVIP;XX, XX", False, "utf-8")  # once dropped half of a bare name (SURNAME, GIVEN)
def test_fixes_change_only_the_tags_line_and_never_the_classification(tags, on_eo_line, way):
    text = FAULTY_CABLE.replace("TAGS: prel; PGOV TP PREL", tags)
    if on_eo_line:
        text = text.replace("04/08/2048\n", "04/08/2048 ")
    text = text.replace("\n", "\r\n") if way == "crlf" else text
    data = (codecs.BOM_UTF8 if way == "bom" else b"") + text.encode("latin-1" if way == "latin-1" else "utf-8")
    before = lint(data)
    try:
        with no_hang():
            fix = plan("fuzz.txt", data, before.diagnostics, RULESET)
    except NotFixed:
        return
    if fix is None:
        return
    old_lines, new_lines = data.split(b"\n"), fix.new.split(b"\n")
    assert len(old_lines) == len(new_lines)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    assert changed == [fix.line - 1]
    assert fix.new.startswith(codecs.BOM_UTF8) == data.startswith(codecs.BOM_UTF8)
    assert new_lines[fix.line - 1].endswith(b"\r") == old_lines[fix.line - 1].endswith(b"\r")
    old_record = summarise(build(decode(data)), "x", None)
    new_record = summarise(build(decode(fix.new)), "x", None)
    assert new_record.pop("tags") == list(dict.fromkeys(old_record.pop("tags")))
    new_record["labels"].pop("tags", None), old_record["labels"].pop("tags", None)  # the fix may add the colon
    assert new_record == old_record
    after = lint(fix.new)
    assert fix.codes and not [d for d in after.diagnostics if d.code in fix.codes and d.line == fix.line], after
    assert plan("fuzz.txt", fix.new, after.diagnostics, RULESET) is None  # a second --fix changes nothing


# ---------------------------------------------------------------- custom rule patterns

ATOMS = ("a", ".", r"\w", r"\d", r"\s", "[ab]", "[^x]", "(a|b)", "(?:ab)", "(", ")", "|", "x", r"\b", "^", "$",
         "(?=a)", r"\1", "(?P<n>a)", "[", "{", "\\")
QUANTIFIERS = ("", "", "*", "+", "?", "*?", "{2}", "{0,100}", "{1,}", "{3,5}")


@st.composite
def pattern(draw) -> str:
    pieces = draw(st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(QUANTIFIERS)), min_size=1, max_size=8))
    text = "".join(a + q for a, q in pieces)
    if draw(st.booleans()):  # now and then wrap and repeat the whole
        text = f"(?:{text}){draw(st.sampled_from(QUANTIFIERS))}"
    return text


@functools.lru_cache(maxsize=1)
def _faulty_context() -> Context:
    cable = build(split_lines(FAULTY_CABLE + "a" * 300 + "\n"))
    return Context(cable=cable, path="fuzz.txt", ruleset=RULESET, origin_date=None, as_of=dt.date(2026, 11, 27))


@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")  # re's own note on "[[" patterns
@given(st.one_of(pattern(), st.text(max_size=40)), st.sampled_from(("text", "paragraph", "tags")))
def test_custom_patterns_are_refused_with_a_reason_or_run_bounded(text, scope):
    try:
        compiled = compile_safely(text, ("rules", "C100", "pattern"))
    except schema.SchemaError as exc:
        assert "pattern refused" in str(exc) or "longer than" in str(exc), exc
        return
    rule = CustomRule(code="C100", name="fuzz-rule", severity="warning", scope=scope, pattern=compiled, mode="forbid",
                      marking=(), message="found {match}")
    with no_hang():
        findings = list(custom.run(_faulty_context(), rule))
    lines = _faulty_context().cable.lines
    for finding in findings:
        assert 1 <= finding.span.line <= len(lines)
        assert 1 <= finding.span.column <= len(lines[finding.span.line - 1]) + 1
