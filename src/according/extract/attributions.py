"""Attributions: quotes and reported speech with speaker, cue, content, medium and relay chain.

Rules work on the cleaned text's parse, with surface fallbacks where the small parser goes wrong:
a cue verb with its subject and clause; a cue after its content (", KCNA reported Friday."); object-taking
speech acts ("thanked Kim for …"); "according to X" and "revealed by X" relays; outer relay verbs whose
content holds another attribution become that attribution's chain; quoted paragraphs with no cue continue
the previous speaker; anything quoted with no speaker is kept as unattributed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from according.context import Context
from according.extract.cues import CueLexicon, cue_lexicon
from according.extract.quotes import Quote, find_quotes, quote_marks_in
from according.extract.speakers import resolve_speaker
from according.nlp import text_of
from according.records import Attribution, ChainLink, EntityRef
from according.registry import register

Offsets = tuple[int, int]
PUNCT_EDGES = " ,;:—–-\n"
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
NP_POS = ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON", "ADP", "CCONJ", "PART", "PUNCT", "AUX")


@dataclass
class Relay:
    """A relaying source found in text: who, by which cue, where."""

    source: Offsets
    cue: str
    cue_span: Offsets | None = None


@dataclass
class Draft:
    """An attribution under construction, in cleaned-text offsets."""

    cue: Token | None
    content: Offsets
    speaker: Offsets | None = None
    medium: str | None = None
    addressee: Offsets | None = None
    relays: list[Relay] = field(default_factory=list)
    date_tokens: list[Token] = field(default_factory=list)
    relay_only: bool = False
    more: list[Offsets] = field(default_factory=list)
    cue_extent: Offsets | None = None  # a cue longer than its first token ("according to")
    origin: str = "rule"  # rule | model | quote (a quotation with no cue)
    score: float = 1.0

    def contains(self, offset: int) -> bool:
        """Whether a cleaned-text position lies inside the main content piece."""
        return self.content[0] <= offset < self.content[1]

    def covers(self, offset: int) -> bool:
        """Whether a cleaned-text position lies inside any content piece."""
        return any(start <= offset < end for start, end in [self.content, *self.more])

    def overlap(self, start: int, end: int) -> float:
        """Share of ``start:end`` that the content pieces cover."""
        inside = sum(max(0, min(e, end) - max(s, start)) for s, e in [self.content, *self.more])
        return inside / (end - start) if end > start else 0.0

    @property
    def end(self) -> int:
        """Where the last content piece ends."""
        return max(end for _, end in [self.content, *self.more])


def trim(text: str, start: int, end: int) -> Offsets | None:
    """Shrink a span past edge whitespace and punctuation (keeping closing quote marks)."""
    while start < end and text[start] in PUNCT_EDGES:
        start += 1
    while end > start and text[end - 1] in PUNCT_EDGES:
        end -= 1
    return (start, end) if end > start else None


def subtree_span(token: Token, skip: tuple[str, ...] = ()) -> Offsets:
    """Character span of a token's subtree, leaving out children whose dependency is in ``skip``."""
    tokens = [token]
    for child in token.children:
        if child.dep_ not in skip:
            tokens.extend(child.subtree)
    left = min(t.idx for t in tokens)
    right = max(t.idx + len(t) for t in tokens)
    return left, right


def speaker_of(cue: Token) -> Offsets | None:
    """The cue's subject noun phrase (a conjoined verb shares its head's: "called … and said")."""
    if cue.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        lex = cue_lexicon()
        cue = next((a for a in cue.ancestors if a.pos_ == "VERB" and lex.is_cue(a.lemma_)), cue.head)
    for child in cue.children:
        if child.dep_ in SUBJECT_DEPS and child.pos_ != "SCONJ":
            if (
                child.lower_ in ("it", "this", "that", "there", "what", "which", "who")
                and child.dep_ == "nsubjpass"
            ):
                return None
            return noun_phrase(child)
    return None


