"""Score a run on one document against a hand-made gold record (format of ../shared/examples/*.gold.json).

Matching follows that folder's README: whitespace and quote marks normalised; contents match on character
Jaccard >= 0.5 or >= 0.8 coverage of the gold span; chains match when they name the same sources in order
(an alias ending in the gold name counts); ``accept`` lists alternatives; optional attributions are neither
required nor errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from according.eval.matching import content_matches, locate, names_match, normalise, normalised_with_map, prf
from according.records import Attribution, Record

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}


def load_gold(path: Path) -> dict[str, Any]:
    """The gold record, with a clear error when the file is missing or not JSON."""
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise typer.BadParameter(f"{path}: cannot read gold record ({exc})") from exc


def pred_span(attr: Attribution) -> tuple[int, int]:
    """A predicted content as one span from its first to its last piece."""
    return attr.content[0].start, attr.content[-1].end


def match_attributions(record: Record, gold: list[dict], norm) -> list[tuple[dict, Attribution | None]]:
    """Greedy one-to-one matching of gold attributions to predictions by content overlap."""
    used: set[str] = set()
    pairs = []
    for item in gold:
        span = locate(record.article.text, item["content"], norm)
        found = None
        if span:
            for attr in record.attributions:
                if attr.id not in used and content_matches(pred_span(attr), span):
                    found = attr
                    used.add(attr.id)
                    break
        pairs.append((item, found))
    return pairs


def speaker_right(item: dict, attr: Attribution) -> bool:
    """The predicted speaker's name (or non-pronoun mention) is the gold speaker or an accepted one."""
    golds = [item.get("speaker")] + item.get("accept", {}).get("speaker", [])
    golds = [g for g in golds if g]
    if not attr.speaker:
        return not golds
    said = [attr.speaker.name] + ([attr.speaker.mention.text] if attr.speaker.mention else [])
    said = [s for s in said if normalise(s) not in PRONOUNS]
    return any(normalise(s) == normalise(g) for s in said for g in golds)


def chain_right(item: dict, attr: Attribution) -> bool:
    """Same relaying sources in the same order (aliases allowed), or an accepted alternative chain."""
    options = [item.get("chain", [])] + item.get("accept", {}).get("chain", [])
    names = [
        [link.source.name] + ([link.source.mention.text] if link.source.mention else [])
        for link in attr.chain
    ]
    return any(
        len(option) == len(names)
        and all(any(names_match(n, g) for n in alts) for alts, g in zip(names, option, strict=True))
        for option in options
    )


def score_attributions(record: Record, gold: dict, norm) -> dict[str, Any]:
    """P/R/F1 of attribution contents, plus speaker and chain accuracy on matched attributions."""
    pairs = match_attributions(record, gold.get("attributions", []), norm)
    matched = [(g, a) for g, a in pairs if a is not None]
    optional = match_attributions(record, gold.get("optional_attributions", []), norm)
    ignored = {a.id for _, a in optional if a is not None} - {a.id for _, a in matched}
    fp = len(record.attributions) - len(matched) - len(ignored)
    result = prf(len(matched), fp, len(pairs) - len(matched))
    speakers = sum(speaker_right(g, a) for g, a in matched)
    chains = sum(chain_right(g, a) for g, a in matched)
    relayed = [(g, a) for g, a in matched if g.get("chain")]
    relayed_right = sum(chain_right(g, a) for g, a in relayed)
    result["speaker_accuracy"] = round(speakers / len(matched), 4) if matched else 0.0
    result["chain_accuracy"] = round(chains / len(matched), 4) if matched else 0.0
    result["relayed_chain_accuracy"] = round(relayed_right / len(relayed), 4) if relayed else 0.0
    result["found_with_speaker"] = speakers
    result["chains_right"] = chains
    result["relayed"] = len(relayed)
    result["relayed_chains_right"] = relayed_right
    result["gold"] = len(pairs)
    result["misses"] = [g["id"] for g, a in pairs if a is None or not speaker_right(g, a)]
    result["wrong_chains"] = [g["id"] for g, a in matched if not chain_right(g, a)]
    return result


def score_times(record: Record, gold: dict) -> dict[str, Any]:
    """Time expressions matched one-to-one by text; value accuracy on the matched ones."""
    left = list(record.times)
    tp = right = 0
    for item in gold.get("times", []):
        hit = next((t for t in left if normalise(item["text"]) in normalise(t.span.text)), None)
        if hit:
            left.remove(hit)
            tp += 1
            right += hit.value == item["value"]
    result = prf(tp, len(left), len(gold.get("times", [])) - tp)
    result["value_accuracy"] = round(right / tp, 4) if tp else 0.0
    result["values_right"] = right
    return result


