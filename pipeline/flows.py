"""Prefect flows: `build_dataset`, thin task wrappers around `pipeline.build`, one task per batch of articles; and
`collect_news`, around `pipeline.collect.run`: discover -> fetch (and archive) in batches, then the build over the
archive. Between tasks they report each stage's progress to `pipeline.progress`."""

import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from pipeline import build
from pipeline.annotate import skipped_languages
from pipeline.collect import ARCHIVE, archive_files, fetch_log, load_sources, run as collect
from pipeline.ids import source_id
from pipeline.ingest import discover_inputs
from pipeline.link.dataset import resolve_dataset
from pipeline.progress import RunProgress
from pipeline.release import ReleaseStore
from pipeline.release.provenance import code_hash
from pipeline.state import AnnotationCache, PreviousRelease
from pipeline.validate import validate_tables
from schemas.contract import to_frame

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
def resolve_task(articles, annotations, published, reform_clusters):
    """`published`: the ids (and cluster similarities) the last release gave, by the key of what carries them."""
    return resolve_dataset(articles, annotations, published["entity"], published["cluster"], reform_clusters,
                           published["story"], published["cluster_similarity"])


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
        plan.ready[article.source.source_id] = (article, annotation)
    articles = [plan.ready[sid][0] for sid in plan.order]
    annotations = [plan.ready[sid][1] for sid in plan.order]
    current = {source_id(r.raw_sha256) for r in records}
    articles = build.mark_near_duplicates(build.mark_superseded(build.keep_first_ingestion(articles, previous),
                                                                current))
    repairs = build.run_summary(articles)
    skipped = skipped_languages(annotations, articles)
    progress.finish(stage, "repairs: " + ", ".join(f"{k}={v}" for k, v in sorted(repairs.items()))
                    + (f"; not annotated, no language pack: {sum(skipped.values())} articles ("
                       + ", ".join(f"{language} {n}" for language, n in sorted(skipped.items())) + ")"
                       if skipped else ""))

    # clusters published by other code are re-formed, so that a better clustering corrects them (ids are kept)
    reform_clusters = previous.manifest is not None and previous.manifest.get("code_hash") != code
    if reform_clusters:
        progress.note("clusters re-formed: the previous release was built by other code")
    stage = progress.start("resolve", len(articles), "articles")
    published = {"entity": previous.values_by_key("mentions", "mention_id", "entity_id"),
                 "cluster": previous.values_by_key("statements", "statement_id", "cluster_id"),
                 "story": previous.values_by_key("sources", "source_id", "story_id"),
                 "cluster_similarity": previous.values_by_key("statements", "statement_id", "cluster_similarity")}
    tables = resolve_task(articles, annotations, published, reform_clusters)
    tables["fetches"] = to_frame("fetches", [asdict(fetch) for fetch in fetch_log(output_dir)])
    rows = {table: len(frame) for table, frame in tables.items()}
    progress.finish(stage, ", ".join(f"{t}={n}" for t, n in rows.items()), done=len(articles))

    stage = progress.start("validate", sum(rows.values()), "rows")
    failures = validate_task(tables)
    progress.finish(stage, f"{len(failures)} failures", done=sum(rows.values()))
    summary = {"rows": rows, "repairs": repairs, "skipped_languages": skipped, "failures": failures}
    _publish_artifacts(summary)
    if failures:
        return {**summary, "status": "invalid", "seconds": time.perf_counter() - started}

    inputs_listed = [{"uri": a.source.uri, "sha256": a.source.raw_sha256}
                     | ({"warc_file": a.source.warc_file} if a.source.warc_file else {}) for a in articles]
    stage = progress.start("publish", sum(rows.values()), "rows")
    release = publish_task(store, tables, inputs_listed, {"rows": rows, "repairs": repairs,
                                                          "skipped_languages": skipped}, text_policy)
    cache.drop_other_versions()
    folder = str(store.releases / release.id)  # as given: "output/releases/<id>" for `--output output`
    progress.finish(stage, folder, done=sum(rows.values()))
    return {**summary, "status": "published", "release": folder, "seconds": time.perf_counter() - started}


def _progress(stage, started, detail):
    """One line of a collection's progress (the build reports to `pipeline.progress`)."""
    print(f"{stage:<9} {detail} ({time.perf_counter() - started:.1f}s)", flush=True)


# The collection's state and archive are open objects, not data: no caching of these tasks, and `quote` keeps
# Prefect from walking into them.
@task(name="discover", cache_policy=NO_CACHE)
def discover_task(collection, outlets):
    return collect.discover(collection, outlets)


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_task(collection, rows, on_done):
    return collect.fetch_pages(collection, rows, on_done)


@flow(name="collect_news")
def collect_news(sources="sources.toml", output_dir="output", build_release=True, batch_size=BATCH_SIZE,
                 text_policy="full"):
    """Collect what the source list's outlets publish into `<output_dir>/archive/` and the fetch log, then build and
    publish the dataset from the archive (unless `build_release` is false).

    Returns a summary dict: status "collected", the fetch outcomes counted, and the build's summary as "build"."""
    from pipeline.collect.progress import fetch_progress

    started = time.perf_counter()
    config = load_sources(sources)
    with collect.open_collection(config, output_dir) as collection:
        if collection.outcomes.get("reconciled"):
            _progress("recover", started, f"{collection.outcomes['reconciled']} archived fetches of an interrupted "
                                          "run added to the fetch log")
        held = quote(collection)
        listed = sum(discover_task(held, chunk) for chunk in build.batches(config.outlets, batch_size))
        listed += collect.list_single_urls(collection)
        due = collect.due_pages(collection)
        _progress("discover", started, f"{listed} pages listed by {len(config.outlets)} outlets, {len(due)} to fetch")
        with fetch_progress(len(due)) as advance:
            for chunk in build.batches(due, batch_size):
                fetch_task(held, chunk, advance)
        outcomes = {k: v for k, v in collection.outcomes.items() if k != "reconciled" and v}
    _progress("collect", started, ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "nothing fetched")
    summary = {"status": "collected", "outcomes": outcomes, "archive": str(Path(output_dir) / ARCHIVE),
               "seconds": time.perf_counter() - started}
    if build_release and archive_files(output_dir):
        summary["build"] = build_dataset(inputs=[summary["archive"]], output_dir=output_dir, batch_size=batch_size,
                                         text_policy=text_policy)
    return summary
