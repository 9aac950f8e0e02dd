"""Attributed statement extraction: who said what in one article.

`extract_statements(doc)` finds direct quotes, reported speech ("X said that ...") and mixed forms, with their cue
(reporting verb or "according to"), the speaker as written, and the speaker resolved to the fullest named mention
in the article. Three steps:

1. Pair quotation marks by position and context rather than by glyph, because machine translation reverses,
   drops and doubles them (`pair_quote_marks`).
2. Read cues from the dependency parse: a reporting verb's subject is the speaker and its clausal complement the
   content; quotes inside that content make it direct or mixed. Quotes left over are attributed to a cue in
   their own sentence, to a name right after them, or, when they read as a continuation, to the previous speaker.
3. Resolve speakers with the article's own context: names to their fullest form, pronouns to the last person or
   group that spoke or acted as subject, descriptions ("the Norwegian politician") through the titles seen next to
   names, institution nouns ("the allies") to the organisation the article is about, capitals to their country.
"""

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from pipeline.lang import fold, language_pack

EN = language_pack("en")
# People by role or occupation ("the striker"), and organisations by kind ("the carmaker", "the newspaper").
PERSON_NOUNS = EN.person_role_nouns | EN.occupation_nouns
ORGANISATION_NOUNS = EN.organisation_nouns | EN.business_nouns | EN.observer_nouns
# Nouns for whoever can be a source: a person, an organisation, its members, a public body.
SOURCE_NOUNS = PERSON_NOUNS | ORGANISATION_NOUNS | EN.member_nouns | EN.body_nouns

QUOTE_MARKS = frozenset('"“”„‟«»')
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# How the parser attaches a subject written after its verb at the end of a sentence ("..., insisted Hale.").
TRAILING_SPEAKER_DEPS = frozenset({"dobj", "npadvmod", "nsubj", "attr", "appos"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Dependents that carry reported content when the verb has no clausal complement.
OBJECT_CONTENT_DEPS = frozenset({"dobj", "xcomp", "dative", "prep", "oprd"})
CLAUSE_CUT_DEPS = frozenset({"relcl", "acl"})
CLAUSE_DEPS = frozenset({"ccomp", "relcl", "acl", "advcl"})
OWN_COMPLEMENT_DEPS = frozenset({"dobj", "dative", "xcomp", "ccomp", "attr", "oprd"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Dependencies that keep a word inside the name of the noun it hangs on ("Mr Jackson", "the singer, Jackson").
NAME_DEPS = frozenset({"compound", "appos", "flat", "nmod"})
# Parts of speech a capitalised word in a name cannot have ("Describing Mr Jackson" starts with a verb).
NON_NAME_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "ADV"})
NUMERIC_ENTITY_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "TIME"})
# Words a quote passage needs to count as a statement rather than a term in scare quotes.
MIN_ATTRIBUTED_QUOTE_WORDS = 3
MIN_CONTINUATION_QUOTE_WORDS = 5
# Fragments this short inside a reported clause are scare quotes ("open door"), not quoted speech.
MIN_FRAGMENT_WORDS = 3
MAX_NAME_TAIL_TOKENS = 15
# Words of a title written before a name ("Deputy Foreign Minister", "Wikileaks co-founder").
MAX_TITLE_TOKENS = 5
# "X did Y, according to Z, ...": a clause this long before the source is the content on its own.
MIN_CLAUSE_TOKENS = 4
MIN_CONTENT_WORDS = 3
# "X said on Monday in a brief written statement": the verb whose subject issued a statement is this close to it.
MAX_ISSUER_VERB_DISTANCE = 11
# Surnames this long that differ by one letter are one person's name misspelt ("Hassell", "Hassall").
MIN_VARIANT_SURNAME = 5
# Given names are compared by their first letters, so transliterations agree ("Alexandr", "Alexander").
GIVEN_NAME_PREFIX = 4
WORD_RE = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?…][\"”“»]?(?=\s|$)|\n")


