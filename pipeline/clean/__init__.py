"""Clean article records: body text without boilerplate, conservative machine-translation repairs, metadata.

Text inputs are cleaned line by line (a line is a paragraph, a headline or a piece of page furniture). The
header (lines before the first real paragraph) yields the title, site name and date lines; the footer (lines after
the last real paragraph) and boilerplate lines inside the body (related-article links, photo captions, site chrome,
repeated headlines, credit lines) are dropped. Every clean character keeps the index of the raw character it came
from, so spans found in the clean text map back to the raw file.

HTML inputs are extracted with trafilatura (precision mode) and then pass through the same line rules.

Modules: `lines` and `boilerplate` (the layout of header, body and footer), `dates`, `repairs` (MT and typing
damage), `duplicates` (near-duplicate articles); the words and patterns come from the English language pack.
"""

import datetime
import hashlib

import py3langid
import trafilatura

from pipeline.clean.boilerplate import (
    agencies_in, credits_from_line, split_layout, strip_leading_date, strip_trailing_signature,
)
from pipeline.clean.dates import published_date
from pipeline.clean.duplicates import find_near_duplicates
from pipeline.clean.lines import Line, normalise_for_compare, split_lines
from pipeline.clean.repairs import apply_edits, join_body, single_quote_edits
from pipeline.clean.words import EN
from pipeline.ids import source_id
from schemas.records import Article, ArticleMeta, RawArticle, Source

__all__ = ["clean_article", "clean_html", "clean_text", "detect_language", "find_near_duplicates"]

HTML_EXTRACTION = {"favor_precision": True, "include_comments": False, "include_tables": False, "with_metadata": True}


def detect_language(text: str) -> str:
    return py3langid.classify(text)[0] if text.strip() else "und"


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def clean_text(raw: str, meta: ArticleMeta) -> dict:
    """Clean a plain-text article (see `clean_article`), with an offset map into `raw`."""
    layout = split_layout(split_lines(raw))
    removed, body = list(layout.removed), list(layout.body)
    credits = [agency for line in removed for agency in credits_from_line(line.text)]
    if body:
        first, date_prefix = strip_leading_date(body[0])
        if date_prefix:
            removed.append(Line(body[0].text[: len(body[0].text) - len(first.text)], body[0].start))
        dateline = EN.pattern("agency_dateline").match(first.text)
        credits.extend(agencies_in(dateline.group(1)) if dateline else [])
        body[0] = first
        signed, signed_by = strip_trailing_signature(body[-1])
        credits.extend(signed_by)
        if signed_by:
            removed.append(Line(body[-1].text[len(signed.text):], signed.end))
        body[-1] = signed
    text, offsets, repairs = join_body(raw, body)
    quote_edits = single_quote_edits(text)
    text, offsets = apply_edits(text, offsets, quote_edits)
    repairs["single_quotes"] = sum(replacement == "“" for _, _, replacement in quote_edits)
    return {
        "text": text,
        "offset_map": offsets,
        "title": meta.title or (layout.title.text if layout.title else None),
        "published_at": published_date(removed, body, meta.published),
        "outlet": meta.outlet or layout.outlet,
        "credits": unique(credits),
        "language": detect_language(text),
        "repairs": repairs,
        "boilerplate_chars": sum(len(line.text.strip()) for line in removed),
    }


def clean_html(html: str, meta: ArticleMeta) -> dict:
    """Clean an HTML page: trafilatura extraction, then the text rules; no offset map (markup is not text)."""
    page = trafilatura.bare_extraction(html, url=meta.url, **HTML_EXTRACTION)
    extracted = (page.text if page else "") or ""
    page_meta = ArticleMeta(title=meta.title or (page.title if page else None), url=meta.url,
                            published=meta.published or (page.date if page else None),
                            outlet=meta.outlet or (page.sitename if page else None))
    # The headline is metadata; a copy opening the extracted text is not body.
    title = page_meta.title
    body_text = extracted if not title else "\n".join(
        line for line in extracted.split("\n")
        if normalise_for_compare(line) != normalise_for_compare(title)
    )
    # trafilatura reads bylines from JSON-LD, OpenGraph and meta tags, several joined by "; "
    authors = [name.strip() for name in ((page.author if page else None) or "").split(";") if name.strip()]
    return clean_text(body_text, page_meta) | {"offset_map": None, "authors": unique(authors)}


def clean_article(record: RawArticle, ingested_at: datetime.datetime) -> Article:
    """The article of an input record: its `sources` row (clean text, title, date, outlet, credits, language) and
    the offset map back into the raw text (None for markup), repair counts and boilerplate removed."""
    if record.html:
        cleaned = clean_html(record.html, record.meta)
    else:
        cleaned = clean_text(record.raw_text, record.meta)
    text = cleaned["text"]
    source = Source(
        source_id=source_id(record.raw_sha256), uri=record.uri, title=cleaned["title"],
        published_at=cleaned["published_at"], outlet=cleaned["outlet"], authors=cleaned.get("authors", []),
        credits=cleaned["credits"], language=cleaned["language"], text=text,
        text_policy=record.meta.text_policy or "full",
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), raw_sha256=record.raw_sha256,
        word_count=len(text.split()), duplicate_of=None, superseded_by=None, ingested_at=ingested_at,
        warc_file=record.warc_file, warc_record_id=record.warc_record_id)
    return Article(source, cleaned["offset_map"], cleaned["repairs"], cleaned["boilerplate_chars"])
