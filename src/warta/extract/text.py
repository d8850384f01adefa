"""Sentences and word tokens with character offsets into the article text."""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from warta.extract import lexicon
from warta.extract.lexicon import abbreviations

# A word: letters/digits, with inner apostrophes, hyphens or dots ("Jum'at", "Bau-Bau", "S.Sos", "30/08/2022"
# stays split on "/"). Everything else that is not space is a one-character punctuation token. (The
# possessive quantifiers match what greedy ones would, without keeping backtracking points.) The token is a
# group, so that `split` returns the white space before each token and the token in turn.
_TOKEN = re.compile(r"(\w++(?:['’\-]\w++)*+|[^\w\s])", re.UNICODE)
# Where a sentence may end: line breaks, or a final stop (and closing quotes) before white space and a
# capital. It begins with one character class, so that `re` skips quickly from one candidate to the next.
_SENTENCE_END = re.compile(
    r"""[.!?…\n]
        (?: (?<=\n) \n*+                                  # more line breaks
          | [.!?…]*+ ["”’)]*+ (?=\s+["“‘(\[]?[A-Z0-9])    # more stops, closing quotes; a capital follows
        )""",
    re.VERBOSE,
)


Tokens = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]  # texts, start and end offsets


@dataclass(slots=True, eq=False)
class Sentence:
    """A sentence and its tokens (words and punctuation), as parallel tuples: each token as written, its
    character offsets [start, end) in the article, and its lower-case form (for phrase matching)."""

    index: int
    start: int
    end: int
    text: str
    texts: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...] = ()  # given when known, else made from `texts`
    memo: dict = field(default_factory=dict, repr=False)  # what cues.py reads once per sentence

    def __post_init__(self) -> None:
        if not self.words:
            self.words = tuple(map(str.lower, self.texts))


def is_word(token: str) -> bool:
    """Whether a token is a word (not punctuation)."""
    return token[0].isalnum()


def tokenize(text: str) -> Tokens:
    """The word and punctuation tokens of a text: their texts, and their start and end offsets."""
    # One pass of the pattern, no match objects: [space, token, space, token, ..., space], and the offsets
    # where each of those parts ends, which are where the tokens start and end.
    parts = _TOKEN.split(text)
    offsets = list(accumulate(map(len, parts)))
    return tuple(parts[1::2]), tuple(offsets[0:-1:2]), tuple(offsets[1::2])


def split_sentences(text: str) -> list[Sentence]:
    """Split article text into sentences: at line breaks, and at a final stop followed by a capital,
    unless the word before the stop is an abbreviation (H., Drs., Kab., S.Sos.) or a single initial."""
    abbr = abbreviations()
    backwards = text[::-1]  # the text read from its end: `_word_before` matches forward in it
    pieces = []  # (start, end) of the text between two sentence ends
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end, mark = match.start(), text[match.start()]
        if mark == ".":
            word = _word_before(text, backwards, end)
            if word and (word.lower() in abbr or (len(word) == 1 and word.isupper())):
                continue
        pieces.append((start, match.end() if mark != "\n" else end))
        start = match.end()
    pieces.append((start, len(text)))

    texts, starts, ends = tokenize(text)  # sentences end and start next to white space: no token spans two
    words = tuple(map(str.lower, texts))
    sentences: list[Sentence] = []
    for start, end in pieces:
        piece = text[start:end]
        chunk = piece.strip()
        if not chunk:
            continue
        start += len(piece) - len(piece.lstrip())  # past the white space before it
        end = start + len(chunk)
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        written, lower = texts[first:last], words[first:last]
        if _shouting(chunk):
            # An ALL-CAPS lead ("ROMBONGAN ... DIPIMPIN WAKIL WALI KOTA SOLOK, DR. ZULHENDRI SYAFRI"): read
            # its words as if written normally, so names and regions are recognised; the text stays as is.
            written = _as_if_written_normally(written)
            lower = ()  # made from the words as read
        sentences.append(
            Sentence(len(sentences), start, end, chunk, written, starts[first:last], ends[first:last], lower)
        )
    return sentences


_WORD_OR_DOTS = re.compile(r"[\w.]*+")  # `\w`: what `str.isalnum` accepts, and "_"


def _word_before(text: str, backwards: str, end: int) -> str:
    """The letters, digits and dots right before `end` (`backwards` is the text reversed), without the
    dots at either end."""
    at = len(text) - end
    run = backwards[at : _WORD_OR_DOTS.match(backwards, at).end()]
    length = run.find("_") if "_" in run else len(run)  # "_" is no letter: the word stops there
    return text[end - length : end].strip(".")


_LOWER = re.compile(r"[^\W\d_A-Z]")  # a lower-case letter (any script), counted in C
_UPPER = re.compile(r"[A-Z]")
_ASCII_LOWER = string.ascii_lowercase.encode()


def _shouting(chunk: str) -> bool:
    """Whether a sentence is written in capitals (at least 80 % of its letters, and 20 of them)."""
    encoded = chunk.encode("utf-8", "surrogatepass")  # a-z are single bytes in UTF-8: quick to count
    if (len(encoded) - len(encoded.translate(None, _ASCII_LOWER))) * 4 > len(chunk):
        return False  # the common case: the lower-case a-z alone rule it out
    lower = len(_LOWER.findall(chunk))
    if lower * 4 > len(chunk):
        return False
    upper = len(_UPPER.findall(chunk))
    return upper >= 20 and upper >= 4 * lower


@cache
def _word_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words, ignoring case."""
    return _word_pattern(phrase).search(text) is not None


def read_as_written(texts: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The tokens of a text as the extractor reads them: those of an ALL-CAPS text (a shouting headline)
    title-cased, as `split_sentences` reads an ALL-CAPS sentence, so names and regions are recognised."""
    return _as_if_written_normally(texts) if _shouting(text) else texts


def _as_if_written_normally(texts: tuple[str, ...]) -> tuple[str, ...]:
    """ALL-CAPS words title-cased, short function words in lower case; other short words (OPD, DLH) as
    acronyms."""
    function_words = lexicon.function_words()
    return tuple(w.title() if len(w) > 3 else w.lower() if w.lower() in function_words else w for w in texts)
