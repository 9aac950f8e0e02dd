"""What a reporting cue reports: the token range of its content clause or object."""

from pipeline.quotes.marks import QUOTE_MARKS
from pipeline.quotes.sources import can_speak, is_reporting_verb
from pipeline.quotes.syntax import CLAUSE_CUT_DEPS, SUBJECT_DEPS, same_paragraph
from pipeline.quotes.words import EN

# Dependents that carry reported content when the verb has no clausal complement.
OBJECT_CONTENT_DEPS = frozenset({"dobj", "xcomp", "dative", "prep", "oprd"})
CLAUSE_DEPS = frozenset({"ccomp", "relcl", "acl", "advcl"})
OWN_COMPLEMENT_DEPS = frozenset({"dobj", "dative", "xcomp", "ccomp", "attr", "oprd"})


def clip_content(doc, first, last, cue_first, cue_last, layout):
    """Content limited to the cue's paragraph and to one side of the cue; content before the cue starts after a
    colon ("X had dampened hopes: <content>, he said")."""
    first, last = same_paragraph(doc, layout, first, last, cue_first)
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
        subordinate = (token.dep_ == "advcl" and subject is not None and can_speak(subject, token.lemma_.lower())
                       and any(c.dep_ == "mark" and c.lower_ in EN.contrasting_marks for c in token.children))
        if (token.dep_ == "conj" or subordinate) and is_reporting_verb(token):
            clause_start = token.left_edge.i if subordinate else token.i
            last = min(clause_start, subject.left_edge.i if subject is not None else token.i) - 1
            while last > first and (doc[last].is_punct or doc[last].dep_ == "cc"):
                last -= 1
            break
    return (first, last) if first <= last else None


def content_range(verb):
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
                allowed = (node.dep_ == "relcl" and not is_reporting_verb(node)
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


def with_appended_share(verb, content):
    """The content range extended by a share of it the parser hung on the verb after a comma ("that 47 cases had been
    confirmed, most of them in children": "most of them" is part of what was said)."""
    first, last = content
    doc = verb.doc
    share = next((c for c in verb.rights if c.dep_ == "npadvmod" and c.lower_ in EN.share_words
                  and c.left_edge.i == last + 2 and doc[last + 1].text == ","), None)
    return (first, share.right_edge.i) if share is not None else content


def report_before(doc, first, last, cue_first, cue_last, layout):
    """The unquoted clause from token `first` (a sentence's start) to `last`, reported by an attribution after it, as
    a content range; None when it is quoted or has no verb."""
    while first < last and (doc[first].dep_ == "cc" or doc[first].is_punct):
        first += 1  # "But, until ...": the conjunction joins the report to the story
    if layout.quote_at(doc[first].idx) is not None or not any(t.pos_ in ("VERB", "AUX") for t in doc[first:last + 1]):
        return None
    return clip_content(doc, first, last, cue_first, cue_last, layout)


def has_own_complement(verb, layout, deps=OWN_COMPLEMENT_DEPS):
    """Whether the verb has an object or clause of its own, outside quotes (a quote it attributes is often parsed
    as its complement): then it reports or does something else than attribute a quote."""
    return any(c.dep_ in deps and layout.quote_at(c.idx) is None for c in verb.children)


def is_as_clause(verb, layout):
    """"As the minister said, the economy is weak": the report is an "as" clause of the clause it reports. Not
    when the verb has an object of its own ("as the House concluded its hearings", a time), nor when that clause
    is a report itself ("As Reuters noted, a study found that ...": the study speaks)."""
    return (verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and not is_reporting_verb(verb.head)
            and any(c.dep_ == "mark" and c.lower_ == EN.word("comparison_mark") for c in verb.children)
            and not has_own_complement(verb, layout))


def around_as_clause(verb):
    """Token range of the clause an "as" report is attached to, without the "as" clause."""
    head = verb.head
    if verb.i < head.i:
        return verb.right_edge.i + 1, head.right_edge.i
    return head.left_edge.i, verb.left_edge.i - 1


def is_parenthetical(verb, layout):
    """"The economy, he said, will grow": the report is inserted into the clause it reports (outside quotes, where
    the quote's own attribution already handles it)."""
    return verb.dep_ == "parataxis" and layout.quote_at(verb.head.idx) is None and verb.head.pos_ in ("VERB", "AUX")


def around_parenthetical(verb, layout):
    """The reported clause on each side of an inserted attribution: one statement per side, as for a quotation
    split by its attribution."""
    doc, head = verb.doc, verb.head
    first, last = same_paragraph(doc, layout, head.left_edge.i, head.right_edge.i, verb.i)
    # the parser may hang the clause's subject on the speaker as an apposition ("threatens Moscow, the risk ...")
    appositions = {t.i for child in verb.children for a in child.children if a.dep_ == "appos" for t in a.subtree}
    cue_last = max(t.i for t in verb.subtree if t.i not in appositions)
    parts = [(first, verb.left_edge.i - 1), (cue_last + 1, last)]
    # a part is reported content when it has a verb or the clause's subject, not when it is a bare adjunct
    # ("In the absence of results, threatens Moscow, ...")
    return [(start, end) for start, end in parts if start <= end and any(
        t.pos_ in ("VERB", "AUX") or (t.dep_ in SUBJECT_DEPS and t.head == head) for t in doc[start:end + 1])]
