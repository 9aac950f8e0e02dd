"""Entity mentions from spaCy NER, and their resolution into entities across the whole dataset.

Mentions are spaCy's named entities with a light, convention-driven span repair (CoNLL and our gold leave out
articles, possessives and titles). Resolution compares *keys*: names folded for accents, case, punctuation,
transliteration habits (Gruschko/Grushko, Peskow/Peskov, Dmitri/Dmitry, Donbass/Donbas) and a small table of
cross-language names (the language pack's alias table). Keys are then joined by evidence: person-name variants,
surname-only mentions (in the same article first, across articles only when one person fits), acronyms and their
expansions, and place adjectives with a landform ("Crimean Peninsula" / "Crimea"). A key is never joined just because it is
similar to another one, so different entities with close names ("Russia" / "Russian" / "Moscow") stay apart.

Modules: `mentions` (spans from the parse) after `labels` (labels corrected from the article's own evidence),
`names` (comparison keys), `resolve` (entities of the dataset) and `lookup` (the entity of a name as written).
"""

from pipeline.entities.labels import corrected_labels
from pipeline.entities.lookup import NameIndex
from pipeline.entities.mentions import KEPT_LABELS, extract_mentions
from pipeline.entities.resolve import resolve_entities

__all__ = ["KEPT_LABELS", "NameIndex", "corrected_labels", "extract_mentions", "resolve_entities"]
