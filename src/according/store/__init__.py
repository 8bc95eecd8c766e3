"""The archive: every Record in one SQLite file, trails across articles, queries and exports."""

from according.store.query import QueryError
from according.store.sqlite import SCHEMA_VERSION, Archive, ArchiveError, IngestSummary

__all__ = ["SCHEMA_VERSION", "Archive", "ArchiveError", "IngestSummary", "QueryError"]
