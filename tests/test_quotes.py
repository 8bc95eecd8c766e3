"""Quotation spans: curly, straight, guillemets, unclosed quotes running into the next paragraph."""

from according.extract.quotes import find_quotes, quote_marks_in


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


def test_curly_and_straight_pairs():
    assert inner("He said “yes” and then “no”.") == ["yes", "no"]
    assert inner('She said "we will see" today.') == ["we will see"]
    assert inner("« Non », a-t-il dit.") == [" Non "]


def test_unclosed_quote_runs_to_paragraph_end_when_the_next_paragraph_opens_a_quote():
    text = "“First part of the speech.\n\n“Second part.”"
    assert inner(text) == ["First part of the speech.", "Second part."]


def test_unclosed_quote_without_continuation_is_ignored():
    assert inner("He said “nothing more.\n\nThe end.") == []


def test_apostrophes_are_not_quote_marks():
    assert quote_marks_in("Korea's liberation, the people’s bravery") == 0
    assert quote_marks_in("“heroic”") == 2
