"""Web pages to article text and metadata.

trafilatura gives the body (precision mode unless it loses most of the text; captions, asides and related
boxes pruned), the byline and the site name; the page's own JSON-LD and <meta> tags give the title, date
and canonical URL, and fill whatever trafilatura misses. Outlet names go through the outlet registry.
"""

from __future__ import annotations

import codecs
import copy
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import trafilatura
from lxml import html as lxml_html

from according.ingest.encoding import bom_encoding, decode_bytes, looks_binary
from according.ingest.text import is_credit, is_related
from according.records import ErrorRecord

# trafilatura and htmldate log every page they cannot parse at ERROR level; a batch reports those itself
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# page furniture that is never body text: captions, asides, share bars, related-story boxes
PRUNE_XPATH = [
    "//figcaption",
    "//aside",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' related ')]",
    "//*[contains(@class, 'related-') or contains(@class, 'read-more') or contains(@class, 'readmore')]",
    "//*[contains(@class, 'caption') and not(descendant::p[string-length(normalize-space()) > 200])]",
]
META_TITLE = ("dc:title", "dc.title", "dcterm:title", "og:title", "twitter:title", "headline", "title")
SITE_SEPARATOR_RE = re.compile(r"\s+(?:[|·»/\\_]|[-–—:])\s+(?=[^|·»/\\_–—-]+$)|\s*[_|]\s*(?=[^_|]+$)")
META_DATE = (
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "og:published_time",
)
META_AUTHOR = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")
META_SITE = ("og:site_name", "application-name", "publisher")
MIN_WORDS = 1
ARTICLE_TYPES = ("BlogPosting", "Report", "LiveBlogPosting")
PRECISION_KEEP = 3  # precision mode may drop up to two thirds of the default text (boilerplate)
CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass
class HtmlDoc:
    """What one web page holds: body text (paragraphs split by blank lines) and its metadata."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None

    def meta(self) -> dict[str, str | None]:
        """The metadata fields as a plain dict (the body text left out)."""
        keys = ("url", "title", "byline", "published", "outlet", "language")
        return {key: getattr(self, key) for key in keys}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first <meta>, when Python knows that codec."""
    match = CHARSET_RE.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, source: str) -> str | ErrorRecord:
    """A page's markup as text: clean UTF-8 first (often mis-declared as Latin-1), then the declared
    charset when it decodes cleanly, else detection; binary junk is refused."""
    charset = declared_charset(data)
    if bom_encoding(data) or looks_binary(data) or charset in (None, "utf-16", "utf-32"):
        return decode_bytes(data, source)
    for name in ("utf-8", charset):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return text if text.strip() else ErrorRecord(input=source, stage="read", reason="empty input")
    return decode_bytes(data, source)


def parse_tree(html: str) -> Any | None:
    """An lxml tree of the page, or None when lxml can make nothing of it."""
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)  # pages nested 255+ levels deep
        return lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml raises several error types on junk; all mean "no tree"
        return None


def meta_values(tree: Any) -> dict[str, str]:
    """<meta name|property|itemprop=… content=…> as a lower-cased key → first value map."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        keys = node.get("property") or node.get("name") or node.get("itemprop") or ""
        value = " ".join((node.get("content") or "").split())
        for key in keys.lower().split():
            if value:
                found.setdefault(key, value)
    return found


def json_ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's ld+json scripts, @graph members included."""
    for node in tree.xpath("//script[@type='application/ld+json']"):
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", node.text_content() or "")
        try:
            data, _end = json.JSONDecoder().raw_decode(raw.strip())
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                yield item
                stack.extend(g for g in item.get("@graph", []) if isinstance(g, dict))


