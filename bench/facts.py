"""Synthetic facts shaped like the real ones, for scale benchmarks: `synthetic_corpus(n, seed)`.

Every record is a `warta.facts.ArticleFacts` as `warta extract` writes it (with evidence on each region,
official and visit) together with its `warta.facts.Article` (title, publication date, source, URL; no text).
Regions come from the packaged gazetteer, sectors from the 23 ids of `ontology/sectors.ttl`. The corpus is
deterministic for a seed and has the shape of regional news about visits:

- 1 visit per article mostly (≈ 12 % report none, ≈ 12 % two delegations), joint visits now and then;
  visitors and hosts drawn with a bias towards a few popular hosts, as real studi tiru trips are;
- dates spread over ten years (2016–2025), delegation sizes of 5–80 people or unknown;
- officials per region that recur across articles (the same Bupati, Sekda and agency heads), so official
  IRIs are shared as they are in real data; leaders and receivers are among the article's officials;
- ≈ 5 % of the articles report a visit an earlier article already reported (same visitors, host and date),
  which the mapping merges into one `warta:Visit` with two sources.

    python bench/facts.py --articles 1000 -o facts.jsonl --articles-out articles.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.facts import Article, ArticleFacts, Evidence, Official, RegionMention, Visit
from warta.gazetteer import Gazetteer, Region, load_gazetteer
from warta.mapping import known_sectors

FIRST_NAMES = [
    "Agus",
    "Ahmad",
    "Andi",
    "Arief",
    "Bambang",
    "Budi",
    "Dedi",
    "Dewi",
    "Dian",
    "Eko",
    "Endang",
    "Fajar",
    "Fitri",
    "Hadi",
    "Hendra",
    "Heru",
    "Ika",
    "Irawati",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Muhammad",
    "Nur",
    "Nyoman",
    "Putu",
    "Rahmat",
    "Ratna",
    "Ricky",
    "Rina",
    "Rudi",
    "Sari",
    "Siti",
    "Slamet",
    "Sri",
    "Suharto",
    "Sutrisno",
    "Taufik",
    "Teguh",
    "Tri",
    "Wahyu",
    "Wayan",
    "Yanti",
    "Yudi",
    "Yusuf",
    "Zainal",
    "Ketut",
    "Gede",
    "Abdul",
    "Rizal",
]
LAST_NAMES = [
    "Hidayat",
    "Saputra",
    "Wijaya",
    "Santoso",
    "Pratama",
    "Kurniawan",
    "Setiawan",
    "Nugroho",
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Sinaga",
    "Pohan",
    "Hasibuan",
    "Tanjung",
    "Rahman",
    "Syahputra",
    "Gunawan",
    "Susanto",
    "Wibowo",
    "Hartono",
    "Prasetyo",
    "Suiasa",
    "Bahasan",
    "Ricfat",
    "Tampubolon",
    "Manurung",
    "Sembiring",
    "Ginting",
    "Tarigan",
    "Pasaribu",
    "Daulay",
    "Rangkuti",
    "Matondang",
    "Lamba",
    "Pattimura",
    "Wattimena",
    "Latuconsina",
    "Mokodompit",
    "Pakaya",
    "Gobel",
    "Katili",
    "Laode",
    "Mappanyukki",
]
SOURCES = [
    "antaranews.com",
    "kompas.com",
    "detik.com",
    "tribunnews.com",
    "kabartimur.com",
    "atnews.id",
    "radarbanjarmasin.jawapos.com",
    "sumeks.co",
    "pontianakpost.jawapos.com",
    "infopublik.id",
    "jatengprov.go.id",
    "kaltimprov.go.id",
    "beritasatu.com",
    "rri.co.id",
]
VENUES = (
    "Ruang Rapat Wali Kota", "Aula Kantor Bupati", "Ruang Rapat Sekda", "Pendopo Kabupaten",
    "Gedung DPRD", "Ruang Command Center", "Aula Bappeda", "Mal Pelayanan Publik", "Rumah Jabatan Bupati",
)  # fmt: skip
VISIT_TYPES = (
    ("studi tiru", 30),
    ("studi banding", 30),
    ("kunjungan kerja", 25),
    ("kunjungan", 12),
    ("other", 3),
)
BODIES = (("executive", 60), ("legislature", 30), ("mixed", 10))
# role, role_class, how many such officials a region has
ROLES = (
    ("{head}", "head", 1),
    ("{deputy}", "deputy_head", 1),
    ("Sekretaris Daerah", "secretary", 1),
    ("Ketua DPRD", "legislature", 1),
    ("Anggota DPRD", "legislature", 6),
    ("Kepala Dinas", "agency_head", 6),
    ("Kepala Bappeda", "agency_head", 1),
    ("Asisten Perekonomian", "staff", 2),
)
_HEADS = {"province": ("Gubernur", "Wakil Gubernur"), "regency": ("Bupati", "Wakil Bupati"),
          "city": ("Wali Kota", "Wakil Wali Kota")}  # fmt: skip


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    role_class: str
    region: str


class _Officials:
    """The officials of each region, made on first use and the same for the whole corpus."""

    def __init__(self, gazetteer: Gazetteer, seed: int):
        self.gazetteer = gazetteer
        self.seed = seed
        self._by_region: dict[str, list[Person]] = {}

    def of(self, code: str) -> list[Person]:
        found = self._by_region.get(code)
        if found is None:
            rng = random.Random(f"{self.seed}/officials/{code}")
            head, deputy = _HEADS[self.gazetteer[code].kind]
            found = []
            names: set[str] = set()
            for role, role_class, count in ROLES:
                for _ in range(count):
                    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                    while name in names:
                        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                    names.add(name)
                    found.append(Person(name, role.format(head=head, deputy=deputy), role_class, code))
            self._by_region[code] = found
        return found


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _evidence(rng: random.Random, text: str) -> Evidence:
    start = rng.randrange(0, 3000)
    return Evidence(text=text, start=start, end=start + len(text))


def synthetic_corpus(
    n: int, seed: int = 0, gazetteer: Gazetteer | None = None, evidence: bool = True
) -> Iterator[tuple[ArticleFacts, Article]]:
    """`n` (facts, article) pairs, the same for the same `n` prefix and seed."""
    gazetteer = gazetteer or load_gazetteer()
    rng = random.Random(seed)
    regions = sorted(gazetteer, key=lambda r: r.code)
    local = [r for r in regions if r.kind != "province"]
    # a few popular hosts (the Pontianaks, Badungs and Surabayas of studi tiru), a long tail of others
    host_weights = [rng.paretovariate(1.2) for _ in local]
    sectors = sorted(known_sectors())
    officials = _Officials(gazetteer, seed)
    reported: list[tuple[list[str], str, str]] = []
    for number in range(n):
        article_id = f"syn-{seed}-{number:07d}"
        visits: list[Visit] = []
        people: dict[str, Person] = {}
        mentioned: dict[str, Region] = {}

        def mention(region: Region, people=people, mentioned=mentioned) -> None:
            mentioned.setdefault(region.code, region)
            if region.province:
                mentioned.setdefault(region.province, gazetteer[region.province])

        def meet(code: str, role_classes: tuple[str, ...], people=people) -> Person:
            pool = [p for p in officials.of(code) if p.role_class in role_classes]
            person = rng.choice(pool)
            people.setdefault(person.name, person)
            return person

        count = rng.choices((0, 1, 2), weights=(12, 76, 12))[0]
        for _ in range(count):
            if reported and rng.random() < 0.05:
                visitors, host, date = rng.choice(reported)
            else:
                host = rng.choices(local, weights=host_weights)[0].code
                size = rng.choices((1, 2, 3), weights=(90, 7, 3))[0]
                visitors = sorted({rng.choice(local).code for _ in range(size)} - {host}) or [regions[0].code]
                date = f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                reported.append((visitors, host, date))
            for code in (*visitors, host):
                mention(gazetteer[code])
            body = _weighted(rng, BODIES)
            if body == "legislature":
                leader = meet(visitors[0], ("legislature",))
            else:
                leader = meet(visitors[0], ("head", "deputy_head", "secretary", "agency_head"))
            receiver = meet(host, ("head", "deputy_head", "secretary", "staff"))
            for _ in range(rng.randint(0, 2)):
                meet(rng.choice([*visitors, host]), ("agency_head", "staff", "legislature"))
            focus = rng.sample(sectors, rng.choices((1, 2, 3, 4), weights=(45, 30, 15, 10))[0])
            others = [s for s in rng.sample(sectors, rng.randint(0, 2)) if s not in focus]
            names = ", ".join(gazetteer[c].name for c in visitors)
            visits.append(
                Visit(
                    visitor=list(visitors),
                    host=host,
                    visitor_body=body,
                    date=date if rng.random() < 0.9 else None,
                    delegation_size=rng.randint(5, 80) if rng.random() < 0.6 else None,
                    leader=leader.name if rng.random() < 0.85 else None,
                    received_by=receiver.name if rng.random() < 0.8 else None,
                    visit_type=_weighted(rng, VISIT_TYPES),
                    venue=rng.choice(VENUES) if rng.random() < 0.5 else None,
                    focus_sectors=focus,
                    mentioned_sectors=others,
                    evidence=_evidence(
                        rng, f"Rombongan {names} melakukan kunjungan ke {gazetteer[host].name}."
                    )
                    if evidence
                    else None,
                )
            )
        if not visits:  # an article about something else that still names a region or two
            for _ in range(rng.randint(1, 3)):
                mention(rng.choice(local))
            meet(next(iter(mentioned)), ("head", "deputy_head"))
        facts = ArticleFacts(
            id=article_id,
            regions=[
                RegionMention(r.code, r.name, _evidence(rng, f"... {r.name} ...") if evidence else None)
                for r in mentioned.values()
            ],
            officials=[
                Official(
                    p.name,
                    p.role,
                    p.role_class,
                    p.region,
                    _evidence(rng, f"{p.role} {p.name} mengatakan ...") if evidence else None,
                )
                for p in people.values()
            ],
            visits=visits,
        )
        published = visits[0].date if visits and visits[0].date else f"{rng.randint(2016, 2025)}-06-01"
        source = rng.choice(SOURCES)
        title = (
            f"{gazetteer[visits[0].visitor[0]].name} {visits[0].visit_type} "
            f"ke {gazetteer[visits[0].host].name}"
            if visits
            else f"Berita daerah {number}"
        )
        article = Article(
            id=article_id,
            text="",
            title=title,
            published=published,
            source=source,
            url=f"https://{source}/berita/{article_id}",
        )
        yield facts, article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-evidence", action="store_true", help="leave out the evidence of each fact")
    parser.add_argument("-o", "--output", type=Path, help="facts JSONL (default: stdout)")
    parser.add_argument("--articles-out", type=Path, help="also write the article records (JSONL) here")
    args = parser.parse_args(argv)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    meta = args.articles_out.open("w", encoding="utf-8") if args.articles_out else None
    try:
        for facts, article in synthetic_corpus(args.articles, args.seed, evidence=not args.no_evidence):
            out.write(json.dumps(facts.to_dict(), ensure_ascii=False) + "\n")
            if meta is not None:
                meta.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
        if meta is not None:
            meta.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
