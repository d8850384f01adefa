"""Phrase matching over tokens for the visit lexicon (`data/lexicon/visits.toml`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from warta.extract import lexicon
from warta.extract.text import Sentence


@dataclass(frozen=True, slots=True, eq=False)
class PhraseSet:
    """Lexicon phrases as word tuples, longest first, for matching at token positions in a sentence's words
    (a tuple). Indexed by their first word (to match from a position) and their last word (to match back
    from one), each with its number of words."""

    phrases: tuple[tuple[str, ...], ...]
    by_first: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = field(init=False, repr=False)
    by_last: dict[str, tuple[tuple[int, tuple[str, ...]], ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_first", _index_by(self.phrases, 0))
        object.__setattr__(self, "by_last", _index_by(self.phrases, -1))

    def match_at(self, words: tuple[str, ...], k: int) -> int:
        """The number of words of the longest phrase starting at k, or 0."""
        if k < len(words):
            for n, phrase in self.by_first.get(words[k], ()):
                if n == 1 or words[k : k + n] == phrase:
                    return n
        return 0

    def ends_at(self, words: tuple[str, ...], k: int) -> bool:
        """Whether a phrase of the set ends right before k."""
        if 0 < k <= len(words):
            for n, phrase in self.by_last.get(words[k - 1], ()):
                if n == 1 or (n <= k and words[k - n : k] == phrase):
                    return True
        return False

    def find(self, words: tuple[str, ...]) -> list[tuple[int, int]]:
        """(start, end) token spans of every phrase occurrence, left to right, not overlapping."""
        first = self.by_first
        if first.keys().isdisjoint(words):
            return []  # the common case: no word of the text starts a phrase
        spans: list[tuple[int, int]] = []
        after = 0  # the token after the last phrase found
        for k in [k for k, word in enumerate(words) if word in first]:
            if k >= after:
                for n, phrase in first[words[k]]:  # (`match_at`, inline)
                    if n == 1 or words[k : k + n] == phrase:
                        spans.append((k, k + n))
                        after = k + n
                        break
        return spans

    def find_in(self, sentence: Sentence) -> list[tuple[int, int]]:
        """`find` over a sentence's words, computed once per sentence (the result is shared: do not change
        it)."""
        spans = sentence.memo.get(self)
        if spans is None:
            spans = sentence.memo[self] = self.find(sentence.words)
        return spans


def _index_by(
    phrases: tuple[tuple[str, ...], ...], position: int
) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """Phrases (with their number of words) by their word at `position` (0: first, -1: last), keeping their
    longest-first order."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[position], []).append((len(phrase), phrase))
    return {word: tuple(group) for word, group in index.items()}


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
def _visit_type_starts() -> frozenset[str]:
    """The words any visit type's phrase starts with."""
    return frozenset(word for phrases in visit_type_phrases().values() for word in phrases.by_first)


def visit_types_in(sentence: Sentence) -> dict[str, int]:
    """How often a sentence names each type of visit (the types it names), read once per sentence. Each
    type's phrases are matched as `PhraseSet.find` does, in one pass over the words for all types."""
    counts = sentence.memo.get(visit_types_in)
    if counts is None:
        counts = sentence.memo[visit_types_in] = _count_visit_types(sentence.words)
    return counts


def _count_visit_types(words: tuple[str, ...]) -> dict[str, int]:
    """For each visit type, the number of its phrases in the words (as `find` would count them)."""
    starts = _visit_type_starts()
    if starts.isdisjoint(words):
        return {}
    types = visit_type_phrases()
    found = dict.fromkeys(types, 0)
    after = dict.fromkeys(types, 0)  # per type, the token after its last phrase found
    for k in [k for k, word in enumerate(words) if word in starts]:
        for kind, phrases in types.items():
            if k >= after[kind]:
                for n, phrase in phrases.by_first.get(words[k], ()):  # (`match_at`, inline)
                    if n == 1 or words[k : k + n] == phrase:
                        found[kind] += 1
                        after[kind] = k + n
                        break
    return {kind: n for kind, n in found.items() if n}


@cache
def trigger() -> PhraseSet:
    """Any phrase that names a visit or the visiting party."""
    phrases = [p for ps in lexicon.visits()["visit_types"].values() for p in ps]
    data = lexicon.visits()["cues"]
    return _phrase_set(phrases + data["party_nouns"] + data["visit_verbs"] + data["host_verbs"])


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
    if trigger().match_at(words, j) or sentence.texts[j][0].isupper():
        return n
    return 0


def visit_trigger_ends(sentence: Sentence) -> list[int]:
    """Where each visit phrase of a sentence ends; receiving verbs count only with a visit as object. Read
    once per sentence (the result is shared: do not change it)."""
    ends = sentence.memo.get(visit_trigger_ends)
    if ends is None:
        host_verbs = cue("host_verbs")
        words = sentence.words
        ends = sentence.memo[visit_trigger_ends] = [
            end
            for start, end in trigger().find_in(sentence)
            if words[start] not in host_verbs.by_first  # (the common case, before matching)
            or not host_verbs.match_at(words, start)
            or receives_visit_at(sentence, start)
        ]
    return ends
