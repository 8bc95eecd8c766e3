"""Anchoring and resolution: the passes that read an expression in its discourse (the time last talked
about, the quarter results are reported for, the words right after it), listed in order in ``PASSES``."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, NamedTuple

from spacy.tokens import Span as SpacySpan

from according.context import Context
from according.extract.time.calendar import duration, parse_number, shifted, unit_code
from according.extract.time.rules import core, normalise, tidy, weekday_date, weekday_set
from according.extract.time.spans import LOOK_AHEAD, auxiliaries, governing_verb, tense_of
from according.extract.time.vocabulary import MONTH_NAMES, WEEKDAY_NAMES, Tense, Timex, unit_words, words

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


class Where(NamedTuple):
    """What a resolution pass may read: the expression's text, the words right after it, the anchor date,
    the time last talked about, the quarter results are being reported for, and the word before it with
    its part-of-speech tag."""

    text: str
    after: str = ""
    anchor: date | None = None
    last: Timex | None = None
    quarter: Timex | None = None
    before: tuple[str, str] = ("", "")


Pass = Callable[[Timex, Where], Timex]


def in_context(found: Timex, at: Where) -> Timex:
    """Re-anchor what TIMEX3 resolves against the last mentioned time rather than the publication date:
    "a year earlier" after "the third quarter" is last year's third quarter; "that year", "the following
    month" and "two days later" count from the time last talked about."""
    text, ref, quarter = at.text, at.last, at.quarter
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


def on_reference_day(found: Timex, at: Where) -> Timex:
    """A clock time or a definite part of day said without its day ("10:35 a.m.", "the morning", "that
    night") happens on the day last talked about, not necessarily on the publication day (TimeML anchors
    it in discourse); "overnight", "tonight" stay with the publication day."""
    text, ref = at.text, at.last
    if found.type != "TIME" or not found.value or ref is None or ref.granularity != "day":
        return found
    if DAY_WORD_RE.search(text) or not re.fullmatch(r"\d{4}-\d\d-\d\d", ref.value or ""):
        return found
    if not re.search(r"\d|\b(?:noon|midnight|midday)\b|^(?:in\s+|during\s+)?(?:the|that)\s", text, re.I):
        return found
    return Timex("TIME", f"{ref.value}{found.value[10:]}", found.granularity)


def range_end(found: Timex, at: Where) -> Timex:
    """The bare "25" of "April 24 and 25" is a day of the month just named."""
    text, ref = at.text, at.last
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


def shared_recurrence(found: Timex, at: Where) -> Timex:
    """ "Monday and Tuesday nights": the first weekday shares the recurring part of day (SET)."""
    text, after = at.text, at.after
    m = SHARED_POD_RE.match(after)
    if not m or not WEEKDAY_RE.fullmatch(text.strip()):
        return found
    return weekday_set(f"{text.strip().lower()} {m.group('pod').lower()}s") or found


ENDED_AFTER_RE = re.compile(r"\s+(?:ended|ending)\b")  # "the quarter ended Sept. 30", "the year ending …"


def as_period(found: Timex, at: Where) -> Timex:
    """ "the year ended Sept. 30" is a year-long period (DURATION P1Y), not the calendar year."""
    text, after = at.text, at.after
    if found.granularity == "year" and re.search(r"\byear$", text, re.I) and ENDED_AFTER_RE.match(after):
        return Timex("DURATION", "P1Y", "duration")
    return found


QUARTER_ENDED_RE = re.compile(rf"\s+ended\s+(?P<m>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})\b", re.IGNORECASE)


def quarter_ended(found: Timex, at: Where) -> Timex:
    """ "the quarter ended July 31", no quarter named before (a fiscal one would set the label), is the
    calendar quarter holding most of its three months, the one six weeks before its last day (2nd)."""
    text, after, anchor = at.text, at.after, at.anchor
    if at.quarter is not None:
        return found
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


def latest_period(found: Timex, at: Where) -> Timex:
    """ "the latest period" with no quarter named before is the latest reporting quarter, as "the latest
    quarter" is (the last complete quarter before the publication date)."""
    if found.value is not None or tidy(at.text).lower() != "the latest period":
        return found
    return normalise("the latest quarter", at.anchor, "past")


ZONE_AFTER_RE = re.compile(r"\s*(?:GMT|UTC|Z\b)")


def zoned_clock(found: Timex, at: Where) -> Timex:
    """ "0735 GMT" is a 24-hour clock time (TIME), not the year 735."""
    text, after, anchor = at.text, at.after, at.anchor
    m = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d)", text.strip())
    if not m or anchor is None or not ZONE_AFTER_RE.match(after):
        return found
    return Timex("TIME", f"{anchor.isoformat()}T{m.group(1)}:{m.group(2)}", "time")


def is_amount(word: str, tag: str) -> bool:
    """A word that ends an amount, so that "a year" after it is a rate: a number, a plural noun, "%"."""
    return tag in ("CD", "NNS", "NNPS", "$") or word in ("%", "percent")


def as_rate(found: Timex, at: Where) -> Timex:
    """ "$33 million a year", "50,000 CDs a year", "5% a year": "a" + unit after an amount is a rate, a
    SET (P1Y) in TimeML, not a year-long DURATION ("the smallest gain in a year" stays one)."""
    word, tag = at.before
    m = re.fullmatch(rf"(?:a|an|per) (?P<unit>{unit_words()})", tidy(at.text))
    if not m or not is_amount(word, tag):
        return found
    return Timex("SET", duration(1, unit_code(m.group("unit"))), "set")


WRITTEN_YEAR_RE = re.compile(r"\b\d{4}\b|'\d\d\b")


def since_looks_back(found: Timex, at: Where) -> Timex:
    """ "since March" said in February is last March: what "since" counts from has begun by the anchor
    (a past clause may otherwise reach two months ahead)."""
    if at.before[0] != "since" or at.anchor is None or WRITTEN_YEAR_RE.search(at.text):
        return found
    m = re.fullmatch(r"(\d{4})(-\d\d(?:-\d\d)?)", found.value or "")
    start = reference_start(found) if m and found.type == "DATE" else None
    if m is None or start is None or start <= at.anchor:
        return found
    return found._replace(value=f"{int(m.group(1)) - 1}{m.group(2)}")


PASSES: tuple[Pass, ...] = (
    in_context,
    since_looks_back,
    as_rate,
    latest_period,
    zoned_clock,
    on_reference_day,
    range_end,
    as_period,
    shared_recurrence,
    quarter_ended,
)


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
    previous = ctx.doc[span.start - 1] if span is not None and span.start > 0 else None
    before = (previous.lower_, previous.tag_) if previous is not None else ("", "")
    at = Where(text, after, anchor, refs.get("last"), refs.get("quarter"), before)
    found = base
    for step in PASSES:
        found = step(found, at)
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
STATIVE_LEMMAS = frozenset(words()["stative_lemmas"])
# present and past alike ("stocks hurt the index Friday"): the tag cannot tell a schedule from a report
SAME_IN_PAST = frozenset(words()["same_in_past"])
NOT_SCHEDULES = STATIVE_LEMMAS | SAME_IN_PAST


def is_scheduled(verb: Any, span: SpacySpan) -> bool:
    """ "Arafat and Albright meet Monday", "the summit opens Tuesday": a bare present-tense action with a
    weekday is a schedule, so the weekday is the coming one (news tells past days in the past tense)."""
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_ in NOT_SCHEDULES:
        return False
    if not WEEKDAY_RE.search(span.text):
        return False
    return not any(child.dep_ in ("aux", "auxpass") for child in verb.children)
