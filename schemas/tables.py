"""The dataset's contract: one Pandera model per published table.

Everything else that describes the tables (the Arrow schema written into Parquet, `datapackage.json`, the
data dictionary in the dataset card) is generated from these models by `schemas.contract`. Each field carries
its Arrow type in `metadata["arrow"]` because pandas dtypes alone cannot say "list of strings" or "date".
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

# 1.1: stories (sources.story_id), the fetch log (fetches, sources.warc_*), the redirect tables
# (entity_redirects, cluster_redirects) and per-table delta files.
SCHEMA_VERSION = "1.1"

ID_PATTERN = r"^{prefix}_[0-9a-f]{{16}}$"
ENTITY_TYPES = ["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"]
STATEMENT_KINDS = ["direct", "indirect", "mixed"]
TEXT_POLICIES = ["full", "excerpt", "none"]
FETCH_KINDS = ["robots", "feed", "sitemap", "page"]
# fetched: an article archived for the dataset; not_article: archived, but an index page, paywall stub or empty
# body; resource: a robots.txt, feed or sitemap read; not_modified: a conditional GET answered 304; unchanged: the
# same bytes as the last fetch (archived as a revisit); redirect; error: an HTTP error or a failed request;
# skipped: never requested (robots.txt, a private address, a URL pattern).
FETCH_OUTCOMES = ["fetched", "not_article", "resource", "not_modified", "unchanged", "redirect", "error", "skipped"]
REDIRECT_REASONS = ["merged", "split", "dissolved"]
CHANGES = ["added", "removed", "changed"]
RELEASE_ID_PATTERN = r"^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$"


def _id_field(prefix, description, *, nullable=False, unique=False):
    return pa.Field(str_matches=ID_PATTERN.format(prefix=prefix), nullable=nullable, unique=unique,
                    description=description, metadata={"arrow": "string"})


def _field(arrow, description, **checks):
    return pa.Field(description=description, metadata={"arrow": arrow}, **checks)


def _is_list_of_strings(value):
    return hasattr(value, "__len__") and not isinstance(value, str) and all(isinstance(v, str) for v in value)


class _Table(pa.DataFrameModel):
    class Config:
        strict = True
        ordered = True

    @pa.check("^(credits|aliases|authors|top_entities|changed_columns)$", regex=True)
    def list_of_strings(cls, series):
        return series.map(_is_list_of_strings).astype(bool)


class Sources(_Table):
    """One row per ingested article version."""

    source_id: Series[str] = _id_field("src", "Stable id of the article, derived from the sha256 of its raw bytes.",
                                       unique=True)
    uri: Series[str] = _field("string", "Where the article came from: its canonical URL for a page fetched from "
                                        "the web or read from a WARC archive; else the input path as given, plus "
                                        "'#L<line>' when one file holds several articles.")
    title: Series[str] = _field("string", "Headline, or null when the input has none.", nullable=True)
    published_at: Series[pd.DatetimeTZDtype] = pa.Field(
        nullable=True, dtype_kwargs={"unit": "us", "tz": "UTC"}, metadata={"arrow": "date32"},
        description="Publication date (day precision) from the input or its text; null if unknown.")
    outlet: Series[str] = _field("string", "News outlet that published the article, where the input names it.",
                                 nullable=True)
    authors: Series[object] = _field("list<string>", "Bylines: the authors a web page names (JSON-LD, OpenGraph or "
                                                     "meta tags); empty when the input names none.")
    credits: Series[object] = _field("list<string>", "News agencies credited by the article (e.g. EFE, Reuters).")
    language: Series[str] = _field("string", "Detected language of the text (ISO 639-1).", str_length={"min_value": 2,
                                                                                                          "max_value": 3})
    text: Series[str] = _field("string", "Clean article body: boilerplate removed, machine-translation damage "
                                         "repaired. All character offsets in other tables point into this text. "
                                         "Shortened or null when `text_policy` withholds it.", nullable=True)
    text_policy: Series[str] = _field("string", "How much of the text is published: full, excerpt (its beginning) "
                                                "or none (offsets and `text_sha256` still identify the spans).",
                                      isin=TEXT_POLICIES)
    text_sha256: Series[str] = _field("string", "sha256 of the full clean text (UTF-8), published under every "
                                                "text policy.", str_matches=r"^[0-9a-f]{64}$")
    raw_sha256: Series[str] = _field("string", "sha256 of the raw input bytes of the article.",
                                     str_matches=r"^[0-9a-f]{64}$")
    word_count: Series[int] = _field("int64", "Number of words in `text`.", ge=0)
    duplicate_of: Series[str] = _id_field("src", "source_id of an earlier near-duplicate article (the same wire "
                                                 "story republished), or null.", nullable=True)
    superseded_by: Series[str] = _id_field("src", "source_id of the newer version of the same article (same uri, "
                                                  "changed content), or null for the current version.", nullable=True)
    ingested_at: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs={"unit": "us", "tz": "UTC"}, metadata={"arrow": "timestamp[us, UTC]"},
        description="When the pipeline first ingested this article version (UTC).")
    warc_file: Series[str] = _field("string", "The WARC file (name within the archive folder) holding the HTTP "
                                              "response the article was read from, or null for other inputs.",
                                    nullable=True)
    warc_record_id: Series[str] = _field("string", "WARC-Record-ID of that response record, or null.", nullable=True)

    story_id: Series[str] = _id_field("sty", "The story the article reports: one real-world event or development "
                                             "covered by one or more outlets (references stories.story_id).")
    story_confidence: Series[float] = _field("double", "How surely the article reports its story: its average "
                                                       "similarity (0-1) to the story's other articles, 1 when it is "
                                                       "alone in it.", ge=0, le=1)


class Fetches(_Table):
    """One row per HTTP request the collector made or refused: the fetch log of `newsledger collect`."""

    fetch_id: Series[str] = _id_field("fet", "Stable id of the fetch (URL and time).", unique=True)
    url: Series[str] = _field("string", "The URL requested (after normalisation; each redirect hop is a row).")
    fetched_at: Series[pd.DatetimeTZDtype] = pa.Field(
        dtype_kwargs={"unit": "us", "tz": "UTC"}, metadata={"arrow": "timestamp[us, UTC]"},
        description="When the request was made, or refused (UTC).")
    kind: Series[str] = _field("string", "What was fetched: robots (robots.txt), feed, sitemap or page.",
                               isin=FETCH_KINDS)
    outlet: Series[str] = _field("string", "The outlet of the source list it was fetched for, or null.",
                                 nullable=True)
    status: Series[pd.Int64Dtype] = _field("int64", "HTTP status code, or null when no response came.",
                                           nullable=True, ge=100, le=599)
    outcome: Series[str] = _field("string", "fetched, not_article, resource, not_modified, unchanged, redirect, "
                                            "error or skipped.", isin=FETCH_OUTCOMES)
    reason: Series[str] = _field("string", "Why a page was skipped, failed or is not an article (e.g. 'disallowed "
                                           "by robots.txt', 'http 404', 'index page'), or null.", nullable=True)
    bytes: Series[pd.Int64Dtype] = _field("int64", "Bytes of the response body received, or null.", nullable=True,
                                          ge=0)
    etag: Series[str] = _field("string", "The response's ETag header, or null.", nullable=True)
    last_modified: Series[str] = _field("string", "The response's Last-Modified header, or null.", nullable=True)
    warc_file: Series[str] = _field("string", "The WARC file holding the request and response, or null.",
                                    nullable=True)
    warc_record_id: Series[str] = _field("string", "WARC-Record-ID of the response (or revisit) record, or null.",
                                         nullable=True)
    source_id: Series[str] = _id_field("src", "The source read from this response (references "
                                              "sources.source_id), or null.", nullable=True)


class Entities(_Table):
    """One row per real-world entity, resolved across all sources."""

    entity_id: Series[str] = _id_field("ent", "Stable id of the entity, derived from its normalised canonical key.",
                                       unique=True)
    name: Series[str] = _field("string", "Canonical name.")
    type: Series[str] = _field("string", "Entity type (OntoNotes labels: PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, "
                                         "PRODUCT, WORK_OF_ART, LAW, LANGUAGE), settled by a vote over mentions.",
                               isin=ENTITY_TYPES)
    aliases: Series[object] = _field("list<string>", "Every surface form seen in the sources.")
    mention_count: Series[int] = _field("int64", "Number of mentions in all sources.", ge=0)
    source_count: Series[int] = _field("int64", "Number of distinct sources mentioning the entity.", ge=0)
    first_seen: Series[pd.DatetimeTZDtype] = pa.Field(
        nullable=True, dtype_kwargs={"unit": "us", "tz": "UTC"}, metadata={"arrow": "date32"},
        description="Earliest published_at of a source mentioning the entity; null if no such date is known.")


class Mentions(_Table):
    """One row per named-entity mention in a source's text."""

    mention_id: Series[str] = _id_field("men", "Stable id of the mention (source and character span).", unique=True)
    entity_id: Series[str] = _id_field("ent", "The entity mentioned (references entities.entity_id).")
    source_id: Series[str] = _id_field("src", "The source (references sources.source_id).")
    char_start: Series[int] = _field("int64", "Start offset of the mention in sources.text (0-based, inclusive).",
                                     ge=0)
    char_end: Series[int] = _field("int64", "End offset of the mention in sources.text (exclusive).", ge=1)
    raw_char_start: Series[pd.Int64Dtype] = _field(
        "int64", "Start offset of the mention in the raw input as decoded (before cleaning), for text inputs; else "
                 "null.", nullable=True, ge=0)
    raw_char_end: Series[pd.Int64Dtype] = _field("int64", "End offset in the raw input (exclusive), or null.",
                                                 nullable=True, ge=1)
    text: Series[str] = _field("string", "The mention as written: sources.text[char_start:char_end].")
    label: Series[str] = _field("string", "Type given to this mention by the NER model (after label mapping).",
                                isin=ENTITY_TYPES)


