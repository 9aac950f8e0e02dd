"""Coverage: what the sources of a release span (outlets, languages, publication dates), for the manifest, the
dataset card and the report."""


def _counts(values):
    """{value: sources} most first, then by name; nulls left out."""
    counted = values.dropna().value_counts()
    return {str(k): int(v) for k, v in sorted(counted.items(), key=lambda item: (-item[1], str(item[0])))}


def coverage(sources):
    """{"outlets": {"Reuters": 3, ...}, "languages": {"en": 5}, "published_first": "2022-01-10",
    "published_last": "2022-01-13", "sources": 5, "undated": 0, "without_outlet": 1} of a `sources` frame."""
    dates = sources["published_at"].dropna()
    return {"sources": len(sources), "outlets": _counts(sources["outlet"]),
            "without_outlet": int(sources["outlet"].isna().sum()), "languages": _counts(sources["language"]),
            "published_first": dates.min().date().isoformat() if len(dates) else None,
            "published_last": dates.max().date().isoformat() if len(dates) else None,
            "undated": int(sources["published_at"].isna().sum())}
