"""Command line: `newsledger run | collect | serve | query | validate | eval`, and the release commands of
`pipeline.cli_releases` (releases, pin, unpin, diff, report)."""

import argparse
import csv
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

from pipeline.errors import UserError

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "output"
DEFAULT_SOURCES = "sources.toml"


def _prefect_environment():
    """Prefect's state stays in the project and nothing phones home, whoever starts us."""
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def command_run(args):
    _prefect_environment()
    from pipeline.flows import build_dataset
    from pipeline.ingest import discover_inputs

    inputs = args.input or [DEFAULT_INPUT]
    discover_inputs(inputs)  # a missing or empty input fails here, before Prefect starts
    summary = build_dataset(inputs=inputs, output_dir=args.output, text_policy=args.text_policy, quiet=args.quiet)
    return _report_build(summary, args.keep, args.output)


def _report_build(summary, keep, output):
    """Print a build's summary; returns the exit code."""
    if summary["status"] == "unreadable":
        for problem in summary["problems"]:
            print(f"unreadable input: {problem}", file=sys.stderr)
        print("nothing published: fix or remove these inputs", file=sys.stderr)
        return 1
    if summary["status"] == "invalid":
        for failure in summary["failures"]:
            print(f"invalid: {failure}", file=sys.stderr)
        print("nothing published: the previous release stays the latest", file=sys.stderr)
        return 1
    if summary["status"] == "unchanged":
        print(f"done: inputs unchanged, release {summary['release']} stays the latest ({summary['seconds']:.1f}s)")
        return 0
    if keep:
        from pipeline.release import ReleaseStore

        for removed in ReleaseStore(output).prune(keep):
            print(f"pruned old release {removed}")
    rows = ", ".join(f"{table} {n}" for table, n in summary["rows"].items())
    print(f"done: {rows} rows in {summary['seconds']:.1f}s -> {summary['release']}")
    return 0


def command_collect(args):
    _prefect_environment()
    from pipeline.collect import load_sources

    load_sources(args.sources)  # a bad source list fails here, before Prefect starts
    from pipeline.flows import collect_news

    summary = collect_news(sources=args.sources, output_dir=args.output, build_release=not args.no_build,
                           text_policy=args.text_policy)
    if "build" not in summary:
        print(f"collected into {summary['archive']} ({summary['seconds']:.1f}s); nothing built")
        return 0
    return _report_build(summary["build"], args.keep, args.output)


