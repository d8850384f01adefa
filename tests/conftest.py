"""Shared fixtures: the repository's paths, the real gazetteer, and a store built from the dev gold (once)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warta.build import build_from_paths
from warta.gazetteer import Gazetteer, load_gazetteer
from warta.store import GraphStore

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def dev_gold_path() -> Path:
    return REPO_ROOT / "data" / "corpus" / "dev" / "gold.jsonl"


@pytest.fixture(scope="session")
def dev_articles_path() -> Path:
    return REPO_ROOT / "data" / "corpus" / "dev" / "articles.jsonl"


@pytest.fixture(scope="session")
def real_gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def dev_store_path(
    tmp_path_factory: pytest.TempPathFactory, dev_gold_path: Path, dev_articles_path: Path
) -> Path:
    """A store folder holding the dev gold build (closed again: open it read-only, never write to it)."""
    path = tmp_path_factory.mktemp("dev-store") / "store"
    with GraphStore.open(path) as store:
        summary = build_from_paths([dev_gold_path], store, articles_path=dev_articles_path)
    assert summary.errors == []
    return path


@pytest.fixture(scope="session")
def dev_store(dev_store_path: Path) -> Iterator[GraphStore]:
    """The dev gold store, open read-only for the whole session."""
    store = GraphStore.open(dev_store_path, read_only=True)
    yield store
    store.close()
