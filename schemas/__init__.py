"""Pandera models of the published tables: the single source of truth for the dataset's schema."""

from schemas.tables import (FOREIGN_KEYS, PRIMARY_KEYS, SCHEMA_VERSION, SPAN_TABLES, TABLES, Entities, Fetches,
                            Mentions, Sources, Statements, Stories)

__all__ = ["FOREIGN_KEYS", "PRIMARY_KEYS", "SCHEMA_VERSION", "SPAN_TABLES", "TABLES", "Entities", "Fetches",
           "Mentions", "Sources", "Statements", "Stories"]
