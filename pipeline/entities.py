"""Entity mentions from spaCy NER, and their resolution into entities across the whole dataset.

Mentions are spaCy's named entities with a light, convention-driven span repair (CoNLL and our gold leave out
articles, possessives and titles). Resolution compares *keys*: names folded for accents, case, punctuation,
transliteration habits (Gruschko/Grushko, Peskow/Peskov, Dmitri/Dmitry, Donbass/Donbas) and a small table of
cross-language names (the language pack's alias table). Keys are then joined by evidence: person-name variants, surname-only
mentions (in the same article first, across articles only when one person fits), acronyms and their expansions, and
place adjectives with a landform ("Crimean Peninsula" / "Crimea"). A key is never joined just because it is
similar to another one, so different entities with close names ("Russia" / "Russian" / "Moscow") stay apart.
"""

import re
from collections import Counter, defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.tokens import Span

from pipeline.groups import Groups
from pipeline.ids import stable_id
from pipeline.lang import language_pack, transliterate
from schemas.tables import ENTITY_TYPES

EN = language_pack("en")

# Labels kept from spaCy (OntoNotes); DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL are not entities.
KEPT_LABELS = frozenset(ENTITY_TYPES)
# CoNLL class per label: an acronym and its expansion must name the same kind of thing.
CONLL_CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
# When label votes tie: spaCy sm takes unknown capitalised words for persons too readily (Kiev, Donbass, Twitter).
LABEL_PRIORITY = ("GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT",
                  "LANGUAGE")

# A name does not start with an adverb or a conjunction; spaCy sm sometimes takes a sentence's first word along
# ("Later the Organization ...").
NON_NAME_LEADING_POS = frozenset({"ADV", "CCONJ", "SCONJ", "INTJ", "PRON", "AUX"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN", "VBD"})
# Titles are cut from person mentions; styles too are ignored when comparing person names (see people.yaml).
PERSON_TITLES = EN.name_titles | EN.style_titles
# Letters and digits of a name; a hyphenated compound stays one word ("NATO-Russia", "Co-operation").
# An inner apostrophe stays in the word too ("O'Gara").
NAME_WORD = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")
# Dots of initialisms ("U.S.A.", "J. Smith") are not word breaks.
INITIAL_DOT = re.compile(r"(?<=\b[A-Za-z])\.")
# A person's full name: 2 to 5 name words and nothing else (photo credits like "Name / Agency" are not names).
PERSON_NAME_TEXT = re.compile(r"^[^\W\d_][\w.'\u2019 -]*$")
DOUBLED_LETTER = re.compile(r"([a-z])\1+")
DOUBLED_LETTER_MIN_LENGTH = 6  # Donbass/Donbas, but Scott is not Scot
ACRONYM_MAX_LENGTH = 6
FUZZY_NAME_MIN_LENGTH = 8      # shorter names differ by one letter too often (Russia / Russian)
FUZZY_NAME_MIN_SCORE = 92
GIVEN_NAME_MIN_SCORE = 85      # Alexander / Alexandr (94) but not John / Jane (50)

# Labels spaCy sm gives people's names it does not know ("Marta Quiroga" as ORG), and the pronouns that show a
# person, within this many tokens of the name's sentence.
MISREAD_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC"})
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_PRONOUN_DISTANCE_TOKENS = 40
# Tokens between two names that the recogniser took as one: a photo credit's "/", an acronym's brackets.
NAME_SEPARATORS = frozenset({"/", "(", ")"})


# --------------------------------------------------------------------------------------------------- mentions

def corrected_labels(doc):
    """`doc` with the entity labels the article itself contradicts corrected: people named like bodies, companies
    named like people, a person's surname tagged as a place or a body."""
    return relabel_surnames(relabel_companies(relabel_people(doc)))


def relabel_companies(doc):
    """`doc` with each name tagged PERSON that the article itself shows to be a company relabelled ORG, wherever it
    is tagged.

    Brand names read like people's names ("Krispy Kreme said"); the words around them tell: a person has no shares,
    profits or stores ("shares in Krispy Kreme", "Krispy Kreme's profits"). Any one such occurrence of the name, tagged
    or not, settles it for the whole article; so does a business word ending the name ("Dick Clark Productions")."""
    person_names = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text) > 1}
    companies = {name for name in person_names if _has_company_name_ending(name) or _is_named_company(doc, name)}
    return _relabelled(doc, "ORG", lambda e: e.text in companies)