def noun_phrase(head: Token) -> Offsets:
    """A head noun with its modifiers and close appositions ("Speaker Vyacheslav Volodin"), no clauses."""
    skip = (
        ("relcl", "acl", "punct", "advmod", "prep", "cc", "conj")
        if head.pos_ == "PRON"
        else ("relcl", "acl", "punct", "advmod")
    )
    tokens = [head]
    for child in head.children:
        set_off = any(t.is_punct for t in head.doc[min(head.i, child.i) : max(head.i, child.i)])
        if child.dep_ == "appos" and set_off and child.pos_ != "PROPN":
            continue
        if child.dep_ == "appos" and set_off:
            tokens.extend(t for t in child.subtree if t.dep_ not in ("punct", "relcl", "acl"))
            continue
        if child.dep_ == "prep" and child.i > head.i and child.lower_ != "of":
            continue
        if child.dep_ not in skip:
            tokens.extend(child.subtree)
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def passive_without_agent(cue: Token) -> bool:
    """ "It was reported that …": a passive cue with no agent has no speaker."""
    deps = {c.dep_ for c in cue.children}
    return "nsubjpass" in deps and "agent" not in deps or ("auxpass" in deps and "nsubj" not in deps)


ADDRESSEE_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "brief", "notify", "convince"}
OBJECT_DEPS = ("dobj", "oprd", "xcomp", "advcl", "attr", "acomp")
SKIP_PREPS = ("in", "on", "during", "at", "via", "through", "after", "before", "since")


def clause_content(cue: Token, lex: CueLexicon) -> Offsets | None:
    """What the cue introduces: its complement clause, or its object ("called X “deplorables”")."""
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp") and child.i > cue.i:
            return subtree_span(child)
    parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in OBJECT_DEPS or c.dep_ == "prep")]
    parts = [c for c in parts if not (c.dep_ == "prep" and c.lower_ in SKIP_PREPS)]
    if cue.lemma_ in ADDRESSEE_VERBS:
        parts = [c for c in parts if c.dep_ not in ("dobj", "dative")]
    if any(c.dep_ == "dobj" for c in parts) or (parts and cue.lemma_ in lex.object_acts):
        return min(subtree_span(p)[0] for p in parts), max(subtree_span(p)[1] for p in parts)
    return that_clause(cue)


def that_clause(cue: Token) -> Offsets | None:
    """Surface fallback: a "that"/"how"/"whether" right after the cue opens the content."""
    sent = cue.sent
    for token in sent[cue.i - sent.start + 1 : cue.i - sent.start + 8]:
        if token.lower_ in ("that", "how", "whether", "why") and token.dep_ not in ("nsubj", "dobj", "det"):
            return token.idx, sent.end_char
        if token.pos_ in ("VERB", "AUX") or token.text in ".;":
            break
    return None


def noun_phrase_before(cue: Token) -> Offsets | None:
    """A bare noun phrase between a comma (or closing quote) and the cue: ", Seoul has said"."""
    sent = cue.doc[cue.sent.start : cue.i]
    tokens: list[Token] = []
    for token in reversed(sent):
        if token.text in (",", "”", '"', "’"):
            break
        if token.pos_ == "VERB" or token.dep_ == "mark" or token.pos_ not in NP_POS:
            return None
        tokens.insert(0, token)
    else:
        return None
    tokens = [t for t in tokens if t.pos_ != "AUX"]
    if not tokens or tokens[0].pos_ == "ADP" or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def tail_is_adjunct(cue: Token) -> bool:
    """After a postposed cue only adverbials may follow: a time, "according to X", "in a letter"."""
    for token in cue.doc[cue.i + 1 : cue.sent.end]:
        if (
            token.pos_ in ("VERB",)
            and token.dep_ not in ("acl", "pcomp", "amod")
            and token.lemma_ != "accord"
        ):
            return False
        if token.dep_ in ("dobj", "ccomp") and token.head == cue:
            return False
    return True


def parenthetical(cue: Token) -> Draft | None:
    """ "But to prevent problems, he said, local officials should be vigilant" — content on both sides."""
    speaker = noun_phrase_before(cue)
    sent = cue.sent
    comma = next((t for t in cue.doc[cue.i + 1 : min(cue.i + 6, sent.end)] if t.text == ","), None)
    if not speaker or comma is None or comma.i + 2 >= sent.end:
        return None
    first = cue.doc.char_span(speaker[0], speaker[1], alignment_mode="expand")
    if first is None or first.start <= sent.start + 1:
        return None
    left = trim(text_of(cue.doc), sent.start_char, cue.doc[first.start - 1].idx + 1)
    right = trim(text_of(cue.doc), comma.idx + 1, sent.end_char)
    tail = cue.doc[comma.i + 1 : sent.end]
    if not left or not right or not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in tail):
        return None
    return Draft(cue=cue, content=left, speaker=speaker, more=[right])


