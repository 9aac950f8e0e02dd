"""Checksums: the sha256 of each file, and the `SHA256SUMS` file every release carries (`sha256sum -c` reads it)."""

import hashlib

SHA256SUMS = "SHA256SUMS"


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sha256sums(folder):
    """`SHA256SUMS` over every file already in `folder` and below, by relative path ("<sha256>  statements.parquet",
    "<sha256>  delta/statements.parquet")."""
    names = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    (folder / SHA256SUMS).write_text("".join(f"{sha256_file(folder / name)}  {name}\n" for name in names))
