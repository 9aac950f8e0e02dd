"""Exporters: the files a release carries besides its tables, `manifest.json` and `SHA256SUMS`.

An exporter is a function `export(manifest, folder) -> Path` in a module of its own here: it writes one file into
the release's staging folder from the manifest (release id, creation time, tables with their files and row counts,
inputs, stats) and returns its path. The store runs every exporter in EXPORTERS after writing the tables and
before the manifest and checksums, so each exported file is covered by `SHA256SUMS` and published atomically with
the rest; a failing exporter publishes nothing.

To add one (as `croissant.json` was): write `pipeline/release/exporters/<name>.py` with its
`export(manifest, folder)`, then import it below and add its line to EXPORTERS.
"""

from pipeline.release.exporters import card, croissant, datapackage

# name -> exporter; the order is the order they run in
EXPORTERS = {
    "datapackage": datapackage.export,
    "croissant": croissant.export,
    "dataset card": card.export,
}


def export_all(manifest, folder):
    """Run every registered exporter on the staging folder; returns the files they wrote."""
    return [export(manifest, folder) for export in EXPORTERS.values()]
