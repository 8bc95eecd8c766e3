"""Time expressions: TIMEX3 normalisation against the publication date, finding them in a parse, and the
registered "times" extractor on real text."""

from __future__ import annotations

from datetime import date

import pytest

from according.extract.time import (
    VAGUE,
    Timex,
    Where,
    anchor_date,
    find_times,
    in_context,
    normalise,
    parse_number,
)
from according.nlp import load

FRIDAY = date(2025, 8, 15)  # the reference article's publication date, a Friday


def value(text: str, anchor: date | None = FRIDAY, tense: str | None = None) -> str | None:
    """The normalised value alone."""
    return normalise(text, anchor, tense).value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friday", "2025-08-15"),
        ("Wednesday", "2025-08-13"),
        ("Saturday", "2025-08-09"),
        ("last Friday", "2025-08-08"),
        ("next Monday", "2025-08-18"),
        ("the previous Tuesday", "2025-08-12"),
    ],
)
def test_weekdays_count_back_from_the_anchor(text: str, expected: str) -> None:
    assert value(text) == expected


def test_weekday_in_a_future_clause_looks_ahead() -> None:
    assert value("Monday", tense="future") == "2025-08-18"
    assert value("Monday", tense="past") == "2025-08-11"


@pytest.mark.parametrize(
    ("text", "expected", "granularity"),
    [
        ("last year", "2024", "year"),
        ("this year", "2025", "year"),
        ("next year", "2026", "year"),
        ("two years ago", "2023", "year"),
        ("a year earlier", "2024", "year"),
        ("next week", "2025-W34", "week"),
        ("last week", "2025-W32", "week"),
        ("last month", "2025-07", "month"),
        ("yesterday", "2025-08-14", "day"),
        ("tomorrow", "2025-08-16", "day"),
        ("three days ago", "2025-08-12", "day"),
    ],
)
def test_relative_dates(text: str, expected: str, granularity: str) -> None:
    assert normalise(text, FRIDAY) == Timex("DATE", expected, granularity)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In April", "2025-04"),
        ("April", "2025-04"),
        ("March 1996", "1996-03"),
        ("June last year", "2024-06"),
        ("last November", "2024-11"),
        ("Sept. 30", "2025-09-30"),
        ("Aug. 10, 1988", "1988-08-10"),
        ("15 August 2025", "2025-08-15"),
        ("2024", "2024"),
        ("fiscal 1989", "1989"),
        ("mid-1996", "1996"),
        ("nineteen ninety-six", "1996"),
        ("the year two thousand", "2000"),
        ("Christmas", "2025-12-25"),
        ("Thanksgiving Day", "2025-11-27"),
    ],
)
def test_calendar_dates(text: str, expected: str) -> None:
    assert value(text) == expected


def test_month_without_year_takes_the_nearest_year() -> None:
    january = date(1998, 1, 8)
    assert value("December", january) == "1997-12"
    assert value("February", january) == "1998-02"


@pytest.mark.parametrize(
    ("text", "expected", "granularity"),
    [
        ("this summer", "2025-SU", "season"),
        ("last spring", "2025-SP", "season"),
        ("last summer", "2024-SU", "season"),
        ("winter 2012", "2012-WI", "season"),
        ("the third quarter", "2025-Q3", "quarter"),
        ("Q1 2024", "2024-Q1", "quarter"),
        ("the fourth quarter of 1984", "1984-Q4", "quarter"),
        ("the first half of 1990", "1990-H1", "quarter"),
        ("the 1990s", "199", "decade"),
        ("the late 1970s", "197", "decade"),
        ("the '80s", "198", "decade"),
        ("the 20th century", "19", "century"),
    ],
)
def test_seasons_quarters_decades(text: str, expected: str, granularity: str) -> None:
    assert normalise(text, FRIDAY) == Timex("DATE", expected, granularity)


def test_the_quarter_is_the_last_completed_one() -> None:
    assert value("the quarter", date(1989, 10, 26)) == "1989-Q3"
    assert value("the year-ago quarter", date(1989, 10, 26)) == "1988-Q3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("three days", "P3D"),
        ("five hours", "PT5H"),
        ("three years", "P3Y"),
        ("the past two weeks", "P2W"),
        ("the first nine months", "P9M"),
        ("a couple of years", "P2Y"),
        ("2 1/2 years", "P2Y6M"),
        ("a minute and a half", "PT1M30S"),
        ("five-year", "P5Y"),
        ("two decades", "P20Y"),
        ("several weeks", "PXW"),
        ("years", "PXY"),
        ("more than 30 days", "P30D"),
    ],
)
def test_durations(text: str, expected: str) -> None:
    assert normalise(text, FRIDAY) == Timex("DURATION", expected, "duration")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily", "P1D"),
        ("every Thursday", "XXXX-WXX-4"),
        ("each July", "XXXX-07"),
        ("twice a year", "P1Y"),
        ("Tuesdays", "XXXX-WXX-2"),
    ],
)
def test_sets(text: str, expected: str) -> None:
    assert normalise(text, FRIDAY)[:3] == ("SET", expected, "set")


