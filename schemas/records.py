"""The typed records the build's stages pass to each other, next to the tables they end in.

    the web --collect--> WARC archive + Fetch log
    input file (or the archive) --ingest--> RawArticle --clean--> Article --annotate--> Annotation --resolve--> tables

A stage's inputs and outputs can be read here in one place. `Source` and `Fetch` are rows of the published
`sources` and `fetches` tables (their fields are those tables' columns, checked by a test); `FoundMention` and `FoundStatement` are what annotation
finds in one article's clean text, before ids, entities and clusters exist.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ArticleMeta:
    """Metadata an input gives with an article (a JSON record's fields, a WARC response's URL and date); None where
    it gives none, and then cleaning reads the text itself."""

    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    text_policy: str | None = None  # full | excerpt | none, as the source list sets it for the article's outlet


@dataclass
class RawArticle:
    """One article as read from its input, before cleaning.

    `raw_text` is the decoded input exactly as `open(path, encoding=...).read()` gives it (universal newlines), so
    offsets into it are the ones annotators and readers use; for HTML inputs (pages, WARC responses, JSON records
    carrying HTML) `raw_text` and `html` both hold the markup, and the text is extracted by cleaning.
    """

    uri: str  # where it came from: the path as given, plus "#<url>" or "#L<line>" when a file holds several
    raw_sha256: str  # of the raw bytes of this article
    raw_text: str
    format: str  # the reader that read it: txt, html, json, jsonl, warc
    html: str | None = None
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    # provenance of an article read from a WARC archive: the file's name and the response's WARC-Record-ID
    warc_file: str | None = None
    warc_record_id: str | None = None


@dataclass
class Source:
    """A row of the `sources` table (see `schemas.tables.Sources` for each column's meaning)."""

    source_id: str
    uri: str
    title: str | None
    published_at: date | None
    outlet: str | None
    authors: list[str]
    credits: list[str]
    language: str
    text: str
    text_policy: str
    text_sha256: str
    raw_sha256: str
    word_count: int
    duplicate_of: str | None
    superseded_by: str | None
    ingested_at: datetime
    warc_file: str | None
    warc_record_id: str | None
    story_id: str | None = None  # placed when the dataset is linked
    story_confidence: float | None = None


@dataclass
class Fetch:
    """A row of the `fetches` table: one request the collector made or refused (see `schemas.tables.Fetches`)."""

    fetch_id: str
    url: str
    fetched_at: datetime
    kind: str
    outlet: str | None
    status: int | None
    outcome: str
    reason: str | None
    bytes: int | None
    etag: str | None
    last_modified: str | None
    warc_file: str | None
    warc_record_id: str | None
    source_id: str | None


@dataclass
class Article:
    """A cleaned article: its `sources` row, and what annotation and publication need besides it."""

    source: Source
    offset_map: list[int] | None  # raw index of each clean character; None when the input was markup
    repairs: dict[str, int]  # cleaning repairs made, by kind ({"run_together": 2, ...})
    boilerplate_chars: int  # characters of page furniture removed


@dataclass
class FoundMention:
    """A named-entity mention in an article's clean text."""

    char_start: int
    char_end: int
    text: str
    label: str  # OntoNotes label, after the article's own corrections
    title: str | None = None  # a person's title or honorific written right before the name ("president", "mrs")


@dataclass
class FoundStatement:
    """An attributed statement in an article's clean text: what was said, the cue, the speaker as written at the
    attribution and as resolved in the article (the fullest named mention); parts not found are None."""

    kind: str  # direct | indirect | mixed
    text: str
    char_start: int
    char_end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_ref: str | None = None
    speaker_ref_start: int | None = None
    speaker_ref_end: int | None = None
    # content lemmas of the span, and of each clause when it may fuse two utterances, for cross-source matching
    lemmas: list[str] | None = None
    part_lemmas: list[list[str]] | None = None


@dataclass
class Annotation:
    """What annotation found in one article. `language` is the pack that annotated it: None when the article's
    language has none, and then it has no statements. `story_lemmas` are the content lemmas of its headline and
    lede, which say what event it reports."""

    source_id: str
    mentions: list[FoundMention]
    statements: list[FoundStatement]
    language: str | None = "en"
    story_lemmas: list[str] = field(default_factory=list)
