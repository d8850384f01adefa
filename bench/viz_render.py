"""How fast a large `warta viz` page is drawn: 5,000 regions and 20,000 visit edges in headless Chromium.

    python bench/viz_render.py [--nodes 5000] [--edges 20000] [--layout force|geo] [--repeat 3] [--json]
    python bench/viz_render.py --spring      # also time networkx's spring_layout on the same graph

A synthetic regions view is generated directly as viz data (the schema `warta.viz.graph_data` returns: nodes
in 38 provinces, one visit per edge with its facts and an evidence sentence), laid out by
`warta.viz.apply_layout` (above `warta.viz.LARGE` nodes: `cluster_layout` for force, Mercator coordinates
for geo; physics off), written with `warta.viz.render_html`, and opened in headless Chromium (Debian's
/usr/bin/chromium with /usr/bin/chromedriver, through Selenium).

Reported: the Python side (generate, layout, render: seconds, page size), and in the browser, for each of
--repeat fresh loads: seconds from the navigation to the first drawing of the network
(`window.__wartaReadyAt`, set on vis-network's first afterDrawing), wall seconds from `driver.get` until
then, seconds for an in-page sector filter to update and redraw, and seconds from a mouse move onto a node
until its tooltip is shown (the page is interactive).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warta import viz  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
)
SECTORS = ("umkm", "pariwisata", "lingkungan", "pertanian", "pendidikan", "kesehatan", "digital", "sosial")
TYPES = ("studi tiru", "studi banding", "kunjungan kerja", "kunjungan")
PROVINCES = 38
STEPS = ("script_start_s", "parse_s", "datasets_s", "network_s", "first_draw_s")  # in the page, in order


def synthetic_data(nodes: int, edges: int, seed: int = 0) -> dict[str, Any]:
    """A regions view of `nodes` regions (in 38 provinces, with coordinates inside Indonesia) and `edges`
    distinct visitor → host pairs, one visit each, with the facts and evidence a real page carries."""
    rng = random.Random(seed)
    provinces = {f"{p + 11:02d}": f"Provinsi {p + 1}" for p in range(PROVINCES)}
    codes = sorted(provinces)
    centres = {code: (rng.uniform(96, 140), rng.uniform(-9, 5)) for code in codes}
    regions: dict[str, dict[str, Any]] = {}
    node_list = []
    for i in range(nodes):
        province = codes[i % PROVINCES]
        code = f"{province}.{i // PROVINCES + 1:02d}"
        rid = f"region/{code}"
        lon, lat = centres[province]
        regions[rid] = {
            "code": code,
            "name": f"Kabupaten Sintetis {i}",
            "kind": "regency",
            "province": province,
        }
        node_list.append(
            {
                "id": rid,
                "label": f"Sintetis {i}",
                "kind": "region",
                "group": province,
                "lat": lat + rng.gauss(0, 0.8),
                "lon": lon + rng.gauss(0, 1.2),
                "value": 0,
                "v": [],
            }
        )
    # hosts follow a power law (a few regions are visited a lot), as in the real graph
    cumulative, total = [], 0.0
    for rank in range(nodes):
        total += 1.0 / (rank + 1) ** 0.8
        cumulative.append(total)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < edges:
        visitor = rng.randrange(nodes)
        host = rng.choices(range(nodes), cum_weights=cumulative)[0]
        if visitor != host:
            pairs.add((visitor, host))
    visits: dict[str, dict[str, Any]] = {}
    articles: dict[str, dict[str, Any]] = {}
    edge_list = []
    for i, (a, b) in enumerate(sorted(pairs)):
        vid, aid = f"visit/{i:06x}", f"article/a{i}"
        year = rng.choice((2021, 2022, 2023, 2024, 2025))
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        source, target = node_list[a], node_list[b]
        visits[vid] = {
            "iri": f"https://w3id.org/warta/id/{vid}",
            "label": f"{source['label']} → {target['label']}, {date}",
            "date": date,
            "year": year,
            "size": rng.randint(5, 60),
            "type": rng.choice(TYPES),
            "body": "executive",
            "venue": "Ruang Rapat",
            "visitors": [source["id"]],
            "host": target["id"],
            "sectors": rng.sample(SECTORS, rng.randint(1, 2)),
            "mentioned": [],
            "ledBy": [
                {"id": f"official/{a}", "name": f"Pejabat {a}", "role": "Sekda", "region": source["id"]}
            ],
            "receivedBy": [],
            "evidence": [
                {
                    "article": aid,
                    "quote": f"Rombongan {source['label']} melakukan studi tiru ke {target['label']}"
                    " untuk mempelajari pengelolaan UMKM dan pelayanan publik.",
                }
            ],
        }
        articles[aid] = {
            "iri": f"https://w3id.org/warta/id/{aid}",
            "headline": f"Pemkab {source['label']} studi tiru ke {target['label']}",
            "url": f"https://berita.example/{i}",
            "published": date,
            "publisher": "Prokopim",
        }
        edge_list.append(
            {
                "id": f"e{i}",
                "from": source["id"],
                "to": target["id"],
                "kind": "visits",
                "value": 1,
                "v": [vid],
            }
        )
        source["v"].append(vid)
        target["v"].append(vid)
        target["value"] += 1
    sector_ids = sorted(SECTORS)
    data: dict[str, Any] = {
        "nodes": node_list,
        "edges": edge_list,
        "visits": visits,
        "articles": articles,
        "regions": regions,
        "provinces": {
            code: {"name": provinces[code], "color": colour}
            for code, colour in zip(codes, viz.palette(len(codes)), strict=True)
        },
        "sectors": {
            sid: {"label": sid, "en": "", "color": colour}
            for sid, colour in zip(sector_ids, viz.palette(len(sector_ids), 0.7), strict=True)
        },
        "meta": {
            "generator": "bench/viz_render.py",
            "view": "regions",
            "title": f"warta — synthetic {nodes} regions, {edges} edges",
            "sizeBy": "visits",
            "filters": {},
            "years": sorted({v["year"] for v in visits.values()}),
            "sectorsPresent": sector_ids,
            "counts": {"nodes": nodes, "edges": len(edge_list), "visits": len(visits)},
        },
    }
    data["legend"] = viz.legend(data)
    return data


def make_driver(profile: str) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def measure_page(driver: Any, page: Path, timeout: float = 300.0) -> dict[str, float]:
    """One fresh load of `page`: seconds to the first drawing, to a filter update, to a hover tooltip."""
    from selenium.webdriver.common.action_chains import ActionChains

    driver.get("about:blank")
    driver.get_log("browser")
    started = time.perf_counter()
    driver.get(page.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while not driver.execute_script("return window.__wartaReady === true"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the page was not drawn within {timeout} s")
        time.sleep(0.01)
    wall = time.perf_counter() - started
    drawn_ms = driver.execute_script("return window.__wartaReadyAt")
    marks = driver.execute_script("return window.__wartaTimings")
    shown = driver.execute_script("return window.__warta.shown()")
    filter_ms = driver.execute_script(
        "var t = performance.now(); window.__warta.setFilters('umkm', null); window.__warta.network.redraw();"
        "var u = performance.now(); window.__warta.setFilters(null, null); window.__warta.network.redraw();"
        "return u - t;"
    )
    # hover the most visited region: time until the tooltip shows
    target = driver.execute_script(
        "var w = window.__warta, best = null;"
        "w.data.nodes.forEach(function (n) { if (!best || n.value > best.value) { best = n; } });"
        "w.network.focus(best.id, {scale: 1.0});"
        "return best.id;"
    )
    point = driver.execute_script(
        "var n = window.__warta.network, id = arguments[0]; return n.canvasToDOM(n.getPositions([id])[id]);",
        target,
    )
    canvas = driver.find_element("css selector", "#network canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, -size["width"] // 2 + 2, -size["height"] // 2 + 2
    ).perform()
    moved = time.perf_counter()
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(point["x"] - size["width"] / 2), int(point["y"] - size["height"] / 2)
    ).perform()
    while driver.execute_script("return document.getElementById('tooltip').hidden"):
        if time.perf_counter() - moved > 30:
            raise RuntimeError("no tooltip after hovering a node")
        time.sleep(0.005)
    hover = time.perf_counter() - moved
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    if errors:
        raise RuntimeError(f"console errors: {errors[:3]}")
    return {
        "parse_s": (marks["parsed"] - marks["start"]) / 1000.0,
        "datasets_s": (marks["datasets"] - marks["parsed"]) / 1000.0,
        "network_s": (marks["network"] - marks["datasets"]) / 1000.0,
        "first_draw_s": (marks["drawn"] - marks["network"]) / 1000.0,
        "script_start_s": marks["start"] / 1000.0,
        "drawn_s": drawn_ms / 1000.0,
        "wall_s": wall,
        "filter_s": filter_ms / 1000.0,
        "hover_s": hover,
        "nodes_shown": shown["nodes"],
        "edges_shown": shown["edges"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time a large warta viz page in headless Chromium.")
    parser.add_argument("--nodes", type=int, default=5000, help="regions (default 5000)")
    parser.add_argument("--edges", type=int, default=20000, help="visitor → host edges (default 20000)")
    parser.add_argument("--layout", choices=viz.LAYOUTS, default="force", help="default force (precomputed)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh page loads (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--spring", action="store_true", help="also time networkx.spring_layout")
    parser.add_argument("--keep", metavar="FILE", help="keep the page as FILE")
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    args = parser.parse_args(argv)
    if args.nodes < 2 or args.edges < 1 or args.repeat < 1:
        parser.error("--nodes >= 2, --edges >= 1, --repeat >= 1")
    if args.edges > args.nodes * (args.nodes - 1) // 2:
        parser.error("too many edges for that many nodes")

    result: dict[str, Any] = {"nodes": args.nodes, "edges": args.edges, "layout": args.layout}
    started = time.perf_counter()
    data = synthetic_data(args.nodes, args.edges, args.seed)
    result["generate_s"] = time.perf_counter() - started

    regions = {
        n["id"]: {"code": n["id"][7:], "kind": "regency", "lat": n["lat"], "lon": n["lon"]}
        for n in data["nodes"]
    }
    started = time.perf_counter()
    viz.apply_layout(data, args.layout, regions=regions)
    result["layout_s"] = time.perf_counter() - started
    result["physics"] = data["meta"]["physics"]

    if args.spring:
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(n["id"] for n in data["nodes"])
        graph.add_edges_from((e["from"], e["to"]) for e in data["edges"])
        started = time.perf_counter()
        try:
            nx.spring_layout(graph, seed=1)
            result["spring_layout_s"] = time.perf_counter() - started
        except ImportError as error:  # above 500 nodes networkx needs SciPy (not a warta dependency)
            result["spring_layout_s"] = f"not run: {error}"

    started = time.perf_counter()
    html = viz.render_html(data)
    result["render_s"] = time.perf_counter() - started
    result["page_mb"] = len(html.encode("utf-8")) / 1e6

    with tempfile.TemporaryDirectory(prefix="warta-viz-bench-") as folder:
        page = Path(args.keep) if args.keep else Path(folder) / "bench.html"
        page.write_text(html, encoding="utf-8")
        driver = make_driver(str(Path(folder) / "profile"))
        try:
            runs = [measure_page(driver, page) for _ in range(args.repeat)]
        finally:
            driver.quit()
    for key in (*STEPS, "drawn_s", "wall_s", "filter_s", "hover_s"):
        result[key] = statistics.median(run[key] for run in runs)
        result[key + "_all"] = [round(run[key], 3) for run in runs]
    result["nodes_shown"] = runs[-1]["nodes_shown"]
    result["edges_shown"] = runs[-1]["edges_shown"]

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"graph           {args.nodes} nodes, {args.edges} edges, "
        f"layout {args.layout} (physics {result['physics']})"
    )
    print(f"generate        {result['generate_s']:.2f} s")
    print(f"layout          {result['layout_s']:.3f} s")
    if "spring_layout_s" in result:
        spring = result["spring_layout_s"]
        spring = f"{spring:.1f} s" if isinstance(spring, float) else spring
        print(f"spring_layout   {spring} (networkx, for comparison)")
    print(f"render_html     {result['render_s']:.2f} s, {result['page_mb']:.1f} MB")
    print(
        f"drawn           {result['drawn_s']:.2f} s from navigation "
        f"(median of {args.repeat}: {result['drawn_s_all']})"
    )
    print(
        "  of which      "
        + ", ".join(f"{key[:-2].replace('_', ' ')} {result[key]:.2f}" for key in STEPS)
        + " (s; script start = HTML parsed)"
    )
    print(f"load to drawn   {result['wall_s']:.2f} s wall, driver.get to first drawing")
    print(f"filter update   {result['filter_s']:.2f} s (in-page sector filter, with redraw)")
    print(f"hover tooltip   {result['hover_s']:.2f} s (mouse onto a node until its tooltip shows)")
    print(f"shown           {result['nodes_shown']} nodes, {result['edges_shown']} edges")
    return 0


if __name__ == "__main__":
    sys.exit(main())
