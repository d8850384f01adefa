"""`warta serve`: the SPARQL 1.1 Protocol endpoint, started on a free loopback port in a thread and queried
by real clients (SPARQLWrapper, urllib)."""

from __future__ import annotations

import csv
import http.client
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from warta import serve as serve_module
from warta.build import build_from_paths
from warta.cli import main
from warta.serve import ServeError, SparqlServer, is_loopback, make_server, negotiate
from warta.store import GraphStore, open_store

SELECT_CODES = (
    "SELECT ?code ?name WHERE { ?r warta:code ?code ; rdfs:label ?name "
    'FILTER(?code IN ("62.02", "61.71")) } ORDER BY ?code'
)
CONSTRUCT = 'CONSTRUCT { ?r rdfs:label ?name } WHERE { ?r warta:code "62.02" ; rdfs:label ?name }'
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
KOTIM = URIRef("https://w3id.org/warta/id/region/62.02")
MAX_RESULTS = 100


def _start(server: SparqlServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="test-server", daemon=True)
    thread.start()
    return thread


def _stop(server: SparqlServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(10)


@pytest.fixture(scope="module")
def server(dev_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    viz = tmp_path_factory.mktemp("viz") / "viz.html"
    running = make_server(
        dev_store_path, port=0, timeout=20, max_results=MAX_RESULTS, workers=3, viz_path=viz
    )
    thread = _start(running)
    yield running
    _stop(running, thread)


@pytest.fixture
def endpoint(server: SparqlServer) -> str:
    return server.url + "sparql"


def _client(endpoint: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setTimeout(30)
    return client


def _http(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
):
    """(status, headers, body text) of one request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def _form(query: str, name: str = "query") -> bytes:
    return urllib.parse.urlencode({name: query}).encode("ascii")


# --- results in each format, through SPARQLWrapper ---------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_json(endpoint: str, method: str) -> None:
    data = _client(endpoint, SELECT_CODES, JSON, method).query().convert()
    assert data["head"]["vars"] == ["code", "name"]
    rows = [
        (b["code"]["value"], b["name"]["value"], b["name"]["xml:lang"]) for b in data["results"]["bindings"]
    ]
    assert rows == [("61.71", "Kota Pontianak", "id"), ("62.02", "Kabupaten Kotawaringin Timur", "id")]


def test_select_xml(endpoint: str) -> None:
    document = _client(endpoint, SELECT_CODES, XML).query().convert()
    variables = [v.getAttribute("name") for v in document.getElementsByTagName("variable")]
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert variables == ["code", "name"]
    assert literals == ["61.71", "Kota Pontianak", "62.02", "Kabupaten Kotawaringin Timur"]


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_select_csv_and_tsv(endpoint: str, fmt: str) -> None:
    text = _client(endpoint, SELECT_CODES, fmt).query().convert().decode("utf-8")
    if fmt == CSV:
        assert list(csv.reader(io.StringIO(text))) == [
            ["code", "name"],
            ["61.71", "Kota Pontianak"],
            ["62.02", "Kabupaten Kotawaringin Timur"],
        ]
    else:
        assert text.splitlines() == [
            "?code\t?name",
            '"61.71"\t"Kota Pontianak"@id',
            '"62.02"\t"Kabupaten Kotawaringin Timur"@id',
        ]


@pytest.mark.parametrize("fmt", [JSON, XML, CSV])
def test_ask(endpoint: str, fmt: str) -> None:
    yes = _client(endpoint, 'ASK { ?v warta:host/warta:code "61.71" }', fmt).query().convert()
    no = _client(endpoint, 'ASK { ?v warta:host/warta:code "99.99" }', fmt).query().convert()
    if fmt == JSON:
        assert (yes["boolean"], no["boolean"]) == (True, False)
    elif fmt == XML:
        values = [d.getElementsByTagName("boolean")[0].firstChild.data for d in (yes, no)]
        assert values == ["true", "false"]
    else:
        assert (yes.strip(), no.strip()) == (b"true", b"false")


def test_construct_turtle(endpoint: str) -> None:
    turtle = _client(endpoint, CONSTRUCT, TURTLE).query().convert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert [(s, str(o)) for s, _, o in graph] == [(KOTIM, "Kabupaten Kotawaringin Timur")]


@pytest.mark.parametrize(
    ("accept", "parser"),
    [("application/n-triples", "nt"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")],
)
def test_construct_other_rdf_formats(endpoint: str, accept: str, parser: str) -> None:
    status, headers, body = _http(endpoint, _form(CONSTRUCT), {"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    if parser == "json-ld":  # rdflib's JSON-LD parser warns about its own internals: read it as JSON
        (node,) = json.loads(body)
        assert node["@id"] == str(KOTIM)
        return
    graph = Graph().parse(data=body, format=parser)
    assert len(graph) == 1 and next(iter(graph))[0] == KOTIM


def test_describe(endpoint: str) -> None:
    status, headers, body = _http(
        endpoint + "?" + urllib.parse.urlencode({"query": f"DESCRIBE <{KOTIM}>"}),
        headers={"Accept": "text/turtle"},
    )
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert (KOTIM, None, None) in Graph().parse(data=body, format="turtle")


def test_query_by_post_body(endpoint: str) -> None:
    status, headers, body = _http(
        endpoint,
        SELECT_CODES.encode("utf-8"),
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert body.splitlines()[1] == "61.71,Kota Pontianak"


def test_content_negotiation() -> None:
    offered = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]
    assert negotiate(None, offered) == offered[0]
    assert negotiate("*/*", offered) == offered[0]
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", offered) == offered[1]
    assert negotiate("text/*", offered) == "text/csv"
    assert negotiate("text/html,application/xhtml+xml,*/*;q=0.8", offered) == offered[0]
    assert negotiate("image/png", offered) is None
    assert negotiate("text/csv;q=0", offered) is None


# --- refusals and errors ----------------------------------------------------------------------------------


def test_updates_are_refused(server: SparqlServer, endpoint: str, dev_store_path: Path) -> None:
    with open_store(dev_store_path, read_only=True) as store:
        before = store.count()
    client = _client(endpoint, 'INSERT DATA { <http://x> <http://y> "z" }', JSON, POST)
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    requests = [
        (endpoint, _form("DROP ALL", "update"), {}),
        (endpoint, b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        (endpoint, _form("DROP ALL"), {}),
        (endpoint + "?" + urllib.parse.urlencode({"update": "CLEAR ALL"}), None, {}),
        (endpoint + "?" + urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}), None, {}),
    ]
    for url, data, headers in requests:
        status, _, body = _http(url, data, headers)
        assert status == 403, (url, data)
        assert body == "updates are refused: this SPARQL endpoint is read-only\n"
    with open_store(dev_store_path, read_only=True) as store:
        assert store.count() == before


def test_syntax_error_is_400_with_its_position(endpoint: str) -> None:
    with pytest.raises(QueryBadFormed) as caught:
        _client(endpoint, "SELECT ?x WHERE { ?x ?y }", JSON).query()
    assert "line 1, column 26: expected" in str(caught.value)
    status, _, body = _http(endpoint, _form("SELECT ?x WHERE {\n ?x ?y \n}"))
    assert status == 400 and body.startswith("line 3, column")


@pytest.mark.parametrize(
    ("url", "data", "headers", "status"),
    [
        ("/sparql", None, {}, 400),  # no query
        ("/sparql?query=ASK{}&query=ASK{}", None, {}, 400),
        ("/sparql?query=ASK{}&default-graph-uri=http://x", None, {}, 400),
        ("/sparql", b"query=ASK{}", {"Content-Type": "text/plain"}, 415),
        ("/sparql?query=ASK{}", None, {"Accept": "image/png"}, 406),
        ("/sparql?query=CONSTRUCT+WHERE+{?s+?p+?o}+LIMIT+1", None, {"Accept": "text/csv"}, 406),
        ("/nowhere", None, {}, 404),
        ("/nowhere", b"x", {}, 404),
    ],
)
def test_bad_requests(server: SparqlServer, url: str, data: bytes | None, headers: dict, status: int) -> None:
    got, response_headers, body = _http(server.url.rstrip("/") + url, data, headers)
    assert got == status, body
    assert response_headers["Access-Control-Allow-Origin"] == "*"
    assert body.endswith("\n") and body.count("\n") == 1


def test_large_body_is_refused(server: SparqlServer) -> None:
    """Refused on its Content-Length, before the body is read."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.putrequest("POST", "/sparql")
        connection.putheader("Content-Type", "application/sparql-query")
        connection.putheader("Content-Length", "1000001")
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert response.read() == b"the request is over 1000000 bytes\n"
    finally:
        connection.close()


def test_results_are_cut_at_the_limit(endpoint: str) -> None:
    status, headers, body = _http(
        endpoint,
        _form("SELECT ?r WHERE { ?r warta:code ?code }"),
        {"Accept": "application/sparql-results+json"},
    )
    assert status == 200 and headers["Warta-Truncated"] == str(MAX_RESULTS)
    assert len(json.loads(body)["results"]["bindings"]) == MAX_RESULTS
    _, small, _ = _http(endpoint, _form("SELECT ?r WHERE { ?r warta:code ?code } LIMIT 3"))
    assert small["Warta-Truncated"] is None


def test_cors(endpoint: str) -> None:
    status, headers, body = _http(
        endpoint,
        method="OPTIONS",
        headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert status == 204 and body == ""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]
    _, headers, _ = _http(endpoint + "?query=ASK%7B%7D", headers={"Origin": "http://example.org"})
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_a_runaway_query_is_stopped(dev_store_path: Path) -> None:
    quick = make_server(dev_store_path, port=0, timeout=0.5, workers=1)
    thread = _start(quick)
    try:
        started = time.monotonic()
        status, _, body = _http(quick.url + "sparql", _form(HEAVY))
        assert time.monotonic() - started < 10
        assert (status, body) == (503, "query timed out after 0.5 s\n")
        status, _, body = _http(quick.url + "sparql", _form("ASK { ?s ?p ?o }"))  # the next one still runs
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        _stop(quick, thread)


# --- pages ------------------------------------------------------------------------------------------------


def test_query_page(server: SparqlServer) -> None:
    status, headers, body = _http(server.url)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<form id="query-form" method="post" action="/sparql">' in body
    assert "Kotawaringin Timur → Pontianak" in body  # the latest visits
    nonce = headers["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<script nonce="{nonce}">' in body


def test_query_page_escapes_strings_from_articles(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> & </textarea>'
    facts = tmp_path / "facts.jsonl"
    facts.write_text(
        json.dumps(
            {
                "id": "hostile",
                "regions": [{"code": "62.02", "name": "x"}, {"code": "61.71", "name": "y"}],
                "officials": [],
                "visits": [
                    {"visitor": ["62.02"], "host": "61.71", "date": "2025-01-02", "visit_type": "kunjungan"}
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "hostile", "title": hostile, "text": "x"}) + "\n", encoding="utf-8")
    with GraphStore.open(tmp_path / "store") as store:
        assert build_from_paths([facts], store, articles_path=articles).errors == []
    page_server = make_server(tmp_path / "store", port=0, workers=1)
    thread = _start(page_server)
    try:
        status, _, body = _http(page_server.url)
    finally:
        _stop(page_server, thread)
    assert status == 200
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;/textarea&gt;" in body
    assert "<script>alert" not in body and body.count("</textarea>") == 1


def test_viz_page(server: SparqlServer) -> None:
    assert server.viz_path is not None
    status, _, body = _http(server.url + "viz")
    assert status == 200 and "warta viz" in body
    server.viz_path.write_text("<!doctype html><title>graph</title>", encoding="utf-8")
    try:
        status, headers, body = _http(server.url + "viz")
        assert (status, body) == (200, "<!doctype html><title>graph</title>")
    finally:
        server.viz_path.unlink()


# --- load -------------------------------------------------------------------------------------------------


def test_concurrent_clients(endpoint: str) -> None:
    """20 clients × 50 queries at once, through SPARQLWrapper: every answer right, none failed."""
    clients, per_client = 20, 50
    queries = [
        ("SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v a warta:Visit }", JSON),
        (SELECT_CODES, CSV),
        ('ASK { ?v warta:host/warta:code "61.71" }', XML),
        (CONSTRUCT, TURTLE),
    ]
    expected = [_client(endpoint, q, f).query().convert() for q, f in queries]
    errors: list[str] = []
    done = [0] * clients

    def work(index: int) -> None:
        for n in range(per_client):
            query, fmt = queries[(index + n) % len(queries)]
            try:
                answer = _client(endpoint, query, fmt, POST if n % 2 else "GET").query().convert()
                if fmt == XML:  # a DOM: compare its text
                    same = answer.toxml() == expected[(index + n) % len(queries)].toxml()
                else:
                    same = answer == expected[(index + n) % len(queries)]
                if not same:
                    errors.append(f"client {index}, query {n}: wrong answer")
            except Exception as error:  # noqa: BLE001 - every failure is counted
                errors.append(f"client {index}, query {n}: {error!r}")
            done[index] += 1

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(1.0, 120 - (time.monotonic() - started)))
    assert not any(thread.is_alive() for thread in threads), "the load test did not finish in 120 s"
    assert errors == []
    assert sum(done) == clients * per_client


# --- the command ------------------------------------------------------------------------------------------


def test_is_loopback() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"):
        assert is_loopback(host)
    for host in ("0.0.0.0", "::", "192.0.2.1", "example.org"):
        assert not is_loopback(host)


class _FakeServer:
    url = "http://fake/"

    def __init__(self, *args: object, **settings: object):
        self.settings = settings
        self.closed = False

    def serve_forever(self) -> None:
        raise KeyboardInterrupt

    def server_close(self) -> None:
        self.closed = True


def test_serve_command_warns_off_loopback(monkeypatch: pytest.MonkeyPatch, dev_store_path: Path) -> None:
    made: list[_FakeServer] = []

    def fake(*args: object, **settings: object) -> _FakeServer:
        made.append(_FakeServer(*args, **settings))
        return made[-1]

    monkeypatch.setattr(serve_module, "make_server", fake)
    runner = CliRunner()
    local = runner.invoke(main, ["serve", "--store", str(dev_store_path)])
    assert local.exit_code == 0, local.output
    assert (
        "warta: listening on" not in local.stderr and "SPARQL endpoint at http://fake/sparql" in local.stderr
    )
    assert made[0].settings["host"] == "127.0.0.1" and made[0].settings["port"] == 7878 and made[0].closed
    exposed = runner.invoke(
        main, ["serve", "--host", "0.0.0.0", "--port", "8080", "--store", str(dev_store_path)]
    )
    assert exposed.exit_code == 0
    assert (
        "warta: listening on 0.0.0.0: anyone who can reach this machine can query the graph" in exposed.stderr
    )


def test_serve_command_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr.startswith("warta: no store at ")


def test_a_taken_port_is_an_error(server: SparqlServer, dev_store_path: Path) -> None:
    with pytest.raises(ServeError, match=r"^cannot listen on 127\.0\.0\.1:\d+: ") as caught:
        make_server(dev_store_path, port=server.server_address[1], workers=1)
    assert caught.value.exit_code == 2
