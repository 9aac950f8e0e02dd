"""The whole Prefect flow on the five seed articles (one run shared by the module's tests)."""

from pathlib import Path

import pytest

from pipeline import build, flows
from pipeline.query import open_release, run_query
from pipeline.validate import validate_release

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


@pytest.fixture(scope="module")
def built(tmp_path_factory, prefect_server):
    output = tmp_path_factory.mktemp("output")
    summary = flows.build_dataset(inputs=[SEEDS], output_dir=str(output))
    return output, summary


def query(output, sql):
    return run_query(open_release(output), sql)[1]


def test_flow_publishes_a_valid_release_with_every_table(built):
    output, summary = built
    assert summary["status"] == "published"
    assert summary["rows"]["sources"] == 5 and summary["rows"]["statements"] > 50
    assert validate_release(output)[1] == []


def test_statements_by_the_three_main_speakers_are_attributed_to_their_entities(built):
    output, _ = built
    counts = dict(query(output, """
        SELECT e.name, count(*) FROM statements s JOIN entities e ON s.speaker_entity_id = e.entity_id
        GROUP BY e.name"""))
    assert counts["Jens Stoltenberg"] >= 20
    assert counts["Alexander Grushko"] >= 8
    assert counts["Wendy Sherman"] >= 8


def test_spellings_of_grushko_are_one_entity(built):
    output, _ = built
    rows = query(output, """SELECT name, aliases FROM entities
                            WHERE len(list_filter(aliases, a -> a LIKE '%Grusch%' OR a LIKE '%Grushk%')) > 0""")
    assert len(rows) == 1
    name, aliases = rows[0]
    assert name == "Alexander Grushko"
    assert {"Grushkó", "Alexander Gruschko", "Grushko"} <= set(aliases)


def test_clean_text_has_no_site_furniture_and_statements_slice_it(built):
    output, _ = built
    assert query(output, "SELECT count(*) FROM sources WHERE text LIKE '%ALSO READ%' OR text LIKE '%Disclaimer%'") \
        == [(0,)]
    assert query(output, """SELECT count(*) FROM statements s JOIN sources src USING (source_id)
                            WHERE substring(src.text, s.char_start + 1, s.char_end - s.char_start) <> s.text""") \
        == [(0,)]


def test_a_corrupted_table_fails_validation_and_publishes_nothing(built, monkeypatch):
    output, _ = built
    before = (output / "latest").resolve()
    resolve = build.resolve_dataset

    def corrupted(articles, annotations):
        tables = resolve(articles, annotations)
        tables["mentions"].loc[0, "char_end"] += 3
        return tables

    monkeypatch.setattr(build, "resolve_dataset", corrupted)
    summary = flows.build_dataset(inputs=[SEEDS], output_dir=str(output))
    assert summary["status"] == "invalid"
    assert [(f.table, f.check) for f in summary["failures"]] == [("mentions", "span_matches_source_text")]
    assert (output / "latest").resolve() == before
    assert len(list((output / "releases").iterdir())) == 1
