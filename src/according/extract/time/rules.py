"""Rules: text preparation and one rule per kind of expression, each returning a Timex or None, in ``RULES``
order; dateparser for explicit dates the rules leave; ``normalise`` is the entry point."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from according.extract.time.calendar import (
    duration,
    iso_week,
    parse_number,
    pick_year,
    quarter_of,
    shift_quarter,
    shifted,
    spelled_year,
    unit_code,
    year_of,
)
from according.extract.time.vocabulary import (
    NEXT_DIRS,
    PAST_DIRS,
    SMALLER,
    TZ_RE,
    UNIT_GRANULARITY,
    VAGUE,
    WEEKDAY_NAMES,
    Tense,
    Timex,
    alternation,
    patterns,
    unit_words,
    words,
)


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


@lru_cache(maxsize=1)
def spelled_day_re() -> re.Pattern[str]:
    """A month with a day said as an ordinal word: "march eighth", "the fourth of july", "may twenty
    third"."""
    w = words()
    month = alternation(w["months"])
    ordinal = alternation(k for k, v in w["ordinals"].items() if k.isalpha() and v > 0)
    day = rf"(?:(?:twenty|thirty) )?(?:{ordinal})"
    return re.compile(
        rf"\b(?P<m>{month})\.? (?:the )?(?P<d>{day})\b|\b(?:the )?(?P<d2>{day}) of (?P<m2>{month})\b"
    )


def digit_days(t: str) -> str:
    """Days of the month said as ordinal words become digits: "the fourth of july" -> "july 4"."""

    def swap(match: re.Match[str]) -> str:
        *tens, last = (match.group("d") or match.group("d2")).split()
        base = parse_number(tens[0]) if tens else 0.0
        day = int(base or 0) + words()["ordinals"][last]
        return f"{match.group('m') or match.group('m2')} {day}" if 1 <= day <= 31 else match.group(0)

    return spelled_day_re().sub(swap, t)


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
    t = digit_days(digit_years(tidy(text)))
    t = strip_prefixes(t, w["modifiers"])
    t = re.sub(r"^the (?=(?:early|late|mid|middle)\b)", "", t)
    if re.match(r"^(?:early|late|mid)\s+(?!\d+\s)", t) or any(t.startswith(p + " ") for p in w["positions"]):
        t = strip_prefixes(t, w["positions"] + w["modifiers"])
    t = re.sub(r"^(?:mid|early|late)\s*(?=1\d\d\d|20\d\d)", "", t).strip()
    t = re.sub(r"\s+or so\b", "", t)
    t = re.sub(rf"(?<=s)\s+(?:or|and)\s+(?:{unit_words()})s$", "", t)  # weeks or months: weeks
    return re.sub(r"\s+(?:and beyond|or more|or longer|at least|period)$", "", t)


# ---------------------------------------------------------------- rules: each returns a Timex or None

Rule = Callable[[str, date | None, Tense], Timex | None]


