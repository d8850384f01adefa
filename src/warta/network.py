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
`pagerank` and `hits`, which need SciPy, not a warta dependency); they run on the aggregated graph, so a
store of 100 000 visits costs no more than its few hundred regions and their pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
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
# pattern decodes each term once, where Oxigraph's joins would look every visit up again (3x slower at
# 100 000 visits). The filters are queries of their own, with ?sector and ?year bound as RDF terms.
_HOSTS = "SELECT ?visit ?host WHERE { ?visit warta:host ?host }"
_VISITORS = "SELECT ?visit ?visitor WHERE { ?visit warta:visitor ?visitor }"
_DATES = "SELECT ?visit ?date WHERE { ?visit warta:date ?date }"
_FOCUS = "SELECT ?visit ?concept WHERE { ?visit warta:sector ?concept }"
_MENTIONED = "SELECT ?visit ?concept WHERE { ?visit warta:mentionedSector ?concept }"
_OF_SECTOR = "SELECT ?visit ?sector WHERE { ?visit warta:sector ?sector }"
_OF_YEAR = "SELECT ?visit ?year WHERE { ?visit warta:date ?date . FILTER (YEAR(?date) = ?year) }"

_SECTORS = """
SELECT ?visit ?sector ?relevance WHERE {
  { ?visit warta:sector ?concept . BIND ("focus" AS ?relevance) }
  UNION
  { ?visit warta:mentionedSector ?concept . BIND ("mentioned" AS ?relevance) }
  ?visit a warta:Visit .
  ?concept skos:notation ?sector .
}
"""

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
    keep: set[str] | None = None  # the visits passing the filters (None: all)
    if "sector" in bindings:
        keep = {visit for visit, _ in _pairs(store, _OF_SECTOR, {"sector": bindings["sector"]}, "sector")}
    if "year" in bindings:
        of_year = {visit for visit, _ in _pairs(store, _OF_YEAR, {"year": bindings["year"]}, "year")}
        keep = of_year if keep is None else keep & of_year
    visits: dict[str, dict[str, Any]] = {}
    for visit, host in _pairs(store, _HOSTS, {}, "host"):
        if keep is None or visit in keep:
            visits[visit] = {"host": host, "visitors": [], "date": None, "sectors": [], "mentioned": []}
    for visit, visitor in _pairs(store, _VISITORS, {}, "visitor"):
        record = visits.get(visit)
        if record is not None and visitor not in record["visitors"]:
            record["visitors"].append(visitor)
    for visit, date in _pairs(store, _DATES, {}, "date"):
        record = visits.get(visit)
        if record is not None and (record["date"] is None or date < record["date"]):
            record["date"] = date
    labels, notation = _sectors_of(store)
    for query, key in ((_FOCUS, "sectors"), (_MENTIONED, "mentioned")):
        for visit, concept in _pairs(store, query, {}, "concept"):
            record = visits.get(visit)
            if record is not None:
                record[key].append(notation.get(concept, concept))
    for iri in [iri for iri, record in visits.items() if not record["visitors"]]:
        del visits[iri]  # a visit without a visitor is no edge (the SHACL shapes forbid it)

    regions = _regions(store)
    codes: dict[str, str] = {}  # region IRI → code
    for record in visits.values():
        record["host"] = _code(record["host"], regions, codes)
        record["visitors"] = sorted(_code(v, regions, codes) for v in record["visitors"])
        record["sectors"] = sorted(set(record["sectors"]))
        record["mentioned"] = sorted(set(record["mentioned"]))

    graph = nx.DiGraph(sector=sector, year=year)
    graph.graph["visits"] = {iri: visits[iri] for iri in sorted(visits)}
    graph.graph["sector_labels"] = labels
    involved = sorted({code for r in visits.values() for code in (r["host"], *r["visitors"])})
    by_code = {info["code"]: info for info in regions.values()}
    for code in involved:
        info = by_code.get(code, {})
        graph.add_node(
            code,
            name=info.get("name", code),
            kind=info.get("kind"),
            province=info.get("province"),
            province_name=info.get("province_name"),
            lat=info.get("lat"),
            lon=info.get("lon"),
        )
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for iri, record in graph.graph["visits"].items():
        for visitor in record["visitors"]:
            if visitor != record["host"]:
                pairs[(visitor, record["host"])].append(iri)
    for (u, v), iris in sorted(pairs.items()):
        records = [visits[i] for i in iris]
        graph.add_edge(
            u,
            v,
            weight=len(iris),
            visits=iris,
            years=sorted({int(r["date"][:4]) for r in records if r["date"]}),
            sectors=sorted({s for r in records for s in r["sectors"]}),
        )
    return graph


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


