"""Decide which regions of a report visit and which one hosts.

Each region mention collects evidence from the words around it: "ke X" and "disambut ... X" after a visit
phrase point to a host, "X menerima/menyambut/kedatangan" too; "rombongan/tamu/kunjungan (dari) X" and
"X melaksanakan studi tiru" point to a visitor. Regions written in one list ("Kabupaten A, B, dan C yang
telah berkunjung") share their cue. Provinces only act through an institution ("Pemprov X", "DPRD X",
"Gubernur X"); a province written after one of its regencies only locates it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import SimpleNamespace

from warta.extract import cues, lexicon
from warta.extract.regions import RegionHit
from warta.extract.text import Sentence

HOST_WINDOW = 10  # tokens between a receiving verb and the region or official it is about
TRIGGER_WINDOW = 12  # tokens between a visit phrase and the "di X" that says where it was
TITLE_WEIGHT = 1.5
QUOTE_WEIGHT = 0.5  # what a speaker says in a quotation is weaker evidence than the report's own words
NOT_A_PARTY = -1.0  # the strength of a cue saying a region only qualifies a noun, and takes no part
STRONG = 3.0
MEDIUM = 2.0
WEAK = 1.0
_STOP = frozenset({".", ";", "?", "!"})
_LIST_JOIN = frozenset({",", "dan", "serta", "maupun", "&", "(", ")", "/"})
_JOINT_GAP = 4  # words from "bersama" to the next region's name: "bersama Dinas Koperasi Kabupaten"


@dataclass(slots=True)
class RoleEvidence:
    """Host and visitor evidence for each region code, and the sentences it came from."""

    host: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    visitor: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    sentences: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    toward: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # sentences with "ke X"
    tour_days: set[str] = field(default_factory=set)  # hosts of a sentence that tells a day of a tour
    joint: list[frozenset[str]] = field(default_factory=list)  # regions making one visit together
    first_seen: dict[str, tuple[int, int]] = field(default_factory=dict)  # (sentence, offset); title last

    def add(self, code: str, role: str, weight: float, sentence: int, offset: int) -> None:
        (self.host if role == "host" else self.visitor)[code] += weight
        self.sentences[code].add(sentence)
        place = (sentence if sentence >= 0 else 1 << 30, offset)
        self.first_seen[code] = min(self.first_seen.get(code, place), place)


def collect_evidence(
    text: str,
    sentences: list[Sentence],
    hits: list[RegionHit],
    title: Sentence | None,
    title_hits: list[RegionHit],
    names: dict[int, set[int]] | None = None,
) -> RoleEvidence:
    """Role evidence from every sentence (and the title, weighted up). `names` gives, per sentence, the
    token indices of officials' names, which are read past like fillers ("Bupati X, Name, melakukan")."""
    evidence = RoleEvidence()
    names = names or {}
    by_sentence: dict[int, list[RegionHit]] = defaultdict(list)
    for hit in hits:
        by_sentence[hit.sentence].append(hit)
    quotes = quote_spans(text)
    for sentence in sentences:
        if sentence.index in by_sentence:  # a sentence without regions gives no evidence
            _score(
                sentence, by_sentence[sentence.index], evidence, 1.0, quotes, names.get(sentence.index, set())
            )
    if title is not None:
        _score(title, title_hits, evidence, TITLE_WEIGHT, [], set())
    dateline = _dateline(sentences, by_sentence)
    if dateline is not None and not _to_an_institution(sentences[0]):
        evidence.add(dateline.region.code, "host", MEDIUM, dateline.sentence, dateline.start)
    return evidence


_DASHES = frozenset({"-", "–", "—", ",", ":", "|"})