def relabel_people(doc):
    """`doc` with each name spaCy gave another label relabelled PERSON when the article goes on about it as "he" or
    "she": a two- or three-word name, the subject of its sentence, followed in a later sentence by a gendered pronoun
    acting as a subject, with nobody else named from the sentence before the name to the pronoun ("Marta Quiroga
    said ... Wage growth was strong, she said")."""
    people = {e.text for e in doc.ents if e.label_ in MISREAD_PERSON_LABELS and _is_referred_to_as_a_person(e)}
    return _relabelled(doc, "PERSON", lambda e: e.text in people)


def relabel_surnames(doc):
    """`doc` with the names the article shows to be a person's relabelled PERSON where spaCy gave another label: a
    lone surname of someone named in full ("Tomás Ferreira ... Ferreira, the captain", where "Ferreira" was GPE), and
    a full name whose surname the article writes with an honorific ("Her lawyer, Marcus Feld" as ORG, then "Mr Feld").
    A surname used as a place ("Paris Hilton ... in Paris") keeps its label, and so does a company named after its
    founder ("Bill Ford ... Ford's auto unit")."""
    full_name_surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
    honoured_surnames = {t.text for t in doc[1:] if doc[t.i - 1].lower_.rstrip(".") in EN.personal_honorifics}
    return _relabelled(doc, "PERSON", lambda e: (
        e.label_ in MISREAD_PERSON_LABELS and _is_capitalised_name(e) and not _is_place_object(e)
        and ((len(e) == 1 and e.text in full_name_surnames and not _is_named_company(doc, e.text))
             or (2 <= len(e) <= 3 and e[-1].text in honoured_surnames))))


def _is_place_object(ent):
    return ent.root.dep_ == "pobj" and ent.root.head.lower_ in EN.place_prepositions


def _relabelled(doc, label, chosen):
    """`doc` with every entity `chosen` accepts labelled `label`."""
    marked = [chosen(e) for e in doc.ents]
    if any(marked):
        doc.ents = [Span(doc, e.start, e.end, label=label) if mark else e for e, mark in zip(doc.ents, marked)]
    return doc


def _is_capitalised_name(ent):
    return all(t.is_title and t.is_alpha for t in ent)


def _is_referred_to_as_a_person(ent):
    if not 2 <= len(ent) <= 3 or not _is_capitalised_name(ent):
        return False
    if ent.root.dep_ != "nsubj" or ent.root.head != ent.sent.root:  # the subject of its sentence, not of a quote
        return False
    doc = ent.doc
    window_start = doc[ent.sent.start - 1].sent.start if ent.sent.start > 0 else 0
    window_end = min(len(doc), ent.sent.end + MAX_PRONOUN_DISTANCE_TOKENS)
    pronoun = next((t for t in doc[ent.sent.end:window_end] if t.lower_ in EN.gendered_subject_pronouns
                    and t.dep_ == "nsubj"), None)  # in a later sentence: "X is wrong, he said" is not about X
    # the pronoun is hers only if nobody else who could be "she" is named around her, not just before nor between
    # her and it: a person, or a body that may be a misread person (named in several words, or acting as a subject);
    # "commuters in Calderport" is no rival
    return pronoun is not None and not any(
        e != ent and window_start <= e.start < pronoun.i
        and (e.label_ == "PERSON" or (e.label_ == "ORG" and (len(e) > 1 or e.root.dep_ in NOMINAL_SUBJECT_DEPS)))
        for e in doc.ents)


