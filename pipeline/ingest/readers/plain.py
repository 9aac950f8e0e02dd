"""Plain text and HTML files: one article per file."""

from pathlib import Path

from pipeline.ingest.decode import decode_bytes, sha256_hex
from schemas.records import RawArticle


def text_record(uri: str, text: str, fmt: str = "txt", raw: bytes | None = None) -> RawArticle:
    """An article given as plain text or HTML (`raw`: the bytes it was decoded from, if any)."""
    return RawArticle(uri=uri, raw_sha256=sha256_hex(raw if raw is not None else text.encode("utf-8")),
                      raw_text=text, format=fmt, html=text if fmt == "html" else None)


def read_text(path: str) -> list[RawArticle]:
    raw = Path(path).read_bytes()
    return [text_record(path, decode_bytes(raw), "txt", raw)]


def read_html(path: str) -> list[RawArticle]:
    raw = Path(path).read_bytes()
    return [text_record(path, decode_bytes(raw), "html", raw)]
