"""The region network: who visits whom, as a weighted directed graph, and what its structure says.

`region_graph(store)` reads the visits out of the store with SPARQL (filters are bound as RDF terms) and
aggregates them into a `networkx.DiGraph`: one node per region taking part (its Kemendagri code), one edge
visitor → host per pair, weighted by the number of distinct visits. A joint visit of two regions gives both
of them an edge to the host. `statistics(graph)` answers, as plain data (JSON-ready, deterministically
ordered):

- which regions others visit most (hosts) and which visit most (visitors);
- which regions others learn from: PageRank over the weighted visitor → host edges, and HITS authority
  (visited by active visitors) and hub (visits well-visited hosts) scores;
- groups of regions that visit each other (Louvain communities with a fixed seed);
- the sectors visits are about, and the flows between provinces (a regency or city counts for its province).

`node_scores(graph)` gives per region the numbers a network view sizes its nodes by.

PageRank and HITS are computed here by power iteration in pure Python (the same definitions as networkx's
`pagerank` and `hits`, which need SciPy, not a warta dependency). The algorithms run on the aggregated graph
(at most 552 regions and their pairs), not on the visits: at 100 000 visits, reading them from the store
takes most of the time.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyoxigraph as ox

from warta.errors import InputError
from warta.mapping import known_sectors, sector_iri
from warta.sparql import python_value

if TYPE_CHECKING:
    from warta.store import GraphStore

SEED = 42  # Louvain's random seed: the same graph always gives the same communities
ALPHA = 0.85  # PageRank's damping factor
YEARS = range(1900, 2101)
_ROUND = 6  # decimals of the scores in `statistics`
_TIE = 9  # decimals at which two scores count as equal when ranking (then the code decides)
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

# Each property of the visits is read by a query of its own and joined here by visit IRI: a scan of one
# pattern decodes each term once, where Oxigraph's joins would look every visit up again (2-3x slower at
# 100 000 visits). The filters are queries of their own, with ?sector and ?year bound as RDF terms.
_HOSTS = "SELECT ?visit ?host WHERE { ?visit warta:host ?host }"
_VISITORS = "SELECT ?visit ?visitor WHERE { ?visit warta:visitor ?visitor }"
_DATES = "SELECT ?visit ?date WHERE { ?visit warta:date ?date }"
_FOCUS = "SELECT ?visit ?concept WHERE { ?visit warta:sector ?concept }"
_MENTIONED = "SELECT ?visit ?concept WHERE { ?visit warta:mentionedSector ?concept }"
_OF_SECTOR = "SELECT ?visit ?sector WHERE { ?visit warta:sector ?sector }"
_OF_YEAR = "SELECT ?visit ?year WHERE { ?visit warta:date ?date . FILTER (YEAR(?date) = ?year) }"

_SECTORS = """
SELECT ?concept ?sector ?label ?labelId WHERE {
  ?concept a warta:Sector ;
           skos:notation ?sector .
  OPTIONAL { ?concept skos:prefLabel ?label . FILTER (LANG(?label) = "en") }
  OPTIONAL { ?concept skos:prefLabel ?labelId . FILTER (LANG(?labelId) = "id") }
}
"""

_REGIONS = """
SELECT ?region ?code ?name ?kind ?provinceCode ?provinceName ?lat ?lon WHERE {
  VALUES (?class ?kind) { (warta:Province "province") (warta:Regency "regency") (warta:City "city") }
  ?region a ?class ;
          warta:code ?code ;
          rdfs:label ?name .
  OPTIONAL {
    ?region warta:partOf? ?province .
    ?province a warta:Province ;
              warta:code ?provinceCode ;
              rdfs:label ?provinceName .
  }
  OPTIONAL { ?region schema:latitude ?lat }
  OPTIONAL { ?region schema:longitude ?lon }
}
"""


class NetworkError(InputError):
    """A filter of the region graph is not valid (an unknown sector id, a year out of range)."""


# --- the graph --------------------------------------------------------------------------------------------


def region_graph(store: GraphStore, sector: str | None = None, year: int | None = None) -> nx.DiGraph:
    """The visits of `store` as a weighted directed graph of regions (visitor → host).

    `sector` (a sector id such as "umkm") keeps the visits with that focus sector (`warta:sector`), `year`
    the visits of that year (visits without a date are then left out).

    Nodes are region codes with the attributes `name`, `kind` (province, regency, city), `province` (code;
    a province's own code for a province), `province_name`, `lat`, `lon` (None when unknown). An edge u → v
    has `weight` (the number of distinct visits of u to v), `visits` (their IRIs), `years` and `sectors`
    (the focus sectors of those visits), each sorted. `graph.graph` holds the filters (`sector`, `year`),
    every visit (`visits`: IRI → {host, visitors, date, sectors, mentioned}) and the sector labels
    (`sector_labels`: id → {en, id}).
    """
    bindings = _filters(sector, year)
    with _gc_paused():
        return _region_graph(store, sector, year, bindings)


def _region_graph(
    store: GraphStore, sector: str | None, year: int | None, bindings: Mapping[str, Any]
) -> nx.DiGraph:
    keep: set[str] | None = None  # the visits passing the filters (None: all)
    if "sector" in bindings:
        keep = {visit for visit, _ in _pairs(store, _OF_SECTOR, {"sector": bindings["sector"]}, "sector")}
    if "year" in bindings:
        of_year = {visit for visit, _ in _pairs(store, _OF_YEAR, {"year": bindings["year"]}, "year")}
        keep = of_year if keep is None else keep & of_year
    regions = _regions(store)
    code = _coder(regions)
    labels, notation = _sectors_of(store)

    visits: dict[str, dict[str, Any]] = {}
    for visit, host in _pairs(store, _HOSTS, {}, "host"):
        if keep is None or visit in keep:
            visits[visit] = {"host": code(host), "visitors": [], "date": None, "sectors": [], "mentioned": []}
    for visit, visitor in _pairs(store, _VISITORS, {}, "visitor"):
        record = visits.get(visit)
        if record is not None:
            record["visitors"].append(code(visitor))
    for visit, date in _pairs(store, _DATES, {}, "date"):
        record = visits.get(visit)
        if record is not None and (record["date"] is None or date < record["date"]):
            record["date"] = date
    for query, key in ((_FOCUS, "sectors"), (_MENTIONED, "mentioned")):
        for visit, concept in _pairs(store, query, {}, "concept"):
            record = visits.get(visit)
            if record is not None:
                record[key].append(notation.get(concept, concept))

    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    ordered: dict[str, dict[str, Any]] = {}
    for iri in sorted(visits):
        record = visits[iri]
        if not record["visitors"]:
            continue  # no visitor, no edge (the SHACL shapes require one)
        for key in ("visitors", "sectors", "mentioned"):
            if len(record[key]) > 1:
                record[key] = sorted(set(record[key]))
        ordered[iri] = record
        for visitor in record["visitors"]:
            if visitor != record["host"]:
                pairs[(visitor, record["host"])].append(iri)

    graph = nx.DiGraph(sector=sector, year=year, visits=ordered, sector_labels=labels)
    by_code = {info["code"]: info for info in regions.values()}
    involved = sorted({c for r in ordered.values() for c in (r["host"], *r["visitors"])})
    graph.add_nodes_from((c, _node(c, by_code.get(c))) for c in involved)
    graph.add_edges_from(_edge(u, v, iris, ordered) for (u, v), iris in sorted(pairs.items()))
    return graph


def _node(code: str, info: Mapping[str, Any] | None) -> dict[str, Any]:
    info = info or {}
    return {
        "name": info.get("name", code),
        "kind": info.get("kind"),
        "province": info.get("province"),
        "province_name": info.get("province_name"),
        "lat": info.get("lat"),
        "lon": info.get("lon"),
    }


def _edge(
    u: str, v: str, iris: list[str], visits: Mapping[str, Mapping[str, Any]]
) -> tuple[str, str, dict[str, Any]]:
    years: set[int] = set()
    sectors: set[str] = set()
    for iri in iris:
        record = visits[iri]
        if record["date"]:
            years.add(int(record["date"][:4]))
        sectors.update(record["sectors"])
    return u, v, {"weight": len(iris), "visits": iris, "years": sorted(years), "sectors": sorted(sectors)}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: building 100 000s of small containers (none of them in a
    cycle) otherwise triggers full collections over and over, a third of the time spent."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _filters(sector: str | None, year: int | None) -> dict[str, Any]:
    bindings: dict[str, Any] = {}
    if sector is not None:
        if sector not in known_sectors():
            raise NetworkError(f"unknown sector {sector!r} (one of {', '.join(sorted(known_sectors()))})")
        bindings["sector"] = ox.NamedNode(str(sector_iri(sector)))
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
            raise NetworkError(f"{year!r} is not a year ({YEARS[0]}-{YEARS[-1]})")
        bindings["year"] = ox.Literal(str(year), datatype=_XSD_INTEGER)
    return bindings


def _pairs(store: GraphStore, text: str, bindings: Mapping[str, Any], name: str) -> Iterable[tuple[str, str]]:
    """(?visit, ?name) of each solution, as the IRIs' or literals' text."""
    for solution in store.query(text, bindings):
        yield solution["visit"].value, solution[name].value


def _rows(
    store: GraphStore, text: str, bindings: Mapping[str, Any], names: tuple[str, ...]
) -> Iterable[tuple[Any, ...]]:
    """The solutions of a SELECT as tuples of plain values (`python_value`), None for unbound variables."""
    for solution in store.query(text, bindings):
        yield tuple(None if solution[n] is None else python_value(solution[n]) for n in names)


def _regions(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Every region of the store by IRI: code, name, kind, province code and name, lat, lon."""
    names = ("region", "code", "name", "kind", "provinceCode", "provinceName", "lat", "lon")
    regions: dict[str, dict[str, Any]] = {}
    for iri, code, name, kind, province, province_name, lat, lon in _rows(store, _REGIONS, {}, names):
        regions[iri] = {
            "code": code,
            "name": name,
            "kind": kind,
            "province": province,
            "province_name": province_name,
            "lat": None if lat is None else float(lat),
            "lon": None if lon is None else float(lon),
        }
    return regions


def _coder(regions: Mapping[str, Mapping[str, Any]]) -> Callable[[str], str]:
    """A function giving a region IRI's code (for a region the store does not describe, the last segment
    of its IRI)."""
    codes = {iri: info["code"] for iri, info in regions.items()}

    def code(iri: str) -> str:
        found = codes.get(iri)
        if found is None:
            found = codes[iri] = iri.rstrip("/").rsplit("/", 1)[-1]
        return found

    return code


def _sectors_of(store: GraphStore) -> tuple[dict[str, dict[str, str | None]], dict[str, str]]:
    """The sector labels (id → {en, id}) and the sector ids by concept IRI."""
    labels: dict[str, dict[str, str | None]] = {}
    notation: dict[str, str] = {}
    names = ("concept", "sector", "label", "labelId")
    for concept, sector, label, label_id in _rows(store, _SECTORS, {}, names):
        labels[sector] = {"en": label, "id": label_id}
        notation[concept] = sector
    return dict(sorted(labels.items())), notation


# --- scores -----------------------------------------------------------------------------------------------


def pagerank(
    graph: nx.DiGraph, alpha: float = ALPHA, tol: float = 1.0e-10, max_iter: int = 1000
) -> dict[str, float]:
    """PageRank of each node over the weighted edges (networkx's definition: a node without out-edges
    spreads its rank evenly over all nodes); the scores sum to 1. Nodes are visited in sorted order, so
    the result does not depend on the order the graph was built in."""
    nodes = sorted(graph)
    count = len(nodes)
    if count == 0:
        return {}
    out_weight = {n: sum(d.get("weight", 1) for _, _, d in graph.out_edges(n, data=True)) for n in nodes}
    links = {
        n: sorted((v, d.get("weight", 1) / out_weight[n]) for _, v, d in graph.out_edges(n, data=True))
        for n in nodes
        if out_weight[n] > 0
    }
    dangling = [n for n in nodes if n not in links]
    rank = dict.fromkeys(nodes, 1.0 / count)
    for _ in range(max_iter):
        last = rank
        spread = (alpha * sum(last[n] for n in dangling) + (1.0 - alpha)) / count
        rank = dict.fromkeys(nodes, spread)
        for n, targets in links.items():
            share = alpha * last[n]
            for v, fraction in targets:
                rank[v] += share * fraction
        if sum(abs(rank[n] - last[n]) for n in nodes) < count * tol:
            break
    total = sum(rank.values())
    return {n: rank[n] / total for n in nodes}


def hits(
    graph: nx.DiGraph, tol: float = 1.0e-10, max_iter: int = 1000
) -> tuple[dict[str, float], dict[str, float]]:
    """HITS (hubs, authorities) over the weighted edges, each summing to 1 (networkx's definition): a good
    authority is visited by good hubs, a good hub visits good authorities."""
    nodes = sorted(graph)
    if not nodes:
        return {}, {}
    edges = sorted((u, v, d.get("weight", 1)) for u, v, d in graph.edges(data=True))
    if not edges:
        even = dict.fromkeys(nodes, 1.0 / len(nodes))
        return even, dict(even)
    hub = dict.fromkeys(nodes, 1.0 / len(nodes))
    authority = dict.fromkeys(nodes, 0.0)
    for _ in range(max_iter):
        last = hub
        authority = dict.fromkeys(nodes, 0.0)
        for u, v, w in edges:
            authority[v] += last[u] * w
        hub = dict.fromkeys(nodes, 0.0)
        for u, v, w in edges:
            hub[u] += authority[v] * w
        top_hub, top_authority = max(hub.values()) or 1.0, max(authority.values()) or 1.0
        hub = {n: x / top_hub for n, x in hub.items()}
        authority = {n: x / top_authority for n, x in authority.items()}
        if sum(abs(hub[n] - last[n]) for n in nodes) < tol:
            break
    hubs, authorities = sum(hub.values()) or 1.0, sum(authority.values()) or 1.0
    return {n: hub[n] / hubs for n in nodes}, {n: authority[n] / authorities for n in nodes}


def communities(graph: nx.DiGraph, seed: int = SEED) -> list[list[str]]:
    """Groups of regions that visit one another (Louvain over the undirected weighted graph, `seed` fixed),
    largest first; each group sorted by code, groups of equal size by their first code."""
    return _louvain(_undirected(graph), seed)


def _louvain(undirected: nx.Graph, seed: int) -> list[list[str]]:
    if undirected.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    return sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0]))


