"""Wire the extraction stages: one article in, its facts with evidence out."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cached_property, lru_cache

from warta.extract import attributes, cues, lexicon
from warta.extract.attributes import Mention
from warta.extract.dates import DateMention, find_dates
from warta.extract.officials import OfficialHit, find_officials, merge_officials, same_person
from warta.extract.regions import RegionHit, find_regions
from warta.extract.roles import (
    MEDIUM,
    RoleEvidence,
    Roles,
    agency_start,
    collect_evidence,
    decide,
    quote_spans,
)
from warta.extract.sectors import find_sectors, purpose_sentences
from warta.extract.text import Sentence, read_as_written, split_sentences, tokenize
from warta.facts import Article, ArticleFacts, Evidence, Official, RegionMention, Visit
from warta.gazetteer import Gazetteer, Region, load_gazetteer, name_key

TITLE_SENTENCE = -1
TITLE_OFFSET = -1  # the offsets of evidence read from the title, which is not part of the article's text


def extract_article(article: Article, gazetteer: Gazetteer | None = None) -> ArticleFacts:
    """The facts of one article: the regions and officials it names and the visits it reports."""
    gazetteer = gazetteer or load_gazetteer()
    text = article.text or ""
    sentences = split_sentences(text)
    hits = find_regions(sentences, gazetteer)
    title = _title_sentence(article.title)
    title_hits = _as_in_body(find_regions([title], gazetteer), hits, title) if title else []

    raw_officials = find_officials(sentences, hits)
    people = merge_officials(raw_officials)
    evidence = collect_evidence(
        text, sentences, hits, title, title_hits, _name_tokens(raw_officials, sentences)
    )
    first_named: dict[str, int] = {}
    for position, hit in enumerate(hits):
        first_named.setdefault(hit.region.code, position)
    roles = decide(evidence, named=first_named)
    title_only = [h for h in title_hits if h.region.code not in first_named]
    if not roles.hosts and title_only:
        roles = _with_the_title(evidence, first_named, title_only)
    if not roles.hosts and _told_before(evidence, sentences, hits):
        roles = decide(evidence, named=first_named)
    visits = []
    if roles.hosts:
        context = _Context(article, sentences, hits, people, raw_officials, evidence, title)
        for delegation in roles.visitors:
            for day, host in enumerate(roles.hosts):
                visits.append(context.visit(delegation, host, roles.visitors, day))
    return ArticleFacts(
        id=article.id,
        regions=_region_mentions(hits, sentences) + _title_regions(title_only, title),
        officials=[_official(p, sentences) for p in people],
        visits=visits,
    )


def extract_articles(
    articles: Iterable[Article], gazetteer: Gazetteer | None = None, jobs: int = 1
) -> Iterator[ArticleFacts]:
    """Facts for each article, in order; `jobs` > 1 spreads the work over that many processes."""
    if jobs <= 1:
        gazetteer = gazetteer or load_gazetteer()
        for article in articles:
            yield extract_article(article, gazetteer)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(extract_article, articles, chunksize=64)


def _as_in_body(title_hits: list[RegionHit], hits: list[RegionHit], title: Sentence) -> list[RegionHit]:
    """The title's regions, read as the body first reads the same names: a headline is short, so a name of
    several regions is better resolved by the report ("DPRD Banjar" in the title, "DPRD Kabupaten Banjar"
    below; "ke Blitar" above "ke Kabupaten Blitar ... ziarah ke Makam Bung Karno di Kota Blitar")."""
    read = []
    for hit in title_hits:
        if hit.prefix is None or hit.prefix.kind == "any":  # (not "Pemkab X", "Kota X": read as written)
            key = name_key(title.text[hit.start : hit.end])
            region = next((h.region for h in hits if _core_key(h.region) == key), hit.region)
            if region is not hit.region:
                hit = replace(hit, region=region)
        read.append(hit)
    return read


@lru_cache(maxsize=4096)
def _core_key(region: Region) -> str:
    return name_key(region.core_name)


def _with_the_title(evidence: RoleEvidence, named: dict[str, int], title_only: list[RegionHit]) -> Roles:
    """The visit when the report names one side only in its title ("Pemkab X Belajar ke Kota Y" above a
    report of "tamu dari salah satu kabupaten di NTB"): the title's regions may take part, beside at least
    one region the report's text names."""
    with_title = dict(named)
    for hit in title_only:
        with_title.setdefault(hit.region.code, len(with_title))
    roles = decide(evidence, named=with_title)
    codes = {*roles.hosts, *(code for delegation in roles.visitors for code in delegation)}
    return roles if codes & named.keys() else Roles([], [])


