"""PLOVER events: type, mode, actors, recipients, date and evidence, from verb and noun patterns.

Triggers come from ``data/plover_verbs.json`` (verb lemmas, nominal triggers under light verbs such as
"held talks", complement-taking governors such as "threatened to", "refused to", "demanded that"); each
names a CAMEO code, and ``data/plover_cameo.json`` (the CAMEO2PLOVER crosswalk) gives the PLOVER 2.0 type
and mode. PLOVER's rules for auxiliary modes are applied as the manual asks for a single category:
cooperative actions in the future are AGREE, conflictual material actions in the future are THREATEN,
refusing cooperation is REJECT. Actors and recipients are entity ids (``country:RUS``, or a person or
organisation whose ``country`` gives the code): the entity whose mention overlaps the argument phrase,
else the Phoenix actor dictionaries, else an entry of the small fallback gazetteer
``data/plover_actors.json`` for arguments both left unresolved; sector and role words ("police",
"rebels") are the Phoenix agents file's ``sector:COP``, ``sector:REB``…, with the country where the event
happens. The CAMEO verb dictionary (``extract/cameo.py``) codes verbs by its patterns and, where the hand
list has no entry, nouns made from its verbs; ``ACCORDING_EVENT_LAYERS`` chooses the layers.
"""

from __future__ import annotations

import dataclasses
import json
import os
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from according import gazetteer as gz
from according.context import Context
from according.extract import cameo
from according.records import Entity, Event, Span, TimeExpression
from according.registry import register
from according.settings import get_settings

