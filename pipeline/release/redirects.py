"""Id redirects: where the entity and cluster ids of earlier releases went, decided by their members.

Members keep their ids across releases (a mention, a statement), so when an entity or cluster id disappears its
members say where it went. With ent_a's mentions m1, m2 and ent_b's m3 in the previous release:

    now m1, m2, m3 all in ent_b         ent_a -> ent_b   merged
    now m1 in ent_b, m2 in ent_c        ent_a -> ent_b   split (ties go to the smaller id)
    now m1, m2 in no entity (or gone)   ent_a -> null    dissolved

An id the new release still carries needs no redirect (a split keeps it on its larger part). The previous
release's redirects are carried forward and followed through this step (a -> b, then b -> c, gives a -> c), so an
id of any earlier release resolves in one step, and only when an id comes back is its redirect dropped.
"""

from collections import Counter

from schemas import REDIRECTS
from schemas.contract import to_frame
from schemas.tables import REDIRECT_REASONS


def redirect_tables(previous, tables):
    """{redirect table: frame} for the new `tables`, against the previous release (a Release, or None)."""
    return {table: to_frame(table, redirects(previous, tables, table) if previous else []) for table in REDIRECTS}


def _follow(first, then):
    """The reason of a -> c from a -> b (first) and b -> c (then): the worst of the two, in the order of
    REDIRECT_REASONS (merged, then split, then dissolved): merged into an id that split later is a split."""
    return max(first, then, key=REDIRECT_REASONS.index)


def step(old_ids, old_members, new_members, current):
    """{old id: (new id or None, reason)} of the old ids no current id keeps.

    old_members, new_members: {member key: id} in the previous and the new release; current: the new ids."""
    moved = {old_id: Counter() for old_id in old_ids if old_id not in current}
    for member, old_id in old_members.items():
        if old_id in moved and new_members.get(member) is not None:
            moved[old_id][new_members[member]] += 1
    found = {}
    for old_id, targets in moved.items():
        ranked = sorted(targets.items(), key=lambda item: (-item[1], item[0]))
        reason = "dissolved" if not ranked else "merged" if len(ranked) == 1 else "split"
        found[old_id] = (ranked[0][0] if ranked else None, reason)
    return found


def _ids(frame, key, column):
    return {k: v for k, v in zip(frame[key], frame[column]) if isinstance(v, str)}


def redirects(previous, tables, table):
    """The rows of one redirect table: this step's redirects and the previous release's, followed through it."""
    id_table, id_column, member_table, member_key = REDIRECTS[table]
    current = set(tables[id_table][id_column].dropna())
    before = previous.read_columns(member_table, [member_key, id_column])
    old_ids = set(previous.read_columns(id_table, [id_column])[id_column].dropna())
    moves = step(old_ids, _ids(before, member_key, id_column), _ids(tables[member_table], member_key, id_column),
                 current)
    rows = [{"old_id": old, "new_id": new, "reason": reason, "last_release": previous.id}
            for old, (new, reason) in moves.items()]
    carried = previous.read_columns(table) if table in previous.manifest["tables"] else None
    for row in [] if carried is None else carried.to_dict("records"):
        if row["old_id"] in current:
            continue  # the id is back: it resolves to itself
        if isinstance(row["new_id"], str) and row["new_id"] in moves:
            new_id, reason = moves[row["new_id"]]
            row = {**row, "new_id": new_id, "reason": _follow(row["reason"], reason)}
        rows.append(row)
    return sorted(rows, key=lambda row: row["old_id"])
