"""`croissant.json`: the release as MLCommons Croissant 1.0 metadata (JSON-LD), which dataset search engines and
ML loaders read (`mlcroissant.Dataset("croissant.json").records("statements")`).

Generated from the Pandera models like `datapackage.json`: one FileObject per Parquet file (with its sha256), one
RecordSet per table whose fields carry the column descriptions, the primary key and the foreign keys as
`references`, e.g. statements/speaker_entity_id -> entities/entity_id.
"""

import json

from pipeline.release.about import DESCRIPTION, KEYWORDS, TITLE, bibtex
from schemas import FOREIGN_KEYS, PRIMARY_KEYS, TABLES
from schemas.contract import LICENSE, columns

FILE = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
# The JSON-LD context every Croissant 1.0 file carries (the specification's, as mlcroissant writes it).
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract", "field": "cr:field",
    "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath", "key": "cr:key",
    "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "samplingRate": "cr:samplingRate", "sc": "https://schema.org/", "separator": "cr:separator",
    "source": "cr:source", "subField": "cr:subField", "transform": "cr:transform",
}
# Arrow type of a column (its `metadata["arrow"]`) -> Croissant data type; a list is its items' type, repeated.
DATA_TYPES = {"string": "sc:Text", "int64": "sc:Integer", "date32": "sc:Date", "timestamp[us, UTC]": "sc:DateTime",
              "list<string>": "sc:Text", "double": "sc:Float"}


def export(manifest, folder):
    path = folder / FILE
    path.write_text(json.dumps(croissant(manifest), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _field(table, name, column, file_id):
    field = {"@type": "cr:Field", "@id": f"{table}/{name}", "name": name, "description": column.description,
             "dataType": DATA_TYPES[column.metadata["arrow"]],
             "source": {"fileObject": {"@id": file_id}, "extract": {"column": name}}}
    if column.metadata["arrow"].startswith("list<"):
        field["repeated"] = True
    ref_table, ref_column = FOREIGN_KEYS.get((table, name), (None, None))
    # a reference within one table (sources.duplicate_of -> sources.source_id) is a cycle to mlcroissant's loader
    if ref_table not in (None, table):
        field["references"] = {"field": {"@id": f"{ref_table}/{ref_column}"}}
    return field


def semantic_version(manifest):
    """Croissant wants MAJOR.MINOR.PATCH: the schema version, then the release's creation time as the patch
    ("1.1.20260105120000" for schema 1.1 and release 20260105T120000Z-b202c4a9, its `identifier`)."""
    return f"{manifest['schema_version']}.{manifest['release'].split('-')[0].strip('Z').replace('T', '')}"


def croissant(manifest):
    """The Croissant descriptor of a release from its manifest (tables listed there with their files)."""
    files, record_sets = [], []
    for table, entry in manifest["tables"].items():
        (item,) = entry["files"]  # one Parquet file per table
        file_id = item["path"]
        files.append({"@type": "cr:FileObject", "@id": file_id, "name": file_id, "contentUrl": item["path"],
                      "encodingFormat": "application/x-parquet", "sha256": item["sha256"],
                      "contentSize": f"{item['bytes']} B"})
        record_sets.append({"@type": "cr:RecordSet", "@id": table, "name": table,
                            "description": TABLES[table].__doc__.strip(),
                            "key": {"@id": f"{table}/{PRIMARY_KEYS[table]}"},
                            "field": [_field(table, name, column, file_id) for name, column in columns(table)]})
    languages = list(manifest.get("coverage", {}).get("languages", {})) or ["en"]
    return {"@context": CONTEXT, "@type": "sc:Dataset", "conformsTo": CONFORMS_TO, "name": TITLE,
            "description": DESCRIPTION, "license": LICENSE["path"], "identifier": manifest["release"],
            "version": semantic_version(manifest),
            "datePublished": manifest["created_at"], "citeAs": bibtex(manifest), "keywords": KEYWORDS,
            "inLanguage": languages, "distribution": files, "recordSet": record_sets}
