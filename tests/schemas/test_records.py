from dataclasses import fields

from schemas import TABLES
from schemas.records import Fetch, FoundMention, FoundStatement, Source


def test_a_source_record_is_a_row_of_the_sources_table():
    assert [f.name for f in fields(Source)] == list(TABLES["sources"].to_schema().columns)


def test_a_fetch_record_is_a_row_of_the_fetches_table():
    assert [f.name for f in fields(Fetch)] == list(TABLES["fetches"].to_schema().columns)


def test_found_spans_carry_the_columns_their_tables_take_from_them():
    statement_columns = set(TABLES["statements"].to_schema().columns)
    assert {"kind", "text", "char_start", "char_end", "cue", "speaker"} <= {f.name for f in fields(FoundStatement)}
    assert {"kind", "text", "char_start", "char_end", "cue", "speaker"} <= statement_columns
    # a mention's title is context for resolving it, not a published column
    assert {f.name for f in fields(FoundMention)} - {"title"} <= set(TABLES["mentions"].to_schema().columns)
