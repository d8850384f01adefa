"""The command line, through click's CliRunner, on stores in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from warta.cli import main
from warta.store import GraphStore

COMMANDS = ["build", "query", "export", "validate", "evaluate"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def test_build_prints_summary(
    runner: CliRunner, tmp_path: Path, dev_gold_path: Path, dev_articles_path: Path
) -> None:
    store = tmp_path / "store"
    result = _run(runner, "build", dev_gold_path, "--articles", dev_articles_path, "--store", store)
    assert result.exit_code == 0, result.output
    summary = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert summary["articles"] == "16"
    assert int(summary["triples"]) > 6000
    assert summary["time"].endswith(" s")
    assert result.stderr == ""
    quiet = _run(runner, "-q", "build", dev_gold_path, "--store", store)
    assert quiet.exit_code == 0 and quiet.stdout == ""


def test_build_with_bad_records(runner: CliRunner, tmp_path: Path, dev_gold_path: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    lines = dev_gold_path.read_text(encoding="utf-8").splitlines()[:2]
    lines += ["{not json", json.dumps({"id": "z", "regions": [{"code": "99.99", "name": "?"}]})]
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run(runner, "build", facts, "--store", tmp_path / "store")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"warta: {facts}:3: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        f"warta: {facts}:4: article 'z': unknown region code 99.99",
    ]
    assert "articles       2" in result.stdout


def test_build_uses_env_store(runner: CliRunner, tmp_path: Path, dev_gold_path: Path) -> None:
    store = tmp_path / "env-store"
    result = _run(runner, "-q", "build", dev_gold_path, env={"WARTA_STORE": str(store)})
    assert result.exit_code == 0
    assert (store / "CURRENT").is_file()


def test_query_formats(runner: CliRunner, dev_store_path: Path) -> None:
    sparql = (
        "SELECT ?code ?name WHERE { ?r warta:code ?code ; rdfs:label ?name "
        'FILTER(?code IN ("62.02", "61.71")) } ORDER BY ?code'
    )
    table = _run(runner, "query", sparql, "--store", dev_store_path)
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["code", "name"]
    assert lines[2].split(None, 1) == ["61.71", "Kota Pontianak"]
    assert lines[-1] == "(2 rows)"
    csv = _run(runner, "query", sparql, "--format", "csv", "--store", dev_store_path)
    assert csv.stdout.splitlines() == [
        "code,name",
        "61.71,Kota Pontianak",
        "62.02,Kabupaten Kotawaringin Timur",
    ]
    data = json.loads(_run(runner, "query", sparql, "-F", "json", "--store", dev_store_path).stdout)
    assert [b["code"]["value"] for b in data["results"]["bindings"]] == ["61.71", "62.02"]
    limited = _run(runner, "query", sparql, "--limit", "1", "--format", "tsv", "--store", dev_store_path)
    assert limited.stdout.splitlines() == ["?code\t?name", '"61.71"\t"Kota Pontianak"@id']
    assert "limit" in limited.stderr
    ask = _run(runner, "query", 'ASK { ?v warta:host/warta:code "61.71" }', "--store", dev_store_path)
    assert ask.stdout.strip() == "yes"


def test_query_from_file_and_construct(runner: CliRunner, dev_store_path: Path, tmp_path: Path) -> None:
    query = tmp_path / "visits.rq"
    query.write_text(
        "CONSTRUCT { ?v rdfs:label ?l } WHERE { ?v a warta:Visit ; rdfs:label ?l }", encoding="utf-8"
    )
    result = _run(runner, "query", "-f", query, "--store", dev_store_path)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) >= 16
    neither = _run(runner, "query", "--store", dev_store_path)
    assert neither.exit_code == 2 and "argument or with -f" in neither.stderr


def test_query_errors(runner: CliRunner, dev_store_path: Path, tmp_path: Path) -> None:
    syntax = _run(runner, "query", "SELECT ?s\nWHERE { ?s ?p }", "--store", dev_store_path)
    assert syntax.exit_code == 2
    assert syntax.stderr.startswith("warta: line 2, column ")
    assert len(syntax.stderr.splitlines()) == 1
    before = GraphStore.open(dev_store_path, read_only=True)
    try:
        count = before.count()
    finally:
        before.close()
    update = _run(runner, "query", "DROP ALL", "--store", dev_store_path)
    assert update.exit_code == 2
    assert update.stderr.strip() == "warta: updates are refused: warta query is read-only"
    after = GraphStore.open(dev_store_path, read_only=True)
    try:
        assert after.count() == count
    finally:
        after.close()
    missing = _run(runner, "query", "ASK {}", "--store", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "no store at" in missing.stderr
    assert not (tmp_path / "nowhere").exists()


def test_export_turtle_round_trip(runner: CliRunner, dev_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    result = _run(runner, "export", "-o", out, "--store", dev_store_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "wrote" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temporary file left behind
    with_rdflib = Graph().parse(out, format="turtle")
    with_oxigraph = Graph()
    for triple in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE):
        with_oxigraph.add(tuple(_rdflib(t) for t in (triple.subject, triple.predicate, triple.object)))
    store = GraphStore.open(dev_store_path, read_only=True)
    try:
        union = Graph()
        for triple in store.triples():
            union.add(triple)
    finally:
        store.close()
    assert len(union) > 6000
    assert isomorphic(with_rdflib, union)
    assert isomorphic(with_oxigraph, union)
    assert out.read_text(encoding="utf-8").startswith("@prefix")


def _rdflib(term):
    from warta.store import from_ox

    return from_ox(term)


@pytest.mark.parametrize("fmt", ["trig", "nquads", "ntriples", "jsonld"])
def test_export_formats_to_stdout(runner: CliRunner, dev_store_path: Path, fmt: str) -> None:
    result = _run(runner, "export", "--format", fmt, "--store", dev_store_path)
    assert result.exit_code == 0
    assert len(result.stdout_bytes) > 10000


def test_validate_passes_on_dev_gold(runner: CliRunner, dev_store_path: Path) -> None:
    result = _run(runner, "validate", "--store", dev_store_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "conforms" in result.stderr
    report = json.loads(_run(runner, "validate", "--format", "json", "--store", dev_store_path).stdout)
    assert report == {"conforms": True, "violations": []}


def test_validate_fails_on_violation(runner: CliRunner, tmp_path: Path, dev_gold_path: Path) -> None:
    facts = tmp_path / "facts.jsonl"
    facts.write_text(
        json.dumps({"id": "loop", "visits": [{"visitor": ["62.02"], "host": "62.02"}]}) + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    assert _run(runner, "-q", "build", facts, "--store", store).exit_code == 0
    result = _run(runner, "validate", "--store", store)
    assert result.exit_code == 1
    assert "Violation:" in result.stdout and "cannot also be one of its visiting regions" in result.stdout


def test_evaluate(runner: CliRunner, dev_gold_path: Path) -> None:
    result = _run(runner, "evaluate", dev_gold_path, dev_gold_path)
    assert result.exit_code == 0, result.output
    assert "1.000" in result.stdout or "100" in result.stdout
    data = json.loads(_run(runner, "evaluate", dev_gold_path, dev_gold_path, "--json").stdout)
    assert data["articles"] == 16 and "details" not in data
    detailed = json.loads(
        _run(runner, "evaluate", dev_gold_path, dev_gold_path, "--json", "--details").stdout
    )
    assert len(detailed["details"]) == 16


def test_evaluate_bad_file(runner: CliRunner, dev_gold_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "pred.jsonl"
    bad.write_text('{"id": "seed"}\n{oops\n', encoding="utf-8")
    result = _run(runner, "evaluate", dev_gold_path, bad)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"warta: {bad}:2: malformed JSON")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(runner: CliRunner, command: str) -> None:
    result = _run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"warta {command}" in result.stdout.split("Examples:", 1)[1]


def test_group_help_and_version(runner: CliRunner) -> None:
    result = _run(runner, "--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout
    assert "--quiet" in result.stdout and "--verbose" in result.stdout
    version = _run(runner, "--version")
    assert version.exit_code == 0 and version.stdout.startswith("warta, version ")
