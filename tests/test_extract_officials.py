"""Officials: a title of office and the holder's name, one official per person, with a role class.

Every example sentence is written for this file in the style of regional-government news; the names are
invented and none is taken from the corpora.
"""

from __future__ import annotations

import pytest

from warta.extract import extract_article
from warta.facts import ROLE_CLASSES as ROLE_CLASSES_ALL
from warta.facts import Article


def _officials(text: str) -> list[tuple[str, str, str | None]]:
    """(name, role_class, region) of each official, in the extractor's order."""
    facts = extract_article(Article(id="t", text=text))
    return [(o.name, o.role_class, o.region) for o in facts.officials]


def _roles(text: str) -> list[tuple[str, str, str]]:
    facts = extract_article(Article(id="t", text=text))
    return [(o.name, o.role, o.role_class) for o in facts.officials]


# --- where the title stands ------------------------------------------------------------------------------

POSITIONS = [
    # title before the name
    (
        "Wakil Bupati Sleman Danang Wicaksono membuka rapat koordinasi.",
        [("Danang Wicaksono", "deputy_head", "34.04")],
    ),
    (
        "Rapat dipimpin Wali Kota Madiun Maidi Santoso di ruang kerjanya.",
        [("Maidi Santoso", "head", "35.77")],
    ),
    # title after the name, joined by a comma
    (
        "Acara itu dihadiri Yogi Pramana, Kepala Dinas Pariwisata Kabupaten Sleman.",
        [("Yogi Pramana", "agency_head", "34.04")],
    ),
    (
        "Paparan disampaikan Retno Palupi, Kepala Bappeda Kota Madiun, di hadapan tamu.",
        [("Retno Palupi", "agency_head", "35.77")],
    ),
    # joined by "selaku"
    (
        "Materi disampaikan oleh Hartini Puspasari selaku Sekretaris Daerah Kota Madiun.",
        [("Hartini Puspasari", "secretary", "35.77")],
    ),
    (
        "Hadir pula Joko Purnomo selaku Asisten Pemerintahan Setda Sleman.",
        [("Joko Purnomo", "staff", "34.04")],
    ),
    # a name in a list of officials
    (
        "Bupati Sleman Kustini Handayani dan Wakil Bupati Danang Wicaksono hadir bersama.",
        [("Kustini Handayani", "head", "34.04"), ("Danang Wicaksono", "deputy_head", None)],
    ),
    # a name written before its title with degrees in between
    pytest.param(
        "Hari Susilo, M.Sc., Staf Ahli Gubernur Jawa Timur, hadir dalam pertemuan itu.",
        [("Hari Susilo", "staff", "35")],
    ),
    # a district or village named right after its title, then the holder after a comma
    (
        "Camat Ngaglik, Sutrisno Hadi, menyampaikan laporan kegiatan.",
        [("Sutrisno Hadi", "agency_head", None)],
    ),
    pytest.param(
        "Laporan kegiatan disampaikan Sutrisno Hadi, Camat Ngaglik.",
        [("Sutrisno Hadi", "agency_head", None)],
    ),
    pytest.param(
        "Lurah Sukorejo, Bayu Anggara, menjelaskan program kampung iklim.",
        [("Bayu Anggara", "staff", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIONS)
def test_title_before_or_after_name(text, expected) -> None:
    assert _officials(text) == expected


# --- honorifics and degrees are not part of the name ------------------------------------------------------

AFFIXES = [
    ("Sambutan disampaikan Ketua DPRD Kota Madiun, Hj. Lilis Suryani, S.E., M.M., di aula.", "Lilis Suryani"),
    ("Rapat dipimpin Sekda Sleman Drs. H. Bambang Wiratmoko, M.Si.", "Bambang Wiratmoko"),
    ("Kepala Dinas Kesehatan Kota Madiun dr. Ratna Kumalasari menjelaskan program itu.", "Ratna Kumalasari"),
    ("Kepala Dinas PUPR Kabupaten Sleman, Ir. Wahyu Triantoro, memaparkan rencana.", "Wahyu Triantoro"),
    ("Kepala Dinas Pertanian Sleman Ir. Suparmono, M.M., menerima penghargaan.", "Suparmono"),
    ("Kepala Bappeda Sleman Rini Astuti SE MM memaparkan rencana kerja.", "Rini Astuti"),
    ("Kapolres Sleman AKBP Edy Setyanto turut hadir dalam pertemuan itu.", "Edy Setyanto"),
    ("Ketua TP PKK Kota Madiun Ny. Ratih Kusumawardani membuka bazar.", "Ratih Kusumawardani"),
    ("Wakil Ketua DPRD Sleman Ma'ruf Hidayat menyerahkan cendera mata.", "Ma'ruf Hidayat"),
    ("Kepala Dinas Tenaga Kerja Kota Madiun, Rd. Dadang Sutisna, S.IP, menjelaskan.", "Dadang Sutisna"),
    pytest.param(
        "Paparan disampaikan Direktur RSUD Sleman dr. Cahya Purnama.",
        "Cahya Purnama",
    ),
    # a veterinarian's "drh." before the name, after a unit that ends in a capitalised word
    (
        "Tamu diterima Kepala Dinas Peternakan dan Kesehatan Hewan Kabupaten Sleman, "
        "drh. Sri Wahyuni, M.Vet.",
        "Sri Wahyuni",
    ),
]


@pytest.mark.parametrize(("text", "name"), AFFIXES)
def test_honorifics_and_degrees_are_stripped(text, name) -> None:
    assert [n for n, _, _ in _officials(text)] == [name]


# --- acting holders keep the class of the office ---------------------------------------------------------

ACTING = [
    ("Plt Bupati Sleman Agung Nugroho memimpin apel pagi.", "Agung Nugroho", "Plt Bupati", "head"),
    ("Pj Wali Kota Madiun Eddy Supriyanto hadir dalam rapat.", "Eddy Supriyanto", "Pj Wali Kota", "head"),
    (
        "Penjabat Gubernur Jawa Timur Arif Setiawan membuka pameran.",
        "Arif Setiawan",
        "Penjabat Gubernur",
        "head",
    ),
    (
        "Plh Sekda Sleman Budi Santoso membacakan sambutan tertulis.",
        "Budi Santoso",
        "Plh Sekretaris Daerah",
        "secretary",
    ),
    (
        "Plt Kepala Dinas Perhubungan Kota Madiun Agus Setiono menjelaskan rute baru.",
        "Agus Setiono",
        "Plt Kepala Dinas Perhubungan",
        "agency_head",
    ),
]


@pytest.mark.parametrize(("text", "name", "role", "role_class"), ACTING)
def test_acting_holders_keep_role_class(text, name, role, role_class) -> None:
    assert _roles(text) == [(name, role, role_class)]


# --- DPRD and DPRK roles are the legislature ------------------------------------------------------------

LEGISLATURE = [
    ("Anggota DPRD Kabupaten Sleman Taufik Hidayatullah mengikuti rapat.", "Taufik Hidayatullah", "34.04"),
    ("Ketua DPRK Aceh Besar Teuku Zulfikar memimpin rombongan.", "Teuku Zulfikar", "11.06"),
    ("Wakil Ketua DPRD Kota Madiun Sugeng Riyadi turut hadir.", "Sugeng Riyadi", "35.77"),
    ("Anggota Komisi B DPRD Kota Madiun Hadi Santoso mengajukan pertanyaan.", "Hadi Santoso", "35.77"),
    ("Ketua Komisi II DPRD Sleman, Budi Santosa, membuka diskusi.", "Budi Santosa", "34.04"),
    ("Sekretaris Komisi C DPRD Kabupaten Sleman Andi Pratama mencatat hasil rapat.", "Andi Pratama", "34.04"),
    ("Ketua Pansus III DPRD Kota Madiun Yusuf Hakim menyampaikan laporan.", "Yusuf Hakim", "35.77"),
]


@pytest.mark.parametrize(("text", "name", "region"), LEGISLATURE)
def test_dprd_and_dprk_roles_are_legislature(text, name, region) -> None:
    assert _officials(text) == [(name, "legislature", region)]


# --- abbreviated titles ----------------------------------------------------------------------------------

ABBREVIATED = [
    ("Wabup Sleman Danang Wicaksono membuka acara.", "Danang Wicaksono", "Wakil Bupati", "deputy_head"),
    ("Wawali Madiun Bagus Prasetyo memberikan sambutan.", "Bagus Prasetyo", "Wakil Wali Kota", "deputy_head"),
    ("Sekda Sleman Hartono Saputro meninjau lokasi.", "Hartono Saputro", "Sekretaris Daerah", "secretary"),
    ("Sekkot Madiun Sutrisno Adi membuka rapat.", "Sutrisno Adi", "Sekretaris Daerah", "secretary"),
    (
        "Kadis Perhubungan Sleman Joko Waluyo menjelaskan rencana.",
        "Joko Waluyo",
        "Kadis Perhubungan",
        "agency_head",
    ),
    ("Kadisdik Sleman Ery Widaryana meninjau sekolah.", "Ery Widaryana", "Kadisdik", "agency_head"),
    (
        "Kabag Protokol Setda Sleman Rina Anggraini memandu acara.",
        "Rina Anggraini",
        "Kabag Protokol Setda",
        "agency_head",
    ),
]


@pytest.mark.parametrize(("text", "name", "role", "role_class"), ABBREVIATED)
def test_abbreviated_titles(text, name, role, role_class) -> None:
    assert _roles(text) == [(name, role, role_class)]


# --- unit words and acronyms between the title and the name ---------------------------------------------

UNITS = [
    (
        "Kepala Dinas Lingkungan Hidup Kota Madiun, Sri Wahyuningsih, menjelaskan pengelolaan sampah.",
        ("Sri Wahyuningsih", "Kepala Dinas Lingkungan Hidup", "agency_head"),
    ),
    (
        "Kepala DLH, Gunawan Setiadi, menjelaskan pengelolaan sampah.",
        ("Gunawan Setiadi", "Kepala DLH", "agency_head"),
    ),
    (
        "Asisten III Bidang Administrasi Umum Setda Sleman Purwanto Wibisono membacakan sambutan.",
        ("Purwanto Wibisono", "Asisten III Bidang Administrasi Umum Setda", "staff"),
    ),
    (
        "Kepala Bagian Tata Pemerintahan Setda Sleman, Hendra Wijaya, menjadi moderator.",
        ("Hendra Wijaya", "Kepala Bagian Tata Pemerintahan Setda", "agency_head"),
    ),
    (
        "Kasatpol PP Kota Madiun Agus Riyanto melaporkan hasil penertiban.",
        ("Agus Riyanto", "Kasatpol PP", "agency_head"),
    ),
    pytest.param(
        "Paparan disampaikan Kepala Bidang Pemasaran Dinas Pariwisata Kabupaten Sleman, Wulan Sari.",
        ("Wulan Sari", "Kepala Bidang Pemasaran Dinas Pariwisata", "staff"),
    ),
    (
        "Rombongan diterima Kepala Sudin Gulkarmat Jaksel, Syamsul Lubis, di markas sudin.",
        ("Syamsul Lubis", "Kepala Sudin Gulkarmat", "agency_head"),
    ),
    (
        "Anggota DPRD Kabupaten Sleman dari Fraksi PDIP, Budi Hartono, bertanya soal anggaran.",
        ("Budi Hartono", "Anggota DPRD", "legislature"),
    ),
    (
        "Rombongan diterima Kepala Dinas Pemberdayaan Masyarakat dan Kalurahan (DPMK) Kab. Sleman, Drs. "
        "Sumarno Hadi, M.M., di aula.",
        ("Sumarno Hadi", "Kepala Dinas Pemberdayaan Masyarakat dan Kalurahan DPMK", "agency_head"),
    ),
    pytest.param(
        "Acara itu dihadiri Staf Ahli Bupati Bidang Pemerintahan, Heru Prasetyo.",
        ("Heru Prasetyo", "Staf Ahli Bupati Bidang Pemerintahan", "staff"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNITS)
def test_unit_words_between_title_and_name(text, expected) -> None:
    assert _roles(text) == [expected]


# --- one official per person ----------------------------------------------------------------------------

MERGES = [
    (
        "Bupati Sleman Kustini Handayani membuka rapat. Kustini berharap program itu berlanjut. "
        "Menurut Kustini Handayani, hasilnya sudah terlihat.",
        ("Kustini Handayani", "head", "34.04"),
    ),
    (
        "Sekda Sleman H. Harda Kiswaya membuka diskusi. Harda mengatakan rapat berjalan lancar.",
        ("Harda Kiswaya", "secretary", "34.04"),
    ),
    (
        "Wakil Wali Kota Madiun Moch. Imam Santoso membuka acara. "
        "Moh. Imam Santoso lalu menyerahkan cendera mata kepada tamu.",
        ("Moch Imam Santoso", "deputy_head", "35.77"),
    ),
    (
        "Wakil Bupati Sleman Danang Wicaksono membuka pameran. Usai acara, Wabup Danang meninjau stan UMKM.",
        ("Danang Wicaksono", "deputy_head", "34.04"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MERGES)
def test_later_mentions_merge_into_one_official(text, expected) -> None:
    assert _officials(text) == [expected]


# --- one example per role class ---------------------------------------------------------------------------

ROLE_CLASSES = [
    ("Gubernur Jawa Timur Khofifah Permata membuka pameran.", "head"),
    ("Wakil Gubernur Jawa Timur Emil Dardiri hadir.", "deputy_head"),
    ("Sekretaris Daerah Provinsi Jawa Timur Adhy Karyono membuka acara.", "secretary"),
    ("Ketua DPRD Sleman Haris Sugiharta menerima aspirasi warga.", "legislature"),
    ("Laporan disampaikan Camat Sutrisno Hadi di depan warga.", "agency_head"),
    ("Inspektur Kabupaten Sleman Agus Hermanto memaparkan temuan audit.", "agency_head"),
    ("Sekretaris DPRD Kota Madiun Yuliana Fitri mencatat hasil rapat.", "agency_head"),
    ("Kepala Seksi Kebersihan DLH Kota Madiun Aris Munandar mendampingi rombongan.", "staff"),
    ("Lurah Bayu Anggara menjelaskan program kampung iklim.", "staff"),
    ("Menteri Desa Hendarto Wiyono meresmikan pasar desa.", "other"),
    ("Ketua Dekranasda Sleman Nurul Fauziah membuka pameran kerajinan.", "other"),
]


@pytest.mark.parametrize(("text", "role_class"), ROLE_CLASSES)
def test_role_class_of_each_class(text, role_class) -> None:
    assert [c for _, c, _ in _officials(text)] == [role_class]


def test_every_role_class_is_exercised() -> None:
    assert {c for _, c in ROLE_CLASSES} == set(ROLE_CLASSES_ALL)


def test_legislature_role_keeps_dprd() -> None:
    text = "Ketua DPRD Sleman Haris Sugiharta menerima aspirasi warga."
    assert _roles(text) == [("Haris Sugiharta", "Ketua DPRD", "legislature")]


def test_minister_portfolio_is_not_part_of_the_name() -> None:
    text = "Menteri Dalam Negeri Hendarto Wiyono membuka rapat koordinasi."
    assert _officials(text) == [("Hendarto Wiyono", "other", None)]


# --- what is not an official ----------------------------------------------------------------------------

NOT_OFFICIALS = [
    # a person named without a title
    "Pertemuan itu juga dihadiri Budi Hartanto, warga setempat.",
    "Menurut Siti Aminah, pedagang pasar, penataan kios sudah rapi.",
    # a day name right after a title is not a name
    "Rombongan dipimpin Wali Kota Madiun pada Kamis (4/7/2024).",
    "Bupati Sleman, Senin (3/6/2024), membuka acara itu.",
    "Sambutan Wakil Wali Kota Madiun Selasa (4/6/2024) diawali pembacaan doa.",
    "Sekda Kota Madiun Jumat (7/6) pagi memimpin rapat.",
    "Wali Kota Madiun, Minggu, membuka lomba kebersihan.",
    "Wakil Bupati Sleman Rabu lalu membuka pameran.",
    # a title inside the name of a building or a room: the words after it are a place
    "Pertemuan digelar di Ruang Garuda, Kantor Bupati Sleman, Beran.",
    "Tamu diterima di Ruang Rapat Sekda, Gedung B Kompleks Balai Kota Madiun.",
    "Makan malam disiapkan di Rumah Dinas Wali Kota, Jalan Pahlawan.",
]


@pytest.mark.parametrize("text", NOT_OFFICIALS)
def test_not_an_official(text) -> None:
    assert _officials(text) == []


def test_diplomats_are_officials_of_no_region() -> None:
    text = "Di Busan, Konsul Jenderal RI, Dra. Wulan Sekarsari, M.A., membuka pameran produk daerah."
    assert _roles(text) == [("Wulan Sekarsari", "Konsul Jenderal RI", "other")]


def test_a_title_in_lower_case_before_its_region_is_a_title() -> None:
    text = "SLEMAN – bupati Sleman, Hj. Kustini Handayani, S.Sos., membuka musrenbang di aula."
    assert _officials(text) == [("Kustini Handayani", "head", "34.04")]


def test_a_word_of_a_unit_after_a_comma_is_no_name() -> None:
    text = (
        "Rombongan beranggotakan 16 pejabat, di antaranya Kepala Dinas Komunikasi, Informatika dan "
        "Persandian, serta Kepala Dinas Lingkungan Hidup Kota Madiun."
    )
    assert _officials(text) == []
