"""Content-derived ids: the same normalised keys always give the same id, across runs and machines."""

import hashlib
import unicodedata


def normalise_key(part):
    return " ".join(unicodedata.normalize("NFC", str(part)).casefold().split())


def stable_id(prefix, *parts):
    """`<prefix>_<16 hex>` from the sha256 of the normalised parts."""
    digest = hashlib.sha256("\x1f".join(normalise_key(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


def source_id(raw_sha256):
    """A source's id: from the sha256 of its raw bytes, so the same bytes are one source wherever they come from."""
    return stable_id("src", raw_sha256)
