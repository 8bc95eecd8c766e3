"""Extractors declare what they need: an order that breaks a need is refused, and the needs name the
spaCy components a configured pipeline uses."""

import pytest

from according.pipeline import extract_text
from according.registry import check_order, components_for
from according.settings import DEFAULT_PIPELINE


def test_attributions_before_entities_is_refused():
    with pytest.raises(ValueError, match="'attributions' needs 'entities'"):
        extract_text("The mayor said the bridge would reopen.", steps=("attributions", "entities"))


def test_the_default_order_meets_every_need():
    assert [step.name for step in check_order(DEFAULT_PIPELINE)] == list(DEFAULT_PIPELINE)


def test_a_step_may_run_without_a_need_that_is_not_configured():
    assert check_order(("attributions",))[0].needs_steps == ("entities", "times")


def test_needs_name_the_spacy_components():
    assert {"parser", "ner", "lemmatizer"} <= components_for(DEFAULT_PIPELINE)
    assert "lemmatizer" not in components_for(("entities",))


def test_components_no_step_needs_are_left_out_of_the_parse():
    from according.pipeline import unneeded

    assert unneeded(("entities",)) == ["according_lemmas"]
    assert unneeded() == []
    record = extract_text("The mayor of Paris said on Monday the bridge would reopen.", steps=("entities",))
    assert record.entities
