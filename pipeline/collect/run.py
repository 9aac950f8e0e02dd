"""A collection as plain functions over batches: open (recover the archive, reconcile the fetch log), discover the
URLs the outlets' feeds and sitemaps list, fetch the pages that are due; `pipeline.flows.collect_news` wraps each
step in a Prefect task.

Every request is archived (`archive`) before it is logged (`state`), from the one thread that owns both; the
requests themselves run on a pool of threads, `politeness.concurrency` at a time.
"""

import base64
import hashlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from pipeline.collect.archive import NOT_MODIFIED_PROFILE, Archive, Revisit, read_payload, recover
from pipeline.collect.config import Outlet, SourceList
from pipeline.collect.discover import Listed, Malformed, normalise_url, parse_feed, parse_sitemap
from pipeline.collect.extract import examine
from pipeline.collect.fetcher import Attempt, Fetcher
from pipeline.collect.state import CollectState, fetch_id, now
from pipeline.ids import source_id
from schemas.records import Fetch

IDENTICAL_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
MAX_SITEMAPS_PER_OUTLET = 50
WARC_MAX_BYTES = 100_000_000
ROBOTS_CACHE = timedelta(hours=24)  # RFC 9309: a crawler should not use a robots.txt older than a day


@dataclass
class Collection:
    """What one collection run holds open: its source list, state, archive and fetcher."""

    sources: SourceList
    output_dir: str
    state: CollectState
    archive: Archive
    fetcher: Fetcher
    started: datetime = field(default_factory=now)
    outcomes: dict = field(default_factory=dict)  # outcome -> count, for the run's summary


@contextmanager
def open_collection(sources: SourceList, output_dir: str, warc_max_bytes: int = WARC_MAX_BYTES):
    """A collection over `output_dir`, after closing what a killed one left: `.open` WARC files cut back to their
    last whole fetch and their unlogged fetches added to the fetch log."""
    host_delays = {_host(str(o.homepage)): o.seconds_between_requests for o in sources.outlets
                   if o.seconds_between_requests is not None}
    with CollectState(output_dir) as state:
        reconciled = reconcile(state, output_dir)
        fetcher = Fetcher(sources.politeness, sources.contact, host_delays)
        for url, warc_file, record_id in state.recent_robots(now() - ROBOTS_CACHE):
            fetcher.robots.remember(url.removesuffix("/robots.txt"),
                                    read_payload(output_dir, warc_file, record_id) if record_id else None)
        try:
            with Archive(output_dir, warc_max_bytes, sources.contact) as archive:
                collection = Collection(sources, output_dir, state, archive, fetcher)
                collection.outcomes["reconciled"] = reconciled
                yield collection
        finally:
            fetcher.close()


def _host(url: str) -> str:
    return normalise_url(url).split("/")[2]


def reconcile(state: CollectState, output_dir: str) -> int:
    """Log the fetches a killed collection archived but did not log; returns how many."""
    logged, added = state.logged_records(), 0
    for name, groups in recover(output_dir):
        for group in groups:
            if group["record_id"] in logged:
                continue
            fetched_at = datetime.fromisoformat(group["fetched_at"])
            fetch = Fetch(fetch_id(group["url"], fetched_at), group["url"], fetched_at, group["kind"],
                          group.get("outlet"), _int(group.get("status")), group["outcome"], group.get("reason"),
                          _int(group.get("bytes")), group.get("etag"), group.get("last_modified"), name,
                          group["record_id"], group.get("source_id"))
            state.log(fetch, group.get("sha256"), group.get("canonical"))
            added += 1
    return added


def _int(value):
    return None if value is None else int(value)


def _digest(sha256_hex: str) -> str:
    return "sha256:" + base64.b32encode(bytes.fromhex(sha256_hex)).decode()


@dataclass
class Judged:
    """What one answered request comes to: the fetch log's outcome and reason, and what to archive and remember."""

    outcome: str | None
    reason: str | None = None
    revisit: Revisit | None = None
    sha256: str | None = None  # of a new body archived
    canonical: str | None = None
    source_id: str | None = None
    parsed: object = None  # what `read` made of a feed's or sitemap's body


def judge(collection: Collection, attempt: Attempt, previous, outlet: Outlet | None, read) -> Judged:
    """A 200 is an article, a page that is not one, a resource read by `read` (raising Malformed when it cannot be),
    or unchanged since the archived copy; a 304 refers to that copy."""
    judged = Judged(attempt.outcome, attempt.reason)
    body = attempt.body
    if attempt.outcome is None:
        sha256 = hashlib.sha256(body).hexdigest()
        if previous is not None and previous["sha256"] == sha256:
            judged = Judged("unchanged", revisit=Revisit(IDENTICAL_PROFILE, previous["record_id"], attempt.exchange.url,
                                                         previous["record_date"], _digest(sha256)),
                            source_id=previous["source_id"])
        elif attempt.kind == "page":
            verdict = examine(body, attempt.exchange.url, outlet.language if outlet else "en")
            judged = Judged("fetched" if verdict.is_article else "not_article", verdict.reason, sha256=sha256,
                            canonical=verdict.canonical, source_id=source_id(sha256) if verdict.is_article else None)
        else:
            judged = Judged("resource", sha256=sha256)
    elif attempt.outcome == "not_modified" and previous is not None:
        judged.revisit = Revisit(NOT_MODIFIED_PROFILE, previous["record_id"], attempt.exchange.url,
                                 previous["record_date"], _digest(previous["sha256"]))
        judged.source_id = previous["source_id"]
        if attempt.kind != "page":
            body = read_payload(collection.output_dir, previous["warc_file"], previous["record_id"])
    if read is not None and attempt.kind != "robots" and judged.outcome in ("resource", "unchanged", "not_modified") \
            and body is not None:
        try:
            judged.parsed = read(body, attempt.exchange.url)
        except Malformed as err:
            judged.outcome, judged.reason = "error", str(err)
    return judged


