"""The build's stages as pure functions over batches; `pipeline.flows` wraps each one in a Prefect task."""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

from pipeline import ids
from pipeline.annotate import annotate_all
from pipeline.clean import clean_article, find_near_duplicates
from pipeline.clusters import cluster_statements
from pipeline.entities import NameIndex, resolve_entities
from pipeline.ingest import InputError, read_input, sha256_hex
from pipeline.state import keep_previous_ids
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


def source_id_of(record):
    return ids.stable_id("src", record["raw_sha256"])


def clean_batch(records, ingested_at=None):
    """Articles: a `sources` row plus what annotation needs (offset map, repair counts)."""
    ingested_at = ingested_at or datetime.now(timezone.utc)
    articles = []
    for record in records:
        cleaned = clean_article(record)
        source = {
            "source_id": source_id_of(record),
            "uri": record["uri"], "title": cleaned["title"], "published_at": cleaned["published_at"],
            "outlet": cleaned["outlet"], "credits": cleaned["credits"], "language": cleaned["language"],
            "text": cleaned["text"], "text_policy": "full", "text_sha256": sha256_hex(cleaned["text"].encode("utf-8")),
            "raw_sha256": record["raw_sha256"], "word_count": len(cleaned["text"].split()),
            "duplicate_of": None, "superseded_by": None, "ingested_at": ingested_at,
        }
        articles.append({"source": source, "offset_map": cleaned["offset_map"], "repairs": cleaned["repairs"],
                         "boilerplate_chars": cleaned["boilerplate_chars"]})
    return articles


def article_from_published(source):
    """An article rebuilt from a published `sources` row whose input is gone (its raw offsets are lost)."""
    fields = ("source_id", "uri", "title", "published_at", "outlet", "credits", "language", "text", "text_sha256",
              "raw_sha256", "word_count", "ingested_at")
    row = {field: source[field] for field in fields}
    row["published_at"] = row["published_at"].date() if row["published_at"] == row["published_at"] else None
    row.update(text_policy="full", duplicate_of=None, superseded_by=None, credits=list(row["credits"]))
    return {"source": row, "offset_map": None, "repairs": {}, "boilerplate_chars": 0}


def unique_records(records):
    """The same bytes given twice (e.g. one file under two paths) make one source: keep the first."""
    seen, kept = set(), []
    for record in records:
        if source_id_of(record) not in seen:
            seen.add(source_id_of(record))
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
    inputs = [source_id_of(r) for r in records]
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
        if article["source"]["source_id"] in first:
            article["source"]["ingested_at"] = first[article["source"]["source_id"]].to_pydatetime()
    return articles


def mark_near_duplicates(articles):
    """Each current article that republishes an earlier-ingested one names it in `duplicate_of`."""
    for article in articles:
        article["source"]["duplicate_of"] = None
    current = sorted((a for a in articles if a["source"]["superseded_by"] is None),
                     key=lambda a: a["source"]["ingested_at"])
    for index, earlier in find_near_duplicates([a["source"] for a in current]).items():
        current[index]["source"]["duplicate_of"] = current[earlier]["source"]["source_id"]
    return articles


def mark_superseded(articles, current_ids):
    """Older versions of an article (same uri, other content) point at the version given as input now."""
    current_by_uri = {a["source"]["uri"]: a["source"]["source_id"] for a in articles
                      if a["source"]["source_id"] in current_ids}
    for article in articles:
        source = article["source"]
        newer = current_by_uri.get(source["uri"])
        source["superseded_by"] = newer if newer and newer != source["source_id"] else None
    return articles


def to_raw_span(offset_map, start, end):
    """Offsets in the raw input of a span of the clean text, when the cleaner kept the mapping."""
    if offset_map is None or end <= start:
        return None, None
    return offset_map[start], offset_map[end - 1] + 1


def annotate_batch(articles, workers=None):
    """Mentions and statements of each article (char offsets into its clean text)."""
    found = annotate_all([a["source"]["text"] for a in articles], workers)
    return [{"source_id": a["source"]["source_id"], **annotations} for a, annotations in zip(articles, found)]


def mention_rows(articles, annotations):
    published = {a["source"]["source_id"]: a["source"]["published_at"] for a in articles}
    return [{**mention, "source_id": ann["source_id"], "published_at": published[ann["source_id"]]}
            for ann in annotations for mention in ann["mentions"]]