def entity_names(entity) -> list[str]:
    """An entity's name and every mention text."""
    return [entity.name] + [m.text for m in entity.mentions]


def find_entity(record: Record, name: str, used: set[str]):
    """The unused predicted entity named ``name``: exact names first, then lenient (alias) matches."""
    free = [e for e in record.entities if e.id not in used]
    exact = [e for e in free if any(normalise(n) == normalise(name) for n in entity_names(e))]
    lenient = [e for e in free if any(names_match(n, name) for n in entity_names(e))]
    return (exact or lenient or [None])[0]


def score_entities(record: Record, gold: dict) -> dict[str, Any]:
    """Gold entities found (by name or any mention), country accuracy, and glued-name errors."""
    used: set[str] = set()
    tp = countries = 0
    for item in gold.get("entities", []):
        hit = find_entity(record, item["name"], used)
        if hit:
            used.add(hit.id)
            tp += 1
            countries += item.get("country") is None or hit.country == item.get("country")
    result = prf(tp, len(record.entities) - tp, len(gold.get("entities", [])) - tp)
    result["country_accuracy"] = round(countries / tp, 4) if tp else 0.0
    result["crossing_parts"] = sum(
        not any(p.start <= m.start and m.end <= p.end for p in record.article.parts)
        for e in record.entities
        for m in e.mentions
    )
    return result


def claim_right(item: dict, claim, sources: dict[str, str]) -> bool:
    """Same quantity (number or word) and the source attribution the gold names."""
    quantity = item["quantity"]
    if isinstance(quantity, str):
        same = normalise(quantity) in normalise(claim.quantity_text)
    else:
        same = claim.quantity is not None and abs(claim.quantity - quantity) < 1e-6
    return same


def score_claims(record: Record, gold: dict, attribution_of: dict[str, str]) -> dict[str, Any]:
    """Claims matched by quantity; qualifier and source accuracy on the matched ones."""
    left = list(record.claims)
    tp = qualifiers = sources = 0
    for item in gold.get("claims", []):
        hit = next((c for c in left if claim_right(item, c, attribution_of)), None)
        if hit:
            left.remove(hit)
            tp += 1
            qualifiers += normalise(hit.qualifier or "") == normalise(item.get("qualifier") or "")
            sources += attribution_of.get(item.get("source") or "", None) == hit.attribution_id
    result = prf(tp, len(left), len(gold.get("claims", [])) - tp)
    result["qualifier_accuracy"] = round(qualifiers / tp, 4) if tp else 0.0
    result["source_accuracy"] = round(sources / tp, 4) if tp else 0.0
    return result


def event_countries(ids: list[str], record: Record) -> set[str]:
    """Country codes of event participants (``country:RUS`` ids or the entity's country)."""
    by_id = {e.id: e for e in record.entities}
    codes = set()
    for ident in ids:
        if ident.startswith("country:"):
            codes.add(ident.split(":", 1)[1])
        elif ident in by_id and by_id[ident].country:
            codes.add(by_id[ident].country)
    return codes


def score_events(record: Record, gold: dict, norm) -> dict[str, Any]:
    """Events matched by evidence overlap and type (or an accepted type); actor and date accuracy."""
    left = list(record.events)
    tp = actors = dates = 0
    for item in gold.get("events", []):
        span = locate(record.article.text, item["evidence"], norm)
        types = {item["type"], *item.get("accept", {}).get("type", [])}
        hit = next((e for e in left if span and e.type in types and overlaps(e, span)), None)
        if hit:
            left.remove(hit)
            tp += 1
            actors += event_countries(hit.actors, record) == set(item.get("actors", []))
            dates += item.get("date") is None or hit.date == item.get("date")
    result = prf(tp, len(left), len(gold.get("events", [])) - tp)
    result["actor_accuracy"] = round(actors / tp, 4) if tp else 0.0
    result["date_accuracy"] = round(dates / tp, 4) if tp else 0.0
    return result


def overlaps(event, span: tuple[int, int]) -> bool:
    """The event's trigger or evidence overlaps the gold evidence span."""
    for own in (event.trigger, event.evidence):
        if own.start < span[1] and span[0] < own.end:
            return True
    return False


def score_not_body(record: Record, gold: dict, norm) -> dict[str, Any]:
    """Each gold non-body line lies in a non-body part and in no body paragraph."""
    right = 0
    for line in gold.get("not_body", []):
        span = locate(record.article.text, line, norm)
        body = [p for p in record.article.parts if p.kind in ("body", "headline")]
        if span and not any(p.start < span[1] and span[0] < p.end for p in body):
            right += 1
    return {"correct": right, "total": len(gold.get("not_body", []))}


