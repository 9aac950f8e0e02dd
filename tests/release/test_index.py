"""index.json, pins and retention: users find every release, and a release they pinned never vanishes."""

import json

import pytest

from pipeline.cli import main, parser
from pipeline.release import ReleaseStore
from pipeline.release.checksums import sha256_file
from pipeline.release.index import INDEX

from releases import publish_on, two_releases


def index_file(store):
    return json.loads((store.root / INDEX).read_text())


def test_each_publish_rewrites_the_index_of_every_release(small_tables, tmp_path):
    store, first, second = two_releases(small_tables, tmp_path)
    index = index_file(store)
    assert index == store.index()
    assert index["latest"] == second.id and [r["release"] for r in index["releases"]] == [second.id, first.id]
    newest = index["releases"][0]
    assert newest["path"] == f"releases/{second.id}/" and newest["delta_against"] == first.id
    assert newest["rows"] == {"sources": 1, "statements": 1, "entities": 2, "mentions": 3, "stories": 1,
                              "fetches": 0, "entity_redirects": 1, "cluster_redirects": 0}
    assert newest["manifest_sha256"] == sha256_file(second.folder / "manifest.json")
    assert newest["bytes"] == sum(p.stat().st_size for p in second.folder.rglob("*") if p.is_file())
    assert (newest["schema_version"], newest["pinned"], index["releases"][1]["delta_against"]) == ("1.1", False, None)
    assert newest["code_version"] == second.manifest["code_version"]
    assert sorted(p.name for p in store.root.iterdir()) == [".index.lock", INDEX, "latest", "releases"]


def test_pins_are_recorded_in_the_index_and_survive_a_publish(small_tables, tmp_path, capsys):
    store, first, second = two_releases(small_tables, tmp_path)
    assert main(["pin", first.id, "--output", str(store.root)]) == 0
    assert capsys.readouterr().out.startswith(f"pinned {first.id}: ")
    third = publish_on(store, small_tables, 3)
    assert {r["release"]: r["pinned"] for r in index_file(store)["releases"]} == {
        third.id: False, second.id: False, first.id: True}
    assert main(["unpin", first.id, "--output", str(store.root)]) == 0
    assert not any(r["pinned"] for r in index_file(store)["releases"])


def test_retention_keeps_the_newest_the_pinned_and_latest(small_tables, tmp_path):
    store = ReleaseStore(tmp_path)
    days = [publish_on(store, small_tables, day) for day in (1, 2, 3, 4)]
    store.pin(days[0].id)
    assert store.prune(2) == [days[1].id]
    assert store.ids() == [days[3].id, days[2].id, days[0].id]
    assert [r["release"] for r in index_file(store)["releases"]] == store.ids()
    store.switch_latest(days[2].folder)  # e.g. an operator rolled back
    assert store.prune(1) == []  # days[3] is newest, days[2] latest, days[0] pinned
    store.pin(days[0].id, pinned=False)
    assert store.prune(1) == [days[0].id]


def test_retention_never_removes_the_release_the_index_names_latest(small_tables, tmp_path):
    store = ReleaseStore(tmp_path)
    first, second = publish_on(store, small_tables, 1), publish_on(store, small_tables, 2)
    store.switch_latest(first.folder)  # latest moved, index.json not yet rewritten: readers may fetch `second`
    assert store.prune(1) == []
    assert store.ids() == [second.id, first.id]


def test_keep_releases_stays_an_alias_of_keep():
    assert parser().parse_args(["run", "--keep-releases", "3"]).keep == 3
    assert parser().parse_args(["run", "--keep", "2"]).keep == 2


def test_releases_lists_the_index_as_a_table_and_as_json(small_tables, tmp_path, capsys):
    store, first, second = two_releases(small_tables, tmp_path)
    store.pin(first.id)
    assert main(["releases", "--output", str(store.root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [cell.strip() for cell in lines[1].split("┃")[1:-1]] == [
        "release", "schema", "sources", "statements", "entities", "size", "status"]
    assert lines[3].startswith(f"│ {second.id} │ 1.1    │ 1       │ 1          │ 2        │ ")
    assert lines[3].endswith(" │ latest │") and lines[4].endswith(" │ pinned │")
    assert main(["releases", "--output", str(store.root), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == index_file(store)


@pytest.mark.parametrize("command", [["pin", "nope"], ["unpin", "nope"], ["releases"]])
def test_a_missing_release_or_a_broken_index_is_a_one_line_error(small_tables, tmp_path, capsys, command):
    publish_on(ReleaseStore(tmp_path), small_tables, 1)
    if command == ["releases"]:
        (tmp_path / INDEX).write_text("{not json")
    assert main([*command, "--output", str(tmp_path)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"newsledger {command[0]}: error: ")
    assert ("no release nope" if command != ["releases"] else "it records the pinned releases") in line
