"""Text policies: how much of each article's text a release carries, for sources whose licence limits it."""

from pipeline.errors import UserError
from schemas.tables import TEXT_POLICIES

EXCERPT_CHARS = 300


class TextPolicyError(UserError):
    pass


def apply_text_policy(sources, policy):
    """`sources` as published under a text policy: full text, an excerpt, or none (hashes and offsets stay)."""
    if policy not in TEXT_POLICIES:
        raise TextPolicyError(f"unknown text policy {policy!r} (choose from {', '.join(TEXT_POLICIES)})")
    published = sources.copy()
    published["text_policy"] = policy
    if policy == "excerpt":
        published["text"] = published["text"].map(excerpt)
    elif policy == "none":
        published["text"] = None
    published["text"] = published["text"].astype("string[pyarrow]")
    return published


def excerpt(text):
    """The beginning of a text, cut at a word boundary."""
    if text is None or len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