def postposed(cue: Token) -> Draft | None:
    """ "…, North Korean state media reported Friday." — the cue follows its content after a comma."""
    speaker = noun_phrase_before(cue)
    if not speaker:
        return None
    split = parenthetical(cue)
    if split or not tail_is_adjunct(cue):
        return split
    sent = cue.sent
    first = cue.doc.char_span(speaker[0], speaker[1], alignment_mode="expand")
    if first is None or first.start <= sent.start + 1:
        return None
    content = trim(text_of(cue.doc), sent.start_char, cue.doc[first.start - 1].idx + 1)
    if not content:
        return None
    return Draft(cue=cue, content=content, speaker=speaker)


def according_to(sent: SpacySpan) -> list[Relay]:
    """Every "according to X" in a sentence, as relays with X's noun phrase."""
    relays = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            to = token.nbor()
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                span = subtree_span(objects[0], skip=("relcl", "acl", "punct"))
            else:
                end = next((t.i for t in sent if t.i > to.i and t.text in ",.;"), sent.end)
                span = (to.idx + 3, cue_end(sent.doc[to.i + 1 : end]))
            relays.append(Relay(source=span, cue="according to", cue_span=(token.idx, to.idx + len(to))))
    return relays


def cue_end(span: SpacySpan) -> int:
    """End character of a span (or its start when empty)."""
    return span.end_char if len(span) else span.start_char


