"""What cross-source matching compares, taken from the article's parse at annotation: the content lemmas of a
statement (synonyms folded, names by their last word) and the clauses where it may fuse two utterances."""

import re

from pipeline.lang import fold, language_pack

# A statement's clauses are matched on their own where "but" joins two clauses or a concessive clause opens it (the
# language pack's "contrast_joint" and "concessive_opening"): the joints where reports fuse two utterances. A part
# needs this many words to say anything.
MIN_PART_WORDS = 3
EN = language_pack("en")
# Each word of a group of near-synonyms stands for the first word of its group ("mistake" -> "error").
CANONICAL_SYNONYM = {word: group.split()[0] for group in EN.synonym_groups for word in group.split()}
ALLOWED_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})


def statement_parts(text: str) -> list[tuple[int, int]]:
    """Character ranges of the clauses a statement may fuse from two utterances ("although A, B"; "A, but B"), or
    the whole text as one range when it has no such joint or a part would be too short to match."""
    opening = EN.pattern("concessive_opening").match(text)
    ranges, start = ([(0, opening.end())], opening.end()) if opening else ([], 0)
    for joint in EN.pattern("contrast_joint").finditer(text, start):
        ranges.append((start, joint.start()))
        start = joint.end()
    ranges.append((start, len(text)))
    if len(ranges) > 1 and all(len(re.findall(r"\w+", text[a:b])) >= MIN_PART_WORDS for a, b in ranges):
        return ranges
    return [(0, len(text))]


def content_lemmas(doc) -> frozenset:
    """Lower-cased, ASCII-folded lemmas of the content words of a spaCy Doc or Span, synonyms folded together,
    names reduced to their last word."""
    lemmas = set()
    for token in doc:
        if token.is_stop or token.pos_ not in ALLOWED_POS or _inside_name(token):
            continue
        lemma = fold(token.lemma_).strip(".,'\"")
        if token.pos_ == "NUM":
            lemma = re.sub(r"[^0-9a-z]", "", lemma)
        if len(lemma) > 1 and lemma not in EN.generic_lemmas and re.search(r"[a-z0-9]", lemma):
            lemmas.add(CANONICAL_SYNONYM.get(lemma, lemma))
    return frozenset(lemmas)


def _inside_name(token) -> bool:
    """A proper noun followed by another one ("Michael" in "Michael Howard"): a name counts once, by its last
    word, so that a shared name is one piece of evidence, not two."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.pos_ == "PROPN" and following is not None and following.pos_ == "PROPN"
