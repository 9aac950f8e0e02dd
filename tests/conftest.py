import hashlib
from pathlib import Path
from datetime import date, datetime, timezone

import pytest

from pipeline.ids import stable_id
from schemas.contract import to_frame

REPOSITORY = Path(__file__).resolve().parent.parent
SEEDS = str(REPOSITORY / "seeds")
SHARED = REPOSITORY.parent / "shared"
FIXTURES = REPOSITORY / "tests" / "fixtures"
# Hand-annotated statements (offsets only) of the 28 news pages of the AEB benchmark's expected texts: text the
# extractor was not written against, from many outlets, for a check that does not lean on the seeds.
AEB_STATEMENTS = FIXTURES / "aeb_statements.jsonl"
# Invented events reported by several outlets in different styles (see its README): statements and cross-source
# clusters annotated by people who never saw the pipeline.
NEWS_EVENTS = FIXTURES / "news_events"
# Real coverage of ten events by five outlets each (the corpus' newswcl50), annotated blind to the pipeline: offsets,
# speakers, same-statement clusters, entities and stories (see its README); the texts stay in the corpus.
MULTI_OUTLET_EVENTS = FIXTURES / "newswcl50"
NEWSWCL50_ARTICLES = SHARED / "corpus" / "newswcl50" / "articles.jsonl"
TEXT = "NATO chief Jens Stoltenberg said the talks were hard. “We will talk again,” Stoltenberg said."


@pytest.fixture(scope="session")
def prefect_server():
    """Prefect's temporary server for the session, stopped before pytest closes its output streams."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory, prefect_server):
    """The seeds built once by the real flow: (output folder, run summary)."""
    from pipeline.flows import build_dataset

    output = tmp_path_factory.mktemp("output")
    return output, build_dataset(inputs=[SEEDS], output_dir=str(output))


@pytest.fixture(scope="session")
def two_runs(tmp_path_factory, prefect_server):
    """The output folder of two real runs over tests/fixtures/port_strike: Monday's reports, then Tuesday's too
    (which joins two of Monday's entities, so one id redirects)."""
    from pipeline.flows import build_dataset

    output = tmp_path_factory.mktemp("two-runs") / "output"
    days = [str(FIXTURES / "port_strike" / day) for day in ("monday", "tuesday")]
    for inputs in (days[:1], days):
        assert build_dataset(inputs=inputs, output_dir=str(output))["status"] == "published"
    return output


@pytest.fixture
def small_tables():
    """A tiny valid dataset: one source, one entity, two mentions, two statements."""
    source_id = stable_id("src", "0" * 64)
    entity_id = stable_id("ent", "jens stoltenberg")
    source = {"source_id": source_id, "uri": "seeds/a.txt", "title": "Talks", "published_at": date(2022, 1, 12),
              "outlet": "Example News", "authors": [], "credits": ["EFE"], "language": "en", "text": TEXT, "text_policy": "full",
              "text_sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "raw_sha256": "0" * 64,
              "word_count": len(TEXT.split()), "duplicate_of": None, "superseded_by": None,
              "ingested_at": datetime(2026, 1, 1, tzinfo=timezone.utc), "warc_file": None, "warc_record_id": None,
              "story_id": stable_id("sty", source_id), "story_confidence": 1.0}
    story = {"story_id": source["story_id"], "title": "Talks", "first_published_at": date(2022, 1, 12),
             "last_published_at": date(2022, 1, 12), "source_count": 1, "outlet_count": 1,
             "top_entities": ["Jens Stoltenberg"]}
    entity = {"entity_id": entity_id, "name": "Jens Stoltenberg", "type": "PERSON",
              "aliases": ["Jens Stoltenberg", "Stoltenberg"], "mention_count": 2, "source_count": 1,
              "first_seen": date(2022, 1, 12)}
    mentions = [{"mention_id": stable_id("men", source_id, start, start + len(name)), "entity_id": entity_id,
                 "source_id": source_id, "char_start": start, "char_end": start + len(name),
                 "raw_char_start": start, "raw_char_end": start + len(name), "text": name,
                 "label": "PERSON"}
                for name, start in (("Jens Stoltenberg", TEXT.index("Jens")), ("Stoltenberg", TEXT.rindex("Stolt")))]
    spans = [("the talks were hard", "indirect"), ("We will talk again,", "direct")]
    statements = [{"statement_id": stable_id("stm", source_id, TEXT.index(t)), "source_id": source_id, "kind": kind,
                   "text": t, "char_start": TEXT.index(t), "char_end": TEXT.index(t) + len(t),
                   "raw_char_start": TEXT.index(t), "raw_char_end": TEXT.index(t) + len(t), "speaker": "Stoltenberg",
                   "speaker_entity_id": entity_id, "cue": "said", "cluster_id": None}
                  for t, kind in spans]
    return {"sources": to_frame("sources", [source]), "statements": to_frame("statements", statements),
            "entities": to_frame("entities", [entity]), "mentions": to_frame("mentions", mentions),
            "stories": to_frame("stories", [story]), "fetches": to_frame("fetches", [])}
