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
def _labels() -> tuple[dict[tuple[str, ...], str], dict[str, tuple[int, ...]]]:
    """Each label as the lower-case word tuple the tokenizer makes of it → its sector; and for each word a
    label starts with, the numbers of words of those labels, longest first."""
    owner: dict[tuple[str, ...], str] = {}
    for sector, labels in lexicon.sector_labels().items():
        for label in labels:
            texts, _, _ = tokenize(label)
            owner.setdefault(tuple(t.lower() for t in texts), sector)
    lengths: dict[str, set[int]] = {}
    for words in owner:
        lengths.setdefault(words[0], set()).add(len(words))
    return owner, {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}


@cache
def _label_starts() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The labels of one word, and the first two words of the longer ones."""
    owner, _ = _labels()
    return frozenset(w[0] for w in owner if len(w) == 1), frozenset(w[:2] for w in owner if len(w) > 1)


def find_sectors(sentences: list[Sentence]) -> list[SectorHit]:
    """Every sector label in the sentences, as whole words in any case, longest match first; labels inside
    an agency's name ("Dinas Pendidikan", "Kepala Dinas Pariwisata") are left out."""
    owner, lengths = _labels()
    agency = _agency_heads()
    singles, pairs = _label_starts()
    hits = []
    for sentence in sentences:
        words = sentence.words
        # Most sentences name no sector, though many hold a word that labels start with ("daerah", "kota"):
        # read on only where a label of one word, or the first two words of a longer one, stand.
        if singles.isdisjoint(words) and pairs.isdisjoint(zip(words, words[1:], strict=False)):
            continue
        after_label = 0  # labels do not overlap
        for k in [k for k, word in enumerate(words) if word in lengths]:
            if k < after_label:
                continue
            for n in lengths[words[k]]:
                sector = owner.get(words[k : k + n]) if k + n <= len(words) else None
                if sector is not None:
                    if not _in_agency_name(sentence, k, agency):
                        hits.append(
                            SectorHit(sector, sentence.index, sentence.starts[k], sentence.ends[k + n - 1])
                        )
                    after_label = k + n
                    break
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
        text = sentence.texts[j]
        if sentence.words[j] in heads:
            return sentence.texts[k][0].isupper()
        if not (text[0].isupper() or text in (",", "dan", "&")):
            return False
        j -= 1
    return False


def purpose_sentences(sentences: list[Sentence]) -> set[int]:
    """Sentences that state what a visit is for ("bertujuan", "untuk belajar", "khususnya", "fokus")."""
    purpose = cues.phrases("purpose", "cues")
    return {s.index for s in sentences if purpose.find_in(s)}