def _has_company_name_ending(name):
    words = name.split()
    return len(words) > 1 and words[-1].strip(".,").lower() in EN.company_name_endings


def _is_named_company(doc, name):
    """Whether any occurrence of the name, tagged or not, is shown to be a company's."""
    return any(_has_company_context(span) for span in _occurrences(doc, name))


def _occurrences(doc, name):
    for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            yield span


def _has_company_context(span):
    """Whether the words around this occurrence of a name show a company: a company's possession ("Krispy Kreme's
    profits", "Ford's auto unit", "Tesco shares"), "shares in X", "X-owned"."""
    doc = span.doc
    root = span.root
    following = doc[span.end] if span.end < len(doc) else None
    if following is not None and following.tag_ == "POS":
        following = doc[following.i + 1] if following.i + 1 < len(doc) else None
    possessions = [root.head] if root.dep_ in ("poss", "compound") else []
    if any(t is not None and t.pos_ == "NOUN" and t.lemma_.lower() in EN.company_only_nouns
           for t in [following, *possessions]):
        return True
    if doc[span.end:span.end + 2].text.replace(" ", "").lower() in EN.company_owned_suffixes:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    owner = doc[span.start - 2] if span.start > 1 else None
    return (before is not None and owner is not None and before.lower_ == EN.word("location_preposition")
            and owner.lemma_.lower() in EN.company_stake_nouns)


def extract_mentions(doc) -> list[dict]:
    """Named-entity mentions of one parsed article: {"char_start", "char_end", "text", "label"}, in text order."""
    spans = [e for e in doc.ents if e.label_ in KEPT_LABELS]
    spans = join_hyphenated_institution_names(doc, join_split_institution_names(doc, spans))
    spans = sorted(spans + known_name_spans(doc, spans), key=lambda span: span.start)
    mentions = []
    for span in spans:
        for start, end, label in name_parts(doc, span):
            start, end = trimmed_token_bounds(doc, start, end, label)
            if label == "PERSON" and end - start == 1 and doc[start].lower_.rstrip(".") in EN.name_titles:
                continue  # a title left alone ("Mr" of a mis-cut "Describing Mr | Jackson") names nobody
            char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            elided = EN.pattern("elided_article").match(doc.text[char_start:char_end])
            if elided:
                char_start += elided.end()
            mentions.append({"char_start": char_start, "char_end": char_end,
                             "text": doc.text[char_start:char_end], "label": label})
    return mentions


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


# --------------------------------------------------------------------------------------------------- name keys

@lru_cache(maxsize=None)
def name_words(text, person=False):
    """Words of a name (case kept) without a leading article, possessive, elided article, or (persons) titles."""
    folded = INITIAL_DOT.sub("", EN.pattern("elided_article").sub("", transliterate(" ".join(text.split()))))
    words = NAME_WORD.findall(EN.pattern("possessive_suffix").sub("", folded))
    if len(words) > 1 and words[0].lower() in EN.leading_articles:
        words = words[1:]
    while person and len(words) > 1 and words[0].lower() in PERSON_TITLES:
        words = words[1:]
    return tuple(compound_word(w, keep_order=person) for w in words) or (text.casefold().strip(),)


def compound_word(word, keep_order):
    """One comparison word of a hyphenated compound: "Co-operation" -> "Cooperation"; names joined by a hyphen
    are put in a fixed order so "Russia-NATO" and "NATO-Russia" agree (not for persons: "Jean-Claude")."""
    parts = word.replace("'", "").split("-")
    if not keep_order and len(parts) > 1 and all(p[:1].isupper() for p in parts):
        return " ".join(sorted(parts, key=str.lower))
    return "".join(parts)


