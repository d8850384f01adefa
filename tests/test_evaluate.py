"""Tests of warta.evaluate: the scoring of data/corpus/dev/README.md, names, reports and reading."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.errors import InputError
from warta.evaluate import (
    ATTRIBUTES,
    EXTRA_ATTRIBUTES,
    PRF,
    Accuracy,
    Report,
    evaluate,
    format_details,
    format_table,
    match_names,
    name_affixes,
    names_match,
    normalize_name,
    read_facts_file,
    read_jsonl,
)
from warta.paths import data_file

GOLD_FILE = Path(__file__).resolve().parents[1] / "data" / "corpus" / "dev" / "gold.jsonl"


def _record() -> dict[str, Any]:
    """A small gold record: Kotim (62.02) visits Pontianak (61.71)."""
    return {
        "id": "x",
        "regions": [
            {"code": "62.02", "name": "Kabupaten Kotawaringin Timur"},
            {"code": "62", "name": "Kalimantan Tengah"},
            {"code": "61.71", "name": "Kota Pontianak"},
        ],
        "officials": [
            {"name": "Irawati", "role": "Wakil Bupati", "role_class": "deputy_head", "region": "62.02"},
            {"name": "Bahasan", "role": "Wakil Wali Kota", "role_class": "deputy_head", "region": "61.71"},
        ],
        "visits": [
            {
                "visitor": ["62.02"],
                "visitor_body": "mixed",
                "host": "61.71",
                "date": "2025-04-23",
                "delegation_size": 56,
                "leader": "Irawati",
                "received_by": "Bahasan",
                "visit_type": "studi tiru",
                "venue": "Ruang Rapat Wali Kota",
                "focus_sectors": ["umkm", "pertanian"],
                "mentioned_sectors": ["perdagangan"],
            }
        ],
    }


def _score(report: Report, metric: str) -> tuple[int, ...]:
    """The counts behind a metric: (predicted, gold, correct predicted, correct gold) or (correct, total)."""
    head, _, tail = metric.partition(".")
    value: Any = getattr(report, head)
    if tail:
        value = value[tail]
    if isinstance(value, PRF):
        return (value.predicted, value.gold, value.correct_predicted, value.correct_gold)
    assert isinstance(value, Accuracy)
    return (value.correct, value.total)


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, Any]]:
    return read_facts_file(GOLD_FILE)


# --------------------------------------------------------------------------------------------------------
# The whole gold file


def _all_values(report: Report) -> list[float | None]:
    values: list[float | None] = []
    for score in (report.regions, report.officials, report.pairs, report.sectors):
        values += [score.precision, score.recall, score.f1]
    accuracies = [report.role_class, report.attributes_overall, *report.attributes.values()]
    values += [a.value for a in [*accuracies, *report.extra_attributes.values()]]
    return values


def test_gold_against_itself_is_perfect(gold: dict[str, dict[str, Any]]) -> None:
    report = evaluate(gold, list(gold.values()))
    assert report.articles == report.predicted_articles == 16
    assert _all_values(report) == [1.0] * len(_all_values(report))
    assert report.missing_ids == report.unmatched_ids == []
    assert format_details(report) == ""


def test_empty_prediction_has_recall_zero(gold: dict[str, dict[str, Any]]) -> None:
    report = evaluate(gold, [])
    for score in (report.regions, report.officials, report.pairs):
        assert score.recall == 0.0
        assert score.f1 == 0.0
        assert score.precision is None  # nothing predicted: undefined, not 0 or 1
    assert report.role_class.total == report.attributes_overall.total == report.sectors.gold == 0
    assert report.missing_ids == list(gold)
    assert all(d["missing_prediction"] for d in report.details)


def test_empty_records_count_as_empty_predictions(gold: dict[str, dict[str, Any]]) -> None:
    empty = [{"id": article_id} for article_id in gold]
    report = evaluate(gold, empty)
    assert report.regions.recall == report.officials.recall == report.pairs.recall == 0.0
    assert report.missing_ids == []


def test_report_is_json_serialisable_and_tabulated(gold: dict[str, dict[str, Any]]) -> None:
    predicted = copy.deepcopy(gold)
    del predicted["a03"]
    predicted["unknown"] = {"id": "unknown"}
    report = evaluate(gold, predicted)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["unmatched_ids"] == ["unknown"]
    assert data["missing_ids"] == ["a03"]
    assert data["regions"]["recall"] == pytest.approx(43 / 51)
    assert set(data["attributes"]) == set(ATTRIBUTES)
    assert set(data["extra_attributes"]) == set(EXTRA_ATTRIBUTES)
    table = format_table(report)
    lines = table.splitlines()
    assert lines[1].split() == ["metric", "precision", "recall", "F1/acc", "counts"]
    for label in ("regions", "officials", "role_class", "visit pairs", "venue (extra)", "sectors (focus)"):
        assert any(line.strip().startswith(label) for line in lines), label
    details = format_details(report)
    assert details.startswith("a03 (no prediction)")
    assert "unknown" in details


# --------------------------------------------------------------------------------------------------------
# Handcrafted cases, one metric at a time

Mutation = Callable[[dict[str, Any]], None]


def _nothing(record: dict[str, Any]) -> None:
    pass


def _set_visit(**values: Any) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        record["visits"][0].update(values)

    return mutate


def _set_official(index: int, **values: Any) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        record["officials"][index].update(values)

    return mutate


def _drop_region(code: str) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        record["regions"] = [r for r in record["regions"] if r["code"] != code]

    return mutate


def _add_official(name: str) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        record["officials"].append(
            {"name": name, "role": "Camat", "role_class": "agency_head", "region": None}
        )

    return mutate


def _duplicate_visit(**values: Any) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        record["visits"].append({**record["visits"][0], **values})

    return mutate


def _add_evidence(record: dict[str, Any]) -> None:
    evidence = {"text": "...", "start": 0, "end": 3}
    for key in ("regions", "officials", "visits"):
        for fact in record[key]:
            fact["evidence"] = evidence


CASES = {
    # name: (change to a gold record, change to an equal predicted record, {metric: expected counts})
    "missing region": (_nothing, _drop_region("61.71"), {"regions": (2, 3, 2, 2)}),
    "extra region": (
        _nothing,
        lambda r: r["regions"].append({"code": "61", "name": "Kalimantan Barat"}),
        {"regions": (4, 3, 3, 3)},
    ),
    "extra official": (_nothing, _add_official("Suryani"), {"officials": (3, 2, 2, 2), "role_class": (2, 2)}),
    "name subset match": (
        _nothing,
        _set_official(0, name="Hj. Irawati, S.E., M.M."),
        {"officials": (2, 2, 2, 2), "role_class": (2, 2)},
    ),
    "name mismatch": (_nothing, _set_official(0, name="Irwan"), {"officials": (2, 2, 1, 1)}),
    "same name twice": (_nothing, _add_official("Irawati"), {"officials": (3, 2, 2, 2)}),
    "wrong role class": (
        _nothing,
        _set_official(0, role_class="head"),
        {"officials": (2, 2, 2, 2), "role_class": (1, 2)},
    ),
    "visitor and host swapped": (
        _nothing,
        _set_visit(visitor=["61.71"], host="62.02"),
        {"pairs": (1, 1, 0, 0), "attributes_overall": (0, 0), "sectors": (0, 0, 0, 0)},
    ),
    "two visitors, one found": (
        _set_visit(visitor=["62.02", "62.01"]),
        _nothing,
        {"pairs": (1, 2, 1, 1), "attributes.date": (1, 1)},
    ),
    "two visitors, both found": (
        _set_visit(visitor=["62.02", "62.01"]),
        _set_visit(visitor=["62.01", "62.02"]),
        {"pairs": (2, 2, 2, 2), "attributes_overall": (10, 10), "sectors": (4, 4, 4, 4)},
    ),
    "visitor as a string": (_nothing, _set_visit(visitor="62.02"), {"pairs": (1, 1, 1, 1)}),
    "wrong date": (
        _nothing,
        _set_visit(date="2025-04-24"),
        {"attributes.date": (0, 1), "attributes.leader": (1, 1), "attributes_overall": (4, 5)},
    ),
    "null date predicted": (_nothing, _set_visit(date=None), {"attributes.date": (0, 1)}),
    "size predicted where gold has null": (
        _set_visit(delegation_size=None),
        _nothing,
        {"attributes.delegation_size": (0, 1)},
    ),
    "null against null is right": (
        _set_visit(delegation_size=None, leader=None),
        _set_visit(delegation_size=None, leader=None),
        {"attributes.delegation_size": (1, 1), "attributes.leader": (1, 1), "attributes_overall": (5, 5)},
    ),
    "leader matched as a name": (
        _nothing,
        _set_visit(leader="Wakil Bupati Hj. Irawati, SE MM", received_by="H. Bahasan"),
        {"attributes.leader": (1, 1), "attributes.received_by": (1, 1)},
    ),
    "wrong leader": (_nothing, _set_visit(leader="Bahasan"), {"attributes.leader": (0, 1)}),
    "wrong visit type": (_nothing, _set_visit(visit_type="studi banding"), {"attributes.visit_type": (0, 1)}),
    "size as a string": (_nothing, _set_visit(delegation_size="56"), {"attributes.delegation_size": (1, 1)}),
    "extra attributes do not count in the overall share": (
        _nothing,
        _set_visit(visitor_body="executive", venue="ruang rapat wali kota."),
        {
            "extra_attributes.visitor_body": (0, 1),
            "extra_attributes.venue": (1, 1),
            "attributes_overall": (5, 5),
        },
    ),
    "sectors: precision counts mentioned sectors": (
        _nothing,
        _set_visit(focus_sectors=["umkm", "perdagangan", "kesehatan"]),
        # 2 of 3 predicted are gold focus or mentioned; 1 of 2 gold focus sectors found.
        {"sectors": (3, 2, 2, 1)},
    ),
    "sectors: predictions may omit mentioned_sectors": (
        _nothing,
        lambda r: r["visits"][0].pop("mentioned_sectors"),
        {"sectors": (2, 2, 2, 2)},
    ),
    "same pair twice, matched in order": (
        _duplicate_visit(date="2025-04-24"),
        _duplicate_visit(date="2025-04-24"),
        {"pairs": (2, 2, 2, 2), "attributes.date": (2, 2)},
    ),
    "same pair twice, out of order": (
        _duplicate_visit(date="2025-04-24"),
        lambda r: r["visits"].insert(0, {**r["visits"][0], "date": "2025-04-24"}),
        {"pairs": (2, 2, 2, 2), "attributes.date": (0, 2)},
    ),
    "same pair once of twice": (_duplicate_visit(date="2025-04-24"), _nothing, {"pairs": (1, 2, 1, 1)}),
    "evidence is ignored": (
        _nothing,
        _add_evidence,
        {"regions": (3, 3, 3, 3), "officials": (2, 2, 2, 2), "attributes_overall": (5, 5)},
    ),
}


@pytest.mark.parametrize(("change_gold", "change_predicted", "expected"), CASES.values(), ids=CASES.keys())
def test_metric_arithmetic(
    change_gold: Mutation, change_predicted: Mutation, expected: dict[str, tuple]
) -> None:
    gold, predicted = _record(), _record()
    change_gold(gold)
    change_predicted(predicted)
    report = evaluate([gold], [predicted])
    for metric, counts in expected.items():
        assert _score(report, metric) == counts, metric


def test_ratios_and_f1() -> None:
    score = PRF()
    score.add(predicted=3, gold=2, correct_predicted=2, correct_gold=1)
    assert (score.precision, score.recall) == (pytest.approx(2 / 3), 0.5)
    assert score.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert PRF().f1 is None
    assert PRF(predicted=2).f1 == 0.0
    assert Accuracy().value is None


def test_micro_average_pools_counts_over_articles() -> None:
    first, second = _record(), {**_record(), "id": "y"}
    predicted_second = {**copy.deepcopy(second), "regions": second["regions"][:1]}
    report = evaluate([first, second], [first, predicted_second])
    assert _score(report, "regions") == (4, 6, 4, 4)
    assert report.regions.recall == pytest.approx(4 / 6)


def test_details_name_the_differences() -> None:
    gold, predicted = _record(), _record()
    _drop_region("61.71")(predicted)
    _add_official("Suryani")(predicted)
    _set_official(0, role_class="head")(predicted)
    _set_visit(date=None, focus_sectors=["umkm", "kesehatan"])(predicted)
    report = evaluate({"x": gold}, {"x": predicted})
    (detail,) = report.details
    assert detail["missing_regions"] == ["61.71"] and detail["extra_regions"] == []
    assert detail["extra_officials"] == ["Suryani"] and detail["missing_officials"] == []
    assert detail["role_class_errors"] == [
        {"gold_name": "Irawati", "predicted_name": "Irawati", "gold": "deputy_head", "predicted": "head"}
    ]
    assert detail["attribute_mismatches"] == [
        {
            "pair": ["62.02", "61.71"],
            "attribute": "date",
            "extra": False,
            "gold": "2025-04-23",
            "predicted": None,
        }
    ]
    assert detail["sector_mismatches"] == [
        {"pair": ["62.02", "61.71"], "missing": ["pertanian"], "extra": ["kesehatan"]}
    ]
    text = format_details(report)
    assert "regions: missing 61.71" in text
    assert "officials: extra Suryani" in text
    assert 'date of 62.02->61.71: gold "2025-04-23", predicted null' in text


def test_details_list_swapped_pairs_and_skip_perfect_articles() -> None:
    gold, swapped = _record(), _record()
    _set_visit(visitor=["61.71"], host="62.02")(swapped)
    perfect = {**_record(), "id": "y"}
    report = evaluate([gold, perfect], [swapped, perfect])
    assert report.details[0]["missing_pairs"] == [["62.02", "61.71"]]
    assert report.details[0]["extra_pairs"] == [["61.71", "62.02"]]
    text = format_details(report)
    assert text.startswith("x\n") and "visit pairs: missing 62.02->61.71; extra 61.71->62.02" in text
    assert "\ny" not in text


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="two facts records"):
        evaluate([_record(), _record()], [])


# --------------------------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Irawati", "irawati"),
        ("Hj. Irawati, S.E., M.M.", "irawati"),
        ("Hj. Tuti Alawiyyah, SE MM", "tuti alawiyyah"),
        ("Dr. Ir. H. Andi Sudirman Sulaiman, S.T., M.T.", "andi sudirman sulaiman"),
        ("Drs. H. Abu Soleh, M.Si", "abu soleh"),
        ("Prof. Dr. dr. Budi Santoso, Sp.PD, M.Kes", "budi santoso"),
        ("Asrul Sani SH MSi", "asrul sani"),
        ("Emil Nugraha Salam S.STP MM", "emil nugraha salam"),
        ("Sitti Baderiah SPd MSi", "sitti baderiah"),
        ("Firmanza DP SH MSi", "firmanza dp"),
        ("Agas Andreas, SH., M.Hum", "agas andreas"),
        ("Asmuradi Budi ST M.Env.Man", "asmuradi budi"),
        ("Dra Munasirah", "munasirah"),
        ("Ny. Rasniathi Adi Arnawa", "rasniathi adi arnawa"),
        ("Hj Mariana", "mariana"),
        ("H.Andi Sulaiman", "andi sulaiman"),
        ("Kolonel Inf. Budi Santoso (Purn.)", "budi santoso"),
        ("Budi Santoso, S.Kom, M.AP, Ak., CA", "budi santoso"),
        ("Budi Santoso, M.Tr.Opsla", "budi santoso"),  # an unlisted dotted degree after the comma
        ("Moch. Arif Mahmud", "moch arif mahmud"),
        ("Muh.Ibnu Hasyim", "muh ibnu hasyim"),
        ("Ricky CH Ricfat", "ricky ch ricfat"),
        ("I Ketut Suiasa", "i ketut suiasa"),
        ("Andi Ma Sulaiman", "andi ma sulaiman"),  # an affix-like word inside a name stays
        ("Syafi'i", "syafii"),
        ("  JOHARDI  ", "johardi"),
        ("Abdul-Rahman", "abdul rahman"),
        ("H.", "h"),  # never empty for a non-empty name
        ("", ""),
    ],
)
def test_normalize_name(name: str, normalised: str) -> None:
    assert normalize_name(name) == normalised


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Irawati", "Hj. Irawati, S.E., M.M.", True),
        ("Andi Sudirman Sulaiman", "Andi Sudirman", True),
        ("Sudirman", "Andi Sudirman Sulaiman", True),
        ("Ricky CH Ricfat", "ricky ch ricfat", True),
        ("Budi Santoso", "Budi Hartono", False),
        ("Moh. Arif Mahmud", "Moch. Arif Mahmud", False),
        ("Irawati", "Irwati", False),
        ("Irawati", "", False),
        (None, None, False),
        ("Dr.", "Budi", False),
    ],
)
def test_names_match(a: str | None, b: str | None, expected: bool) -> None:
    assert names_match(a, b) is expected
    assert names_match(b, a) is expected


@given(st.text(max_size=30))
def test_normalize_name_is_idempotent(name: str) -> None:
    normalised = normalize_name(name)
    assert normalize_name(normalised) == normalised


def test_affixes_come_from_the_lexicon_file() -> None:
    path = data_file("lexicon", "name_affixes.txt")
    assert path.is_file()
    affixes = name_affixes()
    assert {"h", "hj", "drs", "se", "ssos", "msi", "map", "ak", "ca"} <= affixes
    assert "andi" not in affixes and "teuku" not in affixes
    assert name_affixes() is affixes  # loaded once


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (["Irawati", "Bahasan"], ["Bahasan", "Irawati"], [(0, 1), (1, 0)]),
        (["Irawati"], ["Irawati", "Hj. Irawati"], [(0, 0)]),  # one-to-one
        # exact first: "Andi" takes "Andi", leaving "Andi Sudirman Sulaiman" to "Andi Sudirman"
        (["Andi Sudirman", "Andi"], ["Andi", "Andi Sudirman Sulaiman"], [(0, 1), (1, 0)]),
        # maximum: "Budi" gives way so that "Budi Santoso" finds its only partner
        (["Budi", "Budi Santoso"], ["Budi Santoso Putra", "Budi Hartono"], [(0, 1), (1, 0)]),
        ([], ["Budi"], []),
    ],
)
def test_match_names(gold: list[str], predicted: list[str], expected: list[tuple[int, int]]) -> None:
    assert match_names(gold, predicted) == expected


# --------------------------------------------------------------------------------------------------------
# Reading


def test_read_jsonl_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": "b",\n[1, 2]\n{"id": "c"}\n', encoding="utf-8")
    records, errors = read_jsonl(path)
    assert [r["id"] for r in records] == ["a", "c"]
    assert [(e.path, e.line) for e in errors] == [(str(path), 3), (str(path), 4)]
    assert str(errors[0]).startswith(f"{path}:3: malformed JSON")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{"id": "a"}\n{"id": \n', 2, "malformed JSON"),
        ('\n\n"just a string"\n', 3, "expected a JSON object"),
        ('{"id": "a"}\n{"regions": []}\n', 2, "without a string 'id'"),
        ('{"id": "a"}\n{"id": "a"}\n', 2, "duplicate id"),
    ],
)
def test_read_facts_file_raises_with_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_facts_file(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_read_facts_file_skips_blank_lines_and_keys_by_id(tmp_path: Path) -> None:
    path = tmp_path / "facts.jsonl"
    path.write_text('\n{"id": "a", "regions": []}\n   \n{"id": "b"}\n', encoding="utf-8")
    assert list(read_facts_file(path)) == ["a", "b"]


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_jsonl(tmp_path / "absent.jsonl")
    with pytest.raises(InputError):
        read_facts_file(tmp_path / "absent.jsonl")
