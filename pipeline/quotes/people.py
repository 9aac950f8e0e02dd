"""People in one article: clean names, surnames, titles and genders, and the context speakers are resolved in."""

from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

from pipeline.lang import fold
from pipeline.quotes.syntax import MAX_TITLE_TOKENS, SUBJECT_DEPS
from pipeline.quotes.words import EN, PERSON_NOUNS

# Dependencies that keep a word inside the name of the noun it hangs on ("Mr Jackson", "the singer, Jackson").
NAME_DEPS = frozenset({"compound", "appos", "flat", "nmod"})
# Parts of speech a capitalised word in a name cannot have ("Describing Mr Jackson" starts with a verb).
NON_NAME_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "ADV"})
# Surnames this long that differ by one letter are one person's name misspelt ("Hassell", "Hassall").
MIN_VARIANT_SURNAME = 5
# Given names are compared by their first letters, so transliterations agree ("Alexandr", "Alexander").
GIVEN_NAME_PREFIX = 4


def is_person_entity(ent):
    """A PERSON entity, or a name the recogniser gave another label although an honorific starts it ("Mr Pande")."""
    return ent.label_ == "PERSON" or is_personal_honorific(ent[0])


def is_personal_honorific(token):
    return fold(token.text).rstrip(".") in EN.personal_honorifics


def _is_name_token(token):
    is_alphabetic = token.text.replace("'", "").replace("’", "").isalpha()  # "O'Brien"
    is_capitalised_name = token.pos_ == "PROPN" or (token.is_title and token.pos_ not in NON_NAME_POS)
    if token.text == "-" or (is_alphabetic and is_capitalised_name):
        return True
    # Particles inside names: "Nick Van den Brul", "Ursula von der Leyen".
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.is_lower and len(token) <= 3 and following is not None and following.pos_ == "PROPN"


def clean_person(ent):
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
        for ent in layout.ents:
            if not is_person_entity(ent):
                continue
            person = clean_person(ent)
            if person is None:
                continue
            key = _surname_key(person)
            self.people[key].append(person)
            self.profiles[key].append((person.start_char, self._title_words(person)))
            # bylines and headings are not part of the story's discourse: nobody there is a pronoun's antecedent
            if layout.quote_at(person.start_char) is None and not layout.is_heading(person.start_char):
                self.mentioned_people.append((person.start_char, person))
                if self._is_subject(person):
                    self.subject_people.append((person.start_char, person))
        self._add_untagged_subjects()
        self.genders = self._gender_evidence()
        # A known surname tagged ORG ("Stoltenberg noted") is that person, not an organisation.
        self.orgs = [e for e in layout.ents if e.label_ == "ORG" and layout.quote_at(e.start_char) is None
                     and _surname_key(e) not in self.people]
        self.subject_orgs = [(e.start_char, e) for e in self.orgs if self._is_subject(e)]

    def _add_untagged_subjects(self):
        """A known surname the recogniser did not tag, acting as a subject ("Farouk accepted that ..."), is that
        person acting too."""
        tagged = {t.i for e in self.layout.ents for t in e}
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
            if ref in genders or sum(is_person_entity(e) for e in sentence.ents) != 1:
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
        if not given:
            same = [s for s in same if len(s) == 1 or self._may_be(person, s)]
        fullest = max(same, key=lambda s: (len(s), -s.start_char)) if same else person
        if len(fullest) == 1 and not given:  # a surname seen alone may be someone's misspelt (see `fullest`)
            return self.fullest(key) or fullest
        return fullest

    def _may_be(self, person, named):
        """Whether a lone surname's title or honorific allows it to be the person the article names in full: after
        "first lady Melania Trump", "President Trump" and "Mr Trump" are another Trump, not named in full here."""
        written = [t for t in person.doc[max(0, person.start - 1):person.end - 1]]  # "President Trump", "Mr Trump"
        titles = (self._title_words(person) | {fold(t.lemma_) for t in written if fold(t.lemma_) in PERSON_NOUNS}
                  ) - EN.honorific_genders.keys()
        if titles and not titles & self._title_words(named):
            return False
        marked = next((EN.honorific_genders[w] for w in (fold(t.text).rstrip(".") for t in written)
                       if EN.honorific_genders.get(w)), None)
        known = getattr(self, "genders", {}).get(named.text)  # not known yet while genders are gathered
        return not (marked and known and marked != known)


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
        return next((e for e in self.layout.ents if e.label_ == "GPE" and e.text in names), None)


def names_head(token, head):
    """Whether `token` is part of the head's own name ("Mr Jackson", "the singer Jackson"), not of a possessor or
    modifier ("Jackson's mother", "a motion by Mr Jackson's lawyers" name someone else)."""
    while token != head:
        if token.dep_ not in NAME_DEPS:
            return False
        token = token.head
    return True
