"""The shipped registry: lookups by name, alias, demonym, capital and metonym; offices by date; outlets."""

import json
import re
from importlib import resources

import pytest

from according import gazetteer as gz


@pytest.mark.parametrize(
    ("text", "entity_id", "kind"),
    [
        ("North Korea", "country:PRK", "name"),
        ("DPRK", "country:PRK", "alias"),
        ("the US", "country:USA", "alias"),
        ("Britain", "country:GBR", "alias"),
        ("North Korean", "country:PRK", "demonym"),
        ("Russian", "country:RUS", "demonym"),
        ("American", "country:USA", "demonym"),
        ("Chinese", "country:CHN", "demonym"),
        ("Pyongyang", "country:PRK", "metonym"),
        ("Seoul", "country:KOR", "metonym"),
        ("Washington", "country:USA", "metonym"),
        ("Moscow", "country:RUS", "metonym"),
        ("Beijing", "country:CHN", "metonym"),
        ("the Kremlin", "country:RUS", "metonym"),
        ("the White House", "country:USA", "metonym"),
        ("Downing Street", "country:GBR", "metonym"),
        ("the Elysee", "country:FRA", "metonym"),
        ("Whitehall", "country:GBR", "metonym"),
        ("the Pentagon", "country:USA", "metonym"),
        ("Soviet", "gpe:soviet-union", "demonym"),
    ],
)
def test_countries_by_every_kind_of_name(text, entity_id, kind):
    entry = gz.lookup(text)
    assert entry is not None, text
    assert (entry.id, entry.kind) == (entity_id, kind)


def test_lookup_tolerates_case_the_and_possessive():
    assert gz.lookup("the Kremlin's").id == "country:RUS"
    assert gz.lookup("KREMLIN").id == "country:RUS"
    assert gz.lookup("Putin’s").id == "person:vladimir-putin"
    assert gz.lookup("kim jong-un").id == "person:kim-jong-un"


def test_short_acronyms_only_match_in_capitals():
    assert gz.lookup("US").id == "country:USA"
    assert gz.lookup("us") is None
    assert gz.lookup("WHO").id == "org:who"
    assert gz.lookup("who") is None
    assert gz.lookup("kcna").id == "org:kcna"


def test_state_media_outlet_entry():
    kcna = gz.lookup("Korean Central News Agency")
    assert (kcna.id, kcna.type, kcna.country, kcna.state_media) == ("org:kcna", "ORG", "PRK", True)
    assert gz.lookup("TASS").state_media
    assert gz.lookup("Xinhua").country == "CHN"


def test_public_and_private_outlets_are_not_state_media():
    for name in ("Yonhap", "BBC", "Reuters", "NK News"):
        entry = gz.lookup(name)
        assert entry.type == "ORG" and not entry.state_media, name


def test_person_entry_has_country_roles_and_wikidata():
    putin = gz.lookup("Vladimir Putin")
    assert (putin.type, putin.country, putin.wikidata) == ("PERSON", "RUS", "Q7747")
    assert putin.roles_at("2025-08-15") == ["president (RUS)"]
    assert putin.roles_at("2010-01-01") == ["prime minister (RUS)"]


@pytest.mark.parametrize(
    ("role", "country", "date", "name"),
    [
        ("president", "RUS", "2025-08-15", "Vladimir Putin"),
        ("President", "RUS", "2010-06-01", "Dmitry Medvedev"),
        ("leader", "PRK", "2025-08-15", "Kim Jong Un"),
        ("leader", "RUS", "2025-08-15", "Vladimir Putin"),
        ("leader", "ISR", "2023-05-01", "Benjamin Netanyahu"),
        ("prime minister", "GBR", "2019-01-01", "Theresa May"),
        ("prime minister", "GBR", "2020-01-01", "Boris Johnson"),
        ("foreign minister", "USA", "2018-03-01", "Rex Tillerson"),
        ("foreign minister", "USA", "2025-03-01", "Marco Rubio"),
        ("top diplomat", "CHN", "2023-03-01", "Qin Gang"),
        ("premier", "CHN", "2024-01-01", "Li Qiang"),
        ("president", "USA", "2021-01-21", "Joe Biden"),
        ("president", "USA", "2021-01-19", "Donald Trump"),
        ("foreign minister", "UKR", "2024-10-01", "Andrii Sybiha"),
    ],
)
def test_person_by_role_at_a_date(role, country, date, name):
    person = gz.person_by_role(role, country, date)
    assert person is not None and person.name == name


def test_person_by_role_without_date_takes_the_open_term():
    assert gz.person_by_role("president", "USA").name == "Donald Trump"
    assert gz.person_by_role("president", "USA", "2012-05-01").name == "Barack Obama"
    assert gz.person_by_role("supreme leader", "IRN").name == "Ali Khamenei"


def test_outlet_for_domain_and_subdomains():
    assert gz.outlet_for_domain("kcna.kp").id == "org:kcna"
    assert gz.outlet_for_domain("https://www.bbc.co.uk/news/world-123").id == "org:bbc"
    assert gz.outlet_for_domain("edition.cnn.com").id == "org:cnn"
    assert gz.outlet_for_domain("https://www.nknews.org/2025/08/x/").id == "org:nk-news"
    assert gz.outlet_for_domain("example.com") is None


def test_outlet_by_name():
    assert gz.outlet_by_name("Korean Central News Agency").id == "org:kcna"
    assert gz.outlet_by_name("The New York Times").id == "org:nyt"
    assert gz.outlet_by_name("Russia") is None


def test_places_give_the_city_with_its_country():
    assert gz.lookup_place("Pyongyang").country == "PRK"
    assert gz.lookup_place("Kursk").country == "RUS"
    assert gz.lookup_place("Kiev").name == "Kyiv"
    assert gz.lookup_place("Texas").country == "USA"


def _items(name):
    return json.loads(resources.files("according.data").joinpath(name).read_text("utf-8"))["items"]


def test_data_files_say_where_they_came_from():
    for name in (
        "countries.json",
        "places.json",
        "people.json",
        "organizations.json",
        "outlets.json",
        "places_extra.json",
        "country_extras.json",
        "roles.json",
    ):
        data = json.loads(resources.files("according.data").joinpath(name).read_text("utf-8"))
        assert data["_source"], name


def test_registry_ids_are_unique_and_wikidata_well_formed():
    files = ("people.json", "organizations.json", "outlets.json")
    ids = [row["id"] for name in files for row in _items(name)]
    assert len(ids) == len(set(ids))
    for name in ("people.json", "organizations.json"):
        for row in _items(name):
            assert row["wikidata"] is None or re.fullmatch(r"Q\d+", row["wikidata"]), row["id"]


def test_every_term_has_ordered_iso_dates():
    for person in _items("people.json"):
        for term in person["terms"]:
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", term["start"]), person["id"]
            assert term["end"] is None or term["start"] < term["end"], person["id"]
            assert term["country"] or term["org"], person["id"]


def test_all_iso_countries_are_present():
    countries = _items("countries.json")
    assert len(countries) >= 249
    assert all(re.fullmatch(r"[A-Z]{3}", c["alpha3"]) for c in countries)
