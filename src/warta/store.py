"""The graph store: an embedded, persistent Oxigraph dataset of named graphs, or a SPARQL 1.1 server.

`GraphStore` is the one place that talks to the storage engine. Its methods take and return plain data
(graph IRIs as strings or rdflib terms, triples of rdflib terms, bytes) or pyoxigraph query results, so
`warta.remote.RemoteGraphStore` implements the same methods over HTTP for a SPARQL 1.1 endpoint with Update
(Oxigraph server, Fuseki, GraphDB, Virtuoso). `open_store(location)` opens either: a folder path gives the
embedded store, an `http://` or `https://` URL the remote one.

Layout: each article's facts, the ontology, the sectors and the regions are named graphs; the default graph
holds their union, each triple once, kept up to date by `replace_graphs` in the same transaction. Queries
read the default graph. (Oxigraph's `use_default_graph_as_union` repeats a triple once per graph holding it,
so a visit reported by two articles would be counted twice; SPARQL's union is a set.) A remote store is
kept the same way, by the same SPARQL Update requests, so queries give the same answers on both.

Writing: `replace_graphs` is one SPARQL Update request, one transaction. Two cases differ, for scale:
a large write into an empty store goes through Oxigraph's bulk loader (`bulk_replace`, many times faster;
if it fails the store is emptied again, so it is left as it was), and a request larger than `chunk_bytes`
is split into several requests, each replacing whole graphs atomically (see `update_requests`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from warta.errors import QueryError, StoreError
from warta.namespaces import PREFIXES, XSD

DEFAULT_STORE = "warta-data"
STORE_ENV = "WARTA_STORE"

Triple = tuple[Node, Node, Node]  # rdflib terms, or pyoxigraph ones (what `warta.mapping` makes)
Graphs = Mapping[str | URIRef, Iterable[Triple]] | Iterable[tuple[str | URIRef, Iterable[Triple]]]
QueryResults = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_XSD_STRING = str(XSD.string)
_SYNTAX_AT = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
RDF_FORMATS = tuple(_FORMATS)
DATASET_FORMATS = ("trig", "nquads")  # formats that keep the named graphs; the others write the union
# an escaped backslash followed by u/U ("\\u"): a SPARQL parser that resolves \u escapes before parsing
# would read "\u0022" in it as a quote (see `sparql_term`); other escapes are matched to be skipped
_ESCAPES = re.compile(r"\\\\([uU])|\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_HARDENED = {"u": "\\\\\\u0075", "U": "\\\\\\u0055"}


def default_store_path() -> Path:
    """`$WARTA_STORE`, else `./warta-data`."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def is_store_url(location: Any) -> bool:
    """Whether `location` names a remote store: a string starting with http:// or https://."""
    return isinstance(location, str) and location[:8].lower().startswith(("http://", "https://"))


# --- terms ------------------------------------------------------------------------------------------------


_OX_TERMS = frozenset({ox.NamedNode, ox.BlankNode, ox.Literal})