def record(collection: Collection, attempts: list[Attempt], outlet: Outlet | None, read=None):
    """Archive, then log, every attempt of one fetch; returns what `read` made of the answer's body (for a feed or
    a sitemap), or None."""
    parsed = None
    for attempt in attempts:
        exchange = attempt.exchange
        judged = judge(collection, attempt, collection.state.archived(exchange.url), outlet, read)
        parsed = judged.parsed if judged.parsed is not None else parsed
        fetch = Fetch(fetch_id(exchange.url, exchange.started_at), exchange.url, exchange.started_at, attempt.kind,
                      outlet.name if outlet else None, exchange.status, judged.outcome, judged.reason,
                      len(exchange.raw_body) if exchange.status is not None else None,
                      exchange.header("ETag"), exchange.header("Last-Modified"), None, None, judged.source_id)
        if exchange.status is not None:  # a response came: archive it before anything is logged
            fields = {k: v for k, v in asdict(fetch).items() if k not in ("url", "warc_file", "warc_record_id")}
            fields |= {"fetched_at": exchange.started_at.isoformat(), "sha256": judged.sha256,
                       "canonical": judged.canonical,
                       "text_policy": outlet.text_policy if outlet and judged.outcome == "fetched" else None}
            fetch.warc_file, fetch.warc_record_id = collection.archive.write(exchange, fields, judged.revisit)
        collection.state.log(fetch, judged.sha256, judged.canonical)
        collection.outcomes[judged.outcome] = collection.outcomes.get(judged.outcome, 0) + 1
    return parsed


def _validators(row) -> dict:
    if row is None:
        return {}
    found = {"If-None-Match": row["etag"], "If-Modified-Since": row["last_modified"]}
    return {k: v for k, v in found.items() if v}


def discover(collection: Collection, outlets: list[Outlet]) -> int:
    """Read the outlets' feeds and sitemaps (sitemap indexes followed) and remember the page URLs they list that
    the outlet's patterns let through; returns how many were listed."""
    listed = 0
    for outlet in outlets:
        queue = [(str(u), parse_feed) for u in outlet.feeds] + [(str(u), parse_sitemap) for u in outlet.sitemaps]
        done = set()
        while queue and len(done) < MAX_SITEMAPS_PER_OUTLET:
            url, read = queue.pop(0)
            if url in done:
                continue
            done.add(url)
            kind = "feed" if read is parse_feed else "sitemap"
            attempts = collection.fetcher.fetch(url, kind, _validators(collection.state.archived(url)))
            found = record(collection, attempts, outlet, read)
            if found is not None:
                pages, sitemaps = found
                queue += [(u, parse_sitemap) for u in sitemaps]
                listed += list_pages(collection, pages, outlet)
    return listed


def list_single_urls(collection: Collection) -> int:
    """Remember the source list's single article URLs, each under the outlet of its host if there is one."""
    return sum(list_pages(collection, [Listed(url)], collection.sources.outlet_of(url))
               for url in map(str, collection.sources.urls))


def list_pages(collection: Collection, pages: list[Listed], outlet: Outlet | None) -> int:
    found = {}
    for page in pages:
        url = normalise_url(page.url)
        if url and (outlet is None or outlet.wants(url)):
            found[url] = page.lastmod
    collection.state.list_urls(found.items(), "page", outlet.name if outlet else None, now())
    return len(found)


def due_pages(collection: Collection) -> list:
    rules = collection.sources.politeness
    return collection.state.due(collection.started, rules.revisit_after_seconds, rules.max_pages_per_run)


def fetch_pages(collection: Collection, rows, on_done=None) -> None:
    """Fetch a batch of due pages, `concurrency` at a time, archiving and logging each as it completes."""
    outlets = {o.name: o for o in collection.sources.outlets}
    with ThreadPoolExecutor(max_workers=collection.sources.politeness.concurrency) as pool:
        futures = {pool.submit(collection.fetcher.fetch, row["url"], "page", _validators(row)): row for row in rows}
        for future in as_completed(futures):
            row = futures[future]
            record(collection, future.result(), outlets.get(row["outlet"]))
            if on_done:
                on_done(row["url"])
