"""Region mentions: prefixes, abbreviations, spelling variants, kind per mention, locators and look-alikes.

Every example sentence is written for this file in the style of regional-government news; none is taken from
the corpora.
"""

from __future__ import annotations

import pytest

from warta.extract import extract_article
from warta.extract.regions import RegionHit, find_regions
from warta.extract.text import split_sentences
from warta.facts import Article
from warta.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def hits_of(real_gazetteer: Gazetteer):
    def hits(text: str) -> list[RegionHit]:
        return find_regions(split_sentences(text), real_gazetteer)

    return hits


def _codes(text: str, title: str | None = None) -> set[str]:
    facts = extract_article(Article(id="t", text=text, title=title))
    return {region.code for region in facts.regions}


# --- prefixes: kind and institution ----------------------------------------------------------------------
# Madiun is both a regency (35.19) and a city (35.77): the prefix alone decides which one is meant.

PREFIXES = [
    # (sentence, name as written, code, institution)
    ("Rapat koordinasi digelar di Kabupaten Madiun pada pekan ini.", "Madiun", "35.19", "none"),
    ("Petugas dari Kab. Madiun turut memantau jalannya acara.", "Madiun", "35.19", "none"),
    ("Pemkab Madiun menyiapkan anggaran untuk program tersebut.", "Madiun", "35.19", "executive"),
    ("Pemerintah Kabupaten Madiun menggelar rapat evaluasi.", "Madiun", "35.19", "executive"),
    ("Pemerintah Kab. Madiun menggelar rapat evaluasi.", "Madiun", "35.19", "executive"),
    ("Pemerintah Prov. Jawa Timur menggelar rapat evaluasi.", "Jawa Timur", "35", "executive"),
    ("Pameran produk unggulan digelar di Kota Madiun.", "Madiun", "35.77", "none"),
    ("Pemkot Madiun meluncurkan aplikasi layanan baru.", "Madiun", "35.77", "executive"),
    ("Pemerintah Kota Madiun menambah armada angkutan sampah.", "Madiun", "35.77", "executive"),
    ("Provinsi Jawa Timur menjadi tuan rumah kegiatan itu.", "Jawa Timur", "35", "none"),
    ("Pemprov Jawa Timur memberikan penghargaan kepada desa terbaik.", "Jawa Timur", "35", "executive"),
    ("Bupati Madiun membuka acara tersebut di pendopo.", "Madiun", "35.19", "office"),
    ("Wali Kota Madiun meresmikan taman kota yang baru.", "Madiun", "35.77", "office"),
    ("Gubernur Jawa Timur hadir dalam peluncuran program itu.", "Jawa Timur", "35", "office"),
    ("DPRD Kabupaten Madiun menggelar rapat paripurna.", "Madiun", "35.19", "legislature"),
    ("DPRD Kota Madiun menggelar rapat paripurna.", "Madiun", "35.77", "legislature"),
    ("DPRD Sleman menyetujui rancangan peraturan daerah itu.", "Sleman", "34.04", "legislature"),
]


@pytest.mark.parametrize(("sentence", "name", "code", "institution"), PREFIXES)
def test_prefix_fixes_kind_and_institution(hits_of, sentence, name, code, institution) -> None:
    hits = hits_of(sentence)
    assert [(h.region.code, sentence[h.start : h.end], h.institution) for h in hits] == [
        (code, name, institution)
    ]


# --- abbreviations and spelling variants -----------------------------------------------------------------

ABBREVIATIONS = [
    ("Rombongan Pemkab Kotim tiba di lokasi sekitar pukul 09.00 WIB.", "Kotim", "62.02"),
    ("Pemkab Kobar menyiapkan lahan untuk pasar rakyat.", "Kobar", "62.01"),
    ("Pemprov Kalteng menggelar rapat evaluasi program.", "Kalteng", "62"),
    ("Pemprov Sumut menyalurkan bantuan bibit jagung.", "Sumut", "12"),
    ("Pemprov Jateng menargetkan penurunan angka kemiskinan.", "Jateng", "33"),
    ("Pemprov Jatim meluncurkan aplikasi layanan terpadu.", "Jatim", "35"),
    ("Pemda DIY menata kawasan sumbu filosofi.", "DIY", "34"),
    ("Pemkab Kukar menggelar festival budaya tahunan.", "Kukar", "64.02"),
    ("Pemkab Muarojambi menggelar rapat koordinasi.", "Muarojambi", "15.05"),
    ("Pemkab Muaro Jambi menggelar rapat koordinasi.", "Muaro Jambi", "15.05"),
    ("Pemkot Pangkalpinang menata ulang pasar ikan.", "Pangkalpinang", "19.71"),
    ("Pemkot Pangkal Pinang menata ulang pasar ikan.", "Pangkal Pinang", "19.71"),
    ("Pemkab Gunung Kidul menambah armada pemadam kebakaran.", "Gunung Kidul", "34.03"),
    ("Pemkab Gunungkidul menambah armada pemadam kebakaran.", "Gunungkidul", "34.03"),
]


