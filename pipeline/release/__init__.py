"""Releases: everything about writing, reading, listing and pruning the dataset's published releases.

One `ReleaseStore(output_dir)` owns an output folder; the rest of the pipeline asks it, never the file system:

    store = ReleaseStore("output")
    release = store.publish(tables, inputs, stats, text_policy="full")  # a Release, now `latest`
    store.latest()               # Release or None; store.release("20260105T120000Z-b202c4a9") by id
    release.manifest             # manifest.json as a dict
    release.read_tables()        # {table: DataFrame}
    release.read_delta()         # {table: Arrow delta} against the release before it
    store.ids(), store.index(), store.pin(release_id), store.prune(keep=3)
    store.delta(old_id, new_id)  # (old id, new Release, {table: Arrow delta})

Modules:
- `store.py`: ReleaseStore and Release, the folder layout, the atomic staging -> rename and `latest` switch;
- `index.py`: `index.json`, every release and the pins, rewritten atomically under a lock;
- `redirects.py`: the redirect tables, derived from the previous release's members and carried forward;
- `delta.py`: the per-table delta files, compared by primary key with DuckDB;
- `parquet.py`: the tables as Parquet files, written and read back;
- `exporters/`: the other files a release carries (`datapackage.json`, `croissant.json`, the `README.md` dataset
  card), one module each and one registry; adding an exporter is one module plus one line there (see its docstring);
- `checksums.py`, `provenance.py` (code version and hash, input fingerprint, release id), `text_policy.py`,
  `coverage.py` (outlets, languages, dates), `quality.py` (the recorded evaluation figures, `quality.json`),
  `about.py` (dataset name, title, description, licence, citation): plain functions and constants;
- `remote.py`: the manifest of a release served over HTTP, for `newsledger query --url`.

`manifest.json` and `SHA256SUMS` are the store's own, not exporters: the manifest is what exporters read, and the
checksums cover every file, so both are written last.
"""

from pipeline.release.store import Release, ReleaseError, ReleaseStore

__all__ = ["Release", "ReleaseError", "ReleaseStore"]
