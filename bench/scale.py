"""Scale benchmark: build, query and export the knowledge graph at 10k and 100k synthetic articles.

    python bench/scale.py --articles 10000 --articles 100000 [--json] [--anchor-limit 10000]

For each size, in a fresh child process (so that peak memory is that size's alone):

1. synthetic facts and article records (`bench/facts.py`, seed 0) are written as JSONL to a temp folder;
2. `warta.build.build_from_paths` — what `warta build FACTS --articles ARTICLES` runs — builds them into a
   fresh embedded store there: wall time, articles/s, triples/s (the union's triples), and the time spent
   reading the input files (from the build's progress callback; the rest is mapping and writing the store,
   which overlap, and compacting it);
3. store size on disk (after close);
4. every named query of `warta.queries.list_queries()` (required parameters filled with a busy region, a
   sector, a year), median of 5 runs, answer fully read (`warta.sparql.run_query`);
5. export to Turtle (`GraphStore.dump("turtle")`, what `warta export` writes);
6. peak RSS of the child process (`ru_maxrss`).

The anchor: the same records mapped into rdflib's in-memory `Dataset` (one graph per article plus the
reference graphs, queries over the union), the same queries (median of 5, or one run when a run takes
over 10 s) and Turtle export of the union, in its own child process; reported with the embedded/rdflib
ratios. It runs up to `--anchor-limit` articles (default 10,000: at 100k rdflib needs tens of GB).

Targets at 100k articles (2 cores): build ≥ 2,000 articles/s, every named query < 1 s, peak memory < 4 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 5
SLOW_RUN = 10.0  # seconds: a query slower than this is run once only
RDFLIB_TIMEOUT = 120.0  # seconds: an rdflib query still running then is stopped and reported as "> 120 s"
VALUES = {"code": "35.78", "sector": "umkm", "year": "2024", "int": "10", "string": "Kota Surabaya"}
# used when warta.queries does not exist: five queries of the kinds users ask
FALLBACK_QUERIES = {
    "visits-of-region": """SELECT ?visit ?label ?date WHERE {
        ?visit warta:host|warta:visitor ?region ; rdfs:label ?label . OPTIONAL { ?visit warta:date ?date }
      } ORDER BY DESC(?date)""",
    "most-visited-hosts": """SELECT ?host (COUNT(DISTINCT ?visit) AS ?visits) WHERE {
        ?visit a warta:Visit ; warta:host ?host } GROUP BY ?host ORDER BY DESC(?visits) LIMIT 20""",
    "top-sectors": """SELECT ?sector (COUNT(DISTINCT ?visit) AS ?visits) WHERE {
        ?visit warta:sector ?sector } GROUP BY ?sector ORDER BY DESC(?visits)""",
    "visits-in-year": """SELECT ?visit ?label WHERE {
        ?visit a warta:Visit ; rdfs:label ?label ; warta:date ?date FILTER (YEAR(?date) = 2024) }""",
    "province-pairs": """SELECT ?from ?to (COUNT(DISTINCT ?visit) AS ?visits) WHERE {
        ?visit warta:visitor/warta:partOf ?from ; warta:host/warta:partOf ?to }
      GROUP BY ?from ?to ORDER BY DESC(?visits) LIMIT 20""",
}
FALLBACK_BINDINGS = {"visits-of-region": {"region": "https://w3id.org/warta/id/region/35.78"}}


# --- the queries ------------------------------------------------------------------------------------------


def named_queries() -> tuple[list[tuple[str, str, dict[str, Any]]], str]:
    """(name, text, bindings) of every named query, and where they came from."""
    try:
        from warta.queries import list_queries
    except ImportError:
        from rdflib import URIRef

        queries = []
        for name, text in FALLBACK_QUERIES.items():
            bindings = {k: URIRef(v) for k, v in FALLBACK_BINDINGS.get(name, {}).items()}
            queries.append((name, text, bindings))
        return queries, "fallback set of 5 (warta.queries not found)"
    found = []
    for query in list_queries():
        values = {p.name: VALUES[p.type] for p in query.params if p.required}
        found.append((query.name, query.text, query.bind(values)))
    return found, f"warta.queries.list_queries() ({len(found)})"


def _timed(run: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    """Median seconds of `runs` runs (one only when the first is slower than SLOW_RUN), and the answer."""
    times = []
    answer = None
    for _ in range(runs):
        started = time.perf_counter()
        answer = run()
        times.append(time.perf_counter() - started)
        if times[0] > SLOW_RUN:
            break
    return statistics.median(times), answer


# --- the children -----------------------------------------------------------------------------------------


def _corpus(n: int, folder: Path) -> tuple[Path, Path, float]:
    from bench.facts import synthetic_corpus

    started = time.perf_counter()
    facts_path, articles_path = folder / "facts.jsonl", folder / "articles.jsonl"
    with (
        facts_path.open("w", encoding="utf-8") as facts_out,
        articles_path.open("w", encoding="utf-8") as out,
    ):
        for facts, article in synthetic_corpus(n, seed=0):
            facts_out.write(json.dumps(facts.to_dict(), ensure_ascii=False) + "\n")
            out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    return facts_path, articles_path, time.perf_counter() - started


def run_embedded(n: int) -> dict[str, Any]:
    from warta.build import build_from_paths
    from warta.sparql import run_query
    from warta.store import GraphStore

    folder = Path(tempfile.mkdtemp(prefix="warta-scale-"))
    try:
        facts_path, articles_path, generated = _corpus(n, folder)
        marks: dict[str, float] = {}

        def progress(phase: str, done: int, total: int) -> None:
            marks.setdefault(f"{phase}-start", time.perf_counter())
            if done == total:
                marks[f"{phase}-end"] = time.perf_counter()

        store_path = folder / "store"
        started = time.perf_counter()
        with GraphStore.open(store_path) as store:
            summary = build_from_paths([facts_path], store, articles_path=articles_path, progress=progress)
            built = time.perf_counter() - started
            assert not summary.errors, summary.errors[:3]
            reading = marks["mapping-start"] - started
        closed = time.perf_counter() - started
        size = sum(p.stat().st_size for p in store_path.rglob("*") if p.is_file())
        queries, source = named_queries()
        latencies = {}
        with GraphStore.open(store_path, read_only=True) as store:
            quads = sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, None))
            for name, text, bindings in queries:
                seconds, result = _timed(lambda t=text, b=bindings: run_query(store, t, b))
                latencies[name] = {"seconds": seconds, "rows": len(result)}
            started = time.perf_counter()
            turtle = store.dump("turtle")
            exported = time.perf_counter() - started
        return {
            "store": "embedded",
            "articles": n,
            "generate_seconds": generated,
            "build_seconds": built,
            "build_and_close_seconds": closed,
            "reading_seconds": reading,
            "articles_per_second": n / built,
            "triples": summary.triples,
            "quads": quads,
            "triples_per_second": summary.triples / built,
            "visits": summary.visits,
            "officials": summary.officials,
            "store_bytes": size,
            "queries_source": source,
            "queries": latencies,
            "export_seconds": exported,
            "export_bytes": len(turtle),
            "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_rdflib(n: int) -> dict[str, Any]:
    import warnings

    from rdflib import Dataset, Graph

    from bench.facts import synthetic_corpus
    from warta.gazetteer import load_gazetteer
    from warta.mapping import article_graph, known_sectors, map_article, reference_graphs
    from warta.namespaces import PREFIXES
    from warta.store import from_ox

    warnings.simplefilter("ignore")
    gazetteer = load_gazetteer()
    corpus = list(synthetic_corpus(n, seed=0))
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    sectors = known_sectors()
    for name, graph in reference_graphs(gazetteer).items():
        target = dataset.graph(name)
        for triple in graph:
            target.add(triple)
    for facts, article in corpus:
        target = dataset.graph(article_graph(facts.id))
        for triple in map_article(article, facts, gazetteer, sectors):
            target.add((from_ox(triple[0]), from_ox(triple[1]), from_ox(triple[2])))
    built = time.perf_counter() - started
    queries, source = named_queries()
    latencies = {}
    for name, text, bindings in queries:
        init = {k: _rdflib_term(v) for k, v in bindings.items()}
        times, rows = [], None
        for _ in range(RUNS):
            seconds, rows = _forked(
                lambda t=text, b=init: len(list(dataset.query(t, initNs=PREFIXES, initBindings=b)))
            )
            times.append(seconds)
            if seconds is None or seconds > SLOW_RUN:
                break
        done = [t for t in times if t is not None]
        latencies[name] = {"seconds": statistics.median(done) if done else None, "rows": rows}
    started = time.perf_counter()
    union = Graph()
    for prefix, namespace in PREFIXES.items():
        union.bind(prefix, namespace)
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    turtle = union.serialize(format="turtle", encoding="utf-8")
    exported = time.perf_counter() - started
    return {
        "store": "rdflib",
        "articles": n,
        "build_seconds": built,
        "articles_per_second": n / built,
        "triples": len(union),
        "queries_source": source,
        "queries": latencies,
        "export_seconds": exported,
        "export_bytes": len(turtle),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def _forked(run: Callable[[], int]) -> tuple[float | None, int | None]:
    """`run()` in a forked child (it shares the loaded data): (seconds, answer), or (None, None) when it is
    still running after RDFLIB_TIMEOUT seconds (the child is then killed)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        started = time.perf_counter()
        answer = run()
        sender.send((time.perf_counter() - started, answer))

    process = context.Process(target=child, daemon=True)
    process.start()
    sender.close()
    if receiver.poll(RDFLIB_TIMEOUT):
        result = receiver.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return None, None


