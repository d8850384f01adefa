"""Build the knowledge graph: map facts to named graphs and write them to the store in one transaction.

Each article's facts live in their own named graph (`mapping.article_graph`), so rebuilding after one article
changed rewrites that graph only, and building the same input twice leaves the store as it was. Into a store
that has graphs, everything is mapped in memory first, then written with one atomic
`GraphStore.replace_graphs` call: an error or an interrupt before the write leaves the store untouched. Into
an empty store, graphs are written as they are mapped (the bulk loader, for a large build), and an
interrupt empties the store again.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import URIRef

from warta import namespaces as ns
from warta.errors import InputError
from warta.facts import Article, ArticleFacts, FactsFormatError
from warta.gazetteer import Gazetteer, load_gazetteer
from warta.mapping import (
    MappingError,
    OxTriple,
    V,
    article_graph,
    known_sectors,
    map_article,
    reference_graphs,
)
from warta.store import GraphStore

T = TypeVar("T")
Progress = Callable[[str, int, int], None]  # (phase, done, total)
_FACTS_KEYS = ("regions", "officials", "visits")
_REGION_PREFIX = str(ns.ID["region/"])


@dataclass
class BuildSummary:
    """What one build did. `triples` is the store total: the triples of the union of all graphs."""

    articles: int = 0
    visits: int = 0
    officials: int = 0
    regions: int = 0
    triples: int = 0
    seconds: float = 0.0
    graphs_written: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- reading JSONL ----------------------------------------------------------------------------------------


def _read_jsonl(
    path: str | os.PathLike[str], parse: Callable[[Any], T]
) -> tuple[list[tuple[T, int]], list[InputError]]:
    """Records of a JSONL file with their line numbers, and one InputError per bad line (the rest is kept)."""
    name = str(path)
    records: list[tuple[T, int]] = []
    errors: list[InputError] = []
    first_line: dict[str, int] = {}
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = list(handle)
    except (OSError, UnicodeDecodeError) as error:
        return [], [
            InputError(f"cannot read: {error.strerror if isinstance(error, OSError) else error}", name)
        ]
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            errors.append(InputError(f"malformed JSON: {error.msg} (column {error.colno})", name, number))
            continue
        try:
            record = parse(data)
        except FactsFormatError as error:
            errors.append(InputError(str(error), name, number))
            continue
        record_id = record.id  # type: ignore[attr-defined]
        if record_id in first_line:
            errors.append(
                InputError(
                    f"duplicate id {record_id!r} (first on line {first_line[record_id]})", name, number
                )
            )
            continue
        first_line[record_id] = number
        records.append((record, number))
    return records, errors


def read_facts(path: str | os.PathLike[str]) -> tuple[list[ArticleFacts], list[InputError]]:
    """The facts records of a JSONL file, and an InputError naming file and line for each bad one."""
    records, errors = _read_jsonl(path, ArticleFacts.from_dict)
    return [record for record, _ in records], errors


def read_articles(path: str | os.PathLike[str]) -> tuple[list[Article], list[InputError]]:
    """The article records of a JSONL file, and an InputError naming file and line for each bad one."""
    records, errors = _read_jsonl(path, _article)
    return [record for record, _ in records], errors


def _article(data: Any) -> Article:
    if not isinstance(data, Mapping):
        raise FactsFormatError("an article record must be a JSON object")
    return Article.from_dict(data)


def is_facts_file(path: str | os.PathLike[str]) -> bool:
    """A `.jsonl` file whose first record has a "regions", "officials" or "visits" key."""
    if Path(path).suffix != ".jsonl" or not Path(path).is_file():
        return False
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for text in handle:
                if text.strip():
                    first = json.loads(text)
                    return isinstance(first, dict) and any(key in first for key in _FACTS_KEYS)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return True  # let read_facts report what is wrong with it, line by line
    return False


# --- building ---------------------------------------------------------------------------------------------


def build(
    records: Iterable[ArticleFacts],
    store: GraphStore,
    gazetteer: Gazetteer | None = None,
    articles: Mapping[str, Article] | Iterable[Article] | None = None,
    where: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Map every facts record into its article's named graph and write them all in one transaction.

    `articles` (by id) add each article's metadata. `where` maps an article id to "file:line" for messages.
    A record naming an unknown region code or sector id is skipped; its message is in `summary.errors`.
    `progress("mapping", done, total)` is called after each record is mapped.

    Into an empty store the graphs are streamed as they are mapped (a large first build goes through the
    bulk loader without holding the graph in memory); into a store that has graphs, all are mapped first,
    then those whose content changed are replaced in one transaction.
    """
    started = time.perf_counter()
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    summary = BuildSummary()
    mapped = _MappedGraphs(list(records), gazetteer, _articles_by_id(articles), where or {}, progress)
    references = [(name, list(graph)) for name, graph in reference_graphs(gazetteer).items()]
    if store.is_empty():
        store.replace_graphs(chain(references, mapped))
        summary.graphs_written = len(references) + mapped.articles
    else:
        changed = {
            name: triples
            for name, triples in chain(references, mapped)
            if not store.same_content(name, triples)
        }
        store.replace_graphs(changed)
        summary.graphs_written = len(changed)
    summary.articles = mapped.articles
    summary.visits, summary.officials = len(mapped.visits), len(mapped.officials)
    summary.regions = len(mapped.regions)
    summary.errors.extend(mapped.errors)
    summary.triples = store.count()
    summary.seconds = time.perf_counter() - started
    return summary