def test_every_weekday_is_a_weekly_set_with_quant_every() -> None:
    found = normalise("every Tuesday", FRIDAY)
    assert (found.type, found.value, found.quant, found.freq) == ("SET", "XXXX-WXX-2", "EVERY", None)


def test_times_a_unit_is_the_unit_with_a_frequency() -> None:
    """TimeML: "twice a week" is value P1W with freq 2X, not P3D or P0.5W."""
    found = normalise("twice a week", FRIDAY)
    assert (found.type, found.value, found.freq) == ("SET", "P1W", "2X")
    assert normalise("three times a year", FRIDAY).freq == "3X"
    assert normalise("once a month", FRIDAY)[:2] == ("SET", "P1M")


def test_every_other_unit_recurs_every_two_units() -> None:
    assert normalise("every other week", FRIDAY)[:2] == ("SET", "P2W")


def test_weekends_recur_as_weekend_set() -> None:
    assert normalise("every weekend", FRIDAY)[:2] == ("SET", "XXXX-WXX-WE")
    assert normalise("weekends", FRIDAY)[:2] == ("SET", "XXXX-WXX-WE")


def test_half_a_unit_is_half_of_it() -> None:
    assert normalise("half an hour", FRIDAY).value == "PT30M"
    assert normalise("half a day", FRIDAY).value == "PT12H"
    assert normalise("an hour and a half", FRIDAY).value == "PT1H30M"


def test_half_a_million_is_five_hundred_thousand() -> None:
    """One number parser for claims and dates: "half a" halves, "and a half" adds a half."""
    from according.extract.numbers import parse_number

    assert parse_number("half a million") == 500_000
    assert parse_number("two and a half million") == 2_500_000
    assert parse_number("one and a half") == 1.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the past", "PAST_REF"),
        ("the future", "FUTURE_REF"),
        ("soon", "FUTURE_REF"),
    ],
)
def test_reference_words(text: str, expected: str) -> None:
    assert value(text) == expected


def test_times_of_day() -> None:
    assert normalise("10:30 a.m. Friday", FRIDAY) == Timex("TIME", "2025-08-15T10:30", "time")
    assert normalise("5 p.m. EST Nov. 9", date(1989, 11, 2)) == Timex("TIME", "1989-11-09T17:00", "time")
    assert value("Thursday evening") == "2025-08-14TEV"
    assert value("last night") == "2025-08-14TNI"
    assert value("this morning") == "2025-08-15TMO"


def test_unknown_anchor_keeps_what_the_text_says() -> None:
    assert value("Friday", None) == "XXXX-WXX-5"
    assert value("April", None) == "XXXX-04"
    assert value("Sept. 30", None) == "XXXX-09-30"
    assert value("2024", None) == "2024"
    assert value("three days", None) == "P3D"
    assert normalise("last year", None) == Timex("DATE", None, "year")


def test_nonsense_has_no_value() -> None:
    assert value("the committee") is None


