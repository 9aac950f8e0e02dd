"""The whole Prefect flow on the five seed articles (the `built` run is shared by the session's tests)."""

import json
import shutil
from pathlib import Path

from pipeline import build, flows
from pipeline.cli import main
from pipeline.query import open_release, run_query
from pipeline.release import ReleaseStore
from pipeline.validate import validate_release

from conftest import SEEDS

NEW_ARTICLE = """Talks resume in Vienna

Austrian Chancellor Karl Nehammer said on Monday that the talks in Vienna would resume next week.
"We are ready to host both delegations again," Nehammer told reporters.
"""


def query(output, sql):
    return run_query(open_release(ReleaseStore(output).release()), sql)[1]


def test_flow_publishes_a_valid_release_with_every_table(built):
    output, summary = built
    assert summary["status"] == "published"
    assert summary["rows"]["sources"] == 5 and summary["rows"]["statements"] > 50
    assert validate_release(ReleaseStore(output).release()) == []


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


def test_a_corrupted_table_fails_validation_and_publishes_nothing(built, monkeypatch, tmp_path):
    output = tmp_path / "out"
    shutil.copytree(built[0], output, symlinks=True)
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    (inputs / "zz_vienna.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    before = (output / "latest").resolve()
    resolve = flows.resolve_dataset

    def corrupted(*args):
        tables = resolve(*args)
        tables["mentions"].loc[0, "char_end"] += 3
        return tables

    monkeypatch.setattr(flows, "resolve_dataset", corrupted)
    summary = flows.build_dataset(inputs=[str(inputs)], output_dir=str(output))
    assert summary["status"] == "invalid"
    assert [(f.table, f.check) for f in summary["failures"]] == [("mentions", "span_matches_source_text")]
    assert (output / "latest").resolve() == before
    assert len(list((output / "releases").iterdir())) == 1




def ids(output, sql):
    return set(query(output, sql))


def test_reruns_are_incremental_and_keep_every_published_id(prefect_server, tmp_path):
    inputs, output = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for seed in Path(SEEDS).iterdir():
        (inputs / seed.name).write_bytes(seed.read_bytes())
    assert flows.build_dataset(inputs=[str(inputs)], output_dir=str(output))["status"] == "published"
    first_release = (output / "latest").resolve()
    entity_ids = ids(output, "SELECT entity_id FROM entities")
    statement_ids = ids(output, "SELECT statement_id, cluster_id FROM statements")

    again = flows.build_dataset(inputs=[str(inputs)], output_dir=str(output))
    assert again["status"] == "unchanged" and (output / "latest").resolve() == first_release

    (inputs / "zz_vienna.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    changed = next(inputs.glob("002_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nStoltenberg later said talks would go on.\n",
                       encoding="utf-8")
    next(inputs.glob("004_*.txt")).unlink()
    assert flows.build_dataset(inputs=[str(inputs)], output_dir=str(output))["status"] == "published"
    assert len(list((output / "releases").iterdir())) == 2

    assert entity_ids <= ids(output, "SELECT entity_id FROM entities")
    now = dict(query(output, "SELECT statement_id, cluster_id FROM statements"))
    assert all(now[statement] == cluster for statement, cluster in statement_ids if cluster is not None)
    assert {statement for statement, _ in statement_ids} <= set(now)
    versions = query(output, f"""SELECT superseded_by IS NULL FROM sources WHERE uri = '{changed}'
                                 ORDER BY ingested_at""")
    assert versions == [(False,), (True,)]
    assert query(output, "SELECT count(*) FROM sources WHERE uri LIKE '%004_%'") == [(1,)]
    assert ("Karl Nehammer",) in query(output, """SELECT e.name FROM statements s
                                                  JOIN entities e ON s.speaker_entity_id = e.entity_id""")


def test_run_summary_is_published_as_prefect_artifacts(built):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["row-counts", "validation-report"])))
    data = {}
    for artifact in artifacts:  # other tests' runs add versions of the same keys
        data.setdefault(artifact.key, []).append(str(artifact.data))
    assert any("statements" in d for d in data["row-counts"]), data
    assert any("All checks passed" in d for d in data["validation-report"])


def test_two_runs_list_both_releases_with_a_delta_and_a_queryable_redirect(two_runs, capsys):
    index = json.loads((two_runs / "index.json").read_text())
    first, second = sorted(item["release"] for item in index["releases"])
    assert index["latest"] == second and index["releases"][0]["delta_against"] == first
    delta = ReleaseStore(two_runs).release(second).manifest["delta"]
    assert (delta["against"], delta["tables"]["sources"]["added"]) == (first, 1)
    assert main(["diff", "--output", str(two_runs)]) == 0
    assert "sources added:\n  + src_063e7783dc830795 Strike enters second day\n" in capsys.readouterr().out
    assert query(two_runs, """SELECT e.name, r.reason, r.last_release FROM entity_redirects r
                              JOIN entities e ON e.entity_id = r.new_id""") == [
        ("Port Workers Alliance", "merged", first)]
