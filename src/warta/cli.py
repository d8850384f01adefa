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
from warta.store import DEFAULT_STORE, STORE_ENV, open_store

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
        help="Folder of the graph store.",
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
@format_option(("table", "csv", "tsv", "json", "turtle"), "table")
@click.option("--limit", type=click.IntRange(min=0), help="Print at most N rows (or triples).")
@store_option
@verbosity_options
def query(sparql: str | None, query_file: Any, fmt: str, limit: int | None, store_path: str) -> None:
    """Run a read-only SPARQL query over all graphs (updates are refused).

    The prefixes warta, schema, dcterms, skos, prov, org, rdfs, rdf, xsd and owl are predeclared. A syntax
    error exits with code 2 and its line and column. CONSTRUCT and DESCRIBE print Turtle.

    \b
    Examples:
      warta query 'SELECT ?label WHERE { ?v a warta:Visit ; rdfs:label ?label }'
      warta query -f visits.rq --format csv > visits.csv
      warta query 'ASK { ?v warta:host/warta:code "61.71" }'
      warta query 'CONSTRUCT WHERE { ?v a warta:Visit ; warta:host ?h }' --format turtle
    """
    from warta.sparql import format_result, run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query as an argument or with -f FILE (one of them)")
    text = sparql if sparql is not None else query_file.read()
    with open_store(store_path, read_only=True) as store:
        result = run_query(store, text, limit=limit)
    if result.kind == "graph" and fmt == "table":
        fmt = "turtle"
    click.echo(format_result(result, fmt).rstrip("\n"))
    if result.truncated and fmt != "table":
        info(f"(stopped at --limit {limit})")


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
