"""The input readers: one per format, registered by the file suffixes it reads.

A reader is a function `read(path) -> list[RawArticle]` in a module of this package. Adding a format is one module
and one line in `READERS`.
"""

from pipeline.ingest.readers.json_records import read_json, read_jsonl
from pipeline.ingest.readers.plain import read_html, read_text
from pipeline.ingest.readers.warc import read_warc

# suffix -> reader; the longest matching suffix wins (".warc.gz" before ".gz").
READERS = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def reader_for(path: str):
    """The reader of a file name, or None when no reader takes it."""
    name = path.lower()
    suffix = next((s for s in sorted(READERS, key=len, reverse=True) if name.endswith(s)), None)
    return READERS.get(suffix)


def supported_suffixes() -> str:
    return " ".join(sorted(READERS))
