"""Score predicted facts against gold facts.

Implements "How a prediction file is scored" of `data/corpus/dev/README.md`.

Everything is micro-averaged over the articles of the gold file:

- regions: precision/recall/F1 of the set of region codes of each article;
- officials: names are matched one-to-one per article (`names_match`), giving P/R/F1, and the share of matched
  officials whose `role_class` is right;
- visit pairs: each visit is split into one (visitor, host) pair per visitor code; P/R/F1 over the multiset of
  pairs of each article;
- attributes: for each matched pair (pairs sharing the same (visitor, host) are matched in order), the share
  where `date`, `delegation_size`, `leader`, `received_by` and `visit_type` are right (null is a value);
  `venue` and `visitor_body` are reported as well, as extra attributes outside the README's score;
- sectors: over matched pairs, recall of gold `focus_sectors` by predicted `focus_sectors`, and precision of
  predicted `focus_sectors` against gold `focus_sectors` + `mentioned_sectors`.

Records are plain facts dicts (the JSON form of `warta.facts.ArticleFacts`); an `evidence` field or any other
unknown field is ignored. The module also holds the name normaliser and matcher the extractor reuses.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache
from os import PathLike
from typing import Any

from warta.errors import InputError
from warta.paths import data_file

ATTRIBUTES = ("date", "delegation_size", "leader", "received_by", "visit_type")
"""The visit attributes the README scores."""
EXTRA_ATTRIBUTES = ("venue", "visitor_body")
"""Visit attributes reported as well, outside the README's score."""
_NAME_ATTRIBUTES = frozenset({"leader", "received_by"})

# ---------------------------------------------------------------------------------------------------------
# Names


@cache
def name_affixes() -> frozenset[str]:
    """The keys (see `_affix_key`) of the honorifics and degrees in `data/lexicon/name_affixes.txt`."""
    path = data_file("lexicon", "name_affixes.txt")
    keys = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        token = line.split("#", 1)[0].strip()
        if token:
            keys.add(_affix_key(token))
    keys.discard("")
    return frozenset(keys)


def _fold(text: str) -> str:
    """Case-fold and drop accents: "Sébastien" -> "sebastien"."""
    if text.isascii():
        return text.lower()  # the common case: ASCII has no accents to drop, and folds as it lowers
    for _ in range(2):  # case folding can undo the decomposition ("\u1e9e") and vice versa ("\U0001d6a8")
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text


_NON_WORD = re.compile(r"[\W_]+")


def _affix_key(token: str) -> str:
    """The lookup form of an affix: folded, without dots or other punctuation ("S.E." -> "se")."""
    return _NON_WORD.sub("", _fold(token))


_SPLIT = re.compile(r"[^\w.'\u2018\u2019\u02bc`]+")  # words keep their dots and apostrophes
_DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Za-z]{1,5}\.)+[A-Za-z]{0,5}\.?$")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")


@lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[str, ...]:
    affixes = name_affixes()
    tokens: list[tuple[str, bool]] = []  # (token, is an affix)
    for index, piece in enumerate(name.split(",")):
        after_comma = index > 0
        for raw in _SPLIT.split(piece):
            key = _affix_key(raw)
            if not key:
                continue
            if key in affixes or (after_comma and _DOTTED_ABBREVIATION.match(raw)):
                # A listed affix; after the comma also an unlisted dotted degree ("Budi, M.Tr.Opsla").
                if not after_comma:
                    tokens.append((raw, True))
            elif "." in raw.strip("."):
                # "H.Andi" or "Muh.Ibnu": a title glued to the name, or a name with a dot.
                tokens.extend(
                    (part, _affix_key(part) in affixes) for part in raw.split(".") if _affix_key(part)
                )
            else:
                tokens.append((raw, False))
    # Titles come before the name, degrees after it: strip affixes at both ends, keeping at least one token.
    start, end = 0, len(tokens)
    while end - start > 1 and tokens[start][1]:
        start += 1
    while end - start > 1 and tokens[end - 1][1]:
        end -= 1
    words: list[str] = []
    for token, is_affix in tokens[start:end]:
        if is_affix:  # kept inside the name, or all the name is: one word, "S.Sos" -> "ssos"
            words.append(_affix_key(token))
        else:
            words.extend(_NON_WORD.sub(" ", _APOSTROPHES.sub("", _fold(token))).split())
    return tuple(words)


