"""Reporting cues: verbs, "according to", reporting nouns and translated "so X", with their speaker and content."""

from dataclasses import dataclass

from pipeline.quotes.content import (
    CLAUSE_DEPS, OWN_COMPLEMENT_DEPS, around_as_clause, around_parenthetical, clip_content, content_range,
    has_own_complement, is_as_clause, is_parenthetical, report_before, with_appended_share,
)
from pipeline.quotes.marks import QUOTE_MARKS
from pipeline.quotes.sources import (
    can_speak, is_reporting_verb, name_after_verb, names_a_source, own_subject, subject_of,
)
from pipeline.quotes.syntax import MAX_TITLE_TOKENS, SUBJECT_DEPS, governing_verb, is_word, same_paragraph
from pipeline.quotes.words import EN

# How the parser attaches a subject written after its verb at the end of a sentence ("..., insisted Hale.").
TRAILING_SPEAKER_DEPS = frozenset({"dobj", "npadvmod", "nsubj", "attr", "appos"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# "X did Y, according to Z, ...": a clause this long before the source is the content on its own.
MIN_CLAUSE_TOKENS = 4


@dataclass
class Cue:
    """A reporting verb or phrase: its character span, the head token of its speaker phrase, and the token range
    (first, last) of the content it reports, or None when it reports no clause (as in "“...,” he said"); where the
    parse cannot be trusted to delimit the speaker phrase, the token it starts at."""
    start: int
    end: int
    speaker: object
    content: tuple | None
    speaker_first: int | None = None


def _according_to_cue(token, layout):
    """Cue for "according to X": X speaks, the clause it is attached to is the content."""
    doc = token.doc
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    governor = governing_verb(token)
    reporter = own_subject(governor, layout)
    if source is None or (is_reporting_verb(governor) and any(c.dep_ == "ccomp" for c in governor.children)
                          and reporter is not None and can_speak(reporter, governor.lemma_.lower())):
        # "..., Peskov said, according to TASS": the report is the verb's, not the agency's; but in "according to
        # the minister, the ruling confirms that ..." the ruling reports nothing
        return None
    skip_first, skip_last = token.left_edge.i, max(token.right_edge.i, to.right_edge.i)
    subjects = [c for c in governor.children if c.dep_ in SUBJECT_DEPS | {"expl"}]
    first = subjects[0].left_edge.i if subjects else governor.left_edge.i
    last = governor.right_edge.i
    if skip_first <= first <= skip_last:
        first = skip_last + 1
    before = doc[first:skip_first]
    if skip_first > first and (skip_last >= last - 1 or (
            len(before) >= MIN_CLAUSE_TOKENS and any(t.pos_ in ("VERB", "AUX") for t in before))):
        last = skip_first - 1  # "X did Y, according to Z, who ...": the source's own clause is not content
    first, last = same_paragraph(doc, layout, first, last, token.i)
    if first > last:
        return None
    return Cue(token.idx, to.idx + len(to), source, (first, last))


def _verb_cues(verb, layout):
    """Cues for a reporting verb ("said", "pointed out", "made it clear") with a subject that can speak: none, one,
    or one per side of the clause the verb is inserted into."""
    lemma = verb.lemma_.lower()
    is_light_verb = lemma == EN.word("light_verb")
    if not (is_light_verb or lemma in EN.reporting_verbs or lemma in EN.characterisation_verbs
            or lemma in EN.bare_cue_verbs):
        return []  # most verbs: decided without looking at their children
    light_adjective = next((c for c in verb.children if c.lemma_.lower() in EN.light_verb_cue_adjectives
                            and c.dep_ in ("acomp", "oprd", "ccomp", "advmod")), None) if is_light_verb else None
    is_characterisation = lemma in EN.characterisation_verbs and lemma not in EN.reporting_verbs
    if lemma in EN.bare_cue_verbs:
        return _bare_cue(verb, layout)
    if lemma not in EN.reporting_verbs and not is_characterisation and light_adjective is None:
        return []
    if any(c.dep_ == "auxpass" and layout.quote_at(c.idx) is None for c in verb.children):
        return []  # "differences were noted": nobody is reported as speaking (a quote's own verb is no passive)
    if any(c.dep_ == "neg" and layout.quote_at(c.idx) is None for c in verb.children):
        return []  # "the agency did not estimate how many ...": what was not said is no statement
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []  # "Asked about the plant, Lindqvist said ...": she was asked; she speaks in the main clause
    trailing = _trailing_attribution(verb, layout)
    if trailing is not None:
        return [Cue(verb.idx, verb.idx + len(verb), *trailing)]
    speaker = subject_of(verb, layout) or name_after_verb(verb, layout)
    if speaker is None or not can_speak(speaker, lemma):
        return []
    end_token = verb
    particle = next((c for c in verb.rights if c.dep_ == "prt" and c.i == verb.i + 1), None)
    if particle is not None:
        end_token = particle
    content = content_range(verb)
    if is_light_verb:
        end_token = light_adjective
        # "made it clear that ...", or without "that" a clause with its own subject ("made it clear he is ...")
        clauses = [c for c in list(light_adjective.children) + list(verb.children) if c.i > light_adjective.i
                   and (c.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == EN.word("complementiser") for m in c.children)
                        or (c.dep_ == "advcl" and any(m.dep_ in SUBJECT_DEPS and m.left_edge == c.left_edge
                                                          for m in c.children)))]
        content = (clauses[0].left_edge.i, clauses[0].right_edge.i) if clauses else None
    if content is not None:
        content = clip_content(verb.doc, *with_appended_share(verb, content), verb.i, end_token.i, layout)
        opener = verb.doc[content[0]] if content is not None else None
        if (lemma in EN.question_verbs and opener is not None and opener.lower_ in EN.question_openers
                and layout.quote_at(opener.idx) is None):
            return []  # "asked whether he would resign": a question put to someone
    elif is_characterisation:
        return []  # "slammed the decision" reports no words; "slammed the decision as a disgrace" does
    cue_start, cue_end = verb.idx, end_token.idx + len(end_token)
    if content is None and is_as_clause(verb, layout):
        content = clip_content(verb.doc, *around_as_clause(verb), verb.i, end_token.i, layout)
    if content is None and is_parenthetical(verb, layout):
        return [Cue(cue_start, cue_end, speaker, part) for part in around_parenthetical(verb, layout)]
    return [Cue(cue_start, cue_end, speaker, content)]


def _trailing_attribution(verb, layout):
    """(speaker, content range) of an attribution ending a sentence with its subject after the verb and no quotation
    marks, as translations from German or French write reported speech ("The offer is fair, insisted Hale.", "Three
    children are in hospital, has specified the agency in a statement."): the words before the comma are reported.
    None when the sentence is not built so."""
    doc = verb.doc
    before = verb.i - 1
    while before >= 0 and doc[before].dep_ in ("aux", "advmod") and doc[before].head == verb:
        before -= 1
    sentence = verb.sent
    if before <= sentence.start or doc[before].text != "," or layout.quote_at(doc[before].idx) is not None:
        return None
    if any(c.dep_ in SUBJECT_DEPS and c.i < verb.i and names_a_source(c) for c in verb.children):
        return None  # "Russia, which denies any role, rejected the claims": the subject comes first
    if verb.tag_ not in FINITE_VERB_TAGS and not any(c.dep_ == "aux" for c in verb.lefts):
        return None  # "..., dismissing predictions of a victory": a participle, not an inverted attribution
    speaker = next((c for c in verb.rights if c.dep_ in TRAILING_SPEAKER_DEPS), None)
    last_word = max(t.i for t in verb.subtree if is_word(t))
    if (speaker is None or not names_a_source(speaker) or any(is_word(t) for t in doc[last_word + 1:sentence.end])
            or any(c != speaker and is_word(c) and c.dep_ not in ("prep", "advmod") for c in verb.rights)):
        return None
    content = report_before(doc, sentence.start, before - 1, verb.i, verb.right_edge.i, layout)
    return (speaker, content) if content is not None else None


def _bare_cue(verb, layout):
    """A cue without content for a verb that attributes only when bare, next to a quote: after it ("“...,” the
    statement read") or opened by a colon right after the verb ("The statement read: “...”")."""
    speaker = subject_of(verb, layout)
    doc = verb.doc

    def is_quote(token):
        return layout.quote_at(token.idx) is not None or token.text in QUOTE_MARKS

    introduces_quote = (verb.i + 2 < len(doc) and doc[verb.i + 1].text == ":" and is_quote(doc[verb.i + 2]))
    next_to_quote = introduces_quote or any(is_quote(token) for token in doc[max(0, verb.i - 3):verb.i])
    if (speaker is None or not can_speak(speaker, EN.word("speech_verb")) or not next_to_quote
            or has_own_complement(verb, layout, OWN_COMPLEMENT_DEPS | {"prep", "advcl", "acomp"})):
        return []
    return [Cue(verb.idx, verb.idx + len(verb), speaker, None)]


def find_cues(doc, layout):
    """Every reporting cue outside quoted passages and headlines (a report nested in a quote stays part of it)."""
    cues = []
    according, to, so = EN.word("according"), EN.word("according_preposition"), EN.word("consequence_cue")
    tokens = list(doc)
    for token, following in zip(tokens, tokens[1:] + [None]):
        lower, pos = token.lower_, token.pos_
        if lower == according and following is not None and following.lower_ == to:
            one_cue = _according_to_cue
        elif lower == so:
            one_cue = _so_cue
        elif pos == "NOUN" and token.lemma_.lower() in EN.reporting_nouns:
            one_cue = _noun_cue
        elif pos in ("VERB", "AUX"):
            one_cue = None  # a verb may give a cue per side of an inserted attribution
        else:
            continue  # most words: no position lookups
        if layout.quote_at(token.idx) is not None or layout.is_heading(token.idx):
            continue
        if one_cue is None:
            cues.extend(_verb_cues(token, layout))
        elif (cue := one_cue(token, layout)) is not None:
            cues.append(cue)
    return cues


def _so_cue(token, layout):
    """"…, so Cassidy.": how machine translation from German renders "so" + name ("says Cassidy") at the end of a
    report, quoted or not."""
    doc, sentence = token.doc, token.sent
    if token.i < 2 or doc[token.i - 1].text != ",":
        return None
    words = [t for t in doc[token.i + 1:sentence.end] if is_word(t)]
    while words and words[-1].pos_ == "ADV":  # "so Vos further"
        words.pop()
    names = [t for t in words if t.pos_ == "PROPN"]
    if not words or len(words) > MAX_TITLE_TOKENS or words[-1].pos_ not in ("PROPN", "NOUN") or not (
            names or (words[0].lower_ == EN.word("definite_article") and names_a_source(words[-1]))):
        return None
    speaker, speaker_first = words[-1], words[0].i
    if layout.quote_at(doc[token.i - 2].idx) is not None or doc[token.i - 2].text in QUOTE_MARKS:
        return Cue(token.idx, token.idx + len(token), speaker, None, speaker_first)  # the quotation's attribution
    content = report_before(doc, sentence.start, token.i - 2, token.i, speaker.i, layout)
    return Cue(token.idx, token.idx + len(token), speaker, content, speaker_first) if content is not None else None


def _noun_cue(noun, layout):
    """"Trump's announcement that ...", "her insistence that ...": the possessive speaks, the that-clause is the
    content."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.rights if c.dep_ in CLAUSE_DEPS and c.left_edge.i == noun.i + 1
                   and c.left_edge.lower_ == EN.word("complementiser") and c.left_edge.dep_ == "mark"), None)
    if owner is None or clause is None or not (can_speak(owner, EN.word("speech_verb")) or owner.lower_ in EN.pronoun_genders
                                                 or owner.lower_ in EN.plural_possessives):
        return None
    content = clip_content(noun.doc, clause.left_edge.i, clause.right_edge.i, noun.i, noun.i, layout)
    return Cue(noun.idx, noun.idx + len(noun), owner, content) if content is not None else None
