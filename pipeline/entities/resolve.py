"""Entity resolution across the whole dataset: keys joined by evidence (person-name variants, surnames, acronyms,
short names, place adjectives), never by mere similarity."""

from collections import Counter, defaultdict

from pipeline.entities.names import (
    EN, KNOWN_ENTITIES, acronym_of, display_form, fold_spelling, given_names_match, is_acronym_text, mention_key,
    name_words, person_parts,
)
from pipeline.groups import Groups
from pipeline.ids import stable_id

# CoNLL class per label: an acronym and its expansion must name the same kind of thing.
CONLL_CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
# When label votes tie: spaCy sm takes unknown capitalised words for persons too readily (Kiev, Donbass, Twitter).
GENERIC_ORGANISATION_HEADS = {fold_spelling(word) for word in (
    EN.institution_heads | EN.organisation_nouns | EN.business_nouns | EN.body_nouns)}
# Kinds of names written short by one of their words.
SHORTENED_CLASSES = ("ORG", "LOC")
# A lone name shared by several people in the dataset names the one whose articles outnumber all the others'
# together this many times ("Trump" in 28 articles on Donald Trump and 2 on Melania Trump).
DOMINANT_PERSON_RATIO = 3
LABEL_PRIORITY = ("GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT",
                  "LANGUAGE")


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
    join_person_variants(people, docs_by_key, groups)
    join_acronyms(keys, mentions, majority, docs_by_key, groups)
    join_short_names(majority, docs_by_key, groups)
    join_place_adjectives(majority, groups)
    nodes, lone_nodes = mention_nodes(mentions, keys, majority, people, groups)

    members = defaultdict(list)
    for index, node in enumerate(nodes):
        members[groups.find(node)].append(index)
    entities, entity_ids = [], [None] * len(mentions)
    for indexes in members.values():
        # A lone name joined to a person is a vote for PERSON, whatever spaCy guessed for it.
        labels = ["PERSON" if nodes[i] in lone_nodes else mentions[i]["label"] for i in indexes]
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


def join_person_variants(people, docs_by_key, groups):
    """Join full names with the same surname key and matching given names (Dmitry/Dmitri, Alexander/Alexandr, Rick/
    Richard). Full given names are joined first; a name with only an initial joins only when one person fits it.
    Names whose generational suffixes differ ("Donald Trump" / "Donald Trump Jr.") join only when no article names
    both: an article naming both tells father and son apart, while outlets that drop "III" name one person."""
    by_surname = defaultdict(list)
    for key, person in sorted(people.items()):
        by_surname[person.surname].append((key, person))
    for named in by_surname.values():
        full = [(k, p) for k, p in named if len(p.given) > 1]
        # two suffixes written out ("Jr", "Sr") are two people; a suffix written by one outlet only may be dropped
        matching = [(key_a, key_b, a.suffix == b.suffix) for (key_a, a), (key_b, b) in pairs(full)
                    if given_names_match(a.given, b.given) and (a.suffix == b.suffix or None in (a.suffix, b.suffix))]
        for key_a, key_b, _ in (m for m in matching if m[2]):
            groups.union(key_a, key_b)
        for key_a, key_b, _ in (m for m in matching if not m[2]):
            if not _named_together(key_a, key_b, full, docs_by_key, groups):
                groups.union(key_a, key_b)
        for key, initial in ((k, p.given) for k, p in named if len(p.given) == 1):
            fitting = {groups.find(k) for k, p in full if p.given[0] == initial}
            if len(fitting) == 1:
                groups.union(key, fitting.pop())


