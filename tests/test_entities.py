"""Entities: NER corrected by the registry, titles, metonyms, demonyms, clustering, offsets."""

import json
import re
from pathlib import Path

from according.extract.entities import entity_for_span
from according.pipeline import extract_text

REFERENCE_GOLD = Path(__file__).resolve().parents[2] / "shared" / "examples" / "kcna-putin-letter.gold.json"

# Wikinews, "Germany bans Mahan Air of Iran, citing 'security'" (2019-01-23), CC BY 2.5:
# https://en.wikinews.org/wiki/Germany_bans_Mahan_Air_of_Iran,_citing_%27security%27
WIKINEWS = (
    "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation, with officials "
    "saying this is for security reasons.\n\n"
    'Mahan has been the subject of United States sanctions since 2011. "The airline transports weapons and '
    "fighters across the Middle East, supporting the Iranian regime's destructive ambitions around the "
    'region," according to a tweet on Monday by US Secretary of State Mike Pompeo.\n\n'
    "German Chancellor Angela Merkel's spokesperson, Steffen Seibert, said it is possible \"that this "
    'airline carries out transports to Germany that affect our security concerns". US Ambassador to '
    'Germany Richard Grenell alleged Mahan had "contributed to incredible human suffering" by '
    "supporting Syrian President Bashar al-Assad.\n\n"
    "The United States government claims Mahan flies fighters and cargo to Syria in support of al-Assad."
)


def entities(text: str, published: str | None = "2025-08-15"):
    record = extract_text(text, published=published, steps=("entities",))
    for entity in record.entities:
        for mention in entity.mentions:
            assert record.article.text[mention.start : mention.end] == mention.text
    return {e.id: e for e in record.entities}


def mentions(entity, kind=None):
    return [m.text for m in entity.mentions if kind is None or m.kind == kind]


def test_registry_corrects_ner_types():
    found = entities("The DPRK denied the report, state news agency KCNA said. Troops left the Kursk region.")
    assert found["country:PRK"].type == "GPE"
    kcna = found["org:kcna"]
    assert (kcna.type, kcna.country, kcna.state_media) == ("ORG", "PRK", True)
    assert "state news agency KCNA" in mentions(kcna, "title")
    kursk = found["loc:kursk-region"]
    assert (kursk.type, kursk.country) == ("LOC", "RUS")


def test_capital_as_government_or_as_place():
    found = entities("A delegation travelled to Seoul on Monday. Seoul has said it will not respond.")
    assert mentions(found["country:KOR"], "metonym") == ["Seoul"]
    assert found["gpe:seoul"].country == "KOR"
    assert len(found["gpe:seoul"].mentions) == 1


def test_government_metonyms_and_demonyms_are_country_mentions():
    found = entities(
        "The Kremlin welcomed the move. North Korean troops and Russian officers met, Downing Street said."
    )
    assert mentions(found["country:RUS"]) == ["Kremlin", "Russian"]
    assert [m.kind for m in found["country:RUS"].mentions] == ["metonym", "demonym"]
    assert mentions(found["country:PRK"], "demonym") == ["North Korean"]
    assert mentions(found["country:GBR"], "metonym") == ["Downing Street"]


def test_one_entity_for_every_mention_of_a_person():
    text = (
        "Russian President Vladimir Putin spoke on Friday. Putin said the talks went well. "
        "Later the Russian president left Moscow."
    )
    putin = entities(text)["person:vladimir-putin"]
    assert putin.country == "RUS" and putin.wikidata == "Q7747"
    assert mentions(putin) == [
        "Russian President Vladimir Putin",
        "Vladimir Putin",
        "Putin",
        "the Russian president",
    ]
    assert putin.roles == ["president (RUS)"]


def test_office_title_resolves_by_publication_date():
    text = "The Russian president met the British prime minister."
    assert "person:dmitry-medvedev" in entities(text, "2010-06-01")
    found = entities(text, "2019-01-01")
    assert {"person:vladimir-putin", "person:theresa-may"} <= set(found)


def test_surname_links_to_full_name_seen_elsewhere_even_later():
    found = entities(
        "Letter to Kim\n\nLeader Kim Jong Un met Ambassador Jane Okafor. Okafor said Kim smiled."
    )
    kim = found["person:kim-jong-un"]
    assert mentions(kim).count("Kim") == 2 and kim.country == "PRK"
    assert mentions(found["person:jane-okafor"], "name") == ["Jane Okafor", "Okafor"]


def test_unknown_person_gets_country_and_role_from_title():
    found = entities("State Duma Speaker Vyacheslav Volodin thanked the delegation.")
    volodin = found["person:vyacheslav-volodin"]
    assert volodin.country == "RUS"
    assert "State Duma Speaker Vyacheslav Volodin" in mentions(volodin, "title")
    assert found["org:state-duma"].country == "RUS"


def test_entities_never_cross_a_paragraph_break():
    found = entities(
        "Putin Hails Troops in Letter to Kim\n Training of North Korean soldiers. KCNA\n\n"
        "Kim Jong Un received the letter."
    )
    names = [m.text for e in found.values() for m in e.mentions]
    assert not any("Training" in n or "\n" in n for n in names)
    assert "Kim" in mentions(found["person:kim-jong-un"])


def test_definite_nominal_refers_to_latest_country():
    found = entities(
        "Russia and North Korea signed a pact last year, when Putin visited the reclusive state."
    )
    assert mentions(found["country:PRK"], "nominal") == ["the reclusive state"]


def test_entity_for_span_prefers_the_widest_overlap():
    text = "Russian President Vladimir Putin said the talks went well."
    record = extract_text(text, published="2025-08-15", steps=("entities",))
    assert entity_for_span(record.entities, 0, 32).id == "person:vladimir-putin"
    assert entity_for_span(record.entities, 0, 7).id == "country:RUS"
    assert entity_for_span(record.entities, 40, 45) is None


