"""Find officials: a title of office with the holder's name before or after it.

"Wakil Bupati Irawati", "Wakil Wali Kota Pontianak, Bahasan", "Kepala DLH, Emil Nugraha Salam S.STP MM",
"Aris Nugroho selaku Staf Ahli ...". The title comes from `data/lexicon/titles.tsv`; words of the unit
("Dinas Lingkungan Hidup"), acronyms (DLH) and the region ("Kota Malang") may follow it before the name.
Honorifics and degrees are stripped from names; later mentions by bare name or by a shorter form of the
name are merged into the first ("Bupati Agas" is "Agas Andreas").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.evaluate import names_match, normalize_name
from warta.extract import lexicon
from warta.extract.regions import RegionHit
from warta.extract.text import Sentence, Token

_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})
_JOINERS = frozenset({"dan", "serta", "&"})
_APPOSITION = frozenset({"selaku", "sebagai"})
_ALSO = frozenset({"sekaligus", "merangkap"})
_NAME_PARTICLES = frozenset({"bin", "binti", "van", "de", "da", "al", "el"})
_MAX_NAME_WORDS = 5
# Indonesian abstract nouns (pe-/per-/ke- ... -an: Pengelolaan, Persidangan, Perundang-undangan, Kebudayaan)
# name fields of work, never people.
_ABSTRACT_NOUN = re.compile(r"^(?:pe|ke)[\w-]{4,}an$")
# Words of institutions and places that are never part of a person's name.
_NOT_NAME = frozenset(
    {
        "dinas",
        "badan",
        "kabupaten",
        "kota",
        "provinsi",
        "dprd",
        "dprk",
        "pemkab",
        "pemkot",
        "pemprov",
        "kecamatan",
        "kelurahan",
        "desa",
        "sekretariat",
        "bagian",
        "bidang",
        "kantor",
        "setda",
        "rsud",
        "puskesmas",
        "kementerian",
        "komisi",
        "fraksi",
        "pansus",
    }
)


@dataclass(slots=True)
class OfficialHit:
    """A person named with a title of office, at one place in the text."""

    name: str
    role: str
    role_class: str
    body: str  # executive | legislature | other
    region: str | None
    sentence: int
    start: int  # offsets of the whole mention (title and name)
    end: int
    name_start: int
    name_end: int
    tail_end: int = 0  # end of the degrees written after the name ("…, S.Hut., M.Si."), or name_end


@dataclass(slots=True)
class _Title:
    title: lexicon.Title
    modifier: str
    first: int  # token index where the modifier/title starts
    end: int  # token index after the title and its continuation
    region: RegionHit | None
    text: str  # the title as written, unit words included, region excluded


def find_officials(sentences: list[Sentence], hits: list[RegionHit]) -> list[OfficialHit]:
    """Every official mention, in text order (not yet merged)."""
    by_sentence: dict[int, list[RegionHit]] = {}
    for hit in hits:
        by_sentence.setdefault(hit.sentence, []).append(hit)
    found: list[OfficialHit] = []
    for sentence in sentences:
        found.extend(_in_sentence(sentence, by_sentence.get(sentence.index, [])))
    return found


def _in_sentence(sentence: Sentence, hits: list[RegionHit]) -> list[OfficialHit]:
    tokens = sentence.tokens
    lower = sentence.words
    found = []
    i = 0
    while i < len(tokens):
        title = _title_at(tokens, lower, i, hits)
        if title is None:
            i += 1
            continue
        name = _holder(tokens, lower, title, hits)
        if name is not None and any(h.first_token < name[1] and h.last_token > name[0] for h in hits):
            name = None  # a region's name is no person's: "Kantor Wali Kota Batam, Batam Centre"
        if name is not None and title.region is None and name[0] > title.end:
            # The unit's name ran on to a region before the holder's name: "Kepala Bidang Pengelolaan
            # Sampah ... Dinas Lingkungan Hidup Kota Surabaya, Ir. Name".
            between = [h for h in hits if title.end <= h.first_token and h.last_token <= name[0]]
            if between:
                title.region = between[-1]
        if name is not None:
            name_first, name_end, text = name
            first = min(title.first, name_first)
            last = max(title.end, name_end) - 1
            found.append(
                OfficialHit(
                    name=text,
                    role=_role(title),
                    role_class=title.title.role_class,
                    body=title.title.body,
                    region=title.region.region.code if title.region else None,
                    sentence=sentence.index,
                    start=tokens[first].start,
                    end=tokens[last].end,
                    name_start=tokens[name_first].start,
                    name_end=tokens[name_end - 1].end,
                    tail_end=tokens[_degree_tail(tokens, lower, name_end) - 1].end,
                )
            )
            i = max(title.end, name_end)
        else:
            i = title.end
    return found


def _holder(
    tokens: tuple[Token, ...], lower: Sequence[str], title: _Title, hits: list[RegionHit]
) -> tuple[int, int, str] | None:
    """The name of who holds a title: after it, else before it. After a title of a place (Camat, Lurah,
    Kepala Desa) the capitalised words are first the place: "Camat Ngaglik, Name", "Name, Lurah Sukorejo";
    only when no name stands around them are they the holder's name ("Camat Sutrisno Hadi")."""
    if title.title.words in lexicon.place_titles() and title.region is None:
        place_end = title.end
        while place_end < len(tokens) and place_end - title.end < 3 and tokens[place_end].text[0].isupper():
            place_end += 1
        if place_end > title.end:
            after = None
            if place_end < len(tokens) and tokens[place_end].text == ",":
                after = _name_run(tokens, lower, place_end + 1)
            found = after or _name_before(tokens, lower, title.first)
            if found is not None:
                return found
    found = _name_after_unit(
        tokens, lower, title.end, {k for h in hits for k in range(h.first_token, h.last_token)}
    )
    if found is not None:
        return found
    return _name_after(tokens, lower, title.end) or _name_before(tokens, lower, title.first)


