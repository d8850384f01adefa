"""`warta stats`: the statistics of the region network (`warta.network`), as tables or JSON.

Registered on the `warta` group by importing this module (`warta.cli` imports it at its end).
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import click
import pyoxigraph as ox

from warta.cli import format_option, main, store_option, verbosity_options
from warta.store import open_store

MEMBERS_SHOWN = 6  # names of a community listed in the table (the rest counted)

# (key of `statistics`, title, columns: (header, field))
_SECTIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "hosts",
        "Most visited hosts",
        (("code", "code"), ("host", "name"), ("province", "province"), ("visits", "visits"),
         ("visitors", "visitors")),
    ),
    (
        "visitors",
        "Most active visitors",
        (("code", "code"), ("visitor", "name"), ("province", "province"), ("visits", "visits"),
         ("hosts", "hosts")),
    ),
    (
        "pagerank",
        "PageRank: the regions others learn from",
        (("code", "code"), ("region", "name"), ("province", "province"), ("pagerank", "pagerank")),
    ),
    (
        "authorities",
        "HITS authorities: visited by the most active visitors",
        (("code", "code"), ("region", "name"), ("authority", "authority"), ("hub", "hub")),
    ),
    (
        "hubs",
        "HITS hubs: visiting the most visited hosts",
        (("code", "code"), ("region", "name"), ("hub", "hub"), ("authority", "authority")),
    ),
    (
        "communities",
        "Communities: regions that visit one another (Louvain)",
        (("#", "community"), ("size", "size"), ("visits", "visits"), ("leader", "leader_name"),
         ("members", "members_shown")),
    ),
    (
        "sectors",
        "Sectors",
        (("sector", "sector"), ("label", "label"), ("visits", "visits"), ("mentioned", "mentioned")),
    ),
    (
        "province_flows",
        "Flows between provinces",
        (("from", "from"), ("to", "to"), ("visits", "visits")),
    ),
)  # fmt: skip


@main.command()
@format_option(("table", "json"), "table")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    metavar="N",
    help="Show the first N rows of each section.",
)
@click.option(
    "--sector",
    metavar="ID",
    callback=lambda ctx, param, value: _sector(value),
    help="Only the visits about this sector (a focus sector id, e.g. umkm).",
)
@click.option("--year", type=click.IntRange(1900, 2100), metavar="YYYY", help="Only the visits of this year.")
@store_option
@verbosity_options
def stats(fmt: str, top: int, sector: str | None, year: int | None, store_path: str) -> None:
    """Statistics of the network of visits: who visits whom, and who others learn from.

    The sections: counts (regions, visits, visitor → host pairs), the most visited hosts and the most
    active visitors (distinct visits), PageRank and HITS scores over the visitor → host edges weighted by
    visits, communities of regions that visit one another (Louvain, fixed seed), the sectors visits are
    about, and the visits between provinces. --sector and --year keep only the matching visits.

    \b
    Examples:
      warta stats
      warta stats --top 5 --year 2024
      warta stats --sector umkm --format json > umkm.json
    """
    from warta.network import region_graph, statistics

    with open_store(store_path, read_only=True) as store:
        graph = region_graph(store, sector=sector, year=year)
    data = statistics(graph)
    if fmt == "json":
        click.echo(json.dumps(top_rows(data, top), ensure_ascii=False, indent=2))
    else:
        click.echo(format_tables(data, top))


def _sector(value: str | None) -> str | None:
    """The --sector value if it is a sector id of the SKOS scheme, else a usage error naming the closest."""
    from warta.mapping import known_sectors

    if value is None or value in known_sectors():
        return value
    close = difflib.get_close_matches(value, sorted(known_sectors()), n=1)
    hint = f"did you mean {close[0]}?" if close else f"one of {', '.join(sorted(known_sectors()))}"
    raise click.BadParameter(f"unknown sector {value!r}; {hint}")


def top_rows(data: dict[str, Any], top: int) -> dict[str, Any]:
    """`data` with each list cut to its first `top` entries."""
    return {key: value[:top] if isinstance(value, list) else value for key, value in data.items()}


def format_tables(data: dict[str, Any], top: int) -> str:
    """The statistics as aligned tables, one per section, under a title line."""
    from warta.sparql import QueryResult, format_result

    def table(headers: list[str], rows: list[list[Any]]) -> str:
        cells = [tuple(ox.Literal(_cell(value)) for value in row) for row in rows]
        text = format_result(QueryResult("select", headers, cells), "table")
        return text.rsplit("\n", 1)[0]  # without the "(N rows)" footer

    filters = data["filters"]
    counts = [[name, value] for name, value in data["counts"].items()]
    if filters["sector"] is not None:
        counts.insert(0, ["sector", filters["sector"]])
    if filters["year"] is not None:
        counts.insert(0, ["year", filters["year"]])
    counts.append(["modularity", data["modularity"]])
    parts = ["Counts\n" + table(["count", "value"], counts)]
    for key, title, columns in _SECTIONS:
        entries = data[key]
        if key == "communities":
            entries = [c | {"members_shown": _members(c)} for c in entries]
        shown = entries[:top]
        rows = [[entry[field] for _, field in columns] for entry in shown]
        more = f", first {top} of {len(entries)}" if len(entries) > top else ""
        body = table([h for h, _ in columns], rows) if rows else "(none)"
        parts.append(f"{title}{more}\n{body}")
    return "\n\n".join(parts)


def _members(community: dict[str, Any]) -> str:
    names = community["names"]
    shown = ", ".join(names[:MEMBERS_SHOWN])
    return shown + (f" +{len(names) - MEMBERS_SHOWN} more" if len(names) > MEMBERS_SHOWN else "")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}"
    return str(value)
