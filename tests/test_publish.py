import json
import os
from datetime import datetime, timezone

import frictionless
import pyarrow.parquet as pq
import pytest

from pipeline import publish
from pipeline.publish import publish_release, read_manifest
from pipeline.validate import validate_release

INPUTS = [{"uri": "seeds/a.txt", "sha256": "0" * 64}]


def test_release_holds_tables_manifest_checksums_datapackage_and_card(small_tables, tmp_path):
    release = publish_release(small_tables, tmp_path, INPUTS)
    assert (tmp_path / "latest").resolve() == release
    manifest = read_manifest(release)
    assert {t: e["rows"] for t, e in manifest["tables"].items()} == {
        "sources": 1, "statements": 2, "entities": 1, "mentions": 2}
    assert manifest["inputs"] == INPUTS and manifest["release"] == release.name
    for entry in manifest["tables"].values():
        (item,) = entry["files"]
        assert publish.sha256_file(release / item["path"]) == item["sha256"]
    sums = dict(line.split("  ")[::-1] for line in (release / "SHA256SUMS").read_text().splitlines())
    assert sums["statements.parquet"] == manifest["tables"]["statements"]["files"][0]["sha256"]
    package = json.loads((release / "datapackage.json").read_text())
    statements = next(r for r in package["resources"] if r["name"] == "statements")
    assert statements["schema"]["primaryKey"] == ["statement_id"]
    assert {"fields": ["speaker_entity_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}} in \
        statements["schema"]["foreignKeys"]
    card = (release / "README.md").read_text()
    assert "| `statements` | 2 |" in card and "`speaker_entity_id`" in card


def test_parquet_carries_schema_descriptions_and_release_metadata(small_tables, tmp_path):
    release = publish_release(small_tables, tmp_path, INPUTS)
    schema = pq.read_schema(release / "sources.parquet")
    assert schema.metadata[b"newsledger.release"].decode() == release.name
    assert b"Clean article body" in schema.field("text").metadata[b"description"]
    assert str(schema.field("published_at").type) == "date32[day]"
    assert pq.ParquetFile(release / "sources.parquet").metadata.row_group(0).column(0).compression == "ZSTD"


def test_published_release_revalidates_and_detects_a_corrupted_file(small_tables, tmp_path):
    release = publish_release(small_tables, tmp_path, INPUTS)
    assert validate_release(tmp_path)[1] == []
    os.chmod(release / "entities.parquet", 0o644)
    table = pq.read_table(release / "entities.parquet")
    pq.write_table(table.slice(0, 0), release / "entities.parquet")
    checks = {(f.table, f.check) for f in validate_release(tmp_path)[1]}
    assert ("entities", "sha256 matches manifest") in checks
    assert ("mentions", "references entities.entity_id") in checks


def test_datapackage_passes_the_independent_frictionless_validator(small_tables, tmp_path):
    release = publish_release(small_tables, tmp_path, INPUTS)
    report = frictionless.validate(str(release / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("crashing_step", ["dataset_card", "switch_latest"])
def test_a_crash_while_publishing_keeps_the_previous_release_latest(small_tables, tmp_path, monkeypatch,
                                                                     crashing_step):
    """Writing the release (dataset card) or switching `latest`: readers still see the previous, whole release."""
    first = publish_release(small_tables, tmp_path, INPUTS, now=datetime(2026, 1, 1, tzinfo=timezone.utc))

    def crash(*args, **kwargs):
        raise OSError("killed")

    monkeypatch.setattr(publish, crashing_step, crash)
    with pytest.raises(OSError):
        publish_release(small_tables, tmp_path, INPUTS, now=datetime(2026, 1, 2, tzinfo=timezone.utc))
    assert (tmp_path / "latest").resolve() == first
    assert validate_release(tmp_path)[1] == []
    assert not any(p.name.startswith(".staging") for p in (tmp_path / "releases").iterdir())


@pytest.mark.parametrize("policy", ["excerpt", "none"])
def test_text_policy_withholds_text_but_keeps_hashes_and_offsets(small_tables, tmp_path, policy, monkeypatch):
    monkeypatch.setattr(publish, "EXCERPT_CHARS", 20)
    release = publish_release(small_tables, tmp_path, INPUTS, text_policy=policy)
    (source,) = pq.read_table(release / "sources.parquet").to_pylist()
    assert source["text_policy"] == policy
    assert source["text_sha256"] == small_tables["sources"].loc[0, "text_sha256"]
    assert source["text"] == (None if policy == "none" else "NATO chief Jens …")
    assert pq.read_table(release / "statements.parquet").num_rows == 2
    assert validate_release(tmp_path)[1] == []


def test_retention_prunes_old_releases_but_never_latest(small_tables, tmp_path):
    days = [publish_release(small_tables, tmp_path, INPUTS, now=datetime(2026, 1, d, tzinfo=timezone.utc))
            for d in (1, 2, 3)]
    assert sorted(publish.prune_releases(tmp_path, 2)) == [days[0].name]
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [days[1].name, days[2].name]
    assert (tmp_path / "latest").resolve() == days[2]
