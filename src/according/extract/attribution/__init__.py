"""The attribution engine: quotes, cue verbs, surface rules, relay chains, speakers and the trained tagger.

`extract_attributions` is the registered extractor; `engine.find_drafts` assembles the rules, `chain` turns
relays into chain links.
"""

from according.extract.attribution.engine import extract_attributions, find_drafts

__all__ = ["extract_attributions", "find_drafts"]
