"""Releases of the small dataset (tests/conftest.py) that differ the way real ones do: rows added, removed and
changed, entities merged."""

from datetime import datetime, timezone

from pipeline.ids import stable_id
from pipeline.release import ReleaseStore
from schemas.contract import to_frame

from conftest import TEXT


def publish_on(store, tables, day):
    return store.publish(tables, [{"uri": "seeds/a.txt", "sha256": "0" * 64}],
                         now=datetime(2026, 1, day, tzinfo=timezone.utc))


def entity_row(entity_id, name, aliases, mentions, type_="PERSON"):
    return {"entity_id": entity_id, "name": name, "type": type_, "aliases": aliases, "mention_count": mentions,
            "source_count": 1, "first_seen": datetime(2022, 1, 12, tzinfo=timezone.utc)}


def with_entities(tables, names):
    """The small dataset with its two mentions ("Jens Stoltenberg", "Stoltenberg") given to entities named by
    `names` (one per mention; the same name twice is one entity), and statements spoken by the first."""
    ids = [stable_id("ent", name) for name in names]
    tables = {table: frame.copy() for table, frame in tables.items()}
    tables["mentions"]["entity_id"] = ids
    tables["statements"]["speaker_entity_id"] = ids[0]
    rows = {}
    for entity_id, name, mention in zip(ids, names, tables["mentions"]["text"]):
        found = rows.setdefault(entity_id, entity_row(entity_id, name, [], 0))
        found["aliases"].append(mention)
        found["mention_count"] += 1
    tables["entities"] = to_frame("entities", list(rows.values()))
    return tables


def with_nato(tables):
    """The small dataset plus an organisation entity and its mention ("NATO" at the start of the text)."""
    tables = {table: frame.copy() for table, frame in tables.items()}
    source_id = tables["sources"].loc[0, "source_id"]
    nato = stable_id("ent", "nato")
    mention = {"mention_id": stable_id("men", source_id, 0, 4), "entity_id": nato, "source_id": source_id,
               "char_start": 0, "char_end": 4, "raw_char_start": 0, "raw_char_end": 4, "text": TEXT[:4],
               "label": "ORG"}
    tables["mentions"] = to_frame("mentions", tables["mentions"].to_dict("records") + [mention])
    tables["entities"] = to_frame("entities", tables["entities"].to_dict("records")
                                  + [entity_row(nato, "NATO", ["NATO"], 1, "ORG")])
    return tables


def two_releases(small_tables, tmp_path):
    """(store, first, second): the second adds NATO, drops a statement, gives the entity another alias and merges
    "Stoltenberg" (its own entity in the first) into "Jens Stoltenberg"."""
    store = ReleaseStore(tmp_path / "output")
    first = publish_on(store, with_entities(small_tables, ["Jens Stoltenberg", "Stoltenberg"]), 1)
    second_tables = with_nato(with_entities(small_tables, ["Jens Stoltenberg", "Jens Stoltenberg"]))
    second_tables["statements"] = second_tables["statements"].iloc[:1]
    second = publish_on(store, second_tables, 2)
    return store, first, second
