"""The build's stages as pure functions over batches; `pipeline.flows` wraps each one in a Prefect task."""

from collections import Counter
from datetime import datetime, timezone

from pipeline import ids
from pipeline.clean import clean_article, find_near_duplicates
from pipeline.clusters import cluster_statements
from pipeline.entities import entity_for_name, extract_mentions, resolve_entities
from pipeline.ingest import InputError, read_input
from pipeline.nlp import parse
from pipeline.quotes import extract_statements
from schemas.contract import to_frame


def batches(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def ingest_batch(paths):
    """(raw article records of a batch of input files in input order, one-line problems with unreadable files)."""
    records, problems = [], []
    for path in paths:
        try:
            records.extend(read_input(path))
        except InputError as err:
            problems.append(str(err))
    return records, problems


def clean_batch(records, ingested_at=None):
    """Articles: a `sources` row (without duplicate_of) plus what annotation needs (offset map, repairs)."""
    ingested_at = ingested_at or datetime.now(timezone.utc)
    articles = []
    for record in records:
        cleaned = clean_article(record)
        source = {
            "source_id": ids.stable_id("src", record["raw_sha256"]),
            "uri": record["uri"], "title": cleaned["title"], "published_at": cleaned["published_at"],
            "outlet": cleaned["outlet"], "credits": cleaned["credits"], "language": cleaned["language"],
            "text": cleaned["text"], "raw_sha256": record["raw_sha256"],
            "word_count": len(cleaned["text"].split()), "duplicate_of": None, "ingested_at": ingested_at,
        }
        articles.append({"source": source, "offset_map": cleaned["offset_map"], "repairs": cleaned["repairs"],
                         "boilerplate_chars": cleaned["boilerplate_chars"]})
    return articles


def drop_exact_repeats(articles):
    """The same bytes given twice (e.g. one file under two paths) make one source: keep the first."""
    seen, kept = set(), []
    for article in articles:
        if article["source"]["source_id"] not in seen:
            seen.add(article["source"]["source_id"])
            kept.append(article)
    return kept


def mark_near_duplicates(articles):
    duplicates = find_near_duplicates([a["source"] for a in articles])
    for index, earlier in duplicates.items():
        articles[index]["source"]["duplicate_of"] = articles[earlier]["source"]["source_id"]
    return articles


def to_raw_span(offset_map, start, end):
    """Offsets in the raw input of a span of the clean text, when the cleaner kept the mapping."""
    if offset_map is None or end <= start:
        return None, None
    return offset_map[start], offset_map[end - 1] + 1


def annotate_batch(articles):
    """Mentions and statements of each article (char offsets into its clean text)."""
    docs = parse([a["source"]["text"] for a in articles])
    return [{"source_id": a["source"]["source_id"], "mentions": extract_mentions(doc),
             "statements": extract_statements(doc)} for a, doc in zip(articles, docs)]


def mention_rows(articles, annotations):
    published = {a["source"]["source_id"]: a["source"]["published_at"] for a in articles}
    return [{**mention, "source_id": ann["source_id"], "published_at": published[ann["source_id"]]}
            for ann in annotations for mention in ann["mentions"]]


def speaker_entity(statement, source_mentions, entities):
    """The entity of the mention the speaker was resolved to, else the best entity for the speaker's name."""
    start, end = statement.get("speaker_ref_start"), statement.get("speaker_ref_end")
    if start is not None:
        overlapping = [(min(end, m["char_end"]) - max(start, m["char_start"]), m["entity_id"])
                       for m in source_mentions if m["char_start"] < end and start < m["char_end"]]
        if overlapping:
            return max(overlapping)[1]
    name = statement.get("speaker_ref") or statement.get("speaker")
    return entity_for_name(name, entities) if name else None


def resolve_dataset(articles, annotations):
    """The four tables of the whole dataset: entities resolved and statements linked across sources."""
    mentions = mention_rows(articles, annotations)
    entities, entity_ids = resolve_entities(mentions)
    for mention, entity_id in zip(mentions, entity_ids):
        mention["entity_id"] = entity_id
        mention["mention_id"] = ids.stable_id("men", mention["source_id"], mention["char_start"], mention["char_end"])
    by_source = {}
    for mention in mentions:
        by_source.setdefault(mention["source_id"], []).append(mention)
    sources = {a["source"]["source_id"]: a for a in articles}
    statements = []
    for ann in annotations:
        article = sources[ann["source_id"]]
        for found in ann["statements"]:
            raw_start, raw_end = to_raw_span(article["offset_map"], found["char_start"], found["char_end"])
            statements.append({
                "statement_id": ids.stable_id("stm", ann["source_id"], found["char_start"], found["char_end"]),
                "source_id": ann["source_id"], "kind": found["kind"], "text": found["text"],
                "char_start": found["char_start"], "char_end": found["char_end"],
                "raw_char_start": raw_start, "raw_char_end": raw_end,
                "speaker": found["speaker"], "speaker_entity_id": speaker_entity(
                    found, by_source.get(ann["source_id"], []), entities),
                "cue": found["cue"], "cluster_id": None,
                "speaker_ref": found.get("speaker_ref"),
            })
    cluster_input = [{**s, "published_at": sources[s["source_id"]]["source"]["published_at"],
                      "duplicate_of": sources[s["source_id"]]["source"]["duplicate_of"]} for s in statements]
    for statement, cluster_id in zip(statements, cluster_statements(cluster_input)):
        statement["cluster_id"] = cluster_id
    return {
        "sources": to_frame("sources", [a["source"] for a in articles]),
        "statements": to_frame("statements", statements),
        "entities": to_frame("entities", entities),
        "mentions": to_frame("mentions", mentions),
    }


def run_summary(articles):
    """Counts of the cleaning repairs over all articles, for the run summary."""
    repairs = Counter()
    for article in articles:
        repairs.update(article["repairs"])
    repairs["boilerplate_chars"] = sum(a["boilerplate_chars"] for a in articles)
    return dict(repairs)
