"""Annotate: named-entity mentions and attributed statements of clean articles, on every core.

Each article is parsed by the spaCy pipeline of its language's pack (`pipeline.lang`) and read by that pack's rules
(the English statement rules in `pipeline.quotes`, mentions in `pipeline.entities`). An article in a language
without a pack is not annotated: English rules on a German text would invent statements, and the English model's
entities do not fit it either; the run summary counts such articles by language.

Large batches are split over worker processes started with "spawn": Prefect's threads make "fork" unsafe (a
forked child can inherit a held lock and hang). Workers load spaCy once and are reused for the process' life.
"""

import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache

from pipeline.lang.nlp import load_nlp, parse
from pipeline.entities import corrected_labels, extract_mentions
from pipeline.lang import language_pack
from pipeline.link.features import content_lemmas, statement_parts
from pipeline.quotes import extract_statements
from schemas.records import Annotation, FoundMention, FoundStatement

# Below this many texts per worker, starting another process costs more than it saves.
MIN_TEXTS_PER_WORKER = 32
# An article's lede, which says what event it reports (with its headline): its first characters.
LEDE_CHARS = 400


def annotate_texts(texts):
    """(mentions, statements, lede lemmas) of each English text, in order (char offsets into the text). Each
    statement carries the content lemmas of its span and, when it joins clauses that may render two utterances, of
    each of them ("part_lemmas"), taken from the article's parse, for cross-source matching; the lede's content
    lemmas tell which story the article reports."""
    annotated = []
    for text, doc in zip(texts, parse(texts)):  # each doc's text is its input text, built once
        doc = corrected_labels(doc, text)
        annotated.append((
            [FoundMention(**mention) for mention in extract_mentions(doc, text)],
            [FoundStatement(**statement, **_matching_lemmas(doc, statement))
             for statement in extract_statements(doc, text)],
            sorted(content_lemmas(doc.char_span(0, min(LEDE_CHARS, len(text)), alignment_mode="expand") or doc))))
    return annotated


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


def annotate_articles(articles, workers=None):
    """The `Annotation` of each article; one whose language has no pack gets none (`language` None)."""
    annotated = [i for i, article in enumerate(articles) if language_pack(article.source.language) is not None]
    found = dict(zip(annotated, annotate_all([articles[i].source.text for i in annotated], workers)))
    headlines = dict(zip(annotated, _headline_lemmas([articles[i].source.title for i in annotated])))
    return [Annotation(article.source.source_id, *found[i][:2], language=article.source.language,
                       story_lemmas=sorted(set(found[i][2]) | headlines[i])) if i in found
            else Annotation(article.source.source_id, [], [], language=None) for i, article in enumerate(articles)]


def _headline_lemmas(titles):
    """Content lemmas of each headline (tagged, not parsed: a headline is one phrase)."""
    docs = load_nlp().pipe((title or "" for title in titles), disable=["parser", "ner"], batch_size=256)
    return [set(content_lemmas(doc)) for doc in docs]


def skipped_languages(annotations, articles):
    """{language: articles} of the articles left unannotated because their language has no pack."""
    return dict(Counter(article.source.language for article, annotation in zip(articles, annotations)
                        if annotation.language is None))
