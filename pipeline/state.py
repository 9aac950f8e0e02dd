"""What earlier runs left behind, so a run only processes what is new and keeps every published id.

- The annotation cache keeps each cleaned and annotated article by source id, per code hash: an article is
  cleaned and parsed once, and annotations made by different code are never mixed in one release.
- The previous release gives the sources already published (kept even when their input file is gone) and the ids
  that re-resolved entities and clusters must keep.
"""

import pickle
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd

from pipeline.ids import stable_id

CACHE = "cache"


class AnnotationCache:
    """Cleaned article + annotations per source id, in `<output>/cache/<code hash>/`."""

    def __init__(self, output_dir, code):
        self.folder = Path(output_dir) / CACHE / code

    def _path(self, source_id):
        return self.folder / f"{source_id}.pickle"

    def get(self, source_id):
        path = self._path(source_id)
        if not path.is_file():
            return None
        with open(path, "rb") as handle:
            return pickle.load(handle)

    def drop_other_versions(self):
        """Remove what other code versions cached: it can never be used again by this code."""
        for folder in self.folder.parent.glob("*"):
            if folder.is_dir() and folder != self.folder:
                shutil.rmtree(folder, ignore_errors=True)

    def put(self, article, annotation):
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(article.source.source_id)
        temporary = path.with_suffix(".tmp")
        with open(temporary, "wb") as handle:
            pickle.dump((article, annotation), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)


class PreviousRelease:
    """What a run builds on: the latest release (a `pipeline.release.Release`, e.g. `store.latest()`), or an empty
    one before the first release (None)."""

    def __init__(self, release):
        self.manifest = release.manifest if release else None
        self.tables = release.read_tables() if release else None
        self.sources = [] if self.tables is None else self.tables["sources"].to_dict("records")

    def values_by_key(self, table, key_column, column):
        """{row key: value} of a published table (e.g. mention_id -> entity_id), nulls left out (a column an older
        release lacks reads back as nulls)."""
        if self.tables is None or table not in self.tables:
            return {}
        frame = self.tables[table]
        return {k: v for k, v in zip(frame[key_column], frame[column]) if not pd.isna(v)}


def keep_previous_ids(new_ids, item_keys, previous_ids):
    """Rename freshly computed group ids to the ids their items had before, where that is unambiguous.

    new_ids[i] is the group of item i (None: no group); item_keys[i] its stable key; previous_ids maps item keys to
    their published group id. A new group takes the previous id most of its previously published items had, unless
    a larger group already took it (a split keeps the old id on its larger part).
    """
    members = {}
    for group, key in zip(new_ids, item_keys):
        if group is not None:
            members.setdefault(group, []).append(key)
    renamed, taken = {}, set()
    for group in sorted(members, key=lambda g: (-len(members[g]), g)):
        votes = Counter(previous_ids[k] for k in members[group] if k in previous_ids)
        choice = next((old for old, _ in votes.most_common() if old not in taken), None)
        if choice is None:
            # a fresh id that an older group already holds (e.g. the smaller part of a split) gets a new one
            choice = group if group not in taken else stable_id(group.split("_", 1)[0], group, "split")
        renamed[group] = choice
        taken.add(choice)
    return [renamed.get(group) if group is not None else None for group in new_ids]
