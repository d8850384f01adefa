"""Interactive views of the graph: plain graph data from the store, drawn by vis-network in ONE HTML file.

`graph_data(store, view, filters)` queries the store (every filter value is a bound SPARQL parameter, never
pasted into query text) and returns plain data: `nodes`, `edges`, `legend`, `meta`, and the facts the page
shows in its tooltips (`visits`, `articles`, `regions`, `sectors`, `provinces`). `render_html(data)` turns
that into one self-contained page; `write_html(store, path, ...)` does both and writes the file.

Views:

- ``regions``: regions as nodes, visits as directed edges visitor → host (one edge per pair, as wide as its
  number of visits); nodes coloured by province (or edges by sector: a toggle in the page), sized by how
  often the region was visited. Layout ``geo`` puts each region at its coordinates (Mercator), physics off.
- ``entities``: Regions, Officials, Visits, Sectors and Articles as distinct shapes and colours, edges
  labelled by property (visitor, host, ledBy, receivedBy, sector, reports).
- a CONSTRUCT query (`Filters.query`): whatever subgraph it gives, drawn as entities.

The page works offline and asks no server for anything: vis-network's standalone build (shipped inside the
pyvis package) and the page's own script and style are inlined, a Content-Security-Policy with the hashes of
exactly those scripts forbids every other script and every request, and the data sits in a
``<script type="application/json">`` element (``<``, ``>``, ``&`` escaped) that the page reads with
JSON.parse. Every string from an article is put in the page with ``textContent``, links only when they are
http(s). The sector and year filters of the page are plain JavaScript over the embedded data.

Graphs of more than `LARGE` nodes get their layout here (geographic coordinates when there are any, else
`cluster_layout`, linear in the number of nodes) and are drawn with physics off.
"""

from __future__ import annotations

import base64
import colorsys
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from warta import __version__
from warta.errors import InputError, QueryError, WartaError
from warta.namespaces import ID, PREFIXES, SECTOR
from warta.output import write_output
from warta.sparql import run_query
from warta.store import GraphStore

VIEWS = ("regions", "entities")
LAYOUTS = ("geo", "force")
DEFAULT_LAYOUT = {"regions": "geo", "entities": "force"}
SIZES = ("visits", "pagerank")
LARGE = 500  # above this many nodes the layout is computed here and physics is off

KINDS = ("region", "official", "visit", "sector", "article")
KIND_STYLE = {  # kind → label, colour, vis-network shape, legend symbol
    "region": ("Region", "#3b7dd8", "dot", "●"),
    "official": ("Official", "#e0892b", "triangle", "▲"),
    "visit": ("Visit", "#d64550", "diamond", "◆"),
    "sector": ("Sector", "#3aa17e", "hexagon", "⬢"),
    "article": ("Article", "#7d5ba6", "square", "■"),
    "other": ("Other", "#8c8c8c", "ellipse", "⬭"),
}
ENTITY_PROPERTIES = ("visitor", "host", "ledBy", "receivedBy", "sector", "reports")
NEUTRAL = "#8a9bb0"

_WARTA = PREFIXES["warta"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_LABEL_PROPERTIES = (
    PREFIXES["rdfs"] + "label",
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["schema"] + "name",
    PREFIXES["schema"] + "headline",
)
_KIND_OF_CLASS = {
    _WARTA + "Region": "region",
    _WARTA + "Province": "region",
    _WARTA + "Regency": "region",
    _WARTA + "City": "region",
    _WARTA + "Official": "official",
    _WARTA + "Visit": "visit",
    _WARTA + "Sector": "sector",
    _WARTA + "Article": "article",
}
_KIND_OF_PATH = {k: k for k in ("region", "official", "visit", "sector", "article")}
_MARKER = re.compile(r"(__WARTA_[A-Z]+__)")
_VIS_VERSIONS = ("vis-9.1.2", "vis-9.0.4")


class VizError(InputError):
    """A view was asked for with an unknown view, layout, sector or region."""


@dataclass(frozen=True)
class Filters:
    """Which visits to draw: about `sector` (a sector id, as a focus sector), in `year`, made or received by
    `region` (a Kemendagri code; a province's code covers its regencies and cities). `query` is the text of
    a CONSTRUCT query whose result is drawn instead; the other filters are then passed to it as bindings of
    ?sector (the sector IRI), ?year (an integer) and ?region (the region IRI)."""

    sector: str | None = None
    year: int | None = None
    region: str | None = None
    query: str | None = None

    @classmethod
    def of(cls, value: Filters | Mapping[str, Any] | None) -> Filters:
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value
        known = {f.name for f in fields(cls)}
        unknown = set(value) - known
        if unknown:
            raise VizError(f"unknown filter {sorted(unknown)[0]!r} (one of {', '.join(sorted(known))})")
        return cls(**{k: v for k, v in value.items() if v is not None})

    def bindings(self) -> dict[str, Any]:
        """The filters as SPARQL bindings (RDF terms through GraphStore.query, never query text)."""
        from rdflib import URIRef

        found: dict[str, Any] = {}
        if self.sector is not None:
            found["sector"] = URIRef(SECTOR[self.sector])
        if self.year is not None:
            found["year"] = int(self.year)
        if self.region is not None:
            found["region"] = URIRef(ID["region/" + self.region])
        return found

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector,
            "year": self.year,
            "region": self.region,
            "query": self.query is not None,
        }