def _undirected(graph: nx.DiGraph) -> nx.Graph:
    """The graph without directions, u–v weighted by the visits both ways; nodes and edges added in sorted
    order, so that Louvain's seeded shuffle sees the same sequence however `graph` was built."""
    weights: Counter[tuple[str, str]] = Counter()
    for u, v, w in graph.edges(data="weight", default=1):
        weights[(u, v) if u < v else (v, u)] += w
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph))
    undirected.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return undirected


def _visits(graph: nx.DiGraph) -> Mapping[str, Mapping[str, Any]]:
    """The graph's visits by IRI: `graph.graph["visits"]` (see `region_graph`), else made up from the
    edges (`visits` when they list them, else `weight` visits of their own)."""
    recorded = graph.graph.get("visits")
    if recorded is not None:
        return recorded
    found: dict[str, dict[str, Any]] = {}
    for u, v, d in sorted(graph.edges(data=True)):
        for iri in d.get("visits") or [f"{u} > {v} #{i}" for i in range(d.get("weight", 1))]:
            record = found.setdefault(iri, {"host": v, "visitors": [], "sectors": [], "mentioned": []})
            record["visitors"].append(u)
    return found


def _visit_counts(graph: nx.DiGraph, visits: Mapping[str, Mapping[str, Any]]) -> tuple[Counter, Counter]:
    """The distinct visits each region hosted, and those it took part in as a visitor."""
    hosted: Counter[str] = Counter()
    made: Counter[str] = Counter()
    for record in visits.values():
        hosted[record["host"]] += 1
        made.update(set(record["visitors"]))
    return hosted, made


