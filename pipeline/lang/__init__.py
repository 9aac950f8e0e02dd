"""Language packs: the words and patterns of a language as data, in `pipeline/lang/<code>/`.

A pack is a folder named by an ISO 639-1 code holding `pack.yaml` (the language's name and the spaCy pipeline that
parses it) and data files (`*.yaml`). Each data file maps lexicon names to a list (a word set), a mapping (a table)
or, in a table named `<topic>_patterns`, regular expressions (flags inline, as `(?i)`; `${name}` stands for
another pattern or a lexicon's words). Rules ask the pack (`EN.reporting_verbs`, `EN.word("complementiser")`,
`EN.pattern("age_description")`) and never compare a token with a literal word. A new language is a new folder,
as in spaCy's `spacy/lang/<code>/`; articles in a language without a pack get no statements from another
language's rules. `pipeline.lang.nlp` loads a pack's spaCy pipeline, once per process.
"""

import re
from functools import lru_cache
from pathlib import Path

import yaml
from unidecode import unidecode

PACKS_FOLDER = Path(__file__).resolve().parent
PACK_FILE = "pack.yaml"
# Tables of regular expressions are named "<topic>_patterns"; "${name}" inside one stands for another pattern or a
# lexicon's words.
PATTERNS_SUFFIX = "_patterns"
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def transliterate(text: str) -> str:
    """`text` in ASCII letters, case kept ("Grushkó" -> "Grushko", "Støre" -> "Store")."""
    return unidecode(text)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The one fold for comparing words and names: `transliterate`d and lower case ("Grushkó" -> "grushko",
    "Støre" -> "store")."""
    return transliterate(text).lower()


class LanguagePack:
    """One language's lexicons, loaded once from its folder; attribute access gives a lexicon by name."""

    def __init__(self, folder: Path):
        meta = yaml.safe_load((folder / PACK_FILE).read_text(encoding="utf-8"))
        self.code = folder.name
        self.name = meta["name"]
        self.model = meta.get("model")
        self._lexicons = {}
        defined_in = {}
        for path in sorted(folder.glob("*.yaml")):
            if path.name == PACK_FILE:
                continue
            for name, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
                if name in defined_in:
                    raise ValueError(f"language pack {self.code}: {name} is defined in both {defined_in[name]} and "
                                     f"{path.name}")
                defined_in[name] = path.name
                self._lexicons[name] = _as_lexicon(value)
        sources = {name: source for table, patterns in self._lexicons.items() if table.endswith(PATTERNS_SUFFIX)
                   for name, source in patterns.items()}
        self._patterns = {name: re.compile(self._expand(source, sources)) for name, source in sources.items()}

    def _expand(self, source, sources, depth=0):
        """A pattern's source with each ${name} replaced by another pattern's expanded source or by the words of a
        lexicon (the keys of a table) as an alternation, each as a non-capturing group."""
        if depth > len(sources):
            raise ValueError(f"language pack {self.code}: patterns refer to each other in a circle: {source}")

        def part(match):
            name = match.group(1)
            if name in sources:
                return f"(?:{self._expand(sources[name], sources, depth + 1)})"
            if name in self._lexicons:
                return f"(?:{alternation(self._lexicons[name])})"
            raise ValueError(f"language pack {self.code}: pattern refers to unknown ${{{name}}}")

        return PLACEHOLDER.sub(part, source)

    def __getattr__(self, name):
        try:
            return self.__dict__["_lexicons"][name]
        except KeyError:
            raise AttributeError(f"language pack {self.__dict__.get('code')!r} has no lexicon {name!r}") from None

    def word(self, role: str) -> str:
        """The function word that plays `role` ("complementiser" -> "that")."""
        return self._lexicons["words"][role]

    def pattern(self, name: str) -> re.Pattern:
        return self._patterns[name]

    def __repr__(self):
        return f"LanguagePack({self.code!r})"


def _as_lexicon(value):
    """A list of words becomes a word set; a list of records or pairs (the alias table, ordered spelling folds) stays
    a list."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return frozenset(value)
    return value


def alternation(words) -> str:
    """A regular-expression alternation of literal words, longest first so that a longer one wins ("information
    from" before "from")."""
    return "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def registered_packs() -> dict[str, LanguagePack]:
    """Every pack, by language code: one per folder holding a pack.yaml."""
    return {folder.name: LanguagePack(folder) for folder in sorted(PACKS_FOLDER.iterdir())
            if (folder / PACK_FILE).is_file()}


def language_pack(code: str | None) -> LanguagePack | None:
    """The pack of a language code ("en"), or None when there is none."""
    return registered_packs().get(code or "")