def rule_reference(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """now / recently / the future -> PRESENT_REF, PAST_REF, FUTURE_REF; a while -> PXX (TimeBank's
    duration of unknown length and unit)."""
    w = words()
    if t in w["vague_durations"]:
        return Timex("DURATION", w["vague_durations"][t], "duration")
    for key, value in (("present", "PRESENT_REF"), ("past", "PAST_REF"), ("future", "FUTURE_REF")):
        if t in w[key]:
            return Timex("DATE", value, "unknown")
    return None


def rule_set(t: str, anchor: date | None, tense: Tense) -> Timex | None:
    """daily, every week, each July, every morning, every summer, Tuesdays, twice a year -> SET, with
    TimeML's quant (EVERY, EACH) and freq ("twice a week": value P1W, freq 2X)."""
    w = words()
    if t in w["sets"]:
        return Timex("SET", w["sets"][t], "set")
    m = re.match(
        r"^(?:(?P<times>once|twice|thrice|\w+ times)\s+)?(?P<q>every|each|per|a|an)\s+"
        r"(?P<other>other\s+)?(?P<rest>.+)$",
        t,
    )
    if not m or (t.startswith(("a ", "an ")) and not re.match(r"^(?:once|twice|thrice|\w+ times)", t)):
        return weekday_set(t)
    found = recurrence(m.group("rest"))
    if found is None:
        return None
    if m.group("other") and re.fullmatch(r"P1[DWMY]", found.value or ""):  # every other week -> P2W
        found = found._replace(value=f"P2{found.value[-1]}")  # type: ignore[index]
    quant = m.group("q").upper() if m.group("q") in ("every", "each") else None
    return found._replace(quant=quant, freq=frequency(m.group("times")))


def frequency(times: str | None) -> str | None:
    """TimeML's freq of "once", "twice", "three times": 1X, 2X, 3X (None when not said)."""
    if not times:
        return None
    n = {"once": 1.0, "twice": 2.0, "thrice": 3.0}.get(times) or parse_number(times.removesuffix(" times"))
    return f"{int(n)}X" if n and n != VAGUE and n == int(n) else None


def recurrence(rest: str) -> Timex | None:
    """What recurs after "every" / "each" / "a": a month (XXXX-07), a part of day (XXXX-XX-XXTMO), a
    season (XXXX-SU), a weekday (XXXX-WXX-2), the weekend (XXXX-WXX-WE) or a counted unit (P2W)."""
    w = words()
    if rest in w["months"]:
        return Timex("SET", f"XXXX-{w['months'][rest]:02d}", "set")
    if rest in w["parts_of_day"]:  # every morning -> XXXX-XX-XXTMO
        return Timex("SET", f"XXXX-XX-XXT{w['parts_of_day'][rest]}", "set")
    if rest in w["seasons"]:  # every summer -> XXXX-SU
        return Timex("SET", f"XXXX-{w['seasons'][rest]}", "set")
    if weekday_set(rest + "s"):
        return weekday_set(rest + "s")
    num = re.match(r"^(?P<num>.+?)\s+(?P<unit>\w+)$", rest)
    n = parse_number(num.group("num")) if num else 1.0
    code = unit_code(num.group("unit") if num else rest)
    if code == "WE" and n == 1:  # every weekend
        return Timex("SET", "XXXX-WXX-WE", "set")
    if code and n:  # "every few weeks": a recurrence of vague period (PXW)
        return Timex("SET", duration(n, code), "set")
    return None


def weekday_set(t: str) -> Timex | None:
    """Plural weekdays or parts of day ("Tuesdays", "Tuesday nights") -> XXXX-WXX-2(TNI)."""
    w = words()
    if re.fullmatch(r"week ?ends", t):  # "on weekends"
        return Timex("SET", "XXXX-WXX-WE", "set")
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
    if not m or all(m.group(g) is None for g in ("h24", "h", "word", "hp")):
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
    part = re.fullmatch(r"(\d{4}-\d\d-\d\d)T([A-Z]{2})", day.value or "") if day.type == "TIME" else None
    if part:  # "8:30 tonight", "10 that night": the day of the part of day, the hour in it
        day, hhmm = Timex("DATE", part.group(1), "day"), clock_in_part_of_day(hhmm, m, part.group(2))
    if rest and (day.value is None or day.granularity != "day"):
        return None
    prefix = day.value if day.value else "XXXX-XX-XX"
    return Timex("TIME", f"{prefix[:10]}T{hhmm}", "time")


def clock_in_part_of_day(hhmm: str, m: re.Match[str], pod: str) -> str:
    """A clock time said with a later part of day and no a.m./p.m. ("8:30 tonight", "10 that night",
    "3 this afternoon") is in the afternoon or evening: 20:30, 22:00, 15:00."""
    hour = int(hhmm[:2])
    said = (m.group("ap") or "").startswith(("a", "p", "in "))  # a.m., p.m., in the morning
    if said or pod not in ("AF", "EV", "NI") or not 1 <= hour <= 11:
        return hhmm
    return f"{hour + 12:02d}{hhmm[2:]}"


def clock_value(m: re.Match[str]) -> str | None:
    """HH:MM from a clock match (12-hour with a.m./p.m., 24-hour, noon, midnight)."""
    if m.group("word"):
        return words()["clock_words"][m.group("word")]
    if m.group("h24") is not None:
        hour, minute = int(m.group("h24")), int(m.group("mi24"))
    elif m.group("hp") is not None:  # an hour before a part of day: "10 that night"
        hour, minute = int(m.group("hp")), 0
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
    offset = words()["day_offsets"][m.group("day")]
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
    if day == "last" and pod not in ("NI", "EV"):  # last night, last evening: yesterday's
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
    n, code = whole_units(n + 0.5 if m.group("half") and n != VAGUE else n, code)
    steps = int(round(n)) * (1 if forward else -1)
    if code in ("H", "TM", "S"):
        return Timex("DATE", anchor.isoformat(), "day")
    return shifted(anchor, code, steps)


def whole_units(n: float, code: str) -> tuple[float, str]:
    """A count that is no whole number of its unit, counted in years, or of years in months: "half a
    century" is 50 years, "a year and a half" 18 months (shorter units are rounded)."""
    multiple = re.fullmatch(r"(\d+)(\D+)", code)
    if n != int(n) and multiple:
        n, code = n * int(multiple.group(1)), multiple.group(2)
    if n != int(n) and code == "Y":
        small, factor = SMALLER[code]
        n, code = n * factor, small
    return n, code


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
    """the first half of 1990, the second half, the first half of the year -> 1990-H1."""
    m = patterns()["half"].match(t)
    if not m:
        return None
    which = 1 if m.group("which") in ("first", "1st") else 2
    year = year_of(m.group("y"), anchor) or (anchor.year if anchor else None)
    if year is not None and m.group("rel"):
        year += {"this": 0, "the": 0, "last": -1, "next": 1}[m.group("rel")]
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


DURATION_TAIL = frozenset(words()["duration_tail"])
DURATION_FILLERS = frozenset(words()["duration_fillers"])
DURATION_LEAD = frozenset(words()["duration_lead"])


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
    names = words()["decade_words"]
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