def normalize_name(name: str) -> str:
    """A person's name without honorifics, ranks and degrees, lower case, words separated by one space.

    "Hj. Tuti Alawiyyah, SE MM" -> "tuti alawiyyah"; "Dr. Ir. H. Andi Sudirman Sulaiman, S.T., M.T." ->
    "andi sudirman sulaiman"; "Moch. Arif Mahmud" -> "moch arif mahmud". Affixes (listed in
    `data/lexicon/name_affixes.txt`, dotted or not) are removed at the start and end of the name and after
    its first comma, but never the last word; accents and apostrophes are dropped, other punctuation
    separates words.
    """
    return " ".join(_name_words(name))


def names_match(a: str | None, b: str | None) -> bool:
    """Whether two names denote one person: equal once normalised, or one's words a subset of the other's.

    A name that normalises to nothing (or None) matches nothing.
    """
    if not a or not b:
        return False
    words_a, words_b = _name_words(a), _name_words(b)
    if not words_a or not words_b:
        return False
    if words_a == words_b:
        return True
    set_a, set_b = set(words_a), set(words_b)
    return set_a <= set_b or set_b <= set_a


# ---------------------------------------------------------------------------------------------------------
# Scores


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class PRF:
    """Counts behind a precision/recall/F1 score.

    `correct_predicted` of the `predicted` items are right (precision); `correct_gold` of the `gold` items are
    found (recall). Both are equal for set scores; they differ for sectors, where precision and recall are
    taken against different gold sets. A ratio with a zero denominator is None; F1 is 0 when exactly one of
    precision and recall is None (nothing predicted, or nothing to find), None when both are.
    """

    predicted: int = 0
    gold: int = 0
    correct_predicted: int = 0
    correct_gold: int = 0

    def add(self, predicted: int, gold: int, correct_predicted: int, correct_gold: int | None = None) -> None:
        self.predicted += predicted
        self.gold += gold
        self.correct_predicted += correct_predicted
        self.correct_gold += correct_predicted if correct_gold is None else correct_gold

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct_predicted, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.correct_gold, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        if p is None or r is None or p + r == 0:
            return 0.0
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    """`correct` of `total` items are right; `value` is None when there is nothing to judge."""

    correct: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.total += 1
        self.correct += bool(right)

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "accuracy": self.value}


