"""Numeric claims: figures with qualifier, unit and the attribution that carries them."""

from __future__ import annotations

from according.context import Context
from according.records import Claim
from according.registry import register


@register("claims", field="claims")
def extract_claims(ctx: Context) -> list[Claim]:
    """Placeholder until the claims extractor lands."""
    return []
