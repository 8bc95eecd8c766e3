"""Speaker resolution: names to entities, demonyms only when whole, pronouns to antecedents."""

from according.extract.speakers import entity_at, resolve_speaker
from according.records import Entity, EntityRef, Mention, Span


def mention(text: str, sentence: str, kind: str = "name") -> Mention:
    start = sentence.index(text)
    return Mention(start=start, end=start + len(text), text=text, kind=kind)


SENTENCE = "North Korean state media said Kim Jong Un met Putin. He said the talks went well."
KIM = Entity(
    id="person:kim-jong-un", name="Kim Jong Un", type="PERSON", mentions=[mention("Kim Jong Un", SENTENCE)]
)
PRK = Entity(
    id="country:PRK", name="North Korea", type="GPE", mentions=[mention("North Korean", SENTENCE, "demonym")]
)


def span(text: str) -> Span:
    start = SENTENCE.index(text)
    return Span(start=start, end=start + len(text), text=text)


def test_demonym_inside_a_longer_speaker_is_not_the_country():
    assert entity_at([KIM, PRK], span("North Korean state media")) is None
    assert entity_at([KIM, PRK], span("North Korean")) is PRK


def test_name_resolves_to_entity():
    assert entity_at([KIM, PRK], span("Kim Jong Un")) is KIM


class FakeContext:
    """Just what resolve_speaker reads."""

    class record:  # noqa: N801 - mirrors Context.record
        entities = [KIM, PRK]


def test_pronoun_takes_the_latest_person_speaker():
    history = [EntityRef(entity_id="person:kim-jong-un", name="Kim Jong Un")]
    ref = resolve_speaker(FakeContext(), span("He"), history)
    assert ref.entity_id == "person:kim-jong-un" and ref.mention.text == "He"


def test_unknown_speaker_keeps_its_words_without_determiner():
    ref = resolve_speaker(FakeContext(), span("North Korean state media"), [])
    assert ref.entity_id is None and ref.name == "North Korean state media"


def test_bare_surname_links_to_the_full_name():
    elsewhere = 1000  # a later paragraph, where the NER did not tag the name
    given_name = Span(start=elsewhere, end=elsewhere + 3, text="Kim")
    assert resolve_speaker(FakeContext(), given_name, []).entity_id is None  # not the last word of the name
    surname = Span(start=elsewhere, end=elsewhere + 2, text="Un")
    assert resolve_speaker(FakeContext(), surname, []).entity_id == "person:kim-jong-un"
