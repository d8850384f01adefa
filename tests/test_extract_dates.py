"""Dates in Indonesian news: numeric, written and relative forms, and what only looks like a date."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.dates import DateMention, find_dates, parse_date
from warta.paths import data_file

NOTHING = "no mention"  # expected: not a date expression at all
D = dt.date
FRI = D(2024, 7, 26)  # a Friday, for the relative forms

# (text, published, first mention's date or None (found, not resolvable) or NOTHING, its end date or None)
CASES = [
    # --- numeric, with a year
    ("Pemkab Kotim studi tiru ke Pemkot Pontianak, Rabu (23/4/2025).", None, "2025-04-23", None),
    ("di Ruang Sipakatau, Balai Kota Makassar, Selasa, (29/10/2024).", None, "2024-10-29", None),
    ("di Semarang, Jawa Tengah pada Selasa (30/08/2022). Kegiatan", None, "2022-08-30", None),
    ("Pembukaan bazar oleh Penjabat Bupati (06/11/2024), untuk UMKM", None, "2024-11-06", None),
    ("Bazar UMKM digelar sejak Senin 4/11/24 malam dengan hiburan", None, "2024-11-04", None),
    ("Rombongan tiba 23-4-2025 di Pontianak", None, "2025-04-23", None),
    ("Rombongan tiba 23.4.2025 di Pontianak", None, "2025-04-23", None),
    ("KUALA KAPUAS - Jumat (17/9/2021), DPRD Kapuas", None, "2021-09-17", None),
    ("Kunjungan digelar Jum’at (17/9/2021) di aula", None, "2021-09-17", None),
    ("Kunjungan digelar Kamia (25/11/2021) di aula", None, "2021-11-25", None),
    ("Kunjungan digelar Rabo (3/11/2021) di aula", None, "2021-11-03", None),
    ("Pertemuan digelar SABTU (20/9/2025) di Tanjung Selor", None, "2025-09-20", None),
    ("Kunjungan pada Senin (23/4/2025).", None, "2025-04-23", None),  # 23/4/2025 was a Wednesday
    ("Bazar berlangsung Senin-Selasa (3-4/11/2024).", None, "2024-11-03", "2024-11-04"),
    # --- numeric, without a year: year from the publication date
    ("Senin (9/11), rombongan tiba di Tegal", D(2025, 11, 12), "2025-11-09", None),
    ("di Kabupaten Banyumas, Rabu (24/07). Ada alasan", D(2024, 7, 29), "2024-07-24", None),
    ("Badung, 7/8 (Atnews). Rombongan empat kepala daerah", D(2024, 8, 8), "2024-08-07", None),
    ("Pada Jumat (20/12) rombongan tiba", D(2025, 1, 10), "2024-12-20", None),  # previous year
    ("Rombongan dijadwalkan tiba Sabtu (3/1)", D(2025, 12, 30), "2026-01-03", None),  # within a week after
    ("Rombongan tiba Rabu (24/07) sore", D(2024, 7, 20), "2024-07-24", None),
    ("Rombongan tiba pada (Minggu, 9/11) pagi", D(2025, 11, 10), "2025-11-09", None),
    ("Rombongan tiba tanggal 7/8 di Badung", D(2024, 8, 10), "2024-08-07", None),
    ("Senin (9/11), rombongan tiba di Tegal", None, None, None),  # no year, no publication date
    # --- written
    ("Surabaya, Kamis, 25 November 2021 - Pemkot", None, "2021-11-25", None),
    ("pada 25 Nopember 2021 di Palopo", None, "2021-11-25", None),
    ("pada 9 Pebruari 2020 di Magelang", None, "2020-02-09", None),
    ("pada 12 Febuari 2020 di Magelang", None, "2020-02-12", None),
    ("pada 1 Agustus 2023 di Batu", None, "2023-08-01", None),
    ("pada 17 Agustur 2023 di Batu", None, "2023-08-17", None),
    ("pada 17 Agt 2023 di Batu", None, "2023-08-17", None),
    ("pada 5 Sept. 2023 di Batu", None, "2023-09-05", None),
    ("pada 5 Sepetember 2023 di Batu", None, "2023-09-05", None),
    ("pada 12 Des 2024 di Batu", None, "2024-12-12", None),
    ("pada 12 Desmber 2024 di Batu", None, "2024-12-12", None),
    ("pada 2 Novemper 2024 di Batu", None, "2024-11-02", None),
    ("on 5 March 2024 the delegation", None, "2024-03-05", None),
    ("Snin, 4 Maret 2024, rombongan tiba", None, "2024-03-04", None),
    ("⌚: 3-4 Februari 2022\n📍: Kabupaten Manggarai Timur", None, "2022-02-03", "2022-02-04"),
    ("kunjungan pada 3 - 4 Juli 2023 di Kupang", None, "2023-07-03", "2023-07-04"),
    ("kunjungan pada 3 sampai 5 Juli 2023 di Kupang", None, "2023-07-03", "2023-07-05"),
    ("bazar mulai tanggal 4-9 November 2024. Pembukaannya", None, "2024-11-04", "2024-11-09"),
    ("pameran 30 Juni s.d. 2 Juli 2024 di Jakarta", None, "2024-06-30", "2024-07-02"),
    ("libur 30 Desember 2023 - 2 Januari 2024", None, "2023-12-30", "2024-01-02"),
    ("kunjungan kerja ke NTT (3-4 Februari): hari pertama", D(2022, 2, 10), "2022-02-03", "2022-02-04"),
    ("kunjungan kerja ke NTT (3-4 Februari): hari pertama", None, None, None),
    # --- relative, from the publication date (FRI is a Friday)
    ("Rombongan tiba kemarin di Kupang", FRI, "2024-07-25", None),
    ("Rombongan tiba hari ini di Kupang", FRI, "2024-07-26", None),
    ("Rombongan tiba kemarin lusa di Kupang", FRI, "2024-07-24", None),
    ("Rombongan tiba Kamis lalu di Kupang", FRI, "2024-07-25", None),
    ("Rombongan tiba Kamis kemarin di Kupang", FRI, "2024-07-25", None),
    ("Rombongan tiba Jumat lalu di Kupang", FRI, "2024-07-19", None),  # strictly before publication
    ("Pekan lalu, Kamis, rombongan tiba", FRI, "2024-07-18", None),  # Thursday of last week
    ("Rombongan tiba Selasa pekan lalu", FRI, "2024-07-16", None),
    ("Rombongan tiba pada hari Minggu lalu", FRI, "2024-07-21", None),
    ("Rombongan tiba pada Rabu, lalu", FRI, "2024-07-24", None),
    ("Rombongan tiba kemarin di Kupang", None, None, None),  # relative without a publication date
    # --- not dates
    ("Acara dimulai pukul 09.00 WIB", None, NOTHING, None),
    ("Acara dimulai pukul 10.11 WIB", None, NOTHING, None),
    ("Acara dimulai 09:30 WITA", None, NOTHING, None),
    ("anggaran Rp 1.500.000 untuk konsumsi", None, NOTHING, None),
    ("anggaran Rp1,5 miliar untuk UMKM", None, NOTHING, None),
    ("luas wilayah 247 km² dengan 184.600 jiwa", None, NOTHING, None),
    ("penduduk 2.500 jiwa di 19 kecamatan", None, NOTHING, None),
    ("naik 12 persen, 5 hektar, 150 ton", None, NOTHING, None),
    ("sebanyak 3/4 bagian wilayah", None, NOTHING, None),
    ("sensus penduduk tahun 2020 lalu", None, NOTHING, None),
    ("HUT Kota ke-494 tahun ini", None, NOTHING, None),
    ("Dalam RPJMD 2025–2030, Pemkab Lamongan", None, NOTHING, None),
    ("sesuai Perda Nomor 5 Tahun 2019 tentang", None, NOTHING, None),
    ("sesuai UU No. 23/2014 tentang Pemda", None, NOTHING, None),
    ("pada 31/2/2024 di Batu", None, NOTHING, None),
    ("Rabu (31/2) di Batu", None, NOTHING, None),
    ("hasil skor (3-4) pertandingan", None, NOTHING, None),
    ("Minggu lalu, rombongan tiba di Kupang", FRI, NOTHING, None),  # "minggu lalu" = last week
    ("layanan buka setiap hari minggu", FRI, NOTHING, None),
    ("layanan buka pada hari Senin sampai Jumat", FRI, NOTHING, None),
    ("rombongan akan tiba pada Kamis depan", FRI, NOTHING, None),
    ("target tahun kemarin tercapai", FRI, NOTHING, None),
]


@pytest.mark.parametrize(("text", "published", "expected", "expected_end"), CASES)
def test_find_dates(
    text: str, published: dt.date | None, expected: str | None, expected_end: str | None
) -> None:
    mentions = find_dates(text, published)
    if expected == NOTHING:
        assert mentions == []
        return
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert (mention.date.isoformat() if mention.date else None) == expected
    assert (mention.end_date.isoformat() if mention.end_date else None) == expected_end
    assert text[mention.start : mention.end] == mention.text
    assert parse_date(text, published) == (D.fromisoformat(expected) if expected else None)


@pytest.mark.parametrize(
    ("text", "published", "span", "weekday", "has_year", "relative"),
    [
        ("Pemkot Pontianak, Rabu (23/4/2025). Sebanyak", None, "Rabu (23/4/2025)", 2, True, False),
        ("Balai Kota Makassar, Selasa, (29/10/2024).", None, "Selasa, (29/10/2024)", 1, True, False),
        ("Pembukaan (06/11/2024), untuk", None, "(06/11/2024)", None, True, False),
        ("Badung, 7/8 (Atnews). Rombongan", None, "7/8", None, False, False),
        ("mulai tanggal 4-9 November 2024. Pembukaan", None, "tanggal 4-9 November 2024", None, True, False),
        ("digelar sejak Senin 4/11/24 malam", None, "Senin 4/11/24", 0, True, False),
        ("Senin, 29 Juli 2024\n\nWakil Wali Kota", None, "Senin, 29 Juli 2024", 0, True, False),
        ("Rombongan tiba Kamis lalu di Kupang", FRI, "Kamis lalu", 3, False, True),
        ("Rombongan tiba pada Rabu, lalu", FRI, "Rabu", 2, False, True),
        ("Rombongan tiba kemarin di Kupang", FRI, "kemarin", None, False, True),
        ("Rombongan tiba Rabu (24/7) lalu di Kupang", FRI, "Rabu (24/7) lalu", 2, False, False),
    ],
)
def test_offsets_and_flags(
    text: str, published: dt.date | None, span: str, weekday: int | None, has_year: bool, relative: bool
) -> None:
    (mention,) = find_dates(text, published)
    assert mention.text == span
    assert text[mention.start : mention.end] == span
    assert (mention.weekday, mention.has_year, mention.relative) == (weekday, has_year, relative)


def test_whole_article_in_order() -> None:
    text = (
        "Senin, 29 Juli 2024\n\nWakil Wali Kota Banjarmasin studi tiru ke Banyumas, Rabu (24/07). "
        "Sebanyak 2.500 jiwa, pukul 09.00 WIB, Rp 1.500.000. Kemarin rombongan kembali. "
        "Kegiatan serupa 3-4 Februari 2022 dan 30 Juni s.d. 2 Juli 2024."
    )
    mentions = find_dates(text, D(2024, 7, 29))
    assert [m.text for m in mentions] == [
        "Senin, 29 Juli 2024",
        "Rabu (24/07)",
        "Kemarin",
        "3-4 Februari 2022",
        "30 Juni s.d. 2 Juli 2024",
    ]
    dates = [D(2024, 7, 29), D(2024, 7, 24), D(2024, 7, 28), D(2022, 2, 3), D(2024, 6, 30)]
    assert [m.date for m in mentions] == dates
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_sample_article(repo_root) -> None:
    text = (repo_root / "data" / "articles" / "kotim-pontianak-2025-04-23.txt").read_text(encoding="utf-8")
    mentions = find_dates(text)
    assert [(m.text, m.date) for m in mentions] == [("Rabu (23/4/2025)", D(2025, 4, 23))]
    assert text[mentions[0].start : mentions[0].end] == "Rabu (23/4/2025)"


def test_mention_is_frozen() -> None:
    mention = find_dates("Rabu (23/4/2025)")[0]
    assert isinstance(mention, DateMention)
    with pytest.raises(AttributeError):
        mention.start = 3  # type: ignore[misc]


def test_calendar_data_has_all_days_and_months() -> None:
    with data_file("lexicon", "calendar.toml").open("rb") as handle:
        data = tomllib.load(handle)
    assert list(data["days"]) == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    assert sorted(int(number) for number in data["months"]) == list(range(1, 13))
    assert all(data["days"][day] for day in data["days"]) and all(data["months"].values())
    groups = [*data["days"].values(), *data["months"].values()]
    spellings = [spelling.casefold() for group in groups for spelling in group]
    assert len(spellings) == len(set(spellings)), "a spelling may name one day or month only"
    for day in data["days"]:  # each day is found by its canonical name
        assert find_dates(f"{day} (1/7/2024)")[0].weekday == list(data["days"]).index(day)
    for number, spellings_of_month in data["months"].items():
        for spelling in spellings_of_month:
            assert find_dates(f"pada 1 {spelling} 2024 di")[0].date == D(2024, int(number), 1), spelling


# Pieces of date expressions, for texts that come near dates more often than arbitrary text does.
_FRAGMENTS = st.sampled_from(
    ["Rabu (23/4/2025)", "(7/8)", "Badung, 7/8 (", "3-4 Februari", "2022", " s.d. ", "Kamis lalu", "kemarin"]
    + ["pada ", "hari ", "Minggu", "pekan lalu", "(", ")", "/", "-", ".", ",", " ", "\n", "31", "12", "9"]
    + ["tanggal ", "Jum’at", "Nopember", "Sept.", "Rp 1.500", "pukul 09.00"]
)


@settings(deadline=None, max_examples=300)
@given(
    st.one_of(st.text(), st.lists(st.one_of(_FRAGMENTS, st.text(max_size=3)), max_size=30).map("".join)),
    st.one_of(st.none(), st.dates()),
)
def test_never_raises_and_offsets_stay_in_bounds(text: str, published: dt.date | None) -> None:
    mentions = find_dates(text, published)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.end_date is None or (mention.date is not None and mention.end_date >= mention.date)
        previous_end = mention.end
    parse_date(text, published)


def test_trigger_initials_cover_every_starter() -> None:
    """The trigger's look-ahead on first characters lets through the first character of every starter word,
    in either case (a character it missed would hide the dates that start with it)."""
    import re

    from warta.extract.dates import _initials

    spellings = ["Senin", "jum'at", "’ahad", "Kemarin"]
    initials = re.compile(f"[{_initials(spellings)}]")
    for char in "SsJj’Kk":
        assert initials.fullmatch(char), char
    assert not initials.fullmatch("a")
