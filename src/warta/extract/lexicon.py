"""The extractor's language data, read once from `data/lexicon/` and the sector scheme in `ontology/`."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.paths import data_file, ontology_file


@dataclass(frozen=True, slots=True)
class Title:
    """A title of office: the words as written, its normalised role, role class and body."""

    words: tuple[str, ...]
    role: str
    role_class: str
    body: str
    prefix_match: bool = False  # the last word matches any word starting with it (kadis* → Kadisnaker)


@dataclass(frozen=True, slots=True)
class RegionPrefix:
    words: tuple[str, ...]
    kind: str  # regency | city | province | any
    institution: str  # executive | legislature | office | none


def _lines(name: str) -> list[str]:
    with data_file("lexicon", name).open(encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#")]


def _toml(name: str) -> dict[str, Any]:
    with data_file("lexicon", name).open("rb") as handle:
        return tomllib.load(handle)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the lower-case word tuple the matchers compare token by token."""
    return tuple(w for w in phrase.lower().replace(".", " ").split() if w)


@cache
def titles() -> tuple[Title, ...]:
    rows = []
    with data_file("lexicon", "titles.tsv").open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for title, role, role_class, body in csv.reader(lines, delimiter="\t"):
            star = title.endswith("*")
            rows.append(Title(phrase_words(title.rstrip("*")), role, role_class, body, star))
    return tuple(sorted(rows, key=lambda t: -len(t.words)))


@cache
def title_modifiers() -> tuple[tuple[str, ...], ...]:
    return tuple(
        sorted((phrase_words(line) for line in _lines("title_modifiers.txt")), key=len, reverse=True)
    )


@cache
def place_titles() -> frozenset[tuple[str, ...]]:
    """Titles whose unit is a named place written right after them (Camat Ngaglik, Lurah Sukorejo)."""
    return frozenset(phrase_words(line) for line in _lines("place_titles.txt"))


@cache
def name_affixes() -> frozenset[str]:
    """Honorifics and degrees (lower case, no dots) that are not part of a name."""
    return frozenset(
        line.split("#")[0].strip().lower().replace(".", "") for line in _lines("name_affixes.txt")
    )


@cache
def abbreviations() -> frozenset[str]:
    """Words that end with a dot without ending a sentence."""
    return frozenset(name_affixes() | set(_lines("abbreviations.txt")))


@cache
def unit_words() -> frozenset[str]:
    """Words of agency and unit names that continue a title ("Kepala Dinas Lingkungan Hidup")."""
    return frozenset(w.lower() for line in _lines("unit_words.txt") for w in line.split())


@cache
def function_words() -> frozenset[str]:
    """Short function words, read in lower case in a text written in capitals ("KE", "DI")."""
    return frozenset(w.lower() for line in _lines("function_words.txt") for w in line.split())


@cache
def visits() -> dict[str, Any]:
    return _toml("visits.toml")


@cache
def regions() -> dict[str, Any]:
    return _toml("regions.toml")


@cache
def region_prefixes() -> tuple[RegionPrefix, ...]:
    found = [
        RegionPrefix(phrase_words(words), entry["kind"], entry["institution"])
        for entry in regions()["prefix"]
        for words in entry["words"]
    ]
    return tuple(sorted(found, key=lambda p: -len(p.words)))


@cache
def sector_labels() -> dict[str, tuple[str, ...]]:
    """Sector id → its labels (prefLabel and altLabels), from the SKOS scheme `ontology/sectors.ttl`."""
    import pyoxigraph

    labels: dict[str, list[str]] = {}
    query = """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?id ?label WHERE {
          ?sector skos:notation ?id .
          { ?sector skos:altLabel ?label } UNION { ?sector skos:prefLabel ?label FILTER(lang(?label) = "id") }
        }"""
    store = pyoxigraph.Store()
    store.load(path=str(ontology_file("sectors.ttl")), format=pyoxigraph.RdfFormat.TURTLE)
    for row in store.query(query):
        labels.setdefault(row["id"].value, []).append(row["label"].value)
    return {sector: tuple(sorted(set(values))) for sector, values in labels.items()}


@cache
def name_variants() -> dict[str, str]:
    """Spelling of a given name → its canonical form (Moch, Muh → muhammad)."""
    variants = {}
    for line in _lines("name_variants.txt"):
        words = line.lower().split()
        for word in words:
            variants[word] = words[0]
    return variants


@cache
def calendar() -> dict[str, Any]:
    return _toml("calendar.toml")


@cache
def calendar_words() -> frozenset[str]:
    """Day and month names in every spelling, lower case, apostrophes and dots dropped."""
    data = calendar()
    spellings = [s for values in data["days"].values() for s in values]
    spellings += [s for values in data["months"].values() for s in values]
    return frozenset(s.lower().replace("'", "").replace("’", "").rstrip(".") for s in spellings)


@cache
def place_words() -> frozenset[str]:
    """Words of places below a regency ("desa", "kecamatan"): `[cues] places` in visits.toml."""
    return frozenset(visits()["cues"]["places"])