def test_anchor_date_reads_iso_dates_and_datetimes() -> None:
    assert anchor_date("2025-08-15") == FRIDAY
    assert anchor_date("1998-04-02T22:52:00") == date(1998, 4, 2)
    assert anchor_date("not a date") is None
    assert anchor_date(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty four", 24.0),
        ("2 1/2", 2.5),
        ("a couple of", 2.0),
        ("one hundred", 100.0),
        ("several", VAGUE),
        ("the", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


def test_a_year_earlier_after_a_quarter_is_that_quarter_last_year() -> None:
    quarter = Timex("DATE", "1989-Q3", "quarter")
    found = normalise("a year earlier", date(1989, 10, 26))
    assert in_context(found, Where("a year earlier", last=quarter, quarter=quarter)).value == "1988-Q3"
    year = Timex("DATE", "1995", "year")
    found = normalise("the following year", FRIDAY)
    assert in_context(found, Where("the following year", last=year)).value == "1996"


def test_find_times_on_a_wikinews_sentence() -> None:
    # Wikinews, "Wikinews investigates disappearance of Indonesian cargo ship Namse Bangdzod" (CC BY 2.5)
    text = (
        "Vessel Tracker's database had no sighting of the ship within the last 59 days on Tuesday; the "
        "website noted the AIS signal received from Jakarta but declared the ship was not actually there."
    )
    doc = load()(text)
    assert [text[s:e] for s, e in find_times(doc)] == ["the last 59 days", "Tuesday"]


def test_find_times_keeps_spans_tight_and_splits_ranges() -> None:
    text = "Since 1994, 1995 and 1997 sales fell, and at about 7:15 p.m. Thursday the board met again."
    found = [text[s:e] for s, e in find_times(load()(text))]
    assert "1994" in found and "1997" in found
    assert any(f.startswith("7:15 p.m.") for f in found)
    assert not any(f.lower().startswith(("since", "at ")) for f in found)


def test_ages_are_not_time_expressions() -> None:
    text = "The 6-year-old boy was found on Thanksgiving Day."
    assert [text[s:e] for s, e in find_times(load()(text))] == ["Thanksgiving Day"]


def test_extractor_gives_original_offsets_and_anchor() -> None:
    from according.pipeline import extract_text

    raw = "Officials said on Wednesday that the\nbridge had been closed for three days."
    record = extract_text(raw, published="2025-08-15", steps=("times",))
    found = {t.span.text: t for t in record.times}
    assert found["Wednesday"].value == "2025-08-13"
    assert found["three days"].type == "DURATION" and found["three days"].value == "P3D"
    for t in record.times:
        assert raw[t.span.start : t.span.end] == t.span.text
        assert t.anchor == "2025-08-15"


def test_reference_article_times(reference_text: str) -> None:
    from according.pipeline import extract_text

    record = extract_text(reference_text, published="2025-08-15", steps=("times",))
    got = {(t.span.text, t.value) for t in record.times}
    for expected in [
        ("Friday", "2025-08-15"),
        ("Wednesday", "2025-08-13"),
        ("last year", "2024"),
        ("April", "2025-04"),
        ("2024", "2024"),
    ]:
        assert expected in got


def times_of(raw: str, published: str) -> dict[str, str | None]:
    """Expression text -> value, from the registered extractor on ``raw``."""
    from according.pipeline import extract_text

    return {t.span.text: t.value for t in extract_text(raw, published=published, steps=("times",)).times}


SATURDAY = "1999-03-13"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an infinitive takes its tense from the verb above it
        ("The government staged celebrations to mark the country's entry into NATO on Friday.", "1999-03-12"),
        ("The offer was extended. It had been due to expire Friday.", "1999-03-12"),
        # plans and schedules look ahead, even in a past clause
        ("The team planned to leave Nairobi on Monday for Dar es Salaam.", "1999-03-15"),
        ("The league plans to hold a news conference on Monday.", "1999-03-15"),
        ("Protesters planned a large demonstration on Monday.", "1999-03-15"),
        # "could" is as often past ability as future possibility: no look-ahead
        ("Neither he nor his grandparents could be located Friday in their hometown.", "1999-03-12"),
        # until looks ahead unless the clause is past perfect
        ("The offer stands until Monday.", "1999-03-15"),
        ("Until Friday, they had not called him a suspect.", "1999-03-12"),
    ],
)
def test_weekday_direction_follows_the_clause(sentence: str, expected: str) -> None:
    found = times_of(sentence, SATURDAY)
    assert expected in found.values(), found


def test_month_year_follows_perfect_and_future_clauses() -> None:
    searching = "Investigators have been searching for him since shortly after the Oct. 23 slaying."
    assert "1998-10-23" in times_of(searching, "1999-05-06").values()
    mission = "Colonel Collins will be named commander of the shuttle for a mission in December."
    assert times_of(mission, "1998-03-04")["December"] == "1998-12"
    effective = "The bank also created a four-member office of the chairman, effective Feb. 1."
    assert times_of(effective, "1989-10-26")["Feb. 1"] == "1990-02-01"
    fiscal = "The company earned 50 million pounds in the year ended March 31."
    assert times_of(fiscal, "1989-10-31")["March 31"] == "1989-03-31"


def test_temporal_adjectives_and_anaphoric_days() -> None:
    found = times_of("The current system replaced the recent rules. That day, nothing happened.", SATURDAY)
    assert found["current"] == "PRESENT_REF"
    assert found["recent"] == "PAST_REF"
    assert "That day" not in found
    assert "current" not in times_of("The current in the river was strong.", SATURDAY)


def test_day_ranges_and_ordinal_days() -> None:
    found = times_of("The summit will be held on April 24 and 25 in Washington.", "1999-02-10")
    assert found["April 24"] == "1999-04-24"
    assert found["25"] == "1999-04-25"
    assert "24" not in times_of("He got 24 and 25 votes in April.", "1999-02-10")
    assert (
        times_of("In Saudi Arabia, today is the eighth day of the operation.", "1990-08-15")["the eighth day"]
        == "1990-08-15"
    )


def test_clock_time_without_a_day_is_on_the_day_last_named() -> None:
    found = times_of(
        "Two bombs exploded on Friday. The first went off at 10:35 a.m. near the embassy.", SATURDAY
    )
    assert found["10:35 a.m."] == "1999-03-12T10:35"
    assert times_of("The vote starts at 10:35 a.m. sharp.", SATURDAY)["10:35 a.m."] == "1999-03-13T10:35"