@dataclass
class Report:
    """The scores of a prediction file, and what differs from gold article by article."""

    articles: int = 0  # articles in gold
    predicted_articles: int = 0  # gold articles that have a prediction
    missing_ids: list[str] = field(default_factory=list)  # gold ids without a prediction (scored as empty)
    unmatched_ids: list[str] = field(default_factory=list)  # predicted ids not in gold (ignored)
    regions: PRF = field(default_factory=PRF)
    officials: PRF = field(default_factory=PRF)
    role_class: Accuracy = field(default_factory=Accuracy)
    pairs: PRF = field(default_factory=PRF)
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    attributes_overall: Accuracy = field(default_factory=Accuracy)  # all five README attributes pooled
    extra_attributes: dict[str, Accuracy] = field(
        default_factory=lambda: {a: Accuracy() for a in EXTRA_ATTRIBUTES}
    )
    sectors: PRF = field(default_factory=PRF)
    details: list[dict[str, Any]] = field(default_factory=list)  # one per gold article, see `_Article.detail`

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form of the report (for `warta evaluate --json`)."""
        return {
            "articles": self.articles,
            "predicted_articles": self.predicted_articles,
            "missing_ids": list(self.missing_ids),
            "unmatched_ids": list(self.unmatched_ids),
            "regions": self.regions.to_dict(),
            "officials": self.officials.to_dict(),
            "role_class": self.role_class.to_dict(),
            "pairs": self.pairs.to_dict(),
            "attributes": {name: acc.to_dict() for name, acc in self.attributes.items()},
            "attributes_overall": self.attributes_overall.to_dict(),
            "extra_attributes": {name: acc.to_dict() for name, acc in self.extra_attributes.items()},
            "sectors": self.sectors.to_dict(),
            "details": self.details,
        }


# ---------------------------------------------------------------------------------------------------------
# Evaluation


def evaluate(
    gold: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]],
    predicted: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]],
) -> Report:
    """Score `predicted` facts records against `gold` ones (each a mapping id -> record, or records).

    A gold article without a prediction is scored as an empty prediction; a predicted id not in gold is
    ignored and listed in `Report.unmatched_ids`.
    """
    gold_by_id = _by_id(gold)
    predicted_by_id = _by_id(predicted)
    report = Report(articles=len(gold_by_id))
    report.unmatched_ids = [i for i in predicted_by_id if i not in gold_by_id]
    for article_id, gold_record in gold_by_id.items():
        predicted_record = predicted_by_id.get(article_id)
        if predicted_record is None:
            report.missing_ids.append(article_id)
        else:
            report.predicted_articles += 1
        detail = _score_article(article_id, gold_record, predicted_record or {}, report)
        detail["missing_prediction"] = predicted_record is None
        report.details.append(detail)
    return report


def _by_id(records: Mapping[str, Any] | Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    if isinstance(records, Mapping):
        return {str(key): _as_record(value) for key, value in records.items()}
    result: dict[str, Mapping[str, Any]] = {}
    for value in records:
        record = _as_record(value)
        article_id = record.get("id")
        if not isinstance(article_id, str):
            raise ValueError(f"a facts record without a string 'id': {str(record)[:80]}")
        if article_id in result:
            raise ValueError(f"two facts records with id {article_id!r}")
        result[article_id] = record
    return result


def _as_record(value: Any) -> Mapping[str, Any]:
    if hasattr(value, "to_dict") and not isinstance(value, Mapping):
        value = value.to_dict()  # an ArticleFacts
    if not isinstance(value, Mapping):
        raise ValueError(f"a facts record must be a mapping, not {type(value).__name__}")
    return value


def _list(record: Mapping[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    """A string value with blanks as None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _region_codes(record: Mapping[str, Any]) -> set[str]:
    codes = set()
    for region in _list(record, "regions"):
        code = _text(region.get("code")) if isinstance(region, Mapping) else _text(region)
        if code:
            codes.add(code)
    return codes


