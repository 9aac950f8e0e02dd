"""What a fetched HTML page is: an article to publish, or a page that is not one (an index page, a paywall stub, an
empty body), with its canonical URL. The article's text and metadata themselves (title, date, authors: trafilatura
reads JSON-LD and OpenGraph first) are extracted later by `pipeline.clean.clean_html`, from the archived bytes."""

import json
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from pipeline.clean import clean_html
from pipeline.collect.discover import normalise_url
from pipeline.ingest.decode import decode_bytes
from pipeline.lang import language_pack
from schemas.records import ArticleMeta

# Fewer words is no article (a teaser, a photo page); a paywall stub is often a long teaser, so it counts up to more.
MIN_ARTICLE_WORDS = 40
MAX_PAYWALL_STUB_WORDS = 150
# Share of a page's words inside links above which it is a list of links (a section front, a tag page).
MAX_LINK_SHARE = 0.6
# Declared types (og:type, JSON-LD @type) of pages that are not articles.
NOT_ARTICLE_TYPES = {"website", "collectionpage", "itemlist", "searchresultspage", "profilepage", "aboutpage",
                     "contactpage", "video.other"}


@dataclass(frozen=True)
class PageVerdict:
    canonical: str
    reason: str | None  # None: an article

    @property
    def is_article(self):
        return self.reason is None


def _json_ld(tree) -> list[dict]:
    """The JSON-LD objects of a page, @graph members included; broken blocks are skipped."""
    found = []
    for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                found += [item] + [g for g in item.get("@graph", []) if isinstance(g, dict)]
    return found


def _types(objects: list[dict]) -> set[str]:
    types = set()
    for item in objects:
        declared = item.get("@type", [])
        types.update(t.lower() for t in (declared if isinstance(declared, list) else [declared]) if isinstance(t, str))
    return types


def canonical_url(tree, url: str) -> str:
    """The page's rel=canonical URL when it is on the same site (a syndicated copy naming the original on another
    site is still its own page), normalised; else `url`."""
    for href in tree.xpath('//link[@rel="canonical"]/@href'):
        canonical = normalise_url(urljoin(url, href.strip()))
        if canonical and _site(canonical) == _site(url):
            return canonical
    return url


def _site(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _link_share(tree) -> float:
    words = len(" ".join(tree.xpath("//body//text()")).split())
    linked = len(" ".join(tree.xpath("//body//a//text()")).split())
    return linked / words if words else 0.0


def examine(body: bytes, url: str, language: str = "en") -> PageVerdict:
    """Whether the page at `url` is an article, and its canonical URL."""
    html = decode_bytes(body)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return PageVerdict(url, "empty body")
    canonical = canonical_url(tree, url)
    objects = _json_ld(tree)
    declared = _types(objects) | {t.strip().lower() for t in tree.xpath('//meta[@property="og:type"]/@content')}
    words = len(clean_html(html, ArticleMeta(url=url))["text"].split())
    pack = language_pack(language)
    paywalled = any(item.get("isAccessibleForFree") in (False, "False", "false") for item in objects) or (
        pack is not None and bool(pack.pattern("paywall").search(" ".join(tree.xpath("//body//text()")))))
    if not any(t.endswith(("article", "posting", "report")) for t in declared) and declared & NOT_ARTICLE_TYPES:
        return PageVerdict(canonical, "index page")
    if paywalled and words <= MAX_PAYWALL_STUB_WORDS:
        return PageVerdict(canonical, "paywall stub")
    if _link_share(tree) > MAX_LINK_SHARE:
        return PageVerdict(canonical, "index page")
    if words == 0:
        return PageVerdict(canonical, "empty body")
    if words < MIN_ARTICLE_WORDS:
        return PageVerdict(canonical, f"too short for an article ({words} words)")
    return PageVerdict(canonical, None)
