"""The facts warta knows about an article: small dataclasses and their JSON form.

The JSON form is the facts record of `data/corpus/dev/README.md` (one line per article), with an optional
`evidence` object on each fact: the sentence it was read from and its character offsets in the article text.
The extractor produces these; the mapping turns them into RDF. A user can review and correct a facts file by
hand and build from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ROLE_CLASSES = ("head", "deputy_head", "secretary", "legislature", "agency_head", "staff", "other")
VISIT_TYPES = ("studi tiru", "studi banding", "kunjungan kerja", "kunjungan", "other")
VISITOR_BODIES = ("executive", "legislature", "mixed")


class FactsFormatError(ValueError):
    """A facts record does not have the shape of the facts format."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a fact was read from, with its character offsets [start, end) in the article text; a fact
    read from the article's title has the title as its text and -1 as both offsets."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Evidence | None:
        if not data:
            return None
        return cls(text=str(data["text"]), start=int(data["start"]), end=int(data["end"]))


@dataclass(slots=True)
class Article:
    """A news report as read from the input: the corpus article record."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date
    source: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        _require(data, "id", str)
        return cls(
            id=data["id"],
            text=_optional(data, "text", str) or "",
            title=_optional(data, "title", str),
            published=_optional(data, "published", str),
            source=_optional(data, "source", str),
            url=_optional(data, "url", str),
        )


@dataclass(slots=True)
class RegionMention:
    """A province, regency or city an article names, by its Kemendagri code."""

    code: str
    name: str
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return _with_evidence({"code": self.code, "name": self.name}, self.evidence)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RegionMention:
        _require(data, "code", str)
        return cls(
            code=data["code"],
            name=_optional(data, "name", str) or "",
            evidence=Evidence.from_dict(data.get("evidence")),
        )


@dataclass(slots=True)
class Official:
    """A person named with a public role, e.g. Irawati, Wakil Bupati (deputy_head) of 62.02."""

    name: str
    role: str
    role_class: str
    region: str | None
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"name": self.name, "role": self.role, "role_class": self.role_class, "region": self.region}
        return _with_evidence(data, self.evidence)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Official:
        _require(data, "name", str)
        role_class = _optional(data, "role_class", str) or "other"
        if role_class not in ROLE_CLASSES:
            raise FactsFormatError(f"unknown role_class {role_class!r} (one of {', '.join(ROLE_CLASSES)})")
        return cls(
            name=data["name"],
            role=_optional(data, "role", str) or "",
            role_class=role_class,
            region=_optional(data, "region", str),
            evidence=Evidence.from_dict(data.get("evidence")),
        )


@dataclass(slots=True)
class Visit:
    """One delegation's visit to a host region (a studi tiru, studi banding, kunjungan kerja...)."""

    visitor: list[str]
    host: str
    visitor_body: str | None = None
    date: str | None = None  # ISO date
    delegation_size: int | None = None
    leader: str | None = None
    received_by: str | None = None
    visit_type: str = "kunjungan"
    venue: str | None = None
    focus_sectors: list[str] = field(default_factory=list)
    mentioned_sectors: list[str] = field(default_factory=list)
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "visitor": list(self.visitor),
            "visitor_body": self.visitor_body,
            "host": self.host,
            "date": self.date,
            "delegation_size": self.delegation_size,
            "leader": self.leader,
            "received_by": self.received_by,
            "visit_type": self.visit_type,
            "venue": self.venue,
            "focus_sectors": list(self.focus_sectors),
            "mentioned_sectors": list(self.mentioned_sectors),
        }
        return _with_evidence(data, self.evidence)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Visit:
        visitor = data.get("visitor")
        if isinstance(visitor, str):
            visitor = [visitor]
        if not isinstance(visitor, list) or not visitor or not all(isinstance(v, str) for v in visitor):
            raise FactsFormatError("a visit needs 'visitor': a non-empty list of region codes")
        _require(data, "host", str)
        size = data.get("delegation_size")
        if size is not None and (isinstance(size, bool) or not isinstance(size, int)):
            raise FactsFormatError(f"'delegation_size' must be an integer or null, not {size!r}")
        visit_type = _optional(data, "visit_type", str) or "kunjungan"
        if visit_type not in VISIT_TYPES:
            raise FactsFormatError(f"unknown visit_type {visit_type!r} (one of {', '.join(VISIT_TYPES)})")
        body = _optional(data, "visitor_body", str)
        if body is not None and body not in VISITOR_BODIES:
            raise FactsFormatError(f"unknown visitor_body {body!r} (one of {', '.join(VISITOR_BODIES)})")
        return cls(
            visitor=list(visitor),
            host=data["host"],
            visitor_body=body,
            date=_optional(data, "date", str),
            delegation_size=size,
            leader=_optional(data, "leader", str),
            received_by=_optional(data, "received_by", str),
            visit_type=visit_type,
            venue=_optional(data, "venue", str),
            focus_sectors=_string_list(data, "focus_sectors"),
            mentioned_sectors=_string_list(data, "mentioned_sectors"),
            evidence=Evidence.from_dict(data.get("evidence")),
        )


@dataclass(slots=True)
class ArticleFacts:
    """Everything read from one article: the regions and officials it names and the visits it reports."""

    id: str
    regions: list[RegionMention] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        def strip(d: dict[str, Any]) -> dict[str, Any]:
            if not evidence:
                d.pop("evidence", None)
            return d

        return {
            "id": self.id,
            "regions": [strip(r.to_dict()) for r in self.regions],
            "officials": [strip(o.to_dict()) for o in self.officials],
            "visits": [strip(v.to_dict()) for v in self.visits],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleFacts:
        if not isinstance(data, Mapping):
            raise FactsFormatError("a facts record must be a JSON object")
        _require(data, "id", str)
        try:
            return cls(
                id=data["id"],
                regions=[RegionMention.from_dict(r) for r in _list(data, "regions")],
                officials=[Official.from_dict(o) for o in _list(data, "officials")],
                visits=[Visit.from_dict(v) for v in _list(data, "visits")],
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, FactsFormatError):
                raise
            raise FactsFormatError(str(error)) from error


def _with_evidence(data: dict[str, Any], evidence: Evidence | None) -> dict[str, Any]:
    if evidence is not None:
        data["evidence"] = evidence.to_dict()
    return data


def _require(data: Mapping[str, Any], key: str, kind: type) -> None:
    if not isinstance(data, Mapping):
        raise FactsFormatError(f"expected a JSON object, found {type(data).__name__}")
    if not isinstance(data.get(key), kind):
        raise FactsFormatError(f"missing or invalid {key!r}")


def _optional(data: Mapping[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if value is not None and not isinstance(value, kind):
        raise FactsFormatError(f"{key!r} must be a {kind.__name__} or null, not {value!r}")
    return value


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise FactsFormatError(f"{key!r} must be a list")
    return value


def _string_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = _list(data, key)
    if not all(isinstance(v, str) for v in value):
        raise FactsFormatError(f"{key!r} must be a list of strings")
    return list(value)
