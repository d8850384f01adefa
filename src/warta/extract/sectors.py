"""Sectors a report talks about, from the SKOS labels of `ontology/sectors.ttl` (the one sector lexicon)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.extract import cues, lexicon
from warta.extract.text import Sentence


@dataclass(frozen=True, slots=True)
class SectorHit:
    sector: str
    sentence: int
    start: int
    end: int


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every label, longest first, with a map from label (lower case) to sector id."""
    owner: dict[str, str] = {}
    for sector, labels in lexicon.sector_labels().items():
        for label in labels:
            owner.setdefault(label.lower(), sector)
    alternation = "|".join(re.escape(label) for label in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), owner


def find_sectors(sentences: list[Sentence]) -> list[SectorHit]:
    pattern, owner = _pattern()
    hits = []
    for sentence in sentences:
        for match in pattern.finditer(sentence.text):
            hits.append(
                SectorHit(
                    owner[match.group().lower()],
                    sentence.index,
                    match.start() + sentence.start,
                    match.end() + sentence.start,
                )
            )
    return hits


def purpose_sentences(sentences: list[Sentence]) -> set[int]:
    """Sentences that state what a visit is for ("bertujuan", "untuk belajar", "khususnya", "fokus")."""
    purpose = cues.PhraseSet(
        tuple(
            sorted(
                {lexicon.phrase_words(p) for p in lexicon.visits()["purpose"]["cues"]}, key=len, reverse=True
            )
        )
    )
    return {s.index for s in sentences if purpose.find(cues.words_of(s))}
