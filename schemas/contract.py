"""Descriptions of the tables generated from the Pandera models: Arrow schemas, Data Package, data dictionary."""

import pandas as pd
import pyarrow as pa

from schemas.tables import FOREIGN_KEYS, PRIMARY_KEYS, SCHEMA_VERSION, TABLES, Change

_ARROW_TYPES = {
    "string": pa.string(),
    "int64": pa.int64(),
    "date32": pa.date32(),
    "timestamp[us, UTC]": pa.timestamp("us", tz="UTC"),
    "list<string>": pa.list_(pa.string()),
    "double": pa.float64(),
}
# Frictionless Table Schema types (Data Package v2). Lists are "any": frictionless reads Parquet through pandas,
# which yields numpy arrays that its "array" type rejects; the column description says what the values are.
_FRICTIONLESS_TYPES = {"string": "string", "int64": "integer", "date32": "date", "timestamp[us, UTC]": "datetime",
                       "list<string>": "any", "double": "number"}

LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 (annotations; article text stays its publishers')"}


def columns(table):
    """(name, pandera Column) pairs of a table, in published order."""
    return list(TABLES[table].to_schema().columns.items())


def _arrow_fields(model):
    return [pa.field(name, _ARROW_TYPES[col.metadata["arrow"]], nullable=col.nullable,
                     metadata={"description": col.description})
            for name, col in model.to_schema().columns.items()]


def arrow_schema(table, extra_metadata=None):
    """The Arrow schema of a table, with column descriptions and table-level key-value metadata."""
    metadata = {"newsledger.table": table, "newsledger.schema_version": SCHEMA_VERSION,
                "newsledger.description": TABLES[table].__doc__.strip()}
    metadata.update(extra_metadata or {})
    return pa.schema(_arrow_fields(TABLES[table]), metadata=metadata)


def delta_arrow_schema(table, extra_metadata=None):
    """The Arrow schema of a table's delta file: the `Change` columns, then the table's own."""
    metadata = {"newsledger.table": table, "newsledger.schema_version": SCHEMA_VERSION,
                "newsledger.description": Change.__doc__.strip()}
    metadata.update(extra_metadata or {})
    return pa.schema(_arrow_fields(Change) + _arrow_fields(TABLES[table]), metadata=metadata)


def table_schema(table):
    """Frictionless Table Schema of a table, with primary and foreign keys."""
    fields = []
    for name, col in columns(table):
        arrow = col.metadata["arrow"]
        field = {"name": name, "type": _FRICTIONLESS_TYPES[arrow], "description": col.description}
        if arrow == "list<string>":
            field["description"] += " (Parquet list of strings)"
        constraints = {}
        if not col.nullable:
            constraints["required"] = True
        if col.unique:
            constraints["unique"] = True
        for check in col.checks:
            stats = check.statistics or {}
            if check.name == "isin":
                constraints["enum"] = list(stats["allowed_values"])
            elif check.name == "str_matches":
                constraints["pattern"] = stats["pattern"].lstrip("^").rstrip("$")
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    foreign_keys = [{"fields": [col], "reference": {"resource": ref_table, "fields": [ref_col]}}
                    for (tab, col), (ref_table, ref_col) in FOREIGN_KEYS.items() if tab == table]
    schema = {"fields": fields, "primaryKey": [PRIMARY_KEYS[table]]}
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def data_dictionary_markdown():
    """Markdown tables describing every column of every table, and of the delta files."""
    parts = []
    models = {f"`{table}`": model for table, model in TABLES.items()}
    models["Delta files (`delta/<table>.parquet`)"] = Change
    for title, model in models.items():
        parts.append(f"### {title}\n\n{model.__doc__.strip()}\n\n| column | type | null | description |\n"
                     "|---|---|---|---|")
        for name, col in model.to_schema().columns.items():
            parts.append(f"| `{name}` | {col.metadata['arrow']} | {'yes' if col.nullable else 'no'} | "
                         f"{col.description} |")
        parts.append("")
    return "\n".join(parts)


def datapackage(about, version, resources_files, created):
    """A Data Package v2 descriptor for a release.

    about: {"name", "title", "description", "keywords"} of the dataset; resources_files: {table: [{"path",
    "sha256"}]}, one Parquet file per table ("hash": "sha256:<hex>" lets a reader check it). No "bytes": frictionless
    reads Parquet through pandas and counts none, so it would report every count as wrong."""
    resources = []
    for table, files in resources_files.items():
        (item,) = files
        resources.append({
            "name": table, "type": "table", "path": item["path"], "format": "parquet",
            "mediatype": "application/vnd.apache.parquet", "hash": f"sha256:{item['sha256']}",
            "title": table.replace("_", " ").capitalize(), "description": TABLES[table].__doc__.strip(),
            "schema": table_schema(table),
        })
    return {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json", **about, "version": version,
            "created": created, "licenses": [LICENSE], "resources": resources}


def to_frame(table, records):
    """A DataFrame of `records` (dicts) with the table's columns, order and dtypes."""
    schema = TABLES[table].to_schema()
    frame = pd.DataFrame.from_records(records, columns=list(schema.columns))
    for name, col in schema.columns.items():
        if col.metadata["arrow"] in ("date32", "timestamp[us, UTC]"):
            frame[name] = pd.to_datetime(frame[name], utc=True).astype("datetime64[us, UTC]")
        elif col.metadata["arrow"] == "int64":
            frame[name] = frame[name].astype("Int64" if col.nullable else "int64")
        elif col.metadata["arrow"] == "list<string>":
            # None or NaN: a list column added to the schema after the release read back was written (authors)
            frame[name] = frame[name].map(lambda value: [] if value is None or isinstance(value, float)
                                          else list(value))
        elif col.metadata["arrow"] == "double":
            frame[name] = frame[name].astype("Float64" if col.nullable else "float64")
        else:
            frame[name] = frame[name].astype("string[pyarrow]")
    return frame


def to_arrow(table, frame, extra_metadata=None):
    """An Arrow table of `frame` with the table's Arrow schema (dates as date32, descriptions attached)."""
    schema = arrow_schema(table, extra_metadata)
    arrays = []
    for field in schema:
        values = frame[field.name]
        if pa.types.is_date32(field.type):
            values = [v.date() if pd.notna(v) else None for v in values]
        elif pa.types.is_timestamp(field.type) or pa.types.is_integer(field.type) or pa.types.is_floating(
                field.type):
            values = values.astype(object).where(values.notna(), None)
        elif pa.types.is_string(field.type):
            values = values.astype(object).where(values.notna(), None)
        arrays.append(pa.array(list(values), type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