def _dateline(sentences: list[Sentence], by_sentence: dict[int, list[RegionHit]]) -> RegionHit | None:
    """The place a report was filed from, written first ("MAKASSAR –", "Badung, 7/8 (Atnews)."): usually
    where the visit happened. A regency or city only; weak evidence that other cues outweigh."""
    if not sentences:
        return None
    first = sentences[0]
    for hit in by_sentence.get(first.index, [])[:2]:
        after = first.texts[hit.last_token] if hit.last_token < len(first.texts) else ""
        upper = first.text[hit.start - first.start : hit.end - first.start].isupper()
        if (
            hit.first_token <= 3
            and hit.region.kind != "province"
            and after in _DASHES
            and (upper or after != ",")
        ):
            return hit
    return None


def _parties(sentence: Sentence, hits: list[RegionHit]) -> list[RegionHit]:
    """The regions that may act: not locators, and a province only through an institution ("Pemprov X",
    "DPRD Provinsi X", "Bappeda Provinsi X"): a bare "Provinsi X" mostly says where something is."""
    return [
        h
        for h in hits
        if not h.locator
        and (
            h.region.kind != "province" or h.institution != "none" or _agency_before(sentence, h.first_token)
        )
    ]


def _agency_before(sentence: Sentence, k: int) -> bool:
    """Whether an agency's name ends right before token k: an acronym ("BPBD", "(Bappeda)") or a word of a
    unit ("Dinas Pariwisata", "Bappeda")."""
    return agency_start(sentence, k) < k


def _acronym(token: str) -> bool:
    return token.isupper() and token.isalpha() and len(token) > 1


def agency_start(sentence: Sentence, k: int) -> int:
    """The first token of the agency's name that ends right before token k ("Dinas Peternakan dan Kesehatan
    Hewan Provinsi X", "Badan Perencanaan Pembangunan Daerah (Bappeda) Provinsi X"), or k when none does."""
    texts, words = sentence.texts, sentence.words
    units = lexicon.unit_words()
    start = k
    while start > 0:
        text, word = texts[start - 1], words[start - 1]
        if text in ("(", ")") or _acronym(text) or (text[0].isupper() and word in units):
            start -= 1
        elif word in ("dan", "serta") and start > 1 and texts[start - 2][0].isupper():
            start -= 1  # inside the name: "Dinas Koperasi dan UKM"
        else:
            break
    while start < k and (words[start] in ("dan", "serta", ")") or texts[start] == "("):
        start += 1  # a name does not begin with a joining word or a bracket
    return start


def _groups(sentence: Sentence, hits: list[RegionHit]) -> list[list[RegionHit]]:
    """Regions written as one list: only commas, "dan", parentheses, locators and fillers between them; or
    an institution joined to the one before by "bersama" and at most a few words ("Bappeda Provinsi A
    bersama Bappeda Kabupaten B")."""
    if len(hits) == 1:
        return [hits]  # the common case: one region, nothing to join
    words = sentence.words
    fillers = _fillers()
    joint = _cue_sets().joint
    groups: list[list[RegionHit]] = []
    for hit in hits:
        if groups:
            previous = groups[-1][-1]
            between = words[previous.last_token : hit.first_token]
            joined = all(w in _LIST_JOIN or w in fillers for w in between)
            together = (
                hit.prefix is not None
                and len(between) <= _JOINT_GAP
                and joint.match_at(between, 0) > 0
                and not _LIST_JOIN.intersection(between)
            )
            if (joined and (not between or any(w in _LIST_JOIN for w in between))) or together:
                groups[-1].append(hit)
                continue
        groups.append([hit])
    return groups


@cache
def _between() -> frozenset[str]:
    """Words read past between a region and the verb of its clause."""
    words = set(cues.cue("between").phrases[i][0] for i in range(len(cues.cue("between").phrases)))
    words |= {w for w in _fillers() if w not in ("dari", "dan", "serta", "oleh")}
    return frozenset(words | lexicon.name_affixes() | {",", "."})


@cache
def _title_firsts() -> frozenset[str]:
    """The first words of titles of office and of their modifiers ("Kepala", "Plt")."""
    titles = {t.words[0] for t in lexicon.titles()}
    return frozenset(titles | {m[0] for m in lexicon.title_modifiers()})


