"""`datapackage.json`: the release as a Frictionless Data Package v2: title, description, and every table with its
schema, keys and sha256."""

import json

from pipeline.release.about import DATASET_NAME, DESCRIPTION, KEYWORDS, TITLE
from schemas.contract import datapackage

FILE = "datapackage.json"


def export(manifest, folder):
    about = {"name": DATASET_NAME, "title": TITLE, "description": DESCRIPTION, "keywords": KEYWORDS}
    resources = {table: entry["files"] for table, entry in manifest["tables"].items()}
    descriptor = datapackage(about, manifest["release"], resources, manifest["created_at"])
    path = folder / FILE
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