def _named_together(key_a, key_b, named, docs_by_key, groups):
    """Whether some article names both the person of key_a and the person of key_b (any of their joined names)."""
    def docs(key):
        root = groups.find(key)
        return set().union(*(docs_by_key[k] for k, _ in named if groups.find(k) == root))
    return bool(docs(key_a) & docs(key_b))


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
            for initials in {acronym_of(name_words(written[key])),
                             acronym_of(name_words(written[key]), with_function_words=True)} - {None}:
                expansions[initials].append(key)
    acronyms = {key for mention, key in zip(mentions, keys)
                if " " not in key and is_acronym_text(mention["text"]) and majority[key] != "PERSON"}
    for acronym in sorted(acronyms):
        candidates = [k for k in expansions.get(acronym.lower(), ())
                      if CONLL_CLASS.get(majority[k], "MISC") == CONLL_CLASS.get(majority[acronym], "MISC")]
        join_to_the_one_fitting(acronym, candidates, docs_by_key, groups)


def join_short_names(majority, docs_by_key, groups):
    """Join a one-word short name to the one longer name of the same kind it shortens, preferring names in its
    articles: an organisation by its first or last word ("Halden" -> "Halden Bank", "the Times" -> "The New York
    Times"), a place by its first word when the recogniser did not take that word for a place of its own ("the
    North" -> "North Korea"; "Mexico" is not "Mexico City"). A longer name whose first and last words are both names
    of that kind on their own ("GMT Carnival", "Ant & Dec") joins two names, not a name and its short form."""
    standalone = {(CONLL_CLASS.get(label), key) for key, label in majority.items() if " " not in key}
    shortened = defaultdict(list)  # (class, word) -> longer names
    for key in sorted(majority):
        kind, words = CONLL_CLASS.get(majority[key]), key.split()
        if kind not in SHORTENED_CLASSES or len(words) < 2:
            continue
        # a generic head ("Group", "Institute") is no short name of "Menatep Group" or "American Film Institute"
        ends = [words[0]] + ([words[-1]] if kind == "ORG" and words[-1] not in GENERIC_ORGANISATION_HEADS else [])
        if (kind, words[0]) in standalone and (kind, words[-1]) in standalone:
            continue
        for word in ends:
            shortened[(kind, word)].append(key)
    for key in sorted(k for k in majority if " " not in k and k not in KNOWN_ENTITIES):
        kind = CONLL_CLASS.get(majority[key])
        if kind not in SHORTENED_CLASSES or (kind == "LOC" and majority[key] == "GPE"):
            continue
        join_to_the_one_fitting(key, shortened.get((kind, key), []), docs_by_key, groups)


def join_to_the_one_fitting(key, candidates, docs_by_key, groups):
    """Join `key` to the entity its candidate names make up when they make up one, counting only candidates that
    share an article with it when some do; among several, to the one named in every article that has `key` ("the
    North" beside "North Korea" in each, "North and South Korea" in one)."""
    nearby = [k for k in candidates if docs_by_key[k] & docs_by_key[key]]
    roots = {groups.find(k) for k in (nearby or candidates)}
    if len(roots) > 1:
        docs_of = defaultdict(set)
        for k in nearby:
            docs_of[groups.find(k)] |= docs_by_key[k]
        roots = {root for root, docs in docs_of.items() if docs_by_key[key] <= docs}
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


