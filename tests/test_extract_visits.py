"""Visits: who visits whom, and each visit's date, size, leader, receiver, type, body, venue and evidence.

Every example report is written for this file in the style of regional-government news; the officials'
names are invented and no sentence is taken from the corpora.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from warta.extract import extract_article
from warta.facts import Article, Visit

SLEMAN, MADIUN_CITY, BANYUMAS, KULON_PROGO = "34.04", "35.77", "33.02", "34.01"
BANYUWANGI, LUMAJANG = "35.10", "35.08"
JAWA_TENGAH = "33"

# An opening sentence told from the visitor's side; attribute tables add the sentence under test after it.
OPENING = "Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, Kamis (6/6/2024). "


def _visits(text: str, published: str | None = None, title: str | None = None) -> list[Visit]:
    return extract_article(Article(id="t", text=text, title=title, published=published)).visits


def _only(text: str, published: str | None = None) -> Visit:
    visits = _visits(text, published)
    assert len(visits) == 1, [(v.visitor, v.host) for v in visits]
    return visits[0]


def _pairs(visits: list[Visit]) -> list[tuple[list[str], str]]:
    return [(v.visitor, v.host) for v in visits]


# --- who visits whom ------------------------------------------------------------------------------------

SIDES = [
    # told by the visitor
    "Pemkab Sleman melaksanakan studi tiru ke Pemkot Madiun untuk mempelajari bank sampah, Kamis (6/6/2024).",
    "Sebanyak 30 pejabat Pemkab Sleman belajar ke Kota Madiun soal pengelolaan pasar rakyat.",
    "Wakil Bupati Sleman Danang Wicaksono memimpin rombongan studi tiru ke Pemkot Madiun, Kamis (6/6/2024).",
    # told by the host
    "Pemkot Madiun menerima kunjungan kerja Pemkab Sleman di Balai Kota Madiun, Kamis (6/6/2024).",
    "Rombongan Pemkab Sleman disambut Wali Kota Madiun Maidi Santoso di ruang rapat, Kamis (6/6/2024).",
    "Rombongan DPRD Kabupaten Sleman diterima Sekda Kota Madiun Soeko Handiarto, Kamis (6/6/2024).",
    "Pemkot Madiun kedatangan rombongan Pemkab Sleman yang melakukan studi banding, Kamis (6/6/2024).",
    "Kedatangan rombongan Pemkab Sleman disambut Wakil Wali Kota Madiun Inda Raya, Kamis (6/6/2024).",
    "Wali Kota Madiun Maidi Santoso menerima rombongan studi tiru dari Pemkab Sleman, Kamis (6/6/2024).",
    "Wakil Wali Kota Madiun Inda Raya menyambut kunjungan kerja DPRD Kabupaten Sleman, Kamis (6/6/2024).",
    "Pemkot Madiun menerima tamu dari Pemkab Sleman yang melakukan studi tiru, Kamis (6/6/2024).",
    pytest.param(
        "Pemkot Madiun menerima 40 tamu dari Pemkab Sleman yang melakukan studi tiru, Kamis (6/6/2024).",
    ),
    # an agency of the region between the cue and the region's name
    "Rombongan Pemkab Sleman melakukan studi tiru ke Dinas Koperasi dan UKM Kota Madiun, Kamis (6/6/2024).",
    "Diskominfo Kota Madiun menerima kunjungan studi banding dari Dinas Komunikasi dan Informatika "
    "Kabupaten Sleman, Kamis (6/6/2024).",
    # a clause on who leads, set off by commas, between the visitor and its verb
    "Sebanyak 25 pejabat Pemerintah Kabupaten Sleman, dipimpin Sekretaris Daerah Ir. H. Harda Kiswaya, M.Si, "
    "melaksanakan studi tiru ke Kota Madiun, Kamis (6/6/2024).",
    # the region after a visiting verb hosts; after a learning verb, "dari X" names the host
    "DPRD Kabupaten Sleman mengunjungi DPRD Kota Madiun untuk studi tiru, Kamis (6/6/2024).",
    "Anggota DPRD Sleman sambangi Pemkot Madiun untuk studi tiru.",
    "Pemerintah Kabupaten Sleman belajar tata kelola pasar dari Pemerintah Kota Madiun.",
    # passive, with the body's name between "oleh" and the region; a host role in Javanese
    "Studi banding ke Kota Madiun dilakukan oleh Komisi B DPRD Sleman.",
    "Kota Madiun jadi jujugan studi tiru Pemkab Sleman.",
    "Pemkab Sleman memilih Kota Madiun sebagai tujuan studi tiru.",
    "Kota Madiun menjadi daerah tujuan studi banding Pemkab Sleman.",
    # the host named as the owner of the body visited
    "Pemkab Sleman melakukan studi tiru ke Perumda Air Minum Tirta Kencana milik Pemerintah Kota Madiun.",
    # a headline verb
    "Komisi B DPRD Sleman pelajari pajak reklame di Kota Madiun.",
    # degrees whose last part has no closing dot
    "Wakil Bupati Sleman, H. Danang Wicaksono, SE, M.Si, memimpin rombongan studi tiru ke Kota Madiun.",
    # a quotation opened and not closed runs to the end of its paragraph only
    "Sleman ingin belajar. “Kami ingin belajar.\nPemkab Sleman melakukan studi tiru ke Pemkot Madiun.",
]


@pytest.mark.parametrize("text", SIDES)
def test_visitor_and_host_from_either_side(text) -> None:
    assert _pairs(_visits(text)) == [([SLEMAN], MADIUN_CITY)]


PROVINCES = [
    (  # through an agency whose name is not an acronym
        "Rombongan Biro Organisasi Setda Provinsi Gorontalo dipimpin Kepala Biro Organisasi, Fitri Dunggio. "
        "Mereka melakukan kaji tiru ke Pemerintah Provinsi Jawa Tengah.",
        [(["75"], "33")],
    ),
    (
        "Pemprov Kalteng melakukan studi banding ke Pemprov Jatim, Kamis (6/6/2024). "
        "Rombongan diterima Sekda Jatim Adhy Karyono di Gedung Negara Grahadi.",
        [(["62"], "35")],
    ),
    (
        "Pemkot Madiun menerima kunjungan kerja rombongan DPRD Provinsi Kalimantan Barat, Kamis (6/6/2024).",
        [(["61"], MADIUN_CITY)],
    ),
]


@pytest.mark.parametrize(("text", "pairs"), PROVINCES)
def test_provinces_visit_through_their_institutions(text, pairs) -> None:
    assert _pairs(_visits(text)) == pairs


def test_several_delegations_one_visit_each() -> None:
    text = (
        "Balai Kota Madiun ramai tamu, Kamis (6/6/2024). Pemkot Madiun menerima kunjungan dari tiga daerah "
        "sekaligus. Rombongan pertama dari Pemkab Sleman melakukan studi tiru soal bank sampah. "
        "Rombongan kedua dari Pemkab Kulon Progo melakukan studi banding mengenai pasar rakyat. "
        "Rombongan ketiga dari DPRD Kabupaten Banyumas melakukan kunjungan kerja terkait peraturan daerah."
    )
    visits = _visits(text)
    assert _pairs(visits) == [
        ([SLEMAN], MADIUN_CITY),
        ([KULON_PROGO], MADIUN_CITY),
        ([BANYUMAS], MADIUN_CITY),
    ]
    # each delegation keeps what its own sentence says of it
    assert [v.visit_type for v in visits] == ["studi tiru", "studi banding", "kunjungan kerja"]
    assert [v.visitor_body for v in visits] == ["executive", "executive", "legislature"]


def test_one_sentence_naming_two_delegations_gives_each_its_own_body() -> None:
    text = (
        "Pemkot Madiun menerima dua rombongan sekaligus, Kamis (6/6/2024). Rombongan pertama datang dari "
        "Pemerintah Kabupaten Sleman, sedangkan rombongan kedua adalah Komisi II DPRD Kabupaten Banyumas. "
        "Rombongan Sleman melakukan studi tiru soal bank sampah. Rombongan DPRD Banyumas melakukan "
        "kunjungan kerja terkait pasar rakyat."
    )
    visits = _visits(text)
    assert _pairs(visits) == [([SLEMAN], MADIUN_CITY), ([BANYUMAS], MADIUN_CITY)]
    assert [v.visitor_body for v in visits] == ["executive", "legislature"]


def test_delegations_listed_after_yakni_take_the_cue_before() -> None:
    text = (
        "Pemkot Madiun menerima kunjungan dari tiga daerah sekaligus, yakni Kabupaten Sleman, Kabupaten "
        "Bantul dan Kota Magelang, Senin (3/6/2024)."
    )
    assert sorted(_pairs(_visits(text))) == [
        (["33.71"], MADIUN_CITY),
        (["34.02"], MADIUN_CITY),
        ([SLEMAN], MADIUN_CITY),
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "Pemkot Madiun menerima kunjungan dua rombongan sekaligus, Kamis (6/6/2024).",
        "Wali Kota Madiun Maidi Santoso menyambut rombongan tamu dari dua daerah di Balai Kota, "
        "Kamis (6/6/2024).",
        pytest.param(
            "Pemkot Madiun menerima dua rombongan sekaligus, Kamis (6/6/2024).",
        ),
    ],
)
def test_two_delegations_in_separate_paragraphs(opening) -> None:
    text = (
        f"{opening}\n\n"
        "Rombongan pertama dari Pemkab Sleman melakukan studi tiru tentang pengelolaan sampah.\n\n"
        "Rombongan kedua dari Pemkab Banyumas melakukan studi banding soal pelayanan publik."
    )
    assert _pairs(_visits(text)) == [([SLEMAN], MADIUN_CITY), ([BANYUMAS], MADIUN_CITY)]


def test_joint_visit_is_one_visit_with_two_visitors() -> None:
    text = (
        "Pemkab Sleman dan Pemkab Banyumas melakukan studi tiru bersama ke Pemkot Madiun, Kamis (6/6/2024). "
        "Kedua rombongan mempelajari pengelolaan bank sampah."
    )
    assert _pairs(_visits(text)) == [([SLEMAN, BANYUMAS], MADIUN_CITY)]


TOUR = (
    "Pemkab Sleman melakukan kunjungan kerja ke Kabupaten Banyuwangi dan Kabupaten Lumajang "
    "pada 10-11 Juli 2024."
)


def test_a_joint_visit_of_regencies_written_kab() -> None:
    text = (
        "Rombongan gabungan Pemerintah Kab. Sleman dan Pemerintah Kab. Kulon Progo melakukan studi banding "
        "ke Kota Madiun, Kamis (6/6/2024)."
    )
    assert _pairs(_visits(text)) == [([SLEMAN, KULON_PROGO], MADIUN_CITY)]


def test_tour_is_one_visit_per_host() -> None:
    visits = _visits(TOUR)
    assert sorted((v.host, tuple(v.visitor)) for v in visits) == [
        (LUMAJANG, (SLEMAN,)),
        (BANYUWANGI, (SLEMAN,)),
    ]
    assert sorted(v.date for v in visits) == ["2024-07-10", "2024-07-11"]


TOLD_BY_DAY = [
    # each day's host in a sentence of its own
    "Pemkab Sleman melakukan studi tiru pertanian ke Jawa Timur, Rabu dan Kamis (10-11/7/2024). Pada hari "
    "pertama, rombongan berkunjung ke Kabupaten Banyuwangi dan diterima Sekda Banyuwangi, Mujiono. "
    "Hari kedua, rombongan bergeser ke Kabupaten Lumajang dan diterima Wakil Bupati Lumajang, Indah Ampera.",
    # only the second day told as such; the first host received by a dinas head far from the region's name
    "Pemkab Sleman melakukan studi tiru pertanian ke Jawa Timur, Rabu dan Kamis (10-11/7/2024). "
    "Di Banyuwangi, rombongan diterima Kepala Bidang Tanaman Pangan dan Hortikultura Dinas Pertanian dan "
    "Pangan Kabupaten Banyuwangi, Ilham Juanda. Sehari kemudian, rombongan bergeser ke Lumajang dan "
    "diterima jajaran Dinas Pertanian Kabupaten Lumajang.",
]


@pytest.mark.parametrize("text", TOLD_BY_DAY)
def test_a_tour_told_day_by_day(text) -> None:
    visits = _visits(text)
    assert [(v.host, v.visitor, v.date) for v in visits] == [
        (BANYUWANGI, [SLEMAN], "2024-07-10"),
        (LUMAJANG, [SLEMAN], "2024-07-11"),
    ]


def test_a_second_host_without_a_day_is_no_stop() -> None:
    text = (
        "Pemkab Sleman melakukan studi tiru ke Kabupaten Banyuwangi, Rabu (10/7/2024). Rombongan diterima "
        "Sekda Banyuwangi, Mujiono. Selama di Jawa Timur, rombongan menginap di Kabupaten Lumajang."
    )
    assert [v.host for v in _visits(text)] == [BANYUWANGI]


def test_tour_stops_follow_the_text_in_every_process() -> None:
    script = (
        "import json; from warta.extract import extract_article; from warta.facts import Article; "
        f"f = extract_article(Article(id='t', text={TOUR!r})); "
        "print(json.dumps([[v.host, v.date] for v in f.visits]))"
    )
    runs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        runs.add(out.stdout.strip())
    assert [json.loads(run) for run in runs] == [[[BANYUWANGI, "2024-07-10"], [LUMAJANG, "2024-07-11"]]]


NO_VISIT = [
    # a ministry or a trip abroad is not a visit between regions
    "Pemkab Sleman melakukan kunjungan kerja ke Kementerian Dalam Negeri di Jakarta, Selasa (9/7/2024).",
    "Pemkab Sleman melakukan studi tiru ke Kementerian PANRB untuk mempelajari reformasi birokrasi.",
    "Delegasi Pemkab Sleman melakukan studi banding ke Singapura terkait pengelolaan sampah, "
    "Kamis (6/6/2024).",
    "Bupati Sleman memimpin delegasi ke Jepang untuk studi banding pengelolaan sampah.",
    # reports with no visit at all
    "Bupati Sleman Kustini Handayani meresmikan pasar rakyat di Kecamatan Ngaglik, Selasa (9/7/2024).",
    "Pemkab Sleman menggelar rapat koordinasi penanganan stunting bersama camat dan kepala puskesmas.",
    "Wali Kota Madiun Maidi Santoso menghadiri rapat koordinasi kepala daerah se-Jawa Timur di Surabaya.",
    "Pemkab Sleman dan Pemkot Madiun menandatangani nota kesepahaman pengelolaan sampah di Yogyakarta.",
    # a visit to a university or a company, at a place in a region; something sent to a region
    "MADIUN — Bupati Sleman bersama rombongan berkunjung ke Universitas Merdeka di Kota Madiun untuk "
    "menandatangani nota kesepahaman.",
    "MADIUN – Dinas Pertanian Kabupaten Sleman melakukan kunjungan ke pabrik pakan PT Sinar Pakan di Kota "
    "Madiun, Kamis (6/6/2024).",
    "Bupati Sleman melakukan kunjungan kerja ke Kecamatan Turi. Perbaikan jalan diusulkan juga ke "
    "Pemerintah Provinsi Jawa Tengah.",
    # people from a region who are no delegation of its government
    "Ratusan wisatawan dari Kota Madiun berkunjung ke Kabupaten Sleman selama libur panjang.",
    # a regent heading a meeting elsewhere does not lead a delegation
    "MADIUN – Bupati Sleman, Kustini Handayani, yang memimpin sidang komisi, menyampaikan usulan para "
    "bupati dalam rapat kerja nasional asosiasi bupati.",
    "",
]


@pytest.mark.parametrize("text", NO_VISIT)
def test_no_visit_between_regions(text) -> None:
    assert _visits(text) == []


# --- date -----------------------------------------------------------------------------------------------

DATES = [
    # (text, published, date)
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, Kamis (6/6/2024).", None, "2024-06-06"),
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun pada Kamis, 6 Juni 2024.", None, "2024-06-06"),
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun pada 3-4 Juli 2024.", None, "2024-07-03"),
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, Senin (7/10).", "2024-10-12", "2024-10-07"),
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, Senin (30/12).", "2025-01-03", "2024-12-30"),
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, kemarin.", "2024-06-07", "2024-06-06"),
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, Senin (7/10).", None, None),
    (
        "Pemkab Sleman melakukan studi tiru ke Pemkot Madiun untuk mempelajari bank sampah.",
        "2024-06-07",
        None,
    ),
    (
        "Pemkab Sleman melakukan studi tiru ke Pemkot Madiun. Rombongan tiba di Balai Kota pada Rabu "
        "(5/6/2024) pagi.",
        None,
        "2024-06-05",
    ),
]


@pytest.mark.parametrize(("text", "published", "date"), DATES)
def test_visit_date(text, published, date) -> None:
    assert _only(text, published).date == date


# --- delegation size ------------------------------------------------------------------------------------

SIZES = [
    ("Rombongan sebanyak 35 orang dipimpin Sekda Sleman Harda Kiswaya.", 35),
    ("Rombongan berjumlah 72 orang itu dipimpin Wakil Bupati Sleman Danang Wicaksono.", 72),
    ("Rombongan yang berjumlah dua puluh orang itu diterima di Balai Kota.", 20),
    ("Rombongan berjumlah dua puluh lima orang.", 25),
    ("Rombongan beranggotakan sembilan orang.", 9),
    ("Studi tiru ini diikuti 45 peserta dari berbagai OPD.", 45),
    ("Wakil Bupati Sleman Danang Wicaksono didampingi 20 orang kepala OPD.", 20),
    # a total after its parts
    ("Rombongan terdiri atas 12 kepala OPD, 20 camat dan 8 staf, dengan total 40 orang.", 40),
    ("Rombongan terdiri atas 10 kepala OPD dan 14 staf, seluruhnya 24 orang.", 24),
    ("Rombongan terdiri dari 15 anggota DPRD dan 6 staf sekretariat, sehingga total 21 orang.", 21),
    pytest.param(
        "Sebanyak 15 anggota dewan hadir, didampingi 6 staf sekretariat, sehingga totalnya 21 orang.",
        21,
    ),
    # parts without their total are summed
    ("Rombongan terdiri dari delapan anggota Komisi B dan empat staf sekretariat dewan.", 12),
    ("Rombongan terdiri atas 10 kepala OPD, 5 anggota DPRD dan 3 pendamping.", 18),
    # a count of the people with the leader leaves the leader out; a count in "orang" is the delegation
    ("Rombongan dipimpin Ketua Komisi B Ahmad Sulaiman bersama tujuh anggota komisi dan tiga staf.", 11),
    ("Kepala Dinas Kesehatan Sleman Rina Oktaviani datang beserta sembilan staf.", 10),
    ("Rombongan dipimpin Ketua Komisi A Budi Santoso, didampingi enam anggota komisi.", 7),
    ("Ketua Pansus Joko Wiyono berangkat bersama enam anggota pansus dan dua tenaga ahli.", 9),
    ("Rombongan dipimpin Sekda Sleman Harda Kiswaya yang membawa 30 orang kepala OPD.", 30),
    # a part without its count: the total is not said
    ("Rombongan dipimpin Ketua Komisi C Dedi Susanto bersama empat anggota komisi dan pendamping.", None),
    ("Wakil Bupati Sleman Danang Wicaksono didampingi 20 orang kepala OPD dan pejabat dinas.", 20),
    (
        "Rombongan dipimpin Sekda Sleman bersama sejumlah kepala OPD, dua anggota DPRD, dan perwakilan tani.",
        None,
    ),
    # a total, then its parts: the total
    ("Rombongan sebanyak 30 orang, terdiri dari 20 anggota DPRD dan 10 staf.", 30),
    # numbers that are not the delegation
    ("Turut hadir dua staf ahli dan dua kepala bagian.", None),
    ("Kota Madiun berpenduduk 200.000 jiwa dan memiliki 27 kelurahan.", None),
    ("Sleman memiliki 86 desa dengan 1.100.000 jiwa.", None),
    ("Retribusi sampah di Madiun naik 15 persen menjadi Rp 2 miliar.", None),
    ("Menurut Wali Kota, 85 persen sampah sudah terpilah dan 12 ton kompos diproduksi tiap bulan.", None),
    ("Kota Madiun memiliki 350 orang petugas kebersihan.", None),
    ("Program itu sudah menjangkau 1.500 orang warga miskin.", None),
    (
        "Rombongan sebanyak 25 orang itu mempelajari pasar yang menampung 1.200 pedagang "
        "dengan omzet Rp 3 miliar.",
        25,
    ),
]


@pytest.mark.parametrize(("sentence", "size"), SIZES)
def test_delegation_size(sentence, size) -> None:
    assert _only(OPENING + sentence).delegation_size == size


def test_size_in_the_visit_sentence_and_numbers_beside_it() -> None:
    text = (
        "Pemkab Sleman melakukan studi tiru ke Kota Madiun yang memiliki 27 kelurahan "
        "dan 200.000 jiwa penduduk."
    )
    assert _only(text).delegation_size is None
    assert _only("Pemkab Sleman membawa 18 orang dalam studi tiru ke Pemkot Madiun.").delegation_size == 18


# --- leader and receiver --------------------------------------------------------------------------------

LEADERS = [
    (
        "Rombongan Pemkab Sleman yang dipimpin Asisten Perekonomian Setda Sleman Purwanto Wibisono "
        "melakukan studi tiru ke Pemkot Madiun.",
        "Purwanto Wibisono",
    ),
    (
        "Wakil Bupati Sleman Danang Wicaksono memimpin rombongan studi tiru ke Pemkot Madiun.",
        "Danang Wicaksono",
    ),
    (
        OPENING + "Rombongan dipimpin Sekda Sleman Harda Kiswaya didampingi Kepala Dinas Lingkungan Hidup "
        "Sleman Epiphana Kristiyani.",
        "Harda Kiswaya",
    ),
    (
        OPENING + "Kepala Bappeda Sleman Rini Astuti yang memimpin rombongan didampingi Kabag Organisasi "
        "Setda Sleman Budi Harsono.",
        "Rini Astuti",
    ),
    # the companion comes first in the text
    (
        "Didampingi Kabag Organisasi Setda Sleman Budi Harsono, Sekda Sleman Harda Kiswaya "
        "memimpin rombongan studi tiru ke Pemkot Madiun.",
        "Harda Kiswaya",
    ),
    (
        "Ketua Komisi C DPRD Sleman Yuni Astuti memimpin kunjungan kerja ke DPRD Kota Madiun, didampingi "
        "Wakil Ketua DPRD Sleman Arif Kurniawan.",
        "Yuni Astuti",
    ),
    (OPENING + "Rombongan diterima Wali Kota Madiun Maidi Santoso di Balai Kota.", None),
    # a speaker who says the delegation was theirs; a name with the people with them, counted
    (
        OPENING + "Kepala Bappeda Sleman Rini Astuti di Madiun, Jumat, mengatakan rombongan yang dipimpinnya "
        "berjumlah 30 orang.",
        "Rini Astuti",
    ),
    (
        OPENING + "Ketua Komisi B DPRD Sleman, Budi Santoso, S.H., bersama enam anggota diterima Wakil Wali "
        "Kota Madiun, Inda Raya.",
        "Budi Santoso",
    ),
    # written apart
    (
        OPENING + "Rombongan berjumlah 11 orang di pimpin langsung Sekda Sleman, Harda Kiswaya.",
        "Harda Kiswaya",
    ),
]


@pytest.mark.parametrize(("text", "leader"), LEADERS)
def test_leader(text, leader) -> None:
    assert _only(text).leader == leader


RECEIVERS = [
    ("Rombongan disambut oleh Wakil Wali Kota Madiun Inda Raya di Balai Kota Madiun.", "Inda Raya"),
    ("Wali Kota Madiun Maidi Santoso menerima rombongan di Ruang Rapat Wali Kota.", "Maidi Santoso"),
    (
        "Rombongan diterima Asisten Administrasi Umum Setda Kota Madiun Bambang Rudiyanto.",
        "Bambang Rudiyanto",
    ),
    ("Rombongan dipimpin Wakil Bupati Sleman Danang Wicaksono.", None),
]


@pytest.mark.parametrize(("sentence", "received_by"), RECEIVERS)
def test_received_by(sentence, received_by) -> None:
    assert _only(OPENING + sentence).received_by == received_by


def test_leader_and_receiver_in_one_sentence() -> None:
    text = (
        "Rombongan Pemkab Sleman yang dipimpin Wakil Bupati Sleman Danang Wicaksono disambut "
        "Wali Kota Madiun Maidi Santoso di Ruang 13 Balai Kota, Kamis (6/6/2024)."
    )
    visit = _only(text)
    assert (visit.leader, visit.received_by) == ("Danang Wicaksono", "Maidi Santoso")


# --- visit type -----------------------------------------------------------------------------------------

TYPES = [
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun.", "studi tiru"),
    ("Pemkab Sleman melakukan kaji tiru ke Pemkot Madiun.", "studi tiru"),
    ("Pemkab Sleman melakukan studi banding ke Pemkot Madiun.", "studi banding"),
    ("Pemkab Sleman melakukan kaji banding ke Pemkot Madiun.", "studi banding"),
    ("Pemkab Sleman melakukan study banding ke Pemkot Madiun.", "studi banding"),
    ("Pemkab Sleman melakukan kunjungan kerja ke Pemkot Madiun.", "kunjungan kerja"),
    ("Pemkab Sleman melakukan kunker ke Pemkot Madiun.", "kunjungan kerja"),
    ("Pemkab Sleman berkunjung ke Pemkot Madiun.", "kunjungan"),
    ("Jajaran Pemkab Kulon Progo menimba ilmu ke Pemkab Sleman.", "kunjungan"),
    # the most specific type named wins
    (
        "Pemkab Sleman melakukan kunjungan kerja ke Pemkot Madiun dalam rangka studi tiru pengelolaan pasar.",
        "studi tiru",
    ),
    (
        "Pemkab Sleman melakukan kunjungan kerja ke Pemkot Madiun. Dalam studi banding itu rombongan "
        "mempelajari aplikasi layanan publik.",
        "studi banding",
    ),
    (  # a visit of another named kind
        "Sebanyak 27 kepala desa dari Kabupaten Sleman mengikuti studi lapangan ke Kota Madiun. Dalam "
        "kunjungan itu, rombongan diterima Sekda Kota Madiun.",
        "other",
    ),
]


@pytest.mark.parametrize(("text", "visit_type"), TYPES)
def test_visit_type(text, visit_type) -> None:
    assert _only(text).visit_type == visit_type


def test_visit_type_from_the_title() -> None:
    visits = _visits(
        "Rombongan Pemkab Sleman disambut Wali Kota Madiun di Balai Kota.",
        title="Pemkab Sleman Studi Tiru Pengelolaan Sampah ke Madiun",
    )
    assert [v.visit_type for v in visits] == ["studi tiru"]


# --- visitor body ---------------------------------------------------------------------------------------

BODIES = [
    ("Pemkab Sleman melakukan studi tiru ke Pemkot Madiun, Kamis (6/6/2024).", "executive"),
    (
        "Komisi C DPRD Kabupaten Sleman melakukan kunjungan kerja ke Pemkot Madiun, Kamis (6/6/2024).",
        "legislature",
    ),
    (
        "Rombongan DPRD Kabupaten Sleman bersama sejumlah kepala OPD melakukan studi banding ke Pemkot "
        "Madiun, Kamis (6/6/2024).",
        "mixed",
    ),
    (
        "Pemkab Sleman melakukan studi tiru ke Pemkot Madiun. Rombongan terdiri dari unsur eksekutif dan "
        "legislatif Sleman.",
        "mixed",
    ),
    pytest.param(
        "Rombongan DPRD Kabupaten Sleman diterima Wali Kota Madiun Maidi Santoso, Kamis (6/6/2024).",
        "legislature",
    ),
    pytest.param(
        "Pemkot Madiun menerima kunjungan kerja rombongan DPRD Provinsi Kalimantan Barat, Kamis (6/6/2024).",
        "legislature",
    ),
    # what follows the receiving verb is the host's side, its rooms too
    (
        "Komisi C DPRD Kabupaten Sleman melakukan kunjungan kerja ke Kota Madiun, Kamis (6/6/2024). "
        "Rombongan dipimpin Ketua Komisi C, Budi Santoso, dan diterima Kepala Bagian Pemerintahan, "
        "Retno Wulan, di ruang rapat asisten.",
        "legislature",
    ),
    # the government of the visitor told of, not acting in the visit
    (
        "Komisi C DPRD Kabupaten Sleman melakukan kunjungan kerja ke Kota Madiun, Kamis (6/6/2024). "
        "Menurut Budi, pasar milik Pemkab Sleman tengah direvitalisasi.",
        "legislature",
    ),
]


@pytest.mark.parametrize(("text", "body"), BODIES)
def test_visitor_body(text, body) -> None:
    assert _only(text).visitor_body == body


# --- venue ----------------------------------------------------------------------------------------------

VENUES = [
    ("Rombongan diterima di Ruang Rapat Wali Kota Madiun.", "Ruang Rapat Wali Kota Madiun"),
    ("Pertemuan bertempat di Aula Bappeda Kota Madiun.", "Aula Bappeda Kota Madiun"),
    (
        "Rombongan disambut Wali Kota Madiun Maidi Santoso di Ruang 13 Balai Kota, Kamis pagi.",
        "Ruang 13 Balai Kota",
    ),
    (
        "Diskusi berlangsung di Gedung Diklat Kota Madiun dan dilanjutkan peninjauan lapangan.",
        "Gedung Diklat Kota Madiun",
    ),
    ("Rombongan diterima di Pendopo Kabupaten beberapa waktu lalu.", "Pendopo Kabupaten"),
    ("Rombongan kemudian meninjau lokasi pengolahan sampah.", None),
    # a named complex or office after a comma goes on; a lower-case one does not
    (
        "Rombongan diterima di Ruang Rapat Bina Karya, Setda Kota Madiun.",
        "Ruang Rapat Bina Karya, Setda Kota Madiun",
    ),
    (
        "Rombongan diterima di Gedung Binangun, Kompleks Pemkot Madiun.",
        "Gedung Binangun, Kompleks Pemkot Madiun",
    ),
    ("Rombongan diterima di Gedung Bhakti Praja, kompleks kantor wali kota.", "Gedung Bhakti Praja"),
    # "dan" inside a name; local names of halls
    (
        "Rombongan diterima di Aula Dinas Ketahanan Pangan dan Pertanian Madiun pada Kamis pagi.",
        "Aula Dinas Ketahanan Pangan dan Pertanian Madiun",
    ),
    ("Rombongan disambut di Pendhapi Gedhe Balai Kota Madiun.", "Pendhapi Gedhe Balai Kota Madiun"),
]


@pytest.mark.parametrize(("sentence", "venue"), VENUES)
def test_venue(sentence, venue) -> None:
    assert _only(OPENING + sentence).venue == venue


# --- evidence -------------------------------------------------------------------------------------------

EVIDENCE = [
    *(case for case in SIDES if isinstance(case, str)),
    OPENING + "Rombongan disambut oleh Wakil Wali Kota Madiun Inda Raya di Balai Kota Madiun.",
    "Suasana Balai Kota Madiun ramai sejak pagi.\n\nPemkot Madiun menerima kunjungan kerja Pemkab Sleman, "
    "Kamis (6/6/2024). Rombongan disambut hangat.",
    "  Di tengah hujan deras, rombongan tiba.  Pemkab Sleman melakukan studi tiru ke Pemkot Madiun “untuk "
    "belajar”, Kamis (6/6/2024)!  Rombongan pulang sore harinya.",
]


@pytest.mark.parametrize("text", EVIDENCE)
def test_visit_evidence_is_the_sentence_at_its_offsets(text) -> None:
    visit = _only(text)
    evidence = visit.evidence
    assert evidence is not None
    assert text[evidence.start : evidence.end] == evidence.text
    assert evidence.text == evidence.text.strip() and "\n" not in evidence.text
    assert "Sleman" in evidence.text or "Madiun" in evidence.text


@pytest.mark.parametrize(
    "text",
    [
        # the delegation comes from villages of a regency, and goes to a village of another
        "Sebanyak 15 kepala desa dari Kecamatan Ngaglik dan Kecamatan Depok, Kabupaten Sleman, melakukan "
        "studi banding ke Desa Sumberejo, Kecamatan Taman, Kota Madiun, Kamis (6/6/2024).",
        "Para lurah dari Kapanewon Godean, Kabupaten Sleman, berkunjung ke Kelurahan Nambangan Lor, "
        "Kota Madiun, Kamis (6/6/2024).",
    ],
)
def test_places_below_a_regency_pass_their_cue_to_it(text) -> None:
    assert _pairs(_visits(text)) == [([SLEMAN], MADIUN_CITY)]


def test_a_provincial_agency_travels_with_a_regency_agency() -> None:
    text = (
        "Badan Perencanaan Pembangunan Daerah (Bappeda) Provinsi Jawa Tengah bersama Bappeda Kabupaten "
        "Banyumas melakukan studi banding ke Pemkot Madiun, Kamis (6/6/2024)."
    )
    assert _pairs(_visits(text)) == [([JAWA_TENGAH, BANYUMAS], MADIUN_CITY)]


def test_the_host_agency_is_not_the_delegation_body() -> None:
    text = (
        "Komisi B DPRD Kabupaten Banyumas melakukan kunjungan kerja ke Dinas Pertanian Kota Madiun, "
        "Kamis (6/6/2024). Rombongan diterima Kepala Dinas Pertanian Kota Madiun, Ir. Bagus Santosa."
    )
    assert _only(text).visitor_body == "legislature"


def test_who_received_the_delegation_at_a_ministry_did_not_receive_it_at_the_host() -> None:
    text = (
        "Komisi A DPRD Kabupaten Banyumas melakukan kunjungan kerja ke Jakarta dan Kota Madiun, Senin "
        "(3/6/2024). Di Jakarta, rombongan berkonsultasi ke Kementerian Dalam Negeri. Rombongan diterima "
        "Analis Kebijakan Ahli Muda, Darmawan Saputra. Keesokan harinya rombongan melanjutkan kunjungan "
        "kerja ke DPRD Kota Madiun. Kunjungan diterima Ketua Komisi I DPRD Kota Madiun, Ir. Hadi Prasetyo."
    )
    visit = _only(text)
    assert (visit.host, visit.received_by) == (MADIUN_CITY, "Hadi Prasetyo")


def test_a_camat_named_with_the_places_above_leads_the_village_heads() -> None:
    text = (
        "Camat Depok, Kabupaten Sleman, Daerah Istimewa Yogyakarta, Drs. Wahyu Prasetyo, M.Si., memimpin "
        "12 kepala desa studi banding ke Kota Madiun, Kamis (6/6/2024)."
    )
    visit = _only(text)
    assert (visit.visitor, visit.host, visit.leader) == ([SLEMAN], MADIUN_CITY, "Wahyu Prasetyo")


def test_going_home_names_no_host() -> None:
    text = (
        "MADIUN – Lurah Nambangan, Kecamatan Taman, Kota Madiun, Agus Riyanto, memimpin rombongan ketua RT "
        "melakukan studi tiru ke Kabupaten Sleman, Jumat (7/6/2024). Rombongan kembali ke Madiun keesokan "
        "harinya."
    )
    assert _pairs(_visits(text)) == [([MADIUN_CITY], SLEMAN)]


def test_a_team_from_a_region_is_a_delegation() -> None:
    text = (
        "Pemkot Madiun melalui Bapenda menerima kunjungan studi tiru, Selasa (4/6/2024). Tim dari Kabupaten "
        "Sleman dipimpin Sekretaris Bapenda Sleman, Yulius Hartono."
    )
    assert _pairs(_visits(text)) == [([SLEMAN], MADIUN_CITY)]


def test_a_companion_before_the_receiving_verb_is_not_the_receiver() -> None:
    text = (
        OPENING + "Kepala Dinas Perdagangan Kota Madiun, Retno Wulandari, didampingi Kepala Bidang Pasar, "
        "Dedi Kurnia, menyambut rombongan di aula dinas."
    )
    assert _only(text).received_by == "Retno Wulandari"


def test_who_sets_off_with_the_members_leads() -> None:
    text = (
        "Panitia Khusus (Pansus) II DPRD Kabupaten Banyumas melakukan kaji banding ke DPRD Kota Madiun, "
        "Kamis (6/6/2024). Ketua Pansus II, Heru Santosa, berangkat bersama enam anggota pansus."
    )
    assert _only(text).leader == "Heru Santosa"


def test_an_official_told_of_by_his_title_at_an_agency_is_no_cue() -> None:
    text = (
        OPENING + "Rombongan mendapat penjelasan dari Kepala Dinas Koperasi Kota Madiun, Budi Santoso, "
        "tentang koperasi desa."
    )
    assert _pairs(_visits(text)) == [([SLEMAN], MADIUN_CITY)]


def test_a_visitor_named_only_in_the_title() -> None:
    text = (
        "Pemkot Madiun menerima kunjungan studi tiru pengelolaan sampah dari salah satu kabupaten di DIY, "
        "Kamis (6/6/2024). Tamu dari lereng Merapi itu diterima Sekda Kota Madiun, Soeko Handiarto."
    )
    visits = _visits(text, title="Pemkab Sleman Belajar Kelola Sampah ke Madiun")
    assert _pairs(visits) == [([SLEMAN], MADIUN_CITY)]
    facts = extract_article(Article(id="t", text=text, title="Pemkab Sleman Belajar Kelola Sampah ke Madiun"))
    assert SLEMAN in [r.code for r in facts.regions]


def test_a_headline_alone_makes_no_visit() -> None:
    text = "Rombongan tiba pukul 09.00 dan langsung berdiskusi dengan para pejabat setempat."
    assert _visits(text, title="Pemkab Sleman Studi Tiru ke Kota Madiun") == []


def test_a_bare_name_in_the_title_is_read_as_the_report_first_reads_it() -> None:
    text = (
        "Pemkab Sleman melakukan studi tiru ke Kabupaten Blitar, Kamis (6/6/2024). Rombongan diterima "
        "Wakil Bupati Blitar, Rahmat Santoso. Sebelum pulang, rombongan berziarah ke Makam Bung Karno di "
        "Kota Blitar."
    )
    assert _pairs(_visits(text, title="Pemkab Sleman Studi Tiru ke Blitar")) == [([SLEMAN], "35.05")]


def test_a_room_before_the_receiving_official_is_no_name() -> None:
    text = (
        "Bertempat di Ruang Rapat Wali Kota, Wakil Wali Kota Madiun Inda Raya menerima kunjungan studi tiru "
        "dari Pemerintah Kabupaten Sleman."
    )
    assert _only(text).received_by == "Inda Raya"


def test_a_count_of_people_from_a_region_is_not_what_the_title_learns_from() -> None:
    visits = _visits(OPENING, title="Belajar Kelola Pasar, 12 Lurah dari Sleman Studi Tiru ke Madiun")
    assert _pairs(visits) == [([SLEMAN], MADIUN_CITY)]


def test_a_delegation_named_in_the_sentence_before_the_visit() -> None:
    text = (
        "Keberhasilan Kota Madiun menata pasar rakyat menarik perhatian Komisi B DPRD Kabupaten Sleman. "
        "Kamis (6/6/2024), rombongan komisi itu melakukan kunjungan kerja ke Pemkot Madiun."
    )
    assert _pairs(_visits(text)) == [([SLEMAN], MADIUN_CITY)]


@pytest.mark.parametrize(
    "title",
    [
        "DPRD DAN OPD SLEMAN KUNKER KE KABUPATEN MADIUN, BELAJAR JAGUNG",
        "DPRD dan OPD Sleman Kunker ke Kabupaten Madiun, Belajar Jagung",
    ],
)
def test_a_title_in_capitals_is_read_as_written_normally(title) -> None:
    text = (
        "Rombongan DPRD Sleman melakukan kunjungan kerja, Kamis (6/6/2024). Rombongan disambut Bupati Madiun "
        "Ahmad Dawami di pendopo."
    )
    assert _pairs(_visits(text, title=title)) == [([SLEMAN], "35.19")]


@pytest.mark.parametrize(
    "text",
    [
        "Rombongan berjumlah 40 orang tiba di Madiun.",
        "Rombongan tiba di Madiun pagi ini.",
        "Sebanyak dua puluh PESERTA hadir.",
        "Sebanyak 12 orang-orang hadir.",  # the unit inside a hyphenated word: read by the pattern
        "Ada 12 orang's hadir.",
        "Ada 12 peſerta hadir.",  # a long s matches "s" ignoring case: not plain ASCII, read by the pattern
        "Diikuti 30 kepala OPD dan tiga staf.",
        "Orang tua murid hadir.",  # a unit at the start, after no white space
    ],
)
def test_a_sentence_without_a_size_is_told_as_the_unit_pattern_tells_it(text) -> None:
    from warta.extract.attributes import _states_no_size, _unit_pattern
    from warta.extract.text import split_sentences

    (sentence,) = split_sentences(text)
    assert _states_no_size(sentence) == (_unit_pattern().search(sentence.text) is None)