def to_ox(term: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term (or a pyoxigraph term, or a plain str/int/float/bool) as a pyoxigraph term."""
    if type(term) in _OX_TERMS:
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, bool | int | float | str):
        return ox.Literal(term)
    raise TypeError(f"cannot use {term!r} as an RDF term")


def from_ox(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term; xsd:string literals become plain ones, as rdflib parses them."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def sparql_term(term: Any) -> str:
    """A term as SPARQL (and N-Triples) text, safe to put in a query or update: the IRI is validated, the
    literal escaped by Oxigraph (quotes, backslashes, line breaks, control characters), and an escaped
    backslash before "u" written so that no parser can read a \\u escape into it."""
    text = str(to_ox(term))
    if text[-1] != ">" and ("\\\\u" in text or "\\\\U" in text):
        text = _ESCAPES.sub(lambda m: _HARDENED[m.group(1)] if m.group(1) else m.group(0), text)
    return text


def _nt_writer():
    """A function writing an rdflib triple as "S P O" in N-Triples/SPARQL syntax, without the final " .".

    Terms are cached by their text, type, language and datatype: IRIs and many literals repeat a lot, and
    converting an rdflib term costs microseconds (rdflib's own hashing and equality are Python code).
    """
    cache: dict[Any, str] = {}

    def term(t: Node) -> str:
        kind = type(t)
        if kind is URIRef:
            key: Any = str(t)
        elif kind is Literal:
            key = (str(t), t.language, t.datatype)
        else:
            return sparql_term(t)
        found = cache.get(key)
        if found is None:
            found = cache[key] = sparql_term(t)
        return found

    def write(triple: Triple) -> str:
        s, p, o = triple
        return f"{term(s)} {term(p)} {term(o)}"

    return write


def update_requests(
    graphs: Mapping[str | URIRef, Iterable[Triple]],
    remove: Iterable[str | URIRef] = (),
    max_bytes: int | None = None,
) -> Iterator[str]:
    """The SPARQL Update request(s) replacing each graph of `graphs` and dropping those of `remove`, keeping
    the default graph the union of the named graphs.

    For each graph: the triples no other graph holds are deleted from the union and the graph is dropped;
    then one INSERT DATA writes the new graphs and adds their triples to the union. All of it is one request,
    unless it would exceed `max_bytes`: then each request replaces some of the graphs (a graph is never
    split; the dropped graphs go in the first one), and each request is still a correct replacement on its
    own, so the store is consistent after each: every graph is either old or new and the union is right.
    """
    write = _nt_writer()
    operations: list[str] = []
    blocks: list[str] = []
    union: dict[str, None] = {}
    size = 0

    def drop(graph: str) -> None:
        operations.append(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }} }}"
        )
        operations.append(f"DROP SILENT GRAPH {graph}")

    def request() -> str:
        parts = list(operations)
        if blocks:
            parts.append("INSERT DATA {\n" + "\n".join([*blocks, " .\n".join(union) + " ."]) + "\n}")
        return " ;\n".join(parts)

    graph_texts = {name: sparql_term(URIRef(str(name))) for name in graphs}
    for name in remove:
        drop(sparql_term(URIRef(str(name))))
    for name, triples in graphs.items():
        graph = graph_texts[name]
        statements = [write(t) for t in triples]
        body = " .\n".join(statements)
        cost = 2 * len(body) + 300
        if max_bytes is not None and size and size + cost > max_bytes:
            yield request()
            operations, blocks, union, size = [], [], {}, 0
        drop(graph)
        if statements:
            union.update(dict.fromkeys(statements))
            blocks.append(f"GRAPH {graph} {{\n{body} .\n}}")
        size += cost
    if operations:
        yield request()


def syntax_message(error: SyntaxError) -> str:
    """pyoxigraph's "error at L:C: expected ..." as one short line "line L, column C: ..."."""
    text = str(error)
    found = _SYNTAX_AT.search(text)
    if not found:
        return " ".join(text.split())
    line, column, message = found.groups()
    message = " ".join(message.split())
    if "Prefix not found" in message:
        message = "unknown prefix"
    elif len(message) > 120:
        message = message[:117].rstrip(", ") + "…"
    return f"line {line}, column {column}: {message}"


# --- the store --------------------------------------------------------------------------------------------


class GraphStore:
    """A dataset of named graphs: one per article, plus the ontology, sectors and regions graphs."""

    #: a write into an empty store of at least this many triples goes through the bulk loader
    bulk_threshold = 50_000
    #: an update request larger than this (bytes of SPARQL) is split into several, each replacing whole
    #: graphs; Oxigraph's SPARQL parser needs ~15 bytes of memory per byte of request
    chunk_bytes = 64 << 20

    def __init__(self, store: ox.Store, path: Path | None = None, read_only: bool = False):
        self._store: ox.Store | None = store
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> GraphStore:
        """Open (or, unless `read_only`, create) the store at `path` (default: `$WARTA_STORE`, else
        `./warta-data`). An http:// or https:// URL opens a `warta.remote.RemoteGraphStore` instead."""
        if path is None and is_store_url(os.environ.get(STORE_ENV)):
            path = os.environ[STORE_ENV]
        if is_store_url(path):
            from warta.remote import RemoteGraphStore

            return RemoteGraphStore.open(str(path), read_only=read_only)
        where = Path(path) if path is not None else default_store_path()
        try:
            if read_only:
                if not (where / "CURRENT").is_file():
                    raise StoreError(f"no store at {where} (run `warta build` first)")
                store = ox.Store.read_only(str(where))
            else:
                store = ox.Store(str(where))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreError(f"store {where} is in use by another writer (a build running?)") from error
            raise StoreError(f"cannot open store {where}: {_first_line(error)}") from error
        return cls(store, where, read_only)

    @classmethod
    def memory(cls) -> GraphStore:
        """A store that lives in memory only (tests, one-off conversions)."""
        return cls(ox.Store())

    def close(self) -> None:
        """Release the store (and its lock on the folder)."""
        if self._store is not None:
            if not self.read_only and self.path is not None:
                self._store.flush()
            self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    @property
    def location(self) -> str:
        """Where the store is, for messages: its folder (or URL for a remote store)."""
        return str(self.path) if self.path is not None else "(memory)"

    # writing

    def replace_graphs(self, graphs: Graphs, remove: Iterable[str | URIRef] = ()) -> None:
        """Replace the content of each graph of `graphs` and drop the graphs of `remove`, atomically.

        `graphs` maps graph names to triples, or is an iterable of (name, triples) pairs, which may be a
        generator: a large write into an empty store is then streamed, never held in memory whole.

        Everything is one SPARQL Update request (`update_requests`), which Oxigraph applies as one
        transaction (when it fails, the store is left as it was): for each graph, the triples no other graph
        holds are deleted from the union (the default graph) and the graph is dropped; then one INSERT DATA
        writes the new graphs and adds their triples to the union.

        At scale: when the first graphs written into an empty store add up to `bulk_threshold` triples,
        everything goes through `bulk_replace` (the bulk loader); a request over `chunk_bytes` is split into
        requests that each replace whole graphs atomically, so an interrupted giant rebuild leaves every
        graph old or new, and the next build (which compares contents) finishes it.
        """
        remove = list(remove)
        if isinstance(graphs, Mapping) and not graphs and not remove:
            return
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        items = iter(graph_items(graphs))
        if not remove and self.is_empty():
            head = _first_triples(items, self.bulk_threshold)
            if sum(len(triples) for _, triples in head) >= self.bulk_threshold:
                self.bulk_replace(chain(head, items))
                return
            items = iter(head)
        for request in update_requests(dict(items), remove, self.chunk_bytes):
            self._update(request)

    def bulk_replace(self, graphs: Graphs) -> None:
        """Write `graphs` into an empty store with Oxigraph's bulk loader, the default graph as their union.

        Several times faster than a SPARQL update, in bounded memory: the quads go to the loader as they
        come (a generator of graphs is mapped while the loader's threads sort and write what came before),
        and the loader holds a few batches of them at a time (a whole 100k-article build peaked at 3.1 GB,
        `bench/scale.py`). The bulk
        loader is not transactional, so when anything fails (a bad IRI, an interrupt, a full disk) the store
        is emptied again: it is left as it was. Only a killed process can leave part of the graphs behind;
        `warta build` then rewrites what differs.
        """
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        if not self.is_empty():
            raise StoreError("bulk_replace needs an empty store")
        store = self.oxigraph
        try:
            store.bulk_extend(dataset_quads(graphs))
            if self.path is not None:
                store.optimize()  # compacts the loader's many small files: queries run 2-10x faster
        except BaseException as error:
            store.clear()
            if isinstance(error, OSError):
                raise StoreError(f"cannot write the store: {_first_line(error)}") from error
            raise

    def is_empty(self) -> bool:
        """Whether the store holds no quad at all."""
        return next(iter(self.oxigraph), None) is None

    def _update(self, request: str) -> None:
        try:
            self.oxigraph.update(request)
        except OSError as error:
            raise StoreError(f"cannot write the store: {_first_line(error)}") from error

    # reading

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResults:
        """Run a SPARQL query over the union of all graphs (GRAPH ?g reaches each named graph), with the
        standard prefixes predeclared.

        `bindings` maps variable names to values (rdflib or pyoxigraph terms, or plain str/int/float/bool);
        they are substituted as terms, never pasted into the query text. Oxigraph substitutes in the
        query's result (SEP-0007), so a SELECT must project the variables it binds (`SELECT *` does).
        """
        substitutions = {
            ox.Variable(name.lstrip("?$")): to_ox(value) for name, value in (bindings or {}).items()
        }
        try:
            return self.oxigraph.query(
                sparql,
                prefixes=PREFIXES,
                substitutions=substitutions or None,
            )
        except SyntaxError as error:
            raise QueryError(syntax_message(error)) from error
        except RuntimeError as error:  # e.g. a bound variable that a SELECT does not project
            raise QueryError(_first_line(error)) from error
        except OSError as error:
            raise StoreError(f"cannot read the store: {_first_line(error)}") from error

    def triples(self, graph: str | URIRef | None = None) -> list[Triple]:
        """The triples of one named graph, or of the union of all graphs (each once), as rdflib terms."""
        return [
            (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in self._ox_triples(graph)
        ]

    def same_content(self, graph: str | URIRef, triples: Iterable[Triple]) -> bool:
        """Whether the named graph already holds exactly `triples`, as the store would keep them (see
        `as_stored`); blank nodes are compared up to renaming."""
        triples = list(triples)
        old = set(self._ox_triples(graph))
        if not old or not triples:
            return not old and not triples
        old = self._as_kept(old)
        memory = ox.Store()
        default = ox.DefaultGraph()
        memory.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), default) for s, p, o in triples)
        new = {quad.triple for quad in memory}
        if len(new) != len(old):
            return False
        if not any(isinstance(t, ox.BlankNode) for triple in new | old for t in triple):
            return new == old
        from rdflib import Graph
        from rdflib.compare import isomorphic

        def as_graph(found: set[ox.Triple]) -> Graph:
            result = Graph()
            for t in found:
                result.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            return result

        return isomorphic(as_graph(old), as_graph(new))

    def _as_kept(self, found: set[ox.Triple]) -> set[ox.Triple]:
        """Triples read back from this store, in the form `as_stored` gives (the embedded store: as is)."""
        return found

    def as_stored(self, triples: Iterable[Triple]) -> list[Triple]:
        """`triples` as this store would give them back: Oxigraph keeps literal values, not their spelling —
        integer-derived datatypes (xsd:positiveInteger...) come back as xsd:integer, decimals in canonical
        form, language tags in lower case. Used to tell whether a graph's content really changed."""
        memory = ox.Store()
        graph = ox.DefaultGraph()
        memory.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples)
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in memory]

    def _ox_triples(self, graph: str | URIRef | None) -> Iterator[ox.Triple]:
        name = ox.NamedNode(str(graph)) if graph is not None else ox.DefaultGraph()
        for quad in self.oxigraph.quads_for_pattern(None, None, None, name):
            yield quad.triple

    def _ntriples(self, graph: str | URIRef | None) -> bytes:
        """One named graph, or the union, as N-Triples (any order)."""
        name = ox.NamedNode(str(graph)) if graph is not None else ox.DefaultGraph()
        return self.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)

    def _named_quads(self) -> Iterator[ox.Quad]:
        """Every quad of the named graphs (any order)."""
        return (q for q in self.oxigraph if isinstance(q.graph_name, ox.NamedNode))

    def dump(self, fmt: str = "turtle", graph: str | URIRef | None = None) -> bytes:
        """Serialise the store: TriG/N-Quads keep the named graphs; the other formats write one graph
        (`graph`, or by default the union of all graphs), sorted so that equal stores give equal bytes."""
        if fmt not in _FORMATS:
            raise StoreError(f"unknown format {fmt!r} (one of {', '.join(_FORMATS)})")
        rdf_format = _FORMATS[fmt]
        try:
            if fmt in DATASET_FORMATS and graph is None:
                quads = sorted(self._named_quads(), key=lambda q: (q.graph_name.value, str(q.triple)))
                return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES)
            # sorting N-Triples lines as bytes gives the order of sorting the triples by str(triple)
            lines = self._ntriples(graph).splitlines()
            lines.sort()
            while lines and not lines[0]:
                del lines[0]
            lines.append(b"")
            ntriples = b"\n".join(lines) if len(lines) > 1 else b""
            del lines  # a copy of the graph less in memory while it is serialised
            if fmt == "ntriples":
                return ntriples
            triples = (q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
            return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
        except OSError as error:
            raise StoreError(f"cannot read the store: {_first_line(error)}") from error

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | URIRef | None = None) -> int:
        """The number of triples of one named graph, or of the union of all graphs (each triple once)."""
        pattern = "?s ?p ?o" if graph is None else f"GRAPH {sparql_term(URIRef(str(graph)))} {{ ?s ?p ?o }}"
        answer = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(next(iter(answer))["n"].value)  # type: ignore[arg-type,index]


