"""Rules that need no cue verb: quotations, "according to X" sentences, transcripts, dash signatures,
quotations after a colon."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from according import gazetteer as gz
from according.extract.attribution.chain import according_to
from according.extract.attribution.cues import cue_lexicon
from according.extract.attribution.drafts import (
    Draft,
    Offsets,
    Relay,
    noun_phrase,
    paragraph_end,
    paragraph_index,
    subtree_span,
    trim,
)
from according.extract.attribution.quotes import Quote, paragraphs
from according.extract.attribution.speakers import DOCUMENT_NOUNS
from according.extract.entities import body_cases, capitalised_function_word, written_in_lower_case
from according.nlp import text_of


def uncovered_quotes(
    drafts: list[Draft], quotes: list[Quote], text: str, doc: Doc | None = None, joins_only: bool = False
) -> list[Draft]:
    """Quotations no attribution holds: a continuation of the previous speaker, or unattributed.

    A quote in the same paragraph as a direct quote's cue ("“A,” he said. “B.”") joins that attribution
    as a second content piece; a quoted paragraph right after one is a new attribution by the same speaker.
    With ``joins_only`` only the joining is done (before the tagger can claim the quote for another cue).
    """
    extra: list[Draft] = []
    for quote in quotes:
        if any(d.overlap(quote.inner_start, quote.inner_end) > 0.5 for d in drafts + extra):
            continue
        if is_title(text, quote):
            continue
        before = [d for d in drafts + extra if d.end <= quote.start]
        prev = max(before, key=lambda d: d.end, default=None)
        here = paragraph_index(text, quote.start)
        there = paragraph_index(text, prev.end) if prev else -9
        opens_paragraph = quote.start == 0 or text[quote.start - 1] == "\n"
        content = (quote.inner_start, quote.inner_end)
        if prev and prev.speaker and here == there and holds_quote(prev.content, quotes):
            prev.more.append(content)
        elif joins_only:
            continue
        elif len(text[quote.inner_start : quote.inner_end].split()) < 4:
            continue
        elif prev and prev.speaker and (here == there or (here - there == 1 and opens_paragraph)):
            extra.append(continuation(prev, content))
        else:
            speaker = introduced_speaker(doc, quote.start) if doc is not None and opens_paragraph else None
            extra.append(Draft(cue=None, content=content, speaker=speaker))
    return extra


def is_title(text: str, quote: Quote) -> bool:
    """ "“The Steve Harvey Morning Show,”": a quoted name of a show, book or slogan in title case is no
    speech to attribute."""
    words = [w.strip("“”\"',.!?") for w in text[quote.inner_start : quote.inner_end].split()]
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def introduced_speaker(doc: Doc, at: int) -> Offsets | None:
    """ "Sen. David Perdue disagreed.¶“…”": a quoted paragraph with no cue speaks for the person who is
    the subject of the sentence just before it, when that sentence says nothing else anyone said."""
    prefix = doc.char_span(0, at, alignment_mode="contract")
    last = next((t for t in reversed(prefix) if not t.is_space), None) if prefix is not None else None
    if last is None:
        return None
    sentence = last.sent
    subject = next((t for t in sentence.root.children if t.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ != "PERSON" or any(q in sentence.text for q in '“”"'):
        return None
    return noun_phrase(subject)


def holds_quote(content: Offsets, quotes: list[Quote]) -> bool:
    """Content that is, or begins with, a quotation (direct or mixed: "''I admire the mechanics'' of …")."""
    return any(q.start <= content[0] <= q.inner_start and q.inner_start < content[1] for q in quotes)


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
                draft.medium, draft.speaker = medium_as_source(doc, relay.source)
                draft.relays = list(relay.then)
                draft.cue_extent = relay.cue_span
                draft.more = rest_after_aside(doc, sent, relay) if content[0] < relay.cue_span[0] else []
                found.append(draft)
    return found


def medium_as_source(doc: Doc, source: Offsets) -> tuple[str | None, Offsets | None]:
    """ "According to a statement (from the ministry)": the statement is the medium, not a speaker; the
    speaker is its issuer when named (found when the speaker is resolved), else nobody."""
    if source[0] >= source[1]:
        return None, source  # "according to" with nothing after it
    phrase = doc.char_span(*source, alignment_mode="expand")
    lex = cue_lexicon()
    if phrase is None or not len(phrase) or phrase.root.lemma_.lower() not in lex.medium_nouns:
        return None, source
    medium = lex.medium_nouns[phrase.root.lemma_.lower()]
    sources = lex.media_nouns | lex.source_nouns
    owned = any(
        t.pos_ == "PROPN"
        or t.dep_ in ("prep", "poss")
        or (t.dep_ == "det" and t.lower_ in ("the", "this", "that", "these", "those"))  # named before
        or (t != phrase.root and t.lemma_.lower() in sources)
        for t in phrase
    )  # an issuer ("from the ministry", "Tasnim's"), a source ("newspaper reports") or one named before
    return medium, (source if owned else None)


def rest_after_aside(doc: Doc, sent: SpacySpan, relay: Relay) -> list[Offsets]:
    """ "Thunberg then led, according to Time, the largest climate demonstration": an "according to X"
    set off by commas inside the sentence leaves the claim going on after it."""
    text = text_of(doc)
    after = text[relay.source[1] : relay.source[1] + 2]
    if not after.startswith(",") or text[relay.cue_span[0] - 2 : relay.cue_span[0]].strip() != ",":
        return []
    rest = trim(text, relay.source[1] + 1, sent.end_char)
    return [rest] if rest and len(text[rest[0] : rest[1]].split()) >= 3 else []


NAME_WORD = r"(?:[A-Z][\w'’-]*\.?|de|van|von|da|del|la|bin|al)"
DASH_NAME_RE = re.compile(rf"[\s\u00a0]*[―—–][\s\u00a0]*({NAME_WORD}(?: {NAME_WORD}){{0,5}})")


def dash_drafts(doc, quotes: list[Quote], drafts: list[Draft]) -> list[Draft]:
    """ "“…” ― Sonya Herridge": a quotation signed with a dash and a name."""
    found = []
    for quote in quotes:
        match = DASH_NAME_RE.match(text_of(doc), quote.end)
        if not match or any(d.covers(quote.inner_start) for d in drafts):
            continue
        end = match.end(1)
        if text_of(doc)[end - 1] == "." and end - match.start(1) > 2 and not text_of(doc)[end - 3].isspace():
            end -= 1  # "Carla Sanchez." ends a sentence; "Julie A." keeps its initial
        speaker = trim(text_of(doc), match.start(1), end)
        dash_at = text_of(doc).index(match.group(0).strip()[0], quote.end)
        dash = doc.char_span(dash_at, dash_at + 1, alignment_mode="expand")
        if speaker and dash and text_of(doc)[speaker[0]].isupper():
            draft = Draft(cue=dash[0], content=(quote.inner_start, quote.inner_end), speaker=speaker)
            draft.cue_extent = (dash_at, dash_at + 1)  # the dash alone, when spaCy glued "”―" together
            found.append(draft)
    return found


NOT_COLON_SPEAKERS = frozenset("it this that there what which who these those".split())


def colon_drafts(doc, quotes: list[Quote], drafts: list[Draft]) -> list[Draft]:
    """ "Perdue was blunt: “…”": a quotation right after a colon is the words of the subject of the
    clause the colon closes (a name or a personal pronoun; "The question is: …" has no speaker)."""
    found = []
    text = text_of(doc)
    for quote in quotes:
        colon_at = quote.start - 1
        while colon_at >= 0 and text[colon_at].isspace():
            colon_at -= 1
        if colon_at < 0 or text[colon_at] != ":" or "\n\n" in text[colon_at : quote.start]:
            continue
        if any(d.covers(quote.inner_start) for d in drafts):
            continue
        colon = doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
        subject = colon_subject(colon[0]) if colon else None
        if subject is not None:
            speaker = noun_phrase(subject)
            found.append(Draft(cue=colon[0], content=(quote.inner_start, quote.inner_end), speaker=speaker))
    return found


def colon_subject(colon: Token) -> Token | None:
    """The subject of the clause a colon closes, when it can speak: a proper name or he/she/they/we/I."""
    if colon.i == 0:
        return None
    clause = colon.doc[colon.i - 1]
    while clause.head.i < colon.i and clause.head.i != clause.i:
        clause = clause.head  # the highest word of what stands before the colon
    if clause.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in NOT_COLON_SPEAKERS:
        return None
    return subject if subject.pos_ in ("PROPN", "PRON") else None


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
        if name[0].lower_ in LABEL_WORDS or not is_speaker_name(name):
            continue
        end = paragraph_end(doc, colon.i)
        content = trim(text_of(doc), doc[colon.i + 1].idx, end)
        if content:
            drafts.append(Draft(cue=colon, content=content, speaker=(name.start_char, name.end_char)))
    if len(drafts) > 1:
        extend_turns(doc, drafts)
    return drafts


def extend_turns(doc: Doc, turns: list[Draft]) -> None:
    """In a transcript a turn runs on over the paragraphs before the next speaker's label, stopping at a
    stage direction ("(CROSSTALK.)")."""
    text = text_of(doc)
    for turn, nxt in zip(turns, turns[1:], strict=False):  # the last turn has no label to bound it
        stop = nxt.cue.idx if nxt.cue is not None else turn.content[1]
        for start, end in paragraphs(text):
            if start <= turn.content[1]:
                continue
            if end >= stop or text[start:end].lstrip('"“ ').startswith("("):
                break
            piece = trim(text, start + len(text[start:end]) - len(text[start:end].lstrip('"“ ')), end)
            if piece:
                turn.more.append(piece)


def is_speaker_name(name) -> bool:
    """A transcript label: capitals ("PENCE"), a name the NER calls a person, group or place, or a
    headline source ("Poll: Wealthy Voters Abandon …", "Politifact: …")."""
    if any(GLUED_WORDS_RE.search(t.text) for t in name) or capitalised_function_word(name):
        return False
    if all(t.is_upper or not t.is_alpha for t in name):
        return True
    if is_topic_label(name):
        return False
    if all(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in name if t.is_alpha):
        return True
    return is_headline_source(name)


def is_topic_label(name: SpacySpan) -> bool:
    """ "Ferry Strike: Port Warns …": a headline label made of words the article writes in lower case
    ("the ferry strike") names a topic, unless its head can speak (a role, a poll, a report)."""
    head = name[-1].lower_
    if head in SPEAKING_NOUNS or head in gz.registry().roles["words"]:
        return False
    return written_in_lower_case(name, body_cases(name.doc))


SPEAKING_NOUNS = DOCUMENT_NOUNS | {"poll", "polls", "survey", "study", "data", "research"}


# words that open a labelled line without naming a source ("Correction: …", "Delegate Update: …")
LABEL_WORDS = frozenset(
    "latest correction corrections clarification update updated note editor editors email e-mail q a watch "
    "video photo photos read related source sources more also breaking exclusive opinion analysis live "
    "transcript caption credit advertisement paid notice disclaimer warning summary background tags topics "
    "share subscribe contact follow by".split()
)
NOT_NAME_POS = frozenset(("DET", "ADP", "VERB", "AUX", "PRON", "ADJ", "CCONJ", "SCONJ", "NUM"))


def is_headline_source(name) -> bool:
    """Up to four capitalised words, no label, date or function word: a source named before a colon."""
    words = [t for t in name if t.is_alpha]
    return (
        0 < len(words) <= 4
        and all(t.is_title or t.is_upper for t in words)
        and not any(t.lower_ in LABEL_WORDS or t.pos_ in NOT_NAME_POS for t in words)
        and not any(t.ent_type_ in ("DATE", "TIME") for t in words)
    )


# "JorgensenImage": two words run together by page extraction (a capital deep inside; "McConnell",
# "DeSantis", "MacArthur" have theirs early)
GLUED_WORDS_RE = re.compile(r"^[A-Z][a-z]{3,}[A-Z]")


HEDGE_VERBS = frozenset(("seem", "appear"))
COMPLEMENT_DEPS = ("xcomp", "acomp", "ccomp", "attr", "oprd")


def hedged_drafts(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Claims nobody is said to make: "Melania seems to have vanished", "It appeared that …" — an
    unattributed assessment (no speaker), content the subject and what is said of it."""
    found = []
    for verb in doc:
        if not is_hedge(verb) or any(d.cue is not None and d.cue.i == verb.i for d in drafts):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        complement = next((c for c in verb.children if c.dep_ in COMPLEMENT_DEPS and c.i > verb.i), None)
        if subject is None or complement is None or any(d.covers(verb.idx) for d in drafts):
            continue
        said = trim(text_of(doc), *subtree_span(complement))
        if said is None:
            continue
        dummy = subject.dep_ == "expl" or subject.lower_ == "it" and complement.dep_ == "ccomp"
        pieces = [said] if dummy else [noun_phrase(subject), said]
        draft = Draft(cue=verb, content=pieces[0], more=pieces[1:])
        draft.cue_extent = hedge_phrase(verb)
        draft.score = 0.6
        found.append(draft)
    return found


