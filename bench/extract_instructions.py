"""Extraction cost in CPU instructions per article, counted by valgrind's callgrind: repeatable to about
0.5 % whatever else the machine is doing (two runs of one tree: 7,166 k and 7,133 k), so a change of 1–2 %
shows (wall-clock seconds swing by ±15 %). The runs fix Python's string hash seed (`PYTHONHASHSEED=0`) and,
where `setarch` is installed, turn off address randomisation (`setarch -R`): otherwise set and dict layouts,
which follow string hashes and object addresses, differ from run to run and so do the counts, by about 1 %
more.

    python bench/extract_instructions.py [--articles 100] [--warmup 300] [--seed 3]

It runs this script twice under `valgrind --tool=callgrind`: both runs generate the same corpus
(`bench.corpus`), load the extractor and extract `--warmup` reports (so lazily built lexicons and memos are
warm); one then extracts the `--articles` other reports. The difference of the two totals, divided by
`--articles`, is the cost of one report. Needs valgrind (Debian: apt-get install valgrind); takes about a
minute at the defaults.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable for bench.corpus
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_COLLECTED = re.compile(r"Collected : (\d+)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Count the instructions extraction takes per report.")
    parser.add_argument("--articles", type=int, default=100, help="reports counted (default 100)")
    parser.add_argument("--warmup", type=int, default=300, help="reports extracted first (default 300)")
    parser.add_argument("--seed", type=int, default=3, help="corpus seed (default 3)")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        _extract(args.warmup, args.articles, args.child, args.seed)
        return 0
    if args.articles < 1 or args.warmup < 0:
        parser.error("--articles must be >= 1 and --warmup >= 0")
    if shutil.which("valgrind") is None:
        print("extract_instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    counted = _instructions(args.warmup, args.articles, args.articles, args.seed)
    baseline = _instructions(args.warmup, args.articles, 0, args.seed)
    per_article = (counted - baseline) / args.articles
    print(f"reports counted      {args.articles} (after {args.warmup} warm-up reports, seed {args.seed})")
    print(f"instructions         {per_article / 1000:,.0f} k per report")
    return 0


def _instructions(warmup: int, articles: int, extracted: int, seed: int) -> int:
    fixed = ["setarch", platform.machine(), "-R"] if shutil.which("setarch") else []  # the same addresses
    command = [
        *fixed,
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        str(Path(__file__).resolve()),
        "--warmup",
        str(warmup),
        "--articles",
        str(articles),
        "--seed",
        str(seed),
        "--child",
        str(extracted),
    ]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}  # the same hashes, so the same work, each run
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)
    found = _COLLECTED.search(result.stderr)
    if found is None:
        raise SystemExit(f"extract_instructions: no instruction count in valgrind's output:\n{result.stderr}")
    return int(found.group(1))


def _extract(warmup: int, articles: int, extracted: int, seed: int) -> None:
    """Generate warm-up and counted reports (the same in both runs), extract the warm-up ones, then
    `extracted` of the others (all of them, or none)."""
    from bench.corpus import generate_articles
    from warta.extract import extract_article

    reports = list(generate_articles(warmup + articles, seed=seed))
    for report in reports[articles:]:
        extract_article(report)
    for report in reports[:extracted]:
        extract_article(report)


if __name__ == "__main__":
    raise SystemExit(main())