def _code(iri: str, regions: Mapping[str, Mapping[str, Any]], cache: dict[str, str]) -> str:
    """A region's code; for a region the store does not describe, the last segment of its IRI."""
    code = cache.get(iri)
    if code is None:
        info = regions.get(iri)
        code = cache[iri] = info["code"] if info else iri.rstrip("/").rsplit("/", 1)[-1]
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
    undirected = _undirected(graph)
    if undirected.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    return sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0]))


def _undirected(graph: nx.DiGraph) -> nx.Graph:
    """The graph without directions, u–v weighted by the visits both ways; nodes and edges added in sorted
    order, so that Louvain's seeded shuffle sees the same sequence however `graph` was built."""
    weights: Counter[tuple[str, str]] = Counter()
    for u, v, d in graph.edges(data=True):
        weights[(min(u, v), max(u, v))] += d.get("weight", 1)
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph))
    undirected.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return undirected


def _visit_sets(graph: nx.DiGraph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The distinct visits each region hosted, and those it took part in as a visitor."""
    hosted: dict[str, set[str]] = {n: set() for n in graph}
    made: dict[str, set[str]] = {n: set() for n in graph}
    for u, v, d in graph.edges(data=True):
        iris = d.get("visits") or [f"{u}>{v}#{i}" for i in range(d.get("weight", 1))]
        hosted[v].update(iris)
        made[u].update(iris)
    return hosted, made


def node_scores(graph: nx.DiGraph) -> dict[str, dict[str, Any]]:
    """Per region code: `pagerank`, `visits_in` (distinct visits hosted), `visits_out` (distinct visits
    made), `community` (index into `communities(graph)`, 0 the largest), in code order. The numbers
    `warta stats` prints, for sizing and colouring the nodes of a network view."""
    ranks = pagerank(graph)
    hosted, made = _visit_sets(graph)
    group = {code: index for index, members in enumerate(communities(graph)) for code in members}
    return {
        n: {
            "pagerank": ranks[n],
            "visits_in": len(hosted[n]),
            "visits_out": len(made[n]),
            "community": group.get(n),
        }
        for n in sorted(graph)
    }


# --- statistics -------------------------------------------------------------------------------------------


def statistics(graph: nx.DiGraph) -> dict[str, Any]:
    """The network's statistics as plain data (lists of dicts, sorted; scores rounded to 6 decimals).

    Keys: `filters` (sector, year), `counts` (regions, visitors, hosts, visits, pairs, provinces),
    `hosts` (most visited: distinct visits received, distinct visiting regions, weighted in-degree),
    `visitors` (most active: distinct visits made, distinct hosts, weighted out-degree), `pagerank`,
    `authorities` and `hubs` (HITS), `communities` (with `modularity`), `sectors` (visits per focus sector,
    and per sector mentioned) and `province_flows` (visits from one province's regions to another's).
    Every list holds all entries; ties are broken by code.
    """
    nodes = sorted(graph)
    hosted, made = _visit_sets(graph)
    ranks = pagerank(graph)
    hub, authority = hits(graph)
    groups = communities(graph)
    visits = _visits(graph)

    def region(code: str) -> dict[str, Any]:
        data = graph.nodes[code]
        return {"code": code, "name": data.get("name", code), "province": data.get("province_name")}

    hosts = [
        region(n)
        | {
            "visits": len(hosted[n]),
            "visitors": graph.in_degree(n),
            "in_degree": graph.in_degree(n, weight="weight"),
        }
        for n in nodes
        if graph.in_degree(n)
    ]
    hosts.sort(key=lambda r: (-r["visits"], -r["in_degree"], r["code"]))
    visitors = [
        region(n)
        | {
            "visits": len(made[n]),
            "hosts": graph.out_degree(n),
            "out_degree": graph.out_degree(n, weight="weight"),
        }
        for n in nodes
        if graph.out_degree(n)
    ]
    visitors.sort(key=lambda r: (-r["visits"], -r["out_degree"], r["code"]))
    ranked = _ranked(nodes, ranks)
    by_authority = _ranked(nodes, authority, hub)
    by_hub = _ranked(nodes, hub, authority)
    provinces = {graph.nodes[n].get("province") or n for n in nodes}
    return {
        "filters": {"sector": graph.graph.get("sector"), "year": graph.graph.get("year")},
        "counts": {
            "regions": len(nodes),
            "visitors": sum(1 for n in nodes if graph.out_degree(n)),
            "hosts": sum(1 for n in nodes if graph.in_degree(n)),
            "visits": len(visits),
            "pairs": graph.number_of_edges(),
            "provinces": len(provinces),
        },
        "hosts": hosts,
        "visitors": visitors,
        "pagerank": [region(n) | {"pagerank": round(ranks[n], _ROUND)} for n in ranked],
        "authorities": [
            region(n) | {"authority": round(authority[n], _ROUND), "hub": round(hub[n], _ROUND)}
            for n in by_authority
        ],
        "hubs": [
            region(n) | {"hub": round(hub[n], _ROUND), "authority": round(authority[n], _ROUND)}
            for n in by_hub
        ],
        "communities": _communities(graph, groups, ranks),
        "modularity": round(_modularity(graph, groups), _ROUND),
        "sectors": _sectors(graph, visits),
        "province_flows": _province_flows(graph),
    }


def _ranked(
    nodes: list[str], score: Mapping[str, float], then: Mapping[str, float] | None = None
) -> list[str]:
    """Nodes by descending score (equal to 9 decimals: by `then`, then by code)."""

    def key(n: str) -> tuple[float, float, str]:
        return (-round(score[n], _TIE), -round(then[n], _TIE) if then else 0.0, n)

    return sorted(nodes, key=key)


def _visits(graph: nx.DiGraph) -> dict[str, dict[str, Any]]:
    """The graph's visits by IRI (from `graph.graph["visits"]`, else from the edges' `visits`)."""
    recorded = graph.graph.get("visits")
    if recorded is not None:
        return recorded
    found: dict[str, dict[str, Any]] = {}
    for u, v, d in sorted(graph.edges(data=True)):
        for iri in d.get("visits") or [f"{u}>{v}#{i}" for i in range(d.get("weight", 1))]:
            record = found.setdefault(iri, {"host": v, "visitors": [], "sectors": [], "mentioned": []})
            record["visitors"].append(u)
    return found


def _communities(graph: nx.DiGraph, groups: list[list[str]], ranks: Mapping[str, float]) -> list[dict]:
    result = []
    for index, members in enumerate(groups):
        inside = set(members)
        internal = {
            iri
            for u, v, d in graph.edges(members, data=True)
            if v in inside
            for iri in (d.get("visits") or [f"{u}>{v}#{i}" for i in range(d.get("weight", 1))])
        }
        leading = _ranked(members, ranks)
        result.append(
            {
                "community": index,
                "size": len(members),
                "visits": len(internal),
                "leader": leading[0],
                "leader_name": graph.nodes[leading[0]].get("name", leading[0]),
                "members": members,
                "names": [graph.nodes[m].get("name", m) for m in members],
            }
        )
    return result


def _modularity(graph: nx.DiGraph, groups: list[list[str]]) -> float:
    undirected = _undirected(graph)
    if undirected.number_of_edges() == 0:
        return 0.0
    return float(nx.community.modularity(undirected, [set(g) for g in groups], weight="weight"))


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


def _province_flows(graph: nx.DiGraph) -> list[dict[str, Any]]:
    """Distinct visits from the regions of one province to the regions of another (or the same)."""
    flows: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for u, v, d in graph.edges(data=True):
        pu, pv = (graph.nodes[n].get("province") or n for n in (u, v))
        for n, p in ((u, pu), (v, pv)):
            names.setdefault(p, graph.nodes[n].get("province_name") or p)
        flows[(pu, pv)].update(d.get("visits") or [f"{u}>{v}#{i}" for i in range(d.get("weight", 1))])
    rows = [
        {
            "from_code": pu,
            "from": names[pu],
            "to_code": pv,
            "to": names[pv],
            "visits": len(iris),
        }
        for (pu, pv), iris in flows.items()
    ]
    rows.sort(key=lambda r: (-r["visits"], r["from_code"], r["to_code"]))
    return rows
