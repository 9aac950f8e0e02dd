"""Discovery: the article URLs that feeds (RSS, Atom) and XML sitemaps (news sitemaps, sitemap indexes) list, and
URL normalisation so one article is one URL however it is linked.

    normalise_url("HTTP://Example.org:80/news/a?utm_source=rss&id=3#top") == "http://example.org/news/a?id=3"
"""

from dataclasses import dataclass
from urllib.parse import urljoin

import courlan
import feedparser
from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# no entities, no network, no gigantic trees: a sitemap is untrusted input
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


class Malformed(Exception):
    """A feed or sitemap that cannot be read; the message is the fetch log's reason."""


@dataclass(frozen=True)
class Listed:
    """A URL a feed or sitemap lists, with the date it gives for it (ISO 8601), if any."""

    url: str
    lastmod: str | None = None


def normalise_url(url: str) -> str | None:
    """The URL in one spelling (courlan: lower-case scheme and host, default port, fragment and tracking parameters
    such as utm_* and fbclid dropped), or None when it is not a web URL."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    return courlan.normalize_url(url, strict=True)


def parse_feed(body: bytes, url: str) -> tuple[list[Listed], list[str]]:
    """(entries, no sitemaps) of the RSS or Atom feed at `url`; a feed with syntax errors still gives the entries it
    has (feedparser is lenient), one with none raises Malformed."""
    feed = feedparser.parse(body, response_headers={"content-location": url})  # the base of relative links
    found = [Listed(urljoin(url, entry.link), _feed_date(entry)) for entry in feed.entries if entry.get("link")]
    if not found and feed.bozo:
        raise Malformed(f"malformed feed: {str(feed.bozo_exception).splitlines()[0][:150]}")
    return found, []


def _feed_date(entry) -> str | None:
    parsed = entry.get("updated_parsed") or entry.get("published_parsed")
    return None if parsed is None else "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+00:00".format(*parsed[:6])


def parse_sitemap(body: bytes, url: str) -> tuple[list[Listed], list[str]]:
    """(pages, sitemaps) of an XML sitemap: a `urlset` lists pages with `lastmod` or, in a news sitemap,
    `news:publication_date`; a `sitemapindex` lists further sitemaps.

    Parsed here rather than with trafilatura.sitemaps, which tells sitemaps from pages by their URL's spelling and
    drops the dates that decide whether a page must be fetched again."""
    try:
        root = etree.fromstring(body, SAFE_XML)
    except etree.XMLSyntaxError as err:
        raise Malformed(f"malformed sitemap: {err}") from None
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        return [], [urljoin(url, loc.strip())
                    for loc in root.xpath("//s:sitemap/s:loc/text()", namespaces={"s": SITEMAP_NS})]
    if tag != "urlset":
        raise Malformed(f"not a sitemap: root element <{tag}>")
    pages = []
    for entry in root.iterfind(f"{{{SITEMAP_NS}}}url"):
        loc = entry.findtext(f"{{{SITEMAP_NS}}}loc")
        date = entry.findtext(f"{{{SITEMAP_NS}}}lastmod") or entry.findtext(f".//{{{NEWS_NS}}}publication_date")
        if loc:
            pages.append(Listed(urljoin(url, loc.strip()), date.strip() if date else None))
    return pages, []
