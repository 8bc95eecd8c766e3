"""Built-in extractors; importing this package registers them by name (see according.registry)."""

from according.extract import attribution, claims, entities, events, state_media, time  # noqa: F401
