"""warta.network (the region graph and its statistics) and `warta stats`, on a hand-made store and the dev
store."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from warta import network
from warta.build import build
from warta.cli import main
from warta.cli_stats import stats
from warta.facts import ArticleFacts, Visit
from warta.sparql import run_query
from warta.store import GraphStore

# Banyumas and Kebumen (Jawa Tengah, 33) visit Badung (Bali, 51), Kebumen twice; Badung visits Malang
# (Jawa Timur, 35) and Pontianak (Kalimantan Barat, 61); Banyumas and Kebumen also visit Kota Semarang (33)
# together.
A, B, C, D, E, F = "33.02", "33.05", "51.03", "35.73", "61.71", "33.74"


def _visit(visitors: list[str], host: str, date: str, focus=(), mentioned=()) -> Visit:
    return Visit(
        visitor=visitors,
        host=host,
        date=date,
        focus_sectors=list(focus),
        mentioned_sectors=list(mentioned),
    )


FACTS = [
    ArticleFacts("a1", visits=[_visit([A], C, "2024-03-01", ["umkm"], ["pariwisata"])]),
    ArticleFacts("a2", visits=[_visit([B], C, "2024-05-10", ["pariwisata"])]),
    ArticleFacts("a3", visits=[_visit([B], C, "2025-01-20", ["pariwisata", "umkm"])]),
    ArticleFacts(
        "a4",
        visits=[_visit([C], D, "2025-02-02", ["lingkungan"]), _visit([C], E, "2025-03-03", ["umkm"])],
    ),
    ArticleFacts("a5", visits=[_visit([A, B], F, "2023-07-07")]),  # a joint visit
    ArticleFacts("a6", visits=[_visit([A], C, "2024-03-01", ["umkm"])]),  # a1's visit, reported again
]


@pytest.fixture(scope="module")
def small_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("network") / "store"
    with GraphStore.open(path) as store:
        summary = build(FACTS, store)
    assert summary.errors == []
    return path


@pytest.fixture(scope="module")
def small_store(small_store_path: Path):
    store = GraphStore.open(small_store_path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def small_graph(small_store: GraphStore) -> nx.DiGraph:
    return network.region_graph(small_store)


@pytest.fixture(scope="module")
def small_stats(small_graph: nx.DiGraph) -> dict:
    return network.statistics(small_graph)


def _codes(rows: list[dict]) -> list[str]:
    return [row["code"] for row in rows]


# --- the graph --------------------------------------------------------------------------------------------


def test_graph_nodes_and_edges(small_graph: nx.DiGraph) -> None:
    assert sorted(small_graph) == sorted([A, B, C, D, E, F])
    weights = {(u, v): w for u, v, w in small_graph.edges(data="weight")}
    assert weights == {(A, C): 1, (B, C): 2, (C, D): 1, (C, E): 1, (A, F): 1, (B, F): 1}
    badung = small_graph.nodes[C]
    assert badung["name"] == "Kabupaten Badung"
    assert (badung["kind"], badung["province"], badung["province_name"]) == ("regency", "51", "Bali")
    assert isinstance(badung["lat"], float) and isinstance(badung["lon"], float)
    assert small_graph.nodes[E]["kind"] == "city"


def test_edge_attributes(small_graph: nx.DiGraph) -> None:
    edge = small_graph.edges[B, C]
    assert edge["years"] == [2024, 2025]
    assert edge["sectors"] == ["pariwisata", "umkm"]
    assert len(edge["visits"]) == 2 and edge["visits"] == sorted(edge["visits"])
    assert all(iri.startswith("https://w3id.org/warta/id/visit/") for iri in edge["visits"])
    # The joint visit is one visit, on both visitors' edges.
    assert small_graph.edges[A, F]["visits"] == small_graph.edges[B, F]["visits"]
    assert small_graph.edges[A, F]["sectors"] == []


def test_graph_visits(small_graph: nx.DiGraph) -> None:
    visits = small_graph.graph["visits"]
    assert len(visits) == 6  # a6 reports a1's visit again: one visit
    joint = next(r for r in visits.values() if r["host"] == F)
    assert joint["visitors"] == [A, B] and joint["date"] == "2023-07-07"
    first = next(r for r in visits.values() if r["visitors"] == [A] and r["host"] == C)
    assert (first["sectors"], first["mentioned"]) == (["umkm"], ["pariwisata"])
    assert small_graph.graph["sector_labels"]["umkm"]["en"] == "Micro, small and medium enterprises"


# --- statistics -------------------------------------------------------------------------------------------


def test_counts(small_stats: dict) -> None:
    assert small_stats["counts"] == {
        "regions": 6,
        "visitors": 3,
        "hosts": 4,
        "visits": 6,
        "pairs": 6,
        "provinces": 4,
    }
    assert small_stats["filters"] == {"sector": None, "year": None}


def test_hosts_and_visitors(small_stats: dict) -> None:
    hosts = {row["code"]: row for row in small_stats["hosts"]}
    assert _codes(small_stats["hosts"]) == [C, F, D, E]  # F, D, E have one visit each; F two visitors
    assert (hosts[C]["visits"], hosts[C]["visitors"], hosts[C]["in_degree"]) == (3, 2, 3)
    assert (hosts[F]["visits"], hosts[F]["visitors"], hosts[F]["in_degree"]) == (1, 2, 2)
    assert hosts[C]["name"] == "Kabupaten Badung" and hosts[C]["province"] == "Bali"
    visitors = {row["code"]: row for row in small_stats["visitors"]}
    assert _codes(small_stats["visitors"]) == [B, A, C]  # A and C tie on 2 visits: by code
    assert (visitors[B]["visits"], visitors[B]["hosts"], visitors[B]["out_degree"]) == (3, 2, 3)
    assert (visitors[A]["visits"], visitors[C]["visits"]) == (2, 2)


def test_pagerank(small_graph: nx.DiGraph, small_stats: dict) -> None:
    ranks = network.pagerank(small_graph)
    assert _codes(small_stats["pagerank"])[0] == C
    assert ranks[C] > ranks[D] > ranks[F] > ranks[A]
    assert (ranks[D], ranks[A]) == pytest.approx((ranks[E], ranks[B]))
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert small_stats["pagerank"][0]["pagerank"] == round(ranks[C], 6)


def test_pagerank_and_hits_match_networkx(small_graph: nx.DiGraph) -> None:
    """The same definitions as networkx's pagerank and hits (its pure-Python versions, when it has them:
    the public ones need SciPy)."""
    from networkx.algorithms.link_analysis import hits_alg, pagerank_alg

    reference_pagerank = getattr(pagerank_alg, "_pagerank_python", None)
    reference_hits = getattr(hits_alg, "_hits_python", None)
    if reference_pagerank is None or reference_hits is None:
        pytest.skip("this networkx has no pure-Python pagerank/hits")
    expected = reference_pagerank(small_graph, tol=1e-12, max_iter=1000)
    assert network.pagerank(small_graph) == pytest.approx(expected, abs=1e-8)
    hubs, authorities = network.hits(small_graph)
    expected_hubs, expected_authorities = reference_hits(small_graph, tol=1e-12, max_iter=1000)
    assert hubs == pytest.approx(expected_hubs, abs=1e-8)
    assert authorities == pytest.approx(expected_authorities, abs=1e-8)


def test_pagerank_flows_through_a_single_out_edge() -> None:
    """A host whose only visit goes to one region passes its rank on: that region ranks above it."""
    graph = nx.DiGraph()
    graph.add_weighted_edges_from([("a", "c", 1), ("b", "c", 2), ("c", "d", 1)])
    ranks = network.pagerank(graph)
    assert ranks["d"] > ranks["c"] > ranks["a"]


def test_hits(small_stats: dict) -> None:
    authorities = small_stats["authorities"]
    hubs = small_stats["hubs"]
    assert {row["code"] for row in authorities} == {A, B, C, D, E, F}
    assert _codes(authorities)[:2] == [C, F]  # visited by the busiest visitors
    assert _codes(hubs)[:2] == [B, A]  # visiting both of them, Kebumen Badung twice
    assert sum(row["authority"] for row in authorities) == pytest.approx(1.0, abs=1e-5)
    assert sum(row["hub"] for row in hubs) == pytest.approx(1.0, abs=1e-5)


def test_communities_are_deterministic(small_graph: nx.DiGraph, small_stats: dict) -> None:
    groups = network.communities(small_graph)
    assert sorted(code for group in groups for code in group) == sorted(small_graph)
    assert groups == network.communities(small_graph)
    shuffled = nx.DiGraph()
    shuffled.graph.update(small_graph.graph)
    shuffled.add_nodes_from(reversed(list(small_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(small_graph.edges(data=True))))
    assert network.communities(shuffled) == groups
    assert network.statistics(shuffled) == small_stats
    rows = small_stats["communities"]
    assert [sorted(row["members"]) for row in rows] == groups
    ranks = network.pagerank(small_graph)
    for row in rows:  # members by PageRank, the leader first
        scores = [ranks[n] for n in row["members"]]
        assert all(x >= y - 1e-12 for x, y in zip(scores, scores[1:], strict=False))
        assert row["leader"] == row["members"][0]
    assert [row["size"] for row in rows] == sorted((row["size"] for row in rows), reverse=True)
    assert all(row["leader"] in row["members"] for row in rows)
    assert -0.5 <= small_stats["modularity"] <= 1.0


def test_province_flows(small_stats: dict) -> None:
    flows = [(row["from_code"], row["to_code"], row["visits"]) for row in small_stats["province_flows"]]
    # The joint visit of two Jawa Tengah regencies to Semarang counts once.
    assert flows == [("33", "51", 3), ("33", "33", 1), ("51", "35", 1), ("51", "61", 1)]
    assert small_stats["province_flows"][0]["from"] == "Jawa Tengah"
    assert small_stats["province_flows"][0]["to"] == "Bali"


def test_sectors(small_stats: dict) -> None:
    sectors = [(row["sector"], row["visits"], row["mentioned"]) for row in small_stats["sectors"]]
    assert sectors == [("umkm", 3, 0), ("pariwisata", 2, 1), ("lingkungan", 1, 0)]
    assert small_stats["sectors"][1]["label"] == "Tourism"


def test_node_scores(small_graph: nx.DiGraph) -> None:
    scores = network.node_scores(small_graph)
    assert list(scores) == sorted(small_graph)
    assert scores[C]["visits_in"] == 3 and scores[C]["visits_out"] == 2
    assert scores[B] | {"pagerank": 0} == {
        "pagerank": 0,
        "visits_in": 0,
        "visits_out": 3,
        "community": scores[B]["community"],
    }
    assert scores[C]["pagerank"] == pytest.approx(network.pagerank(small_graph)[C])
    assert {s["community"] for s in scores.values()} == set(range(len(network.communities(small_graph))))


def test_statistics_is_plain_data(small_stats: dict) -> None:
    assert json.loads(json.dumps(small_stats)) == small_stats


def test_statistics_of_a_hand_built_graph() -> None:
    """A graph made without the store (no visit records): the edges' weights are the visits."""
    graph = nx.DiGraph()
    graph.add_weighted_edges_from([("a", "c", 1), ("b", "c", 2), ("c", "d", 1)])
    data = network.statistics(graph)
    assert data["counts"]["visits"] == 4
    assert [(r["code"], r["visits"]) for r in data["hosts"]] == [("c", 3), ("d", 1)]
    assert data["sectors"] == []


