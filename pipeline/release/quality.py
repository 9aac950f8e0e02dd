"""Quality figures: what the evaluation measured, kept in `quality.json` beside this module for the dataset card
and the report to quote, never to invent.

`make quality` (`newsledger eval --gold DIR --figures pipeline/release/quality.json`) writes it from a build of the
seeds scored against their gold annotations; a test checks that it still holds the figures the current code gets.

    {"gold": "gold", "gold_documents": 5, "release": "20260105T120000Z-b202c4a9", "code_version": "0.1.0+g314dc1e",
     "figures": {"statements": {"quote_f1": 0.9524, ...}, "clusters": {"cluster_f1": 0.8727, ...}, ...}}
"""

import json
from pathlib import Path

QUALITY = Path(__file__).with_name("quality.json")


def write_quality(path, figures, release, gold_dir):
    """Record `figures` (pipeline.evaluation.release.score_release) of `release` scored against `gold_dir`."""
    gold_dir = Path(gold_dir)
    documents = gold_dir / "documents.jsonl"
    record = {"gold": gold_dir.resolve().name,
              "gold_documents": sum(1 for _ in open(documents, encoding="utf-8")) if documents.is_file() else None,
              "release": release.id, "code_version": release.manifest["code_version"], "figures": figures}
    Path(path).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def load_quality(path=QUALITY):
    """The recorded figures, or None when none were recorded."""
    return json.loads(Path(path).read_text(encoding="utf-8")) if Path(path).is_file() else None


def figures_text(figures):
    """One part's figures for people: {"quote_f1": 0.95238, "n_gold": 72} -> "quote_f1 0.952, n_gold 72"."""
    return ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
