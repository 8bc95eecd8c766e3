"""The chain of relays: found around a cue ("according to X", "revealed by Z"), folded from outer relay
verbs ("…, KCNA reported"), and turned into chain links. Media and dates around a cue live here too."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from according import gazetteer
from according.context import Context
from according.extract.attribution.cues import CueLexicon
from according.extract.attribution.drafts import (
    Draft,
    Offsets,
    Relay,
    cue_span,
    noun_phrase,
    overlap_ratio,
    reach,
    subtree_span,
    trim,
)
from according.extract.attribution.markup import holds_markup, outside_tags
from according.extract.attribution.quotes import Quote
from according.extract.attribution.speakers import clean_name, resolve_speaker
from according.nlp import text_of
from according.records import Attribution, ChainLink, EntityRef, Span
from according.windows import Nearby


def according_to(sent: SpacySpan) -> list[Relay]:
    """Every "according to X" in a sentence, as relays with X's noun phrase ("… via Y": a relay beyond)."""
    relays = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            to = token.nbor()
            objects = [c for c in to.children if c.dep_ == "pobj"]
            then = []
            if objects:
                skip = ("relcl", "acl", "punct") + (("appos",) if subject_taken(sent) else ())
                span = subtree_span(objects[0], skip=skip)
                near = [*token.children, *to.children, *objects[0].subtree]
                via = next((t for t in near if t.lower_ == "via" and t.dep_ == "prep"), None)
                if via is not None and (beyond := via_relay(via)) is not None:
                    cut = trim(text_of(sent.doc), span[0], min(span[1], via.idx)) or span
                    span, then = cut, [beyond]
            else:
                end = next((t.i for t in sent if t.i > to.i and t.text in ",.;"), sent.end)
                span = (to.idx + 3, cue_end(sent.doc[to.i + 1 : end]))
            cue = (token.idx, to.idx + len(to))
            relays.append(Relay(source=span, cue="according to", cue_span=cue, then=then))
    return relays


def subject_taken(sent: SpacySpan) -> bool:
    """ "According to the Observer, 3,000 jobs could be lost": the main verb has no subject because the
    parse took it as an apposition of the source."""
    return sent.root.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in sent.root.children
    )


