"""Entity resolution across the whole dataset: keys joined by evidence (person-name variants, surnames, acronyms,
short names, place adjectives), never by mere similarity."""

from collections import Counter, defaultdict

from pipeline.entities.names import (
    EN, KNOWN_ENTITIES, acronym_of, display_form, given_names_match, is_acronym_text, mention_key, name_words,
    person_parts,
)
from pipeline.groups import Groups
from pipeline.ids import stable_id

# CoNLL class per label: an acronym and its expansion must name the same kind of thing.
CONLL_CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
# When label votes tie: spaCy sm takes unknown capitalised words for persons too readily (Kiev, Donbass, Twitter).
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