def test_a_quarter_read_in_context_does_not_become_the_reference() -> None:
    raw = (
        "The company earned $5 million in the fiscal first quarter. In the 1988 period, it earned "
        "$20 million. Analysts expected it to break even for the quarter."
    )
    found = times_of(raw, "1989-10-26")
    assert found["the fiscal first quarter"] == "1989-Q1"
    assert found["the 1988 period"] == "1988-Q1"
    assert found["the quarter"] == "1989-Q1"


def test_dates_and_counted_units_that_ner_misses() -> None:
    found = times_of(
        "Bookings fell after the Aug. 7 Embassy bombings. The fleet may stay for at least 20 more years, "
        "and the talks took 5 1/2 hours. Mr. Smith, 52 years old, retires. Losses were deepened overnight.",
        "1998-10-25",
    )
    assert "1998-08-07" in found.values()
    assert found["20 more years"] == "P20Y"
    assert found["5 1/2 hours"] == "PT5H30M"
    assert "P52Y" not in found.values()
    assert found["overnight"] == "1998-10-25TNI"


def test_week_of_a_day_and_year_end() -> None:
    assert normalise("the week of March 6", date(2000, 2, 24)) == Timex("DATE", "2000-W10", "week")
    assert value("year's end", date(1989, 10, 26)) == "1989"


def test_a_quarter_to_come_is_no_reporting_period() -> None:
    raw = (
        "Bethlehem earned $46.9 million in the third quarter. He thinks steelmakers will report losses "
        "through the third quarter of 1990. In the year-ago period, Bethlehem earned $101.4 million."
    )
    assert times_of(raw, "1989-10-26")["the year-ago period"] == "1988-Q3"


def test_numbers_fractions_and_ages_are_no_dates() -> None:
    found = times_of(
        "Boxes will sell for as little as 99 cents, and the 80486 chip sells well. Junk funds hold more "
        "than a quarter of the market. Its net loss for the seasonally slow third quarter narrowed. "
        "Kopp was in his 30s.",
        "1989-10-27",
    )
    assert found == {"third quarter": "1989-Q3"}


def test_half_of_a_decade_is_the_decade() -> None:
    assert value("the last half of the '80s", date(1989, 10, 26)) == "198"
    assert value("the second half of the 1990s", date(1989, 10, 26)) == "199"
    assert value("the first half of 1990", date(1989, 10, 26)) == "1990-H1"


def test_quarter_ended_a_date_is_the_calendar_quarter_of_most_of_it() -> None:
    raw = "In the quarter ended July 31, Jayark had an average of 5.6 million shares outstanding."
    assert times_of(raw, "1989-10-30")["the quarter"] == "1989-Q2"
    raw = "Sun earned $5 million in the fiscal first quarter. For the quarter ended Sept. 29, sales rose."
    assert times_of(raw, "1989-10-26")["the quarter"] == "1989-Q1"


def test_latest_period_without_a_named_quarter_and_a_zoned_clock() -> None:
    found = times_of("There were no one-time gains in the latest period.", "1989-11-02")
    assert found["the latest period"] == "1989-Q3"
    found = times_of("The blast occurred at about 10:35 a.m. (0735 GMT) Friday.", "1998-08-08")
    assert found["0735"].startswith("1998-08-0") and found["0735"].endswith("T07:35")


def test_the_quarter_under_way_is_a_reporting_period_only_when_told_of_as_past() -> None:
    raw = (
        "Bethlehem earned $46.9 million in the third quarter. It expects the slump to continue into the "
        "fourth quarter. In the year-ago period, Bethlehem earned $101.4 million."
    )
    assert times_of(raw, "1989-10-26")["the year-ago period"] == "1988-Q3"
    raw = (
        "Ralston Purina Co. reported a 47% decline in fourth-quarter earnings. It earned $45.2 million, "
        "compared with $84.9 million a year earlier."
    )
    assert times_of(raw, "1989-11-02")["a year earlier"] == "1988-Q4"


def test_the_corresponding_period_last_year_is_one_expression() -> None:
    raw = (
        "It earned $3 million in the third quarter, up from $2 million in the corresponding period last year."
    )
    assert times_of(raw, "1989-11-01")["the corresponding period last year"] == "1988-Q3"
    assert times_of("Sales rose 5% from the same period a year earlier.", "1989-11-01") == {
        "the same period a year earlier": "1988"
    }


def test_a_bare_plural_ago_has_no_count() -> None:
    assert value("months ago", date(1989, 10, 30), "past") == "PAST_REF"
    assert value("years earlier", date(1989, 10, 30), "past") == "PAST_REF"
    assert value("two months ago", date(1989, 10, 30), "past") == "1989-08"


