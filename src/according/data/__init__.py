"""Curated registries and word lists shipped with the package, read through one cached loader."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed JSON file ``name`` of this folder, read once (callers must not change it)."""
    return json.loads(resources.files("according.data").joinpath(name).read_text(encoding="utf-8"))
