"""Entities: spaCy NER corrected by the shipped registry, clustered into canonical entities.

Steps: NER spans (split at line breaks) and registry phrase matches are merged, the registry winning
where they disagree (KCNA is an organisation, DPRK a country, Kursk a place) and in title-cased
headlines; capitals become government metonyms unless they are the place of a preposition ("to
Pyongyang"); "<place> region" spans are extended; titles ("Russian President Vladimir Putin", "the
Russian president") resolve through the registry's offices at the publication date; definite nominals
("the reclusive state") point to the latest country; then mentions cluster into one Entity each, bare
surnames joining the full name used elsewhere in the article. Pronouns are left to attribution code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from according import gazetteer as gz
from according.gazetteer import RegistryEntry
from according.records import Entity, Mention
from according.registry import register

if TYPE_CHECKING:
    from spacy.vocab import Vocab

    from according.context import Context

KEEP_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "PRODUCT", "ORG", "NORP", "EVENT", "WORK_OF_ART"}
LOCATIVE_PREPS = {
    "in",
    "at",
    "to",
    "from",
    "near",
    "into",
    "outside",
    "around",
    "across",
    "toward",
    "towards",
    "via",
    "through",
    "inside",
    "over",
    "within",
    "throughout",
    "between",
}
REGION_WORDS = {"region", "oblast", "province", "prefecture", "governorate", "district", "county"}
COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
}
SPATIAL_NOUNS = {
    "outskirts",
    "suburbs",
    "centre",
    "center",
    "streets",
    "heart",
    "outside",
    "residents",
    "mayor",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "city",
    "capital",
    "downtown",
    "airport",
}
NOMINAL_HEADS = {"state", "country", "nation", "regime", "kingdom", "republic"}
CORE_ROLE_WORDS = {
    "president",
    "minister",
    "chancellor",
    "leader",
    "king",
    "queen",
    "emperor",
    "prince",
    "premier",
    "speaker",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "envoy",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "lawmaker",
    "commander",
    "diplomat",
    "representative",
    "general",
    "head",
    "official",
    "adviser",
    "advisor",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
    "commissioner",
    "prosecutor",
    "judge",
    "sheriff",
}
MEDIA_WORDS = {
    "state",
    "run",
    "owned",
    "controlled",
    "-",
    "news",
    "agency",
    "media",
    "official",
    "broadcaster",
    "television",
    "tv",
    "newspaper",
    "daily",
    "outlet",
    "wire",
    "service",
    "public",
    "government",
    "mouthpiece",
    "radio",
    "network",
    "channel",
    "website",
    "party",
}
CORE_MEDIA_WORDS = {
    "agency",
    "media",
    "broadcaster",
    "television",
    "tv",
    "newspaper",
    "outlet",
    "daily",
    "wire",
    "mouthpiece",
    "radio",
    "network",
    "channel",
    "website",
}
PREFIX = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "LOC": "loc", "NORP": "norp", "FAC": "fac"}


@dataclass
class Cand:
    """A mention candidate in cleaned-text token offsets, with what it refers to."""

    start: int
    end: int
    label: str
    entry: RegistryEntry | None = None
    kind: str = "name"
    source: str = "ner"
    key: str = ""
    country: str | None = None
    role: str | None = None


# ---------------------------------------------------------------- registry phrase matcher

_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher, dict[str, RegistryEntry]]] = {}


def _variants(surface: str, entry: RegistryEntry) -> set[str]:
    """Forms to match: capitalised at sentence start; 'the Kremlin' also as 'Kremlin' (not 'the States')."""
    text = surface.strip()
    if entry.kind == "metonym" or entry.source in ("org", "outlet"):
        text = re.sub(r"^(the|The) ", "", text)
    return {text, text[:1].upper() + text[1:]}


def registry_matcher(vocab: Vocab) -> tuple[PhraseMatcher, dict[str, RegistryEntry]]:
    """A case-sensitive PhraseMatcher over every registry surface, built once per vocabulary."""
    if id(vocab) not in _MATCHERS:
        make_doc = spacy.blank("en", vocab=vocab).make_doc
        matcher = PhraseMatcher(vocab, attr="ORTH")
        entries: dict[str, RegistryEntry] = {}
        patterns: dict[str, list[Doc]] = {}
        for surface, entry in gz.surfaces():
            key = f"{entry.id}|{entry.kind}|{entry.source}"
            entries[key] = entry
            patterns.setdefault(key, []).extend(make_doc(v) for v in _variants(surface, entry))
        for key, docs in patterns.items():
            matcher.add(key, docs)
        _MATCHERS[id(vocab)] = (vocab, matcher, entries)
    _, matcher, entries = _MATCHERS[id(vocab)]
    return matcher, entries


def _proper(span: SpacySpan) -> bool:
    """Whether a one-word match reads as a name here (not 'Male' or 'Reading' as common words)."""
    tok = span[0]
    return len(span) > 1 or tok.pos_ == "PROPN" or bool(tok.ent_type_) or tok.text.isupper()


def _rank(entry: RegistryEntry) -> tuple[int, int]:
    """Which entry a shared surface means: people before outlets before countries, then the most populous."""
    return gz.PRIORITY.get(entry.source, 9), -entry.population


def registry_cands(doc: Doc) -> list[Cand]:
    """Registry names, aliases, demonyms, capitals and metonyms found in the text, longest first."""
    matcher, entries = registry_matcher(doc.vocab)
    best: dict[tuple[int, int], RegistryEntry] = {}
    for match_id, start, end in matcher(doc):
        entry = entries[doc.vocab.strings[match_id]]
        span = doc[start:end]
        needs_name = entry.source in ("capital", "metonym", "place") or (
            entry.kind == "alias" and entry.source != "person"
        )
        if "\n" in span.text or (needs_name and not _proper(span)):
            continue
        old = best.get((start, end))
        if old is None or _rank(entry) < _rank(old):
            best[(start, end)] = entry
    spans = filter_spans([doc[s:e] for s, e in best])
    return [
        Cand(
            s.start,
            s.end,
            best[(s.start, s.end)].type,
            best[(s.start, s.end)],
            best[(s.start, s.end)].kind,
            "registry",
        )
        for s in spans
    ]


# ---------------------------------------------------------------- NER spans


def split_at_breaks(doc: Doc, ent: SpacySpan) -> list[SpacySpan]:
    """Cut an entity at line breaks ('Kim\\n Training'): keep the first piece, later ones only if known."""
    pieces: list[SpacySpan] = []
    start = ent.start
    for tok in ent:
        if tok.i > start and ("\n" in doc[tok.i - 1].whitespace_ or tok.is_space):
            pieces.append(doc[start : tok.i])
            start = tok.i
    pieces.append(doc[start : ent.end])
    pieces = [SpacySpan(doc, p.start, p.end, label=ent.label_) for p in pieces if p.text.strip()]
    return pieces[:1] + [p for p in pieces[1:] if gz.lookup(p.text.strip())]


def ner_cands(doc: Doc) -> list[Cand]:
    """spaCy's entities of the kinds we keep (and place-like ones the registry may retype)."""
    cands = []
    for ent in doc.ents:
        if ent.label_ not in KEEP_LABELS | PLACE_LABELS:
            continue
        for piece in split_at_breaks(doc, ent):
            piece = trim(doc, piece)
            if ent.label_ == "PERSON":
                piece = without_title(doc, piece)
            if len(piece) and any(ch.isupper() for ch in piece.text):
                cands.append(Cand(piece.start, piece.end, ent.label_))
    return cands


