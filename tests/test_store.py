"""The graph store (replace, query, bindings, dump, open errors) and the read-only SPARQL layer over it."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from warta import namespaces as ns
from warta.errors import QueryError, StoreError
from warta.namespaces import RDF, RDFS
from warta.sparql import READ_ONLY, display_width, format_result, is_update, run_query
from warta.store import GraphStore, open_store

G1 = URIRef("https://example.org/graph/1")
G2 = URIRef("https://example.org/graph/2")
A = URIRef("https://example.org/a")
B = URIRef("https://example.org/b")
HOSTILE = '"x" } ; DROP ALL ; #'


def _triples(label: str, subject: URIRef = A) -> list[tuple]:
    return [(subject, RDF.type, ns.Visit), (subject, RDFS.label, Literal(label))]


@pytest.fixture
def store(tmp_path: Path):
    with GraphStore.open(tmp_path / "store") as opened:
        opened.replace_graphs({G1: _triples("one"), G2: _triples("two", B)})
        yield opened


def _quads(store: GraphStore) -> set[bytes]:
    return set(store.dump("nquads").splitlines())


def _labels(store: GraphStore) -> set[str]:
    result = run_query(store, "SELECT ?l WHERE { ?s rdfs:label ?l }")
    return {row["l"] for row in result.records()}


def test_replace_graphs_replaces_and_removes(store: GraphStore) -> None:
    assert store.graph_names() == [str(G1), str(G2)]
    assert store.count() == 4
    store.replace_graphs({G1: _triples("uno")})
    assert _labels(store) == {"uno", "two"}
    store.replace_graphs({}, remove=[G2])
    assert store.graph_names() == [str(G1)]
    assert _labels(store) == {"uno"}


def test_replace_graphs_keeps_special_characters(store: GraphStore) -> None:
    text = 'kutipan "tanda petik" \\ baris\nbaru — 東京 ✓'
    store.replace_graphs({G1: [(A, RDFS.label, Literal(text, lang="id")), (A, ns.quote, Literal(HOSTILE))]})
    graph = Graph()
    for triple in store.triples(G1):
        graph.add(triple)
    assert graph.value(A, RDFS.label) == Literal(text, lang="id")
    assert graph.value(A, ns.quote) == Literal(HOSTILE)


_GRAPHS = [URIRef(f"https://example.org/graph/{i}") for i in range(3)]
_POOL = [(URIRef(f"https://example.org/s{i % 3}"), RDFS.label, Literal(f"v{i}")) for i in range(5)]
_OPERATIONS = st.lists(
    st.tuples(
        st.dictionaries(st.sampled_from(_GRAPHS), st.lists(st.sampled_from(_POOL), max_size=4), max_size=3),
        st.lists(st.sampled_from(_GRAPHS), max_size=2),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(_OPERATIONS)
def test_default_graph_is_the_union_of_the_named_graphs(operations) -> None:
    store = GraphStore.memory()
    expected: dict[URIRef, set] = {}
    for graphs, remove in operations:
        store.replace_graphs(graphs, remove=[g for g in remove if g not in graphs])
        for graph, triples in graphs.items():
            expected[graph] = set(triples)
        for graph in remove:
            if graph not in graphs:
                expected.pop(graph, None)
    for graph in _GRAPHS:
        assert set(store.triples(graph)) == expected.get(graph, set())
    assert set(store.triples()) == set().union(*expected.values())
    count = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records()[0]["n"]
    assert count == store.count() == len(set().union(*expected.values()))


def test_failed_replace_leaves_store_unchanged(store: GraphStore) -> None:
    before = _quads(store)
    with pytest.raises(ValueError):
        store.replace_graphs({G1: _triples("new"), G2: [(URIRef("not an iri"), RDF.type, ns.Visit)]})
    assert _quads(store) == before


def test_update_syntax_error_inside_oxigraph_is_atomic(store: GraphStore) -> None:
    before = _quads(store)
    with pytest.raises(SyntaxError):
        store.oxigraph.update(f"DROP SILENT GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G2}> {{ <a> }} }}")
    assert _quads(store) == before


def test_hostile_bindings_are_terms_not_text(store: GraphStore) -> None:
    before = _quads(store)
    for value in (HOSTILE, Literal(HOSTILE), 'one" } . ?s ?p ?o . #'):
        result = run_query(
            store, "SELECT ?s ?label WHERE { ?s rdfs:label ?label }", bindings={"label": value}
        )
        assert result.rows == []
    assert _quads(store) == before
    found = run_query(store, "SELECT * WHERE { ?s rdfs:label ?label }", bindings={"?label": "one"})
    assert [row["s"] for row in found.records()] == [str(A)]
    with pytest.raises(QueryError, match="projection"):
        run_query(store, "SELECT ?s WHERE { ?s rdfs:label ?label }", bindings={"label": "one"})
    typed = run_query(store, "ASK { ?s a ?class }", bindings={"class": ns.Visit})
    assert typed.boolean is True


def test_dump_union_and_dataset(store: GraphStore) -> None:
    store.replace_graphs({G2: _triples("one")})  # the same triples in both graphs
    union = Graph().parse(data=store.dump("turtle"), format="turtle")
    assert len(union) == 2
    assert store.count() == 2 and store.count(G1) == store.count(G2) == 2
    assert run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").records() == [{"n": 2}]
    assert isomorphic(union, Graph().parse(data=store.dump("ntriples"), format="nt"))
    assert isomorphic(union, Graph().parse(data=store.dump("jsonld"), format="json-ld"))
    quads = list(ox.parse(store.dump("trig"), format=ox.RdfFormat.TRIG))
    assert {q.graph_name.value for q in quads} == {str(G1), str(G2)}
    with pytest.raises(StoreError, match="unknown format"):
        store.dump("rdfxml")


def test_blank_nodes_survive(store: GraphStore) -> None:
    node = BNode()
    store.replace_graphs({G1: [(A, ns.quote, node), (node, RDFS.label, Literal("b"))]})
    graph = Graph()
    for triple in store.triples(G1):
        graph.add(triple)
    (obj,) = graph.objects(A, ns.quote)
    assert isinstance(obj, BNode) and graph.value(obj, RDFS.label) == Literal("b")


def test_as_stored_matches_what_the_store_returns(store: GraphStore) -> None:
    triples = [
        (A, ns.delegationSize, Literal("56", datatype=ns.XSD.positiveInteger)),
        (A, ns.venue, Literal("Aula", lang="ID")),
    ]
    store.replace_graphs({G1: triples})
    assert set(store.as_stored(triples)) == set(store.triples(G1))


def test_open_errors(tmp_path: Path, store: GraphStore) -> None:
    with pytest.raises(StoreError, match="no store at"):
        GraphStore.open(tmp_path / "missing", read_only=True)
    with pytest.raises(StoreError, match="in use by another writer"):
        GraphStore.open(store.path)  # the fixture holds the lock


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    # A read-only store is opened when no writer holds the folder: Oxigraph does not support a reader
    # beside a writer of the same folder.
    with open_store(tmp_path / "s") as writer:
        writer.replace_graphs({G1: _triples("x")})
        expected = writer.count()
    reader = GraphStore.open(tmp_path / "s", read_only=True)
    try:
        assert reader.count() == expected
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_graphs({G1: _triples("y")})
    finally:
        reader.close()


def test_closed_store_refuses(tmp_path: Path) -> None:
    opened = GraphStore.open(tmp_path / "s")
    opened.close()
    with pytest.raises(StoreError, match="closed"):
        opened.count()


# --- the SPARQL layer -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DROP ALL",
        "PREFIX x: <http://x#>\n# a comment\nCLEAR GRAPH <http://g>",
        "delete where { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "INSERT DATA { oops",
    ],
)
def test_updates_are_refused(store: GraphStore, update: str) -> None:
    before = _quads(store)
    assert is_update(update)
    with pytest.raises(QueryError, match=READ_ONLY):
        run_query(store, update)
    assert _quads(store) == before


def test_syntax_errors_give_line_and_column(store: GraphStore) -> None:
    with pytest.raises(QueryError, match=r"^line 2, column \d+: ") as caught:
        run_query(store, "SELECT ?s\nWHERE { ?s ?p }")
    assert caught.value.exit_code == 2
    assert "\n" not in str(caught.value)
    with pytest.raises(QueryError, match="unknown prefix"):
        run_query(store, "SELECT * WHERE { ?s a nope:Thing }")
    assert not is_update("SELECT ?s WHERE { ?s ?p }")


def test_query_kinds_and_limit(store: GraphStore) -> None:
    select = run_query(store, "SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l", limit=1)
    assert select.kind == "select" and select.variables == ["s", "l"]
    assert select.records() == [{"s": str(A), "l": "one"}] and select.truncated
    ask = run_query(store, "ASK { ?s a warta:Visit }")
    assert ask.kind == "ask" and ask.boolean is True
    graph = run_query(store, "CONSTRUCT WHERE { ?s a warta:Visit }")
    assert graph.kind == "graph" and len(graph.triples) == 2 and not graph.truncated


def test_python_values(store: GraphStore) -> None:
    result = run_query(
        store,
        "SELECT ?n ?d ?x ?b ?day ?s WHERE { VALUES (?n ?d ?x ?b ?day ?s) "
        '{ (56 1.5 "2.5"^^xsd:double true "2025-04-23"^^xsd:date "teks"@id) } }',
    )
    (row,) = result.records()
    assert row["n"] == 56 and str(row["d"]) == "1.5" and row["x"] == 2.5 and row["b"] is True
    assert row["day"].isoformat() == "2025-04-23" and row["s"] == "teks"


def test_formats(store: GraphStore) -> None:
    result = run_query(
        store, "SELECT ?s ?l ?none WHERE { ?s rdfs:label ?l OPTIONAL { ?s rdfs:comment ?none } } ORDER BY ?l"
    )
    table = format_result(result, "table").splitlines()
    assert table[0].split() == ["s", "l", "none"]
    assert table[-1] == "(2 rows)"
    csv_text = format_result(result, "csv")
    assert csv_text.splitlines()[:2] == ["s,l,none", f"{A},one,"]
    tsv_text = format_result(result, "tsv")
    assert tsv_text.splitlines()[:2] == ["?s\t?l\t?none", f'<{A}>\t"one"\t']
    document = json.loads(format_result(result, "json"))
    assert document["head"]["vars"] == ["s", "l", "none"]
    assert document["results"]["bindings"][0] == {
        "s": {"type": "uri", "value": str(A)},
        "l": {"type": "literal", "value": "one"},
    }
    assert json.loads(format_result(run_query(store, "ASK {}"), "json")) == {"head": {}, "boolean": True}
    with pytest.raises(QueryError, match="CONSTRUCT"):
        format_result(result, "turtle")
    turtle = format_result(run_query(store, "CONSTRUCT WHERE { ?s a warta:Visit }"), "turtle")
    assert len(Graph().parse(data=turtle, format="turtle")) == 2


def test_table_is_aligned_for_wide_characters(store: GraphStore) -> None:
    store.replace_graphs({G1: [(A, RDFS.label, Literal("東京都"))], G2: [(B, RDFS.label, Literal("Kotim"))]})
    result = run_query(store, "SELECT ?l ?s WHERE { ?s rdfs:label ?l } ORDER BY ?s")
    lines = format_result(result, "table").splitlines()
    column = [display_width(line.split("  ")[0]) for line in lines[2:4]]
    assert display_width("東京都") == 6
    starts = [display_width(line[: line.index("http")]) for line in lines[2:4]]
    assert starts[0] == starts[1] and column
    assert "warta:Visit" in format_result(run_query(store, "SELECT ?c WHERE { VALUES ?c { warta:Visit } }"))
