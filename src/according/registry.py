"""Extractors registered by name, spaCy-style: configuration, not code edits, picks the pipeline.

Each extractor declares what it ``requires`` — earlier extractors (by name) and spaCy annotations
(``token.dep``, ``doc.ents``…) — so a pipeline that runs a step before one it needs is refused, and the
runner knows which spaCy components a configured pipeline can leave out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from according.context import Context

ExtractFn = Callable[["Context"], list[Any]]

# spaCy annotation -> the model components that produce it (with what they need in turn)
ANNOTATIONS: dict[str, tuple[str, ...]] = {
    "token.tag": ("tok2vec", "tagger"),
    "token.pos": ("tok2vec", "tagger", "attribute_ruler"),
    "token.morph": ("tok2vec", "tagger", "attribute_ruler"),
    "token.lemma": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "token.dep": ("tok2vec", "parser"),
    "doc.sents": ("tok2vec", "parser"),
    "doc.ents": ("tok2vec", "ner"),
}


@dataclass(frozen=True)
class Extractor:
    """A named extraction step, the Record field its results fill, and what it needs before it runs."""

    name: str
    field: str
    func: ExtractFn
    requires: tuple[str, ...] = ()

    @property
    def needs_steps(self) -> tuple[str, ...]:
        """The extractors (by name) whose results this one reads."""
        return tuple(need for need in self.requires if need not in ANNOTATIONS)

    @property
    def needs_annotations(self) -> tuple[str, ...]:
        """The spaCy annotations this one reads."""
        return tuple(need for need in self.requires if need in ANNOTATIONS)


EXTRACTORS: dict[str, Extractor] = {}


def register(name: str, field: str, requires: Iterable[str] = ()) -> Callable[[ExtractFn], ExtractFn]:
    """Decorator: make ``func`` available under ``name``, filling ``Record.<field>``, after ``requires``."""

    def wrap(func: ExtractFn) -> ExtractFn:
        EXTRACTORS[name] = Extractor(name, field, func, tuple(requires))
        return func

    return wrap


def get_extractor(name: str) -> Extractor:
    """Look up a registered extractor; a clear error lists the known names."""
    import according.extract  # noqa: F401  (registers the built-in extractors)

    if name not in EXTRACTORS:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(sorted(EXTRACTORS))}")
    return EXTRACTORS[name]


def check_order(steps: Iterable[str]) -> tuple[Extractor, ...]:
    """The steps' extractors; a step configured before one it requires is refused (ValueError).

    A required step that is not configured at all is allowed: the step then runs without its results
    (``steps=("attributions",)`` finds speakers without linking them to entities).
    """
    extractors = tuple(get_extractor(name) for name in steps)
    names = [step.name for step in extractors]
    for index, step in enumerate(extractors):
        for need in step.needs_steps:
            if need in names[index + 1 :]:
                raise ValueError(
                    f"pipeline order {names}: {step.name!r} needs {need!r}, which must run before it"
                )
    return extractors


def components_for(steps: Iterable[str]) -> frozenset[str]:
    """The spaCy components the configured steps need (a bare tokenizer needs none)."""
    needed: set[str] = set()
    for step in check_order(steps):
        for annotation in step.needs_annotations:
            needed.update(ANNOTATIONS[annotation])
    return frozenset(needed)
