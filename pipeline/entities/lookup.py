"""Finding the entity a free-text name refers to (a speaker as written), once entities are resolved."""

from collections import defaultdict

from rapidfuzz import fuzz, process

from pipeline.entities.names import name_key, person_parts

FUZZY_NAME_MIN_LENGTH = 8      # shorter names differ by one letter too often (Russia / Russian)
FUZZY_NAME_MIN_SCORE = 92


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
