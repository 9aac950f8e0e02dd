"""Prefect flow `build_dataset`: thin task wrappers around `pipeline.build`, one task per batch of articles; between
tasks it reports each stage's progress to `pipeline.progress`."""

import time
from datetime import datetime, timezone

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from pipeline import build
from pipeline.ingest import discover_inputs
from pipeline.progress import RunProgress
from pipeline.release import ReleaseStore
from pipeline.release.provenance import code_hash
from pipeline.state import AnnotationCache, PreviousRelease
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
def resolve_task(articles, annotations, previous_entity_ids, previous_cluster_ids, reform_clusters):
    return build.resolve_dataset(articles, annotations, previous_entity_ids, previous_cluster_ids, reform_clusters)


@task(name="validate")
def validate_task(tables):
    return validate_tables(tables)


@task(name="publish")
def publish_task(store, tables, inputs, stats, text_policy):
    return store.publish(tables, inputs, stats, text_policy=text_policy)


def _in_batches(task_fn, items, batch_size, stage, *args):
    done = []
    for chunk in build.batches(items, batch_size):
        done += task_fn(chunk, *args)
        stage.advance(len(chunk))
    return done


def _publish_artifacts(summary):
    """The run's row counts and validation report, visible in the Prefect UI."""
    create_table_artifact(key="row-counts", table=[{"table": t, "rows": n} for t, n in summary["rows"].items()],
                          description="Rows per table in this run's dataset")
    report = "\n".join(f"- {failure}" for failure in summary["failures"]) or "All checks passed."
    create_markdown_artifact(key="validation-report", markdown=f"# Validation\n\n{report}\n",
                             description="Pandera schemas, spans, references and ids")


@flow(name="build_dataset")
def build_dataset(inputs=("seeds",), output_dir="output", batch_size=BATCH_SIZE, text_policy="full", quiet=False):
    """Ingest, clean, annotate, validate and publish what changed since the last release.

    Returns a summary dict whose status is "published", "unchanged", "invalid" or "unreadable". quiet: no progress
    display, even on a terminal.
    """
    with RunProgress(quiet) as progress:
        return _build(progress, inputs, output_dir, batch_size, text_policy)


def _build(progress, inputs, output_dir, batch_size, text_policy):
    started = time.perf_counter()
    paths = discover_inputs(list(inputs))
    records, problems = [], []
    stage = progress.start("ingest", len(paths), "files")
    for chunk in build.batches(paths, batch_size):
        chunk_records, chunk_problems = ingest_task(chunk)
        records += chunk_records
        problems += chunk_problems
        stage.advance(len(chunk))
    records = build.unique_records(records)
    progress.finish(stage, f"{len(records)} articles")
    if problems:
        return {"status": "unreadable", "problems": problems, "seconds": time.perf_counter() - started}

    store = ReleaseStore(output_dir)
    previous = PreviousRelease(store.latest())
    code = code_hash()
    cache = AnnotationCache(output_dir, code)
    plan = build.plan_run(records, previous, cache, code, text_policy)
    if plan.unchanged:
        return {"status": "unchanged", "release": previous.manifest["release"],
                "seconds": time.perf_counter() - started}

    stage = progress.start("clean", len(plan.to_clean), "articles")
    cleaned = _in_batches(clean_task, plan.to_clean, batch_size, stage, datetime.now(timezone.utc))
    progress.finish(stage, f"{len(plan.ready)} unchanged from the cache")
    fresh = cleaned + plan.to_reannotate
    stage = progress.start("annotate", len(fresh), "articles")
    for article, annotation in zip(fresh, _in_batches(annotate_task, fresh, batch_size, stage)):
        cache.put(article, annotation)
        plan.ready[article["source"]["source_id"]] = (article, annotation)
    articles = [plan.ready[sid][0] for sid in plan.order]
    annotations = [plan.ready[sid][1] for sid in plan.order]
    current = {build.source_id_of(r) for r in records}
    articles = build.mark_near_duplicates(build.mark_superseded(build.keep_first_ingestion(articles, previous),
                                                                current))
    repairs = build.run_summary(articles)
    progress.finish(stage, "repairs: " + ", ".join(f"{k}={v}" for k, v in sorted(repairs.items())))

    # clusters published by other code are re-formed, so that a better clustering corrects them (ids are kept)
    reform_clusters = previous.manifest is not None and previous.manifest.get("code_hash") != code
    if reform_clusters:
        progress.note("clusters re-formed: the previous release was built by other code")
    stage = progress.start("resolve", len(articles), "articles")
    tables = resolve_task(articles, annotations, previous.ids_by_key("mentions", "mention_id", "entity_id"),
                          previous.ids_by_key("statements", "statement_id", "cluster_id"), reform_clusters)
    rows = {table: len(frame) for table, frame in tables.items()}
    progress.finish(stage, ", ".join(f"{t}={n}" for t, n in rows.items()), done=len(articles))

    stage = progress.start("validate", sum(rows.values()), "rows")
    failures = validate_task(tables)
    progress.finish(stage, f"{len(failures)} failures", done=sum(rows.values()))
    summary = {"rows": rows, "repairs": repairs, "failures": failures}
    _publish_artifacts(summary)
    if failures:
        return {**summary, "status": "invalid", "seconds": time.perf_counter() - started}

    inputs_listed = [{"uri": a["source"]["uri"], "sha256": a["source"]["raw_sha256"]} for a in articles]
    stage = progress.start("publish", sum(rows.values()), "rows")
    release = publish_task(store, tables, inputs_listed, {"rows": rows, "repairs": repairs}, text_policy)
    cache.drop_other_versions()
    folder = str(store.releases / release.id)  # as given: "output/releases/<id>" for `--output output`
    progress.finish(stage, folder, done=sum(rows.values()))
    return {**summary, "status": "published", "release": folder, "seconds": time.perf_counter() - started}
