"""Cue rules: an attribution around a cue word, with the parse patterns that find its speaker and content."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from according.extract.attribution.chain import (
    according_to,
    agent_relays,
    date_tokens,
    is_outlet,
    medium_and_relays,
)
from according.extract.attribution.cues import CueLexicon, cue_lexicon
from according.extract.attribution.drafts import (
    NP_POS,
    SUBJECT_DEPS,
    Draft,
    Offsets,
    Relay,
    cue_span,
    noun_phrase,
    subtree_span,
    trim,
)
from according.extract.attribution.quotes import Quote
from according.nlp import text_of


def full_subject(cue: Token) -> Offsets | None:
    """The cue's whole subject phrase ("Brian Fallon, the campaign's press secretary"), edges trimmed."""
    if cue.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        return None
    for child in cue.children:
        if child.dep_ in SUBJECT_DEPS and child.pos_ not in ("SCONJ", "PRON"):
            child = after_dangling_according(child)
            tokens = [t for t in child.subtree if not t.is_quote]  # "” Flynn, …": the quote's closing mark
            while tokens and tokens[0].dep_ == "advmod" and tokens[0].head == child:
                tokens = tokens[1:]  # "Even China, Pyongyang's only ally, said …"
            if not tokens:
                return None
            return trim(text_of(cue.doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return None


def speaker_of(cue: Token) -> Offsets | None:
    """The cue's subject noun phrase (a conjoined verb shares its head's: "called … and said"; a participle
    its clause's: "Clinton mocked the complaint, saying …")."""
    if cue.dep_ == "conj" and not has_subject(cue):
        if has_subject(cue.head) and finite_tag(cue) == finite_tag(cue.head):
            cue = cue.head  # "the prince accepted responsibility but did not say …": the verb it is joined to
        else:  # "… called … and said", "said the demands would cost … and warned": the cue verb above
            lex = cue_lexicon()
            cue = next((a for a in cue.ancestors if a.pos_ == "VERB" and lex.is_cue(a.lemma_)), cue.head)
    elif cue.tag_ == "VBG" and cue.head.pos_ in ("VERB", "AUX") and is_bare_participle_clause(cue):
        cue = cue.head
    for child in cue.children:
        if child.dep_ in SUBJECT_DEPS and child.pos_ != "SCONJ":
            if (
                child.lower_ in ("it", "this", "that", "there", "what", "which", "who")
                and child.dep_ == "nsubjpass"
            ):
                return None
            return noun_phrase(after_dangling_according(child))
    return None


def finite_tag(verb: Token) -> str:
    """The tense tag of a verb group: its first auxiliary's ("did not say" -> VBD, "would cost" -> MD)."""
    return next((c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), verb.tag_)


def has_subject(verb: Token) -> bool:
    """Whether a verb has a subject of its own."""
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def after_dangling_according(subject: Token) -> Token:
    """ "According to news agency ISNA, the prosecutor general, Ali Mehr, said …": when the parse left
    "to" without its object and took that object as the subject, the speaker is its apposition."""
    first = subject.left_edge
    doc = subject.doc
    if first.i < 2 or doc[first.i - 2 : first.i].text.lower() != "according to":
        return subject
    if any(c.dep_ == "pobj" for c in doc[first.i - 1].children):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos"), subject)


def passive_without_agent(cue: Token) -> bool:
    """ "It was reported that …": a passive cue with no agent has no speaker."""
    deps = {c.dep_ for c in cue.children}
    return "nsubjpass" in deps and "agent" not in deps or ("auxpass" in deps and "nsubj" not in deps)


ADDRESSEE_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "brief", "notify", "convince"}


OBJECT_DEPS = ("dobj", "oprd", "xcomp", "advcl", "attr", "acomp")


SKIP_PREPS = ("in", "on", "during", "at", "via", "through", "after", "before", "since")


def clause_content(cue: Token, lex: CueLexicon) -> Offsets | None:
    """What the cue introduces: its complement clause, or its object ("called X “deplorables”")."""
    clauses = [subtree_span(c) for c in complements(cue)]
    if clauses:  # "Flynn said [Trump has respect …] and [his comment was aimed at …]": both
        return clauses[0][0], max(end for _, end in clauses)
    parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in OBJECT_DEPS or c.dep_ == "prep")]
    parts = [c for c in parts if not (c.dep_ == "prep" and c.lower_ in SKIP_PREPS)]
    if cue.lemma_ in ADDRESSEE_VERBS:
        parts = [c for c in parts if c.dep_ not in ("dobj", "dative")]
    if any(c.dep_ == "dobj" for c in parts) or (parts and cue.lemma_ in lex.object_acts):
        return min(subtree_span(p)[0] for p in parts), max(subtree_span(p)[1] for p in parts)
    return pro_form(cue) or that_clause(cue)


