"""The tables of a release as Parquet files, written from and read back into the frames the build validates."""

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.release.checksums import sha256_file
from schemas import TABLES
from schemas.contract import to_arrow, to_frame

ROW_GROUP_ROWS = 50_000


def write_tables(tables, folder, release_id, version):
    """Parquet files (zstd) with key-value metadata; returns the manifest's `tables` entry."""
    entries = {}
    for table in TABLES:
        relative = f"{table}.parquet"
        arrow_table = to_arrow(table, tables[table], {"newsledger.release": release_id,
                                                      "newsledger.code_version": version})
        pq.write_table(arrow_table, folder / relative, compression="zstd", row_group_size=ROW_GROUP_ROWS)
        rows = arrow_table.num_rows
        entries[table] = {"rows": rows, "files": [{"path": relative, "sha256": sha256_file(folder / relative),
                                                  "bytes": (folder / relative).stat().st_size, "rows": rows}]}
    return entries


def read_tables(folder, manifest):
    """{table: DataFrame} of the files the manifest lists, shaped like the frames the build validates."""
    tables = {}
    for table, entry in manifest["tables"].items():
        records = [row for item in entry["files"] for row in pq.read_table(folder / item["path"]).to_pylist()]
        tables[table] = to_frame(table, records)
    return tables


def read_columns(folder, manifest, table, columns=None):
    """Some columns of one table as a plain DataFrame (strings as str or None), e.g. the ids of its rows."""
    paths = [folder / item["path"] for item in manifest["tables"][table]["files"]]
    return pa.concat_tables([pq.read_table(path, columns=columns) for path in paths]).to_pandas()
