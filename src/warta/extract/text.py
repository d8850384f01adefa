"""Sentences and word tokens with character offsets into the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.extract.lexicon import abbreviations

# A word: letters/digits, with inner apostrophes, hyphens or dots ("Jum'at", "Bau-Bau", "S.Sos", "30/08/2022"
# stays split on "/"). Everything else that is not space is a one-character punctuation token.
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n+")


@dataclass(slots=True)
class Token:
    """A word or punctuation token: its text and character offsets [start, end) in the article."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalized(self) -> bool:
        return self.text[0].isupper()


@dataclass(slots=True, eq=False)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    words: tuple[str, ...] = ()  # the tokens in lower case, for phrase matching

    def __post_init__(self) -> None:
        if not self.words:
            self.words = tuple(t.text.lower() for t in self.tokens)


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Word and punctuation tokens; their offsets are shifted by `offset` (the sentence's start)."""
    return tuple([Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)])


def split_sentences(text: str) -> list[Sentence]:
    """Split article text into sentences: at line breaks, and at a final stop followed by a capital,
    unless the word before the stop is an abbreviation (H., Drs., Kab., S.Sos.) or a single initial."""
    sentences: list[Sentence] = []
    start = 0
    abbr = abbreviations()
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if match.group()[0] == ".":
            word = _word_before(text, end)
            if word and (word.lower() in abbr or (len(word) == 1 and word.isupper())):
                continue
        _add(sentences, text, start, match.end() if match.group()[0] != "\n" else end)
        start = match.end()
    _add(sentences, text, start, len(text))
    return sentences


def _word_before(text: str, end: int) -> str:
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:end].strip(".")


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        chunk = text[start:end]
        tokens = tokenize(chunk, start)
        if _shouting(chunk):
            # An ALL-CAPS lead ("ROMBONGAN ... DIPIMPIN WAKIL WALI KOTA SOLOK, DR. ZULHENDRI SYAFRI"): read
            # its words as if written normally, so names and regions are recognised; the text stays as is.
            tokens = tuple(
                Token(t.text.title() if len(t.text) > 3 else t.text, t.start, t.end) for t in tokens
            )
        sentences.append(Sentence(len(sentences), start, end, chunk, tokens))


_LOWER = re.compile(r"[^\W\d_A-Z]")  # a lower-case letter (any script), counted in C
_UPPER = re.compile(r"[A-Z]")


def _shouting(chunk: str) -> bool:
    """Whether a sentence is written in capitals (at least 80 % of its letters, and 20 of them)."""
    lower = len(_LOWER.findall(chunk))
    if lower * 4 > len(chunk):
        return False  # the common case, decided without counting capitals
    upper = len(_UPPER.findall(chunk))
    return upper >= 20 and upper >= 4 * lower


@cache
def _word_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, ignoring case."""
    return _word_pattern(phrase).search(text) is not None
