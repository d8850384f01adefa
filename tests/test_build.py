"""Building the knowledge graph: the dev gold end to end, idempotence, one-article rebuilds, interrupted
builds, bad input, and validation against the shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import warta.build
from warta import namespaces as ns
from warta.build import build, build_from_paths, is_facts_file, read_articles, read_facts
from warta.facts import ArticleFacts
from warta.gazetteer import Gazetteer
from warta.mapping import article_graph, region_iri
from warta.namespaces import RDF, RDFS
from warta.sparql import run_query
from warta.store import GraphStore
from warta.validate import validate

SEED_VISIT = """
SELECT ?visitor ?visitorName ?host ?hostName ?date ?size ?leader ?receiver
       (GROUP_CONCAT(?sectorId; separator=" ") AS ?sectors)
WHERE {
  ?article dcterms:identifier "seed" ; warta:reports ?visit .
  ?visit warta:visitor ?v ; warta:host ?h ; warta:date ?date ; warta:delegationSize ?size ;
         warta:ledBy/schema:name ?leader ; warta:receivedBy/schema:name ?receiver ;
         warta:sector ?sector .
  ?v warta:code ?visitor ; rdfs:label ?visitorName .
  ?h warta:code ?host ; rdfs:label ?hostName .
  ?sector skos:notation ?sectorId .
}
GROUP BY ?visitor ?visitorName ?host ?hostName ?date ?size ?leader ?receiver
"""


def _quads(store: GraphStore) -> set[bytes]:
    return set(store.dump("nquads").splitlines())


def _graph_quads(store: GraphStore, graph: URIRef) -> set:
    return set(store.triples(graph))


def _gold(dev_gold_path: Path) -> list[ArticleFacts]:
    records, errors = read_facts(dev_gold_path)
    assert errors == []
    return records


@pytest.fixture
def store(tmp_path: Path):
    with GraphStore.open(tmp_path / "store") as opened:
        yield opened


def test_seed_visit(dev_store: GraphStore) -> None:
    result = run_query(dev_store, SEED_VISIT)
    assert len(result.rows) == 1
    (row,) = result.records()
    assert (row["visitor"], row["visitorName"]) == ("62.02", "Kabupaten Kotawaringin Timur")
    assert (row["host"], row["hostName"]) == ("61.71", "Kota Pontianak")
    assert row["date"].isoformat() == "2025-04-23"
    assert row["size"] == 56
    assert (row["leader"], row["receiver"]) == ("Irawati", "Bahasan")
    assert set(row["sectors"].split()) == {"umkm", "sosial", "pertanian", "pemberdayaan"}


def test_dev_gold_counts(dev_store: GraphStore, dev_gold_path: Path) -> None:
    gold = [json.loads(line) for line in dev_gold_path.read_text(encoding="utf-8").splitlines() if line]
    articles = run_query(dev_store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a warta:Article }")
    assert articles.records()[0]["n"] == len(gold) == 16
    graphs = dev_store.graph_names()
    assert {str(article_graph(r["id"])) for r in gold} <= set(graphs)
    assert {str(ns.ONTOLOGY_GRAPH), str(ns.SECTORS_GRAPH), str(ns.REGIONS_GRAPH)} <= set(graphs)
    pairs = run_query(dev_store, "SELECT DISTINCT ?v ?h WHERE { ?x warta:visitor ?v ; warta:host ?h }")
    expected = {(v, visit["host"]) for r in gold for visit in r["visits"] for v in visit["visitor"]}
    assert {(str(region_iri(v)), str(region_iri(h))) for v, h in expected} == {
        (row["v"], row["h"]) for row in pairs.records()
    }
    headline = run_query(dev_store, 'SELECT ?t WHERE { ?a dcterms:identifier "seed" ; schema:headline ?t }')
    assert headline.records() == [{"t": "Pemkab Kotim studi tiru ke Pemkot Pontianak"}]


def test_all_regions_present(dev_store: GraphStore, real_gazetteer: Gazetteer) -> None:
    query = """
        SELECT ?class (COUNT(DISTINCT ?r) AS ?n) WHERE {
          GRAPH ?g { ?r a ?class ; rdfs:label ?label ; skos:prefLabel ?pref ; warta:code ?code ;
                        skos:notation ?code }
          FILTER (?class IN (warta:Province, warta:Regency, warta:City))
        } GROUP BY ?class"""
    counts = {row["class"]: row["n"] for row in run_query(dev_store, query).records()}
    assert counts == {str(ns.Province): 38, str(ns.Regency): 416, str(ns.City): 98}
    assert sum(counts.values()) == len(real_gazetteer) == 552
    unplaced = run_query(
        dev_store,
        "SELECT ?r WHERE { ?r a ?c . FILTER(?c IN (warta:Regency, warta:City)) "
        "FILTER NOT EXISTS { ?r warta:partOf ?p } }",
    )
    assert unplaced.rows == []


def test_build_is_idempotent(
    store: GraphStore, real_gazetteer: Gazetteer, dev_gold_path: Path, dev_articles_path: Path
) -> None:
    articles, errors = read_articles(dev_articles_path)
    assert errors == [] and len(articles) == 16
    first = build(_gold(dev_gold_path), store, real_gazetteer, articles)
    assert (first.articles, first.errors) == (16, [])
    assert first.graphs_written == 16 + 3
    before = _quads(store)
    again = build(_gold(dev_gold_path), store, real_gazetteer, articles)
    assert _quads(store) == before
    assert again.graphs_written == 0
    assert again.triples == first.triples == store.count()


def test_rebuild_replaces_only_the_changed_article(
    store: GraphStore, real_gazetteer: Gazetteer, dev_gold_path: Path
) -> None:
    records = _gold(dev_gold_path)
    build(records, store, real_gazetteer)
    graphs = store.graph_names()
    before = {g: _graph_quads(store, URIRef(g)) for g in graphs}
    changed = next(r for r in records if r.id == "a01")
    changed.visits[0].delegation_size = 12
    summary = build(records, store, real_gazetteer)
    assert summary.graphs_written == 1
    assert store.graph_names() == graphs
    changed_graph = str(article_graph("a01"))
    for graph in graphs:
        same = _graph_quads(store, URIRef(graph)) == before[graph]
        assert same == (graph != changed_graph), graph
    sizes = run_query(
        store, 'SELECT ?n WHERE { ?a dcterms:identifier "a01" ; warta:reports/warta:delegationSize ?n }'
    )
    assert sizes.records() == [{"n": 12}]
    # building one record alone leaves the other articles' graphs in place
    changed.visits[0].delegation_size = None
    build([changed], store, real_gazetteer)
    assert store.graph_names() == graphs
    assert (
        run_query(
            store, 'ASK { ?a dcterms:identifier "a01" ; warta:reports/warta:delegationSize ?n }'
        ).boolean
        is False
    )


@pytest.mark.parametrize("interruption", [RuntimeError("boom"), KeyboardInterrupt()])
def test_interrupted_build_leaves_store_unchanged(
    store: GraphStore, real_gazetteer: Gazetteer, dev_gold_path: Path, monkeypatch, interruption
) -> None:
    records = _gold(dev_gold_path)
    build(records[:5], store, real_gazetteer)
    before = _quads(store)
    real_map = warta.build.map_article
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise interruption
        return real_map(*args, **kwargs)

    monkeypatch.setattr(warta.build, "map_article", failing)
    for record in records:
        for visit in record.visits:
            visit.venue = "changed"
    with pytest.raises(type(interruption)):
        build(records, store, real_gazetteer)
    assert _quads(store) == before


def test_interrupted_write_leaves_store_unchanged(
    store: GraphStore, real_gazetteer: Gazetteer, dev_gold_path: Path, monkeypatch
) -> None:
    records = _gold(dev_gold_path)
    build(records[:5], store, real_gazetteer)
    before = _quads(store)

    def broken_update(self, graphs, remove=()):
        # the whole request, with one bad statement at the end: Oxigraph must reject all of it
        self.oxigraph.update("DROP ALL ; INSERT DATA { <urn:a> <urn:b> }")

    monkeypatch.setattr(GraphStore, "replace_graphs", broken_update)
    with pytest.raises(SyntaxError):
        build(records, store, real_gazetteer)
    assert _quads(store) == before


def test_bad_input_names_file_and_line(store: GraphStore, dev_gold_path: Path, tmp_path: Path) -> None:
    lines = dev_gold_path.read_text(encoding="utf-8").splitlines()[:3]
    bad_region = {"id": "bad-region", "regions": [{"code": "99.99", "name": "Nowhere"}]}
    bad_sector = {
        "id": "bad-sector",
        "visits": [{"visitor": ["62.02"], "host": "61.71", "focus_sectors": ["sihir"]}],
    }
    lines[1:1] = ['{"id": "broken", "regions": [', json.dumps(bad_region)]
    lines += [
        json.dumps(bad_sector),
        '{"id": "x", "officials": [{"name": "A", "role_class": "king"}]}',
        lines[0],
    ]
    facts = tmp_path / "facts.jsonl"
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = build_from_paths([facts], store)
    assert sorted(summary.errors) == sorted(
        [
            f"{facts}:2: malformed JSON: Expecting value (column 30)",
            f"{facts}:3: article 'bad-region': unknown region code 99.99",
            f"{facts}:6: article 'bad-sector': unknown sector id sihir",
            f"{facts}:7: unknown role_class 'king' (one of head, deputy_head, secretary, legislature, "
            "agency_head, staff, other)",
            f"{facts}:8: duplicate id 'seed' (first on line 1)",
        ]
    )
    assert summary.articles == 3
    names = set(store.graph_names())
    assert {str(article_graph(i)) for i in ("seed", "a01", "a03")} <= names
    assert str(article_graph("bad-region")) not in names and str(article_graph("bad-sector")) not in names


def test_same_visit_in_two_facts_files_is_one_visit(
    store: GraphStore, tmp_path: Path, dev_gold_path: Path
) -> None:
    seed = json.loads(dev_gold_path.read_text(encoding="utf-8").splitlines()[0])
    other = {**seed, "id": "seed-copy", "visits": [{**seed["visits"][0], "delegation_size": 50}]}
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text(json.dumps(seed) + "\n", encoding="utf-8")
    second.write_text(json.dumps(other) + "\n", encoding="utf-8")
    summary = build_from_paths([first, second], store)
    assert summary.errors == [] and summary.visits == 1
    result = run_query(
        store,
        "SELECT ?v (COUNT(DISTINCT ?a) AS ?n) "
        "WHERE { ?v a warta:Visit ; prov:wasDerivedFrom ?a } GROUP BY ?v",
    )
    assert [row["n"] for row in result.records()] == [2]
    # a duplicate id across files is reported, not built twice
    summary = build_from_paths([first, first], store)
    assert summary.errors == [f"{first}:1: duplicate id 'seed' (first at {first}:1)"]


def test_reading_files(tmp_path: Path, dev_gold_path: Path, dev_articles_path: Path) -> None:
    assert is_facts_file(dev_gold_path)
    assert not is_facts_file(dev_articles_path)
    assert not is_facts_file(tmp_path)
    missing = tmp_path / "missing.jsonl"
    records, errors = read_facts(missing)
    assert records == [] and len(errors) == 1 and str(errors[0]).startswith(f"{missing}: cannot read")
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        '{"id": "a", "text": "t"}\n\n[1, 2]\n{"id": "a", "text": "again"}\n', encoding="utf-8"
    )
    found, errors = read_articles(articles)
    assert [a.id for a in found] == ["a"]
    assert [str(e) for e in errors] == [
        f"{articles}:3: an article record must be a JSON object",
        f"{articles}:4: duplicate id 'a' (first on line 1)",
    ]


def test_dev_gold_conforms_to_the_shapes(dev_store: GraphStore) -> None:
    report = validate(dev_store)
    assert report.conforms, "\n".join(f"{v['focus']} {v['path']}: {v['message']}" for v in report.violations)
    assert report.violations == []


def test_validation_reports_violations(
    store: GraphStore, real_gazetteer: Gazetteer, dev_gold_path: Path
) -> None:
    build(_gold(dev_gold_path)[:2], store, real_gazetteer)
    visit = URIRef("https://w3id.org/warta/id/visit/broken")
    regency = region_iri("62.02")
    bad = [
        (visit, RDF.type, ns.Visit),
        (visit, ns.host, region_iri("61.71")),
        (visit, ns.host, region_iri("62")),
        (visit, ns.delegationSize, Literal(0)),
        (regency, ns.partOf, region_iri("61")),  # 62.02 is not in province 61
        (regency, RDFS.comment, Literal("x")),
    ]
    store.replace_graphs({URIRef("https://example.org/broken"): bad})
    report = validate(store)
    assert not report.conforms
    messages = {(v["focus"], v["message"]) for v in report.violations}
    focus = f"<{visit}>"
    assert any(f == focus and "exactly one host" in m for f, m in messages)
    assert any(f == focus and "visiting region" in m for f, m in messages)
    assert any(f == focus and "delegation size" in m for f, m in messages)
    assert any(f == f"<{regency}>" and "start with the code of the province" in m for f, m in messages)
    assert all(v["severity"] == "Violation" for v in report.violations)


def test_raw_articles_go_through_the_extractor(store: GraphStore, dev_articles_path: Path) -> None:
    summary = build_from_paths([dev_articles_path], store)
    assert summary.articles == 16
    assert str(article_graph("seed")) in store.graph_names()
    headline = run_query(store, 'SELECT ?t WHERE { ?a dcterms:identifier "seed" ; schema:headline ?t }')
    assert headline.records() == [{"t": "Pemkab Kotim studi tiru ke Pemkot Pontianak"}]