@lru_cache(maxsize=None)
def fold_spelling(word):
    """A word lowercased, with transliteration and spelling habits folded (gruschko/grushko, peskow/peskov,
    dmitri/dmitry, donbass/donbas). Short all-caps words are acronyms and are only lowercased (EEUU is not EU)."""
    if word.isupper() and len(word) <= ACRONYM_MAX_LENGTH:
        return word.lower()
    word = word.lower()
    for before, after in EN.spelling_folds:
        word = word.replace(before, after)
    return DOUBLED_LETTER.sub(r"\1", word) if len(word) >= DOUBLED_LETTER_MIN_LENGTH else word


def plain_key(words):
    return " ".join(fold_spelling(w) for w in " ".join(words).split())


def load_alias_table(entries=EN.alias_table):
    """From the language pack's alias table: alias key -> canonical key, canonical key -> (name, type), and
    written form -> type."""
    canonical, known, form_types = {}, {}, {}
    for entry in entries:
        target = plain_key(name_words(entry["name"]))
        known[target] = (entry["name"], entry["type"])
        for form in (entry["name"], *entry["aliases"]):
            canonical[plain_key(name_words(form))] = target
            form_types[form] = entry["type"]
    return canonical, known, form_types


ALIAS_KEYS, KNOWN_ENTITIES, KNOWN_FORM_TYPES = load_alias_table()
# Longest forms first so "U.S.A." is matched whole rather than as "U.S".
KNOWN_FORM_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(KNOWN_FORM_TYPES, key=len, reverse=True)) + r")(?!\w)")


@lru_cache(maxsize=None)
def name_key(text: str, person: bool = False, group: bool = False) -> str:
    """Comparison key of a name. `person` drops leading titles; `group` (NORP) folds a plural ("Russians")."""
    words = list(name_words(text, person))
    if plain_key(words) in ALIAS_KEYS:  # a known plural name ("the Tories") before any folding
        return ALIAS_KEYS[plain_key(words)]
    if group and len(words[-1]) > 4 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]
    key = plain_key(words)
    return ALIAS_KEYS.get(key, key)


def mention_key(mention):
    return name_key(mention["text"], person=mention["label"] == "PERSON", group=mention["label"] == "NORP")


def person_parts(text):
    """(given name, surname) keys of a full person name, or None when the text is not a plain 2-5 word name."""
    if not PERSON_NAME_TEXT.match(text.strip()):
        return None
    words = plain_key(name_words(text, person=True)).split()
    if not 2 <= len(words) <= 5:
        return None
    surname_start = len(words) - 1
    while surname_start > 1 and words[surname_start - 1] in EN.name_particles:
        surname_start -= 1
    return words[0], " ".join(words[surname_start:])


