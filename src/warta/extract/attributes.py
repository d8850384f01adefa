"""A visit's attributes: date, delegation size, type, venue, visitor body, leader and receiving official."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache

from warta.extract import cues, lexicon
from warta.extract.dates import DateMention, find_dates
from warta.extract.officials import OfficialHit
from warta.extract.roles import HOST_WINDOW
from warta.extract.text import Sentence

_RANK = {
    "head": 0,
    "deputy_head": 1,
    "secretary": 3,
    "legislature": 2,
    "agency_head": 4,
    "staff": 5,
    "other": 6,
}
_VENUE_STOP = frozenset({".", ";", "“", "”", '"', ":"})
_MAX_VENUE_TOKENS = 14
_AFTER_NAME = frozenset({",", ".", "yang", "saat", "ketika", "langsung", "juga", "pun", "sendiri"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An official mention with its merged person and its token span in the sentence."""

    person: OfficialHit
    sentence: int
    first: int
    last: int  # token index after the mention


def locate(hit: OfficialHit, person: OfficialHit, sentence: Sentence) -> Mention:
    first = bisect_right(sentence.ends, hit.start)  # the first token ending after the mention starts
    last = bisect_left(sentence.starts, max(hit.end, hit.tail_end))  # the first starting after it ends
    return Mention(person, sentence.index, first, last)


# --- date ---------------------------------------------------------------------------------------------


def visit_date(
    dates: dict[int, list[DateMention]],
    core: list[int],
    trigger_sentences: list[int],
    yearless: dict[int, tuple[tuple[int, int], DateMention | None]],
    day: int = 0,
) -> str | None:
    """The first date written in the visit's own sentences, else in any sentence that names a visit. The
    `day`-th stop of a tour takes the `day`-th day of a written range ("3-4 Februari")."""
    for sentences in (core, trigger_sentences):
        for index in sentences:
            # A written date beats a day name resolved from the publication date in the same sentence
            # ("pada Senin dan Selasa (11-12/11/2024)").
            for mention in sorted(dates.get(index, ()), key=lambda m: m.relative):
                resolved = (
                    mention if mention.date is not None else yearless.get(mention.start, (None, None))[1]
                )
                if resolved is not None and resolved.date is not None:
                    date = resolved.date
                    if day and resolved.end_date is not None:
                        date = min(date + dt.timedelta(days=day), resolved.end_date)
                    return date.isoformat()
    return None


def yearless_dates(
    text: str, mentions: list[DateMention]
) -> dict[int, tuple[tuple[int, int], DateMention | None]]:
    """A date written without its year takes the year of another date in the report with the same day and
    month ("⌚: 3-4 Februari 2022" above "ke NTT (3-4 Februari)")."""
    missing = [m for m in mentions if m.date is None and not m.has_year and not m.relative]
    if not missing:
        return {}
    # Read the text once more as if published at the end of a leap year, to learn each date's day and month.
    probe = {m.start: m.date for m in find_dates(text, dt.date(2000, 12, 31))}
    found = {}
    for mention in missing:
        date = probe.get(mention.start)
        if date is None:
            continue
        same = next(
            (
                o
                for o in mentions
                if o.has_year and o.date is not None and (o.date.day, o.date.month) == (date.day, date.month)
            ),
            None,
        )
        found[mention.start] = ((date.day, date.month), same)
    return found


# --- delegation size ----------------------------------------------------------------------------------


@cache
def _size_pattern() -> re.Pattern[str]:
    data = lexicon.visits()["size"]
    words = sorted(set(data["numbers"]) | set(data["multipliers"]), key=len, reverse=True)
    number = rf"(?:\d{{1,4}}|(?:(?:{'|'.join(words)})\s*)+)"
    return re.compile(rf"(?<![\w.,])(?P<n>{number})\s+(?:orang\s+)?(?P<unit>{_units()})(?!\w)", re.IGNORECASE)


@cache
def _unit_pattern() -> re.Pattern[str]:
    """A unit after white space: what every delegation size ends with, quick to look for."""
    return re.compile(rf"\s(?:{_units()})(?!\w)", re.IGNORECASE)


def _units() -> str:
    size = lexicon.visits()["size"]
    units = size["units"] + size["part_units"]
    return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))