def _told_before(evidence: RoleEvidence, sentences: list[Sentence], hits: list[RegionHit]) -> bool:
    """When a report names a host but no visitor, and the sentence telling the visit speaks of "rombongan"
    or "mereka", the delegation is the institution named in the sentence before ("Capaian itu menarik
    perhatian Komisi III DPRD Kota A. Kamis (1/8), rombongan komisi itu berkunjung ke Pemkot B"): it gets
    the evidence of a visitor (True when it did)."""
    host, visitor = evidence.host, evidence.visitor
    hosts = {c for c in host if host[c] >= MEDIUM and host[c] > visitor[c] and c in evidence.toward}
    if not hosts or any(visitor[c] >= MEDIUM for c in visitor):
        return False
    party = cues.cue("party_nouns")
    for sentence in sentences[1:]:
        if not any(sentence.index in evidence.toward[c] for c in hosts):
            continue
        if not (party.find_in(sentence) or "mereka" in sentence.words):
            continue
        before = [
            h
            for h in hits
            if h.sentence == sentence.index - 1
            and not h.locator
            and h.region.code not in hosts
            and h.institution in ("executive", "legislature")
        ]
        if before:
            hit = before[-1]
            evidence.add(hit.region.code, "visitor", MEDIUM, hit.sentence, hit.start)
            return True
    return False


