"""Find and resolve the dates of events in Indonesian news text.

Handles the forms regional news uses: numeric day/month(/year) in parentheses or after a day name
("Rabu (23/4/2025)", "Senin 4/11/24", "Badung, 7/8 (Atnews)"), written dates and ranges ("Kamis, 25 Nopember
2021", "3-4 Februari 2022", "30 Juni s.d. 2 Juli 2024"), and relative days resolved from the publication date
("kemarin", "Kamis lalu", "Selasa pekan lalu", "pada Rabu").

Every spelling (day and month names with their typos, relative words, range connectors) lives in
`data/lexicon/calendar.toml`; it is read once per process, on first use, and turned into one regular
expression. Matching is a single `re` scan of the text plus a little arithmetic per date found.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.errors import InputError
from warta.paths import data_file

__all__ = ["DateMention", "find_dates", "parse_date"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in a text, with its resolved date where one can be known."""

    start: int  # character offsets into the text searched: text[start:end] == self.text
    end: int
    text: str
    date: dt.date | None  # the (first) day; None when the year or the publication date is unknown
    end_date: dt.date | None  # last day of a range ("3-4 Juli 2023"), else None
    weekday: int | None  # 0 = Monday, from a written day name (informative: the explicit date wins)
    has_year: bool  # the text states the year
    relative: bool  # resolved from the publication date ("kemarin", "Kamis lalu", "pada Rabu")


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date expression in `text`, in order, resolved against `published` where needed."""
    cal = _calendar()
    next_trigger = cal.trigger.search
    mentions: list[DateMention] = []
    pos = 0
    if text and (mention := _mention_at(cal, text, 0, published)) is not None:  # a dateline opening the text
        mentions.append(mention)
        pos = mention.end
    while (trigger := next_trigger(text, pos)) is not None:
        mention = _mention_at(cal, text, trigger.start() + 1, published)
        if mention is None:
            pos = trigger.end()
        else:
            mentions.append(mention)
            pos = mention.end
    return mentions


def _mention_at(cal: _Calendar, text: str, start: int, published: dt.date | None) -> DateMention | None:
    if cal.probe.match(text, start) is None:  # the same pattern without groups: most spots fail, fast
        return None
    match = cal.pattern.match(text, start)
    if match is None:
        return None
    return _HANDLERS[match.lastgroup or ""](cal, match, text, published)


def parse_date(text: str, published: dt.date | None = None) -> dt.date | None:
    """The date of the first mention in `text` that resolves to one, else None."""
    for mention in find_dates(text, published):
        if mention.date is not None:
            return mention.date
    return None


# --- the calendar data and the pattern built from it ---------------------------------------------------

_APOSTROPHES = "'’‘`´ʼ"
_KEY_DROP = str.maketrans("", "", _APOSTROPHES)
_WEEK_KINDS = frozenset({"last", "previous_week", "this_week"})
_WS = r"[^\S\n]"  # white space within a line


@dataclass(frozen=True, slots=True)
class _Calendar:
    pattern: re.Pattern[str]  # matched at a trigger: is a date expression starting here?
    probe: re.Pattern[str]  # `pattern` without its groups (which make failing slow): a quick first test
    trigger: re.Pattern[str]  # where a date expression may start
    weekdays: dict[str, int]  # spelling key -> 0..6
    months: dict[str, int]  # spelling key -> 1..12
    day_offsets: dict[str, int]  # "kemarin" -> -1
    after_day: dict[str, str]  # "lalu" -> "last"
    before_day: dict[str, str]
    capitalized: frozenset[str]  # keys of day spellings that are ordinary words in lower case
    marker: str  # "hari": makes "hari Minggu lalu" a day
    dateline_tail: re.Pattern[str]


def _key(spelling: str) -> str:
    """The lookup form of a spelling or a matched word: case-folded, no apostrophes or final dot."""
    return " ".join(spelling.translate(_KEY_DROP).casefold().split()).rstrip(".")


def _alternation(spellings: Iterable[str]) -> str:
    """A regular expression matching any of `spellings` (lower case), as a trie: no backtracking over lists."""
    trie: dict[str, Any] = {}
    for spelling in spellings:
        variants = [spelling[:-1], spelling] if spelling.endswith(".") and len(spelling) > 1 else [spelling]
        for variant in variants:
            node = trie
            for char in " ".join(variant.casefold().split()):
                node = node.setdefault(char, {})
            node[""] = {}
    return _render(trie)


def _render(node: dict[str, Any]) -> str:
    branches = [_char(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


def _char(char: str) -> str:
    if char in _APOSTROPHES:
        return "['’‘`´ʼ]"
    if char == " ":
        return _WS + "+"
    return re.escape(char)


def _words(spellings: Iterable[str]) -> str:
    return f"(?:{_alternation(spellings)})(?!\\w)"


def _trigger(starters: Iterable[str]) -> re.Pattern[str]:
    """A character before a spot where a date expression may start: "(", a digit, a starter word, a line.

    The pattern begins with one plain character class (no IGNORECASE, no Unicode category), so `re` skips the
    letters inside words in its C loop; the full pattern then runs only after the few spots found.
    """
    return re.compile(rf"[^a-zA-Z0-9_](?:\(|[0-9]+|(?i:{_alternation(starters)})|(?<=\n)(?-i:[A-Z]))")


def _without_groups(pattern: str) -> str:
    """`pattern` with its named groups made plain and back-references loosened: it matches a superset."""
    return re.sub(r"\(\?P=\w+\)", "[/.-]", re.sub(r"\(\?P<\w+>", "(?:", pattern))


def _load() -> dict[str, Any]:
    path = data_file("lexicon", "calendar.toml")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"cannot read the calendar lexicon: {error}", path=str(path)) from error


@cache
def _calendar() -> _Calendar:
    data = _load()
    path = str(data_file("lexicon", "calendar.toml"))
    days: dict[str, list[str]] = data["days"]
    if len(days) != 7:
        raise InputError(f"[days] must list 7 days, Monday first, not {len(days)}", path=path)
    capital_keys = frozenset(_key(s) for s in data["ambiguous"]["capitalized"])
    weekdays = {_key(s): number for number, spellings in enumerate(days.values()) for s in spellings}
    months = {_key(s): int(number) for number, spellings in data["months"].items() for s in spellings}
    if sorted(set(months.values())) != list(range(1, 13)):
        raise InputError("[months] must have the months 1 to 12", path=path)
    relative = data["relative"]
    after_day: dict[str, str] = {_key(k): v for k, v in relative["after_day"].items()}
    before_day: dict[str, str] = {_key(k): v for k, v in relative["before_day"].items()}
    if not set(after_day.values()) | set(before_day.values()) <= _WEEK_KINDS:
        raise InputError(f"[relative] day words must mean one of {sorted(_WEEK_KINDS)}", path=path)
    connectors = data["connectors"]

    plain_days = [s for spellings in days.values() for s in spellings if _key(s) not in capital_keys]
    capital_days = [s for s in data["ambiguous"]["capitalized"]]
    capital = "|".join(re.escape(v) for s in capital_days for v in (s.title(), s.upper()))
    day = rf"(?:(?-i:{capital})(?!\w)|{_words(plain_days)})"
    month = _words(s for spellings in data["months"].values() for s in spellings)
    to = rf"{_WS}*(?:{_alternation(connectors['range'])}){_WS}*"
    tod = _words(relative["time_of_day"])
    after = _words(relative["after_day"])
    date_follows = rf"{_WS}*,?{_WS}*(?:\({_WS}*)?[0-9]"
    intro = "|".join(f"(?<=\\b{re.escape(w)} )" for w in relative["day_intro"])
    not_after = "".join(f"(?<!\\b{re.escape(w)} )" for w in relative["not_after"])

    dnum = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    mnum = r"(?:1[0-2]|0?[1-9])(?![0-9])"
    year = r"(?:19|20)[0-9]{2}(?![0-9])"
    dm_sep = rf"(?:{_WS}+|{_WS}*[-./]{_WS}*)"  # between day and month name: "25 Nov", "25-Nov"
    my_sep = rf"(?:,?{_WS}+|{_WS}*[-./]{_WS}*)"  # between month name and year
    place = r"(?-i:[A-Z])[\w.'’&-]*(?:" + _WS + r"+(?-i:[A-Z])[\w.'’&-]*){0,3}"

    cross = (
        rf"(?P<c_d1>{dnum}){dm_sep}(?P<c_m1>{month})(?:,?{_WS}+(?P<c_y1>{year}))?"
        rf"{to}(?P<c_d2>{dnum}){dm_sep}(?P<c_m2>{month})(?:{my_sep}(?P<c_y2>{year}))?"
    )
    written = rf"(?P<w_d1>{dnum})(?:{to}(?P<w_d2>{dnum}))?{dm_sep}(?P<w_m>{month})(?:{my_sep}(?P<w_y>{year}))?"
    numeric = (
        rf"(?P<n_d1>{dnum})(?:{to}(?P<n_d2>{dnum}))?(?P<n_sep>[/.-])(?P<n_m>{mnum})"
        r"(?:(?P=n_sep)(?P<n_y>(?:(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])))?(?![0-9]|[/.-][0-9])"
    )
    explicit = (
        rf"(?P<A>(?P<o0>\({_WS}*)?"
        rf"(?:(?P<day>{day})(?:{to}(?P<day2>{day}))?(?:{_WS}+{tod})?{_WS}*,?{_WS}*"
        rf"|(?P<dl>^{place},{_WS}*))?"
        rf"(?:(?P<tgl>{_words(connectors['date_prefix'])}){_WS}*)?"
        rf"(?P<o1>\({_WS}*)?(?P<body>{cross}|{written}|{numeric})(?P<c>{_WS}*\))?"
        rf"(?:{_WS}+(?P<trail>{after}))?)"
    )
    before = rf"(?P<B>(?P<p_mod>{_words(relative['before_day'])}){_WS}*,?{_WS}*"
    before += rf"(?:(?:{_alternation(relative['day_intro'])}){_WS}+)?(?P<p_day>{day})(?!{date_follows}))"
    after_rel = rf"(?P<R>(?P<r_day>{day})(?:{_WS}+{tod})?{_WS}+(?P<r_mod>{after}))"
    bare = (
        rf"(?P<D>(?:{intro})(?P<b_day>{day})(?:{_WS}+{tod})?(?!{date_follows})"
        rf"(?!{_WS}+{_words(relative['future'])})(?!{to}{day}))"
    )
    word = rf"(?P<W>{not_after}(?P<rel>{_words(relative['days'])}))"
    pattern = rf"(?:(?=\()|(?<!\w)(?<![0-9][.,:/-]))(?:{before}|{explicit}|{after_rel}|{bare}|{word})"
    starters = [*plain_days, *capital_days, *relative["before_day"], *relative["days"], *connectors["date_prefix"]]

    return _Calendar(
        pattern=re.compile(pattern, re.IGNORECASE | re.MULTILINE),
        probe=re.compile(_without_groups(pattern), re.IGNORECASE | re.MULTILINE),
        trigger=_trigger(starters),
        weekdays=weekdays,
        months=months,
        day_offsets={_key(k): int(v) for k, v in relative["days"].items()},
        after_day=after_day,
        before_day=before_day,
        capitalized=capital_keys,
        marker=_key(data["ambiguous"]["marker"]),
        dateline_tail=re.compile(rf"{_WS}*[(\-–—]"),
    )


# --- resolution ------------------------------------------------------------------------------------------

_MAX_DAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE_DAY = dt.timedelta(days=1)
_GRACE = dt.timedelta(days=7)  # a year-less date may be this far after publication (announced events)


def _make(y: int | None, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d) if y is not None else None
    except ValueError:
        return None


def _year_for(m: int, d: int, published: dt.date | None) -> int | None:
    """The year putting day `d` of month `m` closest on or before `published` (+ a week's grace)."""
    if published is None:
        return None
    limit = published + _GRACE
    for year in (published.year + 1, published.year, published.year - 1):
        day = _make(year, m, d)
        if day is not None and day <= limit:
            return year
    return None


def _full_year(digits: str | None) -> int | None:
    if digits is None:
        return None
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _resolve(
    d1: int, m1: int, y1: int | None, d2: int | None, m2: int, y2: int | None, published: dt.date | None
) -> tuple[dt.date | None, dt.date | None, bool] | None:
    """(date, end_date, has_year) of the day or range d1/m1/y1 [– d2/m2/y2], or None when impossible."""
    if d1 > _MAX_DAY[m1] or (d2 is not None and d2 > _MAX_DAY[m2]):
        return None
    if d2 is not None and y2 is None and y1 is not None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    has_year = y1 is not None or y2 is not None
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    if not has_year:
        y1 = _year_for(m1, d1, published)
        if y1 is None:
            return (None, None, False) if published is None else None
        if d2 is not None:
            y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    start = _make(y1, m1, d1)
    if start is None:
        return None
    if d2 is None:
        return start, None, has_year
    end = _make(y2, m2, d2)
    if end is None or end < start:
        return None
    return start, end, has_year


def _weekday_date(weekday: int, kind: str, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    if kind == "last":  # strictly before publication
        return published - dt.timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
    if kind == "on_or_before":
        return published - dt.timedelta(days=(published.weekday() - weekday) % 7)
    monday = published - dt.timedelta(days=published.weekday())
    if kind == "previous_week":
        return monday + dt.timedelta(days=weekday - 7)
    return monday + dt.timedelta(days=weekday)  # this_week


def _day_ok(cal: _Calendar, match: re.Match[str], group: str, text: str, relative: bool) -> int | None:
    """The weekday of a matched day name; None if it cannot be a day here (a "Minggu lalu" = last week)."""
    weekday = cal.weekdays.get(_key(match.group(group)))
    if weekday is not None and relative and _key(match.group(group)) in cal.capitalized:
        before = text[max(0, match.start(group) - len(cal.marker) - 1) : match.start(group)]
        if _key(before) != cal.marker:
            return None
    return weekday


# --- one handler per kind of match ------------------------------------------------------------------------


def _explicit(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    weekday = None
    if m.group("day") is not None:
        weekday = cal.weekdays.get(_key(m.group("day")))
        if weekday is None:
            return None
    if m.group("c_d1") is not None:
        m1, m2 = cal.months.get(_key(m["c_m1"])), cal.months.get(_key(m["c_m2"]))
        if m1 is None or m2 is None:
            return None
        y1, y2 = _full_year(m["c_y1"]), _full_year(m["c_y2"])
        resolved = _resolve(int(m["c_d1"]), m1, y1, int(m["c_d2"]), m2, y2, published)
    elif m.group("w_d1") is not None:
        month = cal.months.get(_key(m["w_m"]))
        if month is None:
            return None
        d2 = int(m["w_d2"]) if m["w_d2"] else None
        resolved = _resolve(int(m["w_d1"]), month, _full_year(m["w_y"]), d2, month, None, published)
    else:
        sep, digits = m["n_sep"], m["n_y"]
        if digits is not None:
            if sep != "/" and len(digits) != 4:  # "23-4-25", "1.2.24": too like numbers and codes
                return None
        elif sep != "/" or not (
            m["day"] or m["tgl"] or (m["c"] and (m["o0"] or m["o1"]))
            or (m["dl"] and cal.dateline_tail.match(text, m.end("body")))
        ):  # a bare "7/8" is a ratio, "10.11" a time
            return None
        d2 = int(m["n_d2"]) if m["n_d2"] else None
        month = int(m["n_m"])
        resolved = _resolve(int(m["n_d1"]), month, _full_year(digits), d2, month, None, published)
    if resolved is None:
        return None
    date, end_date, has_year = resolved

    start, end = m.start("body"), m.end("body")
    if m.group("tgl") is not None:
        start = m.start("tgl")
    if m.group("day") is not None:
        start = m.start("day")
    if m.group("c") is not None:
        opening = "o1" if m.group("o1") is not None else "o0" if m.group("o0") is not None else None
        if opening is not None:
            start, end = min(start, m.start(opening)), m.end("c")
    if m.group("trail") is not None:
        end = m.end("trail")
    return DateMention(start, end, text[start:end], date, end_date, weekday, has_year, False)


def _relative_day(
    m: re.Match[str], text: str, weekday: int | None, kind: str, published: dt.date | None
) -> DateMention | None:
    if weekday is None:
        return None
    date = _weekday_date(weekday, kind, published)
    return DateMention(m.start(), m.end(), m.group(), date, None, weekday, False, True)


def _before(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    kind = cal.before_day.get(_key(m["p_mod"]))
    if kind is None:
        return None
    return _relative_day(m, text, _day_ok(cal, m, "p_day", text, False), kind, published)


def _after(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    kind = cal.after_day.get(_key(m["r_mod"]))
    if kind is None:
        return None
    return _relative_day(m, text, _day_ok(cal, m, "r_day", text, True), kind, published)


def _bare(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    return _relative_day(m, text, _day_ok(cal, m, "b_day", text, False), "on_or_before", published)


def _word(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    offset = cal.day_offsets.get(_key(m["rel"]))
    if offset is None:
        return None
    date = published + dt.timedelta(days=offset) if published is not None else None
    return DateMention(m.start(), m.end(), m.group(), date, None, None, False, True)


def _none(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    return None


_HANDLERS = {"A": _explicit, "B": _before, "R": _after, "D": _bare, "W": _word, "": _none}