@cache
def _part_units() -> frozenset[str]:
    return frozenset(lexicon.visits()["size"]["part_units"])


@cache
def _companions() -> tuple[frozenset[str], frozenset[str]]:
    """The words before a count of the people with someone, and the units of such a count."""
    size = lexicon.visits()["size"]
    return frozenset(size["companions"]), frozenset(size["companion_units"])


@cache
def _uncounted_part() -> re.Pattern[str]:
    """A further part of a delegation without its count, right after a counted one: the part's own words
    (at most three), then "dan"/"serta" and the uncounted part ("sembilan anggota komisi dan pendamping")."""
    parts = "|".join(
        re.escape(p) for p in sorted(lexicon.visits()["size"]["uncounted_parts"], key=len, reverse=True)
    )
    return re.compile(rf"(?:\s+[^\s,;.()\d]+){{0,3}}?,?\s+(?:dan|serta)\s+(?:{parts})(?!\w)", re.IGNORECASE)


@cache
def _uncounted_before() -> re.Pattern[str]:
    """An uncounted part of a delegation listed right before a counted one ("sejumlah kepala OPD, ")."""
    quantities = "|".join(re.escape(q) for q in lexicon.visits()["size"]["uncounted_quantities"])
    return re.compile(rf"(?<!\w)(?:{quantities})\s+[^,;.()\d]{{1,40}},\s*$", re.IGNORECASE)


def _with_leader(last_word: str, match: re.Match[str]) -> int:
    """1 when a count is of the people with someone ("bersama tujuh anggota"), who is not counted in it."""
    companions, units = _companions()
    counted = match.group("unit").lower()
    return int(last_word in companions and counted in units and "orang" not in match.group(0).lower())