def _name_tokens(officials: list[OfficialHit], sentences: list[Sentence]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for hit in officials:
        starts = sentences[hit.sentence].starts
        first = bisect_left(starts, hit.name_start)
        found[hit.sentence].update(range(first, bisect_left(starts, max(hit.name_end, hit.tail_end))))
    return found


def _title_sentence(title: str | None) -> Sentence | None:
    if not title:
        return None
    texts, starts, ends = tokenize(title)
    words = tuple(map(str.lower, texts))
    return Sentence(TITLE_SENTENCE, 0, len(title), title, read_as_written(texts, title), starts, ends, words)


def _evidence(sentences: list[Sentence], index: int) -> Evidence | None:
    if 0 <= index < len(sentences):
        sentence = sentences[index]
        return Evidence(sentence.text, sentence.start, sentence.end)
    return None


def _region_mentions(hits: list[RegionHit], sentences: list[Sentence]) -> list[RegionMention]:
    seen: dict[str, RegionMention] = {}
    for hit in hits:
        if hit.region.code not in seen:
            seen[hit.region.code] = RegionMention(
                hit.region.code, hit.region.name, _evidence(sentences, hit.sentence)
            )
    return list(seen.values())


def _title_regions(title_only: list[RegionHit], title: Sentence | None) -> list[RegionMention]:
    """The regions only the title names, with the title as their evidence (no offsets: it is not part of
    the article's text)."""
    if title is None:
        return []
    seen = {hit.region.code: hit.region for hit in title_only}
    return [
        RegionMention(r.code, r.name, Evidence(title.text, TITLE_OFFSET, TITLE_OFFSET)) for r in seen.values()
    ]


def _official(person: OfficialHit, sentences: list[Sentence]) -> Official:
    return Official(
        person.name, person.role, person.role_class, person.region, _evidence(sentences, person.sentence)
    )


class _Context:
    """What the visit attributes are read from: the article's sentences, mentions and role evidence."""

    def __init__(
        self,
        article: Article,
        sentences: list[Sentence],
        hits: list[RegionHit],
        people: list[OfficialHit],
        raw: list[OfficialHit],
        evidence: RoleEvidence,
        title: Sentence | None,
    ):
        self.sentences = sentences
        self.text = article.text or ""
        self.title = title
        self.quotes = quote_spans(article.text or "")
        self.hits = hits
        self.evidence = evidence
        self.published = _iso(article.published)
        self.words = {s.index: s.words for s in sentences}
        self.dates = _SentenceDates(sentences, self.published)
        trigger = cues.trigger()
        starts = trigger.by_first.keys()  # (most sentences hold no first word of a visit phrase: no call)
        self.trigger_sentences = [
            s.index for s in sentences if not starts.isdisjoint(s.words) and trigger.find_in(s)
        ]
        self.mentions = [
            attributes.locate(
                hit, next(p for p in people if same_person(p.name, hit.name)), sentences[hit.sentence]
            )
            for hit in raw
        ]
        self.region_sentences: dict[str, set[int]] = defaultdict(set)
        for hit in hits:
            self.region_sentences[hit.region.code].add(hit.sentence)
        self.sector_hits = find_sectors(sentences)
        self.title_sectors = find_sectors([title]) if title is not None else []
        # Where sectors are named, whether the sentence says what the visit is for: a sentence naming a studi
        # tiru, studi banding or kunjungan kerja usually does; a bare "kunjungan" does not ("Di sela
        # kunjungan, rombongan berbelanja ...").
        naming = [sentences[i] for i in sorted({hit.sentence for hit in self.sector_hits})]
        self.trigger_types = {
            s.index for s in naming if any(kind != "kunjungan" for kind in cues.visit_types_in(s))
        }
        self.purpose = purpose_sentences(naming)

    def core(self, code: str) -> list[int]:
        return sorted(i for i in self.evidence.sentences.get(code, ()) if i >= 0)

    def visit(self, delegation: list[str], host: str, delegations: list[list[str]], day: int) -> Visit:
        """The visit of one delegation (its regions; the first is the main one) to one host."""
        visitor = delegation[0]
        others = [d[0] for d in delegations if d is not delegation]
        core = sorted(set(self.core(visitor)) | set(self.core(host)))
        mentions_others = {i for v in others for i in self.region_sentences[v]}
        own = self._with_anaphora(self.region_sentences[visitor] | set(self.core(visitor)), mentions_others)
        other_sentences = {i for v in others for i in self.region_sentences[v]} - own
        party = [i for i in sorted(own | set(core)) if not (others and i in other_sentences)]
        size_sentences = party if others else sorted(set(party) | set(self.trigger_sentences))
        visitor_mentions = self._side(delegation, host, "visitor", others)
        host_mentions = self._side([host], visitor, "host", others)
        unplaced = [
            m
            for m in self.mentions
            if (m.person.region is None and (not others or self._nearest_party(m) in (*delegation, host)))
            or m.person.region in (*delegation, host)
        ]
        establishing = next(
            ({i} for i in self.trigger_sentences if i in self.region_sentences[visitor]), set()
        )
        lead = attributes.leader(visitor_mentions, unplaced, self.words, establishing, self.quotes)
        received = attributes.receiver(
            host_mentions,
            [m for m in unplaced if m.person.name != lead and not self._at_national_body(m)],
            self.words,
            self.quotes,
            own - other_sentences if others else None,
        )
        self._place(lead, visitor)
        self._place(received, host)
        lead_body = next((m.person.body for m in self.mentions if m.person.name == lead), None)
        focus, mentioned = self._sectors(own, other_sentences)
        venue_sentences = sorted(set(core) | set(self.trigger_sentences)) + [s.index for s in self.sentences]
        if day:
            venue_sentences = self.core(host)  # a later stop of a tour: only what is said of that host
        body_sentences = sorted(own if others else own | self._about_party)
        return Visit(
            visitor=list(delegation),
            host=host,
            visitor_body=attributes.visitor_body(
                self.sentences,
                body_sentences,
                lead_body,
                self._institutions(visitor),
                self._foreign_tokens(host, visitor, others, body_sentences),
            ),
            date=attributes.visit_date(self.dates, core, self.trigger_sentences, self._day_months, day),
            delegation_size=attributes.delegation_size(
                self.sentences, self._with_leader(size_sentences, lead)
            ),
            leader=lead,
            received_by=received,
            visit_type=attributes.visit_type(self.sentences, own, other_sentences, self.title),
            venue=attributes.venue(self.sentences, venue_sentences, lexicon.calendar_words(), self.quotes),
            focus_sectors=focus,
            mentioned_sectors=mentioned,
            evidence=_evidence(self.sentences, core[0]) if core else None,
        )

    def _with_leader(self, sentences: list[int], lead: str | None) -> list[int]:
        """The sentences a delegation's size is read in, and the one that first names its leader ("Ketua
        Pansus II, X, berangkat bersama enam anggota pansus")."""
        first = next((m.sentence for m in self.mentions if lead is not None and m.person.name == lead), None)
        return sentences if first is None or first in sentences else sorted([*sentences, first])

    def _side(self, codes: list[str], other: str, side: str, others: list[str]) -> list[Mention]:
        """Official mentions of one side of the visit: by the official's region, or, when it is unknown,
        by the side the sentence speaks for."""
        found = []
        for mention in self.mentions:
            region = mention.person.region
            if region in codes:
                found.append(mention)
            elif region is None and not others and not self._at_national_body(mention):
                sentence_codes = {h.region.code for h in self.hits if h.sentence == mention.sentence}
                if (
                    sentence_codes & set(codes)
                    and other not in sentence_codes
                    or not sentence_codes
                    and side == "host"
                    and self._receiving(mention)
                ):
                    found.append(mention)
        return found

    def _nearest_party(self, mention: Mention) -> str | None:
        """The region named last before an official's mention, in its sentence or the one before: who an
        official without a region of their own speaks for ("Rombongan dipimpin Ketua Komisi II, X")."""
        sentence = self.sentences[mention.sentence]
        start = sentence.starts[mention.first]
        for index in (mention.sentence, mention.sentence - 1):
            before = [
                h
                for h in self.hits
                if h.sentence == index and not h.locator and (index < mention.sentence or h.end <= start)
            ]
            if before:
                return before[-1].region.code
        return None

    @cached_property
    def _day_months(self) -> _OnFirstRead:
        """For each date written without a year (by its offset): its day and month, and another date of
        the report with the same day and month and a year, if any. Read only for such a date, so the
        report's dates are all found only then."""
        return _OnFirstRead(
            lambda: attributes.yearless_dates(self.text, find_dates(self.text, self.published))
        )

    def _with_anaphora(self, sentences: set[int], others: set[int]) -> set[int]:
        """A delegation's sentences and those right after them that speak of it as "Rombongan ..." or
        "Mereka ..." without naming it (and without naming another delegation: `others`)."""
        more = set(sentences)
        party = cues.cue("party_nouns")
        for index in sorted(sentences):
            following = index + 1
            while following < len(self.sentences) and following not in others:
                words = self.sentences[following].words
                if not words or not (party.match_at(words, 0) or words[0] in ("mereka", "ia", "dia")):
                    break
                more.add(following)
                following += 1
        return more

    @cached_property
    def _about_party(self) -> set[int]:
        """Sentences whose subject is the delegation: "Rombongan berjumlah 40 orang, terdiri atas ..."."""
        party = cues.cue("party_nouns")
        return {
            s.index
            for s in self.sentences
            if s.words and s.words[0] in party.by_first and party.match_at(s.words, 0)
        }

    def _host_tokens(self, host: str, sentences: list[int]) -> dict[int, set[int]]:
        """Per sentence, the tokens that speak of the host: its prefixed name with an agency's before it, its
        officials' mentions, and what follows a receiving verb ("Rombongan dipimpin Ketua Komisi I dan
        diterima Kepala Bagian Pemerintahan, di ruang rapat asisten")."""
        found: dict[int, set[int]] = defaultdict(set)
        received = cues.cue("received_verbs")
        for index in sentences:  # (those the delegation's body is read in)
            spans = received.find_in(self.sentences[index])
            if spans:
                found[index].update(range(spans[0][1], len(self.sentences[index].words)))
        for hit in self.hits:
            if hit.region.code == host:
                start = agency_start(self.sentences[hit.sentence], hit.first_token)  # "Dinas X Kota Y"
                found[hit.sentence].update(range(start, hit.last_token))
        for mention in self.mentions:
            if mention.person.region == host:
                found[mention.sentence].update(range(mention.first, mention.last))
        return found

    def _foreign_tokens(
        self, host: str, visitor: str, others: list[str], sentences: list[int]
    ) -> dict[int, set[int]]:
        """Per sentence, the tokens that speak of someone else than the visitor: the host's (see
        `_host_tokens`), and, where other delegations are named in the sentence too, the tokens nearer to one
        of their names than to the visitor's ("Rombongan pertama dari Pemkab A, sedangkan rombongan kedua
        Komisi I DPRD B": "DPRD" is B's)."""
        found = self._host_tokens(host, sentences)
        if not others:
            return found
        by_sentence: dict[int, list[RegionHit]] = defaultdict(list)
        for hit in self.hits:
            if hit.region.code == visitor or hit.region.code in others:
                by_sentence[hit.sentence].append(hit)
        for index, hits in by_sentence.items():
            ours = [h for h in hits if h.region.code == visitor]
            theirs = [h for h in hits if h.region.code != visitor]
            if not theirs:
                continue
            for k in attributes.body_word_starts(self.sentences[index]):  # the only tokens looked at
                if not ours or _distance(k, theirs) < _distance(k, ours):
                    found[index].add(k)
        return found

    def _at_national_body(self, mention: Mention) -> bool:
        """Whether an official of no known region is told of at a ministry or another national body (named
        in the sentence or the one before): who received the delegation there did not receive it at the host
        ("berkonsultasi ke Kementerian ... Rombongan diterima Analis Hukum X")."""
        national = cues.cue("not_regional")
        return any(
            national.find_in(self.sentences[i]) for i in (mention.sentence - 1, mention.sentence) if i >= 0
        )

    def _place(self, name: str | None, code: str) -> None:
        """An official named as leading or receiving a visit serves the visiting or host region."""
        for mention in self.mentions:
            if mention.person.name == name and mention.person.region is None:
                mention.person.region = code

    def _receiving(self, mention: Mention) -> bool:
        words = self.words[mention.sentence]
        return any(
            cues.cue("receives").match_at(words, k) for k in range(max(0, mention.first - 8), mention.first)
        )

    def _institutions(self, code: str) -> set[str]:
        """The institutions a region acts through in the sentences that tell its part in the visit ("Pemkot
        X melakukan ...", "DPRD X menerima ..."), not where it is only told of ("RSUD milik Pemkot X")."""
        acting = self.evidence.sentences.get(code, set())
        found = set()
        for hit in self.hits:
            if (
                hit.region.code == code
                and hit.institution in ("executive", "legislature")
                and hit.sentence in acting
            ):
                found.add(hit.institution)
        return found

    def _sectors(self, own: set[int], others: set[int]) -> tuple[list[str], list[str]]:
        """Sectors named where the report says what the visit is for (purpose phrases, visit phrases, the
        title) are its focus; the others are mentioned."""
        focus: list[str] = list(dict.fromkeys(hit.sector for hit in self.title_sectors))
        mentioned: list[str] = []
        for hit in self.sector_hits:
            if hit.sentence in others:
                continue
            target = (
                focus if hit.sentence in self.purpose or hit.sentence in self.trigger_types else mentioned
            )
            if hit.sector not in target:
                target.append(hit.sector)
        mentioned = [s for s in mentioned if s not in focus]
        return focus, mentioned


class _SentenceDates:
    """The dates of each sentence, found when a sentence is first asked for: a visit's date is mostly in
    its first sentence, so most of a report is never searched. (A date never runs across sentences: the
    dates of all sentences are those of the whole text.)"""

    def __init__(self, sentences: list[Sentence], published: dt.date | None):
        self._sentences = sentences
        self._published = published
        self._found: dict[int, list[DateMention]] = {}

    def get(self, index: int, default: Iterable[DateMention] = ()) -> Iterable[DateMention]:
        found = self._found.get(index)
        if found is None:
            if not 0 <= index < len(self._sentences):
                return default
            sentence = self._sentences[index]
            found = self._found[index] = [
                replace(m, start=m.start + sentence.start, end=m.end + sentence.start)
                for m in find_dates(sentence.text, self._published)
            ]
        return found


class _OnFirstRead:
    """A mapping made when it is first read."""

    def __init__(self, make: Callable[[], dict]):
        self._make = make
        self._made: dict | None = None

    def get(self, key: object, default: object = None) -> object:
        if self._made is None:
            self._made = self._make()
        return self._made.get(key, default)


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


__all__ = ["extract_article", "extract_articles", "lexicon"]


def _distance(token: int, hits: list[RegionHit]) -> int:
    """How many tokens lie between a token and the nearest of the region names (0: inside one)."""
    return min(
        h.first_token - token if token < h.first_token else max(0, token - h.last_token + 1) for h in hits
    )
