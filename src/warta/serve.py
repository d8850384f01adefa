"""A read-only SPARQL 1.1 Protocol endpoint over the store, on the standard library's HTTP server.

`make_server(store_path, host, port, ...)` returns a `ThreadingHTTPServer` serving

- `/sparql`: queries by GET (`?query=`) or POST (form-encoded, or `application/sparql-query`), answered in
  the format the Accept header asks for (SPARQL results JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML or
  JSON-LD for CONSTRUCT and DESCRIBE). Updates are refused with 403, syntax errors answered 400 with the
  message, a query past the time limit 503, answers cut at `max_results` (header `Warta-Truncated`);
- `/`: a page with a query box; `/viz`: the visualization file of `warta viz`, or a note on how to make it.

Queries run in the worker processes of a `QueryRunner` (the store open read-only in each; a query past its
deadline is stopped by killing its worker), so request threads only wait. Every answer allows any origin
(CORS): the data is public and the endpoint read-only. Workers see the store as it was when they opened it,
and Oxigraph does not support writing a store that is open read-only: stop the server to rebuild.
"""

from __future__ import annotations

import html
import ipaddress
import json
import os
import secrets
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from warta.errors import QueryError, WartaError
from warta.namespaces import PREFIXES, XSD
from warta.sparql import READ_ONLY, QueryResult, QueryRunner, QueryTimeout, format_result

MAX_BODY = 1_000_000  # bytes of a POST request
REFUSED = "updates are refused: this SPARQL endpoint is read-only"