def ld_name(value: Any) -> str | None:
    """The name in a JSON-LD person/organisation value (a string, an object or a list of them)."""
    if isinstance(value, list):
        names = [n for n in (ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def ld_article(tree: Any) -> dict[str, Any]:
    """The page's JSON-LD article-like object (NewsArticle, Article, BlogPosting, …), or {}."""
    for item in json_ld_items(tree):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and (k.endswith("Article") or k in ARTICLE_TYPES) for k in kinds):
            return item
    return {}


def first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` present in ``values``."""
    return next((values[k] for k in keys if values.get(k)), None)


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO-like or free-form date string, or None when it is no date."""
    if not value:
        return None
    text = value.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        import dateparser

        parsed = dateparser.parse(text[:64], settings={"STRICT_PARSING": True})
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if isinstance(parsed, datetime) else None


def ld_date(article: dict[str, Any], tree: Any) -> str | None:
    """datePublished of the JSON-LD article, else of any JSON-LD item (WebPage, @graph members)."""
    for item in [article, *json_ld_items(tree)]:
        value = item.get("datePublished")
        if isinstance(value, str) and iso_date(value):
            return iso_date(value)
    return None


def page_fallbacks(tree: Any) -> dict[str, str | None]:
    """Title, byline, date, site name and canonical URL read straight from <meta>, <link> and JSON-LD."""
    metas = meta_values(tree)
    ld = ld_article(tree)
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    title_node = tree.find(".//title")
    tag_title = " ".join(title_node.text_content().split()) if title_node is not None else None
    return {
        "title": ld_name(ld.get("headline")) or first(metas, META_TITLE) or tag_title,
        "byline": ld_name(ld.get("author")) or first(metas, META_AUTHOR),
        "published": ld_date(ld, tree) or iso_date(first(metas, META_DATE)),
        "outlet": ld_name(ld.get("publisher")) or first(metas, META_SITE),
        "url": (canonical[0].strip() if canonical else None) or metas.get("og:url"),
    }


def strip_site(title: str | None, outlet: str | None) -> str | None:
    """A title without a trailing " | Site" part: after "|", or after any separator naming the outlet."""
    if not title:
        return title
    match = SITE_SEPARATOR_RE.search(title)
    if not match or len(title[: match.start()].split()) < 2:
        return title
    tail = title[match.end() :].strip().casefold()
    names_site = bool(outlet) and (tail in outlet.casefold() or outlet.casefold() in tail)
    if match.group(0).strip() in "|_" and len(tail.split()) <= 4 or names_site:
        return title[: match.start()].strip()
    return title


def lookup_outlet(name: str | None, url: str | None) -> str | None:
    """The outlet's canonical name from the outlet registry (by URL, then by name), else ``name``."""
    from according import gazetteer

    entry = _call_quietly(gazetteer.outlet_for_domain, url) if url else None
    entry = entry or (_call_quietly(gazetteer.outlet_by_name, name) if name else None)
    return entry.name if entry is not None else name


def _call_quietly(func: Any, key: str) -> Any:
    """Call a registry lookup without letting its failure stop ingestion."""
    try:
        return func(key)
    except Exception:  # the registry is another module's code: a miss, never a crash
        return None


def clean_body(text: str) -> str:
    """Paragraphs separated by blank lines; "Read more"/"Related" lines and photo credits dropped."""
    paras = [p.strip() for p in text.splitlines()]
    kept = [p for p in paras if p and not is_related(p) and not (is_credit(p) and len(p) < 80)]
    return "\n\n".join(kept)


def run_trafilatura(html: Any, url: str | None, precision: bool) -> Any | None:
    """trafilatura's body (comments, captions and asides pruned) and, in precision mode, its metadata;
    ``html`` is markup or a parsed tree (copied, as trafilatura prunes what it is given)."""
    try:
        return trafilatura.bare_extraction(
            html if isinstance(html, str) else copy.deepcopy(html),
            url=url,
            with_metadata=precision,
            include_comments=False,
            include_tables=True,
            prune_xpath=PRUNE_XPATH,
            favor_precision=precision,
        )
    except Exception:  # trafilatura can raise on pathological markup; treat as "no article"
        return None


def best_extraction(html: Any, url: str | None) -> tuple[str, Any | None]:
    """The body text, precision-first unless that kept under a third of what the default run found,
    and the precision run's document (for its metadata; None when it found nothing)."""
    precise = run_trafilatura(html, url, precision=True)
    default = run_trafilatura(html, url, precision=False)
    precise_text = (precise.text or "") if precise is not None else ""
    default_text = (default.text or "") if default is not None else ""
    keep = precise_text and len(precise_text) * PRECISION_KEEP >= len(default_text)
    return (precise_text if keep else default_text), precise


def link_texts(tree: Any) -> set[str]:
    """The normalised texts of the page's links (menus, tag lists, related-story lists)."""
    return {" ".join(a.text_content().split()).casefold() for a in tree.iter("a")}


def only_links(body: str, tree: Any) -> bool:
    """Every paragraph of the extracted text is a link label: navigation, not an article."""
    links = link_texts(tree)
    return all(" ".join(p.split()).casefold() in links for p in body.split("\n\n"))


def drop_title(body: str, title: str | None) -> str:
    """The body without a first paragraph that repeats the headline (the title lives in the metadata)."""
    first, _, rest = body.partition("\n\n")
    if title and rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return body


def extract_html(html: str, url: str | None = None) -> HtmlDoc | None:
    """The article in a web page with its metadata, or None when the page holds no article text."""
    tree = parse_tree(html)
    if tree is None:
        return None
    text, doc = best_extraction(html, url)
    if not text.strip():  # trafilatura's own parse stops 255 levels deep; ours does not
        text, doc = best_extraction(tree, url)
    body = clean_body(text)
    if len(body.split()) < MIN_WORDS or only_links(body, tree):
        return None
    found = page_fallbacks(tree)
    traf = {
        key: getattr(doc, key, None) for key in ("url", "title", "author", "sitename", "date", "language")
    }
    site_url = traf["url"] or found["url"] or url
    title = strip_site(found["title"] or traf["title"], traf["sitename"] or found["outlet"])
    return HtmlDoc(
        text=drop_title(body, title),
        title=title,
        byline=traf["author"] or found["byline"],
        published=found["published"] or iso_date(traf["date"]),
        outlet=lookup_outlet(traf["sitename"] or found["outlet"], site_url),
        url=site_url,
        language=traf["language"],
    )