def node_scores(graph: nx.DiGraph) -> dict[str, dict[str, Any]]:
    """Per region code, in code order: `pagerank`, `visits_in` (distinct visits hosted), `visits_out`
    (distinct visits made), `community` (index into `communities(graph)`, 0 the largest). The numbers
    `warta stats` prints, for sizing and colouring the nodes of a network view."""
    with _gc_paused():
        ranks = pagerank(graph)
        hosted, made = _visit_counts(graph, _visits(graph))
        group = {code: index for index, members in enumerate(communities(graph)) for code in members}
    return {
        n: {"pagerank": ranks[n], "visits_in": hosted[n], "visits_out": made[n], "community": group.get(n)}
        for n in sorted(graph)
    }


# --- statistics -------------------------------------------------------------------------------------------


def statistics(graph: nx.DiGraph) -> dict[str, Any]:
    """The network's statistics as plain data (lists of dicts, sorted; scores rounded to 6 decimals).

    Keys: `filters` (sector, year), `counts` (regions, visitors, hosts, visits, pairs, provinces),
    `hosts` (most visited: distinct visits received, distinct visiting regions, weighted in-degree),
    `visitors` (most active: distinct visits made, distinct hosts, weighted out-degree), `pagerank`,
    `authorities` and `hubs` (HITS), `communities` (as `communities(graph)` orders them: each with its
    size, the visits within it, its members and their names by PageRank, the first as `leader`),
    `modularity` (of that partition), `sectors` (per sector,
    the visits about it and those only mentioning it) and `province_flows` (distinct visits from the
    regions of one province to those of another, or of the same). Every list holds all its entries;
    equal numbers are ordered by code.
    """
    with _gc_paused():
        return _statistics(graph)


