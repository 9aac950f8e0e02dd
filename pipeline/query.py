"""Query: DuckDB views over a release, local or served over HTTP."""

import json
import urllib.request
from importlib import resources
from pathlib import Path

import duckdb

from pipeline.errors import UserError
from pipeline.publish import LATEST, MANIFEST, RELEASES
from schemas.views import STATEMENT_CLUSTERS_VIEW


class QueryError(UserError):
    pass


def load_httpfs(connection):
    """Load the httpfs extension installed with the project (never downloaded at run time)."""
    version = duckdb.__version__
    extension = resources.files("duckdb_extension_httpfs") / "extensions" / f"v{version}" / "httpfs.duckdb_extension"
    if not extension.is_file():
        raise QueryError(f"httpfs extension for DuckDB {version} is not installed (run `make setup`)")
    connection.execute(f"LOAD '{extension}'")


def release_location(output_dir, release=None):
    folder = Path(output_dir) / (Path(RELEASES) / release if release else LATEST)
    if not (folder / MANIFEST).is_file():
        what = f"release {release}" if release else "published release"
        raise QueryError(f"no {what} in {output_dir} (run `newsledger run` first)")
    return str(folder.resolve())


def read_remote_manifest(url):
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/{MANIFEST}", timeout=30) as response:
            return json.load(response)
    except (OSError, ValueError) as err:
        raise QueryError(f"cannot read {url.rstrip('/')}/{MANIFEST}: {err}") from err


def connect(location, manifest=None):
    """A DuckDB connection with one view per table of the release at `location` (folder or URL)."""
    connection = duckdb.connect()
    connection.execute("SET autoinstall_known_extensions = false")
    if manifest is None:
        with open(Path(location) / MANIFEST, encoding="utf-8") as handle:
            manifest = json.load(handle)
    else:
        load_httpfs(connection)
    base = location.rstrip("/")
    for table, entry in manifest["tables"].items():
        paths = ", ".join(f"'{base}/{item['path']}'" for item in entry["files"])
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{paths}])")
    connection.execute(STATEMENT_CLUSTERS_VIEW)
    return connection


def open_release(output_dir="output", release=None, url=None):
    if url:
        return connect(url, read_remote_manifest(url))
    return connect(release_location(output_dir, release))


def run_query(connection, sql):
    """(column names, rows) of one SQL statement."""
    try:
        result = connection.execute(sql)
    except duckdb.Error as err:
        raise QueryError(str(err).splitlines()[0]) from err
    if result.description is None:
        return [], []
    return [d[0] for d in result.description], result.fetchall()
