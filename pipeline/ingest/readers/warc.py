"""WARC archives (plain or gzip): one article per successful HTML response, as `newsledger collect` archives them
or as any crawler does.

The collector follows each response with a `metadata` record (WARC-Concurrent-To the response) of warc-fields
saying what it made of the page (`pipeline.collect.archive`):

    newsledger-outcome: not_article          # or "fetched" for an article
    newsledger-reason: index page
    newsledger-canonical: https://example.org/news/ferry-timetable
    newsledger-outlet: Harbour Gazette
    newsledger-text-policy: excerpt

so the dataset is rebuilt from the archive alone, without the network: pages that are not articles stay out, an
article's `uri` is its canonical URL, its outlet and text policy are the source list's. A response without such a
record (another crawler's WARC) is an article at its target URL.
"""

from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from pipeline.ingest.decode import decode_bytes, sha256_hex
from schemas.records import ArticleMeta, RawArticle

OUTCOME = "newsledger-outcome"
ARTICLE_OUTCOME = "fetched"


def warc_fields(payload: bytes) -> dict[str, str]:
    """The `name: value` lines of an application/warc-fields block."""
    fields = {}
    for line in payload.decode("utf-8", errors="replace").splitlines():
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip().lower()] = value.strip()
    return fields


def _is_html_page(entry) -> bool:
    """A complete 200 response with HTML: not a redirect, an error page, a feed or a body cut at the size cap."""
    if entry.rec_type != "response" or entry.http_headers is None:
        return False
    return (entry.http_headers.get_statuscode() == "200" and entry.rec_headers.get_header("WARC-Truncated") is None
            and "html" in (entry.http_headers.get_header("Content-Type") or "").lower())


def read_warc(path: str) -> list[RawArticle]:
    """One article per HTML response, in file order: its payload's hash, its canonical URL as `uri`, the file's name
    and the record's id as provenance."""
    pages, verdicts = {}, {}
    with open(path, "rb") as stream:
        for entry in ArchiveIterator(stream):
            if _is_html_page(entry):
                pages[entry.rec_headers.get_header("WARC-Record-ID")] = (entry.rec_headers,
                                                                         entry.content_stream().read())
            elif entry.rec_type == "metadata":
                verdicts[entry.rec_headers.get_header("WARC-Concurrent-To")] = warc_fields(
                    entry.content_stream().read())
    records = []
    for record_id, (headers, payload) in pages.items():
        verdict = verdicts.get(record_id, {})
        if verdict.get(OUTCOME, ARTICLE_OUTCOME) != ARTICLE_OUTCOME:
            continue
        url = verdict.get("newsledger-canonical") or headers.get_header("WARC-Target-URI")
        html = decode_bytes(payload)
        # the capture date stands in for a publication date only in another crawler's archive: a collected page's
        # own date (JSON-LD datePublished, article:published_time) is read by cleaning
        meta = ArticleMeta(url=url, published=None if verdict else headers.get_header("WARC-Date"),
                           outlet=verdict.get("newsledger-outlet"), text_policy=verdict.get("newsledger-text-policy"))
        records.append(RawArticle(uri=url, raw_sha256=sha256_hex(payload), raw_text=html, format="warc", html=html,
                                  meta=meta, warc_file=Path(path).name, warc_record_id=record_id))
    return records
