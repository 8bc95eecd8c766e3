"""Hostile inputs end as a record or an error record, never a crash: odd names, bad bytes, NULs, huge runs."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

import according.ingest.batch as batch
import according.pipeline as pipeline
import according.windows as windows
from according.ingest.batch import InputText, article_kwargs, iter_inputs, read_path
from according.nlp import MAX_RUN, MAX_SENTENCE, load, text_of
from according.pipeline import extract_text, parse, text_parts
from according.records import ErrorRecord

STORY = "Quarterly profits rose 76% to $1.13bn (£600m), the company said on Tuesday.\n\n"


def test_a_non_utf8_file_name_is_written_with_its_surrogate_escape(tmp_path: Path) -> None:
    name = os.fsdecode(b"e\xffmpty.txt")
    (tmp_path / name).write_bytes(b"")
    (error,) = iter_inputs([str(tmp_path)])
    assert isinstance(error, ErrorRecord) and error.input.endswith("e\\udcffmpty.txt")
    assert error.model_dump_json()


def test_a_non_utf8_file_name_of_an_article_serialises(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(STORY, encoding="utf-8")
    (item,) = iter_inputs([str(tmp_path)])
    record = extract_text(item.text, **article_kwargs(item))
    assert record.article.source.endswith("caf\\udce9.txt") and record.model_dump_json()


def test_a_folder_that_cannot_be_listed_is_an_error_record(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(STORY, encoding="utf-8")
    scandir = os.scandir

    def refuse(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(batch.os, "scandir", refuse)
    results = list(iter_inputs([str(tmp_path)]))
    assert [type(r) for r in results] == [InputText, ErrorRecord]
    assert results[1].input.endswith("locked") and results[1].reason == "Permission denied"


def test_the_output_file_is_never_read_as_an_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text('{"partial": "output"}\n', encoding="utf-8")
    sources = [r.source for r in iter_inputs([str(tmp_path)], exclude={tmp_path / "." / "out.txt"})]
    assert sources == [str(tmp_path / "a.txt")]
    assert list(iter_inputs([str(out)], exclude={out})) == []


def test_utf8_with_two_stray_bytes_stays_utf8_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(STORY.encode("utf-8").replace(b"Quarterly", b"Quar\xfeter\xffly"))
    (item,) = read_path(path)
    assert "£600m" in item.text and item.text.startswith("Quar\ufffdter\ufffdly")
    record = extract_text(item.text, **article_kwargs(item))
    assert record.article.warnings == ["decode: 2 bytes not valid UTF-8 replaced with U+FFFD"]


def test_a_legacy_code_page_is_read_when_the_bytes_say_so(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    text = "Le président a déclaré à Genève que les négociations reprendront la semaine prochaine.\n"
    path.write_bytes((text * 3).encode("cp1252"))
    (item,) = read_path(path)
    assert item.text.startswith("Le président a déclaré") and "\ufffd" not in item.text and not item.warnings


@pytest.mark.parametrize("at", [10, 6000])
def test_a_nul_byte_is_a_space_wherever_it_is(tmp_path: Path, at: int) -> None:
    body = (STORY.replace("£", "GBP") * 200).encode("ascii")
    path = tmp_path / "a.txt"
    path.write_bytes(body[:at] + b"\x00" + body[at + 1 :])
    (item,) = read_path(path)
    assert "\x00" not in item.text and item.text[at] == " "


def test_mostly_control_bytes_are_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\x00\x01\x02text" * 100)
    (error,) = read_path(path)
    assert isinstance(error, ErrorRecord) and error.reason == "binary data, not text"


def test_extract_text_with_a_lone_surrogate_or_control_keeps_offsets() -> None:
    raw = 'He said \ud800 hello.\x00 "We will win," she said.'
    record = extract_text(raw)
    assert len(record.article.text) == len(raw) and record.model_dump_json()
    (attribution,) = record.attributions
    assert attribution.content[0].text == raw[attribution.content[0].start : attribution.content[0].end]


def test_a_long_text_is_parsed_in_paragraph_parts_with_its_offsets(monkeypatch) -> None:
    text = "".join(f"Paragraph {i}: the minister said it was fine.\n\n" for i in range(200))
    parts = text_parts(text, 1000)
    assert "".join(parts) == text and all(len(p) <= 1000 and p.endswith("\n\n") for p in parts)
    monkeypatch.setattr(pipeline, "PART_CHARS", 1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # spaCy once warned here with the whole text of every part
        doc = parse(text)
    assert doc.text == text and len(list(doc.sents)) >= 200
    assert text_of(doc) == text


def test_a_text_over_spacy_max_length_is_read() -> None:
    nlp = load()
    text = STORY * (nlp.max_length // len(STORY) + 1)
    assert len(text) > nlp.max_length
    assert len(text_parts(text, pipeline.PART_CHARS)) > 1


def test_a_run_of_quote_marks_is_tokenised_in_linear_time() -> None:
    tokenizer = load().tokenizer
    start = time.perf_counter()
    doc = tokenizer('"' * 20_000 + " said (" + "(" * 5000 + ")" * 5000)
    assert time.perf_counter() - start < 2
    assert doc.text.startswith('"' * 20_000) and max(len(t) for t in doc) <= MAX_RUN


def test_a_sentence_without_final_mark_is_cut_at_max_sentence_tokens() -> None:
    doc = parse(" ".join(f"{i}%" for i in range(1000)))
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE + 1


def test_windows_of_a_long_text_give_what_the_whole_text_gives(monkeypatch) -> None:
    article = (
        'Marta Ilves, the union leader, said the crews would stay out. "We have been patient," she said.\n\n'
        "The company said fares could rise by up to 15% next year, according to a statement.\n\n"
    )
    text = article * 12
    whole = extract_text(text)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 600)
    windowed = extract_text(text)
    assert windowed.attributions == whole.attributions and windowed.claims == whole.claims
    assert len(whole.attributions) >= 36


def test_window_bounds_cut_at_paragraphs_that_open_no_quote() -> None:
    pair = 'Paragraph {i} says the minister said so.\n\n"A quote {i}," he said.\n\n'
    text = "".join(pair.format(i=i) for i in range(60))
    doc = parse(text)
    bounds = windows.window_bounds(doc, 500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc) and len(bounds) > 3
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(doc[start].text == "Paragraph" for start, _ in bounds)


def test_html_nested_300_levels_deep_gives_its_text() -> None:
    para = "<p>The minister said the talks would resume on Monday, officials in the capital confirmed.</p>"
    body = "<div>" * 300 + para * 3 + "</div>" * 300
    page = f"<html><head><title>Talks</title></head><body>{body}</body></html>"
    (item,) = batch.read_html(page.encode(), "deep.html")
    assert isinstance(item, InputText) and item.text.startswith("The minister said the talks")


def test_stdout_file_names_the_file_stdout_is_redirected_to(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code = "from according.ingest.batch import stdout_file; import sys; sys.stderr.write(str(stdout_file()))"
    with out.open("w") as handle:
        done = subprocess.run([sys.executable, "-c", code], stdout=handle, stderr=subprocess.PIPE, text=True)
    assert Path(done.stderr).resolve() == out.resolve()


def test_the_bounded_tokenizer_survives_pickling() -> None:
    tokenizer = pickle.loads(pickle.dumps(load().tokenizer))
    assert [t.text for t in tokenizer('He said: "yes".')] == ["He", "said", ":", '"', "yes", '"', "."]


def test_according_to_with_nothing_after_it_names_no_speaker() -> None:
    text = "ﬁ\n\n\U00030fa0터 »1,000 according to; \U000663feያ\n\n!"
    record = extract_text(text)
    assert all(a.speaker is None or a.speaker.mention.text for a in record.attributions)


def test_plain_text_holding_html_gives_speakers_and_content_without_tags() -> None:
    record = extract_text(
        '<script>alert("officials said it")</script>\n\n<p>Officials said the plan failed.</p>'
    )
    speakers = [a.speaker.mention.text for a in record.attributions if a.speaker and a.speaker.mention]
    assert speakers == ["officials", "Officials"]
    assert [c.text for a in record.attributions for c in a.content][-1] == "the plan failed."
    for attr in record.attributions:
        for span in [attr.speaker.mention, *attr.content]:
            assert "<" not in span.text and ">" not in span.text
            assert record.article.text[span.start : span.end] == span.text


def test_comparison_signs_in_a_quotation_are_kept() -> None:
    (attr,) = extract_text("The mayor said x < y and y > z.").attributions
    assert attr.content[0].text == "x < y and y > z."


def test_a_short_note_with_one_byte_no_encoding_explains_is_kept_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"The caf\xe9 owner said it would close.")
    (item,) = read_path(path)
    assert item.text == "The caf\ufffd owner said it would close."  # one character per byte, as offsets need
    record = extract_text(item.text, **article_kwargs(item))
    assert record.article.warnings == ["decode: 1 byte not valid UTF-8 replaced with U+FFFD"]
    rows = tmp_path / "rows.jsonl"
    rows.write_bytes(b'{"text": "The caf\xe9 owner said it would close."}\n')
    (error,) = read_path(rows)  # a row holding stray bytes is an error of its own, not the whole file's
    assert isinstance(error, ErrorRecord) and error.input.endswith("rows.jsonl:1")


def test_bytes_that_are_mostly_not_text_in_any_encoding_stay_an_error(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8 + b" plain words")
    (error,) = read_path(path)
    assert isinstance(error, ErrorRecord) and error.stage == "decode"
