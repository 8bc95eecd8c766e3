"""Time expressions: found in the parse (spaCy DATE/TIME mentions plus TimeBank-style rules) and
normalised TIMEX3-style against the publication date (own rules first, dateparser for the rest)."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, NamedTuple

from dateparser.date import DateDataParser
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from according.context import Context
from according.nlp import text_of
from according.records import TimeExpression
from according.registry import register

Tense = Literal["past", "present", "future"] | None
VAGUE = -1.0
TIME_UNITS = {"H": "H", "TM": "M", "S": "S"}
SMALLER = {
    "Y": ("M", 12),
    "Q": ("M", 3),
    "M": ("D", 30),
    "W": ("D", 7),
    "D": ("H", 24),
    "H": ("TM", 60),
    "TM": ("S", 60),
}
UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "WE": "week",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
    "10Y": "decade",
    "100Y": "century",
    "H": "time",
    "TM": "time",
    "S": "time",
}
PAST_DIRS = {"last", "past", "previous", "prior", "this past", "latest", "most recent"}
NEXT_DIRS = {"next", "coming", "following", "this coming", "upcoming"}
TZ_RE = re.compile(
    r"\b(?:[ecmp][sd]?t|gmt|utc|bst|cet|local time|(?:eastern|pacific|central|mountain|"
    r"greenwich mean) (?:standard |daylight )?time)\b"
)


class Timex(NamedTuple):
    """A normalised time expression: TIMEX3 type, value (None when unknown) and granularity."""

    type: str
    value: str | None
    granularity: str


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The shipped vocabulary (numbers, units, reference words, months, holidays…)."""
    text = resources.files("according").joinpath("data/time_words.json").read_text(encoding="utf-8")
    return json.loads(text)


def alternation(keys: Any) -> str:
    """A regex alternation of ``keys``, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """The compiled regexes built from the vocabulary."""
    w = words()
    month, weekday = alternation(w["months"]), alternation(w["weekdays"])
    unit, pod = alternation(w["units"]), alternation(w["parts_of_day"])
    year = r"(?:1[0-9]\d\d|20\d\d|'\d\d)"
    return {
        "month": re.compile(
            rf"^(?:the\s+)?(?:(?P<dir>this past|this coming|this|last|next|past|coming)\s+)?"
            rf"(?P<m>{month})\.?(?:,?\s+(?:of\s+)?(?:(?P<y>{year})|(?P<rel>this|last|next) year))?$"
        ),
        "month_day": re.compile(
            rf"^(?:the\s+|last\s+|this\s+)?(?:(?:{weekday})\.?,?\s+)?(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<y>{year}))?$"
        ),
        "day_month": re.compile(
            rf"^(?:(?:{weekday})\.?,?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+"
            rf"(?:of\s+)?(?P<m>{month})\.?(?:,?\s+(?P<y>{year}))?$"
        ),
        "weekday": re.compile(
            rf"^(?:the\s+)?(?:(?P<dir>this past|this coming|last|next|this|past|coming|previous|"
            rf"following|prior|preceding)\s+)?"
            rf"(?P<wd>{weekday})\.?(?P<pl>s)?(?:\s+(?P<pod>{pod}))?$"
        ),
        "pod_weekday": re.compile(rf"^(?P<pod>{pod})\s+(?:on\s+)?(?P<wd>{weekday})$"),
        "ago": re.compile(
            rf"^(?P<num>.*?)\s*(?P<unit>{unit})s?\s+(?P<dir>ago|earlier|before|later|after|"
            r"from now|hence|back|previously|prior|on|since|before that)$"
        ),
        "year": re.compile(
            rf"^(?:(?:fiscal|calendar|model|school|financial|academic|the|year|fy)\s*)*"
            rf"(?P<y>{year})(?:\s+(?:period|year|fiscal year))?$"
        ),
        "decade": re.compile(r"^(?:the\s+)?(?P<d>1\d\d|20\d|'\d|\d)0'?s$"),
        "century": re.compile(r"^(?:the\s+)?(?P<n>\w+(?:[ -]\w+)?)\s+century$"),
        "season": re.compile(
            rf"^(?:the\s+)?(?:(?P<dir>this past|this coming|this|last|next|past|coming|previous)\s+)?"
            rf"(?P<s>{alternation(w['seasons'])})(?:\s+(?:of\s+)?(?P<y>{year}))?$"
        ),
        "pod": re.compile(
            rf"^(?:(?P<day>this|today|yesterday|tomorrow|last|the|that|tonight)\s+)?(?P<pod>{pod})"
            rf"(?:\s+(?P<day2>today|yesterday|tomorrow))?$"
        ),
        "day": re.compile(
            r"^(?P<day>today|yesterday|tomorrow|tonight|the day before yesterday|the day after "
            r"tomorrow|the day)$"
        ),
        "clock": re.compile(
            r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>[ap]\.?\s?m\b\.?|o'clock|"
            r"in the (?:morning|afternoon|evening|night))|\b(?P<h24>\d{1,2}):(?P<mi24>\d\d)\b|"
            r"\b(?P<word>noon|midnight|midday)\b"
        ),
        "quarter": re.compile(r"\bquarter\b"),
        "half": re.compile(
            rf"^(?:the\s+)?(?P<which>first|second|1st|2nd|last|latter|final)\s+half(?:\s+of\s+"
            rf"(?:the\s+)?(?:(?P<rel>this|last|next) year|(?:fiscal\s+)?(?P<y>{year})))?$"
        ),
        "weekend": re.compile(
            r"^(?:(?P<dir>this past|this coming|this|last|next|past|coming|the|that)\s+)?"
            r"week-?end$"
        ),
    }


def anchor_date(published: str | None) -> date | None:
    """The publication date from an ISO string (a time part is ignored); None when unknown or bad."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def tidy(text: str) -> str:
    """Lowercase, straighten quotes, hyphens to spaces, drop edge punctuation and a final possessive."""
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", t)
    t = re.sub(r"(?<=[a-z])-(?=\d)|(?<=\d)-(?=[a-z])", " ", t)
    t = re.sub(r"\s+", " ", t).strip(' ,;:!?"()[]')
    t = re.sub(r"(?<![.\s][a-z])(?<!\b[a-z])\.$", "", t).strip()
    t = re.sub(r"'s$", "", t)
    return t


def digit_years(t: str) -> str:
    """Years written in words become digits: "january nineteen ninety seven" -> "january 1997"."""

    def swap(match: re.Match[str]) -> str:
        year = spelled_year(match.group(0))
        return str(year) if year else match.group(0)

    t = re.sub(r"\b(?:seventeen|eighteen|nineteen|twenty)(?: oh)? \w+(?: \w+)?$", swap, t)
    return re.sub(r"\b(?:the year )?two thousand(?: and)?(?: \w+)?$", swap, t)


def strip_prefixes(t: str, prefixes: list[str]) -> str:
    """Remove any leading words of ``prefixes`` (repeatedly): "about two years" -> "two years"."""
    changed = True
    while changed:
        changed = False
        for prefix in sorted(prefixes, key=len, reverse=True):
            if t.startswith(prefix + " ") and len(t) > len(prefix) + 1:
                t, changed = t[len(prefix) + 1 :].strip(), True
    return t


def core(text: str) -> str:
    """The tidied expression without modifiers that TIMEX3 keeps out of the value ("about", "early")."""
    w = words()
    t = digit_years(tidy(text))
    t = strip_prefixes(t, w["modifiers"])
    t = re.sub(r"^the (?=(?:early|late|mid|middle)\b)", "", t)
    if re.match(r"^(?:early|late|mid)\s+(?!\d+\s)", t) or any(t.startswith(p + " ") for p in w["positions"]):
        t = strip_prefixes(t, w["positions"] + w["modifiers"])
    t = re.sub(r"^(?:mid|early|late)\s*(?=1\d\d\d|20\d\d)", "", t).strip()
    t = re.sub(r"\s+or so\b", "", t)
    return re.sub(r"\s+(?:and beyond|or more|or longer|at least|period)$", "", t)


# ---------------------------------------------------------------- numbers and calendar arithmetic


def parse_number(text: str) -> float | None:
    """A cardinal written in digits or words ("twenty four", "2 1/2", "a couple of"); VAGUE; None if none."""
    w = words()
    t = text.strip().replace(",", "")
    if not t:
        return None
    if t in w["vague_numbers"]:
        return VAGUE
    half = re.search(r"\s*(?:and\s+)?(?:a\s+)?half$", t)
    extra = 0.5 if half and half.start() > 0 else 0.0
    t = t[: half.start()] if extra else t
    digits = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d+)/(\d+))?", t)
    if digits:
        frac = int(digits.group(2)) / int(digits.group(3)) if digits.group(2) else 0.0
        return float(digits.group(1)) + frac + extra
    value = words_number(t)
    return None if value is None else value + extra


def words_number(t: str) -> float | None:
    """Sum number words ("one hundred twenty", "a couple of"); None when a word is not a number."""
    numbers = words()["numbers"]
    tokens = [x for x in re.split(r"[\s-]+", t) if x not in ("and", "of")]
    if len(tokens) > 1 and tokens[0] in ("a", "an"):
        tokens = tokens[1:]
    total, current = 0.0, 0.0
    for token in tokens:
        if token not in numbers:
            return None
        n = numbers[token]
        if n == 100:
            current = max(current, 1) * 100
        elif n == 1000:
            total, current = total + max(current, 1) * 1000, 0.0
        else:
            current += n
    return total + current if tokens else None