def _score_article(
    article_id: str, gold: Mapping[str, Any], predicted: Mapping[str, Any], report: Report
) -> dict[str, Any]:
    detail: dict[str, Any] = {"id": article_id}

    # Regions.
    gold_codes, predicted_codes = _region_codes(gold), _region_codes(predicted)
    report.regions.add(len(predicted_codes), len(gold_codes), len(gold_codes & predicted_codes))
    detail["missing_regions"] = sorted(gold_codes - predicted_codes)
    detail["extra_regions"] = sorted(predicted_codes - gold_codes)

    # Officials.
    gold_officials = [o for o in _list(gold, "officials") if isinstance(o, Mapping)]
    predicted_officials = [o for o in _list(predicted, "officials") if isinstance(o, Mapping)]
    matches = match_names(
        [str(o.get("name") or "") for o in gold_officials],
        [str(o.get("name") or "") for o in predicted_officials],
    )
    report.officials.add(len(predicted_officials), len(gold_officials), len(matches))
    matched_gold = {g for g, _ in matches}
    matched_predicted = {p for _, p in matches}
    detail["missing_officials"] = [
        o.get("name") for i, o in enumerate(gold_officials) if i not in matched_gold
    ]
    detail["extra_officials"] = [
        o.get("name") for j, o in enumerate(predicted_officials) if j not in matched_predicted
    ]
    detail["role_class_errors"] = []
    for g, p in matches:
        gold_class, predicted_class = (
            gold_officials[g].get("role_class"),
            predicted_officials[p].get("role_class"),
        )
        report.role_class.add(gold_class == predicted_class)
        if gold_class != predicted_class:
            detail["role_class_errors"].append(
                {
                    "gold_name": gold_officials[g].get("name"),
                    "predicted_name": predicted_officials[p].get("name"),
                    "gold": gold_class,
                    "predicted": predicted_class,
                }
            )

    # Visit pairs.
    gold_pairs, predicted_pairs = _pairs(gold), _pairs(predicted)
    matched_pairs: list[tuple[tuple[str | None, str | None], Mapping[str, Any], Mapping[str, Any]]] = []
    detail["missing_pairs"], detail["extra_pairs"] = [], []
    for key in dict.fromkeys([*gold_pairs, *predicted_pairs]):
        gold_visits, predicted_visits = gold_pairs.get(key, []), predicted_pairs.get(key, [])
        matched_pairs.extend((key, g, p) for g, p in zip(gold_visits, predicted_visits, strict=False))
        n = min(len(gold_visits), len(predicted_visits))
        detail["missing_pairs"].extend([list(key)] * (len(gold_visits) - n))
        detail["extra_pairs"].extend([list(key)] * (len(predicted_visits) - n))
    n_gold_pairs = sum(len(v) for v in gold_pairs.values())
    n_predicted_pairs = sum(len(v) for v in predicted_pairs.values())
    report.pairs.add(n_predicted_pairs, n_gold_pairs, len(matched_pairs))

    # Attributes and sectors of matched pairs.
    detail["attribute_mismatches"], detail["sector_mismatches"] = [], []
    for key, gold_visit, predicted_visit in matched_pairs:
        for name in (*ATTRIBUTES, *EXTRA_ATTRIBUTES):
            extra = name in EXTRA_ATTRIBUTES
            right = attribute_right(name, gold_visit.get(name), predicted_visit.get(name))
            (report.extra_attributes if extra else report.attributes)[name].add(right)
            if not extra:
                report.attributes_overall.add(right)
            if not right:
                detail["attribute_mismatches"].append(
                    {
                        "pair": list(key),
                        "attribute": name,
                        "extra": extra,
                        "gold": gold_visit.get(name),
                        "predicted": predicted_visit.get(name),
                    }
                )
        gold_focus = _sector_set(gold_visit, "focus_sectors")
        gold_any = gold_focus | _sector_set(gold_visit, "mentioned_sectors")
        predicted_focus = _sector_set(predicted_visit, "focus_sectors")
        report.sectors.add(
            predicted=len(predicted_focus),
            gold=len(gold_focus),
            correct_predicted=len(predicted_focus & gold_any),
            correct_gold=len(gold_focus & predicted_focus),
        )
        missing, wrong = sorted(gold_focus - predicted_focus), sorted(predicted_focus - gold_any)
        if missing or wrong:
            detail["sector_mismatches"].append({"pair": list(key), "missing": missing, "extra": wrong})
    return detail


def _pairs(record: Mapping[str, Any]) -> dict[tuple[str | None, str | None], list[Mapping[str, Any]]]:
    """The visits of a record by (visitor, host) pair, one pair per distinct visitor code, in order."""
    pairs: dict[tuple[str | None, str | None], list[Mapping[str, Any]]] = defaultdict(list)
    for visit in _list(record, "visits"):
        if not isinstance(visit, Mapping):
            continue
        visitors = visit.get("visitor")
        if not isinstance(visitors, list):
            visitors = [visitors]
        host = _text(visit.get("host"))
        for visitor in dict.fromkeys(_text(v) for v in visitors):
            pairs[(visitor, host)].append(visit)
    return pairs


def _sector_set(visit: Mapping[str, Any], key: str) -> set[str]:
    return {s for s in (_text(v) for v in _list(visit, key)) if s}


