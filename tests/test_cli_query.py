"""`warta query` with named queries, parameters and time limits, and `warta queries`, through CliRunner."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main
from warta.queries import list_queries

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _run(runner: CliRunner, *args: object):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_named_query_with_parameters(runner: CliRunner, dev_store_path: Path) -> None:
    result = _run(
        runner, "query", "--named", "visits-of-region", "--param", "region=62.02", "--format", "csv",
        "--store", dev_store_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "date,direction,visit,label,type,people"
    assert lines[1].startswith("2025-04-23,out,https://w3id.org/warta/id/visit/")
    assert len(lines) == 2


def test_named_query_with_optional_parameter(runner: CliRunner, dev_store_path: Path) -> None:
    every = _run(runner, "query", "--named", "most-visited-hosts", "--store", dev_store_path)
    assert every.exit_code == 0, every.output
    assert every.stdout.splitlines()[0].split() == ["code", "host", "visits"]
    assert every.stdout.splitlines()[2].split() == ["51.03", "Kabupaten", "Badung", "4"]
    in_2024 = _run(
        runner, "query", "--named", "most-visited-hosts", "--param", "year=2024", "--format", "json",
        "--store", dev_store_path,
    )  # fmt: skip
    assert in_2024.exit_code == 0, in_2024.output
    bindings = json.loads(in_2024.stdout)["results"]["bindings"]
    assert bindings[0]["code"]["value"] == "33.02" and bindings[0]["visits"]["value"] == "3"


ERRORS = [
    (
        ["--named", "most-visted-hosts"],
        "unknown named query 'most-visted-hosts'; did you mean most-visited-hosts?",
    ),
    (["--named", "visits-of-region"], "named query visits-of-region needs --param region=..."),
    (["--named", "visits-of-region", "--param", "regio=62.02"], "unknown parameter 'regio'"),
    (["--named", "visits-of-region", "--param", "region"], "a parameter is NAME=VALUE, not 'region'"),
    (
        ["--named", "visits-of-region", "--param", 'region=62.02" } ; DROP ALL ; #'],
        "parameter region: '62.02\" } ; DROP ALL ; #' is not a Kemendagri region code",
    ),
    (["--named", "visits-by-sector", "--param", "sector=umk"], "parameter sector: unknown sector 'umk'"),
    (["--named", "visits-in-year", "--param", "year=next"], "parameter year: 'next' is not a whole number"),
    (["SELEC ?x WHERE { ?x ?y ?z }"], "line 1, column 10: "),
    (["SELECT ?x WHERE {\n  ?x ?y \n}"], "line 3, column 2: "),
    (["DROP ALL"], "updates are refused"),
    (['INSERT DATA { <http://x> <http://y> "z" }'], "updates are refused"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_query_errors_exit_2_with_one_line(
    runner: CliRunner, dev_store_path: Path, args: list[str], message: str
) -> None:
    result = _run(runner, "query", *args, "--store", dev_store_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("warta: " + message), result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_usage_errors(runner: CliRunner, dev_store_path: Path) -> None:
    both = _run(runner, "query", "ASK {}", "--named", "timeline", "--store", dev_store_path)
    assert both.exit_code == 2 and "only one of them" in both.stderr
    stray = _run(runner, "query", "ASK {}", "--param", "year=2024", "--store", dev_store_path)
    assert stray.exit_code == 2 and "--param needs --named" in stray.stderr


def test_timeout_stops_a_heavy_query(runner: CliRunner, dev_store_path: Path) -> None:
    started = time.monotonic()
    result = _run(runner, "query", HEAVY, "--timeout", "0.5", "--store", dev_store_path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert result.stderr == "warta: query timed out after 0.5 s\n"


def test_no_timeout_runs_in_process(runner: CliRunner, dev_store_path: Path) -> None:
    result = _run(runner, "query", "ASK { ?v a warta:Visit }", "--timeout", "0", "--store", dev_store_path)
    assert result.exit_code == 0 and result.stdout == "yes\n"
    missing = _run(runner, "query", "ASK {}", "--store", dev_store_path.parent / "missing")
    assert missing.exit_code == 2 and "no store at" in missing.stderr


def test_queries_lists_names_titles_and_params(runner: CliRunner) -> None:
    table = _run(runner, "queries")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["name", "params", "title"]
    rows = {line.split()[0]: line for line in lines[2:]}
    assert set(rows) == {q.name for q in list_queries()}
    assert "region=code" in rows["visits-of-region"] and "[year=year]" in rows["visits-of-region"]
    assert "Most visited hosts" in rows["most-visited-hosts"]
    as_json = _run(runner, "queries", "--format", "json")
    data = json.loads(as_json.stdout)
    sector = next(q for q in data if q["name"] == "visits-by-sector")
    assert sector["params"][0] == {
        "name": "sector",
        "type": "sector",
        "description": "a sector id of the SKOS scheme, e.g. umkm or pariwisata",
        "required": True,
        "default": None,
    }
    one = _run(runner, "queries", "timeline")
    assert one.exit_code == 0 and one.stdout.startswith("# title: Timeline\n") and "SELECT" in one.stdout
    unknown = _run(runner, "queries", "timelime")
    assert unknown.exit_code == 2 and "did you mean timeline?" in unknown.stderr


@pytest.mark.parametrize("command", ["queries", "serve"])
def test_new_commands_have_help_with_examples(runner: CliRunner, command: str) -> None:
    result = _run(runner, command, "--help")
    assert result.exit_code == 0
    examples = result.stdout.split("Examples:", 1)[1]
    assert f"warta {command}" in examples


def test_serve_help_lists_its_options(runner: CliRunner) -> None:
    result = _run(runner, "serve", "--help")
    for option in ("--host", "--port", "--timeout", "--max-results", "--store", "127.0.0.1", "7878"):
        assert option in result.stdout
    assert "--named" in _run(runner, "query", "--help").stdout