def score(record: Record, gold: dict) -> dict[str, Any]:
    """Every figure for one document, by record type."""
    norm = normalised_with_map(record.article.text)
    pairs = match_attributions(record, gold.get("attributions", []), norm)
    attribution_of = {g["id"]: a.id for g, a in pairs if a is not None and "id" in g}
    return {
        "attributions": score_attributions(record, gold, norm),
        "times": score_times(record, gold),
        "entities": score_entities(record, gold),
        "claims": score_claims(record, gold, attribution_of),
        "events": score_events(record, gold, norm),
        "not_body": score_not_body(record, gold, norm),
    }


def corpus_text(gold_path: Path, corpus: dict[str, str]) -> tuple[str, str]:
    """The text of a corpus article a gold record points to, and its source name.

    ``{"file": "news/bbc2225.jsonl", "id": "bbc/business/098"}`` is looked up in the first
    ``shared/corpora`` folder found beside the gold record or one of the folders above it, so texts that
    may not be copied into the repository are read from ``../shared``.
    """
    for folder in gold_path.resolve().parents:
        path = folder / "shared" / "corpora" / corpus["file"]
        if path.is_file():
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    row = json.loads(line)
                    if row.get("id") == corpus["id"]:
                        return row["text"], f"{path}#{corpus['id']}"
            raise typer.BadParameter(f"{gold_path}: {corpus['id']} not in {path}")
    raise typer.BadParameter(f"{gold_path}: no shared/corpora/{corpus['file']} above it")


def gold_text(gold_path: Path, gold: dict[str, Any]) -> tuple[str, str]:
    """The text a gold record scores: its document in the same folder, or a corpus article it points to."""
    if "corpus" in gold:
        return corpus_text(gold_path, gold["corpus"])
    doc_path = gold_path.parent / gold["document"]
    if not doc_path.is_file():
        raise typer.BadParameter(f"{gold_path}: document {doc_path} not found")
    return doc_path.read_text("utf-8"), str(doc_path)


def run_gold(gold_path: Path) -> dict[str, Any]:
    """Run the pipeline on the document a gold record names (same folder or a corpus) and score it."""
    from according.pipeline import extract_text

    gold = load_gold(gold_path)
    text, source = gold_text(gold_path, gold)
    record = extract_text(text, published=gold.get("published"), source=source)
    return score(record, gold)


COUNTS = ("tp", "fp", "fn", "found_with_speaker", "chains_right", "relayed", "relayed_chains_right")


def pooled_attributions(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Attribution figures over many documents, pooled (micro-averaged) from their counts."""
    totals = {k: sum(r["attributions"][k] for r in results.values()) for k in COUNTS}
    pooled = prf(totals["tp"], totals["fp"], totals["fn"])
    matched = totals["tp"]
    pooled["speaker_accuracy"] = round(totals["found_with_speaker"] / matched, 4) if matched else 0.0
    pooled["chain_accuracy"] = round(totals["chains_right"] / matched, 4) if matched else 0.0
    relayed = totals["relayed"]
    pooled["relayed_chain_accuracy"] = round(totals["relayed_chains_right"] / relayed, 4) if relayed else 0.0
    pooled.update({k: totals[k] for k in COUNTS[3:]})
    pooled["documents"] = len(results)
    return pooled


def run_gold_folder(folder: Path) -> dict[str, Any]:
    """Score every ``*.gold.json`` under a folder: pooled attribution figures and each document's."""
    paths = sorted(folder.rglob("*.gold.json"))
    if not paths:
        raise typer.BadParameter(f"{folder}: no *.gold.json records in it")
    results = {str(p.relative_to(folder)): run_gold(p) for p in paths}
    documents = {
        name: {k: r["attributions"][k] for k in ("tp", "fp", "fn", "misses", "wrong_chains")}
        for name, r in results.items()
    }
    return {"attributions": pooled_attributions(results), "documents": documents}


def command(
    gold_file: Annotated[
        Path,
        typer.Argument(
            help="A gold record (JSON) naming its document, or a folder of *.gold.json records to pool."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score the pipeline against hand-made gold records: one document, or a whole folder pooled."""
    result = run_gold_folder(gold_file) if gold_file.is_dir() else run_gold(gold_file)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    from according.eval.report import print_scores

    shown = {"attributions": result["attributions"]} if gold_file.is_dir() else result
    print_scores(f"gold: {gold_file.name}", shown)