def _name_after_unit(
    tokens: tuple[Token, ...], lower: Sequence[str], k: int, regions: set[int]
) -> tuple[int, int, str] | None:
    """The holder's name after a unit's name the lexicon does not know, closed by a comma: "Kabid Aplikasi
    Informatika, Name", "Kepala Dinas Koperasi, UKM dan Perdagangan Kota X, Name". Each comma-separated
    piece must hold a word of a unit (a known one, an acronym, an abstract noun) or a region, so a name
    before a comma ("Kadis Pariwisata Made Badra, ...") is not taken for one; a piece that is another title
    ("Wawako, Kadis Koperasi ..., Name") ends the search: the name belongs to that title."""
    unit = k > 0 and (_unit_word(tokens, lower, k - 1) or k - 1 in regions or lower[k - 1] in _title_words())
    for j in range(k, min(len(tokens), k + 24)):
        text = tokens[j].text
        if text == ",":
            if not unit:
                return None
            if _match_title(lower, j + 1) is not None:
                return None
            found = _name_run(tokens, lower, j + 1)
            if found is not None and not _unitish(found[2].split()[0]):
                return found
            unit = False
        elif _match_title(lower, j) is not None:
            return None  # another official's title: what follows is theirs ("..., serta Kabid X, Name")
        elif text[0].isupper() or lower[j] in _JOINERS or text in "()-":
            unit = unit or _unit_word(tokens, lower, j) or j in regions
        else:
            return None
    return None


def _unitish(word: str) -> bool:
    """A word that names a field of work or an agency, not a person: a unit word, an abstract noun or an
    acronym."""
    lower = word.lower()
    return (
        lower in lexicon.unit_words()
        or bool(_ABSTRACT_NOUN.match(lower))
        or (word.isupper() and len(word) > 1)
    )


def _role(title: _Title) -> str:
    """The normalised role: the lexicon's for heads, deputies and secretaries, or when the region's prefix
    took part of the title ("Ketua DPRD Sleman"); else the title as written, with its unit ("Kepala Dinas
    Pariwisata", "Kadisdik")."""
    canonical = title.title.role
    generic = title.title.role_class in ("head", "deputy_head", "secretary")
    written = title.text
    if generic or len(written.split()) < len(title.title.words):
        written = canonical
    return f"{title.modifier} {written}".strip()


