"""The article's language is read from its text; other languages are kept without English extraction."""

from according.ingest.language import detect_language
from according.pipeline import extract_text


def test_language_of_longer_texts_and_other_scripts():
    assert (
        detect_language(
            "Der Bürgermeister sagte am Montag, dass die Stadt kein Geld habe und die "
            "Schulen schließen müsse."
        )
        == "de"
    )
    assert detect_language("قال الرئيس إن الحكومة ستقوم بإصلاحات") == "ar"
    assert detect_language("中国外交部发言人表示") == "zh"


def test_short_latin_text_is_taken_as_english():
    assert detect_language("He said: no.") == "en"


def test_non_english_article_is_stored_with_a_reason_and_no_records():
    record = extract_text(
        "Der Bürgermeister sagte am Montag, dass die Stadt kein Geld habe und die Schulen "
        "schließen müsse, berichtete die Zeitung."
    )
    assert record.article.language == "de"
    assert record.skipped and "de" in record.skipped
    assert record.attributions == [] and record.entities == []


def test_english_article_is_extracted():
    record = extract_text("The mayor said on Monday that the city had run out of money for its schools.")
    assert record.article.language == "en" and record.skipped is None and record.attributions
