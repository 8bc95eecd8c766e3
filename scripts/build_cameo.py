"""Rebuild the compact forms of the shipped event-coding dictionaries (data/cameo/ -> data/*.json).

    python scripts/build_cameo.py

data/cameo_verbs.json: PETRARCH2's CAMEO verb dictionary (synonym sets, verbs, pattern blocks, irregular
forms); data/phoenix_actors.json: the Phoenix country, international and non-state actor dictionaries
(name -> default code and dated roles) and the agent dictionary (role word -> agent code).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from according.extract.cameo import parse_actors, parse_agents, parse_verbs

DATA = Path(__file__).resolve().parent.parent / "src" / "according" / "data"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)


def read(name: str) -> str:
    """A shipped dictionary file's text (UTF-8, one of them with a few Latin-1 bytes)."""
    raw = (DATA / "cameo" / name).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def build() -> dict[str, Any]:
    """Both compact forms, parsed from the shipped files."""
    actors: dict[str, Any] = {}
    for name in ACTOR_FILES:
        for key, value in parse_actors(read(name)).items():
            actors.setdefault(key, value)
    return {
        "cameo_verbs.json": parse_verbs(read("CAMEO.2.0.txt")),
        "phoenix_actors.json": {"actors": actors, "agents": parse_agents(read("Phoenix.agents.txt"))},
    }


def main() -> None:
    """Write the compact JSON files beside the other data."""
    for name, value in build().items():
        (DATA / name).write_text(
            json.dumps(value, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
        )
        print(name, (DATA / name).stat().st_size)


if __name__ == "__main__":
    main()
