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
from functools import cache, lru_cache

from warta.evaluate import names_match, normalize_name
from warta.extract import cues, lexicon
from warta.extract.regions import RegionHit
from warta.extract.text import Sentence, is_word

_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})
_JOINERS = frozenset({"dan", "serta", "&"})
_FACTION = frozenset({"fraksi", "partai", "komisi", "dapil", "daerah"})  # "dari Fraksi Y", "dari Dapil III"
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
    # Whether any word of the report starts with the stem of a prefix title (kadis*): looked for once, in all
    # its words, as few reports have one.
    stems = _stem_pattern().search(" " + " ".join([" ".join(s.words) for s in sentences])) is not None
    title_words = _title_starts()[0]
    for sentence in sentences:
        if not stems and title_words.isdisjoint(sentence.words):
            continue  # the common case, told without a call: no title starts in the sentence
        positions = _title_positions(sentence.words, stems)
        if positions:
            found.extend(_in_sentence(sentence, positions, by_sentence.get(sentence.index, [])))
    return found


def _in_sentence(sentence: Sentence, positions: list[int], hits: list[RegionHit]) -> list[OfficialHit]:
    """The officials of a sentence, whose titles may start at `positions` (`_title_positions`)."""
    texts = sentence.texts
    lower = sentence.words
    found = []
    resume = 0  # the token after the last title (and its holder's name) read
    for i in positions:
        if i < resume:
            continue
        title = _title_at(texts, lower, i, hits)
        if title is None:
            continue
        if _names_a_building(lower, title.first):
            resume = title.end  # "Kantor Bupati X", "Ruang Rapat Sekda": a place, not the official
            continue
        name = _holder(texts, lower, title, hits)
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
                    start=sentence.starts[first],
                    end=sentence.ends[last],
                    name_start=sentence.starts[name_first],
                    name_end=sentence.ends[name_end - 1],
                    tail_end=sentence.ends[_degree_tail(texts, lower, name_end) - 1],
                )
            )
            resume = max(title.end, name_end)
        else:
            resume = title.end
    return found


def _names_a_building(lower: Sequence[str], first: int) -> bool:
    """Whether a venue's head stands right before a title, perhaps with a word of a room between: "Kantor
    Bupati", "Ruang Rapat Sekda", "Rumah Dinas Wali Kota"."""
    if first == 0:
        return False
    heads = cues.phrases("venue", "heads")
    if lower[first - 1] not in heads.by_last and lower[first - 1] not in _room_words():
        return False  # the common case: neither a head nor a room word before the title
    if heads.ends_at(lower, first):
        return True
    return first > 0 and lower[first - 1] in _room_words() and heads.ends_at(lower, first - 1)


@cache
def _room_words() -> frozenset[str]:
    return frozenset(lexicon.visits()["venue"]["room_words"])


def _holder(
    texts: tuple[str, ...], lower: Sequence[str], title: _Title, hits: list[RegionHit]
) -> tuple[int, int, str] | None:
    """The name of who holds a title: after it, else before it. After a title of a place (Camat, Lurah,
    Kepala Desa) the capitalised words are first the place: "Camat Ngaglik, Name", "Name, Lurah Sukorejo";
    only when no name stands around them are they the holder's name ("Camat Sutrisno Hadi")."""
    if title.title.words in lexicon.place_titles() and title.region is None:
        place_end = title.end
        while place_end < len(texts) and place_end - title.end < 3 and texts[place_end][0].isupper():
            place_end += 1
        k, located = _past_locations(texts, lower, place_end, hits)
        if place_end > title.end or k > place_end:  # (the title may have taken the place: "Camat Depok")
            after = None
            if k < len(texts) and texts[k] == ",":
                after = _name_run(texts, lower, k + 1)
            if after is not None and located is not None:
                title.region = located  # "Camat A, Kabupaten X, Name": the camat of a place in X
            found = after or _name_before(texts, lower, title.first)
            if found is not None:
                return found
    found = _name_after_unit(
        texts, lower, title.end, {k for h in hits for k in range(h.first_token, h.last_token)}
    )
    if found is not None:
        return found
    return _name_after(texts, lower, title.end) or _name_before(texts, lower, title.first)


def _past_locations(
    texts: tuple[str, ...], lower: Sequence[str], k: int, hits: list[RegionHit]
) -> tuple[int, RegionHit | None]:
    """Step over what locates a place after its title, each after a comma: regions and places above it
    ("Lurah Talise, Kecamatan Mantikulore, Kota Palu, Name"). Returns where the steps end (at the comma
    before the holder's name, if any) and the first region passed."""
    located = None
    places = lexicon.place_words()
    while k + 1 < len(texts) and texts[k] == ",":
        hit = _region_at(hits, k + 1)
        if hit is not None:
            located = located or hit
            k = hit.last_token
        elif lower[k + 1] in places and k + 2 < len(texts) and texts[k + 2][0].isupper():
            k += 2
            while k < len(texts) and texts[k][0].isupper() and is_word(texts[k]):
                k += 1
        else:
            break
    return k, located


