"""Facts → RDF: the triples of one article's named graph, and the reference graphs every build shares.

The mapping is a pure function of its input: the same facts give the same triples, with IRIs derived from
content (region codes, normalised names, a hash of who visited whom when) so that two articles reporting the
same visit describe one `warta:Visit`, each with its own `prov:wasDerivedFrom`.

An article's triples are made of pyoxigraph terms, the store's own: a build writes millions of them, and
pyoxigraph terms are made and written several times faster than rdflib's (`warta.store.from_ox` turns one
into an rdflib term). The IRI helpers (`region_iri`, `official_iri`...) return rdflib `URIRef`s, for users.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Collection
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from warta import namespaces as ns
from warta.errors import InputError
from warta.evaluate import names_match, normalize_name
from warta.facts import Article, ArticleFacts, Evidence, Official, Visit
from warta.gazetteer import Gazetteer, Region
from warta.namespaces import DCTERMS, ID, PROV, RDF, RDFS, SCHEMA, SECTOR, SKOS, XSD
from warta.paths import ontology_file

Triple = tuple[Node, Node, Node]
Term = ox.NamedNode | ox.Literal
OxTriple = tuple[ox.NamedNode, ox.NamedNode, Term]

_REGION_CLASS = {"province": ns.Province, "regency": ns.Regency, "city": ns.City}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_IRI_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`]")
LANG = "id"


class MappingError(InputError):
    """A facts record names a region code or sector id warta does not know."""


# --- IRIs -------------------------------------------------------------------------------------------------


def article_graph(article_id: str) -> URIRef:
    """The named graph holding what was read from one article."""
    return URIRef(ns.ARTICLE_GRAPH + quote(article_id, safe=""))


def article_iri(article_id: str) -> URIRef:
    return ID["article/" + quote(article_id, safe="")]


def region_iri(code: str) -> URIRef:
    return ID["region/" + code]


def sector_iri(sector_id: str) -> URIRef:
    return SECTOR[sector_id]


def slug(text: str) -> str:
    """ASCII, lower case, runs of anything else turned into one '-': "Ricky CH Ricfat" → "ricky-ch-ricfat"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def official_iri(name: str, region: str | None) -> URIRef:
    return ID[f"official/{region or 'unknown'}/{slug(normalize_name(name) or name)}"]


