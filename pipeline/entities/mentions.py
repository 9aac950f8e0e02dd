"""Named-entity mentions of one parsed article: spaCy's entities with a light, convention-driven span repair."""

from spacy.tokens import Span

from pipeline.entities.names import EN, KNOWN_FORM_PATTERN, KNOWN_FORM_TYPES, PERSON_TITLES
from schemas.tables import ENTITY_TYPES

# Labels kept from spaCy (OntoNotes); DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL are not entities.
KEPT_LABELS = frozenset(ENTITY_TYPES)
# A name does not start with an adverb or a conjunction; spaCy sm sometimes takes a sentence's first word along
# ("Later the Organization ...").
NON_NAME_LEADING_POS = frozenset({"ADV", "CCONJ", "SCONJ", "INTJ", "PRON", "AUX"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN", "VBD"})
# Tokens between two names that the recogniser took as one: a photo credit's "/", an acronym's brackets.
# Titles before a name are at most this long ("Deputy Secretary General").
MAX_TITLE_WORDS = 3
NAME_SEPARATORS = frozenset({"/", "(", ")"})


def extract_mentions(doc, text=None) -> list[dict]:
    """Named-entity mentions of one parsed article: {"char_start", "char_end", "text", "label", "title"}, in text
    order; `title` is the title or honorific written right before a person's name ("president", "mrs"), else
    None."""
    spans = [e for e in doc.ents if e.label_ in KEPT_LABELS]
    spans = join_hyphenated_institution_names(doc, join_split_institution_names(doc, spans))
    spans = sorted(spans + known_name_spans(doc, spans), key=lambda span: span.start)
    mentions, text = [], text or doc.text  # spaCy builds doc.text anew at every access
    for span in spans:
        for start, end, label in name_parts(doc, span):
            start, end = trimmed_token_bounds(doc, start, end, label)
            if label == "PERSON" and end - start == 1 and doc[start].lower_.rstrip(".") in EN.name_titles:
                continue  # a title left alone ("Mr" of a mis-cut "Describing Mr | Jackson") names nobody
            char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            elided = EN.pattern("elided_article").match(text[char_start:char_end])
            if elided:
                char_start += elided.end()
            mentions.append({"char_start": char_start, "char_end": char_end,
                             "text": text[char_start:char_end], "label": label,
                             "title": title_before(doc, start) if label == "PERSON" else None})
    return mentions


def title_before(doc, start):
    """The titles and honorifics written right before the token `start` ("President Trump" -> "president", "first
    lady Melania Trump" -> "lady"), or None: who a lone surname is may turn on them."""
    words = []
    for token in reversed(doc[max(0, start - MAX_TITLE_WORDS):start]):
        word = token.lower_.rstrip(".")
        if word not in PERSON_TITLES and word not in EN.honorific_genders:
            break
        words.append(word)
    return " ".join(reversed(words)) or None


def join_split_institution_names(doc, spans):
    """Join "<Head> for ... | in | <region>" (an ORG cut before its final "in <LOC>") into one ORG span."""
    joined = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.label_ == "ORG" and span.label_ == "LOC"
                and span.start == previous.end + 1 and doc[previous.end].lower_ == EN.word("location_preposition")
                and is_head_first_institution(previous)):
            joined[-1] = Span(doc, previous.start, span.end, label="ORG")
        else:
            joined.append(span)
    return joined


def is_head_first_institution(span):
    """The span ends in "<Head> for/of/on <words>" ("... Organization for Security and Cooperation")."""
    words = [t.lower_ for t in span]
    return any(head in EN.institution_heads and link in EN.institution_links and i + 2 < len(words)
               for i, (head, link) in enumerate(zip(words, words[1:])))


def join_hyphenated_institution_names(doc, spans):
    """One ORG for "NATO-Russia Council": spaCy sm tags only "NATO" (or "Russia" and "NATO") when a name is joined
    by a hyphen to capitalised words that end in an institution head."""
    joined, covered_until = [], 0
    for span in spans:
        if span.start < covered_until:
            continue
        end = hyphenated_institution_end(doc, span.end)
        joined.append(Span(doc, span.start, end, label="ORG") if end else span)
        covered_until = end or span.end
    return joined


def hyphenated_institution_end(doc, hyphen):
    """End of "-<Name> ... <Head>" starting at token `hyphen`, written without spaces around the hyphen."""
    if hyphen >= len(doc) or doc[hyphen].text != "-" or doc[hyphen - 1].whitespace_ or doc[hyphen].whitespace_:
        return None
    for i in range(hyphen + 1, min(hyphen + 5, len(doc))):
        if not (doc[i].is_alpha and (doc[i].is_title or doc[i].is_upper)):
            return None
        if doc[i].lower_ in EN.institution_heads:
            return i + 1
    return None


def known_name_spans(doc, spans):
    """Names of the alias table that spaCy left untagged (a headline's "USA"), matched with their exact case."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = []
    for match in KNOWN_FORM_PATTERN.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), label=KNOWN_FORM_TYPES[match.group()])
        if span is not None and not taken & set(range(span.start, span.end)):
            found.append(span)
            taken.update(range(span.start, span.end))
    return found


def name_parts(doc, span):
    """(start, end, label) token ranges of a span that holds two names, split: a photo credit "Name / Agency" gives
    the photographer and the agency (ORG); "British Bankers' Association (BBA)" gives the name and its acronym."""
    parts, part_start, labels = [], span.start, [span.label_]
    for i in range(span.start, span.end):
        if doc[i].text in NAME_SEPARATORS:
            parts.append((part_start, i))
            part_start = i + 1
            labels.append("ORG" if doc[i].text == "/" and span.label_ == "PERSON" else span.label_)
    parts.append((part_start, span.end))
    return [(s, e, label) for (s, e), label in zip(parts, labels) if s < e]


def trimmed_token_bounds(doc, start, end, label):
    """Token bounds cut at a line break, without a trailing possessive, a leading article or "<noun> of the",
    or a person's owner and titles."""
    end = first_line_end(doc, start, end)
    while end - start > 1 and (doc[start].pos_ in NON_NAME_LEADING_POS or is_leading_participle(doc[start], label)):
        start += 1
    while end - start > 1 and doc[end - 1].text in EN.possessive_tokens:
        end -= 1
    start = start_after_lowercase_of_prefix(doc, start, end)
    if end - start > 1 and is_dropped_article(doc[start], label):
        start += 1
    if label == "PERSON":
        # "Corlan's Dev Okafor": the person is the one after the owner
        owner_end = max((i for i in range(start + 1, end - 1) if doc[i].text in EN.possessive_tokens), default=None)
        if owner_end is not None:
            start = owner_end + 1
        while end - start > 1 and doc[start].lower_.rstrip(".") in EN.name_titles and doc[start + 1].is_title:
            start += 1
    return start, end


def is_leading_participle(token, label):
    """A sentence-opening participle glued to a name ("Describing Mr Jackson", "Asked Blair") is not part of it;
    titles of works may start with one ("Gone with the Wind")."""
    return token.pos_ == "VERB" and token.tag_ in PARTICIPLE_TAGS and label != "WORK_OF_ART"


def first_line_end(doc, start, end):
    """A name never runs over a line break; spaCy sometimes glues a list's next line to it ("Olivier \n - Best")."""
    for i in range(start, end):
        if "\n" in doc[i].text_with_ws:
            return i + 1 if not doc[i].is_space else max(i, start + 1)
    return end


def is_dropped_article(token, label):
    """A leading "the" is not part of a name, but a capitalised "The" inside a sentence starts a title
    ("The Tempest", "The Times"); at a sentence start it is capitalised anyway, except in titles of works."""
    if token.lower_ not in EN.leading_articles:
        return False
    return token.is_lower or (token.is_sent_start and label != "WORK_OF_ART")


def start_after_lowercase_of_prefix(doc, start, end):
    """Skip "council of the" in "council of the Organization ...": lowercase words + "of" before a proper name."""
    i = start
    while i < end and doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ != EN.word("possessive_of"):
        i += 1
    if i == start or i >= end - 1 or doc[i].lower_ != EN.word("possessive_of"):
        return start
    name_start = i + 2 if doc[i + 1].lower_ == EN.word("definite_article") and i + 2 < end else i + 1
    return name_start if doc[name_start].is_title or doc[name_start].is_upper else start
