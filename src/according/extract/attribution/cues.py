"""The shipped cue lexicon (data/cues.json): which words introduce speech, relays and media."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CueLexicon:
    """Lemma sets for speech cues, object-taking speech acts, relay verbs and media head nouns."""

    speech: frozenset[str]
    object_acts: frozenset[str]
    relay: frozenset[str]
    media_nouns: frozenset[str]
    medium_nouns: dict[str, str]
    nominal: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()

    def is_cue(self, lemma: str) -> bool:
        """Any verb that can introduce an attribution."""
        return lemma in self.speech or lemma in self.object_acts or lemma in self.relay

    def filed_lemma(self, lemma: str, word: str) -> str:
        """The lemma a cue word is filed under: spaCy's, unless the lexicon knows a nearer form of the word
        that spaCy's suffix rules passed over ("hopes" -> "hope", not the verb "hop")."""
        if lemma == word or self.is_cue(lemma) or lemma in self.nominal:
            return lemma
        for form in (lemma + "e", word[:-1], word[:-2], word[:-3] + "e", word[:-3]):
            if len(form) > 2 and (self.is_cue(form) or form in self.nominal):
                return form
        return lemma


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Load the lexicon once per process."""
    data = json.loads(resources.files("according.data").joinpath("cues.json").read_text("utf-8"))
    return CueLexicon(
        speech=frozenset(data["speech"]),
        object_acts=frozenset(data["object_acts"]),
        relay=frozenset(data["relay"]),
        media_nouns=frozenset(data["media_nouns"]),
        medium_nouns=dict(data["medium_nouns"]),
        nominal=frozenset(data.get("nominal", [])),
        source_nouns=frozenset(data.get("source_nouns", [])),
    )
