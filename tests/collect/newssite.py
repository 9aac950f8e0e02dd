"""A small invented news site for the collector's tests (pytest-httpserver on 127.0.0.1), and a source list for it."""

import json

import pytest
from pytest_httpserver import HTTPServer

from pipeline.collect.config import SourceList

ARTICLES = {
    "/news/ferry.html": ("Ferry to run every hour from May", "Marta Lindqvist",
                         "The harbour council approved a new ferry timetable on Monday. “The boats will leave every "
                         "hour,” said council leader Marta Lindqvist after the vote. She said the change would cost "
                         "the town about 400,000 crowns a year, paid for by higher mooring fees for private yachts. "
                         "Islanders have asked for more crossings for years, and the bakery owner Olav Brenne said the "
                         "old timetable had left workers stranded on the mainland every evening."),
    "/news/library.html": ("Library reopens after rebuild", "Ruth Mbeki",
                           "Northfield's public library reopened on Monday after a two-year rebuild. “People queued "
                           "in the rain before we opened,” said head librarian Jonas Berglund. The rebuild cost 92 "
                           "million crowns, twelve million more than planned, and councillor Amira Haddad said the "
                           "overrun came from repairing the old foundations of the building by the square."),
}


def article_html(url, title, author, text, canonical=None):
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": "2025-03-03T08:00:00Z", "author": {"@type": "Person", "name": author}}
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="canonical" href="{canonical or url}"><meta property="og:type" content="article">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")


def serve_site(httpserver, robots="User-agent: *\nDisallow: /private/\n"):
    """Robots.txt, an RSS feed of the articles (with tracking parameters) and the article pages."""
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/robots.txt").respond_with_data(robots, content_type="text/plain")
    items = "".join(f"<item><title>{title}</title><link>{base}{path}?utm_source=rss</link></item>"
                    for path, (title, _, _) in ARTICLES.items())
    httpserver.expect_request("/feed.xml").respond_with_data(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{items}</channel></rss>',
        content_type="application/rss+xml")
    for path, (title, author, text) in ARTICLES.items():
        httpserver.expect_request(path).respond_with_data(article_html(base + path, title, author, text),
                                                          content_type="text/html; charset=utf-8")
    return base


def source_list(base, urls=(), **politeness):
    rules = {"allow_private_addresses": True, "seconds_between_requests": 0, "timeout_seconds": 0.5,
             "total_timeout_seconds": 2, "retries": 1, "backoff_seconds": 0.05, "max_bytes": 20_000,
             "max_retry_after_seconds": 5, "revisit_after_seconds": 0, **politeness}
    return SourceList.model_validate({
        "contact": "https://example.org/contact", "politeness": rules, "urls": list(urls),
        "outlets": [{"name": "Test Gazette", "homepage": f"{base}/", "feeds": [f"{base}/feed.xml"]}]})


@pytest.fixture
def httpserver():
    """pytest-httpserver answering requests in threads, so that a slow page delays nothing but itself (the test
    modules import this fixture and `site`)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def site(httpserver):
    """The base URL of the test news site: robots.txt, a feed and two articles."""
    return serve_site(httpserver)
