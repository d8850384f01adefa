"""The remote store against a real Oxigraph server (the `oxigraph` package's `oxigraph serve`), and the
store's scale paths (bulk loading into an empty store, chunked updates) on both stores.

Every test that needs a server starts its own on a free loopback port with a temporary folder, waits until
it answers, and stops it afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from warta import namespaces as ns
from warta.build import build, build_from_paths, read_articles, read_facts
from warta.cli import main
from warta.errors import QueryError, StoreError
from warta.mapping import article_graph
from warta.namespaces import RDF, RDFS
from warta.remote import RemoteGraphStore, endpoints, values_clause
from warta.sparql import run_query
from warta.store import GraphStore, open_store, sparql_term, update_requests

HOSTILE = [
    '"x" } ; DROP ALL ; #',
    'one" } . ?s ?p ?o . #',
    "\\u0022 } ; DROP ALL ; #",
    "a\\\\u0022b \\U00000022 ' ''' \"\"\" \n\r\t \x00 \u2028 é 東京",
    "> ) } ] VALUES ?x { 1 } #",
]
QUERIES = [
    "SELECT ?v ?label WHERE { ?v a warta:Visit ; rdfs:label ?label } ORDER BY ?v ?label",
    "SELECT ?host (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v warta:host/rdfs:label ?host } GROUP BY ?host "
    "ORDER BY DESC(?n) ?host",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT ?o ?name WHERE { ?o a warta:Official ; schema:name ?name ; warta:officialOf/warta:code ?c } "
    "ORDER BY ?o ?name",
    'ASK { ?v warta:host/warta:code "61.71" }',
]
SERVER_START_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _oxigraph_command() -> str:
    beside_python = Path(sys.executable).with_name("oxigraph")
    found = str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")
    assert found, "the oxigraph server is not installed: pip install -e '.[test]' (it is in the test extra)"
    return found


@pytest.fixture
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    """A factory: each call starts a fresh Oxigraph server and returns its URL; all are stopped after."""
    started: list[subprocess.Popen] = []

    def start() -> str:
        port = _free_port()
        folder = tmp_path_factory.mktemp("oxigraph")
        log = (folder / "server.log").open("wb")
        process = subprocess.Popen(
            [_oxigraph_command(), "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2) as answer:
                    if answer.status == 200:
                        return url
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph serve did not start: {(folder / 'server.log').read_text()}")
            time.sleep(0.05)

    yield start
    for process in started:
        process.terminate()
    for process in started:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def embedded(tmp_path: Path, dev_gold_path: Path, dev_articles_path: Path) -> Iterator[GraphStore]:
    with GraphStore.open(tmp_path / "embedded") as store:
        summary = build_from_paths([dev_gold_path], store, articles_path=dev_articles_path)
        assert summary.errors == []
        yield store


def _union(store: GraphStore) -> Graph:
    graph = Graph()
    for triple in store.triples():
        graph.add(triple)
    return graph


def _rows(store: GraphStore, query: str, **bindings) -> object:
    result = run_query(store, query, bindings=bindings or None)
    return result.boolean if result.kind == "ask" else (result.variables, result.rows)


# --- the remote store, through the library ----------------------------------------------------------------


def test_build_query_and_rebuild_on_a_server(
    oxigraph_server, embedded: GraphStore, dev_gold_path: Path, dev_articles_path: Path
) -> None:
    url = oxigraph_server()
    with open_store(url) as remote:
        assert isinstance(remote, RemoteGraphStore)
        summary = build_from_paths([dev_gold_path], remote, articles_path=dev_articles_path)
        assert summary.errors == [] and summary.articles == 16
        assert summary.graphs_written == 16 + 3
        assert summary.triples == embedded.count() == remote.count()
        # the union (the default graph) and every named graph are those of the embedded store
        assert remote.graph_names() == embedded.graph_names()
        assert isomorphic(_union(remote), _union(embedded))
        for name in embedded.graph_names():
            assert set(remote.triples(name)) == set(embedded.triples(name)), name
        # queries give the same answers, row for row
        for query in QUERIES:
            assert _rows(remote, query) == _rows(embedded, query), query
        # dumps are the same bytes
        for fmt in ("turtle", "ntriples", "nquads", "trig", "jsonld"):
            assert remote.dump(fmt) == embedded.dump(fmt), fmt
        assert remote.dump("ntriples", graph=article_graph("seed")) == embedded.dump(
            "ntriples", graph=article_graph("seed")
        )
        # building the same input again writes nothing
        again = build_from_paths([dev_gold_path], remote, articles_path=dev_articles_path)
        assert again.graphs_written == 0
        # one changed article: only its graph changes
        records, _ = read_facts(dev_gold_path)
        articles, _ = read_articles(dev_articles_path)
        before = {name: set(remote.triples(name)) for name in remote.graph_names()}
        changed = next(r for r in records if r.id == "a01")
        changed.visits[0].delegation_size = 12
        summary = build(records, remote, articles=articles)
        build(records, embedded, articles=articles)
        assert summary.graphs_written == 1
        for name, triples in before.items():
            assert (set(remote.triples(name)) == triples) == (name != str(article_graph("a01"))), name
        sizes = 'SELECT ?n WHERE { ?a dcterms:identifier "a01" ; warta:reports/warta:delegationSize ?n }'
        assert run_query(remote, sizes).records() == [{"n": 12}]
        assert isomorphic(_union(remote), _union(embedded))
        # removing a graph keeps the union right: triples another graph holds stay
        remote.replace_graphs({}, remove=[article_graph("seed")])
        embedded.replace_graphs({}, remove=[article_graph("seed")])
        assert isomorphic(_union(remote), _union(embedded))
        assert remote.count() == embedded.count()


def test_bindings_are_terms_on_a_server(
    oxigraph_server, embedded: GraphStore, dev_gold_path: Path, dev_articles_path: Path
) -> None:
    with open_store(oxigraph_server()) as remote:
        build_from_paths([dev_gold_path], remote, articles_path=dev_articles_path)
        graph = URIRef("https://example.org/graph/hostile")
        subject = URIRef("https://example.org/hostile")
        triples = [(subject, RDFS.label, Literal(text)) for text in HOSTILE]
        triples.append((subject, ns.quote, Literal(HOSTILE[3], lang="id")))
        for store in (remote, embedded):
            store.replace_graphs({graph: triples})
        # hostile strings are written and read back as they were
        assert set(remote.triples(graph)) == set(embedded.triples(graph)) == set(triples)
        before = remote.count()
        query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
        for text in HOSTILE:
            for value in (text, Literal(text)):
                found = run_query(remote, query, bindings={"label": value})
                assert found.records() == [{"s": str(subject), "label": text}], text
                assert _rows(remote, query, label=value) == _rows(embedded, query, label=value)
            missing = run_query(remote, query, bindings={"label": text + "!"})
            assert missing.rows == []
        assert remote.count() == before
        typed = "SELECT ?v ?host WHERE { ?v warta:host ?host }"
        seed_host = URIRef("https://w3id.org/warta/id/region/61.71")
        assert _rows(remote, typed, host=seed_host) == _rows(embedded, typed, host=seed_host)
        grouped = "SELECT ?host (COUNT(*) AS ?n) WHERE { ?v warta:host ?host } GROUP BY ?host"
        assert _rows(remote, grouped, host=seed_host) == _rows(embedded, grouped, host=seed_host)
        assert run_query(remote, "ASK { ?s a ?class }", bindings={"class": ns.Visit}).boolean is True
        # the same errors as the embedded store
        with pytest.raises(QueryError, match="projection"):
            run_query(remote, "SELECT ?s WHERE { ?s rdfs:label ?label }", bindings={"label": "one"})
        with pytest.raises(QueryError, match=r"^line 2, column \d+: "):
            run_query(remote, "SELECT ?s\nWHERE { ?s ?p }")
        with pytest.raises(QueryError, match="read-only"):
            run_query(remote, "DROP ALL")
        with pytest.raises(QueryError, match="blank node"):
            run_query(remote, "SELECT * WHERE { ?s ?p ?o }", bindings={"o": BNode()})
        # a binding is seen by the FILTERs of the WHERE clause, as on the embedded store
        year = (
            "SELECT ?v ?year WHERE { ?v warta:date ?d FILTER (COALESCE(?year, 0) = 0 || YEAR(?d) = ?year) }"
        )
        assert _rows(remote, year, year=2025) == _rows(embedded, year, year=2025)
        assert (
            0 < len(run_query(remote, year, bindings={"year": 2025}).rows) < len(run_query(remote, year).rows)
        )
        region = (
            "SELECT DISTINCT ?v ?region WHERE { ?place warta:partOf* ?region . ?v warta:host ?place } "
            "ORDER BY ?v"
        )
        province = URIRef("https://w3id.org/warta/id/region/61")
        assert _rows(remote, region, region=province) == _rows(embedded, region, region=province)
        sub = "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } } VALUES ?x { 1 }"
        assert _rows(remote, sub, s=subject) == _rows(embedded, sub, s=subject)
        construct = run_query(remote, "CONSTRUCT WHERE { ?s rdfs:label ?label }", bindings={"s": subject})
        assert construct.kind == "graph" and len(construct.triples) == len(HOSTILE)
        assert remote.count() == before


def test_values_clause_escapes_every_term() -> None:
    clause = values_clause(
        {ox.Variable("a"): ox.Literal(HOSTILE[0]), ox.Variable("b"): ox.NamedNode("https://example.org/x")}
    )
    assert clause.strip() == """VALUES (?a ?b) { ("\\"x\\" } ; DROP ALL ; #" <https://example.org/x>) }"""
    # an escaped backslash before "u" cannot be read as a \\u escape by any parser
    assert sparql_term(Literal("\\u0022")) == '"\\\\\\u00750022"'
    store = ox.Store()
    for text in HOSTILE:
        answer = store.query(f"SELECT ?x WHERE {{ }} {values_clause({ox.Variable('x'): ox.Literal(text)})}")
        assert [row["x"].value for row in answer] == [text]
    with pytest.raises(ValueError):
        sparql_term(URIRef("https://example.org/a> } ; DROP ALL ; <x"))


# --- the command line on a server -------------------------------------------------------------------------


def test_cli_on_a_server(
    oxigraph_server, embedded: GraphStore, dev_gold_path: Path, dev_articles_path: Path, tmp_path: Path
) -> None:
    url = oxigraph_server()
    runner = CliRunner()

    def run(*args: object):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    built = run("build", dev_gold_path, "--articles", dev_articles_path, "--store", url)
    assert built.exit_code == 0, built.output
    summary = dict(line.split(None, 1) for line in built.stdout.splitlines())
    assert summary["articles"] == "16" and int(summary["triples"]) == embedded.count()
    query = "SELECT ?label WHERE { ?v a warta:Visit ; rdfs:label ?label } ORDER BY ?label"
    answered = run("query", query, "--format", "csv", "--store", url)
    assert answered.exit_code == 0
    assert answered.stdout == run("query", query, "--format", "csv", "--store", embedded.path).stdout
    out = tmp_path / "graph.ttl"
    exported = run("export", "-o", out, "--store", url)
    assert exported.exit_code == 0
    assert out.read_bytes() == embedded.dump("turtle")
    assert isomorphic(Graph().parse(out, format="turtle"), _union(embedded))
    validated = run("validate", "--store", url)
    assert validated.exit_code == 0, validated.output
    refused = run("query", "DROP ALL", "--store", url)
    assert refused.exit_code == 2 and "read-only" in refused.stderr
    with open_store(url, read_only=True) as remote:
        assert remote.count() == embedded.count()
        with pytest.raises(StoreError, match="read-only"):
            remote.replace_graphs({"https://example.org/g": [(ns.Visit, RDF.type, ns.Visit)]})


def test_unreachable_server_exits_2_with_one_line(tmp_path: Path, dev_gold_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    with pytest.raises(StoreError, match=rf"^cannot reach SPARQL endpoint {url}/query: connection refused$"):
        GraphStore.open(url)
    warta = Path(sys.executable).with_name("warta")
    command = [str(warta)] if warta.is_file() else [sys.executable, "-m", "warta.cli"]
    for args in (["query", "ASK {}"], ["build", str(dev_gold_path)], ["export"], ["validate"]):
        done = subprocess.run(
            [*command, *args, "--store", url], capture_output=True, text=True, timeout=60, cwd=tmp_path
        )
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr == f"warta: cannot reach SPARQL endpoint {url}/query: connection refused\n"
        assert done.stdout == ""
    env_run = subprocess.run(
        [*command, "query", "ASK {}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "WARTA_STORE": url},
    )
    assert env_run.returncode == 2 and "cannot reach SPARQL endpoint" in env_run.stderr


def test_server_errors_are_one_line(oxigraph_server) -> None:
    url = oxigraph_server()
    with pytest.raises(StoreError, match=r"^no SPARQL query endpoint at .*/nothing/here \(HTTP 404"):
        GraphStore.open(f"{url}/nothing/here#update={url}/update")
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts connections, never answers
    try:
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(StoreError, match="did not answer within 0.5 s|no answer within 0.5 s"):
            GraphStore.open(f"http://127.0.0.1:{port}#timeout=0.5")
        assert time.monotonic() - started < 5
    finally:
        silent.close()


# --- the endpoints of a URL -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "query", "update", "gsp"),
    [
        ("http://h:7878", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ("http://h:7878/", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ("http://h:7878/query", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ("http://h:3030/ds", "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        (
            "http://h:3030/ds/sparql",
            "http://h:3030/ds/sparql",
            "http://h:3030/ds/update",
            "http://h:3030/ds/data",
        ),
        ("https://h/ds/query", "https://h/ds/query", "https://h/ds/update", "https://h/ds/data"),
        ("http://h/sparql", "http://h/sparql", "http://h/sparql", None),
        (
            "http://h:7200/repositories/w#update=http://h:7200/repositories/w/statements",
            "http://h:7200/repositories/w",
            "http://h:7200/repositories/w/statements",
            None,
        ),
        ("http://h/sparql#update=/update&gsp=/gsp", "http://h/sparql", "http://h/update", "http://h/gsp"),
        ("http://h:7878#gsp=none", "http://h:7878/query", "http://h:7878/update", None),
    ],
)
def test_endpoints_by_convention(url: str, query: str, update: str, gsp: str | None) -> None:
    found = endpoints(url, environ={})
    assert (found.query, found.update, found.gsp) == (query, update, gsp)
    assert found.authorization is None


def test_endpoints_from_environment_and_credentials() -> None:
    env = {"WARTA_STORE_UPDATE": "http://other/update", "WARTA_STORE_GSP": "none", "WARTA_STORE_TIMEOUT": "5"}
    found = endpoints("http://h/sparql", environ=env)
    assert (found.update, found.gsp, found.timeout) == ("http://other/update", None, 5.0)
    assert endpoints("http://h/sparql#update=http://mine/u", environ=env).update == "http://mine/u"
    secret = endpoints("http://admin:s%40cret@h:3030/ds", environ={})
    assert secret.query == "http://h:3030/ds/query" and secret.authorization == "Basic YWRtaW46c0BjcmV0"
    assert "cret" not in repr(secret)
    with pytest.raises(StoreError, match="unknown option 'graph'"):
        endpoints("http://h:7878#graph=x", environ={})
    with pytest.raises(StoreError, match="timeout"):
        endpoints("http://h:7878#timeout=soon", environ={})


# --- scale paths: bulk loading into an empty store, chunked updates ---------------------------------------


def test_bulk_and_chunked_writes_give_the_same_store(
    oxigraph_server, tmp_path: Path, embedded: GraphStore, dev_gold_path: Path, dev_articles_path: Path
) -> None:
    records, _ = read_facts(dev_gold_path)
    articles, _ = read_articles(dev_articles_path)
    expected = embedded.dump("nquads")
    blank = BNode()
    extra = {
        URIRef("https://example.org/graph/blank"): [
            (URIRef("https://example.org/a"), ns.quote, blank),
            (blank, RDFS.label, Literal(HOSTILE[3])),
        ]
    }
    embedded.replace_graphs(extra)
    with_extra = embedded.dump("nquads")

    def check(store: GraphStore) -> None:
        summary = build(records, store, articles=articles)
        assert summary.errors == [] and summary.graphs_written == 19
        assert store.dump("nquads") == expected
        assert build(records, store, articles=articles).graphs_written == 0
        store.replace_graphs(extra)
        assert store.count() == embedded.count()
        assert _normalised(store.dump("nquads")) == _normalised(with_extra)

    with GraphStore.open(tmp_path / "bulk") as bulk:
        bulk.bulk_threshold = 1000  # the dev gold (~7k triples) takes the bulk path
        bulk.bulk_batch_bytes = 200_000  # in several batches
        check(bulk)
    with GraphStore.open(tmp_path / "chunked") as chunked:
        chunked.chunk_bytes = 100_000  # one update request per few graphs
        check(chunked)
        graphs = {name: chunked.triples(name) for name in chunked.graph_names()}
        assert len(list(update_requests(graphs, (), 100_000))) > 5
    with open_store(oxigraph_server()) as remote:
        remote.bulk_threshold = 1000  # N-Quads POSTed to /store
        remote.bulk_batch_bytes = 200_000
        check(remote)
    with open_store(oxigraph_server()) as remote:
        remote.chunk_bytes = 100_000
        check(remote)
    with GraphStore.open(tmp_path / "failing") as failing:
        failing.bulk_threshold = 1000
        failing.bulk_batch_bytes = 10_000  # batches are loaded before the bad triple is reached
        visit = (URIRef("https://example.org/s"), RDF.type, ns.Visit)
        bad = {article_graph(r.id): [visit] * 100 for r in records}
        bad[URIRef("https://example.org/bad")] = [(URIRef("not an iri"), RDF.type, ns.Visit)]
        with pytest.raises(ValueError):
            failing.replace_graphs(bad)
        assert failing.count() == 0 and failing.graph_names() == []  # emptied again
        failing.replace_graphs({URIRef("https://example.org/g"): [visit]})  # small: a SPARQL update
        with pytest.raises(StoreError, match="empty store"):
            failing.bulk_replace({URIRef("https://example.org/g"): [visit]})


def _normalised(nquads: bytes) -> set[bytes]:
    """N-Quads lines with blank node labels blanked out (they differ between stores)."""
    import re

    return {re.sub(rb"_:\w+", b"_:b", line) for line in nquads.splitlines()}
