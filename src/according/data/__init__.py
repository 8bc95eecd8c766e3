"""Curated registries and word lists shipped with the package, read through one cached loader."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """One JSON data file of ``according/data``, parsed once per process."""
    return json.loads(resources.files("according.data").joinpath(name).read_text(encoding="utf-8"))