class Statements(_Table):
    """One row per attributed statement: who said what, where in which source."""

    statement_id: Series[str] = _id_field("stm", "Stable id of the statement (source and character span).",
                                          unique=True)
    source_id: Series[str] = _id_field("src", "The source (references sources.source_id).")
    kind: Series[str] = _field("string", "direct (wholly quoted), indirect (reported speech) or mixed (reported "
                                         "clause with quoted fragments).", isin=STATEMENT_KINDS)
    text: Series[str] = _field("string", "What was said, without the enclosing quotation marks.")
    char_start: Series[int] = _field("int64", "Start offset of `text` in sources.text (inclusive).", ge=0)
    char_end: Series[int] = _field("int64", "End offset of `text` in sources.text (exclusive).", ge=1)
    raw_char_start: Series[pd.Int64Dtype] = _field(
        "int64", "Start offset of `text` in the raw input as decoded (before cleaning), for text inputs; else null.",
        nullable=True, ge=0)
    raw_char_end: Series[pd.Int64Dtype] = _field("int64", "End offset of `text` in the raw input (exclusive), or null.",
                                                 nullable=True, ge=1)
    speaker: Series[str] = _field("string", "The words naming the speaker at the attribution (may be a pronoun or a "
                                            "description), or null.", nullable=True)
    speaker_entity_id: Series[str] = _id_field("ent", "The resolved speaker (references entities.entity_id), or null.",
                                               nullable=True)
    cue: Series[str] = _field("string", "The reporting verb or phrase (said, warned, according to, ...), or null.",
                              nullable=True)
    cluster_id: Series[str] = _id_field("clu", "Statements reporting the same utterance across sources share this "
                                               "id (with the other parts one attribution gives: \"A,\" she said, "
                                               "\"B.\"); null when no other source reports it.", nullable=True)
    cluster_similarity: Series[float] = _field(
        "double", "How surely the statement reports its cluster's utterance (0-1): its highest similarity to a member "
                  "from another source (1: the same words of the same speaker); filter on it for precision. Null "
                  "outside clusters.", nullable=True, ge=0, le=1)


