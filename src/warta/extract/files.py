"""Extraction over input files: read articles (JSONL, txt, md, html, folders), extract, report bad input."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from warta.errors import InputError
from warta.extract.pipeline import extract_articles
from warta.facts import Article, ArticleFacts
from warta.gazetteer import Gazetteer
from warta.ingest import read_inputs

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Extraction:
    """Articles read from the inputs, their facts (same order), and one error per bad input."""

    articles: list[Article] = field(default_factory=list)
    facts: list[ArticleFacts] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def extract_files(
    paths: Sequence[str | os.PathLike[str]],
    gazetteer: Gazetteer | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Extraction:
    read = read_inputs(list(paths))
    result = Extraction(articles=list(read.articles), errors=list(read.errors))
    for done, facts in enumerate(_extract(result.articles, gazetteer, jobs), start=1):
        result.facts.append(facts)
        if progress is not None:
            progress("extracting", done, len(result.articles))
    return result


def _extract(articles: list[Article], gazetteer: Gazetteer | None, jobs: int) -> Iterator[ArticleFacts]:
    return extract_articles(articles, gazetteer, jobs=jobs)
