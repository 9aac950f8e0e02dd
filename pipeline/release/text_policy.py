"""Text policies: how much of each article's text a release carries, for sources whose licence limits it."""

from pipeline.errors import UserError
from schemas.tables import TEXT_POLICIES

EXCERPT_CHARS = 300


class TextPolicyError(UserError):
    pass


def apply_text_policy(sources, policy):
    """`sources` as published under a text policy: full text, an excerpt, or none (hashes and offsets stay); a row
    whose own policy is stricter (an outlet the source list publishes as an excerpt) keeps its own."""
    if policy not in TEXT_POLICIES:
        raise TextPolicyError(f"unknown text policy {policy!r} (choose from {', '.join(TEXT_POLICIES)})")
    published = sources.copy()
    # each row keeps the stricter of its own policy (its outlet's, from the source list) and the run's
    published["text_policy"] = [max(own, policy, key=TEXT_POLICIES.index) for own in published["text_policy"]]
    published["text"] = [None if rule == "none" else excerpt(text) if rule == "excerpt" else text
                         for text, rule in zip(published["text"], published["text_policy"])]
    published["text"] = published["text"].astype("string[pyarrow]")
    published["text_policy"] = published["text_policy"].astype("string[pyarrow]")
    return published


def excerpt(text):
    """The beginning of a text, cut at a word boundary."""
    if text is None or len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
