"""A remote graph store: the `GraphStore` API over a SPARQL 1.1 endpoint with Update.

`--store URL` (or `WARTA_STORE=URL`, or `open_store(URL)`) with an http:// or https:// URL uses a server
instead of the embedded store: Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso... Everything works as
on the embedded store, with the same results: the store keeps the same layout (one named graph per article,
the ontology, sectors and regions graphs, and the default graph as their de-duplicated union, maintained by
the same SPARQL Update requests), so a query gives the same answers on both.

One URL names the store: the query endpoint. The update endpoint and the Graph Store Protocol (GSP)
endpoint are derived from it by convention:

    URL given                          query           update          GSP (used to dump the union)
    http://host:7878  (Oxigraph)       /query          /update         /store
    http://host:7878/query             /query          /update         /store
    http://host:3030/ds  (Fuseki)      /ds/query       /ds/update      /ds/data
    http://host:3030/ds/query|sparql   (as given)      /ds/update      /ds/data
    anything else                      (as given)      (as given)      none: CONSTRUCT queries instead

Override them in the URL's fragment, which is never sent to the server, or with environment variables
(the fragment wins); relative values are resolved against the query URL:

    http://host:7200/repositories/warta#update=http://host:7200/repositories/warta/statements&gsp=none
    WARTA_STORE_UPDATE=...  WARTA_STORE_GSP=... (or "none")  WARTA_STORE_TIMEOUT=120 (seconds, per request)

`user:password@` in the URL is sent as HTTP Basic authentication (and never printed). Every request has a
timeout (`#timeout=` or WARTA_STORE_TIMEOUT, default 120 s). A server that cannot be reached, refuses or
fails gives a one-line `StoreError`, which the CLI turns into exit code 2.

Writes: `replace_graphs` sends the embedded store's update as one request, which Oxigraph and Fuseki apply
atomically; past `chunk_bytes` (4 MiB: Oxigraph server parses big updates slowly) it is split into requests
that each replace whole graphs. A large write into an empty store is POSTed to the GSP endpoint as N-Quads
instead (`bulk_replace`).

Queries: the query is first checked locally by Oxigraph (the same syntax errors, line and column, as the
embedded store), the standard prefixes are declared in front of it, and `bindings` become a VALUES
clause of RDF terms serialised with N-Triples escaping — never pasted text — placed first in the WHERE
clause, where the pattern and its FILTERs see it as they see Oxigraph's substitutions (`bind_values`).
Results are parsed into the same pyoxigraph objects the embedded store returns (`QuerySolutions`,
`QueryBoolean`, `QueryTriples`).
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import URIRef

from warta.errors import QueryError, StoreError
from warta.namespaces import PREFIXES
from warta.store import (
    Graphs,
    GraphStore,
    QueryResults,
    Triple,
    _first_line,
    graph_items,
    nquads_batches,
    sparql_term,
    syntax_message,
    to_ox,
    update_requests,
)

UPDATE_ENV = "WARTA_STORE_UPDATE"
GSP_ENV = "WARTA_STORE_GSP"
TIMEOUT_ENV = "WARTA_STORE_TIMEOUT"
DEFAULT_TIMEOUT = 120.0

_PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
_ACCEPT_RESULTS = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8"
)
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_EMPTY = ox.Store()  # queries are checked against it before they are sent
_NAMES_TTL = 30.0  # seconds the graph names fetched for `same_content` are trusted


@dataclass(frozen=True)
class Endpoints:
    """Where a remote store answers: query, update and (optional) GSP URLs, credentials and timeout."""

    query: str
    update: str
    gsp: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    authorization: str | None = None  # the value of the Authorization header

    def __repr__(self) -> str:  # keep credentials out of tracebacks and logs
        return f"Endpoints(query={self.query!r}, update={self.update!r}, gsp={self.gsp!r})"


def endpoints(url: str, environ: Mapping[str, str] | None = None) -> Endpoints:
    """The endpoints of the store at `url` (see the module's documentation for the conventions)."""
    environ = os.environ if environ is None else environ
    address, _, fragment = url.partition("#")
    options = {key: values[-1] for key, values in parse_qs(fragment, keep_blank_values=True).items()}
    unknown = set(options) - {"update", "gsp", "timeout"}
    if unknown:
        raise StoreError(
            f"unknown option {sorted(unknown)[0]!r} in {_public(address)} (update, gsp, timeout)"
        )
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise StoreError(f"not an http(s) URL: {_public(address)}")
    authorization = None
    if parts.username is not None:
        secret = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        authorization = "Basic " + base64.b64encode(secret.encode("utf-8")).decode("ascii")
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        parts = parts._replace(netloc=netloc)
    base = urlunsplit(parts._replace(query="", fragment="")).rstrip("/")
    root = urlunsplit(parts._replace(path="", query="", fragment=""))
    segments = [s for s in parts.path.split("/") if s]
    query_url = urlunsplit(parts._replace(fragment=""))
    gsp: str | None
    if not segments or segments == ["query"]:  # Oxigraph server
        query_url, update, gsp = f"{root}/query", f"{root}/update", f"{root}/store"
    elif len(segments) == 1 and segments[0] not in ("sparql", "update", "store", "data"):  # Fuseki dataset
        query_url, update, gsp = f"{base}/query", f"{base}/update", f"{base}/data"
    elif len(segments) == 2 and segments[1] in ("query", "sparql"):  # Fuseki dataset's query endpoint
        dataset = base.rsplit("/", 1)[0]
        update, gsp = f"{dataset}/update", f"{dataset}/data"
    else:
        update, gsp = query_url, None
    update = options.get("update") or environ.get(UPDATE_ENV) or update
    gsp_option = options.get("gsp") or environ.get(GSP_ENV)
    if gsp_option is not None:
        gsp = None if gsp_option.lower() == "none" else gsp_option
    timeout_text = options.get("timeout") or environ.get(TIMEOUT_ENV)
    try:
        timeout = float(timeout_text) if timeout_text else DEFAULT_TIMEOUT
    except ValueError:
        raise StoreError(f"timeout must be a number of seconds, not {timeout_text!r}") from None
    return Endpoints(
        query=query_url,
        update=urljoin(query_url, update),
        gsp=urljoin(query_url, gsp) if gsp else None,
        timeout=timeout,
        authorization=authorization,
    )


def values_clause(substitutions: Mapping[ox.Variable, Any]) -> str:
    """`VALUES (?a ?b) { (term term) }`: bound variables as one row of RDF terms in SPARQL syntax.

    Variable names were checked by `ox.Variable`; each term is serialised by `sparql_term` (an IRI Oxigraph
    validated, a literal with N-Triples escaping), so no value can end the clause or the query.
    """
    names = " ".join(str(variable) for variable in substitutions)
    terms = []
    for variable, term in substitutions.items():
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"cannot bind {variable} to a blank node on a remote store")
        terms.append(sparql_term(term))
    return f"\nVALUES ({names}) {{ ({' '.join(terms)}) }}\n"


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<open>\{) | (?P<close>\}) | (?P<lparen>\() | (?P<rparen>\))
    | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<space>\s+)
    | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def where_start(query: str) -> int | None:
    """The offset just after the "{" that opens the WHERE clause of `query`, or None if none is found.

    A small SPARQL lexer: comments, strings, IRIs, prologue declarations, expressions in parentheses and a
    CONSTRUCT template are skipped."""
    form = None
    previous = None
    declaration = False
    parentheses = 0
    template = 0
    for token in _TOKEN.finditer(query):
        kind = token.lastgroup
        if kind in ("space", "comment"):
            continue
        text = token.group()
        if template:
            template += {"open": 1, "close": -1}.get(kind or "", 0)
        elif declaration:
            declaration = kind != "iri"
        elif kind == "word" and text.upper() in ("PREFIX", "BASE") and form is None:
            declaration = True
        elif kind == "word" and form is None and text.upper() in _FORMS:
            form = text.upper()
        elif kind == "lparen":
            parentheses += 1
        elif kind == "rparen":
            parentheses -= 1
        elif kind == "open" and form is not None and parentheses == 0:
            if form == "CONSTRUCT" and previous == "CONSTRUCT":
                template = 1
            else:
                return token.end()
        previous = text.upper() if kind == "word" else kind
    return None


