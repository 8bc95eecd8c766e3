"""Attributions: quotes and reported speech with speaker, cue, content, medium and relay chain.

Rules work on the cleaned text's parse, with surface fallbacks where the small parser goes wrong:
a cue verb with its subject and clause; a cue after its content (", KCNA reported Friday."); object-taking
speech acts ("thanked Kim for …"); "according to X" and "revealed by X" relays; outer relay verbs whose
content holds another attribution become that attribution's chain; quoted paragraphs with no cue continue
the previous speaker; anything quoted with no speaker is kept as unattributed.
"""

from __future__ import annotations

from spacy.tokens import Token

from according.context import Context
from according.extract.attribution.chain import (
    carry_relays,
    chain_of,
    drop_needless_links,
    fold_relays,
    name_outlets,
    stripped,
    surface_medium,
)
from according.extract.attribution.cue_rules import draft_for, nominal_draft
from according.extract.attribution.cues import cue_lexicon
from according.extract.attribution.drafts import Draft, Offsets, Relay, cue_span, reach
from according.extract.attribution.markup import past_markup
from according.extract.attribution.quotes import Quote, find_quotes, quote_marks_in
from according.extract.attribution.speakers import resolve_speaker
from according.extract.attribution.surface_rules import (
    according_drafts,
    colon_drafts,
    dash_drafts,
    hedged_drafts,
    reported_drafts,
    stance_drafts,
    survey_drafts,
    transcript_drafts,
    uncovered_quotes,
)
from according.nlp import text_of
from according.records import Attribution, EntityRef
from according.registry import register
from according.settings import get_settings
from according.windows import Nearby, windows


def nested(draft: Draft, drafts: list[Draft]) -> bool:
    """A cue inside another attribution's (longer) content: reported speech within reported speech.

    The outer attribution already carries the words; PolNeAR dev annotates the outer one only.
    """
    if draft.cue is None:
        return False
    at = draft.cue.idx
    length = draft.end - draft.content[0]
    return any(
        other is not draft and other.covers(at) and other.end - other.content[0] > length for other in drafts
    )


def inside_quoted_content(draft: Draft, drafts: Nearby[Draft], quotes: Nearby[Quote]) -> bool:
    """A cue inside a quotation that is itself another attribution's content (quoted speech in a quote)."""
    if draft.cue is None:
        return False
    at = draft.cue.idx
    return any(other is not draft and other.covers(at) for other in drafts.touching(at, at)) and any(
        q.inner_start <= at < q.inner_end for q in quotes.touching(at, at)
    )


SELF_SPEAKERS = frozenset(("i", "we", "you"))


FINITE = ("VBD", "VBZ", "VBP")
REPORTING_VERBS = frozenset(("say", "tell", "claim", "announce", "state", "write", "declare", "add"))


def is_named(draft: Draft) -> bool:
    """The draft's speaker is named ("Trump", "the FBI"), not a pronoun or a bare common noun."""
    span = draft.cue.doc.char_span(*draft.speaker, alignment_mode="expand") if draft.cue is not None else None
    return bool(span) and any(t.pos_ == "PROPN" for t in span) and not any(t.pos_ == "PRON" for t in span)


def quoted_within(inner: list[Draft], drafts: list[Draft], quotes: list[Quote], text: str) -> list[Draft]:
    """ "“… Trump said Hispanics live in hell …” ― Padilla": a named speaker's words reported inside a
    quotation are an attribution of their own, with the quoting speaker as their chain link; the outer
    attribution keeps the words too."""
    found = []
    for draft in inner:
        if draft.cue is None or draft.speaker is None or draft.origin != "rule" or draft in found:
            continue
        if draft.cue.lemma_ not in REPORTING_VERBS or draft.cue.tag_ not in FINITE or not is_named(draft):
            continue
        at = draft.cue.idx
        outer = next(
            (
                o
                for o in drafts
                if o.speaker is not None
                and o.covers(at)
                and any(
                    q.inner_start <= at < q.inner_end and o.overlap(q.inner_start, q.inner_end) > 0.5
                    for q in quotes
                )
            ),
            None,
        )
        if outer is None or not any(q.inner_start <= draft.speaker[0] < q.inner_end for q in quotes):
            continue  # the reported speaker is named inside the quotation too
        cue = outer.cue.lower_ if outer.cue is not None and outer.cue.is_alpha else "quoted"
        draft.relays.append(Relay(outer.speaker, cue, cue_span(outer.cue)))
        draft.origin = "nested"
        found.append(draft)
    return found