def _statistics(graph: nx.DiGraph) -> dict[str, Any]:
    nodes = sorted(graph)
    visits = _visits(graph)
    hosted, made = _visit_counts(graph, visits)
    ranks = pagerank(graph)
    hub, authority = hits(graph)
    undirected = _undirected(graph)
    groups = _louvain(undirected, SEED)
    in_degree = dict(graph.in_degree(weight="weight"))
    out_degree = dict(graph.out_degree(weight="weight"))

    def region(code: str) -> dict[str, Any]:
        data = graph.nodes[code]
        return {"code": code, "name": data.get("name", code), "province": data.get("province_name")}

    hosts = [
        region(n) | {"visits": hosted[n], "visitors": graph.in_degree(n), "in_degree": in_degree[n]}
        for n in nodes
        if hosted[n]
    ]
    hosts.sort(key=lambda r: (-r["visits"], -r["in_degree"], r["code"]))
    visitors = [
        region(n) | {"visits": made[n], "hosts": graph.out_degree(n), "out_degree": out_degree[n]}
        for n in nodes
        if made[n]
    ]
    visitors.sort(key=lambda r: (-r["visits"], -r["out_degree"], r["code"]))
    modularity = 0.0
    if undirected.number_of_edges():
        modularity = nx.community.modularity(undirected, [set(g) for g in groups], weight="weight")
    return {
        "filters": {"sector": graph.graph.get("sector"), "year": graph.graph.get("year")},
        "counts": {
            "regions": len(nodes),
            "visitors": len(visitors),
            "hosts": len(hosts),
            "visits": len(visits),
            "pairs": graph.number_of_edges(),
            "provinces": len({_province(graph, n) for n in nodes}),
        },
        "hosts": hosts,
        "visitors": visitors,
        "pagerank": [region(n) | {"pagerank": round(ranks[n], _ROUND)} for n in _ranked(nodes, ranks)],
        "authorities": [
            region(n) | {"authority": round(authority[n], _ROUND), "hub": round(hub[n], _ROUND)}
            for n in _ranked(nodes, authority, hub)
        ],
        "hubs": [
            region(n) | {"hub": round(hub[n], _ROUND), "authority": round(authority[n], _ROUND)}
            for n in _ranked(nodes, hub, authority)
        ],
        "communities": _communities(graph, groups, ranks, visits),
        "modularity": round(float(modularity), _ROUND),
        "sectors": _sectors(graph, visits),
        "province_flows": _province_flows(graph, visits),
    }


