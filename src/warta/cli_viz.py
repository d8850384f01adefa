"""`warta viz`: the graph as one self-contained, interactive HTML page (a thin layer over `warta.viz`)."""

from __future__ import annotations

from pathlib import Path

import click

from warta.cli import info, main, store_option, verbosity_options
from warta.errors import InputError
from warta.store import open_store


@main.command()
@click.option(
    "-o",
    "--output",
    metavar="FILE.html",
    default="warta-graph.html",
    show_default=True,
    help="Write the page to FILE ('-' for stdout).",
)
@click.option(
    "--view",
    type=click.Choice(("regions", "entities")),
    help="regions: regions and the visits between them [default]; entities: regions, officials, visits, "
    "sectors and articles.",
)
@click.option(
    "--layout",
    type=click.Choice(("geo", "force")),
    help="geo: regions at their coordinates (default for regions); force: a force-directed layout "
    "(default for entities).",
)
@click.option("--sector", metavar="ID", help="Only visits about this sector (a focus sector), e.g. umkm.")
@click.option("--year", type=click.IntRange(1, 9999), metavar="YYYY", help="Only visits of this year.")
@click.option(
    "--region",
    metavar="CODE",
    help="Only visits this region made or received, e.g. 62.02 (a province's code covers its regions).",
)
@click.option(
    "--query",
    "query_file",
    metavar="FILE.rq",
    type=click.Path(exists=True, dir_okay=False),
    help="Draw the graph a CONSTRUCT query gives, as entities; --sector, --year and --region are then "
    "bound to its variables ?sector (IRI), ?year (integer) and ?region (IRI).",
)
@click.option(
    "--size-by",
    type=click.Choice(("visits", "pagerank")),
    default="visits",
    show_default=True,
    help="Node size: how often a region was visited (recounted by the page's filters), or PageRank.",
)
@store_option
@verbosity_options
def viz(
    output: str,
    view: str | None,
    layout: str | None,
    sector: str | None,
    year: int | None,
    region: str | None,
    query_file: str | None,
    size_by: str,
    store_path: str,
) -> None:
    """Write the graph as one interactive HTML page that works offline.

    The page holds everything it needs (vis-network, its script, the data) and makes no request to any
    network. Hover over a node or an edge for its facts and the evidence sentence with the report's headline
    and link; click to keep them in the side panel. The page has its own sector and year filters, and for
    the regions view a colouring by province or by sector.

    \b
    Examples:
      warta viz -o visits.html
      warta viz --sector umkm --year 2025 -o umkm-2025.html
      warta viz --region 62.02 --view entities -o kotim.html
      warta viz --view regions --layout force
      warta viz --query subgraph.rq -o subgraph.html
    """
    from warta.viz import Filters, write_html

    query = None
    if query_file is not None:
        if view == "regions":
            raise click.UsageError("--query draws entities; it cannot be combined with --view regions")
        try:
            query = Path(query_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read the query: {error}", path=query_file) from error
    filters = Filters(sector=sector, year=year, region=region, query=query)
    with open_store(store_path, read_only=True) as store:
        data = write_html(
            store, output, view=view or "regions", filters=filters, layout=layout, size_by=size_by
        )
    if output != "-":
        counts = data["meta"]["counts"]
        info(
            f"wrote {counts['nodes']} nodes, {counts['edges']} edges ({counts['visits']} visits) to {output}"
        )