def is_hedge(verb: Token) -> bool:
    """ "seems to", "appeared that", "can seem like": a hedged claim nobody is said to make."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ not in HEDGE_VERBS:
        return False
    return any(c.dep_ in COMPLEMENT_DEPS or c.lower_ == "like" for c in verb.children)


def hedge_phrase(verb: Token) -> Offsets:
    """The hedge with its auxiliaries and negation: "can appear", "did not seem"."""
    left = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    start = min([verb.idx] + [c.idx for c in left])
    return start, verb.idx + len(verb)


# adverbs that mark a claim as reported by nobody named; "allegedly", "supposedly" are cues in only 2 of 12
# and 1 of 9 PolNeAR train occurrences, "reportedly" in 19 of 29
REPORT_ADVERBS = frozenset(("reportedly",))


def reported_drafts(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "Google and Facebook have reportedly looked at Twitter": an unattributed report, its content the
    clause on both sides of the adverb."""
    found, text = [], text_of(doc)
    for adverb in doc:
        if adverb.lower_ not in REPORT_ADVERBS or any(d.covers(adverb.idx) for d in drafts):
            continue
        if any(d.cue is not None and d.cue.i == adverb.head.i and d.speaker for d in drafts):
            continue  # "X has reportedly said …": X's attribution, hedged
        clause = [t for t in adverb.head.subtree if not t.is_punct or t.i < adverb.head.i]
        left = trim(text, clause[0].idx, adverb.idx)
        right = trim(text, adverb.idx + len(adverb), clause[-1].idx + len(clause[-1]))
        if right is None:
            continue
        draft = Draft(cue=adverb, content=left or right, more=[right] if left else [])
        draft.score = 0.6
        found.append(draft)
    return found


