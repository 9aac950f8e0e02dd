"""The release store: an output folder of immutable releases and the `latest` pointer, written and read back.

    output/
      releases/<release id>/   tables (*.parquet), delta/<table>.parquet, manifest.json, the exporters' files,
                               SHA256SUMS
      latest -> releases/<release id>
      index.json               every release, which is latest, which are pinned (pipeline/release/index.py)

A release is written into a hidden staging folder, renamed into `releases/<id>/` in one step, and only then is
`latest` switched (also in one step), so readers never see a partial release and a crash at any point leaves the
previous release the latest. What a release holds besides the build's tables comes from the release before it:
the redirect tables (`redirects.py`) and the delta files (`delta.py`).
"""

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property
from pathlib import Path

from contextlib import contextmanager

from pipeline.errors import UserError
from pipeline.release.checksums import sha256_file, write_sha256sums
from pipeline.release.coverage import coverage
from pipeline.release.delta import diff, read_delta, table_files, write_delta
from pipeline.release.exporters import export_all
from pipeline.release.index import entry, locked, pins, read_index, write_index
from pipeline.release.parquet import read_columns, read_tables, write_tables
from pipeline.release.provenance import code_hash, code_version, inputs_fingerprint, new_release_id
from pipeline.release.redirects import redirect_tables
from pipeline.release.text_policy import apply_text_policy
from pipeline.validate import validate_tables
from schemas import REDIRECTS, SCHEMA_VERSION

RELEASES = "releases"
LATEST = "latest"
MANIFEST = "manifest.json"
STAGING = ".staging-"


class ReleaseError(UserError):
    pass


@dataclass(frozen=True)
class Release:
    """One published release folder, read back: the same object whether it was found by id or through `latest`,
    so a reader keeps reading the release it found even when a new one is published meanwhile."""

    folder: Path

    @property
    def id(self):
        return self.folder.name

    @cached_property
    def manifest(self):
        with open(self.folder / MANIFEST, encoding="utf-8") as handle:
            return json.load(handle)

    def read_tables(self):
        """{table: DataFrame}, shaped like the frames the build validates."""
        return read_tables(self.folder, self.manifest)

    def read_columns(self, table, columns=None):
        """Some columns of one table, e.g. `release.read_columns("mentions", ["mention_id", "entity_id"])`."""
        return read_columns(self.folder, self.manifest, table, columns)

    def read_delta(self):
        """{table: Arrow delta} against the release before it, or None for a first release."""
        entry = self.manifest.get("delta")
        return read_delta(self.folder, entry) if entry else None

    def corrupted_files(self):
        """(table, path) of every table and delta file whose sha256 no longer matches the manifest."""
        files = [(table, item) for table, entry in self.manifest["tables"].items() for item in entry["files"]]
        files += [(table, item) for table, item in (self.manifest.get("delta") or {}).get("tables", {}).items()]
        return [(table, item["path"]) for table, item in files
                if sha256_file(self.folder / item["path"]) != item["sha256"]]


