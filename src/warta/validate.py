"""Check the knowledge graph against the SHACL shapes of `ontology/shapes.ttl`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace
from rdflib.namespace import RDFS

from warta.namespaces import ONTOLOGY_GRAPH, PREFIXES
from warta.paths import ontology_file
from warta.store import GraphStore

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class ValidationReport:
    """Whether the graph conforms, each violation as {focus, path, message, severity}, and pyshacl's text."""

    conforms: bool
    violations: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "violations": list(self.violations)}


def data_graph(store: GraphStore) -> Graph:
    """The union of the store's graphs as one rdflib graph, with the ontology's class hierarchy."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=store.dump("ntriples"), format="nt")
    if str(ONTOLOGY_GRAPH) not in store.graph_names():
        ontology = Graph().parse(ontology_file("warta.ttl"), format="turtle")
        for triple in ontology.triples((None, RDFS.subClassOf, None)):
            graph.add(triple)
    return graph


def validate(store: GraphStore, shapes: str | Path | None = None) -> ValidationReport:
    """Validate the union graph of `store` against the shapes (default: `ontology/shapes.ttl`)."""
    shapes_graph = Graph().parse(shapes or ontology_file("shapes.ttl"), format="turtle")
    data = data_graph(store)
    conforms, results, text = shacl_validate(
        data, shacl_graph=shapes_graph, inference="none", allow_warnings=True
    )
    violations = [_violation(results, data, result) for result in results.subjects(SH.resultSeverity, None)]
    violations.sort(key=lambda v: (v["severity"], v["focus"], v["path"] or "", v["message"]))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


def _violation(results: Graph, data: Graph, result: Any) -> dict[str, Any]:
    def value(predicate: Any) -> Any:
        return results.value(result, predicate)

    severity = value(SH.resultSeverity)
    path = value(SH.resultPath)
    focus = value(SH.focusNode)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    return {
        "focus": _short(data, focus),
        "path": _short(data, path) if path is not None else None,
        "message": messages[0] if messages else f"constraint {_short(data, value(SH.sourceConstraintComponent))}",
        "severity": str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        "value": _short(data, value(SH.value)) if value(SH.value) is not None else None,
    }


def _short(graph: Graph, term: Any) -> str:
    if term is None:
        return ""
    try:
        return term.n3(graph.namespace_manager)
    except Exception:  # noqa: BLE001 - a term rdflib cannot abbreviate is shown in full
        return str(term)