def self_report_in_quote(draft: Draft, quotes: list[Quote], text: str) -> bool:
    """ "“… I think it's unfair …,” Romney said": an "I think" whose cue and first- or second-person
    speaker lie inside one quotation is the quoted speaker's own aside; the quote is the attribution."""
    if draft.cue is None or draft.speaker is None:
        return False
    if text[draft.speaker[0] : draft.speaker[1]].strip().lower() not in SELF_SPEAKERS:
        return False
    at, who = draft.cue.idx, draft.speaker[0]
    return any(q.inner_start <= at < q.inner_end and q.inner_start <= who < q.inner_end for q in quotes)


MODEL_MIN_SCORE = 0.4  # tuned on PolNeAR dev: 0.4 / 0.5 / 0.6 gave attribution F1 0.631 / 0.628 / 0.630
# the transformer's cue probability, tuned on two thirds of PolNeAR dev (docs/attribution-merge.md):
# 0.3-0.5 / 0.6 / 0.7 / 0.8 gave attribution F1 0.754 / 0.756 / 0.754 / 0.753
TRANSFORMER_MIN_SCORE = 0.6


def model_drafts(doc, drafts: list[Draft]) -> list[Draft]:
    """Relations the trained tagger finds that no rule found (beliefs, intentions, stances …).

    A rule draft with the same cue token or mostly the same content wins: rules know quotes, chains,
    media and speakers better; the tagger knows PolNeAR's wider idea of what counts as an attribution.
    """
    found = []
    relations, engine = tagger_relations(doc)
    text = text_of(doc)
    quotes = find_quotes(text)
    if engine == "transformer":
        from according.extract.attribution.transformer import refine_contents

        refine_contents(doc, drafts, relations)
    least = TRANSFORMER_MIN_SCORE if engine == "transformer" else MODEL_MIN_SCORE
    for rel in relations:
        if not rel.content or rel.source is None or rel.score < least:
            continue
        pieces = sorted(rel.content)
        if engine == "transformer":  # the tagger's pieces often keep a quotation's marks; the rules cut them
            pieces = [inside_marks(p, quotes, text) for p in pieces]
        content, *more = pieces
        cue = doc.char_span(*rel.cue, alignment_mode="expand") if rel.cue else None
        if any(same_relation(d, cue, content) for d in drafts) or relay_cue(cue, drafts):
            continue
        draft = Draft(cue=cue[0] if cue else None, content=content, speaker=rel.source, more=more)
        draft.origin, draft.score = "model", rel.score
        if cue is not None and len(cue) > 1:
            draft.cue_extent = rel.cue
        found.append(draft)
    return found


def inside_marks(piece: Offsets, quotes: list[Quote], text: str) -> Offsets:
    """A tagged piece that opens or closes with a quotation's marks, cut inside them as the rules cut
    quotations (so a tagged quotation is ``direct``); any other piece as tagged."""
    start, end = piece
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    cut = False
    for q in quotes:
        if q.start == start and q.inner_start < end:
            start, cut = q.inner_start, True
        if q.end == end and start < q.inner_end:
            end, cut = q.inner_end, True
    return (start, end) if cut else piece


