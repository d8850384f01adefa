"""warta.viz and `warta viz` without a browser: self-contained HTML, embedded data, filters, escaping."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from warta import viz
from warta.build import build_from_paths
from warta.cli import main
from warta.cli_viz import viz as viz_command
from warta.errors import QueryError
from warta.store import GraphStore

XSS_TITLE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
XSS_QUOTE = "<script>alert(1)</script> studi tiru ke Kota Pontianak"
VIS_URLS = (  # in vis-network's licence comments and messages, and the SVG namespace
    "http://www.w3.org/2000/svg",
    "https://github.com/",
    "http://www.apache.org/licenses/",
    "https://visjs.github.io/vis-network/",
)
DATA_BLOCK = re.compile(r'<script type="application/json" id="warta-data">(.*?)</script>', re.DOTALL)


def embedded(html: str) -> dict:
    """The JSON data of a page (exactly one data block)."""
    blocks = DATA_BLOCK.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def without_data_and_vis(html: str) -> str:
    """The page less its JSON data block and the inlined vis-network library (checked on its own)."""
    vis = viz.vis_network_js()
    assert html.count(vis) == 1
    return DATA_BLOCK.sub("", html.replace(vis, ""))


def write_xss_store(folder: Path) -> Path:
    """A store of one visit reported by an article whose title, publisher, URL, venue and evidence are
    hostile (HTML and scripts)."""
    facts = {
        "id": "xss",
        "regions": [
            {"code": "62.02", "name": "Kabupaten Kotawaringin Timur"},
            {"code": "61.71", "name": "x"},
        ],
        "officials": [
            {"name": "Irawati", "role": "Wakil Bupati", "role_class": "deputy_head", "region": "62.02"}
        ],
        "visits": [
            {
                "visitor": ["62.02"],
                "visitor_body": "executive",
                "host": "61.71",
                "date": "2025-04-23",
                "delegation_size": 56,
                "leader": "Irawati",
                "received_by": None,
                "visit_type": "studi tiru",
                "venue": '<b onmouseover="window.__pwned=5">Ruang Rapat</b>',
                "focus_sectors": ["umkm"],
                "mentioned_sectors": [],
                "evidence": {"text": XSS_QUOTE, "start": 0, "end": len(XSS_QUOTE)},
            }
        ],
    }
    article = {
        "id": "xss",
        "title": XSS_TITLE,
        "published": "2025-04-24",
        "source": "<i>Prokopim</i>",
        "url": "javascript:window.__pwned=4",
        "text": "Pemkab Kotawaringin Timur melaksanakan studi tiru ke Pemerintah Kota Pontianak.",
    }
    (folder / "facts.jsonl").write_text(json.dumps(facts) + "\n", encoding="utf-8")
    (folder / "articles.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    path = folder / "store"
    with GraphStore.open(path) as store:
        summary = build_from_paths([folder / "facts.jsonl"], store, articles_path=folder / "articles.jsonl")
    assert summary.errors == []
    return path


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory: pytest.TempPathFactory):
    path = write_xss_store(tmp_path_factory.mktemp("xss"))
    with GraphStore.open(path, read_only=True) as store:
        yield store


# --- expected numbers, counted by independent queries -----------------------------------------------------

VISITS = """
SELECT DISTINCT ?visit ?visitor ?host ?sector ?year ?region WHERE {
  ?visit a warta:Visit ; warta:visitor ?visitor ; warta:host ?host .
  OPTIONAL { ?visit warta:date ?date }
}
"""


def expected_regions_view(store: GraphStore, sector=None, year=None, region=None) -> tuple[int, int, int]:
    """(regions, visitor→host pairs, visits) of the visits passing the filters, counted in Python."""
    rows = store.query(
        "SELECT ?visit ?visitor ?host ?date ?hostp ?visitorp WHERE { ?visit a warta:Visit ; "
        "warta:visitor ?visitor ; warta:host ?host . OPTIONAL { ?visit warta:date ?date } "
        "OPTIONAL { ?host warta:partOf ?hostp } OPTIONAL { ?visitor warta:partOf ?visitorp } }"
    )
    sectors: dict[str, set[str]] = {}
    for row in store.query("SELECT ?visit ?s WHERE { ?visit warta:sector ?s }"):
        sectors.setdefault(row["visit"].value, set()).add(row["s"].value.rsplit("/", 1)[-1])
    visits: dict[str, dict] = {}
    for row in rows:
        visit = visits.setdefault(row["visit"].value, {"pairs": set(), "places": set(), "year": None})
        if row["date"] is not None:
            visit["year"] = int(row["date"].value[:4])
        visit["pairs"].add((row["visitor"].value, row["host"].value))
        for key in ("visitor", "host", "visitorp", "hostp"):
            if row[key] is not None:
                visit["places"].add(row[key].value.rsplit("/", 1)[-1])
    kept = {
        iri: v
        for iri, v in visits.items()
        if (sector is None or sector in sectors.get(iri, set()))
        and (year is None or v["year"] == year)
        and (region is None or region in v["places"])
    }
    pairs = {pair for v in kept.values() for pair in v["pairs"]}
    nodes = {end for pair in pairs for end in pair}
    return len(nodes), len(pairs), len(kept)


def counts(data: dict) -> tuple[int, int, int]:
    return len(data["nodes"]), len(data["edges"]), len(data["visits"])


# --- self-contained HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["regions", "entities"])
def test_page_is_self_contained(dev_store: GraphStore, view: str) -> None:
    html = viz.render_html(viz.graph_data(dev_store, view))
    lowered = html.lower()
    assert "<script src" not in re.sub(r"\s+", " ", lowered)
    assert not re.search(r"<script[^>]*\bsrc\s*=", lowered)
    assert "<link" not in lowered
    assert "@import" not in lowered
    styles = "".join(re.findall(r"<style>(.*?)</style>", html, re.DOTALL))
    assert styles and "url(" not in styles and "@font-face" not in styles
    assert "sourcemappingurl" not in lowered
    # outside the data (article links) and vis-network's licence comments, no URL at all
    rest = without_data_and_vis(html)
    assert "http://" not in rest and "https://" not in rest
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", lowered)
    # vis-network is inlined as pyvis ships it: its only URLs are licence notes and the SVG namespace
    vis_urls = set(re.findall(r"https?://[^\s\"')]+", viz.vis_network_js()))
    assert all(
        u.startswith(VIS_URLS) or u in ("http://almende.com", "http://opensource.org/licenses/MIT")
        for u in vis_urls
    ), vis_urls
    # a Content-Security-Policy forbids any other script and every request
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1)
    assert "connect-src 'none'" in policy.group(1)
    assert "'unsafe-eval'" not in policy.group(1)
    assert len(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", policy.group(1))) == 2
    assert rest.count("<script>") == 2  # vis-network and the page's own script, both hashed


def test_script_hashes_match_the_inline_scripts(dev_store: GraphStore) -> None:
    import base64
    import hashlib

    html = viz.render_html(viz.graph_data(dev_store, "regions"))
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    policy = re.search(r"script-src ([^;]+);", html).group(1)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in policy


def test_markers_in_article_text_are_not_replaced() -> None:
    data = {"meta": {"title": "__WARTA_DATA__ __WARTA_VIS__ __WARTA_CSP__"}, "nodes": [], "edges": []}
    html = viz.render_html(data)
    assert embedded(html)["meta"]["title"] == "__WARTA_DATA__ __WARTA_VIS__ __WARTA_CSP__"
    assert html.count(viz.vis_network_js()) == 1


# --- the data ---------------------------------------------------------------------------------------------


def test_regions_view_of_the_dev_store(dev_store: GraphStore) -> None:
    data = embedded(viz.render_html(viz.graph_data(dev_store, "regions")))
    assert counts(data) == expected_regions_view(dev_store)
    assert len(data["visits"]) == 21
    assert {e["kind"] for e in data["edges"]} == {"visits"}
    assert sum(e["value"] for e in data["edges"]) >= len(data["visits"])
    node_ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in node_ids and e["to"] in node_ids for e in data["edges"])
    assert all(n["kind"] == "region" and n["group"] in data["provinces"] for n in data["nodes"])
    assert data["meta"]["view"] == "regions" and data["meta"]["layout"] == "geo"
    assert data["meta"]["physics"] is False
    assert {entry["group"] for entry in data["legend"]} == {"province", "sector"}
    # the seed visit, with its facts for the tooltip
    seed = next(v for v in data["visits"].values() if v["date"] == "2025-04-23")
    assert seed["visitors"] == ["region/62.02"] and seed["host"] == "region/61.71"
    assert seed["size"] == 56 and seed["type"] == "studi tiru"
    assert [p["name"] for p in seed["ledBy"]] == ["Irawati"]
    assert [p["name"] for p in seed["receivedBy"]] == ["Bahasan"]
    assert "umkm" in seed["sectors"]
    assert seed["evidence"] and seed["evidence"][0]["article"] in data["articles"]
    assert data["articles"][seed["evidence"][0]["article"]]["headline"]
    # node size: how often the region was visited
    hosted = {}
    for v in data["visits"].values():
        hosted[v["host"]] = hosted.get(v["host"], 0) + 1
    assert all(n["value"] == hosted.get(n["id"], 0) for n in data["nodes"])


@pytest.mark.parametrize(
    "filters",
    [
        {"sector": "umkm"},
        {"sector": "pariwisata"},
        {"year": 2024},
        {"year": 2021},
        {"year": 1999},
        {"region": "62.02"},
        {"region": "61.71"},
        {"region": "35"},
        {"sector": "umkm", "year": 2025},
    ],
)
def test_filters(dev_store: GraphStore, filters: dict) -> None:
    data = embedded(viz.render_html(viz.graph_data(dev_store, "regions", filters)))
    assert counts(data) == expected_regions_view(dev_store, **filters)
    everything = viz.graph_data(dev_store, "regions")
    assert len(data["visits"]) <= len(everything["visits"])
    for visit in data["visits"].values():
        if "sector" in filters:
            assert filters["sector"] in visit["sectors"]
        if "year" in filters:
            assert visit["year"] == filters["year"]
    assert data["meta"]["filters"]["sector"] == filters.get("sector")


def test_filters_narrow_the_dev_store(dev_store: GraphStore) -> None:
    everything = len(viz.graph_data(dev_store, "regions")["visits"])
    for filters in ({"sector": "umkm"}, {"year": 2024}, {"region": "62.02"}):
        found = len(viz.graph_data(dev_store, "regions", filters)["visits"])
        assert 0 < found < everything, filters


def test_filter_values_are_bound_not_pasted(dev_store: GraphStore) -> None:
    hostile = '62.02> } ; DROP ALL ; SELECT * { ?s ?p "'
    with pytest.raises(viz.VizError, match="unknown region code"):
        viz.graph_data(dev_store, "regions", {"region": hostile})
    with pytest.raises(viz.VizError, match="unknown sector id"):
        viz.graph_data(dev_store, "regions", {"sector": 'umkm" } #'})
    bound = viz.Filters(region="62.02", sector="umkm", year=2025).bindings()
    assert set(bound) == {"region", "sector", "year"}
    assert "?sector" in viz.SELECT_VISITS and "umkm" not in viz.SELECT_VISITS


def test_entities_view(dev_store: GraphStore) -> None:
    data = embedded(viz.render_html(viz.graph_data(dev_store, "entities")))
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds == {"region", "official", "visit", "sector", "article"}
    legend = [entry for entry in data["legend"] if entry["group"] == "kind"]
    assert [entry["key"] for entry in legend] == ["region", "official", "visit", "sector", "article"]
    assert len({entry["shape"] for entry in legend}) == 5 and len({entry["color"] for entry in legend}) == 5
    assert {e["label"] for e in data["edges"]} == set(viz.ENTITY_PROPERTIES)
    assert {e["label"] for e in data["edges"]} == {e["key"] for e in data["legend"] if e["group"] == "edge"}
    visits = data["visits"]
    assert sum(1 for n in data["nodes"] if n["kind"] == "visit") == len(visits) == 21
    expected_edges = sum(
        len(v["visitors"]) + 1 + len(v["ledBy"]) + len(v["receivedBy"]) + len(v["sectors"])
        + len({e["article"] for e in v["evidence"]})
        for v in visits.values()
    )  # fmt: skip
    assert len(data["edges"]) == expected_edges
    node_ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in node_ids and e["to"] in node_ids for e in data["edges"])
    by_id = {n["id"]: n for n in data["nodes"]}
    for edge in data["edges"]:
        source, target = by_id[edge["from"]]["kind"], by_id[edge["to"]]["kind"]
        if edge["label"] == "reports":
            assert (source, target) == ("article", "visit")
        else:
            assert source == "visit"
            assert target == {"visitor": "region", "host": "region", "ledBy": "official",
                              "receivedBy": "official", "sector": "sector"}[edge["label"]]  # fmt: skip
    assert data["meta"]["layout"] == "force" and data["meta"]["physics"] is True


def test_entities_view_filtered(dev_store: GraphStore) -> None:
    data = viz.graph_data(dev_store, "entities", {"sector": "umkm"})
    assert len(data["visits"]) == expected_regions_view(dev_store, sector="umkm")[2]
    assert sum(1 for n in data["nodes"] if n["kind"] == "visit") == len(data["visits"])
    assert any(n["id"] == "sector/umkm" for n in data["nodes"])


def test_construct_query_view(dev_store: GraphStore) -> None:
    query = """
    CONSTRUCT { ?visit a warta:Visit ; warta:visitor ?visitor ; warta:host ?host . }
    WHERE { ?visit warta:visitor ?visitor ; warta:host ?host ; warta:sector ?sector . }
    """
    data = viz.graph_data(dev_store, "entities", {"query": query, "sector": "umkm"})
    assert data["meta"]["view"] == "query"
    nodes, pairs, visits = expected_regions_view(dev_store, sector="umkm")
    assert sum(1 for n in data["nodes"] if n["kind"] == "visit") == visits
    assert sum(1 for n in data["nodes"] if n["kind"] == "region") == nodes
    assert {e["label"] for e in data["edges"]} == {"visitor", "host"}
    assert len(data["visits"]) == visits  # the facts of each visit drawn, for tooltips and page filters
    unfiltered = viz.graph_data(dev_store, "entities", {"query": query})
    assert len(unfiltered["visits"]) > visits
    with pytest.raises(viz.VizError, match=r"does not use \?year"):
        viz.graph_data(dev_store, "entities", {"query": query, "year": 2024})
    described = viz.graph_data(
        dev_store, "entities", {"query": "DESCRIBE <https://w3id.org/warta/id/region/62.02>"}
    )
    region = next(n for n in described["nodes"] if n["id"] == "region/62.02")
    assert region["kind"] == "region" and ["code", "62.02"] in region["facts"]
    with pytest.raises(QueryError, match="CONSTRUCT"):
        viz.graph_data(dev_store, "entities", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    with pytest.raises(QueryError):
        viz.graph_data(dev_store, "entities", {"query": "DELETE WHERE { ?s ?p ?o }"})


def test_unknown_view_and_layout(dev_store: GraphStore) -> None:
    with pytest.raises(viz.VizError, match="unknown view"):
        viz.graph_data(dev_store, "map")
    with pytest.raises(viz.VizError, match="unknown layout"):
        viz.graph_data(dev_store, "regions", layout="circle")
    with pytest.raises(viz.VizError, match="unknown filter"):
        viz.graph_data(dev_store, "regions", {"province": "62"})


# --- layout -----------------------------------------------------------------------------------------------


def test_geo_layout_is_a_map(dev_store: GraphStore) -> None:
    data = viz.graph_data(dev_store, "regions", layout="geo")
    position = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert all(n.get("fixed") for n in data["nodes"])
    # west to east, north to south
    aceh_x, _ = viz.mercator(95.3, 5.5)
    papua_x, _ = viz.mercator(140.7, -2.5)
    assert aceh_x < 0 < papua_x
    _, north = viz.mercator(118, 4)
    _, south = viz.mercator(118, -8)
    assert north < south
    # Kotawaringin Timur (Kalimantan) lies north of Badung (Bali) and west of it
    kotim, badung = position.get("region/62.02"), position.get("region/51.03")
    if kotim and badung:
        assert kotim[1] < badung[1] and kotim[0] < badung[0]
    assert len(set(position.values())) == len(position)  # no two regions on one spot
    assert len(data["backdrop"]) > 500  # every regency and city, drawn faintly behind the map


def test_geo_layout_of_entities_pins_regions(dev_store: GraphStore) -> None:
    data = viz.graph_data(dev_store, "entities", layout="geo")
    assert data["meta"]["physics"] is True
    for node in data["nodes"]:
        assert bool(node.get("fixed")) == (node["kind"] == "region")


def test_force_layout_small_and_large(dev_store: GraphStore) -> None:
    small = viz.graph_data(dev_store, "regions", layout="force")
    assert small["meta"]["physics"] is True and "x" not in small["nodes"][0]
    large = viz.graph_data(dev_store, "entities", layout="force", large=10)
    assert large["meta"]["physics"] is False and large["meta"]["large"] is True
    assert all(isinstance(n["x"], float | int) and isinstance(n["y"], float | int) for n in large["nodes"])
    large_geo = viz.graph_data(dev_store, "entities", layout="geo", large=10)
    assert large_geo["meta"]["physics"] is False
    assert all("x" in n for n in large_geo["nodes"])


def test_cluster_layout_is_fast_and_spreads_nodes() -> None:
    nodes = [{"id": f"n{i}", "group": f"g{i % 38}"} for i in range(5000)]
    edges = [{"from": f"n{i}", "to": f"n{(i * 7919) % 5000}"} for i in range(20000)]
    started = time.perf_counter()
    viz.cluster_layout(nodes, edges)
    assert time.perf_counter() - started < 2.0
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == len(nodes)
    ungrouped = [{"id": f"n{i}", "group": None} for i in range(50)]
    viz.cluster_layout(ungrouped, [{"from": "n0", "to": "n1"}])
    assert len({(n["x"], n["y"]) for n in ungrouped}) == 50


# --- escaping ---------------------------------------------------------------------------------------------


def test_xss_title_is_escaped(xss_store: GraphStore) -> None:
    for view in ("regions", "entities"):
        html = viz.render_html(viz.graph_data(xss_store, view))
        data = embedded(html)
        article = next(iter(data["articles"].values()))
        assert article["headline"] == XSS_TITLE
        assert article["url"] == "javascript:window.__pwned=4"  # kept as data; the page links http(s) only
        raw = DATA_BLOCK.search(html).group(1)
        assert "<" not in raw and ">" not in raw and "&" not in raw
        assert "\\u003cscript\\u003ewindow.__pwned=2\\u003c/script\\u003e" in raw
        assert "\\u003cimg src=x onerror=" in raw
        outside = DATA_BLOCK.sub("", html)
        assert "__pwned" not in outside
        assert "<script>alert" not in outside and "<img" not in outside
        assert html.lower().count("</script") == 3  # data, vis-network, the page's script: none closed early
        visit = next(iter(data["visits"].values()))
        assert visit["evidence"][0]["quote"] == XSS_QUOTE


@given(st.text())
def test_script_json_round_trips_and_cannot_close_the_element(text: str) -> None:
    value = {"s": text + "</script><!--<script>&amp;\u2028\u2029"}
    encoded = viz.script_json(value)
    assert json.loads(encoded) == value
    assert not set("<>&") & set(encoded)
    assert "\u2028" not in encoded and "\u2029" not in encoded


# --- CLI --------------------------------------------------------------------------------------------------


def test_cli_writes_the_page(dev_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "visits.html"
    result = CliRunner().invoke(viz_command, ["-o", str(out), "--store", str(dev_store_path)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    data = embedded(html)
    assert data["meta"]["view"] == "regions" and len(data["visits"]) == 21
    assert "21 edges" in result.output or "edges" in result.output


def test_cli_options(dev_store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "umkm.html"
    args = ["--view", "entities", "--sector", "umkm", "--year", "2025", "--layout", "geo", "-o", str(out)]
    result = runner.invoke(viz_command, [*args, "--store", str(dev_store_path)])
    assert result.exit_code == 0, result.output
    data = embedded(out.read_text(encoding="utf-8"))
    assert data["meta"]["view"] == "entities" and data["meta"]["layout"] == "geo"
    assert data["meta"]["filters"] == {"sector": "umkm", "year": 2025, "region": None, "query": False}
    assert all(v["year"] == 2025 and "umkm" in v["sectors"] for v in data["visits"].values())

    query = tmp_path / "hosts.rq"
    query.write_text("CONSTRUCT { ?v warta:host ?h } WHERE { ?v warta:host ?h ; warta:visitor ?region }")
    out = tmp_path / "query.html"
    result = runner.invoke(
        viz_command,
        ["--query", str(query), "--region", "62.02", "-o", str(out), "--store", str(dev_store_path)],
    )
    assert result.exit_code == 0, result.output
    data = embedded(out.read_text(encoding="utf-8"))
    assert data["meta"]["view"] == "query"
    assert len(data["edges"]) == 1 and data["edges"][0]["label"] == "host"

    result = runner.invoke(
        viz_command, ["--query", str(query), "--view", "regions", "--store", str(dev_store_path)]
    )
    assert result.exit_code == 2 and "--query" in result.output


def test_cli_errors_through_the_group(dev_store_path: Path, tmp_path: Path) -> None:
    # importing warta.cli_viz registers `viz` on the `warta` group, which turns library errors into one line
    out = tmp_path / "x.html"
    result = CliRunner().invoke(
        main, ["viz", "--sector", "nope", "-o", str(out), "--store", str(dev_store_path)]
    )
    assert result.exit_code == 1
    assert "unknown sector id 'nope'" in result.output
    assert not out.exists()
    bad = tmp_path / "bad.rq"
    bad.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p }")
    result = CliRunner().invoke(
        main, ["viz", "--query", str(bad), "-o", str(out), "--store", str(dev_store_path)]
    )
    assert result.exit_code == 2 and "warta:" in result.output


def test_package_data_is_readable() -> None:
    from importlib import resources

    assert "__WARTA_DATA__" in (resources.files("warta") / "viz_page.html.in").read_text(encoding="utf-8")
    assert "JSON.parse" in (resources.files("warta") / "viz_app.js").read_text(encoding="utf-8")
    assert "vis-network" in viz.vis_network_js()[:200]


def test_size_by_pagerank(dev_store: GraphStore) -> None:
    pytest.importorskip("warta.network")
    data = viz.graph_data(dev_store, "regions", size_by="pagerank")
    assert data["meta"]["sizeBy"] == "pagerank"
    scores = {n["id"]: n["score"] for n in data["nodes"]}
    assert abs(sum(scores.values()) - 1.0) < 1e-3
    hosted: dict[str, int] = {}
    for visit in data["visits"].values():
        hosted[visit["host"]] = hosted.get(visit["host"], 0) + 1
    assert max(scores, key=scores.get) == max(hosted, key=hosted.get)  # the most visited region leads
    with pytest.raises(viz.VizError, match="unknown node size"):
        viz.graph_data(dev_store, "regions", size_by="degree")


def test_bench_synthetic_graph_renders() -> None:
    import sys

    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:  # bench/ is not an installed package
        sys.path.insert(0, root)
    from bench import viz_render

    data = viz_render.synthetic_data(120, 400, seed=3)
    assert len(data["nodes"]) == 120 and len(data["edges"]) == 400 == len(data["visits"])
    assert data == viz_render.synthetic_data(120, 400, seed=3)
    viz.apply_layout(data, "force", large=100)
    assert data["meta"]["physics"] is False and all("x" in n for n in data["nodes"])
    page = embedded(viz.render_html(data))
    assert len(page["edges"]) == 400