def _articles_by_id(articles: Mapping[str, Article] | Iterable[Article] | None) -> dict[str, Article]:
    if articles is None:
        return {}
    if isinstance(articles, Mapping):
        return dict(articles)
    return {article.id: article for article in articles}


class _MappedGraphs:
    """The records' named graphs, each mapped when it is read, and what they describe: iterating yields
    (graph name, triples) and fills `articles`, `visits`, `officials`, `regions` and `errors`. A record
    naming an unknown code, or repeating an article id, gives an error and no graph."""

    def __init__(
        self,
        records: Sequence[ArticleFacts],
        gazetteer: Gazetteer,
        articles: Mapping[str, Article],
        where: Mapping[str, str],
        progress: Progress | None,
    ):
        self.records, self.gazetteer, self.by_id = records, gazetteer, articles
        self.where, self.progress = where, progress
        self.articles = 0
        self.visits: set[ox.NamedNode] = set()
        self.officials: set[ox.NamedNode] = set()
        self.regions: set[ox.NamedNode] = set()
        self.errors: list[str] = []

    def __iter__(self) -> Iterator[tuple[URIRef, list[OxTriple]]]:
        sectors = known_sectors()
        seen: set[URIRef] = set()
        total = len(self.records)
        for done, facts in enumerate(self.records, start=1):
            graph = article_graph(facts.id)
            try:
                if graph in seen:
                    raise InputError(f"duplicate article id {facts.id!r}")
                triples = map_article(self.by_id.get(facts.id), facts, self.gazetteer, sectors)
            except (MappingError, InputError) as error:
                location = self.where.get(facts.id)
                self.errors.append(f"{location}: {error}" if location else str(error))
                triples = None
            if self.progress is not None:
                self.progress("mapping", done, total)
            if triples is not None:
                seen.add(graph)
                self._count(triples)
                yield graph, triples

    def _count(self, triples: list[OxTriple]) -> None:
        self.articles += 1
        for s, p, o in triples:
            if p == V.type:
                if o == V.Visit:
                    self.visits.add(s)
                elif o == V.Official:
                    self.officials.add(s)
            elif p == V.mentions and o.value.startswith(_REGION_PREFIX):
                self.regions.add(o)


# --- from files -------------------------------------------------------------------------------------------


def build_from_paths(
    paths: Sequence[str | os.PathLike[str]],
    store: GraphStore,
    gazetteer: Gazetteer | None = None,
    articles_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> BuildSummary:
    """Build from input files: facts JSONL files are mapped as they are; anything else (article JSONL, text
    files) is read by `warta.ingest` and goes through `warta.extract` first."""
    errors: list[InputError] = []
    articles: dict[str, Article] = {}
    if articles_path is not None:
        found, bad = read_articles(articles_path)
        articles.update((a.id, a) for a in found)
        errors.extend(bad)
    records: list[ArticleFacts] = []
    where: dict[str, str] = {}
    raw: list[str | os.PathLike[str]] = []
    for path in paths:
        if not is_facts_file(path):
            raw.append(path)
            continue
        located, bad = _read_jsonl(path, ArticleFacts.from_dict)
        errors.extend(bad)
        for record, line in located:
            if record.id in where:
                errors.append(
                    InputError(f"duplicate id {record.id!r} (first at {where[record.id]})", str(path), line)
                )
                continue
            records.append(record)
            where[record.id] = f"{path}:{line}"
    if raw:
        extracted, raw_articles, bad = _extract(raw, gazetteer, progress, jobs)
        errors.extend(bad)
        for article in raw_articles:
            articles.setdefault(article.id, article)
        records.extend(extracted)
    summary = build(records, store, gazetteer, articles, where, progress)
    summary.errors[:0] = [str(error) for error in errors]
    return summary


def _extract(
    paths: Sequence[str | os.PathLike[str]], gazetteer: Gazetteer | None, progress: Progress | None, jobs: int
) -> tuple[list[ArticleFacts], list[Article], list[InputError]]:
    """Raw articles → facts, through the extractor (imported only when raw input is given)."""
    from warta.extract.files import extract_files

    extraction = extract_files(paths, gazetteer, jobs=jobs, progress=progress)
    return extraction.facts, extraction.articles, extraction.errors