_RESULTS = {  # SELECT and ASK: media type → (format, content type sent)
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPHS = {  # CONSTRUCT and DESCRIBE
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
}
_TEXT = {"csv", "tsv"}


class ServeError(WartaError):
    """The server cannot start (the port is taken, say)."""

    exit_code = 2


class NotAcceptable(Exception):
    """No format the server has is acceptable to the client."""


def is_loopback(host: str) -> bool:
    """Whether `host` is a loopback address or name (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server, holding the query runner and the settings its handlers read."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # connections waiting to be accepted (the default, 5, drops bursts)

    def __init__(
        self,
        address: tuple[str, int],
        runner: QueryRunner,
        timeout: float | None,
        max_results: int,
        viz_path: Path | None,
        log: Callable[[str], None] | None,
    ):
        self.runner = runner
        self.query_timeout = timeout
        self.max_results = max_results
        self.viz_path = viz_path
        self.log = log
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.runner.close()


def make_server(
    store_path: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float | None = 30.0,
    max_results: int = 10000,
    workers: int | None = None,
    viz_path: str | os.PathLike[str] | None = None,
    log: Callable[[str], None] | None = None,
) -> SparqlServer:
    """A server for the store at `store_path`, listening on `host`:`port` (0: any free port); run it with
    `serve_forever()`, stop it with `shutdown()` and `server_close()`.

    `timeout` (seconds, None: none) and `max_results` limit each query; `workers` is the number of queries
    evaluated at once (default: the CPUs, at least 2); `log` receives one line per request. Raises
    `StoreError` when the store cannot be opened, `ServeError` when the address cannot be bound.
    """
    runner = QueryRunner(store_path, workers=workers or max(2, os.cpu_count() or 1))
    try:
        runner.start()
        runner.run("ASK {}", timeout=timeout)  # opens the store in a worker: fails now if it cannot
        try:
            return SparqlServer(
                (host, port), runner, timeout, max_results, Path(viz_path) if viz_path else None, log
            )
        except OSError as error:
            raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
    except BaseException:
        runner.close()
        raise


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "warta"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a connection may stay silent before it is closed

    # --- routing

    def do_OPTIONS(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self._send(HTTPStatus.NO_CONTENT, b"", None)

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self._sparql(parse_qs(url.query, keep_blank_values=True), None)
        elif url.path in ("/", "/index.html"):
            nonce = secrets.token_urlsafe(16)
            self._page(_index_page(self.server, nonce), nonce)
        elif url.path == "/viz":
            self._viz()
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no such page: {url.path}")

    def do_HEAD(self) -> None:  # noqa: N802
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"", None, {"Allow": "GET, POST, OPTIONS"})

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True  # the body is left unread
            self._error(HTTPStatus.NOT_FOUND, f"no such endpoint: {url.path}")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True
            self._error(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
            return
        if int(length) > MAX_BODY:
            self.close_connection = True  # the body is left unread
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is over {MAX_BODY} bytes")
            return
        body = self.rfile.read(int(length))
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, REFUSED)
            return
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
            return
        if media == "application/x-www-form-urlencoded":
            for name, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
            self._sparql(params, None)
        elif media == "application/sparql-query":
            self._sparql(params, text)
        else:
            self._error(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST application/x-www-form-urlencoded or application/sparql-query",
            )

    # --- the SPARQL protocol

    def _sparql(self, params: dict[str, list[str]], body: str | None) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, REFUSED)
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported")
            return
        queries = params.get("query", []) + ([body] if body is not None else [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give one SPARQL query: ?query=... (the page / has a form)")
            return
        server = self.server
        try:
            result = server.runner.run(queries[0], limit=server.max_results, timeout=server.query_timeout)
        except QueryTimeout as error:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(error))
            return
        except QueryError as error:
            refused = str(error) == READ_ONLY
            message = REFUSED if refused else " ".join(str(error).split())
            self._error(HTTPStatus.FORBIDDEN if refused else HTTPStatus.BAD_REQUEST, message)
            return
        except WartaError as error:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, " ".join(str(error).split()))
            return
        try:
            content_type, payload = serialize(result, self.headers.get("Accept"))
        except NotAcceptable as error:
            self._error(HTTPStatus.NOT_ACCEPTABLE, str(error))
            return
        extra = {"Warta-Truncated": str(server.max_results)} if result.truncated else {}
        self._send(HTTPStatus.OK, payload, content_type, extra)

    # --- pages

    def _viz(self) -> None:
        path = self.server.viz_path
        if path is not None and path.is_file():  # made by `warta viz`: its scripts load from elsewhere
            self._send(HTTPStatus.OK, path.read_bytes(), "text/html; charset=utf-8")
            return
        where = f"<code>{html.escape(str(path))}</code>" if path else "the file given with --viz"
        body = (
            f"<h1>No visualization yet</h1><p>No visualization at {where}. Make one with "
            "<code>warta viz</code>, then reload this page.</p><p><a href='/'>Query the graph</a></p>"
        )
        self._page(_PAGE.format(title="warta — no visualization yet", body=body), nonce=None)

    def _page(self, text: str, nonce: str | None) -> None:
        """An HTML page whose only scripts are those carrying `nonce`."""
        scripts = f"'nonce-{nonce}'" if nonce else "'none'"
        policy = (
            f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; connect-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        )
        headers = {"Content-Security-Policy": policy}
        self._send(HTTPStatus.OK, text.encode("utf-8"), "text/html; charset=utf-8", headers)

    # --- responses

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(
        self,
        status: HTTPStatus,
        payload: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Access-Control-Expose-Headers", "Warta-Truncated")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        if content_type:
            self.send_header("Content-Type", content_type)
        if "/sparql" in self.path:
            self.send_header("Vary", "Accept")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")


# --- formats ----------------------------------------------------------------------------------------------


def serialize(result: QueryResult, accept: str | None) -> tuple[str, bytes]:
    """(content type, bytes) of `result` in the best format the Accept header allows; `NotAcceptable`."""
    offered = list(_GRAPHS) if result.kind == "graph" else list(_RESULTS)
    media = negotiate(accept, offered)
    if media is None:
        raise NotAcceptable(f"not acceptable: {accept}; this answer comes as {', '.join(offered)}")
    if result.kind == "graph":
        rdf_format = _GRAPHS[media]
        prefixes = PREFIXES if rdf_format != ox.RdfFormat.N_TRIPLES else None
        payload = ox.serialize(result.triples, format=rdf_format, prefixes=prefixes)
        media = rdf_format.media_type  # the standard name of the format, whatever alias was asked for
        return f"{media}; charset=utf-8", payload
    fmt = _RESULTS[media]
    text = results_xml(result) if fmt == "xml" else format_result(result, fmt)
    if fmt == "json" and media == "application/json":
        media = "application/sparql-results+json"
    return f"{media}; charset=utf-8", text.encode("utf-8")


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers (the first offered when it is absent or `*/*`)."""
    if not accept or not accept.strip():
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for position, item in enumerate(accept.split(",")):
        media, *options = (part.strip() for part in item.split(";"))
        media = media.lower()
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        for preference, candidate in enumerate(offered):
            kind = candidate.split("/")[0]
            specificity = 2 if media == candidate else 1 if media == f"{kind}/*" else 0
            if specificity == 0 and media != "*/*":
                continue
            # Higher quality wins, then a more specific range, then the server's order of preference.
            rank = (quality, specificity, -preference if media == "*/*" else -position)
            if best is None or rank > best:
                best, chosen = rank, candidate
    return chosen


def results_xml(result: QueryResult) -> str:
    """The SPARQL Query Results XML Format of a SELECT or ASK result."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if result.kind == "ask":
        lines += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(lines) + "\n"
    lines.append("  <head>")
    lines += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    lines += ["  </head>", "  <results>"]
    for row in result.rows:
        lines.append("    <result>")
        for variable, term in zip(result.variables, row, strict=True):
            if term is not None:
                lines.append(f"      <binding name={quoteattr(variable)}>{_xml_term(term)}</binding>")
        lines.append("    </result>")
    lines += ["  </results>", "</sparql>"]
    return "\n".join(lines) + "\n"


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
        if term.datatype.value != str(XSD.string):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
        return f"<literal>{_xml_text(term.value)}</literal>"
    return f"<literal>{_xml_text(str(term))}</literal>"


def _xml_text(text: str) -> str:
    """Escaped for XML 1.0, whose documents cannot hold most control characters even as references."""
    cleaned = "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)
    return escape(cleaned)


# --- the query page ---------------------------------------------------------------------------------------

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; }}
textarea {{ width: 100%; font: 13px/1.4 ui-monospace, monospace; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: .2em .5em; }} th {{ background: #f3f3f3; }}
pre {{ white-space: pre-wrap; }} .error {{ color: #a00; }}
</style></head><body>
{body}
</body></html>
"""

_DEFAULT_QUERY = """SELECT ?visitor ?host ?date WHERE {
  ?visit a warta:Visit ;
         warta:visitor/rdfs:label ?visitor ;
         warta:host/rdfs:label ?host .
  OPTIONAL { ?visit warta:date ?date }
}
ORDER BY DESC(?date)
LIMIT 20"""

_SCRIPT = """
const form = document.getElementById("query-form"), out = document.getElementById("results");
const examples = JSON.parse(document.getElementById("examples").textContent);
document.getElementById("example").addEventListener("change", (event) => {
  const found = examples.find((e) => e.name === event.target.value);
  if (found) form.query.value = found.text;
});
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  out.replaceChildren("Running…");
  const accept = form.accept.value;
  try {
    const response = await fetch("/sparql", {method: "POST", headers: {"Accept": accept},
      body: new URLSearchParams({query: form.query.value})});
    const text = await response.text();
    if (!response.ok) { show(text, "error"); return; }
    if (accept.includes("json") && response.headers.get("Content-Type").includes("sparql-results+json")) {
      table(JSON.parse(text), response.headers.get("Warta-Truncated"));
    } else { show(text); }
  } catch (error) { show(String(error), "error"); }
});
function show(text, className) {
  const pre = document.createElement("pre");
  pre.textContent = text;
  if (className) pre.className = className;
  out.replaceChildren(pre);
}
function table(data, truncated) {
  if (data.boolean !== undefined) { show(data.boolean ? "yes" : "no"); return; }
  const t = document.createElement("table"), head = t.insertRow();
  for (const v of data.head.vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.append(th);
  }
  for (const b of data.results.bindings) {
    const row = t.insertRow();
    for (const v of data.head.vars) { row.insertCell().textContent = b[v] ? b[v].value : ""; }
  }
  const note = document.createElement("p");
  const count = data.results.bindings.length;
  note.textContent = count + " rows" + (truncated ? " (cut at " + truncated + ")" : "");
  out.replaceChildren(note, t);
}
"""


def _index_page(server: SparqlServer, nonce: str) -> str:
    """The query page. Strings from the graph (article headlines) are escaped; the examples are
    embedded as JSON with `<` escaped so that no text can close the script element."""
    from warta.queries import list_queries

    examples = [
        {"name": q.name, "title": q.title, "text": q.text}
        for q in list_queries()
        if not any(p.required for p in q.params)
    ]
    options = "".join(
        f'<option value="{html.escape(e["name"])}">{html.escape(e["title"])}</option>' for e in examples
    )
    formats = "".join(
        f'<option value="{m}">{label}</option>'
        for m, label in (
            ("application/sparql-results+json", "table"),
            ("text/csv", "CSV"),
            ("text/tab-separated-values", "TSV"),
            ("application/sparql-results+xml", "XML"),
            ("text/turtle", "Turtle (CONSTRUCT)"),
        )
    )
    prefixes = ", ".join(sorted(PREFIXES))
    embedded = json.dumps(examples).replace("<", "\\u003c")  # no text can close the script element
    body = f"""<h1>warta — SPARQL</h1>
<p>Visits between Indonesian regions, read from regional-government news. The endpoint is
<code>/sparql</code> (SPARQL 1.1 Protocol, read-only); the prefixes {html.escape(prefixes)} are
predeclared.</p>
{_latest(server)}
<form id="query-form" method="post" action="/sparql">
<p><label>Example: <select id="example"><option value="">—</option>{options}</select></label></p>
<textarea name="query" rows="14" spellcheck="false">{html.escape(_DEFAULT_QUERY)}</textarea>
<p><label>Answer as <select name="accept">{formats}</select></label> <button type="submit">Run</button></p>
</form>
<div id="results"></div>
<script type="application/json" id="examples">{embedded}</script>
<script nonce="{nonce}">{_SCRIPT}</script>"""
    return _PAGE.format(title="warta — SPARQL", body=body)


def _latest(server: SparqlServer) -> str:
    """A sentence naming the latest reported visits (escaped: the labels and headlines come from articles)."""
    try:
        result = server.runner.run(
            "SELECT ?label ?headline WHERE { ?article warta:reports ?visit ; rdfs:label ?headline . "
            "?visit rdfs:label ?label ; warta:date ?date } ORDER BY DESC(?date) ?label LIMIT 3",
            timeout=server.query_timeout,
        )
    except WartaError:
        return ""
    items = [
        f"<li>{html.escape(row[0].value)} — <q>{html.escape(row[1].value)}</q></li>"
        for row in result.rows
        if row[0] is not None and row[1] is not None
    ]
    return f"<p>Latest visits:</p><ul>{''.join(items)}</ul>" if items else ""