def complements(cue: Token) -> list[Token]:
    """Clauses after the cue that say what was said ("…, the paper said, quoting sources" has none; "the
    agency said, citing a statement, that …" has the clause the parse hung on "citing")."""
    found = []
    for child in (c for c in cue.children if c.i > cue.i):
        if child.lemma_ in QUOTING_LEMMAS and child.tag_ == "VBG":
            found += [c for c in child.children if c.dep_ == "ccomp" and c.i > child.i]
        elif child.dep_ in ("ccomp", "xcomp"):
            found.append(child)
    return found


def pro_form(cue: Token) -> Offsets | None:
    """ "Mook said as much", "the minister said so", "75 percent said no": the words that stand for what
    was said."""
    for child in cue.children:
        right_after = child.i == cue.i + 1
        if right_after and (child.lower_ in ("yes", "no") or child.lower_ == "so" and child.dep_ == "advmod"):
            return child.idx, child.idx + len(child)
        if child.lower_ == "much" and child.dep_ == "advmod" and child.nbor(-1).lower_ == "as":
            return child.nbor(-1).idx, child.idx + len(child)
    return None


def that_clause(cue: Token) -> Offsets | None:
    """Surface fallback: a "that"/"how"/"whether" right after the cue opens the content."""
    sent = cue.sent
    for token in sent[cue.i - sent.start + 1 : cue.i - sent.start + 8]:
        if token.lower_ in ("that", "how", "whether", "why") and token.dep_ not in ("nsubj", "dobj", "det"):
            return token.idx, sent.end_char
        if token.pos_ in ("VERB", "AUX") or token.text in ".;":
            break
    return None


HEDGE_ADVERBS = frozenset(("reportedly", "allegedly", "also", "later", "earlier", "again", "previously"))


def noun_phrase_before(cue: Token) -> Offsets | None:
    """A bare noun phrase between a comma (or closing quote) and the cue: ", Seoul has said"."""
    sent = cue.doc[cue.sent.start : cue.i]
    tokens: list[Token] = []
    for token in reversed(sent):
        if not tokens and token.head == cue and (token.dep_ == "aux" or token.lower_ in HEDGE_ADVERBS):
            continue  # "…, Economics Minister Aburizal Bakrie has reportedly said"
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
            and token.lemma_ not in ("accord", *QUOTING_LEMMAS)
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
    if any(t.tag_ == "VBG" and t.dep_ == "advcl" for t in tail[:3]):
        return None  # "“…,” Trump said, adding later, “…”": the participle is a cue of its own
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
    if not content or not says_something(cue.doc, content):
        return None
    return Draft(cue=cue, content=content, speaker=speaker)


