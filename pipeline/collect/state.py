"""The collector's state: one SQLite database in the output folder (`<output>/state.sqlite`, WAL), owned by this
module alone.

- `urls`: every URL seen (normalised), the outlet and listing it came from, when it was last fetched, its validators
  (ETag, Last-Modified) for conditional GETs, the sha256 of its last body and its canonical URL;
- `fetches`: the fetch log, one row per request made or refused (published as the `fetches` table).

A fetch is logged only after its WARC group is on disk (`pipeline.collect.archive`); `reconcile` adds the groups a
killed collection archived but never logged, from the fields their metadata records carry.
"""

import sqlite3
from dataclasses import asdict, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pipeline.collect.archive import warc_date as warc_date_of
from pipeline.ids import stable_id
from schemas.records import Fetch

STATE = "state.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY, kind TEXT NOT NULL, outlet TEXT, first_seen TEXT NOT NULL, listed_at TEXT NOT NULL,
    lastmod TEXT, fetched_at TEXT, etag TEXT, last_modified TEXT, sha256 TEXT, warc_file TEXT, record_id TEXT,
    record_date TEXT, canonical TEXT, source_id TEXT);
CREATE TABLE IF NOT EXISTS fetches (
    fetch_id TEXT PRIMARY KEY, url TEXT NOT NULL, fetched_at TEXT NOT NULL, kind TEXT NOT NULL, outlet TEXT,
    status INTEGER, outcome TEXT NOT NULL, reason TEXT, bytes INTEGER, etag TEXT, last_modified TEXT,
    warc_file TEXT, warc_record_id TEXT UNIQUE, source_id TEXT);
"""
FETCH_COLUMNS = [f.name for f in fields(Fetch)]


def fetch_id(url: str, fetched_at: datetime) -> str:
    return stable_id("fet", url, fetched_at.isoformat())


def now() -> datetime:
    return datetime.now(timezone.utc)


class CollectState:
    """The state database of one output folder; open it with `with CollectState(output) as state:`."""

    def __init__(self, output_dir):
        self.path = Path(output_dir) / STATE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.db.close()

    def list_urls(self, found, kind: str, outlet: str | None, at: datetime):
        """Remember URLs a feed, sitemap or the source list gives now: [(url, lastmod or None)]."""
        with self.db:
            self.db.executemany(
                "INSERT INTO urls (url, kind, outlet, first_seen, listed_at, lastmod) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET listed_at = excluded.listed_at, "
                "lastmod = coalesce(excluded.lastmod, urls.lastmod)",
                [(url, kind, outlet, at.isoformat(), at.isoformat(), lastmod) for url, lastmod in found])

    def due(self, listed_since: datetime, revisit_after: float, limit: int) -> list[sqlite3.Row]:
        """Pages to fetch: never fetched (also those a killed run left), or listed now and last fetched more than
        `revisit_after` seconds ago or before their sitemap lastmod; never-fetched first, at most `limit`."""
        before = (now() - timedelta(seconds=revisit_after)).isoformat()
        return self.db.execute(
            "SELECT * FROM urls WHERE kind = 'page' AND (fetched_at IS NULL OR (listed_at >= ? AND "
            "(fetched_at <= ? OR (lastmod IS NOT NULL AND lastmod > fetched_at)))) "
            "ORDER BY fetched_at IS NOT NULL, listed_at DESC, url LIMIT ?",
            (listed_since.isoformat(), before, limit)).fetchall()

    def archived(self, url: str) -> sqlite3.Row | None:
        """What is remembered of the last body of `url` archived (validators, hash, record, source), if any."""
        return self.db.execute("SELECT * FROM urls WHERE url = ? AND record_id IS NOT NULL", (url,)).fetchone()

    def log(self, fetch: Fetch, sha256: str | None = None, canonical: str | None = None):
        """Log a fetch and mark its URL (and the canonical URL it names, so a listing of that is not fetched again)
        fetched, remembering the validators, body hash and record of an archived body; one transaction."""
        at = fetch.fetched_at.isoformat()
        urls = list(dict.fromkeys([fetch.url, canonical or fetch.url]))
        with self.db:
            self.db.execute(f"INSERT OR IGNORE INTO fetches ({', '.join(FETCH_COLUMNS)}) VALUES "
                            f"({', '.join('?' * len(FETCH_COLUMNS))})",
                            [asdict(fetch)[c] if c != "fetched_at" else at for c in FETCH_COLUMNS])
            self.db.executemany("INSERT INTO urls (url, kind, outlet, first_seen, listed_at, fetched_at) "
                                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET fetched_at = ?",
                                [(url, fetch.kind, fetch.outlet, at, at, at, at) for url in urls])
            if sha256:
                self.db.executemany("UPDATE urls SET etag = ?, last_modified = ?, sha256 = ?, warc_file = ?, "
                                    "record_id = ?, record_date = ?, canonical = ?, source_id = ? WHERE url = ?",
                                    [(fetch.etag, fetch.last_modified, sha256, fetch.warc_file, fetch.warc_record_id,
                                      warc_date_of(fetch.fetched_at), canonical, fetch.source_id, url)
                                     for url in urls])

    def recent_robots(self, since: datetime) -> list[tuple[str, str | None, str | None]]:
        """(robots.txt URL, WARC file, record id) of each robots.txt read since `since`: the record of its body, or
        None twice when there was none (a 4xx: everything allowed). Failed reads are left out, to be tried again."""
        return [tuple(row) for row in self.db.execute(
            "SELECT f.url, u.warc_file, CASE WHEN f.status BETWEEN 400 AND 499 THEN NULL ELSE u.record_id END "
            "FROM fetches f JOIN urls u USING (url) WHERE f.kind = 'robots' AND f.fetched_at >= ? "
            "AND (f.outcome IN ('resource', 'unchanged', 'not_modified') OR f.status BETWEEN 400 AND 499) "
            "AND f.fetched_at = (SELECT max(fetched_at) FROM fetches WHERE url = f.url)", (since.isoformat(),))]

    def logged_records(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT warc_record_id FROM fetches WHERE warc_record_id IS NOT NULL")}

    def fetches(self) -> list[Fetch]:
        """The fetch log, oldest first."""
        rows = self.db.execute(f"SELECT {', '.join(FETCH_COLUMNS)} FROM fetches ORDER BY fetched_at, fetch_id")
        return [Fetch(**(dict(row) | {"fetched_at": datetime.fromisoformat(row["fetched_at"])})) for row in rows]


def fetch_log(output_dir) -> list[Fetch]:
    """The fetch log of an output folder; empty when nothing was ever collected into it."""
    if not (Path(output_dir) / STATE).is_file():
        return []
    with CollectState(output_dir) as state:
        return state.fetches()
