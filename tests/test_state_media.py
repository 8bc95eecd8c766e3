"""State media seen where the text says so, and carried onto speakers and chain links."""

import pytest

from according.pipeline import extract_text


@pytest.mark.parametrize(
    ("text", "entity_id", "country"),
    [
        ("The president spoke on Monday, North Korean state media said.", "org:state-media-prk", "PRK"),
        ("Troops entered the town, according to Syrian state media on Sunday.", "org:state-media-syr", "SYR"),
        ("At least 56 people died, according to state television.", "org:state-media-unknown", None),
    ],
)
def test_state_media_words_without_an_outlet_become_a_state_media_entity(text, entity_id, country):
    record = extract_text(text)
    entity = next(e for e in record.entities if e.id == entity_id)
    assert entity.state_media and entity.country == country


def test_an_outlet_named_beside_the_words_is_marked_state_media():
    record = extract_text("State press agency PAP has reported that the minister resigned on Monday.")
    marked = [e for e in record.entities if e.state_media]
    assert any("PAP" in e.name for e in marked)


def test_chain_link_and_speaker_through_state_media_carry_the_flag():
    record = extract_text(
        "The leader praised the soldiers, North Korean state media reported on Saturday. "
        "State media said the talks had failed."
    )
    links = [link for a in record.attributions for link in a.chain]
    speakers = [a.speaker for a in record.attributions if a.speaker]
    assert any(link.state_media for link in links) or any(s.state_media for s in speakers)
    assert all(link.state_media for link in links if "state media" in link.source.name.lower())


def test_no_state_media_words_no_flag():
    record = extract_text("The mayor said the budget would pass, the local newspaper reported.")
    assert not any(e.state_media for e in record.entities)