def bind_values(query: str, substitutions: Mapping[ox.Variable, Any]) -> str:
    """`query` with `substitutions` as a VALUES clause: first thing in its WHERE clause, so that the whole
    top-level pattern and its FILTERs see the values (as they do Oxigraph's substitutions); else, for a
    query whose WHERE clause is a sub-SELECT, after the query (joined with its result)."""
    clause = values_clause(substitutions)
    candidates = []
    start = where_start(query)
    if start is not None:
        candidates.append(query[:start] + clause + query[start:])
    candidates.append(query + clause)
    for text in candidates:
        try:
            _EMPTY.query(text, prefixes=PREFIXES)
        except (SyntaxError, RuntimeError):
            continue
        return text
    raise QueryError("cannot bind the variables of this query on a remote store (a VALUES clause already?)")


class RemoteGraphStore(GraphStore):
    """The store behind a SPARQL 1.1 endpoint (see the module's documentation)."""

    #: updates bigger than this are split into several requests, each replacing whole graphs
    chunk_bytes = 4 << 20
    #: the GSP bulk path POSTs N-Quads in batches of this many bytes
    bulk_batch_bytes = 16 << 20

    def __init__(self, where: Endpoints, read_only: bool = False):
        super().__init__(None, None, read_only)  # type: ignore[arg-type]
        self.endpoints = where
        self.url = where.query
        self._open = True
        self._names: tuple[float, set[str]] | None = None

    @classmethod
    def open(cls, path: Any = None, read_only: bool = False) -> RemoteGraphStore:
        """Connect to the store at the URL `path` and check that it answers (a SPARQL `ASK {}`)."""
        if not isinstance(path, str):
            raise StoreError("a remote store needs an http:// or https:// URL")
        store = cls(endpoints(path), read_only)
        store._request(store.url, "ASK {}", "application/sparql-query", _ACCEPT_RESULTS, "query")
        return store

    @classmethod
    def memory(cls) -> GraphStore:
        raise StoreError("a remote store cannot live in memory")

    def close(self) -> None:
        self._open = False

    @property
    def oxigraph(self) -> ox.Store:
        raise StoreError(f"{self.url} is a remote store: it has no embedded Oxigraph store")

    @property
    def location(self) -> str:
        return self.url

    # HTTP

    def _request(
        self,
        url: str,
        body: bytes | str | None,
        content_type: str | None,
        accept: str | None,
        purpose: str,
    ) -> tuple[bytes, str]:
        """Send one request (POST when there is a body, else GET); the body and media type of the answer."""
        if not self._open:
            raise StoreError("the store is closed")
        headers = {"User-Agent": "warta"}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        if self.endpoints.authorization:
            headers["Authorization"] = self.endpoints.authorization
        data = body.encode("utf-8") if isinstance(body, str) else body
        request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
        timeout = self.endpoints.timeout
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            raise _http_error(error, url, purpose) from None
        except urllib.error.URLError as error:
            raise StoreError(
                f"cannot reach SPARQL endpoint {url}: {_reason(error.reason, timeout)}"
            ) from None
        except TimeoutError:
            raise StoreError(f"SPARQL endpoint {url} did not answer within {timeout:g} s") from None
        except OSError as error:  # connection reset, remote end closed the connection...
            raise StoreError(f"SPARQL endpoint {url} failed: {_reason(error, timeout)}") from None

    def _sparql(self, text: str, accept: str) -> tuple[bytes, str]:
        return self._request(self.url, text, "application/sparql-query; charset=utf-8", accept, "query")

    def _select(self, text: str) -> ox.QuerySolutions:
        body, media = self._sparql(text, _ACCEPT_RESULTS)
        return _parse_results(body, media, self.url)  # type: ignore[return-value]

    def _construct(self, text: str) -> Iterator[ox.Triple]:
        body, media = self._sparql(text, _ACCEPT_GRAPH)
        return _parse_triples(body, media, self.url)

    # writing

    def _update(self, request: str) -> None:
        self._names = None
        self._request(
            self.endpoints.update, request, "application/sparql-update; charset=utf-8", None, "update"
        )

    def is_empty(self) -> bool:
        answer = self.query("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        return not bool(answer)

    def bulk_replace(self, graphs: Graphs) -> None:
        """Write `graphs` and their union into an empty store by POSTing N-Quads to the GSP endpoint
        (Oxigraph's /store, Fuseki's /ds/data load quads into the dataset), in batches; without a GSP
        endpoint, by SPARQL updates. When a batch fails, the store is emptied again (DROP ALL)."""
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        if self.endpoints.gsp is None:
            for request in update_requests(dict(graph_items(graphs)), (), self.chunk_bytes):
                self._update(request)
            return
        if not self.is_empty():
            raise StoreError("bulk_replace needs an empty store")
        self._names = None
        try:
            for batch in nquads_batches(graphs, self.bulk_batch_bytes):
                self._post_quads(batch)
        except BaseException:
            with contextlib.suppress(StoreError):
                self._update("DROP ALL")
            raise

    def _post_quads(self, nquads: str) -> None:
        self._request(self.endpoints.gsp or "", nquads, "application/n-quads", None, "GSP upload")

    # reading

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResults:
        """Run a SPARQL query on the server; the same answers and errors as `GraphStore.query`.

        `bindings` are sent as a VALUES clause of serialised RDF terms at the start of the query's WHERE
        clause (`bind_values`): like Oxigraph's substitution, the values are seen by the top-level pattern
        and its FILTERs, not inside sub-SELECTs, and a SELECT must project the variables it binds.
        """
        substitutions = {
            ox.Variable(name.lstrip("?$")): to_ox(value) for name, value in (bindings or {}).items()
        }
        try:
            probe = _EMPTY.query(sparql, prefixes=PREFIXES, substitutions=substitutions or None)
        except SyntaxError as error:
            raise QueryError(syntax_message(error)) from error
        except RuntimeError as error:  # e.g. a bound variable that a SELECT does not project
            raise QueryError(_first_line(error)) from error
        text = _PROLOGUE + (bind_values(sparql, substitutions) if substitutions else sparql)
        if isinstance(probe, ox.QueryTriples):
            memory = ox.Store()
            default = ox.DefaultGraph()
            memory.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in self._construct(text))
            return memory.query("CONSTRUCT WHERE { ?s ?p ?o }")
        body, media = self._sparql(text, _ACCEPT_RESULTS)
        answer = _parse_results(body, media, self.url)
        if isinstance(probe, ox.QueryBoolean) != isinstance(answer, ox.QueryBoolean):
            raise StoreError(f"SPARQL endpoint {self.url} answered with the wrong kind of result")
        return answer

    def _ox_triples(self, graph: str | URIRef | None) -> Iterator[ox.Triple]:
        pattern = "?s ?p ?o" if graph is None else f"GRAPH {sparql_term(URIRef(str(graph)))} {{ ?s ?p ?o }}"
        return self._construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}")

    def _ntriples(self, graph: str | URIRef | None) -> bytes:
        """One graph as N-Triples written by Oxigraph (the same bytes as the embedded store's dump)."""
        if graph is None and self.endpoints.gsp is not None:
            body, media = self._request(
                f"{self.endpoints.gsp}?default", None, None, _ACCEPT_GRAPH, "GSP download"
            )
            triples: Iterable[ox.Triple] = _parse_triples(body, media, self.endpoints.gsp)
        else:
            triples = self._ox_triples(graph)
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)

    def _named_quads(self) -> Iterator[ox.Quad]:
        for row in self._select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def _as_kept(self, found: set[ox.Triple]) -> set[ox.Triple]:
        # a server other than Oxigraph may keep a literal's spelling ("056"^^xsd:positiveInteger);
        # compare values, as the embedded store does
        memory = ox.Store()
        default = ox.DefaultGraph()
        memory.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in found)
        return {quad.triple for quad in memory}

    def same_content(self, graph: str | URIRef, triples: Iterable[Triple]) -> bool:
        # a graph the server does not have differs from any content but none; the names are fetched
        # once (one request for a whole build into an empty store), not once per graph
        now = time.monotonic()
        if self._names is None or now - self._names[0] > _NAMES_TTL:
            self._names = (now, set(self.graph_names()))
        if str(graph) not in self._names[1]:
            return not any(True for _ in triples)
        return super().same_content(graph, triples)

    def graph_names(self) -> list[str]:
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode))


