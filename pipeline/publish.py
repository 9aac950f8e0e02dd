"""Publish: immutable release folders with Parquet tables, manifest, checksums, Data Package and dataset card.

A release is written into a hidden staging folder, renamed into `releases/<id>/` in one step, and only then is
the `latest` symlink switched (also in one step), so readers never see a partial release.
"""

import hashlib
import json
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.errors import UserError
from schemas import SCHEMA_VERSION, TABLES
from schemas.tables import TEXT_POLICIES
from schemas.contract import data_dictionary_markdown, datapackage, to_arrow
from schemas.views import STATEMENT_CLUSTERS_VIEW

RELEASES = "releases"
LATEST = "latest"
MANIFEST = "manifest.json"
ROW_GROUP_ROWS = 50_000
EXCERPT_CHARS = 300
DATASET_NAME = "newsledger"
LICENCE = ("Annotations (statements, entities, mentions, ids) are released under CC BY 4.0. Article text and "
           "headlines remain the copyright of their publishers; they are included for research and verification "
           "and may be excluded with --text-policy.")


class PublishError(UserError):
    pass


def code_version():
    """Package version plus the git commit it was built from, when known."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=Path(__file__).resolve().parent, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return __version__
    return f"{__version__}+g{commit}"


def code_hash():
    """sha256 of the code and data files (.py, .json, .yaml) that shape the output (the `pipeline` and `schemas`
    packages), so that annotations cached or published by other code, committed or not, are never taken for current
    ones."""
    digest = hashlib.sha256()
    for package in (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "schemas"):
        for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json", ".yaml")):
            digest.update(path.relative_to(package.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inputs_fingerprint(inputs, code):
    """One hash of every input's uri and content, and of the code: equal fingerprints mean nothing changed."""
    lines = sorted(f"{item['uri']}\t{item['sha256']}" for item in inputs)
    return hashlib.sha256("\n".join([code, *lines]).encode()).hexdigest()


def latest_release_dir(output_dir):
    latest = Path(output_dir) / LATEST
    return latest.resolve() if latest.exists() else None


def read_manifest(release_dir):
    with open(Path(release_dir) / MANIFEST, encoding="utf-8") as handle:
        return json.load(handle)


def new_release_id(created_at, fingerprint):
    return f"{created_at.strftime('%Y%m%dT%H%M%SZ')}-{fingerprint[:8]}"


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


def dataset_card(manifest):
    counts = "\n".join(f"| `{table}` | {entry['rows']} |" for table, entry in manifest["tables"].items())
    return f"""# newsledger release {manifest['release']}

Who said what in the news: attributed statements (direct, indirect and mixed quotations) with their speakers
resolved to entities, the entities and their mentions, and the source articles they come from.

- Created: {manifest['created_at']} by newsledger {manifest['code_version']} (schema {manifest['schema_version']})
- Inputs: {len(manifest['inputs'])} articles (listed with their sha256 in `manifest.json`)
- Files: Parquet (zstd), described by `datapackage.json` (Frictionless Data Package v2); checksums in `SHA256SUMS`

## How it was made
Articles are ingested (text, HTML, JSON, WARC), cleaned (site boilerplate removed, mojibake and
machine-translation damage repaired, metadata extracted), annotated with spaCy `en_core_web_sm` 3.8 (named
entities, dependency parse), statements are found from quotation marks and reporting verbs and attributed through
the parse and the article's own context, entities are resolved across all sources, and the same statement
reported by several sources gets one `cluster_id`. Every table is validated against its schema (Pandera) and
cross-table rules (spans, references, unique ids) before publication. Automatic annotation makes mistakes: check
the text spans before relying on a row.

## Rows
| table | rows |
|---|---|
{counts}

## Licence
{LICENCE}

## Query with DuckDB
Locally, with newsledger: `newsledger query "SELECT count(*) FROM statements"`.
Plain DuckDB, from this folder:
```sql
SELECT e.name AS speaker, s.kind, s.text
FROM 'statements.parquet' s JOIN 'entities.parquet' e ON s.speaker_entity_id = e.entity_id
ORDER BY e.name LIMIT 10;
```
Over HTTP, from any static server holding this folder:
```sql
INSTALL httpfs; LOAD httpfs;
SELECT count(*) FROM read_parquet('https://HOST/PATH/latest/statements.parquet');
```
or `newsledger query --url https://HOST/PATH/latest "SQL"`, which reads `manifest.json` and sets up the same views.

The view `statement_clusters` (the same statement across sources, with source and outlet counts, the first
published source and a representative text), after `CREATE VIEW statements AS SELECT * FROM 'statements.parquet'`
and likewise for `sources`:
```sql
{STATEMENT_CLUSTERS_VIEW.strip()};
```

## Data dictionary
{data_dictionary_markdown()}"""