def speaker_entity(statement, source_mentions, names):
    """The entity of the mention the speaker was resolved to, else the entity `names` (a NameIndex) finds for the
    speaker's name."""
    start, end = statement.get("speaker_ref_start"), statement.get("speaker_ref_end")
    if start is not None:
        overlapping = [(min(end, m["char_end"]) - max(start, m["char_start"]), m["entity_id"])
                       for m in source_mentions if m["char_start"] < end and start < m["char_end"]]
        if overlapping:
            return max(overlapping)[1]
    name = statement.get("speaker_ref") or statement.get("speaker")
    return names.lookup(name) if name else None


# "NATO Secretary General Jens Stoltenberg", "Kremlin spokesman Dmitry Peskov", "Russia's envoy X": a title of
# at most a few words between an organisation or country and a person's name, with no punctuation or verb.
TITLE_BETWEEN = re.compile(r"^(?:['’]s)?(?: [A-Za-z][\w.-]*){0,4} $")
BODY_LABELS = ("ORG", "GPE")


def speaker_bodies(mentions_by_source, texts):
    """{person entity id: ids of the organisations and countries the person is introduced as speaking for}."""
    bodies = {}
    for source_id, mentions in mentions_by_source.items():
        ordered = sorted(mentions, key=lambda m: m["char_start"])
        for body, person in zip(ordered, ordered[1:]):
            between = texts[source_id][body["char_end"]:person["char_start"]]
            if body["label"] in BODY_LABELS and person["label"] == "PERSON" and TITLE_BETWEEN.match(between):
                bodies.setdefault(person["entity_id"], set()).add(body["entity_id"])
    return bodies


def resolve_dataset(articles, annotations, previous_entity_ids=None, previous_cluster_ids=None,
                    reform_clusters=False):
    """The four tables of the whole dataset: entities resolved and statements linked across sources.

    previous_entity_ids (mention_id -> entity_id) and previous_cluster_ids (statement_id -> cluster_id) come from the
    last release: re-resolved entities and clusters keep the ids their members were published with. A published
    cluster keeps its members too, unless reform_clusters (the release was made by other code, whose clustering
    this code may correct): then a cluster keeps the id most of its published members had.
    """
    mentions = mention_rows(articles, annotations)
    entities, entity_ids = resolve_entities(mentions)
    offset_maps = {a["source"]["source_id"]: a["offset_map"] for a in articles}
    for mention in mentions:
        mention["mention_id"] = ids.stable_id("men", mention["source_id"], mention["char_start"], mention["char_end"])
        mention["raw_char_start"], mention["raw_char_end"] = to_raw_span(
            offset_maps[mention["source_id"]], mention["char_start"], mention["char_end"])
    kept = keep_previous_ids(entity_ids, [m["mention_id"] for m in mentions], previous_entity_ids or {})
    renamed = dict(zip(entity_ids, kept))
    for mention, entity_id in zip(mentions, kept):
        mention["entity_id"] = entity_id
    for entity in entities:
        entity["entity_id"] = renamed.get(entity["entity_id"], entity["entity_id"])
    by_source = {}
    for mention in mentions:
        by_source.setdefault(mention["source_id"], []).append(mention)
    sources = {a["source"]["source_id"]: a for a in articles}
    names = NameIndex(entities)
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
                    found, by_source.get(ann["source_id"], []), names),
                "cue": found["cue"], "cluster_id": None,
                "speaker_ref": found.get("speaker_ref"), "lemmas": found.get("lemmas"),
                "part_lemmas": found.get("part_lemmas"),
                "cue_start": found.get("cue_start"), "speaker_start": found.get("speaker_start"),
            })
    bodies = speaker_bodies(by_source, {sid: a["source"]["text"] for sid, a in sources.items()})
    # an older version of an article repeats it: like a republished copy, it must not corroborate it
    cluster_input = [{**s, "speaker_bodies": bodies.get(s["speaker_entity_id"], ()),
                      "previous_cluster_id": None if reform_clusters
                      else (previous_cluster_ids or {}).get(s["statement_id"]),
                      "published_at": sources[s["source_id"]]["source"]["published_at"],
                      "duplicate_of": sources[s["source_id"]]["source"]["duplicate_of"]
                      or sources[s["source_id"]]["source"]["superseded_by"]} for s in statements]
    cluster_ids = keep_previous_ids(cluster_statements(cluster_input), [s["statement_id"] for s in statements],
                                    previous_cluster_ids or {})
    for statement, cluster_id in zip(statements, cluster_ids):
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