@cache
def _fillers() -> frozenset[str]:
    return frozenset(w for phrase in cues.cue("fillers").phrases for w in phrase)


_CUE_NAMES = (
    "learn_from",
    "visited",
    "toward",
    "returning",
    "origin",
    "not_origin",
    "party_nouns",
    "done_by",
    "host_verbs",
    "host_roles",
    "visit_verbs",
    "leads",
    "at",
    "received_verbs",
    "joint",
)


@cache
def _cue_sets() -> SimpleNamespace:
    """The `[cues]` lists the role cues read, as attributes (`_cue_sets().toward`): looked up once, as a
    `cues.cue` call for each test costs about as much as the test."""
    return SimpleNamespace(**{name: cues.cue(name) for name in _CUE_NAMES})


def _score(
    sentence: Sentence,
    hits: list[RegionHit],
    evidence: RoleEvidence,
    weight: float,
    quotes: list[tuple[int, int]],
    names: set[int],
) -> None:
    parties = _parties(sentence, hits)
    if not parties:
        return
    words = sentence.words
    toward_cue = _cue_sets().toward
    skip = {k for h in hits if h.locator for k in range(h.first_token, h.last_token)} | names
    for group in _groups(sentence, parties):
        first, last = group[0], group[-1]
        before = _cue_before(sentence, first.first_token)
        role, strength = _left_cue(sentence, first.first_token, before)
        if strength == NOT_A_PARTY:
            continue  # (nor is the verb after it X's: "wisatawan dari X berkunjung ke ...")
        toward = role == "host" and toward_cue.ends_at(words, before[0])
        right = _right_cue(sentence, last.last_token, skip)
        if right is not None and (role is None or right[1] > strength):
            role, strength = right
            toward = False
        if role is None:
            continue
        if quotes and quoted(quotes, first.start):
            strength *= QUOTE_WEIGHT
        for hit in group:
            evidence.add(hit.region.code, role, strength * weight, sentence.index, hit.start)
            if toward:
                evidence.toward[hit.region.code].add(sentence.index)
            if role == "host" and _tells_a_day(sentence):
                evidence.tour_days.add(hit.region.code)
        if role == "visitor" and len(group) > 1:
            codes = frozenset([h.region.code for h in group])
            if len(codes) > 1 and _joint(words, first.first_token, last.last_token):
                evidence.joint.append(codes)


_DAY_OPENING = 6  # words before a tour's day phrase: "Pada hari kedua", "Memasuki hari kedua kunjungan"


def _tells_a_day(sentence: Sentence) -> bool:
    """Whether a sentence opens with the day of a tour ("Hari kedua, rombongan bergeser ke ...")."""
    spans = cues.cue("tour_days").find_in(sentence)  # (left to right: the first is the earliest)
    return bool(spans) and spans[0][0] < _DAY_OPENING


def _joint(words: list[str], start: int, end: int) -> bool:
    """A joint-visit marker around the regions: "rombongan gabungan A dan B", "A dan B melakukan studi tiru
    bersama"."""
    joint = _cue_sets().joint
    return any(joint.match_at(words, k) for k in range(max(0, start - 2), min(len(words), end + 8)))


def _cue_before(sentence: Sentence, start: int) -> tuple[int, int]:
    """`_skip_fillers` of a region at `start`, its first index also stepping back over the name of the
    region's agency ("ke Dinas Koperasi Kota X", "dari Diskominfo Kabupaten X") and over the smaller places
    the region locates ("ke Desa Ponggok, Kecamatan Polanharjo, Kabupaten X")."""
    k, named = _skip_fillers(sentence, start)
    # (an agency's name ends with a capitalised word or a bracket: most regions follow neither)
    before = sentence.texts[k - 1] if k else ""
    agency = agency_start(sentence, k) if before and (before[0].isupper() or before in "()") else k
    if agency < k and _title_firsts().isdisjoint(sentence.words[max(0, agency - 1) : k]):
        k = _skip_fillers(sentence, agency)[0]  # (not a person's title: "dari Kepala Dinas Koperasi Kota X")
    if k > 0 and sentence.words[k - 1] in _PLACE_JOIN:  # (else no place stands before: the common case)
        placed = _skip_places(sentence, k)
        if placed != k:
            k = _skip_fillers(sentence, placed)[0]
    if not _apposition_ends().isdisjoint(sentence.words[max(0, k - 1) : start]):
        k = _before_apposition(sentence.words, k, start)
    return k, named


