"""The WARC archive: every request and response the collector makes, in gzip WARC files rotated by size.

    <output>/archive/newsledger-20260105T120000Z-00001.warc.gz        closed: never written again
    <output>/archive/newsledger-20260105T131500Z-00001.warc.gz.open   being written by a running collection

Each fetch is written as one group, in one write and flushed to disk before the fetch log hears of it:

    request     the GET as sent (headers)
    response    the status, headers and body as received (content-encoded, cut at the size cap with
                WARC-Truncated: length); or a `revisit` for a 304 or a body identical to the last one
    metadata    warc-fields: the fetch log's row and what the collector made of the page
                ("newsledger-outcome: not_article", "newsledger-canonical: https://...")

A collection killed mid-write leaves a cut group at the end of an `.open` file; `recover` cuts the file back to
its last whole group and closes it, and the fetch log is reconciled with the groups it had not heard of, so no
archived fetch is lost or counted twice. Readers (`newsledger run`, the WARC reader) only see closed files.
"""

import io
import os
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import __version__
from pipeline.ingest.readers.warc import warc_fields

ARCHIVE = "archive"
OPEN = ".open"
SUFFIX = ".warc.gz"
FIELD_PREFIX = "newsledger-"
NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
# a body the server sends chunked is archived de-chunked (as httpx gives it), so the header would mislead readers
DROPPED_HEADERS = {"transfer-encoding"}


@dataclass
class Exchange:
    """One HTTP request and its response, as the fetcher made and received them."""

    url: str
    started_at: datetime
    request_headers: list[tuple[str, str]]
    ip: str | None = None
    status: int | None = None  # None: no response came (a timeout, a reset connection)
    reason_phrase: str = ""
    response_headers: list[tuple[str, str]] | None = None
    raw_body: bytes = b""  # as received, content-encoded; cut at the cap when `truncated`
    truncated: bool = False

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.response_headers or [] if k.lower() == name.lower()), None)


@dataclass(frozen=True)
class Revisit:
    """The earlier response a 304 or an identical body refers to."""

    profile: str
    record_id: str
    url: str
    date: str
    digest: str


def warc_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class Archive:
    """Appends fetch groups to the current `.open` WARC file of an archive folder, rotating it by size."""

    def __init__(self, output_dir, max_bytes: int = 100_000_000, operator: str = ""):
        self.folder = Path(output_dir) / ARCHIVE
        self.max_bytes = max_bytes
        self.operator = operator
        self._file = None
        self._name = None

    def _open(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        sequence = 1
        while any((self.folder / f"newsledger-{stamp}-{sequence:05d}{SUFFIX}{end}").exists() for end in ("", OPEN)):
            sequence += 1
        self._name = f"newsledger-{stamp}-{sequence:05d}{SUFFIX}"
        self._file = open(self.folder / f"{self._name}{OPEN}", "ab")
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(self._name, {
            "software": f"newsledger/{__version__}", "operator": self.operator, "format": "WARC File Format 1.1",
            "robots": "obey"}))
        self._append(buffer.getvalue())

    def _append(self, data: bytes):
        self._file.write(data)
        self._file.flush()
        os.fsync(self._file.fileno())

    def write(self, exchange: Exchange, fields: dict, revisit: Revisit | None = None) -> tuple[str, str]:
        """Archive one fetch (request, response or revisit, metadata with `fields`); returns (file name, record id
        of the response or revisit). Flushed to disk when it returns."""
        if self._file is None:
            self._open()
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
        date = warc_date(exchange.started_at)
        common = {"WARC-Date": date, **({"WARC-IP-Address": exchange.ip} if exchange.ip else {})}
        parts = urlsplit(exchange.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(b""), warc_headers_dict=common,
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", exchange.request_headers, is_http_request=True))
        http_headers = StatusAndHeaders(f"{exchange.status} {exchange.reason_phrase}".strip(),
                                        [(k, v) for k, v in exchange.response_headers
                                         if k.lower() not in DROPPED_HEADERS], protocol="HTTP/1.1")
        if revisit:
            response = writer.create_revisit_record(exchange.url, revisit.digest, revisit.url, revisit.date,
                                                    http_headers=http_headers, warc_headers_dict=common)
            response.rec_headers.replace_header("WARC-Profile", revisit.profile)
            response.rec_headers.add_header("WARC-Refers-To", revisit.record_id)
        else:
            truncated = {"WARC-Truncated": "length"} if exchange.truncated else {}
            response = writer.create_warc_record(exchange.url, "response", payload=io.BytesIO(exchange.raw_body),
                                                 http_headers=http_headers,
                                                 warc_headers_dict={**common, **truncated})
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)
        lines = "".join(f"{FIELD_PREFIX}{name.replace('_', '-')}: {value}\r\n" for name, value in fields.items()
                        if value is not None)
        metadata = writer.create_warc_record(exchange.url, "metadata", payload=io.BytesIO(lines.encode("utf-8")),
                                             warc_content_type="application/warc-fields",
                                             warc_headers_dict={**common, "WARC-Concurrent-To": record_id})
        for record in (request, response, metadata):
            writer.write_record(record)
        self._append(buffer.getvalue())
        name = self._name
        if self._file.tell() >= self.max_bytes:
            self.close()
        return name, record_id

    def close(self):
        """Close the current file: it takes its final name and is never written again."""
        if self._file is not None:
            self._file.close()
            (self.folder / f"{self._name}{OPEN}").rename(self.folder / self._name)
            self._file = self._name = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _whole_member(data: bytes) -> bool:
    """A gzip member that decompresses to its end (a record cut by a kill does not)."""
    decompressor = zlib.decompressobj(wbits=31)
    try:
        decompressor.decompress(data)
    except zlib.error:
        return False
    return decompressor.eof