@pytest.mark.parametrize(("sentence", "name", "code"), ABBREVIATIONS)
def test_abbreviations_and_spelling_variants(hits_of, sentence, name, code) -> None:
    hits = hits_of(sentence)
    assert [(h.region.code, sentence[h.start : h.end]) for h in hits] == [(code, name)]


# --- Kota X vs Kabupaten X, per mention ------------------------------------------------------------------

PER_MENTION = [
    (
        "Pemkot Bogor dan Pemkab Bogor menandatangani kesepakatan pengelolaan air bersih.",
        ["32.71", "32.01"],
    ),
    (
        "Jalan penghubung Kota Bogor dengan Kabupaten Bogor segera diperlebar. "
        "Wali Kota Bogor menyebut proyek itu mendesak.",
        ["32.71", "32.01", "32.71"],
    ),
    (
        "Pemkab Bogor menyiapkan lahan relokasi pedagang. "
        "Menurut Wakil Bupati, Bogor siap menjadi contoh bagi daerah lain.",
        ["32.01", "32.01"],
    ),
    (
        "Pemkot Kediri menyiapkan anggaran perbaikan drainase. Warga Kediri menyambut baik rencana itu.",
        ["35.71", "35.71"],
    ),
    (
        "Rapat digelar di Kabupaten Kediri. Warga Kediri berharap jalan segera diperbaiki.",
        ["35.06", "35.06"],
    ),
]


@pytest.mark.parametrize(("text", "codes"), PER_MENTION)
def test_kind_is_decided_per_mention(hits_of, text, codes) -> None:
    assert [h.region.code for h in hits_of(text)] == codes


# --- a province after its regency or city is a locator ---------------------------------------------------

LOCATORS = [
    # (text, the locating province, the located region)
    ("Rombongan Pemkab Sanggau, Kalimantan Barat, tiba di bandara pagi ini.", "61", "61.03"),
    ("Pemerintah Kabupaten Kotawaringin Barat (Kalimantan Tengah) menggelar pameran.", "62", "62.01"),
    ("Kunjungan ke Kota Madiun, Jawa Timur, berlangsung dua hari.", "35", "35.77"),
    # a name of a province and of its capital city, after a regency of that province: the province
    ("Kunker ke Kabupaten Tanjung Jabung Barat (Tanjab Barat), Jambi, berlangsung dua hari.", "15", "15.06"),
]


def test_a_capital_named_like_its_province_is_the_city_elsewhere(hits_of) -> None:
    assert [h.region.code for h in hits_of("Rombongan tiba di Jambi pada sore hari.")] == ["15.71"]


@pytest.mark.parametrize(("text", "province", "located"), LOCATORS)
def test_province_after_its_regency_is_a_locator(hits_of, text, province, located) -> None:
    hits = hits_of(text)
    by_code = {h.region.code: h for h in hits}
    assert by_code[province].locator
    assert not by_code[located].locator
    assert {province, located} <= _codes(text)  # still a region the text names


LOCATOR_VISITS = [
    (
        "Pemkab Sanggau, Kalimantan Barat, melaksanakan studi tiru ke Pemkot Madiun, Jawa Timur, "
        "Kamis (6/6/2024).",
        ("61.03", "35.77"),
        {"61", "35"},
    ),
    (
        "Pemkot Madiun, Jawa Timur, menerima kunjungan kerja Pemkab Kotawaringin Barat, "
        "Kalimantan Tengah, Senin (10/6/2024).",
        ("62.01", "35.77"),
        {"62", "35"},
    ),
]


@pytest.mark.parametrize(("text", "pair", "provinces"), LOCATOR_VISITS)
def test_locator_is_never_a_visitor_or_host(text, pair, provinces) -> None:
    facts = extract_article(Article(id="t", text=text))
    assert [(v.visitor, v.host) for v in facts.visits] == [([pair[0]], pair[1])]
    assert provinces <= {r.code for r in facts.regions}


# --- what is not a region --------------------------------------------------------------------------------