def command_serve(args):
    _prefect_environment()
    from pipeline.serve import serve_build, serve_collect

    if args.sources:
        serve_collect(args.sources, args.output, args.cron, args.interval, args.name)
    else:
        serve_build(args.input or [DEFAULT_INPUT], args.output, args.cron, args.interval, args.name)
    return 0


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def print_rows(columns, rows, fmt, out=None):
    out = out or sys.stdout
    if fmt == "json":
        json.dump([{c: _json_value(v) for c, v in zip(columns, row)} for row in rows], out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console(file=out, width=max(100, Console().width)).print(table)


def command_query(args):
    from pipeline.query import open_release, open_url, run_query
    from pipeline.release import ReleaseStore

    connection = open_url(args.url) if args.url else open_release(ReleaseStore(args.output).release(args.release))
    columns, rows = run_query(connection, args.sql)
    print_rows(columns, rows, args.format)
    return 0


def command_validate(args):
    from pipeline.release import ReleaseStore
    from pipeline.validate import validate_release

    release = ReleaseStore(args.output).release(args.release)
    failures = validate_release(release)
    for failure in failures:
        print(f"invalid: {failure}", file=sys.stderr)
    print(f"{release.folder}: {'valid' if not failures else f'{len(failures)} failed checks'}")
    return 1 if failures else 0


def command_eval(args):
    from pipeline.evaluation.release import report_lines, score_release
    from pipeline.release import ReleaseStore

    store = ReleaseStore(args.output)
    figures = score_release(args.gold, store, args.release, args.rawtext, args.export)
    for line in report_lines(figures):
        print(line)
    if args.figures:
        from pipeline.release.quality import write_quality

        write_quality(args.figures, figures, store.release(args.release), args.gold)
        print(f"figures recorded in {args.figures}")
    return 0


def _add_keep_option(command):
    command.add_argument("--keep", "--keep-releases", dest="keep", type=int, metavar="N",
                         default=int(os.environ.get("NEWSLEDGER_KEEP_RELEASES", "0")),
                         help="after publishing, delete all but the N newest releases, never a pinned one (default: "
                              "keep all; env NEWSLEDGER_KEEP_RELEASES)")


def parser():
    top = argparse.ArgumentParser(prog="newsledger", description="Who said what in the news: build and query "
                                                                  "the dataset.")
    commands = top.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="build the dataset from articles and publish a release")
    run.add_argument("--input", action="append", metavar="PATH",
                     help=f"file or folder of articles (repeatable; default {DEFAULT_INPUT}/)")
    run.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR")
    run.add_argument("--text-policy", choices=["full", "excerpt", "none"], default="full",
                     help="publish sources.text in full, as an excerpt, or not at all (default full)")
    _add_keep_option(run)
    run.add_argument("--quiet", action="store_true",
                     help="no progress display (there is none either when stdout is not a terminal)")
    run.set_defaults(handler=command_run)

    collect = commands.add_parser("collect", help="collect news from the outlets of a source list (feeds, sitemaps) "
                                                  "into a WARC archive, then build and publish a release")
    collect.add_argument("--sources", default=DEFAULT_SOURCES, metavar="FILE",
                         help=f"source list: .toml, .yaml or a .txt of URLs (default {DEFAULT_SOURCES}; see "
                              "sources.example.toml)")
    collect.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR",
                         help="output folder: archive/, state.sqlite and the releases")
    collect.add_argument("--no-build", action="store_true", help="collect only; build later with "
                                                                 "`newsledger run --input DIR/archive`")
    collect.add_argument("--text-policy", choices=["full", "excerpt", "none"], default="full",
                         help="the strictest text policy of the release (outlets may set a stricter one)")
    _add_keep_option(collect)
    collect.set_defaults(handler=command_collect)

    serve = commands.add_parser("serve", help="rebuild (or, with --sources, collect and rebuild) on a schedule as a "
                                              "Prefect deployment (needs a Prefect server and PREFECT_API_URL)")
    serve.add_argument("--input", action="append", metavar="PATH",
                       help=f"file or folder of articles (repeatable; default {DEFAULT_INPUT}/)")
    serve.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR")
    serve.add_argument("--sources", metavar="FILE", help="collect from this source list before each build (schedule: "
                                                        "the list's own, every 15 minutes by default)")
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--cron", metavar="EXPR", help='cron schedule, e.g. "0 * * * *" for hourly')
    when.add_argument("--interval", type=int, metavar="SECONDS", help="run every SECONDS seconds")
    serve.add_argument("--name", default="scheduled-build", help="deployment name (default: scheduled-build)")
    serve.set_defaults(handler=command_serve)

    query = commands.add_parser("query", help="run DuckDB SQL over a release")
    query.add_argument("sql", metavar="SQL")
    query.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR")
    query.add_argument("--release", metavar="ID", help="a release id (default: latest)")
    query.add_argument("--url", help="base URL of a release served over HTTP (reads its manifest.json)")
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.set_defaults(handler=command_query)

    validate = commands.add_parser("validate", help="re-validate a published release against the schemas")
    validate.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR")
    validate.add_argument("--release", metavar="ID")
    validate.set_defaults(handler=command_validate)

    evaluate = commands.add_parser("eval", help="score a built dataset against gold annotations")
    evaluate.add_argument("--gold", required=True, metavar="DIR")
    evaluate.add_argument("--output", default=DEFAULT_OUTPUT, metavar="DIR")
    evaluate.add_argument("--release", metavar="ID")
    evaluate.add_argument("--rawtext", metavar="DIR",
                          help="folder of the raw .txt articles the gold offsets refer to (default: the release's "
                               "input files)")
    evaluate.add_argument("--export", metavar="DIR", help="also write statements.jsonl and mentions.jsonl in the "
                                                         "reference scorers' format to DIR")
    evaluate.add_argument("--figures", metavar="FILE", help="also record the figures as JSON in FILE (`make quality` "
                                                           "records pipeline/release/quality.json, which the dataset "
                                                           "card and the report quote)")
    evaluate.set_defaults(handler=command_eval)

    from pipeline.cli_releases import add_commands  # releases, pin, unpin, diff, report

    add_commands(commands, DEFAULT_OUTPUT)
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as err:
        print(f"newsledger {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