def via_relay(via: Token) -> Relay | None:
    """ "via news agency Interfax": the relay the words came through."""
    objects = [c for c in via.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = subtree_span(objects[0], skip=("relcl", "acl", "punct"))
    return Relay(source, "via", (via.idx, via.idx + len(via)))


PERSON_MEDIA = frozenset(("reporter", "correspondent", "press", "journalist"))
OUTLET_ROLE_WORDS = ("news agency", "broadcaster", "newspaper", "outlet", "media")


def is_outlet(doc: Doc, span: Offsets | None, lex: CueLexicon) -> bool:
    """A phrase naming a news outlet: a media head word ("Bisnis Indonesia newspaper", "Sky News", "Tehran
    Radio"), or a name the outlet registry knows ("the BBC", "AFP"); never reporters or the press."""
    if span is None or span[0] >= span[1]:
        return False
    tokens = doc.char_span(*span, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return False
    head = tokens.root
    if head.lower_ == "service" and any(c.lower_ == "news" for c in head.children):
        return True  # "the Kyodo news service"
    words = [t.lower_ for t in tokens if t.pos_ == "PROPN"] if head.pos_ == "PROPN" else [head.lower_]
    if head.pos_ == "PROPN":  # a name classified by a media noun: "newspaper Star of Mysore"
        words += [c.lower_ for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    if any(w in lex.media_nouns and w not in PERSON_MEDIA for w in (*words, head.lemma_.lower())):
        return True
    if not any(t.pos_ == "PROPN" for t in tokens):
        return False
    name = " ".join(t.text for t in tokens if t.dep_ != "det")
    owners = [t.text for t in tokens if t.dep_ in ("poss", "compound") and t.pos_ == "PROPN"]
    return any(registered_outlet(n) for n in (name, *owners))  # "BBC One's Breakfast With Frost programme"


def registered_outlet(name: str) -> bool:
    """The outlet registry, or a registry entity whose role is a news outlet, knows this name."""
    entry = gazetteer.outlet_by_name(name) or gazetteer.lookup(name)
    return entry is not None and (
        entry.source == "outlet" or any(w in role for role in entry.roles for w in OUTLET_ROLE_WORDS)
    )


def outlet_relays(cue: Token, addressee: Offsets | None, lex: CueLexicon) -> list[Relay]:
    """ "told Tehran Radio", "said to the BBC", "speaking on al-Masirah TV", "in an interview with Reuters",
    "told a news conference broadcast by X": the outlet the words were given to passes them on."""
    doc = cue.doc
    relays = []
    if addressee is not None and is_outlet(doc, addressee, lex):
        relays.append(Relay(addressee, cue.lower_, cue_span(cue)))
    elif addressee is not None and (head := doc.char_span(*addressee, alignment_mode="expand")) is not None:
        relays.extend(agent_relays(head.root))
    for child in cue.children:
        if child.dep_ == "advcl" and child.lemma_ in ("speak", "talk") and child.tag_ == "VBG":
            relays.extend(prep_outlets(child, ("on", "to", "with"), lex, f"{child.lower_} "))
        if child.dep_ == "prep" and child.lower_ == "in":
            for noun in (c for c in child.children if c.dep_ == "pobj" and c.lemma_ == "interview"):
                relays.extend(prep_outlets(noun, ("with", "to"), lex, "in an interview ", named=True))
    return relays


def prep_outlets(
    head: Token, preps: tuple[str, ...], lex: CueLexicon, label: str, named: bool = False
) -> list[Relay]:
    """Outlets that are objects of ``preps`` under ``head`` ("speaking on [al-Masirah TV]"); with
    ``named``, any organisation's name too: an organisation one gives an interview to publishes it
    ("in an interview with Rolling Stone")."""
    found = []
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            span = before_comma(text_of(head.doc), noun_phrase(obj))
            if is_outlet(head.doc, span, lex) or (named and publisher_name(head.doc, span, obj)):
                found.append(Relay(span, f"{label}{prep.lower_}", (head.idx, prep.idx + len(prep))))
    return found


def publisher_name(doc: Doc, span: Offsets, obj: Token) -> bool:
    """An organisation's name the registry does not know as something else: one that gives interviews a
    reader can read ("Rolling Stone"), not an investigator such as the FBI."""
    if obj.pos_ != "PROPN" or obj.ent_type_ != "ORG":
        return False
    entry = gazetteer.lookup(text_of(doc)[span[0] : span[1]])
    return entry is None or registered_outlet(entry.name)


def before_comma(text: str, span: Offsets) -> Offsets:
    """An outlet's name ends at a comma: what follows is an apposition ("Anadolu Agency, a local news
    outlet") or, in a misparse, the next clause's subject ("newspaper Star of Mysore, B Shiva Parvathi")."""
    comma = text.find(",", span[0], span[1])
    return (trim(text, span[0], comma) or span) if comma > span[0] else span


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
        if child.dep_ == "prep" and child.lower_ == "to" and cue.lemma_ in lex.speech:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            plain = cue.lemma_ in ("say", "write", "speak")
            if objects and (plain or is_outlet(cue.doc, noun_phrase(objects[0]), lex)):
                addressee = addressee or subtree_span(objects[0], skip=("relcl", "punct"))
    outlets = outlet_relays(cue, addressee, lex)
    if outlets and medium is None and outlets[0].cue != "broadcast by":
        medium = "broadcast" if outlets[0].cue.startswith("speaking on") else "interview"
    return medium, addressee, outlets + relays


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
        phrase_end = max(t.idx + len(t) for t in noun.subtree)
        if any(s < prep.idx and phrase_end + 1 < e for s, e in [draft.content, *draft.more]):
            continue  # "has reportedly looked at Twitter and passed": inside what was said, not how
        draft.medium = draft.medium or lex.medium_nouns[noun.lemma_.lower()]
        draft.addressee = draft.addressee or recipient_of(noun)
        if draft.content[0] < prep.idx < draft.content[1] <= phrase_end + 1:
            cut = trim(text_of(draft.cue.doc), draft.content[0], prep.idx)
            draft.content = cut or draft.content
        return


def date_tokens(cue: Token, content: Offsets) -> list[Token]:
    """DATE tokens hanging on the cue (or right after it), outside its content ("reported Friday")."""
    tokens = []
    for token in cue.sent:
        if token.ent_type_ == "DATE" and not (content[0] <= token.idx < content[1]):
            anchor = token
            while anchor.head != anchor and anchor.head != cue and anchor.dep_ not in ("ccomp", "relcl"):
                anchor = anchor.head
            if anchor.head == cue or 0 < token.i - cue.i <= 3:
                tokens.append(token)
    return tokens


def fold_relays(drafts: list[Draft]) -> list[Draft]:
    """An outer relay ("…, KCNA reported") whose content holds other attributions becomes their chain;
    so does a relay sharing its content with a speech cue ("said in a letter revealed by X"). Attributions
    with no speaker of their own ("X was found dead, police reported") leave the relay its own record."""
    kept = []
    nearby = Nearby(drafts, reach)
    for outer in drafts:
        inner = [
            d
            for d in nearby.touching(*outer.content)
            if d is not outer
            and d.cue is not None
            and d.speaker is not None  # "X was found dead, police reported": police are the speaker
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


def with_monitors(doc: Doc, relays: list[Relay]) -> list[Relay]:
    """ "Tehran Radio, monitored by the BBC, quoted …": a relay that was itself monitored or relayed by
    another is followed by that one, further from the speaker."""
    found = []
    for relay in relays:
        found.append(relay)
        phrase = doc.char_span(*relay.source, alignment_mode="expand")
        if phrase is not None and len(phrase):
            found.extend(r for r in agent_relays(phrase.root) if r not in relays and r not in found)
    return found


def chain_of(ctx: Context, relays: list[Relay]) -> list[ChainLink]:
    """Relays as chain links, nearest the speaker first; state media flagged from the entity."""
    links = []
    by_id = {e.id: e for e in ctx.record.entities}
    for relay in with_monitors(ctx.doc, relays):
        if relay.source[0] >= relay.source[1]:
            continue  # an empty or inverted phrase names no relay
        ref = resolve_speaker(ctx, relay.source, [])
        if ref.mention:
            ref = ref.model_copy(update={"mention": stripped(ref.mention, ctx.article.text)})
        entity = by_id.get(ref.entity_id or "")
        cue = ctx.span(*relay.cue_span) if relay.cue_span else None
        links.append(
            ChainLink(
                source=ref, cue=relay.cue, cue_span=cue, state_media=bool(entity and entity.state_media)
            )
        )
    return links


def stripped(span: Span, text: str) -> Span:
    """``span`` without whitespace at its edges, nor HTML tags at or across them (plain text holding
    markup: ``<p>Officials said the plan failed.</p>``); kept as it is when it holds nothing else."""
    start, end = span.start, span.end
    if holds_markup(text[start:end]):
        start, end = outside_tags(text, start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, text=text[start:end]) if end > start else span


COMMON_OUTLET_RE = re.compile(
    r"^(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(newspaper|paper|daily|weekly|magazine|publication|agency|"
    r"radio|network|broadcaster|station|channel|television|tv)$",
    re.IGNORECASE,
)
PRINT_WORDS = ("newspaper", "paper", "daily", "weekly", "magazine", "times", "post", "journal", "herald")
PRINT_NAMES = ("observer", "telegraph", "guardian", "tribune", "gazette", "australian")
BROADCAST_WORDS = ("radio", "network", "broadcaster", "station", "channel", "television", "tv")
KIND_WORDS = {
    **dict.fromkeys(PRINT_WORDS + PRINT_NAMES, "print"),
    **dict.fromkeys(("agency", "wire"), "agency"),
    **dict.fromkeys(BROADCAST_WORDS, "broadcast"),
}
ROLE_KINDS = {"news agency": "agency", "broadcaster": "broadcast", "newspaper": "print"}


def common_outlet_kind(ref: EntityRef) -> str | None:
    """ "the paper" -> print, "the agency" -> agency, "the industry publication" -> "" (any kind); None
    when the mention is no outlet named by a common noun."""
    text = " ".join((ref.mention.text if ref.mention else ref.name).split())
    match = COMMON_OUTLET_RE.match(text)
    if match is None or any(w[:1].isupper() for w in text.split()[1:]):
        return None
    return KIND_WORDS.get(match.group(1).lower(), "")


def outlet_kind(ref: EntityRef) -> str:
    """What sort of outlet a named one is, from its words or its registry roles ("" when unknown)."""
    text = f"{ref.name} {ref.mention.text if ref.mention else ''}".lower()
    for word in re.findall(r"[a-z]+", text):
        if word in KIND_WORDS:
            return KIND_WORDS[word]
    entry = gazetteer.outlet_by_name(ref.name) or gazetteer.lookup(ref.name)
    roles = " ".join(entry.roles) if entry else ""
    return next((kind for role, kind in ROLE_KINDS.items() if role in roles), "")


def is_named_outlet(ref: EntityRef, lex: CueLexicon) -> bool:
    """A reference to a named outlet: a capitalised name with a media word ("Arab News", "Tehran Times",
    "Interfax news agency") or one the outlet registry knows ("Reuters", "BBC")."""
    words = " ".join(f"{ref.name} {ref.mention.text if ref.mention else ''}".split()).split()
    if not any(w[:1].isupper() for w in words if w.lower() not in ("the", "a", "an")):
        return False
    media = {re.sub(r"['’]s$", "", w.lower()) for w in words} & (lex.media_nouns - PERSON_MEDIA)
    return bool(media) or registered_outlet(ref.name)


def outlet_name(name: str, lex: CueLexicon) -> str:
    """An outlet's proper name without the words that say what it is: "AFP news agency" -> AFP, "news
    agency Interfax" -> Interfax, "The Australian newspaper" -> The Australian; "Tehran Radio" stays."""
    words = name.split()
    generic = lex.media_nouns | {"state", "state-run", "state-owned", "official", "semi-official", "service"}
    while len(words) > 1 and words[-1] in generic:
        words.pop()
    while len(words) > 1 and (words[0] in generic or (words[0].islower() and words[0].isalpha())):
        words.pop(0)
    return " ".join(words)


REPORT_LEMMAS = frozenset(("report", "quote", "cite", "publish", "carry", "broadcast", "according to"))


def is_reporting_name(ref: EntityRef) -> bool:
    """A capitalised name of an organisation that reports or quotes ("The Observer reported …")."""
    words = ref.name.split()
    return (
        bool(words) and all(w[:1].isupper() for w in words) and (ref.entity_id or "org:").startswith("org:")
    )


def registered(ref: EntityRef, lex: CueLexicon, known: set[str]) -> EntityRef:
    """A named outlet by its proper name, and by the registry's entity when the registry knows it
    ("the official KCNA news agency" -> KCNA, org:kcna)."""
    said = ref.name if ref.entity_id or ref.mention is None else ref.mention.text
    name = outlet_name(clean_name(said), lex)
    entry = gazetteer.outlet_by_name(name) or gazetteer.outlet_by_name(ref.name)
    if entry is not None and (entry.id in known or ref.entity_id is None):
        return ref.model_copy(update={"entity_id": entry.id, "name": entry.name})
    return ref.model_copy(update={"name": entry.name if entry is not None else name})


def fuller_name(ref: EntityRef, outlets: list[EntityRef]) -> EntityRef:
    """An outlet named in short after its full name ("the FT report" after "the Financial Times
    Deutschland reported") is the outlet the article named in full."""
    words = ref.name.lower().split()
    for outlet in reversed(outlets):
        longer = outlet.name.lower().split()
        if len(longer) > len(words) and longer[: len(words)] == words:
            return EntityRef(entity_id=outlet.entity_id, name=outlet.name, mention=ref.mention)
    return ref


def is_state_media(ref: EntityRef) -> bool:
    """The registry marks this outlet as state media."""
    entry = (gazetteer.by_id(ref.entity_id) if ref.entity_id else None) or gazetteer.outlet_by_name(ref.name)
    return bool(entry and entry.state_media)


def outlet_named_before(kind: str, outlets: list[EntityRef], word: str = "") -> EntityRef | None:
    """The latest outlet the article named with the same word ("the radio" -> Tehran Radio), else of that
    kind, else of an unknown kind."""
    same = [
        o
        for o in outlets
        if word and word in f"{o.name} {o.mention.text if o.mention else ''}".lower().split()
    ]
    if same:
        return same[-1]
    for wanted in (kind, ""):
        found = next((o for o in reversed(outlets) if not kind or outlet_kind(o) == wanted), None)
        if found is not None:
            return found
    return None


def name_outlets(attributions: list[Attribution], lex: CueLexicon, known: set[str]) -> None:
    """ "the newspaper", "the paper", "the agency", "the radio" as speaker, addressee or chain link: the
    outlet the article named before, with its entity (so never a speaker's name of its own); ``known``
    holds the ids of the article's entities, which named outlets are pointed to."""
    outlets: list[EntityRef] = []

    def named(ref: EntityRef | None, reports: bool = False) -> EntityRef | None:
        if ref is None:
            return None
        kind = common_outlet_kind(ref)
        if kind is not None:
            found = outlet_named_before(
                kind, outlets, ref.mention.text.split()[-1].lower() if ref.mention else ""
            )
            return (
                ref
                if found is None
                else EntityRef(entity_id=found.entity_id, name=found.name, mention=ref.mention)
            )
        if is_named_outlet(ref, lex) or (reports and is_reporting_name(ref)):
            ref = fuller_name(registered(ref, lex, known), outlets)
            outlets.append(ref)
        return ref

    for attr in attributions:
        places = [("speaker", attr.speaker), ("addressee", attr.addressee)]
        places += [(i, link.source) for i, link in enumerate(attr.chain)]
        places.sort(key=lambda p: p[1].mention.start if p[1] is not None and p[1].mention else 0)
        reports = attr.cue_lemma in REPORT_LEMMAS
        for place, ref in places:
            new = named(ref, reports and place == "speaker")
            if new is ref:
                continue
            if isinstance(place, int):
                state = attr.chain[place].state_media or is_state_media(new)
                attr.chain[place] = attr.chain[place].model_copy(update={"source": new, "state_media": state})
            else:
                setattr(attr, place, new)


CARRIED_CUES = frozenset(
    ("told", "tell", "tells", "telling", "quoted", "quote", "quotes", "quoting", "quoted by")
    + ("cited", "cite", "cites", "citing")
)


def carries_over(link: ChainLink) -> bool:
    """A relay that names an occasion the outlet had with the speaker (an interview, a quotation, a
    broadcast), so the speaker's next words in the article came the same way; "according to" and
    "reported" vouch for one statement only."""
    return link.cue in CARRIED_CUES or link.cue.startswith(("speaking", "talking", "in an interview"))


def speaker_key(ref: EntityRef | None) -> str | None:
    """Who a speaker is, across mentions: the entity, else the last word of the name ("Mr Siregar")."""
    if ref is None:
        return None
    return ref.entity_id or (ref.name.lower().split() or [""])[-1]


def own_outlet_keys(outlet: str | None) -> set[str]:
    """Ways a chain link may name the article's own outlet: its name without "the", and its registry id."""
    if not outlet:
        return set()
    keys = {gazetteer.normalize(outlet)}
    entry = gazetteer.outlet_by_name(outlet) or gazetteer.lookup(outlet)
    return keys | ({entry.id} if entry is not None else set())


def names_any(ref: EntityRef, keys: set[str]) -> bool:
    """Whether a speaker or source is one of ``keys`` (a normalised name or an entity id)."""
    return gazetteer.normalize(ref.name) in keys or (ref.entity_id is not None and ref.entity_id in keys)


FIRST_PERSON = frozenset(("i", "we", "me", "us"))


def drop_needless_links(attributions: list[Attribution], outlet: str | None) -> None:
    """No link names the article's own outlet ("Boccaletti told Wikinews" in Wikinews: the words reached
    the article directly), the speaker itself ("The Review-Journal reported …, saying …"), or the first
    person ("trying to, I quote, boss people around": whoever is speaking, not a relay)."""
    own = own_outlet_keys(outlet)
    for attr in attributions:
        if not attr.chain:
            continue
        needless = own | speaker_keys(attr.speaker)
        attr.chain = [
            link
            for link in attr.chain
            if not names_any(link.source, needless)
            and link.source.name.lower() not in FIRST_PERSON  # "…, I quote, …": the one speaking
        ]


def speaker_keys(speaker: EntityRef | None) -> set[str]:
    """Ways a chain link may name the speaker itself: as own_outlet_keys, and the speaker's entity id."""
    if speaker is None:
        return set()
    return own_outlet_keys(speaker.name) | ({speaker.entity_id} if speaker.entity_id else set())


def carry_relays(attributions: list[Attribution]) -> None:
    """A speaker quoted through an outlet ("Tehran Radio quoted Mousavi as saying …") keeps that chain on
    his later attributions ("Mousavi added …"), marked inferred, until another relay or the outlet's own
    report comes between; a further report by the same outlet ("The radio said Mousavi told a rally …")
    is no other relay."""
    carried: dict[str, list[ChainLink]] = {}
    for attr in attributions:
        key = speaker_key(attr.speaker)
        outlet_keys = {speaker_key(link.source) for links in carried.values() for link in links}
        if key in outlet_keys:
            carried = {}  # the outlet's own reporting
        if attr.chain and not all(link.inferred for link in attr.chain):
            outlet = speaker_key(attr.chain[0].source)
            carried = {k: v for k, v in carried.items() if k == key or speaker_key(v[0].source) == outlet}
            if key and carries_over(attr.chain[0]):
                carried[key] = attr.chain
            elif key not in carried or speaker_key(carried[key][0].source) != outlet:
                carried.pop(key or "", None)
        elif key in carried and not attr.chain and attr.addressee is None:  # "told X": not the relay's
            attr.chain = [link.model_copy(update={"inferred": True}) for link in carried[key]]
