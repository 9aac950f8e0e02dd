"""Speaker resolution: names to their fullest form, pronouns and descriptions to the person or body meant."""

from pipeline.lang import fold
from pipeline.quotes.marks import QUOTE_MARKS
from pipeline.quotes.people import clean_person, is_person_entity, is_personal_honorific, names_head
from pipeline.quotes.sources import author_of, issuer_of
from pipeline.quotes.syntax import SUBJECT_DEPS, noun_phrase_range, proper_name
from pipeline.quotes.words import EN, ORGANISATION_NOUNS, PERSON_NOUNS

ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})


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
        people = sorted((e for e in self.context.layout.ents if (e.start <= head.i < e.end or (
                            phrase.start <= e.start and e.end <= phrase.end and e.root.dep_ == "appos"
                            and _describes(e.root, head))) and is_person_entity(e)),
                        key=lambda e: not e.start <= head.i < e.end)
        if people:
            person = clean_person(people[0])
            if person is not None:
                return self.context.fullest_of(person)
        naming = [t for t in phrase if t.pos_ == "PROPN" and names_head(t, head)]
        for token in sorted(naming, key=lambda t: t != head):
            known = self.context.fullest(fold(token.text))
            if known is not None:
                return known
        if fold(head.lemma_) in PERSON_NOUNS:
            name = self._name_set_off(phrase, is_person_entity)
            person = clean_person(name) if name is not None else None
            if person is not None:
                return self.context.fullest_of(person)
        return None

    def _name_set_off(self, phrase, is_kind):
        """A name of the kind `is_kind` accepts, set off by commas at the end of a description or right after it
        ("the chief of the firemen of the county, Rosa Delgado, said", "The company that runs the AMAs, Dick Clark
        Productions, denies"): an apposition the parser attached to the wrong word or to none."""
        doc = self.doc
        end = phrase.end - 1 if doc[phrase.end - 1].text == "," else phrase.end
        for e in self.context.layout.ents:
            inside = phrase.start + 1 < e.start and e.end == end  # "..., the AMAs, Dick Clark Productions,"
            after = e.start == phrase.end + 1 and end == phrase.end  # "... the county, Rosa Delgado,"
            if (inside or after) and doc[e.start - 1].text == "," and is_kind(e) and (
                    e.end >= len(doc) or doc[e.end].text in (",", ".")):
                return e
        return None

    def resolve(self, head):
        """(speaker_ref span or None, is_person), is_person None when unknown."""
        first, last = noun_phrase_range(head, self.context.layout)
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
        entity = next((e for e in self.context.layout.ents if e.start <= head.i < e.end and e.label_ in ORG_LABELS
                       and not is_person_entity(e)), None)
        named = _apposed_name(head)
        if entity is None and fold(head.lemma_) in ORGANISATION_NOUNS | EN.body_nouns:
            # "The group that owns her music, Big Machine, says": the name in apposition, whatever its tag
            if named is not None:
                named_entity = next((e for e in self.context.layout.ents if e.start <= named.i < e.end), None)
                return (named_entity if named_entity is not None else proper_name(named)), False
            named_entity = self._name_set_off(phrase, lambda e: e.label_ in ORG_LABELS and not is_person_entity(e))
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
        author = author_of(research)
        if author is None and is_definite:
            # back through "the study" mentions to the one that introduced it, if it named its author
            layout = self.context.layout
            for earlier in reversed(self.doc[:research.i]):
                if (earlier.lemma_.lower() != research.lemma_.lower() or earlier.pos_ != "NOUN"
                        or layout.quote_at(earlier.idx) is not None):
                    continue  # not "the BBC's World Business Report"
                author = author_of(earlier)
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
            owner = issuer_of(earlier, layout)
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
                name = proper_name(token)
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
        owner = next((e for e in self.context.layout.ents if e.label_ in (("ORG",) if is_kind else ("ORG", "GPE"))
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
        author = author_of(head) if head_lemma in EN.report_medium_nouns else None
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
            return proper_name(named), True  # "The director of the film, Vinod Pande": a name the recogniser missed
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
            name = proper_name(head)
            before = head.doc[name.start - 1] if name.start > 0 else None
            titled = any(is_personal_honorific(t) for t in [before, *name] if t is not None)
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
