"""Who can be a source, and who speaks for a reporting verb: its subject, a statement's issuer, a report's author."""

from pipeline.lang import fold
from pipeline.quotes.syntax import MAX_NAME_TAIL_TOKENS, SUBJECT_DEPS, governing_verb, in_same_paragraph
from pipeline.quotes.words import EN, ORGANISATION_NOUNS, PERSON_NOUNS, SOURCE_NOUNS

NUMERIC_ENTITY_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "TIME"})
# "X said on Monday in a brief written statement": the verb whose subject issued a statement is this close to it.
MAX_ISSUER_VERB_DISTANCE = 11


def can_speak(token, verb_lemma):
    """Whether a subject can be a source: a name, a pronoun, or a noun for a person's role or an institution; for a
    verb that only reports speech, any noun ("his son said", "the 30-year-old added", "the report stated")."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lower = token.lower_
    if lower in EN.relative_pronouns:
        return token.head.dep_ == "relcl"  # "who said"; a demonstrative "That says ..." is no source
    if lower in EN.person_pronouns or lower in EN.group_pronouns:
        return True
    if token.lemma_.lower() in SOURCE_NOUNS:
        return True
    if token.pos_ == "ADJ":  # an adjective as subject stands for a person: "the 30-year-old", "the accused"
        return True
    if any(c.dep_ == "poss" and (c.ent_type_ == "PERSON" or c.lower_ in EN.pronoun_genders) for c in token.children):
        return True  # someone's agent, lawyer or wife: a person
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children):
        return True  # "headteacher Sandra Okoye", whatever the tagger made of "headteacher"
    return (verb_lemma not in EN.inference_verbs and token.pos_ == "NOUN"
            and token.ent_type_ not in NUMERIC_ENTITY_LABELS)


def is_reporting_verb(token):
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in EN.reporting_verbs


def own_subject(verb, layout):
    """The verb's subject, also when the parser hung it on the verb's auxiliary ("The minister, X, has for his part
    announced"); a subject inside a quote or in another paragraph is a parse error, not the speaker."""
    holders = [verb] + [c for c in verb.lefts if c.dep_ == "aux"]
    return next((c for holder in holders for c in holder.children if c.dep_ in SUBJECT_DEPS
                 and layout.quote_at(c.idx) is None and in_same_paragraph(layout, c, verb)), None)


def subject_of(verb, layout):
    """The verb's subject, shared with the verbs it is coordinated with ("he replied, insisting ...", "the allies
    confirmed X, stressed that ... and said that ..."), whichever way the parser attached them."""
    subject = own_subject(verb, layout)
    if subject is not None:
        return subject
    for sibling in verb.lefts:
        if sibling.dep_ in ("conj", "advcl") and is_reporting_verb(sibling):
            subject = own_subject(sibling, layout)
            if subject is not None:
                return subject
    if verb.dep_ == "pcomp" and verb.head.lower_ == EN.word("comparison_mark") and verb.head.head.lemma_.lower() == EN.word("quote_verb"):
        # "X quoted Y as saying", "Y is quoted as saying": Y speaks
        quoted = next((c for c in verb.head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return quoted if quoted is not None and in_same_paragraph(layout, quoted, verb) else None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in EN.report_medium_nouns:
        return issuer_of(verb.head, layout)
    if verb.dep_ not in ("conj", "advcl", "xcomp"):
        return None
    governor = verb.head
    if verb.dep_ == "conj":  # coordinated with a clause inside another report: the reporting ancestor speaks
        governor = next((a for a in verb.ancestors if is_reporting_verb(a)), verb.head)
    if not in_same_paragraph(layout, governor, verb):
        return None
    return subject_of(governor, layout)


def issuer_of(medium, layout):
    """Who issued a statement, letter or tweet: its possessive ("his statement saying"), else the subject of the
    verb it hangs on ("the club issued a statement saying", "X said in a statement"), if that verb is close."""
    owner = next((c for c in medium.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = governing_verb(medium)
    if verb.pos_ in ("VERB", "AUX") and medium.i - verb.i <= MAX_ISSUER_VERB_DISTANCE:
        return subject_of(verb, layout)
    return None


def author_of(research):
    """The named author of a report, survey or study: a name before it ("a World Bank report", "the ONS's figures")
    or after "by" or "from" ("a survey published by PwC", "figures from the Bank of England")."""
    children = sorted(research.children, key=lambda c: c.dep_ != "poss")  # "Oxfam's Paying the Price report"
    for child in children:
        if (child.dep_ == "poss" and child.ent_type_ in ("ORG", "PERSON")) or (
                child.dep_ == "compound" and child.ent_type_ == "ORG"):  # not "the Paying the Price report"
            return child
        if child.dep_ == "acl":  # "a survey published on Monday by PwC"
            child = next((c for c in child.children if c.dep_ == "agent"), None)
        elif child.dep_ != "prep" or child.lower_ not in EN.author_prepositions:
            continue
        author = next((c for c in child.children if c.dep_ == "pobj"), None) if child is not None else None
        # a place is where reports come from, not who wrote them ("reports from Russia")
        if author is not None and (author.ent_type_ in ("ORG", "PERSON") or (author.pos_ == "PROPN"
                                                                            and not author.ent_type_)):
            return author
    return None


def name_after_verb(verb, layout):
    """The first name after the verb in its sentence, for inverted attributions the parser missed
    ("“...” stated at the outset NATO chief Jens Stoltenberg")."""
    doc = verb.doc
    for token in doc[verb.i + 1:verb.i + 1 + MAX_NAME_TAIL_TOKENS]:
        if token.text in ".!?" or "\n" in token.text or layout.quote_at(token.idx) is not None:
            break
        if token.ent_type_ == "PERSON":
            return next(e for e in layout.ents if e.start <= token.i < e.end).root
    return None


def names_a_source(token):
    """A name, a pronoun, a noun for a person's role or an institution, or a statement: "Hale", "the agency", "the
    final declaration", not "the claims"."""
    return (token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or fold(token.lemma_) in PERSON_NOUNS | ORGANISATION_NOUNS | EN.member_nouns | EN.body_nouns
            | EN.report_medium_nouns)