DATA = Path(__file__).resolve().parent.parent / "data"
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
HEDGE_AUX = {"could", "might", "may", "can", "ca"}
OBLIGATION_AUX = {"must", "should", "ought"}
COMPLEMENT_DEPS = {"xcomp", "ccomp"}
IRREGULAR = {"withdrawn": "withdraw", "forgave": "forgive"}  # past forms the CAMEO dictionary does not list
QUANTITY_HEADS = {
    "score",
    "dozen",
    "hundred",
    "thousand",
    "million",
    "group",
    "number",
    "band",
    "batch",
    "handful",
    "couple",
    "crowd",
    "contingent",
    "ten",
    "some",
}
CARRIER_NOUNS = {
    "effort",
    "process",
    "mission",
    "campaign",
    "initiative",
    "operation",
    "bid",
    "drive",
    "round",
}
MEASURE_NOUNS = {"day", "week", "month", "hour", "series", "round", "wave", "string", "number", "spate"}
GOVERNED_ALONE = {
    "AGREE": "AGREE",
    "VOW": "AGREE",
    "REJECT": "REJECT",
    "REQUEST": "REQUEST",
    "ORDER": "REQUEST",
    "THREATEN": "THREATEN",
}
RECIPIENT_PREPS = (
    "to",
    "against",
    "on",
    "upon",
    "into",
    "at",
    "toward",
    "towards",
    "from",
    "over",
    "with",
    "of",
)
LOCATION_PREPS = {"in", "at", "near", "outside", "inside", "into", "to", "across", "around"}
TOPIC_PREPS = {"about", "regarding", "concerning"}
DANGLING_DEPS = {"cc", "prep", "mark"}
DEFINITE = {"the", "this", "that"}
SKIP_PARTS = {"caption", "credit", "related", "byline"}
PRUNE_DEPS = {"relcl", "parataxis", "advcl", "acl"}
RULE_FLAGS = {"governor", "only_governor", "reciprocal", "theme", "recipient_preps", "group_cameo"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """Trigger words, governors, light verbs and combination tables (data/plover_verbs.json)."""
    return json.loads((DATA / "plover_verbs.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, dict[str, Any]]:
    """CAMEO code -> PLOVER type, mode and context (data/plover_cameo.json, from CAMEO2PLOVER-2021), with
    the codes the PLOVER 2.0 manual types otherwise (its "manual" table) overriding the crosswalk."""
    data = json.loads((DATA / "plover_cameo.json").read_text(encoding="utf-8"))
    manual = {k: v for k, v in data["manual"].items() if not k.startswith("_")}
    return {code: {**row, **manual.get(code, {})} for code, row in data["codes"].items()}


def plover_row(code: str | None) -> dict[str, Any]:
    """The crosswalk row of a CAMEO code, backing off to its parent codes (1723 -> 172 -> 170); CAMEO's
    appeals (02x) are PLOVER requests like its demands (10x), whose sub-codes they mirror."""
    if not code:
        return {}
    table = crosswalk()
    for candidate in (code, code[:3], code[:2] + "0"):
        if candidate in table:
            return table[candidate]
    return plover_row("10" + code[2:]) if code.startswith("02") else {}


@dataclass
class Frame:
    """One event found in the parse, before it becomes an Event record."""

    clause: Token
    trigger: list[Token]
    content: Token
    type: str
    mode: str | None
    cameo: str | None
    entry: dict[str, Any]
    negated: bool = False
    hypothetical: bool = False
    governor: str | None = None
    request_target: Token | None = None
    consumed: set[int] = field(default_factory=set)
    topic: Frame | None = None
    inner_type: str | None = None


def typed(entry: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """Type, mode and CAMEO code of a lexicon entry, the crosswalk filling what the entry leaves out."""
    code = entry.get("cameo")
    row = plover_row(code)
    return entry.get("type") or row.get("type"), entry.get("mode") or row.get("mode"), code


def child_lemmas(tok: Token, deps: set[str] | None = None) -> list[str]:
    """Lower-case lemmas of a token's subtree below the given child relations (all children if None)."""
    out: list[str] = []
    for child in tok.children:
        if deps is None or child.dep_ in deps:
            out.extend(t.lemma_.lower() for t in child.subtree)
    return out


def prep_lemmas(tok: Token) -> list[str]:
    """Lemmas of the heads (and their modifiers) of a verb's prepositional objects ("fire on the crowd")."""
    out: list[str] = []
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            out += [
                obj.lemma_.lower(),
                *(c.lemma_.lower() for c in obj.children if c.dep_ in {"compound", "amod"}),
            ]
    return out


def match_objects(entry: dict[str, Any], lemmas: list[str]) -> dict[str, Any] | None:
    """The first object-specific sub-entry whose words occur among ``lemmas`` (in the entry's order)."""
    present = set(lemmas)
    for words, sub in entry.get("objects", []):
        if present.intersection(words):
            return {**entry, **sub, "objects": []}
    return None


@lru_cache(maxsize=1)
def known_verbs() -> frozenset[str]:
    """Every verb lemma the lexicon knows (triggers, governors, light and reporting verbs)."""
    lex = lexicon()
    words = {w.split()[0] for w in lex["verbs"]} | set(lex["governors"]) | set(lex["light_verbs"])
    words |= {w.split()[0] for w in cameo.verb_dictionary()["verbs"]}
    return frozenset(words | set(lex["reporting"]))


def lemma(tok: Token) -> str:
    """The token's lemma, repaired when the tagger's lemma is unknown but a plain -ed/-s stem is known
    ("staged" is lemmatised "stag" by the small model)."""
    base = tok.lemma_.lower()
    if base in known_verbs() or tok.pos_ not in {"VERB", "AUX"}:
        return base
    low = tok.lower_
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low in cameo.verb_forms():
        return cameo.verb_forms()[low]
    stem = next((c for c in (low[:-1], low[:-2], low[:-3]) if c in known_verbs()), None)
    if stem is None and base.startswith("re") and base[2:] in known_verbs() and len(base) > 5:
        return base[2:]  # "retake", "rearm", "reimpose": the verb again, as the dictionary codes the verb
    return stem or base


def particles(tok: Token) -> list[Token]:
    """A verb's particles, without the "up" of a quantity ("kidnapped up to 16 advisers")."""
    return [c for c in tok.children if c.dep_ == "prt" and up_to_object(c) is None]


def up_to_object(prt: Token) -> Token | None:
    """The noun counted by "up to N" that the parser hung under a particle "up"."""
    if prt.lower_ != "up":
        return None
    to = next((c for c in prt.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    return obj if obj is not None and any(c.dep_ == "nummod" for c in obj.children) else None


def particle_key(tok: Token) -> str:
    """``hand over`` for a verb with a particle child, else the lemma."""
    prt = [c.text.lower() for c in particles(tok)]
    return f"{lemma(tok)} {prt[0]}" if prt else lemma(tok)


def verb_entry(tok: Token) -> dict[str, Any] | None:
    """The entry of a verb trigger, by layer: a CAMEO dictionary pattern that fits the verb's arguments,
    else the hand-written list's entry, else the dictionary's default code for the verb."""
    if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.tag_.startswith("VB")):
        return None
    layers = event_layers()
    listed = list_entry(tok) if "lists" in layers else None
    if listed is None and speech_act(tok):
        return None  # what the dictionary would say of it is dropped below: no need to ask it
    coded = cameo.code_verb(tok, lemma(tok)) if "dictionary" in layers else None
    lends = lends_to_noun(tok) and not (coded is not None and coded.nouns and not listed_object(tok))
    if coded is None or lends or (listed is not None and more_specific(listed, coded, tok)):
        return listed
    if speech_act(tok):
        return None
    flags = lexicon()["verbs"].get(particle_key(tok)) or lexicon()["verbs"].get(lemma(tok)) or {}
    kept = {k: v for k, v in flags.items() if k in RULE_FLAGS}
    layer = "dictionary pattern" if coded.nouns else "dictionary default"
    code = "0874" if coded.code == "080" and armed_subject(tok) else coded.code
    return {**kept, "cameo": code, "layer": layer, "needs_pair": not coded.nouns}


def speech_act(tok: Token) -> bool:
    """A reporting verb or "according to": speech acts are attributions, not events."""
    return lemma(tok) in lexicon()["reporting"] or (tok.lower_ == "according" and has_child(tok, "to"))


ARMED_AGENTS = {"MIL", "REB", "UAF", "INS", "SEP"}


def armed_subject(tok: Token) -> bool:
    """The verb's subject is an armed force (a Phoenix agent word: troops, rebels, militia…): CAMEO codes
    its yielding (080) as retreating or surrendering militarily (0874)."""
    subj = subject_token(tok)
    if subj is None:
        return False
    sector = sector_actor(subj)
    return sector is not None and sector.id.split(":", 1)[1] in ARMED_AGENTS


def has_child(tok: Token, word: str) -> bool:
    """The token has a child with this lower-case form."""
    return any(c.lower_ == word for c in tok.children)


def lends_to_noun(tok: Token) -> bool:
    """A light verb whose object is an event noun ("held talks") or a report ("issued a declaration
    demanding…"): the noun, or what the report says, makes the event."""
    if lemma(tok) not in lexicon()["light_verbs"]:
        return False
    objects = [c for c in tok.children if c.dep_ in {"dobj", "attr"}]
    reports = set(lexicon()["reporting_nouns"])
    return any(noun_entry(c) is not None or c.lemma_.lower() in reports for c in objects)


def listed_object(tok: Token) -> bool:
    """The verb's object is a nominal trigger of the hand list ("held talks"): the list's noun entry, with
    its flags (reciprocal…), makes the event rather than a dictionary pattern of the light verb, which
    otherwise ("lodged a protest": ``LODGE * PROTEST [114]``) says more than the bare noun."""
    if "lists" not in event_layers():
        return False
    return any(list_noun_entry(c) is not None for c in tok.children if c.dep_ in {"dobj", "attr"})


def more_specific(listed: dict[str, Any], coded: cameo.Coded, tok: Token) -> bool:
    """The list entry says more than the dictionary: it fits the verb's object, or it names the phrasal
    verb ("force out") where the dictionary knows the bare verb, or the dictionary's pattern names no
    noun (its default, or a bare preposition)."""
    phrasal = particle_key(tok)
    if phrasal != lemma(tok) and phrasal in lexicon()["verbs"] and coded.key != phrasal:
        return True
    return bool(listed.get("matched")) or not coded.nouns


def event_layers() -> tuple[str, ...]:
    """Which trigger layers run (``ACCORDING_EVENT_LAYERS``): the CAMEO dictionary, the hand lists."""
    return layers_for(os.environ.get("ACCORDING_EVENT_LAYERS"))


@lru_cache(maxsize=8)
def layers_for(raw: str | None) -> tuple[str, ...]:
    """The settings' layers, read once per value of the environment variable."""
    return get_settings().event_layers


def list_entry(tok: Token) -> dict[str, Any] | None:
    """The hand-written list's entry of a verb, resolved against its object when the entry depends on it."""
    verbs = lexicon()["verbs"]
    entry = verbs.get(particle_key(tok)) or verbs.get(lemma(tok))
    if entry is None:
        return None
    preps = {c.lemma_.lower() for c in tok.children if c.dep_ in {"prep", "dative", "agent"}}
    if entry.get("only_prep") and not preps.intersection(entry["only_prep"].split()):
        return None
    if entry.get("intransitive") and any(
        c.dep_ in {"dobj", "nsubjpass", "auxpass", "ccomp"} for c in tok.children
    ):
        return None
    objects = child_lemmas(tok, {"dobj", "nsubjpass", "attr", "dative", "prt", "oprd"}) + prep_lemmas(tok)
    if tok.dep_ in {"acl", "relcl"}:
        objects.append(tok.head.lemma_.lower())
    sub = match_objects(entry, objects)
    if sub is not None:
        return None if sub.get("skip") else {**sub, "matched": True}
    return None if entry.get("only_objects") else entry


def noun_entry(tok: Token) -> dict[str, Any] | None:
    """The entry of a nominal trigger: the hand list's ("phone call", "hunger strike", "talks"), else the
    CAMEO dictionary's code of the verb the noun is made from ("investigation", "riots", "withdrawal")."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    layers = event_layers()
    listed = list_noun_entry(tok) if "lists" in layers else None
    return listed if listed is not None or "dictionary" not in layers else dictionary_noun(tok)


NOMINAL_SUFFIXES = (
    ("ization", "ize"),
    ("isation", "ise"),
    ("ation", "ate"),
    ("ation", ""),
    ("sion", "d"),
    ("ment", ""),
    ("al", ""),
    ("al", "e"),
    ("ing", ""),
    ("ing", "e"),
)


def dictionary_noun(tok: Token) -> dict[str, Any] | None:
    """A noun made from a verb of the CAMEO dictionary ("investigation" from investigate, "withdrawal"
    from withdraw, "shelling" from shell; "riots" from riot) takes the code that verb's patterns give
    with the noun's "of" object as the verb's object ("withdrawal of its troops"), else the verb's own (a
    verb the dictionary codes ``---``, a reporting or light verb makes no event); a modifier and noun that a
    light verb's pattern names ("hunger strike") take that pattern's code. Like every nominal trigger it
    is an event only under a light verb or with its own actor (see ``noun_frame``), and a noun that is the
    bare verb ("forces", "riots") only under a light verb."""
    noun = tok.lemma_.lower()
    phrases = cameo.object_codes(frozenset(lexicon()["light_verbs"]))
    modifiers = [c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod"} and c.i < tok.i]
    for phrase in [*(f"{m} {noun}" for m in modifiers), *(f"{m} {tok.lower_}" for m in modifiers)]:
        if phrase in phrases:  # what a light verb's pattern names is an event under a light verb only
            return {"cameo": phrases[phrase], "layer": "dictionary noun", "light_only": True}
    candidates = [noun]
    for suffix, ending in NOMINAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            stem = noun[: -len(suffix)]
            candidates.append(stem + ending)
            if ending == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "kidnapping" -> kidnap
    entries = cameo.verb_dictionary()["verbs"]
    lex = lexicon()
    for verb in candidates:
        if verb not in entries or verb in lex["reporting"] or verb in lex["light_verbs"]:
            continue
        coded = cameo.code_noun(tok, verb)
        if coded is not None:  # a noun that is the verb itself ("forces") is an event under a light verb only
            return {"cameo": coded.code, "layer": "dictionary noun", "light_only": verb == noun}
        return None
    return None


def list_noun_entry(tok: Token) -> dict[str, Any] | None:
    """The hand list's entry of a nominal trigger, resolved against its modifiers."""
    nouns = lexicon()["nouns"]
    compounds = [c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}]
    lemma = tok.lemma_.lower()
    entry = next((nouns[f"{c} {lemma}"] for c in compounds if f"{c} {lemma}" in nouns), None) or nouns.get(
        lemma
    )
    if entry is None and lemma in CARRIER_NOUNS:
        entry = next((nouns[c] for c in compounds if c in nouns and not nouns[c].get("light_only")), None)
    if entry is None or (entry.get("plural_only") and tok.tag_ not in {"NNS", "NNPS"}):
        return None
    if entry.get("with_prep") and any(c.lemma_ == "with" for c in tok.children):
        entry = {**entry, **entry["with_prep"]}
    return match_objects(entry, compounds) or entry


def governor_class(tok: Token) -> str | None:
    """The governor class of a complement-taking word (threaten, refuse, willing, try…), if any."""
    entry = lexicon()["verbs"].get(lemma(tok), {})
    if tok.pos_ in {"VERB", "AUX"} and entry.get("governor"):
        return str(entry["governor"])
    if tok.text.lower() in lexicon()["governors"] and tok.pos_ in {"ADJ", "VERB"}:
        return str(lexicon()["governors"][tok.text.lower()])
    return lexicon()["governors"].get(lemma(tok)) if tok.pos_ == "VERB" else None


def complement(tok: Token) -> Token | None:
    """The clause a governor governs: its xcomp/ccomp, or the acl/prep clause of its object noun."""
    for child in tok.children:
        if child.dep_ in COMPLEMENT_DEPS and not hyphen_fragment(child):
            return child
    for child in tok.children:  # a to-infinitive the parser hung as an adverbial ("sworn to fight until…")
        if child.dep_ == "advcl" and child.tag_ == "VB" and has_to(child) and governor_class(tok) != "INTENT":
            return child
    for child in tok.children:
        if child.dep_ == "prep" and child.lemma_ in {"on", "for", "upon"}:
            for grand in child.children:
                if grand.dep_ == "pcomp":
                    return grand
        if child.dep_ in {"dobj", "pobj"}:
            for grand in child.children:
                if grand.dep_ in {"acl", "relcl"} and grand.tag_ in {"VB", "VBG"}:
                    return grand
    return None


def hyphen_fragment(tok: Token) -> bool:
    """A piece of a hyphenated verb the tokenizer split ("re", "-" of "re-open"): the verb is the last."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.text == "-" or (nxt is not None and nxt.text == "-" and not tok.whitespace_)


def has_aux(tok: Token, words: set[str]) -> bool:
    """True when the token (or the verb it is the complement of, through aspect verbs) has such an aux."""
    for cur in chain_up(tok):
        if any(c.dep_ in {"aux", "auxpass"} and c.text.lower() in words for c in cur.children):
            return True
    return False


def chain_up(tok: Token) -> list[Token]:
    """The token and the heads it is an xcomp or conj of, through transparent verbs (try, continue)."""
    out = [tok]
    cur = tok
    while cur.dep_ in {"xcomp", "conj"} and cur.head.i != cur.i and len(out) < 5:
        cur = cur.head
        if cur.dep_ == "conj" or governor_class(cur) in {None, "KEEP", "INTENT"}:
            out.append(cur)
        else:
            break
    return out


def is_negated(tok: Token) -> bool:
    """A ``neg`` child ("not", "never") on the token or its aspect chain."""
    return any(c.dep_ == "neg" or c.lower_ == "never" for cur in chain_up(tok) for c in cur.children)


def is_conditional(tok: Token) -> bool:
    """The token sits in an ``if``/``unless`` clause, or carries a hedging modal (could, might, may)."""
    if has_aux(tok, HEDGE_AUX):
        return True
    for cur in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in cur.children):
            return True
        if cur.dep_ not in {"xcomp", "conj", "ccomp", "advcl", "aux"}:
            break
    return False


def is_future(tok: Token) -> bool:
    """Future or intended: will/would/shall, "going to", or an intent governor (plan, hope, want)."""
    if has_aux(tok, FUTURE_AUX):
        return True
    chain = chain_up(tok)
    if any(cur.lower_ == "going" and cur.dep_ != "ROOT" for cur in chain):
        return True
    return any(governor_class(cur) == "INTENT" for cur in chain[1:])


def apply_aux_modes(frame: Frame) -> Frame:
    """PLOVER's single-category rule: future cooperation is AGREE, refusal REJECT, future force THREATEN."""
    tok = frame.clause
    if frame.governor is not None:
        frame.hypothetical = frame.hypothetical or is_conditional(tok)
        return frame
    future, negated = is_future(tok), is_negated(tok)
    if future and frame.type in COOPERATIVE:
        return recode(frame, "REJECT" if negated else "AGREE", negated=False)
    if negated and frame.type == "AGREE":  # not agreeing (or no longer willing to) is a refusal
        return recode(frame, "REJECT", negated=False)
    if future and frame.type in MATERIAL_CONFLICT and not negated:
        return recode(frame, "THREATEN")
    frame.negated = negated
    frame.hypothetical = frame.hypothetical or future or is_conditional(tok)
    return frame


def recode(frame: Frame, new_type: str, negated: bool | None = None) -> Frame:
    """Turn a frame into a governing category (AGREE, REQUEST, REJECT, THREATEN…), keeping its content."""
    table = lexicon()["combine"].get(new_type, {})
    code = table.get(frame.type or "", table.get("*", frame.cameo))
    row = plover_row(code)
    frame.mode = derived_mode(new_type, frame) or row.get("mode")
    frame.inner_type = frame.inner_type or frame.type
    frame.type, frame.cameo = new_type, code
    if negated is not None:
        frame.negated = negated
    return frame


def derived_mode(new_type: str, inner: Frame) -> str | None:
    """Mode of a governing category from what it is about (threat of violence, request to meet…)."""
    if new_type == "THREATEN":
        modes = lexicon()["threat_modes"]
        return modes.get(inner.mode or "", modes.get(inner.type))
    if new_type in {"REQUEST", "REJECT"}:
        modes = lexicon()["request_modes"]
        return modes.get(inner.type, modes["*"]) if inner.type != new_type else inner.mode
    return None


def verb_frame(tok: Token, depth: int = 0) -> Frame | None:
    """The event a verb (or governor adjective) heads, its complement folded in when it governs one."""
    if depth == 0 and (must := must_frame(tok)) is not None:
        return must
    entry = verb_entry(tok)
    gov = governor_class(tok)
    comp = complement(tok) if gov else None
    inner = verb_frame(comp, depth + 1) if comp is not None and depth < 3 else None
    if inner is not None and gov not in {"KEEP", "INTENT"}:
        return govern(tok, gov or "", inner)
    if inner is not None:
        return inner
    if comp is not None and gov in GOVERNED_ALONE:
        return bare_governor(tok, gov, comp)
    if entry is None or entry.get("only_governor"):
        return None
    return own_frame(tok, entry)


def bare_governor(tok: Token, gov: str, comp: Token) -> Frame | None:
    """A governor whose complement is no event ("committed to opening up the economy", "ordered X to
    appear"): an expression of intent (AGREE, REJECT when negated), a request, a refusal, a threat."""
    kind = GOVERNED_ALONE[gov]
    if kind == "AGREE" and is_negated(tok):
        kind = "REJECT"
    code = lexicon()["combine"].get(kind, {}).get("*")
    target = None
    if kind == "REQUEST":
        target = first_child(tok, {"dobj", "dative"}) or subject_token(comp)
    elif kind == "REJECT":
        target = first_child(tok, {"dobj"})
    frame = Frame(tok, [tok], comp, kind, plover_row(code).get("mode"), code, {}, governor=gov)
    frame.request_target = target
    return frame


def own_frame(tok: Token, entry: dict[str, Any], request_target: Token | None = None) -> Frame | None:
    """A frame for a trigger word standing on its own."""
    kind, mode, code = typed(entry)
    if kind is None:
        return None
    trigger = [tok, *particles(tok)]
    return Frame(tok, trigger, tok, kind, mode, code, entry, request_target=request_target)


def govern(tok: Token, gov: str, inner: Frame) -> Frame:
    """Fold a complement's event into its governor (threatened to X, refused to X, agreed to X…)."""
    negated = is_negated(tok)
    target = inner.request_target
    if gov in {"REQUEST", "ORDER"}:
        target = first_child(tok, {"dobj", "dative"}) or subject_token(inner.content)
    elif gov == "REJECT":
        target = first_child(tok, {"dobj"})
    inner.consumed.update(t.i for t in inner.clause.subtree)
    inner.clause, inner.trigger, inner.governor, inner.request_target = tok, [tok], gov, target
    new_type = governed_type(gov, inner.type, negated)
    if new_type and new_type != inner.type:
        recode(inner, new_type, negated=False)
    elif new_type is None:
        inner.negated = inner.negated or negated
    return inner


def governed_type(gov: str, inner_type: str, negated: bool) -> str | None:
    """The category a governor class gives to the event it governs (None: keep the inner one)."""
    if gov in {"AGREE", "VOW"} and negated:
        return "REJECT"
    if gov == "VOW":
        return "THREATEN" if inner_type in MATERIAL_CONFLICT | {"THREATEN"} else "AGREE"
    if gov == "PREPARE":
        return "MOBILIZE" if inner_type == "ASSAULT" else ("AGREE" if inner_type in COOPERATIVE else None)
    if gov == "FAIL":
        return "REJECT" if inner_type in COOPERATIVE | {"AGREE"} else None
    if gov == "ORDER":
        return None if inner_type in MATERIAL_CONFLICT | {"RETREAT"} else "REQUEST"
    return {"AGREE": "AGREE", "THREATEN": "THREATEN", "REJECT": "REJECT", "REQUEST": "REQUEST"}.get(gov)


def must_frame(tok: Token) -> Frame | None:
    """Reported obligation ("Russia said Sudan must return…") is a REQUEST from the speaker to the subject."""
    if not has_aux(tok, OBLIGATION_AUX) or tok.dep_ != "ccomp":
        return None
    if lemma(tok.head) not in lexicon()["reporting"]:
        return None
    entry = verb_entry(tok) or {}
    inner_type = typed(entry)[0] or "REQUEST"
    frame = Frame(tok.head, [tok], tok, inner_type, None, None, entry, request_target=subject_token(tok))
    frame.governor = "REQUEST"
    frame.consumed.update(t.i for t in tok.subtree)
    return recode(frame, "REQUEST")


def first_child(tok: Token, deps: set[str]) -> Token | None:
    """The first child in one of the given relations (a dative's object rather than the preposition)."""
    for child in tok.children:
        if child.dep_ in deps:
            if child.dep_ == "dative" and child.pos_ == "ADP":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            return child
    return None


def subject_token(tok: Token) -> Token | None:
    """The subject of a clause, climbing through xcomp/conj/advcl heads as English control does."""
    cur = tok
    for _ in range(6):
        subj = first_child(cur, {"nsubj", "csubj", "nsubjpass"})
        if subj is not None:
            return subj
        if cur.dep_ in {"acl", "relcl"} and cur.tag_ != "VBN":
            return cur.head
        if cur.dep_ not in {"xcomp", "conj", "advcl", "pcomp", "prep", "acomp"} or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def noun_frame(tok: Token, taken: set[int]) -> Frame | None:
    """A nominal trigger with a light verb ("held talks"), an agent ("a visit by X") or a possessor."""
    if tok.i in taken:
        return None
    entry = noun_entry(tok)
    if entry is None:
        return None
    kind, mode, code = typed(entry)
    light = light_verb(tok)
    if light is None and (entry.get("light_only") or not has_own_actor(tok)):
        return None
    if light is None and entry.get("layer") == "dictionary noun" and only_possessor(tok):
        # the possessor of a noun made from a transitive verb may be its patient ("Korea's liberation",
        # "the city's capture"): without a light verb it names no doer ("a withdrawal by X", "Israeli
        # shelling" do)
        return None
    trigger = [c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1] + [tok]
    frame = Frame(light or tok, trigger, tok, kind or "", mode, code, entry)
    if kind == "REQUEST":
        frame.request_target = request_clause_subject(tok)
    return frame if kind else None


def request_clause_subject(noun: Token) -> Token | None:
    """Who is asked, for a request noun: the subject of its clause ("a demand that Israel ease…"), also when
    the parser hung the that-clause on the verb of which the noun is the object ("reiterated its demand
    today that Israel ease…")."""
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}), None)
    if clause is None and noun.dep_ == "dobj":
        clauses = [c for c in noun.head.children if c.dep_ == "ccomp"]
        clause = next((c for c in clauses if any(m.lower_ == "that" for m in c.children)), None)
    return subject_token(clause) if clause is not None else None