def says_something(doc, content: Offsets) -> bool:
    """Content before a postposed cue holds a verb or a quotation ("In July, the NAACP called …" does not)
    and is no subjectless participle clause ("Asked whether …, Ryan said …": the question put to him)."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or is_bare_participle_clause(span.root):
        return False
    return any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in span)


def is_bare_participle_clause(verb: Token) -> bool:
    """A subjectless -ed or -ing clause off the main verb ("Asked about X, …", "Speaking on TV, …")."""
    return verb.tag_ in ("VBN", "VBG") and verb.dep_ == "advcl" and not has_subject(verb)


def nominal_draft(noun: Token, lex: CueLexicon) -> Draft | None:
    """ "the minister's claim that …", "Trump's warning that …": a cue noun with its owner and clause."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.nominal:
        return None
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB" and lex.is_cue(noun.head.head.lemma_):
        return None  # "IRNA said in a report that …": the medium of the verb's own attribution
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
    if cue.lemma_ == "ask" and cue.tag_ == "VBN" and is_bare_participle_clause(cue):
        return question_put(cue)
    raised = raised_subject(cue)
    if raised is not None:  # "The efforts are expected to continue": the subject is what is claimed about
        said = subtree_span(raised[1])
        return Draft(cue=cue, content=noun_phrase(raised[0]), speaker=agent_of(cue), more=[said])
    content = clause_content(cue, lex) or adjacent_quote(cue, quotes)
    if not content:
        return None
    speaker = speaker_of(cue)
    if speaker is not None and quoted_outside(speaker, cue.idx, quotes):
        speaker = None  # "“… Full panic mode,” said Leslie Wimes": the parse took quoted words as subject
    speaker = speaker or agent_of(cue) or inverted_speaker(cue)
    if speaker is None and not passive_without_agent(cue):
        return None
    if speaker is not None and text_of(cue.doc)[speaker[0] : speaker[1]].lower() in NON_SPEAKERS:
        return None
    if speaker is not None and is_bare_number(cue.doc, speaker):
        return None  # "1,217 pledged delegates" parsed as a subject and its verb
    full = full_subject(cue)
    if full and speaker and not (full[0] <= speaker[0] and speaker[1] <= full[1]):
        full = None
    return Draft(cue=cue, content=content, speaker=speaker, speaker_full=full)


def question_put(cue: Token) -> Draft | None:
    """ "Asked whether Clinton has the integrity to serve, 75 percent said no": a question nobody named put
    to the main clause's subject (its addressee); the content is the question."""
    question = next(
        (c for c in cue.children if c.dep_ == "ccomp" or c.dep_ == "prep" and c.lower_ == "about"), None
    )
    if question is None:
        return None
    draft = Draft(cue=cue, content=subtree_span(question), speaker=None)
    addressee = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
    draft.addressee = noun_phrase(addressee) if addressee is not None else None
    return draft


def quoted_outside(span: Offsets, at: int, quotes: list[Quote]) -> bool:
    """Whether ``span`` starts inside a quotation that does not hold position ``at`` (the cue)."""
    return any(q.inner_start <= span[0] < q.inner_end and not q.start <= at < q.end for q in quotes)


def raised_subject(cue: Token) -> tuple[Token, Token] | None:
    """Subject and complement of a passive cue with a predicate ("Obama's veto is expected to come", "he
    is said to have left", "Kinsman was reported missing"): the subject belongs to the claim, and the
    speaker is the "by" agent or nobody."""
    if cue.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in cue.children):
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    predicate = next((c for c in cue.children if c.dep_ in ("xcomp", "oprd", "acomp") and c.i > cue.i), None)
    if subject is None or predicate is None or subject.lower_ in ("it", "there"):
        return None
    return subject, predicate


def is_bare_number(doc, span: Offsets) -> bool:
    """A would-be speaker that is only a figure ("1,217"), no noun of who said it."""
    tokens = doc.char_span(*span, alignment_mode="expand")
    return tokens is not None and all(t.like_num or t.is_punct for t in tokens)


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


def snap_to_quotes(content: Offsets, quotes: list[Quote], cue_at: int = -1) -> Offsets:
    """Content inside a quotation becomes the whole quotation; a quote running past the end is included.
    A quotation holding the cue itself is left alone: "“During the debate Trump said Hispanics live in
    hell. …” ― Pamela Padilla" reports Trump's words inside Padilla's."""
    start, end = content
    for quote in quotes:
        if quote.start <= cue_at < quote.end:
            continue
        if quote.start <= start and end <= quote.end:
            return quote.inner_start, quote.inner_end
        if start <= quote.start < end < quote.end and quote.end - end < 200:
            end = quote.end
        if quote.start < start < quote.end <= end and start - quote.start < 200:
            start = quote.start
    return start, end