# --- SPARQL -----------------------------------------------------------------------------------------------
# Optional parameters are written so that an unbound one lets everything through: COALESCE(?p, 0) = 0 is
# true when ?p is unbound (pyoxigraph substitutes bindings in the results, so BOUND(?p) does not see them).
# Regions nest one level (province > regency/city), so "in a region" is one warta:partOf step, not
# warta:partOf*: a zero-length path with an unbound ?region would match every node of the store.

SELECT_VISITS = """
SELECT DISTINCT ?visit ?sector ?year ?region WHERE {
  ?visit a warta:Visit .
  OPTIONAL { ?visit warta:date ?date }
  FILTER (COALESCE(?year, 0) = 0 || YEAR(?date) = ?year)
  FILTER (COALESCE(?sector, 0) = 0 || EXISTS { ?visit warta:sector ?sector })
  FILTER (COALESCE(?region, 0) = 0
          || EXISTS { ?visit warta:visitor|warta:host ?region }
          || EXISTS { ?visit warta:visitor|warta:host ?place . ?place warta:partOf ?region })
}
"""

# The facts of visits and articles are read one property at a time and joined here by IRI: a scan of one
# pattern decodes each term once, where Oxigraph's OPTIONAL joins look every visit up again (several times
# slower at a few thousand visits). Each maps subject IRI → value; with several values, the smallest wins.
VISIT_PROPERTIES = {
    "host": "SELECT ?s ?o WHERE { ?s warta:host ?o }",
    "label": "SELECT ?s ?o WHERE { ?s warta:host ?host ; rdfs:label ?o }",
    "date": "SELECT ?s ?o WHERE { ?s warta:date ?o }",
    "size": "SELECT ?s ?o WHERE { ?s warta:delegationSize ?o }",
    "type": "SELECT ?s ?o WHERE { ?s warta:visitType ?o }",
    "body": "SELECT ?s ?o WHERE { ?s warta:visitorBody ?o }",
    "venue": "SELECT ?s ?o WHERE { ?s warta:venue ?o }",
}
VISIT_LISTS = {  # subject IRI → sorted values
    "visitors": "SELECT ?s ?o WHERE { ?s warta:visitor ?o }",
    "sectors": "SELECT ?s ?o WHERE { ?s warta:sector ?o }",
    "mentioned": "SELECT ?s ?o WHERE { ?s warta:mentionedSector ?o }",
    "ledBy": "SELECT ?s ?o WHERE { ?s warta:ledBy ?o }",
    "receivedBy": "SELECT ?s ?o WHERE { ?s warta:receivedBy ?o }",
    "sources": "SELECT ?s ?o WHERE { ?s warta:host ?host ; prov:wasDerivedFrom ?o }",
}
VISIT_QUOTES = """
SELECT ?visit ?article ?quote WHERE {
  ?visit warta:host ?host ; prov:qualifiedDerivation ?derivation .
  ?derivation prov:entity ?article ; warta:quote ?quote .
}
"""
OFFICIAL_PROPERTIES = {
    "name": "SELECT ?s ?o WHERE { ?s a warta:Official ; schema:name ?o }",
    "role": "SELECT ?s ?o WHERE { ?s warta:role ?o }",
    "region": "SELECT ?s ?o WHERE { ?s warta:officialOf ?o }",
}
ARTICLE_PROPERTIES = {
    "label": "SELECT ?s ?o WHERE { ?s a warta:Article ; rdfs:label ?o }",
    "headline": "SELECT ?s ?o WHERE { ?s schema:headline ?o }",
    "url": "SELECT ?s ?o WHERE { ?s a warta:Article ; schema:url ?o }",
    "published": "SELECT ?s ?o WHERE { ?s schema:datePublished ?o }",
    "publisher": "SELECT ?s ?o WHERE { ?s a warta:Article ; schema:publisher ?o }",
}

REGIONS = """
SELECT ?region ?code ?name ?class ?province ?lat ?lon WHERE {
  VALUES ?class { warta:Province warta:Regency warta:City }
  ?region a ?class ; warta:code ?code .
  OPTIONAL { ?region rdfs:label ?name }
  OPTIONAL { ?region warta:partOf ?province }
  OPTIONAL { ?region schema:latitude ?lat }
  OPTIONAL { ?region schema:longitude ?lon }
}
ORDER BY ?code ?name
"""

SECTORS = """
SELECT ?sector ?label WHERE {
  ?sector a warta:Sector .
  OPTIONAL { ?sector skos:prefLabel ?label }
}
ORDER BY ?sector ?label
"""

LABELS = """
SELECT ?subject ?label WHERE { ?subject rdfs:label|skos:prefLabel|schema:name ?label }
ORDER BY ?subject ?label
"""


def _records(store: GraphStore, text: str, bindings: Mapping[str, Any] | None = None) -> list[dict]:
    return run_query(store, text, bindings).records()


# --- reference data ---------------------------------------------------------------------------------------


def short_id(iri: str) -> str:
    """A node id for the page: the IRI without the instance namespace ("region/62.02", "visit/ab12...")."""
    base = str(ID)
    return iri[len(base) :] if iri.startswith(base) else iri


def palette(n: int, saturation: float = 0.62) -> list[str]:
    """`n` well separated colours (golden-angle hues, two lightnesses), as #rrggbb."""
    colours = []
    for i in range(n):
        hue = (i * 0.381966) % 1.0
        lightness = 0.45 if i % 2 == 0 else 0.58
        r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
        colours.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return colours


