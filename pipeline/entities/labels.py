"""Entity labels the article itself contradicts, corrected: people named like bodies, companies named like people,
a person's surname tagged as a place or a body."""

import re

from spacy.tokens import Span

from pipeline.entities.names import EN

# Labels spaCy sm gives people's names it does not know ("Marta Quiroga" as ORG), and the pronouns that show a
# person, within this many tokens of the name's sentence.
MISREAD_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC"})
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MAX_PRONOUN_DISTANCE_TOKENS = 40


def corrected_labels(doc, text=None):
    """`doc` with the entity labels the article itself contradicts corrected: people named like bodies, companies
    named like people, a person's surname tagged as a place or a body."""
    text = text or doc.text  # spaCy builds doc.text anew at every access: once per article here
    return relabel_surnames(relabel_companies(relabel_people(doc), text), text)


def relabel_companies(doc, text=None):
    """`doc` with each name tagged PERSON that the article itself shows to be a company relabelled ORG, wherever it
    is tagged.

    Brand names read like people's names ("Krispy Kreme said"); the words around them tell: a person has no shares,
    profits or stores ("shares in Krispy Kreme", "Krispy Kreme's profits"). Any one such occurrence of the name, tagged
    or not, settles it for the whole article; so does a business word ending the name ("Dick Clark Productions")."""
    person_names = {e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text) > 1}
    companies = {name for name in person_names if _has_company_name_ending(name) or _is_named_company(doc, name, text)}
    return _relabelled(doc, "ORG", lambda e: e.text in companies)


def relabel_people(doc):
    """`doc` with each name spaCy gave another label relabelled PERSON when the article goes on about it as "he" or
    "she": a two- or three-word name, the subject of its sentence, followed in a later sentence by a gendered pronoun
    acting as a subject, with nobody else named from the sentence before the name to the pronoun ("Marta Quiroga
    said ... Wage growth was strong, she said")."""
    people = {e.text for e in doc.ents if e.label_ in MISREAD_PERSON_LABELS and _is_referred_to_as_a_person(e)}
    return _relabelled(doc, "PERSON", lambda e: e.text in people)


def relabel_surnames(doc, text=None):
    """`doc` with the names the article shows to be a person's relabelled PERSON where spaCy gave another label: a
    lone surname of someone named in full ("Tomás Ferreira ... Ferreira, the captain", where "Ferreira" was GPE), and
    a full name whose surname the article writes with an honorific ("Her lawyer, Marcus Feld" as ORG, then "Mr Feld").
    A surname used as a place ("Paris Hilton ... in Paris") keeps its label, and so does a company named after its
    founder ("Bill Ford ... Ford's auto unit")."""
    full_name_surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
    tokens = list(doc)
    honoured_surnames = {after.text for before, after in zip(tokens, tokens[1:])
                         if before.lower_.rstrip(".") in EN.personal_honorifics}
    return _relabelled(doc, "PERSON", lambda e: (
        e.label_ in MISREAD_PERSON_LABELS and _is_capitalised_name(e) and not _is_place_object(e)
        and ((len(e) == 1 and e.text in full_name_surnames and not _is_named_company(doc, e.text, text))
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


def _is_named_company(doc, name, text=None):
    """Whether any occurrence of the name, tagged or not, is shown to be a company's (`text`: doc.text)."""
    return any(_has_company_context(span) for span in _occurrences(doc, name, text or doc.text))


def _occurrences(doc, name, text):
    for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
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