def test_a_year_earlier_after_a_multi_quarter_period_is_the_year() -> None:
    found = times_of(
        "Delta posted third-quarter net of $133.1 million, up from $100 million a year earlier. For the "
        "nine months, America West posted earnings of $18.9 million, against a loss a year ago.",
        "1989-10-26",
    )
    assert found["a year earlier"] == "1988-Q3"
    assert found["a year ago"] == "1988"


def test_marches_generic_today_and_counted_quarters_are_no_dates() -> None:
    found = times_of(
        "Thousands joined the annual March for Life. In today's world, prices rose. Today's meeting was "
        "short. The firm must pass a rolling four-quarter test; jobless claims hit a quarter-century low.",
        "1999-03-12",
    )
    assert "March" not in found and "today" not in found
    assert found["Today"] == "1999-03-12"
    assert found["four-quarter"] == "P12M" and found["quarter-century"] == "P25Y"


def test_references_without_a_time_word() -> None:
    found = times_of(
        "Shares will be issued at a later date; profits will suffer in the short term.", "1999-03-12"
    )
    assert found == {"a later date": "FUTURE_REF", "the short term": "FUTURE_REF"}


def test_a_present_tense_action_on_a_weekday_is_scheduled() -> None:
    friday = "1998-05-01"
    assert times_of("Arafat and Albright meet separately Monday in London.", friday) == {
        "Monday": "1998-05-04"
    }
    assert times_of("Arafat and Albright met separately Monday.", friday) == {"Monday": "1998-04-27"}
    # "hurt" is past as well as present: no schedule read into it
    assert times_of("Technology stocks hurt the index Monday.", friday) == {"Monday": "1998-04-27"}


def test_quarters_ner_misses_and_side_quarters() -> None:
    found = times_of(
        "Kimberly-Clark posted a 20% gain in third-quarter net income from a year ago. After a flat second "
        "quarter, the company attributed the gain to pulp prices. In the year-earlier period, net was lower.",
        "1989-11-01",
    )
    assert found["second quarter"] == "1989-Q2"
    # the second quarter is a comparison: the year-earlier period is still last year's third quarter
    assert found["the year-earlier period"] == "1988-Q3"
    assert times_of("It posted net income for the fiscal second-quarter of $8.6 million.", "1989-10-26") == {
        "the fiscal second-quarter": "1989-Q2"
    }


def test_a_complementiser_that_is_no_part_of_the_quarter() -> None:
    found = times_of(
        "Du Pont Co. reported that third-quarter profit grew 19% from a year ago. In that quarter sales "
        "rose.",
        "1989-10-26",
    )
    assert found["third-quarter"] == "1989-Q3"
    assert found["a year ago"] == "1988-Q3"
    assert found["that quarter"] == "1989-Q3"


def test_the_previous_weekday_counts_from_the_day_last_named() -> None:
    found = times_of(
        "The index closed Friday at 2082.1, down 4.5% from the previous Friday. Trading resumed the "
        "following Monday.",
        "1989-10-30",
    )
    assert found["Friday"] == "1989-10-27"
    assert found["the previous Friday"] == "1989-10-20"
    assert found["the following Monday"] == "1989-10-30"


def test_a_weekday_before_its_calendar_date_is_one_expression() -> None:
    found = times_of("$14 million of that seeped out Friday Oct. 13 alone.", "1989-10-27")
    assert found == {"Friday Oct. 13": "1989-10-13"}


def test_a_weekday_picks_the_year_of_a_yearless_date_and_impossible_days_have_no_value() -> None:
    assert normalise("Saturday, April 25", date(1998, 11, 1)).value == "1998-04-25"
    assert normalise("Friday Oct. 13", date(1989, 10, 27)).value == "1989-10-13"
    assert normalise("Feb. 30", date(1989, 10, 27)).value is None
    assert normalise("Feb. 29, 1988", date(1989, 10, 27)).value == "1988-02-29"


def test_a_count_before_a_year_ago_is_not_part_of_it() -> None:
    assert times_of("It has 13 plants, up from seven a year ago.", "1989-10-27") == {"a year ago": "1988"}
    assert times_of("It lasted one and a half years.", "1989-10-27") == {"one and a half years": "P1Y6M"}


def test_the_day_before_or_after_a_named_day() -> None:
    assert times_of("He was arrested the day before last Tuesday.", "2000-02-24") == {
        "the day before last Tuesday": "2000-02-21"
    }
    assert times_of("The shops reopened the day after Christmas.", "2000-02-24") == {
        "the day after Christmas": "1999-12-26"
    }
    assert times_of("They met a day before the vote.", "2000-02-24") == {}