NOT_REGIONS = [
    # nicknames
    ("Setibanya di Kota Hujan, rombongan langsung menuju balai kota.", set()),
    ("Rombongan berangkat ke Kota Pahlawan pada pagi hari.", set()),
    ("Rombongan bertolak dari Kota Kembang menuju Kota Gudeg.", set()),
    ("Bogor yang dikenal sebagai Kota Hujan menata trotoar.", {"32.71"}),
    # products, companies and organisations named after a region
    ("Peternak mengembangkan sapi Bali di lahan milik kelompok tani.", set()),
    ("Situs itu peninggalan Kesultanan Banten dan Kerajaan Kutai.", set()),
    ("Pinjaman dari Bank Kalbar dinilai membantu pelaku usaha.", set()),
    ("Pabrik Semen Padang menambah kapasitas produksinya.", set()),
    ("Rombongan mencicipi kopi Gayo dan jeruk Pontianak di pameran.", set()),
    ("Mahasiswa Universitas Jember membantu pendataan warga.", set()),
    # towns and districts that are not regencies or cities
    ("Rombongan singgah di Sampit sebelum melanjutkan perjalanan.", set()),
    ("Rapat digelar di Cibinong pada Senin pagi.", set()),
    ("Pasar Sampit ramai dikunjungi pembeli menjelang Lebaran.", set()),
]


@pytest.mark.parametrize(("text", "codes"), NOT_REGIONS)
def test_look_alikes_are_not_regions(text, codes) -> None:
    assert _codes(text) == codes


# --- a misspelt name right after a title of office -------------------------------------------------------

MISSPELT = [
    ("Bupati Sanggaw menyambut kedatangan tamu dari Jawa.", "Sanggaw", "61.03"),
    ("Bupati Bengkayag membuka musyawarah perencanaan.", "Bengkayag", "61.07"),
    ("Bupati Bayuwangi meninjau lokasi banjir.", "Bayuwangi", "35.10"),
    ("Wali Kota Pontianek menyambut rombongan di balai kota.", "Pontianek", "61.71"),
    ("Pemkab Banyuwangie menyiapkan posko mudik.", "Banyuwangie", "35.10"),
    ("Tamu dari Kab. Bayuwangi disambut di pendopo.", "Bayuwangi", "35.10"),
]


@pytest.mark.parametrize(("sentence", "name", "code"), MISSPELT)
def test_misspelt_name_after_title_resolves(hits_of, sentence, name, code) -> None:
    hits = hits_of(sentence)
    assert [(h.region.code, sentence[h.start : h.end], h.fuzzy) for h in hits] == [(code, name, True)]


NOT_MISSPELT = [
    "Warga Sanggaw berkumpul di balai desa.",  # no title before it
    "Rombongan tiba di Banyuwangie sore hari.",  # a preposition is not a title
    "Bupati Sangaw menyambut kedatangan tamu.",  # two edits from Sanggau
    "Bupati Ngawe membuka acara itu.",  # too short to guess (Ngawi)
]


@pytest.mark.parametrize("sentence", NOT_MISSPELT)
def test_misspelling_needs_a_title_and_one_edit(hits_of, sentence) -> None:
    assert hits_of(sentence) == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Pemain binaan Kabupaten Banyumas kini memperkuat Persela Lamongan dan PSIS Semarang.", {"33.02"}),
        ("Laga Persik Kediri melawan PSMS Medan digelar malam ini.", set()),
        # a market named after its town
        ("Rombongan Kabupaten Sleman lalu menyusuri Pasar Badung.", {"34.04"}),
    ],
)
def test_a_club_or_market_is_not_its_town(text, codes) -> None:
    assert _codes(text) == codes


def test_hits_compare_and_hash_by_their_fields(hits_of) -> None:
    """Hits are plain values: two finds of one mention are equal and hash alike (sets and dict keys work)."""
    text = "Bupati Madiun menerima rombongan Pemkot Madiun di Jalan Madiun."
    first, second = hits_of(text), hits_of(text)
    assert first == second and first[0] is not second[0]
    assert len(set(first) | set(second)) == len(first) == 2  # "Jalan Madiun" is a street, not the city


def test_prefix_is_the_longest_written_before_the_name(hits_of) -> None:
    """Of the prefixes ending with one word ("kota", "pemerintah kota", "dprd kota"), the longest written
    before the name is the one read, dots aside."""
    hit, other, third = hits_of("DPRD Kota Madiun, Pemerintah Kota Madiun dan Kab. Madiun bertemu.")
    assert (hit.prefix.institution, hit.prefix.kind, hit.first_token) == ("legislature", "city", 0)
    assert (other.prefix.institution, other.first_token) == ("executive", 4)
    assert (third.prefix.kind, third.region.code) == ("regency", "35.19")
