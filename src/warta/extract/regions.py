"""Find the provinces, regencies and cities an article names, and resolve each to its Kemendagri code.

A name is looked up in the gazetteer (core names and aliases, longest match first). The words before it fix
its kind ("Kabupaten", "Pemkot", "Wali Kota", "Provinsi") and say whether an institution of the region acts
("Pemkab X", "DPRD X"). A name used twice in one article with different kinds (Kota Bogor, Kabupaten Bogor)
is decided per mention; a bare name takes the kind the article gives it elsewhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from warta.extract import lexicon
from warta.extract.text import Sentence, Token
from warta.gazetteer import Gazetteer, Region, name_key

_MAX_WORDS = 5
_PREPOSITIONS = frozenset({"di", "ke", "dari", "asal", "se", "wilayah", "daerah", "kunjungi", "mengunjungi"})


@dataclass(frozen=True, slots=True)
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
    max_words: int
    first_words: frozenset[str]  # first word of every name: a token that is none of these starts no name
    by_initial: dict[str, list[tuple[str, tuple[Region, ...]]]]  # names by first letter, for misspellings


@cache
def _index(gazetteer: Gazetteer) -> _Index:
    surfaces = {key: tuple(regions) for key, regions in gazetteer.surface_index().items()}
    data = lexicon.regions()
    return _Index(
        surfaces=surfaces,
        weak=frozenset(name_key(n) for n in data["weak"]["names"]),
        not_before=frozenset(w.lower().rstrip(".") for w in data["not_region"]["before"]),
        not_after=frozenset(w.lower() for w in data["not_region"]["after"]),
        max_words=min(_MAX_WORDS, max(len(k.split()) for k in surfaces)),
        first_words=frozenset(k.split()[0] for k in surfaces),
        by_initial=_by_initial(surfaces),
    )


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
    hits = [replace(hit, region=_choose(candidates, kinds.get(key))) for hit, candidates, key in raw]
    return _mark_locators(_drop_weak(hits))


def _scan(sentence: Sentence, index: _Index):
    tokens = sentence.tokens
    words = sentence.words
    # Compared forms of the capitalised words (and "dan", which may stand inside a name); others never match.
    keys = [name_key(t.text) if t.text[0].isupper() or t.text == "dan" else "\0" for t in tokens]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not (token.text[0].isupper() and token.is_word):
            i += 1
            continue
        if keys[i].split(" ", 1)[0] not in index.first_words:
            fuzzy = _fuzzy(tokens, i, index, sentence.index)
            if fuzzy is not None:
                yield fuzzy, (fuzzy.region,), keys[i]
            i += 1
            continue
        for length in range(min(index.max_words, len(tokens) - i), 0, -1):
            span = tokens[i : i + length]
            if not span[-1].is_word:
                continue
            key = " ".join(keys[i : i + length])
            candidates = index.surfaces.get(key)
            if candidates is None or not _proper(span):
                continue
            if _not_a_region(tokens, i, i + length, index):
                break
            prefix, first = _prefix(tokens, i)
            before = words[i - 1] if i > 0 else ""
            hit = RegionHit(
                region=candidates[0],
                start=span[0].start,
                end=span[-1].end,
                sentence=sentence.index,
                first_token=first,
                last_token=i + length,
                prefix=prefix,
                weak=prefix is None and key in index.weak and before not in _PREPOSITIONS,
            )
            yield hit, _filter_kind(candidates, prefix), key
            i += length - 1
            break
        else:
            fuzzy = _fuzzy(tokens, i, index, sentence.index)
            if fuzzy is not None:
                yield fuzzy, (fuzzy.region,), name_key(tokens[i].text)
        i += 1


def _proper(span: tuple[Token, ...]) -> bool:
    """Every word of a multi-word name is capitalised, as region names are written ("dan" aside:
    Pangkajene dan Kepulauan)."""
    return all(t.text[0].isupper() or not t.is_word or t.text == "dan" for t in span)


def _not_a_region(tokens: tuple[Token, ...], start: int, end: int, index: _Index) -> bool:
    before = tokens[start - 1].text.lower() if start > 0 else ""
    after = tokens[end].text.lower() if end < len(tokens) else ""
    return before in index.not_before or after in index.not_after


def _prefix(tokens: tuple[Token, ...], start: int) -> tuple[lexicon.RegionPrefix | None, int]:
    """The prefix right before a name, skipping a parenthesised abbreviation: "Pemerintah Kota (Pemkot)"."""
    end = start
    if end > 0 and tokens[end - 1].text == ")":
        j = end - 1
        while j > 0 and tokens[j].text != "(" and end - j < 6:
            j -= 1
        if tokens[j].text == "(":
            end = j
    if end == 0:
        return None, start
    # The words before the name, dots dropped ("Kab. Badung"), with the token index each starts at.
    window = [(k, tokens[k].text.lower()) for k in range(max(0, end - 7), end) if tokens[k].text != "."]
    for prefix in _prefixes_by_last().get(window[-1][1] if window else "", ()):
        n = len(prefix.words)
        if n <= len(window) and tuple(w for _, w in window[len(window) - n :]) == prefix.words:
            return prefix, window[len(window) - n][0]
    return None, start


@cache
def _prefixes_by_last() -> dict[str, tuple[lexicon.RegionPrefix, ...]]:
    index: dict[str, list[lexicon.RegionPrefix]] = {}
    for prefix in lexicon.region_prefixes():
        index.setdefault(prefix.words[-1], []).append(prefix)
    return {word: tuple(prefixes) for word, prefixes in index.items()}


def _filter_kind(candidates: tuple[Region, ...], prefix: lexicon.RegionPrefix | None) -> tuple[Region, ...]:
    if prefix is None or prefix.kind == "any":
        return candidates
    return tuple(r for r in candidates if r.kind == prefix.kind) or candidates


def _article_kinds(raw) -> dict[str, Counter]:
    """For each name, the kinds its prefixed mentions in this article give it."""
    kinds: dict[str, Counter] = {}
    for hit, candidates, key in raw:
        if hit.prefix is not None and hit.prefix.kind != "any" and len(candidates) == 1:
            kinds.setdefault(key, Counter())[candidates[0].kind] += 1
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
            and hit.first_token - previous.last_token <= 4
        ):
            hit = replace(hit, locator=True)
        marked.append(hit)
    return marked


def _fuzzy(tokens: tuple[Token, ...], i: int, index: _Index, sentence: int) -> RegionHit | None:
    """A misspelt name right after a prefix of office or kind ("Bupati Sanggae" for Sanggau): one edit away
    from exactly one regency or city name of at least six letters."""
    token = tokens[i]
    if len(token.text) < 6 or token.text.isupper() or i == 0:
        return None
    if tokens[i - 1].text != ")" and tokens[i - 1].text.lower() not in _prefixes_by_last():
        return None
    prefix, first = _prefix(tokens, i)
    if prefix is None or prefix.kind not in ("regency", "city"):
        return None
    word = name_key(token.text)
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
    return RegionHit(region, token.start, token.end, sentence, first, i + 1, prefix, fuzzy=True)


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:k] + b[k + 1 :] == a for k in range(len(b)))
