"""Extraction throughput: how many news reports a second `warta.extract.extract_articles` reads.

    python bench/extract_throughput.py [--articles 10000] [--jobs 1] [--seed 0] [--repeat 1] [--json]
    python bench/extract_throughput.py --profile          # cProfile of a 500-article slice, top 25 by tottime

The corpus is generated in memory first by `bench.corpus` (not timed). The extractor is then warmed up on a
few articles (the lexicons and the gazetteer index load lazily on the first call; that time is reported on
its own), and the extraction of all articles is timed with `extract_articles(articles, jobs=N)`. With
--jobs > 1 the time includes starting the worker processes and sending articles and facts between them.

Reported: articles, characters, seconds, articles/s, articles/s per core (articles/s / jobs), mean ms per
article, the peak RSS of this process (and of the largest worker with --jobs > 1), and how many reports were
read as visits (a sanity check that the synthetic reports are read as the genre: most should be).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import os
import platform
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable for bench.corpus
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WARMUP_ARTICLES = 5
PROFILE_ARTICLES = 500
PROFILE_TOP = 25


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Measure warta's extraction throughput on synthetic reports."
    )
    parser.add_argument("--articles", type=int, default=10_000, help="how many reports (default 10000)")
    parser.add_argument(
        "--jobs", type=int, default=1, help="worker processes for extract_articles (default 1)"
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs over the corpus (default 1)")
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    parser.add_argument(
        "--profile",
        action="store_true",
        help=f"profile a {PROFILE_ARTICLES}-article slice in this process and print the top functions",
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.jobs < 1 or args.repeat < 1:
        parser.error("--articles, --jobs and --repeat must be >= 1")

    from bench.corpus import generate_reports
    from warta.extract import extract_article, extract_articles
    from warta.facts import Article

    started = time.perf_counter()
    reports = list(generate_reports(args.articles, args.seed))
    articles: list[Article] = [r.article for r in reports]
    generation_s = time.perf_counter() - started
    characters = sum(len(a.text) for a in articles)
    rss_before_kib = _current_rss_kib()

    if args.profile:
        return _profile(articles[:PROFILE_ARTICLES], extract_article)

    # Warm-up: the first call loads the lexicons and builds the matchers.
    warm = articles[:WARMUP_ARTICLES]
    t0 = time.perf_counter()
    extract_article(warm[0])
    first_call_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    for article in warm[1:]:
        extract_article(article)
    warm_rest_s = time.perf_counter() - t1

    runs: list[float] = []
    cpu_runs: list[float] = []
    visit_articles = visits = 0
    found_by_id: dict[str, int] = {}
    for _ in range(args.repeat):
        cpu = _cpu_seconds()
        t = time.perf_counter()
        visit_articles = visits = 0
        found_by_id = {}
        for facts in extract_articles(articles, jobs=args.jobs):
            found_by_id[facts.id] = len(facts.visits)
            visits += len(facts.visits)
            visit_articles += bool(facts.visits)
        runs.append(time.perf_counter() - t)
        cpu_runs.append(_cpu_seconds() - cpu)

    with_visit = [r for r in reports if r.visits]
    without_visit = [r for r in reports if not r.visits]
    seconds = min(runs)
    rate = len(articles) / seconds
    result: dict[str, Any] = {
        "articles": len(articles),
        "characters": characters,
        "mean_characters": round(characters / len(articles)),
        "jobs": args.jobs,
        "seed": args.seed,
        "seconds": round(seconds, 3),
        "seconds_runs": [round(s, 3) for s in runs],
        "seconds_median": round(statistics.median(runs), 3),
        "articles_per_s": round(rate, 1),
        "articles_per_s_per_core": round(rate / args.jobs, 1),
        "ms_per_article": round(1000 * seconds / len(articles), 3),
        "cpu_seconds": round(min(cpu_runs), 3),
        "cpu_ms_per_article": round(1000 * min(cpu_runs) / len(articles), 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "chars_per_s": round(characters / seconds),
        "includes_process_startup": args.jobs > 1,
        "start_method": multiprocessing.get_start_method() if args.jobs > 1 else None,
        "first_call_s": round(first_call_s, 3),
        "warmup_s": round(first_call_s + warm_rest_s, 3),
        "warmup_articles": len(warm),
        "generation_s": round(generation_s, 3),
        "rss_before_extraction_mib": round(rss_before_kib / 1024, 1) if rss_before_kib else None,
        "peak_rss_mib": round(_peak_rss_kib(resource.RUSAGE_SELF) / 1024, 1),
        "peak_rss_worker_mib": (
            round(_peak_rss_kib(resource.RUSAGE_CHILDREN) / 1024, 1) if args.jobs > 1 else None
        ),
        "articles_with_visit_found": visit_articles,
        "visits_found": visits,
        "generated_with_visit": len(with_visit),
        "generated_with_visit_found": sum(1 for r in with_visit if found_by_id.get(r.article.id)),
        "generated_without_visit": len(without_visit),
        "generated_without_visit_found": sum(1 for r in without_visit if found_by_id.get(r.article.id)),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print_table(result)
    return 0


def _print_table(r: dict[str, Any]) -> None:
    startup = (
        f" (includes starting {r['jobs']} worker processes, start method {r['start_method']})"
        if r["includes_process_startup"]
        else ""
    )
    runs = ", ".join(f"{s:.3f}" for s in r["seconds_runs"])
    found_share = r["generated_with_visit_found"] / max(1, r["generated_with_visit"])
    worker = f"; largest worker {r['peak_rss_worker_mib']} MiB" if r["peak_rss_worker_mib"] else ""
    lines = [
        (
            "articles",
            f"{r['articles']} (seed {r['seed']}, generated in {r['generation_s']:.2f} s, not timed)",
        ),
        ("characters", f"{r['characters']:,} (mean {r['mean_characters']} per article)"),
        ("jobs", str(r["jobs"])),
        ("first call", f"{r['first_call_s']:.3f} s (lexicons and matchers load lazily; not in the timing)"),
        ("warm-up", f"{r['warmup_s']:.3f} s for {r['warmup_articles']} articles (not in the timing)"),
        ("seconds", f"{r['seconds']:.3f}{startup}"),
        ("runs", f"{runs} (best reported, median {r['seconds_median']:.3f})"),
        ("articles/s", f"{r['articles_per_s']:.1f}"),
        ("articles/s per core", f"{r['articles_per_s_per_core']:.1f} (articles/s / jobs)"),
        ("ms per article", f"{r['ms_per_article']:.3f}"),
        (
            "CPU time",
            f"{r['cpu_seconds']:.3f} s, {r['cpu_ms_per_article']:.3f} ms per article (this process and its "
            f"workers; less sensitive to machine load than the wall time)",
        ),
        ("characters/s", f"{r['chars_per_s']:,}"),
        ("load average", " ".join(str(x) for x in r["load_average"]) + f" ({r['cpus']} CPUs)"),
        (
            "peak RSS",
            f"{r['peak_rss_mib']} MiB this process (before extraction {r['rss_before_extraction_mib']} MiB, "
            f"corpus included){worker}",
        ),
        (
            "visits found",
            f"{r['visits_found']} in {r['articles_with_visit_found']} articles; "
            f"{r['generated_with_visit_found']}/{r['generated_with_visit']} ({found_share:.1%}) of the "
            f"reports generated with a visit, "
            f"{r['generated_without_visit_found']}/{r['generated_without_visit']} of those without",
        ),
    ]
    width = max(len(name) for name, _ in lines)
    for name, value in lines:
        print(f"{name:<{width}}  {value}")


def _profile(articles: list, extract_article) -> int:
    extract_article(articles[0])  # the lazy loading is not what this profile is for
    profiler = cProfile.Profile()
    t = time.perf_counter()
    profiler.enable()
    for article in articles:
        extract_article(article)
    profiler.disable()
    seconds = time.perf_counter() - t
    print(f"profiled {len(articles)} articles in {seconds:.2f} s (with profiler overhead), jobs 1")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(PROFILE_TOP)
    print(out.getvalue())
    return 0


def _cpu_seconds() -> float:
    """User + system CPU time of this process and of its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_kib(who: int) -> int:
    """Peak resident set size in KiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _current_rss_kib() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


if __name__ == "__main__":
    raise SystemExit(main())
