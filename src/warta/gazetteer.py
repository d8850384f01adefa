"""The region gazetteer: Indonesia's 38 provinces and 514 regencies and cities with their Kemendagri codes.

Read from `data/gazetteer/regions.csv` (see `data/README.md` for its source and how it is made). A region's
aliases are the short names and older spellings news uses (Kotim, Kalteng, Muarojambi); the prefix forms
(Pemkab, Kab., Kota, Provinsi) belong to the matcher in `warta.extract.regions`, not to this list.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from warta.errors import InputError
from warta.paths import data_file

KINDS = ("province", "regency", "city")
_PREFIXES = {"regency": ("Kabupaten Administrasi ", "Kabupaten "), "city": ("Kota Administrasi ", "Kota ")}


@dataclass(frozen=True, slots=True)
class Region:
    """A province, regency (kabupaten) or city (kota)."""

    code: str  # "62" (province) or "62.02" (regency/city)
    kind: str  # province | regency | city
    name: str  # official name: "Kabupaten Kotawaringin Timur", "Kota Pontianak", "Kalimantan Tengah"
    province: str | None  # parent province code, None for a province
    capital: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    aliases: tuple[str, ...] = ()

    @property
    def core_name(self) -> str:
        """The name without its Kabupaten/Kota prefix: "Kotawaringin Timur", "Pontianak"."""
        for prefix in _PREFIXES.get(self.kind, ()):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The form names are compared in: lower case, no accents, hyphens/apostrophes/dots dropped, one space."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’`.]", "", text)
    text = re.sub(r"[-\s]+", " ", text)
    return text.strip()


class Gazetteer:
    """Regions by code, and by name or alias."""

    def __init__(self, regions: Iterable[Region]):
        self._by_code: dict[str, Region] = {}
        self._by_name: dict[str, list[Region]] = defaultdict(list)
        self._children: dict[str, list[Region]] = defaultdict(list)
        for region in regions:
            self._by_code[region.code] = region
            if region.province:
                self._children[region.province].append(region)
        for region in self._by_code.values():
            for surface in self.surface_forms(region):
                key = name_key(surface)
                if region not in self._by_name[key]:
                    self._by_name[key].append(region)

    @staticmethod
    def surface_forms(region: Region) -> tuple[str, ...]:
        """The names a region goes by without a prefix: its core name and its aliases."""
        return (region.core_name, *region.aliases)

    def __getitem__(self, code: str) -> Region:
        return self._by_code[code]

    def get(self, code: str | None) -> Region | None:
        return self._by_code.get(code) if code else None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Region]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def provinces(self) -> list[Region]:
        return [r for r in self._by_code.values() if r.kind == "province"]

    def children(self, province_code: str) -> list[Region]:
        """The regencies and cities of a province."""
        return list(self._children.get(province_code, ()))

    def find(self, name: str, kind: str | None = None) -> list[Region]:
        """Regions whose core name or alias is `name` (compared by `name_key`), optionally of one kind."""
        found = self._by_name.get(name_key(name), [])
        return [r for r in found if kind is None or r.kind == kind]

    def surface_index(self) -> dict[str, list[Region]]:
        """Every compared name form → the regions it may denote (for building matchers)."""
        return {key: list(regions) for key, regions in self._by_name.items()}


def read_regions(path: Path) -> list[Region]:
    """Read the gazetteer CSV: code,kind,name,province,capital,latitude,longitude,aliases (`|`-separated)."""
    regions = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                regions.append(
                    Region(
                        code=row["code"],
                        kind=row["kind"],
                        name=row["name"],
                        province=row["province"] or None,
                        capital=row.get("capital") or None,
                        latitude=float(row["latitude"]) if row.get("latitude") else None,
                        longitude=float(row["longitude"]) if row.get("longitude") else None,
                        aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
                    )
                )
            except (KeyError, ValueError) as error:
                raise InputError(f"bad gazetteer row: {error}", path=str(path), line=line) from error
    return regions


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    return Gazetteer(read_regions(data_file("gazetteer", "regions.csv")))
