"""Invented cables for the run-level tests (parallel, cache, Dask): many files, varied enough that
most of them draw diagnostics of several rules. Nothing here comes from a real cable."""

from __future__ import annotations

from pathlib import Path

_LEVELS = [  # (classification line, portion letter)
    ("C O N F I D E N T I A L VALLETTA 000{serial}", "C"),
    ("S E C R E T SECTION 01 OF 01 VALLETTA 000{serial}", "S"),
    ("UNCLAS VALLETTA 000{serial}", "U"),
    ("CONFIDENTIAL VALLETTA 000{serial}", "C"),
]
_DECLASSIFY = ["DECL: 06/03/2019", "DECL: 06/03/2049", "DECL: OADR", "N/A", "1.6 X1", "DECL: 13/45/2020", ""]
_TAGS = ["PREL PGOV MT", "PREL, POGOV; MT, PREL", "PTER PINR MT LY", "prel pgov", "KXYZ MT"]
_MARKS = ["(C)", "(S)", "(U)", "C)", "(C/NF)", "", "(S/NF)", "(TS)"]


def cable(index: int) -> str:
    """The `index`th invented cable: a mix of well-formed and faulty parts, chosen by `index`."""
    banner, letter = _LEVELS[index % len(_LEVELS)]
    serial = f"{100 + index:03d}"
    head = [] if index % 3 == 0 else [
        f"VZCZCXYZ{serial}", "PP RUEHWEB", f"DE RUEHVL #{serial}/01 1541230", "ZNY CCCCC ZZH",
        f"P {(index % 27) + 1:02d}1230Z JUN 0{index % 10}", "FM AMEMBASSY VALLETTA",
        "TO RUEHC/SECSTATE WASHDC PRIORITY 5120"]
    lines = head + [banner.format(serial=serial), "", "SIPDIS", ""]
    lines.append(f"E.O. 12958: {_DECLASSIFY[index % len(_DECLASSIFY)]}".rstrip())
    if index % 5 != 4:
        lines.append(f"TAGS: {_TAGS[index % len(_TAGS)]}")
    if index % 7 != 6:
        lines.append(f"SUBJECT: MALTA: INVENTED TOPIC NUMBER {index}")
    lines.append("")
    if index % 4 != 3:
        lines += [f"Classified By: Ambassador Jane Q. Example for reasons 1.4 ({'bdz'[index % 3]}).", ""]
    for number in range(1, 2 + index % 5):
        mark = _MARKS[(index + number) % len(_MARKS)] if letter != "U" else "(U)"
        lines += [f"{number}. {mark} Paragraph {number} of invented cable {index} says little.".replace("  ", " "), ""]
    lines.append("EXAMPLE")
    return "\n".join(lines) + "\n"


def write_cables(folder: Path, count: int = 48) -> list[Path]:
    """`count` invented cables in `folder` (two subfolders, so discovery's order is exercised)."""
    paths = []
    for index in range(count):
        path = folder / ("a" if index % 2 else "b") / f"cable{index:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(cable(index), encoding="utf-8")
        paths.append(path)
    return paths
