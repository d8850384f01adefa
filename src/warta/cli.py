"""The `warta` command line: a thin layer over the library.

Every command parses its options, calls one library function, and prints what it returns. Library errors
(`warta.errors.WartaError`) become a one-line "warta: message" on stderr and the error's exit code, in one
place: `WartaGroup.invoke`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from warta import __version__
from warta.errors import WartaError
from warta.store import DEFAULT_STORE, STORE_ENV, is_store_url, open_store

F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class CliError(click.ClickException):
    """A library error as the CLI shows it: "warta: message", with the error's exit code."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"warta: {self.format_message()}", err=True)


class WartaGroup(click.Group):
    """The command group; turns any WartaError escaping a command into a CliError."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WartaError as error:
            raise CliError(" ".join(str(error).split()), error.exit_code) from error


@dataclass
class Settings:
    quiet: bool = False
    verbose: int = 0


def settings() -> Settings:
    ctx = click.get_current_context()
    return ctx.find_object(Settings) or Settings()


def warn(message: str) -> None:
    click.echo(f"warta: {message}", err=True)


def info(message: str) -> None:
    """A note on stderr, unless --quiet."""
    if not settings().quiet:
        click.echo(message, err=True)


# --- shared options ---------------------------------------------------------------------------------------


def store_option(command: F) -> F:
    return click.option(
        "--store",
        "store_path",
        metavar="PATH",
        envvar=STORE_ENV,
        default=DEFAULT_STORE,
        show_default=True,
        show_envvar=True,
        type=click.Path(file_okay=False),
        help="Folder of the graph store, or the URL of a SPARQL 1.1 server (see README: Moving to a server).",
    )(command)


def verbosity_options(command: F) -> F:
    """-q/--quiet and -v/--verbose after the command name too (`warta build -q ...`)."""

    def set_quiet(ctx: click.Context, _: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(Settings).quiet = True

    def add_verbose(ctx: click.Context, _: click.Parameter, value: int) -> None:
        ctx.ensure_object(Settings).verbose += value

    command = click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=set_quiet, help="Print results only."
    )(command)
    return click.option(
        "-v", "--verbose", count=True, expose_value=False, callback=add_verbose, help="Print more."
    )(command)


def format_option(choices: tuple[str, ...], default: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "-F",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def timeout_option(help_text: str) -> Callable[[F], F]:
    """--timeout SECONDS, 30 by default, 0 for no limit."""
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0),
        default=30.0,
        show_default=True,
        metavar="SECONDS",
        help=help_text,
    )


def output_option(command: F) -> F:
    return click.option(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        show_default=True,
        help="Write to FILE (atomically) instead of stdout.",
    )(command)


def jobs_option(command: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Extract with N processes.",
    )(command)


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress callback drawing one bar per phase on stderr when it is a terminal (and not --quiet)."""
    if settings().quiet or not sys.stderr.isatty():
        yield None
        return
    bars: dict[str, Any] = {}
    finished: set[str] = set()

    def finish() -> None:
        for phase, bar in bars.items():
            if phase not in finished:
                bar.render_finish()
                finished.add(phase)

    def update(phase: str, done: int, total: int) -> None:
        if phase not in bars:
            finish()
            bars[phase] = click.progressbar(length=total, label=f"{phase:<10}", file=sys.stderr)
        bar = bars[phase]
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        finish()


# --- commands ---------------------------------------------------------------------------------------------