def trim(doc: Doc, span: SpacySpan) -> SpacySpan:
    """Drop a leading 'the', a trailing possessive and an unclosed '(' tail from an NER span."""
    start, end = span.start, span.end
    while start < end and (doc[start].is_space or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'", "’") or doc[end - 1].is_space):
        end -= 1
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[0] : end]):
        end = opened[0]
    return doc[start:end]


def without_title(doc: Doc, span: SpacySpan) -> SpacySpan:
    """ "Councillor Ravi Menon": an office the NER took into a person's name is left out of it (the title
    mention puts it back as the person's role)."""
    start = span.start
    while start < span.end - 1 and doc[start].lower_ in CORE_ROLE_WORDS and doc[start].is_title:
        start += 1
    return doc[start : span.end]


def title_cased(sent: SpacySpan) -> bool:
    """A headline-style sentence, where capitals say nothing about names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) / len(words) > 0.7


HEADLINE_FUNCTION_WORDS = frozenset(
    "a an the of for to in on at by with from into onto over under after before and or but as than".split()
)


def capitalised_function_word(words: Iterable[Token]) -> bool:
    """ "City Council Backs Budget After", "Stealth Over Health": a capitalised function word after the
    first word marks a headline phrase, not a name ("Bank of America" keeps its "of" lower case)."""
    return any(t.lower_ in HEADLINE_FUNCTION_WORDS and t.text[:1].isupper() for t in list(words)[1:])


def drop_headline_phrases(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """ "Ferry Strike: Port Warns …": an unknown NER name in a title-cased line is no name when it is a
    phrase the article writes in lower case (``written_in_lower_case``), holds a capitalised function
    word ("City Council Backs Budget After"), or, in the headline, is a run of words the body never
    capitalises (``unnamed_in_body``: "Islands Face Shortages"): a headline capitalises every word, the
    body only names."""
    suspects = [c for c in cands if c.source == "ner" and c.entry is None and title_cased(doc[c.start].sent)]
    if not suspects:
        return cands
    cases, top = body_cases(doc), headline_end(doc)
    common = [
        c
        for c in suspects
        if written_in_lower_case(doc[c.start : c.end], cases)
        or capitalised_function_word(doc[c.start : c.end])
        or (c.start < top and unnamed_in_body(doc[c.start : c.end], cases))
    ]
    return [c for c in cands if c not in common]


def headline_end(doc: Doc) -> int:
    """Where the article's opening run of title-cased lines (its headline) ends: the first token of the
    first sentence that is not title-cased (a list of names in the body may be title-cased too)."""
    return next((sent.start for sent in doc.sents if not title_cased(sent)), len(doc))


def body_cases(doc: Doc) -> tuple[set[str], set[str]]:
    """The words the article's body (its lines that are not title-cased) writes in lower case, and those it
    capitalises mid-sentence."""
    body = [t for sent in doc.sents if not title_cased(sent) for t in sent if t.is_alpha]
    return {t.text for t in body if t.text.islower()}, {
        t.text for t in body if t.is_title and not t.is_sent_start
    }


def unnamed_in_body(words: Iterable[Token], cases: tuple[set[str], set[str]]) -> bool:
    """A phrase of two or more words none of which the body capitalises mid-sentence, in an article whose
    body has words of its own: a name in a headline is named again in the body ("Valmora", "Kivi")."""
    lower, capital = cases
    alpha = [t for t in words if t.is_alpha]
    return len(alpha) > 1 and bool(lower) and not any(t.text in capital for t in alpha)


def written_in_lower_case(words: Iterable[Token], cases: tuple[set[str], set[str]]) -> bool:
    """Every word of a capitalised phrase is one the body writes in lower case ("the ferry strike") and
    never capitalises mid-sentence: a common phrase, not a name."""
    lower, capital = cases
    alpha = [t for t in words if t.is_alpha]
    return bool(alpha) and all(t.lower_ in lower and t.text not in capital for t in alpha)


# ---------------------------------------------------------------- merging NER and registry


def _overlaps(a: Cand, b: Cand) -> bool:
    """Token ranges share at least one token."""
    return a.start < b.end and b.start < a.end


def _ner_wins(ner: Cand, inner: list[Cand], doc: Doc) -> bool:
    """Keep a longer NER name over registry matches inside it ('Melania Trump', 'Bank of Korea')."""
    if title_cased(doc[ner.start].sent) or any(c.start < ner.start or c.end > ner.end for c in inner):
        return False
    if ner.label == "PERSON":
        return not any(
            c.entry and c.entry.type == "PERSON" and c.end == ner.end and c.kind == "name" for c in inner
        )
    rest = [t for t in doc[ner.start : ner.end] if not _cand_at(inner, t.i)]
    if any(t.lower_ in ("and", "&", ",", "or") for t in rest):
        return False
    return not (len(rest) == 1 and rest[0].lower_ in REGION_WORDS)


def merge(ner: list[Cand], reg: list[Cand], doc: Doc) -> list[Cand]:
    """One candidate per stretch of text: registry over NER unless NER holds a longer name."""
    kept: list[Cand] = []
    dropped: set[int] = set()
    for cand in ner:
        inner = [r for r in reg if _overlaps(r, cand)]
        exact = [r for r in inner if (r.start, r.end) == (cand.start, cand.end)]
        if exact or (inner and not _ner_wins(cand, inner, doc)):
            continue
        dropped.update(id(r) for r in inner)
        kept.append(_inherit_country(cand, inner, doc))
    kept += [r for r in reg if id(r) not in dropped]
    return sorted(kept, key=lambda c: c.start)


def _inherit_country(cand: Cand, inner: list[Cand], doc: Doc) -> Cand:
    """'North Poland' / 'eastern Ukraine': a compass word before a country keeps that country."""
    rest = [t.lower_ for t in doc[cand.start : cand.end] if not _cand_at(inner, t.i)]
    country = inner[0].entry.country if len(inner) == 1 and inner[0].entry else None
    if country and cand.label in ("GPE", "LOC") and rest and set(rest) <= COMPASS:
        cand.country = country
    return cand


def resolve_ner(cand: Cand, doc: Doc) -> Cand | None:
    """Give an unmatched NER span its registry entry or place; drop non-entity labels left unknown."""
    text = doc[cand.start : cand.end].text
    entry = gz.lookup(text)
    if entry is None and cand.label in PLACE_LABELS - {"NORP"}:
        entry = gz.lookup_place(text)
    if entry is not None:
        return replace(cand, label=entry.type, entry=entry, kind=entry.kind, source="registry")
    if unknown_outlet(doc, cand):
        return replace(cand, label="ORG", role="news outlet")
    return cand if cand.label in KEEP_LABELS else None


def person_after_role(doc: Doc, cand: Cand) -> Cand:
    """ "union leader Marta Ilves": an unknown name of two or more words right after an office word is a
    person, whatever label the NER gave it."""
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if (
        cand.entry is None
        and cand.label != "PERSON"
        and cand.end - cand.start > 1
        and before in CORE_ROLE_WORDS
    ):
        return replace(cand, label="PERSON")
    return cand


PLACE_OF_NOUNS = (
    SPATIAL_NOUNS | COMPASS | REGION_WORDS | {"island", "islands", "port", "town", "village", "coast"}
)


def place_by_position(doc: Doc, cand: Cand) -> Cand:
    """ "the outer islands of Valmora", "the mayor of Brennick": an unknown one-word name the NER calls a
    person is a place where only a place can stand, after "of" and a noun that names part of a place
    (a preposition alone says little: "a stake in Yukos", "analysts at Aton")."""
    if cand.entry is not None or cand.label != "PERSON" or cand.end - cand.start != 1:
        return cand
    tok = doc[cand.start]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in PLACE_OF_NOUNS:
        return replace(cand, label="GPE")
    return cand


def one_label_per_name(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """One sense per article: an unknown name the NER labels differently in different places gets the
    label given most often, the first given on a tie (one thing, one entity)."""
    labels: dict[str, list[str]] = {}
    for cand in cands:
        if cand.source == "ner" and cand.entry is None:
            labels.setdefault(gz.normalize(doc[cand.start : cand.end].text), []).append(cand.label)
    chosen = {name: chosen_label(found) for name, found in labels.items() if len(set(found)) > 1}
    if not chosen:
        return cands
    return [
        replace(c, label=chosen[name])
        if c.source == "ner"
        and c.entry is None
        and (name := gz.normalize(doc[c.start : c.end].text)) in chosen
        else c
        for c in cands
    ]


def chosen_label(labels: list[str]) -> str:
    """The label a name keeps throughout its article (see ``one_label_per_name``)."""
    return max(labels, key=lambda label: (labels.count(label), -labels.index(label)))


def unknown_outlet(doc: Doc, cand: Cand) -> bool:
    """ "the Brennick Courier reported": a name the registry does not know, ending in a word newspapers
    end their names with, is a news outlet when the NER calls it an organisation or "the" comes before it
    (people take no article)."""
    words = doc[cand.start : cand.end]
    if len(words) < 2 or words[-1].text not in gz.outlet_name_heads() or cand.label not in ("PERSON", "ORG"):
        return False
    return cand.label == "ORG" or (cand.start > 0 and doc[cand.start - 1].lower_ == "the")


# ---------------------------------------------------------------- places: capitals and regions


def capital_as_place(cand: Cand, doc: Doc) -> Cand:
    """'to Pyongyang' is the city; 'Pyongyang sent troops' is the government (a country metonym)."""
    if not cand.entry or cand.entry.source != "capital":
        return cand
    tok = doc[cand.end - 1]
    spatial_of = tok.head.lower_ == "of" and tok.head.head.lower_ in COMPASS | SPATIAL_NOUNS
    if tok.dep_ == "pobj" and (tok.head.lower_ in LOCATIVE_PREPS or spatial_of):
        place = gz.lookup_place(doc[cand.start : cand.end].text)
        if place:
            return replace(cand, entry=place, label=place.type, kind="name")
    return cand


def extend_region(cand: Cand, doc: Doc) -> Cand:
    """'Kursk region' / 'Donetsk Oblast': one LOC entity in the place's country."""
    entry = cand.entry
    is_place = cand.label in ("GPE", "LOC") and (
        entry is None or entry.source != "country" or entry.kind == "metonym"
    )
    if not is_place or cand.end >= len(doc) or doc[cand.end].lower_ not in REGION_WORDS:
        return cand
    name = doc[cand.start : cand.end + 1].text
    country = entry.country if entry else None
    region = RegistryEntry(id=f"loc:{gz.slug(name)}", name=name, type="LOC", country=country, source="region")
    return replace(cand, end=cand.end + 1, label="LOC", entry=region, kind="name")