def _ranked(
    nodes: list[str], score: Mapping[str, float], then: Mapping[str, float] | None = None
) -> list[str]:
    """Nodes by descending score (equal to 9 decimals: by `then`, then by code)."""

    def key(n: str) -> tuple[float, float, str]:
        return (-round(score[n], _TIE), -round(then[n], _TIE) if then else 0.0, n)

    return sorted(nodes, key=key)


def _province(graph: nx.DiGraph, code: str) -> str:
    """The code of the region's province (its own for a province or a region the store does not know)."""
    data = graph.nodes[code] if code in graph else {}
    return data.get("province") or code


def _communities(
    graph: nx.DiGraph,
    groups: list[list[str]],
    ranks: Mapping[str, float],
    visits: Mapping[str, Mapping[str, Any]],
) -> list[dict[str, Any]]:
    group = {code: index for index, members in enumerate(groups) for code in members}
    internal: Counter[int] = Counter()
    for record in visits.values():
        inside = {group.get(code) for code in (record["host"], *record["visitors"])}
        if len(inside) == 1 and None not in inside:
            internal[inside.pop()] += 1
    result = []
    for index, members in enumerate(groups):
        ranked = _ranked(members, ranks)
        result.append(
            {
                "community": index,
                "size": len(members),
                "visits": internal[index],
                "leader": ranked[0],
                "leader_name": graph.nodes[ranked[0]].get("name", ranked[0]),
                "members": ranked,
                "names": [graph.nodes[m].get("name", m) for m in ranked],
            }
        )
    return result


