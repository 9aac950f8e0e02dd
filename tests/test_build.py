from datetime import datetime, timezone

from pipeline import build
from pipeline.ingest import text_record
from schemas.records import Article


def article(name, text):
    return build.clean_batch([text_record(name, text)], datetime(2026, 1, 1, tzinfo=timezone.utc))[0]


def test_older_versions_of_an_article_point_at_the_current_one():
    articles = [article("a.txt", "New version."), article("a.txt", "Old version."), article("b.txt", "Other.")]
    new, old, other = (a.source.source_id for a in articles)
    build.mark_superseded(articles, {new, other})
    assert [a.source.superseded_by for a in articles] == [None, new, None]


def test_the_same_bytes_under_two_paths_are_one_source():
    records = [text_record("a.txt", "Same words."), text_record("copy/a.txt", "Same words."),
               text_record("b.txt", "Other words.")]
    assert [r.uri for r in build.unique_records(records)] == ["a.txt", "b.txt"]


def test_a_republished_copy_names_the_article_it_copies():
    story = "The port authority said on Monday that traffic rose by a fifth in the year to March, its best year. " * 3
    first, copy = article("wire.txt", story), article("paper.txt", "Port traffic\n\n" + story)
    copy.source.ingested_at = datetime(2026, 1, 2, tzinfo=timezone.utc)
    build.mark_near_duplicates([copy, first])
    assert (first.source.duplicate_of, copy.source.duplicate_of) == (None, first.source.source_id)
    assert isinstance(first, Article)
