"""The build's stages as plain functions over batches, with the run plan that makes a run incremental;
`pipeline.flows` wraps each one in a Prefect task.

    paths --ingest_batch--> RawArticle --clean_batch--> Article --annotate_batch--> Annotation
          --link.resolve_dataset--> tables
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

import pandas as pd

from pipeline.annotate import annotate_articles
from pipeline.clean import clean_article, find_near_duplicates
from pipeline.ids import source_id
from pipeline.ingest import InputError, read_input
from schemas.records import Article, Source


def batches(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def ingest_batch(paths):
    """(articles of a batch of input files in input order, one-line problems with unreadable files)."""
    records, problems = [], []
    for path in paths:
        try:
            records.extend(read_input(path))
        except InputError as err:
            problems.append(str(err))
    return records, problems


def clean_batch(records, ingested_at=None):
    """The cleaned `Article` of each raw article."""
    ingested_at = ingested_at or datetime.now(timezone.utc)
    return [clean_article(record, ingested_at) for record in records]


def annotate_batch(articles, workers=None):
    """The `Annotation` of each article (char offsets into its clean text)."""
    return annotate_articles(articles, workers)


def _cell(value):
    """A nullable string cell of a published table as a plain value (pandas' missing value as None)."""
    return None if pd.isna(value) else value


def article_from_published(row):
    """An article rebuilt from a published `sources` row whose input is gone (its raw offsets are lost)."""
    published_at = row["published_at"].date() if row["published_at"] == row["published_at"] else None
    source = Source(
        source_id=row["source_id"], uri=row["uri"], title=row["title"], published_at=published_at,
        outlet=row["outlet"], authors=list(row["authors"]), credits=list(row["credits"]), language=row["language"],
        text=row["text"], text_policy=row["text_policy"], text_sha256=row["text_sha256"],
        raw_sha256=row["raw_sha256"], word_count=row["word_count"], duplicate_of=None, superseded_by=None,
        ingested_at=row["ingested_at"], warc_file=_cell(row["warc_file"]), warc_record_id=_cell(row["warc_record_id"]))
    return Article(source, offset_map=None, repairs={}, boilerplate_chars=0)


def unique_records(records):
    """The same bytes given twice (e.g. one file under two paths) make one source: keep the first."""
    seen, kept = set(), []
    for record in records:
        if record.raw_sha256 not in seen:
            seen.add(record.raw_sha256)
            kept.append(record)
    return kept


@dataclass
class RunPlan:
    """What a run must do, given its inputs, the previous release and the annotation cache."""

    order: list  # source ids of the dataset: inputs in order, then published sources whose input is gone
    ready: dict  # source id -> (article, annotation) from the cache
    to_clean: list  # input records to clean and annotate
    to_reannotate: list  # articles rebuilt from the previous release, to annotate
    unchanged: bool  # the dataset would be the previous release again


def plan_run(records, previous, cache, code, text_policy):
    """Nothing to do when the same code would publish the same sources under the same text policy again."""
    published = {row["source_id"]: row for row in previous.sources}
    inputs = [source_id(r.raw_sha256) for r in records]
    given = set(inputs)
    order = inputs + [sid for sid in published if sid not in given]
    manifest = previous.manifest or {}
    unchanged = (manifest.get("code_hash") == code and manifest.get("text_policy") == text_policy
                 and set(order) == set(published))
    if unchanged:
        return RunPlan(order, {}, [], [], True)
    ready = {sid: hit for sid in order if (hit := cache.get(sid)) is not None}
    to_clean = [r for r, sid in zip(records, inputs) if sid not in ready]
    to_reannotate = [article_from_published(published[sid]) for sid in order if sid not in ready and sid not in given]
    return RunPlan(order, ready, to_clean, to_reannotate, False)


def keep_first_ingestion(articles, previous):
    """A source published before keeps the time it was first ingested."""
    first = {row["source_id"]: row["ingested_at"] for row in previous.sources}
    for article in articles:
        if article.source.source_id in first:
            article.source.ingested_at = first[article.source.source_id].to_pydatetime()
    return articles


def mark_near_duplicates(articles):
    """Each current article that republishes an earlier-ingested one names it in `duplicate_of`."""
    for article in articles:
        article.source.duplicate_of = None
    current = sorted((a for a in articles if a.source.superseded_by is None), key=lambda a: a.source.ingested_at)
    for index, earlier in find_near_duplicates([a.source.text for a in current]).items():
        current[index].source.duplicate_of = current[earlier].source.source_id
    return articles


def mark_superseded(articles, current_ids):
    """Older versions of an article (same uri, other content) point at the version given as input now."""
    current_by_uri = {a.source.uri: a.source.source_id for a in articles if a.source.source_id in current_ids}
    for article in articles:
        newer = current_by_uri.get(article.source.uri)
        article.source.superseded_by = newer if newer and newer != article.source.source_id else None
    return articles


def run_summary(articles):
    """Counts of the cleaning repairs over all articles, for the run summary."""
    repairs = Counter()
    for article in articles:
        repairs.update(article.repairs)
    repairs["boilerplate_chars"] = sum(a.boilerplate_chars for a in articles)
    return dict(repairs)
