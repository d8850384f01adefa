"""Sectors: SKOS labels found as whole words; purpose sentences make focus sectors, the rest are mentioned.

Every example sentence is written for this file in the style of regional-government news; none is taken from
the corpora.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from warta.extract import extract_article, extract_articles
from warta.extract.lexicon import sector_labels
from warta.extract.sectors import find_sectors
from warta.extract.text import split_sentences
from warta.facts import Article

REPO = Path(__file__).resolve().parents[1]
OPENING = "Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, Kamis (6/6/2024). "


def _scheme_ids() -> set[str]:
    """The sector ids of the vocabulary table in data/corpus/dev/SECTORS.md."""
    text = (REPO / "data" / "corpus" / "dev" / "SECTORS.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| ([a-z_]+) \|", text, flags=re.MULTILINE)) - {"id"}  # "id" heads the table


SCHEME_IDS = _scheme_ids()


def _found(text: str) -> list[tuple[str, str]]:
    """(sector, label as written) of each label found, in text order."""
    return [(hit.sector, text[hit.start : hit.end]) for hit in find_sectors(split_sentences(text))]


def _sectors(text: str, title: str | None = None) -> tuple[set[str], set[str]]:
    visits = extract_article(Article(id="t", text=text, title=title)).visits
    assert len(visits) == 1
    return set(visits[0].focus_sectors), set(visits[0].mentioned_sectors)


def test_scheme_has_the_23_sectors_of_the_vocabulary() -> None:
    assert len(SCHEME_IDS) == 23
    assert set(sector_labels()) == SCHEME_IDS


# --- labels as whole words ------------------------------------------------------------------------------

LABELS = [
    (
        "Kunjungan ini bertujuan mempelajari pengelolaan sampah dan bank sampah.",
        [("lingkungan", "pengelolaan sampah"), ("lingkungan", "bank sampah")],
    ),
    ("Pengembangan UMKM dan koperasi terus didorong.", [("umkm", "UMKM"), ("umkm", "koperasi")]),
    (
        "Mereka membahas pariwisata, sampah plastik, dan PAD.",
        [("pariwisata", "pariwisata"), ("lingkungan", "sampah plastik"), ("keuangan_daerah", "PAD")],
    ),
    ("PENDIDIKAN menjadi prioritas daerah.", [("pendidikan", "PENDIDIKAN")]),
    ("Rombongan meninjau Mal Pelayanan Publik.", [("pelayanan_publik", "Mal Pelayanan Publik")]),
    ("Angka stunting turun berkat posyandu aktif.", [("kesehatan", "stunting"), ("kesehatan", "posyandu")]),
    ("Penerapan smart city dimulai tahun ini.", [("digital", "smart city")]),
    # longest label first: "pasar tradisional", not "pasar"
    ("Penataan pasar tradisional rampung.", [("perdagangan", "pasar tradisional")]),
    # labels hidden inside longer words are not found
    ("Pada hari Senin, rombongan bertolak pagi.", []),  # seni
    ("Program beasiswa pendidikan berlanjut.", [("pendidikan", "beasiswa"), ("pendidikan", "pendidikan")]),
    ("Sekolahnya bagus, sampahnya sedikit, dan umkmnya banyak.", []),
    ("Kelompok Lestari Mandiri menerima penghargaan.", []),  # tari
    ("Strategi pemasaran produk dibahas panjang.", []),  # pasar
]


@pytest.mark.parametrize(("text", "expected"), LABELS)
def test_labels_are_found_as_whole_words(text, expected) -> None:
    assert _found(text) == expected


# --- a label inside an agency name is not a sector -------------------------------------------------------

AGENCY_NAMES = [
    ("Kepala Dinas Pendidikan Kota Madiun Sutrisno Adi memaparkan program kerjanya.", []),
    ("Acara dihadiri Sekretaris Dinas Kesehatan dan Kepala Bidang Pariwisata.", []),
    ("Rombongan diterima di Badan Pendapatan Daerah.", []),
    ("Rombongan mengunjungi kantor Dinas Pendidikan dan Kebudayaan.", []),
    # the agency is left out, the topic in the same sentence is not
    (
        "Kepala Dinas Pendidikan Kota Madiun memaparkan program beasiswa.",
        [("pendidikan", "beasiswa")],
    ),
    pytest.param(
        "Rombongan kemudian meninjau Dinas Pendidikan Kota Madiun.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGENCY_NAMES)
def test_label_inside_agency_name_is_not_a_sector(text, expected) -> None:
    assert _found(text) == expected


# --- focus and mentioned sectors of a visit ---------------------------------------------------------------

FOCUS = [
    # (text after the opening, focus, mentioned)
    (
        "Kunjungan ini bertujuan mempelajari pengelolaan sampah dan bank sampah. "
        "Wali Kota Madiun juga memaparkan keberhasilan pasar tradisional yang tertata rapi.",
        {"lingkungan"},
        {"perdagangan"},
    ),
    (
        "Studi tiru ini difokuskan pada penanganan stunting dan posyandu. "
        "Menurut Sekda, angka kemiskinan di Sleman terus turun.",
        {"kesehatan"},
        {"sosial"},
    ),
    (
        "Rombongan disambut di Ruang Rapat Wali Kota. Pertemuan membahas digitalisasi layanan perizinan.",
        {"digital", "pelayanan_publik"},
        set(),
    ),
    (
        "Rombongan kemudian meninjau sekolah dan puskesmas di Kecamatan Taman.",
        set(),
        {"pendidikan", "kesehatan"},
    ),
    (  # what the visitor wants to develop is what it came for
        "Menurut Sekda Sleman, daerahnya ingin mengembangkan pertanian organik dan antrean daring di "
        "puskesmas. Wali Kota Madiun juga menyinggung pasar tradisional.",
        {"pertanian", "digital", "kesehatan"},
        {"perdagangan"},
    ),
    pytest.param(
        "Rombongan ingin belajar tentang Mal Pelayanan Publik. "
        "Di sela kunjungan, rombongan mencicipi kuliner khas dan berbelanja di pasar tradisional.",
        {"pelayanan_publik"},
        {"perdagangan"},
    ),
]


@pytest.mark.parametrize(("text", "focus", "mentioned"), FOCUS)
def test_purpose_sentences_make_focus_sectors(text, focus, mentioned) -> None:
    assert _sectors(OPENING + text) == (focus, mentioned)


def test_purpose_in_the_visit_sentence() -> None:
    text = (
        "Pemkab Sleman melakukan studi tiru terkait pengembangan UMKM ke Pemkot Madiun, Kamis (6/6/2024). "
        "Kota Madiun juga dikenal dengan destinasi wisata Pahlawan Street Center."
    )
    assert _sectors(text) == ({"umkm"}, {"pariwisata"})


def test_title_sectors_are_focus() -> None:
    text = "Rombongan Pemkab Sleman disambut Wali Kota Madiun di Balai Kota, Kamis (6/6/2024)."
    focus, _ = _sectors(text, title="Pemkab Sleman Pelajari Bank Sampah di Madiun")
    assert focus == {"lingkungan"}


# --- every sector produced is one of the scheme ----------------------------------------------------------


def _corpus_articles() -> list[Article]:
    articles = []
    for corpus in ("dev", "genre"):
        path = REPO / "data" / "corpus" / corpus / "articles.jsonl"
        with path.open(encoding="utf-8") as handle:
            articles += [Article.from_dict(json.loads(line)) for line in handle if line.strip()]
    return articles


def test_every_sector_id_is_in_the_scheme() -> None:
    texts = [
        Article(id=f"case{k}", text=OPENING + case[0])
        for k, case in enumerate(FOCUS)
        if isinstance(case[0], str)
    ]
    produced = set()
    for facts in extract_articles(_corpus_articles() + texts):
        for visit in facts.visits:
            produced |= set(visit.focus_sectors) | set(visit.mentioned_sectors)
    assert produced  # the corpora do name sectors
    assert produced <= SCHEME_IDS
    found = {hit.sector for text, _ in LABELS for hit in find_sectors(split_sentences(text))}
    assert found <= SCHEME_IDS
