"""newsledger: who said what in the news, as validated Parquet tables."""

__version__ = "0.1.0"
