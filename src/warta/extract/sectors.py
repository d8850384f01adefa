"""Sectors a report talks about, from the SKOS labels of `ontology/sectors.ttl` (the one sector lexicon)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from warta.extract import cues, lexicon
from warta.extract.text import Sentence, tokenize


@dataclass(frozen=True, slots=True)
class SectorHit:
    sector: str
    sentence: int
    start: int
    end: int


@cache
def _labels() -> tuple[dict[tuple[str, ...], str], int, frozenset[str]]:
    """Each label as the lower-case word tuple the tokenizer makes of it → its sector; the longest; and
    the words labels start with."""
    owner: dict[tuple[str, ...], str] = {}
    for sector, labels in lexicon.sector_labels().items():
        for label in labels:
            owner.setdefault(tuple(t.text.lower() for t in tokenize(label)), sector)
    return owner, max(len(words) for words in owner), frozenset(words[0] for words in owner)


def find_sectors(sentences: list[Sentence]) -> list[SectorHit]:
    """Every sector label in the sentences, as whole words in any case, longest match first; labels inside
    an agency's name ("Dinas Pendidikan", "Kepala Dinas Pariwisata") are left out."""
    owner, longest, firsts = _labels()
    agency = _agency_heads()
    hits = []
    for sentence in sentences:
        words, tokens = sentence.words, sentence.tokens
        k = 0
        while k < len(words):
            if words[k] not in firsts:
                k += 1
                continue
            for n in range(min(longest, len(words) - k), 0, -1):
                sector = owner.get(words[k : k + n])
                if sector is not None:
                    if not _in_agency_name(sentence, k, agency):
                        hits.append(SectorHit(sector, sentence.index, tokens[k].start, tokens[k + n - 1].end))
                    k += n
                    break
            else:
                k += 1
    return hits


@cache
def _agency_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon.visits()["purpose"]["agency_heads"])


def _in_agency_name(sentence: Sentence, k: int, heads: frozenset[str]) -> bool:
    """Whether a label at token k names an agency: it starts with an agency word ("Dinas Pendidikan"), or
    the capitalised words before it run back to one ("Dinas PU, Pendidikan")."""
    if sentence.words[k] in heads:
        return True
    j = k - 1
    while j >= 0 and k - j <= 6:
        token = sentence.tokens[j]
        if sentence.words[j] in heads:
            return sentence.tokens[k].text[0].isupper()
        if not (token.text[0].isupper() or token.text in (",", "dan", "&")):
            return False
        j -= 1
    return False


def purpose_sentences(sentences: list[Sentence]) -> set[int]:
    """Sentences that state what a visit is for ("bertujuan", "untuk belajar", "khususnya", "fokus")."""
    purpose = cues.phrases("purpose", "cues")
    return {s.index for s in sentences if purpose.find(s.words)}
