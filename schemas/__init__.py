"""Pandera models of the published tables: the single source of truth for the dataset's schema."""

from schemas.tables import (FOREIGN_KEYS, PRIMARY_KEYS, REDIRECTS, SCHEMA_VERSION, SPAN_TABLES, TABLES, Change,
                            ClusterRedirects, Entities, EntityRedirects, Fetches, Mentions, Sources, Statements,
                            Stories)

__all__ = ["FOREIGN_KEYS", "PRIMARY_KEYS", "REDIRECTS", "SCHEMA_VERSION", "SPAN_TABLES", "TABLES", "Change",
           "ClusterRedirects", "Entities", "EntityRedirects", "Fetches", "Mentions", "Sources", "Statements",
           "Stories"]