def visit_iri(visit: Visit, article_id: str) -> URIRef:
    """Dated visits are identified by who visited whom when; a dateless one stays tied to its article."""
    key = f"{','.join(sorted(visit.visitor))}|{visit.host}|"
    date = iso_date(visit.date)
    key += date if date else f"|{article_id}"
    return ID["visit/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]]


def derivation_iri(fact: URIRef, article_id: str) -> URIRef:
    return URIRef(f"{fact}/derivation/{quote(article_id, safe='')}")


# --- literals ---------------------------------------------------------------------------------------------


def iso_date(text: str | None) -> str | None:
    """`text` if it is a valid ISO calendar date (YYYY-MM-DD), else None."""
    if not text or not _ISO_DATE.fullmatch(text):
        return None
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _decimal(value: float) -> Literal:
    return Literal(format(Decimal(repr(value)), "f"), datatype=XSD.decimal)


# --- reference data ---------------------------------------------------------------------------------------


@cache
def known_sectors() -> frozenset[str]:
    """The sector ids of the SKOS scheme in `ontology/sectors.ttl`."""
    graph = _parse(ontology_file("sectors.ttl"))
    return frozenset(
        str(s)[len(SECTOR) :] for s in graph.subjects(RDF.type, None) if str(s).startswith(str(SECTOR))
    )


def _parse(path: Path) -> Graph:
    """A Turtle file as a new graph (parsed once per file version)."""
    graph = Graph()
    for triple in _parsed(path, path.stat().st_mtime_ns):
        graph.add(triple)
    return graph


@cache
def _parsed(path: Path, version: int) -> tuple[Triple, ...]:
    return tuple(Graph().parse(path, format="turtle"))


def region_triples(region: Region) -> list[Triple]:
    """One region's description in the regions graph."""
    iri = region_iri(region.code)
    triples: list[Triple] = [
        (iri, RDF.type, _REGION_CLASS[region.kind]),
        (iri, RDFS.label, Literal(region.name, lang=LANG)),
        (iri, SKOS.prefLabel, Literal(region.name, lang=LANG)),
        (iri, ns.code, Literal(region.code)),
        (iri, SKOS.notation, Literal(region.code)),
    ]
    if region.province:
        triples.append((iri, ns.partOf, region_iri(region.province)))
    if region.latitude is not None:
        triples.append((iri, SCHEMA.latitude, _decimal(region.latitude)))
    if region.longitude is not None:
        triples.append((iri, SCHEMA.longitude, _decimal(region.longitude)))
    triples.extend((iri, SKOS.altLabel, Literal(alias, lang=LANG)) for alias in region.aliases)
    return triples


def reference_graphs(gazetteer: Gazetteer) -> dict[URIRef, Graph]:
    """The ontology, the sector scheme and every region of the gazetteer, by graph name."""
    regions = Graph()
    for region in gazetteer:
        for triple in region_triples(region):
            regions.add(triple)
    return {
        ns.ONTOLOGY_GRAPH: _parse(ontology_file("warta.ttl")),
        ns.SECTORS_GRAPH: _parse(ontology_file("sectors.ttl")),
        ns.REGIONS_GRAPH: regions,
    }


# --- one article ------------------------------------------------------------------------------------------


def _vocabulary(**terms: URIRef) -> SimpleNamespace:
    return SimpleNamespace(**{name: ox.NamedNode(str(iri)) for name, iri in terms.items()})


#: the terms an article's triples use, as pyoxigraph IRIs made once
V = _vocabulary(
    type=RDF.type,
    label=RDFS.label,
    Article=ns.Article,
    Official=ns.Official,
    Visit=ns.Visit,
    Derivation=ns.Derivation,
    identifier=DCTERMS.identifier,
    headline=SCHEMA.headline,
    datePublished=SCHEMA.datePublished,
    url=SCHEMA.url,
    publisher=SCHEMA.publisher,
    name=SCHEMA.name,
    role=ns.role,
    roleClass=ns.roleClass,
    officialOf=ns.officialOf,
    wasDerivedFrom=PROV.wasDerivedFrom,
    qualifiedDerivation=PROV.qualifiedDerivation,
    entity=PROV.entity,
    quote=ns.quote,
    startOffset=ns.startOffset,
    endOffset=ns.endOffset,
    reports=ns.reports,
    mentions=ns.mentions,
    visitor=ns.visitor,
    host=ns.host,
    date=ns.date,
    delegationSize=ns.delegationSize,
    ledBy=ns.ledBy,
    receivedBy=ns.receivedBy,
    visitType=ns.visitType,
    visitorBody=ns.visitorBody,
    venue=ns.venue,
    sector=ns.sector,
    mentionedSector=ns.mentionedSector,
    xsd_date=XSD.date,
    xsd_anyURI=XSD.anyURI,
    xsd_nonNegativeInteger=XSD.nonNegativeInteger,
    xsd_positiveInteger=XSD.positiveInteger,
)


@cache
def _region_node(code: str) -> ox.NamedNode:
    return ox.NamedNode(str(region_iri(code)))


@cache
def _sector_node(sector_id: str) -> ox.NamedNode:
    return ox.NamedNode(str(sector_iri(sector_id)))


def _url(url: str) -> Term:
    """An IRI when `url` is a valid absolute IRI, else an xsd:anyURI literal."""
    if _IRI_SCHEME.fullmatch(url) and not _IRI_FORBIDDEN.search(url):
        return ox.NamedNode(url)
    return ox.Literal(url, datatype=V.xsd_anyURI)


class _ArticleMapper:
    def __init__(self, article: Article | None, facts: ArticleFacts, gazetteer: Gazetteer, sectors):
        self.article = article
        self.facts = facts
        self.gazetteer = gazetteer
        self.sectors = sectors
        self.iri = ox.NamedNode(article_iri(facts.id))
        self.triples: dict[OxTriple, None] = {}  # ordered set
        self.mentioned: dict[ox.NamedNode, None] = {}

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: Term) -> None:
        self.triples[(s, p, o)] = None

    def region(self, code: str) -> Region:
        region = self.gazetteer.get(code)
        if region is None:
            raise MappingError(f"article {self.facts.id!r}: unknown region code {code}")
        return region

    def region_node(self, code: str) -> ox.NamedNode:
        return _region_node(self.region(code).code)

    def sector(self, sector_id: str) -> ox.NamedNode:
        if sector_id not in self.sectors:
            raise MappingError(f"article {self.facts.id!r}: unknown sector id {sector_id}")
        return _sector_node(sector_id)

    def mention(self, iri: ox.NamedNode) -> ox.NamedNode:
        self.mentioned[iri] = None
        return iri

    def run(self) -> list[OxTriple]:
        self.map_article()
        for mention in self.facts.regions:
            self.mention(self.region_node(mention.code))
        officials = [
            (o, self.map_official(o.name, o.role, o.role_class, o.region, o.evidence))
            for o in self.facts.officials
        ]
        for visit in self.facts.visits:
            self.map_visit(visit, officials)
        for iri in self.mentioned:
            self.add(self.iri, V.mentions, iri)
        return list(self.triples)

    def map_article(self) -> None:
        iri, article = self.iri, self.article
        self.add(iri, V.type, V.Article)
        self.add(iri, V.identifier, ox.Literal(self.facts.id))
        title = article.title if article and article.title else None
        self.add(iri, V.label, ox.Literal(title or self.facts.id))
        if article is None:
            return
        if title:
            self.add(iri, V.headline, ox.Literal(title))
        published = iso_date(article.published)
        if published:
            self.add(iri, V.datePublished, ox.Literal(published, datatype=V.xsd_date))
        if article.url:
            self.add(iri, V.url, _url(article.url))
        if article.source:
            self.add(iri, V.publisher, ox.Literal(article.source))

    def map_official(
        self, name: str, role: str, role_class: str, region: str | None, evidence: Evidence | None
    ) -> ox.NamedNode:
        iri = ox.NamedNode(official_iri(name, region))
        self.add(iri, V.type, V.Official)
        self.add(iri, V.name, ox.Literal(name))
        self.add(iri, V.label, ox.Literal(name))
        if role:
            self.add(iri, V.role, ox.Literal(role))
        self.add(iri, V.roleClass, ox.Literal(role_class))
        if region is not None:
            self.add(iri, V.officialOf, self.region_node(region))
        self.provenance(iri, evidence)
        return self.mention(iri)

    def provenance(self, fact: ox.NamedNode, evidence: Evidence | None) -> None:
        self.add(fact, V.wasDerivedFrom, self.iri)
        if evidence is None:
            return
        derivation = ox.NamedNode(derivation_iri(URIRef(fact.value), self.facts.id))
        self.add(fact, V.qualifiedDerivation, derivation)
        self.add(derivation, V.type, V.Derivation)
        self.add(derivation, V.entity, self.iri)
        self.add(derivation, V.quote, ox.Literal(evidence.text))
        if evidence.start >= 0 and evidence.end >= evidence.start:
            self.add(
                derivation, V.startOffset, ox.Literal(str(evidence.start), datatype=V.xsd_nonNegativeInteger)
            )
            self.add(
                derivation, V.endOffset, ox.Literal(str(evidence.end), datatype=V.xsd_nonNegativeInteger)
            )

    def person(self, name: str, officials: list[tuple[Official, ox.NamedNode]], region: str) -> ox.NamedNode:
        """The article's official called `name`, or a new Official of `region` when none matches."""
        for official, iri in officials:
            if names_match(official.name, name):
                return iri
        return self.map_official(name, "", "other", region, None)

    def map_visit(self, visit: Visit, officials: list[tuple[Official, ox.NamedNode]]) -> None:
        iri = ox.NamedNode(visit_iri(visit, self.facts.id))
        visitors = [self.region(code) for code in visit.visitor]
        host = self.region(visit.host)
        self.add(self.iri, V.reports, iri)
        self.add(iri, V.type, V.Visit)
        for region in visitors:
            self.add(iri, V.visitor, self.mention(self.region_node(region.code)))
        self.add(iri, V.host, self.mention(self.region_node(host.code)))
        date = iso_date(visit.date)
        if date:
            self.add(iri, V.date, ox.Literal(date, datatype=V.xsd_date))
        if visit.delegation_size is not None and visit.delegation_size > 0:
            self.add(
                iri, V.delegationSize, ox.Literal(str(visit.delegation_size), datatype=V.xsd_positiveInteger)
            )
        if visit.leader:
            self.add(iri, V.ledBy, self.person(visit.leader, officials, visitors[0].code))
        if visit.received_by:
            self.add(iri, V.receivedBy, self.person(visit.received_by, officials, host.code))
        self.add(iri, V.visitType, ox.Literal(visit.visit_type))
        if visit.visitor_body:
            self.add(iri, V.visitorBody, ox.Literal(visit.visitor_body))
        if visit.venue:
            self.add(iri, V.venue, ox.Literal(visit.venue))
        for sector_id in visit.focus_sectors:
            self.add(iri, V.sector, self.mention(self.sector(sector_id)))
        for sector_id in visit.mentioned_sectors:
            self.add(iri, V.mentionedSector, self.mention(self.sector(sector_id)))
        names = _label_names([*visitors, host])
        label = f"{', '.join(names[:-1])} → {names[-1]}"
        self.add(iri, V.label, ox.Literal(f"{label}, {date}" if date else label))
        self.provenance(iri, visit.evidence)


def _label_names(regions: list[Region]) -> list[str]:
    """Core names ("Pontianak"), or official names where two regions share one (Kota/Kabupaten Semarang)."""
    counts: dict[str, int] = {}
    for region in {r.code: r for r in regions}.values():
        counts[region.core_name] = counts.get(region.core_name, 0) + 1
    return [r.core_name if counts[r.core_name] == 1 else r.name for r in regions]


def map_article(
    article: Article | None,
    facts: ArticleFacts,
    gazetteer: Gazetteer,
    sectors: Collection[str] | None = None,
) -> list[OxTriple]:
    """The triples of the named graph of one article (`article_graph(facts.id)`), as pyoxigraph terms.

    `article` adds its metadata (headline, date, url, publisher) when given. `sectors` are the known sector
    ids (default: those of `ontology/sectors.ttl`). Raises `MappingError` naming the first unknown region code
    or sector id.
    """
    return _ArticleMapper(article, facts, gazetteer, known_sectors() if sectors is None else sectors).run()
