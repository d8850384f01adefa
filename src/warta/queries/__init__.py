"""Named queries: documented SPARQL queries shipped with warta, one `.rq` file each in this folder.

Each file starts with a comment header::

    # title: Most visited hosts
    # description: The regions other regions visit most ...
    #   (an indented comment line continues the field above it)
    # param: year — count only the visits of this year (type: year, optional)

A parameter is a variable of the query (`year` is `?year`). Its value is converted to an RDF term by its type
and bound through the store's substitutions (`GraphStore.query(..., bindings)`), never pasted into the text:

- `code`: a Kemendagri region code (`62` or `62.02`) known to the gazetteer → the region's IRI;
- `sector`: an id of the SKOS sector scheme (`umkm`) → the sector's IRI;
- `year`: 1900-2100 → xsd:integer; `int`: a whole number → xsd:integer; `string`: → a plain literal.

How the `.rq` files use parameters, because of how Oxigraph substitutes (SEP-0007): a bound variable must be
in the SELECT projection (the runner drops parameter columns from the answer: their value is the one given),
it is seen by the top-level WHERE pattern and its FILTERs but not inside sub-SELECTs, and `BOUND(?p)` is
folded to false by the optimizer for a variable only FILTERs use. So an optional parameter is tested with
COALESCE: `FILTER (COALESCE(?year, 0) = 0 || YEAR(?date) = ?year)`. An aggregate query groups by its
parameters.

How they stay fast on a large graph (100,000 articles; Oxigraph's optimizer plans without knowing which
variables are bound, and each index lookup on disk costs tens of microseconds): a pattern over all visits
goes in a sub-SELECT of its own, which Oxigraph joins by hashing; the visits a bound parameter selects
(`?visit warta:visitor ?region`) are described through OPTIONAL groups starting from `?visit`, looked up
visit by visit (a plain join would hash the attribute over the whole graph); no property path starts from a
parameter; rankings count first in a sub-SELECT and describe only the rows kept; no ORDER BY on IRIs of
large results (sorting them reads each IRI's text).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from warta.errors import QueryError

if TYPE_CHECKING:
    from warta.sparql import QueryResult
    from warta.store import GraphStore

PARAM_TYPES = ("code", "sector", "year", "int", "string")
MAX_STRING = 1000  # characters of a string parameter
YEARS = range(1900, 2101)

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_FIELD = re.compile(r"#\s*(title|description|param):\s*(.*)")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)")
_PARAM = re.compile(
    r"(?P<name>[a-z][a-z0-9_]*)\s+[—–-]+\s+(?P<meaning>.+?)\s*"
    r"\(type:\s*(?P<type>\w+)\s*,\s*(?P<need>optional|required)(?:\s*,\s*default\s+(?P<default>[^)]+?))?\s*\)"
)
_CODE = re.compile(r"[0-9]{2}(?:\.[0-9]{2})?")
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


class UnknownQueryError(QueryError):
    """No named query has this name."""


class ParameterError(QueryError):
    """A parameter is unknown, missing, or its value is not valid for its type."""


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: the variable `?name`, what it means, its type, whether it is needed."""

    name: str
    type: str
    description: str
    required: bool = False
    default: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "required": self.required,
            "default": self.default,
        }

    def convert(self, value: str) -> ox.NamedNode | ox.Literal:
        """The value as the RDF term the query expects; `ParameterError` when it is not valid."""
        if not isinstance(value, str):
            raise ParameterError(f"parameter {self.name}: expected text, got {type(value).__name__}")
        if self.type == "string":
            return ox.Literal(_checked_string(self.name, value))
        text = value.strip()
        if self.type == "code":
            return _region(self.name, text)
        if self.type == "sector":
            return _sector(self.name, text)
        if not _INTEGER.fullmatch(text):
            raise ParameterError(f"parameter {self.name}: {_shown(value)} is not a whole number")
        number = int(text)
        if self.type == "year" and number not in YEARS:
            raise ParameterError(f"parameter {self.name}: {number} is not a year ({YEARS[0]}-{YEARS[-1]})")
        return ox.Literal(str(number), datatype=_XSD_INTEGER)


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped with warta: `name` (kebab-case, the file name), `title`, `description`, `params`, and
    the SPARQL `text` (the whole file, header comments included)."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bind(self, values: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """The substitutions for `values` ({param name: text}): each converted by its type, defaults
        filled in. Raises `ParameterError` for an unknown or missing parameter or an invalid value."""
        unknown = [name for name in values if self.param(name) is None]
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise ParameterError(
                f"unknown parameter {unknown[0]!r} for named query {self.name} (parameters: {known})"
            )
        bindings: dict[str, ox.NamedNode | ox.Literal] = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                if param.required:
                    raise ParameterError(
                        f"named query {self.name} needs --param {param.name}=... ({param.description})"
                    )
                continue
            bindings[param.name] = param.convert(value)
        return bindings

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [p.to_dict() for p in self.params],
        }


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """`["region=62.02", "year=2025"]` as {name: value}; `ParameterError` for a malformed or repeated one."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        name = name.strip()
        if not equals or not name:
            raise ParameterError(f"a parameter is NAME=VALUE, not {_shown(pair)}")
        if name in values:
            raise ParameterError(f"parameter {name} given twice")
        values[name] = value
    return values


