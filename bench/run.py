"""cablelint benchmarks: whole processes, timed against a floor, in one run.

    python bench/run.py [--runs 9] [--corpus ../shared/corpus/cablegate] [--copies 20] [--jobs 2]

Measures, each as the median of --runs rounds in which the two commands compared alternate:

  corpus      `cablelint --jobs N --no-cache CORPUS` against the floor: one Python process that
              reads the same files, decodes them and runs one multi-line regex over them
  scale       the same over the corpus replicated --copies times (hard links in bench/results/):
              per-MB cost against the 1x run, and the peak memory of the largest process
  cache       a warm rerun (every file cached) against the cold run that filled the cache; the
              rerun is replayed (replay.py); it is timed again with CABLELINT_REPLAY=off, when
              each file's cache entry is read back
  one file    `cablelint --no-cache FILE` (a median-sized cable) against `python -c pass`
  dask        `--dask` (a local cluster) against a local run: JSON output byte-identical?

Times are wall-clock seconds of the whole process (start-up included); CPU is user+system of the
process and its children; peak memory is the largest resident set of any one process in the tree
(ru_maxrss). The table is printed and also written to bench/results/latest.json (git-ignored).
Ratios are what to compare between machines; absolute times depend on the machine's load.
Every command runs in a user's environment (see `user_environment`): bytecode cache allowed,
output buffered, whatever the calling shell set.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional, Sequence

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "cablegate"
SUFFIXES = (".txt", ".cable", ".tel")
AS_OF = "2024-01-01"  # fixed, so runs on different days lint alike

# The floor: read every cable the way discovery finds them, decode it, run one multi-line regex
# (a numbered paragraph head with its portion mark) and count the matches.
FLOOR = r"""
import os, re, sys
HEAD = re.compile(r"^[ \t]*(?:\u00b6\s?)?\d{1,3}\.[ \t]*\(([A-Z/ ]{1,20})\)", re.M)
found = 0
for top in sys.argv[1:]:
    for root, dirs, names in os.walk(top):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith((".txt", ".cable", ".tel")):
                with open(os.path.join(root, name), "rb") as handle:
                    found += len(HEAD.findall(handle.read().decode("utf-8", "replace")))
print(found)
"""


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mb: float
    status: int


def user_environment(extra: Optional[dict] = None) -> dict:
    """The environment of a user's shell: Python may keep its bytecode cache (as an installed
    package has one; kept in bench/results/pycache, not in the source tree) and buffers output.
    A harness that sets PYTHONDONTWRITEBYTECODE or PYTHONUNBUFFERED would otherwise time bytecode
    compilation and one system call per output line instead of cablelint."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")}
    env["PYTHONPYCACHEPREFIX"] = str(RESULTS / "pycache")
    env.update(extra or {})
    return env


def measure(argv: Sequence[str], env: Optional[dict] = None, stdout: Optional[Path] = None) -> Sample:
    """Run `argv` to completion; wall time, CPU time and peak RSS of its process tree."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=out, stderr=subprocess.DEVNULL, env=user_environment(env))
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdout:
            out.close()
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def alternate(commands: dict[str, tuple[list[str], Optional[dict]]], runs: int,
              before: Optional[dict] = None) -> dict[str, list[Sample]]:
    """Run each command once per round, in turn, for `runs` rounds (one warm-up round first).
    `before` maps a name to a callable run before each of that command's runs (not timed)."""
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, (argv, env) in commands.items():
            if before and name in before:
                before[name]()
            sample = measure(argv, env)
            if sample.status not in (0, 1):
                raise SystemExit(f"bench: {name} failed with status {sample.status}: {' '.join(argv)}")
            if round_:
                samples[name].append(sample)
    return samples


def median(samples: list[Sample], field: str) -> float:
    return statistics.median(getattr(s, field) for s in samples)