def _regions(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Every region of the store by node id: code, name, kind, province code, coordinates."""
    kinds = {_WARTA + "Province": "province", _WARTA + "Regency": "regency", _WARTA + "City": "city"}
    found: dict[str, dict[str, Any]] = {}
    for row in _records(store, REGIONS):
        rid = short_id(row["region"])
        if rid in found:
            continue
        code = str(row["code"])
        province = row.get("province")
        found[rid] = {
            "code": code,
            "name": str(row.get("name") or code),
            "kind": kinds[row["class"]],
            "province": short_id(province)[len("region/") :] if province else code.split(".")[0],
            "lat": float(row["lat"]) if row.get("lat") is not None else None,
            "lon": float(row["lon"]) if row.get("lon") is not None else None,
        }
    return found


def _provinces(regions: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    codes = sorted({r["province"] for r in regions.values()})
    names = {r["code"]: r["name"] for r in regions.values() if r["kind"] == "province"}
    return {
        code: {"name": names.get(code, code), "color": colour}
        for code, colour in zip(codes, palette(len(codes)), strict=True)
    }


def _sectors(store: GraphStore) -> dict[str, dict[str, str]]:
    """The sectors of the scheme by id, with their Indonesian label (English when there is none)."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for term in _solutions(store, SECTORS):
        sector, label = term["sector"], term["label"]
        sid = sector.value[len(str(SECTOR)) :] if sector.value.startswith(str(SECTOR)) else sector.value
        labels[sid]
        if label is not None:
            labels[sid].setdefault(label.language or "", label.value)
    ids = sorted(labels)
    colours = palette(len(ids), saturation=0.7)
    return {
        sid: {
            "label": labels[sid].get("id") or labels[sid].get("en") or next(iter(labels[sid].values()), sid),
            "en": labels[sid].get("en") or "",
            "color": colour,
        }
        for sid, colour in zip(ids, colours, strict=True)
    }


def _solutions(store: GraphStore, text: str) -> list[dict[str, Any]]:
    """Rows as {variable: pyoxigraph term or None} (when the language tag of a literal matters)."""
    result = run_query(store, text)
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


# --- visits -----------------------------------------------------------------------------------------------


def select_visits(store: GraphStore, filters: Filters) -> list[str]:
    """The IRIs of the visits that pass `filters` (sector, year, region), through bound parameters."""
    rows = _records(store, SELECT_VISITS, filters.bindings())
    return sorted({row["visit"] for row in rows})


def _scan(store: GraphStore, text: str, wanted: set[str] | None) -> dict[str, list[Any]]:
    """Subject IRI → the values (IRIs as str, literals as their lexical form) of a two-variable query,
    for the subjects of `wanted` (all when None)."""
    import pyoxigraph as ox

    found: dict[str, list[Any]] = defaultdict(list)
    for solution in store.query(text):
        subject = solution[0].value
        if wanted is None or subject in wanted:
            term = solution[1]
            found[subject].append(term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term))
    return found


def _properties(store: GraphStore, queries: Mapping[str, str], wanted: set[str] | None) -> dict[str, dict]:
    """Property → {subject IRI: its smallest value} (deterministic when two reports disagree)."""
    return {key: {s: min(v) for s, v in _scan(store, text, wanted).items()} for key, text in queries.items()}


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None


def full_iri(node_id: str) -> str:
    """The IRI of a node id (`short_id` undone)."""
    return node_id if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", node_id) else str(ID) + node_id


