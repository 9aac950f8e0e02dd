import io
import json

import pytest

from pipeline.cli import print_rows
from pipeline.query import QueryError, open_release, open_url, run_query
from pipeline.release import ReleaseError, ReleaseStore


@pytest.fixture
def release_dir(small_tables, tmp_path):
    ReleaseStore(tmp_path).publish(small_tables, [{"uri": "seeds/a.txt", "sha256": "0" * 64}])
    return tmp_path


def latest(output):
    return open_release(ReleaseStore(output).release())


def test_views_join_statements_to_their_speaker(release_dir):
    columns, rows = run_query(latest(release_dir), """
        SELECT e.name, s.kind, s.text FROM statements s JOIN entities e ON s.speaker_entity_id = e.entity_id
        ORDER BY s.char_start""")
    assert columns == ["name", "kind", "text"]
    assert rows == [("Jens Stoltenberg", "indirect", "the talks were hard"),
                    ("Jens Stoltenberg", "direct", "We will talk again,")]


def test_json_format_prints_one_array_of_row_objects(release_dir):
    columns, rows = run_query(latest(release_dir), "SELECT title, published_at FROM sources")
    out = io.StringIO()
    print_rows(columns, rows, "json", out)
    assert json.loads(out.getvalue()) == [{"title": "Talks", "published_at": "2022-01-12"}]


def test_bad_sql_and_missing_release_are_user_errors(release_dir, tmp_path):
    with pytest.raises(QueryError, match="nope"):
        run_query(latest(release_dir), "SELECT * FROM nope")
    with pytest.raises(ReleaseError, match="no published release"):
        latest(tmp_path / "empty")


@pytest.fixture
def http_server(release_dir):
    """A static HTTP server on 127.0.0.1 serving the output folder, stopped after the test."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(release_dir))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=5)


def test_release_served_over_http_is_queried_in_place(http_server):
    connection = open_url(f"{http_server}/latest")
    assert run_query(connection, "SELECT count(*), min(cue) FROM statements")[1] == [(2, "said")]
    assert run_query(connection, "SELECT name FROM entities")[1] == [("Jens Stoltenberg",)]


def test_unreachable_url_is_a_user_error(http_server):
    with pytest.raises(ReleaseError, match="cannot read"):
        open_url(f"{http_server}/no-such-release")


def test_any_release_can_be_queried_by_id(small_tables, tmp_path):
    from datetime import datetime, timezone

    store = ReleaseStore(tmp_path)
    old = store.publish(small_tables, [], now=datetime(2026, 1, 1, tzinfo=timezone.utc))
    small_tables["statements"] = small_tables["statements"].iloc[:1]
    store.publish(small_tables, [], now=datetime(2026, 1, 2, tzinfo=timezone.utc))
    count = "SELECT count(*) FROM statements"
    assert run_query(latest(tmp_path), count)[1] == [(1,)]
    assert run_query(open_release(store.release(old.id)), count)[1] == [(2,)]
    with pytest.raises(ReleaseError, match="no release nope"):
        store.release("nope")


def test_story_views_say_who_said_what_in_each_story(small_tables, tmp_path):
    release = ReleaseStore(tmp_path).publish(small_tables, [], {}, text_policy="full")
    connection = open_release(release)
    _, rows = run_query(connection, "SELECT story_title, speaker, kind FROM story_statements ORDER BY kind")
    assert rows == [("Talks", "Jens Stoltenberg", "direct"), ("Talks", "Jens Stoltenberg", "indirect")]
    _, [summary] = run_query(connection, "SELECT title, statement_count, speaker_count, source_count "
                                         "FROM story_summary")
    assert summary == ("Talks", 2, 1, 1)
