"""Token, span and paragraph helpers over the parse, shared by the statement rules."""

import re

from pipeline.quotes.marks import QUOTE_MARKS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_CUT_DEPS = frozenset({"relcl", "acl"})
MAX_NAME_TAIL_TOKENS = 15
# Words of a title written before a name ("Deputy Foreign Minister", "Wikileaks co-founder").
MAX_TITLE_TOKENS = 5
WORD_RE = re.compile(r"\w+")


def trim(text, start, end, chars=" \t\n"):
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def inner_span(text, pair):
    return trim(text, pair[0] + 1, pair[1])


def word_count(text):
    return len(WORD_RE.findall(text))


def token_range_chars(doc, first, last):
    return doc[first].idx, doc[last].idx + len(doc[last])


def same_paragraph(doc, layout, first, last, anchor):
    """Token range (first, last) clipped to the paragraph of token `anchor`."""
    start, end = layout.paragraph(doc[anchor].idx)
    while first < anchor and doc[first].idx < start:
        first += 1
    while last > anchor and doc[last].idx >= end:
        last -= 1
    return first, last


def noun_phrase_range(token, layout):
    """Token range of `token`'s phrase within its paragraph, cut before relative clauses and quotes (a speaker is
    "Stoltenberg", not "Stoltenberg, who specified ...")."""
    last = token.right_edge.i
    for child in token.rights:
        if child.dep_ in CLAUSE_CUT_DEPS:
            last = child.left_edge.i - 1
            break
    quote_after = next((t.i for t in token.doc[token.i + 1:last + 1] if t.text in QUOTE_MARKS), None)
    if quote_after is not None:
        last = quote_after - 1
    first, last = same_paragraph(token.doc, layout, token.left_edge.i, last, token.i)
    while last > first and (token.doc[last].is_punct or token.doc[last].is_space or token.doc[last].dep_ == "case"):
        last -= 1  # a possessive speaker ("Trump's announcement") is named without its "'s"
    while first < last and (token.doc[first].is_punct or token.doc[first].is_space):
        first += 1
    return first, last


def in_same_paragraph(layout, token, other):
    return layout.paragraph(token.idx) == layout.paragraph(other.idx)


def is_word(token):
    return not (token.is_punct or token.is_space)


def governing_verb(token):
    """The nearest verb above `token`, or its sentence's root when there is none."""
    token = token.head
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def proper_name(head):
    """The run of proper nouns ending at `head` ("Menatep Group")."""
    first = head.i
    while first > 0 and head.doc[first - 1].pos_ == "PROPN" and first <= head.doc[first - 1].head.i <= head.i:
        first -= 1
    return head.doc[first:head.i + 1]
