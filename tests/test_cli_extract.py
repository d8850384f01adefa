"""`warta extract` (and `warta build` of raw articles) through click's CliRunner, on files in tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main
from warta.ingest import read_inputs

SEED_VISIT = {
    "visitor": ["62.02"],
    "host": "61.71",
    "date": "2025-04-23",
    "delegation_size": 56,
    "leader": "Irawati",
    "received_by": "Bahasan",
    "visit_type": "studi tiru",
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seed_folder(repo_root: Path) -> Path:
    return repo_root / "data" / "articles"


def _run(runner: CliRunner, *args: object):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_the_seed_visit_with_evidence(
    runner: CliRunner, tmp_path: Path, seed_folder: Path
) -> None:
    out = tmp_path / "facts.jsonl"
    result = _run(runner, "extract", seed_folder, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "1 articles, 1 visits" in result.stderr
    [record] = _records(out)
    [visit] = record["visits"]
    assert {key: visit[key] for key in SEED_VISIT} == SEED_VISIT
    [article] = read_inputs([seed_folder]).articles
    assert record["id"] == article.id
    facts = [visit, *record["regions"], *record["officials"]]
    for fact in facts:
        evidence = fact["evidence"]
        assert article.text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert "studi tiru ke Pemerintah Kota Pontianak" in visit["evidence"]["text"]
    assert {"62.02", "61.71"} <= {r["code"] for r in record["regions"]}
    assert {o["name"] for o in record["officials"]} >= {"Irawati", "Bahasan"}


def test_extract_to_stdout_without_evidence(runner: CliRunner, seed_folder: Path) -> None:
    result = _run(runner, "extract", seed_folder, "--no-evidence")
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    assert "evidence" not in line
    record = json.loads(line)
    assert {key: record["visits"][0][key] for key in SEED_VISIT} == SEED_VISIT


def test_bad_file_is_reported_and_the_good_one_extracted(
    runner: CliRunner, tmp_path: Path, seed_folder: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in seed_folder.glob("*.txt"):
        shutil.copy(source, folder / source.name)
    bad = folder / "broken.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "facts.jsonl"
    result = _run(runner, "extract", folder, "-o", out)
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warta: ")]
    assert len(warnings) == 1 and str(bad) in warnings[0]
    [record] = _records(out)
    assert {key: record["visits"][0][key] for key in SEED_VISIT} == SEED_VISIT


def test_jobs_give_the_same_output(runner: CliRunner, tmp_path: Path, dev_articles_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _run(runner, "-q", "extract", dev_articles_path, "-o", one).exit_code == 0
    result = _run(runner, "-q", "extract", dev_articles_path, "--jobs", "2", "-o", two)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert len(_records(two)) == 16
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")


def test_build_from_raw_articles_then_query(runner: CliRunner, tmp_path: Path, seed_folder: Path) -> None:
    store = tmp_path / "store"
    built = _run(runner, "build", seed_folder, "--store", store)
    assert built.exit_code == 0, built.output
    assert "visits         1" in built.stdout
    sparql = (
        "SELECT ?size ?date ?type ?leader ?receiver WHERE { ?v a warta:Visit ; "
        'warta:visitor/warta:code "62.02" ; warta:host/warta:code "61.71" ; warta:delegationSize ?size ; '
        "warta:date ?date ; warta:visitType ?type ; warta:ledBy/schema:name ?leader ; "
        "warta:receivedBy/schema:name ?receiver }"
    )
    found = _run(runner, "query", sparql, "--format", "csv", "--store", store)
    assert found.exit_code == 0, found.output
    assert found.stdout.splitlines() == [
        "size,date,type,leader,receiver",
        "56,2025-04-23,studi tiru,Irawati,Bahasan",
    ]


def test_extract_help(runner: CliRunner) -> None:
    result = _run(runner, "extract", "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout and "extract" in result.stdout
    for option in ("--output", "--no-evidence", "--jobs"):
        assert option in result.stdout
