"""Phrase matching over tokens for the visit lexicon (`data/lexicon/visits.toml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from warta.extract import lexicon
from warta.extract.text import Sentence


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Lexicon phrases as word tuples, longest first, for matching at token positions."""

    phrases: tuple[tuple[str, ...], ...]

    def match_at(self, words: list[str], k: int) -> int:
        """The number of words of the longest phrase starting at k, or 0."""
        for phrase in self.phrases:
            n = len(phrase)
            if tuple(words[k : k + n]) == phrase:
                return n
        return 0

    def find(self, words: list[str]) -> list[tuple[int, int]]:
        """(start, end) token spans of every phrase occurrence, left to right, not overlapping."""
        spans, k = [], 0
        while k < len(words):
            n = self.match_at(words, k)
            if n:
                spans.append((k, k + n))
                k += n
            else:
                k += 1
        return spans


def _phrase_set(phrases) -> PhraseSet:
    return PhraseSet(tuple(sorted({lexicon.phrase_words(p) for p in phrases}, key=len, reverse=True)))


@cache
def cue(name: str) -> PhraseSet:
    """A list of `[cues]` in visits.toml as a phrase set."""
    return _phrase_set(lexicon.visits()["cues"][name])


@cache
def visit_type_phrases() -> dict[str, PhraseSet]:
    return {kind: _phrase_set(phrases) for kind, phrases in lexicon.visits()["visit_types"].items()}


@cache
def trigger() -> PhraseSet:
    """Any phrase that names a visit or the visiting party."""
    phrases = [p for ps in lexicon.visits()["visit_types"].values() for p in ps]
    data = lexicon.visits()["cues"]
    return _phrase_set(phrases + data["party_nouns"] + data["visit_verbs"] + data["host_verbs"])


def words_of(sentence: Sentence) -> list[str]:
    """Lower-case words of a sentence, aligned with its tokens."""
    return [t.lower for t in sentence.tokens]
