"""The README is a contract: every command is documented with examples, and the examples work."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main
from warta.sparql import run_query
from warta.store import open_store

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def _examples() -> list[str]:
    lines = [line for block in _blocks("console") for line in block.splitlines()]
    return [line[2:] for line in lines if line.startswith("$ warta ")]


def test_every_command_is_documented_with_an_example() -> None:
    documented = {shlex.split(example)[1] for example in _examples()}
    assert set(main.commands) <= documented, set(main.commands) - documented


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that looks like the repository to the examples (data/ linked in), with its own store."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "data").symlink_to(ROOT / "data")
    return folder


def test_readme_examples_run(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the README's command examples in order, as a new user would, and expect success from each."""
    monkeypatch.chdir(workdir)
    runner = CliRunner()
    for example in _examples():
        args = shlex.split(example)[1:]
        result = runner.invoke(main, args, env={"WARTA_STORE": str(workdir / "store")})
        assert result.exit_code == 0, f"{example}\n{result.output}"


def test_readme_queries_return_rows(tmp_path: Path) -> None:
    """The example SPARQL queries run against the graph of the development reports and find something."""
    runner = CliRunner()
    store_path = tmp_path / "store"
    articles = ROOT / "data/corpus/dev/articles.jsonl"
    built = runner.invoke(main, ["build", str(articles), "--store", str(store_path)])
    assert built.exit_code == 0, built.output
    queries = _blocks("sparql")
    assert len(queries) >= 5
    with open_store(store_path, read_only=True) as store:
        for text in queries:
            result = run_query(store, text)
            assert result.rows, text
