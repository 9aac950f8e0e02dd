"""Input discovery and reading: every format and encoding, on small invented fixtures."""

import hashlib
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import FIXTURES
from pipeline.ingest import InputError, discover_inputs, read_input
from schemas.records import ArticleMeta


def test_discover_inputs_walks_folders_and_sorts(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "sub/a.html", "sub/c.jsonl", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert discover_inputs([str(tmp_path)]) == sorted(
        str(tmp_path / name) for name in ("b.txt", "sub/a.html", "sub/c.jsonl"))


def test_discover_inputs_rejects_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        discover_inputs([str(tmp_path / "missing")])
    with pytest.raises(InputError, match="no supported input file"):
        discover_inputs([str(tmp_path)])


def test_txt_keeps_raw_text_and_hashes_bytes():
    path = FIXTURES / "boilerplate.txt"
    [record] = read_input(str(path))
    assert record.format == "txt" and record.uri == str(path) and record.html is None
    assert record.raw_text == path.read_text(encoding="utf-8")
    assert record.raw_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cp1252_file_is_decoded_with_curly_quotes_and_crlf_read_as_newline():
    [record] = read_input(str(FIXTURES / "cp1252.txt"))
    assert record.raw_text == "Café owners said “business is back” after the storm.\n"


def test_utf8_bom_is_dropped():
    [record] = read_input(str(FIXTURES / "bom.txt"))
    assert record.raw_text.startswith("Naïve plans")


def test_mojibake_is_repaired_and_text_is_nfc(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Ren\u00c3\u00a9e met the cafe\u0301 owner.".encode("utf-8"))
    [record] = read_input(str(path))
    assert record.raw_text == "Renée met the caf\u00e9 owner."


def test_html_record_keeps_markup_for_extraction():
    [record] = read_input(str(FIXTURES / "page.html"))
    assert record.format == "html" and "<article>" in record.html and record.raw_text == record.html


def test_json_object_gives_text_and_metadata():
    [record] = read_input(str(FIXTURES / "article.json"))
    assert record.raw_text.startswith("Port traffic rose")
    assert record.meta == ArticleMeta(title="Port traffic rises", url="https://example.org/port",
                                      published="2021-07-09", outlet="Example Wire")


def test_json_list_gives_one_record_per_object(tmp_path):
    path = tmp_path / "many.json"
    path.write_text('[{"text": "One."}, {"text": "Two."}]', encoding="utf-8")
    records = read_input(str(path))
    assert [r.uri for r in records] == [f"{path}#L1", f"{path}#L2"]
    assert records[0].raw_sha256 != records[1].raw_sha256


def test_jsonl_gives_one_record_per_line_with_line_uris():
    path = FIXTURES / "articles.jsonl"
    records = read_input(str(path))
    assert [r.uri for r in records] == [f"{path}#L1", f"{path}#L2"]
    assert records[1].meta.title == "Dry spell ends" and records[1].raw_text.startswith("The dry spell")
    assert records[0].raw_sha256 == hashlib.sha256(path.read_bytes().splitlines()[0]).hexdigest()


def write_warc(path: Path, pages: dict[str, str]) -> None:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                                          http_headers=headers))


def test_warc_gives_one_record_per_html_response(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    write_warc(path, {"https://example.org/a": html, "https://example.org/b": html})
    records = read_input(str(path))
    assert [r.uri for r in records] == ["https://example.org/a", "https://example.org/b"]
    assert [r.warc_file for r in records] == ["crawl.warc.gz"] * 2 and records[0].warc_record_id.startswith("<urn:")
    assert records[0].format == "warc" and records[0].html == html
    assert records[0].raw_sha256 == hashlib.sha256(html.encode("utf-8")).hexdigest()
