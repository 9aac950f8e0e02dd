"""Query: DuckDB views over a release, local or served over HTTP."""

from importlib import resources

import duckdb

from pipeline.errors import UserError
from pipeline.release.remote import read_remote_manifest
from schemas.views import VIEWS


class QueryError(UserError):
    pass


def load_httpfs(connection):
    """Load the httpfs extension installed with the project (never downloaded at run time)."""
    version = duckdb.__version__
    extension = resources.files("duckdb_extension_httpfs") / "extensions" / f"v{version}" / "httpfs.duckdb_extension"
    if not extension.is_file():
        raise QueryError(f"httpfs extension for DuckDB {version} is not installed (run `make setup`)")
    connection.execute(f"LOAD '{extension}'")


def connect(location, manifest, remote=False):
    """A DuckDB connection with one view per table of the release at `location` (folder, or URL when remote)."""
    connection = duckdb.connect()
    connection.execute("SET autoinstall_known_extensions = false")
    if remote:
        load_httpfs(connection)
    base = location.rstrip("/")
    for table, entry in manifest["tables"].items():
        paths = ", ".join(f"'{base}/{item['path']}'" for item in entry["files"])
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{paths}])")
    for view in VIEWS.values():
        connection.execute(view)
    return connection


def open_release(release):
    """Views over a local release (a `pipeline.release.Release`)."""
    return connect(str(release.folder), release.manifest)


def open_url(url):
    """Views over the release served at `url`, read in place over HTTP."""
    return connect(url, read_remote_manifest(url), remote=True)


def run_query(connection, sql):
    """(column names, rows) of one SQL statement."""
    try:
        result = connection.execute(sql)
    except duckdb.Error as err:
        raise QueryError(str(err).splitlines()[0]) from err
    if result.description is None:
        return [], []
    return [d[0] for d in result.description], result.fetchall()