_PLACE_JOIN = frozenset({",", "dan", "serta"})
_APPOSITION_REACH = 8  # words from a "yakni" back to the cue it continues ("dari tiga daerah sekaligus")


@cache
def _apposition_ends() -> frozenset[str]:
    return frozenset(cues.cue("apposition").by_last)


@cache
def _toward_or_origin_ends() -> frozenset[str]:
    """The last words of "ke"/"dari"-like cues, which a list opened by "yakni" continues."""
    return frozenset(cues.cue("toward").by_last) | frozenset(cues.cue("origin").by_last)


def _before_apposition(words: tuple[str, ...], k: int, start: int) -> int:
    """Where a "dari"/"ke" ends that a list opened by "yakni" (between k and the region at `start`)
    continues, or k: "dari tiga daerah sekaligus, yakni A, B dan C"."""
    apposition = cues.cue("apposition")
    end = next((e for e in range(start, k - 1, -1) if apposition.ends_at(words, e)), None)
    if end is None:
        return k
    j = end - next(n for n, p in apposition.by_last[words[end - 1]] if words[end - n : end] == p)
    cue_ends = _toward_or_origin_ends()
    for i in range(j - 1, max(-1, j - _APPOSITION_REACH - 1), -1):
        if words[i] in cue_ends:
            return i + 1
        if words[i] in _STOP:
            break
    return k


def _skip_places(sentence: Sentence, k: int) -> int:
    """Step back over places below a regency written before a region, each a place word and its capitalised
    name, joined by commas, "dan" or "serta"."""
    words, texts = sentence.words, sentence.texts
    places = lexicon.place_words()
    while k > 0 and words[k - 1] in _PLACE_JOIN:
        name = k - 1  # the first word of the place's name
        while name > 0 and texts[name - 1][0].isupper() and words[name - 1] not in places and k - name < 5:
            name -= 1
        if name == k - 1 or name == 0 or words[name - 1] not in places:
            break
        k = name - 1
    return k


def _skip_fillers(sentence: Sentence, start: int) -> tuple[int, int]:
    """Step back over what may stand between a cue and its region: fillers ("para anggota") and acronyms;
    and, for the second index, also the capitalised name of a body ("kunjungan Panitia Khusus (Pansus)
    Raperdasi ... X")."""
    words, texts = sentence.words, sentence.texts
    fillers = _fillers()
    k = start
    named = 0
    plain = -1  # where the fillers and acronyms end
    while k > 0 and words[k - 1] != "dari":
        text = texts[k - 1]
        if words[k - 1] in fillers or (text.isupper() and text.isalpha() and len(text) > 1):  # or an acronym
            k -= 1
        elif text[0].isupper() and named < 8:
            if plain < 0:
                plain = k
            k -= 1
            named += 1
        else:
            break
    return (k if plain < 0 else plain), k