def visit_records(store: GraphStore, iris: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The facts of visits (all, or those of `iris`) by node id, as the page shows them."""
    wanted = None if iris is None else set(iris)
    one = _properties(store, VISIT_PROPERTIES, wanted)
    many = {key: _scan(store, text, wanted) for key, text in VISIT_LISTS.items()}
    people = {p for key in ("ledBy", "receivedBy") for values in many[key].values() for p in values}
    official = _properties(store, OFFICIAL_PROPERTIES, people)
    quotes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for solution in store.query(VISIT_QUOTES):
        visit = solution[0].value
        if wanted is None or visit in wanted:
            quotes[(visit, solution[1].value)].append(solution[2].value)
    sector_base = str(SECTOR)

    def sector_ids(values: Iterable[str]) -> list[str]:
        return sorted({v[len(sector_base) :] if v.startswith(sector_base) else v for v in values})

    def persons(values: Iterable[str]) -> list[dict[str, Any]]:
        return [
            {
                "id": short_id(iri),
                "name": official["name"].get(iri) or short_id(iri),
                "role": official["role"].get(iri),
                "region": short_id(official["region"][iri]) if iri in official["region"] else None,
            }
            for iri in sorted(set(values))
        ]

    visits: dict[str, dict[str, Any]] = {}
    for iri in sorted(one["host"]):
        date = one["date"].get(iri)
        size = one["size"].get(iri)
        sectors = sector_ids(many["sectors"].get(iri, ()))
        evidence = []
        for article in sorted(set(many["sources"].get(iri, ()))):
            found = sorted(set(quotes.get((iri, article), ()))) or [None]
            evidence.extend({"article": short_id(article), "quote": quote} for quote in found)
        visits[short_id(iri)] = {
            "iri": iri,
            "label": one["label"].get(iri),
            "date": date,
            "year": _year(date),
            "size": int(size) if size is not None and size.isdigit() else size,
            "type": one["type"].get(iri),
            "body": one["body"].get(iri),
            "venue": one["venue"].get(iri),
            "visitors": sorted({short_id(r) for r in many["visitors"].get(iri, ())}),
            "host": short_id(one["host"][iri]),
            "sectors": sectors,
            "mentioned": [s for s in sector_ids(many["mentioned"].get(iri, ())) if s not in sectors],
            "ledBy": persons(many["ledBy"].get(iri, ())),
            "receivedBy": persons(many["receivedBy"].get(iri, ())),
            "evidence": evidence,
        }
    return visits


def article_records(store: GraphStore, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Headline, link, date and publisher of the articles of node ids `ids`."""
    wanted = {full_iri(aid) for aid in ids}
    found = _properties(store, ARTICLE_PROPERTIES, wanted)
    return {
        short_id(iri): {
            "iri": iri,
            "headline": found["headline"].get(iri) or found["label"].get(iri) or short_id(iri),
            "url": found["url"].get(iri),
            "published": found["published"].get(iri),
            "publisher": found["publisher"].get(iri),
        }
        for iri in sorted(wanted)
        if any(iri in values for values in found.values())
    }


# --- views ------------------------------------------------------------------------------------------------


def graph_data(
    store: GraphStore,
    view: str = "regions",
    filters: Filters | Mapping[str, Any] | None = None,
    layout: str | None = None,
    large: int = LARGE,
    size_by: str = "visits",
) -> dict[str, Any]:
    """The nodes and edges of a view, with the legend, the facts for tooltips and `meta`, as plain data.

    `view` is "regions" or "entities" (a `filters.query` is drawn as entities); `layout` "geo" or "force"
    (default: geo for regions, force for entities); `size_by` "visits" (a region by how often it was
    visited, an entity by its number of edges; the page recounts under its filters) or "pagerank" (from
    `warta.network`). Raises `VizError` for an unknown view, layout, sector id or region code, `QueryError`
    for a query that is not a CONSTRUCT or DESCRIBE.
    """
    filters = Filters.of(filters)
    if view not in VIEWS:
        raise VizError(f"unknown view {view!r} (one of {', '.join(VIEWS)})")
    if size_by not in SIZES:
        raise VizError(f"unknown node size {size_by!r} (one of {', '.join(SIZES)})")
    if filters.query is not None:
        view = "entities"
    layout = layout or DEFAULT_LAYOUT[view]
    if layout not in LAYOUTS:
        raise VizError(f"unknown layout {layout!r} (one of {', '.join(LAYOUTS)})")
    regions = _regions(store)
    sectors = _sectors(store)
    if filters.sector is not None and filters.sector not in sectors:
        raise VizError(f"unknown sector id {filters.sector!r} (one of {', '.join(sorted(sectors))})")
    if filters.region is not None and "region/" + filters.region not in regions:
        raise VizError(f"unknown region code {filters.region!r}")
    if filters.query is not None:
        data = _query_view(store, filters, regions)
        articles = article_records(store, _article_ids(data))
    else:
        visits = visit_records(store, select_visits(store, filters))
        articles = article_records(store, {e["article"] for v in visits.values() for e in v["evidence"]})
        if view == "regions":
            data = _regions_view(visits, regions)
        else:
            data = _entities_view(visits, regions, sectors, articles)
    data["articles"] = articles
    used_regions = {n["id"] for n in data["nodes"] if n["kind"] == "region"}
    for visit in data["visits"].values():
        used_regions.update(visit["visitors"])
        used_regions.add(visit["host"])
        used_regions.update(p["region"] for p in visit["ledBy"] + visit["receivedBy"] if p["region"])
    data["regions"] = {
        rid: {k: regions[rid][k] for k in ("code", "name", "kind", "province")}
        for rid in sorted(used_regions)
        if rid in regions
    }
    data["provinces"] = _provinces(regions)
    data["sectors"] = sectors
    data["meta"] = {
        "generator": f"warta {__version__}",
        "view": "query" if filters.query is not None else view,
        "layout": layout,
        "filters": filters.as_dict(),
        "title": _title(view, filters, regions, sectors),
        "sizeBy": "visits",
        "years": sorted({v["year"] for v in data["visits"].values() if v["year"] is not None}),
        "sectorsPresent": sorted({s for v in data["visits"].values() for s in v["sectors"]}),
        "counts": {
            "nodes": len(data["nodes"]),
            "edges": len(data["edges"]),
            "visits": len(data["visits"]),
        },
    }
    weights = node_weights(data, size_by)
    if weights is not None:
        for node in data["nodes"]:
            node["value"] = node["score"] = round(weights.get(node["id"], 0.0), 6)
        data["meta"]["sizeBy"] = size_by
    data["legend"] = legend(data)
    apply_layout(data, layout, large=large, regions=regions)
    return data


def node_weights(data: Mapping[str, Any], size_by: str = "visits") -> dict[str, float] | None:
    """Node sizes other than the default, by node id: PageRank over the drawn edges (weighted by their
    visits) from `warta.network`; None for the default ("visits": a region by how often it was visited, an
    entity by its number of edges, recounted by the page under its filters; other sizes stay fixed)."""
    if size_by == "visits":
        return None
    try:
        from warta.network import pagerank
    except ImportError as error:
        raise VizError("node sizes by PageRank need warta.network.pagerank") from error
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(n["id"] for n in data["nodes"])
    for edge in data["edges"]:
        weight = max(1, len(edge.get("v") or ()))
        if graph.has_edge(edge["from"], edge["to"]):
            graph[edge["from"]][edge["to"]]["weight"] += weight
        else:
            graph.add_edge(edge["from"], edge["to"], weight=weight)
    return pagerank(graph)


def _title(view: str, filters: Filters, regions: Mapping[str, Any], sectors: Mapping[str, Any]) -> str:
    parts = ["query" if filters.query is not None else view]
    if filters.sector is not None:
        parts.append(sectors[filters.sector]["label"])
    if filters.year is not None:
        parts.append(str(filters.year))
    if filters.region is not None:
        parts.append(regions["region/" + filters.region]["name"])
    return "warta — " + " · ".join(parts)


def _display_names(rids: Iterable[str], regions: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Short region labels: "Pontianak", but the full name where two regions share one (Kota/Kab. Bogor)."""
    core: dict[str, str] = {}
    for rid in rids:
        name = regions[rid]["name"] if rid in regions else rid
        for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
            if name.startswith(prefix) and rid in regions and regions[rid]["kind"] != "province":
                name = name[len(prefix) :]
                break
        core[rid] = name
    counts = Counter(core.values())
    return {rid: name if counts[name] == 1 else regions[rid]["name"] for rid, name in core.items()}


def _region_node(rid: str, label: str, regions: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    region = regions.get(rid, {})
    return {
        "id": rid,
        "label": label,
        "kind": "region",
        "group": region.get("province"),
        "lat": region.get("lat"),
        "lon": region.get("lon"),
        "value": 0,
        "v": [],
    }


def _regions_view(visits: dict[str, dict[str, Any]], regions: Mapping[str, Any]) -> dict[str, Any]:
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    hosted: Counter[str] = Counter()
    touching: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets
    for vid in sorted(visits, key=lambda v: (visits[v]["date"] or "", v)):
        visit = visits[vid]
        hosted[visit["host"]] += 1
        for rid in [*visit["visitors"], visit["host"]]:
            touching[rid][vid] = None
        for visitor in visit["visitors"]:
            pairs[(visitor, visit["host"])].append(vid)
    names = _display_names(sorted(touching), regions)
    nodes = []
    for rid in sorted(touching):
        node = _region_node(rid, names[rid], regions)
        node["value"] = hosted[rid]
        node["v"] = list(touching[rid])
        nodes.append(node)
    edges = [
        {"id": f"e{i}", "from": a, "to": b, "kind": "visits", "value": len(vids), "v": vids}
        for i, ((a, b), vids) in enumerate(sorted(pairs.items()))
    ]
    return {"nodes": nodes, "edges": edges, "visits": visits}


def _clip(text: str | None, size: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


class _EntityGraph:
    """Nodes and edges of the entities view, each carrying the visits it belongs to (`v`)."""

    def __init__(self, regions: Mapping[str, Any]):
        self.regions = regions
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.members: dict[int, dict[str, None]] = {}

    def node(self, nid: str, kind: str, label: str, **extra: Any) -> dict[str, Any]:
        node = self.nodes.get(nid)
        if node is None:
            if kind == "region":
                node = _region_node(nid, label, self.regions)
            else:
                node = {"id": nid, "label": label, "kind": kind, "group": None, "value": 0, "v": []}
            node.update(extra)
            self.nodes[nid] = node
        return node

    def edge(self, source: str, prop: str, target: str) -> dict[str, Any]:
        key = (source, prop, target)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = {
                "id": f"e{len(self.edges)}",
                "from": source,
                "to": target,
                "kind": prop,
                "label": prop,
                "v": [],
            }
        return edge

    def belongs(self, item: dict[str, Any], vid: str) -> None:
        members = self.members.setdefault(id(item), {})  # an ordered set: hubs belong to many visits
        if vid not in members:
            members[vid] = None
            item["v"].append(vid)

    def data(self, visits: dict[str, Any]) -> dict[str, Any]:
        for node in self.nodes.values():  # size: how many edges meet the node
            node["value"] = 0
        for edge in self.edges.values():
            self.nodes[edge["from"]]["value"] += 1
            self.nodes[edge["to"]]["value"] += 1
        return {"nodes": list(self.nodes.values()), "edges": list(self.edges.values()), "visits": visits}


def _article_ids(data: Mapping[str, Any]) -> set[str]:
    found = {e["article"] for v in data["visits"].values() for e in v["evidence"]}
    found.update(n["id"] for n in data["nodes"] if n["kind"] == "article")
    return found


def _entities_view(
    visits: dict[str, dict[str, Any]],
    regions: Mapping[str, Any],
    sectors: Mapping[str, Any],
    articles: Mapping[str, Any],
) -> dict[str, Any]:
    graph = _EntityGraph(regions)
    all_regions = {rid for v in visits.values() for rid in [*v["visitors"], v["host"]]}
    names = _display_names(sorted(all_regions), regions)
    for vid in sorted(visits, key=lambda v: (visits[v]["date"] or "", v)):
        visit = visits[vid]
        host_region = regions.get(visit["host"], {})
        label = " · ".join(x for x in (visit["type"], visit["date"]) if x) or "visit"
        vnode = graph.node(vid, "visit", label, group=host_region.get("province"))
        graph.belongs(vnode, vid)

        def link(prop: str, target: dict[str, Any], vid: str = vid) -> None:
            graph.belongs(target, vid)
            graph.belongs(graph.edge(vid, prop, target["id"]), vid)

        for rid in visit["visitors"]:
            link("visitor", graph.node(rid, "region", names[rid]))
        link("host", graph.node(visit["host"], "region", names[visit["host"]]))
        for prop in ("ledBy", "receivedBy"):
            for person in visit[prop]:
                home = regions.get(person["region"] or "", {})
                link(prop, graph.node(person["id"], "official", person["name"], group=home.get("province")))
        for sid in visit["sectors"]:
            label = sectors[sid]["label"] if sid in sectors else sid
            link("sector", graph.node("sector/" + sid, "sector", _clip(label, 30), group="sectors"))
        for evidence in visit["evidence"]:
            aid = evidence["article"]
            article = graph.node(aid, "article", _clip(articles.get(aid, {}).get("headline") or aid, 30))
            article["group"] = article["group"] or host_region.get("province")
            graph.belongs(article, vid)
            graph.belongs(graph.edge(evidence["article"], "reports", vid), vid)
    return graph.data(visits)


def _query_view(store: GraphStore, filters: Filters, regions: Mapping[str, Any]) -> dict[str, Any]:
    """The result of a CONSTRUCT (or DESCRIBE) query as entities: IRIs and blank nodes are nodes, literals
    facts of their subject, rdf:type gives the kind."""
    assert filters.query is not None
    bindings = filters.bindings()
    for name in bindings:
        if not re.search(rf"[?$]{name}\b", filters.query):
            raise VizError(f"the query does not use ?{name}, which --{name} binds")
    result = run_query(store, filters.query, bindings)
    if result.kind != "graph":
        raise QueryError("--query needs a CONSTRUCT or DESCRIBE query (it draws the graph the query gives)")
    import pyoxigraph as ox

    def node_id(term: Any) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else short_id(term.value)

    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    facts: dict[str, list[list[str]]] = defaultdict(list)
    iris: dict[str, str] = {}
    links: list[tuple[str, str, str]] = []
    for triple in result.triples:
        subject = node_id(triple.subject)
        iris[subject] = str(triple.subject.value)
        predicate = triple.predicate.value
        obj = triple.object
        if predicate == _RDF_TYPE and isinstance(obj, ox.NamedNode):
            types[subject].add(obj.value)
        elif isinstance(obj, ox.Literal):
            if predicate in _LABEL_PROPERTIES and subject not in labels:
                labels[subject] = obj.value
            facts[subject].append([_compact(predicate), obj.value])
        else:
            target = node_id(obj)
            iris[target] = str(obj.value)
            links.append((subject, _compact(predicate), target))
    kinds = {nid: _kind(nid, types.get(nid, set())) for nid in iris}
    missing = [nid for nid in iris if nid not in labels]
    if missing:
        found: dict[str, str] = {}
        for row in _records(store, LABELS):
            found.setdefault(short_id(row["subject"]), str(row["label"]))
        for nid in missing:
            if nid in found:
                labels[nid] = found[nid]
    visit_ids = [iris[n] for n, kind in kinds.items() if kind == "visit"]
    visits = visit_records(store, visit_ids) if visit_ids else {}
    graph = _EntityGraph(regions)
    names = _display_names(sorted(n for n, k in kinds.items() if k == "region" and n in regions), regions)
    for nid in iris:
        kind = kinds[nid]
        label = names.get(nid) if kind == "region" else None
        label = label or _clip(labels.get(nid) or _local_name(iris[nid]), 40)
        group = regions.get(nid, {}).get("province") if kind == "region" else None
        if kind == "visit" and nid in visits:
            group = regions.get(visits[nid]["host"], {}).get("province")
        node = graph.node(nid, kind, label, group=group, iri=iris[nid])
        if facts.get(nid):
            node["facts"] = facts[nid]
        if kind == "visit" and nid in visits:
            graph.belongs(node, nid)
    for source, prop, target in links:
        edge = graph.edge(source, prop, target)
        for end, other in ((source, target), (target, source)):
            if end in visits:
                graph.belongs(edge, end)
                graph.belongs(graph.nodes[other], end)
    return graph.data(visits)


def _kind(nid: str, types: set[str]) -> str:
    for cls in sorted(types):
        if cls in _KIND_OF_CLASS:
            return _KIND_OF_CLASS[cls]
    if types or "/derivation/" in nid:
        return "other"
    head = nid.split("/", 1)[0]
    return _KIND_OF_PATH.get(head, "other") if "/" in nid else "other"


def _compact(iri: str) -> str:
    """warta terms by local name ("host"), others as prefix:name, else the IRI."""
    if iri.startswith(_WARTA):
        return iri[len(_WARTA) :]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def legend(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Legend entries: kinds (shapes) and edge properties for entities; provinces and sectors present for
    regions (the page shows one or the other, by its colour toggle)."""
    entries: list[dict[str, Any]] = []
    view = data["meta"]["view"]
    if view == "regions":
        provinces = sorted({n["group"] for n in data["nodes"] if n["group"]})
        for code in provinces:
            info = data["provinces"].get(code, {"name": code, "color": NEUTRAL})
            entries.append(
                {
                    "group": "province",
                    "key": code,
                    "label": info["name"],
                    "color": info["color"],
                    "symbol": "●",
                }
            )
    else:
        present = {n["kind"] for n in data["nodes"]}
        for kind in (*KINDS, "other"):
            if kind in present:
                label, colour, shape, symbol = KIND_STYLE[kind]
                entries.append(
                    {
                        "group": "kind",
                        "key": kind,
                        "label": label,
                        "color": colour,
                        "shape": shape,
                        "symbol": symbol,
                    }
                )
        for prop in sorted({e["kind"] for e in data["edges"]}, key=_property_order):
            entries.append({"group": "edge", "key": prop, "label": prop, "color": "#666666", "symbol": "→"})
    for sid in data["meta"]["sectorsPresent"]:
        info = data["sectors"][sid]
        entries.append(
            {"group": "sector", "key": sid, "label": info["label"], "color": info["color"], "symbol": "━"}
        )
    return entries


def _property_order(prop: str) -> tuple[int, str]:
    return (ENTITY_PROPERTIES.index(prop) if prop in ENTITY_PROPERTIES else len(ENTITY_PROPERTIES), prop)


# --- layout -----------------------------------------------------------------------------------------------

GEO_SCALE = 40.0  # canvas units per degree of longitude
GEO_CENTRE = (118.0, -2.5)  # lon, lat of Indonesia's middle


def mercator(lon: float, lat: float, scale: float = GEO_SCALE) -> tuple[float, float]:
    """Longitude/latitude as canvas x/y (y grows downwards), Mercator, centred on Indonesia."""

    def y_of(latitude: float) -> float:
        phi = math.radians(max(-85.0, min(85.0, latitude)))
        return math.degrees(math.log(math.tan(math.pi / 4 + phi / 2)))

    x = (lon - GEO_CENTRE[0]) * scale
    y = -(y_of(lat) - y_of(GEO_CENTRE[1])) * scale
    return round(x, 1), round(y, 1)


def apply_layout(
    data: dict[str, Any], layout: str, large: int = LARGE, regions: Mapping[str, Any] | None = None
) -> None:
    """Set node positions (x, y) and `meta.physics`: geographic coordinates for regions (fixed), and for a
    graph of more than `large` nodes positions for all (others placed among their neighbours), physics
    off; small force layouts are left to the page's physics."""
    nodes = data["nodes"]
    meta = data.setdefault("meta", {})
    big = len(nodes) > large
    meta["large"] = big
    if layout == "geo":
        located = _geo_positions(nodes, regions or {})
        data["backdrop"] = sorted(
            mercator(r["lon"], r["lat"])
            for r in (regions or {}).values()
            if r["lat"] is not None and r["lon"] is not None and r["kind"] != "province"
        )
        if located and (big or all(n["kind"] == "region" for n in nodes)):
            _place_by_neighbours(nodes, data["edges"], located)
            meta["physics"] = False
        elif located:
            for node in nodes:
                if node["id"] in located:
                    node["x"], node["y"] = located[node["id"]]
                    node["fixed"] = True
            meta["physics"] = True
        elif big:
            cluster_layout(nodes, data["edges"])
            meta["physics"] = False
        else:
            meta["physics"] = True
    elif big:
        cluster_layout(nodes, data["edges"])
        meta["physics"] = False
    else:
        meta["physics"] = True
    for node in nodes:
        node.pop("lat", None)
        node.pop("lon", None)


def _geo_positions(nodes: list[dict[str, Any]], regions: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """x/y of the region nodes with coordinates (else those of their province); nodes that would sit on
    one spot (a province and its capital city) are spread on a small circle."""
    found: dict[str, tuple[float, float]] = {}
    by_code = {r["code"]: r for r in regions.values()}
    for node in nodes:
        lat, lon = node.get("lat"), node.get("lon")
        if (lat is None or lon is None) and node["kind"] == "region":
            province = by_code.get(node.get("group") or "")
            if province is not None:
                lat, lon = province.get("lat"), province.get("lon")
        if lat is not None and lon is not None:
            found[node["id"]] = mercator(lon, lat)
    spots: dict[tuple[float, float], list[str]] = defaultdict(list)
    for nid, (x, y) in found.items():
        spots[(round(x / 4), round(y / 4))].append(nid)
    for ids in spots.values():
        if len(ids) > 1:
            x0, y0 = found[ids[0]]
            radius = 6.0 + 1.5 * len(ids)
            for i, nid in enumerate(ids):
                angle = 2 * math.pi * i / len(ids)
                found[nid] = (
                    round(x0 + radius * math.cos(angle), 1),
                    round(y0 + radius * math.sin(angle), 1),
                )
    return found


def _place_by_neighbours(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], located: Mapping[str, tuple[float, float]]
) -> None:
    """Positions for every node: `located` ones where they are; the others at the mean of their placed
    neighbours (a few sweeps), plus a small deterministic offset; any left over by `cluster_layout` below."""
    position = dict(located)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        neighbours[edge["from"]].append(edge["to"])
        neighbours[edge["to"]].append(edge["from"])
    pending = [n["id"] for n in nodes if n["id"] not in position]
    for _ in range(4):
        still = []
        for nid in pending:
            placed = [position[m] for m in neighbours[nid] if m in position]
            if not placed:
                still.append(nid)
                continue
            x = sum(p[0] for p in placed) / len(placed)
            y = sum(p[1] for p in placed) / len(placed)
            angle = (_stable_hash(nid) % 3600) / 3600 * 2 * math.pi
            radius = 12 + _stable_hash(nid) % 24
            position[nid] = (round(x + radius * math.cos(angle), 1), round(y + radius * math.sin(angle), 1))
        if len(still) == len(pending):
            break
        pending = still
    if pending:
        rest = [n for n in nodes if n["id"] in set(pending)]
        cluster_layout(rest, [e for e in edges if e["from"] in set(pending) and e["to"] in set(pending)])
        if position:
            bottom = max(y for _, y in position.values()) + 200
            left = min(x for x, _ in position.values())
            top = min(n["y"] for n in rest)
            x0 = min(n["x"] for n in rest)
            for node in rest:
                position[node["id"]] = (node["x"] - x0 + left, node["y"] - top + bottom)
        else:
            position.update({n["id"]: (n["x"], n["y"]) for n in rest})
    for node in nodes:
        node["x"], node["y"] = position[node["id"]]
        if node["id"] in located:
            node["fixed"] = True


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=4).digest(), "big")