def apply_text_policy(sources, policy):
    """`sources` as published under a text policy: full text, an excerpt, or none (hashes and offsets stay)."""
    if policy not in TEXT_POLICIES:
        raise PublishError(f"unknown text policy {policy!r} (choose from {', '.join(TEXT_POLICIES)})")
    published = sources.copy()
    published["text_policy"] = policy
    if policy == "excerpt":
        published["text"] = published["text"].map(excerpt)
    elif policy == "none":
        published["text"] = None
    published["text"] = published["text"].astype("string[pyarrow]")
    return published


def excerpt(text):
    """The beginning of a text, cut at a word boundary."""
    if text is None or len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def publish_release(tables, output_dir, inputs, stats=None, now=None, text_policy="full"):
    """Write a new release and point `latest` at it; returns the release folder."""
    tables = {**tables, "sources": apply_text_policy(tables["sources"], text_policy)}
    output_dir = Path(output_dir)
    created_at = now or datetime.now(timezone.utc)
    version = code_version()
    code = code_hash()
    fingerprint = inputs_fingerprint(inputs, code)
    release_id = new_release_id(created_at, fingerprint)
    releases = output_dir / RELEASES
    final = releases / release_id
    if final.exists():
        raise PublishError(f"release {release_id} already exists")
    staging = releases / f".staging-{release_id}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        manifest = {"release": release_id, "created_at": created_at.isoformat(timespec="seconds"),
                    "code_version": version, "code_hash": code, "schema_version": SCHEMA_VERSION,
                    "fingerprint": fingerprint, "text_policy": text_policy,
                    "inputs": inputs, "stats": stats or {},
                    "tables": write_tables(tables, staging, release_id, version)}
        files = {"datapackage.json": json.dumps(datapackage(
                     DATASET_NAME, release_id, {t: [e["files"][0]["path"]] for t, e in manifest["tables"].items()},
                     manifest["created_at"]), indent=2, ensure_ascii=False),
                 "README.md": dataset_card(manifest),
                 MANIFEST: json.dumps(manifest, indent=2, ensure_ascii=False, default=str)}
        for name, content in files.items():
            (staging / name).write_text(content + "\n", encoding="utf-8")
        sums = sorted(p.name for p in staging.iterdir())
        (staging / "SHA256SUMS").write_text("".join(f"{sha256_file(staging / n)}  {n}\n" for n in sums))
        for path in staging.iterdir():
            path.chmod(0o444)  # a published release is never edited in place
        staging.rename(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    switch_latest(output_dir, final)
    return final


def switch_latest(output_dir, release_dir):
    """Atomically repoint `output/latest` at a release folder."""
    output_dir = Path(output_dir)
    temporary = output_dir / f".{LATEST}.tmp"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(Path(release_dir).relative_to(output_dir), temporary)
    os.replace(temporary, output_dir / LATEST)


def prune_releases(output_dir, keep):
    """Delete all but the `keep` newest releases (never the one `latest` points at); returns the removed ids."""
    releases = Path(output_dir) / RELEASES
    current = latest_release_dir(output_dir)
    ordered = sorted((p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.name, reverse=True)
    removed = []
    for old in ordered[max(keep, 1):]:
        if old.resolve() != current:
            for path in old.iterdir():
                path.chmod(0o644)
            shutil.rmtree(old)
            removed.append(old.name)
    return removed
