"""Fixture builder: a folder of odd and hostile inputs, and the random corruption used for it.

The folder holds a binary file, an empty file, a blank file, a file with NUL bytes, a 2 MB single
line, an invented faulty cable with its CRLF, BOM, BOM+CRLF and Latin-1 copies, and corrupted
cables: real corpus cables (or, without the corpus, the project's own examples) mutated at random.
`assert_total` is the contract check the robustness tests apply to a lint result on such input.

    python tests/odd_inputs.py FOLDER [--corrupted N] [--seed S]
"""

from __future__ import annotations

import argparse
import codecs
import random
from pathlib import Path
from typing import Optional

from cablelint.checks import all_rules
from cablelint.checks.diagnostics import SEVERITY_RANK, FileResult
from cablelint.parse.source import UnreadableError, decode

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate"

# An invented cable (not from any corpus), with faults on known lines and Latin-1 letters, so its
# Latin-1 copy really differs from the UTF-8 one byte for byte.
FAULTY_CABLE = """\
VZCZCXRO4411
PP RUEHDE
DE RUEHZB #0231/01 0981422
ZNY CCCCC ZZH
P 081422Z APR 08
FM AMEMBASSY SAO TOME
TO RUEHC/SECSTATE WASHDC PRIORITY 0412
C O N F I D E N T I A L SAO TOME 000231

SIPDIS

E.O. 12958: DECL: 04/08/2048
TAGS: prel; PGOV TP PREL
SUBJECT: SÃO TOMÉ: FISHERIES MINISTER SEEKS PATROL HELP

Classified By: Chargé d'Affaires Ana Exemplo, reasons 1.4 (b) and (z).

1. (C) Summary: The fisheries minister, Mr. José Inventado, asked
for help patrolling the exclusive economic zone. See para 7. End
summary.

2. The minister described illegal trawling off Príncipe.

3. (S) He named two vessels he believes are involved.

4. (C/NF) Post recommends a modest training package.

5. C) Comment: the request is sincere. End comment.
EXEMPLO
"""

# The copies that must give the same diagnostics, at the same lines, as faulty.txt.
ENCODED_COPIES = {
    "faulty-crlf.txt": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "faulty-bom.txt": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "faulty-bom-crlf.txt": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
    "faulty-latin1.txt": lambda text: text.encode("latin-1"),
    "faulty-cp1252-crlf.txt": lambda text: text.replace("\n", "\r\n").encode("cp1252"),
    "faulty-utf16le.txt": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "faulty-utf32le.txt": lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
    "faulty-utf32be-crlf.txt": lambda text: codecs.BOM_UTF32_BE + text.replace("\n", "\r\n").encode("utf-32-be"),
}

_CODES = frozenset(r.code for r in all_rules())
_NOISE = "()/:;,.- \t\n¶[]#ABCSTUNFX0123456789abcé\x00\x0c\u2028"


def mutate_text(text: str, rng: random.Random, edits: Optional[int] = None) -> str:
    """Characters flipped, deleted and inserted, and now and then the lines shuffled."""
    chars = list(text)
    for _ in range(edits if edits is not None else rng.randint(1, 40)):
        roll = rng.random()
        if not chars:
            chars = [rng.choice(_NOISE)]
        at = rng.randrange(len(chars))
        if roll < 0.3:
            chars[at] = rng.choice(_NOISE)
        elif roll < 0.55:
            del chars[at]
        elif roll < 0.9:
            chars.insert(at, rng.choice(_NOISE))
        else:
            lines = "".join(chars).split("\n")
            rng.shuffle(lines)
            chars = list("\n".join(lines))
    return "".join(chars)


def mutate_bytes(data: bytes, rng: random.Random, edits: Optional[int] = None) -> bytes:
    """Bytes flipped, deleted and inserted (any value, so the UTF-8 breaks), lines shuffled."""
    buffer = bytearray(data)
    for _ in range(edits if edits is not None else rng.randint(1, 40)):
        roll = rng.random()
        if not buffer:
            buffer.append(rng.randrange(256))
        at = rng.randrange(len(buffer))
        if roll < 0.3:
            buffer[at] = rng.randrange(256)
        elif roll < 0.55:
            del buffer[at]
        elif roll < 0.9:
            buffer.insert(at, rng.randrange(256))
        else:
            lines = bytes(buffer).split(b"\n")
            rng.shuffle(lines)
            buffer = bytearray(b"\n".join(lines))
    return bytes(buffer)