def test_empty_graph(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "store") as store:
        build([], store)
        graph = network.region_graph(store)
    data = network.statistics(graph)
    assert graph.number_of_nodes() == 0
    assert data["counts"]["visits"] == 0 and data["communities"] == [] and data["hosts"] == []
    assert network.node_scores(graph) == {}


# --- filters ----------------------------------------------------------------------------------------------


def test_year_filter(small_store: GraphStore) -> None:
    graph = network.region_graph(small_store, year=2024)
    assert graph.graph["year"] == 2024
    assert {(u, v): w for u, v, w in graph.edges(data="weight")} == {(A, C): 1, (B, C): 1}
    assert len(graph.graph["visits"]) == 2
    assert network.statistics(graph)["filters"] == {"sector": None, "year": 2024}
    assert network.region_graph(small_store, year=1999).number_of_nodes() == 0


def test_sector_filter(small_store: GraphStore) -> None:
    graph = network.region_graph(small_store, sector="umkm")
    assert {(u, v): w for u, v, w in graph.edges(data="weight")} == {(A, C): 1, (B, C): 1, (C, E): 1}
    both = network.region_graph(small_store, sector="umkm", year=2025)
    assert sorted(both.edges) == [(B, C), (C, E)]
    # "mentioned" is not "about": a1's visit mentions tourism only in passing.
    tourism = network.region_graph(small_store, sector="pariwisata")
    assert sorted(tourism.edges) == [(B, C)]


