"""The vocabulary warta writes, as constants in one place: no IRI strings scattered through the code."""

from __future__ import annotations

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Namespace

WARTA = Namespace("https://w3id.org/warta#")
ID = Namespace("https://w3id.org/warta/id/")
SECTOR = Namespace("https://w3id.org/warta/id/sector/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = SDO

# Named graphs of the reference data; each article's facts go to ARTICLE_GRAPH + its id.
ONTOLOGY_GRAPH = ID["graph/ontology"]
SECTORS_GRAPH = ID["graph/sectors"]
REGIONS_GRAPH = ID["graph/regions"]
ARTICLE_GRAPH = ID["graph/article/"]
SECTOR_SCHEME = ID["sector"]

PREFIXES: dict[str, str] = {
    "warta": str(WARTA),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "org": str(ORG),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "owl": str(OWL),
}

# Classes
Region = WARTA.Region
Province = WARTA.Province
Regency = WARTA.Regency
City = WARTA.City
Official = WARTA.Official
Visit = WARTA.Visit
Sector = WARTA.Sector
Article = WARTA.Article
Derivation = WARTA.Derivation

# Properties
code = WARTA.code
partOf = WARTA.partOf
role = WARTA.role
roleClass = WARTA.roleClass
officialOf = WARTA.officialOf
visitor = WARTA.visitor
host = WARTA.host
date = WARTA.date
delegationSize = WARTA.delegationSize
ledBy = WARTA.ledBy
receivedBy = WARTA.receivedBy
visitType = WARTA.visitType
visitorBody = WARTA.visitorBody
venue = WARTA.venue
sector = WARTA.sector
mentionedSector = WARTA.mentionedSector
reports = WARTA.reports
mentions = WARTA.mentions
quote = WARTA.quote
startOffset = WARTA.startOffset
endOffset = WARTA.endOffset
