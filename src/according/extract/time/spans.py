"""Span finding: time expressions in a spaCy parse, trimmed, extended, split and merged, and the tense of
the clause they sit in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from according.extract.time.calendar import parse_number, spelled_year, unit_code
from according.extract.time.rules import normalise
from according.extract.time.vocabulary import (
    MONTH_NAMES,
    TZ_RE,
    WEEKDAY_NAMES,
    Tense,
    alternation,
    unit_words,
    words,
)
from according.nlp import text_of

TIME_WORD_RE = re.compile(
    r"\d|\b(?:day|week|month|year|quarter|decade|centur|season|spring|summer|fall|autumn|"
    rf"winter|{alternation(words()['parts_of_day'])}|hour|minute|second|now|today|tonight|yesterday|"
    r"(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies|"
    r"tomorrow|ago|recent|current|future|past|soon|noon|midnight|weekend|annually|daily|"
    rf"{WEEKDAY_NAMES}s?\b|christmas|thanksgiving|eve\b|"
    rf"{MONTH_NAMES})",
    re.IGNORECASE,
)
STRONG_RE = re.compile(
    rf"\b(?:1[0-9]\d\d|20\d\d)\b|\b{MONTH_NAMES}|"
    rf"\b{WEEKDAY_NAMES}\b|\b(?:today|yesterday|tomorrow)\b",
    re.IGNORECASE,
)
LEFT_WORDS = frozenset(words()["left_words"])
SPLITTERS = frozenset(words()["splitters"])
CLOCK_RE = re.compile(
    rf"\d\s*[ap]\.?m\b|\b(?:noon|midnight|midday|(?:{alternation(words()['parts_of_day'])})s?)\b",
    re.IGNORECASE,
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
    last_but_one = span.doc[end - 2].lower_ if end - start > 1 else ""
    if span.doc[end - 1].lower_ == "later" and (unit_code(last_but_one) or last_but_one == "half"):
        end -= 1  # "three days later", "a minute and a half later": the length, "later" a signal
    return extend(span.doc[start:end]) if end > start else None


LIKE_PERIODS = frozenset(words()["like_periods"])
YEAR_BACK = frozenset(words()["year_back"])


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
    if end < len(doc) and is_part_of_named_day(doc[end - 1], doc[end]):
        end += 1  # "tomorrow morning", "Tuesday afternoon": the part of that day
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


DAY_WORD_RE = re.compile(rf"(?:today|yesterday|tomorrow|{WEEKDAY_NAMES})", re.IGNORECASE)


def is_part_of_named_day(day: Any, part: Any) -> bool:
    """A day word ("tomorrow", "Tuesday") followed by one part of the day ("morning"): one TIME."""
    pod = part.lower_
    return bool(DAY_WORD_RE.fullmatch(day.text)) and pod in words()["parts_of_day"] and not pod.endswith("s")


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
        # the span reaching furthest, not a shorter one inside it ("recent" of "recent weeks")
        at = max(range(len(merged)), key=lambda i: merged[i].end, default=None)
        prev = merged[at] if at is not None else None
        if at is not None and prev is not None and prev.end <= span.start and joinable(prev, span):
            merged[at] = span.doc[prev.start : span.end]
        else:
            merged.append(span)
    return merged


def joinable(left: SpacySpan, right: SpacySpan) -> bool:
    """Two time spans separated only by spaces, a comma or "on"/"at", one a clock time or part of day,
    or a weekday and the calendar date it names ("Friday Oct. 13"); or two uncounted units joined by
    "or"/"and" ("weeks or months", "recent weeks and months"), one vague length."""
    doc = left.doc
    gap = doc[left.end - 1].whitespace_ + "".join(t.text_with_ws for t in doc[left.end : right.start])
    if re.fullmatch(r"\s*(?:or|and)\s+", gap, re.IGNORECASE) and ends_uncounted_units(left.text):
        return len(right) == 1 and ends_uncounted_units(right.text)
    if not re.fullmatch(r"[\s,]*(?:(?:on|at)\s+)?", gap, re.IGNORECASE):
        return False
    if WEEKDAY_ONLY_RE.fullmatch(left.text) and DAY_RANGE_LEFT_RE.match(right.text):
        return True
    return bool(CLOCK_RE.search(left.text) or CLOCK_RE.search(right.text))


WEEKDAY_ONLY_RE = re.compile(rf"(?:on\s+)?{WEEKDAY_NAMES}", re.IGNORECASE)


def ends_uncounted_units(text: str) -> bool:
    """The text ends with a unit word in the plural with no count before it: "weeks", "recent months"
    (not "three weeks", "a few days")."""
    words_ = text.lower().split()
    if not words_ or not words_[-1].endswith("s") or not unit_code(words_[-1]):
        return False
    return len(words_) == 1 or parse_number(words_[-2]) is None and words_[-2] not in ("few", "several")


def candidate_spans(doc: Doc) -> list[SpacySpan]:
    """spaCy DATE/TIME entities plus reference words, trimmed and split TimeBank-style."""
    found = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    matcher = standalone_matcher(doc.vocab)
    found += [doc[start:end] for _, start, end in matcher(doc)]
    found += spelled_years(doc) + calendar_dates(doc) + counted_units(doc) + single_units(doc)
    found += recurrences(doc)
    found += length_adjectives(doc) + zoned_clock_times(doc)
    found += range_years(found)
    spans: list[SpacySpan] = []
    for span in merge_adjacent(found):
        trimmed = trim(span)
        if trimmed is not None:
            spans.extend(shed_until_valued(part) for part in split_conjoined(trimmed))
    return spans


YEAR_RE = re.compile(r"1[0-9]\d\d|20\d\d")


def range_years(found: list[SpacySpan]) -> list[SpacySpan]:
    """The year closing a range of years ("from 1990 to 1995", "1990-1995") that NER leaves out after
    tagging the first: each end is a time expression of its own."""
    ends = []
    for span in found:
        doc, end = span.doc, span.end
        if end + 1 < len(doc) and YEAR_RE.search(span[-1].text) and doc[end].lower_ in SPLITTERS:
            if YEAR_RE.fullmatch(doc[end + 1].text):
                ends.append(doc[end + 1 : end + 2])
    return ends


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
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\b|"
    r"\b(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b"
)


@lru_cache(maxsize=1)
def calendar_date_re() -> re.Pattern[str]:
    """``CALENDAR_DATE_RE`` and the part of day of a day already told of ("that night", "the same
    morning"), which NER leaves untagged."""
    pods = alternation(p for p in words()["parts_of_day"] if p.isalpha() and not p.endswith("s"))
    return re.compile(rf"{CALENDAR_DATE_RE.pattern}|\b(?:[Tt]hat|[Tt]he same)\s+(?:{pods})\b")


def calendar_dates(doc: Doc) -> list[SpacySpan]:
    """Explicit dates, weekdays and quarters ("Aug. 7", "Monday", "second-quarter") that NER folds into a
    name ("the Aug. 7 Embassy bombings") or misses, and "that night": each is a time expression wherever
    it stands."""
    return [span for _, span in regex_spans(doc, calendar_date_re())]


@lru_cache(maxsize=1)
def counted_unit_re() -> re.Pattern[str]:
    """A count in digits or words (or "several", "a few") before a unit word: "20 more years"."""
    numbers = alternation(
        n for n, v in words()["numbers"].items() if v >= 1 and n not in ("a", "an", "single")
    )
    return re.compile(
        rf"\b(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{numbers}|several|a few)\s+(?:more\s+)?(?:{unit_words()})s?\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def length_adjective_re() -> re.Pattern[str]:
    """A unit word with "-long" ("day-long", "two-week-long", "decades-long")."""
    return re.compile(rf"\b(?:[\w.]+-)?(?:{unit_words()}|centurie)s?-long\b", re.IGNORECASE)


ZONED_CLOCK_RE = re.compile(
    r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[ap]\.?m\b\.?)?\s+" + TZ_RE.pattern,
    re.IGNORECASE,
)


def zoned_clock_times(doc: Doc) -> list[SpacySpan]:
    """A clock time with its time zone ("11:20 GMT", "9:57 a.m. CST"), which NER may leave untagged."""
    return [span for _, span in regex_spans(doc, ZONED_CLOCK_RE)]


def length_adjectives(doc: Doc) -> list[SpacySpan]:
    """ "a day-long meeting", "the decades-long battle", "a two-week-long strike": how long something
    lasts (DURATION), found whole with "-long" as TimeBank marks them."""
    return [span for _, span in regex_spans(doc, length_adjective_re())]


@lru_cache(maxsize=1)
def single_unit_re() -> re.Pattern[str]:
    """ "(last) over a week", "(for) an hour": one unit after a word that measures a length."""
    return re.compile(
        rf"\b(?:over|for|within|nearly|almost|than|lasting|spent|took) an? (?:{unit_words()})\b",
        re.IGNORECASE,
    )


def single_units(doc: Doc) -> list[SpacySpan]:
    """One unit said with "a"/"an" after a word that measures a length ("to last over a week", "for an
    hour"), which NER may leave untagged: a DURATION (P1W)."""
    return [span for _, span in regex_spans(doc, single_unit_re())]


def counted_units(doc: Doc) -> list[SpacySpan]:
    """Counted units ("20 more years", "5 1/2 hours", "several quarters") that NER leaves untagged; not
    ages ("52 years old") nor "one day" (as often "some day" as a day long)."""
    spans = []
    for _, span in regex_spans(doc, counted_unit_re()):
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if after != "old" and span.text.lower() != "one day":
            spans.append(span)
    return spans


@lru_cache(maxsize=1)
def recurrence_re() -> re.Pattern[str]:
    """ "every Tuesday", "each summer", "every two weeks", "twice a month": recurrences (SET) that NER
    leaves untagged. A bare rate ("$33 million a year") is left to NER: TimeBank marks few of them."""
    w = words()
    units = unit_words()
    days = [d for d in w["weekdays"] if d.endswith("day")]
    months = [m for m in w["months"] if len(m) > 3]  # not "may" ("each may choose"), nor "jan", "sept"
    named = "|".join((units, *days, *months, *w["seasons"], *w["parts_of_day"]))
    times = r"(?:once|twice|thrice|\w+ times)"
    return re.compile(
        rf"\b(?:{times}\s+)?(?:every|each)\s+(?:other\s+)?(?:\w+\s+)?(?:{named})s?\b|"
        rf"\b{times}\s+(?:a|an|per)\s+(?:{units})\b",
        re.IGNORECASE,
    )


def recurrences(doc: Doc) -> list[SpacySpan]:
    """Recurrences (SET) found by their construction: "every"/"each" + unit, "N times a" + unit."""
    return [span for _, span in regex_spans(doc, recurrence_re())]


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
    if is_discourse_now(span) or is_in_name(span) or is_abstract_future(span):
        return False
    if text in reference_phrases():
        return True
    if not (
        TIME_WORD_RE.search(text) or SPELLED_YEAR_RE.fullmatch(text) or text == "the latest period"
    ) or re.fullmatch(r"\d{1,3}(?:\.\d+)?|\d{5,}", text):
        return False
    if re.search(r"\bold\b|\baged?\b|-old\b", text) or is_generic(span):
        return False
    if is_generic_present(span) or is_march_event(span) or is_day_part_modifier(span):
        return False
    if len(span) == 1 and text in ("current", "recent"):
        return span.root.pos_ == "ADJ"
    if text == "soon":
        return is_future_soon(span)
    if len(span) == 1 and text in words()["sets"]:
        return text == "daily" and span.root.pos_ not in ("NOUN", "PROPN") or span.root.pos_ == "ADV"
    return not (is_fraction(span) or is_age(span) or is_valueless_noise(span))


WHOLE_TIME_WORD_RE = re.compile(
    TIME_WORD_RE.pattern.replace(r"\d|\b(?:", r"\b(?:", 1) + r"(?:s|ly|y|ies)?\b", re.IGNORECASE
)
POSSESSIVES = frozenset(words()["possessives"])


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
    """Multi-word present / past / future references and vague lengths with no time word ("the short term",
    "a later date", "a while"): TIMEX3 marks them (FUTURE_REF…, PXX) although no calendar word is in them."""
    w = words()
    phrases = [p for key in ("present", "past", "future", "vague_durations") for p in w[key] if " " in p]
    return frozenset(phrases) & frozenset(w["standalone"])


def is_generic_present(span: SpacySpan) -> bool:
    """ "today's world", "today's youth", "the people of tomorrow": the present or coming age in general,
    not the publication day, which TimeBank leaves unmarked ("today's meeting", "tomorrow's vote" stay)."""
    root = span.root
    if len(span) != 1 or root.lower_ not in ("today", "tomorrow"):
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "of":  # a noun "of tomorrow" / "of today"
        return root.head.head.pos_ in ("NOUN", "PROPN") and root.head.head.i < root.i
    return root.dep_ == "poss" and root.head.lower_ in words()["generic_present_heads"]


MARCH_AFTER = frozenset(words()["march_after"])


def is_march_event(span: SpacySpan) -> bool:
    """ "the annual March for Life", "the March on Washington": a march, not the month."""
    doc = span.doc
    if span.text not in ("March", "MARCH") or span.end >= len(doc) or doc[span.end].lower_ not in MARCH_AFTER:
        return False
    before = doc[max(0, span.start - 3) : span.start]
    return any(t.lower_ in ("the", "a", "this", "that") for t in before) and not any(
        t.like_num for t in before
    )


def is_future_soon(span: SpacySpan) -> bool:
    """ "(it) will soon begin", "(they) may soon seek" say when (FUTURE_REF); "as soon as", "soon after"
    are connectives and "(he was) soon released" tells a past sequence, not the future."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if before == "as" or after in ("as", "after", "afterwards", "thereafter"):
        return False
    return tense_of(span) == "future"


def is_abstract_future(span: SpacySpan) -> bool:
    """ "the future looks bleak", "the future of our peoples", "an approach to the future": what is to
    come as a thing, not a time ("in the future", "worried about the future" stay)."""
    doc, root = span.doc, span.root
    if span.text.lower() != "the future":
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return root.dep_ in ("nsubj", "nsubjpass") or after == "of" or root.head.lower_ == "to"


def is_day_part_modifier(span: SpacySpan) -> bool:
    """A bare part of day that names no time: a noun modifier ("the morning talk show", "evening news")
    or a greeting ("Good evening from Havana")."""
    content = [t for t in span if t.dep_ != "det"]
    if len(content) != 1 or content[0].lower_.removesuffix("s") not in words()["parts_of_day"]:
        return False
    root = content[0]
    if root.i > 0 and span.doc[root.i - 1].lower_ == "good":
        return True
    return (
        root.dep_ in ("compound", "amod", "nmod")
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i > root.i
    )


NAME_LABELS = frozenset(("ORG", "WORK_OF_ART", "FAC", "PRODUCT"))


@lru_cache(maxsize=1)
def calendar_names() -> frozenset[str]:
    """Words written with a capital wherever they stand: months, weekdays, first words of holidays."""
    w = words()
    return frozenset(w["months"]) | frozenset(w["weekdays"]) | holiday_heads()


def is_in_name(span: SpacySpan) -> bool:
    """A time word inside a name, which TimeML does not mark: within an organisation or a title NER found
    ("the Sunday Times") or a title in quotation marks, or a capitalised word after another word of a
    sentence that is not written in title case ("VOA Today", "NBC's Today show"); a capitalised word of
    the time vocabulary only, not a name for a day of its own ("Easter", "Black Monday")."""
    doc, first = span.doc, span[0]
    if all(t.ent_type_ in NAME_LABELS for t in span) or is_quoted_title(span):
        return True
    name = first.lower_.rstrip(".")
    if not first.is_title or {name, name.removesuffix("s")} & calendar_names() or first.is_sent_start:
        return False
    if not (first.lower_ in LEFT_WORDS or WHOLE_TIME_WORD_RE.fullmatch(first.lower_)):
        return False  # a name of its own ("Easter", "Ramadan", "Black Monday") is no common word capitalised
    before = doc[first.i - 1]
    if not (before.is_alpha or before.tag_ == "POS") or before.is_sent_start and before.is_title:
        return False
    others = [
        t for t in first.sent if t.is_alpha and not t.is_upper and not t.is_sent_start and t not in span
    ]
    return bool(others) and sum(t.is_title for t in others) * 2 < len(others)


def is_quoted_title(span: SpacySpan) -> bool:
    """A capitalised time phrase that fills a pair of quotation marks after a name or a possessive is a
    programme's title (ABC News' "This Week", NBC's "Today"), not a quoted utterance ("Tomorrow," he said)."""
    doc = span.doc
    after = doc[span.end : span.end + 2]
    closing = next((t for t in after if not t.is_punct or t.tag_ == "''"), None)
    owner = doc[span.start - 2] if span.start > 1 else None
    return (
        owner is not None
        and (owner.tag_ in ("POS", "NNP", "NNPS") or owner.text in ("'", "'s"))
        and doc[span.start - 1].tag_ == "``"
        and closing is not None
        and closing.tag_ == "''"
        and all(t.is_title for t in span if t.is_alpha)
    )


ANAPHORIC_DAY_RE = re.compile(r"(?:the|this|that) day", re.I)


def is_discourse_now(span: SpacySpan) -> bool:
    """ "Now, he says, …": "now" opening a sentence before a comma turns the story to the present as a
    discourse marker; TimeBank leaves it unmarked."""
    doc = span.doc
    return (
        span.text.lower() == "now"
        and span[0].is_sent_start
        and span.end < len(doc)
        and doc[span.end].text == ","
    )


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


FUTURE_AUX = frozenset(words()["future_aux"])
PERFECT_AUX = frozenset(words()["perfect_aux"])
PLAN_WORDS = frozenset(words()["plan_words"])
LOOK_AHEAD = frozenset(words()["look_ahead"])
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
