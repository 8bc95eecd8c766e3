"""Claims: figures with quantity, qualifier, unit, what they count, date and the attribution carrying them."""

import pytest

from according.extract.claims import parse_number
from according.pipeline import extract_text


def claims(text: str, published: str | None = "2025-08-15"):
    record = extract_text(text, published=published)
    for claim in record.claims:
        assert record.article.text[claim.span.start : claim.span.end] == claim.span.text
    return record, record.claims


def by_text(found, fragment: str):
    return next(c for c in found if fragment in c.span.text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10,000", 10000),
        ("1.13bn", 1.13e9),
        ("$1.13bn", 1.13e9),
        ("30%", 30),
        ("two million", 2e6),
        ("a dozen", 12),
        ("600", 600),
        ("forty-five", 45),
        ("3.5 million", 3.5e6),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_qualifiers_units_and_what_is_counted():
    _, found = claims("More than 500 protesters gathered in the square, and at least three were injured.")
    first, second = by_text(found, "500"), by_text(found, "three")
    assert (first.quantity, first.qualifier, first.unit) == (500, "more than", "protesters")
    assert first.span.text == "More than 500"
    assert first.about == "protesters gathered in the square"
    assert (second.quantity, second.qualifier) == (3, "at least")
    assert second.unit == "protesters"  # the elided noun of the sentence's earlier figure


def test_money_percent_and_number_words():
    _, found = claims("The company lost $1.13bn last year, and prices rose by up to 30% in some regions.")
    money, share = by_text(found, "1.13bn"), by_text(found, "30%")
    assert (money.quantity, money.unit, money.span.text) == (1.13e9, "USD", "$1.13bn")
    assert money.date == "2024"
    assert (share.quantity, share.qualifier, share.unit) == (30, "up to", "percent")
    _, found = claims("Two million people were displaced and a dozen villages were burned.")
    assert {(c.quantity, c.unit) for c in found} == {(2e6, "people"), (12, "villages")}


def test_vague_counts_keep_no_quantity():
    _, found = claims("Around 600 soldiers have been killed and thousands more wounded, Seoul has said.")
    vague = by_text(found, "thousands")
    assert (vague.quantity, vague.quantity_text, vague.qualifier) == (None, "thousands", "vague")
    assert by_text(found, "600").qualifier == "around"


def test_dates_ages_phone_numbers_and_names_are_not_claims():
    _, found = claims(
        "The 45-year-old was born in 1980 and can be reached on 555-123-4567. She flew a Mi-26 in 2024 "
        "and came third."
    )
    assert found == []


def test_wikinews_sentence():
    # Wikinews, "World Health Organization names new coronavirus COVID-19" (2020), CC BY 2.5.
    _, found = claims("SARS-CoV-2 has already killed more than 1,000 people and infected tens of thousands.")
    killed = by_text(found, "1,000")
    assert (killed.quantity, killed.qualifier, killed.unit, killed.about) == (
        1000,
        "more than",
        "people",
        "people killed",
    )
    vague = by_text(found, "tens of thousands")
    assert (vague.quantity, vague.qualifier, vague.unit) == (None, "vague", "people")


def test_claim_inside_an_attribution_names_it():
    record, found = claims(
        "Police director Vladimir Rebic said at least 71 people were arrested Friday night."
    )
    claim = by_text(found, "71")
    holder = next(a for a in record.attributions if a.id == claim.attribution_id)
    assert any(c.start <= claim.span.start < c.end for c in holder.content)
    assert claim.date.startswith("2025-08-15")  # "Friday night": 2025-08-15TNI


def test_reference_article_claims(reference_record):
    found = reference_record.claims
    first = by_text(found, "10,000")
    assert (first.quantity, first.qualifier, first.unit, first.date) == (
        10000,
        "more than",
        "soldiers",
        "2024",
    )
    assert first.about.startswith("soldiers sent to Russia's Kursk region")
    second, third = by_text(found, "600"), by_text(found, "thousands")
    assert (second.quantity, second.qualifier, second.unit) == (600, "around", "soldiers")
    assert (third.quantity, third.qualifier, third.unit) == (None, "vague", "soldiers")
    atts = {a.id: a for a in reference_record.attributions}
    assert "Pyongyang sent" in atts[first.attribution_id].content[0].text
    assert second.attribution_id == third.attribution_id
    assert atts[second.attribution_id].speaker.entity_id == "country:KOR"
    assert len(found) == 3


def test_a_share_is_said_of_the_verb_object_when_the_figure_is_not_in_it():
    from according.pipeline import extract_text

    record = extract_text("The Bank of England left interest rates unchanged at 4.75% on Thursday.")
    (claim,) = record.claims
    assert claim.about == "The Bank of England left interest rates"
