"""Check the knowledge graph against the SHACL shapes of `ontology/shapes.ttl`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal
from rdflib.namespace import SH

from warta.namespaces import ONTOLOGY_GRAPH, PREFIXES, RDF, RDFS
from warta.paths import ontology_file
from warta.store import GraphStore, from_ox


@dataclass
class ValidationReport:
    """Whether the graph conforms, each violation as {focus, path, message, severity}, and pyshacl's text."""

    conforms: bool
    violations: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"conforms": self.conforms, "violations": list(self.violations)}


def data_graph(store: GraphStore) -> Graph:
    """The union of the store's graphs as one rdflib graph, with the ontology's class hierarchy (the
    store's integers come back as xsd:integer, which the shapes accept)."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=store.dump("ntriples"), format="nt")
    ontology = Graph().parse(ontology_file("warta.ttl"), format="turtle")
    if str(ONTOLOGY_GRAPH) not in store.graph_names():
        for triple in ontology.triples((None, RDFS.subClassOf, None)):
            graph.add(triple)
    return graph


def validate(store: GraphStore, shapes: str | Path | None = None) -> ValidationReport:
    """Validate the union graph of `store` against the shapes (default: `ontology/shapes.ttl`).

    pyshacl checks the core constraints on an rdflib copy of the graph. SPARQL-based constraints
    (sh:sparql) are run here instead, one query per constraint over the store itself: pyshacl runs them once
    per focus node through rdflib's SPARQL engine, which takes seconds per hundred regions.
    """
    shapes_graph = Graph().parse(shapes or ontology_file("shapes.ttl"), format="turtle")
    sparql_constraints = _take_sparql_constraints(shapes_graph)
    data = data_graph(store)
    conforms, results, text = shacl_validate(
        data, shacl_graph=shapes_graph, inference="none", allow_warnings=True
    )
    violations = [_violation(results, data, result) for result in results.subjects(SH.resultSeverity, None)]
    for shape, constraint in sparql_constraints:
        found = _run_sparql_constraint(store, shapes_graph, shape, constraint, data)
        violations.extend(found)
        conforms = conforms and not any(v["severity"] == "Violation" for v in found)
        text += "".join(f"\n{v['severity']}: {v['focus']}: {v['message']}" for v in found)
    violations.sort(key=lambda v: (v["severity"], v["focus"], v["path"] or "", v["message"]))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


def _take_sparql_constraints(shapes: Graph) -> list[tuple[Any, Any]]:
    """Remove the (shape, sh:sparql, constraint) links from `shapes` and return them (active ones only)."""
    found = []
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        shapes.remove((shape, SH.sparql, constraint))
        if shapes.value(constraint, SH.deactivated) != Literal(True):
            found.append((shape, constraint))
    return found


def _targets(shapes: Graph, shape: Any) -> str:
    """A graph pattern binding ?this to the focus nodes of `shape`."""
    patterns = [
        f"{{ ?this rdf:type/rdfs:subClassOf* {c.n3()} }}" for c in shapes.objects(shape, SH.targetClass)
    ]
    if (shape, RDF.type, RDFS.Class) in shapes:
        patterns.append(f"{{ ?this rdf:type/rdfs:subClassOf* {shape.n3()} }}")
    patterns += [f"{{ VALUES ?this {{ {n.n3()} }} }}" for n in shapes.objects(shape, SH.targetNode)]
    patterns += [f"{{ ?this {p.n3()} ?_o }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    patterns += [f"{{ ?_s {p.n3()} ?this }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    return " UNION ".join(patterns)


def _prologue(shapes: Graph, constraint: Any) -> str:
    lines = []
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines)


def _run_sparql_constraint(
    store: GraphStore, shapes: Graph, shape: Any, constraint: Any, data: Graph
) -> list[dict[str, Any]]:
    select = shapes.value(constraint, SH.select)
    targets = _targets(shapes, shape)
    if select is None or not targets:
        return []
    query = f"{_prologue(shapes, constraint)}\nSELECT * WHERE {{ {targets} {{ {select} }} }}"
    answer = store.query(query)
    severity = shapes.value(shape, SH.severity) or SH.Violation
    message = str(
        shapes.value(constraint, SH.message) or shapes.value(shape, SH.message) or "SPARQL constraint"
    )
    found = []
    for solution in answer:  # type: ignore[union-attr]
        terms = {name: from_ox(term) for name in ("this", "path", "value") if (term := _get(solution, name))}
        found.append(
            {
                "focus": _short(data, terms.get("this")),
                "path": _short(data, terms["path"]) if "path" in terms else None,
                "message": _fill(message, terms, data),
                "severity": str(severity).rsplit("#", 1)[-1],
                "value": _short(data, terms["value"]) if "value" in terms else None,
            }
        )
    return found


def _get(solution: Any, name: str) -> Any:
    try:
        return solution[name]
    except (KeyError, IndexError, ValueError):
        return None


def _fill(message: str, terms: dict[str, Any], data: Graph) -> str:
    """A SHACL message template with its {?var} / {$var} placeholders filled in."""

    def value(match: re.Match[str]) -> str:
        return _short(data, terms.get(match.group(1))) or match.group(0)

    return re.sub(r"\{[?$](\w+)\}", value, message)


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
        "message": messages[0]
        if messages
        else f"constraint {_short(data, value(SH.sourceConstraintComponent))}",
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
