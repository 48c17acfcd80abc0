"""Two cablelint installs compared on the same command, alternated in one run.

    python bench/ab.py OLD_CABLELINT NEW_CABLELINT [--runs 21] [--file CABLE] [-- ARGS INSTEAD]

Each round runs OLD then NEW once (after one untimed warm-up round), so the machine's drift hits
both alike; the report is the ratio of their median wall and CPU times. The default command is a
one-file run (`--no-cache --as-of 2024-01-01 FILE`, FILE a median-sized cable of the corpus):
start-up dominates it. Use it for a change that must not slow cablelint down, e.g. a virtual
environment of the last commit against the working tree's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from run import AS_OF, DEFAULT_CORPUS, alternate, corpus_files, median


def median_sized_cable(corpus: Path) -> Path:
    files = sorted(corpus_files(corpus), key=lambda p: p.stat().st_size)
    if not files:
        raise SystemExit(f"bench: no cables under {corpus}")
    return files[len(files) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", help="the baseline's cablelint executable")
    parser.add_argument("new", help="the cablelint executable to compare with it")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--file", type=Path, help="the cable to lint (default: a median-sized corpus cable)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    command = extra or ["--no-cache", "--as-of", AS_OF, str(args.file or median_sized_cable(args.corpus))]
    samples = alternate({"old": ([args.old, *command], None), "new": ([args.new, *command], None)}, args.runs)
    print(f"command: cablelint {' '.join(command)}  ({args.runs} alternated rounds)")
    for field in ("wall", "cpu"):
        old, new = median(samples["old"], field), median(samples["new"], field)
        best_old = min(getattr(s, field) for s in samples["old"])
        best_new = min(getattr(s, field) for s in samples["new"])
        print(f"  {field:<5} median old {old * 1000:7.1f} ms  new {new * 1000:7.1f} ms  new/old {new / old:.3f}"
              f"   (best {best_old * 1000:.1f} / {best_new * 1000:.1f} ms: {best_new / best_old:.3f})")
    spread = statistics.pstdev(s.wall for s in samples["old"]) / median(samples["old"], "wall")
    print(f"  the old run's wall times varied by {spread:.0%} (standard deviation over median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