def add_months(d: date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``d``."""
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def iso_week(d: date) -> str:
    """The ISO week of ``d`` as TIMEX3 writes it: 2025-W33."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    """(year, quarter) containing ``d``."""
    return d.year, (d.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, n: int) -> tuple[int, int]:
    """The quarter ``n`` quarters after (year, quarter)."""
    index = year * 4 + quarter - 1 + n
    return index // 4, index % 4 + 1


def shifted(anchor: date, code: str, n: int) -> Timex:
    """The calendar unit ``code`` (D, W, M, Q, Y, 10Y, 100Y…) ``n`` units from the anchor's."""
    gran = UNIT_GRANULARITY.get(code, "unknown")
    if code in ("D", "H", "TM", "S"):
        return Timex("DATE", (anchor + timedelta(days=n)).isoformat(), "day")
    if code in ("W", "2W"):
        return Timex("DATE", iso_week(anchor + timedelta(weeks=n * (2 if code == "2W" else 1))), "week")
    if code == "WE":
        return Timex("DATE", iso_week(anchor + timedelta(weeks=n)) + "-WE", "week")
    if code == "M":
        return Timex("DATE", "{:04d}-{:02d}".format(*add_months(anchor, n)), gran)
    if code == "Q":
        return Timex("DATE", "{:04d}-Q{}".format(*shift_quarter(*quarter_of(anchor), n)), gran)
    if code == "10Y":
        return Timex("DATE", str(anchor.year // 10 + n), gran)
    if code in ("100Y", "1000Y"):
        return Timex("DATE", str(anchor.year // 100 + n), "century")
    return Timex("DATE", str(anchor.year + n), "year")


def pick_year(anchor: date, month: int, tense: Tense, future_looks_back: bool = False) -> int:
    """The year of a month named without one: the nearest such month to the anchor (tense breaks ties),
    except that a past clause does not reach more than two months ahead, nor a future one back (quarters
    excepted: "will report third-quarter results" speaks of the quarter just ended)."""
    distances = {
        year: (year * 12 + month) - (anchor.year * 12 + anchor.month)
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
    }
    forward = 1 if tense == "future" else -1
    year = min(distances, key=lambda year: (abs(distances[year]), -forward * distances[year]))
    if tense == "future" and distances[year] < -2 and not future_looks_back:
        return year + 1
    return year - 1 if tense == "past" and distances[year] > 2 else year


def year_of(text: str | None, anchor: date | None) -> int | None:
    """A four-digit year, or a two-digit '89 read in the anchor's century."""
    if not text:
        return None
    if text.startswith("'"):
        century = (anchor.year // 100) * 100 if anchor else 1900
        year = century + int(text[1:])
        return year - 100 if anchor and year > anchor.year + 10 else year
    return int(text)


def duration(n: float, code: str) -> str:
    """ISO 8601 / TIMEX3 duration: (2, "Y") -> P2Y, (5.5, "H") -> PT5H30M, VAGUE -> PXY."""
    multiple = re.match(r"(\d+)(\D+)", code)
    if multiple:
        factor, code = int(multiple.group(1)), multiple.group(2)
        n = n * factor if n != VAGUE else n
    if code == "WE":
        code, n = "D", (n * 2 if n != VAGUE else n)
    if n == VAGUE:
        letter = {"TM": "M"}.get(code, code)
        return f"PT X{letter}".replace(" ", "") if code in TIME_UNITS else f"PX{letter}"
    parts: list[tuple[int, str]] = [(int(n), code)]
    rest = n - int(n)
    if rest and code in SMALLER:
        small, factor = SMALLER[code]
        parts.append((round(rest * factor), small))
    return iso_parts([(k, u) for k, u in parts if k or len(parts) == 1])


def iso_parts(parts: list[tuple[int, str]]) -> str:
    """Assemble P…T… from (count, unit) pairs, time units after the T."""
    day = "".join(f"{k}{u}" for k, u in parts if u not in TIME_UNITS)
    clock = "".join(f"{k}{TIME_UNITS[u]}" for k, u in parts if u in TIME_UNITS)
    return "P" + day + (f"T{clock}" if clock else "")


def unit_code(unit: str) -> str:
    """The duration code of a unit word (singular or plural)."""
    units = words()["units"]
    unit = unit.rstrip(".")
    if unit not in units and unit.endswith("s"):
        unit = unit[:-1]
    if unit == "centurie":
        unit = "century"
    return units.get(unit, "")


# ---------------------------------------------------------------- rules: each returns a Timex or None

Rule = Callable[[str, date | None, Tense], Timex | None]


def rule_reference(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """now / recently / the future -> PRESENT_REF, PAST_REF, FUTURE_REF."""
    w = words()
    for key, value in (("present", "PRESENT_REF"), ("past", "PAST_REF"), ("future", "FUTURE_REF")):
        if t in w[key]:
            return Timex("DATE", value, "unknown")
    return None


def rule_set(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """daily, every week, each July, Tuesdays, twice a year -> SET."""
    w = words()
    if t in w["sets"]:
        return Timex("SET", w["sets"][t], "set")
    m = re.match(r"^(?:(?:once|twice|\w+ times)\s+)?(?:every|each|per|a|an)\s+(?:other\s+)?(?P<rest>.+)$", t)
    if not m or (t.startswith(("a ", "an ")) and not re.match(r"^(?:once|twice|\w+ times)", t)):
        return weekday_set(t)
    rest = m.group("rest")
    if rest in w["months"]:
        return Timex("SET", f"XXXX-{w['months'][rest]:02d}", "set")
    if weekday_set(rest + "s"):
        return weekday_set(rest + "s")
    num = re.match(r"^(?P<num>.+?)\s+(?P<unit>\w+)$", rest)
    n = parse_number(num.group("num")) if num else 1.0
    code = unit_code(num.group("unit") if num else rest)
    if code and n and n != VAGUE:
        return Timex("SET", duration(n, code), "set")
    return None


def weekday_set(t: str) -> Timex | None:
    """Plural weekdays or parts of day ("Tuesdays", "Tuesday nights") -> XXXX-WXX-2(TNI)."""
    w = words()
    days = alternation(w["weekdays"])
    m = re.match(rf"^(?P<wd>{days})s(?:\s+(?P<pod>\w+))?$", t)
    m = m or re.match(rf"^(?P<wd>{days})\s+(?P<pod>\w+)s$", t)
    if not m or (m.group("pod") and m.group("pod").removesuffix("s") not in w["parts_of_day"]):
        return None
    pod = w["parts_of_day"].get((m.group("pod") or "").removesuffix("s"), "")
    return Timex("SET", f"XXXX-WXX-{w['weekdays'][m.group('wd')]}" + (f"T{pod}" if pod else ""), "set")


def rule_clock(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """Clock times, alone or with a day: "10:30 a.m. Friday" -> 2025-08-15T10:30."""
    m = patterns()["clock"].search(t)
    if not m or (m.group("h24") is None and m.group("h") is None and m.group("word") is None):
        return None
    hhmm = clock_value(m)
    if hhmm is None:
        return None
    rest = TZ_RE.sub(" ", t[: m.start()] + " " + t[m.end() :])
    rest = re.sub(r"\b(?:at|on|around|about|approximately|,)\b|,", " ", rest)
    rest = re.sub(r"\s+", " ", rest).strip()
    day = (
        normalise_core(rest, anchor, tense)
        if rest
        else Timex("DATE", anchor.isoformat() if anchor else None, "day")
    )
    if rest and (day.value is None or day.granularity != "day"):
        return None
    prefix = day.value if day.value else "XXXX-XX-XX"
    return Timex("TIME", f"{prefix[:10]}T{hhmm}", "time")


def clock_value(m: re.Match[str]) -> str | None:
    """HH:MM from a clock match (12-hour with a.m./p.m., 24-hour, noon, midnight)."""
    if m.group("word"):
        return words()["clock_words"][m.group("word")]
    if m.group("h24") is not None:
        hour, minute = int(m.group("h24")), int(m.group("mi24"))
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        marker = m.group("ap").replace(".", "").replace(" ", "")
        if marker.startswith("p") or marker.endswith(("afternoon", "evening", "night")):
            hour = hour % 12 + 12
        elif marker.startswith("a") or marker.endswith("morning"):
            hour = hour % 12
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def rule_day(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """today, yesterday, tomorrow, tonight, the day -> a date (TIME for tonight)."""
    m = patterns()["day"].match(t)
    if not m:
        return None
    offset = {
        "today": 0,
        "the day": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "tonight": 0,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[m.group("day")]
    value = (anchor + timedelta(days=offset)).isoformat() if anchor else None
    if m.group("day") == "tonight":
        return Timex("TIME", f"{value}TNI" if value else None, "time")
    return Timex("DATE", value, "day")


def rule_part_of_day(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """this morning, last night, yesterday afternoon, overnight -> 2025-08-15TMO."""
    m = patterns()["pod"].match(t)
    if not m or (m.group("day") and m.group("day2")):
        return None
    day, pod = m.group("day") or m.group("day2") or "this", words()["parts_of_day"][m.group("pod")]
    if day == "last" and pod != "NI":
        return None
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(day, 0)
    value = (anchor + timedelta(days=offset)).isoformat() + f"T{pod}" if anchor else None
    return Timex("TIME", value, "time")


def weekday_date(anchor: date, weekday: int, direction: str | None, tense: Tense) -> date:
    """The date of a weekday near the anchor: past by default in news, next one for future tense."""
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction in PAST_DIRS:
        return anchor - timedelta(days=back or 7)
    if direction in NEXT_DIRS:
        return anchor + timedelta(days=ahead or 7)
    if direction in ("this", "this coming") or tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def rule_weekday(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """Friday, last Wednesday, Thursday evening, midnight Friday -> the date (TIME with a part of day)."""
    w, p = words(), patterns()
    m = p["weekday"].match(t) or p["pod_weekday"].match(t)
    if not m or m.groupdict().get("pl"):
        return None
    weekday = w["weekdays"][m.group("wd")]
    pod = w["parts_of_day"].get(m.group("pod") or "", "")
    direction = m.groupdict().get("dir")
    if anchor is None:
        return Timex(
            "TIME" if pod else "DATE",
            f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""),
            "time" if pod else "day",
        )
    value = weekday_date(anchor, weekday, direction, tense).isoformat()
    return Timex("TIME", f"{value}T{pod}", "time") if pod else Timex("DATE", value, "day")


def rule_holiday(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """Christmas, Thanksgiving Day 1998 -> the holiday's date in the anchor's (or the given) year."""
    holidays = words()["holidays"]
    m = re.match(
        rf"^(?:(?P<dir>this|last|next|this past)\s+)?(?P<h>{alternation(holidays)})(?:,?\s+(?P<y>\d{{4}}))?$",
        t,
    )
    if not m:
        return None
    rule = holidays[m.group("h")]
    year = (
        int(m.group("y")) if m.group("y") else (pick_year(anchor, int(rule[:2]), tense) if anchor else None)
    )
    if year is not None and anchor and not m.group("y") and m.group("dir") in ("last", "this past"):
        year = year - 1 if holiday_date(rule, year) >= anchor else year
    if year is None:
        return Timex("DATE", None, "day")
    return Timex("DATE", holiday_date(rule, year).isoformat(), "day")


def holiday_date(rule: str, year: int) -> date:
    """A holiday rule ("12-25" fixed, "11-4-4" = fourth Thursday of November, "-1" = last) in ``year``."""
    parts = rule.split("-", 2)
    month = int(parts[0])
    if len(parts) == 2:
        return date(year, month, int(parts[1]))
    weekday, nth = int(parts[1]), int(parts[2])
    days = [
        d
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).isoweekday() == weekday
    ]
    return date(year, month, days[nth - 1] if nth > 0 else days[nth])


def rule_ago(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """two years ago, a year earlier, three days later, year-ago -> the shifted unit; a bare plural
    back ("months ago", "years earlier") says no count: PAST_REF."""
    m = patterns()["ago"].match(t)
    if not m:
        return None
    num = re.sub(r"^the\s*", "", m.group("num") or "")
    forward = m.group("dir") in ("later", "after", "from now", "hence", "on")
    n = parse_number(num) if num else (VAGUE if re.match(r"\w+s\b", t) and not forward else 1.0)
    code = unit_code(m.group("unit"))
    if n is None or not code:
        return None
    if n == VAGUE:
        return Timex("DATE", "FUTURE_REF" if forward else "PAST_REF", "unknown")
    if anchor is None:
        return Timex("DATE", None, UNIT_GRANULARITY.get(code, "unknown"))
    steps = int(round(n)) * (1 if forward else -1)
    if code in ("H", "TM", "S"):
        return Timex("DATE", anchor.isoformat(), "day")
    return shifted(anchor, code, steps)


def quarter_number(t: str, anchor: date | None) -> tuple[int | None, int]:
    """(quarter number or None, relative offset) from the words before "quarter"."""
    ordinals = words()["ordinals"]
    head = t.split("quarter")[0]
    q = re.search(r"\bq([1-4])\b", t)
    if q:
        return int(q.group(1)), 0
    for word in reversed(head.split()):
        if word in ordinals and 1 <= ordinals[word] <= 4:
            return ordinals[word], 0
        if word == "final":
            return 4, 0
    if re.search(r"\b(?:this|current|present)\b(?! year)", head):
        return None, 0
    if re.search(r"\b(?:next|coming|following)\b(?! year)", head):
        return None, 1
    if re.search(r"\b(?:previous|prior|preceding)\b(?! year)", head):
        return None, -2
    return None, -1


def counted_quarters(t: str) -> Timex | None:
    """ "a rolling four-quarter test", "its quarter-century low": a length of time (P12M, P25Y), not a
    calendar quarter."""
    if re.search(r"\bquarter century\b", t):
        return Timex("DURATION", "P25Y", "duration")
    m = re.search(r"\b(\w+) quarter$", t)
    n = words()["numbers"].get(m.group(1), 0) if m else 0
    n = int(m.group(1)) if m and m.group(1).isdigit() else n
    if n >= 2 and n == int(n):
        return Timex("DURATION", f"P{3 * int(n)}M", "duration")
    return None


def rule_quarter(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """third quarter, the year-ago quarter, Q3 2024, next year's first quarter -> 2024-Q3."""
    if not (patterns()["quarter"].search(t) or re.search(r"\bq[1-4]\b", t)) or t.endswith("quarters"):
        return None
    counted = counted_quarters(t)
    if counted is not None:
        return counted
    q, offset = quarter_number(t, anchor)
    explicit = re.search(r"\b(1[0-9]\d\d|20\d\d)\b", t)
    year_shift = -1 if re.search(r"\byear (?:ago|earlier|before)|\b(?:last|previous|prior) year", t) else 0
    year_shift = 1 if re.search(r"\bnext year", t) else year_shift
    if explicit and q is None:
        q = quarter_of(anchor)[1] if anchor else None
        q = shift_quarter(int(explicit.group(1)), q, offset)[1] if q else None
    if explicit:
        return Timex("DATE", f"{explicit.group(1)}-Q{q}" if q else f"{explicit.group(1)}-QX", "quarter")
    if anchor is None:
        return Timex("DATE", f"XXXX-Q{q}" if q else None, "quarter")
    if q is None:
        year, q = shift_quarter(*quarter_of(anchor), offset)
    else:
        current = quarter_of(anchor)[1] * 3 - 2
        year = (
            pick_year(date(anchor.year, current, 1), q * 3 - 2, tense, future_looks_back=True)
            if year_shift == 0
            else anchor.year
        )
        if tense == "past" and not year_shift:
            year = anchor.year if q * 3 - 2 <= current else anchor.year - 1
    return Timex("DATE", f"{year + year_shift}-Q{q}", "quarter")


def rule_half(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """the first half of 1990, the second half -> 1990-H1."""
    m = patterns()["half"].match(t)
    if not m:
        return None
    which = 1 if m.group("which") in ("first", "1st") else 2
    year = year_of(m.group("y"), anchor) or (anchor.year if anchor else None)
    if year is not None and m.group("rel"):
        year += {"this": 0, "last": -1, "next": 1}[m.group("rel")]
    return Timex("DATE", f"{year}-H{which}" if year else f"XXXX-H{which}", "quarter")


def rule_season(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """this summer, last fall, winter 2012 -> 2012-SU / 2011-FA (TimeBank: "last" = last year's)."""
    m = patterns()["season"].match(t)
    if not m:
        return None
    w = words()
    code = w["seasons"][m.group("s")]
    year = year_of(m.group("y"), anchor)
    if year is None and anchor is not None:
        direction = m.group("dir")
        year = pick_year(anchor, w["season_months"][code], tense if not direction else None)
        if direction in ("last", "past", "previous", "this past"):
            year = anchor.year if season_index(code) < season_index(anchor) else anchor.year - 1
        elif direction in ("next", "coming", "this coming"):
            year = anchor.year if season_index(code) > season_index(anchor) else anchor.year + 1
    return Timex("DATE", f"{year}-{code}" if year else f"XXXX-{code}", "season")


def season_index(which: str | date) -> int:
    """Order of seasons within a year (winter first): a season code or the season a date falls in."""
    order = ["WI", "SP", "SU", "FA"]
    if isinstance(which, str):
        return order.index(which)
    return 0 if which.month in (12, 1, 2) else (which.month - 3) // 3 + 1


def rule_weekend(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """the weekend, last weekend, this weekend -> 2025-W33-WE."""
    m = patterns()["weekend"].match(t)
    if not m:
        return None
    if anchor is None:
        return Timex("DATE", None, "week")
    direction, weekday = m.group("dir"), anchor.isoweekday()
    past = direction in PAST_DIRS or (direction in (None, "the", "that") and tense == "past" and weekday < 6)
    weeks = -1 if past and weekday < 6 else 1 if direction in NEXT_DIRS else 0
    return Timex("DATE", iso_week(anchor + timedelta(weeks=weeks)) + "-WE", "week")


def rule_relative(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """this year, last month, next week, the quarter, the fiscal year -> the anchor's unit, shifted."""
    t = "this year" if re.fullmatch(r"(?:the )?year(?:'s)? end", t) else t
    m = re.match(
        r"^(?:the\s+)?(?P<dir>this past|this coming|this same|that same|the same|most recent|this|last|"
        r"next|past|previous|prior|coming|current|latest|following|that|same|the|its|present|upcoming)\s+"
        r"(?:(?:fiscal|calendar|financial|trading|business|school|model|full|whole|entire)\s+)?"
        r"(?P<unit>\w+)(?: end)?$",
        t,
    )
    if not m:
        return None
    code = unit_code(m.group("unit"))
    if not code or code in ("H", "TM", "S", "WE", "2W") or m.group("unit").endswith("s") and code != "S":
        return None
    direction = m.group("dir")
    n = -1 if direction in PAST_DIRS else 1 if direction in NEXT_DIRS else 0
    if anchor is None:
        return Timex("DATE", None, UNIT_GRANULARITY.get(code, "unknown"))
    return shifted(anchor, code, n)


DURATION_TAIL = frozenset(
    "old long ahead running period term straight so or in a row time span stretch".split()
)
DURATION_FILLERS = frozenset(
    "more additional trading business calendar straight full consecutive working extra fiscal long short "
    "whole entire".split()
)
DURATION_LEAD = frozenset(
    "the past last next first coming previous latest final following recent initial remaining other ensuing "
    "its this same those these early over nearly almost about".split()
)


def unit_and_count(t: str) -> tuple[str, bool, list[str]] | None:
    """Split "the past two weeks" into the unit code, whether it is plural, and the words before it."""
    tokens = t.split()
    while tokens and tokens[-1] in DURATION_TAIL:
        tokens = tokens[:-1]
    if not tokens or not unit_code(tokens[-1]):
        return None
    head = tokens[:-1]
    while head and head[-1] in DURATION_FILLERS:
        head = head[:-1]
    return unit_code(tokens[-1]), tokens[-1].endswith("s"), head


def rule_duration(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """two years, the past two weeks, five-year, 2 1/2 hours, the first nine months, years -> P2Y…"""
    half = re.match(r"^(?:a |an )?(?P<pre>.+) and a half$", t)
    if half:
        pieces = half.group("pre").rsplit(" ", 1)
        t = f"{pieces[0] if len(pieces) == 2 else 'one'} and a half {pieces[-1]}"
    found = unit_and_count(t)
    if found is None:
        return None
    code, plural, head = found
    directed = False
    while head and head[0] in DURATION_LEAD:
        directed, head = directed or head[0] != "the", head[1:]
    if directed and not head and not plural:
        return None
    number = re.split(r"\s+(?:to|or|and|-)\s+(?!a half)(?=\S)", " ".join(head))[0]
    n = parse_number(number) if number else (VAGUE if plural else 1.0)
    if n is None:
        return None
    return Timex("DURATION", duration(n, code), "duration")


def rule_decade(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """the 1990s, the '80s, the eighties, the last half of the '80s -> 199 / 198 (TIMEX3 decade values)."""
    names = {
        "twenties": 2,
        "thirties": 3,
        "forties": 4,
        "fifties": 5,
        "sixties": 6,
        "seventies": 7,
        "eighties": 8,
        "nineties": 9,
    }
    t = re.sub(r"^(?:the\s+)?(?:first|second|1st|2nd|last|latter|final)\s+half\s+of\s+", "", t)
    m = patterns()["decade"].match(t)
    word = re.match(rf"^(?:the\s+)?({alternation(names)})$", t)
    if not m and not word:
        return None
    digits = m.group("d").lstrip("'") if m else str(names[word.group(1)])
    if len(digits) >= 3:
        return Timex("DATE", digits, "decade")
    century = anchor.year // 100 if anchor else 19
    if anchor and int(digits) > (anchor.year % 100) // 10:
        century -= 1
    return Timex("DATE", f"{century}{digits}", "decade")


def rule_century(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """the 20th century, the nineteenth century -> 19 / 18 (TIMEX3 century values)."""
    m = patterns()["century"].match(t)
    if not m:
        return None
    n = words()["ordinals"].get(m.group("n"))
    if not n or n < 1:
        return None
    return Timex("DATE", f"{n - 1:02d}", "century")


def rule_year(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """2024, fiscal 1989, '89, the year two thousand, nineteen ninety-six -> 2024…"""
    m = patterns()["year"].match(t)
    year = year_of(m.group("y"), anchor) if m else spelled_year(t)
    if year is None:
        return None
    return Timex("DATE", f"{year:04d}", "year")


def spelled_year(t: str) -> int | None:
    """Years in words: "nineteen ninety-six" -> 1996, "the year two thousand" -> 2000."""
    t = re.sub(r"^(?:the\s+)?(?:year\s+)?", "", t).replace("-", " ")
    m = re.match(r"^two thousand(?:\s+and)?(?:\s+(?P<rest>.+))?$", t)
    if m:
        rest = parse_number(m.group("rest")) if m.group("rest") else 0.0
        return 2000 + int(rest) if rest is not None and 0 <= rest < 100 else None
    m = re.match(r"^(?P<c>seventeen|eighteen|nineteen|twenty)\s+(?P<rest>(?:oh\s+)?\w+(?:\s+\w+)?)$", t)
    if not m:
        return None
    rest = parse_number(m.group("rest").replace("oh ", ""))
    if rest is None or rest == VAGUE or not (10 <= rest < 100 or m.group("rest").startswith("oh ")):
        return None
    return int(words()["numbers"][m.group("c")]) * 100 + int(rest)


def rule_month(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """April, last May, March 1996, this September -> 2025-04 (year by tense when not written)."""
    m = patterns()["month"].match(t)
    if not m:
        return None
    month = words()["months"][m.group("m")]
    year = year_of(m.group("y"), anchor)
    direction = m.group("dir")
    if m.group("rel") and anchor is not None:
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group("rel")]
    if year is None and anchor is not None:
        if direction in ("last", "past", "this past"):
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif direction in ("next", "coming", "this coming"):
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif direction == "this":
            year = anchor.year
        else:
            year = pick_year(anchor, month, tense if direction is None else None)
    return Timex("DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}", "month")


def rule_month_day(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """Sept. 30, Aug. 10, 1988, 15 August 2025, Friday, Aug. 7 -> the date (year by tense when missing)."""
    p = patterns()
    m = p["month_day"].match(t) or p["day_month"].match(t)
    if not m:
        return None
    month, day = words()["months"][m.group("m")], int(m.group("d"))
    year = year_of(m.group("y"), anchor)
    if year is None and anchor is not None:
        year = year_matching_weekday(t, month, day, pick_year(anchor, month, tense))
    if not is_calendar_day(year or 2000, month, day):
        return None
    return Timex(
        "DATE", f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}", "day"
    )


def is_calendar_day(year: int, month: int, day: int) -> bool:
    """False for days no calendar has ("Feb. 30", "April 31")."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def year_matching_weekday(t: str, month: int, day: int, year: int) -> int:
    """ "Saturday, April 25" with no year: the year next to the likely one in which that day is a Saturday
    (old articles and wrong publication dates otherwise put it in the wrong year)."""
    m = re.match(rf"{WEEKDAY_NAMES}", t)
    if not m:
        return year
    weekday = words()["weekdays"][m.group(0)]
    for candidate in (year, year - 1, year + 1):
        if is_calendar_day(candidate, month, day) and date(candidate, month, day).isoweekday() == weekday:
            return candidate
    return year


def named_day(text: str, anchor: date | None, tense: Tense) -> date | None:
    """The calendar day an inner expression names ("last Tuesday", "March 6"), or None."""
    day = normalise(text, anchor, tense)
    if day.granularity != "day" or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value or ""):
        return None
    return date.fromisoformat(day.value)  # type: ignore[arg-type]


def rule_day_next_to(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """ "the day before last Tuesday", "the day after Christmas": the named day, one day off."""
    m = re.fullmatch(r"(?:the\s+)?day\s+(?P<dir>before|after)\s+(?P<day>.+)", t)
    day = named_day(m.group("day"), anchor, tense) if m else None
    if m is None or day is None:
        return None
    return Timex("DATE", (day + timedelta(days=-1 if m.group("dir") == "before" else 1)).isoformat(), "day")


def rule_week_of(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """ "the week of March 6" is the (ISO) week that contains the day named."""
    m = re.fullmatch(r"(?:the\s+)?week\s+of\s+(?P<day>.+)", t)
    day = named_day(m.group("day"), anchor, tense) if m else None
    return Timex("DATE", iso_week(day), "week") if day else None


def rule_ordinal_day(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """ "(today is) the eighth day (of Desert Shield)": in a present clause the day is the anchor's;
    elsewhere the day of some event TIMEX3 cannot place without it (XXXX-XX-XX)."""
    m = re.fullmatch(r"(?:the\s+)?(?P<n>\w+(?:[ -]\w+)?)\s+day", t)
    if not m or words()["ordinals"].get(m.group("n"), 0) < 1:
        return None
    if anchor is None or tense in ("past", "future"):
        return Timex("DATE", "XXXX-XX-XX", "day")
    return Timex("DATE", anchor.isoformat(), "day")


RULES: tuple[Rule, ...] = (
    rule_day_next_to,
    rule_week_of,
    rule_reference,
    rule_set,
    rule_clock,
    rule_day,
    rule_part_of_day,
    rule_weekday,
    rule_holiday,
    rule_ago,
    rule_quarter,
    rule_half,
    rule_season,
    rule_weekend,
    rule_relative,
    rule_decade,
    rule_century,
    rule_year,
    rule_month,
    rule_month_day,
    rule_ordinal_day,
    rule_duration,
)


# ---------------------------------------------------------------- dateparser fallback and entry point


@lru_cache(maxsize=256)
def date_parser(anchor: date | None) -> DateDataParser:
    """dateparser configured as DESIGN.md measured: relative to the anchor, current period, time as period."""
    base = datetime.combine(anchor or date(2000, 1, 1), datetime.min.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period", "RETURN_TIME_AS_PERIOD": True}
    return DateDataParser(languages=["en"], settings=settings)


def by_dateparser(text: str, anchor: date | None) -> Timex | None:
    """Explicit dates the rules do not cover ("12/25/98", "2025-08-15"); None unless clearly a date."""
    if (
        not re.search(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?|\d{4}|\d{1,2}\s*[ap]\.?m|\d:\d\d", text)
        or " and " in text
    ):
        return None
    data = date_parser(anchor).get_date_data(text)
    when, period = data.date_obj, data.period
    if when is None:
        return None
    has_year = bool(re.search(r"\b\d{4}\b|\d+[/.-]\d+[/.-]\d+", text))
    year = f"{when.year:04d}" if has_year or anchor else "XXXX"
    if period == "time":
        return Timex("TIME", f"{year}-{when:%m-%dT%H:%M}", "time")
    if period == "month":
        return Timex("DATE", f"{year}-{when:%m}", "month")
    if period == "year":
        return Timex("DATE", year, "year")
    return Timex("DATE", f"{year}-{when:%m-%d}", "day")


def normalise_core(t: str, anchor: date | None, tense: Tense) -> Timex:
    """Run the rules on an already tidied expression."""
    for rule in RULES:
        found = rule(t, anchor, tense)
        if found is not None:
            return found
    return Timex("DATE", None, "unknown")


@lru_cache(maxsize=8192)
def normalise(text: str, anchor: date | None, tense: Tense = None) -> Timex:
    """TIMEX3 (type, value, granularity) of one expression against the anchor date (None: unknown).

    ``tense`` ("past", "present", "future") of the clause decides between the last and the next Friday
    or April, the way HeidelTime does for news.
    """
    for candidate in dict.fromkeys((tidy(text), core(text))):
        found = normalise_core(candidate, anchor, tense)
        if found.value is not None:
            return found
    parsed = by_dateparser(core(text), anchor)
    return parsed or normalise_core(core(text), anchor, tense)


# ---------------------------------------------------------------- finding the expressions in a parse

MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
WEEKDAY_NAMES = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
TIME_WORD_RE = re.compile(
    r"\d|\b(?:day|week|month|year|quarter|decade|centur|season|spring|summer|fall|autumn|"
    r"winter|morning|afternoon|evening|(?:over)?night|midday|hour|minute|second|now|today|tonight|yesterday|"
    r"(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies|"
    r"tomorrow|ago|recent|current|future|past|noon|midnight|weekend|annually|daily|"
    rf"{WEEKDAY_NAMES}s?\b|christmas|thanksgiving|eve\b|"
    rf"{MONTH_NAMES})",
    re.IGNORECASE,
)
STRONG_RE = re.compile(
    rf"\b(?:1[0-9]\d\d|20\d\d)\b|\b{MONTH_NAMES}|"
    rf"\b{WEEKDAY_NAMES}\b|\b(?:today|yesterday|tomorrow)\b",
    re.IGNORECASE,
)
LEFT_WORDS = frozenset(
    "this that last next the each every early late mid fiscal coming past previous following".split()
)
SPLITTERS = frozenset(
    ", and or to through - – until ended ending ends beginning starting from versus vs.".split()
)
CLOCK_RE = re.compile(
    r"\d\s*[ap]\.?m\b|\b(?:noon|midnight|midday|(?:morning|afternoon|evening|night)s?)\b", re.IGNORECASE
)


@lru_cache(maxsize=1)
def holiday_heads() -> frozenset[str]:
    """First words of holiday names ("election" of "Election Day"), never trimmed as stray nouns."""
    return frozenset(name.split()[0] for name in words()["holidays"])


@lru_cache(maxsize=1)
def edge_junk() -> frozenset[str]:
    """Words TimeBank leaves outside a TIMEX3 at its edges ("since", "both", "just")."""
    return frozenset(words()["edge_junk"])


@lru_cache(maxsize=4)
def standalone_matcher(vocab: Any) -> PhraseMatcher:
    """A lowercase phrase matcher for reference words spaCy's NER does not tag ("now", "recently")."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    phrases = list(words()["standalone"]) + [
        h for h in words()["holidays"] if " " in h or h in ("christmas", "thanksgiving")
    ]
    matcher.add("TIMEX", [Doc(vocab, words=text.replace("'s", " 's").split()) for text in phrases])
    return matcher


def is_junk(token: Any) -> bool:
    """A word TimeBank leaves outside a TIMEX3 at its edges: prepositions, focus adverbs, stray nouns."""
    nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    nxt_as = nxt == "as"
    if token.lower_ == "at" and nxt in ("least", "most") or token.lower_ in holiday_heads():
        return False
    if (
        token.is_punct
        or token.is_space
        or token.lower_ in edge_junk()
        or token.tag_ == "POS"
        or token.lower_ == "long"
        and nxt_as
    ):
        return token.text not in ("a.m.", "p.m.")
    if token.lower_ in ("a", "an"):
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return nxt is not None and (
            nxt.like_num
            and nxt.text[:1].isdigit()
            or bool(STRONG_RE.match(nxt.text))
            or nxt.lower_ in words()["ordinals"]
        )
    return token.pos_ in ("NOUN", "PROPN", "VERB", "PRON", "X", "CCONJ", "SCONJ", "ADP") and not (
        TIME_WORD_RE.search(token.text) or token.like_num or token.lower_ in words()["numbers"]
    )


def is_stray_count(token: Any) -> bool:
    """The count before "a year ago" in "up from seven a year ago" belongs to what was counted."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.like_num and nxt is not None and nxt.lower_ in ("a", "an")


def trim(span: SpacySpan) -> SpacySpan | None:
    """Drop edge words that TimeBank keeps out of a TIMEX3 ("since", "both", "coup d'etat", trailing "'s")."""
    start, end = span.start, span.end
    while start < end and (is_junk(span.doc[start]) or is_stray_count(span.doc[start])):
        start += 1
    while (
        end > start
        and (
            span.doc[end - 1].is_punct
            or span.doc[end - 1].is_space
            or span.doc[end - 1].tag_ == "POS"
            or span.doc[end - 1].lower_ in edge_junk()
        )
        and span.doc[end - 1].text not in ("a.m.", "p.m.")
    ):
        end -= 1
    if end - start > 1 and span.doc[end - 1].lower_ == "later" and unit_code(span.doc[end - 2].lower_):
        end -= 1
    return extend(span.doc[start:end]) if end > start else None


LIKE_PERIODS = frozenset(f"the {w} period" for w in ("corresponding", "comparable", "same", "like"))
YEAR_BACK = frozenset(("last year", "a year ago", "a year earlier"))


def extend(span: SpacySpan) -> SpacySpan:
    """Take in the words spaCy's NER leaves out: "This" of "This year", "p.m." after "7:15", "-end",
    "the corresponding period" of "the corresponding period last year"."""
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and start > span.start - 2 and doc[start - 1].lower_ in LEFT_WORDS:
        if doc[start - 1].dep_ == "mark":  # "reported that third-quarter profit": no determiner
            break
        if doc[start].lower_ in LEFT_WORDS and doc[start - 1].lower_ != "the":
            break
        start -= 1
    if end < len(doc) and doc[end].lower_.replace(".", "") in ("am", "pm") and doc[end - 1].like_num:
        end += 1
    if start >= 3 and doc[start - 3 : start].text.lower() in LIKE_PERIODS and span.text.lower() in YEAR_BACK:
        start -= 3
    if start >= 2 and doc[start - 2].lower_ == "day" and doc[start - 1].lower_ in ("before", "after"):
        start -= 3 if start >= 3 and doc[start - 3].lower_ == "the" else 2  # "the day before Tuesday"
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "end":
        end += 2
    elif end < len(doc) and doc[end].lower_ == "end" and doc[end - 1].lower_ == "year":
        end += 1
    elif (
        end < len(doc)
        and doc[end].lower_ in ("quarter", "period")
        and re.search(r"(?:ago|earlier|\d{4})$", doc[end - 1].lower_)
    ):
        end += 1
    return doc[start:end]


def split_conjoined(span: SpacySpan) -> list[SpacySpan]:
    """ "Monday and Tuesday", "the year ended Sept. 30", "the first nine months of 1997" -> one span each."""
    for token in span:
        if not span.start < token.i < span.end - 1:
            continue
        left, right = span.doc[span.start : token.i], span.doc[token.i + 1 : span.end]
        lower = token.lower_
        both_dates = STRONG_RE.search(left.text) and STRONG_RE.search(right.text)
        if lower == "," and not re.fullmatch(r"\d{4}", left.text):
            continue
        if (lower in SPLITTERS and both_dates) or (
            lower in ("ended", "ending", "ends") and STRONG_RE.search(right.text)
        ):
            return split_conjoined(left) + split_conjoined(right)
        if lower == "of" and normalise(left.text, None).type == "DURATION" and has_value(right):
            return split_conjoined(left) + split_conjoined(right)
        if lower in SPLITTERS and is_day_range(left, right):
            return [left, right]
    return [span]


DAY_RANGE_LEFT_RE = re.compile(rf"{MONTH_NAMES}\.?\s+\d{{1,2}}$", re.IGNORECASE)


def is_day_range(left: SpacySpan, right: SpacySpan) -> bool:
    """ "April 24 and 25", "Oct. 3 to 5": a month and day, then a bare day number of the same month."""
    return bool(DAY_RANGE_LEFT_RE.search(left.text) and re.fullmatch(r"\d{1,2}", right.text))


def is_range_end(span: SpacySpan) -> bool:
    """The bare day number closing a day range ("25" of "April 24 and 25")."""
    doc, start = span.doc, span.start
    if start < 3 or doc[start - 1].lower_ not in SPLITTERS:
        return False
    return is_day_range(doc[max(0, start - 4) : start - 1], span)


def merge_adjacent(spans: list[SpacySpan]) -> list[SpacySpan]:
    """Join a day and a clock time or part of day that spaCy split: "5 p.m. EST" + "Nov. 9"."""
    spans = sorted(spans, key=lambda s: (s.start, -len(s)))
    merged: list[SpacySpan] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if prev is not None and prev.end <= span.start and joinable(prev, span):
            merged[-1] = span.doc[prev.start : span.end]
        else:
            merged.append(span)
    return merged


def joinable(left: SpacySpan, right: SpacySpan) -> bool:
    """Two time spans separated only by spaces, a comma or "on"/"at", one a clock time or part of day,
    or a weekday and the calendar date it names ("Friday Oct. 13")."""
    doc = left.doc
    gap = doc[left.end - 1].whitespace_ + "".join(t.text_with_ws for t in doc[left.end : right.start])
    if not re.fullmatch(r"[\s,]*(?:(?:on|at)\s+)?", gap, re.IGNORECASE):
        return False
    if WEEKDAY_ONLY_RE.fullmatch(left.text) and DAY_RANGE_LEFT_RE.match(right.text):
        return True
    return bool(CLOCK_RE.search(left.text) or CLOCK_RE.search(right.text))


WEEKDAY_ONLY_RE = re.compile(rf"(?:on\s+)?{WEEKDAY_NAMES}", re.IGNORECASE)


def candidate_spans(doc: Doc) -> list[SpacySpan]:
    """spaCy DATE/TIME entities plus reference words, trimmed and split TimeBank-style."""
    found = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    matcher = standalone_matcher(doc.vocab)
    found += [doc[start:end] for _, start, end in matcher(doc)]
    found += spelled_years(doc) + calendar_dates(doc) + counted_units(doc)
    spans: list[SpacySpan] = []
    for span in merge_adjacent(found):
        trimmed = trim(span)
        if trimmed is not None:
            spans.extend(shed_until_valued(part) for part in split_conjoined(trimmed))
    return spans


def regex_spans(doc: Doc, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], SpacySpan]]:
    """Each match of ``pattern`` in the parsed text with the non-empty token span inside it."""
    for match in pattern.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is not None and len(span):
            yield match, span


SPELLED_YEAR_RE = re.compile(
    r"\b(?:seventeen|eighteen|nineteen|twenty)[ -](?:oh[ -])?(?:ten|eleven|twelve|\w+teen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|one|two|three|four|five|six|seven|eight|nine)\b",
    re.IGNORECASE,
)


def spelled_years(doc: Doc) -> list[SpacySpan]:
    """Years said in words, as in broadcast transcripts ("in nineteen ninety-six"), which NER misses."""
    return [span for match, span in regex_spans(doc, SPELLED_YEAR_RE) if spelled_year(match.group(0).lower())]


CALENDAR_DATE_RE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,\s+\d{4}\b)?|"
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|"
    r"\b(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b"
)


def calendar_dates(doc: Doc) -> list[SpacySpan]:
    """Explicit dates, weekdays and quarters ("Aug. 7", "Monday", "second-quarter") that NER folds into a
    name ("the Aug. 7 Embassy bombings") or misses: each is a time expression wherever it stands."""
    return [span for _, span in regex_spans(doc, CALENDAR_DATE_RE)]


COUNTED_UNIT_RE = re.compile(
    r"\b(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|ninety|several|a few)\s+(?:more\s+)?"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?)\b",
    re.IGNORECASE,
)


def counted_units(doc: Doc) -> list[SpacySpan]:
    """Counted units ("20 more years", "5 1/2 hours", "several quarters") that NER leaves untagged; not
    ages ("52 years old") nor "one day" (as often "some day" as a day long)."""
    spans = []
    for _, span in regex_spans(doc, COUNTED_UNIT_RE):
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if after != "old" and span.text.lower() != "one day":
            spans.append(span)
    return spans


def shed_until_valued(span: SpacySpan) -> SpacySpan:
    """Drop up to two leading words when that makes an expression normalise ("that now", "That 1978")."""
    for cut in (1, 2):
        if has_value(span) or len(span) <= cut:
            return span
        if has_value(span[cut:]):
            return span[cut:]
    return span


def is_timex(span: SpacySpan) -> bool:
    """Keep what TIMEX3 would mark: a time word must be there; ages, bare numbers, adjectives such as
    "quarterly (dividend)" are not time expressions; "current" and "recent" only as adjectives."""
    text = span.text.lower()
    if is_range_end(span):
        return True
    if text in reference_phrases():
        return True
    if not (
        TIME_WORD_RE.search(text) or SPELLED_YEAR_RE.fullmatch(text) or text == "the latest period"
    ) or re.fullmatch(r"\d{1,3}(?:\.\d+)?|\d{5,}", text):
        return False
    if re.search(r"\bold\b|\baged?\b|-old\b", text) or is_generic(span):
        return False
    if is_generic_present(span) or is_march_event(span):
        return False
    if len(span) == 1 and text in ("current", "recent"):
        return span.root.pos_ == "ADJ"
    if len(span) == 1 and text in words()["sets"]:
        return text == "daily" and span.root.pos_ not in ("NOUN", "PROPN") or span.root.pos_ == "ADV"
    return not (is_fraction(span) or is_age(span) or is_valueless_noise(span))


WHOLE_TIME_WORD_RE = re.compile(
    TIME_WORD_RE.pattern.replace(r"\d|\b(?:", r"\b(?:", 1) + r"(?:s|ly|y|ies)?\b", re.IGNORECASE
)
POSSESSIVES = frozenset("his her their my your our its".split())


def is_valueless_noise(span: SpacySpan) -> bool:
    """A number or a word fragment ("the 80486", "99 cents", "seasonally") with no whole time word that
    does not normalise either: no time expression."""
    text = span.text.lower()
    return not (WHOLE_TIME_WORD_RE.search(text) or text == "the latest period" or has_value(span))


def is_fraction(span: SpacySpan) -> bool:
    """ "(more than) a quarter of the market" is a fraction, not a calendar quarter ("a quarter of a
    century", "a quarter of 1990" stay)."""
    if not re.search(r"\b(?:a|one|three)[- ]quarters?$", span.text, re.IGNORECASE):
        return False
    after = span.doc[span.end : span.end + 3]
    if len(after) < 2 or after[0].lower_ != "of" or after[1].like_num:
        return False
    return not any(WHOLE_TIME_WORD_RE.search(token.text) for token in after[1:])


def is_age(span: SpacySpan) -> bool:
    """ "in his 30s", "her early twenties": an age, which TimeML does not mark."""
    if not re.fullmatch(r"(?:(?:early|mid|late)[- ]?)?(?:\d0'?s|\w+ties)", span.text, re.IGNORECASE):
        return False
    return span.start > 0 and span.doc[span.start - 1].lower_ in POSSESSIVES


@lru_cache(maxsize=1)
def reference_phrases() -> frozenset[str]:
    """Multi-word present / past / future references with no time word ("the short term", "a later
    date"): TIMEX3 marks them (FUTURE_REF…) although no calendar word is in them."""
    w = words()
    return frozenset(p for key in ("present", "past", "future") for p in w[key] if " " in p) & frozenset(
        w["standalone"]
    )


def is_generic_present(span: SpacySpan) -> bool:
    """ "today's world", "today's youth": the present age in general, not the publication day, which
    TimeBank leaves unmarked ("today's meeting", "tomorrow's vote" stay)."""
    root = span.root
    if len(span) != 1 or root.lower_ not in ("today", "tomorrow") or root.dep_ != "poss":
        return False
    return root.head.lower_ in words()["generic_present_heads"]


MARCH_AFTER = frozenset(("for", "on", "against"))


def is_march_event(span: SpacySpan) -> bool:
    """ "the annual March for Life", "the March on Washington": a march, not the month."""
    doc = span.doc
    if span.text not in ("March", "MARCH") or span.end >= len(doc) or doc[span.end].lower_ not in MARCH_AFTER:
        return False
    before = doc[max(0, span.start - 3) : span.start]
    return any(t.lower_ in ("the", "a", "this", "that") for t in before) and not any(
        t.like_num for t in before
    )


ANAPHORIC_DAY_RE = re.compile(r"(?:the|this|that) day", re.I)


def is_generic(span: SpacySpan) -> bool:
    """A bare "the day" / "that day": anaphoric to an event rather than a date TimeBank would mark
    (a third of them are), and its value cannot be told from the publication date."""
    return bool(ANAPHORIC_DAY_RE.fullmatch(span.text))


def find_times(doc: Doc) -> list[tuple[int, int]]:
    """Character spans (start, end) of the time expressions in ``doc``, sorted, without overlaps: of two
    overlapping candidates the one that normalises wins, then the longer."""
    spans = sorted(
        (s for s in candidate_spans(doc) if is_timex(s)), key=lambda s: (s.start_char, -len(s.text))
    )
    chosen: list[SpacySpan] = []
    for span in spans:
        if chosen and span.start_char < chosen[-1].end_char:
            if has_value(span) and not has_value(chosen[-1]):
                chosen[-1] = span
            continue
        chosen.append(span)
    return [(s.start_char, s.end_char) for s in chosen]


def has_value(span: SpacySpan) -> bool:
    """True when the expression normalises to some value (against an arbitrary anchor)."""
    return normalise(span.text, date(2000, 6, 15)).value is not None


FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "might", "may", "should", "can", "must", "'d"}
PERFECT_AUX = {"has", "have", "had", "'ve"}
PLAN_WORDS = frozenset(
    "plan schedule due set expect intend aim prepare agree promise vow threaten decide likely".split()
)
LOOK_AHEAD = frozenset(("until", "till", "til", "effective"))
CLAUSE_DEPS = frozenset("xcomp advcl ccomp csubj relcl acl conj pcomp".split())


def governing_verb(token: Any) -> Any | None:
    """The first verb at or above ``token`` in the parse; None when the sentence has none."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def auxiliaries(verb: Any) -> set[str]:
    """The lowercased auxiliaries of a verb ("has", "will", "to"…)."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def tense_of(span: SpacySpan) -> Tense:
    """The tense of the clause a time expression sits in: its governing verb's tag and auxiliaries
    (perfect counts as past; an infinitive takes its tense from the verb it depends on)."""
    if span.root.dep_ == "poss":
        return None
    verb = governing_verb(span.root)
    return verb_tense(verb) if verb is not None else None


def verb_tense(verb: Any) -> Tense:
    """Past, present or future of one verb: "had left", "has said", "(the year) ended" are past,
    "will meet" future, "plans to", "planned a rally (on Saturday)" look ahead; "to expire" and "(has
    fluctuated,) rising" depend on the verb above."""
    lowers = auxiliaries(verb)
    if "had" in lowers or (verb.tag_ == "VBN" and verb.dep_ == "acl"):
        return "past"
    if verb.lemma_ in ("plan", "schedule") and (
        verb.tag_ in ("VBZ", "VBP") or any(c.dep_ == "dobj" for c in verb.children)
    ):
        return "future"
    if lowers & PERFECT_AUX:
        return "past"
    if lowers & FUTURE_AUX:
        return "future"
    if verb.tag_ == "VB" and ("to" in lowers or verb.dep_ in CLAUSE_DEPS):
        return infinitive_tense(verb)
    if verb.tag_ == "VBG" and not lowers and verb.dep_ in CLAUSE_DEPS:
        head = governing_verb(verb.head)
        return verb_tense(head) if head is not None and head.i != verb.i else "present"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return "past"
    return "present"


def infinitive_tense(verb: Any) -> Tense:
    """ "(planned) to leave Thursday", "(is) to resume Tuesday" look ahead, "(staged celebrations) to mark
    Friday's entry" and "(had been due) to expire Friday" look back: plans look ahead, else the verb above."""
    token, planned = verb.head, False
    while token.i != verb.i and token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        planned = planned or token.lemma_ in PLAN_WORDS
        token = token.head
    if token.i == verb.i or token.pos_ not in ("VERB", "AUX"):
        return "future"
    if "had" in auxiliaries(token):
        return "past"
    if planned or token.lemma_ in PLAN_WORDS or (token.lemma_ == "be" and verb.dep_ == "xcomp"):
        return "future"
    return verb_tense(token)


# ---------------------------------------------------------------- discourse anchoring

RELATIVE_RE = re.compile(r"\b(?:ago|earlier|later|before|after|previous|following|that|same)\b", re.I)
GRAIN_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
GRAIN_CODE = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def reference_start(ref: Timex) -> date | None:
    """The first day of a specific reference value (2025, 2025-04, 2025-Q2, 2025-04-13)."""
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|Q([1-4])))?", ref.value or "")
    if not m:
        return None
    year, month, day, quarter = m.groups()
    month_n = int(month) if month else (int(quarter) * 3 - 2 if quarter else 1)
    return date(int(year), month_n, int(day) if day else 1)


def in_context(text: str, found: Timex, ref: Timex | None, quarter: Timex | None = None) -> Timex:
    """Re-anchor what TIMEX3 resolves against the last mentioned time rather than the publication date:
    "a year earlier" after "the third quarter" is last year's third quarter; "that year", "the following
    month" and "two days later" count from the time last talked about."""
    t = core(text)
    quarter_start = reference_start(quarter) if quarter else None
    if quarter_start is not None:
        adjusted = in_quarter_context(tidy(text), found, quarter_start)
        if adjusted is not found:
            return adjusted
    start = reference_start(ref) if ref else None
    if ref is None or start is None:
        return found
    if found.type != "DATE":
        return found
    if ref.granularity == "day" and (weekday := weekday_from_reference(t, start)):
        return weekday
    m = re.fullmatch(
        r"(?:(?:that|the same|the following|the next|the previous|the prior|the preceding)\s+)"
        r"(?P<unit>day|week|month|quarter|year)|(?P<num>an?|one|two|three|\d+)\s+(?P<unit2>day|week|"
        r"month|year)s?\s+(?P<dir>earlier|later|before|after)",
        t,
    )
    if not m:
        return found
    unit = m.group("unit") or m.group("unit2")
    if GRAIN_ORDER[unit] < GRAIN_ORDER.get(ref.granularity, -1):
        return found
    n = 0 if t.startswith(("that", "the same")) else -1 if re.search(r"previous|prior|preceding", t) else 1
    if m.group("num"):
        count = parse_number(m.group("num")) or 1
        n = int(count) * (-1 if m.group("dir") in ("earlier", "before") else 1)
    return shifted(start, GRAIN_CODE[unit], n)


REFERENCE_WEEKDAY_RE = re.compile(
    rf"the (?P<dir>previous|preceding|prior|following) (?P<wd>{WEEKDAY_NAMES})", re.IGNORECASE
)


def weekday_from_reference(t: str, day: date) -> Timex | None:
    """ "down 4.5% from the previous Friday", after Friday's close was told: the weekday before (or, with
    "the following", after) the day last talked about, not the one nearest the publication date."""
    m = REFERENCE_WEEKDAY_RE.fullmatch(t)
    if not m:
        return None
    weekday = words()["weekdays"][m.group("wd").lower()]
    direction = "last" if m.group("dir").lower() != "following" else "next"
    return Timex("DATE", weekday_date(day, weekday, direction, None).isoformat(), "day")


def in_quarter_context(t: str, found: Timex, start: date) -> Timex:
    """After a quarter was named: "a year earlier" / "the year-ago period" is that quarter last year,
    "the 1988 period" that quarter of 1988, "the quarter" / "that quarter" the quarter itself."""
    quarter = (start.month - 1) // 3 + 1
    if re.search(r"\byear (?:ago|earlier|before)\b|^the \w+ period last year$", t) and not re.search(
        r"\bmonths\b", t
    ):
        return Timex("DATE", f"{start.year - 1}-Q{quarter}", "quarter")
    year = re.fullmatch(r"(?:the )?(\d{4}) (?:period|quarter)", t)
    if year:
        return Timex("DATE", f"{year.group(1)}-Q{quarter}", "quarter")
    if re.fullmatch(r"(?:the|this|that|the same) quarter|the (?:latest|same|comparable) period", t):
        return Timex("DATE", f"{start.year}-Q{quarter}", "quarter")
    return found


DAY_WORD_RE = re.compile(
    rf"\d{{4}}|\b(?:today|tonight|yesterday|tomorrow|this|last|next|{MONTH_NAMES}|"
    rf"{WEEKDAY_NAMES})",
    re.IGNORECASE,
)


def on_reference_day(text: str, found: Timex, ref: Timex | None) -> Timex:
    """A clock time or a definite part of day said without its day ("10:35 a.m.", "the morning") happens
    on the day last talked about, not necessarily on the publication day (TimeML anchors it in discourse);
    "overnight", "tonight" stay with the publication day."""
    if found.type != "TIME" or not found.value or ref is None or ref.granularity != "day":
        return found
    if DAY_WORD_RE.search(text) or not re.fullmatch(r"\d{4}-\d\d-\d\d", ref.value or ""):
        return found
    if not re.search(r"\d|\b(?:noon|midnight|midday)\b|^(?:in\s+|during\s+)?the\s", text, re.I):
        return found
    return Timex("TIME", f"{ref.value}{found.value[10:]}", found.granularity)


def range_end(text: str, found: Timex, ref: Timex | None) -> Timex:
    """The bare "25" of "April 24 and 25" is a day of the month just named."""
    if found.value is not None or ref is None or not re.fullmatch(r"\d{1,2}", text.strip()):
        return found
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", ref.value or ""):
        return found
    try:
        day = date(int(ref.value[:4]), int(ref.value[5:7]), int(text))  # type: ignore[index]
    except ValueError:
        return found
    return Timex("DATE", day.isoformat(), "day")


SHARED_POD_RE = re.compile(
    rf"\s+(?:and|or)\s+(?:on\s+)?{WEEKDAY_NAMES}\s+(?P<pod>morning|afternoon|evening|night)s\b", re.IGNORECASE
)


def shared_recurrence(text: str, found: Timex, after: str) -> Timex:
    """ "Monday and Tuesday nights": the first weekday shares the recurring part of day (SET)."""
    m = SHARED_POD_RE.match(after)
    if not m or not WEEKDAY_RE.fullmatch(text.strip()):
        return found
    return weekday_set(f"{text.strip().lower()} {m.group('pod').lower()}s") or found


ENDED_AFTER_RE = re.compile(r"\s+(?:ended|ending)\b")  # "the quarter ended Sept. 30", "the year ending …"


def as_period(found: Timex, text: str, after: str) -> Timex:
    """ "the year ended Sept. 30" is a year-long period (DURATION P1Y), not the calendar year."""
    if found.granularity == "year" and re.search(r"\byear$", text, re.I) and ENDED_AFTER_RE.match(after):
        return Timex("DURATION", "P1Y", "duration")
    return found


QUARTER_ENDED_RE = re.compile(rf"\s+ended\s+(?P<m>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})\b", re.IGNORECASE)


def quarter_ended(found: Timex, text: str, after: str, anchor: date | None) -> Timex:
    """ "the quarter ended July 31", no quarter named before (a fiscal one would set the label), is the
    calendar quarter holding most of its three months, the one six weeks before its last day (2nd)."""
    m = QUARTER_ENDED_RE.match(after)
    bare = re.fullmatch(r"(?:the|its|that|the latest) quarter", tidy(text).lower())
    if anchor is None or not m or not bare:
        return found
    month, day = words()["months"][m.group("m").lower()], int(m.group("d"))
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    try:
        middle = date(year, month, day) - timedelta(days=45)
    except ValueError:
        return found
    return Timex("DATE", f"{middle.year}-Q{(middle.month - 1) // 3 + 1}", "quarter")


def latest_period(text: str, found: Timex, anchor: date | None) -> Timex:
    """ "the latest period" with no quarter named before is the latest reporting quarter, as "the latest
    quarter" is (the last complete quarter before the publication date)."""
    if found.value is not None or tidy(text).lower() != "the latest period":
        return found
    return normalise("the latest quarter", anchor, "past")


ZONE_AFTER_RE = re.compile(r"\s*(?:GMT|UTC|Z\b)")


def zoned_clock(text: str, found: Timex, after: str, anchor: date | None) -> Timex:
    """ "0735 GMT" is a 24-hour clock time (TIME), not the year 735."""
    m = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d)", text.strip())
    if not m or anchor is None or not ZONE_AFTER_RE.match(after):
        return found
    return Timex("TIME", f"{anchor.isoformat()}T{m.group(1)}:{m.group(2)}", "time")


def is_reference(found: Timex) -> bool:
    """A specific calendar value later expressions may count from."""
    return (
        found.type == "DATE"
        and found.granularity in GRAIN_ORDER
        and bool(re.match(r"\d{4}", found.value or ""))
    )


def resolve(ctx: Context, start: int, end: int, anchor: date | None, refs: dict[str, Timex]) -> Timex:
    """Normalise one found expression in its clause and discourse, updating the reference times
    (only from expressions that stand on their own: "the quarter" read in context is no new reference;
    a quarter still to come is no reporting period that "the year-ago period" could mean)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    text, after = ctx.mapped.text[start:end], ctx.mapped.text[end : end + 24]
    tense = clause_tense(span) if span is not None else None
    base = normalise(text, anchor, tense)
    found = in_context(text, base, refs.get("last"), refs.get("quarter"))
    found = latest_period(text, found, anchor)
    found = zoned_clock(text, found, after, anchor)
    found = on_reference_day(text, found, refs.get("last"))
    found = range_end(text, found, refs.get("last"))
    found = as_period(found, text, after)
    found = shared_recurrence(text, found, after)
    if "quarter" not in refs:
        found = quarter_ended(found, text, after, anchor)
    if is_reference(base) and found == base and not RELATIVE_RE.search(text):
        refs["last"] = base
        if base.granularity == "quarter" and is_reporting_quarter(base, anchor, tense, after):
            if not is_side_quarter(base, refs.get("quarter"), after):
                refs["quarter"] = base
    if is_multi_quarter_period(found):
        refs.pop("quarter", None)
    return found


def is_multi_quarter_period(found: Timex) -> bool:
    """A reporting period longer than a quarter ("the nine months", "the first half" as P6M): what is
    compared "a year earlier" after it is the same stretch last year, not the quarter named before."""
    if found.type == "DATE":
        return bool(re.fullmatch(r"\d{4}-H[12]", found.value or ""))
    return found.type == "DURATION" and found.value in ("P6M", "P9M")


def is_side_quarter(quarter: Timex, current: Timex | None, after: str) -> bool:
    """An earlier quarter mentioned after the one results are reported for ("after a flat second
    quarter", third-quarter results being told) is a comparison: "a year ago" still means the latter
    (unless the text names its end: "the second quarter ended Oct. 31")."""
    if current is None or ENDED_AFTER_RE.match(after):
        return False
    return (quarter.value or "") < (current.value or "")


def is_reporting_quarter(quarter: Timex, anchor: date | None, tense: Tense, after: str) -> bool:
    """True for a quarter results are reported for: one that ended by the anchor date (or the anchor is
    unknown); the quarter under way only when said to have ended or told of in the past tense (a fiscal
    quarter: "fourth quarter ended Aug. 26", "reported a decline in fourth-quarter earnings")."""
    start = reference_start(quarter)
    if anchor is None or start is None:
        return anchor is None
    if date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1) <= anchor:
        return True
    return start <= anchor and (tense == "past" or bool(ENDED_AFTER_RE.match(after)))


def clause_tense(span: SpacySpan) -> Tense:
    """The clause's tense, except that "until Tuesday", "effective Feb. 1" look ahead (unless "had")."""
    tense = tense_of(span)
    verb = governing_verb(span.root)
    past_perfect = verb is not None and "had" in auxiliaries(verb)
    if span.start > 0 and span.doc[span.start - 1].lower_ in LOOK_AHEAD and not past_perfect:
        return "future"
    if tense == "present" and verb is not None and is_scheduled(verb, span):
        return "future"
    return tense


WEEKDAY_RE = re.compile(rf"\b{WEEKDAY_NAMES}\b", re.IGNORECASE)
STATIVE_LEMMAS = frozenset("be have say tell report seem appear remain know think believe".split())
# present and past alike ("stocks hurt the index Friday"): the tag cannot tell a schedule from a report
SAME_IN_PAST = frozenset(
    "hurt cut put set hit cost let quit spread shut bet bid burst cast split shed upset broadcast forecast "
    "read beat".split()
)
NOT_SCHEDULES = STATIVE_LEMMAS | SAME_IN_PAST


def is_scheduled(verb: Any, span: SpacySpan) -> bool:
    """ "Arafat and Albright meet Monday", "the summit opens Tuesday": a bare present-tense action with a
    weekday is a schedule, so the weekday is the coming one (news tells past days in the past tense)."""
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_ in NOT_SCHEDULES:
        return False
    if not WEEKDAY_RE.search(span.text):
        return False
    return not any(child.dep_ in ("aux", "auxpass") for child in verb.children)


@register("times", field="times", requires=("token.lemma", "token.dep", "doc.ents"))
def extract_times(ctx: Context) -> list[TimeExpression]:
    """Every time expression of the article, normalised TIMEX3-style against its publication date."""
    anchor = anchor_date(ctx.article.published)
    times: list[TimeExpression] = []
    refs: dict[str, Timex] = {}
    for start, end in find_times(ctx.doc):
        found = resolve(ctx, start, end, anchor, refs)
        times.append(
            TimeExpression(
                id=ctx.new_id("t", len(times)),
                span=ctx.span(start, end),
                type=found.type,  # type: ignore[arg-type]
                value=found.value,
                granularity=found.granularity,
                anchor=anchor.isoformat() if anchor else None,
            )
        )
    return times