def test_bad_filters(small_store: GraphStore) -> None:
    with pytest.raises(network.NetworkError, match="unknown sector 'umkn'"):
        network.region_graph(small_store, sector="umkn")
    with pytest.raises(network.NetworkError, match="not a year"):
        network.region_graph(small_store, year=20245)


# --- the dev store ----------------------------------------------------------------------------------------


def test_dev_store_numbers_are_consistent(dev_store: GraphStore) -> None:
    graph = network.region_graph(dev_store)
    data = network.statistics(graph)
    count = run_query(dev_store, "SELECT (COUNT(DISTINCT ?visit) AS ?n) WHERE { ?visit a warta:Visit }")
    assert data["counts"]["visits"] == count.records()[0]["n"] > 0
    assert sum(row["visits"] for row in data["hosts"]) == data["counts"]["visits"]
    assert sum(row["visits"] for row in data["province_flows"]) >= data["counts"]["visits"]
    pairs = run_query(
        dev_store,
        "SELECT (COUNT(*) AS ?n) WHERE { "
        "SELECT DISTINCT ?v ?h WHERE { ?x warta:visitor ?v ; warta:host ?h } }",
    )
    assert data["counts"]["pairs"] == pairs.records()[0]["n"]
    hosts = run_query(
        dev_store,
        "SELECT ?code (COUNT(DISTINCT ?visit) AS ?n) WHERE { ?visit warta:host/warta:code ?code } "
        "GROUP BY ?code ORDER BY DESC(?n) ?code",
    )
    assert [(row["code"], row["visits"]) for row in data["hosts"]] == [
        (r["code"], r["n"]) for r in hosts.records()
    ]
    assert data["pagerank"][0]["code"] == data["hosts"][0]["code"] == "51.03"  # Badung
    umkm = run_query(
        dev_store,
        "SELECT (COUNT(DISTINCT ?visit) AS ?n) WHERE { ?visit warta:sector ?s . ?s skos:notation 'umkm' }",
    )
    by_sector = {row["sector"]: row["visits"] for row in data["sectors"]}
    assert by_sector["umkm"] == umkm.records()[0]["n"]
    assert len(network.region_graph(dev_store, sector="umkm").graph["visits"]) == by_sector["umkm"]


