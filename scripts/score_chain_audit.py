"""Score speakers and chains against the hand judgements of devsets/wire/audit (64 statements from
Wikinews copy no gold set holds): how many of the real attributions get the judged speaker and chain.

    according extract ../shared/corpora/news/wikinews.jsonl --outlet Wikinews -o wikinews.records.jsonl
    python scripts/score_chain_audit.py wikinews.records.jsonl

Each judged statement is found again in the records by its article id and the first words of its content;
names match when one holds the other (case, "the" and "(state media)" aside).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

JUDGEMENTS = Path(__file__).resolve().parent.parent / "devsets" / "wire" / "audit" / "judgements.jsonl"


def norm(name: str | None) -> str:
    """A name compared loosely: lower case, no leading "the", no "(state media)"."""
    name = (name or "").lower().replace("(state media)", "")
    return re.sub(r"^the\s+", "", " ".join(name.split()))


def same(gold: str | None, found: str | None) -> bool:
    """Whether two names (or two absences) agree."""
    a, b = norm(gold), norm(found)
    return (not a and not b) or bool(a and b and (a in b or b in a))


def records_by_article(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The attributions of every record in an `according extract` JSONL file, by article id."""
    found = {}
    for line in path.open(encoding="utf-8"):
        record = json.loads(line)
        if "article" in record:
            found[record["article"]["id"]] = record["attributions"]
    return found


def refind(attributions: list[dict[str, Any]], judged: dict[str, Any]) -> dict[str, Any] | None:
    """The attribution whose content starts as the judged one's did."""
    key = " ".join((judged.get("content") or "").split())[:25]
    for attr in attributions:
        if key and any(key in " ".join(piece["text"].split()) for piece in attr["content"]):
            return attr
    return None


def score(records: Path, judgements: Path = JUDGEMENTS) -> dict[str, int]:
    """Counts over the judged statements that are real attributions."""
    found = records_by_article(records)
    counts = dict.fromkeys(("attributions", "not_found", "speaker_right", "chain_right", "relayed",
                            "relayed_chain_right"), 0)  # fmt: skip
    for line in judgements.open(encoding="utf-8"):
        judged = json.loads(line)
        if not judged["is_attribution"]:
            continue
        counts["attributions"] += 1
        attr = refind(found.get(judged["article"], []), judged["tool"])
        if attr is None:
            counts["not_found"] += 1
            continue
        counts["speaker_right"] += same(judged["gold_speaker"], (attr.get("speaker") or {}).get("name"))
        names = [link["source"]["name"] for link in attr["chain"]]
        gold = judged["gold_chain"]
        right = len(names) == len(gold) and all(same(g, n) for g, n in zip(gold, names, strict=True))
        counts["chain_right"] += right
        counts["relayed"] += bool(gold)
        counts["relayed_chain_right"] += bool(gold) and right
    return counts


def main() -> None:
    """Print the counts as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", type=Path, help="according extract JSONL output for the Wikinews file")
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    args = parser.parse_args()
    print(json.dumps(score(args.records, args.judgements)))


if __name__ == "__main__":
    main()
