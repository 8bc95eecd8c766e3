"""The field's event-coding dictionaries: PETRARCH2's CAMEO verb dictionary and the Phoenix actor and
agent dictionaries (``data/cameo/``, MIT, licence beside them), parsed once into a compact form
(``data/cameo_verbs.json``, ``data/phoenix_actors.json``; ``scripts/build_cameo.py`` rebuilds them) and
matched on the spaCy dependency parse.

A verb's CAMEO code comes from the most specific pattern of its synonym block whose elements all occur in
the verb's arguments (``- * {FINANCIAL AID}``: an object headed "aid" with the modifier "financial";
``(FOR HELP)``: a "for" phrase on "help"; ``&CURRENCY``: any word of that synonym set; before ``*``: the
subject), else the verb's own code, else the block's (``---``: no event). Codes map to PLOVER 2.0 through
the CAMEO2PLOVER crosswalk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from spacy.tokens import Token

from according.data import load

NULL_CODE = "---"
MARKERS = {"$", "+", "%", "^"}
ELEMENT_RE = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")
CODE_RE = re.compile(r"\[([^\]]*)\]")
DATED_RE = re.compile(r"^\[(\S+)(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\]$")
OBJECT_DEPS = {"dobj", "attr", "oprd", "dative", "nsubjpass", "acomp", "npadvmod"}
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"}
SUBJECT_DEPS = {"nsubj", "csubj", "agent"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}


# --- parsing the dictionary files -------------------------------------------------------------------


def words_of(phrase: str) -> str:
    """A dictionary phrase as lower-case words: ``{FINANCIAL AID}`` / ``CASH_`` -> "financial aid"."""
    return " ".join(phrase.strip("{}").replace("_", " ").lower().split())


def plurals(phrase: str) -> list[str]:
    """A synonym-set phrase and its regular plural (none when it ends with ``_``)."""
    words = words_of(phrase)
    if phrase.endswith("_"):
        return [words]
    if words.endswith("y") and not words.endswith(("ay", "ey", "oy", "uy")):
        return [words, words[:-1] + "ies"]
    return [words, words + ("es" if words.endswith(("ss", "sh", "ch", "x")) else "s")]


def first_code(field: str) -> str | None:
    """The code of ``[042:043]`` (the first non-empty half), None for ``---`` or nothing."""
    code = next((c.strip() for c in field.split(":") if c.strip()), "")
    return None if not code or code == NULL_CODE else code


def pattern_elements(part: str) -> list[Any]:
    """The nouns (strings) and prepositional phrases ([prep, noun or ""]) of one side of a pattern."""
    out: list[Any] = []
    for element in ELEMENT_RE.findall(part):
        if element in MARKERS:
            continue
        if element.startswith("("):
            inner = ELEMENT_RE.findall(element.strip("()"))
            nouns = [words_of(e) for e in inner[1:] if e not in MARKERS]
            out.append([inner[0].lower() if inner else "", nouns[0] if nouns else ""])
        else:
            out.append(words_of(element))
    return out


def parse_verbs(text: str) -> dict[str, Any]:
    """The verb dictionary as synonym sets, verbs (-> block and own code), blocks with their patterns, and
    irregular forms (-> lemma)."""
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, list[Any]] = {}
    forms: dict[str, str] = {}
    blocks: list[dict[str, Any]] = []
    current: str | None = None
    singular = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.startswith("~"):
            continue
        if line.startswith("&"):
            label = line.split()[0]
            current, singular = label.rstrip("_"), label.endswith("_")
            synsets[current] = []
            continue
        if line.startswith("+") and not blocks:
            if current is not None:
                phrase = line[1:].split()[0]
                synsets[current] += [words_of(phrase)] if singular else plurals(phrase)
            continue
        if line.startswith("---"):
            codes = CODE_RE.findall(line)
            name = line.strip("- ").split("[")[0].strip().lower()
            blocks.append({"name": name, "code": first_code(codes[0]) if codes else None, "patterns": []})
            continue
        if not blocks:
            continue
        if line.startswith("-"):
            codes = CODE_RE.findall(line)
            body = CODE_RE.sub("", line[1:])
            if "*" not in body or not codes:
                continue
            pre, post = body.split("*", 1)
            blocks[-1]["patterns"].append(
                [pattern_elements(pre), pattern_elements(post), first_code(codes[-1])]
            )
            continue
        add_verb(line, len(blocks) - 1, verbs, forms)
    return {"synsets": synsets, "verbs": verbs, "forms": forms, "blocks": blocks}


def add_verb(line: str, block: int, verbs: dict[str, list[Any]], forms: dict[str, str]) -> None:
    """One verb line: ``HURRY {HURRIES HURRIED}``, ``ASK [020]``, ``+ASK_FOR {+ASKED_FOR} [020]``."""
    codes = CODE_RE.findall(line)
    irregular = re.search(r"\{([^}]*)\}", line)
    head = line.split("{")[0].split("[")[0].split()
    if not head:
        return
    word = head[0]
    if "+" in word and not word.startswith("+"):
        return  # a compound written before its verb ("WIRE_+TAP"): the parse rarely keeps it together
    key = words_of(word.lstrip("+"))
    verbs.setdefault(key, [block, first_code(codes[0]) if codes else None])
    lemma = key.split()[0]
    for form in irregular.group(1).split() if irregular else []:
        inflected = words_of(form.lstrip("+")).split()
        if inflected and inflected[0] != lemma:
            forms.setdefault(inflected[0], lemma)


def parse_actors(text: str) -> dict[str, Any]:
    """Actor records: each name (primary and ``+`` synonyms) -> its code, or [default code, [[code, from,
    to]…]] when it holds dated roles."""
    out: dict[str, Any] = {}
    names: list[str] = []
    default: str | None = None
    roles: list[list[str]] = []

    def flush() -> None:
        for name in names:
            if default or roles:
                out.setdefault(name, [default, roles] if roles else default)

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in {"\t", " "} and line.strip().startswith("["):
            role = dated_role(line.strip())
            if role is not None and (role[1] or role[2] or default):
                roles.append(role)
            elif role is not None:
                default = role[0]
            continue
        synonym = line.startswith("+")
        if not synonym:
            flush()
            names, default, roles = [], None, []
        name_part, _, rest = line.lstrip("+").partition("[")
        name = words_of(name_part.split("{")[0])
        if name:
            names.append(name)
        if rest and not synonym:
            default = first_code(rest.split("]")[0].split()[0]) if rest.split("]")[0].split() else None
            if len(rest.split("]")[0].split()) > 1:
                role = dated_role("[" + rest.split("]")[0] + "]")
                default, roles = None, [role] if role else []
    flush()
    return out


def dated_role(field: str) -> list[str] | None:
    """``[RUSGOV >080508]`` -> [code, from, to] with full dates (YYYYMMDD, "" for an open end)."""
    m = DATED_RE.match(field)
    if not m:
        return None
    code, edge, first, second = m.groups()
    if first is None:
        return [code, "", ""]
    if edge == "<":
        return [code, "", full_date(first)]
    if edge == ">":
        return [code, full_date(first), ""]
    return [code, full_date(first), full_date(second) if second else ""]


def full_date(value: str) -> str:
    """YYMMDD read as TABARI does (years below 30 are 20xx) or YYYYMMDD, as YYYYMMDD."""
    if len(value) == 8:
        return value
    year = int(value[:2])
    return f"{2000 + year if year < 30 else 1900 + year}{value[2:]}"


def parse_agents(text: str) -> dict[str, str]:
    """Agent words -> agent code (``POLICE {} [~COP]`` -> "police": "COP"), regular plurals included."""
    out: dict[str, str] = {}
    subs: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            marker, _, items = line.partition("=")
            subs[marker.strip()] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        codes = CODE_RE.findall(line) or re.findall(r"\[([^\]}]*)\}", line)
        if not codes:
            continue
        code = codes[-1].strip().strip("~")
        name = line.split("{")[0].split("[")[0].strip()
        plural = re.search(r"\{([^}]*)\}", line)
        for variant in expand_markers(name, subs):
            words = words_of(variant)
            out.setdefault(words, code)
            if plural is None and "!" not in name:
                for form in plurals(variant)[1:]:
                    out.setdefault(form, code)
            elif plural is not None:
                for form in plural.group(1).split():
                    out.setdefault(words_of(form), code)
    return out


def expand_markers(name: str, subs: dict[str, list[str]]) -> Iterator[str]:
    """``CONGRESS!PERSON!`` -> CONGRESSMAN, CONGRESSWOMAN… (each substitution-set item in place)."""
    m = re.search(r"![A-Z]+!", name)
    if m is None or m.group(0) not in subs:
        yield name
        return
    for item in subs[m.group(0)]:
        yield from expand_markers(name.replace(m.group(0), item, 1), subs)


# --- the compact form, read once ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def verb_dictionary() -> dict[str, Any]:
    """The parsed CAMEO verb dictionary (data/cameo_verbs.json)."""
    return load("cameo_verbs.json")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def actor_dictionary() -> dict[str, Any]:
    """The parsed Phoenix actor and agent dictionaries (data/phoenix_actors.json)."""
    return load("phoenix_actors.json")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def synset_index() -> dict[str, frozenset[str]]:
    """Synonym-set name (``&CURRENCY``) -> its phrases."""
    return {name: frozenset(items) for name, items in verb_dictionary()["synsets"].items()}


def verb_forms() -> dict[str, str]:
    """Irregular verb forms the dictionary lists -> their lemma ("sped" -> "speed")."""
    return verb_dictionary()["forms"]  # type: ignore[no-any-return]


# --- matching patterns on the parse -------------------------------------------------------------------


@dataclass(frozen=True)
class Coded:
    """A CAMEO code for a verb: how many pattern elements decided it (0: the verb's default) and how many
    of them name a noun (a bare preposition, "(WITH)", says little)."""

    code: str
    key: str
    size: int = 0
    nouns: int = 0


@dataclass(frozen=True)
class Arg:
    """What the patterns read of an argument token, read from the parse once per verb rather than once per
    pattern: its lemma and lower-case form, the noun compound it ends ("oil prices") and its modifiers."""

    forms: frozenset[str]
    compound: str
    mods: tuple[Arg, ...] = ()


def arg_of(tok: Token, with_mods: bool = True) -> Arg:
    """The Arg of a token (its modifiers' Args too when ``with_mods``)."""
    lower = tok.lower_
    compound = " ".join(c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i)
    mods = tuple(arg_of(c, False) for c in tok.children if c.dep_ in MODIFIER_DEPS) if with_mods else ()
    return Arg(frozenset({tok.lemma_.lower(), lower}), f"{compound} {lower}" if compound else "", mods)


@lru_cache(maxsize=4096)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """A dictionary phrase's words, split once."""
    return tuple(phrase.split())


@lru_cache(maxsize=4096)
def synset_items(word: str) -> frozenset[str]:
    """The phrases of synonym set ``&WORD`` (``&WORD_`` read as ``&WORD``)."""
    index = synset_index()
    return index.get(word.upper(), frozenset()) or index.get(word.upper().rstrip("_"), frozenset())


def phrase_matches(phrase: str, arg: Arg) -> bool:
    """A dictionary noun phrase (head last, synonym sets allowed) fits the argument and its modifiers."""
    words = phrase_words(phrase)
    if not words or not word_matches(words[-1], arg):
        return False
    return all(any(word_matches(w, m) for m in arg.mods) for w in words[:-1])


def word_matches(word: str, arg: Arg) -> bool:
    """One pattern word (or ``&SET``) against an argument's lemma or lower-case form (a set's phrase may
    also be the compound the argument ends)."""
    if word.startswith("&"):
        items = synset_items(word)
        return bool(arg.forms & items) or (bool(arg.compound) and arg.compound in items)
    return word in arg.forms


def argument_heads(verb: Token, deps: set[str]) -> list[Token]:
    """The verb's arguments in the given relations, with their conjuncts (a dative's object too)."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in deps:
            head = (
                next((g for g in child.children if g.dep_ == "pobj"), child) if child.pos_ == "ADP" else child
            )
            out += [h for h in (head, *head.conjuncts) if h.pos_ in NOMINAL]
    return out


def preposition_phrases(verb: Token) -> list[tuple[str, Token | None]]:
    """(preposition, object) pairs on the verb and its particles (a pattern's phrases are the verb's)."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "prt")]
    out: list[tuple[str, Token | None]] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"prep", "dative", "agent"} or (child.dep_ == "prt" and child.pos_ == "ADP"):
                objects = [g for g in child.children if g.dep_ in {"pobj", "pcomp"}]
                out.append((child.lemma_.lower(), objects[0] if objects else None))
    return out


Phrases = list[tuple[str, tuple[Arg, ...]]]  # (preposition, its object and the object's conjuncts)


def element_matches(element: Any, heads: list[Arg], preps: Phrases) -> bool:
    """A pattern element (noun phrase or [prep, noun]) occurs among the arguments."""
    if isinstance(element, str):
        return any(phrase_matches(element, h) for h in heads)
    prep, noun = element
    for word, objects in preps:
        if word != prep:
            continue
        if not noun or any(phrase_matches(noun, o) for o in objects):
            return True
    return False


def verb_keys(verb: Token, lemma: str) -> list[str]:
    """Dictionary keys to try: with a particle or preposition ("ask for", "hand over"), then alone."""
    extra = [c.lower_ for c in verb.children if c.dep_ in {"prt", "prep"}]
    return [f"{lemma} {e}" for e in extra] + [lemma]


def code_verb(verb: Token, lemma: str) -> Coded | None:
    """The CAMEO code the dictionary gives a verb in its parse, or None when it gives none."""
    entries = verb_dictionary()["verbs"]
    key = next((k for k in verb_keys(verb, lemma) if k in entries), None)
    if key is None:
        return None
    objects = argument_heads(verb, OBJECT_DEPS)
    return code_arguments(key, objects, argument_heads(verb, SUBJECT_DEPS), preposition_phrases(verb))


def code_noun(noun: Token, verb: str) -> Coded | None:
    """The code of a noun made from a dictionary verb ("withdrawal of its troops"), its "of" object read
    as the verb's object, its possessor or "by" phrase as the subject, its other phrases as the verb's."""
    if verb not in verb_dictionary()["verbs"]:
        return None
    phrases = preposition_phrases(noun)
    objects = [o for word, o in phrases if word == "of" and o is not None and o.pos_ in NOMINAL]
    objects = [h for o in objects for h in (o, *o.conjuncts)]
    subjects = [c for c in noun.children if c.dep_ == "poss"]
    subjects += [o for word, o in phrases if word == "by" and o is not None]
    return code_arguments(verb, objects, subjects, [p for p in phrases if p[0] not in {"of", "by"}])


class Present:
    """The words a verb's arguments hold (forms and compounds) and its prepositions: a pattern one of whose
    head words or prepositions is missing cannot fit, so most patterns of a block are passed over unread."""

    def __init__(self, args: list[Arg], phrases: Phrases) -> None:
        self.words = {f for a in args for f in a.forms} | {a.compound for a in args if a.compound}
        self.preps = {word for word, _ in phrases}
        self.known: dict[str, bool] = {}

    def has(self, need: str) -> bool:
        """Whether a need of ``block_needs`` is met (``p:`` a preposition, ``&`` a synonym set)."""
        found = self.known.get(need)
        if found is None:
            if need.startswith("p:"):
                found = need[2:] in self.preps
            elif need.startswith("&"):
                found = not synset_items(need).isdisjoint(self.words)
            else:
                found = need in self.words
            self.known[need] = found
        return found


@cache
def block_needs(block_index: int) -> tuple[frozenset[str], ...]:
    """For each pattern of a block, what the arguments must hold for it to fit: each noun phrase's head
    word (or synonym set) and each preposition (``p:for``)."""
    out = []
    for pre, post, _ in verb_dictionary()["blocks"][block_index]["patterns"]:
        needs: set[str] = set()
        for element in [*pre, *post]:
            phrase = element
            if not isinstance(element, str):
                needs.add(f"p:{element[0]}")
                phrase = element[1] or ""
            if words := phrase_words(phrase):
                needs.add(words[-1])
        out.append(frozenset(needs))
    return tuple(out)


@cache
def needs_index(block_index: int) -> dict[str, tuple[int, ...]]:
    """A block's patterns (by position) filed under one need each, so those that cannot fit are never
    looked at; patterns with no elements are left out (they decide nothing)."""
    index: dict[str, list[int]] = {}
    for i, needs in enumerate(block_needs(block_index)):
        pre, post, _ = verb_dictionary()["blocks"][block_index]["patterns"][i]
        if pre or post:
            index.setdefault(min(needs, default=""), []).append(i)
    return {need: tuple(found) for need, found in index.items()}


def candidates(block_index: int, present: Present) -> list[int]:
    """Positions, in order, of a block's patterns whose filed need the arguments meet."""
    return sorted(
        i for need, found in needs_index(block_index).items() if not need or present.has(need) for i in found
    )


def code_arguments(
    key: str, objects: list[Token], subjects: list[Token], preps: list[tuple[str, Token | None]]
) -> Coded | None:
    """The most specific pattern of the key's block that the arguments fit, else the key's own code, else
    the block's."""
    block_index, own = verb_dictionary()["verbs"][key]
    block = verb_dictionary()["blocks"][block_index]
    # PETRARCH reads the words after the verb in order, so "suspended aid deliveries" fits "SUSPEND * AID":
    # a noun compounded onto the object stands for it as well
    objects = objects + [c for h in objects for c in h.children if c.dep_ == "compound" and c.pos_ in NOMINAL]
    heads, subject_heads = [arg_of(o) for o in objects], [arg_of(s) for s in subjects]
    phrases = [
        (word, () if obj is None else tuple(map(arg_of, (obj, *obj.conjuncts)))) for word, obj in preps
    ]
    present = Present(heads + subject_heads + [a for _, args in phrases for a in args], phrases)
    best: Coded | None = None
    patterns, needs = block["patterns"], block_needs(block_index)
    for index in candidates(block_index, present):
        pre, post, code = patterns[index]
        size = len(pre) + len(post)
        if (best is not None and size <= best.size) or not all(map(present.has, needs[index])):
            continue
        if all(element_matches(e, heads, phrases) for e in post) and all(
            element_matches(e, subject_heads, []) for e in pre
        ):
            nouns = sum(1 for e in pre + post if isinstance(e, str) or e[1])
            best = Coded(code or NULL_CODE, key, size, nouns)
    if best is not None:
        return None if best.code == NULL_CODE else best
    default = own or block["code"]
    return Coded(default, key) if default else None


def actor_code(name: str, date: str | None = None) -> str | None:
    """The Phoenix code of a name (upper or any case) at a date (YYYY-MM-DD; None: the default or last)."""
    entry = actor_dictionary()["actors"].get(words_of(name))
    if entry is None:
        return None
    default, roles = (entry, []) if isinstance(entry, str) else entry
    day = (date or "").replace("-", "")[:8]
    if day:
        for code, start, end in roles:
            if (not start or start <= day) and (not end or day <= end):
                return str(code)
    return default or (roles[-1][0] if roles else None)


def agent_code(word: str) -> str | None:
    """The Phoenix agent code of a role or sector word ("police" -> COP, "rebels" -> REB)."""
    return actor_dictionary()["agents"].get(words_of(word))  # type: ignore[no-any-return]


@lru_cache(maxsize=4)
def object_codes(verbs: frozenset[str]) -> dict[str, str]:
    """Noun phrase -> CAMEO code, from the patterns of these verbs' blocks that name one object and
    nothing else (``START * {HUNGER STRIKE} [142]``): what a light verb's object means, whichever light verb
    carries it. A phrase coded differently by different blocks takes its most frequent code."""
    entries = verb_dictionary()["verbs"]
    blocks = {entries[v][0] for v in verbs if v in entries}
    votes: dict[str, dict[str, int]] = {}
    for index in sorted(blocks):
        for pre, post, code in verb_dictionary()["blocks"][index]["patterns"]:
            if pre or len(post) != 1 or not isinstance(post[0], str) or not code or code == NULL_CODE:
                continue
            phrase = post[0]
            if phrase.startswith("&") or any(w.startswith("&") for w in phrase.split()):
                continue
            counts = votes.setdefault(phrase, {})
            counts[code] = counts.get(code, 0) + 1
    return {phrase: max(sorted(c), key=lambda k: c[k]) for phrase, c in votes.items()}