def _title_at(
    tokens: tuple[Token, ...], lower: Sequence[str], i: int, hits: list[RegionHit]
) -> _Title | None:
    if not _may_start_title(lower[i]):
        return None
    lowercase = not tokens[i].text[0].isupper()
    modifier, j = "", i
    for words in lexicon.title_modifiers():
        if tuple(lower[i : i + len(words)]) == words:
            modifier = " ".join(t.text for t in tokens[i : i + len(words)])
            j = i + len(words)
            break
    match = _match_title(lower, j)
    if match is None:
        return None
    title, end = match
    if lowercase and len(title.words) < 2:
        return None  # "bupati setempat"; but "anggota Komisi II Name", "kepala dinas X Name" are titles
    agency = title.role_class == "agency_head"
    end, region, also = _continuation(tokens, lower, end, hits, agency)
    if title.words == ("kepala",) and end == match[1]:
        return None
    text_end = region.first_token if region is not None and region.first_token >= j else end
    text = " ".join(t.text for t in tokens[j:text_end] if t.text not in "()")
    if also is not None:
        text = f"{text} {' '.join(t.text for t in tokens[also[0] : also[1]])}"
    return _Title(title, modifier, i, end, region, text.strip(" ,"))


def _match_title(lower: Sequence[str], j: int) -> tuple[lexicon.Title, int] | None:
    if j >= len(lower):
        return None
    for title in _titles_by_first().get(lower[j], ()) + _prefix_titles():
        n = len(title.words)
        words = tuple(lower[j : j + n])
        if len(words) < n:
            continue
        if title.prefix_match:
            if words[:-1] == title.words[:-1] and words[-1].startswith(title.words[-1]):
                return title, j + n
        elif words == title.words:
            return title, j + n
    return None


@cache
def _titles_by_first() -> dict[str, tuple[lexicon.Title, ...]]:
    index: dict[str, list[lexicon.Title]] = {}
    for title in lexicon.titles():
        if not title.prefix_match:
            index.setdefault(title.words[0], []).append(title)
    return {word: tuple(titles) for word, titles in index.items()}


@cache
def _title_starts() -> tuple[frozenset[str], tuple[str, ...]]:
    """First words of titles and modifiers, and the stems of prefix titles (kadis*)."""
    words = set(_titles_by_first()) | {m[0] for m in lexicon.title_modifiers()}
    return frozenset(words), tuple(t.words[0] for t in _prefix_titles())


def _may_start_title(word: str) -> bool:
    words, stems = _title_starts()
    return word in words or word.startswith(stems)


@cache
def _prefix_titles() -> tuple[lexicon.Title, ...]:
    return tuple(t for t in lexicon.titles() if t.prefix_match)


def _agency_contraction(
    tokens: tuple[Token, ...], lower: Sequence[str], k: int, hits: list[RegionHit]
) -> bool:
    """An agency written as one contracted word right after an agency title, closed by a comma or a region:
    "Kepala Bappeda Palopo, ...", "Kepala Dispertanakbun, ..."."""
    token = tokens[k]
    if not (token.is_word and token.text[0].isupper() and len(token.text) >= 5):
        return False
    if k + 1 >= len(tokens):
        return False
    return tokens[k + 1].text in (",", ")") or any(h.first_token == k + 1 for h in hits)


def _acronym(token: Token) -> bool:
    text = token.text.replace("-", "")
    return len(text) >= 2 and text.isupper() and text.isalpha()


