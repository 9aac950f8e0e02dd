"""Pandera models of the published tables: the single source of truth for the dataset's schema."""

from schemas.tables import (FOREIGN_KEYS, PRIMARY_KEYS, REDIRECTS, SCHEMA_VERSION, SPAN_TABLES, TABLES, Change,
                            ClusterRedirects, Entities, EntityRedirects, Mentions, Sources, Statements)

__all__ = ["FOREIGN_KEYS", "PRIMARY_KEYS", "REDIRECTS", "SCHEMA_VERSION", "SPAN_TABLES", "TABLES", "Change",
           "ClusterRedirects", "Entities", "EntityRedirects", "Mentions", "Sources", "Statements"]