def cluster_layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], spacing: float = 22.0) -> None:
    """A fast layout, linear in the size of the graph: each group of nodes (their `group`, else their
    connected component) as a disc, the busiest node at its centre and the others on a sunflower spiral
    around it (by decreasing degree); discs packed in rows, largest first. 5,000 nodes take milliseconds
    where networkx's spring_layout takes most of a minute."""
    degree: Counter[str] = Counter()
    for edge in edges:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    components = _components(nodes, edges) if any(n.get("group") is None for n in nodes) else {}
    for node in nodes:
        key = node.get("group")
        groups[str(key) if key is not None else f"component {components[node['id']]}"].append(node)
    discs = []
    for key, members in groups.items():
        members.sort(key=lambda n: (-degree[n["id"]], n["id"]))
        radius = spacing * math.sqrt(len(members)) + spacing
        discs.append((radius, key, members))
    discs.sort(key=lambda d: (-d[0], d[1]))
    total = sum((2 * r) ** 2 for r, _, _ in discs)
    width = max(math.sqrt(total) * 1.15, 2 * discs[0][0]) if discs else 0.0
    x = y = row_height = 0.0
    golden = math.pi * (3 - math.sqrt(5))
    for radius, _, members in discs:
        if x > 0 and x + 2 * radius > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + radius, y + radius
        for i, node in enumerate(members):
            r = spacing * math.sqrt(i)
            node["x"] = round(cx + r * math.cos(i * golden), 1)
            node["y"] = round(cy + r * math.sin(i * golden), 1)
        x += 2 * radius
        row_height = max(row_height, 2 * radius)