def _continuation(
    tokens: tuple[Token, ...], lower: Sequence[str], k: int, hits: list[RegionHit], agency=False
):
    """Walk over unit words, acronyms, parentheses and the region after a title; return where the name may
    start, the region named, and the span of a second title joined by "sekaligus"."""
    units = lexicon.unit_words()
    start = k
    region: RegionHit | None = None
    also = None
    previous = lower[k - 1] if k > 0 else ""
    while k < len(tokens):
        hit = next((h for h in hits if h.first_token <= k < h.last_token), None)
        word = lower[k]
        if hit is not None:
            region = region or hit
            k = hit.last_token
        elif tokens[k].text == "(":
            close = next((m for m in range(k + 1, min(k + 8, len(tokens))) if tokens[m].text == ")"), None)
            if close is None:
                break
            k = close + 1
        elif (word in _ROMAN or (len(word) == 1 and word.isalpha())) and (
            previous in units or previous in _title_words()
        ):
            k += 1  # "Asisten III", "Komisi A", "Pansus IV"
        elif word == "," and k + 1 < len(tokens) and any(h.first_token == k + 1 and h.locator for h in hits):
            k += 1  # "Bupati Kotawaringin Barat (Kobar), Kalimantan Tengah (Kalteng), Name"
        elif _unit_word(tokens, lower, k) or (
            agency and k == start and _agency_contraction(tokens, lower, k, hits)
        ):
            k += 1
        elif word in _ALSO and k + 1 < len(tokens):
            match = _match_title(lower, k + 1)
            if match is None:
                break
            start = k + 1
            end, more_region, _ = _continuation(tokens, lower, match[1], hits)
            region = region or more_region
            also = (k, end if more_region is None else more_region.first_token)
            k = end
        else:
            break
        previous = word
    return k, region, also


def _unit_word(tokens: tuple[Token, ...], lower: Sequence[str], k: int) -> bool:
    """A word of a unit's name ("Lingkungan Hidup", "Pengelolaan"), "dan" inside one, or an acronym."""
    units = lexicon.unit_words()
    word = lower[k]
    if (word in units and word not in _ROMAN and len(word) > 1) or _ABSTRACT_NOUN.match(word):
        return True
    if word in _JOINERS:
        return k + 1 < len(tokens) and lower[k + 1] in units
    return _acronym(tokens[k]) and word not in lexicon.name_affixes() and word not in _ROMAN


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for t in lexicon.titles() for w in t.words)


def _name_after(tokens: tuple[Token, ...], lower: Sequence[str], k: int) -> tuple[int, int, str] | None:
    if k < len(tokens) and tokens[k].text == ",":
        k += 1
    return _name_run(tokens, lower, k)


def _name_before(tokens: tuple[Token, ...], lower: Sequence[str], k: int) -> tuple[int, int, str] | None:
    """A name ending right before a title, joined by a comma or "selaku": "Isa Ashari, Kepala Disperpusip"."""
    end = k
    if end > 0 and (tokens[end - 1].text == "," or lower[end - 1] in _APPOSITION):
        end -= 1
    else:
        return None
    end = _before_degrees(tokens, lower, end)
    start = end
    while start > 0 and end - start < _MAX_NAME_WORDS + 3 and _name_token(tokens, lower, start - 1):
        start -= 1
    if start == end:
        return None
    return _name_run(tokens, lower, start, stop=end)


def _before_degrees(tokens: tuple[Token, ...], lower: Sequence[str], end: int) -> int:
    """Step back over degrees written after a name ("Hari Susilo, M.Sc., Staf Ahli ..."): the index where
    the name itself ends."""
    affixes = lexicon.name_affixes()
    k = end
    while k > 0:
        word, text = lower[k - 1], tokens[k - 1].text
        piece = tokens[k - 1].is_word and len(text) <= 4 and k < len(tokens) and tokens[k].text == "."
        if word in affixes or piece or text in (".", ","):
            k -= 1
        else:
            break
    # Only when what was stepped over holds a degree ("M.Sc." is the pieces m . sc .); otherwise the comma
    # closed the name itself.
    pieces = "".join(lower[j] if lower[j] != "." else "" for j in range(k, end)).split(",")
    return k if any(piece in affixes for piece in pieces if piece) else end


def _name_token(tokens: tuple[Token, ...], lower: Sequence[str], k: int) -> bool:
    token = tokens[k]
    return (
        token.is_word and (token.text[0].isupper() or lower[k] in lexicon.name_affixes()) or token.text == "."
    )


