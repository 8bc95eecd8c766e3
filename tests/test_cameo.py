"""The shipped CAMEO verb and Phoenix actor dictionaries: their compact form, pattern matching on the parse,
dated roles and agent words."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from according.data import load
from according.extract import cameo
from according.extract.events import plover_row
from according.nlp import load as load_nlp

ROOT = Path(__file__).resolve().parent.parent


def first_verb_code(text: str) -> str | None:
    """The dictionary's code for the first verb of a sentence."""
    doc = load_nlp()(text)
    verb = next(t for t in doc if t.pos_ == "VERB")
    coded = cameo.code_verb(verb, verb.lemma_.lower())
    return coded.code if coded else None


def test_the_compact_form_is_the_parse_of_the_shipped_dictionaries() -> None:
    spec = importlib.util.spec_from_file_location("build_cameo", ROOT / "scripts" / "build_cameo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build()
    assert built["cameo_verbs.json"] == load("cameo_verbs.json")
    assert built["phoenix_actors.json"] == load("phoenix_actors.json")


def test_the_licence_ships_beside_the_dictionaries() -> None:
    folder = ROOT / "src" / "according" / "data" / "cameo"
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert (folder / "CAMEO.2.0.txt").exists()


def test_a_pattern_with_an_object_phrase_decides_the_code() -> None:
    assert first_verb_code("Kenya asked for financial aid.") == "0231"


def test_a_verb_whose_arguments_fit_no_pattern_takes_its_own_code() -> None:
    assert first_verb_code("Kenya asked Uganda about the border.") == "020"


def test_a_pattern_on_the_subject_counts_words_before_the_verb() -> None:
    parsed = cameo.parse_verbs("---  RUSH   [---]  ---\nRUSH\n- &MILITARY *  [154]\n&MILITARY\n+ARMY\n")
    assert parsed["blocks"][0]["patterns"] == [[["&military"], [], "154"]]


def test_office_holders_take_the_role_they_held_on_the_date() -> None:
    assert cameo.actor_code("Vladimir Putin", "2010-06-01") == "RUSGOV"
    assert cameo.actor_code("Vladimir Putin", "1990-06-01") == "RUSELI"
    assert cameo.actor_code("North Korea") == "PRK"


@pytest.mark.parametrize(("word", "code"), [("police", "COP"), ("rebels", "REB"), ("protesters", "OPP")])
def test_sector_words_have_agent_codes(word: str, code: str) -> None:
    assert cameo.agent_code(word) == code


def test_appeals_are_requests_and_unknown_subcodes_take_their_parent() -> None:
    assert plover_row("0231")["type"] == "REQUEST"
    assert plover_row("176")["type"] == "COERCE"