class Stories(_Table):
    """One row per story: the reports of one real-world event or development by one or more outlets, within days
    of each other."""

    story_id: Series[str] = _id_field("sty", "Stable id of the story, derived from its earliest article when "
                                             "it was formed.", unique=True)
    title: Series[str] = _field("string", "A representative headline: that of the article closest to the others.",
                                nullable=True)
    first_published_at: Series[pd.DatetimeTZDtype] = pa.Field(
        nullable=True, dtype_kwargs={"unit": "us", "tz": "UTC"}, metadata={"arrow": "date32"},
        description="Earliest publication date of its articles; null if none is known.")
    last_published_at: Series[pd.DatetimeTZDtype] = pa.Field(
        nullable=True, dtype_kwargs={"unit": "us", "tz": "UTC"}, metadata={"arrow": "date32"},
        description="Latest publication date of its articles; null if none is known.")
    source_count: Series[int] = _field("int64", "Number of articles (current versions) reporting it.", ge=1)
    outlet_count: Series[int] = _field("int64", "Number of distinct outlets among them (0 when none is known).", ge=0)
    top_entities: Series[object] = _field("list<string>", "Names of the entities most of its articles name, most "
                                                          "widely named first (at most five).")


def _redirects(prefix, thing, things, members, referenced):
    """The model of a redirect table: where the ids of `things` that earlier releases published went."""

    class Redirects(_Table):
        old_id: Series[str] = _id_field(prefix, f"An id that an earlier release published and no {thing} of this "
                                                f"release carries.", unique=True)
        new_id: Series[str] = _id_field(prefix, f"The {thing} now holding most of the old id's {members} "
                                                f"(references {referenced}), or null when none does.", nullable=True)
        reason: Series[str] = _field("string", f"merged: the old id's {members} still published all belong to "
                                               f"new_id now; split: they are divided between several {things} and "
                                               f"new_id holds the most; dissolved: none belongs to any {thing} now.",
                                     isin=REDIRECT_REASONS)
        last_release: Series[str] = _field("string", "The last release that published old_id.",
                                           str_matches=RELEASE_ID_PATTERN)

    Redirects.__doc__ = (f"One row per {thing} id that earlier releases published and this one no longer does, "
                         f"decided by its {members}: the ids of any earlier release resolve here, in one step.")
    Redirects.__name__ = Redirects.__qualname__ = f"{thing.title()}Redirects"
    return Redirects