def without_params(result: QueryResult, query: NamedQuery) -> QueryResult:
    """The result without the columns of the query's parameters (projected only so that they can be
    bound; their value is the one given)."""
    names = {p.name for p in query.params}
    keep = [i for i, v in enumerate(result.variables) if v not in names]
    if result.kind != "select" or len(keep) == len(result.variables):
        return result
    return replace(
        result,
        variables=[result.variables[i] for i in keep],
        rows=[tuple(row[i] for i in keep) for row in result.rows],
    )


def run_named(
    store: GraphStore,
    name: str,
    values: Mapping[str, str] | None = None,
    limit: int | None = None,
    timeout: float | None = None,
) -> QueryResult:
    """Run the named query `name` with parameter `values` ({name: text}) over `store` (see `run_query`)."""
    from warta.sparql import run_query

    query = get_query(name)
    result = run_query(store, query.text, query.bind(values or {}), limit=limit, timeout=timeout)
    return without_params(result, query)


# --- loading ----------------------------------------------------------------------------------------------


def list_queries() -> list[NamedQuery]:
    """Every named query, by name."""
    return list(_load_all().values())


def get_query(name: str) -> NamedQuery:
    """The named query `name`; `UnknownQueryError` suggesting the closest names when there is none."""
    queries = _load_all()
    found = queries.get(name)
    if found is not None:
        return found
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `warta queries` lists them"
    raise UnknownQueryError(f"unknown named query {_shown(name)}{hint}")


@cache
def _load_all() -> dict[str, NamedQuery]:
    folder = resources.files(__name__)
    queries = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            query = parse_query_file(entry.name[: -len(".rq")], entry.read_text(encoding="utf-8"))
            queries[query.name] = query
    return queries


def parse_query_file(name: str, text: str) -> NamedQuery:
    """A named query from the text of its `.rq` file; `ValueError` when the header is malformed."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"named query {name!r}: names are kebab-case")
    fields: dict[str, list[str]] = {"title": [], "description": []}
    params: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break  # the header ends at the first line of SPARQL
            current = None
            continue
        found = _FIELD.match(line)
        if found:
            key, value = found.groups()
            current = [value.strip()]
            if key == "param":
                params.append(current)
            else:
                fields[key] = current
            continue
        more = _CONTINUATION.match(line)
        if more and current is not None:
            current.append(more.group(1).strip())
    title, description = " ".join(fields["title"]), " ".join(fields["description"])
    if not title or not description:
        raise ValueError(f"named query {name}: the header needs '# title:' and '# description:'")
    return NamedQuery(name, title, description, tuple(_param(name, " ".join(p)) for p in params), text)


def _param(query: str, text: str) -> Param:
    found = _PARAM.fullmatch(text)
    if not found or found["type"] not in PARAM_TYPES:
        raise ValueError(
            f"named query {query}: malformed '# param: {text}' "
            f"(expected 'name — meaning (type: {'|'.join(PARAM_TYPES)}, optional|required[, default V])')"
        )
    return Param(
        name=found["name"],
        type=found["type"],
        description=found["meaning"],
        required=found["need"] == "required",
        default=found["default"],
    )


# --- converting values ------------------------------------------------------------------------------------


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted for an error message: one line, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _checked_string(name: str, value: str) -> str:
    if len(value) > MAX_STRING:
        raise ParameterError(f"parameter {name}: longer than {MAX_STRING} characters")
    if any(0xD800 <= ord(c) <= 0xDFFF or c == "\x00" for c in value):
        raise ParameterError(f"parameter {name}: {_shown(value)} is not valid text")
    return value


def _region(name: str, code: str) -> ox.NamedNode:
    from warta.gazetteer import load_gazetteer
    from warta.mapping import region_iri

    if not _CODE.fullmatch(code):
        raise ParameterError(
            f"parameter {name}: {_shown(code)} is not a Kemendagri region code (like 62 or 62.02)"
        )
    if load_gazetteer().get(code) is None:
        raise ParameterError(f"parameter {name}: unknown region code {code}")
    return ox.NamedNode(str(region_iri(code)))


def _sector(name: str, sector_id: str) -> ox.NamedNode:
    from warta.mapping import known_sectors, sector_iri

    sectors = known_sectors()
    if sector_id not in sectors:
        close = difflib.get_close_matches(sector_id, sorted(sectors), n=1)
        hint = f"; did you mean {close[0]}?" if close else f" (one of {', '.join(sorted(sectors))})"
        raise ParameterError(f"parameter {name}: unknown sector {_shown(sector_id)}{hint}")
    return ox.NamedNode(str(sector_iri(sector_id)))