def test_wikinews_paragraph():
    found = entities(WIKINEWS, "2019-01-23")
    assert found["person:mike-pompeo"].roles == ["secretary of state (USA)"]
    assert "US Secretary of State Mike Pompeo" in mentions(found["person:mike-pompeo"], "title")
    assert found["person:angela-merkel"].country == "DEU"
    assert mentions(found["person:bashar-al-assad"], "name") == ["Bashar al-Assad", "al-Assad"]
    assert "the European nation" in mentions(found["country:DEU"], "nominal")
    assert "United States" in mentions(found["country:USA"])
    assert found["country:SYR"].type == "GPE"


PRONOUNS = {"he", "she", "it", "they", "him", "her"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_reference_article_entities(reference_text):
    record = extract_text(reference_text, published="2025-08-15", steps=("entities",))
    gold = json.loads(REFERENCE_GOLD.read_text("utf-8"))["entities"]
    by_name = {e.name: e for e in record.entities}
    for item in gold:
        entity = by_name.get(item["name"])
        assert entity is not None, item["name"]
        assert entity.type == item["type"] and entity.country == item.get("country"), item["name"]
        assert entity.state_media == item.get("state_media", False)
        found = {_norm(m.text) for m in entity.mentions}
        missing = [m for m in item.get("mentions", []) if m.lower() not in PRONOUNS and _norm(m) not in found]
        assert not missing, (item["name"], missing)
    texts = [_norm(m.text) for e in record.entities for m in e.mentions]
    assert not any("Kim Training" in t for t in texts)


def test_country_name_that_is_also_a_state_follows_the_context():
    us = entities("Senators Mike Lee of Utah and David Perdue of Georgia joined Rick Scott of Florida.")
    assert us["gpe:georgia"].country == "USA"
    assert entities("Georgia and Russia fought a war in 2008.")["country:GEO"].type == "GPE"


def test_cities_and_regions_carry_their_country():
    found = entities("Fighting went on in the Donetsk region, while a blast hit Karaj, west of Tehran.")
    assert found["loc:donetsk-region"].country == "UKR"
    assert found["gpe:karaj"].country == "IRN"
    assert found["gpe:tehran"].country == "IRN" and "country:IRN" not in found


FERRY_HEADLINE = (
    "Ferry Strike: Port Warns of Island Supply Crisis\n\n"
    "The head of Valmora's port has warned that the islands could soon run out of supplies.\n\n"
    "The strike has cost 600 sailings. The ferry company did not respond to a request for comment.\n"
)


def test_a_headline_phrase_the_article_writes_in_lower_case_is_no_name():
    found = entities(FERRY_HEADLINE)
    assert not any(e.name == "Ferry Strike" for e in found.values())


def test_a_title_of_a_possessor_names_the_thing_possessed_not_the_possessor():
    found = entities(FERRY_HEADLINE)
    titles = [m.text for e in found.values() for m in e.mentions if m.kind == "title"]
    assert not any(t.startswith("head of Valmora") for t in titles)


def test_an_unknown_name_ending_like_a_newspaper_after_the_is_a_news_outlet():
    found = entities("The council approved the budget on Tuesday, the Brennick Courier reported.")
    courier = next(e for e in found.values() if e.name == "Brennick Courier")
    assert courier.type == "ORG" and courier.roles == ["news outlet"]


def test_an_office_the_ner_took_into_a_name_becomes_the_persons_role():
    found = entities(
        "Councillor Ravi Menon, who voted against the plan, said the city was borrowing too much."
    )
    menon = found["person:ravi-menon"]
    assert menon.roles == ["councillor"]
    assert "Councillor Ravi Menon" in mentions(menon, "title")


def test_a_headline_phrase_with_a_capitalised_function_word_is_no_name():
    found = entities("City Council Backs Budget After Late-Night Session\n\nThe vote was close.\n")
    assert not any("Budget" in e.name for e in found.values())


def test_a_headline_run_of_words_the_body_never_capitalises_is_no_name():
    text = (
        "Islands Face Shortages as Ferry Strike Drags On\n\n"
        "Shops on the outer islands of Valmora are running short of food as the strike enters its "
        "second week, port director Anna Kivi said.\n"
    )
    names = {e.name for e in entities(text).values()}
    assert not names & {"Islands Face Shortages", "Ferry Strike Drags"}
    assert "Anna Kivi" in names


def test_a_title_cased_list_of_names_in_the_body_keeps_its_names():
    text = (
        "Tobacco firms win appeal\n\nThe firms are Altria Group, Lorillard Tobacco, Liggett Group and "
        "Brown and Williamson.\n\nThe court ruled on Friday.\n"
    )
    names = {e.name for e in entities(text).values()}
    assert {"Lorillard Tobacco", "Liggett Group"} <= names


def test_a_name_the_ner_labels_two_ways_is_one_entity_in_its_article():
    text = (
        "Ferry crews in the port city of Valmora stopped work on Monday.\n\n"
        "Related article: Valmora port traffic falls for the third month\n"
    )
    found = entities(text)
    assert [e.id for e in found.values() if e.name == "Valmora"] == ["gpe:valmora"]


def test_an_unknown_name_after_an_office_word_is_a_person():
    found = entities("Union leader Marta Ilves said the crews would return to work.")
    assert "person:marta-ilves" in found


def test_a_one_word_name_after_of_and_a_place_noun_is_a_place():
    found = entities("Shops on the outer islands of Valmora are running short of fresh food, officials said.")
    assert [e.id for e in found.values() if e.name == "Valmora"] == ["gpe:valmora"]