SURVEY_NOUNS = frozenset("poll survey study report census".split())


def survey_drafts(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "In the latest Reuters/Ipsos poll, Trump leads by 5 points": a sentence opened by "In" + a poll,
    survey or study, with no cue of its own, is what that poll says."""
    found = []
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.lower_ != "in" or first.dep_ != "prep":
            continue
        noun = next((c for c in first.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in SURVEY_NOUNS:
            continue
        if any(d.cue is not None and sent.start <= d.cue.i < sent.end for d in drafts):
            continue  # "In a report, the agency said …": the report is the medium of a cue
        last = next(t for t in reversed(sent) if not (t.is_space or t.is_punct and not t.is_quote))
        content = trim(text_of(doc), subtree_span(noun)[1], last.idx + len(last))
        if content and len(text_of(doc)[content[0] : content[1]].split()) >= 3:
            draft = Draft(cue=first, content=content, speaker=noun_phrase(noun))
            draft.score = 0.8
            found.append(draft)
    return found


STANCE_ADJECTIVES = frozenset(
    "confident convinced sure certain hopeful optimistic pessimistic worried concerned afraid fearful "
    "frustrated angry upset happy glad pleased proud sorry aware unaware eager determined skeptical "
    "sceptical doubtful adamant disappointed furious surprised satisfied unsure uncertain".split()
)


def stance_drafts(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "Protesters were frustrated that the police released only some footage", "Clinton is confident
    she will win": a feeling or belief held by the subject, its clause the content."""
    found = []
    for word in doc:
        parts = stance_parts(word) if word.lower_ in STANCE_ADJECTIVES else None
        if parts is None:
            continue
        subject, clause, cue_start = parts
        if any(
            d.covers(clause.idx) or d.cue is not None and d.cue.i in (word.i, word.head.i) for d in drafts
        ):
            continue
        content = trim(text_of(doc), *subtree_span(clause))
        if content:
            draft = Draft(cue=word, content=content, speaker=noun_phrase(subject))
            draft.cue_extent = (cue_start, word.idx + len(word))
            draft.score = 0.8
            found.append(draft)
    return found


def stance_parts(word: Token) -> tuple[Token, Token, int] | None:
    """Subject, clause and cue start of "X is confident (that) …" (adjective after a copula) or "X were
    frustrated that …" (a passive participle), or None."""
    if word.dep_ == "acomp":
        subject = next((c for c in word.head.children if c.dep_ == "nsubj"), None)
        start = word.head.idx
    elif word.tag_ == "VBN" and (aux := [c for c in word.children if c.dep_ == "auxpass"]):
        subject = next((c for c in word.children if c.dep_ == "nsubjpass"), None)
        start = aux[0].idx
    else:
        return None
    clause = next((c for c in word.children if c.dep_ in ("ccomp", "xcomp") and c.i > word.i), None)
    if subject is None or clause is None or subject.lower_ in ("it", "this", "that", "there"):
        return None
    return subject, clause, start
