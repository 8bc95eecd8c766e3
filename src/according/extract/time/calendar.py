"""Numbers and calendar arithmetic: counts in words or digits, months, weeks, quarters, ISO durations."""

from __future__ import annotations

import re
from datetime import date, timedelta

from according.extract.numbers import parse_number
from according.extract.time.vocabulary import (
    SMALLER,
    TIME_UNITS,
    UNIT_GRANULARITY,
    VAGUE,
    Tense,
    Timex,
    words,
)


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
    """ISO 8601 / TIMEX3 duration: (2, "Y") -> P2Y, (5.5, "H") -> PT5H30M, VAGUE -> PXY; an uncounted
    number of centuries or millennia keeps TimeML's unit letter (PXC, PXL), as years cannot say it."""
    if n == VAGUE and code in words()["long_unit_letters"]:
        return f"PX{words()['long_unit_letters'][code]}"
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
