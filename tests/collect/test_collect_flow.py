"""The collect flow end to end on the test news site: it publishes a release whose sources are the fetched pages,
with the fetch log as the `fetches` table; a second run asks with conditional GETs and downloads only what
changed; and the same tables are rebuilt from the WARC archive alone."""

import shutil

from newssite import ARTICLES, article_html, serve_site
from newssite import httpserver, site  # noqa: F401 (fixtures)
from pipeline.collect.archive import ARCHIVE
from pipeline.flows import build_dataset, collect_news
from pipeline.query import open_release, run_query
from pipeline.release import ReleaseStore

COMPARED = ("sources", "statements", "entities", "mentions")


def write_sources(path, base):
    path.write_text(f'contact = "https://example.org/contact"\n[politeness]\nallow_private_addresses = true\n'
                    f'seconds_between_requests = 0\nrevisit_after_seconds = 0\n[[outlets]]\nname = "Test Gazette"\n'
                    f'homepage = "{base}/"\nfeeds = ["{base}/feed.xml"]\n', encoding="utf-8")
    return str(path)


def query(output, sql):
    return run_query(open_release(ReleaseStore(output).release()), sql)[1]


def partition(sources):
    """The stories as sets of source ids, whatever their ids."""
    return {frozenset(group) for group in sources.groupby("story_id")["source_id"].apply(frozenset)}


def test_collect_publishes_refetches_only_changes_and_the_archive_alone_rebuilds_the_tables(
        prefect_server, site, httpserver, tmp_path):
    sources, output = write_sources(tmp_path / "sources.toml", site), tmp_path / "out"
    first = collect_news(sources=sources, output_dir=str(output))
    assert first["build"]["status"] == "published" and first["outcomes"]["fetched"] == 2
    assert query(output, "SELECT uri, outlet, authors FROM sources ORDER BY uri") == [
        (f"{site}/news/ferry.html", "Test Gazette", ["Marta Lindqvist"]),
        (f"{site}/news/library.html", "Test Gazette", ["Ruth Mbeki"])]
    assert ("Marta Lindqvist",) in query(output, """SELECT e.name FROM statements s
                                                     JOIN entities e ON s.speaker_entity_id = e.entity_id""")
    assert query(output, """SELECT count(*) FROM fetches f JOIN sources s USING (source_id)
                            WHERE f.warc_file = s.warc_file AND f.warc_record_id = s.warc_record_id""") == [(2,)]

    # the library page changes; pytest-httpserver sends no validators, so the ferry page comes back identical
    path = "/news/library.html"
    title, author, text = ARTICLES[path]
    httpserver.clear()
    httpserver.expect_request(path).respond_with_data(  # registered first, so it answers before the old one
        article_html(site + path, title, author, text + " The café opens on Saturdays too, she added."),
        content_type="text/html")
    serve_site(httpserver)
    second = collect_news(sources=sources, output_dir=str(output))
    assert second["outcomes"]["fetched"] == 1 and second["outcomes"]["unchanged"] >= 2
    assert query(output, f"SELECT count(*), count(superseded_by) FROM sources WHERE uri = '{site}{path}'") == \
        [(2, 1)]

    rebuilt = tmp_path / "rebuilt"
    shutil.copytree(output / ARCHIVE, tmp_path / "copy")
    assert build_dataset(inputs=[str(tmp_path / "copy")], output_dir=str(rebuilt))["status"] == "published"
    published = ReleaseStore(output).latest().read_tables()
    again = ReleaseStore(rebuilt).latest().read_tables()
    for table in COMPARED:
        # ingested_at is the build time; a story is named after its earliest article when it forms, and in the
        # archive's first run the updated article's old version stood alone
        columns = [c for c in published[table].columns if c not in ("ingested_at", "story_id")]
        assert again[table][columns].equals(published[table][columns]), table
    assert partition(again["sources"]) == partition(published["sources"])
    assert len(again["fetches"]) == 0 and len(published["fetches"]) > 0