# ----------------------------------------------------------------------------------------------- quotation marks
def _mark_openness(text, index):
    """Positive when the mark at `index` looks like an opening mark from its neighbours, negative for closing."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens = (before.isspace() or before in "([{—–-") + after.isalnum()
    closes = (before.isalnum() or before in ".,!?;:…)") + (after.isspace() or after in ".,;:!?)…")
    return opens - closes


def _pairing_score(text, marks):
    return sum(_mark_openness(text, o) - _mark_openness(text, c) for o, c in zip(marks[::2], marks[1::2]))


def _drop_stray_mark(text, marks):
    """For an odd number of marks, drop the one whose removal leaves the most plausible open/close pairing."""
    def score(i):
        rest = marks[:i] + marks[i + 1:]
        return _pairing_score(text, rest), -abs(_mark_openness(text, marks[i]))
    stray = max(range(len(marks)), key=score)
    return marks[:stray] + marks[stray + 1:]


def _reopens(text, index):
    """A mark opening a new sentence ('... to grasp. "Yet ...') while a quote is open: the paragraph-continuation
    convention with the paragraph break lost, so the open quote ends at that sentence end."""
    return (index > 0 and text[index - 1].isspace() and text[index + 1:index + 2].isalnum()
            and text[max(0, index - 20):index].rstrip()[-1:] in ".!?")


def _pair_segment(text, marks, implicit_close=None):
    """Pairs in alternation; an odd mark out closes at `implicit_close` if given, else is dropped as stray."""
    if len(marks) % 2:
        if implicit_close is None:
            marks = _drop_stray_mark(text, marks)
        else:
            marks = marks + [implicit_close]
    return list(zip(marks[::2], marks[1::2]))


def pair_quote_marks(text):
    """(open mark index, close mark index) of every quoted passage, in order; an implicit close is the index of
    the whitespace before the next opening mark.

    Marks are paired in alternation within a paragraph whatever their glyph, since reversed marks are common in
    machine translation. A paragraph left open whose next paragraph starts with a mark continues the quote (the
    usual convention for multi-paragraph quotes); a mark reopening a quote at a new sentence implicitly closes
    the open one; any other odd mark out is dropped as stray.
    """
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    pairs = []
    pending_open = None
    for number, (start, end) in enumerate(paragraphs):
        marks = [i for i in range(start, end) if text[i] in QUOTE_MARKS]
        first_char = start + len(text[start:end]) - len(text[start:end].lstrip())
        if pending_open is not None and marks and marks[0] == first_char:
            marks = [pending_open] + marks[1:]
        pending_open = None
        segments = [[]]
        for mark in marks:
            if len(segments[-1]) % 2 and _reopens(text, mark):
                segments.append([])
            segments[-1].append(mark)
        for segment, following in zip(segments, segments[1:]):
            pairs.extend(_pair_segment(text, segment, implicit_close=following[0] - 1))
        last = segments[-1]
        next_paragraph = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        next_opens_with_mark = (next_paragraph is not None
                                and text[next_paragraph[0]:next_paragraph[1]].lstrip()[:1] in QUOTE_MARKS)
        if len(last) % 2 and next_opens_with_mark and _mark_openness(text, last[-1]) > 0:
            pending_open = last.pop()
        pairs.extend(_pair_segment(text, last))
    return pairs


class ArticleLayout:
    """The article's text with its paragraphs and quoted passages, for fast position lookups (spaCy rebuilds
    `doc.text` on every access)."""

    def __init__(self, text):
        self.text = text
        self.pairs = pair_quote_marks(text)
        self.quote_starts = [o for o, _ in self.pairs]
        self.paragraph_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def quote_at(self, offset):
        """Index of the quoted passage (marks included) holding `offset`, or None."""
        i = bisect_right(self.quote_starts, offset) - 1
        if i >= 0 and offset <= self.pairs[i][1]:
            return i
        return None

    def quotes_overlapping(self, start, end):
        return [i for i, (o, c) in enumerate(self.pairs) if o < end and c >= start]

    def paragraph(self, offset):
        """(start, end) of the line holding `offset`; the parser sometimes runs a headline into the next one."""
        i = bisect_right(self.paragraph_starts, offset) - 1
        start = self.paragraph_starts[i]
        end = self.paragraph_starts[i + 1] - 1 if i + 1 < len(self.paragraph_starts) else len(self.text)
        return start, end


# --------------------------------------------------------------------------------------------------- helpers
def _trim(text, start, end, chars=" \t\n"):
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _inner_span(text, pair):
    return _trim(text, pair[0] + 1, pair[1])


def _word_count(text):
    return len(WORD_RE.findall(text))


def _token_range_chars(doc, first, last):
    return doc[first].idx, doc[last].idx + len(doc[last])


def _same_paragraph(doc, layout, first, last, anchor):
    """Token range (first, last) clipped to the paragraph of token `anchor`."""
    start, end = layout.paragraph(doc[anchor].idx)
    while first < anchor and doc[first].idx < start:
        first += 1
    while last > anchor and doc[last].idx >= end:
        last -= 1
    return first, last


def _noun_phrase_range(token, layout):
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
    first, last = _same_paragraph(token.doc, layout, token.left_edge.i, last, token.i)
    while last > first and (token.doc[last].is_punct or token.doc[last].is_space or token.doc[last].dep_ == "case"):
        last -= 1  # a possessive speaker ("Trump's announcement") is named without its "'s"
    while first < last and (token.doc[first].is_punct or token.doc[first].is_space):
        first += 1
    return first, last


# ------------------------------------------------------------------------------------------------------ cues
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


def _is_heading(layout, offset):
    """Headlines and section titles have no sentence punctuation; their verbs report nothing. The last line is
    body text even without a final period (a truncated article)."""
    start, end = layout.paragraph(offset)
    is_last_line = not layout.text[end:].strip()
    return not is_last_line and SENTENCE_END.search(layout.text[start:end].rstrip() + " ") is None


def _can_speak(token, verb_lemma):
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


def _in_same_paragraph(layout, token, other):
    return layout.paragraph(token.idx) == layout.paragraph(other.idx)


def _is_reporting_verb(token):
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in EN.reporting_verbs


def _own_subject(verb, layout):
    """The verb's subject, also when the parser hung it on the verb's auxiliary ("The minister, X, has for his part
    announced"); a subject inside a quote or in another paragraph is a parse error, not the speaker."""
    holders = [verb] + [c for c in verb.lefts if c.dep_ == "aux"]
    return next((c for holder in holders for c in holder.children if c.dep_ in SUBJECT_DEPS
                 and layout.quote_at(c.idx) is None and _in_same_paragraph(layout, c, verb)), None)


def _subject_of(verb, layout):
    """The verb's subject, shared with the verbs it is coordinated with ("he replied, insisting ...", "the allies
    confirmed X, stressed that ... and said that ..."), whichever way the parser attached them."""
    subject = _own_subject(verb, layout)
    if subject is not None:
        return subject
    for sibling in verb.lefts:
        if sibling.dep_ in ("conj", "advcl") and _is_reporting_verb(sibling):
            subject = _own_subject(sibling, layout)
            if subject is not None:
                return subject
    if verb.dep_ == "pcomp" and verb.head.lower_ == EN.word("comparison_mark") and verb.head.head.lemma_.lower() == EN.word("quote_verb"):
        # "X quoted Y as saying", "Y is quoted as saying": Y speaks
        quoted = next((c for c in verb.head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return quoted if quoted is not None and _in_same_paragraph(layout, quoted, verb) else None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in EN.report_medium_nouns:
        return _issuer_of(verb.head, layout)
    if verb.dep_ not in ("conj", "advcl", "xcomp"):
        return None
    governor = verb.head
    if verb.dep_ == "conj":  # coordinated with a clause inside another report: the reporting ancestor speaks
        governor = next((a for a in verb.ancestors if _is_reporting_verb(a)), verb.head)
    if not _in_same_paragraph(layout, governor, verb):
        return None
    return _subject_of(governor, layout)


def _issuer_of(medium, layout):
    """Who issued a statement, letter or tweet: its possessive ("his statement saying"), else the subject of the
    verb it hangs on ("the club issued a statement saying", "X said in a statement"), if that verb is close."""
    owner = next((c for c in medium.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    verb = _governor(medium)
    if verb.pos_ in ("VERB", "AUX") and medium.i - verb.i <= MAX_ISSUER_VERB_DISTANCE:
        return _subject_of(verb, layout)
    return None


def _author_of(research):
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


def _name_after_verb(verb, layout):
    """The first name after the verb in its sentence, for inverted attributions the parser missed
    ("“...” stated at the outset NATO chief Jens Stoltenberg")."""
    doc = verb.doc
    for token in doc[verb.i + 1:verb.i + 1 + MAX_NAME_TAIL_TOKENS]:
        if token.text in ".!?" or "\n" in token.text or layout.quote_at(token.idx) is not None:
            break
        if token.ent_type_ == "PERSON":
            return next(e for e in doc.ents if e.start <= token.i < e.end).root
    return None


def _clip_content(doc, first, last, cue_first, cue_last, layout):
    """Content limited to the cue's paragraph and to one side of the cue; content before the cue starts after a
    colon ("X had dampened hopes: <content>, he said")."""
    first, last = _same_paragraph(doc, layout, first, last, cue_first)
    if first <= cue_last <= last and last > cue_last:
        first = cue_last + 1
    elif last < cue_first:
        colons = [t.i for t in doc[first:last + 1] if t.text == ":" and layout.quote_at(t.idx) is None]
        if colons:
            first = colons[-1] + 1
    for token in doc[first + 1:last + 1]:
        # "... are made about X, but he recognized that ...", "stressed that X and said that ...", "X, while Y told
        # the call that ...": a coordinated or subordinate report is a statement of its own, and ends ours.
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        subordinate = (token.dep_ == "advcl" and subject is not None and _can_speak(subject, token.lemma_.lower())
                       and any(c.dep_ == "mark" and c.lower_ in EN.contrasting_marks for c in token.children))
        if (token.dep_ == "conj" or subordinate) and _is_reporting_verb(token):
            clause_start = token.left_edge.i if subordinate else token.i
            last = min(clause_start, subject.left_edge.i if subject is not None else token.i) - 1
            while last > first and (doc[last].is_punct or doc[last].dep_ == "cc"):
                last -= 1
            break
    return (first, last) if first <= last else None


def _content_range(verb):
    """(first, last) token of what the verb reports: its clausal complement, or for verbs like "urge"/"deny" the
    objects and complements after it."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        # "X, there was no breakthrough: Y said that ...": the clauses after the verb are what Y said, all of them
        # when translation strings them together without a conjunction.
        chosen = [c for c in clauses if c.i > verb.i] or clauses
        return min(c.left_edge.i for c in chosen), max(c.right_edge.i for c in chosen)
    stranded = _stranded_that_clause(verb)
    if stranded is not None:
        return stranded.left_edge.i, stranded.right_edge.i
    lemma = verb.lemma_.lower()
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if obj is not None and lemma in EN.clause_only_verbs:
        clause_verb = next((c for c in obj.rights if c.dep_ in CLAUSE_CUT_DEPS and c.pos_ == "VERB"
                            and not any(w.lower_ in EN.relative_words for w in c.children)), None)
        if clause_verb is not None:
            return obj.left_edge.i, clause_verb.right_edge.i
        if any(c.dep_ in SUBJECT_DEPS for c in obj.lefts) and any(c.dep_ == "aux" for c in obj.lefts):
            return obj.left_edge.i, obj.right_edge.i  # "said his side had “lost concentration”": a clause
    if obj is not None and lemma in EN.characterisation_verbs:
        as_phrase = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == EN.word("comparison_mark") and c.i > obj.i), None)
        if as_phrase is not None:
            return obj.left_edge.i, as_phrase.right_edge.i
    if obj is not None and lemma in EN.preposition_only_content_verbs:
        # "called his death “a crisis of public trust”": a name given in the speaker's quoted words
        predicate = next((c for c in verb.rights if c.dep_ in ("oprd", "xcomp", "attr") and c.i > obj.i), None)
        doc = verb.doc
        if predicate is not None and any(t.text in QUOTE_MARKS for t in doc[obj.i:predicate.right_edge.i + 2]):
            return obj.left_edge.i, predicate.right_edge.i
    if obj is not None and lemma in EN.addressee_verbs:
        # "told England to stop whingeing": what the addressee is told to do
        instruction = next((c for c in verb.rights if c.dep_ == "xcomp" and c.i > obj.i
                            and any(m.dep_ == "aux" and m.lower_ == EN.word("infinitive_marker") for m in c.children)), None)
        if instruction is not None:
            return instruction.left_edge.i, instruction.right_edge.i
    if lemma not in EN.object_content_verbs and lemma not in EN.preposition_only_content_verbs:
        return None
    first = next((c for c in verb.rights if _introduces_content(c)), None)
    if first is None or (lemma in EN.preposition_only_content_verbs and first.dep_ not in ("prep", "advcl")):
        return None
    # "confirmed X, stressed that ...": the next coordinated verb's content is its own.
    next_verb = next((c for c in verb.rights if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    last = next_verb.left_edge.i - 1 if next_verb is not None else verb.right_edge.i
    return first.left_edge.i, last


def _stranded_that_clause(verb):
    """A that-clause the parser hung on a word after the verb instead of on the verb: "told The Hill in a statement
    that ...", "told teachers who covered the lawn that ...". Only words that cannot take such a clause themselves
    may stand between: the addressee, a setting, or a relative clause whose verb already has its object."""
    for token in verb.subtree:
        if token.i <= verb.i or token.dep_ not in CLAUSE_DEPS:
            continue
        if not any(m.dep_ == "mark" and m.lower_ == EN.word("complementiser") for m in token.children):
            continue
        node = token.head
        while node != verb:
            if node.pos_ in ("NOUN", "PROPN", "PRON"):
                allowed = node.dep_ in ("pobj", "dobj", "dative", "npadvmod") and (
                    node.lemma_.lower() not in EN.content_nouns)
            elif node.pos_ == "ADP":
                allowed = node.dep_ == "prep"
            elif node.pos_ == "VERB":
                allowed = (node.dep_ == "relcl" and not _is_reporting_verb(node)
                           and any(c.dep_ == "dobj" for c in node.children))
            else:
                allowed = False
            if not allowed:
                return None
            node = node.head
        return token
    return None


def _introduces_content(child):
    """Whether a dependent of a reporting verb starts its content ("urged Russia to ...", "called on X to ...")."""
    if child.dep_ == "prep":
        prepositions = EN.content_prepositions
        if child.head.lemma_.lower() in EN.preposition_only_content_verbs:
            prepositions = prepositions | EN.call_prepositions
        return child.lower_ in prepositions
    if child.dep_ == "advcl":  # "called for allies to step up ..."
        return any(m.dep_ == "mark" and m.lower_ == EN.word("purpose_mark") for m in child.children)
    return child.dep_ in OBJECT_CONTENT_DEPS


def _according_to_cue(token, layout):
    """Cue for "according to X": X speaks, the clause it is attached to is the content."""
    doc = token.doc
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    governor = _governor(token)
    reporter = _own_subject(governor, layout)
    if source is None or (_is_reporting_verb(governor) and any(c.dep_ == "ccomp" for c in governor.children)
                          and reporter is not None and _can_speak(reporter, governor.lemma_.lower())):
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
    first, last = _same_paragraph(doc, layout, first, last, token.i)
    if first > last:
        return None
    return Cue(token.idx, to.idx + len(to), source, (first, last))


def _verb_cues(verb, layout):
    """Cues for a reporting verb ("said", "pointed out", "made it clear") with a subject that can speak: none, one,
    or one per side of the clause the verb is inserted into."""
    lemma = verb.lemma_.lower()
    light_adjective = next((c for c in verb.children if c.lemma_.lower() in EN.light_verb_cue_adjectives
                            and c.dep_ in ("acomp", "oprd", "ccomp", "advmod")), None)
    is_characterisation = lemma in EN.characterisation_verbs and lemma not in EN.reporting_verbs
    if lemma in EN.bare_cue_verbs:
        return _bare_cue(verb, layout)
    if lemma not in EN.reporting_verbs and not is_characterisation and not (
            lemma == EN.word("light_verb") and light_adjective is not None):
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
    speaker = _subject_of(verb, layout) or _name_after_verb(verb, layout)
    if speaker is None or not _can_speak(speaker, lemma):
        return []
    end_token = verb
    particle = next((c for c in verb.rights if c.dep_ == "prt" and c.i == verb.i + 1), None)
    if particle is not None:
        end_token = particle
    content = _content_range(verb)
    if lemma == EN.word("light_verb"):
        end_token = light_adjective
        # "made it clear that ...", or without "that" a clause with its own subject ("made it clear he is ...")
        clauses = [c for c in list(light_adjective.children) + list(verb.children) if c.i > light_adjective.i
                   and (c.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == EN.word("complementiser") for m in c.children)
                        or (c.dep_ == "advcl" and any(m.dep_ in SUBJECT_DEPS and m.left_edge == c.left_edge
                                                          for m in c.children)))]
        content = (clauses[0].left_edge.i, clauses[0].right_edge.i) if clauses else None
    if content is not None:
        content = _clip_content(verb.doc, *_with_appended_share(verb, content), verb.i, end_token.i, layout)
        opener = verb.doc[content[0]] if content is not None else None
        if (lemma in EN.question_verbs and opener is not None and opener.lower_ in EN.question_openers
                and layout.quote_at(opener.idx) is None):
            return []  # "asked whether he would resign": a question put to someone
    elif is_characterisation:
        return []  # "slammed the decision" reports no words; "slammed the decision as a disgrace" does
    cue_start, cue_end = verb.idx, end_token.idx + len(end_token)
    if content is None and _is_as_clause(verb, layout):
        content = _clip_content(verb.doc, *_around_as_clause(verb), verb.i, end_token.i, layout)
    if content is None and _is_parenthetical(verb, layout):
        return [Cue(cue_start, cue_end, speaker, part) for part in _around_parenthetical(verb, layout)]
    return [Cue(cue_start, cue_end, speaker, content)]


def _with_appended_share(verb, content):
    """The content range extended by a share of it the parser hung on the verb after a comma ("that 47 cases had been
    confirmed, most of them in children": "most of them" is part of what was said)."""
    first, last = content
    doc = verb.doc
    share = next((c for c in verb.rights if c.dep_ == "npadvmod" and c.lower_ in EN.share_words
                  and c.left_edge.i == last + 2 and doc[last + 1].text == ","), None)
    return (first, share.right_edge.i) if share is not None else content


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
    if any(c.dep_ in SUBJECT_DEPS and c.i < verb.i and _names_a_source(c) for c in verb.children):
        return None  # "Russia, which denies any role, rejected the claims": the subject comes first
    if verb.tag_ not in FINITE_VERB_TAGS and not any(c.dep_ == "aux" for c in verb.lefts):
        return None  # "..., dismissing predictions of a victory": a participle, not an inverted attribution
    speaker = next((c for c in verb.rights if c.dep_ in TRAILING_SPEAKER_DEPS), None)
    last_word = max(t.i for t in verb.subtree if _is_word(t))
    if (speaker is None or not _names_a_source(speaker) or any(_is_word(t) for t in doc[last_word + 1:sentence.end])
            or any(c != speaker and _is_word(c) and c.dep_ not in ("prep", "advmod") for c in verb.rights)):
        return None
    content = _report_before(doc, sentence.start, before - 1, verb.i, verb.right_edge.i, layout)
    return (speaker, content) if content is not None else None


def _report_before(doc, first, last, cue_first, cue_last, layout):
    """The unquoted clause from token `first` (a sentence's start) to `last`, reported by an attribution after it, as
    a content range; None when it is quoted or has no verb."""
    while first < last and (doc[first].dep_ == "cc" or doc[first].is_punct):
        first += 1  # "But, until ...": the conjunction joins the report to the story
    if layout.quote_at(doc[first].idx) is not None or not any(t.pos_ in ("VERB", "AUX") for t in doc[first:last + 1]):
        return None
    return _clip_content(doc, first, last, cue_first, cue_last, layout)


def _is_word(token):
    return not (token.is_punct or token.is_space)


def _names_a_source(token):
    """A name, a pronoun, a noun for a person's role or an institution, or a statement: "Hale", "the agency", "the
    final declaration", not "the claims"."""
    return (token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or fold(token.lemma_) in PERSON_NOUNS | ORGANISATION_NOUNS | EN.member_nouns | EN.body_nouns
            | EN.report_medium_nouns)


def _has_own_complement(verb, layout, deps=OWN_COMPLEMENT_DEPS):
    """Whether the verb has an object or clause of its own, outside quotes (a quote it attributes is often parsed
    as its complement): then it reports or does something else than attribute a quote."""
    return any(c.dep_ in deps and layout.quote_at(c.idx) is None for c in verb.children)


def _bare_cue(verb, layout):
    """A cue without content for a verb that attributes only when bare, next to a quote: after it ("“...,” the
    statement read") or opened by a colon right after the verb ("The statement read: “...”")."""
    speaker = _subject_of(verb, layout)
    doc = verb.doc

    def is_quote(token):
        return layout.quote_at(token.idx) is not None or token.text in QUOTE_MARKS

    introduces_quote = (verb.i + 2 < len(doc) and doc[verb.i + 1].text == ":" and is_quote(doc[verb.i + 2]))
    next_to_quote = introduces_quote or any(is_quote(token) for token in doc[max(0, verb.i - 3):verb.i])
    if (speaker is None or not _can_speak(speaker, EN.word("speech_verb")) or not next_to_quote
            or _has_own_complement(verb, layout, OWN_COMPLEMENT_DEPS | {"prep", "advcl", "acomp"})):
        return []
    return [Cue(verb.idx, verb.idx + len(verb), speaker, None)]


def _is_as_clause(verb, layout):
    """"As the minister said, the economy is weak": the report is an "as" clause of the clause it reports. Not
    when the verb has an object of its own ("as the House concluded its hearings", a time), nor when that clause
    is a report itself ("As Reuters noted, a study found that ...": the study speaks)."""
    return (verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and not _is_reporting_verb(verb.head)
            and any(c.dep_ == "mark" and c.lower_ == EN.word("comparison_mark") for c in verb.children)
            and not _has_own_complement(verb, layout))


def _around_as_clause(verb):
    """Token range of the clause an "as" report is attached to, without the "as" clause."""
    head = verb.head
    if verb.i < head.i:
        return verb.right_edge.i + 1, head.right_edge.i
    return head.left_edge.i, verb.left_edge.i - 1


def _is_parenthetical(verb, layout):
    """"The economy, he said, will grow": the report is inserted into the clause it reports (outside quotes, where
    the quote's own attribution already handles it)."""
    return verb.dep_ == "parataxis" and layout.quote_at(verb.head.idx) is None and verb.head.pos_ in ("VERB", "AUX")


def _around_parenthetical(verb, layout):
    """The reported clause on each side of an inserted attribution: one statement per side, as for a quotation
    split by its attribution."""
    doc, head = verb.doc, verb.head
    first, last = _same_paragraph(doc, layout, head.left_edge.i, head.right_edge.i, verb.i)
    # the parser may hang the clause's subject on the speaker as an apposition ("threatens Moscow, the risk ...")
    appositions = {t.i for child in verb.children for a in child.children if a.dep_ == "appos" for t in a.subtree}
    cue_last = max(t.i for t in verb.subtree if t.i not in appositions)
    parts = [(first, verb.left_edge.i - 1), (cue_last + 1, last)]
    # a part is reported content when it has a verb or the clause's subject, not when it is a bare adjunct
    # ("In the absence of results, threatens Moscow, ...")
    return [(start, end) for start, end in parts if start <= end and any(
        t.pos_ in ("VERB", "AUX") or (t.dep_ in SUBJECT_DEPS and t.head == head) for t in doc[start:end + 1])]


def find_cues(doc, layout):
    """Every reporting cue outside quoted passages and headlines (a report nested in a quote stays part of it)."""
    cues = []
    for token in doc:
        if layout.quote_at(token.idx) is not None or _is_heading(layout, token.idx):
            continue
        if token.lower_ == EN.word("according") and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == EN.word("according_preposition"):
            cue = _according_to_cue(token, layout)
            if cue is not None:
                cues.append(cue)
        elif token.lower_ == EN.word("consequence_cue"):
            cue = _so_cue(token, layout)
            if cue is not None:
                cues.append(cue)
        elif token.pos_ in ("VERB", "AUX"):
            cues.extend(_verb_cues(token, layout))
        elif token.pos_ == "NOUN" and token.lemma_.lower() in EN.reporting_nouns:
            cue = _noun_cue(token, layout)
            if cue is not None:
                cues.append(cue)
    return cues


def _so_cue(token, layout):
    """"…, so Cassidy.": how machine translation from German renders "so" + name ("says Cassidy") at the end of a
    report, quoted or not."""
    doc, sentence = token.doc, token.sent
    if token.i < 2 or doc[token.i - 1].text != ",":
        return None
    words = [t for t in doc[token.i + 1:sentence.end] if _is_word(t)]
    while words and words[-1].pos_ == "ADV":  # "so Vos further"
        words.pop()
    names = [t for t in words if t.pos_ == "PROPN"]
    if not words or len(words) > MAX_TITLE_TOKENS or words[-1].pos_ not in ("PROPN", "NOUN") or not (
            names or (words[0].lower_ == EN.word("definite_article") and _names_a_source(words[-1]))):
        return None
    speaker, speaker_first = words[-1], words[0].i
    if layout.quote_at(doc[token.i - 2].idx) is not None or doc[token.i - 2].text in QUOTE_MARKS:
        return Cue(token.idx, token.idx + len(token), speaker, None, speaker_first)  # the quotation's attribution
    content = _report_before(doc, sentence.start, token.i - 2, token.i, speaker.i, layout)
    return Cue(token.idx, token.idx + len(token), speaker, content, speaker_first) if content is not None else None


def _noun_cue(noun, layout):
    """"Trump's announcement that ...", "her insistence that ...": the possessive speaks, the that-clause is the
    content."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.rights if c.dep_ in CLAUSE_DEPS and c.left_edge.i == noun.i + 1
                   and c.left_edge.lower_ == EN.word("complementiser") and c.left_edge.dep_ == "mark"), None)
    if owner is None or clause is None or not (_can_speak(owner, EN.word("speech_verb")) or owner.lower_ in EN.pronoun_genders
                                                 or owner.lower_ in EN.plural_possessives):
        return None
    content = _clip_content(noun.doc, clause.left_edge.i, clause.right_edge.i, noun.i, noun.i, layout)
    return Cue(noun.idx, noun.idx + len(noun), owner, content) if content is not None else None


# -------------------------------------------------------------------------------------------------- statements
@dataclass
class Draft:
    """A statement before speaker resolution: kind, character span of the content, cue, and the head token of the
    speaker phrase (or, for a continuation quote, the speaker of the statement before)."""
    kind: str
    start: int
    end: int
    cue: Cue | None
    speaker: object = None
    inherits_from_previous: bool = False


def _strip_content(text, start, end, layout):
    """Content span without a leading complementiser "that" and without punctuation outside the quote marks."""
    start, end = _trim(text, start, end, " \t\n,;:")
    complementiser = EN.pattern("leading_complementiser").match(text, start, end)
    if complementiser and layout.quote_at(start) is None:
        start, end = _trim(text, complementiser.end(), end, " \t\n,;:")
    while end > start and text[end - 1] in ".,;:!?—–- \n" and layout.quote_at(end - 1) is None:
        end -= 1
    return start, end


def _drafts_from_cue(doc, cue, layout):
    """Statements a cue with content gives, and the quotes they use up."""
    text = layout.text
    start, end = _token_range_chars(doc, *cue.content)
    overlapping = layout.quotes_overlapping(start, end)
    if overlapping:  # a quote cut by the clause boundary is taken whole
        start = min(start, layout.pairs[overlapping[0]][0])
        end = max(end, layout.pairs[overlapping[-1]][1] + 1)
    residue = text[start:end]
    for i in reversed(overlapping):
        o, c = layout.pairs[i]
        residue = residue[:o - start] + " " * (c + 1 - o) + residue[c + 1 - start:]
    residue_words = [w for w in WORD_RE.findall(residue) if w.lower() != EN.word("complementiser")]
    if overlapping and not residue_words:
        drafts = [Draft("direct", *_inner_span(text, layout.pairs[i]), cue, cue.speaker) for i in overlapping]
        return [d for d in drafts if d.end > d.start], set(overlapping)
    start, end = _strip_content(text, start, end, layout)
    if _word_count(text[start:end]) < MIN_CONTENT_WORDS:
        return [], set()
    fragments = [_inner_span(text, layout.pairs[i]) for i in overlapping]
    is_mixed = any(_word_count(text[s:e]) >= MIN_FRAGMENT_WORDS for s, e in fragments)
    return [Draft("mixed" if is_mixed else "indirect", start, end, cue, cue.speaker)], set(overlapping)


def _sentence_ends(layout, start, stop):
    """Sentence ends between start and stop, ignoring punctuation inside quotes unless a mark closes right after."""
    for match in SENTENCE_END.finditer(layout.text, start, stop):
        last = match.end() - 1
        inside = layout.quote_at(last)
        if inside is None or layout.pairs[inside][1] == last:
            yield match


def _sentence_window(layout, pair, after):
    """Character range of the quote's own sentence on one side of it, other quotes included."""
    text = layout.text
    if after:  # a quote running over paragraphs ends in a later one than it starts in
        paragraph_end = layout.paragraph(pair[1])[1]
        inner_end = _inner_span(text, pair)[1]
        following = text[pair[1] + 1:paragraph_end].lstrip()[:1]
        if text[inner_end - 1:inner_end] in ".!?" and (not following or following.isupper()):
            return pair[1] + 1, pair[1] + 1  # the quote closes its own sentence
        end = next(_sentence_ends(layout, pair[1] + 1, paragraph_end), None)
        return pair[1] + 1, (end.start() if end else paragraph_end)
    paragraph_start = layout.paragraph(pair[0])[0]
    ends = list(_sentence_ends(layout, paragraph_start, pair[0]))
    return (ends[-1].end() if ends else paragraph_start), pair[0]


def _window_cue(cues, window, nearest_first_from):
    """The cue inside the window closest to the quote."""
    inside = [c for c in cues if window[0] <= c.start < window[1]]
    return min(inside, key=lambda c: abs(c.start - nearest_first_from), default=None)


def _name_after(doc, layout, window):
    """A person named in a short tail after a quote ("“...”, tweeted X"), for cues the lexicon does not know."""
    tail = doc.char_span(*window, alignment_mode="expand")
    after_comma = layout.text[window[0]:window[1]].lstrip().startswith(",")
    if tail is None or len(tail) > MAX_NAME_TAIL_TOKENS or not after_comma:
        return None
    people = [e for e in doc.ents if _is_person(e) and window[0] <= e.start_char < window[1]]
    return people[0].root if people else None


def _colon_speaker(doc, layout, window):
    """The speaker of a quote introduced by a colon: the head of a verbless phrase naming a person or a role ("Club
    coach Ann Lee: “...”"), or the person a clause ending in the colon is about ("Varga left no doubt: “...”", "She
    was blunt: “...”")."""
    start, end = _trim(layout.text, *window, chars=" \t\n-–—•")
    if not layout.text[start:end].endswith(":"):
        return None
    phrase = doc.char_span(start, end - 1, alignment_mode="expand")
    if phrase is None or not 0 < len(phrase) <= MAX_NAME_TAIL_TOKENS:
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in phrase):
        head = phrase.root
        return head if head.ent_type_ in ("PERSON", "ORG") or head.lemma_.lower() in PERSON_NOUNS else None
    subject = next((c for c in phrase.root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in EN.gendered_subject_pronouns):
        return subject
    return None


def _contains_verb(doc, start, end):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _paragraph_breaks(text, start, end):
    return len(re.findall(r"\n\s*", text[start:end]))


def _drafts_from_leftover_quote(doc, pair, cues, layout, previous):
    """A quote no cue's content took: attributed to a cue in its own sentence, to a name right after it, or, when it
    reads as speech right after another statement, to that statement's speaker. Short ones are scare quotes."""
    text = layout.text
    start, end = _inner_span(text, pair)
    words = _word_count(text[start:end])
    # A quoted sentence of its own ("“Please.”") is speech however short; a few quoted words inside a sentence
    # are a scare quote or a title unless a cue attributes them.
    is_sentence = _is_quoted_sentence(layout, pair, start, end)
    if words < MIN_ATTRIBUTED_QUOTE_WORDS and not is_sentence:
        return None
    after = _sentence_window(layout, pair, after=True)
    before = _sentence_window(layout, pair, after=False)
    cue = (_window_cue(cues, after, pair[1]) or _window_cue(cues, before, pair[0])
           or _cue_opening_next_sentence(doc, cues, layout, pair, after))
    if cue is not None:
        return Draft("direct", start, end, cue, cue.speaker)
    named = _name_after(doc, layout, after) or _colon_speaker(doc, layout, before)
    if named is not None:
        return Draft("direct", start, end, None, named)
    if previous is None:
        return None
    breaks = _paragraph_breaks(text, previous.end, start)
    reads_as_speech = words >= MIN_CONTINUATION_QUOTE_WORDS and _contains_verb(doc, start, end)
    if (reads_as_speech and breaks <= 1) or (is_sentence and breaks == 0):
        return Draft("direct", start, end, None, previous.speaker, inherits_from_previous=True)
    return None


def _is_quoted_sentence(layout, pair, start, end):
    """Whether the quote starts a sentence and ends one inside its marks (or hands over to an attribution)."""
    text = layout.text
    before = text[layout.paragraph(pair[0])[0]:pair[0]].rstrip()
    opens = not before or re.search(r"[.!?][\"'”’»]?$", before) is not None
    return opens and text[end - 1:end] in ".!?,"


def _cue_opening_next_sentence(doc, cues, layout, pair, after):
    """“Vote on Tuesday!” Trump tweeted. A quote that closes its own sentence is attributed by a cue that reports
    no clause of its own at the start of the next one."""
    if after[0] != after[1]:
        return None
    paragraph_end = layout.paragraph(pair[1])[1]
    end = next(_sentence_ends(layout, pair[1] + 1, paragraph_end), None)
    window = (pair[1] + 1, end.start() if end else paragraph_end)
    tail = doc.char_span(*window, alignment_mode="expand")
    if tail is None or len(tail) > MAX_NAME_TAIL_TOKENS:
        return None
    # "…” England will announce their squad on Saturday": a verb with an object of its own reports something else
    bare = [c for c in cues if c.content is None
            and not _has_own_complement(doc.char_span(c.start, c.end, alignment_mode="expand")[0], layout)]
    return _window_cue(bare, window, pair[1])


def _draft_statements(doc, layout):
    """Statements from cue contents first, then from the quotes left over, without overlaps, in reading order."""
    cues = find_cues(doc, layout)
    drafts, used_quotes = [], set()
    for cue in cues:
        if cue.content is None:
            continue
        new, used = _drafts_from_cue(doc, cue, layout)
        drafts.extend(new)
        used_quotes |= used
    # A report inside another report's content ("According to X, the allies rejected ...") is part of it.
    drafts = [d for d in drafts if not any(o.start <= d.cue.start < o.end for o in drafts if o is not d)]
    drafts.sort(key=lambda d: d.start)
    for i, pair in enumerate(layout.pairs):
        if i in used_quotes:
            continue
        previous = max((d for d in drafts if d.end <= pair[0]), key=lambda d: d.end, default=None)
        draft = _drafts_from_leftover_quote(doc, pair, cues, layout, previous)
        if draft is not None:
            drafts.append(draft)
            drafts.sort(key=lambda d: d.start)
    return _without_overlaps(drafts)


def _without_overlaps(drafts):
    """One statement per stretch of text: where two drafts overlap, keep the longer."""
    kept = []
    for draft in sorted(drafts, key=lambda d: (d.start, -(d.end - d.start))):
        if kept and draft.start < kept[-1].end:
            if draft.end - draft.start > kept[-1].end - kept[-1].start:
                kept[-1] = draft
            continue
        kept.append(draft)
    return kept


# ------------------------------------------------------------------------------------------ speaker resolution
def _is_person(ent):
    """A PERSON entity, or a name the recogniser gave another label although an honorific starts it ("Mr Pande")."""
    return ent.label_ == "PERSON" or _is_personal_honorific(ent[0])


def _is_personal_honorific(token):
    return fold(token.text).rstrip(".") in EN.personal_honorifics


def _is_name_token(token):
    is_word = token.text.replace("'", "").replace("’", "").isalpha()  # "O'Brien"
    is_capitalised_name = token.pos_ == "PROPN" or (token.is_title and token.pos_ not in NON_NAME_POS)
    if token.text == "-" or (is_word and is_capitalised_name):
        return True
    # Particles inside names: "Nick Van den Brul", "Ursula von der Leyen".
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.is_lower and len(token) <= 3 and following is not None and following.pos_ == "PROPN"


def _clean_person(ent):
    """A PERSON entity without the words the recogniser wrongly took in: leading ones ("Describing Mr Jackson" ->
    "Mr Jackson") and everything from the first non-name token ("Grushkó told" -> "Grushkó")."""
    first = 0
    while first < len(ent) and (ent[first].text == "-" or not _is_name_token(ent[first])):
        first += 1
    length = first
    while length < len(ent) and _is_name_token(ent[length]):
        length += 1
    while length > first and ent[length - 1].text == "-":
        length -= 1
    return ent[first:length] if length > first else None


def _surname_key(span):
    words = [t for t in span if t.dep_ != "case"] or list(span)  # "Scooter Braun's company": Braun
    return fold(words[-1].text.replace("’s", "").replace("'s", ""))


class ArticleContext:
    """What the article itself says about who is who: full names, titles seen with them, salient organisations."""

    def __init__(self, doc, layout):
        self.doc = doc
        self.layout = layout
        self.people = defaultdict(list)  # surname key -> person spans
        self.profiles = defaultdict(list)  # surname key -> (offset, words seen as titles or appositions)
        self.subject_people = []  # (char offset, person span) for people acting as subjects outside quotes
        self.mentioned_people = []  # (char offset, person span) for every person named outside quotes
        for ent in doc.ents:
            if not _is_person(ent):
                continue
            person = _clean_person(ent)
            if person is None:
                continue
            key = _surname_key(person)
            self.people[key].append(person)
            self.profiles[key].append((person.start_char, self._title_words(person)))
            # bylines and headings are not part of the story's discourse: nobody there is a pronoun's antecedent
            if layout.quote_at(person.start_char) is None and not _is_heading(layout, person.start_char):
                self.mentioned_people.append((person.start_char, person))
                if self._is_subject(person):
                    self.subject_people.append((person.start_char, person))
        self._add_untagged_subjects()
        self.genders = self._gender_evidence()
        # A known surname tagged ORG ("Stoltenberg noted") is that person, not an organisation.
        self.orgs = [e for e in doc.ents if e.label_ == "ORG" and layout.quote_at(e.start_char) is None
                     and _surname_key(e) not in self.people]
        self.subject_orgs = [(e.start_char, e) for e in self.orgs if self._is_subject(e)]

    def _add_untagged_subjects(self):
        """A known surname the recogniser did not tag, acting as a subject ("Farouk accepted that ..."), is that
        person acting too."""
        tagged = {t.i for e in self.doc.ents for t in e}
        for token in self.doc:
            if (token.pos_ == "PROPN" and token.is_title and token.dep_ in SUBJECT_DEPS and token.i not in tagged
                    and fold(token.text) in self.people and self.layout.quote_at(token.idx) is None):
                person = self.doc[token.i:token.i + 1]
                self.mentioned_people.append((token.idx, person))
                self.subject_people.append((token.idx, person))
        self.mentioned_people.sort(key=lambda item: item[0])
        self.subject_people.sort(key=lambda item: item[0])

    @staticmethod
    def _is_subject(span):
        """Whether a mention acts as a subject (directly, or as the name in apposition to one)."""
        if any(t.dep_ in SUBJECT_DEPS for t in span):
            return True
        return span.root.dep_ in ("appos", "compound") and span.root.head.dep_ in SUBJECT_DEPS

    @staticmethod
    def _title_words(person):
        """Content words of the title before a name and of its appositions ("NATO chief", "the Norwegian")."""
        root = person.root
        words = [t for t in person.doc[root.left_edge.i:person.start]]
        # the title right before the name, however the parser attached it ("against Wikileaks co-founder X")
        for token in reversed(person.doc[max(0, person.start - MAX_TITLE_TOKENS):person.start]):
            if token.pos_ not in ("NOUN", "PROPN", "ADJ") and token.text != "-":
                break
            words.append(token)
        if root.dep_ == "appos":
            words += [t for t in root.head.subtree if not (root.left_edge.i <= t.i <= root.right_edge.i)]
        for child in root.children:
            if child.dep_ == "appos":
                words += list(child.subtree)
        return {fold(t.lemma_) for t in words if t.is_alpha and not t.is_stop}

    def _gender_evidence(self):
        """Gender of people by the fullest form of their name, from an honorific ("Mr Lee") or, failing that, from
        the first third-person pronoun after a person who is the only one named in their sentence."""
        genders = {}
        for offset, person in self.mentioned_people:
            ref = self.fullest_of(person).text
            before = self.doc[person.start - 1] if person.start > 0 else None
            honorific = next((t for t in [before, *person] if t is not None and fold(t.text) in EN.honorific_genders),
                             None)
            if honorific is not None and EN.honorific_genders[fold(honorific.text)]:
                genders[ref] = EN.honorific_genders[fold(honorific.text)]
                continue
            sentence = person.sent
            if ref in genders or sum(_is_person(e) for e in sentence.ents) != 1:
                continue
            pronoun = next((t for t in self.doc[person.end:sentence.end] if t.lower_ in EN.pronoun_genders
                            and self.layout.quote_at(t.idx) is None), None)
            if pronoun is not None:
                genders[ref] = EN.pronoun_genders[pronoun.lower_]
        return genders

    def fullest_of(self, person):
        """The longest mention of this person: same surname and every given name of this mention ("Mr Jackson" ->
        "Michael Jackson", but "Katherine Jackson" stays herself)."""
        given = {fold(t.text)[:GIVEN_NAME_PREFIX] for t in person[:-1]
                 if fold(t.text) not in EN.honorific_genders.keys() | PERSON_NOUNS}
        key = _surname_key(person)
        same = [s for s in self.people.get(key, []) if given <= {fold(t.text)[:GIVEN_NAME_PREFIX] for t in s}]
        fullest = max(same, key=lambda s: (len(s), -s.start_char)) if same else person
        if len(fullest) == 1 and not given:  # a surname seen alone may be someone's misspelt (see `fullest`)
            return self.fullest(key) or fullest
        return fullest

    def _spelling_variant(self, key):
        """The one surname one letter away from `key` that someone is named in full with, if any."""
        if len(key) < MIN_VARIANT_SURNAME:
            return None
        variants = [k for k in self.people if k != key and k[0] == key[0] and Levenshtein.distance(k, key) <= 1
                    and any(len(s) > 1 for s in self.people[k])]
        return variants[0] if len(variants) == 1 else None

    def fullest(self, key):
        """The longest mention of the person with this surname, earliest first; None if unknown. A surname seen
        alone that is one letter away from that of someone named in full is theirs misspelt ("Hassall", "Brian
        Hassell")."""
        spans = self.people.get(key, [])
        if all(len(s) == 1 for s in spans):
            spans = self.people.get(self._spelling_variant(key), spans)
        return max(spans, key=lambda s: (len(s), -s.start_char)) if spans else None

    def person_by_description(self, words, names, head_lemma, before):
        """The person introduced before `before` with a title holding the description's head noun and every name
        in it, most shared words first ("the Arsenal boss" is not the "Manchester United boss")."""
        scores = {}
        for key, mentions in self.profiles.items():
            profile = set().union(*(title for offset, title in mentions if offset < before))
            if head_lemma in profile and names <= profile:
                scores[key] = len(words & profile)
        return max(scores, key=scores.get, default=None)

    def salient_org(self, head_lemma, last_body=None):
        """The organisation the article is about: one seen modifying the same noun ("NATO allies"), else the body
        that last spoke (`last_body`), else the organisation named most often. A possessive names another
        body ("Braun's company" is not Braun, "Russia's allies" are not Russia)."""
        modifying = Counter(e.text for e in self.orgs
                            if e.root.dep_ == "compound" and e.root.head.lemma_.lower() == head_lemma)
        if not modifying and last_body is not None:
            return last_body
        if not self.orgs:
            return None
        counts = Counter(e.text for e in self.orgs)
        name = (modifying or counts).most_common(1)[0][0]
        return next(e for e in self.orgs if e.text == name)

    def org_of_kind(self, kind, before):
        """The organisation named before `before` whose name or introduction holds the noun `kind` ("Halden Bank"
        or "carmaker Norrvik Motors" for "the bank", "the carmaker"), the most often named first."""
        earlier = [e for e in self.orgs if e.start_char < before]
        fitting = {e.text for e in earlier if self._introduced_as(e, kind)}
        if not fitting:
            return None
        name = Counter(e.text for e in earlier if e.text in fitting).most_common(1)[0][0]
        return next(e for e in earlier if e.text == name)

    def _introduced_as(self, org, kind):
        """Whether the organisation's name ("Halden Bank", "Dick Clark Productions") or the words it is introduced
        with ("carmaker Norrvik Motors") hold the noun `kind`."""
        name_words = {fold(t.lemma_) for t in org}
        return kind in name_words or kind + "s" in name_words or kind in self._title_words(org)

    def country_for_capital(self, capital):
        names = EN.capital_countries.get(capital.text.lower())
        if not names:
            return None
        return next((e for e in self.doc.ents if e.label_ == "GPE" and e.text in names), None)


def _names_head(token, head):
    """Whether `token` is part of the head's own name ("Mr Jackson", "the singer Jackson"), not of a possessor or
    modifier ("Jackson's mother", "a motion by Mr Jackson's lawyers" name someone else)."""
    while token != head:
        if token.dep_ not in NAME_DEPS:
            return False
        token = token.head
    return True


class SpeakerResolver:
    """Resolves speaker phrases in reading order, remembering who spoke or acted last."""

    def __init__(self, context):
        self.context = context
        self.doc = context.doc
        self.subject_history = [(offset, context.fullest_of(person)) for offset, person in context.subject_people]
        self.mention_history = [(offset, context.fullest_of(person)) for offset, person in context.mentioned_people]
        self.speaker_history = []
        self.group_history = list(context.subject_orgs)
        self.spoken_bodies = []

    def remember(self, offset, ref, is_person):
        """Record who spoke; `is_person` None means unknown (a name the recogniser missed)."""
        if ref is None:
            return
        if is_person:
            self.speaker_history.append((offset, ref))
        else:  # a name of unknown kind ("Big Machine have denied") is more often a body's
            self.group_history.append((offset, ref))
            self.spoken_bodies.append((offset, ref))

    @staticmethod
    def _latest(history, before):
        earlier = [(offset, ref) for offset, ref in history if offset < before]
        return max(earlier, key=lambda item: item[0])[1] if earlier else None

    def _person_for_pronoun(self, pronoun):
        """The last person of the pronoun's gender who spoke or acted as subject; but a person named in this or the
        previous sentence after that ("It was put to Lee. He said ...") is the nearer antecedent, unless the previous
        sentence is already about someone as "he" or "she": then the pronoun goes on about the same person ("But he
        rejected any link with Hewitt's results. 'It is faster,' he said.")."""
        gender = EN.pronoun_genders.get(pronoun.lower_)
        while (continued := self._previous_subject_pronoun(pronoun, gender)) is not None:
            pronoun = continued

        def agrees(ref):
            return gender is None or self.context.genders.get(ref.text) in (None, gender)

        def latest(history, fits=agrees):
            return max(((o, r) for o, r in history if o < pronoun.idx and fits(r)), key=lambda item: item[0],
                       default=(None, None))

        acting = self.subject_history + self.speaker_history
        offset, ref = latest(acting)
        if ref is not None and gender is not None and self._may_be_a_thing(ref, pronoun.idx):
            # someone known to be "he" or "she" comes first
            known_offset, known = latest(acting, lambda r: self.context.genders.get(r.text) == gender)
            if known is not None:
                offset, ref = known_offset, known
        # with nobody else to take the pronoun, the sentences of a quote just before it do not count
        sentence = pronoun.sent
        window_start = self._previous_narration_start(pronoun) if ref is None else (
            self.doc[sentence.start - 1].sent.start_char if sentence.start > 0 else 0)
        # Only people known to act somewhere in the article, or, when nobody else fits, a person named in full as
        # a phrase of their own ("For the finance director Rafael Ortiz, ... he said"): a lone capitalised word
        # tagged PERSON often is not a person, and "an Alan Shearer strike" or "Castro's aide" is not about them.
        actors = {r.text for _, r in acting}
        near_offset, near_ref = latest((o, r) for o, r in self.mention_history
                                       if r.text in actors or (ref is None and self._only_person_named(r)))
        if near_ref is not None and near_offset >= window_start and (offset is None or offset < window_start):
            return near_ref
        return ref

    def _previous_narration_start(self, pronoun):
        """Where the sentence of narration before the pronoun's sentence starts, past the sentences of a quote ("For
        the finance director Rafael Ortiz, ... “We chose margins. It cost us,” he said.")."""
        index = pronoun.sent.start
        while index > 0:
            sentence = self.doc[index - 1].sent
            if self.context.layout.quote_at(sentence[0].idx) is None and sentence[0].text not in QUOTE_MARKS:
                return sentence.start_char
            index = sentence.start
        return 0

    def _only_person_named(self, person):
        """A person named in full as a phrase of their own, in a sentence whose subject is no other name (a name the
        recogniser missed, as in "Baros denied a row with Benitez", may be the one acting)."""
        subjects = [t for t in person.sent if t.dep_ in SUBJECT_DEPS and t.pos_ == "PROPN" and not t.ent_type_]
        return len(person) > 1 and person.root.dep_ not in ("compound", "poss") and not subjects

    def _may_be_a_thing(self, ref, before):
        """Whether a person may be a product or a company the recogniser took for a person ("Lumora was the first
        pair of glasses ..."): a lone name that nobody calls "he" or "she" and that has not spoken."""
        return (len(ref) == 1 and ref.text not in self.context.genders
                and all(r.text != ref.text for o, r in self.speaker_history if o < before))

    def _previous_subject_pronoun(self, pronoun, gender):
        """The pronoun of this gender that is the main subject of the sentence before, outside quotes, if any."""
        if gender is None or pronoun.sent.start == 0:
            return None
        previous = self.doc[pronoun.sent.start - 1].sent
        return next((t for t in previous if t.dep_ == "nsubj" and t.head == previous.root
                     and EN.pronoun_genders.get(t.lower_) == gender and self.context.layout.quote_at(t.idx) is None),
                    None)

    def _named_person(self, phrase, head):
        """Fullest mention of a person named in the phrase, by entity or by a surname known from the article."""
        # The name is the phrase's head or in apposition to it, not a modifier ("the Oscar-nominated actor").
        # The entity may start before the phrase when the parser split the name ("Will Moy", "Will" as a modal).
        people = sorted((e for e in self.doc.ents if _is_person(e) and (e.start <= head.i < e.end or (
                            phrase.start <= e.start and e.end <= phrase.end and e.root.dep_ == "appos"
                            and _describes(e.root, head)))), key=lambda e: not e.start <= head.i < e.end)
        if people:
            person = _clean_person(people[0])
            if person is not None:
                return self.context.fullest_of(person)
        naming = [t for t in phrase if t.pos_ == "PROPN" and _names_head(t, head)]
        for token in sorted(naming, key=lambda t: t != head):
            known = self.context.fullest(fold(token.text))
            if known is not None:
                return known
        if fold(head.lemma_) in PERSON_NOUNS:
            name = self._name_set_off(phrase, _is_person)
            person = _clean_person(name) if name is not None else None
            if person is not None:
                return self.context.fullest_of(person)
        return None

    def _name_set_off(self, phrase, is_kind):
        """A name of the kind `is_kind` accepts, set off by commas at the end of a description or right after it
        ("the chief of the firemen of the county, Rosa Delgado, said", "The company that runs the AMAs, Dick Clark
        Productions, denies"): an apposition the parser attached to the wrong word or to none."""
        doc = self.doc
        end = phrase.end - 1 if doc[phrase.end - 1].text == "," else phrase.end
        for e in doc.ents:
            inside = phrase.start + 1 < e.start and e.end == end  # "..., the AMAs, Dick Clark Productions,"
            after = e.start == phrase.end + 1 and end == phrase.end  # "... the county, Rosa Delgado,"
            if (inside or after) and doc[e.start - 1].text == "," and is_kind(e) and (
                    e.end >= len(doc) or doc[e.end].text in (",", ".")):
                return e
        return None

    def resolve(self, head):
        """(speaker_ref span or None, is_person), is_person None when unknown."""
        first, last = _noun_phrase_range(head, self.context.layout)
        phrase = self.doc[first:last + 1]
        person = self._named_person(phrase, head)
        if person is not None:
            return person, True
        lower = head.lower_
        if lower in EN.person_pronouns:
            person = self._person_for_pronoun(head)
            if person is not None and EN.pronoun_genders.get(lower):
                # what the article calls "he" once is "he" throughout: a later "she" looks for someone else
                self.context.genders.setdefault(person.text, EN.pronoun_genders[lower])
            return person, True
        if lower in EN.relative_pronouns and head.head.dep_ == "relcl":
            return self.resolve(head.head.head)
        if lower in EN.group_pronouns:
            return self._latest(self.group_history, head.idx), False
        entity = next((e for e in self.doc.ents if e.start <= head.i < e.end and e.label_ in ORG_LABELS
                       and not _is_person(e)), None)
        named = _apposed_name(head)
        if entity is None and fold(head.lemma_) in ORGANISATION_NOUNS | EN.body_nouns:
            # "The group that owns her music, Big Machine, says": the name in apposition, whatever its tag
            if named is not None:
                named_entity = next((e for e in self.doc.ents if e.start <= named.i < e.end), None)
                return (named_entity if named_entity is not None else _proper_name(named)), False
            named_entity = self._name_set_off(phrase, lambda e: e.label_ in ORG_LABELS and not _is_person(e))
            if named_entity is not None:
                return self._organisation(named_entity), False
        is_plural = head.tag_ in ("NNS", "NNPS")
        if entity is not None and (entity.label_ != "NORP" or is_plural):
            return self._organisation(entity), False
        return self._resolve_description(phrase, head, is_plural, entity)

    def _author(self, research, is_definite):
        """Who speaks through a report, survey or study: its named author ("a report by Demos", "figures from the
        ONS", "University College London research"); for "the study" with none, the author of the last study named
        before it."""
        author = _author_of(research)
        if author is None and is_definite:
            # back through "the study" mentions to the one that introduced it, if it named its author
            layout = self.context.layout
            for earlier in reversed(self.doc[:research.i]):
                if (earlier.lemma_.lower() != research.lemma_.lower() or earlier.pos_ != "NOUN"
                        or layout.quote_at(earlier.idx) is not None):
                    continue  # not "the BBC's World Business Report"
                author = _author_of(earlier)
                introduces = any(c.dep_ == "poss" or c.lower_ in EN.indefinite_articles for c in earlier.children)
                if author is not None or introduces:
                    break
        return self.resolve(author) if author is not None else (None, False)

    def _issuer(self, medium):
        """Who issued "the statement": the issuer of the last statement introduced before it ("X said in a
        statement", "X issued a statement"), else the body that spoke last."""
        layout = self.context.layout
        for earlier in reversed(self.doc[:medium.i]):
            if earlier.lemma_.lower() != medium.lemma_.lower() or layout.quote_at(earlier.idx) is not None:
                continue
            owner = _issuer_of(earlier, layout)
            if owner is not None and owner.lemma_.lower() not in EN.report_medium_nouns:
                return self.resolve(owner)
        # a body that spoke last issues statements; a person who spoke last does not write a summit's communique
        return self._latest(self.spoken_bodies, medium.idx), False

    def _named_kind(self, phrase, kind):
        """The organisation the article introduced as a `kind` ("the airline": "budget airline Ryanair"), also when
        the recogniser took its name for a person's."""
        named = self.context.org_of_kind(kind, phrase.start_char)
        if named is None:
            key = self.context.person_by_description({kind}, set(), kind, phrase.start_char)
            named = self.context.fullest(key) if key is not None else None
        return named

    def _reported_org(self, phrase):
        """The organisation a report that ends with a description of its speaker is about: "Norrvik Motors will cut
        1,500 jobs, the carmaker said" (a subject before the description in its sentence, named as an organisation
        there or elsewhere in the article, or a name of several words the recogniser did not tag)."""
        known = {e.text for e in self.context.orgs}
        for token in reversed(self.doc[phrase.sent.start:phrase.start]):
            if token.dep_ in SUBJECT_DEPS and token.pos_ == "PROPN" and self.context.layout.quote_at(token.idx) is None:
                entity = next((e for e in self.context.orgs if e.start <= token.i < e.end), None)
                if entity is not None:
                    return entity
                name = _proper_name(token)
                if name.text in known or (len(name) > 1 and not any(t.ent_type_ for t in name)):
                    return name
        return None

    def _organisation(self, entity):
        if entity.label_ == "GPE":
            return self.context.country_for_capital(entity) or entity
        return entity

    def _resolve_organisation_noun(self, phrase, head, head_lemma, is_plural, is_definite):
        """"Indonesia's government", "NATO allies", "the company", "the carmaker": the organisation meant, or None."""
        if is_plural and head_lemma not in EN.member_nouns:
            return None  # "UK companies" are several speakers
        # "the central bank" is a public body like "the ministry", not a business
        public_bank = head_lemma in EN.public_bank_nouns and any(fold(c.lemma_) in EN.public_bank_modifiers for c in head.children)
        is_kind = head_lemma in EN.business_nouns | EN.observer_nouns and not public_bank
        owner = next((e for e in self.doc.ents if e.label_ in (("ORG",) if is_kind else ("ORG", "GPE"))
                      and phrase.start <= e.start and e.root.dep_ in ("poss", "compound") and e.root.head == head),
                     None)
        if owner is not None:
            return self._organisation(owner)
        refers_to_main_org = head_lemma in EN.member_nouns if is_plural else (
            head_lemma in ORGANISATION_NOUNS and not public_bank)
        owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)  # "its parent company"
        if not refers_to_main_org or not is_definite or head.pos_ == "PROPN" or (is_kind and owned):
            return None
        # "the production company": the company with "Productions" in its name
        kinds = [fold(c.lemma_) for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        named = next(filter(None, (self.context.org_of_kind(kind, phrase.start_char) for kind in kinds)), None)
        if named is None and is_kind:
            named = self._named_kind(phrase, head_lemma)
        if named is not None or head_lemma in EN.observer_nouns:
            return named
        if head_lemma in EN.business_nouns:
            named = self._reported_org(phrase)
        return named or self.context.salient_org(head_lemma, self._latest(self.spoken_bodies, head.idx))

    def _resolve_description(self, phrase, head, is_plural, entity):
        head_lemma = fold(head.lemma_)
        is_definite = phrase[0].lower_ not in EN.indefinite_determiners
        if head_lemma in ORGANISATION_NOUNS | EN.member_nouns | EN.body_nouns:
            return self._resolve_organisation_noun(phrase, head, head_lemma, is_plural, is_definite), False
        if head_lemma in EN.research_nouns:
            return self._author(head, is_definite)
        author = _author_of(head) if head_lemma in EN.report_medium_nouns else None
        if author is not None:  # "a statement from Chelsea", "Mr Tanzi's statement"
            return self.resolve(author)
        if is_plural or not is_definite:
            return None, False
        if head_lemma in EN.report_medium_nouns and not any(c.dep_ == "poss" for c in head.children):
            return self._issuer(head)
        words = {fold(t.lemma_) for t in phrase if t.is_alpha and not t.is_stop}
        names = {fold(t.lemma_) for t in phrase if t.ent_type_ == "ORG" and t != head}
        key = self.context.person_by_description(words, names, head_lemma, phrase.start_char)
        if key is not None:
            return self.context.fullest(key), True
        named = _apposed_name(head)
        if head_lemma in PERSON_NOUNS and named is not None:
            return _proper_name(named), True  # "The director of the film, Vinod Pande": a name the recogniser missed
        # "The Norwegian politician said", "the 29-year-old said": a bare role or age refers back to the last speaker;
        # "the prime minister's spokesman" or "a source" introduce someone new.
        introduces_someone = (head_lemma in EN.anonymous_role_nouns
                              or any(c.dep_ in ("poss", "prep") for c in head.children))
        describes_person = (head_lemma in EN.person_role_nouns or head.ent_type_ == "NORP"
                            or EN.pattern("age_description").search(phrase.text) is not None)
        if describes_person and not introduces_someone:
            latest = self._latest(self.speaker_history, head.idx) or self._latest(self.subject_history, head.idx)
            return latest, True
        if head.pos_ == "PROPN" and entity is None:
            # a name the entity recogniser missed: a person with an honorific ("Mr Pande"), else of unknown kind
            name = _proper_name(head)
            before = head.doc[name.start - 1] if name.start > 0 else None
            titled = any(_is_personal_honorific(t) for t in [before, *name] if t is not None)
            return name, True if titled else None
        return None, False


def _apposed_name(head):
    """A proper noun in apposition to the head ("The group that owns her music, Big Machine")."""
    return next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def _describes(token, head):
    """Whether `token` is in apposition to the head or to a noun coordinated with it ("the player and his captain
    Jason Robinson"), not inside a modifier ("chief executive of the website Full Fact")."""
    while token != head:
        if token.dep_ not in ("appos", "conj", "compound", "flat") or token.head == token:
            return False
        token = token.head
    return True


def _governor(token):
    """The nearest verb above `token`, or its sentence's root when there is none."""
    token = token.head
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def _proper_name(head):
    """The run of proper nouns ending at `head` ("Menatep Group")."""
    first = head.i
    while first > 0 and head.doc[first - 1].pos_ == "PROPN" and first <= head.doc[first - 1].head.i <= head.i:
        first -= 1
    return head.doc[first:head.i + 1]


# ---------------------------------------------------------------------------------------------------- public
def extract_statements(doc):
    """Attributed statements of one article, in reading order.

    Each is a dict with kind ("direct" | "indirect" | "mixed"), text/char_start/char_end (what was said, an exact
    slice of doc.text), cue/cue_start/cue_end, speaker/speaker_start/speaker_end (as written at the attribution)
    and speaker_ref/speaker_ref_start/speaker_ref_end (the fullest named mention of the speaker in the article);
    parts that cannot be found are None.
    """
    layout = ArticleLayout(doc.text)
    resolver = SpeakerResolver(ArticleContext(doc, layout))
    statements = []
    previous_ref = None
    for draft in _draft_statements(doc, layout):
        speaker_span, ref = None, None
        if draft.inherits_from_previous:
            ref = previous_ref
        elif draft.speaker is not None:
            first, last = _noun_phrase_range(draft.speaker, layout)
            if draft.cue is not None and draft.cue.speaker_first is not None:
                first, last = draft.cue.speaker_first, draft.speaker.i
            speaker_span = doc[first:last + 1]
            ref, is_person = resolver.resolve(draft.speaker)
            resolver.remember(speaker_span.start_char, ref, is_person)
        previous_ref = ref
        statements.append(_as_record(layout.text, draft, speaker_span, ref))
    return statements


def _span_fields(prefix, text, start, end):
    if start is None:
        return {prefix: None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {prefix: text[start:end], f"{prefix}_start": start, f"{prefix}_end": end}


def _as_record(text, draft, speaker_span, ref):
    record = {"kind": draft.kind, "text": text[draft.start:draft.end], "char_start": draft.start, "char_end": draft.end}
    cue = draft.cue
    record.update(_span_fields("cue", text, *((cue.start, cue.end) if cue else (None, None))))
    record.update(_span_fields("speaker", text, *_char_bounds(speaker_span)))
    record.update(_span_fields("speaker_ref", text, *_char_bounds(ref)))
    return record


def _char_bounds(span):
    return (span.start_char, span.end_char) if span is not None else (None, None)