@contextmanager
def open_store(path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Iterator[GraphStore]:
    """`with open_store(path) as store:` — opened, then closed (releasing the folder lock) on exit.

    `path` is a folder (the embedded store) or the URL of a SPARQL endpoint (`warta.remote`), e.g.
    `http://127.0.0.1:7878` for an Oxigraph server.
    """
    store = GraphStore.open(path, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def graph_items(graphs: Graphs) -> Iterable[tuple[str | URIRef, Iterable[Triple]]]:
    """(name, triples) pairs of a mapping of graphs, or of an iterable of such pairs."""
    return graphs.items() if isinstance(graphs, Mapping) else graphs


def _first_triples(
    items: Iterator[tuple[str | URIRef, Iterable[Triple]]], enough: int
) -> list[tuple[str | URIRef, list[Triple]]]:
    """The first graphs of `items`, read until they hold `enough` triples (or `items` ends)."""
    head: list[tuple[str | URIRef, list[Triple]]] = []
    total = 0
    while total < enough:
        found = next(items, None)
        if found is None:
            break
        name, triples = found
        head.append((name, list(triples)))
        total += len(head[-1][1])
    return head


def dataset_quads(graphs: Graphs) -> Iterator[ox.Quad]:
    """Each triple of each graph as two quads: in its named graph, and in the default graph (the union)."""
    union = ox.DefaultGraph()
    for name, triples in graph_items(graphs):
        graph = ox.NamedNode(str(name))
        for s, p, o in triples:
            s, p, o = to_ox(s), to_ox(p), to_ox(o)
            yield ox.Quad(s, p, o, graph)
            yield ox.Quad(s, p, o, union)


def nquads_batches(graphs: Graphs, batch_bytes: int) -> Iterator[str]:
    """N-Quads for a bulk load: each triple in its named graph and in the default graph (the union), in
    batches of about `batch_bytes`, cut between graphs."""
    write = _nt_writer()
    lines: list[str] = []
    size = 0
    for name, triples in graph_items(graphs):
        graph = sparql_term(URIRef(str(name)))
        for triple in triples:
            statement = write(triple)
            line = f"{statement} {graph} .\n{statement} .\n"
            lines.append(line)
            size += len(line)
        if size >= batch_bytes:
            yield "".join(lines)
            lines, size = [], 0
    if lines:
        yield "".join(lines)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
