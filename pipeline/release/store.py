"""The release store: an output folder of immutable releases and the `latest` pointer, written and read back.

    output/
      releases/<release id>/   tables (*.parquet), manifest.json, the exporters' files, SHA256SUMS
      latest -> releases/<release id>

A release is written into a hidden staging folder, renamed into `releases/<id>/` in one step, and only then is
`latest` switched (also in one step), so readers never see a partial release and a crash at any point leaves the
previous release the latest.
"""

import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from pipeline.errors import UserError
from pipeline.release.checksums import sha256_file, write_sha256sums
from pipeline.release.exporters import export_all
from pipeline.release.parquet import read_tables, write_tables
from pipeline.release.provenance import code_hash, code_version, inputs_fingerprint, new_release_id
from pipeline.release.text_policy import apply_text_policy
from schemas import SCHEMA_VERSION

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

    def corrupted_files(self):
        """(table, path) of every table file whose sha256 no longer matches the manifest."""
        return [(table, item["path"]) for table, entry in self.manifest["tables"].items() for item in entry["files"]
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
        manifest (rows, repairs).
        """
        tables = {**tables, "sources": apply_text_policy(tables["sources"], text_policy)}
        created_at = now or datetime.now(timezone.utc)
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
            manifest = {"release": release_id, "created_at": created_at.isoformat(timespec="seconds"),
                        "code_version": version, "code_hash": code, "schema_version": SCHEMA_VERSION,
                        "fingerprint": fingerprint, "text_policy": text_policy,
                        "inputs": inputs, "stats": stats or {},
                        "tables": write_tables(tables, staging, release_id, version)}
            export_all(manifest, staging)
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n",
                                            encoding="utf-8")
            write_sha256sums(staging)
            for path in staging.iterdir():
                path.chmod(0o444)  # a published release is never edited in place
            staging.rename(final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.switch_latest(final)
        return Release(final.resolve())

    def switch_latest(self, folder):
        """Atomically repoint `latest` at a release folder."""
        temporary = self.root / f".{LATEST}.tmp"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(Path(folder).relative_to(self.root), temporary)
        os.replace(temporary, self.root / LATEST)

    def prune(self, keep):
        """Delete all but the `keep` newest releases (never the one `latest` points at); returns the removed ids."""
        current = self.latest()
        removed = []
        for release_id in self.ids()[max(keep, 1):]:
            old = self.releases / release_id
            if current is None or old.resolve() != current.folder:
                for path in old.iterdir():
                    path.chmod(0o644)
                shutil.rmtree(old)
                removed.append(release_id)
        return removed
