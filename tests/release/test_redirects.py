"""Id redirects: an entity or cluster id of any earlier release resolves, in one step, decided by its members."""

import pytest

from pipeline.ids import stable_id
from pipeline.query import open_release, run_query
from pipeline.release.redirects import step
from pipeline.validate import validate_release, validate_tables

from releases import publish_on, two_releases, with_entities, with_nato

JENS, STOLTENBERG = stable_id("ent", "Jens Stoltenberg"), stable_id("ent", "Stoltenberg")
# A lookup any user can run: an id they stored, resolved to the entity it is now.
RESOLVE = """SELECT e.name FROM (SELECT coalesce((SELECT new_id FROM entity_redirects WHERE old_id = '{id}'), '{id}')
             AS entity_id) stored JOIN entities e USING (entity_id)"""


@pytest.mark.parametrize("new_members, current, expected", [
    ({"m1": "b", "m2": "b", "m3": "b"}, {"b"}, {"a": ("b", "merged")}),
    ({"m1": "c", "m2": "b", "m3": "b"}, {"b", "c"}, {"a": ("b", "split")}),  # a tie goes to the smaller id
    ({"m1": "a", "m2": "c", "m3": "b"}, {"a", "b", "c"}, {}),  # a split that kept its id
    ({"m1": None, "m3": "b"}, {"b"}, {"a": (None, "dissolved")}),  # m2 gone, m1 in no group
])
def test_an_id_goes_where_its_members_went(new_members, current, expected):
    assert step({"a", "b"}, {"m1": "a", "m2": "a", "m3": "b"}, new_members, current) == expected


def query(release, sql):
    return run_query(open_release(release), sql)[1]


def test_a_merged_entity_redirects_and_the_redirect_is_queryable(small_tables, tmp_path):
    store, first, second = two_releases(small_tables, tmp_path)
    assert query(second, "SELECT old_id, new_id, reason, last_release FROM entity_redirects") == [
        (STOLTENBERG, JENS, "merged", first.id)]
    assert query(second, RESOLVE.format(id=STOLTENBERG)) == [("Jens Stoltenberg",)]
    assert query(second, RESOLVE.format(id=JENS)) == [("Jens Stoltenberg",)]
    assert query(second, "SELECT count(*) FROM cluster_redirects") == [(0,)]
    assert validate_release(second) == []


def test_redirects_are_carried_forward_so_every_earlier_id_resolves_in_one_step(small_tables, tmp_path):
    store, first, second = two_releases(small_tables, tmp_path)
    third = publish_on(store, with_nato(with_entities(small_tables, ["J. Stoltenberg", "J. Stoltenberg"])), 3)
    renamed = stable_id("ent", "J. Stoltenberg")
    assert query(third, "SELECT old_id, new_id, reason, last_release FROM entity_redirects ORDER BY old_id") == \
        sorted([(JENS, renamed, "merged", second.id), (STOLTENBERG, renamed, "merged", first.id)])
    for release in (first, second):
        for (entity_id,) in query(release, "SELECT entity_id FROM entities"):
            assert len(query(third, RESOLVE.format(id=entity_id))) == 1, entity_id
    fourth = publish_on(store, with_nato(with_entities(small_tables, ["Stoltenberg", "J. Stoltenberg"])), 4)
    # "Stoltenberg" is back: it resolves to itself, and "J. Stoltenberg" lost a mention to it but kept its id
    assert query(fourth, "SELECT old_id, new_id FROM entity_redirects") == [(JENS, renamed)]
    assert validate_release(fourth) == []


def test_a_redirect_from_a_current_id_or_to_a_missing_one_fails_validation(small_tables, tmp_path):
    store, _, second = two_releases(small_tables, tmp_path)
    tables = second.read_tables()
    tables["entity_redirects"].loc[0, "old_id"] = JENS
    tables["entity_redirects"].loc[0, "new_id"] = "ent_ffffffffffffffff"
    checks = {(f.table, f.column, f.check) for f in validate_tables(tables)}
    assert checks == {("entity_redirects", "old_id", "not a current entities.entity_id"),
                      ("entity_redirects", "new_id", "references entities.entity_id")}
