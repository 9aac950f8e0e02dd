"""The whole dataset's tables: entities resolved across sources, speakers linked to them, and the same statement
in several sources clustered, keeping the ids the last release published."""

import re
from collections import Counter
from dataclasses import asdict, replace

from pipeline import ids
from pipeline.entities import NameIndex, resolve_entities
from pipeline.link.clusters import cluster_statements, member_similarities
from pipeline.link.similarity import idf_weights
from pipeline.link.stories import StoryArticle, assign_stories
from pipeline.state import keep_previous_ids
from schemas.contract import to_frame

# "NATO Secretary General Jens Stoltenberg", "Kremlin spokesman Dmitry Peskov", "Russia's envoy X": a title of
# at most a few words between an organisation or country and a person's name, with no punctuation or verb.
TITLE_BETWEEN = re.compile(r"^(?:['’]s)?(?: [A-Za-z][\w.-]*){0,4} $")
BODY_LABELS = ("ORG", "GPE")
TOP_STORY_ENTITIES = 5


def to_raw_span(offset_map, start, end):
    """Offsets in the raw input of a span of the clean text, when the cleaner kept the mapping."""
    if offset_map is None or end <= start:
        return None, None
    return offset_map[start], offset_map[end - 1] + 1


def mention_rows(articles, annotations):
    """Every mention as a `mentions` row in the making, with its source's publication date for entity dates."""
    published = {a.source.source_id: a.source.published_at for a in articles}
    return [{**asdict(mention), "source_id": ann.source_id, "published_at": published[ann.source_id]}
            for ann in annotations for mention in ann.mentions]


def speaker_entity(statement, source_mentions, names):
    """The entity of the mention the speaker was resolved to, else the entity `names` (a NameIndex) finds for the
    speaker's name."""
    start, end = statement.speaker_ref_start, statement.speaker_ref_end
    if start is not None:
        overlapping = [(min(end, m["char_end"]) - max(start, m["char_start"]), m["entity_id"])
                       for m in source_mentions if m["char_start"] < end and start < m["char_end"]]
        if overlapping:
            return max(overlapping)[1]
    name = statement.speaker_ref or statement.speaker
    return names.lookup(name) if name else None


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
                    reform_clusters=False, previous_story_ids=None, previous_cluster_similarities=None):
    """The tables of the whole dataset: entities resolved, articles grouped in stories and statements linked
    across sources.

    previous_entity_ids (mention_id -> entity_id), previous_cluster_ids (statement_id -> cluster_id) and
    previous_story_ids (source_id -> story_id) come from the last release: re-resolved entities and clusters keep
    the ids their members were published with, and published articles stay in their stories; only the stories new
    articles join are clustered again, the others keep their clusters and previous_cluster_similarities. A published cluster
    keeps its members too, unless reform_clusters (the release was made by other code, whose clustering this code
    may correct): then a cluster keeps the id most of its published members had; stories are re-formed likewise.
    """
    mentions = mention_rows(articles, annotations)
    entities, entity_ids = resolve_entities(mentions)
    offset_maps = {a.source.source_id: a.offset_map for a in articles}
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
    sources = {a.source.source_id: a for a in articles}
    stories = place_in_stories(articles, annotations, by_source, None if reform_clusters else previous_story_ids)
    if reform_clusters and previous_story_ids:
        source_ids = list(sources)
        renamed_stories = keep_previous_ids([stories[s].story_id for s in source_ids], source_ids, previous_story_ids)
        stories = {s: replace(stories[s], story_id=new) for s, new in zip(source_ids, renamed_stories)}
    for source_id, placement in stories.items():
        sources[source_id].source.story_id = placement.story_id
        sources[source_id].source.story_confidence = placement.confidence
    names = NameIndex(entities)
    statements = []
    for ann in annotations:
        article = sources[ann.source_id]
        for found in ann.statements:
            raw_start, raw_end = to_raw_span(article.offset_map, found.char_start, found.char_end)
            statements.append({
                "statement_id": ids.stable_id("stm", ann.source_id, found.char_start, found.char_end),
                "source_id": ann.source_id, "kind": found.kind, "text": found.text,
                "char_start": found.char_start, "char_end": found.char_end,
                "raw_char_start": raw_start, "raw_char_end": raw_end,
                "speaker": found.speaker, "speaker_entity_id": speaker_entity(
                    found, by_source.get(ann.source_id, []), names),
                "cue": found.cue, "cluster_id": None,
                "speaker_ref": found.speaker_ref, "lemmas": found.lemmas, "part_lemmas": found.part_lemmas,
                "cue_start": found.cue_start, "speaker_start": found.speaker_start,
            })
    bodies = speaker_bodies(by_source, {sid: a.source.text for sid, a in sources.items()})
    # an older version of an article repeats it: like a republished copy, it must not corroborate it
    cluster_input = [{**s, "speaker_bodies": bodies.get(s["speaker_entity_id"], ()),
                      "previous_cluster_id": None if reform_clusters
                      else (previous_cluster_ids or {}).get(s["statement_id"]),
                      "published_at": sources[s["source_id"]].source.published_at,
                      "story_id": sources[s["source_id"]].source.story_id,
                      "duplicate_of": sources[s["source_id"]].source.duplicate_of
                      or sources[s["source_id"]].source.superseded_by} for s in statements]
    changed = None if reform_clusters or not previous_story_ids else {
        placement.story_id for source_id, placement in stories.items() if source_id not in previous_story_ids}
    found, similarities = link_statements(cluster_input, changed, previous_cluster_ids or {},
                                          previous_cluster_similarities or {})
    cluster_ids = keep_previous_ids(found, [s["statement_id"] for s in statements], previous_cluster_ids or {})
    for statement, cluster_id, similarity in zip(statements, cluster_ids, similarities):
        statement["cluster_id"] = cluster_id
        statement["cluster_similarity"] = similarity
    return {
        "sources": to_frame("sources", [asdict(a.source) for a in articles]),
        "statements": to_frame("statements", statements),
        "entities": to_frame("entities", entities),
        "mentions": to_frame("mentions", mentions),
        "stories": to_frame("stories", story_rows(articles, by_source, entities)),
    }


