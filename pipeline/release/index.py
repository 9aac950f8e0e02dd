"""`index.json`: every release of an output folder, for people and tools that fetch or pin releases.

    {"latest": "20260105T120000Z-b202c4a9",
     "releases": [{"release": "20260105T120000Z-b202c4a9", "path": "releases/20260105T120000Z-b202c4a9/",
                   "created_at": "2026-01-05T12:00:00+00:00", "code_version": "0.1.0+g314dc1e",
                   "schema_version": "1.1", "text_policy": "full", "rows": {"sources": 5, ...},
                   "bytes": 412345, "manifest_sha256": "9f2c...", "delta_against": "20260104T...",
                   "pinned": false}, ...]}

Releases are listed newest first. The index is derived from the release folders, except for the pins, which it
is the record of: rewriting it keeps them. It is rewritten whole into a temporary file and renamed over the old
one, under a lock, so readers never see half of it and a publish and a `newsledger pin` at once lose nothing.
"""

import fcntl
import json
import os
from contextlib import contextmanager

from pipeline.errors import UserError
from pipeline.release.checksums import sha256_file

INDEX = "index.json"
LOCK = ".index.lock"


def folder_bytes(folder):
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def entry(release, pinned):
    """The index entry of one release (a `pipeline.release.Release`)."""
    manifest = release.manifest
    return {"release": release.id, "path": f"{release.folder.parent.name}/{release.id}/",
            "created_at": manifest["created_at"], "code_version": manifest["code_version"],
            "schema_version": manifest["schema_version"], "text_policy": manifest.get("text_policy"),
            "rows": {table: item["rows"] for table, item in manifest["tables"].items()},
            "bytes": folder_bytes(release.folder), "manifest_sha256": sha256_file(release.folder / "manifest.json"),
            "delta_against": (manifest.get("delta") or {}).get("against"), "pinned": pinned}


def read_index(root):
    """index.json of an output folder as a dict, or None before the first one."""
    path = root / INDEX
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise UserError(f"{path} is unreadable ({err}): it records the pinned releases, so restore it "
                        f"(or delete it to unpin every release)") from err


def pins(index):
    """Ids of the releases an index pins."""
    return {item["release"] for item in (index or {}).get("releases", []) if item.get("pinned")}


def write_index(root, index):
    """Replace index.json in one step."""
    temporary = root / f".{INDEX}.tmp"
    temporary.write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, root / INDEX)


@contextmanager
def locked(root):
    """Hold the output folder's index lock (one writer of index.json at a time, across processes)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