def light_verb(tok: Token) -> Token | None:
    """The verb that makes a nominal trigger an event ("held" in "held talks"), if it is one."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lemma_ == "of" and head.head.lemma_.lower() in MEASURE_NOUNS:
        return light_verb(head.head)
    if tok.dep_ in {"pobj"} and head.dep_ == "prep" and head.lemma_ in {"on", "into", "under"}:
        head = head.head
    elif tok.dep_ not in {"dobj", "attr", "nsubjpass", "conj", "appos", "oprd"}:
        return None
    if tok.dep_ == "conj":
        return light_verb(tok.head) if tok.head.i != tok.i else None
    lights = set(lexicon()["light_verbs"])
    return head if head.pos_ in {"VERB", "AUX"} and lemma(head) in lights else None


def only_possessor(tok: Token) -> bool:
    """The noun's own actor is only a possessor: no "by" phrase, no national adjective."""
    if any(c.dep_ in {"prep", "agent"} and c.lemma_ == "by" for c in tok.children):
        return False
    return not any(c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"} for c in tok.children)


def has_own_actor(tok: Token) -> bool:
    """True when a noun names its doer itself: "a visit by X", "X's visit", "Palestinian riots"."""
    if any(c.dep_ in {"poss"} or (c.dep_ in {"prep", "agent"} and c.lemma_ == "by") for c in tok.children):
        return True
    return any(c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"} for c in tok.children)


FRAME_POS = {"VERB", "AUX", "ADJ", "NOUN"}  # what can head a verb frame (a VB-tagged noun included)


def tokens_with(doc: Any, attr: str, values: set[str]) -> list[Token]:
    """The tokens whose ``attr`` (``"POS"``, ``"DEP"``…) is one of ``values``, found from the Doc's array
    rather than by making every token: the passes over a whole article only look at a few of them."""
    wanted = {doc.vocab.strings.add(v) for v in values}
    return [doc[i] for i, value in enumerate(doc.to_array(attr).tolist()) if value in wanted]


def find_frames(ctx: Context) -> list[Frame]:
    """All event frames of the document: verbs (with governors folded in) first, then nouns."""
    frames: list[Frame] = []
    taken: set[int] = background(ctx.doc)
    for tok in tokens_with(ctx.doc, "POS", FRAME_POS):
        if tok.i in taken or governed(tok):
            continue
        frame = verb_frame(tok)
        if frame is not None:
            frames.append(apply_aux_modes(frame))
            taken.update(frame.consumed | {t.i for t in frame.trigger})
            taken.update(
                t.i for c in frame.content.children if c.dep_ in {"dobj", "nsubjpass"} for t in c.subtree
            )
    for tok in ctx.doc:
        frame = noun_frame(tok, taken)
        if frame is not None:
            frames.append(apply_aux_modes(frame))
            taken.add(tok.i)
    return drop_protest_topics(frames)


def background(doc: Any) -> set[int]:
    """Tokens of clauses that describe a participant or give grounds rather than report an event of their
    own: reduced relatives without an agent ("troops sent to fight in Ukraine") and the grounds of another
    act ("thanked Kim for sending soldiers", "arrested for collaborating with Israel")."""
    out: set[int] = set()
    for tok in tokens_with(doc, "DEP", {"acl", "pcomp"}):
        reduced = (
            tok.dep_ == "acl"
            and tok.tag_ in {"VBN", "VBD"}
            and tok.head.pos_ in {"NOUN", "PROPN"}
            and tok.head.dep_ != "ROOT"
            and not any(c.dep_ in {"nsubj", "nsubjpass", "agent", "mark"} for c in tok.children)
        )
        grounds = tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ == "for"
        if reduced or (grounds and tok.head.head.pos_ in {"VERB", "AUX"}):
            out.update(t.i for t in tok.subtree)
    return out


def drop_protest_topics(frames: list[Frame]) -> list[Frame]:
    """PLOVER: the demand a protest is about is not coded apart ("staged demonstrations to demand…")."""
    protests = {f.clause.i: f for f in frames if f.type == "PROTEST"}
    kept = []
    for f in frames:
        owner = protests.get(f.clause.head.i) if f.clause.dep_ in {"advcl", "xcomp", "conj", "acl"} else None
        if f.type == "REQUEST" and owner is not None:
            owner.topic = f
        else:
            kept.append(f)
    return kept


def governed(tok: Token) -> bool:
    """True when the token is the complement of a governor (the governor makes the event)."""
    head = tok.head
    if head.i == tok.i:
        return False
    if tok.dep_ in COMPLEMENT_DEPS and governor_class(head) not in {None, "KEEP", "INTENT"}:
        return True
    if tok.dep_ in {"acl", "relcl", "pcomp"} and head.head.i != head.i:
        owner = head.head.head if head.dep_ == "prep" else head.head
        return (
            governor_class(owner) not in {None, "KEEP", "INTENT"}
            and getattr(complement(owner), "i", -1) == tok.i
        )
    return False


# --- actors: argument phrases -> entities --------------------------------------------------------------

TIGHT_DEPS = {
    "compound",
    "amod",
    "nmod",
    "poss",
    "det",
    "nummod",
    "quantmod",
    "flat",
    "case",
    "npadvmod",
    "appos",
}
GROUP_HEADS = {"country", "nation", "side", "state", "government", "leader", "power", "neighbor", "neighbour"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}
OTHER_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves", "we", "our", "us"}
NAME_LABELS = {
    "PERSON": "person",
    "ORG": "org",
    "NORP": "group",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
MAX_NGRAM = 5


@dataclass(frozen=True)
class Actor:
    """An argument resolved to an entity id, with the country (or CAMEO sector) code it carries."""

    id: str
    code: str | None
    kind: str
    text: str


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Actor]:
    """Fallback names -> actors (data/plover_actors.json); countries and demonyms give ``country:XXX``."""
    data = lexicon_actors()
    out: dict[str, Actor] = {}
    for name, entry in gz.surfaces():  # countries, demonyms and capitals come from the entity registry
        if entry.id.startswith("country:") and name[:1].isupper():
            if name in out and out[name].id != entry.id:
                # a name several countries share ("French": France, Réunion, Saint Pierre…) is the one the
                # registry itself resolves it to
                best = gz.lookup(name)
                if best is None or best.id != entry.id:
                    continue
            kind = "capital" if entry.source == "capital" else "country"
            out[name] = Actor(entry.id, entry.country, kind, name)
            if entry.kind == "demonym" and not name.endswith(("s", "sh", "ch", "ese")):
                out.setdefault(f"{name}s", Actor(entry.id, entry.country, "country", f"{name}s"))
    for section, kind in (("countries", "country"), ("demonyms", "country"), ("capitals", "capital")):
        for name, code in data[section].items():  # names the registry lacks ("USSR", "Kiev", "Serb")
            out[name] = Actor(f"country:{code}", code, kind, name)
            if section == "demonyms" and not name.endswith(("s", "sh", "ch", "ese")):
                out.setdefault(f"{name}s", Actor(f"country:{code}", code, "country", f"{name}s"))
    for name, code in data["places"].items():
        out[name] = Actor(f"place:{gz.slug(name)}", code, "place", name)
    for name, code in data["groups"].items():
        out.setdefault(name, Actor(f"org:{gz.slug(name)}", code, "org", name))
    return out


@lru_cache(maxsize=1)
def phoenix_gazetteer() -> dict[str, Actor]:
    """Every Phoenix actor by lower-case name (for scoring; extraction looks names up one at a time)."""
    names = cameo.actor_dictionary()["actors"]
    return {name: actor for name in names if (actor := phoenix_actor(name)) is not None}


@lru_cache(maxsize=65536)
def phoenix_actor(name: str) -> Actor | None:
    """A Phoenix actor name (lower case) as an actor: country names, cities and demonyms as
    ``country:XXX``, office holders as people, international bodies and armed groups as organisations,
    each with the country its code begins with (an IGO or NGO keeps its sector: IGO, NGO, MNC…). The code
    is the one without a date; ``dated`` reads an office holder's role on the publication date."""
    entry = cameo.actor_dictionary()["actors"].get(name)
    code = cameo.actor_code(name) if entry is not None else None
    if not code:
        return None
    country = successor(code[:3]) if successor(code[:3]) in country_codes() else None
    title = name.title()
    if code == country or (len(code) == 3 and country):
        return Actor(f"country:{country}", country, "country", title)
    if isinstance(entry, list):
        return Actor(f"person:{gz.slug(name)}", country, "person", title)
    return Actor(f"org:{gz.slug(name)}", country or code[:3], "org", title)


def dated(actor: Actor, published: str | None) -> Actor:
    """An office holder's actor with the country of the role held on the publication date."""
    if actor.kind != "person" or not published:
        return actor
    code = cameo.actor_code(actor.text, published)
    country = successor(code[:3]) if code else None
    return dataclasses.replace(actor, code=country) if country in country_codes() else actor


def successor(code: str) -> str:
    """A historical state's code as its successor's (CAMEO writes the Soviet Union SUN, PLOVER RUS)."""
    return str(lexicon_actors()["successors"].get(code, code))


@lru_cache(maxsize=1)
def lexicon_actors() -> dict[str, Any]:
    """The hand-written additions to the actor dictionaries (data/plover_actors.json)."""
    return json.loads((DATA / "plover_actors.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO alpha-3 codes of the entity registry's countries and of the hand-written additions."""
    registry = {e.country for _, e in gz.surfaces() if e.id.startswith("country:") and e.country}
    data = lexicon_actors()
    return frozenset(registry) | frozenset(data["countries"].values()) | frozenset(data["demonyms"].values())


def known_actors() -> list[Actor]:
    """Every actor the fallback gazetteers can give (for scoring ids that are no registry entity)."""
    return [*gazetteer().values(), *phoenix_gazetteer().values()]


def entity_actor(entity: Entity, text: str) -> Actor:
    """An Actor for a registry entity: the code is its country, or the code in a ``country:XXX`` id."""
    code = entity.country or (entity.id.split(":", 1)[1] if entity.id.startswith("country:") else None)
    kind = (
        "country"
        if entity.id.startswith("country:")
        else NAME_LABELS.get(entity.type.upper(), entity.type.lower())
    )
    return Actor(entity.id, code, kind, entity.name or text)


def record_token_actors(ctx: Context) -> dict[int, Actor]:
    """Tokens covered by a mention of a registry entity (original-text offsets compared)."""
    mentions = sorted((m.start, m.end, e, m.text) for e in ctx.record.entities for m in e.mentions)
    starts = [m[0] for m in mentions]
    out: dict[int, Actor] = {}
    for tok in ctx.doc:
        if tok.is_space:
            continue
        s, e = ctx.mapped.to_original(tok.idx, tok.idx + len(tok))
        for ms, me, entity, text in mentions[
            max(0, bisect_right(starts, s) - 8) : bisect_right(starts, e - 1)
        ]:
            if ms < e and s < me:
                out[tok.i] = entity_actor(entity, text)
                break
    return out


def gazetteer_token_actors(doc: Any, published: str | None = None) -> dict[int, Actor]:
    """Tokens matched by the fallback gazetteer or the Phoenix actor dictionaries (longest capitalised
    n-gram first), then named entities."""
    gaz = gazetteer()
    out: dict[int, Actor] = {}
    i = 0
    words = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    while i < len(doc):
        if not words[i][:1].isupper():  # every gazetteer name starts with a capital
            i += 1
            continue
        for n in range(min(MAX_NGRAM, len(doc) - i), 0, -1):
            text = "".join(w + sp for w, sp in zip(words[i : i + n], spaces[i : i + n], strict=True)).rstrip()
            found = gaz.get(text) or (phoenix_actor(text.lower()) if words[i + n - 1][:1].isupper() else None)
            if found is not None:
                out.update({j: dated(found, published) for j in range(i, i + n)})
                i += n - 1
                break
        i += 1
    for ent in doc.ents:
        if ent.label_ in {"PERSON", "ORG"} and not any(t.i in out for t in ent):
            name = without_determiner(ent)  # "the National Union of Journalists" is the registry's name too
            prefix = "person" if ent.label_ == "PERSON" else "org"
            actor = Actor(f"{prefix}:{gz.slug(name.text)}", None, prefix, name.text)
            out.update({t.i: actor for t in name})
    return out


def without_determiner(ent: Any) -> Any:
    """A named entity's span without its leading determiner ("the"), as the entity registry names it."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].pos_ == "DET":
        start += 1
    return ent.doc[start : ent.end]


def token_actors(ctx: Context) -> dict[int, Actor]:
    """Registry entities per token, the fallback gazetteer filling tokens they leave without a code."""
    out = record_token_actors(ctx)
    registry = dict(out)
    for i, actor in gazetteer_token_actors(ctx.doc, ctx.article.published).items():
        if i not in out or (out[i].code is None and actor.code is not None and actor.kind != "org"):
            out[i] = actor
        elif out[i].code is None and out[i].kind == "org" == actor.kind and actor.code in country_codes():
            out[i] = dataclasses.replace(out[i], code=actor.code)  # the registry's org, Phoenix's country
    for ent in ctx.doc.ents:  # a name the registry knows in part ("the Telegraph Group"): its entity
        known = [registry[t.i] for t in ent if t.i in registry]
        if known:
            out.update(
                {t.i: known[0] for t in ent if t.i not in registry and out.get(t.i, known[0]).code is None}
            )
    return out


def sector_actor(tok: Token) -> Actor | None:
    """A role or sector word ("police", "rebels", "security forces", "refugees") as the actor the Phoenix
    agents file names: ``sector:COP``, ``sector:REB``… (its country, when the phrase has none, is the
    event's: see ``EventBuilder.localise``)."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    compounds = [c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"} and c.i == tok.i - 1]
    for words in ([*compounds[-1:], tok.lower_], [*compounds[-1:], tok.lemma_.lower()], [tok.lower_]):
        code = cameo.agent_code(" ".join(words))
        if code:
            return Actor(f"sector:{code}", None, "sector", " ".join(words))
    return None


def unlisted(actor: Actor) -> bool:
    """A sector word, or a person or group (not an organisation) without a country that neither the
    entity registry nor the Phoenix dictionaries know."""
    if actor.kind == "sector":
        return True
    return (
        actor.kind not in {"org", "country"}
        and actor.code is None
        and gz.by_id(actor.id) is None
        and phoenix_actor(actor.text.lower()) is None
    )


def tight_tokens(head: Token) -> list[Token]:
    """The head's noun phrase without prepositions, clauses and conjuncts ("Senior Hungarian officials")."""
    out: list[Token] = []
    stack = [c for c in head.children if c.dep_ in TIGHT_DEPS]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in TIGHT_DEPS | {"conj", "cc"})
    return sorted(out, key=lambda t: t.i)


def conj_free_subtree(tok: Token) -> list[Token]:
    """The token's subtree without its own conjuncts (each conjunct is an argument of its own)."""
    skip = {t.i for c in tok.children if c.dep_ in {"conj", "cc"} for t in c.subtree}
    return [t for t in tok.subtree if t.i not in skip]


class ActorResolver:
    """Resolves argument phrases of the parse to actors: entity mentions, pronouns, "the two countries"."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.by_token = token_actors(ctx)
        self.sent_starts: list[int] | None = None

    def phrase(self, tok: Token | None, depth: int = 0) -> list[Actor]:
        """All actors of a (possibly conjoined) noun phrase headed by ``tok``."""
        if tok is None:
            return []
        if tok.pos_ in {"VERB", "AUX"} and (inner := first_child(tok, {"nsubj"})) is not None:
            tok = inner
        found: list[Actor] = []
        for conj in [tok, *tok.conjuncts]:
            found += self.conjunct(conj, depth)
        return unique(found)

    def conjunct(self, tok: Token, depth: int) -> list[Actor]:
        """Actors of one conjunct: its own entity, else those of its modifiers, else of its whole subtree."""
        if tok.pos_ == "PRON" and tok.i not in self.by_token:
            return self.pronoun(tok, depth)
        if self.is_group(tok):
            return self.group(tok, depth)
        if tok.lemma_.lower() in QUANTITY_HEADS and tok.i not in self.by_token:
            inner = [g for c in tok.children if c.lemma_ == "of" for g in c.children if g.dep_ == "pobj"]
            if inner:
                return self.phrase(inner[0], depth)
        head = self.by_token.get(tok.i)
        if head is not None and head.kind == "country" and any(c.lower_ == "ethnic" for c in tok.children):
            return [dataclasses.replace(head, kind="ethnic")]  # "ethnic Albanians": see EventBuilder.resident
        tight = [
            self.by_token[t.i]
            for t in tight_tokens(tok)
            if t.i in self.by_token and self.by_token[t.i] != head
        ]
        if not tight:
            tight = [
                a
                for t in tight_tokens(tok)
                if t.pos_ == "PRON" and t.dep_ == "poss"
                for a in self.pronoun(t, depth)
            ]
        coded = unique([a for a in tight if a.code and a.kind != "place"])
        orgs = [a for a in tight if a.kind == "org"]
        if head is not None and coded and tok.tag_ in {"NNS", "NNPS"} and head.kind == "country":
            return coded[:1]
        if head is not None:
            return unique([head, *(coded or orgs)[:1]]) if head.code is None else [head]
        if coded or tight:
            return coded or (orgs or tight)[:1]
        wide = [self.by_token[t.i] for t in conj_free_subtree(tok) if t.i in self.by_token]
        sector = sector_actor(tok)
        return [a for a in wide if a.code][:1] or ([sector] if sector is not None else wide[:1])

    def pronoun(self, tok: Token, depth: int) -> list[Actor]:
        """A pronoun: the speaker of the clause it is reported in, else the nearest fitting antecedent."""
        low = tok.lower_
        if depth > 2 or low not in PERSON_PRONOUNS | OTHER_PRONOUNS:
            return []
        for anc in tok.ancestors:
            if anc.dep_ in {"ccomp", "xcomp"} and anc.head.lemma_.lower() in lexicon()["reporting"]:
                subj = subject_token(anc.head)
                if subj is not None and subj.i != tok.i:
                    return self.phrase(subj, depth + 1)
        return self.antecedent(tok, low in PERSON_PRONOUNS)

    def antecedent(self, tok: Token, person: bool) -> list[Actor]:
        """The nearest earlier actor of the right kind (a person for he/she, a subject otherwise)."""
        floor = self.sentence_floor(tok)
        for i in range(tok.i - 1, floor - 1, -1):
            actor = self.by_token.get(i)
            if actor is None or actor.kind == "place":
                continue
            if person and actor.kind == "person":
                return [actor]
            if (
                not person
                and actor.kind != "person"
                and self.ctx.doc[i].dep_ in {"nsubj", "nsubjpass", "compound"}
            ):
                return [actor]
        return []

    def sentence_floor(self, tok: Token) -> int:
        """The first token of the sentence two before the token's own (pronouns look back that far)."""
        if self.sent_starts is None:
            self.sent_starts = [s.start for s in self.ctx.doc.sents]
        index = max(0, bisect_right(self.sent_starts, tok.i) - 1)
        return self.sent_starts[max(0, index - 2)]

    def is_group(self, tok: Token) -> bool:
        """ "the two countries", "both sides": a plural phrase standing for actors named before."""
        if tok.lemma_.lower() not in GROUP_HEADS or tok.tag_ != "NNS":
            return False
        return any(c.lower_ in {"two", "both"} for c in tok.children)

    def group(self, tok: Token, depth: int) -> list[Actor]:
        """The nearest earlier conjoined subject with two or more actors."""
        floor = max(0, tok.sent.start - 80)
        for i in range(tok.i - 1, floor - 1, -1):
            cand = self.ctx.doc[i]
            if cand.dep_ in {"nsubj", "nsubjpass"} and not self.is_group(cand):
                found = self.phrase(cand, depth + 1)
                if len(found) >= 2:
                    return found
        return []

    def places(self, prep: Token) -> list[Actor]:
        """Places named under a preposition: gazetteer or registry places, else spaCy GPE/LOC/FAC names."""
        out: list[Actor] = []
        for tok in prep.subtree:
            actor = self.by_token.get(tok.i)
            if actor is not None and actor.kind in {"place", "capital", "country"}:
                out.append(actor)
            elif tok.ent_type_ in {"GPE", "LOC", "FAC"} and tok.ent_iob_ == "B":
                ent = next(e for e in tok.doc.ents if e.start == tok.i)
                out.append(Actor(f"place:{gz.slug(ent.text)}", None, "place", ent.text))
        return unique(out)


class EventBuilder:
    """Turns frames into Event records: arguments, location, date, evidence and reporter."""

    def __init__(self, ctx: Context, frames: list[Frame] | None = None) -> None:
        self.ctx = ctx
        self.actors = ActorResolver(ctx)
        self.heads = {t.i for f in frames or [] for t in (f.clause, f.content, *f.trigger)}
        self._token_starts: list[int] | None = None
        self.times = sorted((t for t in ctx.record.times if t.value), key=lambda t: t.span.start)
        self.time_starts = [t.span.start for t in self.times]
        self.attributions = {a.id: a for a in ctx.record.attributions}
        self.entity_countries = {e.id: e.country for e in ctx.record.entities}
        atts = list(enumerate(ctx.record.attributions))
        self.contents = sorted((c.start, c.end, k, a.id) for k, a in atts for c in a.content)
        self.cues = sorted((a.cue.start, a.cue.end, k, a.id) for k, a in atts if a.cue is not None)

    def build(self, frame: Frame, index: int) -> Event:
        """The Event record of one frame."""
        actors, recipients = self.arguments(frame)
        if frame.entry.get("group_cameo") and len({a.code for a in actors if a.code}) >= 2:
            frame.cameo = frame.entry["group_cameo"]
            frame.type = plover_row(frame.cameo)["type"]
        evidence = self.evidence(frame)
        trigger = self.ctx.span(frame.trigger[0].idx, frame.trigger[-1].idx + len(frame.trigger[-1]))
        reported_by = self.reporter(trigger.start)
        date = self.date(frame, evidence, reported_by)
        return Event(
            id=self.ctx.new_id("ev", index),
            type=frame.type,
            mode=frame.mode,
            cameo=frame.cameo,
            trigger=trigger,
            evidence=evidence,
            actors=[a.id for a in actors],
            recipients=[a.id for a in recipients],
            location=self.location(frame),
            date=date,
            negated=frame.negated,
            hypothetical=frame.hypothetical,
            historical=self.historical(date),
            reported_by=reported_by,
        )

    def arguments(self, frame: Frame) -> tuple[list[Actor], list[Actor]]:
        """Actors (the clause's subject, 'with X' for reciprocal events) and recipients."""
        actors = self.doers(frame)
        recipients: list[Actor] = []
        if frame.request_target is not None:
            recipients = self.actors.phrase(frame.request_target)
        recipients = recipients or self.receivers(frame)
        if not recipients and frame.topic is not None:
            recipients = self.arguments(frame.topic)[1]
        if frame.entry.get("reciprocal") and frame.governor is None:
            actors += [a for a in self.prep_actors(frame, {"with"}) if a not in actors]
        elif not recipients:
            recipients = self.prep_actors(frame, {"with"})
        actors = self.localise(frame, self.with_countries(self.resident(frame, actors)))
        return actors, self.domestic(frame, actors, self.with_countries(self.resident(frame, recipients)))

    def resident(self, frame: Frame, actors: list[Actor]) -> list[Actor]:
        """CAMEO codes an ethnic group ("ethnic Albanians") by the country it lives in, not the one its name
        points to: the country where the event happens, else the only other country the sentence names,
        else the name's own."""
        if not any(a.kind == "ethnic" for a in actors):
            return actors
        place = next((a.code for a in self.places(frame) if a.code), None)
        out = []
        for actor in actors:
            if actor.kind == "ethnic":
                others = self.sentence_codes(frame) - {actor.code}
                code = place or (others.pop() if len(others) == 1 else actor.code)
                actor = Actor(f"country:{code}", code, "country", actor.text)
            out.append(actor)
        return unique(out)

    def with_countries(self, actors: list[Actor]) -> list[Actor]:
        """A person whose country the Phoenix dictionaries give (an office holder on the publication date),
        or an organisation they tie to one (an armed group), whose registry entity has none is followed by
        that country, as CAMEO codes them (PAKGOV, PSEREB) — a person unless the phrase names an
        organisation he acts for ("U.N. mediator Diego Cordovez")."""
        acting_for_org = any(a.kind == "org" for a in actors)
        out: list[Actor] = []
        for actor in actors:
            out.append(actor)
            if actor.code not in country_codes() or self.entity_countries.get(actor.id):
                continue
            person = actor.kind == "person" and not acting_for_org and self.role_known(actor)
            if person or (actor.kind == "org" and self.phoenix_country(actor)):
                out.append(Actor(f"country:{actor.code}", actor.code, "country", actor.code))
        return unique(out)

    def phoenix_country(self, actor: Actor) -> bool:
        """An organisation the Phoenix dictionaries tie to a country (an armed group: Hamas PSE, Taliban
        AFG), where the registry entity has none."""
        found = phoenix_actor(actor.text.lower())
        return found is not None and found.code == actor.code

    def role_known(self, actor: Actor) -> bool:
        """The Phoenix entry gives the person a country without a date, or the article has a date to read
        the dated roles at (an entry with dated roles only says nothing about an undated text)."""
        entry = cameo.actor_dictionary()["actors"].get(actor.text.lower())
        return bool(self.ctx.article.published) or isinstance(entry, str) or bool(entry and entry[0])

    def localise(self, frame: Frame, actors: list[Actor]) -> list[Actor]:
        """CAMEO codes a domestic actor it has no entry for (police, rebels, an unlisted minister) with its
        country: when every actor is such a one, the country where the event takes place, else the only
        country the sentence names."""
        if not actors or not all(unlisted(a) for a in actors):
            return actors
        place = next((a.code for a in self.places(frame) if a.code), None)
        codes = self.sentence_codes(frame)
        code = place or (codes.pop() if len(codes) == 1 else None)
        return [*actors, Actor(f"country:{code}", code, "country", code)] if code else actors

    def domestic(self, frame: Frame, actors: list[Actor], recipients: list[Actor]) -> list[Actor]:
        """CAMEO codes a target it has no entry for (a local paper, rebels, an unlisted official) with its
        country: the country where the event takes place, else, for people and groups (not organisations),
        the actor's own when the sentence names no other country. Registry entries and targets that carry
        a code are left as they are."""
        if not recipients or any(a.code or gz.by_id(a.id) is not None for a in recipients):
            return recipients
        place = next((a.code for a in self.places(frame) if a.code), None)
        codes = {a.code for a in actors if a.code}
        home = len(codes) == 1 and self.sentence_codes(frame) <= codes
        if place is None and (not home or any(a.kind == "org" for a in recipients)):
            return recipients
        code = place or codes.pop()
        return [*recipients, Actor(f"country:{code}", code, "country", code)]

    def sentence_codes(self, frame: Frame) -> set[str]:
        """Country codes of every actor named in the event's sentence."""
        sent = frame.clause.sent
        found = (self.actors.by_token.get(i) for i in range(sent.start, sent.end))
        return {a.code for a in found if a is not None and a.code}

    def doers(self, frame: Frame) -> list[Actor]:
        """Who acts: the subject (or the 'by' agent of a passive or of a noun), or a noun's possessor."""
        clause = frame.clause
        if clause.pos_ in {"NOUN", "PROPN"}:
            by = [g for c in clause.children if c.lemma_ == "by" for g in c.children if g.dep_ == "pobj"]
            poss = [c for c in clause.children if c.dep_ == "poss"]
            if by or poss:
                return self.actors.phrase((by or poss)[0])
            mods = [
                c
                for c in clause.children
                if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}
            ]
            return unique([a for m in mods for a in self.actors.phrase(m)])
        agent = [g for c in clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return self.actors.phrase(agent[0])
        subj = subject_token(clause)
        if subj is None or (subj.dep_ == "nsubjpass" and subj.head.i == clause.i):
            return []
        return self.actors.phrase(subj) + self.partners(clause)

    def partners(self, clause: Token) -> list[Actor]:
        """For "had a call with X, agreeing to…": the 'with' partners of the event a participle hangs on."""
        if clause.dep_ != "advcl" or clause.tag_ != "VBG" or first_child(clause, {"nsubj", "nsubjpass"}):
            return []
        head = clause.head
        nouns = [c for c in head.children if c.dep_ == "dobj" and (noun_entry(c) or {}).get("reciprocal")]
        if not nouns and not (verb_entry(head) or {}).get("reciprocal"):
            return []
        preps = [p for h in [head, *nouns] for p in h.children if p.dep_ == "prep" and p.lemma_ == "with"]
        return [a for p in preps for g in p.children if g.dep_ == "pobj" for a in self.actors.phrase(g)]

    def receivers(self, frame: Frame) -> list[Actor]:
        """To whom: passive subject, indirect or direct object, then 'to/against/on…' objects, then the
        subject of an infinitive ("allowed X to run"), a threat's condition ("if the US goes ahead") or the
        object of a purpose clause ("opened fire to disperse demonstrators")."""
        sectors: list[Actor] = []  # a bare sector word ("reservists") yields to a named recipient
        for head in self.object_heads(frame):
            found = self.actors.phrase(head) if not self_reference(head) else []
            if found and not all(a.kind == "sector" for a in found):
                return found
            sectors = sectors or found
        found = self.prep_actors(frame, set(RECIPIENT_PREPS) - {"with"})
        for head in [] if found else self.clause_heads(frame):
            found = self.actors.phrase(head) if not self_reference(head) else []
            if found:
                break
        return found or sectors

    def object_heads(self, frame: Frame) -> list[Token]:
        """Heads of the trigger's passive subject, indirect and direct object ("up to 16 advisers" too)."""
        content = frame.content
        candidates = [c for c in content.children if c.dep_ in {"dative", "iobj"}]
        if content.pos_ in {"VERB", "AUX"}:
            candidates += [c for c in content.children if c.dep_ == "nsubjpass"]
            if not frame.entry.get("theme"):
                candidates += [c for c in content.children if c.dep_ in {"dobj", "attr"}]
                candidates += [o for c in content.children if (o := up_to_object(c)) is not None]
        if content.pos_ in {"NOUN", "PROPN"} and frame.clause.i != content.i:
            # a noun event under a passive light verb: "X was put under investigation / placed under arrest"
            candidates += [c for c in frame.clause.children if c.dep_ == "nsubjpass"]
        heads = [first_child(c, {"pobj"}) if c.pos_ == "ADP" else c for c in candidates]
        return [h for h in heads if h is not None]

    def clause_heads(self, frame: Frame) -> list[Token]:
        """Arguments inside the trigger's infinitive, condition or purpose clause, in that order."""
        content = frame.content
        out: list[Token] = []
        for child in content.children:
            infinitive = child.dep_ in {"ccomp", "xcomp"} and has_to(child)
            if infinitive and (subj := first_child(child, {"nsubj"})) is not None:
                out.append(subj)
        if frame.type == "THREATEN":
            out += [
                subj
                for t in content.subtree
                if t.dep_ == "advcl"
                and any(m.lower_ in {"if", "unless"} for m in t.children)
                and (subj := first_child(t, {"nsubj"})) is not None
            ]
        for child in content.children:
            if child.dep_ == "advcl" and has_to(child):
                out += [c for c in child.children if c.dep_ == "dobj"]
        return out

    def prep_actors(self, frame: Frame, preps: set[str]) -> list[Actor]:
        """Entities under the given prepositions of the trigger, its light verb or its object."""
        holders = [frame.content, frame.clause, *[c for c in frame.content.children if c.dep_ == "dobj"]]
        if frame.content.pos_ in {"NOUN", "PROPN"}:
            holders += [g for c in frame.content.children if c.dep_ in {"prep", "agent"} for g in c.children]
        holders += [t for h in list(holders) for t in nested_objects(h)]
        allowed = set(preps)
        if "to" in preps:
            located = {frame.type, frame.inner_type} & (MATERIAL_CONFLICT | {"CONCEDE", "RETREAT"})
            allowed |= {"between"} | ({"in"} if located else set())
            allowed |= set(frame.entry.get("recipient_preps", []))
        for prep in RECIPIENT_PREPS + ("between", "in"):
            if prep not in allowed:
                continue
            for holder in holders:
                for child in holder.children:
                    if child.dep_ in {"prep", "dative"} and child.lemma_.lower() == prep:
                        objs = [g for g in child.children if g.dep_ == "pobj"]
                        found = self.actors.phrase(objs[0]) if objs else []
                        if found:
                            return found
        return []

    def location(self, frame: Frame) -> str | None:
        """The first place named under a locative preposition of the clause ("in Gaza", "to Pyongyang")."""
        best = self.places(frame)
        return best[0].text if best else None

    def places(self, frame: Frame) -> list[Actor]:
        """Places named under locative prepositions of the clause, cities and regions before countries."""
        holders = [frame.content, frame.clause]
        if frame.content.pos_ in {"NOUN", "PROPN"}:
            holders += [t for t in frame.content.subtree if t.dep_ == "pobj"]
        places: list[Actor] = []
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lemma_.lower() in LOCATION_PREPS:
                    places += self.actors.places(child)
        if not places and frame.type == "CONSULT" and frame.mode == "visit":
            places = [a for c in frame.content.children if c.dep_ == "dobj" for a in self.actors.places(c)]
        return sorted(places, key=lambda a: a.kind == "country")

    def evidence(self, frame: Frame) -> Span:
        """The clause of the event: the subtree of its head without relative and reporting clauses."""
        head = frame.clause
        pruned = {t.i for c in head.children if c.dep_ in PRUNE_DEPS for t in c.subtree}
        if head.pos_ not in {"NOUN", "PROPN"}:
            pruned = {t.i for c in head.children if c.dep_ in {"parataxis"} for t in c.subtree}
        pruned |= {t.i for d in head.subtree if d.dep_ == "relcl" and d.i != head.i for t in d.subtree}
        own = {frame.clause.i, *(t.i for t in frame.trigger), *(t.i for t in chain_up(frame.content))}
        pruned |= {t.i for d in head.subtree if d.i in self.heads and d.i not in own for t in d.subtree}
        sent = head.sent
        keep = [t for t in head.subtree if t.i not in pruned and sent.start <= t.i < sent.end] or [head]
        while len(keep) > 1 and (keep[-1].is_punct or keep[-1].is_space or keep[-1].dep_ in DANGLING_DEPS):
            keep.pop()
        while len(keep) > 1 and (keep[0].is_punct or keep[0].is_space):
            keep.pop(0)
        return self.ctx.span(keep[0].idx, keep[-1].idx + len(keep[-1]))

    def reporter(self, start: int) -> str | None:
        """The attribution whose content contains the trigger, else the one whose cue is the trigger
        ("Putin hailed the troops": the praise is itself the attribution); None: the outlet's own voice."""
        for ranges in (self.contents, self.cues):
            found = containing(ranges, start)
            if found is not None:
                return found
        return None

    def date(self, frame: Frame, evidence: Span, reported_by: str | None) -> str | None:
        """The time expression of the clause, else of the sentence, else the reporting attribution's date."""
        sent = frame.clause.sent
        s_span = self.ctx.span(sent.start_char, sent.end_char)
        window = slice(bisect_left(self.time_starts, s_span.start), bisect_left(self.time_starts, s_span.end))
        times = [t for t in self.times[window] if t.value and t.value[:1].isdigit()]
        inside = [
            t for t in times if evidence.start <= t.span.start < evidence.end and self.governs(frame, t)
        ]
        outside = [t for t in times if self.governs(frame, t, loose=True)]
        trig = self.ctx.span(frame.trigger[0].idx, frame.trigger[0].idx + 1).start
        for group in (inside, outside):
            if group:
                return min(group, key=lambda t: abs(t.span.start - trig)).value
        att = self.attributions.get(reported_by or "")
        return att.date if att is not None else None

    def governs(self, frame: Frame, time: TimeExpression, loose: bool = False) -> bool:
        """Whether a time expression dates this event: it hangs on the event's own clause (``loose``: or
        on a reporting verb or any verb above the event), not on some other verb's clause."""
        tok = self.token_at(time.span.start)
        if tok is None:
            return False
        verb = next((a for a in [tok, *tok.ancestors] if a.pos_ in {"VERB", "AUX"}), None)
        own = {frame.clause.i, frame.content.i} | {t.i for t in chain_up(frame.content)}
        if (
            verb is None
            or verb.i in own
            or frame.clause.pos_ in {"NOUN", "PROPN"}
            and verb.i == frame.clause.head.i
        ):
            return True
        if not loose:
            return False
        above = {a.i for a in frame.clause.ancestors}
        return verb.i in above or verb.lemma_.lower() in lexicon()["reporting"]

    @property
    def token_starts(self) -> list[int]:
        """Each token's start in the original text, computed the first time a date needs its token."""
        if self._token_starts is None:
            self._token_starts = self.ctx.mapped.starts_in_original(self.ctx.doc.to_array("IDX").tolist())
        return self._token_starts

    def token_at(self, original_start: int) -> Token | None:
        """The first token whose original-text span starts at or after ``original_start`` (None: past the
        end); token starts only grow along the text, so a binary search finds it."""
        i = bisect_left(self.token_starts, original_start)
        return self.ctx.doc[i] if i < len(self.token_starts) else None

    def historical(self, date: str | None) -> bool:
        """An event dated more than a year before publication is historical."""
        published = self.ctx.article.published
        if not date or not published or not date[:4].isdigit() or not published[:4].isdigit():
            return False
        return int(date[:4]) < int(published[:4]) - 1


def containing(ranges: list[tuple[int, int, int, str]], offset: int, reach: int = 32) -> str | None:
    """The id of the earliest-listed range (start, end, order, id) holding the offset, among the ``reach``
    ranges that start last before it (sorted by start: attribution spans nest only a few deep)."""
    stop = bisect_right(ranges, (offset, float("inf")))
    held = [r for r in ranges[max(0, stop - reach) : stop] if r[0] <= offset < r[1]]
    return min(held, key=lambda r: r[2])[3] if held else None


def has_to(verb: Token) -> bool:
    """An infinitive with "to" ("to participate", "to disperse")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def nested_objects(tok: Token) -> list[Token]:
    """Nouns inside a phrase's object and prepositional objects ("for a war against Iraq"), not clauses."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ in {"dobj", "prep"} and c.lower_ not in TOPIC_PREPS]
    while stack:
        cur = stack.pop(0)
        if cur.pos_ in {"NOUN", "PROPN"}:
            out.append(cur)
        stack.extend(
            c for c in cur.children if c.dep_ in {"pobj", "prep", "dobj"} and c.lower_ not in TOPIC_PREPS
        )
    return out


def self_reference(tok: Token) -> bool:
    """A phrase that only points back at the actor ("its borders", "their forces", "itself")."""
    if tok.pos_ == "PRON":
        return True
    mods = [c for c in tok.children if c.dep_ in {"poss", "compound", "amod"}]
    return (
        bool(mods)
        and all(c.pos_ == "PRON" for c in mods if c.dep_ == "poss")
        and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in mods)
        and tok.ent_type_ == ""
    )


def unique(actors: list[Actor]) -> list[Actor]:
    """Actors without repeats, in order."""
    seen: set[str] = set()
    out = []
    for actor in actors:
        if actor.id not in seen:
            seen.add(actor.id)
            out.append(actor)
    return out


def in_ranges(ranges: list[tuple[int, int]], start: int) -> bool:
    """True for offsets inside one of the ranges (captions, photo credits, 'Related article' lines…)."""
    return any(s <= start < e for s, e in ranges)


@register(
    "events",
    field="events",
    requires=("entities", "times", "attributions", "token.lemma", "token.dep", "doc.ents", "doc.sents"),
)
def extract_events(ctx: Context) -> list[Event]:
    """PLOVER events of the article, in text order, with actors, recipients, date and evidence."""
    frames = sorted(find_frames(ctx), key=lambda f: f.trigger[0].i)
    skipped = [(p.start, p.end) for p in ctx.article.parts if p.kind in SKIP_PARTS]
    frames = [
        f for f in frames if not in_ranges(skipped, ctx.span(f.trigger[0].idx, f.trigger[0].idx + 1).start)
    ]
    builder = EventBuilder(ctx, frames)
    built = [(frame, builder.build(frame, i)) for i, frame in enumerate(frames)]
    built = [(frame, event) for frame, event in built if not unpaired(frame, event)]
    kept = [event for frame, event in drop_repeats(ctx, built)]
    return [e.model_copy(update={"id": ctx.new_id("ev", i)}) for i, e in enumerate(kept)]


def unpaired(frame: Frame, event: Event) -> bool:
    """A verb coded only by the dictionary's default for it is an event when, as PETRARCH requires, it
    has both a source and a target actor (a pattern or a governor is evidence enough on its own)."""
    needs = frame.entry.get("needs_pair") and frame.governor is None
    return bool(needs) and not (event.actors and event.recipients)


def drop_repeats(ctx: Context, built: list[tuple[Frame, Event]]) -> list[tuple[Frame, Event]]:
    """Mentions that repeat an event told elsewhere are not events of their own: a headline event retold in
    the body, and a definite noun ("the delegation's visit") naming an earlier event again."""
    headline = [p for p in ctx.article.parts if p.kind == "headline"]
    in_headline = [any(p.start <= e.trigger.start < p.end for p in headline) for _, e in built]
    body = [e for (_, e), top in zip(built, in_headline, strict=True) if not top]
    kept: list[tuple[Frame, Event]] = []
    for (frame, event), top in zip(built, in_headline, strict=True):
        if top and any(retold(event, other) for other in body):
            continue
        if anaphoric(frame) and any(named_again(frame, event, f, other) for f, other in kept):
            continue
        kept.append((frame, event))
    return kept


def named_again(frame: Frame, event: Event, earlier_frame: Frame, earlier: Event) -> bool:
    """The same type and trigger word as an earlier event, with no actor that event lacks."""
    same_word = lemma(frame.trigger[-1]) == lemma(earlier_frame.trigger[-1])
    return event.type == earlier.type and same_word and set(event.actors) <= set(earlier.actors)


def retold(event: Event, other: Event) -> bool:
    """Same type and at least one actor in common (or both without actors)."""
    same_actors = bool(set(event.actors) & set(other.actors)) or not (event.actors or other.actors)
    return event.type == other.type and same_actors and other.trigger.start != event.trigger.start


def anaphoric(frame: Frame) -> bool:
    """A nominal trigger made definite by "the", "this" or a possessor: it points back to a known event."""
    noun = frame.trigger[-1]
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in noun.children)
