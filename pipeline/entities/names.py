"""Name keys: names folded for accents, case, punctuation, titles and transliteration habits, and the language
pack's alias table of cross-language names, so that variants of one name compare equal."""

from functools import lru_cache
import re

from rapidfuzz import fuzz

from pipeline.lang import language_pack, transliterate

EN = language_pack("en")
# Titles are cut from person mentions; styles too are ignored when comparing person names (see people.yaml).
PERSON_TITLES = EN.name_titles | EN.style_titles
# Letters and digits of a name; a hyphenated compound stays one word ("NATO-Russia", "Co-operation").
# An inner apostrophe stays in the word too ("O'Gara").
NAME_WORD = re.compile(r"[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*")
# Dots of initialisms ("U.S.A.", "J. Smith") are not word breaks.
INITIAL_DOT = re.compile(r"(?<=\b[A-Za-z])\.")
# A person's full name: 2 to 5 name words and nothing else (photo credits like "Name / Agency" are not names).
PERSON_NAME_TEXT = re.compile(r"^[^\W\d_][\w.'\u2019 -]*$")
DOUBLED_LETTER = re.compile(r"([a-z])\1+")
DOUBLED_LETTER_MIN_LENGTH = 6  # Donbass/Donbas, but Scott is not Scot
ACRONYM_MAX_LENGTH = 6
GIVEN_NAME_MIN_SCORE = 85      # Alexander / Alexandr (94) but not John / Jane (50)


@lru_cache(maxsize=None)
def name_words(text, person=False):
    """Words of a name (case kept) without a leading article, possessive, elided article, or (persons) titles."""
    folded = INITIAL_DOT.sub("", EN.pattern("elided_article").sub("", transliterate(" ".join(text.split()))))
    words = NAME_WORD.findall(EN.pattern("possessive_suffix").sub("", folded))
    if len(words) > 1 and words[0].lower() in EN.leading_articles:
        words = words[1:]
    while person and len(words) > 1 and words[0].lower() in PERSON_TITLES:
        words = words[1:]
    return tuple(compound_word(w, keep_order=person) for w in words) or (text.casefold().strip(),)


def compound_word(word, keep_order):
    """One comparison word of a hyphenated compound: "Co-operation" -> "Cooperation"; names joined by a hyphen
    are put in a fixed order so "Russia-NATO" and "NATO-Russia" agree (not for persons: "Jean-Claude")."""
    parts = word.replace("'", "").split("-")
    if not keep_order and len(parts) > 1 and all(p[:1].isupper() for p in parts):
        return " ".join(sorted(parts, key=str.lower))
    return "".join(parts)


@lru_cache(maxsize=None)
def fold_spelling(word):
    """A word lowercased, with transliteration and spelling habits folded (gruschko/grushko, peskow/peskov,
    dmitri/dmitry, donbass/donbas). Short all-caps words are acronyms and are only lowercased (EEUU is not EU)."""
    if word.isupper() and len(word) <= ACRONYM_MAX_LENGTH:
        return word.lower()
    word = word.lower()
    for before, after in EN.spelling_folds:
        word = word.replace(before, after)
    return DOUBLED_LETTER.sub(r"\1", word) if len(word) >= DOUBLED_LETTER_MIN_LENGTH else word


def plain_key(words):
    return " ".join(fold_spelling(w) for w in " ".join(words).split())


def load_alias_table(entries=EN.alias_table):
    """From the language pack's alias table: alias key -> canonical key, canonical key -> (name, type), and
    written form -> type."""
    canonical, known, form_types = {}, {}, {}
    for entry in entries:
        target = plain_key(name_words(entry["name"]))
        known[target] = (entry["name"], entry["type"])
        for form in (entry["name"], *entry["aliases"]):
            canonical[plain_key(name_words(form))] = target
            form_types[form] = entry["type"]
    return canonical, known, form_types


ALIAS_KEYS, KNOWN_ENTITIES, KNOWN_FORM_TYPES = load_alias_table()
# Longest forms first so "U.S.A." is matched whole rather than as "U.S".
KNOWN_FORM_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(KNOWN_FORM_TYPES, key=len, reverse=True)) + r")(?!\w)")


@lru_cache(maxsize=None)
def name_key(text: str, person: bool = False, group: bool = False) -> str:
    """Comparison key of a name. `person` drops leading titles; `group` (NORP) folds a plural ("Russians")."""
    words = list(name_words(text, person))
    if plain_key(words) in ALIAS_KEYS:  # a known plural name ("the Tories") before any folding
        return ALIAS_KEYS[plain_key(words)]
    if group and len(words[-1]) > 4 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]
    key = plain_key(words)
    return ALIAS_KEYS.get(key, key)


def mention_key(mention):
    return name_key(mention["text"], person=mention["label"] == "PERSON", group=mention["label"] == "NORP")


def person_parts(text):
    """(given name, surname) keys of a full person name, or None when the text is not a plain 2-5 word name."""
    if not PERSON_NAME_TEXT.match(text.strip()):
        return None
    words = plain_key(name_words(text, person=True)).split()
    if not 2 <= len(words) <= 5:
        return None
    surname_start = len(words) - 1
    while surname_start > 1 and words[surname_start - 1] in EN.name_particles:
        surname_start -= 1
    return words[0], " ".join(words[surname_start:])


def given_names_match(a, b):
    """Same given name up to spelling (Alexander/Alexandr) or an initial standing for it (J / John)."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= GIVEN_NAME_MIN_SCORE


def acronym_of(words):
    """Initials of a multi-word name, function words skipped: ("north", "atlantic", "treaty", ...) -> "nato"."""
    letters = [w[0].lower() for w in " ".join(words).split() if w.lower() not in EN.acronym_skipped_words]
    return "".join(letters) if len(letters) >= 2 else None


def is_acronym_text(text):
    letters = INITIAL_DOT.sub("", text.strip())
    return 2 <= len(letters) <= ACRONYM_MAX_LENGTH and letters.isalpha() and letters.isupper()


def display_form(text):
    words = " ".join(text.split())
    if words.lower().startswith("the "):
        words = words[4:]
    return EN.pattern("possessive_suffix").sub("", words)
