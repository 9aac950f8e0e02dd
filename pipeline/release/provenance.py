"""Provenance of a release: which code made it from which inputs, as versions, hashes and the release id."""

import hashlib
import subprocess
from pathlib import Path

from pipeline import __version__

# The packages whose files shape the output: code, word lists and schemas alike.
PIPELINE = Path(__file__).resolve().parents[1]
SHAPING_PACKAGES = (PIPELINE, PIPELINE.parent / "schemas")


def code_version():
    """Package version plus the git commit it was built from, when known ("0.1.0+g314dc1e")."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=PIPELINE, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return __version__
    return f"{__version__}+g{commit}"


def shaping_files(package):
    """Every file of a package that can change the output, in a stable order: code and data of any suffix
    (pipeline/lang/en/verbs.yaml as much as pipeline/quotes.py), not bytecode caches or hidden editor files."""
    return sorted(path for path in package.rglob("*") if path.is_file() and "__pycache__" not in path.parts
                  and not path.name.startswith("."))


def code_hash():
    """sha256 of the files that shape the output (the `pipeline` and `schemas` packages), so that annotations
    cached or published by other code, committed or not, are never taken for current ones."""
    digest = hashlib.sha256()
    for package in SHAPING_PACKAGES:
        for path in shaping_files(package):
            digest.update(path.relative_to(package.parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def inputs_fingerprint(inputs, code):
    """One hash of every input's uri and content, and of the code: equal fingerprints mean nothing changed."""
    lines = sorted(f"{item['uri']}\t{item['sha256']}" for item in inputs)
    return hashlib.sha256("\n".join([code, *lines]).encode()).hexdigest()


def new_release_id(created_at, fingerprint):
    """Sortable by time, and telling apart two builds of one second ("20260105T120000Z-b202c4a9")."""
    return f"{created_at.strftime('%Y%m%dT%H%M%SZ')}-{fingerprint[:8]}"
