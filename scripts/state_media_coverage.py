"""How many passages naming state media ("state media", "state news agency", "state television"…) in a JSONL
corpus yield a state-media entity or chain link, and how many reach a speaker or relay of an attribution.

    python scripts/state_media_coverage.py ../shared/corpora/news/wikinews.jsonl --articles 200
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from according.extract.state_media import phrases
from according.pipeline import extract_text
from according.records import Record


def covered(record: Record, start: int, end: int) -> tuple[bool, bool]:
    """(a state-media entity is named over or right after the passage, a state-media speaker or link
    refers to it)."""
    end += 3  # "state press agency PAP": the outlet's name follows the words
    entity = any(
        e.state_media and m.start <= end and start <= m.end for e in record.entities for m in e.mentions
    )
    refs = [a.speaker for a in record.attributions]
    refs += [link.source for a in record.attributions for link in a.chain]
    attributed = any(
        r is not None and r.state_media and r.mention and r.mention.start <= end and start <= r.mention.end
        for r in refs
    )
    return entity, attributed


def main() -> None:
    """Print one JSON object with the counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    passages = with_entity = with_attribution = 0
    missed: list[str] = []
    lines = args.corpus.read_text("utf-8").splitlines()[: args.articles]
    for line in lines:
        row = json.loads(line)
        found = list(phrases(row["text"]))
        if not found:
            continue
        record = extract_text(row["text"], published=row.get("date"))
        for start, end, words in found:
            passages += 1
            entity, attributed = covered(record, start, end)
            with_entity += entity
            with_attribution += attributed
            if not entity:
                missed.append(words)
    print(
        json.dumps(
            {
                "articles": len(lines),
                "passages": passages,
                "state_media_entity": with_entity,
                "state_media_speaker_or_link": with_attribution,
                "missed": missed,
            }
        )
    )


if __name__ == "__main__":
    main()
