"""The one place that loads spaCy, so every stage shares a single model per language and process."""

import re
from functools import lru_cache

import spacy
from spacy.language import Language

from pipeline.lang import language_pack


# A paragraph break after a line that no sentence punctuation ends (a crosshead), and a wire dateline opening a
# paragraph: "ALDERSUND, June 10 (Reuters) - ", "BUFFALO, N.Y. — ".
UNPUNCTUATED_LINE_END = re.compile(r"[^.!?:;,\"“”‘’'«»…)\]\s]\s*\n[^\S\n]*\n\s*")
WIRE_DATELINE = re.compile(r"(?m)^[A-Z][A-Z.'’ -]{2,}(?:, [A-Z][A-Za-z.]+(?: \d{1,2})?)*(?: \([^()\n]{2,40}\))? ?[-–—]+ +")


@Language.component("layout_boundaries")
def layout_boundaries(doc):
    """Start a sentence after a crosshead and after a wire dateline, so that the parser does not read an
    unpunctuated crosshead ("1. An apology – of sorts") or a place and date ("ALDERSUND, June 10 (Northline) -") as
    part of the next sentence, often as its subject."""
    starts = [m.end() for pattern in (UNPUNCTUATED_LINE_END, WIRE_DATELINE) for m in pattern.finditer(doc.text)]
    for start in starts:
        after = doc.char_span(start, start + 1, alignment_mode="expand")
        if after is not None and after.start > 0 and not after[0].is_space:
            after[0].is_sent_start = True
    return doc


@lru_cache(maxsize=None)
def load_nlp(model=language_pack("en").model):
    """A language pack's spaCy pipeline (tagger, parser, NER; English by default), loaded once per process;
    crossheads and datelines end sentences."""
    nlp = spacy.load(model)
    nlp.add_pipe("layout_boundaries", before="parser")
    return nlp


def parse(texts, model=language_pack("en").model, batch_size=64):
    """spaCy Docs for `texts`, in order."""
    return list(load_nlp(model).pipe(texts, batch_size=batch_size))
