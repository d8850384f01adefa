"""Synthetic Indonesian news reports of visits between regions, for benchmarks and tests.

`generate_articles(n, seed)` yields `n` reports in the genre warta reads: a regency, city or province (its
government or its DPRD) makes a studi tiru, studi banding or kunjungan kerja to another region; who led the
delegation, who received it and where, why it came (sectors), what both sides said, and background on the
regions (population, villages, budgets, awards). Some reports carry two delegations, and some report no
visit at all (festival openings, inaugurations, launches, DPRD plenary sessions, bazaars).

The regions come from warta's gazetteer: real names, sometimes their short aliases, written with the
prefixes news uses (Pemkab, Pemkot, Pemprov, Kabupaten, Kota, DPRD ...). People, venues and phrasings come
from the small pools below: this is test-data generation, not the product's lexicon. Each article is drawn
from a random generator seeded by (seed, index), so a seed gives the same reports on every machine, and the
first k reports of `generate_articles(n, seed)` are the same for every n >= k.

`generate_reports` yields the same articles with what was put into them (the kind of report, and for each
visit its visitor and host codes, type, date, size, leader and receiver), for tests that check that the
extractor reads them.

CLI: ``python -m bench.corpus N -o corpus.jsonl [--seed S]`` writes article records (one JSON object a
line, the record format of data/corpus/dev/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from warta.facts import Article
from warta.gazetteer import Gazetteer, Region, load_gazetteer, name_key

MIN_CHARS = 800
MAX_CHARS = 2500
REPORT_KINDS = ("visit", "two_delegations", "no_visit")
_KIND_WEIGHTS = (80, 10, 10)
_TARGET_MEAN, _TARGET_SD = 1600, 380  # characters: the genre averages ~1,600


@dataclass(frozen=True, slots=True)
class SyntheticVisit:
    """A visit written into a generated report: what a careful reader should find."""

    visitor: str  # Kemendagri code
    host: str
    visit_type: str  # canonical: studi tiru | studi banding | kunjungan kerja | kunjungan
    date: str | None  # ISO
    delegation_size: int | None
    leader: str | None  # name without honorifics and degrees
    received_by: str | None
    focus_sectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SyntheticReport:
    """A generated article and what was put into it."""

    article: Article
    kind: str  # one of REPORT_KINDS
    visits: tuple[SyntheticVisit, ...] = ()


def generate_articles(n: int, seed: int = 0) -> Iterator[Article]:
    """`n` synthetic reports in the genre, deterministic for a seed."""
    for report in generate_reports(n, seed):
        yield report.article


def generate_reports(n: int, seed: int = 0, gazetteer: Gazetteer | None = None) -> Iterator[SyntheticReport]:
    """`n` synthetic reports with what each was generated from (kind, visits)."""
    pools = _region_pools(gazetteer or load_gazetteer())
    for index in range(n):
        yield _generate_one(pools, seed, index)


def _generate_one(pools: _RegionPools, seed: int, index: int) -> SyntheticReport:
    for attempt in range(20):
        rng = random.Random(f"warta-bench:{seed}:{index}:{attempt}")
        kind = rng.choices(REPORT_KINDS, weights=_KIND_WEIGHTS)[0]
        writer = _Writer(rng, pools)
        if kind == "visit":
            report = writer.single_visit()
        elif kind == "two_delegations":
            report = writer.two_delegations()
        else:
            report = writer.no_visit()
        title, paragraphs, visits = report
        text = _tidy("\n\n".join(writer.header() + paragraphs))
        title = _tidy(title)
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            published = writer.published.isoformat() if writer.published else None
            article = Article(
                id=f"syn-{seed}-{index:06d}",
                text=text,
                title=title,
                published=published,
                source=writer.source,
                url=writer.url(title),
            )
            return SyntheticReport(article, kind, tuple(visits))
    raise RuntimeError(
        f"could not generate report {index} of seed {seed} within {MIN_CHARS}-{MAX_CHARS} chars"
    )


# --- pools ------------------------------------------------------------------------------------------------

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# (surface, canonical type, weight)
_VISIT_TYPES = (
    ("studi tiru", "studi tiru", 8),
    ("kunjungan studi tiru", "studi tiru", 2),
    ("kaji tiru", "studi tiru", 1),
    ("study tiru", "studi tiru", 1),
    ("studi banding", "studi banding", 8),
    ("kaji banding", "studi banding", 2),
    ("study banding", "studi banding", 1),
    ("studi komparasi", "studi banding", 1),
    ("kunjungan kerja", "kunjungan kerja", 9),
    ("kunker", "kunjungan kerja", 1),
    ("kunjungan kerja (kunker)", "kunjungan kerja", 2),
    ("kunjungan", "kunjungan", 2),
)

# Names that read as everyday words: the generator writes them with a prefix, never bare.
_EVERYDAY_NAMES = frozenset(
    {
        "batu",
        "bima",
        "puncak",
        "banjar",
        "medan",
        "agam",
        "kota baru",
        "muna",
        "buru",
        "alor",
        "ende",
        "belu",
        "malaka",
        "karo",
        "nias",
        "bone",
        "seram",
        "lingga",
        "bangka",
        "belitung",
        "batang",
        "toba",
        "samosir",
        "kapuas",
        "pati",
        "luwu",
        "sula",
        "buton",
        "solok",
        "deli serdang",
    }
)

# Frequent hosts of studi tiru in the news.
_POPULAR_HOSTS = (
    "Kota Surabaya",
    "Kota Bandung",
    "Kota Makassar",
    "Kota Malang",
    "Kabupaten Banyuwangi",
    "Kabupaten Badung",
    "Kota Yogyakarta",
    "Kota Semarang",
    "Kabupaten Sleman",
    "Kota Batu",
    "Kota Denpasar",
    "Kota Pontianak",
    "Kota Balikpapan",
    "Kabupaten Kulon Progo",
    "Kota Tangerang",
    "Kabupaten Sumedang",
    "Kota Bogor",
    "Kabupaten Bantaeng",
    "Kabupaten Kudus",
    "Kota Madiun",
    "Kota Palembang",
    "Kota Pekanbaru",
    "Kota Padang",
    "Kabupaten Gianyar",
    "Kabupaten Trenggalek",
    "Kota Tegal",
    "Kota Magelang",
    "Kabupaten Siak",
    "Kota Bontang",
    "Kabupaten Gowa",
    "Kabupaten Bojonegoro",
    "Kabupaten Lamongan",
    "Kota Bukittinggi",
    "Kabupaten Purwakarta",
)

# Given and family names by naming tradition: (male given, male family, female given, female family).
_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "jawa": (
        (
            "Bambang",
            "Agus",
            "Budi",
            "Eko",
            "Joko",
            "Slamet",
            "Heru",
            "Wahyu",
            "Teguh",
            "Hadi",
            "Sigit",
            "Yudi",
        ),
        ("Santoso", "Wibowo", "Prasetyo", "Hartono", "Susilo", "Setiawan", "Nugroho", "Purnomo", "Kusumo"),
        ("Sri", "Endang", "Retno", "Dian", "Tutik", "Yuli", "Wiwik", "Ratna", "Indah", "Dewi"),
        ("Rahayu", "Lestari", "Handayani", "Wulandari", "Astuti", "Purwaningsih", "Susanti", "Kusumawati"),
    ),
    "sunda": (
        ("Dadang", "Asep", "Ujang", "Cecep", "Yayan", "Dedi", "Iwan", "Ade"),
        ("Supriatna", "Sudrajat", "Hidayat", "Permana", "Kurniawan", "Suryana", "Gunawan", "Sumarna"),
        ("Euis", "Neneng", "Iis", "Yeni", "Rina", "Lilis"),
        ("Rosmiati", "Nurhayati", "Komalasari", "Sundari"),
    ),
    "batak": (
        ("Rudolf", "Jhonson", "Martin", "Henry", "Benny", "Parlindungan", "Tigor", "Robert"),
        ("Simanjuntak", "Siregar", "Nasution", "Harahap", "Sitompul", "Hutapea", "Pasaribu", "Tambunan"),
        ("Rosdiana", "Melva", "Tiurma", "Lamria", "Sarma"),
        ("Simanjuntak", "Siregar", "Nasution", "Harahap", "Sitompul", "Hutapea", "Pasaribu", "Tambunan"),
    ),
    "bugis": (
        ("Andi Baso", "Andi Irfan", "Andi Asrul", "Muhammad Yusran", "Syamsul", "Arifuddin", "Sudirman"),
        ("Mappatoba", "Sulaiman", "Pawelloi", "Tenriajeng", "Rahim", "Bakri", "Mustari"),
        ("Andi Nurhayati", "Andi Rosmini", "Hasnah", "Nurjannah"),
        ("Tenriola", "Rahman", "Amir", "Rasyid"),
    ),
    "bali": (
        ("I Made", "I Ketut", "I Wayan", "I Nyoman", "I Gede", "I Putu"),
        ("Sudarta", "Suiasa", "Adnyana", "Arnawa", "Sukerta", "Wiratama", "Astawa", "Sumerta", "Suardana"),
        ("Ni Luh Putu", "Ni Made", "Ni Ketut", "Ni Wayan"),
        ("Sukasih", "Ariani", "Suartini", "Widiastuti", "Sriasih"),
    ),
    "melayu": (
        (
            "Muhammad",
            "Ahmad",
            "Abdul",
            "Syamsul",
            "Zulkifli",
            "Rahmat",
            "Hasanuddin",
            "Nurdin",
            "Rizal",
            "Khairul",
        ),
        ("Fauzi", "Ridwan", "Rahman", "Hakim", "Aziz", "Syahputra", "Yusuf", "Hamzah", "Ismail", "Effendi"),
        ("Siti", "Nur", "Fatimah", "Rahmawati", "Zainab", "Nurul", "Yusnita"),
        ("Aisyah", "Hidayati", "Nurhasanah", "Rahmah", "Maharani", "Zahra", "Safitri"),
    ),
    "minang": (
        ("Ramlan", "Febri", "Dasril", "Erman", "Hendri", "Yulius"),
        ("Chaniago", "Piliang", "Sikumbang", "Caniago", "Syafrudin"),
        ("Yenni", "Desi", "Elfi", "Rahmi"),
        ("Chaniago", "Piliang", "Fitriani", "Yanti"),
    ),
    "timur": (
        ("Yohanis", "Markus", "Yakobus", "Frans", "Agustinus", "Paulus", "Antonius"),
        ("Rumbiak", "Wanggai", "Pattiasina", "Latuconsina", "Tuhumury", "Kaize", "Mandacan", "Ndoen"),
        ("Maria", "Yuliana", "Agustina", "Elisabeth"),
        ("Rumbiak", "Pattiasina", "Ndoen", "Kaize"),
    ),
    "mononym": (
        ("Partono", "Suratno", "Sugiarto", "Muttaqin", "Subagyo", "Darmaji", "Sutarno", "Suyatno"),
        (),
        ("Winarti", "Irawati", "Mardiyah", "Sumiati", "Sulastri", "Suharti"),
        (),
    ),
}
_NAME_WEIGHTS = {
    "jawa": 6,
    "sunda": 2,
    "batak": 2,
    "bugis": 2,
    "bali": 1,
    "melayu": 5,
    "minang": 1,
    "timur": 1,
    "mononym": 3,
}
_RELIGIOUS_HONORIFICS = frozenset({"jawa", "sunda", "bugis", "melayu", "minang", "mononym"})
_PREFIXES_M = ("Drs.", "Dr.", "Ir.", "Drs. H.", "Dr. H.", "H.", "H.", "Ir. H.")
_PREFIXES_F = ("Dra.", "Dr.", "Ir.", "Hj.", "Hj.", "Dra. Hj.")
_DEGREES = (
    "S.Sos",
    "SE",
    "SE, MM",
    "S.Sos., M.Si",
    "S.STP, M.AP",
    "ST, MT",
    "SH, MH",
    "S.Pd., M.Pd",
    "S.Kom",
    "S.IP, M.Si",
    "SKM, M.Kes",
    "M.Si",
    "MM",
    "S.Hut., M.Si.",
    "SE., M.Si",
    "ST",
    "SH",
    "S.Pt",
)
_FIRST_WORDS_NOT_SHORT = frozenset({"muhammad", "ahmad", "abdul", "siti", "nur", "nurul", "i", "ni", "andi"})

# Sector id -> (agency title, topics stated as a purpose, a site to visit)
_SECTORS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "umkm": (
        "Kepala Dinas Koperasi dan UKM",
        ("pengembangan UMKM", "pembinaan pelaku UMKM dan koperasi", "pemasaran produk UMKM lokal"),
        ("sentra UMKM", "rumah kemasan produk UMKM"),
    ),
    "pariwisata": (
        "Kepala Dinas Pariwisata",
        ("pengelolaan destinasi wisata", "pengembangan desa wisata", "promosi pariwisata daerah"),
        ("desa wisata", "kawasan wisata alun-alun"),
    ),
    "pertanian": (
        "Kepala Dinas Pertanian",
        ("pengembangan pertanian organik", "budidaya hortikultura", "pembibitan sapi potong"),
        ("kebun percontohan", "balai benih"),
    ),
    "perikanan": (
        "Kepala Dinas Kelautan dan Perikanan",
        ("budidaya perikanan air tawar", "pengelolaan tempat pelelangan ikan"),
        ("kolam budidaya ikan", "tempat pelelangan ikan"),
    ),
    "ketahanan_pangan": (
        "Kepala Dinas Ketahanan Pangan",
        ("ketahanan pangan daerah", "pengendalian harga pangan", "pengelolaan cadangan pangan"),
        ("gudang cadangan pangan",),
    ),
    "kesehatan": (
        "Kepala Dinas Kesehatan",
        (
            "percepatan penurunan stunting",
            "pelayanan kesehatan di puskesmas",
            "program jaminan kesehatan daerah",
        ),
        ("puskesmas", "rumah sakit daerah"),
    ),
    "pendidikan": (
        "Kepala Dinas Pendidikan",
        ("peningkatan mutu pendidikan", "program beasiswa daerah", "gerakan literasi sekolah"),
        ("sekolah penggerak",),
    ),
    "sosial": (
        "Kepala Dinas Sosial",
        ("pelayanan bagi lansia dan penyandang disabilitas", "penanganan kemiskinan ekstrem"),
        ("panti sosial", "rumah singgah lansia"),
    ),
    "pemberdayaan": (
        "Kepala Dinas Pemberdayaan Masyarakat dan Desa",
        ("pengelolaan dana desa", "pengembangan BUMDes", "pemberdayaan masyarakat desa"),
        ("BUMDes percontohan",),
    ),
    "pelayanan_publik": (
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        (
            "penyelenggaraan Mal Pelayanan Publik (MPP)",
            "pelayanan perizinan terpadu",
            "inovasi pelayanan administrasi kependudukan",
        ),
        ("Mal Pelayanan Publik",),
    ),
    "tata_kelola": (
        "Kepala Bagian Organisasi",
        ("reformasi birokrasi", "penerapan SAKIP", "penataan organisasi perangkat daerah"),
        ("ruang kerja Bagian Organisasi",),
    ),
    "digital": (
        "Kepala Dinas Komunikasi dan Informatika",
        (
            "penerapan Sistem Pemerintahan Berbasis Elektronik (SPBE)",
            "pengembangan smart city",
            "pengelolaan aplikasi layanan digital",
        ),
        ("command center",),
    ),
    "keuangan_daerah": (
        "Kepala Badan Pendapatan Daerah",
        ("optimalisasi Pendapatan Asli Daerah (PAD)", "pengelolaan pajak dan retribusi daerah"),
        ("kantor pelayanan pajak daerah",),
    ),
    "investasi": (
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        ("promosi penanaman modal", "peningkatan investasi daerah"),
        ("kawasan industri",),
    ),
    "perdagangan": (
        "Kepala Dinas Perdagangan",
        ("penataan pasar tradisional", "penataan pedagang kaki lima (PKL)"),
        ("pasar rakyat",),
    ),
    "industri": (
        "Kepala Dinas Perindustrian",
        ("pengembangan ekonomi kreatif", "pembinaan industri kecil dan kerajinan"),
        ("sentra kerajinan",),
    ),
    "lingkungan": (
        "Kepala Dinas Lingkungan Hidup",
        (
            "pengelolaan sampah berbasis masyarakat",
            "pengembangan bank sampah",
            "pengelolaan ruang terbuka hijau",
        ),
        ("TPST", "bank sampah induk"),
    ),
    "infrastruktur": (
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        ("penataan kawasan permukiman", "pembangunan infrastruktur jalan", "penataan ruang kota"),
        ("kawasan permukiman",),
    ),
    "perhubungan": (
        "Kepala Dinas Perhubungan",
        ("manajemen lalu lintas", "pengelolaan transportasi umum"),
        ("terminal terpadu",),
    ),
    "kebudayaan": (
        "Kepala Dinas Kebudayaan",
        ("pelestarian cagar budaya", "pengembangan kesenian daerah"),
        ("museum daerah",),
    ),
    "ketenagakerjaan": (
        "Kepala Dinas Tenaga Kerja",
        ("pelatihan kerja bagi pencari kerja", "penempatan tenaga kerja"),
        ("balai latihan kerja",),
    ),
    "kebencanaan": (
        "Kepala Pelaksana BPBD",
        ("penanggulangan bencana", "kesiapsiagaan menghadapi bencana"),
        ("pusat pengendalian operasi BPBD",),
    ),
    "pemuda_olahraga": (
        "Kepala Dinas Pemuda dan Olahraga",
        ("pembinaan olahraga prestasi", "pengembangan kepemudaan"),
        ("gelanggang olahraga",),
    ),
}
_SECTOR_WEIGHTS = {
    "umkm": 6,
    "pariwisata": 6,
    "pelayanan_publik": 6,
    "lingkungan": 5,
    "tata_kelola": 4,
    "digital": 4,
    "keuangan_daerah": 3,
    "pemberdayaan": 3,
    "kesehatan": 3,
    "pertanian": 3,
}

_ASSISTANTS = (
    "Asisten Perekonomian dan Pembangunan",
    "Asisten Pemerintahan dan Kesra",
    "Asisten Administrasi Umum",
    "Asisten II Bidang Perekonomian dan Pembangunan",
    "Staf Ahli Bidang Ekonomi dan Pembangunan",
)
_LEGISLATURE_LEADERS = (
    ("Ketua DPRD", 2),
    ("Wakil Ketua DPRD", 3),
    ("Ketua Komisi II DPRD", 3),
    ("Ketua Komisi I DPRD", 1),
    ("Wakil Ketua Komisi III DPRD", 1),
    ("Ketua Pansus IV DPRD", 1),
    ("Ketua Bapemperda DPRD", 1),
)
_LEGISLATURE_HOSTS = (
    ("Ketua DPRD", 2),
    ("Wakil Ketua DPRD", 3),
    ("Sekretaris DPRD", 3),
    ("Ketua Komisi II DPRD", 1),
)
_COMMISSIONS = ("Komisi I", "Komisi II", "Komisi III", "Komisi IV", "Komisi A", "Komisi B", "Pansus III")

_VILLAGES = (
    "Sukamaju",
    "Karangrejo",
    "Sidomulyo",
    "Mekarsari",
    "Sumberejo",
    "Bojongsari",
    "Margamulya",
    "Wonorejo",
    "Suka Damai",
    "Tanah Merah",
    "Air Hitam",
    "Harapan Jaya",
)
_AWARDS = (
    "opini Wajar Tanpa Pengecualian (WTP) dari BPK RI tujuh kali berturut-turut",
    "Piala Adipura",
    "Innovative Government Award (IGA) dari Kementerian Dalam Negeri",
    "predikat {kind} Layak Anak kategori Nindya",
    "Penghargaan Pembangunan Daerah (PPD) tingkat nasional",
    "nilai A untuk SAKIP dari Kementerian PANRB",
    "Anugerah Parahita Ekapraya",
    "predikat terbaik pelayanan publik dari Ombudsman RI",
    "penghargaan Universal Health Coverage (UHC)",
    "Anugerah Desa Wisata Indonesia",
)
_SOURCES = (
    ("Prokopim", None),
    ("Humas Setda", None),
    ("Diskominfo", None),
    ("kabarnusantara.id", "https://kabarnusantara.id"),
    ("warta-daerah.com", "https://warta-daerah.com"),
    ("beritapemda.co.id", "https://beritapemda.co.id"),
    ("suaraindonesia-timur.com", "https://suaraindonesia-timur.com"),
    ("infopublik.id", "https://infopublik.id"),
    ("lintasdaerah.net", "https://lintasdaerah.net"),
)
_SAYS = ("ujar", "kata", "tutur", "jelas", "ungkap", "terang")
_SAYS_SUFFIX = (
    "ujarnya",
    "katanya",
    "tuturnya",
    "jelasnya",
    "ungkapnya",
    "pungkasnya",
    "tambahnya",
    "paparnya",
)
_BYLINES = ("(Humas)", "(Prokopim)", "(adv)", "(rls)", "(mg)", "(dul)", "Sumber: Diskominfo", "(*)")


# --- regions ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class _RegionPools:
    local: tuple[Region, ...]  # regencies and cities that visit and host
    provinces: tuple[Region, ...]
    popular: tuple[Region, ...]
    by_code: dict[str, Region]
    ambiguous: frozenset[str]  # codes whose bare name also names another region
    aliases: dict[str, tuple[str, ...]]  # code -> aliases that name only this region
    region_keys: frozenset[str]  # every region surface form: generated names must avoid them


@cache
def _region_pools(gazetteer: Gazetteer) -> _RegionPools:
    index = gazetteer.surface_index()
    regions = [r for r in gazetteer if not r.code.startswith("31") and r.code != "34"]
    ambiguous = frozenset(r.code for r in regions if len(index.get(name_key(r.core_name), ())) > 1)
    aliases = {r.code: tuple(a for a in r.aliases if len(index.get(name_key(a), ())) == 1) for r in regions}
    by_name = {r.name: r for r in regions}
    return _RegionPools(
        local=tuple(r for r in regions if r.kind in ("regency", "city")),
        provinces=tuple(r for r in regions if r.kind == "province"),
        popular=tuple(by_name[name] for name in _POPULAR_HOSTS if name in by_name),
        by_code={r.code: r for r in gazetteer},
        ambiguous=ambiguous,
        aliases=aliases,
        region_keys=frozenset(index),
    )


@dataclass(slots=True)
class _Place:
    """A region as this report writes it."""

    region: Region
    alias: str | None  # the short name the report uses, if any
    everyday: bool  # a name that reads as an everyday word: always prefixed
    ambiguous: bool  # a bare name that also names another region
    province: Region | None

    @property
    def kind_word(self) -> str:
        return {"regency": "Kabupaten", "city": "Kota", "province": "Provinsi"}[self.region.kind]

    @property
    def core(self) -> str:
        return self.region.core_name


@dataclass(slots=True)
class _Person:
    name: str  # without honorifics and degrees
    full: str  # as first written, with honorifics and degrees
    short: str  # later mentions
    title: str  # "Wakil Bupati", "Kepala Dinas Pariwisata", "Ketua Komisi II DPRD"
    place: _Place | None
    female: bool
    introduced: bool = False


@dataclass(slots=True)
class _Party:
    place: _Place
    body: str  # executive | legislature | mixed
    leader: _Person
    companions: list[_Person] = field(default_factory=list)
    size: int | None = None


# --- the writer -------------------------------------------------------------------------------------------


class _Writer:
    """Writes one report from a seeded random generator."""

    def __init__(self, rng: random.Random, pools: _RegionPools):
        self.rng = rng
        self.pools = pools
        self.quote_open, self.quote_close = rng.choice((("“", "”"), ("“", "”"), ('"', '"')))
        self.day = self._visit_day()
        self.published: dt.date | None = (
            None if rng.random() < 0.2 else self.day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3)))
        )
        self.source, self._site = rng.choice(_SOURCES)
        self.used_names: set[str] = set()
        self.topics: dict[str, str] = {}  # the topic this report names for each sector
        self.people: list[_Person] = []

    # -- choice helpers

    def pick(self, options: Sequence):
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def url(self, title: str) -> str | None:
        if self._site is None:
            return None
        slug = "-".join(w for w in "".join(c if c.isalnum() else " " for c in title.lower()).split())
        return f"{self._site}/berita/{self.day.year}/{self.day.month:02d}/{slug}"

    def _visit_day(self) -> dt.date:
        start = dt.date(2018, 1, 1)
        while True:
            day = start + dt.timedelta(days=self.rng.randrange(0, 2890))
            if day.weekday() < 5 or (day.weekday() == 5 and self.chance(0.3)):
                return day

    # -- regions

    def place(self, region: Region) -> _Place:
        aliases = self.pools.aliases.get(region.code, ())
        alias = self.pick(aliases) if aliases and self.chance(0.45) else None
        province = self.pools.by_code.get(region.province) if region.province else None
        return _Place(
            region=region,
            alias=alias,
            everyday=name_key(region.core_name) in _EVERYDAY_NAMES,
            ambiguous=region.code in self.pools.ambiguous,
            province=province,
        )

    def two_places(self, visitor_kind: str = "local") -> tuple[_Place, _Place]:
        """A visitor and a host with different names (a province visits a province)."""
        pool = self.pools.provinces if visitor_kind == "province" else self.pools.local
        while True:
            visitor = self.pick(pool)
            if visitor_kind == "province":
                host = self.pick(pool)
            elif self.chance(0.06):
                host = self.pick(self.pools.provinces)
            elif self.chance(0.5):
                host = self.pick(self.pools.popular)
            elif self.chance(0.3) and visitor.province:
                neighbours = [r for r in self.pools.local if r.province == visitor.province]
                host = self.pick(neighbours)
            else:
                host = self.pick(pool)
            if name_key(visitor.core_name) != name_key(host.core_name):
                return self.place(visitor), self.place(host)

    def name(self, p: _Place) -> str:
        """The name as the report writes it after the prefix: the alias it uses, or the core name."""
        return p.alias if p.alias and self.chance(0.6) else p.core

    def plain(self, p: _Place) -> str:
        """Kabupaten X, Kota X, Provinsi X (or a province's bare name)."""
        if p.region.kind == "province":
            return f"Provinsi {p.core}" if self.chance(0.5) or p.ambiguous else self.name(p)
        if p.alias and self.chance(0.25):
            return f"{'Kab.' if p.region.kind == 'regency' and self.chance(0.3) else p.kind_word} {p.alias}"
        return f"{p.kind_word} {p.core}"

    def bare(self, p: _Place) -> str:
        """The region's name alone, where the report has already said which region it is."""
        if p.everyday or (p.ambiguous and p.region.kind == "province") or self.chance(0.25):
            return self.plain(p)
        return self.name(p)

    def gov(self, p: _Place, first: bool = False) -> str:
        """The region's government: Pemerintah Kabupaten X, Pemkot X, Pemprov X."""
        short = {"regency": "Pemkab", "city": "Pemkot", "province": "Pemprov"}[p.region.kind]
        long = f"Pemerintah {p.kind_word}"
        if first:
            options = [f"{long} {p.core}", f"{long} ({short}) {p.core}", f"{short} {p.core}"]
            if p.alias:
                options += [f"{long} {p.core} ({p.alias})"] * 2
            return self.pick(options)
        if self.chance(0.15) and not p.ambiguous:
            return f"Pemda {self.name(p)}"
        return f"{short} {self.name(p)}"

    def dprd(self, p: _Place, first: bool = False, long: bool = True) -> str:
        if first and long and self.chance(0.3):
            return f"Dewan Perwakilan Rakyat Daerah (DPRD) {p.kind_word} {p.core}"
        if not first and not p.ambiguous and not p.everyday and self.chance(0.5):
            return f"DPRD {self.name(p)}"
        return f"DPRD {p.kind_word} {p.core if first else self.name(p)}"

    def institution(self, party: _Party, first: bool = False, long: bool = True) -> str:
        if party.body == "legislature":
            return self.dprd(party.place, first, long)
        return self.gov(party.place, first)

    def locator(self, p: _Place) -> str:
        """ ", Kalimantan Tengah," after a regency or city, sometimes."""
        if p.province is None or not self.chance(0.4):
            return ""
        prov = self.place(p.province)
        word = f"Provinsi {prov.core}" if prov.ambiguous or self.chance(0.3) else self.name(prov)
        return f", {word},"

    # -- people

    def person(self, title: str, place: _Place | None, female: bool | None = None) -> _Person:
        if female is None:
            female = self.chance(0.25)
        for attempt in range(1000):
            if attempt % 10 == 0:  # a tradition whose names this report has used up: try another
                style = self.rng.choices(list(_NAMES), weights=[_NAME_WEIGHTS[k] for k in _NAMES])[0]
                male_given, male_family, female_given, female_family = _NAMES[style]
            if style == "mononym":
                name = self.pick(female_given if female else male_given)
            else:
                given = self.pick(female_given if female else male_given)
                family = self.pick(female_family if female else male_family)
                middle = ""
                if style in ("jawa", "sunda", "melayu") and self.chance(0.3):
                    middle = " " + self.pick(_NAMES[style][1 if not female else 3])
                name = f"{given}{middle} {family}"
                if len(set(name.split())) < len(name.split()):
                    continue
            # No two people of a report share a name word (a reader would take them for one person).
            keys = {name_key(w) for w in name.split()}
            if not keys & self.used_names and not keys & self.pools.region_keys:
                break
        self.used_names |= keys
        words = name.split()
        if len(words) == 1:
            short = name
        elif style == "bali" or words[0].lower() in _FIRST_WORDS_NOT_SHORT:
            short = words[-1] if style == "bali" or self.chance(0.6) else " ".join(words[:2])
        else:
            short = self.pick((words[0], words[-1], words[-1]))
        prefix = ""
        if self.chance(0.45):
            prefixes = _PREFIXES_F if female else _PREFIXES_M
            if style not in _RELIGIOUS_HONORIFICS:
                prefixes = tuple(p for p in prefixes if "H." not in p and "Hj." not in p)
            prefix = self.pick(prefixes) + " "
        degree = ""
        if self.chance(0.5):
            degree = self.pick((", ", ", ", " ")) + self.pick(_DEGREES)
        full = f"{prefix}{name}{degree}"
        if self.chance(0.06):
            full = ("Ibu " if female else "Bapak ") + full
        person = _Person(name=name, full=full, short=short, title=title, place=place, female=female)
        self.people.append(person)
        return person

    def titled(self, person: _Person, region: bool = True) -> str:
        """The title with its region: Wakil Bupati Kotim, Sekda Kota Palopo, Ketua Komisi II DPRD Kota X."""
        p = person.place
        if p is None or not region:
            return person.title
        head_words = ("Bupati", "Wali Kota", "Walikota", "Gubernur", "Wabup", "Wawali", "Wagub")
        if person.title.split()[-1] in head_words or person.title.endswith(("Wali Kota", "Walikota")):
            return f"{person.title} {self.name(p)}"
        if person.title.endswith("DPRD"):
            inner = self.name(p) if not p.ambiguous and not p.everyday and self.chance(0.5) else None
            return f"{person.title} {inner or p.kind_word + ' ' + p.core}"
        secretary = person.title in ("Sekda", "Sekretaris Daerah", "Pj Sekda", "Plt Sekretaris Daerah")
        if secretary and not p.ambiguous and not p.everyday and self.chance(0.5):
            return f"{person.title} {self.name(p)}"
        return f"{person.title} {self.plain(p)}"

    def intro(self, person: _Person, end: bool = False, region: bool = True) -> str:
        """A person's first mention (title and full name), or a later one (short name)."""
        if person.introduced:
            return self.ref(person)
        person.introduced = True
        title = self.titled(person, region)
        form = self.rng.random()
        if form < 0.45:
            return f"{title}, {person.full}" + ("" if end else ",")
        if form < 0.8:
            return f"{title} {person.full}"
        return f"{person.full} selaku {title}" + ("" if end else ",")

    def receiving(self, receiver: _Person, h: _Place) -> str:
        """The receiving official's first mention, sometimes as standing in for the head of the region."""
        staff = receiver.title.startswith(("Asisten", "Staf Ahli", "Kepala", "Sekretaris Daerah", "Sekda"))
        if receiver.introduced or not staff or not self.chance(0.35):
            return self.intro(receiver)
        head = {"regency": "Bupati", "city": "Wali Kota", "province": "Gubernur"}[h.region.kind]
        return f"{self.intro(receiver, end=True)} yang mewakili {head} {self.name(h)},"

    def ref(self, person: _Person) -> str:
        if not person.introduced:
            return self.intro(person, end=True)
        if self.chance(0.2):
            return f"{person.title.split(' DPRD')[0]} {person.short}"
        return person.short

    def leader_title(self, p: _Place, body: str) -> str:
        kind = p.region.kind
        if body == "legislature" or (body == "mixed" and self.chance(0.5)):
            return self.rng.choices(
                [t for t, _ in _LEGISLATURE_LEADERS], [w for _, w in _LEGISLATURE_LEADERS]
            )[0]
        heads = {
            "regency": ("Bupati", "Pj Bupati", "Plt Bupati"),
            "city": ("Wali Kota", "Wali Kota", "Pj Wali Kota", "Walikota"),
            "province": ("Gubernur", "Pj Gubernur"),
        }[kind]
        deputies = {
            "regency": ("Wakil Bupati", "Wakil Bupati", "Wabup"),
            "city": ("Wakil Wali Kota", "Wakil Wali Kota", "Wawali", "Wakil Walikota"),
            "province": ("Wakil Gubernur", "Wagub"),
        }[kind]
        choice = self.rng.choices(("head", "deputy", "sekda", "asisten", "agency"), (2, 3, 3, 1, 1))[0]
        if choice == "head":
            return self.pick(heads)
        if choice == "deputy":
            return self.pick(deputies)
        if choice == "sekda":
            return self.pick(("Sekretaris Daerah", "Sekda", "Sekda", "Pj Sekda", "Plt Sekretaris Daerah"))
        if choice == "asisten":
            return self.pick(_ASSISTANTS)
        return self.pick(("Kepala Bappeda", "Kepala Badan Perencanaan Pembangunan Daerah"))

    def receiver_title(self, host: _Place, legislature: bool, sector: str) -> str:
        if legislature:
            return self.rng.choices([t for t, _ in _LEGISLATURE_HOSTS], [w for _, w in _LEGISLATURE_HOSTS])[0]
        kind = host.region.kind
        head = {"regency": "Bupati", "city": "Wali Kota", "province": "Gubernur"}[kind]
        deputy = {"regency": "Wakil Bupati", "city": "Wakil Wali Kota", "province": "Wakil Gubernur"}[kind]
        options = (head, deputy, "Sekretaris Daerah", "Sekda", self.pick(_ASSISTANTS), _SECTORS[sector][0])
        return self.rng.choices(options, (2, 3, 2, 2, 3, 2))[0]

    # -- small phrases

    def date(self, capital: bool = False) -> str:
        d = self.day
        wd = _DAYS[d.weekday()]
        forms = [
            f"{wd} ({d.day}/{d.month}/{d.year})",
            f"{wd} ({d.day:02d}/{d.month:02d}/{d.year})",
            f"{wd}, {d.day} {_MONTHS[d.month - 1]} {d.year}",
            f"{wd} ({d.day}/{d.month}/{d.year})",
            f"{wd}, ({d.day}/{d.month}/{d.year})",
            f"{wd} pagi ({d.day}/{d.month}/{d.year})",
        ]
        if self.published is not None and self.published.year == d.year:
            forms += [
                f"{wd} ({d.day}/{d.month})",
                f"{wd} ({d.day:02d}/{d.month:02d})",
                f"{wd} ({d.day}/{d.month})",
            ]
        text = self.pick(forms)
        if not capital and text[0].isupper() and self.chance(0.35) and "," not in text[:8]:
            text = "pada " + text
        return text

    def quote(self, text: str, speaker: str, named: bool = False) -> str:
        if named or self.chance(0.5):
            return f"{self.quote_open}{text},{self.quote_close} {self.pick(_SAYS)} {speaker}."
        return f"{self.quote_open}{text},{self.quote_close} {self.pick(_SAYS_SUFFIX)}."

    def visit_type(self) -> tuple[str, str]:
        surface, canonical, _ = self.rng.choices(_VISIT_TYPES, [w for *_, w in _VISIT_TYPES])[0]
        return surface, canonical

    def sectors(self, k: int) -> list[str]:
        ids = list(_SECTORS)
        weights = [_SECTOR_WEIGHTS.get(s, 1) for s in ids]
        chosen: list[str] = []
        while len(chosen) < k:
            s = self.rng.choices(ids, weights)[0]
            if s not in chosen:
                chosen.append(s)
        return chosen

    def topic(self, sector: str) -> str:
        if sector not in self.topics:
            self.topics[sector] = self.pick(_SECTORS[sector][1])
        return self.topics[sector]

    def venue(self, host: _Place, legislature: bool) -> str:
        name = host.core
        if legislature:
            return self.pick(
                (
                    f"Ruang Rapat Paripurna DPRD {host.kind_word} {name}",
                    "ruang rapat Badan Anggaran (Banggar) DPRD setempat",
                    f"Gedung DPRD {host.kind_word} {name}",
                    "Ruang Rapat Komisi II",
                    "ruang rapat gabungan",
                )
            )
        kind = host.region.kind
        office = {"regency": "Kantor Bupati", "city": "Balai Kota", "province": "Kantor Gubernur"}[kind]
        head = {"regency": "Bupati", "city": "Wali Kota", "province": "Gubernur"}[kind]
        return self.pick(
            (
                f"Ruang Rapat {head}",
                f"Ruang Rapat {head} {name}",
                f"Aula {office} {name}",
                f"Ruang Sidang {office} {name}",
                "Ruang Rapat Sekda",
                f"Command Center {office} {name}",
                f"Pendopo {host.kind_word} {name}"
                if kind == "regency"
                else f"Ruang Pertemuan {office} {name}",
                "Aula Bappeda",
                f"Gedung Graha {self.pick(('Praja', 'Bhakti', 'Wicaksana', 'Paripurna'))}",
            )
        )

    def header(self) -> list[str]:
        """Lines some sites put above the report: a photo caption, or the publication date."""
        roll = self.rng.random()
        if roll < 0.06 and self.published is not None:
            d = self.published
            return [f"{_DAYS[d.weekday()]}, {d.day} {_MONTHS[d.month - 1]} {d.year}"]
        if roll < 0.1:
            return [f"Foto: {self.pick(('Dok. Humas', 'Istimewa', 'Dok. Prokopim', 'Ist'))}"]
        return []

    def dateline(self, p: _Place) -> str:
        if not self.chance(0.35):
            return ""
        name = self.name(p).upper()
        return self.pick((f"{name} – ", f"{name}, {self.source} – ", f"{name}- ", f"{name} - "))

    def size_phrase(self, n: int) -> str:
        number = _number_words(n) if n <= 30 and self.chance(0.25) else str(n)
        return f"{number} {self.pick(('orang', 'orang', 'orang', 'peserta', 'personel'))}"

    # -- background paragraphs (about one region)

    def population(self, p: _Place) -> str:
        rng = self.rng
        low, high, area_low, area_high = {
            "city": (60_000, 1_500_000, 20, 700),
            "regency": (60_000, 1_800_000, 300, 12_000),
            "province": (700_000, 12_000_000, 8_000, 150_000),
        }[p.region.kind]
        people = _thousands(int(low * (high / low) ** rng.random()))
        area = _thousands(int(area_low * (area_high / area_low) ** rng.random()))
        name = self.bare(p)
        if p.region.kind == "province":
            units = f"{rng.randrange(6, 30)} kabupaten/kota"
        elif p.region.kind == "city":
            units = f"{rng.randrange(3, 12)} kecamatan dan {rng.randrange(20, 80)} kelurahan"
        else:
            villages = rng.randrange(80, 400)
            units = f"{rng.randrange(8, 30)} kecamatan, {rng.randrange(5, 40)} kelurahan dan {villages} desa"
        return self.pick(
            (
                f"{name} memiliki luas wilayah sekitar {area} kilometer persegi dengan jumlah penduduk "
                f"{people} jiwa yang tersebar di {units}.",
                f"Berdasarkan data BPS, jumlah penduduk {name} mencapai {people} jiwa. Wilayahnya terbagi "
                "atas "
                f"{units}.",
                f"Dengan luas {area} km persegi, {name} dihuni sekitar {people} jiwa yang tersebar di "
                f"{units}.",
            )
        )

    def budget(self, p: _Place) -> str:
        year = self.day.year
        apbd = f"{self.rng.randrange(1, 4)},{self.rng.randrange(1, 10)} triliun"
        pad = f"{self.rng.randrange(120, 900)} miliar"
        return self.pick(
            (
                f"Pada tahun anggaran {year}, APBD {self.gov(p)} tercatat sebesar Rp{apbd}, dengan "
                "Pendapatan "
                f"Asli Daerah (PAD) sekitar Rp{pad}.",
                f"Dari APBD {year} senilai Rp{apbd}, sebagian besar dialokasikan untuk belanja pelayanan "
                f"dasar. PAD {self.bare(p)} sendiri ditargetkan mencapai Rp{pad}.",
            )
        )

    def awards(self, p: _Place) -> str:
        a, b = (award.format(kind=p.kind_word) for award in self.rng.sample(_AWARDS, 2))
        return self.pick(
            (
                f"Sejumlah penghargaan telah diraih {self.gov(p)}, di antaranya {a} serta {b}.",
                f"Dalam beberapa tahun terakhir, {self.bare(p)} meraih {a}. Selain itu, daerah ini juga "
                f"mendapat {b}.",
            )
        )

    def program(self, p: _Place, sector: str, speaker: _Person) -> str:
        topic = self.topic(sector)
        year = self.day.year - self.rng.randrange(1, 6)
        count = self.rng.randrange(12, 240)
        unit = self.pick(("kelompok", "titik layanan", "pelaku usaha", "desa dan kelurahan", "unit"))
        return self.pick(
            (
                f"Menurut {self.ref(speaker)}, program {topic} di {self.bare(p)} dimulai sejak {year} dan "
                "kini "
                f"telah menjangkau {count} {unit}. Program tersebut juga didukung anggaran dari APBD serta "
                f"kerja sama dengan pihak swasta.",
                f"{self.ref(speaker)} memaparkan, sejak {year} pihaknya menjalankan program {topic} dengan "
                f"melibatkan {count} {unit}. Hasilnya, capaian kinerja di bidang itu terus meningkat.",
            )
        )

    # -- reports

    def single_visit(self) -> tuple[str, list[str], list[SyntheticVisit]]:
        rng = self.rng
        visitor_kind = "province" if self.chance(0.1) else "local"
        v, h = self.two_places(visitor_kind)
        body = rng.choices(("executive", "legislature", "mixed"), (6, 3, 1))[0]
        sectors = self.sectors(rng.choice((1, 2, 2, 3)))
        party = _Party(v, body, self.person(self.leader_title(v, body), v))
        party.size = rng.randrange(6, 90) if self.chance(0.6) else None
        host_legislature = body == "legislature" and self.chance(0.6)
        receiver = self.person(self.receiver_title(h, host_legislature, sectors[0]), h)
        companion = self.person(self._companion_title(party, sectors), v) if self.chance(0.5) else None
        if companion:
            party.companions.append(companion)
        surface, canonical = self.visit_type()
        venue = self.venue(h, host_legislature)
        host_ref = self.dprd(h, True) if host_legislature else self.gov(h, True)

        paragraphs: list[str] = []
        lede, said = self._lede(party, h, host_ref, surface, receiver, venue, sectors)
        paragraphs.append(self.dateline(h if self.chance(0.7) else v) + lede)
        if not said["delegation"]:
            paragraphs.append(self._delegation(party, h, receiver, venue, said))
        paragraphs.append(self._purpose(party, h, surface, sectors))
        paragraphs.append(self._visitor_quote(party, h, sectors))
        paragraphs.append(self._host_reply(party, h, receiver, surface, host_legislature))
        optional: list[tuple[int, Callable[[], str]]] = [
            (0, lambda: self._host_quote(party, h, receiver)),
            (1, lambda: self.program(h, sectors[0], receiver)),
            (2, lambda: self._discussion(party, h, sectors)),
            (3, lambda: self._field_visit(party, h, sectors[0])),
            (5, lambda: self.population(h)),
            (5, lambda: self.awards(h)),
            (5, lambda: self.budget(h)),
            (6, lambda: self.population(v) + " " + self._visitor_background(v, sectors)),
            (7, lambda: self._hope(party, h)),
        ]
        if companion:
            optional.append((4, lambda: self._companion_words(companion, h, sectors)))
        paragraphs = self._fill(paragraphs, optional, self._closing(party, h))
        title = self._title(party, h, host_legislature, surface, sectors)
        visit = SyntheticVisit(
            visitor=v.region.code,
            host=h.region.code,
            visit_type=canonical,
            date=self.day.isoformat(),
            delegation_size=party.size,
            leader=party.leader.name,
            received_by=receiver.name,
            focus_sectors=tuple(sectors),
        )
        return title, paragraphs, [visit]

    def two_delegations(self) -> tuple[str, list[str], list[SyntheticVisit]]:
        rng = self.rng
        first, h = self.two_places()
        taken = {name_key(first.core), name_key(h.core)}
        while True:
            region = self.pick(self.pools.local)
            if name_key(region.core_name) not in taken:
                second = self.place(region)
                break
        legislature = self.chance(0.5)
        body = "legislature" if legislature else "executive"
        parties = []
        for p in (first, second):
            party = _Party(p, body, self.person(self.leader_title(p, body), p))
            party.size = rng.randrange(6, 45) if self.chance(0.4) else None
            parties.append(party)
        sectors = [self.sectors(1)[0], self.sectors(1)[0]]
        receiver = self.person(self.receiver_title(h, legislature, sectors[0]), h)
        venue = self.venue(h, legislature)
        surface, canonical = self.visit_type()
        host_ref = self.dprd(h, True) if legislature else self.gov(h, True)
        a, b = parties
        date = self.date()
        first_a, first_b = self.institution(a, True), self.institution(b, True, long=False)
        form = rng.randrange(4)
        if form == 0:
            lede = (
                f"{host_ref} menerima kunjungan dua rombongan sekaligus, yakni dari {first_a} dan {first_b}, "
                f"{date}. Kedua rombongan disambut {self.intro(receiver)} di {venue}."
            )
        elif form == 1:
            lede = (
                f"{host_ref} kedatangan dua rombongan tamu, kali ini dari {first_a} dan {first_b}. Keduanya "
                f"diterima {self.intro(receiver)} di {venue}, {date}."
            )
        elif form == 2:
            lede = (
                f"Rombongan {surface} dari {first_a} dan {first_b} diterima {self.intro(receiver)} di "
                f"{venue}, "
                f"{date}."
            )
        else:
            lede = (
                f"{first_a} melakukan {surface} ke {host_ref}, {date}. Rombongan diterima "
                f"{self.intro(receiver)} di {venue}. Pada hari yang sama, {self.institution(b)} juga datang "
                f"dengan tujuan serupa."
            )
        paragraphs = [self.dateline(h) + lede]
        leaders = []
        for party in parties:
            size = f" yang berjumlah {self.size_phrase(party.size)}" if party.size else ""
            leaders.append(
                f"Rombongan {self.institution(party)}{size} dipimpin {self.intro(party.leader, end=True)}"
            )
        paragraphs.append(f"{leaders[0]}, sementara r{leaders[1][1:]}.")
        paragraphs.append(
            f"Menurut {self.ref(receiver)}, {self.institution(a)} datang untuk {surface} mengenai "
            f"{self.topic(sectors[0])}. Adapun kedatangan {self.institution(b)} berkaitan dengan "
            f"{self.topic(sectors[1])}."
        )
        texts = (
            "Kami ingin melihat langsung bagaimana {host} menjalankan {topic}. Hasilnya akan kami bawa "
            "pulang "
            "sebagai bahan masukan",
            "Kami memilih {host} karena berhasil dalam {topic}. Pengalaman ini penting bagi daerah kami",
        )
        for party, sector, text in zip(parties, sectors, texts, strict=True):
            words = text.format(host=self.bare(h), topic=self.topic(sector))
            paragraphs.append(self.quote(words, self.ref(party.leader), named=True))
        paragraphs.append(self._host_reply(a, h, receiver, surface, legislature, both=True))
        optional: list[tuple[int, Callable[[], str]]] = [
            (0, lambda: self._host_quote(a, h, receiver)),
            (1, lambda: self.program(h, sectors[0], receiver)),
            (5, lambda: self.population(h)),
            (5, lambda: self.awards(h)),
            (5, lambda: self.budget(h)),
        ]
        closing = (
            f"Pertemuan ditutup dengan penyerahan cendera mata dari {self.gov(h)} kepada kedua rombongan dan "
            f"foto bersama."
        )
        paragraphs = self._fill(paragraphs, optional, closing)
        host_title = self.dprd(h) if legislature else self.gov(h)
        if rng.random() < 0.5:
            title = f"{self.institution(a)} dan {self.bare(second)} {_title_case(surface)} ke {self.bare(h)}"
        else:
            title = (
                f"{host_title} Terima Dua Rombongan {_title_case(surface)} dari {self.bare(first)} dan "
                f"{self.bare(second)}"
            )
        visits = [
            SyntheticVisit(
                visitor=party.place.region.code,
                host=h.region.code,
                visit_type=canonical,
                date=self.day.isoformat(),
                delegation_size=party.size,
                leader=party.leader.name,
                received_by=receiver.name,
                focus_sectors=(sector,),
            )
            for party, sector in zip(parties, sectors, strict=True)
        ]
        return title, paragraphs, visits

    def no_visit(self) -> tuple[str, list[str], list[SyntheticVisit]]:
        kind = self.pick(("festival", "inauguration", "launch", "plenary", "bazaar"))
        region = self.pick(self.pools.local)
        p = self.place(region)
        head_title = {"regency": "Bupati", "city": "Wali Kota"}[region.kind]
        head = self.person(self.pick((head_title, head_title, f"Wakil {head_title}", f"Pj {head_title}")), p)
        return getattr(self, f"_no_visit_{kind}")(p, head)

    # -- visit paragraphs

    def _companion_title(self, party: _Party, sectors: list[str]) -> str:
        if party.body == "legislature":
            return self.pick(("Sekretaris DPRD", "Anggota Komisi II DPRD", "Wakil Ketua Komisi II DPRD"))
        leader = party.leader.title
        options = [_SECTORS[sectors[0]][0], "Kepala Bappeda", self.pick(_ASSISTANTS)]
        if "Sek" not in leader:
            options.append("Sekretaris Daerah")
        return self.pick([t for t in options if t != leader])

    def _composition(self, party: _Party) -> str:
        if party.body == "legislature":
            return self.pick(
                (
                    "anggota Komisi II dan staf Sekretariat DPRD",
                    "unsur pimpinan dan anggota DPRD serta staf Setwan",
                    f"anggota {self.pick(_COMMISSIONS)} DPRD dan tenaga ahli fraksi",
                )
            )
        if party.body == "mixed":
            return self.pick(
                (
                    "anggota DPRD, kepala OPD, dan staf Sekretariat Daerah",
                    "unsur eksekutif dan legislatif",
                    "anggota DPRD serta sejumlah kepala OPD",
                )
            )
        return self.pick(
            (
                "kepala OPD, camat, dan staf Sekretariat Daerah",
                "jajaran kepala OPD di lingkungan pemerintah daerah",
                "sejumlah pimpinan OPD dan kepala bagian",
                "pejabat eselon II dan III",
            )
        )

    def _lede(
        self,
        party: _Party,
        h: _Place,
        host_ref: str,
        surface: str,
        receiver: _Person,
        venue: str,
        sectors: list[str],
    ) -> tuple[str, dict[str, bool]]:
        v = party.place
        vf = self.institution(party, True) + self.locator(v)
        hloc = self.locator(h) if not host_ref.startswith("DPRD") else ""
        date = self.date()
        said = {"delegation": False}
        verb = self.pick(("melaksanakan", "melakukan", "menggelar", "mengadakan"))
        to = "ke" if self.chance(0.8) else "di"
        form = self.rng.randrange(8)
        if form == 0:
            s = f"{vf} {verb} {surface} {to} {host_ref}{hloc}, {date}."
        elif form == 1:
            visit = surface if surface.startswith("kunjungan") else f"kunjungan {surface}"
            s = f"{host_ref}{hloc} menerima {visit} dari {vf}, {date}."
            if party.body == "legislature" and self.chance(0.5):
                s = f"{host_ref}{hloc} menerima {visit} rombongan {vf}, {date}."
        elif form == 2:
            lead = "Kunjungan" if surface.startswith("kunjungan") else f"Rombongan {surface}"
            if surface.startswith("kunjungan"):
                lead += surface[len("kunjungan") :]
            s = f"{lead} {vf} disambut hangat {host_ref}{hloc}, {date}."
        elif form == 3:
            s = f"{self.intro(party.leader)} memimpin rombongan {surface} {to} {host_ref}{hloc}, {date}."
        elif form == 4 and party.size:
            s = (
                f"Sebanyak {self.size_phrase(party.size)} dari jajaran {self.institution(party)} melakukan "
                f"{surface} {to} {host_ref}{hloc}, {date}."
            )
        elif form == 5:
            s = f"{self.date(capital=True)}, {host_ref}{hloc} kedatangan rombongan {surface} dari {vf}."
        elif form == 6:
            topic = self.topic(sectors[0])
            s = f"Untuk mempelajari {topic}, {vf} {verb} {surface} ke {host_ref}{hloc}, {date}."
        else:
            s = f"{vf} bertandang ke {host_ref}{hloc} dalam rangka {surface}, {date}."
        second = self.rng.random()
        if second < 0.45:
            size = f"yang berjumlah {self.size_phrase(party.size)} " if party.size else ""
            if party.leader.introduced:
                s += f" Rombongan {size}itu diterima {self.receiving(receiver, h)} di {venue}."
            else:
                s += (
                    f" Rombongan {size}itu dipimpin langsung oleh {self.intro(party.leader)} dan diterima "
                    f"{self.receiving(receiver, h)} di {venue}."
                )
            said["delegation"] = True
        elif second < 0.7:
            s += f" Kegiatan tersebut berlangsung di {venue}."
        return s, said

    def _delegation(self, party: _Party, h: _Place, receiver: _Person, venue: str, said: dict) -> str:
        size = party.size
        form = self.rng.randrange(4)
        lead = self.intro(party.leader)
        if form == 0 and size:
            s = (
                f"Sebanyak {self.size_phrase(size)} dari jajaran {self.institution(party)} yang dipimpin "
                "oleh "
                f"{lead} disambut langsung oleh {self.receiving(receiver, h)} di {venue}."
            )
        elif form == 1:
            sz = f"yang berjumlah {self.size_phrase(size)} " if size else ""
            s = (
                f"Rombongan {sz}itu dipimpin langsung oleh {lead} dan disambut {self.receiving(receiver, h)} "
                f"di {venue}."
            )
        elif form == 2:
            sz = f"yang terdiri atas {self.size_phrase(size)} " if size else ""
            s = (
                f"Rombongan {self.institution(party)} {sz}itu dipimpin {lead} dan diterima "
                f"{self.receiving(receiver, h)} di {venue}."
            )
        else:
            s = f"{lead} memimpin sendiri rombongan yang terdiri dari {self._composition(party)}."
            if size:
                s += f" Jumlah peserta seluruhnya {size} orang."
            s += f" Mereka diterima {self.intro(receiver, end=True)} di {venue}."
            return s
        if self.chance(0.5):
            s += f" Turut dalam rombongan {self._composition(party)}."
        return s

    def _purpose(self, party: _Party, h: _Place, surface: str, sectors: list[str]) -> str:
        lead = self.ref(party.leader)
        topics = [self.topic(s) for s in sectors]
        listed = topics[0] if len(topics) == 1 else ", ".join(topics[:-1]) + " serta " + topics[-1]
        form = self.rng.randrange(4)
        if form == 0:
            return (
                f"Dalam sambutannya, {lead} menjelaskan bahwa kunjungan ini bertujuan mempererat kerja sama "
                f"antardaerah sekaligus mempelajari {listed} yang telah berhasil diterapkan di "
                f"{self.bare(h)}."
            )
        if form == 1:
            return (
                f"Menurut {lead}, {surface} ini dimaksudkan untuk mendalami {listed}. {self.bare(h)} dipilih "
                f"karena dinilai berhasil dan kerap menjadi rujukan daerah lain."
            )
        if form == 2:
            return (
                f"{lead} mengatakan, pihaknya sengaja memilih {self.bare(h)} sebagai tujuan {surface} karena "
                f"keberhasilannya dalam {topics[0]}. Selain itu, rombongan juga ingin menggali informasi "
                f"tentang {listed}."
            )
        return (
            f"Kedatangan rombongan {self.institution(party)} bertujuan untuk belajar mengenai {listed}. "
            f"Hal itu disampaikan {lead} dalam sambutannya."
        )

    def _visitor_quote(self, party: _Party, h: _Place, sectors: list[str]) -> str:
        topic = self.topic(sectors[0])
        text = self.pick(
            (
                f"Kami ingin menimba ilmu dan pengalaman dari {self.bare(h)}, khususnya soal {topic}. Banyak "
                f"hal yang bisa kami terapkan di daerah kami",
                f"{self.bare(h)} sudah membuktikan keberhasilannya dalam {topic}. Kami datang untuk belajar, "
                f"bukan sebagai pesaing, tetapi sebagai mitra",
                f"Hasil kunjungan ini akan kami jadikan bahan untuk menyusun kebijakan {topic} di "
                f"{self.bare(party.place)}",
            )
        )
        return self.quote(text, self.ref(party.leader))

    def _host_reply(
        self, party: _Party, h: _Place, receiver: _Person, surface: str, legislature: bool, both: bool = False
    ) -> str:
        who = self.intro(receiver) if not receiver.introduced else self.ref(receiver)
        guests = "kedua rombongan" if both else f"rombongan {self.institution(party)}"
        return self.pick(
            (
                f"Sementara itu, {who} menyambut baik kunjungan tersebut. Ia mengapresiasi {guests} yang "
                f"telah memilih {self.bare(h)} sebagai tujuan {surface}.",
                f"{who[0].upper() + who[1:]} menyampaikan terima kasih atas kepercayaan {guests}. "
                "Menurutnya, "
                f"pertemuan ini menjadi sarana berbagi pengalaman antardaerah.",
                f"Menanggapi hal itu, {who} mengatakan pihaknya terbuka untuk berbagi pengalaman. Ia "
                "berharap "
                f"kerja sama antara kedua daerah dapat terus terjalin.",
            )
        )

    def _host_quote(self, party: _Party, h: _Place, receiver: _Person) -> str:
        text = self.pick(
            (
                f"Kami merasa terhormat {self.bare(h)} dipilih menjadi tujuan kunjungan. Semoga apa yang "
                f"dilihat hari ini bermanfaat bagi {self.bare(party.place)}",
                "Kami juga masih terus belajar. Tidak ada daerah yang sempurna, yang penting ada kemauan "
                "untuk "
                "berbenah dan berinovasi",
                "Silakan jika ada program kami yang dinilai baik untuk diterapkan. Kami siap berbagi data "
                "dan "
                "pengalaman",
            )
        )
        return self.quote(text, self.ref(receiver))

    def _discussion(self, party: _Party, h: _Place, sectors: list[str]) -> str:
        return self.pick(
            (
                f"Pertemuan dilanjutkan dengan diskusi dan tanya jawab antara rombongan dan jajaran "
                f"{self.gov(h)}. Sejumlah kepala OPD memaparkan langkah-langkah yang ditempuh dalam "
                f"{self.topic(sectors[-1])}, termasuk kendala yang dihadapi di lapangan.",
                f"Usai sambutan, acara dilanjutkan dengan paparan dari OPD teknis {self.gov(h)} tentang "
                f"{self.topic(sectors[-1])}. Paparan meliputi regulasi, penganggaran, hingga inovasi yang "
                f"sudah berjalan.",
                f"Dalam sesi diskusi, peserta dari {self.bare(party.place)} aktif bertanya mengenai "
                "regulasi, "
                f"penganggaran, hingga strategi pelibatan masyarakat. Pertanyaan dijawab langsung oleh "
                f"pejabat teknis yang hadir.",
            )
        )

    def _field_visit(self, party: _Party, h: _Place, sector: str) -> str:
        site = self.pick(_SECTORS[sector][2])
        village = self.pick(_VILLAGES)
        return self.pick(
            (
                f"Usai pertemuan, rombongan meninjau langsung {site} di Kelurahan {village} untuk melihat "
                f"penerapan program di lapangan.",
                f"Selain berdiskusi, rombongan juga mengunjungi {site} yang menjadi salah satu percontohan "
                "di "
                f"{self.bare(h)}. Di lokasi itu, petugas menjelaskan alur kerja dan sistem pengelolaannya.",
            )
        )

    def _visitor_background(self, v: _Place, sectors: list[str]) -> str:
        return self.pick(
            (
                "Sebagian besar warganya bekerja di sektor "
                f"{self.pick(('pertanian', 'perkebunan', 'perikanan', 'perdagangan dan jasa'))}.",
                "Daerah ini tengah menyiapkan sejumlah program prioritas untuk lima tahun ke depan.",
            )
        )

    def _companion_words(self, companion: _Person, h: _Place, sectors: list[str]) -> str:
        who = self.intro(companion) if not companion.introduced else self.ref(companion)
        return (
            f"Hal senada disampaikan {who} yang turut mendampingi rombongan. Ia menilai praktik baik di "
            f"{self.bare(h)} dapat diadaptasi sesuai kondisi daerah masing-masing."
        )

    def _hope(self, party: _Party, h: _Place) -> str:
        return (
            f"{self.ref(party.leader)} berharap kunjungan ini menjadi awal kerja sama yang lebih erat antara "
            f"{self.bare(party.place)} dan {self.bare(h)} dalam meningkatkan kesejahteraan masyarakat."
        )

    def _closing(self, party: _Party, h: _Place) -> str:
        closing = self.pick(
            (
                "Kunjungan ditutup dengan penyerahan cendera mata dan foto bersama.",
                "Di akhir pertemuan, kedua pihak saling bertukar cendera mata.",
                "Kegiatan diakhiri dengan foto bersama di halaman kantor.",
            )
        )
        if self.chance(0.3):
            closing += "\n\n" + self.pick(_BYLINES)
        return closing

    def _title(
        self, party: _Party, h: _Place, host_legislature: bool, surface: str, sectors: list[str]
    ) -> str:
        v = party.place
        vshort = self.institution(party)
        host = self.dprd(h) if host_legislature else self.gov(h)
        t = _title_case(surface)
        sector_title = _title_case(self.topic(sectors[0]).split(" (")[0])
        return self.pick(
            (
                f"{vshort} {t} ke {host if self.chance(0.5) else self.bare(h)}",
                f"{vshort} {t} {sector_title} ke {self.bare(h)}",
                f"{host} Terima Kunjungan {t} {vshort}",
                f"{self._office(party)} {self.bare(v)} Pimpin Rombongan {t} ke {self.bare(h)}",
                f"Belajar {sector_title}, {vshort} Kunjungi {self.bare(h)}",
            )
        )

    def _office(self, party: _Party) -> str:
        """The leader's office as a headline writes it: "Wabup", "Sekda", "Ketua Komisi II DPRD"."""
        title = party.leader.title
        short = {"Wakil Bupati": "Wabup", "Wakil Wali Kota": "Wawali", "Sekretaris Daerah": "Sekda"}
        if title.startswith(("Asisten", "Staf Ahli", "Kepala")):
            return "Rombongan"
        return short.get(title, title)

    def _fill(
        self, paragraphs: list[str], optional: list[tuple[int, Callable[[], str]]], closing: str
    ) -> list[str]:
        """Add optional paragraphs (drawn in random order, written in the order of their rank) up to a
        target length, then the closing; stay within MAX_CHARS."""
        target = min(MAX_CHARS - 150, max(MIN_CHARS + 150, int(self.rng.gauss(_TARGET_MEAN, _TARGET_SD))))
        order = list(optional)
        self.rng.shuffle(order)
        chosen: list[tuple[int, str]] = []
        length = _length([*paragraphs, closing])
        for rank, write in order:
            if length >= target:
                break
            before = [p.introduced for p in self.people]
            paragraph = write()
            if length + len(paragraph) + 2 <= MAX_CHARS:
                chosen.append((rank, paragraph))
                length += len(paragraph) + 2
            else:  # not written: whoever it introduced is still to be introduced
                for person, introduced in zip(self.people, before, strict=True):
                    person.introduced = introduced
        chosen.sort(key=lambda item: item[0])
        return [*paragraphs, *(p for _, p in chosen), closing]

    # -- reports without a visit

    def _no_visit_festival(self, p: _Place, head: _Person) -> tuple[str, list[str], list[SyntheticVisit]]:
        name = self.pick(
            (
                f"Festival Budaya {p.core}",
                f"{p.core} Expo",
                f"Pekan Raya {p.core}",
                "Festival Kuliner Nusantara",
                f"Karnaval Budaya {p.core}",
            )
        )
        year = self.day.year
        kadis = self.person(_SECTORS["pariwisata"][0], p)
        days = self.rng.randrange(3, 8)
        paragraphs = [
            self.dateline(p)
            + f"{self.intro(head)} resmi membuka {name} {year} di Alun-alun {self.bare(p)}, {self.date()}. "
            f"Festival yang berlangsung selama {days} hari itu menampilkan pawai budaya, pameran produk "
            "UMKM, "
            f"dan pertunjukan seni dari berbagai kecamatan.",
            self.quote(
                f"Festival ini bukan sekadar hiburan. Kami ingin menggerakkan ekonomi masyarakat dan "
                f"memperkenalkan potensi {self.bare(p)} kepada wisatawan",
                self.ref(head),
            ),
            f"{self.intro(kadis)} menjelaskan, pada penyelenggaraan tahun lalu festival tersebut dikunjungi "
            f"lebih dari {_thousands(self.rng.randrange(8, 90) * 1000)} orang dengan perputaran uang sekitar "
            f"Rp{self.rng.randrange(2, 30)} miliar.",
            "Acara pembukaan turut dihadiri unsur Forkopimda, pimpinan OPD, para camat, serta ribuan warga "
            "yang memadati lokasi sejak sore hari.",
        ]
        optional = _ranked(
            self.quote(
                "Kami berharap para pelaku UMKM memanfaatkan momentum ini untuk memperluas pasar",
                self.ref(kadis),
            ),
            self.population(p),
            self.awards(p),
            self.budget(p),
            f"Panitia juga menyiapkan lomba kuliner tradisional dan lomba tari kreasi bagi pelajar. Sebanyak "
            f"{self.rng.randrange(40, 200)} stan UMKM ambil bagian dalam pameran tahun ini.",
        )
        closing = "Rangkaian festival akan ditutup dengan pesta kembang api pada malam terakhir. "
        closing += self.pick(_BYLINES)
        paragraphs = self._fill(paragraphs, optional, closing)
        title = f"{head.title} {self.bare(p)} Buka {name} {year}"
        return title, paragraphs, []

    def _no_visit_inauguration(self, p: _Place, head: _Person) -> tuple[str, list[str], list[SyntheticVisit]]:
        facility, sector = self.pick(
            (
                ("gedung Mal Pelayanan Publik (MPP)", "pelayanan_publik"),
                (f"Puskesmas {self.pick(_VILLAGES)}", "kesehatan"),
                (f"Pasar Rakyat {self.pick(_VILLAGES)}", "perdagangan"),
                ("Tempat Pengolahan Sampah Terpadu (TPST)", "lingkungan"),
                (f"jembatan gantung Desa {self.pick(_VILLAGES)}", "infrastruktur"),
            )
        )
        kadis = self.person(_SECTORS[sector][0], p)
        cost = f"Rp{self.rng.randrange(2, 60)},{self.rng.randrange(1, 10)} miliar"
        paragraphs = [
            self.dateline(p)
            + f"{self.intro(head)} meresmikan {facility} di {self.bare(p)}, {self.date()}. Peresmian "
            "ditandai "
            f"dengan penandatanganan prasasti dan pengguntingan pita.",
            f"Pembangunan fasilitas tersebut menelan anggaran sekitar {cost} yang bersumber dari APBD tahun "
            f"{self.day.year - 1}. Pekerjaan fisiknya dimulai sejak awal tahun dan rampung tepat waktu.",
            self.quote(
                f"Fasilitas ini kami bangun untuk masyarakat. Tolong dijaga dan dimanfaatkan sebaik-baiknya "
                f"agar pelayanan di {self.bare(p)} semakin baik",
                self.ref(head),
            ),
            f"{self.intro(kadis)} menambahkan, fasilitas itu ditargetkan melayani sedikitnya "
            f"{self.rng.randrange(100, 900)} warga setiap hari. Petugas yang ditempatkan telah mengikuti "
            f"pelatihan sebelum mulai bertugas.",
        ]
        optional = _ranked(
            self.population(p),
            self.awards(p),
            self.budget(p),
            self.program(p, sector, kadis),
            "Peresmian turut disaksikan unsur Forkopimda, anggota DPRD, tokoh masyarakat, serta para kepala "
            "desa dan lurah di sekitar lokasi.",
        )
        closing = f"Usai peresmian, rombongan meninjau ruang-ruang pelayanan. {self.pick(_BYLINES)}"
        paragraphs = self._fill(paragraphs, optional, closing)
        title = f"{head.title} {self.bare(p)} Resmikan {_title_case(facility.split(' (')[0])}"
        return title, paragraphs, []

    def _no_visit_launch(self, p: _Place, head: _Person) -> tuple[str, list[str], list[SyntheticVisit]]:
        program, sector = self.pick(
            (
                ("Gerakan Cegah Stunting", "kesehatan"),
                ("Satu Desa Satu Produk Unggulan", "umkm"),
                ("Lansia Berdaya", "sosial"),
                ("Sekolah Ramah Anak", "pendidikan"),
                ("Layanan Adminduk Keliling", "pelayanan_publik"),
            )
        )
        kadis = self.person(_SECTORS[sector][0], p)
        paragraphs = [
            self.dateline(p)
            + f"{self.gov(p, True)} meluncurkan program {program}, {self.date()}. Peluncuran dilakukan "
            f"langsung oleh {self.intro(head, end=True)} di halaman "
            f"{self.pick(('kantor bupati', 'balai kota', 'pendopo'))}.",
            f"Program tersebut menyasar {self.rng.randrange(20, 300)} desa dan kelurahan pada tahap awal, "
            f"dan akan diperluas ke seluruh wilayah pada tahun berikutnya.",
            self.quote(
                "Kami ingin setiap program pemerintah benar-benar dirasakan manfaatnya oleh masyarakat, "
                "terutama kelompok yang paling membutuhkan",
                self.ref(head),
            ),
            f"{self.intro(kadis)} menjelaskan, pelaksanaan program melibatkan lintas OPD, pemerintah desa, "
            f"kader posyandu, serta organisasi kemasyarakatan.",
        ]
        optional = _ranked(
            self.program(p, sector, kadis),
            self.population(p),
            self.budget(p),
            self.awards(p),
            self.quote(
                "Target kami tahun ini seluruh sasaran sudah terdata dan mendapatkan pendampingan",
                self.ref(kadis),
            ),
        )
        closing = f"Peluncuran dirangkai dengan penyerahan bantuan secara simbolis. {self.pick(_BYLINES)}"
        paragraphs = self._fill(paragraphs, optional, closing)
        title = f"{self.gov(p)} Luncurkan Program {program}"
        return title, paragraphs, []

    def _no_visit_plenary(self, p: _Place, head: _Person) -> tuple[str, list[str], list[SyntheticVisit]]:
        chair = self.person(self.pick(("Ketua DPRD", "Wakil Ketua DPRD")), p)
        topic = self.pick(
            (
                "Pajak dan Retribusi Daerah",
                "Penyelenggaraan Perpustakaan",
                "Pengelolaan Sampah",
                "Rencana Pembangunan Jangka Menengah Daerah",
                "Pertanggungjawaban Pelaksanaan APBD",
            )
        )
        paragraphs = [
            self.dateline(p)
            + f"{self.dprd(p, True)} menggelar rapat paripurna penyampaian pandangan umum fraksi terhadap "
            f"Rancangan Peraturan Daerah (Raperda) tentang {topic}, {self.date()}.",
            f"Rapat dipimpin {self.intro(chair, end=True)} dan dihadiri {self.intro(head, end=True)}, unsur "
            f"Forkopimda, serta pimpinan OPD.",
            "Seluruh fraksi menyatakan menerima raperda tersebut untuk dibahas lebih lanjut, dengan sejumlah "
            "catatan mengenai kesiapan anggaran dan sumber daya manusia.",
            self.quote(
                "Catatan dari fraksi-fraksi akan menjadi bahan pembahasan di tingkat panitia khusus",
                self.ref(chair),
            ),
        ]
        optional = _ranked(
            f"{self.ref(head)} menyampaikan terima kasih atas masukan dewan. Menurutnya, raperda itu penting "
            f"sebagai dasar hukum bagi program pemerintah daerah ke depan.",
            self.budget(p),
            self.population(p),
            "Rapat paripurna berikutnya dijadwalkan membahas jawaban kepala daerah atas pandangan umum "
            "fraksi.",
        )
        closing = f"Rapat berlangsung tertib hingga selesai. {self.pick(_BYLINES)}"
        paragraphs = self._fill(paragraphs, optional, closing)
        title = f"{self.dprd(p)} Gelar Paripurna Raperda {topic}"
        return title, paragraphs, []

    def _no_visit_bazaar(self, p: _Place, head: _Person) -> tuple[str, list[str], list[SyntheticVisit]]:
        kadis = self.person(_SECTORS["umkm"][0], p)
        age = self.rng.randrange(60, 700)
        paragraphs = [
            self.dateline(p)
            + f"{self.gov(p, True)} menyelenggarakan bazar UMKM dalam rangka peringatan Hari Jadi ke-{age}. "
            f"Pembukaan dilakukan oleh {self.intro(head, end=True)}, {self.date()}.",
            f"Sebanyak {self.rng.randrange(40, 200)} pelaku UMKM binaan berbagai OPD ambil bagian dalam "
            "bazar "
            f"yang digelar hingga akhir pekan tersebut.",
            self.quote(
                "Bazar ini bukti komitmen kami untuk terus menopang pemulihan dan peningkatan ekonomi "
                "masyarakat",
                self.ref(head),
            ),
            f"{self.intro(kadis)} menambahkan, bazar juga dimaksudkan untuk mempertemukan pelaku usaha "
            "dengan "
            f"pembeli dan mitra pemasaran dari kalangan swasta.",
        ]
        optional = _ranked(
            self.program(p, "umkm", kadis),
            self.population(p),
            self.awards(p),
            "Pengunjung juga disuguhi beragam kesenian tradisional dan lomba mewarnai untuk anak-anak.",
        )
        closing = f"Bazar dibuka setiap hari mulai pukul 09.00 hingga 22.00. {self.pick(_BYLINES)}"
        paragraphs = self._fill(paragraphs, optional, closing)
        title = f"{self.gov(p)} Gelar Bazar UMKM Jelang Hari Jadi ke-{age}"
        return title, paragraphs, []


# --- text helpers -----------------------------------------------------------------------------------------

_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def _number_words(n: int) -> str:
    if n < 10:
        return _UNITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    tens, ones = divmod(n, 10)
    words = f"{_UNITS[tens]} puluh"
    return f"{words} {_UNITS[ones]}" if ones else words


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


_LOWER_IN_TITLES = frozenset({"dan", "serta", "di", "ke", "dari", "untuk", "bagi", "yang", "dengan"})


def _title_case(text: str) -> str:
    """Headline case as Indonesian sites write it: "Pembinaan Pelaku UMKM dan Koperasi"."""
    words = text.split()
    return " ".join(
        w if w.isupper() or not w[:1].isalpha() or (k and w in _LOWER_IN_TITLES) else w[0].upper() + w[1:]
        for k, w in enumerate(words)
    )


def _tidy(text: str) -> str:
    """Drop the doubled commas that optional phrases leave ("Kepulauan Riau,, Kamis")."""
    return re.sub(r",(\s*,)+", ",", text).replace(",.", ".")


def _ranked(*paragraphs: str) -> list[tuple[int, Callable[[], str]]]:
    """Optional paragraphs already written, ranked in the order given."""
    return [(rank, lambda text=text: text) for rank, text in enumerate(paragraphs)]


def _length(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs) + 2 * max(0, len(paragraphs) - 1)


# --- CLI --------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus", description="Write N synthetic visit reports as article JSONL."
    )
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    handle = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for article in generate_articles(args.n, args.seed):
            handle.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if args.output:
            handle.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