def mention_nodes(mentions, keys, majority, people, groups):
    """The union-find node of each mention, and the nodes of lone names joined to a person.

    A lone name (one word, written without "the": "The Hague" is not William Hague) that is someone's surname, or
    the first word of a name whose bearer goes by it ("Kim" for Kim Jong Un, "Donald" in an article on Donald
    Trump), gets a node per article and title. It joins the one person of that name the article names in full;
    else, when the article or the dataset reads it as a person and it is nobody's given name ("Gordon" may be Gordon Brown as well
    as Craig Gordon), the one person of that name in the dataset, or the one whose articles far outnumber the
    others' ("Trump" for Donald Trump rather than Melania Trump). A title decides between them first ("President
    Trump", "Mrs Trump"), also against the one named in the article. Otherwise it stays the plain name, so
    "Washington" the city is not taken for a George Washington.
    """
    people_by_name = defaultdict(set)
    given_names = set()
    for key, person in people.items():
        people_by_name[person.surname].add(key)
        given_names.add(person.given)
    for key, person in people.items():
        if person.given not in people_by_name:  # a first word nobody bears as a surname
            people_by_name[("first", person.given)].add(key)
    people_in_doc = defaultdict(set)
    doc_labels = defaultdict(Counter)
    titles = defaultdict(set)  # person key -> titles written before their full name
    for mention, key in zip(mentions, keys):
        if key in people:
            people_in_doc[mention["source_id"]].add(key)
            if mention.get("title"):
                titles[key].add(mention["title"])
        doc_labels[(mention["source_id"], key)][mention["label"]] += 1
    resolver = LoneNames(people_by_name, people_in_doc, titles, groups)

    nodes, lone_nodes = [None] * len(mentions), set()
    # titled mentions first: an article's "President Trump" tells who its untitled "Trump" may also be
    for index in sorted(range(len(mentions)), key=lambda i: not mentions[i].get("title")):
        mention, key = mentions[index], keys[index]
        reads_as_person_here = top_label(doc_labels[(mention["source_id"], key)]) == "PERSON"
        # a given name is someone only where the article reads it as a person ("Cameroon" is not Cameron Mackintosh)
        candidates = people_by_name.get(key) or (people_by_name.get(("first", key)) if reads_as_person_here else None)
        if key in people or not candidates or display_form(mention["text"]) != mention["text"]:
            nodes[index] = key
            continue
        node = ("lone", mention["source_id"], key, mention.get("title"))
        if node not in groups.parent:
            # "the Trump administration" is tagged ORG, but the name is a person's in most articles
            reads_as_person = reads_as_person_here or majority[key] == "PERSON" or bool(node[3])
            person = resolver.person(mention["source_id"], key, candidates, node[3],
                                     may_go_beyond=reads_as_person and key not in given_names)
            groups.union(node, person or key)
            if person:
                lone_nodes.add(node)
        nodes[index] = node
    return nodes, lone_nodes


class LoneNames:
    """Who a lone name is, among the people it may name (see `mention_nodes`)."""

    def __init__(self, people_by_name, people_in_doc, titles, groups):
        self.people_in_doc = people_in_doc
        self.groups = groups
        self.titles = defaultdict(set)  # person (root) -> titles
        self.docs = defaultdict(set)  # person (root) -> articles naming them in full
        self.titled_here = defaultdict(set)  # (article, name) -> people its titled mentions of the name are
        for key, found in titles.items():
            self.titles[groups.find(key)] |= found
        for doc, keys in people_in_doc.items():
            for key in keys:
                self.docs[groups.find(key)].add(doc)

    def person(self, doc, name, candidates, title, may_go_beyond):
        """The root of the person a lone `name` in `doc` (written after `title`) is, or None."""
        found = self._person(doc, name, candidates, title, may_go_beyond)
        if found is not None and title:
            self.titled_here[(doc, name)].add(found)
        return found

    def _person(self, doc, name, candidates, title, may_go_beyond):
        roots = {self.groups.find(k) for k in candidates}
        in_doc = {self.groups.find(k) for k in candidates & self.people_in_doc[doc]}
        if not title:  # "first lady Melania Trump" named in full, "President Trump" by title: "Trump" may be either
            in_doc |= {self.groups.find(r) for r in self.titled_here[(doc, name)]}
        titled = {r for r in roots if title in self.titles[r]} if title else set()
        if len(in_doc) == 1 and (not titled or in_doc <= titled):
            return in_doc.pop()
        if len(titled) == 1:
            return titled.pop()
        if in_doc:  # "Donald Trump" and "Donald Trump Jr." named in full: "Trump" is the one far more in the news
            return self._dominant(in_doc)
        return self._dominant(roots) if may_go_beyond else None

    def _dominant(self, roots):
        ranked = sorted(roots, key=lambda r: (-len(self.docs[r]), r))
        if len(ranked) == 1 or len(self.docs[ranked[0]]) >= DOMINANT_PERSON_RATIO * sum(
                len(self.docs[r]) for r in ranked[1:]):
            return ranked[0]
        return None


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
