"""Prefect flow `build_dataset`: thin task wrappers around `pipeline.build`, one task per batch of articles."""

import time
from datetime import datetime, timezone

from prefect import flow, task

from pipeline import build
from pipeline.ingest import discover_inputs
from pipeline.publish import publish_release
from pipeline.validate import validate_tables

BATCH_SIZE = 64


@task(name="ingest")
def ingest_task(paths):
    return build.ingest_batch(paths)


@task(name="clean")
def clean_task(records, ingested_at):
    return build.clean_batch(records, ingested_at)


@task(name="annotate")
def annotate_task(articles):
    return build.annotate_batch(articles)


@task(name="resolve")
def resolve_task(articles, annotations):
    return build.resolve_dataset(articles, annotations)


@task(name="validate")
def validate_task(tables):
    return validate_tables(tables)


@task(name="publish")
def publish_task(tables, output_dir, inputs, stats):
    return publish_release(tables, output_dir, inputs, stats)


def _progress(stage, started, detail):
    print(f"{stage:<9} {detail} ({time.perf_counter() - started:.1f}s)")


@flow(name="build_dataset")
def build_dataset(inputs=("seeds",), output_dir="output", batch_size=BATCH_SIZE):
    """Ingest, clean, annotate, validate and publish; returns a summary dict (status "published" or "invalid")."""
    started = time.perf_counter()
    paths = discover_inputs(list(inputs))
    records, problems = [], []
    for chunk_records, chunk_problems in (ingest_task(chunk) for chunk in build.batches(paths, batch_size)):
        records += chunk_records
        problems += chunk_problems
    _progress("ingest", started, f"{len(records)} articles from {len(paths)} files")
    if problems:
        return {"status": "unreadable", "problems": problems, "seconds": time.perf_counter() - started}

    ingested_at = datetime.now(timezone.utc)
    articles = [a for chunk in build.batches(records, batch_size) for a in clean_task(chunk, ingested_at)]
    articles = build.mark_near_duplicates(build.drop_exact_repeats(articles))
    repairs = build.run_summary(articles)
    _progress("clean", started, ", ".join(f"{k}={v}" for k, v in sorted(repairs.items())))

    annotations = [a for chunk in build.batches(articles, batch_size) for a in annotate_task(chunk)]
    tables = resolve_task(articles, annotations)
    rows = {table: len(frame) for table, frame in tables.items()}
    _progress("annotate", started, ", ".join(f"{t}={n}" for t, n in rows.items()))

    failures = validate_task(tables)
    _progress("validate", started, f"{len(failures)} failures")
    summary = {"rows": rows, "repairs": repairs, "failures": failures}
    if failures:
        return {**summary, "status": "invalid", "seconds": time.perf_counter() - started}

    inputs_listed = [{"uri": a["source"]["uri"], "sha256": a["source"]["raw_sha256"]} for a in articles]
    release = publish_task(tables, output_dir, inputs_listed, {"rows": rows, "repairs": repairs})
    _progress("publish", started, str(release))
    return {**summary, "status": "published", "release": str(release), "seconds": time.perf_counter() - started}
