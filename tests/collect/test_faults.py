"""Every way a fetch can fail, against a local test server: each is logged with its reason, and the collection
goes on and archives the articles it could fetch."""

import socket
import struct
import threading
import time

from werkzeug import Response

from newssite import httpserver, site, source_list  # noqa: F401 (fixtures)
from pipeline.collect import run
from pipeline.collect.archive import archive_files
from pipeline.collect.state import CollectState
from pipeline.ingest import read_input


def collect(sources, output):
    """One collection without Prefect: discover, then fetch every due page."""
    with run.open_collection(sources, str(output)) as collection:
        run.discover(collection, sources.outlets)
        run.list_single_urls(collection)
        run.fetch_pages(collection, run.due_pages(collection))
    with CollectState(output) as state:
        return state.fetches()


def resetting_server():
    """A server that answers robots.txt with 404 and resets the connection of any other request."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        for _ in range(8):
            connection, _ = listener.accept()
            request = connection.recv(4096)
            if b"/robots.txt" in request:
                connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            else:  # SO_LINGER 0: close with a TCP reset
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_each_fault_is_logged_with_its_reason_and_the_articles_are_archived(site, httpserver, tmp_path):
    calls = {"busy": 0}

    def busy(request):
        calls["busy"] += 1
        if calls["busy"] == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("<html><body><p>Short.</p></body></html>", content_type="text/html")

    def slow(request):
        time.sleep(1.5)
        return Response("<html></html>", content_type="text/html")

    httpserver.expect_request("/missing.html").respond_with_data("not here", status=404, content_type="text/html")
    httpserver.expect_request("/gone.html").respond_with_data("gone", status=410, content_type="text/html")
    httpserver.expect_request("/broken.html").respond_with_data("oops", status=500, content_type="text/html")
    httpserver.expect_request("/busy.html").respond_with_handler(busy)
    httpserver.expect_request("/slow.html").respond_with_handler(slow)
    httpserver.expect_request("/loop-a.html").respond_with_data("", status=302, headers={"Location": "/loop-b.html"})
    httpserver.expect_request("/loop-b.html").respond_with_data("", status=302, headers={"Location": "/loop-a.html"})
    httpserver.expect_request("/huge.html").respond_with_data("<p>" + "x" * 50_000, content_type="text/html")
    httpserver.expect_request("/photo.html").respond_with_data(b"\x89PNG", content_type="image/png")
    reset = resetting_server()
    names = ["missing.html", "gone.html", "broken.html", "busy.html", "slow.html", "loop-a.html", "huge.html",
             "photo.html", "private/secret.html"]
    sources = source_list(site, [f"{site}/{name}" for name in names] + [f"{reset}/page.html"])

    started = time.monotonic()
    fetches = collect(sources, tmp_path)
    assert time.monotonic() - started < 30

    last = {}
    for fetch in fetches:
        last[fetch.url.rsplit("/", 1)[-1]] = fetch
    assert (last["missing.html"].status, last["missing.html"].reason) == (404, "http 404")
    assert (last["gone.html"].status, last["gone.html"].reason) == (410, "http 410")
    broken = [f for f in fetches if f.url.endswith("broken.html")]
    assert [f.status for f in broken] == [500, 500] and "retried after" in broken[0].reason
    busy = [f for f in fetches if f.url.endswith("busy.html")]
    assert [f.status for f in busy] == [429, 200] and "retried after 1.0s" in busy[0].reason
    assert busy[1].outcome == "not_article" and busy[1].reason.startswith("too short")
    assert last["slow.html"].outcome == "error" and last["slow.html"].reason.startswith("timeout")
    assert last["loop-b.html"].reason == "redirect loop" or last["loop-a.html"].reason == "redirect loop"
    assert last["huge.html"].reason == "body over 20000 bytes"
    assert last["photo.html"].reason == "wrong content type image/png"
    assert (last["secret.html"].outcome, last["secret.html"].reason) == ("skipped", "disallowed by robots.txt")
    assert last["page.html"].outcome == "error" and "ReadError" in last["page.html"].reason \
        or "RemoteProtocolError" in last["page.html"].reason

    # the feed's two articles were fetched all the same, once each, and their WARC records read back
    articles = [r for path in archive_files(tmp_path) for r in read_input(str(path))]
    assert sorted(r.uri for r in articles) == [f"{site}/news/ferry.html", f"{site}/news/library.html"]
    by_record = {f.warc_record_id: f for f in fetches}
    assert all(by_record[r.warc_record_id].outcome == "fetched" for r in articles)


def test_a_malformed_feed_is_logged_and_the_listed_urls_still_fetched(httpserver, tmp_path):
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/feed.xml").respond_with_data("<rss><channel><item><link>", content_type="text/xml")
    fetches = collect(source_list(base), tmp_path)
    [feed] = [f for f in fetches if f.kind == "feed"]
    assert feed.outcome == "error" and feed.reason.startswith("malformed feed")


def test_private_addresses_are_refused_unless_allowed(site, tmp_path):
    fetches = collect(source_list(site, allow_private_addresses=False), tmp_path)
    assert {(f.outcome, f.reason) for f in fetches} == {("skipped", "private address 127.0.0.1 refused")}
