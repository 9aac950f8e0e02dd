"""Validate: every table against its Pandera model, plus the cross-table rules Pandera cannot check alone."""

from dataclasses import dataclass

import pandera.pandas as pa

from schemas import FOREIGN_KEYS, PRIMARY_KEYS, REDIRECTS, SPAN_TABLES, TABLES

MAX_IDS_SHOWN = 10


@dataclass(frozen=True)
class Failure:
    table: str
    column: str
    check: str
    ids: tuple

    def __str__(self):
        shown = ", ".join(map(str, self.ids[:MAX_IDS_SHOWN]))
        more = f" (+{len(self.ids) - MAX_IDS_SHOWN} more)" if len(self.ids) > MAX_IDS_SHOWN else ""
        return f"{self.table}.{self.column}: {self.check} failed for {len(self.ids)} row(s): {shown}{more}"


def schema_failures(table, frame):
    """Pandera's lazy validation of one table, as Failures naming the offending rows' ids."""
    try:
        TABLES[table].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        key = PRIMARY_KEYS[table]
        failures = []
        for (column, check), group in cases.groupby(["column", "check"], dropna=False, sort=True):
            rows = [int(i) for i in group["index"].dropna() if int(i) in frame.index]
            ids = tuple(frame.loc[rows, key]) if key in frame and rows else tuple(map(str, group["failure_case"]))
            failures.append(Failure(table, str(column), str(check), ids))
        return failures
    return []


def span_failures(tables, names):
    """Every statement and mention must slice its own text out of its source's text."""
    sources = tables["sources"]
    full = sources[sources["text_policy"] == "full"]  # withheld text cannot be checked here
    texts = dict(zip(full["source_id"], full["text"]))
    failures = []
    for table in (t for t in SPAN_TABLES if t in names):
        frame = tables[table]
        bad = [row_id for row_id, source_id, start, end, text in
               zip(frame[PRIMARY_KEYS[table]], frame["source_id"], frame["char_start"], frame["char_end"], frame["text"])
               if source_id in texts and texts[source_id][start:end] != text]
        if bad:
            failures.append(Failure(table, "char_start/char_end", "span_matches_source_text", tuple(bad)))
    return failures


def reference_failures(tables, names):
    failures = []
    for (table, column), (ref_table, ref_column) in FOREIGN_KEYS.items():
        if table not in names or ref_table not in tables:
            continue
        frame = tables[table]
        known = set(tables[ref_table][ref_column])
        values = frame[column]
        bad = frame.loc[values.notna() & ~values.isin(known), PRIMARY_KEYS[table]]
        if len(bad):
            failures.append(Failure(table, column, f"references {ref_table}.{ref_column}", tuple(bad)))
    return failures


def redirect_failures(tables, names):
    """A redirected id is no current id: one the release still carries resolves to itself, never elsewhere."""
    failures = []
    for table in (t for t in REDIRECTS if t in names):
        id_table, id_column = REDIRECTS[table][:2]
        old = tables[table]["old_id"]
        bad = old[old.isin(set(tables[id_table][id_column].dropna()))]
        if len(bad):
            failures.append(Failure(table, "old_id", f"not a current {id_table}.{id_column}", tuple(bad)))
    return failures


def validate_tables(tables, only=None):
    """All failures of the dataset; an empty list means it may be published.

    Every table the build makes must be there; the redirect tables, which the release store derives when it
    publishes, are checked when present. only: check just these tables (and their references to the others), as
    the store does with the redirect tables it derives.
    """
    missing = [t for t in TABLES if t not in tables and t not in REDIRECTS]
    if missing:
        return [Failure(t, "*", "table present", ()) for t in missing]
    names = [t for t in TABLES if t in tables] if only is None else list(only)
    failures = [f for table in names for f in schema_failures(table, tables[table])]
    failures += span_failures(tables, names)
    failures += reference_failures(tables, names)
    failures += redirect_failures(tables, names)
    return failures


def validate_release(release):
    """Failures of a published release (a `pipeline.release.Release`): files whose checksum no longer matches
    its manifest, and the tables re-checked against the current schemas."""
    corrupted = [Failure(table, path, "sha256 matches manifest", (path,)) for table, path in release.corrupted_files()]
    return corrupted + validate_tables(release.read_tables())