QUOTING_LEMMAS = ("quote", "cite")


def as_saying(cue: Token, lex: CueLexicon) -> Token | None:
    """The speech participle of "quoted X as saying …" ("cited …", "as telling", "as stating") in the cue's
    sentence, before any other finite verb."""
    doc = cue.doc
    for token in doc[cue.i + 1 : min(cue.i + 30, cue.sent.end - 1)]:
        after = doc[token.i + 1]
        if token.lower_ == "as" and after.tag_ == "VBG" and after.lemma_ in lex.speech:
            return after
        if token.pos_ == "VERB" and token.tag_ in ("VBD", "VBZ", "VBP") and token.head != cue:
            return None
    return None


def is_as_saying(token: Token) -> bool:
    """The "saying" of "… as saying": part of a quoting cue, never a cue of its own."""
    return token.tag_ == "VBG" and token.i > 0 and token.nbor(-1).lower_ == "as"


def quoting_outlet(cue: Token, saying: Token) -> Offsets | None:
    """Who quotes: the subject ("the newspaper quoted …"), the "by" agent of a passive, wherever it stands
    ("was quoted by the Times as saying", "was quoted as saying by Interfax"), or a postposed subject."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        agent = agent_of(cue) or agent_of(saying)
        if agent:
            return agent
        by = next((t for t in cue.doc[saying.i + 1 : cue.sent.end] if t.lower_ == "by"), None)
        objects = [c for c in by.children if c.dep_ == "pobj"] if by is not None else []
        return subtree_span(objects[0], skip=("relcl", "punct")) if objects else None
    return speaker_of(cue) or noun_phrase_before(cue)


def quoted_one(cue: Token, saying: Token) -> Offsets | None:
    """Who is quoted: the passive subject ("X was quoted as saying"), else the words between the cue and
    "as" ("quoted Qantas chief executive Geoff Dixon as saying")."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return noun_phrase(subject)
    tokens = [t for t in cue.doc[cue.i + 1 : saying.i - 1] if t.dep_ != "punct" or t.text in "-'’"]
    if not tokens or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens):
        return None
    return trim(text_of(cue.doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def said_after(saying: Token) -> Offsets | None:
    """What follows "as saying" up to the sentence end, when it says something (not just "by Interfax")."""
    sent = saying.sent
    clause = next((c for c in saying.children if c.dep_ == "ccomp" and c.i > saying.i), None)
    start = clause.left_edge.i if clause is not None else saying.i + 1  # "as telling reporters that …"
    tokens = list(saying.doc[start : sent.end])
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct and not tokens[0].is_quote):
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in (".", ";") or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens or not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in tokens):
        return None
    return trim(text_of(saying.doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def said_before(cue: Token, outlet: Offsets | None, quoted: Offsets, quotes: list[Quote]) -> Offsets | None:
    """ "“…,” the newspaper quoted Dixon as saying": the words before the quoting clause, or its quote."""
    sent = cue.sent
    first = min(x[0] for x in (outlet, quoted, (cue.idx, cue.idx)) if x)
    before = trim(text_of(cue.doc), sent.start_char, first)
    if before and says_something(cue.doc, before):
        return before
    return adjacent_quote(cue, quotes)


def quoted_as_saying(cue: Token, lex: CueLexicon, quotes: list[Quote]) -> Draft | None:
    """ "The newspaper quoted Deng as saying …", "X was quoted by the Times as saying …", "the BBC cited X
    as saying …": the one quoted is the speaker; the quoting outlet is a relay whose cue is the verb."""
    if cue.lemma_ not in QUOTING_LEMMAS or (saying := as_saying(cue, lex)) is None:
        return None
    quoted = quoted_one(cue, saying)
    if quoted is None:
        return None
    outlet = quoting_outlet(cue, saying)
    content = said_after(saying) or said_before(cue, outlet, quoted, quotes)
    if content is None:
        return None
    draft = Draft(cue=cue, content=content, speaker=quoted)
    if outlet is not None:
        draft.relays.append(Relay(outlet, cue.lower_, cue_span(cue)))
    else:  # "X was quoted as telling the Washington Post that …": the outlet told is the relay
        told = [noun_phrase(c) for c in saying.children if c.dep_ in ("dobj", "dative") and c.i > saying.i]
        draft.relays += [
            Relay(t, saying.lower_, cue_span(saying)) for t in told if is_outlet(cue.doc, t, lex)
        ]
        draft.addressee = told[0] if told else None
    return draft


SOURCE_DEPS = ("advcl", "xcomp", "acl", "conj", "dep", "appos", "npadvmod")


def cited_source(cue: Token, draft: Draft, lex: CueLexicon) -> tuple[Token, Offsets] | None:
    """ "Reuters, citing anonymous sources, reported …", "…, the paper said, quoting intelligence sources":
    the participle and whom it cites, when it hangs on the cue or its subject, outside the content."""
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
    for token in cue.sent:
        if token.lemma_ not in QUOTING_LEMMAS or token.tag_ != "VBG" or as_saying(token, lex):
            continue
        if draft.covers(token.idx):
            if set_off_in_content(token, draft.content) is None:
                continue  # inside what was said
        elif token.head not in (cue, subject) or token.dep_ not in SOURCE_DEPS:
            continue
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is not None and is_source_noun(obj, lex):
            return token, noun_phrase(obj)
    return None


def set_off_in_content(participle: Token, content: Offsets) -> Offsets | None:
    """ "CBS reported, citing JHU data, there were 500 cases" / "… 500 cases, citing JHU data": a quoting
    participle phrase set off by a comma at the start or the end of the content, which the parse hung on
    the reported clause; the content without it, or None when it is not so placed."""
    text = text_of(participle.doc)
    phrase_end = max(t.idx + len(t) for t in participle.subtree)
    if not text[content[0] : participle.idx].strip(" ,") and text[phrase_end : phrase_end + 1] == ",":
        return trim(text, phrase_end + 1, content[1])
    before = text[: participle.idx].rstrip()
    if before.endswith(",") and content[0] < participle.idx and not text[phrase_end : content[1]].strip(" ."):
        return trim(text, content[0], len(before) - 1)
    return None


def is_source_noun(noun: Token, lex: CueLexicon) -> bool:
    """Someone who can be cited: a name, or a noun of people and documents ("officials", "sources")."""
    return (
        is_named(noun)
        or noun.lemma_.lower() in lex.source_nouns
        or noun.lower_ in lex.source_nouns  # "data", which spaCy lemmatises as "datum"
    )


def citing_a_source(participle: Token, lex: CueLexicon) -> bool:
    """ "…, citing officials" hanging on a cue verb: the relay of that verb's attribution, no cue of its own
    ("Citing a conspiracy theory, Trump claimed …" cites no source and stays a cue)."""
    if participle.lemma_ not in QUOTING_LEMMAS or participle.tag_ != "VBG" or as_saying(participle, lex):
        return False
    verb = participle.head if participle.head.pos_ == "VERB" else participle.head.head
    if (
        not lex.is_cue(verb.lemma_)
        and verb.dep_ == "ccomp"
        and text_of(participle.doc)[: participle.idx].rstrip().endswith(",")
    ):
        verb = verb.head  # "said prices rose, citing officials": the parse hung it on the reported clause
    obj = next((c for c in participle.children if c.dep_ == "dobj"), None)
    return lex.is_cue(verb.lemma_) and obj is not None and is_source_noun(obj, lex)


def quoted_by_aside(participle: Token) -> bool:
    """ "Mousavi, quoted by Tehran Radio, said …": a quoting participle with its agent after a noun."""
    return (
        participle.lemma_ in QUOTING_LEMMAS
        and participle.tag_ == "VBN"
        and participle.dep_ == "acl"
        and any(c.dep_ == "agent" for c in participle.children)
    )


def aside_relays(draft: Draft) -> list[Relay]:
    """The "quoted by Y" aside on the speaker's head noun, as relays (the speaker keeps only the noun)."""
    if draft.speaker is None or draft.cue is None:
        return []
    phrase = draft.cue.doc.char_span(*draft.speaker, alignment_mode="expand")
    if phrase is None or not len(phrase):
        return []
    return [r for c in phrase.root.children if quoted_by_aside(c) for r in agent_relays(c.head)]


def cite_through(cue: Token, draft: Draft, lex: CueLexicon) -> None:
    """The cited source becomes the speaker and the citing subject a relay ("citing" / "quoting")."""
    if draft.speaker is None or (found := cited_source(cue, draft, lex)) is None:
        return
    participle, source = found
    draft.relays.append(Relay(draft.speaker, participle.lower_, cue_span(participle)))
    draft.speaker, draft.speaker_full = source, None
    if draft.covers(participle.idx):
        draft.content = set_off_in_content(participle, draft.content) or draft.content


def draft_for(cue: Token, lex: CueLexicon, quotes: list[Quote]) -> Draft | None:
    """One attribution around a candidate cue verb, or None when it introduces nothing."""
    if cue.pos_ != "VERB" or not lex.is_cue(cue.lemma_) or cue.dep_ in ("amod", "compound"):
        return None  # "1,217 pledged delegates", "reported cases": a participle used as an adjective
    if cue.lemma_ in lex.relay and any(c.dep_ == "prt" for c in cue.children):
        return None  # "carry out a maneuver", "air out": a phrasal verb, not a medium passing words on
    if is_as_saying(cue) or citing_a_source(cue, lex) or quoted_by_aside(cue):
        return (
            None  # "quoted X as saying", "…, citing officials", "X, quoted by Y, said": parts of another cue
        )
    quoting = quoted_as_saying(cue, lex, quotes)
    if quoting is not None:
        return finish(cue, quoting, lex, quotes)
    has_clause = bool(complements(cue))
    draft = (None if has_clause else postposed(cue)) or dependency_draft(cue, lex, quotes)
    if draft is None:
        return None
    cite_through(cue, draft, lex)
    return finish(cue, draft, lex, quotes)


def finish(cue: Token, draft: Draft, lex: CueLexicon, quotes: list[Quote]) -> Draft:
    """Content snapped to quotes and balanced; medium, addressee, relays, dates and cue extent filled in."""
    draft.content = snap_to_quotes(trim(text_of(cue.doc), *draft.content) or draft.content, quotes, cue.idx)
    draft.content = balanced(text_of(cue.doc), before_conjoined_cue(cue, draft.content, lex))
    draft.medium, addressee, relays = medium_and_relays(cue, lex)
    draft.addressee = draft.addressee or addressee
    sourced = according_to(cue.sent)
    draft.content = before_closing_according(cue, draft.content, sourced, lex)
    written = [x for r in sourced if not draft.contains(r.cue_span[0]) for x in (r, *r.then)]
    asides = aside_relays(draft)
    if asides:
        draft.speaker_full = None
    draft.relays = relays + draft.relays + asides + written
    draft.date_tokens = date_tokens(cue, draft.content)
    quoting = any(r.cue_span == cue_span(cue) for r in draft.relays)
    draft.relay_only = not quoting and (cue.lemma_ in lex.relay or is_media(cue, draft.speaker, lex))
    phrase = cue_phrase(cue)
    if phrase != (cue.idx, cue.idx + len(cue)):
        draft.cue_extent = phrase
    return draft


def before_closing_according(cue: Token, content: Offsets, sourced: list[Relay], lex: CueLexicon) -> Offsets:
    """ "Putin said in a letter that the bonds remain solid, according to KCNA.": an "according to X" set
    off by a comma at the end of reported speech, X an outlet or a named party that can pass words on,
    sources the report, not the words reported; the content ends before it (and X becomes a relay). With
    X data ("…, according to official figures") it sources the claim and stays in the content."""
    text = text_of(cue.doc)
    for relay in sourced:
        start = relay.cue_span[0]
        if not (cue.idx < content[0] < start < content[1]) or text[:start].rstrip()[-1:] != ",":
            continue
        if text[relay.source[1] : content[1]].strip(" .;:!?\"'”’)\n"):
            continue  # more of the sentence follows the source: an aside inside what was said
        if not can_relay(cue.doc, relay.source, lex):
            continue
        return trim(text, content[0], text[:start].rstrip().rfind(",")) or content
    return content


def can_relay(doc: Doc, source: Offsets, lex: CueLexicon) -> bool:
    """A source that can pass words on: an outlet, or a named person, organisation or country, named by
    the phrase's head ("Census Bureau figures" are data, "state news agency KCNA" is KCNA)."""
    if source[0] >= source[1]:
        return False
    phrase = doc.char_span(*source, alignment_mode="expand")
    if phrase is None or not len(phrase):
        return False
    return is_named(phrase.root) or is_outlet(doc, source, lex)


def is_named(token: Token) -> bool:
    """A proper name, or a word the NER takes for a person, organisation, group or country."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


QUOTE_PAIRS = {"‘": "’", "“": "”"}
STRAIGHT_OPEN_RE = re.compile(r"(?:^|(?<=\s))['\"](?=\w)")  # "'absolutely", not the "'" of "isn't"
STRAIGHT_CLOSE_RE = re.compile(r"(?<=[\w.,!?])['\"](?=\s|$|[.,;:!?])")


def balanced(text: str, content: Offsets) -> Offsets:
    """Content that opens a quote the parse left unclosed takes in the closing mark right after it
    ("Trump 'absolutely right" + "'")."""
    start, end = content
    piece, after = text[start:end], text[end : end + 1]
    for opener, closer in QUOTE_PAIRS.items():
        if piece.count(opener) > piece.count(closer) and after == closer:
            return start, end + 1
    opened = len(STRAIGHT_OPEN_RE.findall(piece)) > len(STRAIGHT_CLOSE_RE.findall(piece))
    return (start, end + 1) if opened and after in ("'", '"') else content


def before_conjoined_cue(cue: Token, content: Offsets, lex: CueLexicon) -> Offsets:
    """ "Reinholt said the demands would cost 40 million and warned that fares could rise": the parse hangs
    "warned" off "cost", but its tense matches "said", so it is a second cue of the same speaker and the
    first content stops before it."""
    for token in cue.doc[cue.i + 1 : cue.sent.end]:
        if not content[0] <= token.idx < content[1] or token.dep_ != "conj" or not lex.is_cue(token.lemma_):
            continue
        if token.tag_ != cue.tag_ or token.head.tag_ == token.tag_ or token.head.head != cue:
            continue  # only a verb joined to the root of the cue's own clause
        if any(c.dep_ in SUBJECT_DEPS for c in token.children):
            continue
        cc = next((c for c in token.head.children if c.dep_ == "cc" and c.i < token.i), None)
        cut = trim(text_of(cue.doc), content[0], (cc or token).idx)
        return cut or content
    return content


def cue_phrase(cue: Token) -> Offsets:
    """The cue verb with its auxiliaries, negation and particle: "has learned", "did not deny", "set out"."""
    helpers = {c.i for c in cue.children if c.dep_ in ("aux", "auxpass", "neg", "advmod") and c.i < cue.i}
    start = cue.i
    while start - 1 in helpers:
        start -= 1
    while start < cue.i and cue.doc[start].dep_ == "advmod":
        start += 1
    end = cue.i + 1
    if end < len(cue.doc) and cue.doc[end].dep_ == "prt" and cue.doc[end].head == cue:
        end += 1
    return cue.doc[start].idx, cue.doc[end - 1].idx + len(cue.doc[end - 1])


def is_media(cue: Token, speaker: Offsets | None, lex: CueLexicon) -> bool:
    """A speaker whose head noun is a medium ("state media", "the agency") passes on others' words."""
    if speaker is None:
        return False
    span = cue.doc.char_span(speaker[0], speaker[1], alignment_mode="expand")
    return bool(span) and span[-1].lemma_.lower() in lex.media_nouns