def _name_run(tokens: tuple[Token, ...], lower: Sequence[str], k: int, stop: int | None = None):
    """A person's name starting at token k: honorifics, then capitalised words, up to a degree or a stop."""
    stop = len(tokens) if stop is None else stop
    affixes = lexicon.name_affixes()
    titles = _title_words()
    start = k
    honorific = False
    while k < stop and (lower[k] in affixes or tokens[k].text == ".") and (k + 1 < stop):
        honorific = honorific or tokens[k].text != "."
        k += 1
    words: list[Token] = []
    first = k
    while k < stop and len(words) < _MAX_NAME_WORDS:
        token = tokens[k]
        word = lower[k]
        if (
            token.text == "."
            and words
            and (lower[k - 1] in lexicon.abbreviations() or len(lower[k - 1]) == 1)
        ):
            k += 1
            continue
        if not token.is_word:
            break
        if words and word in affixes:
            break
        if word in _NOT_NAME:
            break
        if token.text[0].isupper() or (honorific and not words and token.text.isalpha()):
            if not words and (word in titles or word in affixes or word in lexicon.calendar_words()):
                return None
            if _degree_ahead(tokens, lower, k):
                break
            words.append(token)
        elif words and word in _NAME_PARTICLES:
            words.append(token)
        else:
            break
        k += 1
    while words and words[-1].lower in _NAME_PARTICLES:
        words.pop()
    if not words or all(len(w.text) == 1 for w in words):
        return None
    if all(w.text.isupper() for w in words) or _ABSTRACT_NOUN.match(words[0].text.lower()):
        return None  # "UKM", "Pengelolaan ...": an agency's name, not a person's
    name = " ".join(w.text for w in words)
    if not normalize_name(name):
        return None
    return (start if honorific else first), _index_after(tokens, words[-1]), name


def _degree_tail(tokens: tuple[Token, ...], lower: Sequence[str], k: int) -> int:
    """The token index after the degrees that follow a name: affixes, dots, commas and short abbreviations
    closed by a dot ("S.Hut.", "M.Env.Man")."""
    affixes = lexicon.name_affixes()
    end = k
    while k < len(tokens):
        word = lower[k]
        short = tokens[k].is_word and len(word) <= 4 and k + 1 < len(tokens) and tokens[k + 1].text == "."
        if word in affixes or short:
            k += 1
            end = k
        elif tokens[k].text in (".", ","):
            k += 1
        else:
            break
    return max(end, k if k > end and tokens[k - 1].text == "." else end)


def _degree_ahead(tokens: tuple[Token, ...], lower: Sequence[str], k: int) -> bool:
    """A one-letter token, a dot and an abbreviation is a degree ("S.Sos", "M.Si"), not an initial."""
    return (
        len(tokens[k].text) == 1
        and k + 2 < len(tokens)
        and tokens[k + 1].text == "."
        and (lower[k + 2] in lexicon.name_affixes() or f"{lower[k]}{lower[k + 2]}" in lexicon.name_affixes())
    )


def _index_after(tokens: tuple[Token, ...], token: Token) -> int:
    for index, candidate in enumerate(tokens):
        if candidate is token:
            return index + 1
    raise ValueError("token not in sentence")


def same_person(a: str, b: str) -> bool:
    """Names of one person: equal, or one within the other once given-name spellings are unified."""
    if names_match(a, b):
        return True
    variants = lexicon.name_variants()
    canon_a = " ".join(variants.get(w, w) for w in normalize_name(a).split())
    canon_b = " ".join(variants.get(w, w) for w in normalize_name(b).split())
    return names_match(canon_a, canon_b)


def merge_officials(hits: list[OfficialHit]) -> list[OfficialHit]:
    """One official per person: later mentions by the same or a shorter name join the first; the longest
    name, the first known region and the most specific role are kept."""
    people: list[OfficialHit] = []
    for hit in hits:
        same = next((p for p in people if same_person(p.name, hit.name)), None)
        if same is None:
            people.append(
                OfficialHit(
                    hit.name,
                    hit.role,
                    hit.role_class,
                    hit.body,
                    hit.region,
                    hit.sentence,
                    hit.start,
                    hit.end,
                    hit.name_start,
                    hit.name_end,
                )
            )
            continue
        if len(normalize_name(hit.name).split()) > len(normalize_name(same.name).split()):
            same.name = hit.name
        if same.region is None and hit.region is not None:
            same.region = hit.region
        if same.role_class == "other" and hit.role_class != "other":
            same.role, same.role_class, same.body = hit.role, hit.role_class, hit.body
    return people
