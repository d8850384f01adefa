"""The mapping from facts to RDF: golden cases, deterministic IRIs, errors, reference graphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from warta import namespaces as ns
from warta.facts import Article, ArticleFacts, Evidence, Official, RegionMention, Visit
from warta.gazetteer import Gazetteer, Region
from warta.mapping import (
    MappingError,
    article_graph,
    article_iri,
    map_article,
    official_iri,
    reference_graphs,
    region_iri,
    slug,
    visit_iri,
)
from warta.namespaces import PROV, RDF, RDFS, SKOS
from warta.store import from_ox

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "facts.json").is_file())
SECTORS = {"umkm", "pariwisata", "sosial", "tata_kelola"}


@pytest.fixture(scope="module")
def small_gazetteer() -> Gazetteer:
    return Gazetteer(
        [
            Region("62", "province", "Kalimantan Tengah", None, aliases=("Kalteng",)),
            Region(
                "62.02", "regency", "Kabupaten Kotawaringin Timur", "62", latitude=-2.5, aliases=("Kotim",)
            ),
            Region("61", "province", "Kalimantan Barat", None),
            Region("61.71", "city", "Kota Pontianak", "61", latitude=-0.02209, longitude=109.34),
            Region("33", "province", "Jawa Tengah", None),
            Region("33.22", "regency", "Kabupaten Semarang", "33"),
            Region("33.74", "city", "Kota Semarang", "33"),
        ]
    )


def _graph(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(tuple(from_ox(term) for term in triple))
    return graph


def _visit(**values) -> Visit:
    return Visit(**{"visitor": ["62.02"], "host": "61.71", "date": "2025-04-23", **values})


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, real_gazetteer: Gazetteer) -> None:
    folder = GOLDEN / case
    facts = ArticleFacts.from_dict(json.loads((folder / "facts.json").read_text(encoding="utf-8")))
    article_file = folder / "article.json"
    article = None
    if article_file.is_file():
        article = Article.from_dict(json.loads(article_file.read_text(encoding="utf-8")))
    actual = _graph(map_article(article, facts, real_gazetteer))
    expected = Graph().parse(folder / "expected.ttl", format="turtle")
    if not isomorphic(actual, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(
            f"{case}: mapping differs from expected.ttl\nmissing:\n{missing.serialize(format='nt')}"
            f"\nextra:\n{extra.serialize(format='nt')}"
        )


def test_golden_cases_exist() -> None:
    assert {"seed", "dateless-multi-visitor", "no-visits"} <= set(CASES)


def test_same_dated_visit_from_two_articles_is_one_visit(small_gazetteer: Gazetteer) -> None:
    first = ArticleFacts("a1", visits=[_visit(delegation_size=56)])
    second = ArticleFacts("a2", visits=[_visit()])
    union = _graph(map_article(None, first, small_gazetteer, SECTORS))
    union += _graph(map_article(None, second, small_gazetteer, SECTORS))
    visits = set(union.subjects(RDF.type, ns.Visit))
    assert len(visits) == 1
    (visit,) = visits
    assert set(union.objects(visit, PROV.wasDerivedFrom)) == {article_iri("a1"), article_iri("a2")}


def test_visit_iri_ignores_visitor_order_but_not_date(small_gazetteer: Gazetteer) -> None:
    a = _visit(visitor=["33.22", "33.74"])
    b = _visit(visitor=["33.74", "33.22"])
    assert visit_iri(a, "x") == visit_iri(b, "y")
    assert visit_iri(a, "x") != visit_iri(_visit(visitor=["33.22", "33.74"], date="2025-04-24"), "x")


def test_dateless_visit_stays_tied_to_its_article() -> None:
    visit = _visit(date=None)
    assert visit_iri(visit, "a1") != visit_iri(visit, "a2")
    assert visit_iri(visit, "a1") == visit_iri(_visit(date=None), "a1")
    # an invalid date counts as no date
    assert visit_iri(_visit(date="2025-02-30"), "a1") == visit_iri(visit, "a1")


def test_invalid_date_and_zero_delegation_are_left_out(small_gazetteer: Gazetteer) -> None:
    facts = ArticleFacts("a", visits=[_visit(date="23/4/2025", delegation_size=0)])
    graph = _graph(map_article(None, facts, small_gazetteer, SECTORS))
    (visit,) = graph.subjects(RDF.type, ns.Visit)
    assert graph.value(visit, ns.date) is None
    assert graph.value(visit, ns.delegationSize) is None
    assert str(graph.value(visit, RDFS.label)) == "Kotawaringin Timur → Pontianak"


def test_leader_is_matched_by_normalised_name(small_gazetteer: Gazetteer) -> None:
    officials = [Official("Hj. Irawati, S.E.", "Wakil Bupati", "deputy_head", "62.02")]
    facts = ArticleFacts("a", officials=officials, visits=[_visit(leader="Irawati", received_by="Bahasan")])
    graph = _graph(map_article(None, facts, small_gazetteer, SECTORS))
    (visit,) = graph.subjects(RDF.type, ns.Visit)
    leader = graph.value(visit, ns.ledBy)
    assert leader == official_iri("Irawati", "62.02")
    assert str(graph.value(leader, ns.role)) == "Wakil Bupati"
    received = graph.value(visit, ns.receivedBy)  # not among the officials: a new official of the host
    assert received == official_iri("Bahasan", "61.71")
    assert graph.value(received, ns.roleClass) == Literal("other")
    assert graph.value(received, ns.officialOf) == region_iri("61.71")
    assert len(set(graph.subjects(RDF.type, ns.Official))) == 2


def test_evidence_gives_a_qualified_derivation(small_gazetteer: Gazetteer) -> None:
    evidence = Evidence("Sebanyak 56 orang ...", 10, 31)
    facts = ArticleFacts("a 1", visits=[_visit(evidence=evidence)])
    graph = _graph(map_article(None, facts, small_gazetteer, SECTORS))
    (visit,) = graph.subjects(RDF.type, ns.Visit)
    derivation = graph.value(visit, PROV.qualifiedDerivation)
    assert derivation == URIRef(f"{visit}/derivation/a%201")
    assert graph.value(derivation, RDF.type) == ns.Derivation
    assert graph.value(derivation, PROV.entity) == article_iri("a 1")
    assert graph.value(derivation, ns.quote) == Literal("Sebanyak 56 orang ...")
    assert graph.value(derivation, ns.startOffset) == Literal("10", datatype=ns.XSD.nonNegativeInteger)
    assert graph.value(derivation, ns.endOffset) == Literal("31", datatype=ns.XSD.nonNegativeInteger)


@pytest.mark.parametrize(
    ("facts", "bad"),
    [
        (ArticleFacts("a", regions=[RegionMention("99.99", "Nowhere")]), "unknown region code 99.99"),
        (ArticleFacts("a", visits=[_visit(host="99.98")]), "unknown region code 99.98"),
        (
            ArticleFacts("a", officials=[Official("X", "Bupati", "head", "12.34")]),
            "unknown region code 12.34",
        ),
        (ArticleFacts("a", visits=[_visit(focus_sectors=["sihir"])]), "unknown sector id sihir"),
        (ArticleFacts("a", visits=[_visit(mentioned_sectors=["umkm", "x"])]), "unknown sector id x"),
    ],
)
def test_unknown_codes_raise_mapping_error(small_gazetteer: Gazetteer, facts: ArticleFacts, bad: str) -> None:
    with pytest.raises(MappingError, match=bad):
        map_article(None, facts, small_gazetteer, SECTORS)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kotimkab.go.id/berita?id=12", URIRef("https://kotimkab.go.id/berita?id=12")),
        ("kotimkab.go.id/berita", Literal("kotimkab.go.id/berita", datatype=ns.XSD.anyURI)),
        ("https://example.com/a b", Literal("https://example.com/a b", datatype=ns.XSD.anyURI)),
    ],
)
def test_article_metadata(small_gazetteer: Gazetteer, url: str, expected) -> None:
    article = Article("a", "text", title="Judul", published="2025-04-24", source="Antara", url=url)
    graph = _graph(map_article(article, ArticleFacts("a"), small_gazetteer, SECTORS))
    iri = article_iri("a")
    assert graph.value(iri, ns.SCHEMA.url) == expected
    assert graph.value(iri, ns.SCHEMA.datePublished) == Literal("2025-04-24", datatype=ns.XSD.date)
    assert graph.value(iri, ns.SCHEMA.headline) == Literal("Judul")
    assert graph.value(iri, RDFS.label) == Literal("Judul")
    assert graph.value(iri, ns.SCHEMA.publisher) == Literal("Antara")


def test_iris_are_quoted_and_slugged() -> None:
    assert article_graph("a/b c") == URIRef(str(ns.ARTICLE_GRAPH) + "a%2Fb%20c")
    assert slug("Ni Putu Ayu Désirée  Wulan") == "ni-putu-ayu-desiree-wulan"
    assert official_iri("Dr. Ir. H. Andi Sudirman Sulaiman, S.T., M.T.", "73") == official_iri(
        "Andi Sudirman Sulaiman", "73"
    )
    assert str(official_iri("Siti", None)).endswith("/official/unknown/siti")


def test_regions_graph_holds_every_region(real_gazetteer: Gazetteer) -> None:
    graphs = reference_graphs(real_gazetteer)
    assert set(graphs) == {ns.ONTOLOGY_GRAPH, ns.SECTORS_GRAPH, ns.REGIONS_GRAPH}
    regions = graphs[ns.REGIONS_GRAPH]
    typed = {s: set(regions.objects(s, RDF.type)) for s in set(regions.subjects(RDF.type, None))}
    assert len(typed) == len(real_gazetteer) == 552
    assert all(len(classes) == 1 for classes in typed.values())  # the most specific class only
    kotim = region_iri("62.02")
    assert typed[kotim] == {ns.Regency}
    assert regions.value(kotim, RDFS.label) == Literal("Kabupaten Kotawaringin Timur", lang="id")
    assert regions.value(kotim, SKOS.prefLabel) == Literal("Kabupaten Kotawaringin Timur", lang="id")
    assert regions.value(kotim, ns.code) == Literal("62.02")
    assert regions.value(kotim, SKOS.notation) == Literal("62.02")
    assert regions.value(kotim, ns.partOf) == region_iri("62")
    assert regions.value(kotim, ns.SCHEMA.latitude).datatype == ns.XSD.decimal
    assert Literal("Kotim", lang="id") in set(regions.objects(kotim, SKOS.altLabel))
    assert typed[region_iri("62")] == {ns.Province}
    assert regions.value(region_iri("62"), ns.partOf) is None
    assert typed[region_iri("61.71")] == {ns.City}
    assert len(graphs[ns.SECTORS_GRAPH]) > 0 and len(graphs[ns.ONTOLOGY_GRAPH]) > 0
