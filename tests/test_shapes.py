"""The SHACL shapes (ontology/shapes.ttl): a well-formed graph conforms; each constraint catches its fault."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, SH, XSD

from warta.namespaces import ID, SCHEMA, SECTOR, WARTA

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "warta.ttl"
SECTORS = ROOT / "ontology" / "sectors.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
FACTS_PY = ROOT / "src" / "warta" / "facts.py"

WSH = Namespace("https://w3id.org/warta/shapes#")

PROVINCE = ID["region/62"]
REGENCY = ID["region/62.02"]
CITY = ID["region/62.71"]
LEADER = ID["official/irawati"]
RECEIVER = ID["official/bahasan"]
ARTICLE = ID["article/seed"]
VISIT = ID["visit/seed-1"]
DERIVATION = ID["derivation/seed-1"]
OTHER_PROVINCE = ID["region/63"]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def sectors() -> Graph:
    return Graph().parse(SECTORS, format="turtle")


@pytest.fixture(scope="module")
def sector_types(sectors: Graph) -> Graph:
    """Just the `a warta:Sector` triples of sectors.ttl: all the shapes look at, and quicker to validate."""
    g = Graph()
    for concept in sectors.subjects(RDF.type, WARTA.Sector):
        g.add((concept, RDF.type, WARTA.Sector))
    return g


def valid_graph(sectors: Graph) -> Graph:
    """A small knowledge graph as the mapping writes it: most specific region classes only, typed numbers.

    `sectors` is the sector scheme (or its type triples), part of every built knowledge graph.
    """
    g = Graph()
    g += sectors
    g.add((PROVINCE, RDF.type, WARTA.Province))
    g.add((PROVINCE, WARTA.code, Literal("62")))
    g.add((PROVINCE, RDFS.label, Literal("Kalimantan Tengah")))
    g.add((REGENCY, RDF.type, WARTA.Regency))
    g.add((REGENCY, WARTA.code, Literal("62.02")))
    g.add((REGENCY, RDFS.label, Literal("Kabupaten Kotawaringin Timur")))
    g.add((REGENCY, WARTA.partOf, PROVINCE))
    g.add((CITY, RDF.type, WARTA.City))
    g.add((CITY, WARTA.code, Literal("62.71")))
    g.add((CITY, RDFS.label, Literal("Kota Palangka Raya")))
    g.add((CITY, WARTA.partOf, PROVINCE))

    for official, name, role, role_class, region in [
        (LEADER, "Irawati", "Wakil Bupati", "deputy_head", REGENCY),
        (RECEIVER, "Bahasan", "Wakil Wali Kota", "deputy_head", CITY),
    ]:
        g.add((official, RDF.type, WARTA.Official))
        g.add((official, SCHEMA.name, Literal(name)))
        g.add((official, WARTA.role, Literal(role)))
        g.add((official, WARTA.roleClass, Literal(role_class)))
        g.add((official, WARTA.officialOf, region))
        g.add((official, PROV.wasDerivedFrom, ARTICLE))

    g.add((ARTICLE, RDF.type, WARTA.Article))
    g.add((ARTICLE, DCTERMS.identifier, Literal("seed")))
    g.add((ARTICLE, SCHEMA.headline, Literal("Pemkab Kotim studi tiru ke Pemkot Palangka Raya")))
    g.add((ARTICLE, WARTA.reports, VISIT))
    for mentioned in (REGENCY, CITY, LEADER, RECEIVER, SECTOR.umkm):
        g.add((ARTICLE, WARTA.mentions, mentioned))

    g.add((VISIT, RDF.type, WARTA.Visit))
    g.add((VISIT, WARTA.visitor, REGENCY))
    g.add((VISIT, WARTA.host, CITY))
    g.add((VISIT, WARTA.date, Literal("2025-04-23", datatype=XSD.date)))
    g.add((VISIT, WARTA.delegationSize, Literal(56, datatype=XSD.positiveInteger)))
    g.add((VISIT, WARTA.ledBy, LEADER))
    g.add((VISIT, WARTA.receivedBy, RECEIVER))
    g.add((VISIT, WARTA.visitType, Literal("studi tiru")))
    g.add((VISIT, WARTA.visitorBody, Literal("executive")))
    g.add((VISIT, WARTA.venue, Literal("Ruang Rapat Wali Kota")))
    g.add((VISIT, WARTA.sector, SECTOR.umkm))
    g.add((VISIT, WARTA.mentionedSector, SECTOR.keuangan_daerah))
    g.add((VISIT, PROV.wasDerivedFrom, ARTICLE))
    g.add((VISIT, PROV.qualifiedDerivation, DERIVATION))

    g.add((DERIVATION, RDF.type, WARTA.Derivation))
    g.add((DERIVATION, PROV.entity, ARTICLE))
    g.add(
        (DERIVATION, WARTA.quote, Literal("Pemerintah Kabupaten Kotawaringin Timur melaksanakan studi tiru."))
    )
    g.add((DERIVATION, WARTA.startOffset, Literal(0, datatype=XSD.nonNegativeInteger)))
    g.add((DERIVATION, WARTA.endOffset, Literal(64, datatype=XSD.nonNegativeInteger)))
    return g


# Three ways to validate: shapes alone on the data; with the ontology mixed in; with RDFS inference too.
MODES = {
    "plain": {},
    "ontology": {"use_ontology": True},
    "rdfs": {"use_ontology": True, "inference": "rdfs"},
}


def run(data: Graph, shapes: Graph, ontology: Graph, mode: str) -> tuple[bool, Graph, str]:
    options = MODES[mode]
    conforms, results, text = validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology if options.get("use_ontology") else None,
        inference=options.get("inference", "none"),
        advanced=True,
        allow_warnings=False,
    )
    return bool(conforms), results, text


@pytest.mark.parametrize("mode", sorted(MODES))
def test_valid_graph_conforms(shapes: Graph, ontology: Graph, sectors: Graph, mode: str) -> None:
    conforms, _, text = run(valid_graph(sectors), shapes, ontology, mode)
    assert conforms, text


def test_valid_graph_with_two_visitors_and_no_optional_attributes(
    shapes: Graph, ontology: Graph, sector_types: Graph
) -> None:
    g = valid_graph(sector_types)
    for p in (WARTA.date, WARTA.delegationSize, WARTA.ledBy, WARTA.receivedBy, WARTA.venue, WARTA.sector):
        g.remove((VISIT, p, None))
    g.add((VISIT, WARTA.visitor, PROVINCE))
    conforms, _, text = run(g, shapes, ontology, "plain")
    assert conforms, text


# --- one failing case per constraint --------------------------------------------------------------------


def _set(subject: URIRef, predicate: URIRef, *values: object) -> Callable[[Graph], None]:
    """Replace every value of subject/predicate by `values` (none: remove the property)."""

    def mutate(g: Graph) -> None:
        g.remove((subject, predicate, None))
        for value in values:
            g.add(
                (subject, predicate, value if isinstance(value, URIRef | BNode | Literal) else Literal(value))
            )

    return mutate


def _add(subject: URIRef, predicate: URIRef, value: object) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.add((subject, predicate, value if isinstance(value, URIRef | Literal) else Literal(value)))

    return mutate


def _remove_triple(subject: URIRef, predicate: URIRef, value: URIRef) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.remove((subject, predicate, value))

    return mutate


def _all(*mutations: Callable[[Graph], None]) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        for step in mutations:
            step(g)

    return mutate


def _typed(value: object, datatype: URIRef) -> Literal:
    return Literal(str(value), datatype=datatype)


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Graph], None]
    shape: URIRef  # the sh:sourceShape (or, for SPARQL, the sh:sourceConstraint) that must report
    path: URIRef | None  # the sh:resultPath it must report, when it is a plain property
    under_rdfs: bool = True  # False: RDFS domain/range inference supplies the missing type, so it conforms


CASES = [
    # visits
    Case("no host", _set(VISIT, WARTA.host), WSH.VisitHost, WARTA.host),
    Case("two hosts", _add(VISIT, WARTA.host, PROVINCE), WSH.VisitHost, WARTA.host),
    Case("host not a region", _set(VISIT, WARTA.host, RECEIVER), WSH.VisitHost, WARTA.host, under_rdfs=False),
    Case("no visitor", _set(VISIT, WARTA.visitor), WSH.VisitVisitor, WARTA.visitor),
    Case("visitor not a region", _set(VISIT, WARTA.visitor, LEADER), WSH.VisitVisitor, WARTA.visitor, False),
    Case("host among visitors", _add(VISIT, WARTA.visitor, CITY), WSH.VisitHostNotVisitor, WARTA.host),
    Case(
        "two dates",
        _add(VISIT, WARTA.date, Literal("2025-04-24", datatype=XSD.date)),
        WSH.VisitDate,
        WARTA.date,
    ),
    Case("date a plain string", _set(VISIT, WARTA.date, "23/4/2025"), WSH.VisitDate, WARTA.date),
    Case(
        "date a dateTime",
        _set(VISIT, WARTA.date, Literal("2025-04-23T10:00:00", datatype=XSD.dateTime)),
        WSH.VisitDate,
        WARTA.date,
    ),
    Case(
        "delegation size 0",
        _set(VISIT, WARTA.delegationSize, _typed(0, XSD.positiveInteger)),
        WSH.VisitDelegationSize,
        WARTA.delegationSize,
    ),
    Case(
        "delegation size -3",
        _set(VISIT, WARTA.delegationSize, Literal(-3)),
        WSH.VisitDelegationSize,
        WARTA.delegationSize,
    ),
    Case(
        "delegation size a decimal",
        _set(VISIT, WARTA.delegationSize, Literal("56.0", datatype=XSD.decimal)),
        WSH.VisitDelegationSize,
        WARTA.delegationSize,
    ),
    Case(
        "delegation size a word",
        _set(VISIT, WARTA.delegationSize, "puluhan"),
        WSH.VisitDelegationSize,
        WARTA.delegationSize,
    ),
    Case("unknown visit type", _set(VISIT, WARTA.visitType, "studi wisata"), WSH.VisitType, WARTA.visitType),
    Case(
        "visit type with a language tag",
        _set(VISIT, WARTA.visitType, Literal("studi tiru", lang="id")),
        WSH.VisitType,
        WARTA.visitType,
    ),
    Case("unknown visitor body", _set(VISIT, WARTA.visitorBody, "dprd"), WSH.VisitorBody, WARTA.visitorBody),
    Case("empty venue", _set(VISIT, WARTA.venue, ""), WSH.VisitVenue, WARTA.venue),
    Case(
        "sector not in the scheme",
        _set(VISIT, WARTA.sector, SECTOR.wisata),
        WSH.VisitSector,
        WARTA.sector,
        under_rdfs=False,
    ),
    Case(
        "mentioned sector not in the scheme",
        _set(VISIT, WARTA.mentionedSector, SECTOR.ekonomi),
        WSH.VisitMentionedSector,
        WARTA.mentionedSector,
        under_rdfs=False,
    ),
    Case("no reporting article", _remove_triple(ARTICLE, WARTA.reports, VISIT), WSH.VisitReportedBy, None),
    Case(
        "reported by something not an article",
        _all(_remove_triple(ARTICLE, WARTA.reports, VISIT), _add(ID["page/x"], WARTA.reports, VISIT)),
        WSH.VisitReportedBy,
        None,
        under_rdfs=False,
    ),
    Case("led by a region", _set(VISIT, WARTA.ledBy, REGENCY), WSH.VisitLedBy, WARTA.ledBy, under_rdfs=False),
    Case(
        "received by a name", _set(VISIT, WARTA.receivedBy, "Bahasan"), WSH.VisitReceivedBy, WARTA.receivedBy
    ),
    # regions
    Case("region code 6202", _set(REGENCY, WARTA.code, "6202"), WSH.RegionCode, WARTA.code),
    Case("region code 62.2", _set(REGENCY, WARTA.code, "62.2"), WSH.RegionCode, WARTA.code),
    Case("region code an integer", _set(PROVINCE, WARTA.code, Literal(62)), WSH.RegionCode, WARTA.code),
    Case("region without code", _set(CITY, WARTA.code), WSH.RegionCode, WARTA.code),
    Case("region with two codes", _add(CITY, WARTA.code, "62.72"), WSH.RegionCode, WARTA.code),
    Case("region without name", _set(CITY, RDFS.label), WSH.RegionLabel, RDFS.label),
    Case("province code of a regency", _set(PROVINCE, WARTA.code, "62.00"), WSH.ProvinceCode, WARTA.code),
    Case(
        "province part of a province",
        _add(PROVINCE, WARTA.partOf, OTHER_PROVINCE),
        WSH.ProvincePartOf,
        WARTA.partOf,
    ),
    Case("regency code of a province", _set(REGENCY, WARTA.code, "62"), WSH.RegencyCityCode, WARTA.code),
    Case("regency without partOf", _set(REGENCY, WARTA.partOf), WSH.RegencyCityPartOf, WARTA.partOf),
    Case(
        "city part of two provinces",
        _all(
            _add(OTHER_PROVINCE, RDF.type, WARTA.Province),
            _add(OTHER_PROVINCE, WARTA.code, "63"),
            _add(OTHER_PROVINCE, RDFS.label, "Kalimantan Selatan"),
            _add(CITY, WARTA.partOf, OTHER_PROVINCE),
        ),
        WSH.RegencyCityPartOf,
        WARTA.partOf,
    ),
    Case(
        "regency part of a city",
        _set(REGENCY, WARTA.partOf, CITY),
        WSH.RegencyCityPartOf,
        WARTA.partOf,
        under_rdfs=False,
    ),
    Case(
        "regency code outside its province",
        _set(REGENCY, WARTA.code, "63.02"),
        WSH.RegencyCityCodeInProvince,
        WARTA.partOf,
    ),
    # officials
    Case("official without name", _set(LEADER, SCHEMA.name), WSH.OfficialName, SCHEMA.name),
    Case("official with empty name", _set(LEADER, SCHEMA.name, ""), WSH.OfficialName, SCHEMA.name),
    Case("official with blank name", _set(LEADER, SCHEMA.name, "  "), WSH.OfficialName, SCHEMA.name),
    Case("official with two names", _add(LEADER, SCHEMA.name, "Ira"), WSH.OfficialName, SCHEMA.name),
    Case("official name a number", _set(LEADER, SCHEMA.name, Literal(7)), WSH.OfficialName, SCHEMA.name),
    Case(
        "unknown role class", _set(LEADER, WARTA.roleClass, "mayor"), WSH.OfficialRoleClass, WARTA.roleClass
    ),
    Case("official of two regions", _add(LEADER, WARTA.officialOf, CITY), WSH.OfficialOf, WARTA.officialOf),
    Case(
        "official of a non-region",
        _set(LEADER, WARTA.officialOf, ARTICLE),
        WSH.OfficialOf,
        WARTA.officialOf,
        under_rdfs=False,
    ),
    # articles and derivations
    Case("article without identifier", _set(ARTICLE, DCTERMS.identifier), WSH.ArticleIdentifier, None),
    Case(
        "article with two identifiers",
        _add(ARTICLE, DCTERMS.identifier, "seed-2"),
        WSH.ArticleIdentifier,
        None,
    ),
    Case("derivation without article", _set(DERIVATION, PROV.entity), WSH.DerivationEntity, PROV.entity),
    Case(
        "untyped derivation without article",
        _all(_set(DERIVATION, RDF.type), _set(DERIVATION, PROV.entity)),
        WSH.DerivationEntity,
        PROV.entity,
    ),
    Case("empty quote", _set(DERIVATION, WARTA.quote, ""), WSH.DerivationQuote, WARTA.quote),
    Case(
        "start after end",
        _set(DERIVATION, WARTA.startOffset, _typed(99, XSD.nonNegativeInteger)),
        WSH.DerivationStart,
        WARTA.startOffset,
    ),
    Case(
        "offset negative",
        _set(DERIVATION, WARTA.endOffset, Literal(-1)),
        WSH.DerivationEnd,
        WARTA.endOffset,
    ),
]


FAULTS = [pytest.param(case, "plain", id=case.id) for case in CASES] + [
    pytest.param(case, "rdfs", id=f"{case.id} (rdfs)") for case in CASES if case.under_rdfs
]


@pytest.mark.parametrize(("case", "mode"), FAULTS)
def test_fault_is_reported(
    shapes: Graph, ontology: Graph, sector_types: Graph, case: Case, mode: str
) -> None:
    g = valid_graph(sector_types)
    case.mutate(g)
    conforms, results, text = run(g, shapes, ontology, mode)
    assert not conforms, f"{case.id}: expected a violation"
    matching = [
        r
        for r in results.subjects(RDF.type, SH.ValidationResult)
        if case.shape in (results.value(r, SH.sourceShape), results.value(r, SH.sourceConstraint))
        and (case.path is None or results.value(r, SH.resultPath) == case.path)
    ]
    assert matching, f"{case.id}: no result from {case.shape} on {case.path}; got:\n{text}"
    # The user reads the shape's own message, not a generic one.
    messages = {str(m) for r in matching for m in results.objects(r, SH.resultMessage)}
    own = shapes.value(case.shape, SH.message)
    assert str(own) in messages, f"{case.id}: expected message {own!r}, got {messages}"


def test_every_case_shape_exists(shapes: Graph) -> None:
    defined = set(shapes.subjects(RDF.type, None))
    assert {c.shape for c in CASES} <= defined


def test_every_property_shape_is_exercised(shapes: Graph) -> None:
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    assert property_shapes <= {c.shape for c in CASES}


# --- the shapes file itself -----------------------------------------------------------------------------


def test_every_shape_has_a_message_or_comment(shapes: Graph) -> None:
    checked = (
        set(shapes.subjects(RDF.type, SH.PropertyShape))
        | set(shapes.subjects(RDF.type, SH.SPARQLConstraint))
        | set(shapes.subjects(RDF.type, SH.NodeShape))
    )
    assert len(checked) > 30
    for shape in checked:
        if (shape, RDF.type, SH.NodeShape) in shapes and shapes.value(shape, SH.message) is None:
            assert shapes.value(shape, RDFS.comment) is not None, shape
        else:
            message = shapes.value(shape, SH.message)
            assert message is not None and len(str(message)) > 20, shape


def _facts_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_warta_facts_under_test", FACTS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("shape", "constant"),
    [
        (WSH.VisitType, "VISIT_TYPES"),
        (WSH.VisitorBody, "VISITOR_BODIES"),
        (WSH.OfficialRoleClass, "ROLE_CLASSES"),
    ],
)
def test_enumerations_match_the_facts_format(shapes: Graph, shape: URIRef, constant: str) -> None:
    values = [str(v) for v in Collection(shapes, shapes.value(shape, SH["in"]))]
    assert values == list(getattr(_facts_module(), constant))
