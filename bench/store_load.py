"""How fast can the embedded store take quads at all? The ceiling under `warta build`'s write phase.

    python bench/store_load.py [--quads 1000000] [--named-quads 78] [--union-quads 60]

Loads `--quads` quads, made in memory beforehand (not timed), into a fresh on-disk Oxigraph store with its
bulk loader (`Store.bulk_extend`, what `GraphStore.bulk_replace` uses), once into one named graph and once
into the default graph, then compacts the store (`Store.optimize`, which `bulk_replace` runs after a load).
It prints the wall and CPU time of each, the microseconds per quad, and the build throughput that the
loader alone allows: a warta article is written as about `--named-quads` quads in its named graph and
`--union-quads` new triples in the default graph, the union (the defaults are `bench/scale.py`'s synthetic
articles: 78 triples each, 6.0 million union triples and 13.8 million quads stored for 100k). Nothing of
warta runs here: it measures the storage engine on this machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time

import pyoxigraph as ox


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _quads(n: int, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    """Quads shaped like warta's: ten per subject, twenty predicates, a distinct literal each."""
    predicates = [ox.NamedNode(f"https://w3id.org/warta#p{i}") for i in range(20)]
    return [
        ox.Quad(
            ox.NamedNode(f"https://w3id.org/warta/id/thing/{i // 10}"),
            predicates[i % 20],
            ox.Literal(f"value {i}"),
            graph,
        )
        for i in range(n)
    ]


def load(n: int, graph: ox.NamedNode | ox.DefaultGraph) -> dict[str, float]:
    quads = _quads(n, graph)
    folder = tempfile.mkdtemp(prefix="warta-load-")
    try:
        store = ox.Store(folder)
        started, cpu = time.perf_counter(), _cpu()
        store.bulk_extend(quads)
        loaded, loaded_cpu = time.perf_counter() - started, _cpu() - cpu
        started = time.perf_counter()
        store.optimize()
        optimized = time.perf_counter() - started
        del store
        return {"seconds": loaded, "cpu_seconds": loaded_cpu, "optimize_seconds": optimized}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=1_000_000, help="quads per load (default 1,000,000)")
    parser.add_argument("--named-quads", type=float, default=78, help="named-graph quads an article (78)")
    parser.add_argument("--union-quads", type=float, default=60, help="union triples an article (60)")
    args = parser.parse_args(argv)
    named = load(args.quads, ox.NamedNode("https://w3id.org/warta/id/graph/article/x"))
    union = load(args.quads, ox.DefaultGraph())
    for label, found in (("named graph", named), ("default graph", union)):
        micro = found["seconds"] / args.quads * 1e6
        print(
            f"{label:14} {args.quads:,} quads: {found['seconds']:.1f} s wall, "
            f"{found['cpu_seconds']:.1f} s CPU, {micro:.1f} µs a quad; "
            f"optimize {found['optimize_seconds']:.1f} s"
        )
    per_article = (args.named_quads * named["seconds"] + args.union_quads * union["seconds"]) / args.quads
    print(
        f"loader alone, {args.named_quads:.0f} + {args.union_quads:.0f} quads an article: "
        f"{per_article * 1e3:.2f} ms an article, at most {1 / per_article:,.0f} articles/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
