"""Deltas: every release carries what changed since the one before it, row by row by primary key."""

import json

import pyarrow.parquet as pq

from pipeline.cli import main
from pipeline.ids import stable_id
from pipeline.release import ReleaseStore
from pipeline.release.delta import counts, diff, table_files
from schemas.contract import delta_arrow_schema

from releases import publish_on, two_releases

JENS, STOLTENBERG, NATO = (stable_id("ent", name) for name in ("Jens Stoltenberg", "Stoltenberg", "nato"))


def rows(delta, change):
    return [row for row in delta.to_pylist() if row["change"] == change]


def test_the_second_release_carries_added_removed_and_changed_rows_per_table(small_tables, tmp_path):
    store, first, second = two_releases(small_tables, tmp_path)
    assert second.manifest["delta"]["against"] == first.id
    delta = second.read_delta()
    assert {table: counts(d) for table, d in delta.items()} == {
        "sources": {"added": 0, "removed": 0, "changed": 0},
        "statements": {"added": 0, "removed": 1, "changed": 0},
        "entities": {"added": 1, "removed": 1, "changed": 1},
        "mentions": {"added": 1, "removed": 0, "changed": 1},
        "stories": {"added": 0, "removed": 0, "changed": 0},
        "fetches": {"added": 0, "removed": 0, "changed": 0},
        "entity_redirects": {"added": 1, "removed": 0, "changed": 0},
        "cluster_redirects": {"added": 0, "removed": 0, "changed": 0}}
    (changed,) = rows(delta["entities"], "changed")
    assert (changed["entity_id"], changed["changed_columns"], changed["aliases"]) == (
        JENS, ["aliases", "mention_count"], ["Jens Stoltenberg", "Stoltenberg"])
    assert [row["name"] for row in rows(delta["entities"], "added")] == ["NATO"]
    (removed,) = rows(delta["entities"], "removed")
    assert (removed["entity_id"], removed["name"]) == (STOLTENBERG, "Stoltenberg")  # as it was
    (moved,) = rows(delta["mentions"], "changed")
    assert (moved["text"], moved["changed_columns"], moved["entity_id"]) == ("Stoltenberg", ["entity_id"], JENS)
    assert [row["text"] for row in rows(delta["statements"], "removed")] == ["We will talk again,"]
    assert delta["sources"].schema.equals(delta_arrow_schema("sources"), check_metadata=False)


def test_delta_files_are_listed_checksummed_and_equal_a_fresh_comparison(small_tables, tmp_path):
    store, first, second = two_releases(small_tables, tmp_path)
    entry = second.manifest["delta"]["tables"]["mentions"]
    assert (entry["path"], entry["added"], entry["changed"]) == ("delta/mentions.parquet", 1, 1)
    sums = (second.folder / "SHA256SUMS").read_text()
    assert f"{entry['sha256']}  delta/mentions.parquet\n" in sums
    fresh = diff(table_files(first.folder, first.manifest["tables"]),
                 table_files(second.folder, second.manifest["tables"]))
    assert {t: d.to_pylist() for t, d in fresh.items()} == {t: d.to_pylist() for t, d in second.read_delta().items()}
    assert second.corrupted_files() == []


def test_a_table_the_old_release_lacked_is_all_added(small_tables, tmp_path):
    store, first, second = two_releases(small_tables, tmp_path)
    old = table_files(first.folder, first.manifest["tables"])
    del old["entity_redirects"]  # as in a release of schema 1.0
    delta = diff(old, table_files(second.folder, second.manifest["tables"]))
    assert counts(delta["entity_redirects"]) == {"added": 1, "removed": 0, "changed": 0}


def test_diff_prints_counts_and_examples_and_writes_the_full_delta(small_tables, tmp_path, capsys):
    store, first, second = two_releases(small_tables, tmp_path)
    output = str(store.root)
    assert main(["diff", "--output", output, "--to", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"release {second.id} against {first.id}\n")
    assert "│ entities          │ 1     │ 1       │ 1       │" in out
    assert f"  + {NATO} NATO · ORG\n" in out
    assert f"  ~ {JENS} [aliases, mention_count] Jens Stoltenberg · PERSON\n" in out
    assert f"  + {STOLTENBERG} merged · {JENS}\n" in out
    written = json.loads((tmp_path / "d" / "delta.json").read_text())
    assert (written["release"], written["against"], written["tables"]["entities"]["removed"]) == (
        second.id, first.id, 1)
    assert pq.read_table(tmp_path / "d" / "entities.parquet").num_rows == 3


def test_diff_reads_the_stored_delta_once_the_old_release_is_pruned(small_tables, tmp_path, capsys):
    store, first, second = two_releases(small_tables, tmp_path)
    assert store.prune(1) == [first.id]
    assert main(["diff", "--output", str(store.root), first.id, second.id]) == 0
    assert "│ statements        │ 0     │ 1       │ 0       │" in capsys.readouterr().out
    assert main(["diff", "--output", str(store.root), second.id, first.id]) == 2  # no files to compare with
    assert capsys.readouterr().err == f"newsledger diff: error: no release {first.id} in {store.root} (run " \
                                      f"`newsledger run` first)\n"


def test_diff_of_a_first_release_is_a_one_line_error(small_tables, tmp_path, capsys):
    store = ReleaseStore(tmp_path)
    only = publish_on(store, small_tables, 1)
    assert main(["diff", "--output", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"newsledger diff: error: release {only.id} is the first: name a release to "
                                       f"compare it with\n")
