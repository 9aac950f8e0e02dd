"""Discovery and page judgement on small invented inputs: feeds, sitemaps, URLs, articles and pages that are not."""

import pytest

from newssite import article_html
from pipeline.collect.discover import Listed, Malformed, normalise_url, parse_feed, parse_sitemap
from pipeline.collect.extract import examine

TEXT = ("The harbour council approved a new ferry timetable on Monday. “The boats will leave every hour,” said "
        "council leader Marta Lindqvist. She said the change would cost the town about 400,000 crowns a year, paid "
        "for by higher mooring fees, and that islanders had asked for more crossings for years.")


def test_urls_are_normalised_and_tracking_parameters_dropped():
    assert normalise_url("HTTP://Example.org:80/news/a?utm_source=rss&id=3#top") == "http://example.org/news/a?id=3"
    assert normalise_url("mailto:someone@example.org") is None


def test_rss_atom_and_relative_links():
    rss = b"<rss><channel><item><link>/a.html</link><pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate></item>" \
          b"</channel></rss>"
    assert parse_feed(rss, "https://g.test/feed.xml") == ([Listed("https://g.test/a.html",
                                                                   "2025-03-03T08:00:00+00:00")], [])
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://g.test/b"/></entry></feed>'
    assert parse_feed(atom, "https://g.test/atom")[0] == [Listed("https://g.test/b")]
    with pytest.raises(Malformed, match="malformed feed"):
        parse_feed(b"<rss><channel><item><link>", "https://g.test/feed.xml")


def test_sitemap_index_and_news_sitemap():
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://g.test/n.xml' \
            b'</loc></sitemap></sitemapindex>'
    assert parse_sitemap(index, "https://g.test/sitemap.xml") == ([], ["https://g.test/n.xml"])
    news = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ' \
           b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://g.test/a</loc>' \
           b'<news:news><news:publication_date>2025-03-03</news:publication_date></news:news></url></urlset>'
    assert parse_sitemap(news, "https://g.test/n.xml") == ([Listed("https://g.test/a", "2025-03-03")], [])
    with pytest.raises(Malformed, match="not a sitemap"):
        parse_sitemap(b"<html></html>", "https://g.test/n.xml")
    with pytest.raises(Malformed, match="malformed sitemap"):
        parse_sitemap(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset>&e;', "https://g.test/n.xml")


def test_an_article_keeps_a_same_site_canonical_and_ignores_one_elsewhere():
    url = "https://g.test/news/ferry.html?ref=home"
    article = examine(article_html(url, "Ferry", "A. Writer", TEXT, "https://g.test/news/ferry.html").encode(), url)
    assert article.is_article and article.canonical == "https://g.test/news/ferry.html"
    syndicated = examine(article_html(url, "Ferry", "A", TEXT, "https://wire.test/ferry").encode(), url)
    assert syndicated.is_article and syndicated.canonical == url


@pytest.mark.parametrize("html, reason", [
    ('<html><head><meta property="og:type" content="website"></head><body><ul><li><a href="/a">A story</a></li>'
     "</ul></body></html>", "index page"),
    ("<html><body>" + "".join(f'<p><a href="/{n}">Story number {n} of the day</a></p>' for n in range(30))
     + "</body></html>", "index page"),
    ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}'
     "</script></head><body><article><p>The mayor talked to us about the port.</p></article></body></html>",
     "paywall stub"),
    ("<html><body><article><p>The mayor talked to us about the port and the wind farm. Subscribe to continue "
     "reading.</p></article></body></html>", "paywall stub"),
    ("<html><body></body></html>", "empty body"),
    ("<html><body><article><p>Photos of the regatta: forty boats sailed round the islands on Saturday in a strong "
     "wind, and the Harbour Gazette was there.</p></article></body></html>", "too short"),
])
def test_pages_that_are_not_articles_say_why(html, reason):
    verdict = examine(html.encode(), "https://g.test/page")
    assert not verdict.is_article and verdict.reason.startswith(reason)