def cablelint_command() -> list[str]:
    script = Path(sys.executable).parent / "cablelint"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from cablelint.cli import entry; entry()"]


def corpus_files(top: Path) -> list[Path]:
    return sorted(p for p in top.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def size_mb(files: Sequence[Path]) -> float:
    return sum(p.stat().st_size for p in files) / 1e6


def replicate(corpus: Path, copies: int) -> Path:
    """The corpus `copies` times over, as hard links (copies where links are impossible)."""
    target = RESULTS / f"corpus-x{copies}"
    files = corpus_files(corpus)
    marker = target / ".complete"
    if marker.is_file() and marker.read_text() == f"{corpus}:{len(files)}":
        return target
    shutil.rmtree(target, ignore_errors=True)
    for copy in range(copies):
        folder = target / f"copy{copy:02d}"
        folder.mkdir(parents=True)
        for path in files:
            try:
                os.link(path, folder / path.name)
            except OSError:
                shutil.copyfile(path, folder / path.name)
    marker.write_text(f"{corpus}:{len(files)}")
    return target


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []
        self.data: dict[str, object] = {}

    def add(self, what: str, figure: str, target: str = "") -> None:
        self.rows.append((what, figure, target))
        print(f"  {what:<52} {figure:<30} {target}", flush=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9,  # on a shared machine, fewer leave the median to chance
                        help="rounds per comparison (median; default 9)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=20, help="replication factor of the scale run (default 20)")
    parser.add_argument("--jobs", type=int, default=2, help="cablelint --jobs (default 2)")
    parser.add_argument("--skip", action="append", default=[], choices=("corpus", "scale", "cache", "file", "dask"),
                        help="leave out a part (repeatable)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    lint = cablelint_command() + ["--as-of", AS_OF]
    floor = [sys.executable, "-c", FLOOR]
    files = corpus_files(args.corpus)
    megabytes = size_mb(files)
    report = Report()
    print(f"bench: {len(files)} files, {megabytes:.1f} MB, --jobs {args.jobs}, median of {args.runs} runs\n")

    one_x = None
    if "corpus" not in args.skip or "scale" not in args.skip:
        runs = alternate({"floor": (floor + [str(args.corpus)], None),
                          "cablelint": (lint + ["--jobs", str(args.jobs), "--no-cache", str(args.corpus)], None)},
                         args.runs)
        one_x = median(runs["cablelint"], "wall")
        floor_wall = median(runs["floor"], "wall")
        report.add("corpus: cablelint / floor (wall)", f"{one_x / floor_wall:.2f}x "
                   f"({one_x:.3f} s / {floor_wall:.3f} s)", "target <= 4x (goal 3x)")
        best, best_floor = min(s.wall for s in runs["cablelint"]), min(s.wall for s in runs["floor"])
        report.add("corpus: cablelint / floor (wall, best of each)", f"{best / best_floor:.2f}x "
                   f"({best:.3f} s / {best_floor:.3f} s)", "(noise only adds time)")
        report.add("corpus: cablelint / floor (CPU)",
                   f"{median(runs['cablelint'], 'cpu') / median(runs['floor'], 'cpu'):.2f}x")
        report.add("corpus: peak memory of any process", f"{max(s.peak_mb for s in runs['cablelint']):.0f} MB")
        report.data["corpus"] = {k: [asdict(s) for s in v] for k, v in runs.items()}

    if "scale" not in args.skip and one_x is not None:
        big = replicate(args.corpus, args.copies)
        big_mb = size_mb(corpus_files(big))
        runs = alternate({"floor": (floor + [str(big)], None),
                          "cablelint": (lint + ["--jobs", str(args.jobs), "--no-cache", str(big)], None)},
                         max(1, args.runs // 2))
        wall = median(runs["cablelint"], "wall")
        per_mb_1x, per_mb_big = one_x / megabytes, wall / big_mb
        report.add(f"{args.copies}x: cablelint / floor (wall)",
                   f"{wall / median(runs['floor'], 'wall'):.2f}x ({wall:.2f} s, {big_mb:.0f} MB)")
        report.add(f"{args.copies}x: per-MB cost / 1x per-MB cost", f"{per_mb_big / per_mb_1x:.2f} "
                   f"({per_mb_big * 1000:.1f} / {per_mb_1x * 1000:.1f} ms/MB)", "target <= 1.25")
        report.add(f"{args.copies}x: peak memory of any process",
                   f"{max(s.peak_mb for s in runs['cablelint']):.0f} MB", "target < 300 MB")
        report.data["scale"] = {k: [asdict(s) for s in v] for k, v in runs.items()}

    if "cache" not in args.skip:
        cache = RESULTS / "cache"
        env = {"CABLELINT_CACHE_DIR": str(cache)}
        command = lint + ["--jobs", str(args.jobs), str(args.corpus)]
        runs = alternate({"cold": (command, env), "warm": (command, env)}, args.runs,
                         before={"cold": lambda: shutil.rmtree(cache, ignore_errors=True)})
        cold, warm = median(runs["cold"], "wall"), median(runs["warm"], "wall")
        report.add("cache: cold run / warm rerun (wall)", f"{cold / warm:.1f}x ({cold:.3f} s / {warm:.3f} s)",
                   "target >= 10x")
        # the same warm rerun without the replay of the whole run: every file's entry read back
        entries = alternate({"warm, per-file entries": (command, {**env, "CABLELINT_REPLAY": "off"})}, args.runs)
        per_file = median(entries["warm, per-file entries"], "wall")
        report.add("cache: cold run / warm rerun, replay off (wall)", f"{cold / per_file:.1f}x ({per_file:.3f} s)",
                   "(each file's entry read back)")
        report.data["cache"] = {k: [asdict(s) for s in v] for k, v in {**runs, **entries}.items()}
        shutil.rmtree(cache, ignore_errors=True)

    if "file" not in args.skip:
        sizes = sorted(files, key=lambda p: p.stat().st_size)
        one = sizes[len(sizes) // 2]
        runs = alternate({"python": ([sys.executable, "-c", "pass"], None),
                          "cablelint": (lint + ["--no-cache", str(one)], None)}, args.runs * 2)
        single, bare = median(runs["cablelint"], "wall"), median(runs["python"], "wall")
        report.add(f"one file ({one.name}, {one.stat().st_size // 1024} KB)",
                   f"{single:.3f} s ({single / bare:.1f}x python -c pass: {bare:.3f} s)", "target < 0.25 s")
        report.data["file"] = {k: [asdict(s) for s in v] for k, v in runs.items()}

    if "dask" not in args.skip:
        dask_check(lint, args, report)

    (RESULTS / "latest.json").write_text(json.dumps({"rows": report.rows, **report.data}, indent=1))
    return 0


def dask_check(lint: list[str], args: argparse.Namespace, report: Report) -> None:
    try:
        import distributed  # noqa: F401  (only asks whether the extra is installed)
    except ImportError:
        report.add("dask", "skipped: dask[distributed] not installed")
        return
    local_out, dask_out = RESULTS / "local.json", RESULTS / "dask.json"
    base = lint + ["--format", "json", "--no-cache", "--jobs", str(args.jobs), str(args.corpus)]
    local = measure(base, stdout=local_out)
    remote = measure(base + ["--dask"], stdout=dask_out)
    same = local_out.read_bytes() == dask_out.read_bytes() and local.status == remote.status
    report.add("dask (local cluster) JSON == local JSON", "byte-identical" if same else "DIFFERENT",
               f"({remote.wall:.1f} s vs {local.wall:.2f} s, cluster start-up included)")
    report.data["dask"] = {"identical": same, "local": asdict(local), "dask": asdict(remote)}


if __name__ == "__main__":
    sys.exit(main())