def test_weekdays_with_a_plural_part_of_day_recur() -> None:
    found = times_of("The show airs on Monday and Tuesday nights and on Sunday mornings.", "1998-02-13")
    assert found == {
        "Monday": "XXXX-WXX-1TNI",
        "Tuesday nights": "XXXX-WXX-2TNI",
        "Sunday mornings": "XXXX-WXX-7TMO",
    }
    assert times_of("He left Monday.", "1998-02-13") == {"Monday": "1998-02-09"}


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("three hours", "DURATION", "PT3H"),
        ("two weeks", "DURATION", "P2W"),
        ("a minute and a half", "DURATION", "PT1M30S"),
        ("a while", "DURATION", "PXX"),
        ("every Tuesday", "SET", "XXXX-WXX-2"),
        ("every morning", "SET", "XXXX-XX-XXTMO"),
        ("every summer", "SET", "XXXX-SU"),
        ("Monday nights", "SET", "XXXX-WXX-1TNI"),
        ("2 p.m.", "TIME", "2025-08-15T14:00"),
        ("Wednesday evening", "TIME", "2025-08-13TEV"),
    ],
)
def test_durations_times_and_sets_follow_timeml(text: str, kind: str, expected: str) -> None:
    found = normalise(text, FRIDAY)
    assert (found.type, found.value) == (kind, expected)


def test_now_opening_a_sentence_before_a_comma_is_a_discourse_marker() -> None:
    doc = load()("Now, he says, the talks are over. The talks are now over.")
    assert [doc.text[s:e] for s, e in find_times(doc)] == ["now"]


def test_recurrences_are_found_by_their_construction() -> None:
    """ "every weekend", "twice a week", "every Tuesday": found even where NER tags nothing."""
    text = "They meet every weekend and twice a week, and he goes there every Tuesday."
    assert [text[s:e] for s, e in find_times(load()(text))] == [
        "every weekend",
        "twice a week",
        "every Tuesday",
    ]


def test_a_unit_after_an_amount_is_a_rate() -> None:
    """ "$33 million a year" is a SET (P1Y) in TimeML; "the smallest gain in a year" is a DURATION."""
    from according.extract.time.anchoring import as_rate

    year = Timex("DURATION", "P1Y", "duration")
    assert as_rate(year, Where("a year", before=("million", "CD")))[:2] == ("SET", "P1Y")
    assert as_rate(year, Where("an hour", before=("dollars", "NNS")))[:2] == ("SET", "PT1H")
    assert as_rate(year, Where("a year", before=("in", "IN"))) == year


def test_a_part_of_day_naming_no_time_is_no_time_expression() -> None:
    """ "the morning talk show", "the evening news", "Good evening from Havana": no TIME."""
    for text in (
        "He spoke on the morning talk show.",
        "She watched the evening news.",
        "Good evening from Havana.",
    ):
        assert find_times(load()(text)) == [], text


def test_last_evening_is_yesterday_evening() -> None:
    assert normalise("last evening", FRIDAY).value == "2025-08-14TEV"


def test_a_while_is_a_duration_of_unknown_length() -> None:
    text = "They will have to live without it for a while."
    assert [text[s:e] for s, e in find_times(load()(text))] == ["a while"]
    assert normalise("a while", FRIDAY)[:2] == ("DURATION", "PXX")


def test_soon_in_a_future_clause_is_future_ref_but_not_as_soon_as() -> None:
    def found(text: str) -> list[str]:
        return [text[s:e] for s, e in find_times(load()(text))]

    assert found("It will soon begin selling boxes.") == ["soon"]
    assert normalise("soon", FRIDAY)[:2] == ("DATE", "FUTURE_REF")
    assert found("He left as soon as possible.") == []
    assert found("He was soon released.") == []


def test_unit_long_adjective_is_a_duration() -> None:
    """ "a day-long meeting", "the decades-long battle": how long something lasts, found with "-long"."""
    text = "Lawyers emerged from their third day-long meeting, part of a decades-long battle."
    assert [text[s:e] for s, e in find_times(load()(text))] == ["day-long", "decades-long"]
    assert normalise("day-long", FRIDAY)[:2] == ("DURATION", "P1D")
    assert normalise("two-week-long", FRIDAY)[:2] == ("DURATION", "P2W")


def test_later_after_a_length_is_a_signal_left_outside() -> None:
    """ "a minute and a half later": the TIMEX3 is the length (PT1M30S); "later" is a signal."""
    text = "But a minute and a half later, a pilot calls in."
    assert [text[s:e] for s, e in find_times(load()(text))] == ["a minute and a half"]


def test_uncounted_units_joined_by_or_are_one_vague_length() -> None:
    """ "within weeks or months": one expression valued by its first unit (PXW); counted ones stay two."""

    def found(text: str) -> list[str]:
        return [text[s:e] for s, e in find_times(load()(text))]

    assert found("He probably died within weeks or months of his capture.") == ["weeks or months"]
    assert normalise("weeks or months", FRIDAY)[:2] == ("DURATION", "PXW")
    assert found("Many funds in recent weeks and months have been selling.") == ["recent weeks and months"]
    assert found("It took two days and three weeks.") == ["two days", "three weeks"]