def groups(path) -> list[dict]:
    """The whole fetch groups of a WARC file, in order: each its metadata fields (without the prefix) plus
    `record_id`, `url`, `date` and `end` (the byte offset after the group)."""
    found = []
    with open(path, "rb") as stream:
        data = stream.read()
    iterator = ArchiveIterator(io.BytesIO(data))
    try:
        for record in iterator:
            payload = record.content_stream().read()
            if record.rec_type != "metadata":
                continue
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            if not _whole_member(data[offset:offset + length]):
                break
            fields = {k[len(FIELD_PREFIX):].replace("-", "_"): v for k, v in warc_fields(payload).items()
                      if k.startswith(FIELD_PREFIX)}
            found.append({**fields, "record_id": record.rec_headers.get_header("WARC-Concurrent-To"),
                          "url": record.rec_headers.get_header("WARC-Target-URI"),
                          "date": record.rec_headers.get_header("WARC-Date"), "end": offset + length})
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error):
        pass  # a record cut by a kill: the groups before it are the whole ones
    return found


def recover(output_dir) -> list[tuple[str, list[dict]]]:
    """Close the `.open` files a killed collection left: each is cut back to its last whole group and takes its
    final name. Returns (file name, groups) of each, for the fetch log to reconcile."""
    folder = Path(output_dir) / ARCHIVE
    recovered = []
    for path in sorted(folder.glob(f"*{SUFFIX}{OPEN}")):
        whole = groups(path)
        with open(path, "r+b") as stream:
            stream.truncate(whole[-1]["end"] if whole else 0)
        final = path.with_name(path.name[:-len(OPEN)])
        if whole:
            path.rename(final)
        else:
            path.unlink()  # not even one fetch was whole: nothing of it reached the fetch log either
        recovered.append((final.name, whole))
    return recovered


def read_payload(output_dir, name: str, record_id: str) -> bytes | None:
    """The decoded body of one response record, from a closed or `.open` file of the archive (a feed answered 304
    is read again from the copy fetched before)."""
    folder = Path(output_dir) / ARCHIVE
    path = next((p for p in (folder / name, folder / f"{name}{OPEN}") if p.is_file()), None)
    if path is None:
        return None
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response" and record.rec_headers.get_header("WARC-Record-ID") == record_id:
                return record.content_stream().read()
    return None


def archive_files(output_dir) -> list[Path]:
    """The closed WARC files of an archive, oldest first."""
    return sorted((Path(output_dir) / ARCHIVE).glob(f"*{SUFFIX}"))
