"""Vocabulary and patterns: the Timex tuple, the shipped time words and the regexes built from them."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from according.data import load
from according.extract.numbers import VAGUE as VAGUE  # one number parser: its vague count

Tense = Literal["past", "present", "future"] | None
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
TZ_RE = re.compile(
    r"\b(?:[ecmp][sd]?t|gmt|utc|bst|cet|local time|(?:eastern|pacific|central|mountain|"
    r"greenwich mean) (?:standard |daylight )?time)\b"
)


class Timex(NamedTuple):
    """A normalised time expression: TIMEX3 type, value (None when unknown) and granularity; a SET also
    carries TimeML's ``quant`` ("EVERY", "EACH") and ``freq`` ("2X" of "twice a week": value P1W)."""

    type: str
    value: str | None
    granularity: str
    quant: str | None = None
    freq: str | None = None


def words() -> dict[str, Any]:
    """The shipped vocabulary (numbers, units, reference words, months, holidays…): data/time_words.json."""
    return load("time_words.json")  # type: ignore[no-any-return]


PAST_DIRS = frozenset(words()["past_dirs"])
NEXT_DIRS = frozenset(words()["next_dirs"])


def alternation(keys: Any) -> str:
    """A regex alternation of ``keys``, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


@lru_cache(maxsize=1)
def unit_words() -> str:
    """A regex alternation of the unit words ("day", "second", … "decade"), abbreviations ("sec", "hr")
    left out: a word cut short from another of the same unit, or of two letters."""
    units = words()["units"]
    whole = [
        u
        for u in units
        if len(u) > 2 and not any(v != u and v.startswith(u) and units[v] == units[u] for v in units)
    ]
    return alternation(whole)


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
            rf"^(?P<num>.*?)\s*(?P<unit>{unit})s?(?P<half>\s+and a half)?\s+"
            r"(?P<dir>ago|earlier|before|later|after|"
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
            rf"^(?:(?P<day>this|today|yesterday|tomorrow|last|the same|that same|the|that|tonight)\s+)?"
            rf"(?P<pod>{pod})"
            rf"(?:\s+(?P<day2>today|yesterday|tomorrow))?$"
        ),
        "day": re.compile(
            r"^(?P<day>today|yesterday|tomorrow|tonight|the day before yesterday|the day after "
            r"tomorrow|the day)$"
        ),
        "clock": re.compile(
            r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>[ap]\.?\s?m\b\.?|o'clock|"
            r"in the (?:morning|afternoon|evening|night))|\b(?P<h24>\d{1,2}):(?P<mi24>\d\d)\b|"
            r"\b(?P<word>noon|midnight|midday)\b|"
            rf"\b(?P<hp>\d{{1,2}})"
            rf"(?=\s+(?:tonight|(?:this|that|last|the same|tomorrow|yesterday)\s+(?:{pod})))"
        ),
        "quarter": re.compile(r"\bquarter\b"),
        "half": re.compile(
            rf"^(?:the\s+)?(?P<which>first|second|1st|2nd|last|latter|final)\s+half(?:\s+of\s+"
            rf"(?:the\s+)?(?:(?P<rel>this|last|next|the) year|(?:fiscal\s+)?(?P<y>{year})))?$"
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


MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
WEEKDAY_NAMES = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