def _name_after_unit(
    texts: tuple[str, ...], lower: Sequence[str], k: int, regions: set[int]
) -> tuple[int, int, str] | None:
    """The holder's name after a unit's name the lexicon does not know, closed by a comma: "Kabid Aplikasi
    Informatika, Name", "Kepala Dinas Koperasi, UKM dan Perdagangan Kota X, Name". Each comma-separated
    piece must hold a word of a unit (a known one, an acronym, an abstract noun) or a region, so a name
    before a comma ("Kadis Pariwisata Made Badra, ...") is not taken for one; a piece that is another title
    ("Wawako, Kadis Koperasi ..., Name") ends the search: the name belongs to that title."""
    unit = k > 0 and (_unit_word(texts, lower, k - 1) or k - 1 in regions or lower[k - 1] in _title_words())
    for j in range(k, min(len(texts), k + 24)):
        text = texts[j]
        if text == ",":
            if not unit:
                return None
            if _match_title(lower, j + 1) is not None:
                return None
            found = _name_run(texts, lower, j + 1)
            if found is not None and not _unitish(found[2].split()[0]):
                return found
            unit = False
        elif _match_title(lower, j) is not None:
            return None  # another official's title: what follows is theirs ("..., serta Kabid X, Name")
        elif text[0].isupper() or lower[j] in _JOINERS or text in "()-" or j in regions:  # ("Kab. X")
            unit = unit or _unit_word(texts, lower, j) or j in regions
        elif lower[j] == "dari" and j + 1 < len(texts) and lower[j + 1] in _FACTION:
            unit = True  # "Anggota DPRD Kabupaten X dari Fraksi Y, Name"
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


def _title_at(texts: tuple[str, ...], lower: Sequence[str], i: int, hits: list[RegionHit]) -> _Title | None:
    lowercase = not texts[i][0].isupper()
    modifier, j = "", i
    for words in _modifiers_by_first().get(lower[i], ()):
        if tuple(lower[i : i + len(words)]) == words:
            modifier = " ".join(texts[i : i + len(words)])
            j = i + len(words)
            break
    match = _match_title(lower, j)
    if match is None:
        return None
    title, end = match
    agency = title.role_class == "agency_head"
    end, region, also = _continuation(texts, lower, end, hits, agency)
    if lowercase and len(title.words) < 2 and region is None:
        return None  # "bupati setempat"; but "bupati Sleman, Name", "kepala dinas X Name" are titles
    if title.words == ("kepala",) and end == match[1]:
        return None
    text_end = region.first_token if region is not None and region.first_token >= j else end
    text = " ".join([t for t in texts[j:text_end] if t not in "()"])
    if also is not None:
        text = f"{text} {' '.join(texts[also[0] : also[1]])}"
    return _Title(title, modifier, i, end, region, text.strip(" ,"))


def _match_title(lower: Sequence[str], j: int) -> tuple[lexicon.Title, int] | None:
    if j >= len(lower):
        return None
    titles = _titles_by_first().get(lower[j], ())
    if lower[j].startswith(_title_starts()[1]):
        titles += _prefix_titles()  # kadis* and the like
    for title in titles:
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
def _modifiers_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title modifiers ("Plt", "Pelaksana Tugas") by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for words in lexicon.title_modifiers():
        index.setdefault(words[0], []).append(words)
    return {word: tuple(modifiers) for word, modifiers in index.items()}


@cache
def _title_starts() -> tuple[frozenset[str], tuple[str, ...]]:
    """First words of titles and modifiers, and the stems of prefix titles (kadis*)."""
    words = set(_titles_by_first()) | {m[0] for m in lexicon.title_modifiers()}
    return frozenset(words), tuple(t.words[0] for t in _prefix_titles())


def _title_positions(lower: Sequence[str], stems_possible: bool = True) -> list[int]:
    """The tokens a title (or a modifier before one) may start at; most sentences have none. (Without
    `stems_possible`, no word starts with the stem of a prefix title.)"""
    words, stems = _title_starts()
    if words.isdisjoint(lower) and not (stems_possible and _stem_pattern().search(" " + " ".join(lower))):
        return []
    if not stems_possible:
        return [k for k, word in enumerate(lower) if word in words]  # (no stem to test each word for)
    return [k for k, word in enumerate(lower) if word in words or word.startswith(stems)]


@cache
def _stem_pattern() -> re.Pattern[str]:
    """A word starting with the stem of a prefix title ("kadisnaker"), in words each after a space."""
    return re.compile(" (?:" + "|".join(re.escape(stem) for stem in _title_starts()[1]) + ")")


