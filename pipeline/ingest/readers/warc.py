"""WARC archives (plain or gzip): one article per HTML response."""

from warcio.archiveiterator import ArchiveIterator

from pipeline.ingest.decode import decode_bytes, sha256_hex
from schemas.records import ArticleMeta, RawArticle


def read_warc(path: str) -> list[RawArticle]:
    """One article per HTML response, URI "<path>#<target URL>", hash of the response payload."""
    records = []
    with open(path, "rb") as stream:
        for entry in ArchiveIterator(stream):
            if entry.rec_type != "response" or entry.http_headers is None:
                continue
            if "html" not in (entry.http_headers.get_header("Content-Type") or "").lower():
                continue
            payload = entry.content_stream().read()
            url = entry.rec_headers.get_header("WARC-Target-URI")
            html = decode_bytes(payload)
            meta = ArticleMeta(url=url, published=entry.rec_headers.get_header("WARC-Date"))
            records.append(RawArticle(uri=f"{path}#{url}", raw_sha256=sha256_hex(payload), raw_text=html,
                                      format="warc", html=html, meta=meta))
    return records
