"""Speaker resolution: names to entities, demonyms only when whole, pronouns to antecedents."""

from according.context import Context
from according.extract.attribution.speakers import entity_at, resolve_speaker
from according.ingest.text import ingest_text
from according.nlp import load
from according.records import Article, Entity, EntityRef, Mention, Record, Span


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


def context(text: str = SENTENCE) -> Context:
    """A real Context over ``text`` whose record already holds KIM and PRK."""
    ingested = ingest_text(text)
    article = Article(id="a", text=text)
    record = Record(article=article, entities=[KIM, PRK])
    return Context(article=article, mapped=ingested.mapped, doc=load()(ingested.mapped.text), record=record)


def offsets(text: str, sentence: str = SENTENCE) -> tuple[int, int]:
    start = sentence.index(text)
    return start, start + len(text)


def test_pronoun_takes_the_latest_person_speaker():
    history = [EntityRef(entity_id="person:kim-jong-un", name="Kim Jong Un")]
    ref = resolve_speaker(context(), offsets("He"), history)
    assert ref.entity_id == "person:kim-jong-un" and ref.mention.text == "He"


def test_unknown_speaker_keeps_its_words_without_determiner():
    ref = resolve_speaker(context(), offsets("North Korean state media"), [])
    assert ref.entity_id is None and ref.name == "North Korean state media"


def test_bare_surname_links_to_the_full_name():
    later = SENTENCE + " Later, Kim spoke and Un replied."  # the NER did not tag the name here
    at = len(SENTENCE) + 1
    assert resolve_speaker(context(later), (at + 7, at + 10), []).entity_id is None  # not the last word
    assert resolve_speaker(context(later), (at + 21, at + 23), []).entity_id == "person:kim-jong-un"


def test_a_speaker_with_a_post_modifier_is_its_head_noun():
    text = "“Security is tight,” said Marilynn Buckham, of Buffalo Gyn Womanservices."
    who = Entity(
        id="person:mb", name="Marilynn Buckham", type="PERSON", mentions=[mention("Marilynn Buckham", text)]
    )
    where = Entity(
        id="org:bgw",
        name="Buffalo Gyn Womanservices",
        type="ORG",
        mentions=[mention("Buffalo Gyn Womanservices", text)],
    )
    ctx = context(text)
    ctx.record.entities = [who, where]
    ref = resolve_speaker(ctx, offsets("Marilynn Buckham, of Buffalo Gyn Womanservices", text), [])
    assert ref.entity_id == "person:mb"


def test_a_title_with_the_name_in_apposition_is_the_named_person():
    from according.pipeline import extract_text

    raw = "The company's chief executive, Tomas Reinholt, said the demands would cost 40 million euros."
    (attr,) = extract_text(raw).attributions
    assert attr.speaker.name == "Tomas Reinholt"
    assert attr.speaker.mention.text == "The company's chief executive, Tomas Reinholt"


def test_a_relative_pronoun_speaker_is_named_by_its_antecedent():
    from according.pipeline import extract_text

    (attr,) = extract_text("Vladimir Putin, who said the talks were useful, left Moscow.").attributions
    assert attr.speaker.name == "Vladimir Putin" and attr.speaker.mention.text == "who"


def test_a_bare_definite_noun_is_the_earlier_speaker_with_that_head():
    from according.pipeline import extract_text

    raw = (
        "The strike began on Monday, the regional transport authority said. "
        "The authority said about 30,000 passengers use the ferries every day."
    )
    names = [a.speaker.name for a in extract_text(raw).attributions]
    assert names == ["regional transport authority", "regional transport authority"]


def test_a_nationality_before_the_head_noun_is_no_speaker():
    from according.pipeline import extract_text

    (attr,) = extract_text("The talks failed, Philippine officials said.").attributions
    assert attr.speaker.name == "Philippine officials" and attr.speaker.entity_id is None


def test_a_party_named_as_the_whole_speaker_keeps_its_entity():
    from according.pipeline import extract_text

    (attr,) = extract_text("The Republicans said the bill would fail.").attributions
    assert attr.speaker.entity_id == "norp:republicans"