def test_a_clock_time_with_an_evening_part_of_day_is_in_the_evening() -> None:
    wednesday = date(1998, 2, 11)
    assert normalise("8:30 tonight", wednesday) == Timex("TIME", "1998-02-11T20:30", "time")
    assert normalise("10 that night", wednesday).value == "1998-02-11T22:00"
    assert normalise("3 this afternoon", wednesday).value == "1998-02-11T15:00"
    assert normalise("9 o'clock tonight", wednesday).value == "1998-02-11T21:00"
    assert normalise("6 this morning", wednesday).value == "1998-02-11T06:00"  # mornings stay a.m.
    assert normalise("3 a.m. this morning", wednesday).value == "1998-02-11T03:00"


def test_dawn_and_dusk_with_a_weekday_are_parts_of_that_day() -> None:
    assert times_of("It happened at dawn Tuesday.", "1998-02-11") == {"dawn Tuesday": "1998-02-10TMO"}
    assert times_of("Shortly after dusk Friday, troops entered.", "1998-02-11") == {
        "dusk Friday": "1998-02-06TEV"
    }


def test_that_night_is_the_night_of_the_day_last_told_of() -> None:
    found = times_of("Rebels attacked the town on Monday. That night, the army fled.", "1998-02-11")
    assert found["That night"] == "1998-02-09TNI"
    found = times_of("The bomb went off on Feb. 3. The same evening, police arrested two men.", "1998-02-11")
    assert found["The same evening"] == "1998-02-03TEV"


def test_each_end_of_a_range_of_years_is_a_time_expression() -> None:
    assert times_of("He ruled from 1990 to 1995.", "1998-02-11") == {"1990": "1990", "1995": "1995"}


def test_a_time_word_in_a_name_is_no_time_expression() -> None:
    assert times_of("He wrote for the Sunday Times.", "1998-02-11") == {}
    assert times_of("He was interviewed on NBC's Today show.", "1998-02-11") == {}
    assert times_of("This is VOA Today.", "1998-02-11") == {}
    # months, weekdays and holidays are capitalised anywhere; a headline is capitalised throughout
    assert times_of("He spoke on CBS's Face the Nation on Sunday.", "1998-02-11") == {"Sunday": "1998-02-08"}
    assert times_of("Profits Rise Again in Third Quarter", "1998-02-11") != {}


def test_a_day_of_the_month_said_as_an_ordinal_word() -> None:
    wednesday = date(1998, 2, 11)
    assert value("March eighth", wednesday) == "1998-03-08"
    assert value("the fourth of July", wednesday) == "1998-07-04"
    assert value("January thirty-first, nineteen ninety-eight", wednesday) == "1998-01-31"
    assert times_of("The fourth of July was hot.", "1998-02-11") == {"The fourth of July": "1997-07-04"}


def test_named_days_keep_their_capital_mid_sentence() -> None:
    from according.extract.time.spans import is_in_name

    doc = load()("Traders still remember Black Monday and VOA Today in the market.")
    assert not is_in_name(doc[3:5])  # "Black Monday": a day's own name
    assert is_in_name(doc[7:8])  # "Today" of "VOA Today": a programme's


def test_every_few_units_recurs_with_a_vague_period() -> None:
    assert normalise("every few weeks", FRIDAY) == Timex("SET", "PXW", "set", quant="EVERY")
    assert value("every few hours") == "PTXH"
    assert times_of("Every few years the law changes.", "1998-02-11") == {"Every few years": "PXY"}


def test_a_fraction_of_a_unit_ago_counts_in_years_or_months() -> None:
    wednesday = date(1998, 2, 11)
    assert value("half a century ago", wednesday) == "1948"
    assert value("a decade and a half ago", wednesday) == "1983"
    assert value("a year and a half ago", wednesday) == "1996-08"
    assert value("two and a half years ago", wednesday) == "1995-08"


def test_a_part_of_day_after_a_day_word_is_that_days_time() -> None:
    assert times_of("He will leave tomorrow morning.", "1998-02-11") == {"tomorrow morning": "1998-02-12TMO"}
    assert times_of("Talks went on Tuesday afternoon.", "1998-02-11") == {
        "Tuesday afternoon": "1998-02-10TAF"
    }


def test_the_first_half_of_the_year_is_this_years_half() -> None:
    assert value("the first half of the year", date(1998, 2, 11)) == "1998-H1"
    assert value("the second half of the year", date(1998, 2, 11)) == "1998-H2"