EntityRedirects = _redirects("ent", "entity", "entities", "mentions", "entities.entity_id")
ClusterRedirects = _redirects("clu", "cluster", "clusters", "statements", "statements.cluster_id")


class Change(_Table):
    """The two columns a delta file puts before its table's own: one row per row added, removed or changed since
    the previous release, compared by primary key (a removed row as it was, an added or changed row as it is)."""

    change: Series[str] = _field("string", "added, removed or changed.", isin=CHANGES)
    changed_columns: Series[object] = _field("list<string>", "The columns whose value changed (empty unless "
                                                             "`change` is changed).")



TABLES = {"sources": Sources, "statements": Statements, "entities": Entities, "mentions": Mentions,
          "stories": Stories, "fetches": Fetches, "entity_redirects": EntityRedirects,
          "cluster_redirects": ClusterRedirects}

# Foreign keys: (table, column) -> (referenced table, column). Used by validation and datapackage.json.
FOREIGN_KEYS = {
    ("statements", "source_id"): ("sources", "source_id"),
    ("statements", "speaker_entity_id"): ("entities", "entity_id"),
    ("mentions", "source_id"): ("sources", "source_id"),
    ("mentions", "entity_id"): ("entities", "entity_id"),
    ("sources", "duplicate_of"): ("sources", "source_id"),
    ("sources", "superseded_by"): ("sources", "source_id"),
    ("sources", "story_id"): ("stories", "story_id"),
    ("fetches", "source_id"): ("sources", "source_id"),
    ("entity_redirects", "new_id"): ("entities", "entity_id"),
    ("cluster_redirects", "new_id"): ("statements", "cluster_id"),
}
PRIMARY_KEYS = {"sources": "source_id", "statements": "statement_id", "entities": "entity_id",
                "mentions": "mention_id", "stories": "story_id", "fetches": "fetch_id", "entity_redirects": "old_id",
                "cluster_redirects": "old_id"}
# Spans that must slice their table's `text` out of sources.text exactly.
SPAN_TABLES = ("statements", "mentions")
# The tables the release store derives at publication from the previous release, not the build: redirect table ->
# (table and column of the ids it redirects, table and key of the members that decide where an id went; the
# members carry the id in a column of the same name: mentions.entity_id, statements.cluster_id).
REDIRECTS = {"entity_redirects": ("entities", "entity_id", "mentions", "mention_id"),
             "cluster_redirects": ("statements", "cluster_id", "statements", "statement_id")}
