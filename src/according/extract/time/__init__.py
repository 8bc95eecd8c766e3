"""Time expressions: found in the parse (spaCy DATE/TIME mentions plus TimeBank-style rules) and
normalised TIMEX3-style against the publication date (own rules first, dateparser for the rest).

The package follows the steps: ``vocabulary`` (the Timex tuple, time words, patterns), ``calendar``
(numbers and calendar arithmetic), ``rules`` (one rule per kind of expression, in ``RULES`` order, and
``normalise``), ``spans`` (finding expressions in a parse, clause tense) and ``anchoring`` (the resolution
passes, in ``PASSES`` order, that read an expression in its discourse).
"""

from __future__ import annotations

from according.context import Context
from according.extract.time.anchoring import PASSES, Where, in_context, resolve
from according.extract.time.calendar import parse_number
from according.extract.time.rules import RULES, normalise
from according.extract.time.spans import find_times
from according.extract.time.vocabulary import VAGUE, Timex, anchor_date
from according.records import TimeExpression
from according.registry import register

__all__ = [
    "PASSES",
    "RULES",
    "VAGUE",
    "Timex",
    "Where",
    "anchor_date",
    "extract_times",
    "find_times",
    "in_context",
    "normalise",
    "parse_number",
    "resolve",
]


@register("times", field="times", requires=("token.lemma", "token.dep", "doc.ents"))
def extract_times(ctx: Context) -> list[TimeExpression]:
    """Every time expression of the article, normalised TIMEX3-style against its publication date."""
    anchor = anchor_date(ctx.article.published)
    times: list[TimeExpression] = []
    refs: dict[str, Timex] = {}
    for start, end in find_times(ctx.doc):
        found = resolve(ctx, start, end, anchor, refs)
        times.append(
            TimeExpression(
                id=ctx.new_id("t", len(times)),
                span=ctx.span(start, end),
                type=found.type,  # type: ignore[arg-type]
                value=found.value,
                granularity=found.granularity,
                anchor=anchor.isoformat() if anchor else None,
                quant=found.quant,
                freq=found.freq,
            )
        )
    return times