def _sectors(graph: nx.DiGraph, visits: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    focus: Counter[str] = Counter()
    mentioned: Counter[str] = Counter()
    for record in visits.values():
        focus.update(set(record.get("sectors", ())))
        mentioned.update(set(record.get("mentioned", ())))
    labels = graph.graph.get("sector_labels", {})
    rows = [
        {
            "sector": sector,
            "label": (labels.get(sector) or {}).get("en") or sector,
            "visits": focus[sector],
            "mentioned": mentioned[sector],
        }
        for sector in set(focus) | set(mentioned)
    ]
    rows.sort(key=lambda r: (-r["visits"], -r["mentioned"], r["sector"]))
    return rows


def _province_flows(graph: nx.DiGraph, visits: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Distinct visits from the regions of one province to the regions of another (or the same): a joint
    visit of two regencies of one province counts once."""
    flows: Counter[tuple[str, str]] = Counter()
    for record in visits.values():
        to = _province(graph, record["host"])
        for origin in {_province(graph, code) for code in record["visitors"]}:
            flows[(origin, to)] += 1
    names: dict[str, str] = {}
    for code in graph:
        province = _province(graph, code)
        names.setdefault(province, graph.nodes[code].get("province_name") or province)
    rows = [
        {"from_code": a, "from": names.get(a, a), "to_code": b, "to": names.get(b, b), "visits": count}
        for (a, b), count in flows.items()
    ]
    rows.sort(key=lambda r: (-r["visits"], r["from_code"], r["to_code"]))
    return rows
