"""How an entity id reads to a person: the article's name, the registry's, or the CAMEO sector's."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def sector_names() -> dict[str, str]:
    """CAMEO role and sector codes -> names (data/cameo_sectors.json)."""
    data = json.loads(resources.files("according.data").joinpath("cameo_sectors.json").read_text("utf-8"))
    return {code: name for code, name in data.items() if not code.startswith("_")}


def participant_name(entity_id: str, names: dict[str, str] | None = None) -> str:
    """How an event's actor reads: the article's name for its entity, else the registry's (``country:GBR``
    -> United Kingdom), else the sector's (``sector:GOV`` -> government), else the id itself."""
    if names and names.get(entity_id):
        return names[entity_id]
    kind, _, code = entity_id.partition(":")
    if kind == "sector":
        return sector_names().get(code, entity_id)
    from according.gazetteer import by_id

    entry = by_id(entity_id)
    return entry.name if entry else entity_id