def attribute_right(name: str, gold: Any, predicted: Any) -> bool:
    """Whether a predicted visit attribute is right: null is a value; names compare with `names_match`.

    Strings compare without regard to surrounding blanks (and, for `visit_type`, `visitor_body` and `venue`,
    to case; `venue` also ignores punctuation); a delegation size compares as an integer.
    """
    if name == "delegation_size":
        gold, predicted = _as_int(gold), _as_int(predicted)
        return gold == predicted
    gold, predicted = _text(gold), _text(predicted)
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if name in _NAME_ATTRIBUTES:
        return names_match(gold, predicted)
    if name in ("visit_type", "visitor_body"):
        return gold.casefold() == predicted.casefold()
    if name == "venue":
        return _NON_WORD.sub(" ", _fold(gold)).split() == _NON_WORD.sub(" ", _fold(predicted)).split()
    return gold == predicted


def _as_int(value: Any) -> Any:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def match_names(gold: list[str], predicted: list[str]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of names under `names_match`, as (gold, predicted) index pairs.

    Equal normalised names are paired first, in order; the rest is completed to a maximum matching by
    augmenting paths (which may move a name to another partner, but never unmatches it).
    """
    gold_keys = [normalize_name(n) for n in gold]
    predicted_keys = [normalize_name(n) for n in predicted]
    owner: dict[int, int] = {}  # predicted index -> gold index
    partner: dict[int, int] = {}  # gold index -> predicted index
    for g, key in enumerate(gold_keys):
        if not key:
            continue
        for p, other in enumerate(predicted_keys):
            if other == key and p not in owner:
                owner[p], partner[g] = g, p
                break
    candidates = [
        [p for p in range(len(predicted)) if names_match(gold[g], predicted[p])] for g in range(len(gold))
    ]

    def augment(g: int, seen: set[int]) -> bool:
        for p in candidates[g]:  # a free partner first, so as not to move others needlessly
            if p not in owner:
                owner[p], partner[g] = g, p
                return True
        for p in candidates[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p], partner[g] = g, p
                return True
        return False

    for g in range(len(gold)):
        if g not in partner:
            augment(g, set())
    return sorted(partner.items())


# ---------------------------------------------------------------------------------------------------------
# Output


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(report: Report) -> str:
    """The scores as an aligned text table: metric, precision, recall, F1 or accuracy, counts."""
    rows: list[tuple[str, str, str, str, str]] = []

    def prf(label: str, score: PRF) -> None:
        if score.correct_predicted == score.correct_gold:
            counts = f"{score.correct_predicted} right; {score.predicted} predicted, {score.gold} gold"
        else:
            counts = (
                f"{score.correct_predicted}/{score.predicted} predicted right, "
                f"{score.correct_gold}/{score.gold} gold found"
            )
        rows.append((label, _number(score.precision), _number(score.recall), _number(score.f1), counts))

    def accuracy(label: str, score: Accuracy) -> None:
        rows.append((label, "", "", _number(score.value), f"{score.correct}/{score.total}"))

    prf("regions", report.regions)
    prf("officials", report.officials)
    accuracy("  role_class", report.role_class)
    prf("visit pairs", report.pairs)
    for name, score in report.attributes.items():
        accuracy(f"  {name}", score)
    accuracy("  attributes (all)", report.attributes_overall)
    for name, score in report.extra_attributes.items():
        accuracy(f"  {name} (extra)", score)
    prf("sectors (focus)", report.sectors)

    header = ("metric", "precision", "recall", "F1/acc", "counts")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [
        f"articles: {report.articles} gold, {report.predicted_articles} predicted, "
        f"{len(report.missing_ids)} without prediction, "
        f"{len(report.unmatched_ids)} predicted ids not in gold",
    ]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in (1, 2, 3)] + [row[4]]
        lines.append("  ".join(cells).rstrip())
    lines.insert(2, "-" * len(lines[1]))
    return "\n".join(lines)


def _pair_text(pair: list[Any]) -> str:
    visitor, host = pair
    return f"{visitor}->{host}"


def _value_text(value: Any) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def has_differences(detail: Mapping[str, Any]) -> bool:
    """Whether a per-article detail of `Report.details` records any difference from gold."""
    return bool(detail.get("missing_prediction")) or any(
        detail.get(key)
        for key in (
            "missing_regions",
            "extra_regions",
            "missing_officials",
            "extra_officials",
            "role_class_errors",
            "missing_pairs",
            "extra_pairs",
            "attribute_mismatches",
            "sector_mismatches",
        )
    )


def format_details(report: Report) -> str:
    """The differences from gold, article by article (only articles with differences), as text."""
    blocks: list[str] = []
    for detail in report.details:
        if not has_differences(detail):
            continue
        lines = [str(detail["id"]) + (" (no prediction)" if detail.get("missing_prediction") else "")]

        def both(label: str, missing: list[str], extra: list[str], lines: list[str] = lines) -> None:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(missing))
            if extra:
                parts.append("extra " + ", ".join(extra))
            if parts:
                lines.append(f"  {label}: " + "; ".join(parts))

        both("regions", detail["missing_regions"], detail["extra_regions"])
        both(
            "officials",
            [str(n) for n in detail["missing_officials"]],
            [str(n) for n in detail["extra_officials"]],
        )
        for error in detail["role_class_errors"]:
            lines.append(
                f"  role_class of {error['gold_name']}: gold {error['gold']}, predicted {error['predicted']}"
            )
        both(
            "visit pairs",
            [_pair_text(p) for p in detail["missing_pairs"]],
            [_pair_text(p) for p in detail["extra_pairs"]],
        )
        for mismatch in detail["attribute_mismatches"]:
            label = mismatch["attribute"] + (" (extra)" if mismatch["extra"] else "")
            lines.append(
                f"  {label} of {_pair_text(mismatch['pair'])}: gold {_value_text(mismatch['gold'])}, "
                f"predicted {_value_text(mismatch['predicted'])}"
            )
        for mismatch in detail["sector_mismatches"]:
            both(f"focus sectors of {_pair_text(mismatch['pair'])}", mismatch["missing"], mismatch["extra"])
        blocks.append("\n".join(lines))
    if report.unmatched_ids:
        blocks.append("predicted ids not in gold (ignored): " + ", ".join(report.unmatched_ids))
    return "\n\n".join(blocks)


# ---------------------------------------------------------------------------------------------------------
# Reading


def _jsonl_lines(path: str | PathLike[str]) -> Iterator[tuple[int, Any]]:
    """(line number, JSON object or InputError) for each non-blank line; raises InputError if unreadable."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise InputError(f"cannot read file: {error.strerror or error}", path=name) from error
    for number, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield number, InputError("not UTF-8 text", path=name, line=number)
            continue
        except json.JSONDecodeError as error:
            yield (
                number,
                InputError(f"malformed JSON: {error.msg} (column {error.colno})", path=name, line=number),
            )
            continue
        if not isinstance(value, dict):
            yield (
                number,
                InputError(f"expected a JSON object, found {type(value).__name__}", path=name, line=number),
            )
            continue
        yield number, value


def read_jsonl(path: str | PathLike[str]) -> tuple[list[dict[str, Any]], list[InputError]]:
    """The JSON objects of a JSONL file, and an `InputError` (with its line number) for each bad line.

    Blank lines are skipped silently, so a caller can warn about the errors and go on with the records.
    A missing or unreadable file raises `InputError`.
    """
    records: list[dict[str, Any]] = []
    errors: list[InputError] = []
    for _, value in _jsonl_lines(path):
        (errors if isinstance(value, InputError) else records).append(value)
    return records, errors


def read_facts_file(path: str | PathLike[str]) -> dict[str, dict[str, Any]]:
    """The facts records of a JSONL file by id; raises `InputError` (path and line) at the first bad line.

    A line is bad when it is not a JSON object, has no string `id`, or repeats an id. Blank lines are
    skipped.
    """
    records: dict[str, dict[str, Any]] = {}
    for number, value in _jsonl_lines(path):
        if isinstance(value, InputError):
            raise value
        article_id = value.get("id")
        if not isinstance(article_id, str):
            raise InputError("facts record without a string 'id'", path=str(path), line=number)
        if article_id in records:
            raise InputError(f"duplicate id {article_id!r}", path=str(path), line=number)
        records[article_id] = value
    return records