def _left_cue(sentence: Sentence, start: int, before: tuple[int, int]) -> tuple[str | None, float]:
    """The cue before a region (or list of regions) at `start`; `before` is `_cue_before` of it. (Each cue
    is matched only when the word before the region ends one of its phrases: a set test before a call.)"""
    words = sentence.words
    c = _cue_sets()
    k, named = before
    if 0 < named < k and words[named - 1] in c.party_nouns.by_last and c.party_nouns.ends_at(words, named):
        k = named  # "kunjungan Panitia Khusus (Pansus) Raperdasi Pendidikan DPR X"
    if k == 0:
        return _received_before(sentence, start)
    last = words[k - 1]
    if last not in _left_cue_ends():  # the common case: none of the cues below ends at k
        if not c.done_by.by_last.keys().isdisjoint(words[max(0, k - 1) : start]) and any(
            c.done_by.ends_at(words, j) for j in range(k, start + 1)
        ):
            return "visitor", STRONG  # "dilakukan oleh Komisi B DPRD X" (fillers, a body's name between)
        return _received_before(sentence, start)
    if (last in c.learn_from.by_last and c.learn_from.ends_at(words, k)) or (
        last in c.visited.by_last and c.visited.ends_at(words, k)
    ):
        return "host", STRONG
    if last in c.toward.by_last and c.toward.ends_at(words, k):
        if last == "kepada":
            return "host", WEAK
        if c.returning.ends_at(words, k - 1) or _sent_not_visited(words, k - 1):
            return None, 0.0
        return "host", STRONG if any(end <= k for end in cues.visit_trigger_ends(sentence)) else MEDIUM
    if last in c.origin.by_last and c.origin.ends_at(words, k):
        if c.not_origin.ends_at(words, k - 1):
            return None, NOT_A_PARTY  # "wisatawan dari X", "bantuan dari X": X only qualifies a noun
        if _learning_before(words, k - 1):
            return "host", STRONG  # "belajar tata kelola pasar dari Pemkot X"
        return "visitor", STRONG if cues.visit_trigger_ends(sentence) else WEAK
    done_by = words[start - 1] in c.done_by.by_last and c.done_by.ends_at(words, start)
    if (last in c.party_nouns.by_last and c.party_nouns.ends_at(words, k)) or done_by:
        return "visitor", STRONG
    if last in ("bagi", "untuk") and cues.trigger().ends_at(words, k - 1):
        return "visitor", STRONG  # "tujuan studi tiru bagi Pemkab X"
    if last in c.host_verbs.by_last and c.host_verbs.ends_at(words, k):
        return "visitor", STRONG  # the object of receiving: "menyambut kunjungan ... X", "Terima Tamu X"
    if last in c.at.by_last and c.at.ends_at(words, k):
        near = any(k - TRIGGER_WINDOW <= end <= k for end in cues.visit_trigger_ends(sentence))
        return ("host", MEDIUM) if near and not _to_an_institution(sentence) else (None, 0.0)
    return _received_before(sentence, start)


_SENT_REACH = 4  # words from a verb of sending to its "ke": "diusulkan juga ke"


def _sent_not_visited(words: tuple[str, ...], k: int) -> bool:
    """Whether the "ke" at k says where something is sent ("diusulkan juga ke Pemprov X")."""
    return not cues.cue("not_toward").by_first.keys().isdisjoint(words[max(0, k - _SENT_REACH) : k])


def _to_an_institution(sentence: Sentence) -> bool:
    """Whether a sentence tells a visit to a university, company or school ("berkunjung ke Universitas
    X", "Kunjungi Pabrik Pakan di X"): the region named as its place does not host."""
    not_hosts, visited = cues.cue("not_hosts"), _cue_sets().visited
    words = sentence.words
    return any(
        words[start - 1] == "ke" or visited.ends_at(words, start)
        for start, _ in not_hosts.find_in(sentence)
        if start
    )


_LEARNING_REACH = 8  # words from a learning verb to the "dari" that names whom it learns from


def _learning_before(words: tuple[str, ...], k: int) -> bool:
    """Whether a learning verb stands shortly before token k (a "dari"), with no visit phrase between."""
    learning = cues.cue("learning")
    trigger = cues.trigger()
    for j in range(k - 1, max(-1, k - _LEARNING_REACH - 1), -1):
        if learning.match_at(words, j):
            return True
        if words[j] in _STOP or words[j] == "," or words[j].isdigit() or trigger.match_at(words, j):
            return False  # (a count or a new clause: "Belajar Kelola BUMDes, 12 Kades dari Tabalong")
    return False