def tagger_relations(doc) -> tuple[list, str]:
    """The relations of the tagger the attribution engine setting names, and the engine that ran: none
    for ``rules``, the CRF's for ``crf``, the transformer's for ``transformer`` (the CRF's when its
    runtime is not installed)."""
    engine = get_settings().attribution_engine
    if engine == "rules":
        return [], engine
    if engine == "transformer":
        from according.extract.attribution import transformer as attribution_transformer

        if attribution_transformer.available():
            return attribution_transformer.predict_relations(doc), engine
        attribution_transformer.warn_unavailable()
    from according.extract.attribution.model import predict_relations

    return predict_relations(doc), "crf"


def relay_cue(cue, drafts: list[Draft]) -> bool:
    """A cue the rules already took as a relay of another attribution ("citing", "quoted")."""
    if cue is None:
        return False
    spans = [r.cue_span for d in drafts for r in d.relays if r.cue_span]
    return any(cue.start_char <= start < cue.end_char for start, _ in spans)


def same_relation(draft: Draft, cue, content: Offsets) -> bool:
    """A rule draft and a model relation describe the same attribution."""
    if cue is not None and draft.cue is not None and cue.start <= draft.cue.i < cue.end:
        return True
    return draft.overlap(*content) > 0.5


def find_drafts(ctx: Context) -> list[Draft]:
    """All attributions of the document, in text order, still in cleaned-text offsets."""
    lex = cue_lexicon()
    text = text_of(ctx.doc)
    quotes = find_quotes(text)
    drafts = [d for token in ctx.doc if (d := draft_for(token, lex, quotes) or nominal_draft(token, lex))]
    drafts += [t for t in transcript_drafts(ctx.doc) if not any(d.contains(t.content[0]) for d in drafts)]
    folded = fold_relays(drafts)
    relays = [d for d in drafts if not any(d is f for f in folded)]
    near_folded, near_quotes = Nearby(folded, reach), Nearby(quotes, lambda q: (q.inner_start, q.inner_end))
    set_aside = [d for d in folded if inside_quoted_content(d, near_folded, near_quotes)]
    drafts = [
        d
        for d in folded
        if not inside_quoted_content(d, near_folded, near_quotes)
        and not self_report_in_quote(d, quotes, text)
    ]
    drafts += according_drafts(ctx.doc, drafts)
    drafts += dash_drafts(ctx.doc, quotes, drafts)
    drafts += colon_drafts(ctx.doc, quotes, drafts)
    drafts += hedged_drafts(ctx.doc, drafts)
    drafts += reported_drafts(ctx.doc, drafts)
    drafts += survey_drafts(ctx.doc, drafts)
    drafts += stance_drafts(ctx.doc, drafts)
    for draft in drafts:
        surface_medium(draft, quotes, lex)
    uncovered_quotes(drafts, quotes, text, joins_only=True)
    drafts += model_drafts(ctx.doc, drafts + relays)
    set_aside += [d for d in drafts if nested(d, drafts)]
    drafts = [d for d in drafts if not nested(d, drafts) and not self_report_in_quote(d, quotes, text)]
    drafts += uncovered_quotes(drafts, quotes, text, ctx.doc)
    drafts += quoted_within(set_aside, drafts, quotes, text)
    drafts = [d for d in drafts if any(c.isalnum() for s, e in [d.content, *d.more] for c in text[s:e])]
    return sorted(drafts, key=lambda d: d.content[0])


def kind_of(text: str, content: Offsets, quotes: list[Quote], has_speaker: bool) -> str:
    """direct (all quoted), mixed (partly quoted), indirect, or unattributed (no speaker)."""
    if not has_speaker:
        return "unattributed"
    if any(q.inner_start <= content[0] and content[1] <= q.inner_end for q in quotes):
        return "direct"
    return "mixed" if quote_marks_in(text[content[0] : content[1]]) else "indirect"


def time_value(ctx: Context, tokens: list[Token]) -> str | None:
    """The normalised value of the time expression covering the first date token."""
    for token in tokens:
        span = ctx.span(token.idx, token.idx + len(token))
        for time in ctx.record.times:
            if time.span.start <= span.start < time.span.end and time.value:
                return time.value
    return None


