"""The whole pipeline: evidence offsets, the facts round trip, robustness on any input, size and jobs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.extract import extract_article, extract_articles
from warta.facts import Article, ArticleFacts

# Reports written for this file (invented officials); the corpora are added in `_articles`.
OWN_REPORTS = [
    "Pemerintah Kabupaten Sleman melaksanakan studi tiru ke Pemerintah Kota Madiun, Kamis (6/6/2024).\n"
    "Sebanyak 35 orang dari jajaran Pemkab Sleman yang dipimpin Wakil Bupati Danang Wicaksono disambut "
    "Wakil Wali Kota Madiun, Inda Raya, di Ruang Rapat Wali Kota.\n\n"
    "Kunjungan ini bertujuan mempelajari pengelolaan sampah dan bank sampah.",
    "Pemkot Madiun menerima kunjungan dari tiga daerah sekaligus, Kamis (6/6/2024). Rombongan pertama dari "
    "Pemkab Sleman melakukan studi tiru soal bank sampah. Rombongan kedua dari Pemkab Kulon Progo melakukan "
    "studi banding mengenai pasar rakyat.",
    "  “Kami belajar banyak,” kata Sekda Sleman Drs. H. Bambang Wiratmoko, M.Si.  Rombongan DPRD Kabupaten "
    "Sleman diterima Sekda Kota Madiun Soeko Handiarto!  Menurut Bambang, kunjungan ini bermanfaat…",
    "Bupati Sleman Kustini Handayani meresmikan pasar rakyat di Kecamatan Ngaglik, Selasa (9/7/2024).",
]


def _load(path: Path) -> list[Article]:
    with path.open(encoding="utf-8") as handle:
        return [Article.from_dict(json.loads(line)) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def dev_articles(dev_articles_path: Path) -> list[Article]:
    return _load(dev_articles_path)


@pytest.fixture(scope="module")
def all_articles(dev_articles, repo_root: Path) -> list[Article]:
    genre = _load(repo_root / "data" / "corpus" / "genre" / "articles.jsonl")
    own = [Article(id=f"own-{k}", text=text) for k, text in enumerate(OWN_REPORTS)]
    return dev_articles + genre + own


def _facts_with_evidence(facts: ArticleFacts):
    yield from facts.regions
    yield from facts.officials
    yield from facts.visits


def _check_evidence(article: Article, facts: ArticleFacts) -> int:
    checked = 0
    for fact in _facts_with_evidence(facts):
        evidence = fact.evidence
        if evidence is None:
            continue
        if evidence.start == evidence.end == -1:  # read from the title
            assert evidence.text == article.title, (article.id, fact)
            checked += 1
            continue
        assert 0 <= evidence.start <= evidence.end <= len(article.text)
        assert article.text[evidence.start : evidence.end] == evidence.text, (article.id, fact)
        checked += 1
    return checked


def _check_consistent(facts: ArticleFacts) -> None:
    """Every fact has evidence, and the regions of each visit are among the regions the article names."""
    codes = {region.code for region in facts.regions}
    for fact in _facts_with_evidence(facts):
        assert fact.evidence is not None, (facts.id, fact)
    for visit in facts.visits:
        assert {*visit.visitor, visit.host} <= codes, (facts.id, visit)


def test_every_fact_has_evidence_at_its_offsets(all_articles) -> None:
    checked = 0
    for article, facts in zip(all_articles, extract_articles(all_articles), strict=True):
        assert facts.id == article.id
        _check_consistent(facts)
        checked += _check_evidence(article, facts)
    assert checked > 300


def test_facts_round_trip_through_their_json_form(all_articles) -> None:
    for facts in extract_articles(all_articles):
        data = json.loads(json.dumps(facts.to_dict(), ensure_ascii=False))
        assert ArticleFacts.from_dict(data) == facts
        bare = ArticleFacts.from_dict(facts.to_dict(evidence=False))
        assert all(fact.evidence is None for fact in _facts_with_evidence(bare))
        assert bare.to_dict() == facts.to_dict(evidence=False)


# --- robustness -----------------------------------------------------------------------------------------

# Words of the genre, to reach deep into the stages more often than random text does.
NEWS_WORDS = [
    "Pemkab",
    "Pemkot",
    "Pemprov",
    "Kabupaten",
    "Kab.",
    "Kota",
    "Provinsi",
    "DPRD",
    "Bupati",
    "Wakil",
    "Wali",
    "Sekda",
    "Kepala",
    "Dinas",
    "Sleman",
    "Madiun",
    "Bogor",
    "Jawa",
    "Timur",
    "Kotim",
    "ke",
    "di",
    "dari",
    "dan",
    "bersama",
    "studi",
    "tiru",
    "banding",
    "kunjungan",
    "kerja",
    "rombongan",
    "dipimpin",
    "didampingi",
    "disambut",
    "diterima",
    "menerima",
    "sebanyak",
    "35",
    "orang",
    "dua",
    "puluh",
    "Senin",
    "Kamis",
    "(6/6/2024)",
    "(7/10)",
    "kemarin",
    "Ruang",
    "Rapat",
    "H.",
    "Drs.",
    "S.E.,",
    "M.Si.",
    ",",
    ".",
    "“",
    "”",
    "(",
    ")",
    "\n",
    "\n\n",
    "bertujuan",
    "sampah",
    "UMKM",
    "Rp",
    "persen",
    "jiwa",
]
news_text = st.lists(st.sampled_from(NEWS_WORDS), max_size=80).map(" ".join)
any_text = st.one_of(st.text(), news_text, st.text(alphabet=st.characters(codec="utf-8")))
published = st.one_of(
    st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=16), st.just("2024-13-45")
)
robust = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@robust
@given(text=any_text, title=st.one_of(st.none(), st.text(max_size=60), news_text), date=published)
def test_any_input_gives_facts(text: str, title: str | None, date: str | None) -> None:
    facts = extract_article(Article(id="fuzz", text=text, title=title, published=date))
    assert isinstance(facts, ArticleFacts)
    assert facts.id == "fuzz"
    _check_evidence(Article(id="fuzz", text=text, title=title), facts)
    assert ArticleFacts.from_dict(facts.to_dict()) == facts


@robust
@given(article_id=st.text(min_size=1, max_size=30))
def test_any_id_is_kept(article_id: str) -> None:
    facts = extract_article(Article(id=article_id, text=OWN_REPORTS[0]))
    assert facts.id == article_id
    assert facts.visits


def test_large_article_is_handled() -> None:
    paragraph = OWN_REPORTS[0] + "\n\n"
    text = paragraph * (200_000 // len(paragraph) + 1)
    assert len(text) >= 200_000
    article = Article(id="big", text=text)
    facts = extract_article(article)
    assert [(v.visitor, v.host) for v in facts.visits] == [(["34.04"], "35.77")]
    assert {r.code for r in facts.regions} == {"34.04", "35.77"}
    _check_evidence(article, facts)


@pytest.mark.parametrize(("text", "title"), [("", None), ("", ""), ("   \n\n\t ", None), ("\n", "")])
def test_empty_text_gives_empty_facts(text: str, title: str | None) -> None:
    facts = extract_article(Article(id="empty", text=text, title=title, published="2024-06-07"))
    assert facts == ArticleFacts(id="empty")


def test_headline_alone_gives_consistent_facts() -> None:
    article = Article(id="headline", text="", title="Pemkab Sleman Studi Tiru ke Kota Madiun")
    _check_consistent(extract_article(article))


def test_jobs_give_the_same_facts(dev_articles) -> None:
    one = [f.to_dict() for f in extract_articles(dev_articles, jobs=1)]
    two = [f.to_dict() for f in extract_articles(dev_articles, jobs=2)]
    assert [f["id"] for f in two] == [a.id for a in dev_articles]
    assert two == one
