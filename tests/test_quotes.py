"""Quotation spans: curly, straight, guillemets, unclosed quotes running into the next paragraph."""

from according.extract.attribution.quotes import find_quotes, quote_marks_in


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


def test_doubled_apostrophes_and_backticks_are_quote_marks():
    # New York Times and wire copy: ''A,'' he said. ''B.'' / ``A,'' he said.
    assert inner("''This isn't tax reform,'' he said. ''It's anti-reform.''") == [
        "This isn't tax reform,",
        "It's anti-reform.",
    ]
    assert inner("``Security is tight,'' said Ms. Buckham.") == ["Security is tight,"]
    assert quote_marks_in("''It's more tinkering,''") == 2
    # a paragraph with curly quotes keeps them; a lone apostrophe pair inside is not read as marks
    assert inner("He said “it is the people''s day”.") == ["it is the people''s day"]


def test_a_closing_mark_that_opens_a_line_is_an_opening_mark():
    text = "”Fear. I am truly afraid.” ― Edwin G. Monroy\n“Trump must stop.”― Carla Sanchez."
    assert inner(text) == ["Fear. I am truly afraid.", "Trump must stop."]
    assert inner("He said “yes”\n” and more") == ["yes"]  # no word right after it: nothing opens
