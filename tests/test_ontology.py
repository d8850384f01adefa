"""The ontology (warta.ttl) and the sector scheme (sectors.ttl): they parse and define what the code uses."""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, XSD

from warta.namespaces import ORG, SCHEMA, SECTOR, SECTOR_SCHEME, WARTA

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "warta.ttl"
SECTORS = ROOT / "ontology" / "sectors.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
SECTORS_MD = ROOT / "data" / "corpus" / "dev" / "SECTORS.md"
NAMESPACES_PY = ROOT / "src" / "warta" / "namespaces.py"

SCHEME = SECTOR_SCHEME
ONTOLOGY_IRI = URIRef("https://w3id.org/warta")

# Words that occur in almost every report, in any sense: never a sector signal.
TOO_GENERAL = {
    "pelayanan",
    "daerah",
    "masyarakat",
    "pembangunan",
    "ekonomi",
    "potensi",
    "desa",
    "jalan",
    "pemerintah",
    "pemerintahan",
    "program",
    "inovasi",
    "kerja sama",
    "sektor",
    "pengembangan",
    "pengelolaan",
    "kota",
    "kabupaten",
    "provinsi",
    "opd",
    "asn",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def sectors() -> Graph:
    return Graph().parse(SECTORS, format="turtle")


def _namespaces_module() -> ModuleType:
    """src/warta/namespaces.py of this source tree, whether or not the package is installed."""
    spec = importlib.util.spec_from_file_location("_warta_namespaces_under_test", NAMESPACES_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _warta_terms_in_code() -> set[URIRef]:
    module = _namespaces_module()
    return {
        value
        for name, value in vars(module).items()
        if not name.startswith("_") and isinstance(value, URIRef) and str(value).startswith(str(WARTA))
    }


def _sector_table() -> dict[str, tuple[str, str, str]]:
    """id -> (Indonesian label, English label, scope), from the markdown table of SECTORS.md."""
    rows: dict[str, tuple[str, str, str]] = {}
    for line in SECTORS_MD.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("id", "") or set(cells[0]) <= {"-"}:
            continue
        rows[cells[0]] = (cells[1], cells[2], cells[3])
    return rows


def _sector_id(concept: URIRef) -> str:
    return str(concept)[len(str(SECTOR)) :]


def _concepts(graph: Graph) -> set[URIRef]:
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def _lang_literals(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> list[Literal]:
    return [o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang]


# --- parsing --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ONTOLOGY, SECTORS, SHAPES], ids=lambda p: p.name)
def test_parses_with_rdflib_and_pyoxigraph(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(graph) > 0
    assert len(quads) == len(graph)


# --- ontology -------------------------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert _lang_literals(ontology, ONTOLOGY_IRI, DCTERMS.title, "en")
    assert _lang_literals(ontology, ONTOLOGY_IRI, DCTERMS.description, "en")


def _warta_terms(graph: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        s
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(WARTA))
    }


def test_every_term_has_labels_and_comment(ontology: Graph) -> None:
    terms = _warta_terms(ontology)
    assert len(terms) >= 30
    problems = []
    for term in sorted(terms):
        for lang in ("id", "en"):
            if len(_lang_literals(ontology, term, RDFS.label, lang)) != 1:
                problems.append(f"{term}: needs one rdfs:label @{lang}")
        comments = _lang_literals(ontology, term, RDFS.comment, "en")
        if len(comments) != 1 or "\n" in str(comments[0]):
            problems.append(f"{term}: needs one one-line rdfs:comment @en")
    assert not problems, "\n".join(problems)


def test_every_warta_term_of_the_code_is_defined(ontology: Graph) -> None:
    used = _warta_terms_in_code()
    assert len(used) >= 30
    missing = sorted(str(t) for t in used - _warta_terms(ontology))
    assert not missing, f"used in src/warta/namespaces.py but not defined in warta.ttl: {missing}"


def test_every_property_is_either_object_or_datatype(ontology: Graph) -> None:
    objects = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    datatypes = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    assert not objects & datatypes
    for prop in {p for p in objects | datatypes if str(p).startswith(str(WARTA))}:
        assert ontology.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"


@pytest.mark.parametrize(
    ("term", "predicate", "expected"),
    [
        (WARTA.Region, RDFS.subClassOf, SCHEMA.AdministrativeArea),
        (WARTA.Province, RDFS.subClassOf, WARTA.Region),
        (WARTA.Regency, RDFS.subClassOf, WARTA.Region),
        (WARTA.City, RDFS.subClassOf, WARTA.Region),
        (WARTA.Official, RDFS.subClassOf, SCHEMA.Person),
        (WARTA.Official, RDFS.subClassOf, FOAF.Person),
        (WARTA.Visit, RDFS.subClassOf, SCHEMA.Event),
        (WARTA.Visit, RDFS.subClassOf, PROV.Entity),
        (WARTA.Sector, RDFS.subClassOf, SKOS.Concept),
        (WARTA.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (WARTA.Article, RDFS.subClassOf, PROV.Entity),
        (WARTA.Derivation, RDFS.subClassOf, PROV.Derivation),
        (WARTA.code, RDFS.subPropertyOf, SCHEMA.identifier),
        (WARTA.partOf, RDFS.subPropertyOf, SCHEMA.containedInPlace),
        (WARTA.role, RDFS.subPropertyOf, SCHEMA.jobTitle),
        (WARTA.officialOf, RDFS.subPropertyOf, SCHEMA.affiliation),
        (WARTA.visitor, RDFS.subPropertyOf, SCHEMA.attendee),
        (WARTA.host, RDFS.subPropertyOf, SCHEMA.location),
        (WARTA.date, RDFS.subPropertyOf, SCHEMA.startDate),
        (WARTA.ledBy, RDFS.subPropertyOf, SCHEMA.organizer),
        (WARTA.sector, RDFS.subPropertyOf, SCHEMA.about),
        (WARTA.reports, RDFS.subPropertyOf, SCHEMA.about),
        (WARTA.mentions, RDFS.subPropertyOf, SCHEMA.mentions),
        (WARTA.host, RDF.type, OWL.FunctionalProperty),
        (WARTA.host, RDFS.range, WARTA.Region),
        (WARTA.date, RDFS.range, XSD.date),
        (WARTA.delegationSize, RDFS.range, XSD.positiveInteger),
        (WARTA.startOffset, RDFS.range, XSD.nonNegativeInteger),
    ],
    ids=lambda v: str(v).rsplit("/", 1)[-1].rsplit("#", 1)[-1],
)
def test_axiom(ontology: Graph, term: URIRef, predicate: URIRef, expected: URIRef) -> None:
    assert (term, predicate, expected) in ontology


def test_region_classes_are_pairwise_disjoint(ontology: Graph) -> None:
    classes = [WARTA.Province, WARTA.Regency, WARTA.City]
    for i, a in enumerate(classes):
        for b in classes[i + 1 :]:
            assert (a, OWL.disjointWith, b) in ontology or (b, OWL.disjointWith, a) in ontology, (a, b)


def test_visit_is_not_a_prov_activity(ontology: Graph) -> None:
    assert (WARTA.Visit, RDFS.subClassOf, PROV.Activity) not in ontology
    assert (WARTA.officialOf, RDFS.subPropertyOf, ORG.memberOf) not in ontology


# --- sectors --------------------------------------------------------------------------------------------


def test_sector_ids_equal_sectors_md(sectors: Graph) -> None:
    table = _sector_table()
    assert len(table) == 23
    assert {_sector_id(c) for c in _concepts(sectors)} == set(table)


def test_scheme(sectors: Graph) -> None:
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in sectors
    assert _lang_literals(sectors, SCHEME, SKOS.prefLabel, "id")
    assert _lang_literals(sectors, SCHEME, SKOS.prefLabel, "en")
    assert set(sectors.objects(SCHEME, SKOS.hasTopConcept)) == _concepts(sectors)


@pytest.mark.parametrize("sector_id", sorted(_sector_table()))
def test_sector_concept(sectors: Graph, sector_id: str) -> None:
    label_id, label_en, scope = _sector_table()[sector_id]
    concept = SECTOR[sector_id]
    assert (concept, RDF.type, WARTA.Sector) in sectors
    assert (concept, SKOS.inScheme, SCHEME) in sectors
    assert (concept, SKOS.topConceptOf, SCHEME) in sectors
    assert [str(n) for n in sectors.objects(concept, SKOS.notation)] == [sector_id]
    assert _lang_literals(sectors, concept, SKOS.prefLabel, "id") == [Literal(label_id, lang="id")]
    assert _lang_literals(sectors, concept, SKOS.prefLabel, "en") == [Literal(label_en, lang="en")]
    assert _lang_literals(sectors, concept, SKOS.scopeNote, "en") == [Literal(scope, lang="en")]

    alt_labels = list(sectors.objects(concept, SKOS.altLabel))
    assert len(alt_labels) >= 5
    for alt in alt_labels:
        assert isinstance(alt, Literal) and alt.language == "id", alt
        text = str(alt)
        assert text == text.strip() and text and "*" not in text and "  " not in text, alt
        assert text.lower() not in TOO_GENERAL, f"{sector_id}: {text!r} is too general to signal a sector"
    # SKOS S13: the same literal is not both the preferred and an alternative label of a concept.
    assert not set(alt_labels) & set(sectors.objects(concept, SKOS.prefLabel))


def test_no_alt_label_is_shared_by_two_sectors(sectors: Graph) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for concept in _concepts(sectors):
        for alt in sectors.objects(concept, SKOS.altLabel):
            owners[str(alt).casefold()].add(_sector_id(concept))
    shared = {label: ids for label, ids in owners.items() if len(ids) > 1}
    assert not shared, shared


def test_no_alt_label_is_another_sectors_preferred_label(sectors: Graph) -> None:
    pref = {
        str(label).casefold(): _sector_id(c)
        for c in _concepts(sectors)
        for label in sectors.objects(c, SKOS.prefLabel)
    }
    clashes = [
        (_sector_id(c), str(alt))
        for c in _concepts(sectors)
        for alt in sectors.objects(c, SKOS.altLabel)
        if pref.get(str(alt).casefold(), _sector_id(c)) != _sector_id(c)
    ]
    assert not clashes, clashes


def test_one_alt_label_a_line(sectors: Graph) -> None:
    """One altLabel a line in the file, so that the lexicon reads (and diffs) as a list."""
    lines = SECTORS.read_text(encoding="utf-8").splitlines()
    one_label_lines = [line for line in lines if re.fullmatch(r'\s+"[^"]+"@id\s*[,.]', line)]
    assert len(one_label_lines) == len(list(sectors.subject_objects(SKOS.altLabel)))