def _received_before(sentence: Sentence, start: int) -> tuple[str | None, float]:
    """A receiving verb within reach before a region's name at `start`, or before its agency's name
    ("diterima Kepala Bidang Pengelolaan Sampah dan Limbah B3 Dinas Lingkungan Hidup Kota X"): it hosts."""
    words = sentence.words
    received = _cue_sets().received_verbs
    if received.by_first.keys().isdisjoint(words[max(0, start - 2 * HOST_WINDOW) : start]):
        return None, 0.0  # the common case: no receiving verb in reach, even past an agency's name
    start = agency_start(sentence, start)
    for k in range(start - 1, max(-1, start - HOST_WINDOW - 1), -1):
        if words[k] in _STOP or words[k] in ("dari", "ke", "asal"):
            break
        if received.match_at(words, k):
            return "host", STRONG
    return None, 0.0


def _right_cue(sentence: Sentence, end: int, skip: set[int]) -> tuple[str, float] | None:
    """The cue after a region (or list of regions): the verb its clause continues with, read past
    parentheses, locators, officials' names and degrees, and "melalui Bappeda"-style channels."""
    words, texts = sentence.words, sentence.texts
    between = _between()
    k = end
    depth = 0
    while k < len(words):
        word = words[k]
        if word == "(":
            depth += 1
        elif word == ")":
            depth = max(0, depth - 1)
        elif word in ("melalui", "lewat") and _capitalised(texts, k + 1):
            while _capitalised(texts, k + 1):  # "Pemkab Bogor melalui Bappeda menggelar ..."
                k += 1
        elif k > end and words[k - 1] == "," and cues.cue("led_by").match_at(words, k):
            k = _clause_end(words, k)  # "Pemkab X, dipimpin Sekda Y, melaksanakan ...": read on after it
            continue
        elif not (depth or k in skip or word in between):
            break
        k += 1
    if k >= len(words) or words[k] not in _verb_starts():
        return None
    # Each list is matched only when a phrase of it starts with the word (a set test before a call).
    verb, c = words[k], _cue_sets()
    if (verb in c.host_verbs.by_first and cues.receives_visit_at(sentence, k)) or (
        verb in c.host_roles.by_first and c.host_roles.match_at(words, k)
    ):
        return "host", STRONG
    if (verb in c.visit_verbs.by_first and c.visit_verbs.match_at(words, k)) or (
        verb in c.leads.by_first and _leads_a_visit(words, k)
    ):
        return "visitor", STRONG
    for phrases in cues.visit_type_phrases().values():
        if verb in phrases.by_first and phrases.match_at(words, k):
            return "visitor", STRONG
    return None


_CLAUSE_WORDS = 16  # how far a clause set off by commas may run


def _clause_end(words: tuple[str, ...], k: int) -> int:
    """The comma that closes a clause starting at k, or k + 1 when none does within reach."""
    for j in range(k + 1, min(len(words), k + _CLAUSE_WORDS)):
        if words[j] == ",":
            return j
        if words[j] in (";", "?", "!"):  # (a dot inside a sentence ends an abbreviation: "Ir.", "H.")
            break
    return k + 1


_HEADED_WITHIN = 6  # words from a heading verb to what it heads: "memimpin 14 kepala desa studi banding"


def _leads_a_visit(words: tuple[str, ...], k: int) -> bool:
    """Whether a leading phrase at k leads the visit: "beserta rombongan", "melakukan"; a heading verb only
    with a visit or a party after it ("memimpin rombongan", not "memimpin sidang komisi")."""
    n = cues.cue("leads").match_at(words, k)
    if not n:
        return False
    if not cues.cue("heading").match_at(words, k):
        return True
    trigger = cues.trigger()
    return any(trigger.match_at(words, j) for j in range(k + n, min(len(words), k + n + _HEADED_WITHIN)))