class ReleaseStore:
    """The releases of one output folder."""

    def __init__(self, output_dir):
        self.root = Path(output_dir)
        self.releases = self.root / RELEASES

    def latest(self):
        """The release `latest` points at, or None before the first one."""
        folder = (self.root / LATEST).resolve()
        return Release(folder) if (folder / MANIFEST).is_file() else None

    def release(self, release_id=None):
        """The release with this id (default: the latest); a ReleaseError when there is none."""
        if release_id is None:
            found = self.latest()
        else:
            folder = (self.releases / release_id).resolve()
            # only a published folder's own name: not ".staging-…", "../elsewhere" or "a/b"
            plain = Path(release_id).name == release_id and not release_id.startswith(".")
            found = Release(folder) if plain and (folder / MANIFEST).is_file() else None
        if found is None:
            what = f"release {release_id}" if release_id else "published release"
            raise ReleaseError(f"no {what} in {self.root} (run `newsledger run` first)")
        return found

    def ids(self):
        """Ids of the published releases, newest first."""
        if not self.releases.is_dir():
            return []
        return sorted((p.name for p in self.releases.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      reverse=True)

    def publish(self, tables, inputs, stats=None, text_policy="full", now=None):
        """Write a new release of `tables` (validated frames) and point `latest` at it; returns the Release.

        inputs: [{"uri", "sha256"}] of the articles it was built from; stats: free-form run figures for the
        manifest (rows, repairs). The redirect tables and the delta files are derived here, against the latest
        release.
        """
        previous = self.latest()
        tables = {**tables, "sources": apply_text_policy(tables["sources"], text_policy)}
        tables.update(self._redirects(previous, tables))
        created_at = (now or datetime.now(timezone.utc)).replace(microsecond=0)
        if previous is not None:
            # release ids sort by their time to the second: two runs within one second still come out in order
            created_at = max(created_at, datetime.fromisoformat(previous.manifest["created_at"]) + timedelta(seconds=1))
        version, code = code_version(), code_hash()
        fingerprint = inputs_fingerprint(inputs, code)
        release_id = new_release_id(created_at, fingerprint)
        final = self.releases / release_id
        if final.exists():
            raise ReleaseError(f"release {release_id} already exists")
        staging = self.releases / f"{STAGING}{release_id}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            entries = write_tables(tables, staging, release_id, version)
            delta = None if previous is None else write_delta(
                diff(table_files(previous.folder, previous.manifest["tables"]), table_files(staging, entries)),
                staging, previous.id)
            manifest = {"release": release_id, "created_at": created_at.isoformat(timespec="seconds"),
                        "code_version": version, "code_hash": code, "schema_version": SCHEMA_VERSION,
                        "fingerprint": fingerprint, "text_policy": text_policy,
                        "inputs": inputs, "stats": stats or {}, "coverage": coverage(tables["sources"]),
                        "tables": entries, "delta": delta}
            export_all(manifest, staging)
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n",
                                            encoding="utf-8")
            write_sha256sums(staging)
            for path in staging.rglob("*"):
                if path.is_file():
                    path.chmod(0o444)  # a published release is never edited in place
            staging.rename(final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.switch_latest(final)
        with self._index_update():
            pass
        return Release(final.resolve())

    @staticmethod
    def _redirects(previous, tables):
        """The redirect tables of `tables` against the previous release, checked like the build's tables."""
        derived = redirect_tables(previous, tables)
        failures = validate_tables({**tables, **derived}, only=REDIRECTS)
        if failures:
            raise ReleaseError(f"redirects against release {previous.id} fail their checks: "
                               + "; ".join(map(str, failures)))
        return derived

    def switch_latest(self, folder):
        """Atomically repoint `latest` at a release folder."""
        temporary = self.root / f".{LATEST}.tmp"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(Path(folder).relative_to(self.root), temporary)
        os.replace(temporary, self.root / LATEST)

    def delta(self, old_id=None, new_id=None):
        """(old id, new Release, {table: Arrow delta}) between two releases; by default the latest against the
        release before it. A release's own delta files serve when they are against `old_id`, so the comparison
        works even after the old release was pruned."""
        new = self.release(new_id)
        stored = new.manifest.get("delta")
        old_id = old_id or (stored or {}).get("against")
        if old_id is None:
            raise ReleaseError(f"release {new.id} is the first: name a release to compare it with")
        if stored and stored["against"] == old_id:
            return old_id, new, new.read_delta()
        old = self.release(old_id)
        return old.id, new, diff(table_files(old.folder, old.manifest["tables"]),
                                 table_files(new.folder, new.manifest["tables"]))

    def index(self):
        """index.json as it would be written now: every release, newest first, and the pins it records."""
        return self._index(pins(read_index(self.root)))

    def _index(self, pinned):
        latest = self.latest()
        return {"latest": latest.id if latest else None,
                "releases": [entry(self.release(release_id), release_id in pinned) for release_id in self.ids()]}

    @contextmanager
    def _index_update(self):
        """Under the index lock: yields (the index as it was, the set of pinned ids) for the caller to change the
        pins or the releases, then rewrites index.json."""
        with locked(self.root):
            before = read_index(self.root)
            pinned = pins(before)
            yield before, pinned
            write_index(self.root, self._index(pinned))

    def pin(self, release_id, pinned=True):
        """Pin a release (retention never removes it), or unpin it; recorded in index.json."""
        release_id = self.release(release_id).id
        with self._index_update() as (_, pinned_ids):
            (pinned_ids.add if pinned else pinned_ids.discard)(release_id)
        return release_id

    def prune(self, keep):
        """Delete all but the `keep` newest releases; returns the removed ids. Never removed: a pinned release, the
        one `latest` points at, and the one index.json names latest (which a reader of the index may be fetching)."""
        removed = []
        with self._index_update() as (before, pinned):
            current = self.latest()
            protected = pinned | {current.id if current else None, (before or {}).get("latest")}
            for release_id in self.ids()[max(keep, 1):]:
                if release_id not in protected:
                    old = self.releases / release_id
                    for path in old.rglob("*"):
                        if path.is_file():
                            path.chmod(0o644)
                    shutil.rmtree(old)
                    removed.append(release_id)
        return removed
