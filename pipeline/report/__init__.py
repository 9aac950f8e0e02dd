"""`newsledger report`: one self-contained HTML page about a release, for the people who use it.

    html = build_report(ReleaseStore("output").release())      # or write_report(store, release_id, to)

The page (`page.py`) holds its style and its charts (matplotlib rendered to inline SVG, `charts.py`), fetches
nothing, and opens from a file. Its sections (`sections.py`, one function each in one registry) read the release
through DuckDB views: counts over time, top speakers and outlets, statements per story, cluster and source, entity
and cluster statistics, data quality (validation, evaluation figures, rejected inputs) and what changed since the
previous release.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.query import open_release, run_query
from pipeline.release.quality import load_quality
from pipeline.report.page import page
from pipeline.report.sections import SECTIONS
from pipeline.validate import validate_release

REPORTS = "reports"


@dataclass(eq=False)
class ReportData:
    """What the sections read: the release, SQL over its views, its validation, the quality figures, its delta."""

    release: object
    connection: object
    failures: list
    quality: dict
    deltas: dict

    def query(self, sql):
        return run_query(self.connection, sql)[1]

    @cache
    def tables(self):
        """The tables and views of the release, e.g. {"sources", ..., "statement_clusters"}."""
        return {name for (name,) in self.query("SELECT table_name FROM information_schema.tables")}

    @cache
    def columns(self, table):
        """The columns of a table or view (empty when the release has no such table)."""
        return {name for (name,) in self.query(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'")}


def build_report(release):
    """The report page (HTML text) of a `pipeline.release.Release`."""
    data = ReportData(release, open_release(release), validate_release(release), load_quality(),
                      release.read_delta())
    sections = [section for build in SECTIONS if (section := build(data)) is not None]
    manifest = release.manifest
    return page(f"newsledger release {release.id}",
                f"Built {manifest['created_at']} by newsledger {manifest['code_version']} "
                f"(schema {manifest['schema_version']})", sections)


def write_report(store, release_id=None, to=None):
    """Write the report of a release (default: the latest) to `to` (default:
    <output>/reports/<release id>.html); returns the path."""
    release = store.release(release_id)
    path = Path(to) if to else store.root / REPORTS / f"{release.id}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(release), encoding="utf-8")
    return path