def _number(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    data = lexicon.visits()["size"]
    total, current = 0, 0
    for word in text.split():
        if word in data["numbers"]:
            current += data["numbers"][word]
        elif word == "belas":
            current = (current or 1) + 10
        elif word in data["multipliers"]:
            total += (current or 1) * data["multipliers"][word]
            current = 0
        else:
            return None
    value = total + current
    return value or None


@dataclass(slots=True)
class _Count:
    """A delegation size read in a sentence: how sure (0: a stated total, 1: after a size cue, 2: bare), its
    place among the counts, the number, where its text starts and ends, and whether it is in "orang"."""

    rank: int
    order: int
    value: int
    start: int
    end: int
    in_people: bool


def delegation_size(sentences: list[Sentence], candidates: list[int]) -> int | None:
    """The first delegation size in the candidate sentences; within a sentence a stated total ("dengan
    total 31 orang") wins over the parts listed before it ("25 kepala kampung dan enam pejabat")."""
    by_index = {s.index: s for s in sentences}
    for index in candidates:
        sentence = by_index.get(index)
        if sentence is None or _states_no_size(sentence):
            continue  # most sentences state no size
        counts = _counts(sentence.text)
        if counts:
            best = min(counts, key=lambda c: (c.rank, c.order))
            text = sentence.text
            if (
                best.rank
                and not best.in_people
                and (
                    _uncounted_part().match(text, best.end) or _uncounted_before().search(text, 0, best.start)
                )
            ):
                return None  # "sembilan anggota dan pendamping": how many in all is not said
            return best.value
    return None


def _counts(text: str) -> list[_Count]:
    """The delegation sizes a sentence states; parts listed without their total are summed into one."""
    size = lexicon.visits()["size"]
    totals, cues_ = size["totals"], size["cues"]
    found: list[_Count] = []
    previous = None  # the part before, while the sentence lists the delegation's parts
    for match in _size_pattern().finditer(text):
        value = _number(match.group("n"))
        if value is None or not 1 < value < 5000:
            continue
        before = text[max(0, match.start() - 20) : match.start()].lower().split()
        last = before[-1] if before else ""
        rank = 0 if last in totals else 1 if last in cues_ else 2
        if previous is not None and rank != 0 and _next_part(text[previous.end : match.start()]):
            # "sembilan anggota Komisi II dan tiga staf": a breakdown without its total, summed
            previous.value += value
            previous.end = match.end()
            continue
        leader = _with_leader(last, match)
        if match.group("unit").lower() in _part_units() and not leader:
            previous = None  # "dua staf ahli" alone is no delegation ("bersama sembilan staf" is)
            continue
        in_people = "orang" in match.group(0).lower()
        previous = _Count(rank, len(found), value + leader, match.start(), match.end(), in_people)
        found.append(previous)
    return found


def _states_no_size(sentence: Sentence) -> bool:
    """Whether a sentence surely states no delegation size: no unit after white space. In plain ASCII text
    without hyphens or apostrophes a unit's first word is a word of its own, so a set test rules most
    sentences out; the others are read by the unit pattern (which tries the units at every space)."""
    text = sentence.text
    if text.isascii() and "-" not in text and "'" not in text and _unit_words().isdisjoint(sentence.words):
        return True
    return _unit_pattern().search(text) is None


@cache
def _unit_words() -> frozenset[str]:
    """The first word of every unit, lower case."""
    size = lexicon.visits()["size"]
    return frozenset(unit.lower().split()[0] for unit in size["units"] + size["part_units"])


_NEXT_PART = re.compile(r"[^,;.()\d]{0,40}?(?:,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)", re.IGNORECASE)


def _next_part(between: str) -> bool:
    """Whether the text between two sizes joins parts of one list: the first part's words, then ", ", "dan"
    or "serta" (not "terdiri dari", which opens the breakdown of a total)."""
    if _NEXT_PART.fullmatch(between) is None:
        return False
    return not set(between.lower().split()) & _BREAKDOWN_OPENERS


_BREAKDOWN_OPENERS = frozenset({"terdiri", "yaitu", "yakni", "meliputi", "antara", "masing-masing"})


# --- visit type ---------------------------------------------------------------------------------------


_SPECIFIC = ("studi tiru", "studi banding")


def visit_type(sentences: list[Sentence], own: set[int], others: set[int], title: Sentence | None) -> str:
    """The most specific type named for this visit. Its own sentences decide when they name a studi tiru
    or a studi banding (or, among several delegations, a kunjungan kerja). When they name only a generic
    kunjungan, the rest of the report decides, leaving out what another delegation's sentences call their
    own visit. When they name no type at all, the delegation joined the report's main visit and takes its
    type."""
    own_counts = _type_counts(s for s in sentences if s.index in own)
    # With several delegations, one's own "kunjungan kerja" also decides: another's studi tiru is not it.
    if any(own_counts[k] for k in _SPECIFIC) or (others and own_counts["kunjungan kerja"]):
        return _most_specific(own_counts)
    everything = list(sentences) + ([title] if title is not None else [])
    if sum(own_counts.values()):
        claimed = {
            s.index for s in sentences if s.index in others and any(_type_counts([s])[k] for k in _SPECIFIC)
        }
        return _most_specific(_type_counts(s for s in everything if s.index not in claimed))
    return _most_specific(_type_counts(everything))


def _type_counts(sentences) -> Counter[str]:
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for kind, n in cues.visit_types_in(sentence).items():
            counts[kind] += n
    return counts


def _most_specific(counts: Counter[str]) -> str:
    specific = [k for k in _SPECIFIC if counts[k]]
    if specific:
        return max(specific, key=lambda k: counts[k])
    if counts["kunjungan kerja"]:
        return "kunjungan kerja"
    # A visit of another named kind ("studi lapangan") is that, though reports also call it a "kunjungan".
    return "other" if counts["other"] else "kunjungan"


# --- venue --------------------------------------------------------------------------------------------


def venue(
    sentences: list[Sentence], candidates: list[int], day_names: frozenset[str], quotes: list[tuple[int, int]]
) -> str | None:
    by_index = {s.index: s for s in sentences}
    heads = cues.phrases("venue", "heads")
    for index in candidates:
        sentence = by_index.get(index)
        if sentence is None:
            continue
        words = sentence.words
        for k in [k for k, word in enumerate(words[:-1]) if word in ("di", "ke", "bertempat")]:
            if not heads.match_at(words, k + 1):
                continue
            if any(start < sentence.starts[k] < end for start, end in quotes):
                continue
            text = _venue_phrase(sentence, words, k + 1, heads, day_names)
            if text:
                return text
    return None


@cache
def _venue_words(name: str) -> frozenset[str]:
    """Words of `[venue] name` in visits.toml (ends, continuations), as single words."""
    return frozenset(w for phrase in lexicon.visits()["venue"][name] for w in phrase.split()[:1])


def _inside_a_name(sentence: Sentence, k: int) -> bool:
    """Whether the joining word at k stands between two capitalised words of one name."""
    texts = sentence.texts
    return 0 < k < len(texts) - 1 and texts[k - 1][0].isupper() and texts[k + 1][0].isupper()


def _goes_on(sentence: Sentence, k: int) -> bool:
    """Whether a venue goes on at token k, after a comma, with a named complex or office ("Kompleks Pemkab
    X", "Setda Kota Y"; not a lower-case "kompleks kantor gubernur")."""
    return sentence.words[k] in _venue_words("continuations") and sentence.texts[k][0].isupper()


def _venue_phrase(
    sentence: Sentence, words: list[str], k: int, heads: cues.PhraseSet, day_names: frozenset[str]
) -> str | None:
    count = len(words)
    end = k
    while end < count and end - k < _MAX_VENUE_TOKENS:
        word = words[end]
        if word == "(":
            close = next((m for m in range(end + 1, min(end + 5, count)) if words[m] == ")"), None)
            if close is None or (close + 1 < count and words[close + 1][:1].isdigit()):
                break
            end = close + 1
            continue
        if word in ("dan", "serta") and _inside_a_name(sentence, end):
            end += 1  # "Aula Dinas Ketahanan Pangan dan Pertanian X"
            continue
        if word in _VENUE_STOP or word == ")" or word in _venue_words("end_words") or word in day_names:
            break
        if word == ",":
            if end + 1 < count and (heads.match_at(words, end + 1) or _goes_on(sentence, end + 1)):
                end += 1  # "Ruang Rapat Bina Karya, Setda Kabupaten X"
                continue
            break
        end += 1
    if end == k:
        return None
    return sentence.text[sentence.starts[k] - sentence.start : sentence.ends[end - 1] - sentence.start].strip(
        " ,"
    )


# --- officials: who led, who received -----------------------------------------------------------------


def _after_phrase(words: list[str], mention: Mention, phrases: cues.PhraseSet, window: int) -> bool:
    if phrases.by_first.keys().isdisjoint(words[max(0, mention.first - window) : mention.first]):
        return False  # the common case: no phrase starts in reach
    for k in range(mention.first - 1, max(-1, mention.first - window - 1), -1):
        if words[k] in (".", ";"):
            return False
        n = phrases.match_at(words, k)
        if n and k + n <= mention.first:
            return True
    return False


def _before_phrase(words: list[str], mention: Mention, phrases: cues.PhraseSet) -> bool:
    k = mention.last
    affixes = lexicon.name_affixes()
    while k < len(words) and (
        words[k] in _AFTER_NAME or words[k] in affixes or (words[k].isalpha() and len(words[k]) <= 3)
    ):
        k += 1  # past ", yang", and degrees the name's tail did not take ("S.IP")
    return k < len(words) and bool(phrases.match_at(words, k))


def leader(
    side: list[Mention],
    candidates: list[Mention],
    words: dict[int, list[str]],
    establishing: set[int],
    quotes: list[tuple[int, int]],
) -> str | None:
    """Who led the delegation: an official of the visiting side (or of no known side) named as leading,
    else the visiting side's head or deputy head, else its highest official named where the visit is told.
    A companion ("didampingi X", "bersama X") does not lead."""
    led_by, leads, companion = cues.cue("led_by"), cues.cue("leads"), cues.cue("companion")
    for mention in _ordered(side, candidates):
        w = words[mention.sentence]
        if _after_phrase(w, mention, companion, 3):
            continue
        if _after_phrase(w, mention, led_by, 8) or _before_phrase(w, mention, leads):
            return mention.person.name
        if _with_a_count(w, mention) or _says_they_led(w, mention):
            return mention.person.name
    return _highest(side, establishing)


_WITH = frozenset({"bersama", "beserta", "didampingi"})
_SAYING_REACH = 12  # words from a speaker's name to "rombongan yang dipimpinnya"


def _with_a_count(words: list[str], mention: Mention) -> bool:
    """Whether a name is followed by the people with them, counted: "X, S.H., bersama enam anggota"."""
    k = mention.last
    while k < len(words) and (words[k] in _AFTER_NAME or words[k] in lexicon.name_affixes()):
        k += 1
    return (
        k + 1 < len(words)
        and words[k] in _WITH
        and (words[k + 1].isdigit() or words[k + 1] in lexicon.visits()["size"]["numbers"])
    )


def _says_they_led(words: list[str], mention: Mention) -> bool:
    """Whether a speaker says the delegation was theirs ("X mengatakan rombongan yang dipimpinnya ...")."""
    after = words[mention.last : mention.last + _SAYING_REACH]
    return not cues.cue("led_by_them").by_first.keys().isdisjoint(after)


def receiver(
    side: list[Mention],
    candidates: list[Mention],
    words: dict[int, list[str]],
    quotes: list[tuple[int, int]],
    own: set[int] | None = None,
) -> str | None:
    """Who received the delegation: an official of the host (or of no known side) named after
    "disambut/diterima" or before "menerima/menyambut", else the host's head or deputy head."""
    receives, hosts, companion = cues.cue("receives"), cues.cue("host_verbs"), cues.cue("companion")
    ordered = _ordered(side, candidates)
    if own:  # several delegations: who received this one is said where this one is told
        ordered = [m for m in ordered if m.sentence in own] + [m for m in ordered if m.sentence not in own]
    for index, mention in enumerate(ordered):
        w = words[mention.sentence]
        if _after_phrase(w, mention, receives, HOST_WINDOW):
            return mention.person.name
        if _before_phrase(w, mention, hosts):
            # "Kepala Bapenda, X, didampingi Kabid Y, menyambut rombongan": the verb is X's, not Y's
            principal = ordered[index - 1] if index > 0 else None
            if (
                principal is not None
                and principal.sentence == mention.sentence
                and _after_phrase(w, mention, companion, 3)
            ):
                return principal.person.name
            return mention.person.name
    return _highest(side, None)


def _ordered(side: list[Mention], candidates: list[Mention]) -> list[Mention]:
    """The side's own mentions and the unplaced ones, in text order."""
    seen = {id(m) for m in side}
    merged = side + [m for m in candidates if id(m) not in seen]
    return sorted(merged, key=lambda m: (m.sentence, m.first))


def _highest(mentions: list[Mention], establishing: set[int] | None) -> str | None:
    heads = [m for m in mentions if m.person.role_class in ("head", "deputy_head")]
    if not heads and establishing is not None:
        heads = [m for m in mentions if m.sentence in establishing and m.person.role_class != "other"]
    if not heads:
        return None
    return min(heads, key=lambda m: (_RANK[m.person.role_class], m.sentence, m.first)).person.name


# --- visitor body -------------------------------------------------------------------------------------


def body_word_starts(sentence: Sentence) -> set[int]:
    """Where the words of a body (legislature, executive, mixed) start in a sentence."""
    return {
        start
        for name in ("legislature", "executive", "mixed")
        for start, _ in cues.phrases("bodies", name).find_in(sentence)
    }


def visitor_body(
    sentences: list[Sentence],
    candidates: list[int],
    leader_body: str | None,
    institutions: set[str],
    host_tokens: dict[int, set[int]],
) -> str:
    """executive, legislature or mixed: which bodies of the visiting region make up the delegation. Words
    that belong to the host (its prefixed name, its officials: `host_tokens` per sentence) do not count."""
    sets = {name: cues.phrases("bodies", name) for name in ("legislature", "executive", "mixed")}
    by_index = {s.index: s for s in sentences}
    party = cues.cue("composition")
    seen = set(institutions)
    if leader_body in ("executive", "legislature"):
        seen.add(leader_body)
    for index in candidates:
        sentence = by_index.get(index)
        if sentence is None:
            continue
        if not party.find_in(sentence):
            continue  # only sentences that describe the delegation say what it is made of
        hosts = host_tokens.get(index, set())
        if any(start not in hosts for start, _ in sets["mixed"].find_in(sentence)):
            return "mixed"
        for name in ("legislature", "executive"):
            if any(start not in hosts for start, _ in sets[name].find_in(sentence)):
                seen.add(name)
    if "legislature" in seen and "executive" in seen:
        return "mixed"
    return "legislature" if "legislature" in seen else "executive"