@cache
def _left_cue_ends() -> frozenset[str]:
    """The last words of every cue `_left_cue` looks for right before a region."""
    names = ("learn_from", "visited", "toward", "origin", "party_nouns", "host_verbs", "at")
    sets = [cues.cue(name) for name in names]
    return frozenset(word for phrases in sets for word in phrases.by_last) | {"bagi", "untuk"}


@cache
def _verb_starts() -> frozenset[str]:
    """The first words of every cue `_right_cue` looks for."""
    sets = [cues.cue(name) for name in ("host_verbs", "host_roles", "visit_verbs", "leads")]
    sets += cues.visit_type_phrases().values()
    return frozenset(word for phrases in sets for word in phrases.by_first)


def _capitalised(texts: tuple[str, ...], k: int) -> bool:
    """Whether the token at k is capitalised (False past the end)."""
    return k < len(texts) and texts[k][0].isupper()


# A quotation ends at its closing mark (a typed " closes a “ too) or, left open, at the end of its paragraph.
_QUOTATION = re.compile(r'“[^”"\n]*[”"]?|"[^"\n]*"?|«[^»\n]*»?')


@lru_cache(maxsize=4)  # read by the role evidence and by the visit attributes of one report
def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (“...”, "...") in a text; an unclosed quote runs to the end of its
    paragraph."""
    return [m.span() for m in _QUOTATION.finditer(text)]


def quoted(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether the character at `offset` is inside one of the quotation spans."""
    return any(start < offset < end for start, end in spans)


@dataclass(frozen=True, slots=True)
class Roles:
    hosts: list[str]
    visitors: list[list[str]]  # each entry is one delegation: usually one region, several for a joint visit


def decide(evidence: RoleEvidence, named: dict[str, int] | None = None) -> Roles:
    """The host (or hosts of one tour) and the visitors, from the evidence; empty when there is no visit.
    With `named` (each region the text names → the order of its first mention), only regions the text
    names can take part (a headline alone is not enough), and a tour visits its hosts in that order."""
    codes = sorted(set(evidence.host) | set(evidence.visitor), key=lambda c: evidence.first_seen[c])
    if named is not None:
        codes = [c for c in codes if c in named]
    hosts = [c for c in codes if evidence.host[c] >= MEDIUM and evidence.host[c] > evidence.visitor[c]]
    if not hosts:
        return Roles([], [])
    # Strongest host first; among equals the one named first (sort is stable over text order).
    hosts.sort(key=lambda c: (evidence.host[c] - evidence.visitor[c], evidence.host[c]), reverse=True)
    host = hosts[0]
    visitors = [
        c
        for c in codes
        if c != host and evidence.visitor[c] >= MEDIUM and evidence.visitor[c] >= evidence.host[c]
    ]
    if not visitors:
        return Roles([], [])
    visitors.sort(key=lambda c: evidence.first_seen[c])
    tour = [host]
    if len(visitors) == 1:
        # One delegation going "ke X ... ke Y" in one sentence tours several hosts, in that order; so does one
        # received by a host on each day the report tells ("Hari pertama ... X. Hari kedua ... Y").
        together = evidence.toward[host]
        days = host in evidence.tour_days
        tour += [
            c
            for c in hosts[1:]
            if evidence.visitor[c] == 0
            and (
                evidence.toward[c] & together
                or (days or c in evidence.tour_days)
                and evidence.host[c] >= STRONG
                and evidence.sentences[c].isdisjoint(evidence.sentences[host])  # (a day of its own)
            )
        ]
        tour.sort(key=lambda c: named[c] if named else evidence.first_seen[c])
    return Roles(tour, _delegations(visitors, evidence.joint))


def _delegations(visitors: list[str], joint: list[frozenset[str]]) -> list[list[str]]:
    """One delegation per visitor, except regions the report says travelled together."""
    delegations: list[list[str]] = []
    placed: set[str] = set()
    for code in visitors:
        if code in placed:
            continue
        group = next((g for g in joint if code in g), frozenset({code}))
        members = [c for c in visitors if c in group and c not in placed]
        placed.update(members)
        delegations.append(members)
    return delegations
