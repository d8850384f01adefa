"""Read-only SPARQL over the store, and the formats of its results (table, CSV, TSV, JSON, Turtle).

Queries see the union of all graphs as their default graph, with the standard prefixes (`warta:`, `schema:`,
`skos:`, `prov:`, ...) predeclared. Updates are refused.

Time limits: pyoxigraph cannot cancel a running query (it neither checks for signals nor offers a handle to
interrupt), so a query with a time limit runs in a worker process that has the store open read-only, and a
worker still busy at the deadline is killed (`QueryRunner`). Workers are reused from query to query, so the
cost is one fork per runner and the pickling of the answer.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import multiprocessing
import os
import queue
import re
import signal
import threading
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from warta.errors import QueryError, StoreError, WartaError
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
    store: GraphStore,
    text: str,
    bindings: Mapping[str, Any] | None = None,
    limit: int | None = None,
    timeout: float | None = None,
) -> QueryResult:
    """Run a read-only SPARQL query; `bindings` are substituted as RDF terms, `limit` caps rows/triples.

    Raises `QueryError` ("line L, column C: ...") for a malformed query and for any update request, and
    `QueryTimeout` when `timeout` (seconds) is given and the query runs longer: it is then evaluated in a
    worker process over the store's folder (see `QueryRunner`), which needs a store on disk.
    """
    if timeout is not None:
        if store.path is None:
            raise QueryError("a time limit needs a store on disk (this one is in memory)")
        with QueryRunner(store.path) as runner:
            return runner.run(text, bindings, limit=limit, timeout=timeout)
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
                rows=[tuple(solution) for solution in rows],  # values in the order of `variables`
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


# --- time limits ------------------------------------------------------------------------------------------


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


_GRACE = 10.0  # seconds past a deadline after which a worker ends itself (its parent should kill it first)


class QueryRunner:
    """Runs read-only queries over the store folder `path` in up to `workers` worker processes.

    Each worker opens the store read-only once and answers queries one at a time; `run` waits for a free
    worker. A query still running at its deadline is stopped by killing its worker (a new one is started
    on demand), so a runaway query costs no CPU after its time is up. Workers are forked while this process
    has a single thread (a fork is then safe and cheap), else they come from a fork server. Thread-safe.
    """

    def __init__(self, path: str | os.PathLike[str], workers: int = 1):
        if workers < 1:
            raise ValueError("a QueryRunner needs at least one worker")
        self.path = Path(path).absolute()
        self.workers = workers
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start all workers now rather than on first use (before this process starts threads, say)."""
        while len(self._all) < self.workers:
            self._idle.put(self._new_worker())

    def run(
        self,
        text: str,
        bindings: Mapping[str, Any] | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """`run_query` in a worker; `QueryTimeout` ("query timed out after N s") past `timeout` seconds."""
        request = (text, dict(bindings or {}), limit, timeout)
        with self._slots:
            worker = self._take()
            try:
                answer = worker.ask(request, timeout)
            except BaseException:  # timed out, died, or interrupted (Ctrl-C): the worker cannot be reused
                self._discard(worker)
                raise
            self._idle.put(worker)
        status, *payload = answer
        if status == "ok":
            return payload[0]
        kind, message = payload
        raise (StoreError if kind == "StoreError" else QueryError)(message)

    def close(self) -> None:
        """Stop every worker (a busy one is killed)."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _take(self) -> _Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return self._new_worker()
            if worker.process.is_alive():
                return worker
            self._discard(worker)

    def _new_worker(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise QueryError("the query runner is closed")
            worker = _Worker(self.path)
            self._all.add(worker)
            return worker

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, path: Path):
        context = _mp_context()
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_serve_queries, args=(child, str(path)), name="warta-query", daemon=True
        )
        self.process.start()
        child.close()

    def ask(self, request: tuple[Any, ...], timeout: float | None) -> tuple[Any, ...]:
        try:
            self.connection.send(request)
            if timeout is not None and not self.connection.poll(timeout):
                raise QueryTimeout(f"query timed out after {timeout:g} s")
            return self.connection.recv()
        except (EOFError, OSError):
            raise QueryError("query failed: its worker process ended unexpectedly") from None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(0.5)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def _mp_context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", __name__])  # imported once, not in each worker
        return context
    return multiprocessing.get_context("spawn")


def _single_threaded() -> bool:
    """Whether this process has one OS thread (Linux), so that no other thread can hold a lock at a fork.

    Storage engines start native threads that `threading` does not see: an open store has several."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _serve_queries(connection: Any, path: str) -> None:
    """A worker's life: open the store read-only, then answer (text, bindings, limit, timeout) requests
    with ("ok", QueryResult) or ("error", kind, message) until None or the parent's end closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it kills the worker
    try:
        store: GraphStore | None = GraphStore.open(path, read_only=True)
        failure = None
    except WartaError as error:
        store, failure = None, ("error", type(error).__name__, str(error))
    watchdog = _Watchdog()
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            break
        if request is None:
            break
        if store is None:
            connection.send(failure)
            continue
        text, bindings, limit, timeout = request
        watchdog.arm(timeout)
        try:
            answer: tuple[Any, ...] = ("ok", run_query(store, text, bindings, limit=limit))
        except WartaError as error:
            answer = ("error", type(error).__name__, str(error))
        except Exception as error:  # noqa: BLE001 - any failure is the answer to this query
            answer = ("error", "QueryError", f"query failed: {error}")
        watchdog.arm(None)
        connection.send(answer)
    if store is not None:
        store.close()


class _Watchdog:
    """Ends the worker when a query outlives its deadline by `_GRACE` seconds or the worker is orphaned,
    in case the parent could not kill it (the parent died, say)."""

    def __init__(self) -> None:
        self.parent = os.getppid()
        self.deadline: float | None = None
        threading.Thread(target=self._watch, name="warta-watchdog", daemon=True).start()

    def arm(self, timeout: float | None) -> None:
        self.deadline = None if timeout is None else time.monotonic() + timeout + _GRACE

    def _watch(self) -> None:
        while True:
            time.sleep(1.0)
            deadline = self.deadline
            if os.getppid() != self.parent or (deadline is not None and time.monotonic() > deadline):
                os._exit(3)


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