def medium_and_relays(cue: Token, lex: CueLexicon) -> tuple[str | None, Offsets | None, list[Relay]]:
    """Medium ("in a letter"), addressee ("to Kim"), and "revealed by X" relays around the cue."""
    medium, addressee, relays = None, None, []
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            name = lex.medium_nouns.get(noun.lemma_.lower())
            if not name:
                continue
            medium = medium or name
            addressee = addressee or recipient_of(noun)
            relays.extend(agent_relays(noun))
    for child in cue.children:
        if child.dep_ == "dative" or (
            child.dep_ == "dobj" and cue.lemma_ in ("tell", "thank", "inform", "brief")
        ):
            addressee = addressee or subtree_span(child, skip=("relcl", "acl", "prep", "punct"))
        if child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_ in ("say", "write", "speak"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            addressee = addressee or (subtree_span(objects[0], skip=("relcl", "punct")) if objects else None)
    return medium, addressee, relays


def recipient_of(noun: Token) -> Offsets | None:
    """ "a letter to Kim Jong Un" → Kim Jong Un."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            return noun_phrase(obj)
    return None


def agent_relays(noun: Token) -> list[Relay]:
    """ "a letter revealed by North Korean state media" → relay via "revealed by"."""
    relays = []
    for verb in (c for c in noun.children if c.dep_ == "acl"):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                relays.append(
                    Relay(
                        source=subtree_span(obj, skip=("relcl", "punct")),
                        cue=f"{verb.lower_} by",
                        cue_span=(verb.idx, agent.idx + len(agent)),
                    )
                )
    return relays


MEDIUM_PREPS = ("in", "on", "during", "via", "through", "at")


def surface_medium(draft: Draft, quotes: list[Quote], lex: CueLexicon) -> None:
    """Find "in a letter (to X)" anywhere in the cue's sentence when the parse hung it elsewhere.

    A medium phrase at the end of the content is cut off the content: it says how, not what.
    """
    if draft.cue is None:
        return
    for prep in draft.cue.sent:
        if prep.lower_ not in MEDIUM_PREPS or any(q.start < prep.idx < q.end for q in quotes):
            continue
        noun = next((t for t in prep.doc[prep.i + 1 : prep.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is None or noun.lemma_.lower() not in lex.medium_nouns:
            continue
        draft.medium = draft.medium or lex.medium_nouns[noun.lemma_.lower()]
        draft.addressee = draft.addressee or recipient_of(noun)
        phrase_end = max(t.idx + len(t) for t in noun.subtree)
        if draft.content[0] < prep.idx < draft.content[1] <= phrase_end + 1:
            cut = trim(text_of(draft.cue.doc), draft.content[0], prep.idx)
            draft.content = cut or draft.content
        return


def date_tokens(cue: Token, content: Offsets) -> list[Token]:
    """DATE entity tokens attached to the cue's clause, outside its content ("reported Friday")."""
    tokens = []
    for token in cue.sent:
        if token.ent_type_ == "DATE" and not (content[0] <= token.idx < content[1]):
            anchor = token
            while anchor.head != anchor and anchor.head != cue and anchor.dep_ not in ("ccomp", "relcl"):
                anchor = anchor.head
            if anchor.head == cue or token.i > cue.i:
                tokens.append(token)
    return tokens


def nominal_draft(noun: Token, lex: CueLexicon) -> Draft | None:
    """ "the minister's claim that …", "Trump's warning that …": a cue noun with its owner and clause."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.nominal:
        return None
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and has_that(c)), None)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    speaker = None
    if owner is not None:
        tokens = [t for t in owner.subtree if t.dep_ != "case"]
        speaker = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return Draft(cue=noun, content=subtree_span(clause), speaker=speaker)


def has_that(clause: Token) -> bool:
    """A clause opened by "that" (a complement, not a relative clause on the noun)."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def dependency_draft(cue: Token, lex: CueLexicon, quotes: list[Quote]) -> Draft | None:
    """Subject + cue + complement clause (or the quote beside the cue) from the parse."""
    content = clause_content(cue, lex) or adjacent_quote(cue, quotes)
    if not content:
        return None
    speaker = speaker_of(cue) or agent_of(cue) or inverted_speaker(cue)
    if speaker is None and not passive_without_agent(cue):
        return None
    if speaker is not None and text_of(cue.doc)[speaker[0] : speaker[1]].lower() in NON_SPEAKERS:
        return None
    return Draft(cue=cue, content=content, speaker=speaker)


NON_SPEAKERS = {"who", "what", "which", "that", "whom", "them", "him", "me", "us", "whoever", "this"}


def inverted_speaker(cue: Token) -> Offsets | None:
    """ "…,” said Caddell, speaking of …" — the speaker follows a cue that follows a quote."""
    before = [t.text for t in cue.doc[max(cue.i - 2, 0) : cue.i]]
    if not any(t in ("”", '"', "’") for t in before):
        return None
    tokens = []
    for token in cue.doc[cue.i + 1 : cue.sent.end]:
        if token.pos_ not in ("PROPN", "NOUN", "DET", "ADJ") and not (tokens and token.dep_ == "compound"):
            break
        tokens.append(token)
    if not tokens or not any(t.pos_ in ("PROPN", "NOUN") for t in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def agent_of(cue: Token) -> Offsets | None:
    """ "was told by X" → X."""
    for agent in (c for c in cue.children if c.dep_ == "agent"):
        for obj in (c for c in agent.children if c.dep_ == "pobj"):
            return subtree_span(obj, skip=("relcl", "punct"))
    return None


def adjacent_quote(cue: Token, quotes: list[Quote]) -> Offsets | None:
    """A quotation in the cue's sentence that does not contain the cue."""
    sent = cue.sent
    for quote in quotes:
        inside = sent.start_char <= quote.start < sent.end_char or sent.start_char < quote.end <= cue.idx
        if inside and not (quote.start <= cue.idx < quote.end) and quote.inner_end - quote.inner_start > 10:
            return quote.inner_start, quote.inner_end
    return None


def snap_to_quotes(content: Offsets, quotes: list[Quote]) -> Offsets:
    """Content inside a quotation becomes the whole quotation; a quote running past the end is included."""
    start, end = content
    for quote in quotes:
        if quote.start <= start and end <= quote.end:
            return quote.inner_start, quote.inner_end
        if start <= quote.start < end < quote.end and quote.end - end < 200:
            end = quote.end
        if quote.start < start < quote.end <= end and start - quote.start < 200:
            start = quote.start
    return start, end


def draft_for(cue: Token, lex: CueLexicon, quotes: list[Quote]) -> Draft | None:
    """One attribution around a candidate cue verb, or None when it introduces nothing."""
    if cue.pos_ != "VERB" or not lex.is_cue(cue.lemma_):
        return None
    has_clause = any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children)
    draft = (None if has_clause else postposed(cue)) or dependency_draft(cue, lex, quotes)
    if draft is None:
        return None
    draft.content = snap_to_quotes(trim(text_of(cue.doc), *draft.content) or draft.content, quotes)
    draft.medium, draft.addressee, relays = medium_and_relays(cue, lex)
    draft.relays = relays + [r for r in according_to(cue.sent) if not draft.contains(r.cue_span[0])]
    draft.date_tokens = date_tokens(cue, draft.content)
    draft.relay_only = cue.lemma_ in lex.relay or is_media(cue, draft.speaker, lex)
    return draft


def is_media(cue: Token, speaker: Offsets | None, lex: CueLexicon) -> bool:
    """A speaker whose head noun is a medium ("state media", "the agency") passes on others' words."""
    if speaker is None:
        return False
    span = cue.doc.char_span(speaker[0], speaker[1], alignment_mode="expand")
    return bool(span) and span[-1].lemma_.lower() in lex.media_nouns


def overlap_ratio(a: Offsets, b: Offsets) -> float:
    """Character Jaccard of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def fold_relays(drafts: list[Draft]) -> list[Draft]:
    """An outer relay ("…, KCNA reported") whose content holds other attributions becomes their chain;
    so does a relay sharing its content with a speech cue ("said in a letter revealed by X")."""
    kept = []
    for outer in drafts:
        inner = [
            d
            for d in drafts
            if d is not outer
            and d.cue is not None
            and (
                outer.contains(d.cue.idx)
                or (overlap_ratio(d.content, outer.content) > 0.8 and not d.relay_only)
            )
        ]
        if outer.relay_only and inner and outer.speaker:
            for draft in inner:
                if not any(r.source == outer.speaker for r in draft.relays):
                    cue = outer.cue.lower_ if outer.cue is not None else "reported"
                    draft.relays.append(Relay(outer.speaker, cue, cue_span(outer.cue)))
                draft.date_tokens = draft.date_tokens or outer.date_tokens
                if draft.contains(outer.speaker[0]) and draft.content[0] < outer.speaker[0]:
                    text = text_of(outer.cue.doc) if outer.cue is not None else ""
                    draft.content = trim(text, draft.content[0], outer.speaker[0]) or draft.content
            continue
        kept.append(outer)
    return kept


def cue_span(cue: Token | None) -> Offsets | None:
    """Character span of a cue token."""
    return (cue.idx, cue.idx + len(cue)) if cue is not None else None


def paragraph_index(text: str, offset: int) -> int:
    """Which paragraph (blank-line separated) of the cleaned text holds ``offset``."""
    return text.count("\n\n", 0, offset)


def uncovered_quotes(drafts: list[Draft], quotes: list[Quote], text: str) -> list[Draft]:
    """Quotations no attribution holds: a continuation of the previous speaker, or unattributed.

    A quote in the same paragraph as a direct quote's cue ("“A,” he said. “B.”") joins that attribution
    as a second content piece; a quoted paragraph right after one is a new attribution by the same speaker.
    """
    extra: list[Draft] = []
    for quote in quotes:
        if any(d.overlap(quote.inner_start, quote.inner_end) > 0.5 for d in drafts + extra):
            continue
        before = [d for d in drafts + extra if d.end <= quote.start]
        prev = max(before, key=lambda d: d.end, default=None)
        here = paragraph_index(text, quote.start)
        there = paragraph_index(text, prev.end) if prev else -9
        opens_paragraph = quote.start == 0 or text[quote.start - 1] == "\n"
        content = (quote.inner_start, quote.inner_end)
        if prev and prev.speaker and here == there and is_quoted(prev.content, quotes):
            prev.more.append(content)
        elif len(text[quote.inner_start : quote.inner_end].split()) < 4:
            continue
        elif prev and prev.speaker and (here == there or (here - there == 1 and opens_paragraph)):
            extra.append(continuation(prev, content))
        else:
            extra.append(Draft(cue=None, content=content))
    return extra


def is_quoted(content: Offsets, quotes: list[Quote]) -> bool:
    """Content that is exactly (the inside of) a quotation."""
    return any(q.inner_start <= content[0] and content[1] <= q.inner_end for q in quotes)


def continuation(prev: Draft, content: Offsets) -> Draft:
    """A new attribution that carries on the previous one's speaker, medium, chain and date."""
    return Draft(
        cue=None,
        content=content,
        speaker=prev.speaker,
        medium=prev.medium,
        relays=list(prev.relays),
        date_tokens=list(prev.date_tokens),
    )


def according_drafts(doc, drafts: list[Draft]) -> list[Draft]:
    """A sentence sourced only by "according to X" (no cue verb of its own): X is the speaker."""
    found = []
    for sent in doc.sents:
        for relay in according_to(sent):
            if any(relay in d.relays for d in drafts) or any(
                d.cue is not None and d.contains(relay.cue_span[0]) for d in drafts
            ):
                continue
            if relay.cue_span[0] > sent.start_char + 5:
                content = trim(text_of(doc), sent.start_char, relay.cue_span[0])
            else:
                content = trim(text_of(doc), relay.source[1], sent.end_char)
            if content:
                cue = doc.char_span(*relay.cue_span, alignment_mode="expand")
                draft = Draft(cue=cue[0] if cue else None, content=content, speaker=relay.source)
                draft.cue_extent = relay.cue_span
                found.append(draft)
    return found


DASH_NAME_RE = re.compile(r"\s*[―—–]\s*([^\n“”\"«».,;:()]{2,60})")


def dash_drafts(doc, quotes: list[Quote], drafts: list[Draft]) -> list[Draft]:
    """ "“…” ― Sonya Herridge": a quotation signed with a dash and a name."""
    found = []
    for quote in quotes:
        match = DASH_NAME_RE.match(text_of(doc), quote.end)
        if not match or any(d.covers(quote.inner_start) for d in drafts):
            continue
        speaker = trim(text_of(doc), match.start(1), match.end(1))
        dash_at = text_of(doc).index(match.group(0).strip()[0], quote.end)
        dash = doc.char_span(dash_at, dash_at + 1, alignment_mode="expand")
        if speaker and dash and text_of(doc)[speaker[0]].isupper():
            found.append(Draft(cue=dash[0], content=(quote.inner_start, quote.inner_end), speaker=speaker))
    return found


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


def inside_quoted_content(draft: Draft, drafts: list[Draft], quotes: list[Quote]) -> bool:
    """A cue inside a quotation that is itself another attribution's content (quoted speech in a quote)."""
    if draft.cue is None:
        return False
    at = draft.cue.idx
    return any(
        other is not draft and other.covers(at) and any(q.inner_start <= at < q.inner_end for q in quotes)
        for other in drafts
    )


MODEL_MIN_SCORE = 0.5  # below this the tagger's extra relations were wrong more often than right (dev)


def model_drafts(doc, drafts: list[Draft]) -> list[Draft]:
    """Relations the trained tagger finds that no rule found (beliefs, intentions, stances …).

    A rule draft with the same cue token or mostly the same content wins: rules know quotes, chains,
    media and speakers better; the tagger knows PolNeAR's wider idea of what counts as an attribution.
    """
    from according.extract.attribution_model import predict_relations

    found = []
    for rel in predict_relations(doc):
        if not rel.content or rel.source is None or rel.score < MODEL_MIN_SCORE:
            continue
        content, *more = sorted(rel.content)
        cue = doc.char_span(*rel.cue, alignment_mode="expand") if rel.cue else None
        if any(same_relation(d, cue, content) for d in drafts):
            continue
        draft = Draft(cue=cue[0] if cue else None, content=content, speaker=rel.source, more=more)
        draft.origin, draft.score = "model", rel.score
        if cue is not None and len(cue) > 1:
            draft.cue_extent = rel.cue
        found.append(draft)
    return found


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
    drafts = [d for d in folded if not inside_quoted_content(d, folded, quotes)]
    drafts += according_drafts(ctx.doc, drafts)
    drafts += dash_drafts(ctx.doc, quotes, drafts)
    for draft in drafts:
        surface_medium(draft, quotes, lex)
    drafts += model_drafts(ctx.doc, drafts + relays)
    drafts = [d for d in drafts if not nested(d, drafts)]
    drafts += uncovered_quotes(drafts, quotes, text)
    return sorted(drafts, key=lambda d: d.content[0])


NOT_SPEAKERS = {
    "update",
    "note",
    "editor",
    "photo",
    "watch",
    "read",
    "related",
    "source",
    "credit",
    "video",
    "q",
    "a",
}


def transcript_drafts(doc) -> list[Draft]:
    """ "PENCE: Well, look, …" — a paragraph opened by a short name and a colon is that speaker's words."""
    drafts = []
    starts = [t.i for t in doc if t.i == 0 or "\n" in doc[t.i - 1].text_with_ws]
    for start in (i for i in starts if not doc[i].is_space):
        while start < len(doc) - 1 and doc[start].text in ('"', "“", "'"):
            start += 1
        colon = next((t for t in doc[start : start + 6] if t.text == ":"), None)
        if colon is None or colon.i == start or colon.i + 1 >= len(doc):
            continue
        name = doc[start : colon.i]
        if not all(t.pos_ in ("PROPN", "NOUN") or t.is_title or t.is_upper for t in name):
            continue
        if name[0].lower_ in NOT_SPEAKERS or not is_speaker_name(name):
            continue
        end = paragraph_end(doc, colon.i)
        content = trim(text_of(doc), doc[colon.i + 1].idx, end)
        if content:
            drafts.append(Draft(cue=colon, content=content, speaker=(name.start_char, name.end_char)))
    return drafts


def is_speaker_name(name) -> bool:
    """A transcript label: capitals ("PENCE") or a name the NER calls a person, group or place."""
    if all(t.is_upper or not t.is_alpha for t in name):
        return True
    return all(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in name if t.is_alpha)


def paragraph_end(doc, index: int) -> int:
    """Character offset where the paragraph holding token ``index`` ends."""
    end = text_of(doc).find("\n", doc[index].idx)
    return len(text_of(doc)) if end < 0 else end


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


def chain_of(ctx: Context, relays: list[Relay]) -> list[ChainLink]:
    """Relays as chain links, nearest the speaker first; state media flagged from the entity."""
    links = []
    by_id = {e.id: e for e in ctx.record.entities}
    for relay in relays:
        ref = resolve_speaker(ctx, ctx.span(*relay.source), [])
        entity = by_id.get(ref.entity_id or "")
        cue = ctx.span(*relay.cue_span) if relay.cue_span else None
        links.append(
            ChainLink(
                source=ref, cue=relay.cue, cue_span=cue, state_media=bool(entity and entity.state_media)
            )
        )
    return links


def to_record(
    ctx: Context, draft: Draft, index: int, quotes: list[Quote], history: list[EntityRef]
) -> Attribution:
    """Turn a draft into an Attribution in original-text offsets, resolving its speaker."""
    speaker = resolve_speaker(ctx, ctx.span(*draft.speaker), history) if draft.speaker else None
    if speaker:
        history.append(speaker)
    addressee = resolve_speaker(ctx, ctx.span(*draft.addressee), []) if draft.addressee else None
    cue = None
    if draft.cue is not None:
        cue = ctx.span(*(draft.cue_extent or (draft.cue.idx, draft.cue.idx + len(draft.cue))))
    lemma = (
        None
        if draft.cue is None
        else " ".join(cue.text.lower().split())
        if draft.cue_extent
        else draft.cue.lemma_.lower()
    )
    return Attribution(
        id=ctx.new_id("a", index),
        kind=kind_of(text_of(ctx.doc), draft.content, quotes, speaker is not None),  # type: ignore[arg-type]
        content=[ctx.span(*piece) for piece in [draft.content, *draft.more]],
        cue=cue,
        cue_lemma=lemma,
        speaker=speaker,
        addressee=addressee,
        medium=draft.medium,
        chain=chain_of(ctx, draft.relays),
        date=time_value(ctx, draft.date_tokens),
        confidence=draft.score if draft.cue is not None else 0.6,
    )


@register("attributions", field="attributions")
def extract_attributions(ctx: Context) -> list[Attribution]:
    """Every attribution of the article with speaker, cue, content, medium, addressee, chain and date."""
    quotes = find_quotes(text_of(ctx.doc))
    history: list[EntityRef] = []
    return [to_record(ctx, d, i, quotes, history) for i, d in enumerate(find_drafts(ctx), start=1)]
