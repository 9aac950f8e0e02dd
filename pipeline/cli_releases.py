"""Command line for the people who download releases: `newsledger releases | pin | unpin | diff | report`.

`pipeline.cli` adds these commands with `add_commands`; each handler prints one line per error (a UserError) like
the others.
"""

import json
from pathlib import Path

from schemas import PRIMARY_KEYS

EXAMPLES = 3
# What `newsledger diff` shows of an example row, after its id: the columns that say what the row is.
EXAMPLE_COLUMNS = {"sources": ("title", "outlet"), "statements": ("speaker", "text"), "entities": ("name", "type"),
                   "mentions": ("text", "label"), "entity_redirects": ("reason", "new_id"),
                   "cluster_redirects": ("reason", "new_id")}
EXAMPLE_CHARS = 70
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


def _example(table, row):
    """"  ~ ent_186299e5bf9d45a3 [aliases] Jens Stoltenberg PERSON": change, id, changed columns, what it is."""
    key = row[PRIMARY_KEYS[table]]
    shown = " ".join(str(row[c]) for c in EXAMPLE_COLUMNS.get(table, ()) if row.get(c) is not None)
    shown = shown if len(shown) <= EXAMPLE_CHARS else shown[:EXAMPLE_CHARS - 1] + "…"
    changed = f" [{', '.join(row['changed_columns'])}]" if row["changed_columns"] else ""
    return f"  {MARKS[row['change']]} {key}{changed} {shown}".rstrip()


def diff_lines(deltas):
    """The example lines of `newsledger diff`: a few rows of each change of each table."""
    lines = []
    for table, delta in deltas.items():
        rows = delta.to_pylist()
        for change in MARKS:
            found = [row for row in rows if row["change"] == change]
            if found:
                more = f" (first {EXAMPLES} of {len(found)})" if len(found) > EXAMPLES else ""
                lines.append(f"{table} {change}{more}:")
                for row in found[:EXAMPLES]:
                    lines.append(_example(table, row))
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

