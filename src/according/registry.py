"""Extractors registered by name, spaCy-style: configuration, not code edits, picks the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from according.context import Context

ExtractFn = Callable[["Context"], list[Any]]


@dataclass(frozen=True)
class Extractor:
    """A named extraction step and the Record field its results fill."""

    name: str
    field: str
    func: ExtractFn


EXTRACTORS: dict[str, Extractor] = {}


def register(name: str, field: str) -> Callable[[ExtractFn], ExtractFn]:
    """Decorator: make ``func`` available to pipelines under ``name``, filling ``Record.<field>``."""

    def wrap(func: ExtractFn) -> ExtractFn:
        EXTRACTORS[name] = Extractor(name, field, func)
        return func

    return wrap


def get_extractor(name: str) -> Extractor:
    """Look up a registered extractor; a clear error lists the known names."""
    import according.extract  # noqa: F401  (registers the built-in extractors)

    if name not in EXTRACTORS:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}")
    return EXTRACTORS[name]
