"""The graph store: an embedded, persistent Oxigraph dataset of named graphs.

`GraphStore` is the one place that talks to the storage engine. Its methods take and return plain data
(graph IRIs as strings or rdflib terms, triples of rdflib terms, bytes) or pyoxigraph query results, so a
remote store backed by a SPARQL 1.1 endpoint (issue 4) can implement the same methods later: `replace_graphs`
as one SPARQL Update request, `query` by parsing the endpoint's results with `pyoxigraph.parse_query_results`,
`dump` via the Graph Store Protocol. Only the embedded store exists now.

Layout: each article's facts, the ontology, the sectors and the regions are named graphs; the default graph
holds their union, each triple once, kept up to date by `replace_graphs` in the same transaction. Queries
read the default graph. (Oxigraph's `use_default_graph_as_union` repeats a triple once per graph holding it,
so a visit reported by two articles would be counted twice; SPARQL's union is a set.)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from warta.errors import QueryError, StoreError
from warta.namespaces import PREFIXES, XSD

DEFAULT_STORE = "warta-data"
STORE_ENV = "WARTA_STORE"

Triple = tuple[Node, Node, Node]
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


def default_store_path() -> Path:
    """`$WARTA_STORE`, else `./warta-data`."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


# --- terms ------------------------------------------------------------------------------------------------


def to_ox(term: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term (or a pyoxigraph term, or a plain str/int/float/bool) as a pyoxigraph term."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
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


def _nt_writer():
    """A function writing an rdflib triple as one N-Triples statement; caches IRIs, which repeat a lot."""
    iris: dict[URIRef, str] = {}

    def term(t: Node) -> str:
        if isinstance(t, URIRef):
            found = iris.get(t)
            if found is None:
                found = iris[t] = str(ox.NamedNode(str(t)))
            return found
        return str(to_ox(t))

    def write(triple: Triple) -> str:
        s, p, o = triple
        return f"{term(s)} {term(p)} {term(o)} ."

    return write


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

    def __init__(self, store: ox.Store, path: Path | None = None, read_only: bool = False):
        self._store: ox.Store | None = store
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> GraphStore:
        """Open (or, unless `read_only`, create) the store at `path` (default: `default_store_path()`)."""
        where = Path(path) if path is not None else default_store_path()
        try:
            if read_only:
                if not (where / "CURRENT").is_file():
                    raise StoreError(f"no store at {where} (run `warta build` first)")
                store = ox.Store.read_only(str(where))
            else:
                store = ox.Store(str(where))
        except (OSError, RuntimeError) as error:
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

    # writing

    def replace_graphs(
        self, graphs: Mapping[str | URIRef, Iterable[Triple]], remove: Iterable[str | URIRef] = ()
    ) -> None:
        """Replace the content of each graph of `graphs` and drop the graphs of `remove`, atomically.

        Everything is one SPARQL Update request, which Oxigraph applies as one transaction (when it fails,
        the store is left as it was): for each graph, the triples no other graph holds are deleted from the
        union (the default graph) and the graph is dropped; then one INSERT DATA writes the new graphs and
        adds their triples to the union.
        """
        write = _nt_writer()
        operations = []
        for name in (*graphs, *remove):
            graph = str(ox.NamedNode(str(name)))
            operations.append(
                f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }} }}"
            )
            operations.append(f"DROP SILENT GRAPH {graph}")
        blocks = []
        union: dict[str, None] = {}
        for name, triples in graphs.items():
            statements = [write(t) for t in triples]
            if statements:
                union.update(dict.fromkeys(statements))
                body = "\n".join(statements)
                blocks.append(f"GRAPH {ox.NamedNode(str(name))} {{\n{body}\n}}")
        if blocks:
            blocks.append("\n".join(union))
            operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
        if not operations:
            return
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        try:
            self.oxigraph.update(" ;\n".join(operations))
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
        memory = ox.Store()
        default = ox.DefaultGraph()
        memory.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), default) for s, p, o in triples)
        new = {quad.triple for quad in memory}
        old = set(self._ox_triples(graph))
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

    def dump(self, fmt: str = "turtle", graph: str | URIRef | None = None) -> bytes:
        """Serialise the store: TriG/N-Quads keep the named graphs; the other formats write one graph
        (`graph`, or by default the union of all graphs), sorted so that equal stores give equal bytes."""
        if fmt not in _FORMATS:
            raise StoreError(f"unknown format {fmt!r} (one of {', '.join(_FORMATS)})")
        rdf_format = _FORMATS[fmt]
        try:
            if fmt in DATASET_FORMATS and graph is None:
                quads = sorted(
                    (q for q in self.oxigraph if isinstance(q.graph_name, ox.NamedNode)),
                    key=lambda q: (q.graph_name.value, str(q.triple)),
                )
                return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES)
            triples = sorted(self._ox_triples(graph), key=str)
            return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
        except OSError as error:
            raise StoreError(f"cannot read the store: {_first_line(error)}") from error

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | URIRef | None = None) -> int:
        """The number of triples of one named graph, or of the union of all graphs (each triple once)."""
        return sum(1 for _ in self._ox_triples(graph))


@contextmanager
def open_store(path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Iterator[GraphStore]:
    """`with open_store(path) as store:` — opened, then closed (releasing the folder lock) on exit."""
    store = GraphStore.open(path, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
