"""Reading reports from JSONL, text, Markdown and HTML files and folders (warta.ingest)."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta import ingest
from warta.errors import InputError
from warta.facts import Article
from warta.ingest import IngestResult, clean_text, iter_inputs, read_inputs, split_title, strip_markdown

DATA = Path(__file__).parent / "data" / "ingest"
SAMPLE_TXT = Path(__file__).parents[1] / "data" / "articles" / "kotim-pontianak-2025-04-23.txt"

BODY = "Pemerintah Kabupaten Kotawaringin Timur melaksanakan kunjungan studi tiru ke Kota Pontianak."


def record(id: str, text: str = BODY, **fields: object) -> str:
    return json.dumps({"id": id, "text": text, **fields}, ensure_ascii=False)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def only_article(result: IngestResult) -> Article:
    assert result.errors == []
    assert len(result.articles) == 1
    return result.articles[0]


def single_error(result: IngestResult) -> InputError:
    assert len(result.errors) == 1
    return result.errors[0]


def only_error(result: IngestResult) -> InputError:
    assert result.articles == []
    assert len(result.errors) == 1
    return result.errors[0]


# --- JSONL ------------------------------------------------------------------------------------------------


def test_jsonl_malformed_line_in_the_middle_is_reported_and_the_rest_read():
    path = DATA / "malformed.jsonl"
    result = read_inputs([path])
    assert [a.id for a in result.articles] == ["ingest-a", "ingest-c"]
    error = single_error(result)
    assert (error.path, error.line) == (str(path), 2)
    assert str(error).startswith(f"{path}:2: invalid JSON")
    assert "\n" not in str(error)


def test_jsonl_record_fields_are_read():
    first, second = read_inputs([DATA / "malformed.jsonl"]).articles
    assert first == Article(
        id="ingest-a",
        text=BODY,
        title="Pemkab Kotim studi tiru ke Pemkot Pontianak",
        published="2025-04-23",
        source="Prokopim",
    )
    assert (second.title, second.url, second.source) == (None, "https://example.org/c", "Kabartimur")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(json.dumps({"text": BODY}), "no 'id'", id="missing-id"),
        pytest.param(json.dumps({"id": 7, "text": BODY}), "no 'id'", id="id-not-a-string"),
        pytest.param(json.dumps({"id": "  ", "text": BODY}), "no 'id'", id="blank-id"),
        pytest.param(json.dumps({"id": "x"}), "no 'text'", id="missing-text"),
        pytest.param(json.dumps({"id": "x", "text": " \n"}), "no 'text'", id="blank-text"),
        pytest.param(json.dumps({"id": "x", "visits": []}), "facts file", id="facts-record"),
        pytest.param(json.dumps({"id": "x", "text": BODY, "title": 5}), "'title'", id="title-not-a-string"),
        pytest.param(json.dumps([1, 2]), "expected a JSON object", id="array"),
        pytest.param("{'id': 'x'}", "invalid JSON", id="not-json"),
        pytest.param("[" * 100_000 + "]" * 100_000, "invalid JSON", id="too-deeply-nested"),
    ],
)
def test_jsonl_bad_record_is_an_error_at_its_line(tmp_path, line, message):
    path = write(tmp_path / "in.jsonl", "\n".join([record("a"), line, record("b")]) + "\n")
    result = read_inputs([path])
    assert [a.id for a in result.articles] == ["a", "b"]
    error = single_error(result)
    assert (error.path, error.line) == (str(path), 2)
    assert message in str(error)


def test_jsonl_blank_lines_crlf_and_bom_are_accepted(tmp_path):
    content = "\ufeff" + record("a") + "\r\n\r\n   \r\n" + record("b", "Baris satu\r\nbaris dua") + "\r\n"
    result = read_inputs([write(tmp_path / "in.jsonl", content)])
    assert result.errors == []
    assert [(a.id, a.text) for a in result.articles] == [("a", BODY), ("b", "Baris satu\nbaris dua")]


def test_jsonl_text_is_cleaned(tmp_path):
    path = write(tmp_path / "in.jsonl", record("a", "Rp\u00a05\u200b juta\u0007", title="Judul\u00a0berita"))
    article = only_article(read_inputs([path]))
    assert (article.text, article.title) == ("Rp 5 juta", "Judul berita")


def test_jsonl_record_over_the_limit_is_refused_and_the_rest_read(tmp_path):
    path = write(tmp_path / "in.jsonl", "\n".join([record("a"), record("big", "x" * 5000), record("c")]))
    result = read_inputs([path], max_bytes=1000)
    assert [a.id for a in result.articles] == ["a", "c"]
    error = single_error(result)
    assert error.line == 2
    assert "record too large" in str(error)


# --- duplicate ids ----------------------------------------------------------------------------------------


def test_duplicate_id_within_a_file_keeps_the_first(tmp_path):
    lines = [record("a", "pertama"), record("b"), record("a", "kedua")]
    path = write(tmp_path / "in.jsonl", "\n".join(lines))
    result = read_inputs([path])
    assert [(a.id, a.text) for a in result.articles] == [("a", "pertama"), ("b", BODY)]
    error = single_error(result)
    assert (error.path, error.line) == (str(path), 3)
    assert "duplicate article id 'a'" in str(error)
    assert f"{path}:1" in str(error)  # where the first one was read


def test_duplicate_id_across_files_keeps_the_first(tmp_path):
    first = write(tmp_path / "one.jsonl", record("a", "pertama"))
    second = write(tmp_path / "two.jsonl", record("b") + "\n" + record("a", "kedua"))
    result = read_inputs([first, second])
    assert [(a.id, a.text) for a in result.articles] == [("a", "pertama"), ("b", BODY)]
    error = single_error(result)
    assert (error.path, error.line) == (str(second), 2)
    assert str(error).startswith(f"{second}:2: duplicate article id 'a'")


def test_duplicate_id_between_a_text_file_and_a_record(tmp_path):
    jsonl = write(tmp_path / "a.jsonl", record("laporan"))
    text = write(tmp_path / "laporan.txt", "Isi laporan lain.")
    result = read_inputs([jsonl, text])
    assert [a.id for a in result.articles] == ["laporan"]
    error = single_error(result)
    assert (error.path, error.line) == (str(text), None)


def test_the_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path / "x.txt", BODY)
    result = read_inputs([path, path])
    assert len(result.articles) == 1
    assert "duplicate article id 'x'" in str(single_error(result))


# --- text and Markdown ------------------------------------------------------------------------------------


def test_txt_with_a_title_line():
    article = only_article(read_inputs([DATA / "titled.txt"]))
    assert article.id == "titled"
    assert article.title == "Wabup Kotim Pimpin Studi Tiru ke Pontianak"
    assert article.text.startswith("Pemerintah Kabupaten Kotawaringin Timur")
    assert article.text.endswith("Wakil Bupati Irawati.")
    assert (article.published, article.source, article.url) == (None, None, None)


def test_txt_without_a_title_line():
    article = only_article(read_inputs([DATA / "untitled.txt"]))
    assert article.title is None
    assert article.text == (DATA / "untitled.txt").read_text(encoding="utf-8").strip()


def test_the_sample_report_starts_with_a_sentence_not_a_title():
    article = only_article(read_inputs([SAMPLE_TXT]))
    assert article.id == "kotim-pontianak-2025-04-23"
    assert article.title is None
    assert article.text.startswith("Pemerintah Kabupaten Kotawaringin Timur (Kotim)")


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        pytest.param("Judul Berita\n\nIsi berita.", "Judul Berita", "Isi berita.", id="title-blank-line"),
        pytest.param("\n  \nJudul Berita  \n\n\nIsi.", "Judul Berita", "Isi.", id="leading-blank-lines"),
        pytest.param("Kalimat pertama.\n\nIsi.", None, "Kalimat pertama.\n\nIsi.", id="final-period"),
        pytest.param("Judul Berita\nIsi berita.", None, "Judul Berita\nIsi berita.", id="no-blank-line"),
        pytest.param("J" * 161 + "\n\nIsi.", None, "J" * 161 + "\n\nIsi.", id="too-long"),
        pytest.param("J" * 160 + "\n\nIsi.", "J" * 160, "Isi.", id="just-short-enough"),
        pytest.param("Hanya satu baris", None, "Hanya satu baris", id="single-line"),
        pytest.param("Judul Berita\n\n", None, "Judul Berita", id="nothing-after-title"),
        pytest.param("# Judul Berita\nIsi.", "Judul Berita", "Isi.", id="heading-no-blank-line"),
        pytest.param("## Judul Berita. ##\n\nIsi.", "Judul Berita.", "Isi.", id="heading-closing-hashes"),
        pytest.param("Apa Kabar Pontianak?\n\nIsi.", "Apa Kabar Pontianak?", "Isi.", id="question-title"),
    ],
)
def test_split_title(text, title, body):
    assert split_title(text) == (title, body)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_title_rule_applies_to_files(tmp_path, suffix):
    titled = only_article(read_inputs([write(tmp_path / f"a{suffix}", "Judul Berita\n\nIsi berita.\n")]))
    untitled = only_article(read_inputs([write(tmp_path / f"b{suffix}", "Isi berita.\nLanjutan.\n")]))
    assert (titled.title, titled.text) == ("Judul Berita", "Isi berita.")
    assert (untitled.title, untitled.text) == (None, "Isi berita.\nLanjutan.")


def test_md_with_a_heading():
    article = only_article(read_inputs([DATA / "heading.md"]))
    assert article.id == "heading"
    assert article.title == "Sekda Haltim Studi Banding ke Kabupaten Semarang"
    assert "Didampingi Sekretaris Daerah Halmahera Timur" in article.text
    assert "studi banding ke Kabupaten Semarang, Jawa Tengah." in article.text
    assert "\n\nTata kelola pemerintahan\n\n" in article.text
    assert "membahas tata kelola pemerintahan dan pelayanan publik." in article.text
    for markup in ("#", "*", "_", "[", "](", "https://", "rombongan.jpg"):
        assert markup not in article.text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("## Subjudul", "Subjudul"),
        ("### Subjudul ###", "Subjudul"),
        ("#hashtag bukan judul", "#hashtag bukan judul"),
        ("**tebal** dan *miring* dan ***keduanya***", "tebal dan miring dan keduanya"),
        ("__tebal__ dan _miring_", "tebal dan miring"),
        ("**_bersarang_**", "bersarang"),
        ("nama_berkas_ini dan 5 * 3 * 2", "nama_berkas_ini dan 5 * 3 * 2"),
        ("* butir daftar", "* butir daftar"),
        ("lihat [situs Pemkab](https://kotimkab.go.id) ya", "lihat situs Pemkab ya"),
        ("foto ![alt](a.png) di sini", "foto di sini"),
        ("[teks] (bukan tautan)", "[teks] (bukan tautan)"),
    ],
)
def test_strip_markdown(markdown, plain):
    assert strip_markdown(markdown) == plain


# --- HTML -------------------------------------------------------------------------------------------------


def test_html_main_text_without_scripts_and_boilerplate():
    article = only_article(read_inputs([DATA / "page.html"]))
    assert article.id == "page"
    assert article.title == "Bupati Banjar Terima Kunjungan Kerja DPRD Tabalong"
    assert article.published == "2025-03-12"
    assert article.source == "Portal Berita Daerah"
    assert article.url == "https://berita.example.go.id/2025/03/bupati-banjar-terima-dprd-tabalong"
    assert article.text.startswith("Bupati Banjar menerima kunjungan kerja rombongan Dewan Perwakilan")
    assert "Rombongan yang berjumlah 25 orang itu dipimpin Ketua DPRD Tabalong" in article.text
    assert "“Kami berharap kerja sama antardaerah ini terus berlanjut" in article.text
    for absent in (
        "alert",
        "iklan-tersembunyi",
        "document.write",
        "font-family",
        "Beranda",
        "Indeks Berita",
        "Hak Cipta",
        "Kontak Redaksi",
        "Pedoman Media Siber",
        "Harga cabai",
        "<",
    ):
        assert absent not in article.text


def test_html_paragraphs_are_separated_by_blank_lines():
    text = only_article(read_inputs([DATA / "page.html"])).text
    assert "(12/3/2025).\n\nRombongan" in text


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


PARAGRAPH = (
    "<p>Wakil Bupati Kotawaringin Timur memimpin rombongan studi tiru ke Kota Pontianak pada Rabu "
    "(23/4/2025) untuk mempelajari pengembangan UMKM dan pelayanan terhadap kelompok rentan.</p>"
)


@pytest.mark.parametrize(
    ("head", "published"),
    [
        pytest.param('<meta property="article:published_time" content="2025-04-24">', "2025-04-24", id="og"),
        pytest.param("", None, id="no-metadata"),  # the visit date in the body is not the publication date
    ],
)
def test_html_published_comes_from_metadata_only(tmp_path, head, published):
    path = write(tmp_path / "p.html", page(f"<article>{PARAGRAPH}</article>", head))
    article = only_article(read_inputs([path]))
    assert article.published == published


def test_html_falls_back_to_plain_extraction_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "_trafilatura", lambda html: None)
    html = page(
        "<nav>Beranda | Politik</nav><h1>Judul</h1><p>Isi&nbsp;berita   pertama.</p>"
        "<script>alert(1)</script><style>p{}</style><p>Isi kedua.</p><footer>Hak Cipta</footer>",
        head="<title>Judul Halaman</title><script>var x = 1;</script>",
    )
    article = only_article(read_inputs([write(tmp_path / "p.htm", html)]))
    assert article.title == "Judul Halaman"
    assert article.text == "Judul\n\nIsi berita pertama.\n\nIsi kedua."
    assert article.published is None


def test_html_falls_back_when_trafilatura_fails(tmp_path, monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    article = only_article(read_inputs([DATA / "page.html"]))
    assert "Rombongan yang berjumlah 25 orang" in article.text
    assert "alert" not in article.text and "Hak Cipta" not in article.text


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(page("<script>alert(1)</script>"), id="script-only"),
        pytest.param(page("  ", "<title>Judul</title><style>p{}</style>"), id="head-only"),
    ],
)
def test_html_without_text_is_an_error(tmp_path, html):
    error = only_error(read_inputs([write(tmp_path / "p.html", html)]))
    assert "no article text found" in str(error)


def test_html_declared_legacy_charset(tmp_path):
    html = page(f"<article>{PARAGRAPH}<p>Harga Rp 5 juta – ‘murah’ kata José.</p></article>")
    html = html.replace("<head>", '<head><meta charset="iso-8859-1">')  # browsers read this as cp1252
    article = only_article(read_inputs([write(tmp_path / "p.html", html.encode("cp1252"))]))
    assert "Harga Rp 5 juta – ‘murah’ kata José." in article.text


# --- encodings and cleaning -------------------------------------------------------------------------------

LEGACY = "Bantuan Rp 5 juta – ‘kutipan’ dari Bupati, kata José di café.\n\nKegiatan berlangsung di aula."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        pytest.param(LEGACY, "cp1252", id="cp1252"),
        pytest.param("Rp 5 juta – ‘kutipan’", "cp1252", id="cp1252-short"),
        pytest.param("Kunjungan ke café é", "latin-1", id="latin-1-short"),
        pytest.param(LEGACY.replace("–", "-").replace("‘", "'").replace("’", "'"), "latin-1", id="latin-1"),
        pytest.param(LEGACY, "utf-8-sig", id="utf-8-bom"),
        pytest.param(LEGACY, "utf-16", id="utf-16-bom"),
        pytest.param("Кунджунган ке Понтианак, сказал он. Это большой город.", "cp1251", id="cp1251"),
    ],
)
def test_encodings_are_decoded(tmp_path, text, encoding):
    path = write(tmp_path / "laporan.txt", text.encode(encoding))
    article = only_article(read_inputs([path]))
    assert article.text == text
    assert "\ufeff" not in article.text


def test_utf8_bom_is_dropped_before_the_title(tmp_path):
    path = write(tmp_path / "a.txt", "\ufeffJudul Berita\r\n\r\nIsi berita.\r\n".encode())
    article = only_article(read_inputs([path]))
    assert (article.title, article.text) == ("Judul Berita", "Isi berita.")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("a\r\nb\rc\n", "a\nb\nc\n", id="line-ends"),
        pytest.param("Rp\u00a05\u202fjuta\u2007ok", "Rp 5 juta ok", id="non-breaking-spaces"),
        pytest.param("Kot\u200bim\u200c\u200d\u2060\ufeff", "Kotim", id="zero-width"),
        pytest.param("ke\u00adter\u00adangan", "keterangan", id="soft-hyphen"),
        pytest.param("a\x00b\x07c\x1bd\x7fe\x85f\tg", "abcdef\tg", id="controls"),
        pytest.param("hal 1\fhal 2\u2028x\u2029y", "hal 1\nhal 2\nx\ny", id="page-and-line-separators"),
        pytest.param("Jose\u0301 cafe\u0301", "José café", id="nfc"),
        pytest.param("a\ud800b", "a\ufffdb", id="lone-surrogate"),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


# --- refused files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl"])
@pytest.mark.parametrize("content", [b"", b" \n\t\r\n ", b"\xef\xbb\xbf\n"], ids=["empty", "blank", "bom"])
def test_empty_file(tmp_path, suffix, content):
    path = write(tmp_path / f"kosong{suffix}", content)
    error = only_error(read_inputs([path]))
    assert (error.path, str(error)) == (str(path), f"{path}: empty file")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl"])
def test_binary_file(tmp_path, suffix):
    data = random.Random(7).randbytes(4096) + b"\x00\x00" + random.Random(8).randbytes(4096)
    path = write(tmp_path / f"biner{suffix}", data)
    error = only_error(read_inputs([path]))
    assert str(error) == f"{path}: not a text file"


def test_mostly_control_bytes_are_not_text(tmp_path):
    data = bytes(range(1, 32)) * 50 + b"sedikit teks"
    error = only_error(read_inputs([write(tmp_path / "x.txt", data)]))
    assert "not a text file" in str(error)


@pytest.mark.parametrize(
    ("size", "max_bytes", "message"),
    [
        (1001, 1000, "file too large (1.1 KB > 1 KB)"),
        (150, 100, "file too large (150 bytes > 100 bytes)"),
        (5_000_001, 5_000_000, "file too large (5.1 MB > 5 MB)"),
    ],
)
def test_file_over_the_limit(tmp_path, size, max_bytes, message):
    path = write(tmp_path / "besar.txt", b"a" * size)
    error = only_error(read_inputs([path], max_bytes=max_bytes))
    assert str(error) == f"{path}: {message}"


def test_file_at_the_limit_is_read(tmp_path):
    path = write(tmp_path / "pas.txt", b"a" * 1000)
    assert only_article(read_inputs([path], max_bytes=1000)).text == "a" * 1000


def test_a_real_20_mb_file_is_refused_quickly_with_the_default_limit(tmp_path):
    path = tmp_path / "besar.txt"
    with path.open("wb") as stream:
        line = ("Pemerintah daerah melaksanakan studi tiru. " * 20 + "\n").encode()
        while stream.tell() < 20_000_000:
            stream.write(line)
        stream.truncate(20_000_000)
    start = time.perf_counter()
    result = read_inputs([path, write(tmp_path / "kecil.txt", BODY)])
    elapsed = time.perf_counter() - start
    assert [a.id for a in result.articles] == ["kecil"]
    error = single_error(result)
    assert str(error) == f"{path}: file too large (20 MB > 5 MB)"
    assert elapsed < 1.0


def test_nonexistent_path(tmp_path):
    missing = tmp_path / "tidak-ada.txt"
    result = read_inputs([missing, DATA / "titled.txt"])
    assert [a.id for a in result.articles] == ["titled"]
    error = single_error(result)
    assert str(error) == f"{missing}: no such file or directory"
    assert error.path == str(missing)


def test_explicit_file_of_an_unsupported_type(tmp_path):
    path = write(tmp_path / "gambar.png", b"\x89PNG\r\n\x1a\n")
    error = only_error(read_inputs([path]))
    assert "unsupported file type '.png'" in str(error)


# --- folders ----------------------------------------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    root = tmp_path / "masukan"
    write(root / "b.txt", "Isi B.")
    write(root / "a" / "z.md", "# Judul Z\n\nIsi Z.")
    write(root / "a" / "dalam" / "y.html", page(f"<article>{PARAGRAPH}</article>"))
    write(root / "c" / "semua.jsonl", record("c1") + "\n" + record("c2"))
    write(root / "c" / "D.TXT", "Isi D huruf besar.")
    write(root / "a" / "foto.png", random.Random(1).randbytes(256) + b"\x00")
    write(root / "catatan.docx", b"PK\x03\x04")
    write(root / "README", "bukan laporan")
    write(root / ".tersembunyi.txt", "Isi tersembunyi.")
    write(root / ".git" / "x.txt", "Isi di folder tersembunyi.")
    result = read_inputs([root])
    assert result.errors == []
    # a/dalam/y.html, a/z.md, b.txt, c/D.TXT, c/semua.jsonl
    assert [a.id for a in result.articles] == ["y", "z", "b", "D", "c1", "c2"]


def test_empty_directory_yields_nothing(tmp_path):
    assert read_inputs([tmp_path]) == IngestResult()


def test_bad_files_in_a_directory_do_not_stop_the_rest(tmp_path):
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", b"\x00\x01\x02")
    write(tmp_path / "c.txt", "Isi C.")
    result = read_inputs([tmp_path])
    assert [a.id for a in result.articles] == ["c"]
    assert [str(e) for e in result.errors] == [
        f"{tmp_path / 'a.txt'}: empty file",
        f"{tmp_path / 'b.txt'}: not a text file",
    ]


# --- streaming --------------------------------------------------------------------------------------------


def test_iter_inputs_streams_items_in_order(tmp_path):
    jsonl = write(tmp_path / "a.jsonl", record("a1") + "\nrusak\n" + record("a2"))
    text = write(tmp_path / "b.txt", BODY)
    missing = tmp_path / "hilang.md"
    items = iter_inputs([jsonl, missing, text])
    assert iter(items) is items  # a generator, not a list
    first = next(items)
    assert isinstance(first, Article) and first.id == "a1"
    rest = list(items)
    assert [type(i).__name__ for i in rest] == ["InputError", "Article", "InputError", "Article"]
    assert (rest[0].line, rest[1].id, rest[2].path, rest[3].id) == (2, "a2", str(missing), "b")


def test_iter_inputs_is_lazy(tmp_path):
    paths = iter([write(tmp_path / "a.txt", BODY), tmp_path / "belum-ada.txt"])
    items = iter_inputs(paths)
    assert next(items).id == "a"
    write(tmp_path / "belum-ada.txt", BODY)  # created after the first item was read
    assert next(items).id == "belum-ada"


def test_read_inputs_matches_iter_inputs():
    paths = [DATA]
    items = list(iter_inputs(paths))
    result = read_inputs(paths)
    assert result.articles == [i for i in items if isinstance(i, Article)]
    assert [str(e) for e in result.errors] == [str(i) for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize("path", [str(DATA / "titled.txt"), DATA / "titled.txt"], ids=["str", "Path"])
def test_a_single_path_is_accepted(path):
    assert only_article(read_inputs(path)).id == "titled"


# --- robustness -------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "acak.txt"
    path.write_bytes(data)
    result = read_inputs([path])
    assert len(result.articles) + len(result.errors) == 1
    for item in result.articles:
        assert item.text and item.text == item.text.strip()
        assert "\r" not in item.text and "\x00" not in item.text
    for error in result.errors:
        assert error.path == str(path)
        assert "\n" not in str(error)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=600), suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]))
def test_arbitrary_text_in_any_format_never_raises(tmp_path_factory, text, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"acak{suffix}"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    for item in iter_inputs([path]):
        assert isinstance(item, Article | InputError)
