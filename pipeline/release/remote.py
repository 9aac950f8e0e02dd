"""Releases served over HTTP by any static server holding an output folder (`python -m http.server -d output`)."""

import json
import urllib.request

from pipeline.release.store import MANIFEST, ReleaseError


def read_remote_manifest(url):
    """The manifest of the release at `url` (".../latest" or ".../releases/<id>")."""
    manifest_url = f"{url.rstrip('/')}/{MANIFEST}"
    try:
        with urllib.request.urlopen(manifest_url, timeout=30) as response:
            return json.load(response)
    except (OSError, ValueError) as err:
        raise ReleaseError(f"cannot read {manifest_url}: {err}") from err
