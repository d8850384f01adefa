"""Where the ontology and data files are: inside the wheel, or in the source tree."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_root() -> Path:
    """The folder holding `ontology/` and `data/`: packaged resources, else the repository root."""
    packaged = _PACKAGE / "_resources"
    if (packaged / "ontology").is_dir():
        return packaged
    return _PACKAGE.parents[1]


def ontology_file(name: str) -> Path:
    """A file of `ontology/`, e.g. `warta.ttl`, `sectors.ttl`, `shapes.ttl`."""
    return resource_root() / "ontology" / name


def data_file(*parts: str) -> Path:
    """A file under `data/`, e.g. `data_file("gazetteer", "regions.csv")`."""
    return resource_root() / "data" / Path(*parts)