def spans(offsets: Offsets | None) -> bool:
    """Offsets that hold at least one character (a rule's inverted or empty phrase names no one)."""
    return offsets is not None and offsets[0] < offsets[1]


def filed_lemma(words: list[Token]) -> str:
    """A cue's lemma: its words' lemmas without auxiliaries and adverbs ("has already forecast" ->
    "forecast", "was celebrated" -> "celebrate"), each as the cue lexicon files it ("hopes" -> "hope")."""
    lexicon = cue_lexicon()
    kept = [w for w in words if w.pos_ not in ("AUX", "ADV") and not w.is_punct] or words
    return " ".join(lexicon.filed_lemma(w.lemma_.lower(), w.lower_) for w in kept)


def to_record(
    ctx: Context, draft: Draft, index: int, quotes: list[Quote], history: list[EntityRef]
) -> Attribution:
    """Turn a draft into an Attribution in original-text offsets, resolving its speaker."""
    speaker = resolve_speaker(ctx, draft.speaker, history) if spans(draft.speaker) else None
    if speaker:
        history.append(speaker)
        if draft.speaker_full and draft.speaker_full != draft.speaker:
            full = past_markup(ctx.doc.text, draft.speaker_full)
            speaker = speaker.model_copy(update={"mention": ctx.span(*full)})
    addressee = resolve_speaker(ctx, draft.addressee, []) if spans(draft.addressee) else None
    cue = None
    if draft.cue is not None:
        cue = ctx.span(*(draft.cue_extent or (draft.cue.idx, draft.cue.idx + len(draft.cue))))
    lemma = None if draft.cue is None else filed_lemma([draft.cue])
    if cue is not None and draft.cue_extent:
        if draft.cue.lower_ == "according" or not draft.cue.is_alpha:
            lemma = " ".join(cue.text.lower().split())
        elif draft.origin == "model":
            lemma = filed_lemma(
                list(ctx.doc.char_span(*draft.cue_extent, alignment_mode="expand") or [draft.cue])
            )
    raw = ctx.article.text
    if speaker and speaker.mention:
        speaker = speaker.model_copy(update={"mention": stripped(speaker.mention, raw)})
    if addressee and addressee.mention:
        addressee = addressee.model_copy(update={"mention": stripped(addressee.mention, raw)})
    return Attribution(
        id=ctx.new_id("a", index),
        kind=kind_of(
            text_of(ctx.doc), draft.content, [] if draft.origin == "nested" else quotes, speaker is not None
        ),  # type: ignore[arg-type]
        content=[stripped(ctx.span(*piece), raw) for piece in [draft.content, *draft.more]],
        cue=cue,
        cue_lemma=lemma,
        speaker=speaker,
        addressee=addressee,
        medium=draft.medium,
        chain=chain_of(ctx, draft.relays),
        date=time_value(ctx, draft.date_tokens),
        confidence=draft.score if draft.cue is not None else 0.6,
    )


@register(
    "attributions",
    field="attributions",
    requires=("entities", "times", "token.lemma", "token.dep", "doc.ents", "doc.sents"),
)
def extract_attributions(ctx: Context) -> list[Attribution]:
    """Every attribution of the article with speaker, cue, content, medium, addressee, chain and date."""
    history: list[EntityRef] = []
    found: list[Attribution] = []
    lex = cue_lexicon()
    cue_word = lambda token: lex.is_cue(token.lemma_)  # noqa: E731 - dense cue words make smaller windows
    for window in windows(ctx, dense=cue_word):  # one window for nearly every article
        quotes = find_quotes(text_of(window.doc))
        drafts = enumerate(find_drafts(window), start=len(found) + 1)
        found += [to_record(window, d, i, quotes, history) for i, d in drafts]
    name_outlets(found, lex, {e.id for e in ctx.record.entities})
    drop_needless_links(found, ctx.article.outlet)
    carry_relays(found)
    return found