def source_cables(corpus: Path = CORPUS) -> list[Path]:
    """Real cables when the shared corpus is there, else the project's own examples."""
    found = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    return found or sorted(EXAMPLES.glob("*.txt"))


def corrupted(count: int, seed: int, corpus: Path = CORPUS) -> list[tuple[str, bytes]]:
    """`count` (name, bytes) of randomly corrupted cables, half mutated as text, half as bytes."""
    rng = random.Random(seed)
    sources = source_cables(corpus)
    out = []
    for index in range(count):
        origin = rng.choice(sources)
        data = origin.read_bytes()
        if index % 2:
            data = mutate_bytes(data, rng)
        else:
            data = mutate_text(data.decode("utf-8", "replace"), rng).encode("utf-8")
        out.append((f"corrupted-{index + 1:02d}.txt", data))
    return out


def build(folder: Path, corrupted_count: int = 40, seed: int = 8, corpus: Path = CORPUS) -> dict[str, Path]:
    """Write the odd-inputs folder; return name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files: dict[str, bytes] = {
        "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096)),
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n\n",
        "nul-bytes.txt": FAULTY_CABLE.replace("Summary:", "Sum\x00mary:").encode("utf-8"),
        "long-line.txt": b"TAGS: " + b"PREL " * (2 * 1024 * 1024 // 5),
        # (a JSON string's escaped breaks with no record key before them; a release stamp's words on
        # every line: each once read in time growing with the square of the length)
        "long-escaped-line.txt": b"UNCLAS STATE 000001\n" + b"x" * (2 * 1024 * 1024) + b"a\\n" * 3,
        "many-stamps.txt": b"REVIEW AUTHORITY: X\n" + b"RELEASED IN FULL\n" * (2 * 1024 * 1024 // 17),
        # (a level's word before a long run of blanks, where a record run on was looked for at each
        # blank; marks padded with blanks, whose whole-text words were looked for three ways)
        "long-blanks.txt": b"UNCLAS STATE 000001\n\n1. (U) Text.\nSECRET" + b" " * (2 * 1024 * 1024) + b"X\n",
        "padded-marks.txt": b"UNCLAS STATE 000001\n\n" + b"".join(
            b"%d. (C%s)\n" % (n % 999 + 1, b" " * (n % 78 + 1)) for n in range(2 * 1024 * 1024 // 90)),
        "faulty.txt": FAULTY_CABLE.encode("utf-8"),
    }
    files.update((name, encode(FAULTY_CABLE)) for name, encode in ENCODED_COPIES.items())
    files.update(corrupted(corrupted_count, seed, corpus))
    paths = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths


def lines_on_disk(data: bytes) -> int:
    """The number of lines as editors count them, without cablelint: ended by LF (a CR before it is
    part of the line end), or, in a file where a CR stands alone, by each CR, CRLF or LF."""
    lone_cr = data.count(b"\r") - data.count(b"\r\n")
    if lone_cr:
        ends = data.count(b"\r\n") + lone_cr + (data.count(b"\n") - data.count(b"\r\n"))
        return ends + (0 if data.endswith((b"\r", b"\n")) else 1)
    end = b"\n" if b"\n" in data or b"\r" not in data else b"\r"
    return data.count(end) + (0 if data.endswith(end) else 1)


def assert_total(data: bytes, result: FileResult) -> None:
    """No internal error; every diagnostic well formed and inside the file as it is on disk."""
    assert not result.errors, result.errors[0].traceback
    try:
        source = decode(data)
    except UnreadableError:
        assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(1, 1, "X001")]
        return
    lines = source.lines
    if source.encoding != "utf-16":
        assert len(lines) == max(1, lines_on_disk(data))
    for d in result.diagnostics:
        assert d.code in _CODES and d.severity in SEVERITY_RANK and d.message.strip(), d
        assert 1 <= d.line <= d.end_line <= len(lines), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1, d
        assert d.end_line > d.line or d.end_column >= d.column, d


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--corrupted", type=int, default=40)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    paths = build(args.folder, args.corrupted, args.seed)
    print(f"wrote {len(paths)} files to {args.folder}")


if __name__ == "__main__":
    main()