def prefer_regions_in_context(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """'Georgia' among Florida and Utah is the US state: a country name that is also a region of a
    country whose regions the article names twice or more becomes that region."""
    regions = [c.entry for c in cands if c.entry and c.entry.source == "subdivision"]
    out = []
    for cand in cands:
        place = gz.lookup_place(doc[cand.start : cand.end].text) if cand.entry else None
        if (
            cand.entry
            and cand.entry.source == "country"
            and cand.kind == "name"
            and place
            and place.source == "subdivision"
            and place.country != cand.entry.country
            and sum(r.country == place.country and r.id != place.id for r in regions) >= 2
        ):
            cand = replace(cand, entry=place, label=place.type)
        out.append(cand)
    return out


# ---------------------------------------------------------------- titles and roles


def _cand_at(cands: list[Cand], i: int) -> Cand | None:
    """The candidate covering token ``i``."""
    return next((c for c in cands if c.start <= i < c.end), None)


def _title_start(doc: Doc, name: Cand, cands: list[Cand], words: set[str], strip: set[str]) -> int:
    """Walk left from a name over role words, countries, organisations and possessives."""
    i = name.start
    while i > doc[name.start].sent.start:
        tok, other = doc[i - 1], _cand_at(cands, i - 1)
        if other and other.label in ("GPE", "NORP", "ORG"):
            i = other.start
        elif tok.lower_ in words or tok.lower_ in ("'s", "’s"):
            i -= 1
        else:
            break
    while i < name.start and doc[i].lower_ in strip and not _cand_at(cands, i):
        i += 1
    return i


def _title_country(doc: Doc, start: int, end: int, cands: list[Cand]) -> str | None:
    """The country a title names: 'Russian President' -> RUS, 'State Duma Speaker' -> RUS."""
    for cand in cands:
        if start <= cand.start and cand.end <= end and cand.entry and cand.entry.country:
            return cand.entry.country
    return None


def _role_text(doc: Doc, start: int, end: int, cands: list[Cand]) -> str:
    """The office in a title without its country: 'Russian President' -> 'president'."""
    words = [
        t
        for t in doc[start:end]
        if not (c := _cand_at(cands, t.i)) or c.entry is None or c.entry.source != "country"
    ]
    text = " ".join(t.text for t in words if t.lower_ not in ("'s", "’s")).strip()
    return gz.canonical_role(text) if text.lower() == text.lower().strip() and text else text


def _titled(doc: Doc, cand: Cand, cands: list[Cand], words: set[str], core: set[str]) -> Cand | None:
    """The title mention before a name ('Russian President …', 'state news agency KCNA'), if any."""
    strip = {"of", "'s", "’s", "the", "-"} | ({"state"} if core is CORE_ROLE_WORDS else set())
    start = _title_start(doc, cand, cands, words, strip)
    if start == cand.start or not any(t.lower_ in core for t in doc[start : cand.start]):
        return None
    if doc[cand.start - 1].lower_ == "of" and possessor(doc, cand):
        return None  # "the head of Valmora's port" heads the port, not Valmora
    cand.country = cand.country or _title_country(doc, start, cand.start, cands)
    cand.role = _role_text(doc, start, cand.start, cands)
    return replace(cand, start=start, kind="title", source="title")


def possessor(doc: Doc, cand: Cand) -> bool:
    """A name followed by a possessive ("Valmora's port") qualifies the noun after it."""
    return cand.end < len(doc) and doc[cand.end].lower_ in ("'s", "’s", "'", "’")


def add_titles(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """Title mentions for named people and outlets, with the role and country the title gives."""
    role_words = set(gz.registry().roles["words"])
    titled = []
    for cand in cands:
        if cand.label == "PERSON":
            titled.append(_titled(doc, cand, cands, role_words, CORE_ROLE_WORDS))
        elif cand.label == "ORG" and cand.entry and cand.entry.source == "outlet":
            titled.append(_titled(doc, cand, cands, MEDIA_WORDS, CORE_MEDIA_WORDS))
    titled = [t for t in titled if t]
    inside = [
        c
        for c in cands
        if c.entry is None
        and c.label != "PERSON"
        and any(t.start <= c.start and c.end <= t.end for t in titled)
    ]
    return [c for c in cands if c not in inside] + titled


def _role_after(doc: Doc, i: int) -> tuple[str, int] | None:
    """The longest office title starting at token ``i`` ('foreign minister') and where it ends."""
    surfaces = gz.registry().roles["surfaces"]
    for n in (4, 3, 2, 1):
        if i + n <= len(doc):
            text = " ".join(t.lower_ for t in doc[i : i + n])
            if text in surfaces:
                return surfaces[text], i + n
    return None


def _role_mention(doc: Doc, country: Cand, date: str | None, cands: list[Cand]) -> Cand | None:
    """'the Russian president' / "Russia's foreign minister" with no name after it -> the office holder."""
    i = country.end + (1 if country.end < len(doc) and doc[country.end].lower_ in ("'s", "’s") else 0)
    found = _role_after(doc, i)
    if not found or not country.entry:
        return None
    role, end = found
    nxt = _cand_at(cands, end) if end < len(doc) else None
    if nxt and nxt.label == "PERSON":
        return None
    person = gz.person_by_role(role, country.entry.country, date)
    if person is None:
        return None
    start = country.start
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    return Cand(start, end, "PERSON", person, "title", "role")


def add_role_mentions(doc: Doc, cands: list[Cand], date: str | None) -> list[Cand]:
    """Offices named without a name, resolved through the registry at the publication date."""
    countries = [c for c in cands if c.entry and c.entry.source == "country" and c.entry.kind != "metonym"]
    found = [m for c in countries if (m := _role_mention(doc, c, date, cands))]
    return cands + found


# ---------------------------------------------------------------- nominals ("the reclusive state")


def _nominal_head(tok) -> bool:  # noqa: ANN001  (spaCy Token)
    """A lowercase singular 'state/country/nation…' heading its own definite noun phrase."""
    return (
        tok.lower_ in NOMINAL_HEADS
        and tok.text.islower()
        and tok.tag_ == "NN"
        and tok.dep_ not in ("compound", "amod")
        and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "of")
    )


def _nominal_start(tok, cands: list[Cand]) -> int | None:  # noqa: ANN001
    """Start of 'the [adjectives] state' ('the European nation' too), None for other shapes."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].pos_ in ("ADJ", "ADV", "PROPN") and _modifier_ok(tok.doc[i], cands):
        i -= 1
    return i if i >= 0 and tok.doc[i].lower_ == "the" and i < tok.i - 1 else None


def _modifier_ok(tok, cands: list[Cand]) -> bool:  # noqa: ANN001
    """Lowercase adjectives, or a region adjective; not a country's ('the Russian state' is Russia)."""
    cand = _cand_at(cands, tok.i)
    if cand is None:
        return tok.text.islower()
    return cand.entry is not None and cand.entry.source != "country"


def _subject_country(tok, cands: list[Cand]) -> str | None:  # noqa: ANN001
    """Country of a person subject of the verb governing ``tok`` ('Putin visited …' -> RUS)."""
    subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    cand = _cand_at(cands, subj.i) if subj is not None else None
    if cand is None or cand.label != "PERSON":
        return None
    return cand.entry.country if cand.entry else cand.country


def add_nominals(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """'the reclusive state' -> the latest country named (not by a demonym) before it, not the subject's."""
    found = []
    for tok in doc:
        start = _nominal_start(tok, cands) if _nominal_head(tok) and not _cand_at(cands, tok.i) else None
        if start is None:
            continue
        own = _subject_country(tok, cands)
        earlier = [
            c
            for c in cands
            if c.end <= start
            and c.entry
            and c.entry.source == "country"
            and c.kind != "demonym"
            and c.entry.country != own
            and tok.sent.start - c.start < 80
        ]
        if earlier:
            found.append(Cand(start, tok.i + 1, "GPE", earlier[-1].entry, "nominal", "nominal"))
    return cands + found


# ---------------------------------------------------------------- clustering


def _name_tokens(text: str) -> list[str]:
    """Name words without possessive: "Putin's" -> ['putin']."""
    return [w for w in gz.normalize(text).split() if w]


def _person_key(cand: Cand, doc: Doc, full: list[tuple[int, str, list[str]]]) -> str:
    """Cluster key of a PERSON mention: registry id, a full name used in the article, or its own slug."""
    if cand.entry:
        return cand.entry.id
    words = _name_tokens(doc[cand.start : cand.end].text)
    linked = [(pos, key) for pos, key, toks in full if _part_of_name(words, toks)]
    before = [x for x in linked if x[0] < cand.start]
    if linked:
        return before[-1][1] if before else linked[0][1]
    return f"person:{gz.slug(' '.join(words))}"


def _part_of_name(words: list[str], full: list[str]) -> bool:
    """'Assad' / 'al Assad' / 'Kim' are the start or end of 'Bashar al Assad' / 'Kim Jong Un'."""
    n = len(words)
    return 0 < n < len(full) and (full[:n] == words or full[-n:] == words)


def relabel_surnames(cands: list[Cand], doc: Doc) -> None:
    """NER often calls a lone surname ORG or GPE ('Pelosi said'): a part of a full name is a PERSON."""
    people = [c for c in cands if c.label == "PERSON" and c.kind != "title"]
    full = [_name_tokens(doc[c.start : c.end].text) for c in people]
    for cand in cands:
        if cand.entry is None and cand.label != "PERSON":
            words = _name_tokens(doc[cand.start : cand.end].text)
            if any(_part_of_name(words, name) for name in full):
                cand.label = "PERSON"


FAMILY_NAME_FIRST = {"PRK", "KOR", "CHN", "VNM"}


def add_surname_mentions(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """Lone surnames NER missed ('Okafor said'): a proper noun equal to a full name's family name."""
    family = set()
    for cand in cands:
        words = doc[cand.start : cand.end].text.split()
        if cand.label == "PERSON" and cand.kind != "title" and len(words) > 1:
            first = cand.entry is not None and cand.entry.country in FAMILY_NAME_FIRST
            family.add(words[0] if first else words[-1])
    found = []
    for tok in doc:
        alone = not (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN") and not (
            tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"
        )
        if tok.text in family and tok.pos_ == "PROPN" and alone and not _cand_at(cands, tok.i):
            found.append(Cand(tok.i, tok.i + 1, "PERSON"))
    return cands + found


def cluster_keys(cands: list[Cand], doc: Doc) -> None:
    """Give every candidate its entity id: registry ids, linked surnames, slugs."""
    full = []
    for cand in cands:
        if cand.label == "PERSON" and cand.kind != "title":
            words = _name_tokens(doc[cand.start : cand.end].text)
            key = cand.entry.id if cand.entry else f"person:{gz.slug(' '.join(words))}"
            if len(words) > 1:
                full.append((cand.start, key, words))
    for cand in cands:
        if cand.label == "PERSON":
            cand.key = _person_key(cand, doc, full)
        elif cand.entry:
            cand.key = cand.entry.id
        else:
            text = gz.normalize(doc[cand.start : cand.end].text)
            cand.key = f"{PREFIX.get(cand.label, 'ent')}:{gz.slug(text)}"
    for cand in cands:
        if cand.source == "title" and cand.label == "PERSON" and not cand.entry:
            base = next((c for c in cands if c.end == cand.end and c.source != "title" and c.key), None)
            cand.key = base.key if base else cand.key


def build_entity(key: str, group: list[Cand], ctx: Context) -> Entity:
    """One Entity from its clustered candidates, mentions as original-text spans."""
    doc, date = ctx.doc, ctx.article.published
    entry = next((c.entry for c in group if c.entry and c.entry.id == key), None) or gz.by_id(key)
    names = [doc[c.start : c.end].text for c in group if c.kind in ("name", "alias")] or [
        doc[c.start : c.end].text for c in group
    ]
    label = entry.type if entry else max({c.label for c in group}, key=[c.label for c in group].count)
    roles = entry.roles_at(date) if entry else sorted({c.role for c in group if c.role})
    country = entry.country if entry else next((c.country for c in group if c.country), None)
    mentions, seen = [], set()
    for cand in sorted(group, key=lambda c: (c.start, c.end)):
        span = ctx.span(doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1]))
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            mentions.append(Mention(start=span.start, end=span.end, text=span.text, kind=cand.kind))
    return Entity(
        id=key,
        name=entry.name if entry else max(names, key=len).strip(),
        type=label,
        country=country,
        roles=roles,
        state_media=bool(entry and entry.state_media),
        wikidata=entry.wikidata if entry else None,
        mentions=mentions,
    )


def find_cands(doc: Doc, date: str | None) -> list[Cand]:
    """All mention candidates of the document, resolved and refined."""
    merged = merge(ner_cands(doc), registry_cands(doc), doc)
    cands = [c2 for c in merged if (c2 := (resolve_ner(c, doc) if c.source == "ner" else c))]
    cands = drop_headline_phrases(doc, cands)
    cands = one_label_per_name(doc, [place_by_position(doc, person_after_role(doc, c)) for c in cands])
    cands = [extend_region(capital_as_place(c, doc), doc) for c in cands]
    cands = prefer_regions_in_context(doc, cands)
    cands = add_titles(doc, cands)
    cands = add_role_mentions(doc, cands, date)
    return add_nominals(doc, cands)


@register("entities", field="entities", requires=("token.pos", "token.dep", "doc.ents", "doc.sents"))
def extract_entities(ctx: Context) -> list[Entity]:
    """Canonical entities of the article with every name, title, demonym, metonym and nominal mention."""
    cands = find_cands(ctx.doc, ctx.article.published)
    relabel_surnames(cands, ctx.doc)
    cands = add_surname_mentions(ctx.doc, cands)
    cluster_keys(cands, ctx.doc)
    groups: dict[str, list[Cand]] = {}
    for cand in sorted(cands, key=lambda c: c.start):
        groups.setdefault(cand.key, []).append(cand)
    return [build_entity(key, group, ctx) for key, group in groups.items()]


def entity_for_span(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity best covering an original-text span (e.g. a speaker), by widest mention overlap."""
    best, best_score = None, (0, 0)
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            score = (overlap, -abs((m.end - m.start) - (end - start)))
            if overlap > 0 and score > best_score:
                best, best_score = entity, score
    return best