def given_names_match(a, b):
    """Same given name up to spelling (Alexander/Alexandr) or an initial standing for it (J / John)."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= GIVEN_NAME_MIN_SCORE


def acronym_of(words):
    """Initials of a multi-word name, function words skipped: ("north", "atlantic", "treaty", ...) -> "nato"."""
    letters = [w[0].lower() for w in " ".join(words).split() if w.lower() not in EN.acronym_skipped_words]
    return "".join(letters) if len(letters) >= 2 else None


def is_acronym_text(text):
    letters = INITIAL_DOT.sub("", text.strip())
    return 2 <= len(letters) <= ACRONYM_MAX_LENGTH and letters.isalpha() and letters.isupper()


# --------------------------------------------------------------------------------------------------- resolution

def resolve_entities(mentions: list[dict]) -> tuple[list[dict], list[str]]:
    """Entities of the whole dataset and the entity id of each mention (same order as `mentions`)."""
    keys = [mention_key(m) for m in mentions]
    labels_by_key = defaultdict(Counter)
    docs_by_key = defaultdict(set)
    for mention, key in zip(mentions, keys):
        labels_by_key[key][mention["label"]] += 1
        docs_by_key[key].add(mention["source_id"])
    majority = {key: top_label(votes) for key, votes in labels_by_key.items()}

    groups = Groups()
    people = full_person_names(mentions, keys)
    join_person_variants(people, groups)
    join_acronyms(keys, mentions, majority, docs_by_key, groups)
    join_short_organisation_names(majority, docs_by_key, groups)
    join_place_adjectives(majority, groups)
    nodes, surname_nodes = mention_nodes(mentions, keys, people, groups)

    members = defaultdict(list)
    for index, node in enumerate(nodes):
        members[groups.find(node)].append(index)
    entities, entity_ids = [], [None] * len(mentions)
    for indexes in members.values():
        # A mention joined to a person as their surname is a vote for PERSON, whatever spaCy guessed for it.
        labels = ["PERSON" if nodes[i] in surname_nodes else mentions[i]["label"] for i in indexes]
        entity = entity_record([mentions[i] for i in indexes], [keys[i] for i in indexes], labels)
        entities.append(entity)
        for i in indexes:
            entity_ids[i] = entity["entity_id"]
    return sorted(entities, key=lambda e: e["entity_id"]), entity_ids


def top_label(votes):
    return max(votes, key=lambda label: (votes[label], -label_rank(label)))


def label_rank(label):
    return LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)


def full_person_names(mentions, keys):
    """key -> (given, surname) for every key written somewhere as a full name labelled PERSON."""
    people = {}
    for mention, key in zip(mentions, keys):
        if mention["label"] == "PERSON" and key not in people:
            parts = person_parts(mention["text"])
            if parts:
                people[key] = parts
    return people


def join_person_variants(people, groups):
    """Join full names with the same surname key and matching given names (Dmitry/Dmitri, Alexander/Alexandr).
    Full given names are joined first; a name with only an initial joins only when one person fits it."""
    by_surname = defaultdict(list)
    for key, (given, surname) in sorted(people.items()):
        by_surname[surname].append((key, given))
    for named in by_surname.values():
        full = [(k, g) for k, g in named if len(g) > 1]
        for (key_a, given_a), (key_b, given_b) in pairs(full):
            if given_names_match(given_a, given_b):
                groups.union(key_a, key_b)
        for key, initial in ((k, g) for k, g in named if len(g) == 1):
            fitting = {groups.find(k) for k, g in full if g[0] == initial}
            if len(fitting) == 1:
                groups.union(key, fitting.pop())


def pairs(items):
    return ((a, b) for i, a in enumerate(items) for b in items[i + 1:])


def join_acronyms(keys, mentions, majority, docs_by_key, groups):
    """Join an acronym to the one multi-word name of the same kind it spells, preferring names in its articles."""
    # Initials come from a name as written ("World" is W even though its key spells "vorld").
    written = {}
    for mention, key in zip(mentions, keys):
        written[key] = min(written.get(key, mention["text"]), mention["text"])
    expansions = defaultdict(list)
    for key, label in majority.items():
        if len(key.split()) >= 2 and label != "PERSON":
            initials = acronym_of(name_words(written[key]))
            if initials:
                expansions[initials].append(key)
    acronyms = {key for mention, key in zip(mentions, keys)
                if " " not in key and is_acronym_text(mention["text"]) and majority[key] != "PERSON"}
    for acronym in sorted(acronyms):
        candidates = [k for k in expansions.get(acronym.lower(), ())
                      if CONLL_CLASS.get(majority[k], "MISC") == CONLL_CLASS.get(majority[acronym], "MISC")]
        join_to_the_one_fitting(acronym, candidates, docs_by_key, groups)


def join_short_organisation_names(majority, docs_by_key, groups):
    """Join an organisation's one-word short name to the one longer organisation name it starts ("Halden" ->
    "Halden Bank", "Voltaris" -> "Voltaris Energy"), preferring names in its articles."""
    organisations = {key for key, label in majority.items() if CONLL_CLASS.get(label) == "ORG"}
    longer_by_first_word = defaultdict(list)
    for key in sorted(organisations):
        if len(key.split()) > 1:
            longer_by_first_word[key.split()[0]].append(key)
    for key in sorted(k for k in organisations if " " not in k and k not in KNOWN_ENTITIES):
        join_to_the_one_fitting(key, longer_by_first_word.get(key, []), docs_by_key, groups)


def join_to_the_one_fitting(key, candidates, docs_by_key, groups):
    """Join `key` to the entity its candidate names make up when they make up one, counting only candidates that
    share an article with it when some do."""
    nearby = [k for k in candidates if docs_by_key[k] & docs_by_key[key]]
    roots = {groups.find(k) for k in (nearby or candidates)}
    if len(roots) == 1:
        groups.union(key, roots.pop())


def join_place_adjectives(majority, groups):
    """Join "<place adjective> <landform>" to the place: "Crimean Peninsula" -> "Crimea"."""
    places = {k for k, label in majority.items() if CONLL_CLASS.get(label) == "LOC"}
    for key in sorted(places):
        words = key.split()
        if len(words) == 2 and words[1] in EN.landforms:
            stems = {words[0][:-len(s)] for s in EN.place_adjective_suffixes if words[0].endswith(s)}
            matches = sorted(stems & places)
            if len(matches) == 1:
                groups.union(key, matches[0])


def mention_nodes(mentions, keys, people, groups):
    """The union-find node of each mention, and the nodes of surnames joined to a person. A surname-only mention
    gets a node per article, joined to the one person of that surname in the article, else to the one person of
    that surname in the dataset when the article reads it as a person, else to the plain name (so "Washington" the
    city is not taken for a George Washington)."""
    people_by_surname = defaultdict(set)
    given_names = set()
    for key, (given, surname) in people.items():
        people_by_surname[surname].add(key)
        given_names.add(given)
    people_in_doc = defaultdict(set)
    doc_labels = defaultdict(Counter)
    for mention, key in zip(mentions, keys):
        if key in people:
            people_in_doc[mention["source_id"]].add(key)
        doc_labels[(mention["source_id"], key)][mention["label"]] += 1

    nodes, surname_nodes = [], set()
    for mention, key in zip(mentions, keys):
        # A name written with "the" is not a surname: "The Hague" is not William Hague.
        if key in people or key not in people_by_surname or display_form(mention["text"]) != mention["text"]:
            nodes.append(key)
            continue
        node = ("surname", mention["source_id"], key)
        if node not in groups.parent:
            in_doc = {groups.find(k) for k in people_by_surname[key] & people_in_doc[mention["source_id"]]}
            anywhere = {groups.find(k) for k in people_by_surname[key]}
            # Across articles only when unambiguous: read as a person, one person of that surname, and not also
            # someone's given name ("Gordon" may be Gordon Brown as well as Craig Gordon).
            reads_as_person = top_label(doc_labels[node[1:]]) == "PERSON"
            unambiguous = not in_doc and len(anywhere) == 1 and reads_as_person and key not in given_names
            person = in_doc.pop() if len(in_doc) == 1 else anywhere.pop() if unambiguous else None
            groups.union(node, person or key)
            if person:
                surname_nodes.add(node)
        nodes.append(node)
    return nodes, surname_nodes


def entity_record(mentions, keys, labels):
    """One entity row from its mentions (with their key and voting label): canonical name, voted type, aliases,
    counts, first publication date."""
    known = sorted(k for k in set(keys) if k in KNOWN_ENTITIES)
    entity_type = KNOWN_ENTITIES[known[0]][1] if known else voted_type(labels, keys)
    name = KNOWN_ENTITIES[known[0]][0] if known else canonical_name(mentions, keys, entity_type)
    identity = known[0] if known else min(set(keys), key=lambda k: (-len(k.split()), k))
    dates = [m["published_at"] for m in mentions if m.get("published_at") is not None]
    return {
        "entity_id": stable_id("ent", identity),
        "name": name,
        "type": entity_type,
        "aliases": sorted({m["text"] for m in mentions}),
        "mention_count": len(mentions),
        "source_count": len({m["source_id"] for m in mentions}),
        "first_seen": min(dates) if dates else None,
    }


def voted_type(labels, keys):
    """Majority label, each mention weighted by its number of words (a full name carries more context than a
    single word that spaCy guessed)."""
    votes = Counter()
    for label, key in zip(labels, keys):
        votes[label] += len(key.split())
    return top_label(votes)


def canonical_name(mentions, keys, entity_type):
    """Most frequent written form (for a person, of the fullest name: "Steven Gerrard" over "S Gerrard" and
    "Steve Gerrard"; for a body written both as an acronym and spelled out, of the spelled-out name: "General
    Motors" over "GM"), without article or possessive."""
    forms = [display_form(m["text"]) for m in mentions]
    if entity_type == "PERSON":
        fullest = max((len(k.split()), len(k)) for k in keys)
        forms = [f for f, k in zip(forms, keys) if (len(k.split()), len(k)) == fullest]
    else:
        acronyms = {f.lower() for f in forms if is_acronym_text(f)}
        spelled_out = [f for f in forms if len(f.split()) > 1 and acronym_of(name_words(f)) in acronyms]
        forms = spelled_out or forms
    counts = Counter(forms)
    return min(counts, key=lambda f: (-counts[f], f.isupper() or f.islower(), -len(f), f))


def display_form(text):
    words = " ".join(text.split())
    if words.lower().startswith("the "):
        words = words[4:]
    return EN.pattern("possessive_suffix").sub("", words)


# --------------------------------------------------------------------------------------------------- lookup

class NameIndex:
    """Finds the entity a free-text name refers to ("Grushko", "the Kremlin", "Secretary General Jens
    Stoltenberg"); built once per dataset, so that looking up every speaker stays linear."""

    def __init__(self, entities: list[dict]):
        self.by_key = defaultdict(list)
        self.people_by_ending = defaultdict(list)  # full-name key or surname key -> person entities
        for entity in entities:
            person, group = entity["type"] == "PERSON", entity["type"] == "NORP"
            for form in {entity["name"], *entity["aliases"]}:
                self.by_key[name_key(form, person, group)].append(entity)
            if person:
                parts = person_parts(entity["name"])
                for ending in {name_key(entity["name"], person=True), parts[1] if parts else None} - {None}:
                    self.people_by_ending[ending].append(entity)
        self.keys = list(self.by_key)  # for fuzzy matching, listed once rather than per lookup

    def lookup(self, name: str) -> str | None:
        """The entity id, or None without a confident match."""
        if not name or not name.strip():
            return None
        for key in (name_key(name), name_key(name, person=True)):
            if self.by_key.get(key):
                return most_mentioned(self.by_key[key])
        return self._person_by_name_end(name) or self._fuzzy_match(name_key(name))

    def _person_by_name_end(self, name):
        """The one person whose name or surname ends the text: "US envoy Wendy Sherman", "Grushko"."""
        words = name_key(name, person=True).split()
        for start in range(len(words)):
            fitting = self.people_by_ending.get(" ".join(words[start:]))
            if fitting:
                return most_mentioned(fitting) if len({e["entity_id"] for e in fitting}) == 1 else None
        return None

    def _fuzzy_match(self, key):
        """The entity of the one close spelling of a long name (typos, unseen transliterations)."""
        if len(key) < FUZZY_NAME_MIN_LENGTH:
            return None
        found = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_MIN_SCORE)
        return most_mentioned(self.by_key[found[0]]) if found else None


def most_mentioned(entities):
    return max(entities, key=lambda e: (e["mention_count"], e["entity_id"]))["entity_id"]


