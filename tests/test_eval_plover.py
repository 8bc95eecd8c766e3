"""The PLOVER scorer: legacy type names, code normalisation, accuracy figures and the CLI."""

import json

import pytest
from typer.testing import CliRunner

from according.cli import app
from according.eval.plover import norm_code, read_gold, run_plover

RECORDS = [
    {"id": "doc", "event": "DOCUMENT", "eventText": "internal documentation"},
    {
        "id": "r1",
        "event": "DISAPPROVE",
        "text": "Kenya accused Uganda of spying.",
        "source": [{"actorText": "Kenya", "code": "KEN"}],
        "target": [{"actorText": "Uganda", "code": "UGA"}],
    },
    {
        "id": "r2",
        "event": "DEMAND",
        "text": "Brazil demanded that Argentina release the prisoners.",
        "source": [{"actorText": "Brazil", "code": "BRA"}],
        "target": [{"actorText": "Argentina", "code": "ARG"}],
    },
    {
        "id": "r3",
        "event": "AGREE",
        "text": "Germany praised Poland for its reforms.",
        "source": [{"actorText": "Germany", "code": "DEU"}],
        "target": [{"actorText": "Poland", "code": "FRA"}],
    },
    {
        "id": "r4",
        "event": "FIGHT",
        "text": "The village was attacked by Sudanese militias.",
        "source": [{"actorText": "Sudanese militias", "code": "SDN", "sector": "MIL"}],
        "target": "",
    },
]


@pytest.fixture()
def gold_file(tmp_path):
    path = tmp_path / "gsr_tiny.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def test_read_gold_maps_legacy_names_and_skips_documents(gold_file):
    gold = read_gold(gold_file)
    assert [g.type for g in gold] == ["ACCUSE", "REQUEST", "AGREE", "ASSAULT"]
    assert gold[0].actors == {"KEN"} and gold[3].recipients == set()


def test_codes_are_normalised():
    assert norm_code("JAP") == "JPN"
    assert norm_code("IGO") == norm_code("NGO") == "NONSTATE"
    assert norm_code("rus") == "RUS"


def test_scores(gold_file):
    result, outcomes = run_plover(gold_file)
    assert result["records"] == 4
    assert result["type.accuracy"] == 0.75  # the praise is SUPPORT, the gold says AGREE
    assert result["actor.accuracy"] == 1.0
    assert result["recipient.records"] == 3
    assert result["recipient.accuracy"] == pytest.approx(2 / 3, abs=1e-3)  # Poland is not FRA
    assert result["per_type.ASSAULT.accuracy"] == 1.0
    assert [o.main.type for o in outcomes] == ["ACCUSE", "REQUEST", "SUPPORT", "ASSAULT"]


def test_cli_json(gold_file):
    out = CliRunner().invoke(app, ["eval", "plover", str(gold_file), "--json"])
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)
    assert {"type.accuracy", "actor.accuracy", "recipient.accuracy", "records"} <= set(figures)


@pytest.mark.slow
@pytest.mark.corpus
def test_dev_records_meet_targets():
    from conftest import CORPORA

    path = CORPORA / "plover" / "gsr_dev.json"
    if not path.is_file():
        pytest.skip("PLOVER gold records are absent")
    result, _ = run_plover(path)
    assert result["type.accuracy"] >= 0.85
    assert result["actor.accuracy"] >= 0.80
    assert result["recipient.accuracy"] >= 0.80


def test_split_by_record_id_is_stable_and_holds_out_about_a_third():
    from according.eval.plover import split_of

    ids = [f"PLOVER-GSR01-X-{i:04d}" for i in range(600)]
    parts = [split_of(i) for i in ids]
    assert parts == [split_of(i) for i in ids]
    assert set(parts) == {"tune", "heldout"}
    assert 0.25 < parts.count("heldout") / len(ids) < 0.42


def test_split_option_scores_one_part(gold_file):
    from according.eval.plover import split_of

    tuned = read_gold(gold_file, split="tune")
    held = read_gold(gold_file, split="heldout")
    assert sorted(g.id for g in tuned + held) == sorted(g.id for g in read_gold(gold_file))
    assert all(split_of(g.id) == "heldout" for g in held)
