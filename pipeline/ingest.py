"""Find input files and read them into article records.

A record is one article: {"uri", "raw_sha256", "raw_text", "format", "html", "meta"}. For text inputs
`raw_text` is the decoded file exactly as `open(path, encoding=...).read()` returns it (universal newlines),
so character offsets into it are the offsets annotators and readers use. For HTML inputs (pages, WARC
responses, JSON records carrying HTML) `raw_text` and `html` both hold the decoded markup; the article text is
extracted later by `pipeline.clean.clean_article`.
"""

import hashlib
import json
import unicodedata
from pathlib import Path

import ftfy

from pipeline.errors import UserError

SUPPORTED_SUFFIXES = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}

# Field names under which JSON article records commonly carry each value, most specific first.
TEXT_FIELDS = ("text", "body", "content", "article", "articleBody", "maintext")
HTML_FIELDS = ("html", "raw_html", "page")
META_FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "published_at", "date_publish", "datePublished", "pubdate"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "source_domain"),
}

# ftfy settings that repair mojibake but leave everything else as written: quotation marks stay curly
# (statements are delimited by them), line breaks and character widths stay, HTML entities stay literal.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
)


class InputError(UserError):
    """A path the user gave cannot be read as news input (the message is one line)."""


def input_format(path: str) -> str | None:
    """The format name for a supported file name, else None."""
    name = path.lower()
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUPPORTED_SUFFIXES[suffix]
    return None


def discover_inputs(paths: list[str]) -> list[str]:
    """Supported files among `paths` (folders searched recursively), sorted and without repeats."""
    found = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"input path does not exist: {given}")
        if path.is_dir():
            in_folder = [str(p) for p in path.rglob("*") if p.is_file() and input_format(str(p))]
            if not in_folder:
                raise InputError(f"no supported input file (.txt .html .json .jsonl .warc) in folder: {given}")
            found.update(in_folder)
        elif input_format(str(path)):
            found.add(str(path))
        else:
            raise InputError(f"unsupported input file type: {given}")
    return sorted(found)


def decode_bytes(raw: bytes) -> str:
    """Text from bytes: UTF-8 (BOM dropped) else Windows-1252, newlines as Python's text mode reads them,
    mojibake repaired and NFC-normalised."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five byte values undefined; those only occur in Latin-1 (C1 controls).
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    return repair_text(text.replace("\r\n", "\n").replace("\r", "\n"))


def repair_text(text: str) -> str:
    """Mojibake repaired (ftfy, quotes and layout untouched) and NFC-normalised."""
    return unicodedata.normalize("NFC", ftfy.fix_text(text, config=FTFY_CONFIG))


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def first_field(obj: dict, names: tuple[str, ...]):
    """The first non-empty value among `names` in `obj`, else None."""
    for name in names:
        value = obj.get(name)
        if value not in (None, ""):
            return value
    return None


def record_meta(obj: dict) -> dict:
    """{title, url, published, outlet} taken from a JSON object's usual field names (None when absent)."""
    meta = {}
    for key, names in META_FIELDS.items():
        value = first_field(obj, names)
        meta[key] = str(value) if value is not None and not isinstance(value, (dict, list)) else None
    return meta


def empty_meta() -> dict:
    return {key: None for key in META_FIELDS}


def json_record(obj: dict, uri: str, raw: bytes, fmt: str) -> dict:
    """A record from one JSON article object; HTML is kept for extraction when the object has no plain text."""
    text = first_field(obj, TEXT_FIELDS)
    html = None if text else first_field(obj, HTML_FIELDS)
    return {
        "uri": uri,
        "raw_sha256": sha256_hex(raw),
        "raw_text": repair_text(str(text or html or "")),
        "format": fmt,
        "html": repair_text(str(html)) if html else None,
        "meta": record_meta(obj),
    }


def read_json_file(path: str, raw: bytes) -> list[dict]:
    """One record per article object; a list gets "#L<n>" URIs (n from 1) and hashes of its canonical JSON."""
    data = json.loads(decode_bytes(raw))
    if isinstance(data, dict):
        return [json_record(data, path, raw, "json")]
    if isinstance(data, list):
        return [
            json_record(obj, f"{path}#L{n}", json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8"), "json")
            for n, obj in enumerate(data, start=1)
            if isinstance(obj, dict)
        ]
    raise InputError(f"JSON file holds neither an article object nor a list of them: {path}")


def read_jsonl_file(path: str, raw: bytes) -> list[dict]:
    """One record per non-blank line, URI "<path>#L<line number>", hash of that line's bytes."""
    records = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(decode_bytes(line))
        except json.JSONDecodeError as error:
            raise InputError(f"invalid JSON on line {n} of {path}: {error.msg}") from error
        records.append(json_record(obj, f"{path}#L{n}", line, "jsonl"))
    return records


def read_warc_file(path: str) -> list[dict]:
    """One record per HTML response, URI "<path>#<target URL>", hash of the response payload."""
    from warcio.archiveiterator import ArchiveIterator

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
            meta = empty_meta() | {"url": url, "published": entry.rec_headers.get_header("WARC-Date")}
            records.append(
                {"uri": f"{path}#{url}", "raw_sha256": sha256_hex(payload), "raw_text": html,
                 "format": "warc", "html": html, "meta": meta}
            )
    return records


def read_input(path: str) -> list[dict]:
    """Article records in file order (see the module docstring for their shape)."""
    fmt = input_format(path)
    if fmt is None:
        raise InputError(f"unsupported input file type: {path}")
    try:
        return _read_records(path, fmt)
    except (OSError, ValueError) as error:  # unreadable file, invalid JSON, broken WARC
        raise InputError(f"cannot read {path}: {error}") from error


def _read_records(path: str, fmt: str) -> list[dict]:
    if fmt == "warc":
        return read_warc_file(path)
    raw = Path(path).read_bytes()
    if fmt == "json":
        return read_json_file(path, raw)
    if fmt == "jsonl":
        return read_jsonl_file(path, raw)
    return [text_record(path, decode_bytes(raw), fmt, raw)]


def text_record(uri: str, text: str, fmt: str = "txt", raw: bytes | None = None) -> dict:
    """A record for one article given as plain text or HTML (`raw`: the bytes it was decoded from, if any)."""
    return {"uri": uri, "raw_sha256": sha256_hex(raw if raw is not None else text.encode("utf-8")), "raw_text": text,
            "format": fmt, "html": text if fmt == "html" else None, "meta": empty_meta()}