def test_a_clock_time_with_a_time_zone_is_a_time() -> None:
    assert times_of("The blast happened at 11:20 GMT.", "1998-02-11") == {"11:20 GMT": "1998-02-11T11:20"}
    assert times_of("The shuttle lifted off at 9:57 a.m. CST.", "1998-02-11") == {
        "9:57 a.m. CST": "1998-02-11T09:57"
    }
    assert times_of("The score was 3:15 at the break.", "1998-02-11") == {}


def test_a_programme_title_in_quotation_marks_is_no_time_expression() -> None:
    assert times_of('Baker, speaking on ABC News\' "This Week," said it was fine.', "1990-08-15") == {}
    assert times_of('"Tomorrow," he said, "we fight."', "1998-02-11") == {"Tomorrow": "1998-02-12"}


def test_a_noun_of_tomorrow_is_the_coming_age_not_a_day() -> None:
    assert times_of("If I were choosing the people of tomorrow, I would choose them.", "1989-11-02") == {}
    assert times_of("As of today, the fund is closed.", "1989-11-02") == {"today": "1989-11-02"}


def test_one_unit_after_a_word_of_length_is_a_duration() -> None:
    found = times_of("Inspectors came for a tour likely to last over a week, officials said.", "1998-03-06")
    assert list(found.values()) == ["P1W"]
    assert times_of("The talks took a day.", "1998-03-06") == {"a day": "P1D"}
    assert times_of("It sells $500 million a year.", "1998-03-06") == {}


def test_recent_units_are_a_vague_length_like_the_past_few_units() -> None:
    assert normalise("recent years", FRIDAY)[:2] == ("DURATION", "PXY")
    assert normalise("recent months", FRIDAY)[:2] == ("DURATION", "PXM")
    assert normalise("recent days", FRIDAY)[:2] == ("DURATION", "PXD")
    assert normalise("recently", FRIDAY)[:2] == ("DATE", "PAST_REF")


def test_uncounted_centuries_keep_the_century_unit() -> None:
    assert normalise("centuries", FRIDAY)[:2] == ("DURATION", "PXC")
    assert value("two centuries") == "P200Y"


def test_what_since_counts_from_has_begun_by_the_publication_date() -> None:
    assert times_of("He has been in prison since March.", "1998-02-11") == {"March": "1997-03"}
    assert times_of("He has been here since March 1996.", "1998-02-11") == {"March 1996": "1996-03"}


def test_the_future_as_a_thing_is_no_time_but_in_the_future_is() -> None:
    assert times_of("The future looks anything but encouraging.", "1989-10-26") == {}
    assert times_of("That is important to the future of our peoples.", "1989-10-26") == {}
    assert times_of("They will buy more in the future.", "1989-10-26") == {"the future": "FUTURE_REF"}
    assert times_of("Kosovars are worried about the future.", "1989-10-26") == {"the future": "FUTURE_REF"}


def test_a_plural_weekday_mid_sentence_recurs() -> None:
    assert times_of("The shop is closed Sundays.", "1998-02-11") == {"Sundays": "XXXX-WXX-7"}
    assert times_of("He works Mondays and Fridays.", "1998-02-11") == {
        "Mondays": "XXXX-WXX-1",
        "Fridays": "XXXX-WXX-5",
    }


def test_a_recurrence_record_carries_timeml_quant_and_freq() -> None:
    """The record of "twice a week" says how often (freq 2X), "every Tuesday" which ones (quant EVERY)."""
    from according.pipeline import extract_text

    record = extract_text(
        "The ferry sails twice a week, and the council meets every Tuesday.", published="2025-08-15"
    )
    found = {t.span.text: (t.type, t.value, t.quant, t.freq) for t in record.times}
    assert found["twice a week"] == ("SET", "P1W", None, "2X")
    assert found["every Tuesday"] == ("SET", "XXXX-WXX-2", "EVERY", None)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-08-15", "Friday 15 August 2025"),
        ("2025-08", "August 2025"),
        ("XXXX-WXX-5", "Fridays"),
        ("2025-W33-WE", "the weekend of week 33 of 2025"),
        ("2025-08-15TNI", "Friday 15 August 2025, night"),
        ("2025-08-15T14:30", "Friday 15 August 2025, 14:30"),
        ("P3D", "3 days"),
        ("PT30M", "30 minutes"),
        ("PXM", "months"),
        ("P1Y", "1 year"),
        ("PXC", "centuries"),
        ("2025-Q3", "Q3 2025"),
        ("1990-H1", "first half of 1990"),
        ("1998-FA", "fall 1998"),
        ("196", "the 1960s"),
        ("PRESENT_REF", "now"),
        ("2025-02-30", "2025-02-30"),  # not a day: kept as it is
        ("XXXX-XX-XX", "XXXX-XX-XX"),
    ],
)
def test_timeml_values_read_as_words(value: str, words: str) -> None:
    from according.extract.time.words import timex_words

    assert timex_words(value) == words