def link_statements(statements, changed_stories, previous_cluster_ids, previous_similarities):
    """(cluster id or None, similarity or None) of each statement. Clusters form within stories, so only the
    statements of `changed_stories` (those new articles joined; None: every story) are clustered again, weighing
    words by their rarity in the whole dataset; the others keep what the last release published. A run adding k
    articles to N so clusters O(k) statements."""
    if changed_stories is None:
        found = cluster_statements(statements)
        return found, member_similarities(statements, found)
    redo = [i for i, s in enumerate(statements) if s["story_id"] in changed_stories]
    subset = [statements[i] for i in redo]
    weights = idf_weights([s.get("lemmas") or () for s in statements])
    found = cluster_statements(subset, weights)
    ids = [previous_cluster_ids.get(s["statement_id"]) for s in statements]
    similarities = [previous_similarities.get(s["statement_id"]) for s in statements]
    for i, cluster_id, similarity in zip(redo, found, member_similarities(subset, found, weights)):
        ids[i], similarities[i] = cluster_id, similarity
    return ids, similarities


def place_in_stories(articles, annotations, mentions_by_source, previous_story_ids):
    """{source id: Placement} of every article, from its headline and lede lemmas and the entities it names."""
    lemmas = {a.source_id: frozenset(a.story_lemmas) for a in annotations}
    return assign_stories([StoryArticle(a.source.source_id, a.source.published_at, lemmas[a.source.source_id],
                                        frozenset(m["entity_id"] for m in mentions_by_source.get(a.source.source_id,
                                                                                                  [])))
                           for a in articles], previous_story_ids)


def story_rows(articles, mentions_by_source, entities):
    """One `stories` row per story, from its current article versions (an older version counts as its story's too
    when no current one is left)."""
    names = {e["entity_id"]: e["name"] for e in entities}
    members = {}
    for article in articles:
        members.setdefault(article.source.story_id, []).append(article.source)
    rows = []
    for story_id, sources in members.items():
        current = [s for s in sources if s.superseded_by is None] or sources
        dates = [s.published_at for s in current if s.published_at is not None]
        named = Counter(e for s in current for e in {m["entity_id"] for m in mentions_by_source.get(s.source_id, [])})
        central = max(current, key=lambda s: (s.story_confidence, s.title is not None, s.source_id))
        rows.append({"story_id": story_id, "title": central.title,
                     "first_published_at": min(dates, default=None), "last_published_at": max(dates, default=None),
                     "source_count": len(current), "outlet_count": len({s.outlet for s in current if s.outlet}),
                     "top_entities": [names[e] for e, _ in sorted(named.items(), key=lambda item: (-item[1], item[0]))
                                      [:TOP_STORY_ENTITIES]]})
    return sorted(rows, key=lambda row: row["story_id"])
