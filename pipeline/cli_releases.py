"""Command line for the people who download releases: `newsledger releases | pin | unpin | diff | report`.

`pipeline.cli` adds these commands with `add_commands`; each handler prints one line per error (a UserError) like
the others.
"""

import json
from pathlib import Path

MARKS = {"added": "+", "removed": "-", "changed": "~"}


def _store(args):
    from pipeline.release import ReleaseStore

    return ReleaseStore(args.output)


def human_bytes(size):
    """1234567 -> "1.2 MB"."""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000


def command_releases(args):
    from pipeline.cli import print_rows

    index = _store(args).index()
    if not index["releases"] and args.format == "table":
        print(f"no releases in {args.output} yet (newsledger run publishes one)")
        return 0
    if args.format == "json":
        print(json.dumps(index, indent=2, ensure_ascii=False))
        return 0
    # the id says when a release was made; code versions are in `--format json` (index.json)
    columns = ["release", "schema", "sources", "statements", "entities", "size", "status"]
    rows = [(item["release"], item["schema_version"], item["rows"].get("sources"), item["rows"].get("statements"),
             item["rows"].get("entities"), human_bytes(item["bytes"]),
             ", ".join(word for word, on in (("latest", item["release"] == index["latest"]),
                                             ("pinned", item["pinned"])) if on))
            for item in index["releases"]]
    print_rows(columns, rows, "table")
    return 0


def command_pin(args):
    release_id = _store(args).pin(None if args.release == "latest" else args.release, pinned=args.pinned)
    if args.pinned:
        print(f"pinned {release_id}: `newsledger run --keep N` never removes it (undo: newsledger unpin {release_id})")
    else:
        print(f"unpinned {release_id}")
    return 0


def diff_lines(deltas):
    """The examples `newsledger diff` prints: for each change of each table, a heading and a few rows.

    entities changed:
      ~ ent_186299e5bf9d45a3 [aliases] Jens Stoltenberg · PERSON"""
    from pipeline.release.delta import examples

    lines = []
    for table, change, total, rows in examples(deltas):
        lines.append(f"{table} {change}" + (f" (first {len(rows)} of {total})" if total > len(rows) else "") + ":")
        for key, changed, shown in rows:
            lines.append(f"  {MARKS[change]} {key}" + (f" [{', '.join(changed)}]" if changed else "")
                         + (f" {shown}" if shown else ""))
    return lines


def command_diff(args):
    from pipeline.cli import print_rows
    from pipeline.release.delta import counts, write_delta

    old_id, new, deltas = _store(args).delta(args.old, args.new)
    print(f"release {new.id} against {old_id}")
    print_rows(["table", "added", "removed", "changed"],
               [(table, *counts(delta).values()) for table, delta in deltas.items()], "table")
    for line in diff_lines(deltas):
        print(line)
    if args.to:
        folder = Path(args.to)
        entry = write_delta(deltas, folder, old_id, subfolder="")
        (folder / "delta.json").write_text(json.dumps({"release": new.id, **entry}, indent=2) + "\n",
                                           encoding="utf-8")
        print(f"wrote the full delta to {folder}/ (one Parquet file per table, described in delta.json)")
    return 0


def command_report(args):
    from pipeline.report import write_report

    path = write_report(_store(args), None if args.release == "latest" else args.release, args.to)
    print(f"wrote {path}: open it in a browser (one file, nothing fetched)")
    return 0


def add_commands(commands, default_output):
    """Add the release commands to the `newsledger` subparsers."""
    releases = commands.add_parser("releases", help="list the published releases (from index.json)")
    releases.add_argument("--output", default=default_output, metavar="DIR")
    releases.add_argument("--format", choices=["table", "json"], default="table")
    releases.set_defaults(handler=command_releases)

    for name, pinned, what in (("pin", True, "keep a release whatever --keep says"),
                               ("unpin", False, "let retention remove a release again")):
        parser = commands.add_parser(name, help=what)
        parser.add_argument("release", metavar="RELEASE", help="a release id, or latest")
        parser.add_argument("--output", default=default_output, metavar="DIR")
        parser.set_defaults(handler=command_pin, pinned=pinned)

    diff = commands.add_parser("diff", help="what changed between two releases: counts per table and examples")
    diff.add_argument("old", nargs="?", metavar="OLD", help="default: the release NEW was published after")
    diff.add_argument("new", nargs="?", metavar="NEW", help="default: latest")
    diff.add_argument("--output", default=default_output, metavar="DIR")
    diff.add_argument("--to", metavar="DIR", help="also write the full delta to DIR (a Parquet file per table)")
    diff.set_defaults(handler=command_diff)

    report = commands.add_parser("report", help="write one self-contained HTML page about a release, with charts")
    report.add_argument("--output", default=default_output, metavar="DIR")
    report.add_argument("--release", metavar="ID", help="default: latest")
    report.add_argument("--to", metavar="FILE", help="default: DIR/reports/<release id>.html")
    report.set_defaults(handler=command_report)

