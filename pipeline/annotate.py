"""Annotate: named-entity mentions and attributed statements of clean article texts, on every core.

Large batches are split over worker processes started with "spawn": Prefect's threads make "fork" unsafe (a
forked child can inherit a held lock and hang). Workers load spaCy once and are reused for the process' life.
"""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache

from pipeline.clusters import content_lemmas, statement_parts
from pipeline.entities import corrected_labels, extract_mentions
from pipeline.nlp import load_nlp, parse
from pipeline.quotes import extract_statements

# Below this many texts per worker, starting another process costs more than it saves.
MIN_TEXTS_PER_WORKER = 32


def annotate_texts(texts):
    """{"mentions", "statements"} of each text, in order (char offsets into the text). Each statement carries the
    content lemmas of its span and, when it joins clauses that may render two utterances, of each of them
    ("part_lemmas"), taken from the article's parse, for cross-source matching."""
    return [{"mentions": extract_mentions(doc), "statements": [
        {**statement, **_matching_lemmas(doc, statement)} for statement in extract_statements(doc)]}
        for doc in map(corrected_labels, parse(texts))]


def _matching_lemmas(doc, statement):
    start = statement["char_start"]

    def lemmas(first, last):
        return sorted(content_lemmas(doc.char_span(first, last, alignment_mode="expand")))

    parts = statement_parts(statement["text"])
    return {"lemmas": lemmas(start, statement["char_end"]),
            "part_lemmas": [lemmas(start + a, start + b) for a, b in parts] if len(parts) > 1 else None}


def worker_count(n_texts, available=None):
    """Processes worth using for `n_texts`: one per core (NEWSLEDGER_PROCESSES caps it), each with enough texts."""
    available = available or int(os.environ.get("NEWSLEDGER_PROCESSES", os.cpu_count() or 1))
    return max(1, min(available, n_texts // MIN_TEXTS_PER_WORKER))


@lru_cache(maxsize=None)
def _pool(workers):
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=load_nlp)


def annotate_all(texts, workers=None):
    """annotate_texts over several processes when the batch is large enough to gain from it."""
    texts = list(texts)
    workers = workers or worker_count(len(texts))
    if workers == 1:
        return annotate_texts(texts)
    size = -(-len(texts) // workers)
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    return [result for chunk in _pool(workers).map(annotate_texts, chunks) for result in chunk]