def _parse_results(body: bytes, media: str, url: str) -> ox.QuerySolutions | ox.QueryBoolean:
    results_format = _RESULTS.get(media)
    if results_format is None:
        raise StoreError(f"SPARQL endpoint {url} answered with {media or 'no media type'}, not query results")
    try:
        return ox.parse_query_results(body, format=results_format)
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"SPARQL endpoint {url} sent unreadable results: {_first_line(error)}") from None


def _parse_triples(body: bytes, media: str, url: str) -> Iterator[ox.Triple]:
    rdf_format = _GRAPHS.get(media)
    if rdf_format is None:
        raise StoreError(f"SPARQL endpoint {url} answered with {media or 'no media type'}, not RDF")
    try:
        quads = list(ox.parse(body, format=rdf_format))
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"SPARQL endpoint {url} sent unreadable RDF: {_first_line(error)}") from None
    return (quad.triple for quad in quads)


def _http_error(error: urllib.error.HTTPError, url: str, purpose: str) -> Exception:
    try:
        detail = _first_line(Exception(error.read().decode("utf-8", "replace")))
    except OSError:
        detail = ""
    status = f"HTTP {error.code}" + (f" {error.reason}" if error.reason else "")
    if error.code in (401, 403):
        return StoreError(f"SPARQL endpoint {url} refused access ({status})")
    if error.code == 404:
        return StoreError(f"no SPARQL {purpose} endpoint at {url} ({status})")
    if error.code == 400 and purpose == "query":
        return QueryError(f"the SPARQL endpoint rejected the query: {detail or status}")
    return StoreError(f"SPARQL endpoint {url} failed ({status})" + (f": {detail}" if detail else ""))


def _reason(reason: Any, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return " ".join(str(reason).split()) or type(reason).__name__


def _public(url: str) -> str:
    """`url` without its user:password."""
    parts = urlsplit(url)
    if parts.username is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


__all__ = ["Endpoints", "RemoteGraphStore", "bind_values", "endpoints", "values_clause", "where_start"]
