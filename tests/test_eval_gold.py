"""The gold-record scorer: matching rules on hand-made data, and the reference article end to end."""

import json

import pytest

from according.eval.gold import chain_right, score, speaker_right
from according.eval.matching import content_matches, locate, names_match, normalise
from according.records import Article, Attribution, ChainLink, EntityRef, Record, Span, TimeExpression
from conftest import REFERENCE_GOLD

TEXT = "Officials said the bridge would reopen in May, according to the Daily Courier."


def record_with(content: tuple[int, int], speaker: str | None, chain: list[str]) -> Record:
    article = Article(id="x", text=TEXT, published="2025-01-10")
    attr = Attribution(
        id="x-a1",
        kind="indirect",
        content=[Span(start=content[0], end=content[1], text=TEXT[content[0] : content[1]])],
        speaker=EntityRef(name=speaker) if speaker else None,
        chain=[ChainLink(source=EntityRef(name=name), cue="according to") for name in chain],
    )
    start = TEXT.index("May")
    time = TimeExpression(id="x-t1", span=Span(start=start, end=start + 3, text="May"), value="2025-05")
    return Record(article=article, attributions=[attr], times=[time])


GOLD = {
    "attributions": [
        {
            "id": "a1",
            "speaker": "Officials",
            "content": "the bridge would reopen in May",
            "chain": ["Courier"],
        }
    ],
    "times": [{"text": "May", "value": "2025-05"}],
}


def test_matching_rules():
    assert normalise(" “Hello”\n world ") == "hello world"
    assert content_matches((0, 10), (0, 12))
    assert not content_matches((0, 3), (0, 12))
    assert names_match("state news agency KCNA", "KCNA")
    assert not names_match("KCNA", "Yonhap")
    assert locate("He said “no  way”.", "no way") == (9, 16)


def test_perfect_prediction_scores_one():
    start = TEXT.index("the bridge")
    result = score(record_with((start, TEXT.index(", according")), "Officials", ["Daily Courier"]), GOLD)
    assert result["attributions"]["f1"] == 1.0
    assert result["attributions"]["speaker_accuracy"] == 1.0
    assert result["attributions"]["chain_accuracy"] == 1.0
    assert result["times"]["value_accuracy"] == 1.0


def test_wrong_speaker_and_missing_chain_are_counted():
    start = TEXT.index("the bridge")
    result = score(record_with((start, len(TEXT)), "Reporters", []), GOLD)
    assert result["attributions"]["tp"] == 1
    assert result["attributions"]["speaker_accuracy"] == 0.0
    assert result["attributions"]["chain_accuracy"] == 0.0


def test_unmatched_content_is_a_false_positive_and_a_miss():
    result = score(record_with((0, 9), "Officials", []), GOLD)
    assert result["attributions"]["fp"] == 1 and result["attributions"]["fn"] == 1


def test_pronoun_mention_alone_is_not_a_right_speaker():
    attr = Attribution(
        id="a",
        kind="direct",
        content=[Span(start=0, end=1)],
        speaker=EntityRef(name="he", mention=Span(start=0, end=2)),
    )
    assert not speaker_right({"speaker": "Vladimir Putin", "speaker_mention": "he"}, attr)
    assert chain_right({"chain": []}, attr)


@pytest.mark.skipif(not REFERENCE_GOLD.is_file(), reason="../shared/examples is absent")
def test_reference_article_against_its_gold(reference_record):
    gold = json.loads(REFERENCE_GOLD.read_text("utf-8"))
    result = score(reference_record, gold)
    attributions = result["attributions"]
    assert attributions["found_with_speaker"] == 12, attributions["misses"]
    assert attributions["chain_accuracy"] == 1.0
    assert result["times"]["values_right"] == 5
    assert result["not_body"]["correct"] == 2
    assert result["entities"]["crossing_parts"] == 0
    names = {m.text for e in reference_record.entities for m in e.mentions}
    assert not any("Training" in n for n in names)


def test_relayed_chain_accuracy_counts_only_gold_attributions_with_a_chain():
    right = score(record_with((15, 45), "Officials", ["Daily Courier"]), GOLD)["attributions"]
    wrong = score(record_with((15, 45), "Officials", []), GOLD)["attributions"]
    assert (right["relayed"], right["relayed_chain_accuracy"]) == (1, 1.0)
    assert (wrong["relayed"], wrong["relayed_chain_accuracy"]) == (1, 0.0)
    unrelayed = {**GOLD, "attributions": [{**GOLD["attributions"][0], "chain": []}]}
    assert score(record_with((15, 45), "Officials", []), unrelayed)["attributions"]["relayed"] == 0


def test_a_folder_of_gold_records_is_scored_pooled(tmp_path):
    from according.eval.gold import run_gold_folder

    for name, text in (
        ("one", "The mayor said the bridge would reopen."),
        ("two", "Reuters reported a fire."),
    ):
        (tmp_path / f"{name}.txt").write_text(text, "utf-8")
        speaker = "mayor" if name == "one" else "Reuters"
        content = "the bridge would reopen" if name == "one" else "a fire"
        gold = {
            "document": f"{name}.txt",
            "attributions": [{"id": "a1", "speaker": speaker, "content": content}],
        }
        (tmp_path / f"{name}.gold.json").write_text(json.dumps(gold), "utf-8")
    result = run_gold_folder(tmp_path)
    assert result["attributions"]["documents"] == 2
    assert result["attributions"]["tp"] == 2
    assert set(result["documents"]) == {"one.gold.json", "two.gold.json"}


def test_a_gold_record_can_point_to_a_corpus_article_above_it(tmp_path):
    from according.eval.gold import gold_text

    corpus = tmp_path / "shared" / "corpora" / "news"
    corpus.mkdir(parents=True)
    (corpus / "wire.jsonl").write_text(
        json.dumps({"id": "w/1", "text": "The mayor said so."}) + "\n", "utf-8"
    )
    folder = tmp_path / "repo" / "devsets"
    folder.mkdir(parents=True)
    path = folder / "w1.gold.json"
    gold = {"corpus": {"file": "news/wire.jsonl", "id": "w/1"}, "attributions": []}
    text, source = gold_text(path, gold)
    assert text == "The mayor said so." and source.endswith("#w/1")
