"""Phrase matching over tokens for the visit lexicon (`data/lexicon/visits.toml`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from warta.extract import lexicon
from warta.extract.text import Sentence


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Lexicon phrases as word tuples, longest first, for matching at token positions."""

    phrases: tuple[tuple[str, ...], ...]
    by_first: dict[str, tuple[tuple[str, ...], ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            index.setdefault(phrase[0], []).append(phrase)
        object.__setattr__(self, "by_first", {w: tuple(ps) for w, ps in index.items()})

    def match_at(self, words: Sequence[str], k: int) -> int:
        """The number of words of the longest phrase starting at k, or 0."""
        if k >= len(words):
            return 0
        for phrase in self.by_first.get(words[k], ()):
            n = len(phrase)
            if n == 1 or tuple(words[k : k + n]) == phrase:
                return n
        return 0

    def find(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(start, end) token spans of every phrase occurrence, left to right, not overlapping."""
        spans: list[tuple[int, int]] = []
        first = self.by_first
        k, end = 0, len(words)
        while k < end:
            if words[k] in first:
                n = self.match_at(words, k)
                if n:
                    spans.append((k, k + n))
                    k += n
                    continue
            k += 1
        return spans


def _phrase_set(phrases) -> PhraseSet:
    return PhraseSet(tuple(sorted({lexicon.phrase_words(p) for p in phrases}, key=len, reverse=True)))


@cache
def cue(name: str) -> PhraseSet:
    """A list of `[cues]` in visits.toml as a phrase set."""
    return _phrase_set(lexicon.visits()["cues"][name])


@cache
def phrases(section: str, name: str) -> PhraseSet:
    """Any list of visits.toml, `[section] name = [...]`, as a phrase set."""
    return _phrase_set(lexicon.visits()[section][name])


@cache
def visit_type_phrases() -> dict[str, PhraseSet]:
    return {kind: _phrase_set(phrases) for kind, phrases in lexicon.visits()["visit_types"].items()}


@cache
def trigger() -> PhraseSet:
    """Any phrase that names a visit or the visiting party."""
    phrases = [p for ps in lexicon.visits()["visit_types"].values() for p in ps]
    data = lexicon.visits()["cues"]
    return _phrase_set(phrases + data["party_nouns"] + data["visit_verbs"] + data["host_verbs"])


def words_of(sentence: Sentence) -> tuple[str, ...]:
    """Lower-case words of a sentence, aligned with its tokens."""
    return sentence.words


_OBJECT_SKIP = frozenset(
    {"langsung", "secara", "resmi", "baik", "hangat", "dengan", "para", "sejumlah", "juga"}
)


def receives_visit_at(sentence: Sentence, k: int) -> int:
    """The length of a receiving verb at token k whose object is a visit, a party or a named person or
    region ("menerima kunjungan", "menyambut baik rombongan", "menerima Wakil Bupati X"), else 0:
    "menerima penghargaan" is no visit."""
    words = sentence.words
    n = cue("host_verbs").match_at(words, k)
    if not n:
        return 0
    j = k + n
    numbers = lexicon.visits()["size"]["numbers"]
    while j < len(words) and (words[j] in _OBJECT_SKIP or words[j].isdigit() or words[j] in numbers):
        j += 1  # "menerima 40 tamu", "menerima dua rombongan"
    if j >= len(words):
        return 0
    if trigger().match_at(words, j) or sentence.tokens[j].text[0].isupper():
        return n
    return 0


def visit_trigger_ends(sentence: Sentence) -> list[int]:
    """Where each visit phrase of a sentence ends; receiving verbs count only with a visit as object."""
    host_verbs = cue("host_verbs")
    return [
        end
        for start, end in trigger().find(sentence.words)
        if not host_verbs.match_at(sentence.words, start) or receives_visit_at(sentence, start)
    ]