@click.group(cls=WartaGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="warta")
@click.option("-q", "--quiet", is_flag=True, help="Print results only: no summaries or notes.")
@click.option("-v", "--verbose", count=True, help="Print more about what is done.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """warta: Indonesian regional-government news about visits between regions, as an RDF knowledge graph.

    \b
    Examples:
      warta build data/corpus/dev/gold.jsonl --articles data/corpus/dev/articles.jsonl
      warta query 'SELECT ?v ?label WHERE { ?v a warta:Visit ; rdfs:label ?label }'
      warta export -o graph.ttl
      warta validate
    """
    ctx.obj = Settings(quiet=quiet, verbose=verbose)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", type=click.Path(exists=True))
@click.option(
    "--articles",
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False),
    help="Article records (JSONL) giving headline, date, source and URL of the facts' articles.",
)
@jobs_option
@store_option
@verbosity_options
def build(inputs: tuple[str, ...], articles: str | None, jobs: int, store_path: str) -> None:
    """Build the knowledge graph from facts files, or from raw articles through the extractor.

    Each article's facts go to their own named graph; building again replaces only those graphs, and the
    build is one transaction: an error or Ctrl-C leaves the store as it was. A bad record is reported as
    "FILE:LINE: message" and skipped; the exit code is then 1.

    \b
    Examples:
      warta build data/articles/
      warta build data/corpus/dev/gold.jsonl --articles data/corpus/dev/articles.jsonl
      warta build facts.jsonl --store /srv/warta
      WARTA_STORE=/srv/warta warta build facts.jsonl
    """
    from warta.build import build_from_paths

    with open_store(store_path) as store, _progress() as progress:
        summary = build_from_paths(list(inputs), store, articles_path=articles, progress=progress, jobs=jobs)
    for message in summary.errors:
        warn(message)
    if not settings().quiet:
        lines = [
            ("articles", summary.articles),
            ("visits", summary.visits),
            ("officials", summary.officials),
            ("regions", summary.regions),
            ("triples", summary.triples),
            ("time", f"{summary.seconds:.2f} s"),
        ]
        if settings().verbose:
            lines.insert(5, ("graphs written", summary.graphs_written))
        for label, value in lines:
            click.echo(f"{label:<15}{value}")
    if summary.errors:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...", type=click.Path(exists=True))
@output_option
@click.option(
    "--no-evidence", is_flag=True, help="Leave out the evidence (sentence and offsets) of each fact."
)
@jobs_option
@verbosity_options
def extract(inputs: tuple[str, ...], output: str, no_evidence: bool, jobs: int) -> None:
    """Read news reports and write their facts as JSONL, one line per article.

    INPUT is an article JSONL file, a .txt/.md/.html file, or a folder of them. Each fact carries its
    evidence: the sentence it was read from and its character offsets in the article. Review and correct
    the facts, then `warta build` them. A bad input is reported as "FILE[:LINE]: message" and skipped; the
    exit code is then 1.

    \b
    Examples:
      warta extract data/articles/ -o facts.jsonl
      warta extract data/corpus/dev/articles.jsonl -o dev.jsonl --jobs 2
      warta extract report.html --no-evidence
    """
    from warta.extract.files import extract_files
    from warta.output import write_output

    with _progress() as progress:
        extraction = extract_files(list(inputs), jobs=jobs, progress=progress)
    lines = [
        json.dumps(f.to_dict(evidence=not no_evidence), ensure_ascii=False) + "\n" for f in extraction.facts
    ]
    write_output("".join(lines).encode("utf-8"), output)
    count = len(lines)
    for error in extraction.errors:
        warn(str(error))
    visits = sum(len(f.visits) for f in extraction.facts)
    info(f"{count} articles, {visits} visits" + (f" → {output}" if output != "-" else ""))
    if extraction.errors:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file ('-': stdin).",
)
@click.option("--named", "named", metavar="NAME", help="Run a named query (`warta queries` lists them).")
@click.option(
    "--param",
    "params",
    metavar="NAME=VALUE",
    multiple=True,
    help="A parameter of the named query, bound as an RDF term (repeatable).",
)
@format_option(("table", "csv", "tsv", "json", "turtle"), "table")
@click.option("--limit", type=click.IntRange(min=0), help="Print at most N rows (or triples).")
@timeout_option("Stop the query after this long (0: no limit).")
@store_option
@verbosity_options
def query(
    sparql: str | None,
    query_file: Any,
    named: str | None,
    params: tuple[str, ...],
    fmt: str,
    limit: int | None,
    timeout: float,
    store_path: str,
) -> None:
    """Run a read-only SPARQL query over all graphs (updates are refused), or a named query.

    The prefixes warta, schema, dcterms, skos, prov, org, rdfs, rdf, xsd and owl are predeclared. A syntax
    error exits with code 2 and its line and column, and so does a query still running after --timeout.
    CONSTRUCT and DESCRIBE print Turtle. A named query's parameters are checked by type and bound as RDF
    terms, never pasted into the query.

    \b
    Examples:
      warta query 'SELECT ?label WHERE { ?v a warta:Visit ; rdfs:label ?label }'
      warta query -f visits.rq --format csv > visits.csv
      warta query 'ASK { ?v warta:host/warta:code "61.71" }'
      warta query 'CONSTRUCT WHERE { ?v a warta:Visit ; warta:host ?h }' --format turtle
      warta query --named visits-of-region --param region=62.02
      warta query --named most-visited-hosts --param year=2024 --timeout 5
    """
    from warta.queries import get_query, parse_params, without_params
    from warta.sparql import QueryRunner, format_result, run_query

    if sum(x is not None for x in (sparql, query_file, named)) != 1:
        raise click.UsageError(
            "give the query as an argument or with -f FILE, or name one with --named (only one of them)"
        )
    if params and named is None:
        raise click.UsageError("--param needs --named")
    bindings: dict[str, Any] = {}
    if named is not None:
        named_query = get_query(named)
        text = named_query.text
        bindings = named_query.bind(parse_params(params))
    else:
        text = sparql if sparql is not None else query_file.read()
    if timeout and not is_store_url(store_path):
        # The worker process starts before this process opens the store: it is then forked cheaply. (A
        # remote store answers over HTTP, with the request timeouts of `warta.remote`.)
        with QueryRunner(store_path) as runner:
            result = runner.run(text, bindings, limit=limit, timeout=timeout)
    else:
        with open_store(store_path, read_only=True) as store:
            result = run_query(store, text, bindings, limit=limit)
    if named is not None:
        result = without_params(result, named_query)
    if result.kind == "graph" and fmt == "table":
        fmt = "turtle"
    click.echo(format_result(result, fmt).rstrip("\n"))
    if result.truncated and fmt != "table":
        info(f"(stopped at --limit {limit})")


@main.command()
@click.argument("name", required=False)
@format_option(("table", "json"), "table")
@verbosity_options
def queries(name: str | None, fmt: str) -> None:
    """List the named queries shipped with warta, or print one (its SPARQL, with its documentation).

    Run one with `warta query --named NAME --param NAME=VALUE`. Parameter types: code (a Kemendagri region
    code such as 62.02), sector (a sector id such as umkm), year, int, string.

    \b
    Examples:
      warta queries
      warta queries --format json
      warta queries visits-of-region
    """
    from warta.queries import get_query, list_queries

    if name is not None:
        found = get_query(name)
        click.echo(
            json.dumps(found.to_dict() | {"text": found.text}, ensure_ascii=False, indent=2)
            if fmt == "json"
            else found.text.rstrip("\n")
        )
        return
    named = list_queries()
    if fmt == "json":
        click.echo(json.dumps([q.to_dict() for q in named], ensure_ascii=False, indent=2))
        return
    rows = []
    for q in named:
        params = " ".join(f"{p.name}={p.type}" if p.required else f"[{p.name}={p.type}]" for p in q.params)
        rows.append((q.name, params, q.title))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(("name", "params", "title"))]
    for cells in [("name", "params", "title"), tuple("─" * w for w in widths), *rows]:
        click.echo("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port.")
@timeout_option("Stop a query after this long and answer 503 (0: no limit).")
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=10000,
    show_default=True,
    help="Answer at most N rows (or triples) per query.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Queries evaluated at once, each in its own process.  [default: CPUs, at least 2]",
)
@click.option(
    "--viz",
    "viz_path",
    metavar="FILE",
    default="warta-graph.html",
    show_default=True,
    help="The HTML visualization served at /viz (made by `warta viz`).",
)
@store_option
@verbosity_options
def serve(
    host: str,
    port: int,
    timeout: float,
    max_results: int,
    workers: int | None,
    viz_path: str,
    store_path: str,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql, with a query page at /.

    GET /sparql?query=... or POST (form-encoded, or application/sparql-query); results as SPARQL JSON,
    XML, CSV or TSV (or Turtle, N-Triples, RDF/XML, JSON-LD for CONSTRUCT and DESCRIBE) by the Accept
    header, cut at --max-results (header Warta-Truncated). Updates are refused (403), a syntax error
    answers 400, a query past --timeout 503. /viz serves the --viz file. Listens on 127.0.0.1 only,
    unless --host says otherwise: the endpoint has no authentication. Ctrl-C stops it.

    \b
    Examples:
      warta serve
      warta serve --port 8080 --timeout 10 --max-results 1000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?v a warta:Visit }' \\
        http://127.0.0.1:7878/sparql
    """
    from warta.serve import is_loopback, make_server

    server = make_server(
        store_path,
        host=host,
        port=port,
        timeout=timeout or None,
        max_results=max_results,
        workers=workers,
        viz_path=viz_path,
        log=None if settings().quiet else (lambda line: click.echo(line, err=True)),
    )
    if not is_loopback(host):
        warn(f"listening on {host}: anyone who can reach this machine can query the graph")
    info(f"SPARQL endpoint at {server.url}sparql, query page at {server.url} (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@format_option(("turtle", "trig", "nquads", "ntriples", "jsonld"), "turtle")
@output_option
@store_option
@verbosity_options
def export(fmt: str, output: str, store_path: str) -> None:
    """Write the knowledge graph out.

    Turtle, N-Triples and JSON-LD hold the union of all graphs; TriG and N-Quads keep the named graphs
    (one per article, plus ontology, sectors and regions).

    \b
    Examples:
      warta export > graph.ttl
      warta export --format trig -o graph.trig
      warta export --format jsonld -o graph.jsonld
    """
    from warta.export import export as export_store

    with open_store(store_path, read_only=True) as store:
        size = export_store(store, fmt, output)
    if output != "-":
        info(f"wrote {size} bytes to {output}")


@main.command()
@format_option(("text", "json"), "text")
@store_option
@verbosity_options
def validate(fmt: str, store_path: str) -> None:
    """Check the knowledge graph against the SHACL shapes; exit code 1 when anything violates them.

    \b
    Examples:
      warta validate
      warta validate --format json > report.json
    """
    from warta.validate import validate as validate_store

    with open_store(store_path, read_only=True) as store:
        report = validate_store(store)
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for v in report.violations:
            where = f"{v['focus']} {v['path']}" if v["path"] else v["focus"]
            click.echo(f"{v['severity']}: {where}: {v['message']}")
        if report.conforms:
            info("conforms to the shapes")
        else:
            info(f"{len(report.violations)} result(s)")
    if not report.conforms:
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--details", is_flag=True, help="Also list what differs from gold, article by article.")
@verbosity_options
def evaluate(gold: str, predicted: str, as_json: bool, details: bool) -> None:
    """Score predicted facts (JSONL) against gold facts.

    \b
    Examples:
      warta evaluate data/corpus/dev/gold.jsonl predicted.jsonl
      warta evaluate data/corpus/dev/gold.jsonl predicted.jsonl --details
      warta evaluate data/corpus/dev/gold.jsonl predicted.jsonl --json > scores.json
    """
    from warta import evaluate as scoring

    try:
        report = scoring.evaluate(scoring.read_facts_file(gold), scoring.read_facts_file(predicted))
    except ValueError as error:
        raise CliError(str(error)) from error
    if as_json:
        data = report.to_dict()
        if not details:
            data.pop("details", None)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(scoring.format_table(report))
    if details:
        text = scoring.format_details(report)
        if text:
            click.echo("\n" + text)


# Commands defined in their own modules register themselves on `main` when imported.
import warta.cli_stats  # noqa: E402, F401
import warta.cli_viz  # noqa: E402, F401
