"""`datapackage.json`: the release as a Frictionless Data Package v2, with every table's schema and keys."""

import json

from pipeline.release.about import DATASET_NAME
from schemas.contract import datapackage

FILE = "datapackage.json"


def export(manifest, folder):
    resources = {table: [entry["files"][0]["path"]] for table, entry in manifest["tables"].items()}
    descriptor = datapackage(DATASET_NAME, manifest["release"], resources, manifest["created_at"])
    path = folder / FILE
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