def _components(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, int]:
    parent = {n["id"]: n["id"] for n in nodes}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for edge in edges:
        if edge["from"] in parent and edge["to"] in parent:
            a, b = find(edge["from"]), find(edge["to"])
            if a != b:
                parent[max(a, b)] = min(a, b)
    roots: dict[str, int] = {}
    return {nid: roots.setdefault(find(nid), len(roots)) for nid in parent}


# --- HTML -------------------------------------------------------------------------------------------------


def script_json(data: Any) -> str:
    """`data` as JSON that is safe inside a <script> element: <, >, & (and U+2028/9) as \\u escapes, so no
    string of it can end the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def _package_text(name: str) -> str:
    return (resources.files("warta") / name).read_text(encoding="utf-8").replace("\r\n", "\n")


@cache
def vis_network_js() -> str:
    """vis-network's standalone build from the installed pyvis package (its source-map comment dropped)."""
    try:
        root = resources.files("pyvis")
    except ModuleNotFoundError as error:
        raise WartaError("warta viz needs the pyvis package (it ships vis-network)") from error
    for folder in ("templates/lib", "lib"):
        for version in _VIS_VERSIONS:
            candidate = root.joinpath(*folder.split("/"), version, "vis-network.min.js")
            if candidate.is_file():
                text = candidate.read_text(encoding="utf-8").replace("\r\n", "\n")
                text = re.sub(r"\n//# sourceMappingURL=\S*\s*\Z", "\n", text)
                if "</script" in text.lower():
                    text = re.sub(r"(?i)</script", r"<\\/script", text)
                return text
    raise WartaError("cannot find vis-network.min.js in the installed pyvis package")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(data: Mapping[str, Any]) -> str:
    """One self-contained HTML page drawing `data` (as `graph_data` returns it)."""
    vis = vis_network_js()
    app = _package_text("viz_app.js")
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src {_sha256(vis)} {_sha256(app)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    values = {
        "__WARTA_CSP__": csp,
        "__WARTA_DATA__": script_json(data),
        "__WARTA_VIS__": vis,
        "__WARTA_APP__": app,
    }
    pieces = _MARKER.split(_package_text("viz_page.html.in"))  # split first: inserted text is never scanned
    return "".join(values.get(piece, piece) if i % 2 else piece for i, piece in enumerate(pieces))


def write_html(
    store: GraphStore,
    path: str | Path,
    view: str = "regions",
    filters: Filters | Mapping[str, Any] | None = None,
    layout: str | None = None,
    large: int = LARGE,
    size_by: str = "visits",
) -> dict[str, Any]:
    """Write the page of a view to `path` ("-" for stdout), atomically; return its data."""
    data = graph_data(store, view, filters, layout=layout, large=large, size_by=size_by)
    write_output(render_html(data).encode("utf-8"), str(path))
    return data
