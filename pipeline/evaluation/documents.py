"""Scores for the cleaning stage: document metadata and boilerplate against gold, and HTML body extraction."""

import json
import re
from collections import Counter
from pathlib import Path

import trafilatura

from pipeline.clean import clean_article
from pipeline.ingest import read_input

# Gold boilerplate shorter than this is ignored when searching clean text by string: short fragments ("EFE",
# ".") also occur legitimately inside body text.
MIN_BOILERPLATE_CHARS = 12
METADATA_FIELDS = ("title", "published", "outlet", "credits")


def squash(text: str | None) -> str:
    """Lower-case text with all whitespace removed, so MT repairs (inserted spaces) do not count as changes."""
    return re.sub(r"\s+", "", text or "").lower()


def field_matches(field: str, predicted: dict, gold: dict) -> bool:
    if field == "title":
        return squash(predicted.get("title")) == squash(gold.get("title"))
    if field == "published":
        date = predicted.get("published_at")
        return (date.isoformat() if date else None) == gold.get("published")
    if field == "outlet":
        return squash(predicted.get("outlet")) == squash(gold.get("outlet"))
    return {c.lower() for c in predicted.get("credits") or []} == {c.lower() for c in gold.get("credits") or []}


def leftover_boilerplate(predicted: dict, gold: dict) -> list[str]:
    """Gold boilerplate still in the clean text: by offset when an offset map exists, else by string."""
    offsets = predicted.get("offset_map")
    if offsets is not None:
        kept = set(offsets)
        return [span["text"] for span in gold.get("boilerplate_spans", [])
                if len(span["text"]) >= MIN_BOILERPLATE_CHARS and kept & set(range(span["start"], span["end"]))]
    return [text for text in gold.get("boilerplate", [])
            if len(text) >= MIN_BOILERPLATE_CHARS and squash(text) in squash(predicted["text"])]


def body_ends_kept(predicted: dict, gold: dict) -> dict[str, bool]:
    text = squash(predicted["text"])
    return {"first": text.startswith(squash(gold["body_first_words"])),
            "last": text.endswith(squash(gold["body_last_words"]))}


def score_documents(cleaned_by_doc: dict[str, dict], gold_path) -> dict:
    """Compare `clean_article` outputs (keyed by file name, as gold `doc`) with gold documents.jsonl.

    Returns {"field_accuracy": share of (doc, field) pairs right over title/published/outlet/credits,
    "fields": {field: share right}, "boilerplate_left": {doc: [gold boilerplate >= 12 chars still in text]},
    "body_ends_kept": share of docs whose first and last body words are both kept, "errors": [(doc, field,
    predicted, gold)], "docs": number scored}. Gold docs missing from `cleaned_by_doc` are skipped.
    """
    gold_docs = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = [(gold, cleaned_by_doc[gold["doc"]]) for gold in gold_docs if gold["doc"] in cleaned_by_doc]
    right, errors, left, ends = Counter(), [], {}, []
    for gold, predicted in scored:
        for field in METADATA_FIELDS:
            if field_matches(field, predicted, gold):
                right[field] += 1
            else:
                value = predicted.get("published_at" if field == "published" else field)
                errors.append((gold["doc"], field, str(value), gold.get(field)))
        left[gold["doc"]] = leftover_boilerplate(predicted, gold)
        ends.append(all(body_ends_kept(predicted, gold).values()))
    count = len(scored) or 1
    return {
        "field_accuracy": sum(right.values()) / (count * len(METADATA_FIELDS)),
        "fields": {field: right[field] / count for field in METADATA_FIELDS},
        "boilerplate_left": left,
        "body_ends_kept": sum(ends) / count,
        "errors": errors,
        "docs": len(scored),
    }


def token_f1(predicted: str, expected: str) -> float:
    """Bag-of-words F1 over lower-cased word tokens (the article-extraction-benchmark's measure)."""
    predicted_tokens, expected_tokens = Counter(re.findall(r"\w+", predicted.lower())), Counter(
        re.findall(r"\w+", expected.lower()))
    overlap = sum((predicted_tokens & expected_tokens).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(predicted_tokens.values()), overlap / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)


def score_html_corpus(corpus_dir) -> dict:
    """Body token F1 of `clean_article` on saved pages against their expected bodies, next to trafilatura's plain
    default extraction. Returns {"pages", "mean_f1", "mean_f1_trafilatura_default", "per_page": {id: (ours,
    default)}}."""
    corpus = Path(corpus_dir)
    per_page = {}
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        record = read_input(str(corpus / page["html_file"]))[0]
        expected = (corpus / page["expected_text_file"]).read_text(encoding="utf-8")
        ours = clean_article(record)["text"]
        default = trafilatura.extract(record["html"]) or ""
        per_page[page["id"]] = (token_f1(ours, expected), token_f1(default, expected))
    count = len(per_page) or 1
    return {
        "pages": len(per_page),
        "mean_f1": sum(ours for ours, _ in per_page.values()) / count,
        "mean_f1_trafilatura_default": sum(default for _, default in per_page.values()) / count,
        "per_page": per_page,
    }
