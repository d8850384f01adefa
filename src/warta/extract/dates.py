"""Find and resolve the dates of events in Indonesian news text.

Handles the forms regional news uses: numeric day/month(/year) in parentheses or after a day name
("Rabu (23/4/2025)", "Senin 4/11/24", "Badung, 7/8 (Atnews)"), written dates and ranges ("Kamis, 25 Nopember
2021", "3-4 Februari 2022", "30 Juni s.d. 2 Juli 2024"), and relative days resolved from the publication date
("kemarin", "Kamis lalu", "Selasa pekan lalu", "pada Rabu").

Every spelling (day and month names with their typos, relative words, range connectors) lives in
`data/lexicon/calendar.toml`; it is read once per process, on first use, and turned into regular expressions
compiled once. A cheap scan finds the few spots where a date can start (a digit, "(", a day name or relative
word, a line start); only there is the full pattern tried. No dateparser, no per-call compilation.
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
    spots = {0}  # the start of the text and of each line with a capital: a dateline ("Badung, 7/8 (Atnews)")
    spots.update(m.start() + 1 for m in cal.line_start.finditer(text))
    spots.update(m.start() + 1 for m in cal.trigger.finditer(text))
    mentions: list[DateMention] = []
    pos = 0
    for spot in sorted(spots):
        if spot < pos or spot >= len(text):
            continue
        probe = cal.probe_number if text[spot : spot + 1] in _NUMBER_START else cal.probe
        if probe.match(text, spot) is None:  # the pattern without groups: fails fast
            continue
        match = cal.pattern.match(text, spot)
        if match is None:
            continue
        mention = _HANDLERS[match.lastgroup or ""](cal, match, text, published)
        if mention is not None:
            mentions.append(mention)
            pos = mention.end
    return mentions


def parse_date(text: str, published: dt.date | None = None) -> dt.date | None:
    """The date of the first mention in `text` that resolves to one, else None."""
    for mention in find_dates(text, published):
        if mention.date is not None:
            return mention.date
    return None


# --- the calendar data and the patterns built from it ----------------------------------------------------

_APOSTROPHES = "'’‘`´ʼ"
_KEY_DROP = str.maketrans("", "", _APOSTROPHES)
_WEEK_KINDS = frozenset({"last", "previous_week", "this_week"})
_WS = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"  # white space within a line
_NUMBER_START = frozenset("(0123456789")


@dataclass(frozen=True, slots=True)
class _Calendar:
    pattern: re.Pattern[str]  # matched at a spot: the date expression starting there, with its parts
    probe: re.Pattern[str]  # `pattern` without groups (groups make failing slow): a quick first test
    probe_number: re.Pattern[str]  # the same for spots at a digit or "(": explicit dates only
    trigger: re.Pattern[str]  # a character just before a spot where a date expression may start
    line_start: re.Pattern[str]  # a line starting with a capital (a dateline may follow)
    dateline_tail: re.Pattern[str]  # what follows a year-less dateline date: "(Atnews)", "- "
    weekdays: dict[str, int]  # spelling key -> 0..6
    months: dict[str, int]  # spelling key -> 1..12
    day_offsets: dict[str, int]  # "kemarin" -> -1
    after_day: dict[str, str]  # "lalu" -> "last"
    before_day: dict[str, str]
    capitalized: frozenset[str]  # keys of day spellings that are ordinary words in lower case
    marker: str  # "hari": makes "hari Minggu lalu" a day


def _key(spelling: str) -> str:
    """The lookup form of a spelling or a matched word: case-folded, no apostrophes or final dot."""
    return " ".join(spelling.translate(_KEY_DROP).casefold().split()).rstrip(".")


def _alternation(spellings: Iterable[str]) -> str:
    """A case-insensitive regular expression for `spellings`, as a trie (shared prefixes matched once)."""
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
    return f"(?:{body})?" if "" in node else body


def _char(char: str) -> str:
    """One character of a spelling. Case is spelled out (`[sS]`), not left to IGNORECASE: `re` then skips
    failing alternatives on their first character, and no Unicode case folding surprises the lookup."""
    if char in _APOSTROPHES:
        return "['’‘`´ʼ]"
    if char == " ":
        return _WS + "+"
    upper = char.upper()
    if upper != char and len(upper) == 1 and upper.lower() == char:
        return f"[{char}{upper}]"
    return re.escape(char)


def _initials(spellings: Iterable[str]) -> str:
    """The first characters `_alternation(spellings)` can match, in both cases, for a character class."""
    firsts = set()
    for spelling in spellings:
        first = spelling.casefold().lstrip()[:1]
        firsts.update(("['’‘`´ʼ]" if first in _APOSTROPHES else _char(first)).strip("[]"))
    return "".join(re.escape(char) for char in sorted(firsts))


def _words(spellings: Iterable[str]) -> str:
    return f"(?:{_alternation(spellings)})(?!\\w)"


def _fixed(word: str) -> str:
    """A case-insensitive expression of fixed width for `word` (for look-behinds): one space between words."""
    return "".join(" " if char == " " else _char(char) for char in " ".join(word.casefold().split()))


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
    months = {_key(s): int(number) for number, spellings in data["months"].items() for s in spellings}
    if sorted(set(months.values())) != list(range(1, 13)):
        raise InputError("[months] must have the months 1 to 12", path=path)
    relative = data["relative"]
    after_day: dict[str, str] = {_key(k): v for k, v in relative["after_day"].items()}
    before_day: dict[str, str] = {_key(k): v for k, v in relative["before_day"].items()}
    if not set(after_day.values()) | set(before_day.values()) <= _WEEK_KINDS:
        raise InputError(f"[relative] day words must mean one of {sorted(_WEEK_KINDS)}", path=path)
    pattern, number_pattern, starters = _pattern(data)
    return _Calendar(
        pattern=re.compile(pattern, re.MULTILINE),
        probe=re.compile(_without_groups(pattern), re.MULTILINE),
        probe_number=re.compile(_without_groups(number_pattern), re.MULTILINE),
        # (The look-ahead on the first characters rules out most spots before the alternation is entered.)
        trigger=re.compile(
            f"[^a-zA-Z0-9_](?=[(0-9{_initials(starters)}])(?:[(0-9]|{_alternation(starters)})"
        ),
        line_start=re.compile(r"\n[A-Z]"),
        dateline_tail=re.compile(rf"{_WS}*[(\-–—]"),
        weekdays={_key(s): number for number, spellings in enumerate(days.values()) for s in spellings},
        months=months,
        day_offsets={_key(k): int(v) for k, v in relative["days"].items()},
        after_day=after_day,
        before_day=before_day,
        capitalized=frozenset(_key(s) for s in data["ambiguous"]["capitalized"]),
        marker=_key(data["ambiguous"]["marker"]),
    )


def _pattern(data: dict[str, Any]) -> tuple[str, str, list[str]]:
    """The pattern of a date expression at a spot; the same for spots at a digit or "("; the starter words.

    The trigger (a plain character class then `starters`, digits or "(") finds the few spots where an
    expression can start; only there is the full pattern tried.
    """
    relative, connectors = data["relative"], data["connectors"]
    capital_keys = {_key(s) for s in data["ambiguous"]["capitalized"]}
    plain_days = [s for spellings in data["days"].values() for s in spellings if _key(s) not in capital_keys]
    capital_days = list(data["ambiguous"]["capitalized"])
    capital = "|".join(re.escape(v) for s in capital_days for v in (s.title(), s.upper()))
    day = rf"(?:(?:{capital})(?!\w)|{_words(plain_days)})"
    month = _words(s for spellings in data["months"].values() for s in spellings)
    to = rf"{_WS}*(?:{_alternation(connectors['range'])}){_WS}*"
    tod = _words(relative["time_of_day"])
    after = _words(relative["after_day"])
    date_follows = rf"{_WS}*,?{_WS}*(?:\({_WS}*)?[0-9]"
    intro = "|".join(
        rf"(?<=\b{_fixed(w)} )" if w[0].isalnum() else rf"(?<={_fixed(w)} )" for w in relative["day_intro"]
    )
    not_after = "".join(rf"(?<!\b{_fixed(w)} )" for w in relative["not_after"])

    dnum = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    mnum = r"(?:1[0-2]|0?[1-9])(?![0-9])"
    year = r"(?:19|20)[0-9]{2}(?![0-9])"
    dm_sep = rf"(?:{_WS}+|{_WS}*[-./]{_WS}*)"  # between day and month name: "25 Nov", "25-Nov"
    my_sep = rf"(?:,?{_WS}+|{_WS}*[-./]{_WS}*)"  # between month name and year
    name = r"[A-Z][\w.'’&-]*+"
    place = rf"{name}(?:{_WS}+{name}){{0,3}}"  # a dateline's place: "Badung", "KUALA KAPUAS"

    cross = (
        rf"(?P<c_d1>{dnum}){dm_sep}(?P<c_m1>{month})(?:,?{_WS}+(?P<c_y1>{year}))?"
        rf"{to}(?P<c_d2>{dnum}){dm_sep}(?P<c_m2>{month})(?:{my_sep}(?P<c_y2>{year}))?"
    )
    written = (
        rf"(?P<w_d1>{dnum})(?:{to}(?P<w_d2>{dnum}))?{dm_sep}(?P<w_m>{month})"
        rf"(?:{my_sep}(?P<w_y>{year}))?"
    )
    numeric = (
        rf"(?P<n_d1>{dnum})(?:{to}(?P<n_d2>{dnum}))?(?P<n_sep>[/.-])(?P<n_m>{mnum})"
        r"(?:(?P=n_sep)(?P<n_y>(?:(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])))?(?![0-9]|[/.-][0-9])"
    )
    tail = (
        rf"(?P<o1>\({_WS}*)?(?P<body>{cross}|{written}|{numeric})(?P<c>{_WS}*\))?"
        rf"(?:{_WS}+(?P<trail>{after}))?"
    )
    explicit = (
        rf"(?P<A>(?P<o0>\({_WS}*)?"
        rf"(?:(?P<day>{day})(?:{to}(?P<day2>{day}))?(?:{_WS}+{tod})?{_WS}*,?{_WS}*"
        rf"|(?P<dl>^{place},{_WS}*))?"
        rf"(?:(?P<tgl>{_words(connectors['date_prefix'])}){_WS}*)?{tail})"
    )
    before = (
        rf"(?P<B>(?P<p_mod>{_words(relative['before_day'])}){_WS}*,?{_WS}*"
        rf"(?:(?:{_alternation(relative['day_intro'])}){_WS}+)?(?P<p_day>{day})(?!{date_follows}))"
    )
    after_rel = rf"(?P<R>(?P<r_day>{day})(?:{_WS}+{tod})?{_WS}+(?P<r_mod>{after}))"
    bare = (
        rf"(?P<D>(?:{intro})(?P<b_day>{day})(?:{_WS}+{tod})?(?!{date_follows})"
        rf"(?!{_WS}+{_words(relative['future'])})(?!{to}{day}))"
    )
    word = rf"(?P<W>{not_after}(?P<rel>{_words(relative['days'])}))"
    start = r"(?:(?=\()|(?<!\w)(?<![0-9][.,:/-]))"
    pattern = rf"{start}(?:{before}|{explicit}|{after_rel}|{bare}|{word})"
    number_pattern = start + explicit
    starters = [*plain_days, *capital_days, *relative["before_day"], *relative["days"]]
    starters += connectors["date_prefix"]
    return pattern, number_pattern, starters


# --- resolution ------------------------------------------------------------------------------------------

_MAX_DAY = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_GRACE = 7  # days a year-less date may lie after publication (an announced event)


def _make(y: int | None, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d) if y is not None else None
    except ValueError:
        return None


def _year_for(m: int, d: int, published: dt.date | None) -> int | None:
    """The year putting day `d` of month `m` closest on or before `published` (+ a week's grace)."""
    if published is None:
        return None
    limit = _shift(published, _GRACE) or dt.date.max
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
        if y1 is None:  # no publication date (or a 29 February far from it): the caller reports null
            return None, None, False
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
        return _shift(published, -((published.weekday() - weekday - 1) % 7 + 1))
    if kind == "on_or_before":
        return _shift(published, -((published.weekday() - weekday) % 7))
    to_monday = -published.weekday()
    if kind == "previous_week":
        return _shift(published, to_monday + weekday - 7)
    return _shift(published, to_monday + weekday)  # this_week


def _shift(date: dt.date, days: int) -> dt.date | None:
    """`date` moved by `days`; None past the calendar's ends (year 1 or 9999)."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return None


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
        elif sep != "/" or not _numeric_context(cal, m, text):  # a bare "7/8" is a ratio, "10.11" a time
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


def _numeric_context(cal: _Calendar, m: re.Match[str], text: str) -> bool:
    """A year-less "7/8" is a date after a day name or "tanggal", in parentheses, or in a dateline."""
    if m["day"] or m["tgl"] or (m["c"] and (m["o0"] or m["o1"])):
        return True
    return m["dl"] is not None and cal.dateline_tail.match(text, m.end("body")) is not None


def _relative_day(
    m: re.Match[str], weekday: int | None, kind: str, published: dt.date | None
) -> DateMention | None:
    if weekday is None:
        return None
    date = _weekday_date(weekday, kind, published)
    return DateMention(m.start(), m.end(), m.group(), date, None, weekday, False, True)


def _before(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    kind = cal.before_day.get(_key(m["p_mod"]))
    if kind is None:
        return None
    return _relative_day(m, _day_ok(cal, m, "p_day", text, False), kind, published)


def _after(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    kind = cal.after_day.get(_key(m["r_mod"]))
    if kind is None:
        return None
    return _relative_day(m, _day_ok(cal, m, "r_day", text, True), kind, published)


def _bare(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    return _relative_day(m, _day_ok(cal, m, "b_day", text, False), "on_or_before", published)


def _word(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    offset = cal.day_offsets.get(_key(m["rel"]))
    if offset is None:
        return None
    date = _shift(published, offset) if published is not None else None
    return DateMention(m.start(), m.end(), m.group(), date, None, None, False, True)


def _none(cal: _Calendar, m: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    return None


_HANDLERS = {"A": _explicit, "B": _before, "R": _after, "D": _bare, "W": _word, "": _none}
