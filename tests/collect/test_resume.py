"""A collection killed at any point resumes without losing or duplicating an archived fetch."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newssite import httpserver, site, source_list  # noqa: F401 (fixtures)
from pipeline.collect import run
from pipeline.collect.archive import ARCHIVE, OPEN, archive_files
from pipeline.collect.state import CollectState
from pipeline.ingest import read_input

REPOSITORY = Path(__file__).resolve().parents[2]


def collect(sources, output):
    with run.open_collection(sources, str(output)) as collection:
        run.discover(collection, sources.outlets)
        run.fetch_pages(collection, run.due_pages(collection))


def test_a_cut_warc_file_is_cut_back_and_its_unlogged_fetches_reconciled(site, tmp_path):
    collect(source_list(site), tmp_path)
    [warc] = archive_files(tmp_path)
    with CollectState(tmp_path) as state:
        logged = state.fetches()
        # as if killed after the last two fetches were archived but before they were logged, mid-way through
        # writing a third
        state.db.execute("DELETE FROM fetches WHERE warc_record_id IN (?, ?)",
                         (logged[-1].warc_record_id, logged[-2].warc_record_id))
        state.db.commit()
    opened = warc.with_name(warc.name + OPEN)
    warc.rename(opened)
    whole = opened.read_bytes()
    opened.write_bytes(whole + whole[-300:-100])

    with run.open_collection(source_list(site), str(tmp_path)) as collection:
        assert collection.outcomes["reconciled"] == 2
    assert warc.read_bytes() == whole and not opened.exists()
    with CollectState(tmp_path) as state:
        assert [(f.fetch_id, f.warc_record_id, f.outcome) for f in state.fetches()] == \
            [(f.fetch_id, f.warc_record_id, f.outcome) for f in logged]


def test_killed_mid_collection_it_resumes_and_archives_every_article_once(httpserver, tmp_path):
    """kill -9 a collection of 12 slow pages half way; the next one fetches the rest, and every article is read
    from the archive exactly once."""
    base = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    text = " ".join(["The council said on Monday that the new ferry timetable would start in May."] * 6)
    urls = []
    for n in range(12):
        path = f"/news/{n}.html"
        httpserver.expect_request(path).respond_with_data(
            f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1><p>{n}. {text}</p>"
            "</article></body></html>", content_type="text/html")
        urls.append(base + path)
    config = tmp_path / "sources.yaml"
    config.write_text(f"contact: https://example.org/contact\npoliteness:\n  allow_private_addresses: true\n"
                      f"  seconds_between_requests: 0.3\n  concurrency: 1\nurls:\n"
                      + "".join(f"  - {url}\n" for url in urls), encoding="utf-8")
    output = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "collect", "--no-build", "--sources", str(config),
               "--output", str(output)]
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    victim = subprocess.Popen(command, cwd=REPOSITORY, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(httpserver.log) < 6 and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert list((output / ARCHIVE).glob(f"*{OPEN}")), "killed while a WARC file was open"

    finished = subprocess.run(command, cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert "Traceback" not in finished.stderr + finished.stdout
    articles = [r for path in archive_files(output) for r in read_input(str(path))]
    assert sorted(r.uri for r in articles) == sorted(urls)
    with CollectState(output) as state:
        fetched = [f.url for f in state.fetches() if f.outcome == "fetched"]
    assert sorted(fetched) == sorted(urls)