@cache
def _prefix_titles() -> tuple[lexicon.Title, ...]:
    return tuple(t for t in lexicon.titles() if t.prefix_match)


def _agency_contraction(texts: tuple[str, ...], lower: Sequence[str], k: int, hits: list[RegionHit]) -> bool:
    """An agency written as one contracted word right after an agency title, closed by a comma or a region:
    "Kepala Bappeda Palopo, ...", "Kepala Dispertanakbun, ..."."""
    token = texts[k]
    if not (is_word(token) and token[0].isupper() and len(token) >= 5):
        return False
    if k + 1 >= len(texts):
        return False
    return texts[k + 1] in (",", ")") or any(h.first_token == k + 1 for h in hits)


def _acronym(token: str) -> bool:
    text = token.replace("-", "")
    return len(text) >= 2 and text.isupper() and text.isalpha()


def _continuation(texts: tuple[str, ...], lower: Sequence[str], k: int, hits: list[RegionHit], agency=False):
    """Walk over unit words, acronyms, parentheses and the region after a title; return where the name may
    start, the region named, and the span of a second title joined by "sekaligus"."""
    units = lexicon.unit_words()
    start = k
    region: RegionHit | None = None
    also = None
    previous = lower[k - 1] if k > 0 else ""
    while k < len(texts):
        hit = _region_at(hits, k)
        word = lower[k]
        if hit is not None:
            region = region or hit
            k = hit.last_token
        elif texts[k] == "(":
            close = next((m for m in range(k + 1, min(k + 8, len(texts))) if texts[m] == ")"), None)
            if close is None:
                break
            k = close + 1
        elif (word in _ROMAN or (len(word) == 1 and word.isalpha())) and (
            previous in units or previous in _title_words()
        ):
            k += 1  # "Asisten III", "Komisi A", "Pansus IV"
        elif word == "," and k + 1 < len(texts) and any(h.first_token == k + 1 and h.locator for h in hits):
            k += 1  # "Bupati Kotawaringin Barat (Kobar), Kalimantan Tengah (Kalteng), Name"
        elif _unit_word(texts, lower, k) or (
            agency and k == start and _agency_contraction(texts, lower, k, hits)
        ):
            k += 1
        elif word in _ALSO and k + 1 < len(texts):
            match = _match_title(lower, k + 1)
            if match is None:
                break
            start = k + 1
            end, more_region, _ = _continuation(texts, lower, match[1], hits)
            region = region or more_region
            also = (k, end if more_region is None else more_region.first_token)
            k = end
        else:
            break
        previous = word
    return k, region, also


def _region_at(hits: list[RegionHit], k: int) -> RegionHit | None:
    for hit in hits:
        if hit.first_token <= k < hit.last_token:
            return hit
    return None


def _unit_word(texts: tuple[str, ...], lower: Sequence[str], k: int) -> bool:
    """A word of a unit's name ("Lingkungan Hidup", "Pengelolaan"), "dan" inside one, or an acronym."""
    units = lexicon.unit_words()
    word = lower[k]
    if (word in units and word not in _ROMAN and len(word) > 1) or _ABSTRACT_NOUN.match(word):
        return True
    if word in _JOINERS:
        return k + 1 < len(texts) and lower[k + 1] in units
    return _acronym(texts[k]) and word not in lexicon.name_affixes() and word not in _ROMAN


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for t in lexicon.titles() for w in t.words)


def _name_after(texts: tuple[str, ...], lower: Sequence[str], k: int) -> tuple[int, int, str] | None:
    if k < len(texts) and texts[k] == ",":
        k += 1
    return _name_run(texts, lower, k)


def _name_before(texts: tuple[str, ...], lower: Sequence[str], k: int) -> tuple[int, int, str] | None:
    """A name ending right before a title, joined by a comma or "selaku": "Isa Ashari, Kepala Disperpusip"."""
    end = k
    if end > 0 and (texts[end - 1] == "," or lower[end - 1] in _APPOSITION):
        end -= 1
    else:
        return None
    end = _before_degrees(texts, lower, end)
    start = end
    while start > 0 and end - start < _MAX_NAME_WORDS + 3 and _name_token(texts, lower, start - 1):
        start -= 1
    if start == end or cues.phrases("venue", "heads").match_at(lower, start):
        return None  # (a room is no name: "Bertempat di Ruang Rapat Bupati, Wakil Bupati X menerima ...")
    return _name_run(texts, lower, start, stop=end)


