"""The table view: who said what, escaped as plain text, every content piece shown."""

from rich.console import Console

from according.pipeline import extract_text
from according.render import print_record


def render(text: str) -> str:
    console = Console(record=True, width=160)
    print_record(extract_text(text, steps=("attributions",)), console)
    return console.export_text()


def test_table_shows_speaker_cue_and_both_pieces():
    out = render("“Nobody got everything,” she told the chamber. “But nobody was left behind at all.”")
    assert "tell" in out and "Nobody got everything" in out and "nobody was left behind" in out


def test_markup_in_article_text_is_not_interpreted():
    out = render("“[bold red]Nothing[/bold red] <script>alert(1)</script> happened today,” the mayor said.")
    assert "[bold red]Nothing[/bold red]" in out
    assert "<script>alert(1)</script>" in out


def test_narrow_terminal_keeps_room_for_what_was_said():
    console = Console(record=True, width=80)
    raw = (
        "The measure passed, the regional transport authority of the northern province said in a statement. "
        "“We will not stop,” said Marta Ilves, leader of the ferry workers' union."
    )
    print_record(extract_text(raw, steps=("attributions",)), console)
    out = console.export_text()
    assert "We will not stop" in out
    assert "statement" in out  # the medium moves under the content rather than being squeezed out
    assert "through" not in out


def test_speaker_mention_shown_only_when_it_differs_by_more_than_case_or_the():
    from according.records import EntityRef, Span
    from according.render import ref_text

    same = EntityRef(name="Brennick Courier", mention=Span(start=0, end=20, text="the Brennick courier"))
    other = EntityRef(name="Elena Sosa", mention=Span(start=0, end=3, text="she"))
    state = EntityRef(name="KCNA", mention=Span(start=0, end=4, text="KCNA"), state_media=True)
    assert ref_text(same) == "Brennick Courier"
    assert ref_text(other) == "Elena Sosa (she)"
    assert ref_text(state) == "KCNA [state media]"


def test_table_view_labels_medium_chain_and_date():
    from according.records import Attribution, ChainLink, EntityRef, Span
    from according.render import through_lines

    link = ChainLink(source=EntityRef(name="KCNA"), cue="according to", state_media=True)
    attr = Attribution(
        id="a1",
        kind="indirect",
        content=[Span(start=0, end=1, text="x")],
        medium="letter",
        chain=[link],
        date="2025-08-13",
    )
    assert through_lines(attr) == [
        ("medium", "letter"),
        ("chain", "—according to→ KCNA (state media)"),
        ("date", "2025-08-13"),
    ]


def test_chain_runs_from_speaker_to_outlet_and_marks_links_carried_over():
    from according.render import chain_text

    record = extract_text(
        "Tehran Radio, monitored by the BBC, quoted Mir Hossein Mousavi as saying the war would go on.\n\n"
        "Mousavi said the army was ready."
    )
    first, second = record.attributions
    assert chain_text(first) == "—quoted→ Tehran Radio —monitored by→ BBC"
    assert chain_text(second) == "—quoted→ Tehran Radio (inferred) —monitored by→ BBC (inferred)"
