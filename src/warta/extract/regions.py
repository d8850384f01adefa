"""Find the provinces, regencies and cities an article names, and resolve each to its Kemendagri code.

A name is looked up in the gazetteer (core names and aliases, longest match first). The words before it fix
its kind ("Kabupaten", "Pemkot", "Wali Kota", "Provinsi") and say whether an institution of the region acts
("Pemkab X", "DPRD X"). A name used twice in one article with different kinds (Kota Bogor, Kabupaten Bogor)
is decided per mention; a bare name takes the kind the article gives it elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from warta.extract import lexicon
from warta.extract.text import Sentence, is_word
from warta.gazetteer import Gazetteer, Region, name_key

_MAX_WORDS = 5
_MEMO_SIZE = 1 << 16  # tokens remembered per gazetteer
_PREPOSITIONS = frozenset({"di", "ke", "dari", "asal", "se", "wilayah", "daerah", "kunjungi", "mengunjungi"})


# Not frozen, though never changed once made (`replace` makes a changed copy): a frozen dataclass sets each
# field through `object.__setattr__`, which made building the hits a tenth of `find_regions`. Hashed by its
# fields all the same.
@dataclass(slots=True, unsafe_hash=True)
class RegionHit:
    """One mention of a region in the text."""

    region: Region
    start: int  # character offsets of the name itself
    end: int
    sentence: int
    first_token: int  # index of the first token of the name (or of its prefix) in the sentence
    last_token: int  # index after the name's last token
    prefix: lexicon.RegionPrefix | None = None
    locator: bool = False  # a province after one of its regencies: "Kota Batu, Jawa Timur"
    fuzzy: bool = False
    weak: bool = (
        False  # a bare everyday-word name ("Batu"): kept only if the region is named strongly elsewhere
    )

    @property
    def institution(self) -> str:
        return self.prefix.institution if self.prefix else "none"


@dataclass(frozen=True, slots=True, eq=False)
class _Index:
    surfaces: dict[str, tuple[Region, ...]]
    weak: frozenset[str]
    not_before: frozenset[str]
    not_after: frozenset[str]
    not_before_pattern: re.Pattern[str]  # club names and the like: "Persela Lamongan", "PSIS Semarang"
    max_words: int
    first_words: frozenset[str]  # first word of every name: a token that is none of these starts no name
    # The first words of every name, one, two ... all of them ("kota", "kota batu").
    beginnings: frozenset[str]
    by_initial: dict[str, list[tuple[str, tuple[Region, ...]]]]  # names by first letter, for misspellings
    begins: dict[str, bool] = field(default_factory=dict)  # memo of `_begins_name`, by token
    blocks: dict[str, bool] = field(default_factory=dict)  # memo of `_not_before`, by word


@cache
def _index(gazetteer: Gazetteer) -> _Index:
    surfaces = {key: tuple(regions) for key, regions in gazetteer.surface_index().items()}
    data = lexicon.regions()
    return _Index(
        surfaces=surfaces,
        weak=frozenset(name_key(n) for n in data["weak"]["names"]),
        not_before=frozenset(w.lower().rstrip(".") for w in data["not_region"]["before"]),
        not_after=frozenset(w.lower() for w in data["not_region"]["after"]),
        not_before_pattern=re.compile("|".join(data["not_region"]["before_patterns"])),
        max_words=min(_MAX_WORDS, max(len(k.split()) for k in surfaces)),
        first_words=frozenset(k.split()[0] for k in surfaces),
        beginnings=frozenset(_beginnings(surfaces)),
        by_initial=_by_initial(surfaces),
    )


def _beginnings(surfaces: dict[str, tuple[Region, ...]]) -> Iterator[str]:
    for key in surfaces:
        words = key.split(" ")
        for n in range(1, len(words) + 1):
            yield " ".join(words[:n])


def _by_initial(surfaces: dict[str, tuple[Region, ...]]) -> dict[str, list[tuple[str, tuple[Region, ...]]]]:
    grouped: dict[str, list[tuple[str, tuple[Region, ...]]]] = {}
    for key, regions in surfaces.items():
        grouped.setdefault(key[0], []).append((key, regions))
    return grouped


def find_regions(sentences: list[Sentence], gazetteer: Gazetteer) -> list[RegionHit]:
    """Every region mention in the sentences, resolved, in text order."""
    index = _index(gazetteer)
    raw: list[tuple[RegionHit, tuple[Region, ...], str]] = []
    for sentence in sentences:
        raw.extend(_scan(sentence, index))
    kinds = _article_kinds(raw)
    hits: list[RegionHit] = []
    for hit, candidates, key in raw:  # (a hit has its first candidate: only a name of several needs a choice)
        if len(candidates) > 1:
            region = _locating(hits[-1] if hits else None, hit, candidates)
            hit = _resolved(hit, region or _choose(candidates, kinds.get(key)))
        hits.append(hit)
    return _mark_locators(_drop_weak(hits))


_LOCATOR_GAP = 4  # tokens from a region to the province after it that locates it: "X (Y), Jambi"


def _locating(previous: RegionHit | None, hit: RegionHit, candidates: tuple[Region, ...]) -> Region | None:
    """The province among a bare name's candidates when it is written right after one of its regencies or
    cities, to locate it: "Kabupaten Tanjung Jabung Barat, Jambi" (not Kota Jambi)."""
    if (
        previous is None
        or hit.prefix is not None
        or previous.sentence != hit.sentence
        or hit.first_token - previous.last_token > _LOCATOR_GAP
    ):
        return None
    return next((r for r in candidates if r.kind == "province" and r.code == previous.region.province), None)


def _resolved(hit: RegionHit, region: Region) -> RegionHit:
    return hit if region is hit.region else replace(hit, region=region)


@lru_cache(maxsize=1 << 16)
def _name_form(token: str) -> str:
    """The compared form of a token inside a name: `name_key` of a capitalised word, or of "dan" (which may
    stand inside a name: Pangkajene dan Kepulauan); "\0" for any other token, which never matches."""
    return name_key(token) if token[0].isupper() or token == "dan" else "\0"


def _begins_name(token: str, index: _Index) -> bool:
    """Whether a capitalised token is a word that may begin a name of the gazetteer (remembered in
    `index.begins`, which `_scan` reads first)."""
    begins = is_word(token) and _name_form(token).split(" ", 1)[0] in index.first_words
    if len(index.begins) < _MEMO_SIZE:
        index.begins[token] = begins
    return begins


def _scan(sentence: Sentence, index: _Index):
    texts = sentence.texts
    words = sentence.words
    prefix_ends = _prefixes_by_last()
    known = index.begins
    after_name = 0  # the token after the last name found: names do not overlap
    for i in [k for k, t in enumerate(texts) if t[0].isupper()]:
        if i < after_name:
            continue
        misspelt = True  # a capitalised word that is no name may be a misspelt one
        begins = known.get(texts[i])
        if begins is None:
            begins = _begins_name(texts[i], index)
        if begins:
            keys = _name_beginnings(texts, i, index)
            for length in range(len(keys), 0, -1):
                span = texts[i : i + length]
                if not span[-1][0].isalnum():  # (not a word)
                    continue
                key = keys[length - 1]
                candidates = index.surfaces.get(key)
                if candidates is None or not (length == 1 or _proper(span)):
                    continue
                misspelt = False
                end = i + length
                if (i and _not_before(words[i - 1], index)) or (
                    end < len(words) and words[end] in index.not_after
                ):
                    break  # not a region: "Jalan X", "X Street", "Persela X"
                prefix, first = _prefix(words, i)
                if prefix is not None and len(candidates) > 1:
                    candidates = _filter_kind(candidates, prefix)
                hit = RegionHit(
                    candidates[0],
                    sentence.starts[i],
                    sentence.ends[end - 1],
                    sentence.index,
                    first,
                    end,
                    prefix,
                    False,
                    False,
                    prefix is None and key in index.weak and (i == 0 or words[i - 1] not in _PREPOSITIONS),
                )
                yield hit, candidates, key
                after_name = end
                break
        # A misspelt name follows a prefix (`_fuzzy` says which): most words are ruled out here.
        if (
            misspelt
            and i > 0
            and (words[i - 1] in prefix_ends or texts[i - 1] in ").")
            and (texts[i - 1] == ")" or _after_prefix(words, i, prefix_ends))
        ):
            fuzzy = _fuzzy(sentence, i, index) if is_word(texts[i]) else None
            if fuzzy is not None:
                yield fuzzy, (fuzzy.region,), _name_form(texts[i])


def _after_prefix(words: tuple[str, ...], i: int, prefix_ends: dict) -> bool:
    """Whether the word before token i ends a prefix, its dot aside ("Kabupaten X", "Kab. X")."""
    before = words[i - 1] if words[i - 1] != "." or i < 2 else words[i - 2]
    return before in prefix_ends


def _name_beginnings(texts: tuple[str, ...], i: int, index: _Index) -> list[str]:
    """The compared forms of the spans from token i (of one token, two, ...) that begin a name of the
    gazetteer: no longer span can be a name."""
    spans: list[str] = []
    end = min(i + index.max_words, len(texts))
    key = _name_form(texts[i])
    while key in index.beginnings:
        spans.append(key)
        if i + len(spans) >= end:
            break
        key = f"{key} {_name_form(texts[i + len(spans)])}"
    return spans


def _proper(span: tuple[str, ...]) -> bool:
    """Every word of a multi-word name is capitalised, as region names are written ("dan" aside:
    Pangkajene dan Kepulauan)."""
    return all(t[0].isupper() or not is_word(t) or t == "dan" for t in span)


def _not_before(word: str, index: _Index) -> bool:
    """Whether a word before a name makes it part of another name ("Jalan", "Pasar", a football club)."""
    blocks = index.blocks.get(word)
    if blocks is None:  # (remembered: the pattern costs more than a look-up)
        blocks = word in index.not_before or index.not_before_pattern.fullmatch(word) is not None
        if len(index.blocks) < _MEMO_SIZE:
            index.blocks[word] = blocks
    return blocks


def _prefix(words: tuple[str, ...], start: int) -> tuple[lexicon.RegionPrefix | None, int]:
    """The prefix right before a name, skipping a parenthesised abbreviation: "Pemerintah Kota (Pemkot)"."""
    end = start
    if end > 0 and words[end - 1] == ")":
        j = end - 1
        while j > 0 and words[j] != "(" and end - j < 6:
            j -= 1
        if words[j] == "(":
            end = j
    if end == 0:
        return None, start
    # The words before the name and the token index of each, dots dropped ("Kab. Badung").
    first = max(0, end - 7)
    positions: Sequence[int] = range(first, end)
    before = words[first:end]
    if "." in before:
        positions = [k for k in positions if words[k] != "."]
        before = tuple([words[k] for k in positions])
    if not before:
        return None, start
    by_words, lengths = _prefixes_by_words()
    for n in lengths.get(before[-1], ()):
        prefix = by_words.get(before[-n:]) if n <= len(before) else None
        if prefix is not None:
            return prefix, positions[-n]
    return None, start


@cache
def _prefixes_by_last() -> dict[str, tuple[lexicon.RegionPrefix, ...]]:
    index: dict[str, list[lexicon.RegionPrefix]] = {}
    for prefix in lexicon.region_prefixes():
        index.setdefault(prefix.words[-1], []).append(prefix)
    return {word: tuple(prefixes) for word, prefixes in index.items()}


@cache
def _prefixes_by_words() -> tuple[dict[tuple[str, ...], lexicon.RegionPrefix], dict[str, tuple[int, ...]]]:
    """Each prefix by its words (the first of the longest-first list where two are written alike); and for
    each last word of a prefix, the numbers of words of the prefixes ending with it, longest first."""
    by_words: dict[tuple[str, ...], lexicon.RegionPrefix] = {}
    for prefix in lexicon.region_prefixes():
        by_words.setdefault(prefix.words, prefix)
    lengths = {
        last: tuple(sorted({len(p.words) for p in prefixes}, reverse=True))
        for last, prefixes in _prefixes_by_last().items()
    }
    return by_words, lengths


def _filter_kind(candidates: tuple[Region, ...], prefix: lexicon.RegionPrefix | None) -> tuple[Region, ...]:
    if prefix is None or prefix.kind == "any" or len(candidates) == 1:
        return candidates
    return tuple(r for r in candidates if r.kind == prefix.kind) or candidates


def _article_kinds(raw) -> dict[str, Counter]:
    """For each name, the kinds its prefixed mentions in this article give it."""
    kinds: dict[str, Counter] = defaultdict(Counter)
    for hit, candidates, key in raw:
        if hit.prefix is not None and hit.prefix.kind != "any" and len(candidates) == 1:
            kinds[key][candidates[0].kind] += 1
    return kinds


def _choose(candidates: tuple[Region, ...], seen: Counter | None) -> Region:
    if len(candidates) == 1:
        return candidates[0]
    if seen:
        for kind, _ in seen.most_common():
            for region in candidates:
                if region.kind == kind:
                    return region
    # A bare name shared by a province and its capital city (Jambi, Bengkulu, Gorontalo) is the province
    # only when written after a regency as its locator; otherwise news means the city. Between a city and a
    # regency of one name (Bogor, Malang, Kediri), a bare name is the city.
    order = {"city": 0, "regency": 1, "province": 2}
    return sorted(candidates, key=lambda r: order[r.kind])[0]


def _drop_weak(hits: list[RegionHit]) -> list[RegionHit]:
    """Drop bare mentions of names that are everyday words, unless the region is named strongly elsewhere."""
    strong = {hit.region.code for hit in hits if not hit.weak}
    return [hit for hit in hits if hit.region.code in strong]


def _mark_locators(hits: list[RegionHit]) -> list[RegionHit]:
    """Mark a province written right after one of its regencies or cities ("Kabupaten Kapuas, Kalimantan
    Tengah", "Bupati Batu Bara (Sumut)"): it locates the other region rather than acting itself."""
    marked = []
    for k, hit in enumerate(hits):
        previous = hits[k - 1] if k > 0 else None
        if (
            hit.region.kind == "province"
            and hit.institution not in ("executive", "legislature", "office")
            and previous is not None
            and previous.sentence == hit.sentence
            and previous.region.province == hit.region.code
            and hit.first_token - previous.last_token <= _LOCATOR_GAP
        ):
            hit = replace(hit, locator=True)
        marked.append(hit)
    return marked


def _fuzzy(sentence: Sentence, i: int, index: _Index) -> RegionHit | None:
    """A misspelt name right after a prefix of office or kind ("Bupati Sanggae" for Sanggau): one edit away
    from exactly one regency or city name of at least six letters."""
    texts = sentence.texts
    token = texts[i]
    if len(token) < 6 or token.isupper() or i == 0:
        return None
    if texts[i - 1] != ")" and not _after_prefix(sentence.words, i, _prefixes_by_last()):
        return None
    prefix, first = _prefix(sentence.words, i)
    if prefix is None or prefix.kind not in ("regency", "city"):
        return None
    word = _name_form(token)
    matches = {
        region
        for key, regions in index.by_initial.get(word[0], ())
        if abs(len(key) - len(word)) <= 1 and _one_edit(key, word)
        for region in regions
        if region.kind == prefix.kind
    }
    if len(matches) != 1:
        return None
    region = matches.pop()
    return RegionHit(
        region, sentence.starts[i], sentence.ends[i], sentence.index, first, i + 1, prefix, fuzzy=True
    )


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:k] + b[k + 1 :] == a for k in range(len(b)))