def _before_degrees(texts: tuple[str, ...], lower: Sequence[str], end: int) -> int:
    """Step back over degrees written after a name ("Hari Susilo, M.Sc., Staf Ahli ..."): the index where
    the name itself ends."""
    affixes = lexicon.name_affixes()
    k = end
    while k > 0:
        word, text = lower[k - 1], texts[k - 1]
        piece = is_word(texts[k - 1]) and len(text) <= 4 and k < len(texts) and texts[k] == "."
        if word in affixes or piece or text in (".", ","):
            k -= 1
        else:
            break
    # Only when what was stepped over holds a degree ("M.Sc." is the pieces m . sc .); otherwise the comma
    # closed the name itself.
    pieces = "".join(lower[j] if lower[j] != "." else "" for j in range(k, end)).split(",")
    return k if any(piece in affixes for piece in pieces if piece) else end


def _name_token(texts: tuple[str, ...], lower: Sequence[str], k: int) -> bool:
    token = texts[k]
    return is_word(token) and (token[0].isupper() or lower[k] in lexicon.name_affixes()) or token == "."


def _name_run(texts: tuple[str, ...], lower: Sequence[str], k: int, stop: int | None = None):
    """A person's name starting at token k: honorifics, then capitalised words, up to a degree or a stop."""
    stop = len(texts) if stop is None else stop
    affixes = lexicon.name_affixes()
    titles = _title_words()
    start = k
    honorific = False
    while k < stop and (lower[k] in affixes or texts[k] == ".") and (k + 1 < stop):
        honorific = honorific or texts[k] != "."
        k += 1
    words: list[int] = []  # token indices of the name's words
    first = k
    while k < stop and len(words) < _MAX_NAME_WORDS:
        text = texts[k]
        word = lower[k]
        if text == "." and words and (lower[k - 1] in lexicon.abbreviations() or len(lower[k - 1]) == 1):
            k += 1
            continue
        if not is_word(text):
            break
        if words and word in affixes:
            break
        if word in _NOT_NAME:
            break
        if text[0].isupper() or (honorific and not words and text.isalpha()):
            if not words and (word in titles or word in affixes or word in lexicon.calendar_words()):
                return None
            if _degree_ahead(texts, lower, k):
                break
            words.append(k)
        elif words and word in _NAME_PARTICLES:
            words.append(k)
        else:
            break
        k += 1
    while words and lower[words[-1]] in _NAME_PARTICLES:
        words.pop()
    if not words or all(len(texts[w]) == 1 for w in words):
        return None
    if all(texts[w].isupper() for w in words) or _ABSTRACT_NOUN.match(texts[words[0]].lower()):
        return None  # "UKM", "Pengelolaan ...": an agency's name, not a person's
    if len(words) == 1 and lower[words[0]] in lexicon.unit_words():
        return None  # "Kepala Dinas Komunikasi, Informatika dan Persandian": a unit's word
    name = " ".join(texts[w] for w in words)
    if not normalize_name(name):
        return None
    return (start if honorific else first), words[-1] + 1, name


def _degree_tail(texts: tuple[str, ...], lower: Sequence[str], k: int) -> int:
    """The token index after the degrees that follow a name: affixes, dots, commas and short abbreviations
    closed by a dot ("S.Hut.", "M.Env.Man")."""
    affixes = lexicon.name_affixes()
    start = end = k
    while k < len(texts):
        word = lower[k]
        short = is_word(texts[k]) and len(word) <= 4 and k + 1 < len(texts) and texts[k + 1] == "."
        # the last part of a dotted degree written without its closing dot: "M.Si, memimpin", "S.Sos)"
        last_part = (
            end > start
            and texts[k - 1] == "."
            and is_word(texts[k])
            and len(word) <= 4
            and (k + 1 == len(texts) or texts[k + 1] in (",", ";", ")"))
        )
        if word in affixes or short or last_part:
            k += 1
            end = k
        elif texts[k] in (".", ","):
            k += 1
        else:
            break
    return max(end, k if k > end and texts[k - 1] == "." else end)


def _degree_ahead(texts: tuple[str, ...], lower: Sequence[str], k: int) -> bool:
    """A one-letter token, a dot and an abbreviation is a degree ("S.Sos", "M.Si"), not an initial."""
    return (
        len(texts[k]) == 1
        and k + 2 < len(texts)
        and texts[k + 1] == "."
        and (lower[k + 2] in lexicon.name_affixes() or f"{lower[k]}{lower[k + 2]}" in lexicon.name_affixes())
    )


@lru_cache(maxsize=1 << 14)
def same_person(a: str, b: str) -> bool:
    """Names of one person: equal, or one within the other once given-name spellings are unified."""
    return names_match(a, b) or names_match(_canonical(a), _canonical(b))


@lru_cache(maxsize=1 << 14)
def _canonical(name: str) -> str:
    """A name normalised, with each given name in its canonical spelling (Moch, Muh → muhammad)."""
    variants = lexicon.name_variants()
    return " ".join(variants.get(w, w) for w in normalize_name(name).split())


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
