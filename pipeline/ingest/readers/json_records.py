"""JSON and JSON Lines files of article objects, under the field names news datasets commonly use."""

import json
from pathlib import Path

from pipeline.errors import UserError
from pipeline.ingest.decode import decode_bytes, repair_text, sha256_hex
from schemas.records import ArticleMeta, RawArticle

# Field names under which JSON article records commonly carry each value, most specific first.
TEXT_FIELDS = ("text", "body", "content", "article", "articleBody", "maintext")
HTML_FIELDS = ("html", "raw_html", "page")
META_FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "published_at", "date_publish", "datePublished", "pubdate"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "source_domain"),
}


def first_field(obj: dict, names: tuple[str, ...]):
    """The first non-empty value among `names` in `obj`, else None."""
    for name in names:
        value = obj.get(name)
        if value not in (None, ""):
            return value
    return None


def record_meta(obj: dict) -> ArticleMeta:
    """The metadata in a JSON object's usual field names (None when absent or not a plain value)."""
    meta = {}
    for key, names in META_FIELDS.items():
        value = first_field(obj, names)
        meta[key] = str(value) if value is not None and not isinstance(value, (dict, list)) else None
    return ArticleMeta(**meta)


def json_record(obj: dict, uri: str, raw: bytes, fmt: str) -> RawArticle:
    """An article from one JSON object; HTML is kept for extraction when the object has no plain text."""
    text = first_field(obj, TEXT_FIELDS)
    html = None if text else first_field(obj, HTML_FIELDS)
    return RawArticle(uri=uri, raw_sha256=sha256_hex(raw), raw_text=repair_text(str(text or html or "")), format=fmt,
                      html=repair_text(str(html)) if html else None, meta=record_meta(obj))


def read_json(path: str) -> list[RawArticle]:
    """One article per object; a list gets "#L<n>" URIs (n from 1) and hashes of each object's canonical JSON."""
    raw = Path(path).read_bytes()
    data = json.loads(decode_bytes(raw))
    if isinstance(data, dict):
        return [json_record(data, path, raw, "json")]
    if isinstance(data, list):
        return [
            json_record(obj, f"{path}#L{n}", json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8"), "json")
            for n, obj in enumerate(data, start=1)
            if isinstance(obj, dict)
        ]
    raise UserError(f"JSON file holds neither an article object nor a list of them: {path}")


def read_jsonl(path: str) -> list[RawArticle]:
    """One article per non-blank line, URI "<path>#L<line number>", hash of that line's bytes."""
    records = []
    for n, line in enumerate(Path(path).read_bytes().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(decode_bytes(line))
        except json.JSONDecodeError as error:
            raise UserError(f"invalid JSON on line {n} of {path}: {error.msg}") from error
        records.append(json_record(obj, f"{path}#L{n}", line, "jsonl"))
    return records
