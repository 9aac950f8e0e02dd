"""Releases: everything about writing, reading, listing and pruning the dataset's published releases.

One `ReleaseStore(output_dir)` owns an output folder; the rest of the pipeline asks it, never the file system:

    store = ReleaseStore("output")
    release = store.publish(tables, inputs, stats, text_policy="full")  # a Release, now `latest`
    store.latest()               # Release or None; store.release("20260105T120000Z-b202c4a9") by id
    release.manifest             # manifest.json as a dict
    release.read_tables()        # {table: DataFrame}
    store.ids(), store.prune(keep=3)

Modules:
- `store.py`: ReleaseStore and Release, the folder layout, the atomic staging -> rename and `latest` switch;
- `parquet.py`: the tables as Parquet files, written and read back;
- `exporters/`: the other files a release carries (`datapackage.json`, the `README.md` dataset card), one module
  each and one registry; adding an exporter is one module plus one line there (see its docstring);
- `checksums.py`, `provenance.py` (code version and hash, input fingerprint, release id), `text_policy.py`,
  `about.py` (dataset name and licence): plain functions and constants;
- `remote.py`: the manifest of a release served over HTTP, for `newsledger query --url`.

`manifest.json` and `SHA256SUMS` are the store's own, not exporters: the manifest is what exporters read, and the
checksums cover every file, so both are written last.
"""

from pipeline.release.store import Release, ReleaseError, ReleaseStore

__all__ = ["Release", "ReleaseError", "ReleaseStore"]