# --- warta stats ------------------------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_stats_prints_tables(runner: CliRunner, small_store_path: Path) -> None:
    result = runner.invoke(stats, ["--store", str(small_store_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in (
        "Counts",
        "Most visited hosts",
        "Most active visitors",
        "PageRank",
        "HITS authorities",
        "HITS hubs",
        "Communities",
        "Sectors",
        "Flows between provinces",
    ):
        assert f"\n{title}" in "\n" + out, title
    hosts = out.split("Most visited hosts")[1].split("\n\n")[0].splitlines()
    assert hosts[1].split() == ["code", "host", "province", "visits", "visitors"]
    assert set(hosts[2]) <= {"─", " "}
    assert hosts[3].split() == [C, "Kabupaten", "Badung", "Bali", "3", "2"]
    assert "visits      6" in out


def test_stats_top(runner: CliRunner, small_store_path: Path) -> None:
    result = runner.invoke(stats, ["--store", str(small_store_path), "--top", "1"])
    assert result.exit_code == 0, result.output
    assert "Most visited hosts, first 1 of 4" in result.stdout
    hosts = result.stdout.split("Most visited hosts")[1].split("\n\n")[0].splitlines()
    assert len(hosts) == 4  # title, header, rule, one row


def test_stats_json(runner: CliRunner, small_store_path: Path) -> None:
    result = runner.invoke(stats, ["--store", str(small_store_path), "--format", "json", "--top", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["visits"] == 6
    assert _codes(data["hosts"]) == [C, F]
    assert len(data["pagerank"]) == 2 and data["pagerank"][0]["code"] == C
    full = network.statistics(network.region_graph(GraphStore.open(small_store_path, read_only=True)))
    assert data["sectors"] == full["sectors"][:2]


def test_stats_filters(runner: CliRunner, small_store_path: Path) -> None:
    args = ["--store", str(small_store_path), "--format", "json"]
    by_year = json.loads(runner.invoke(stats, [*args, "--year", "2024"]).stdout)
    assert by_year["filters"] == {"sector": None, "year": 2024}
    assert by_year["counts"]["visits"] == 2
    by_sector = json.loads(runner.invoke(stats, [*args, "--sector", "umkm", "--year", "2025"]).stdout)
    assert by_sector["counts"]["visits"] == 2
    assert by_sector["filters"] == {"sector": "umkm", "year": 2025}
    table = runner.invoke(stats, ["--store", str(small_store_path), "--sector", "umkm"]).stdout
    assert "sector      umkm" in table


def test_stats_bad_options(runner: CliRunner, small_store_path: Path) -> None:
    bad_sector = runner.invoke(stats, ["--store", str(small_store_path), "--sector", "umkn"])
    assert bad_sector.exit_code == 2
    assert "unknown sector 'umkn'; did you mean umkm?" in bad_sector.output
    bad_year = runner.invoke(stats, ["--store", str(small_store_path), "--year", "99"])
    assert bad_year.exit_code == 2


def test_stats_on_the_warta_group(runner: CliRunner, dev_store_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["stats", "--store", str(dev_store_path), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Kabupaten Badung" in result.stdout
    missing = runner.invoke(main, ["stats", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("warta: no store at")


def test_stats_help_has_examples(runner: CliRunner) -> None:
    result = runner.invoke(stats, ["--help"])
    assert result.exit_code == 0
    examples = result.stdout.split("Examples:", 1)[1]
    assert "warta stats --sector umkm" in examples
    for option in ("--store", "--format", "--top", "--sector", "--year"):
        assert option in result.stdout
