"""Deltas: what changed in each table between two releases, row by row by primary key, as Parquet files.

Every release carries `delta/<table>.parquet` against the release before it, listed in its manifest under
"delta". Each row is a row added, removed or changed since then, with `change` and `changed_columns` before the
table's own columns (`schemas.tables.Change`): a removed row as it was, an added or changed row as it is now.

    change   changed_columns    statement_id          ...  cluster_id
    added    []                 stm_4f0c2e9a1b7d3c55  ...  NULL
    changed  [cluster_id]       stm_09ad7e21c4b6f310  ...  clu_5d2e8a0f7c1b9e34

`newsledger diff OLD NEW` computes the same between any two releases; DuckDB compares the Parquet files in place.
"""

import duckdb
import pyarrow.parquet as pq

from pipeline.release.checksums import sha256_file
from schemas import PRIMARY_KEYS
from schemas.contract import delta_arrow_schema
from schemas.tables import CHANGES

DELTA = "delta"
# What an example of a changed row shows after its id: the columns that say what the row is.
EXAMPLE_COLUMNS = {"sources": ("title", "outlet"), "statements": ("speaker", "text"), "entities": ("name", "type"),
                   "mentions": ("text", "label"), "entity_redirects": ("reason", "new_id"),
                   "cluster_redirects": ("reason", "new_id")}
EXAMPLE_CHARS = 70


def table_files(folder, manifest_tables):
    """{table: [Parquet paths]} of a release folder, from its manifest's `tables` entry."""
    return {table: [str(folder / item["path"]) for item in entry["files"]] for table, entry in manifest_tables.items()}


def _parquet(paths):
    return "read_parquet([" + ", ".join("'" + path.replace("'", "''") + "'" for path in paths) + "])"


def _old_rows(connection, old_paths, columns, new_relation):
    """The old table with the new table's columns: a column the old schema lacked is null, a table it lacked empty."""
    if not old_paths:
        return f"SELECT * FROM {new_relation} WHERE false"
    present = {row[0] for row in connection.execute(f"DESCRIBE SELECT * FROM {_parquet(old_paths)}").fetchall()}
    projected = ", ".join(f'"{c}"' if c in present else f'NULL AS "{c}"' for c in columns)
    return f"SELECT {projected} FROM {_parquet(old_paths)}"


def diff_table(connection, table, old_paths, new_paths):
    """The delta of one table (an Arrow table with the delta file's schema), ordered by change then key."""
    new_relation = _parquet(new_paths)
    columns = [row[0] for row in connection.execute(f"DESCRIBE SELECT * FROM {new_relation}").fetchall()]
    key = PRIMARY_KEYS[table]
    differs = [f'n."{c}" IS DISTINCT FROM o."{c}"' for c in columns if c != key]
    changed_columns = ", ".join(f"""CASE WHEN {test} THEN '{c}' END""" for test, c in
                                zip(differs, (c for c in columns if c != key)))
    sql = f"""
        WITH n AS (SELECT * FROM {new_relation}), o AS ({_old_rows(connection, old_paths, columns, new_relation)})
        SELECT 'added' AS change, []::VARCHAR[] AS changed_columns, n.* FROM n ANTI JOIN o USING ("{key}")
        UNION ALL
        SELECT 'removed', []::VARCHAR[], o.* FROM o ANTI JOIN n USING ("{key}")
        UNION ALL
        SELECT 'changed', list_filter([{changed_columns}], c -> c IS NOT NULL), n.*
        FROM n JOIN o USING ("{key}") WHERE {' OR '.join(differs) or 'false'}
        ORDER BY change, "{key}"
    """
    return connection.execute(sql).to_arrow_table().cast(delta_arrow_schema(table))


def diff(old_files, new_files):
    """{table: delta} of every table of the new release against the old one ({table: [paths]}; {} for none)."""
    connection = duckdb.connect()
    connection.execute("SET autoinstall_known_extensions = false")
    connection.execute("SET TimeZone = 'UTC'")  # published timestamps are UTC; so are the delta's
    return {table: diff_table(connection, table, old_files.get(table, []), paths)
            for table, paths in new_files.items()}


def counts(delta):
    """{change: rows} of one table's delta, every change named ({"added": 1, "removed": 0, "changed": 2})."""
    found = delta.column("change").value_counts().to_pylist()
    by_change = {item["values"]: item["counts"] for item in found}
    return {change: by_change.get(change, 0) for change in CHANGES}


def write_delta(deltas, folder, against, subfolder=DELTA):
    """Write `<subfolder>/<table>.parquet` into a release's (or any) folder, straight into it when subfolder is "";
    returns the manifest's `delta` entry."""
    (folder / subfolder).mkdir(parents=True, exist_ok=True)
    tables = {}
    for table, delta in deltas.items():
        relative = f"{subfolder}/{table}.parquet" if subfolder else f"{table}.parquet"
        pq.write_table(delta, folder / relative, compression="zstd")
        tables[table] = {"path": relative, "sha256": sha256_file(folder / relative),
                         "bytes": (folder / relative).stat().st_size, **counts(delta)}
    return {"against": against, "tables": tables}


def read_delta(folder, entry):
    """{table: delta} of the files a manifest's `delta` entry lists."""
    return {table: pq.read_table(folder / item["path"]) for table, item in entry["tables"].items()}


def examples(deltas, per_change=3):
    """A few rows of each change of each table, for people: [(table, change, rows of that change, [(id, changed
    columns, what the row is)])], e.g. ("entities", "changed", 1, [("ent_1862…", ["aliases"], "Jens Stoltenberg ·
    PERSON")])."""
    found = []
    for table, delta in deltas.items():
        rows = delta.to_pylist()
        for change in CHANGES:
            of_change = [row for row in rows if row["change"] == change]
            if of_change:
                found.append((table, change, len(of_change), [_example(table, row) for row in of_change[:per_change]]))
    return found


def _example(table, row):
    shown = " · ".join(str(row[c]) for c in EXAMPLE_COLUMNS.get(table, ()) if row.get(c) is not None)
    shown = shown if len(shown) <= EXAMPLE_CHARS else shown[:EXAMPLE_CHARS - 1] + "…"
    return row[PRIMARY_KEYS[table]], row["changed_columns"], shown
