"""Named queries (warta.queries): documented, run on the dev store, parameters bound safely as RDF terms;
and query time limits (warta.sparql.QueryRunner)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from warta.errors import QueryError, StoreError
from warta.queries import (
    ParameterError,
    UnknownQueryError,
    get_query,
    list_queries,
    parse_params,
    parse_query_file,
    run_named,
)
from warta.sparql import QueryRunner, QueryTimeout, run_query
from warta.store import GraphStore

REQUIRED_NAMES = {"most-visited-hosts", "visits-of-region", "visits-by-sector", "learning-pairs", "timeline"}
# Values for every query's parameters that find something in the dev store.
SAMPLES = {"region": "62.02", "sector": "umkm", "year": "2025", "name": "Irawati", "minimum": "1"}
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
REGION = "https://w3id.org/warta/id/region/"
HOSTILE = [
    '62.02" } ; DROP ALL ; #',
    "<http://x> }",
    "62.02\nDROP ALL",
    "'62.02'",
    '"',
    "٦٢.٠٢",  # Arabic-Indic digits
    "Irawati\u0000",
    "Irawati\ud800",
    "Irawati' ; DELETE WHERE { ?s ?p ?o } #",
    "1" * 100_000,
    "\u202eIrawati",
    "x" * 1001,
]


def _records(result):
    return result.records()


# --- the catalogue ----------------------------------------------------------------------------------------


def test_catalogue_has_documented_kebab_case_queries() -> None:
    queries = list_queries()
    names = [q.name for q in queries]
    assert len(queries) >= 12
    assert set(names) >= REQUIRED_NAMES
    assert names == sorted(names)
    for query in queries:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", query.name)
        assert query.title and query.description.endswith(".")
        assert query.text.startswith("# title: ")
        for param in query.params:
            assert param.type in ("code", "sector", "year", "int", "string")
            assert param.description
            assert re.search(rf"\?{param.name}\b", query.text.split("SELECT", 1)[1]), (query.name, param)


def test_documented_parameters_of_the_main_queries() -> None:
    region = get_query("visits-of-region").param("region")
    assert region is not None and region.type == "code" and region.required
    sector = get_query("visits-by-sector").param("sector")
    assert sector is not None and sector.type == "sector" and sector.required
    year = get_query("most-visited-hosts").param("year")
    assert year is not None and year.type == "year" and not year.required
    minimum = get_query("learning-pairs").param("minimum")
    assert minimum is not None and minimum.type == "int" and minimum.default == "1"


def test_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(UnknownQueryError) as caught:
        get_query("most-visted-hosts")
    assert str(caught.value) == "unknown named query 'most-visted-hosts'; did you mean most-visited-hosts?"
    assert caught.value.exit_code == 2
    with pytest.raises(UnknownQueryError, match="`warta queries` lists them"):
        get_query("zzz")


@pytest.mark.parametrize(
    "header",
    [
        "# description: no title\nSELECT * {}",
        "# title: T\n# description: D.\n# param: year (type: year, optional)\nSELECT * {}",
        "# title: T\n# description: D.\n# param: year — y (type: date, optional)\nSELECT * {}",
    ],
)
def test_malformed_headers_are_refused(header: str) -> None:
    with pytest.raises(ValueError):
        parse_query_file("bad-query", header)


def test_header_fields_continue_on_indented_lines() -> None:
    query = parse_query_file(
        "two-lines",
        "# title: Two lines\n# description: One\n#   and two.\n"
        "# param: n — a number (type: int, optional, default 3)\nSELECT ?n {}\n",
    )
    assert query.description == "One and two."
    assert query.params[0].default == "3" and not query.params[0].required


# --- running them -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_named_query_finds_rows(dev_store: GraphStore, query) -> None:
    required = {p.name: SAMPLES[p.name] for p in query.params if p.required}
    result = run_named(dev_store, query.name, required)
    assert result.kind == "select" and result.rows, query.name
    assert not {p.name for p in query.params} & set(result.variables)  # parameter columns are dropped
    if any(not p.required for p in query.params):  # and with every parameter given
        every = {p.name: SAMPLES[p.name] for p in query.params}
        assert run_named(dev_store, query.name, every).rows, query.name


def test_year_counts_only_that_year(dev_store: GraphStore) -> None:
    every = _records(run_named(dev_store, "most-visited-hosts"))
    assert (every[0]["code"], every[0]["visits"]) == ("51.03", 4)  # Badung: four undated visits
    in_2024 = _records(run_named(dev_store, "most-visited-hosts", {"year": "2024"}))
    assert (in_2024[0]["code"], in_2024[0]["visits"]) == ("33.02", 3)
    oracle = (
        "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v warta:host ?h ; warta:date ?d FILTER(YEAR(?d) = 2024) }"
    )
    expected = run_query(dev_store, oracle).records()[0]["n"]
    assert sum(r["visits"] for r in in_2024) == expected
    assert run_named(dev_store, "most-visited-hosts", {"year": "1999"}).rows == []


def test_visits_of_region_in_and_out(dev_store: GraphStore) -> None:
    kotim = _records(run_named(dev_store, "visits-of-region", {"region": "62.02"}))
    assert [(r["direction"], r["label"]) for r in kotim] == [
        ("out", "Kotawaringin Timur → Pontianak, 2025-04-23")
    ]
    pontianak = _records(run_named(dev_store, "visits-of-region", {"region": "61.71"}))
    assert [r["direction"] for r in pontianak] == ["in"]
    province = _records(run_named(dev_store, "visits-of-region", {"region": "62"}))  # Kalimantan Tengah
    assert {r["visit"] for r in kotim} < {r["visit"] for r in province}
    assert run_named(dev_store, "visits-of-region", {"region": "62.02", "year": "2024"}).rows == []


def test_visits_by_sector_matches_the_graph(dev_store: GraphStore) -> None:
    found = _records(run_named(dev_store, "visits-by-sector", {"sector": "umkm"}))
    oracle = run_query(
        dev_store, "SELECT ?v WHERE { ?v warta:sector <https://w3id.org/warta/id/sector/umkm> }"
    )
    assert {r["visit"] for r in found if r["relevance"] == "focus"} == {r["v"] for r in oracle.records()}
    assert all(r["relevance"] in ("focus", "mentioned") for r in found)


def test_timeline_and_other_optional_parameters(dev_store: GraphStore) -> None:
    months = _records(run_named(dev_store, "timeline"))
    dated = run_query(dev_store, "SELECT (COUNT(DISTINCT ?v) AS ?n) WHERE { ?v warta:date ?d }").records()
    assert sum(r["visits"] for r in months) == dated[0]["n"]
    assert [r["month"] for r in months] == sorted(r["month"] for r in months)
    assert _records(run_named(dev_store, "timeline", {"year": "2025"})) == [
        {"month": "2025-04", "visits": 1},
        {"month": "2025-09", "visits": 1},
    ]
    large = _records(run_named(dev_store, "largest-delegations"))
    assert [r["people"] for r in large] == [56, 40, 31, 30, 15, 14]
    pairs = _records(run_named(dev_store, "learning-pairs"))
    assert len(pairs) == 21 and all(r["visits"] == 1 for r in pairs)
    assert run_named(dev_store, "learning-pairs", {"minimum": "2"}).rows == []
    in_year = _records(run_named(dev_store, "visits-in-year", {"year": "2024"}))
    assert in_year and all(r["date"].year == 2024 for r in in_year)
    led = _records(run_named(dev_store, "visits-of-official", {"name": "Irawati"}))
    assert [(r["as"], r["role"]) for r in led] == [("led", "Wakil Bupati")]


# The named queries are shaped for speed (sub-SELECTs, OPTIONAL lookups); plain queries are the oracle.
ORACLES = [
    (
        "most-visited-hosts",
        {"year": "2024"},
        "SELECT ?code (COUNT(DISTINCT ?v) AS ?visits) WHERE { ?v warta:host/warta:code ?code ; warta:date ?d "
        "FILTER (YEAR(?d) = 2024) } GROUP BY ?code",
    ),
    (
        "most-active-visitors",
        {},
        "SELECT ?code (COUNT(DISTINCT ?v) AS ?visits) WHERE { ?v warta:visitor/warta:code ?code } "
        "GROUP BY ?code",
    ),
    (
        "top-sectors",
        {},
        "SELECT ?sector (COUNT(DISTINCT ?v) AS ?visits) WHERE { ?v warta:sector/skos:notation ?sector } "
        "GROUP BY ?sector",
    ),
    (
        "visit-types",
        {"year": "2021"},
        "SELECT ?type (COUNT(DISTINCT ?v) AS ?visits) WHERE { ?v warta:visitType ?type ; warta:date ?d "
        "FILTER (YEAR(?d) = 2021) } GROUP BY ?type",
    ),
    (
        "province-pairs",
        {},
        "SELECT ?fromCode ?toCode (COUNT(DISTINCT ?v) AS ?visits) WHERE { "
        "?v warta:visitor ?a ; warta:host ?b . "
        "?a warta:partOf? ?p . ?p a warta:Province ; warta:code ?fromCode . "
        "?b warta:partOf? ?q . ?q a warta:Province ; warta:code ?toCode } GROUP BY ?fromCode ?toCode",
    ),
    (
        "visits-of-region",
        {"region": "33"},
        "SELECT DISTINCT ?visit ?direction WHERE { "
        "?place warta:partOf* <https://w3id.org/warta/id/region/33> . "
        '{ ?visit warta:visitor ?place BIND ("out" AS ?direction) } UNION '
        '{ ?visit warta:host ?place BIND ("in" AS ?direction) } }',
    ),
    (
        "sectors-of-region",
        {"region": "35"},
        "SELECT ?sector (COUNT(DISTINCT ?v) AS ?visits) WHERE { ?place warta:partOf* "
        "<https://w3id.org/warta/id/region/35> . "
        "?v warta:visitor ?place ; warta:sector/skos:notation ?sector } "
        "GROUP BY ?sector",
    ),
]


@pytest.mark.parametrize(("name", "values", "oracle"), ORACLES, ids=[o[0] for o in ORACLES])
def test_named_queries_agree_with_plain_ones(
    dev_store: GraphStore, name: str, values: dict, oracle: str
) -> None:
    expected = run_query(dev_store, oracle).records()
    assert expected
    keys = list(expected[0])
    found = [{k: r.get(k) for k in keys} for r in run_named(dev_store, name, values).records()]
    assert sorted(map(repr, found)) == sorted(map(repr, expected))


# --- parameters -------------------------------------------------------------------------------------------


def test_parameters_become_rdf_terms() -> None:
    bound = get_query("visits-of-region").bind({"region": " 62.02 ", "year": "2025"})
    assert bound == {
        "region": ox.NamedNode(REGION + "62.02"),
        "year": ox.Literal("2025", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    }
    assert get_query("visits-by-sector").bind({"sector": "umkm"})["sector"] == ox.NamedNode(
        "https://w3id.org/warta/id/sector/umkm"
    )
    assert get_query("visits-of-official").bind({"name": ' a "b" '})["name"] == ox.Literal(' a "b" ')
    assert get_query("learning-pairs").bind({})["minimum"].value == "1"  # the default


@pytest.mark.parametrize(
    ("name", "values", "message"),
    [
        ("visits-of-region", {}, "needs --param region="),
        ("visits-of-region", {"region": "62.02", "regio": "1"}, "unknown parameter 'regio'"),
        ("visits-of-region", {"region": "99.99"}, "unknown region code 99.99"),
        ("visits-of-region", {"region": "62.2"}, "not a Kemendagri region code"),
        ("visits-by-sector", {"sector": "umk"}, "unknown sector 'umk'; did you mean umkm?"),
        ("visits-in-year", {"year": "20x"}, "not a whole number"),
        ("visits-in-year", {"year": "1066"}, "not a year"),
        ("learning-pairs", {"minimum": "1.5"}, "not a whole number"),
        ("visits-of-official", {"name": "x" * 1001}, "longer than 1000 characters"),
    ],
)
def test_invalid_parameters_are_refused(name: str, values: dict[str, str], message: str) -> None:
    with pytest.raises(ParameterError, match=re.escape(message)) as caught:
        get_query(name).bind(values)
    assert caught.value.exit_code == 2
    assert "\n" not in str(caught.value)


def test_parse_params() -> None:
    assert parse_params(["region=62.02", "name=a=b", "empty="]) == {
        "region": "62.02",
        "name": "a=b",
        "empty": "",
    }
    for bad in (["region"], ["=1"], ["year=1", "year=2"]):
        with pytest.raises(ParameterError):
            parse_params(bad)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("visits-of-region", "region"),
        ("visits-by-sector", "sector"),
        ("visits-in-year", "year"),
        ("learning-pairs", "minimum"),
        ("visits-of-official", "name"),
    ],
)
def test_hostile_values_are_refused_or_inert(
    dev_store: GraphStore, query: str, param: str, value: str
) -> None:
    before = dev_store.count()
    named = get_query(query)
    text = named.text
    try:
        result = run_named(dev_store, query, {param: value})
    except ParameterError:
        pass
    else:
        assert named.param(param).type == "string"  # only strings are taken as they are ...
        assert result.rows == []  # ... as a literal no official is named
    assert get_query(query).text == text
    assert dev_store.count() == before


# --- time limits ------------------------------------------------------------------------------------------


def test_a_runaway_query_is_stopped(dev_store_path: Path) -> None:
    with QueryRunner(dev_store_path) as runner:
        assert runner.run("ASK { ?s ?p ?o }", timeout=30).boolean is True
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"^query timed out after 0.5 s$"):
            runner.run(HEAVY, timeout=0.5)
        assert time.monotonic() - started < 5
        (worker,) = runner._all or (None,)
        assert worker is None  # the busy worker was killed ...
        result = runner.run("SELECT ?code WHERE { ?r warta:code ?code } ORDER BY ?code LIMIT 2", timeout=30)
        assert [r["code"] for r in result.records()] == ["11", "11.01"]  # ... and another took its place


def test_runner_reports_errors_as_the_library_does(dev_store_path: Path, tmp_path: Path) -> None:
    with QueryRunner(dev_store_path, workers=2) as runner:
        with pytest.raises(QueryError, match=r"^line 1, column \d+: "):
            runner.run("SELEC ?x WHERE {}", timeout=30)
        with pytest.raises(QueryError, match="updates are refused"):
            runner.run("DROP ALL", timeout=30)
        bound = runner.run("SELECT ?code WHERE { ?r warta:code ?code }", {"code": "62.02"}, timeout=30)
        assert bound.rows == [(ox.Literal("62.02"),)]
        limited = runner.run("SELECT * WHERE { ?r warta:code ?code }", limit=3, timeout=30)
        assert len(limited.rows) == 3 and limited.truncated
    with QueryRunner(tmp_path / "nothing") as runner, pytest.raises(StoreError, match="no store at"):
        runner.run("ASK {}", timeout=30)


def test_run_query_with_a_timeout(dev_store: GraphStore) -> None:
    assert run_query(dev_store, "ASK { ?s warta:code ?c }", timeout=30).boolean is True
    with pytest.raises(QueryTimeout):
        run_query(dev_store, HEAVY, timeout=0.5)
    with pytest.raises(QueryError, match="needs a store on disk"):
        run_query(GraphStore.memory(), "ASK {}", timeout=1)