def _rdflib_term(term: Any) -> Any:
    from warta.store import from_ox

    return from_ox(term) if not hasattr(term, "n3") else term


def _child(kind: str, n: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", kind, "--articles", str(n)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{kind} at {n} articles failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


# --- the report -------------------------------------------------------------------------------------------


def _mb(size: float) -> str:
    return f"{size / 1e6:,.0f} MB"


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table: one column per (size, store)."""
    columns = [r for r in results]
    heads = [f"{r['articles']:,} {r['store']}" for r in columns]
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, value: Callable[[dict[str, Any]], str]) -> None:
        rows.append((label, [value(r) if r else "" for r in columns]))

    row("build time", lambda r: f"{r['build_seconds']:,.1f} s")
    row("build: articles/s", lambda r: f"{r['articles_per_second']:,.0f}")
    row("build: triples/s", lambda r: f"{r['triples'] / r['build_seconds']:,.0f}")
    row("build: reading input", lambda r: f"{r['reading_seconds']:,.1f} s" if "reading_seconds" in r else "—")
    row("triples (union)", lambda r: f"{r['triples']:,}")
    row("quads stored", lambda r: f"{r['quads']:,}" if "quads" in r else "—")
    row("store on disk", lambda r: _mb(r["store_bytes"]) if "store_bytes" in r else "(memory)")
    row("peak RSS", lambda r: _mb(r["peak_rss_bytes"]))
    row("export Turtle", lambda r: f"{r['export_seconds']:,.1f} s ({_mb(r['export_bytes'])})")
    names = sorted({name for r in columns for name in r["queries"]})
    for name in names:
        row(
            f"query {name}",
            lambda r, n=name: _latency(r["queries"].get(n)),
        )
    row("slowest query", lambda r: _latency(max(r["queries"].values(), key=_seconds), rows=False))
    lines = ["| | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    return "\n".join(lines)


def _seconds(latency: dict[str, Any]) -> float:
    return float("inf") if latency["seconds"] is None else latency["seconds"]


def _latency(latency: dict[str, Any] | None, rows: bool = True) -> str:
    if latency is None:
        return ""
    if latency["seconds"] is None:
        return f"> {RDFLIB_TIMEOUT:.0f} s"
    text = f"{latency['seconds'] * 1000:,.0f} ms"
    return text + (f" ({latency['rows']:,} rows)" if rows else "")


def ratios(results: list[dict[str, Any]]) -> str:
    lines = []
    for embedded in (r for r in results if r["store"] == "embedded"):
        anchor = next(
            (r for r in results if r["store"] == "rdflib" and r["articles"] == embedded["articles"]), None
        )
        if anchor is None:
            continue
        query_ratio = statistics.median(
            _seconds(anchor["queries"][n]) / max(embedded["queries"][n]["seconds"], 1e-3)
            for n in embedded["queries"]
            if n in anchor["queries"]
        )
        lines.append(
            f"{embedded['articles']:,} articles — rdflib Dataset / embedded Oxigraph: "
            f"build {anchor['build_seconds'] / embedded['build_seconds']:.2f}×, "
            f"queries {query_ratio:.0f}× (median of the per-query ratios), "
            f"export {anchor['export_seconds'] / embedded['export_seconds']:.1f}×, "
            f"peak RSS {anchor['peak_rss_bytes'] / embedded['peak_rss_bytes']:.1f}×"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="a size (repeatable; default 10000)")
    parser.add_argument("--anchor-limit", type=int, default=10_000, help="run rdflib up to this size")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--child", choices=("embedded", "rdflib"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = args.articles or [10_000]
    if args.child:
        result = run_embedded(sizes[0]) if args.child == "embedded" else run_rdflib(sizes[0])
        print(json.dumps(result))
        return 0
    results = []
    for n in sizes:
        print(f"{n:,} articles: embedded store ...", file=sys.stderr, flush=True)
        results.append(_child("embedded", n))
        if n <= args.anchor_limit:
            print(f"{n:,} articles: rdflib Dataset ...", file=sys.stderr, flush=True)
            results.append(_child("rdflib", n))
    if args.json:
        print(json.dumps({"cpus": os.cpu_count(), "results": results}, indent=2))
    else:
        print(table(results))
        print()
        print(f"named queries: {results[0]['queries_source']}")
        text = ratios(results)
        if text:
            print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
