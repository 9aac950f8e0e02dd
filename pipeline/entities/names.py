"""Name keys: names folded for accents, case, punctuation, titles and transliteration habits, and the language
pack's alias table of cross-language names, so that variants of one name compare equal."""

from functools import lru_cache
from typing import NamedTuple
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


def _given_name_forms(groups):
    """{name key: keys of the groups it belongs to} ("harry" is a Harold and a Henry)."""
    forms = {}
    for number, group in enumerate(groups):
        for name in group.split():
            forms.setdefault(fold_spelling(name), set()).add(number)
    return forms


@lru_cache(maxsize=None)
def name_words(text, person=False):
    """Words of a name (case kept) without a leading article, possessive, elided article, or (persons) titles."""
    folded = INITIAL_DOT.sub("", EN.pattern("elided_article").sub("", transliterate(" ".join(text.split()))))
    words = NAME_WORD.findall(EN.pattern("possessive_suffix").sub("", folded))
    if len(words) > 1 and words[0].lower() in EN.leading_articles:
        words = words[1:]
    while person and len(words) > 1 and words[0].lower() in PERSON_TITLES:
        words = words[1:]
    return tuple(compound_word(w, person) for w in words) or (text.casefold().strip(),)


def compound_word(word, person):
    """One comparison word of a hyphenated compound: "Co-operation" -> "Cooperation"; names joined by a hyphen
    are put in a fixed order so "Russia-NATO" and "NATO-Russia" agree. In a person's name each part is a word, as
    the name is also written without the hyphen ("Kim Jong-un" / "Kim Jong Un", "Jean-Claude" / "Jean Claude")."""
    parts = word.replace("'", "").split("-")
    if person:
        return " ".join(part for part in parts if part)
    if len(parts) > 1 and all(p[:1].isupper() for p in parts):
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
GIVEN_NAME_FORMS = _given_name_forms(sorted(EN.given_name_groups))
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


class PersonName(NamedTuple):
    given: str
    surname: str
    suffix: str | None  # generational: "jr", "iii"


def person_parts(text):
    """The given name, surname and generational suffix keys of a full person name ("Robert S. Mueller III": robert,
    mueller, iii), or None when the text is not a plain 2-5 word name. A hyphenated surname is one surname
    ("Daniel Day-Lewis" is no Lewis); a hyphenated given name still starts the name ("Kim Jong-un": kim)."""
    if not PERSON_NAME_TEXT.match(text.strip()):
        return None
    words = plain_key(name_words(text, person=True)).split()
    suffix = words.pop() if len(words) > 1 and words[-1] in EN.name_suffixes else None  # "Trump Jr." has no given name
    if not 2 <= len(words) <= 5:
        return None
    written = NAME_WORD.findall(transliterate(text))
    last_written = written[-2] if suffix and len(written) > 1 else written[-1]
    surname_start = max(1, len(words) - 1 - last_written.count("-"))
    while surname_start > 1 and words[surname_start - 1] in EN.name_particles:
        surname_start -= 1
    return PersonName(words[0], " ".join(words[surname_start:]), suffix)


def given_names_match(a, b):
    """Same given name up to spelling (Alexander/Alexandr), a short form (Rick / Richard) or an initial standing
    for it (J / John)."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= GIVEN_NAME_MIN_SCORE or bool(GIVEN_NAME_FORMS.get(a, {a}) & GIVEN_NAME_FORMS.get(b, {b}))


def acronym_of(words, with_function_words=False):
    """Initials of a multi-word name, function words skipped ("north", "atlantic", "treaty", ...) -> "nato") or
    kept as some acronyms keep them ("Department of Justice" -> "doj")."""
    letters = [w[0].lower() for w in " ".join(words).split()
               if with_function_words or w.lower() not in EN.acronym_skipped_words]
    return "".join(letters) if len(letters) >= 2 else None


def is_acronym_text(text):
    letters = INITIAL_DOT.sub("", text.strip())
    return 2 <= len(letters) <= ACRONYM_MAX_LENGTH and letters.isalpha() and letters.isupper()


def display_form(text):
    words = " ".join(text.split())
    if words.lower().startswith("the "):
        words = words[4:]
    return EN.pattern("possessive_suffix").sub("", words)
