"""Read-only SPARQL over the store, and the formats of its results (table, CSV, TSV, JSON, Turtle).

Queries see the union of all graphs as their default graph, with the standard prefixes (`warta:`, `schema:`,
`skos:`, `prov:`, ...) predeclared. Updates are refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from warta.errors import QueryError, StoreError
from warta.namespaces import PREFIXES, XSD
from warta.store import GraphStore

FORMATS = ("table", "csv", "tsv", "json", "turtle")
READ_ONLY = "updates are refused: warta query is read-only"

_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_PROLOGUE = re.compile(r"\A(?:\s+|#[^\n]*\n?|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)
_INTEGERS = {
    str(XSD[name])
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
        "unsignedByte",
    )
}  # fmt: skip


@dataclass
class QueryResult:
    """A query's answer: `kind` is "select" (variables, rows), "ask" (boolean) or "graph" (triples).

    Rows hold pyoxigraph terms (None when a variable is unbound); `records()` gives plain Python values.
    `truncated` is true when `limit` cut the answer short.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    def records(self) -> list[dict[str, Any]]:
        """Each row as {variable: plain Python value}: IRIs as str, typed literals as int, Decimal, date..."""
        return [
            {
                var: python_value(term)
                for var, term in zip(self.variables, row, strict=True)
                if term is not None
            }
            for row in self.rows
        ]

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


def python_value(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value: IRI → str, blank node → "_:id", literal → its value."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return str(term)
    datatype = term.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype == str(XSD.decimal):
            return Decimal(term.value)
        if datatype in (str(XSD.double), str(XSD.float)):
            return float(term.value)
        if datatype == str(XSD.boolean):
            return term.value in ("true", "1")
        if datatype == str(XSD.date):
            return dt.date.fromisoformat(term.value)
    except (ValueError, InvalidOperation):
        pass
    return term.value


def is_update(text: str) -> bool:
    """Whether `text` is a SPARQL update request (by its first keyword, else by parsing it as one)."""
    rest = _PROLOGUE.sub("", text, count=1)
    keyword = re.match(r"[A-Za-z]+", rest)
    if keyword and keyword.group(0).upper() in _UPDATE_KEYWORDS:
        return True
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parse failure means "not an update"
        return False
    return True


def run_query(
    store: GraphStore, text: str, bindings: Mapping[str, Any] | None = None, limit: int | None = None
) -> QueryResult:
    """Run a read-only SPARQL query; `bindings` are substituted as RDF terms, `limit` caps rows/triples.

    Raises `QueryError` ("line L, column C: ...") for a malformed query and for any update request.
    """
    try:
        answer = store.query(text, bindings)
    except QueryError:
        if is_update(text):
            raise QueryError(READ_ONLY) from None
        raise
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows, truncated = _take(answer, limit)
            return QueryResult(
                "select",
                variables=variables,
                rows=[tuple(solution[v] for v in variables) for solution in rows],
                truncated=truncated,
            )
        triples, truncated = _take(answer, limit)
        return QueryResult("graph", triples=triples, truncated=truncated)
    except OSError as error:
        raise StoreError(f"query failed: {error}") from error


def _take(iterator: Any, limit: int | None) -> tuple[list[Any], bool]:
    items = []
    for item in iterator:
        if limit is not None and len(items) >= limit:
            return items, True
        items.append(item)
    return items, False


# --- formats ----------------------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as text: table (aligned), csv/tsv/json (SPARQL 1.1 results formats), turtle (graphs)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if result.kind == "graph":
        return _graph(result, fmt)
    if fmt == "turtle":
        raise QueryError("--format turtle needs a CONSTRUCT or DESCRIBE query")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        if fmt in ("csv", "tsv"):
            return ("true" if result.boolean else "false") + "\n"
        return "yes" if result.boolean else "no"
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](result)


def _graph(result: QueryResult, fmt: str) -> str:
    if fmt in ("csv", "tsv"):
        rows = [(t.subject, t.predicate, t.object) for t in result.triples]
        as_select = QueryResult("select", ["subject", "predicate", "object"], rows)
        return _csv(as_select) if fmt == "csv" else _tsv(as_select)
    rdf_format = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.TURTLE
    return ox.serialize(result.triples, format=rdf_format, prefixes=PREFIXES).decode("utf-8")


def compact(term: Any) -> str:
    """A term as a reader wants it in a table: prefixed IRI when a standard prefix fits, literal's text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            local = term.value[len(namespace) :]
            if term.value.startswith(namespace) and re.fullmatch(r"[\w-]*", local):
                return f"{prefix}:{local}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split()) if "\n" in term.value else term.value
    return str(term)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (East Asian) characters count 2, combining marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _table(result: QueryResult) -> str:
    header = list(result.variables)
    body = [[compact(term) for term in row] for row in result.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    lines = [line(header), "  ".join("─" * w for w in widths)] if header else []
    lines.extend(line(cells) for cells in body)
    count = len(result.rows)
    footer = f"({count} row{'s' if count != 1 else ''}"
    lines.append(footer + (", limit reached)" if result.truncated else ")"))
    return "\n".join(lines)


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(term) for term in row])
    return out.getvalue()


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join("" if term is None else str(term) for term in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        data = {"type": "literal", "value": term.value}
        if term.language:
            data["xml:lang"] = term.language
        elif term.datatype.value != str(XSD.string):
            data["datatype"] = term.datatype.value
        return data
    return {"type": "literal", "value": str(term)}


def _json(result: QueryResult) -> str:
    bindings = [
        {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2)
