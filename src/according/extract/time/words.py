"""TimeML values in plain words ("XXXX-WXX-5" → "Fridays", "P3D" → "3 days"), for people reading records.

The value stays the record's data; these words are only what the workbench shows beside it. A value these
patterns do not know is returned as it is.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from according.extract.time.vocabulary import words


def first_words(table: dict[str, Any]) -> dict[Any, str]:
    """code -> the first word the time vocabulary gives it ("NI" -> "night", 8 -> "august")."""
    named: dict[Any, str] = {}
    for word, code in table.items():
        named.setdefault(code, word)
    return named


PARTS_OF_DAY = first_words(words()["parts_of_day"])  # data/time_words.json, read by the extractor too
SEASONS = first_words(words()["seasons"])
WEEKDAYS = [first_words(words()["weekdays"])[n].title() for n in range(1, 8)]  # Monday first, as ISO numbers
MONTHS = [""] + [first_words(words()["months"])[n].title() for n in range(1, 13)]  # January at 1
HALVES = {"H1": "first half", "H2": "second half"}
REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
UNITS = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "E": "decade", "C": "century",
    "L": "millennium", "H": "hour", "MIN": "minute", "S": "second", "WE": "weekend",
}  # fmt: skip

DURATION = re.compile(r"P(T)?(\d+(?:\.\d+)?|X)(Y|M|W|D|Q|E|C|L|H|S|WE)")
YEAR = r"(\d{4}|XXXX)"
DAY_TIME = re.compile(rf"{YEAR}-(\d\d)-(\d\d)T(?:(\d\d):(\d\d)|(MO|MI|AF|EV|NI|DT))")
WEEK = re.compile(rf"{YEAR}-W(\d\d?|XX)(?:-(\d|WE))?")
PERIOD = re.compile(rf"{YEAR}-(Q\d|QX|H[12]|SP|SU|FA|WI)")
MONTH = re.compile(rf"{YEAR}-(\d\d)")


def timex_words(value: str | None) -> str:
    """Plain words for a TIMEX3 value; the value itself when no pattern here reads it."""
    if not value:
        return ""
    for reader in (reference, duration, calendar_day, day_time, week, period, month, decade_or_year):
        words = reader(value)
        if words:
            return words
    return value


def reference(value: str) -> str | None:
    """PRESENT_REF → now, PAST_REF → the past, FUTURE_REF → the future."""
    return REFERENCES.get(value)


def duration(value: str) -> str | None:
    """P3D → 3 days, PXM → months, PT2H → 2 hours, P1Y → 1 year."""
    match = DURATION.fullmatch(value)
    if not match:
        return None
    clock, amount, unit = match.groups()
    name = UNITS["MIN"] if clock and unit == "M" else UNITS[unit]
    if amount == "X":
        return plural(name)
    return f"{amount} {name if amount == '1' else plural(name)}"


def plural(unit: str) -> str:
    """century → centuries, millennium → millennia, day → days."""
    return {"century": "centuries", "millennium": "millennia"}.get(unit, unit + "s")


def calendar_day(value: str) -> str | None:
    """2025-08-15 → Friday 15 August 2025; XXXX-08-15 → 15 August."""
    match = re.fullmatch(rf"{YEAR}-(\d\d)-(\d\d)", value)
    if not match:
        return None
    year, month, day = match.groups()
    if not 1 <= int(month) <= 12:
        return None
    if year == "XXXX":
        return f"{int(day)} {MONTHS[int(month)]}"
    try:
        weekday = WEEKDAYS[calendar.weekday(int(year), int(month), int(day))]
    except ValueError:
        return None
    return f"{weekday} {int(day)} {MONTHS[int(month)]} {year}"


def day_time(value: str) -> str | None:
    """2025-08-15T14:30 → Friday 15 August 2025, 14:30; …TNI → …, night."""
    match = DAY_TIME.fullmatch(value)
    if not match:
        return None
    year, month, day, hour, minute, part = match.groups()
    when = calendar_day(f"{year}-{month}-{day}")
    if when is None:
        return None
    return f"{when}, {PARTS_OF_DAY[part] if part else f'{hour}:{minute}'}"


def week(value: str) -> str | None:
    """XXXX-WXX-5 → Fridays; 2025-W33 → week 33 of 2025; 2025-W33-WE → the weekend of week 33 of 2025."""
    match = WEEK.fullmatch(value)
    if not match:
        return None
    year, number, day = match.groups()
    if number == "XX":
        if day and day.isdigit() and 1 <= int(day) <= 7:
            return WEEKDAYS[int(day) - 1] + "s" if year == "XXXX" else f"a {WEEKDAYS[int(day) - 1]} in {year}"
        return "weekends" if day == "WE" else (f"a week in {year}" if year != "XXXX" else None)
    where = f"week {int(number)}" + (f" of {year}" if year != "XXXX" else "")
    if day == "WE":
        return f"the weekend of {where}"
    if day:
        return f"{WEEKDAYS[int(day) - 1]} of {where}" if 1 <= int(day) <= 7 else None
    return where


def period(value: str) -> str | None:
    """2025-Q3 → Q3 2025; 2025-SU → summer 2025; 2025-H1 → first half of 2025."""
    match = PERIOD.fullmatch(value)
    if not match:
        return None
    year, part = match.groups()
    year_words = "" if year == "XXXX" else f" {year}"
    if part == "QX":
        return f"a quarter of{year_words}" if year_words else None
    if part.startswith("Q"):
        return f"{part}{year_words}"
    if part in HALVES:
        return f"{HALVES[part]} of{year_words}" if year_words else HALVES[part]
    return f"{SEASONS[part]}{year_words}"


def month(value: str) -> str | None:
    """2025-08 → August 2025; XXXX-08 → August."""
    match = MONTH.fullmatch(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    year, number = match.groups()
    return MONTHS[int(number)] + ("" if year == "XXXX" else f" {year}")


def decade_or_year(value: str) -> str | None:
    """2025 → 2025; 196 → the 1960s; 19 → the 1900s (the 20th century)."""
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"the {value}00s"
    return None
