"""The release store: what a release holds, that it is written atomically, read back, listed and pruned."""

import json
import os
from datetime import datetime, timezone

import frictionless
import pandas
import pyarrow.parquet as pq
import pytest

from pipeline.release import ReleaseError, ReleaseStore, exporters, text_policy
from pipeline.release.checksums import sha256_file
from pipeline.release.exporters import card
from pipeline.validate import validate_release
from schemas import TABLES

INPUTS = [{"uri": "seeds/a.txt", "sha256": "0" * 64}]


def publish(tables, output, day=None, **options):
    now = datetime(2026, 1, day, tzinfo=timezone.utc) if day else None
    return ReleaseStore(output).publish(tables, INPUTS, now=now, **options)


def revalidate(output):
    return validate_release(ReleaseStore(output).release())


def test_release_holds_tables_manifest_checksums_datapackage_and_card(small_tables, tmp_path):
    release = publish(small_tables, tmp_path)
    assert (tmp_path / "latest").resolve() == release.folder
    manifest = release.manifest
    assert {t: e["rows"] for t, e in manifest["tables"].items()} == {
        "sources": 1, "statements": 2, "entities": 1, "mentions": 2, "stories": 1, "fetches": 0,
        "entity_redirects": 0, "cluster_redirects": 0}
    assert manifest["delta"] is None  # a first release has nothing to compare with
    assert manifest["inputs"] == INPUTS and manifest["release"] == release.folder.name == release.id
    for entry in manifest["tables"].values():
        (item,) = entry["files"]
        assert sha256_file(release.folder / item["path"]) == item["sha256"]
    sums = dict(line.split("  ")[::-1] for line in (release.folder / "SHA256SUMS").read_text().splitlines())
    assert sums["statements.parquet"] == manifest["tables"]["statements"]["files"][0]["sha256"]
    package = json.loads((release.folder / "datapackage.json").read_text())
    statements = next(r for r in package["resources"] if r["name"] == "statements")
    assert statements["schema"]["primaryKey"] == ["statement_id"]
    assert {"fields": ["speaker_entity_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}} in \
        statements["schema"]["foreignKeys"]
    card_text = (release.folder / "README.md").read_text()
    assert "| `statements` | 2 |" in card_text and "`speaker_entity_id`" in card_text


def test_parquet_carries_schema_descriptions_and_release_metadata(small_tables, tmp_path):
    release = publish(small_tables, tmp_path)
    schema = pq.read_schema(release.folder / "sources.parquet")
    assert schema.metadata[b"newsledger.release"].decode() == release.id
    assert b"Clean article body" in schema.field("text").metadata[b"description"]
    assert str(schema.field("published_at").type) == "date32[day]"
    assert pq.ParquetFile(release.folder / "sources.parquet").metadata.row_group(0).column(0).compression == "ZSTD"


def test_published_release_revalidates_and_detects_a_corrupted_file(small_tables, tmp_path):
    release = publish(small_tables, tmp_path)
    assert revalidate(tmp_path) == []
    os.chmod(release.folder / "entities.parquet", 0o644)
    table = pq.read_table(release.folder / "entities.parquet")
    pq.write_table(table.slice(0, 0), release.folder / "entities.parquet")
    checks = {(f.table, f.check) for f in revalidate(tmp_path)}
    assert ("entities", "sha256 matches manifest") in checks
    assert ("mentions", "references entities.entity_id") in checks


def test_datapackage_passes_the_independent_frictionless_validator(small_tables, tmp_path):
    release = publish(small_tables, tmp_path)
    report = frictionless.validate(str(release.folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("owner, crashing_step", [(card, "dataset_card"), (ReleaseStore, "switch_latest")])
def test_a_crash_while_publishing_keeps_the_previous_release_latest(small_tables, tmp_path, monkeypatch, owner,
                                                                     crashing_step):
    """Writing the release (dataset card) or switching `latest`: readers still see the previous, whole release."""
    first = publish(small_tables, tmp_path, day=1)

    def crash(*args, **kwargs):
        raise OSError("killed")

    monkeypatch.setattr(owner, crashing_step, crash)
    with pytest.raises(OSError):
        publish(small_tables, tmp_path, day=2)
    assert (tmp_path / "latest").resolve() == first.folder
    assert revalidate(tmp_path) == []
    assert not any(p.name.startswith(".staging") for p in (tmp_path / "releases").iterdir())


@pytest.mark.parametrize("policy", ["excerpt", "none"])
def test_text_policy_withholds_text_but_keeps_hashes_and_offsets(small_tables, tmp_path, policy, monkeypatch):
    monkeypatch.setattr(text_policy, "EXCERPT_CHARS", 20)
    release = publish(small_tables, tmp_path, text_policy=policy)
    (source,) = pq.read_table(release.folder / "sources.parquet").to_pylist()
    assert source["text_policy"] == policy
    assert source["text_sha256"] == small_tables["sources"].loc[0, "text_sha256"]
    assert source["text"] == (None if policy == "none" else "NATO chief Jens …")
    assert pq.read_table(release.folder / "statements.parquet").num_rows == 2
    assert revalidate(tmp_path) == []


def test_an_unknown_text_policy_is_a_user_error_and_publishes_nothing(small_tables, tmp_path):
    with pytest.raises(text_policy.TextPolicyError, match="unknown text policy 'some'"):
        publish(small_tables, tmp_path, text_policy="some")
    assert ReleaseStore(tmp_path).latest() is None


def test_retention_prunes_old_releases_but_never_latest(small_tables, tmp_path):
    days = [publish(small_tables, tmp_path, day=d) for d in (1, 2, 3)]
    assert sorted(ReleaseStore(tmp_path).prune(2)) == [days[0].id]
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [days[1].id, days[2].id]
    assert (tmp_path / "latest").resolve() == days[2].folder


def test_a_store_lists_and_reads_back_what_it_published(small_tables, tmp_path):
    store = ReleaseStore(tmp_path)
    assert store.ids() == [] and store.latest() is None
    first = publish(small_tables, tmp_path, day=1)
    small_tables["statements"] = small_tables["statements"].iloc[:1]
    second = publish(small_tables, tmp_path, day=2)
    assert store.ids() == [second.id, first.id]
    assert store.latest() == second == store.release() and store.release(first.id) == first
    assert store.release(first.id).manifest["created_at"] == "2026-01-01T00:00:00+00:00"
    old, new = first.read_tables(), store.latest().read_tables()
    assert (len(old["statements"]), len(new["statements"])) == (2, 1)
    for table, frame in small_tables.items():
        pandas.testing.assert_frame_equal(new[table], frame.reset_index(drop=True))


@pytest.mark.parametrize("release_id", [None, "nope", "../releases", ".staging-x"])
def test_a_missing_release_is_a_one_line_user_error(tmp_path, release_id, small_tables):
    if release_id is not None:
        publish(small_tables, tmp_path)
        (tmp_path / "releases" / ".staging-x").mkdir()
    what = "published release" if release_id is None else f"release {release_id}"
    with pytest.raises(ReleaseError, match=f"^no {what} in "):
        ReleaseStore(tmp_path).release(release_id)


def test_the_registry_writes_each_registered_exporters_file_under_the_checksums(small_tables, tmp_path,
                                                                                 monkeypatch):
    def notes(manifest, folder):
        path = folder / "NOTES.txt"
        path.write_text(f"{manifest['release']}: {manifest['tables']['statements']['rows']} statements\n")
        return path

    monkeypatch.setitem(exporters.EXPORTERS, "notes", notes)
    release = publish(small_tables, tmp_path)
    written = {path.name for path in exporters.export_all(release.manifest, tmp_path)}
    assert written == {"datapackage.json", "croissant.json", "README.md", "NOTES.txt"}
    assert (release.folder / "NOTES.txt").read_text() == f"{release.id}: 2 statements\n"
    sums = dict(line.split("  ")[::-1] for line in (release.folder / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == written | {"manifest.json"} | {f"{table}.parquet" for table in TABLES}
    assert all(sha256_file(release.folder / name) == digest for name, digest in sums.items())
