"""How surely two statements render one utterance: weighted word coverage both ways, fuzzy variants, and the
evidence that their speakers are one."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
import math

from rapidfuzz.distance import Levenshtein

# Without a known common speaker the words alone must carry the decision, so their similarity is discounted
# (with unknown speakers, short generic quotes of unrelated people otherwise link across a large collection).
UNCONFIRMED_SPEAKER_DISCOUNT = 0.76
# Without a confirmed common speaker, two shared words are often a stock phrase ("a little bit", "waiting lists"):
# such pairs need this many shared lemmas.
MIN_SHARED_LEMMAS_WITHOUT_SPEAKER = 3
# A statement whose words appear word for word in another one's, in order, is a quotation of the same words, however
# few content words it has ("We will not back down on steel"), provided it is this long and the speakers agree.
MIN_VERBATIM_WORDS = 5
IDF_POWER = 2
# Fuzzy token match: the credit given to a morphological variant or a typo instead of an identical lemma.
VARIANT_CREDIT = 0.8
MIN_VARIANT_PREFIX = 4
# A stem shorter than this matches unrelated words ("state" / "station").
MIN_VARIANT_STEM = 5
MAX_VARIANT_EDIT_RATIO = 0.2
# A statement contained in a longer rendering of the same utterance (a fragment quoted from a fuller report)
# counts as a match only if it has enough content words not to be contained by accident.
MIN_CONTAINED_LEMMAS = 4
MIN_CONTAINED_COVERAGE = 0.75


@dataclass(frozen=True)
class Profile:
    """What the similarity needs to know about one statement, or one clause of a statement matched on its own."""

    index: int
    statement: int  # the statement it is (part of)
    source: str | tuple  # the sources of a published cluster, taken as one report
    published: date | None
    speaker_id: str | None
    speaker_bodies: frozenset  # organisations or countries the speaker is introduced as speaking for
    speaker_words: frozenset
    lemmas: frozenset
    words: tuple  # the statement's words, lower-cased and ASCII-folded, in order
    story: str | None = None  # the story its article reports


def statement_similarity(left: frozenset, right: frozenset, weights: dict) -> float:
    """How surely two lemma sets render the same utterance, in [0, 1].

    The geometric mean of the two weighted coverages (how much of each side the other one covers) rewards
    paraphrases; the larger coverage rewards a fragment quoted from a longer rendering, provided the fragment is
    long enough not to be contained by accident.
    """
    if not left or not right:
        return 0.0
    left_coverage = _weighted_coverage(left, right, weights)
    right_coverage = _weighted_coverage(right, left, weights)
    score = math.sqrt(left_coverage * right_coverage)
    contained_coverage = max(left_coverage, right_coverage)
    if min(len(left), len(right)) >= MIN_CONTAINED_LEMMAS and contained_coverage >= MIN_CONTAINED_COVERAGE:
        score = max(score, 0.5 * (score + contained_coverage))
    return score


def evidence_weighted_similarity(first: Profile, second: Profile, weights: dict) -> float:
    """The word similarity, trusted less when nothing confirms that the two statements have one speaker; 1 for the
    same words quoted from the same speaker."""
    score = statement_similarity(first.lemmas, second.lemmas, weights)
    if speaker_agreement(first, second) == "same":
        return 1.0 if is_verbatim(first.words, second.words) else score
    if len(first.lemmas & second.lemmas) < MIN_SHARED_LEMMAS_WITHOUT_SPEAKER:
        return 0.0
    return score * UNCONFIRMED_SPEAKER_DISCOUNT


def speaker_agreement(first: Profile, second: Profile) -> str:
    """"same", "different" or "unknown": by entity ids when both have one (an organisation and the person who
    speaks for it, as one outlet writes "NATO warned" and another "NATO's Secretary General warned", agree), else
    by shared name words."""
    if first.speaker_id and second.speaker_id:
        speaks_for = first.speaker_id in second.speaker_bodies or second.speaker_id in first.speaker_bodies
        return "same" if first.speaker_id == second.speaker_id or speaks_for else "different"
    if first.speaker_words and second.speaker_words:
        return "same" if first.speaker_words & second.speaker_words else "different"
    return "unknown"


def idf_weights(lemma_sets) -> dict:
    """How rare each lemma is among `lemma_sets` (profiles' lemmas, or statements'), as a weight."""
    document_count = Counter(lemma for lemmas in lemma_sets for lemma in lemmas)
    total = len(lemma_sets)
    return {lemma: (math.log((total + 1) / (count + 1)) + 1.0) ** IDF_POWER for lemma, count in document_count.items()}


def is_verbatim(first: tuple, second: tuple) -> bool:
    """Whether the shorter word sequence, long enough, appears whole and in order in the longer one."""
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) < MIN_VERBATIM_WORDS:
        return False
    return any(longer[start:start + len(shorter)] == shorter for start in range(len(longer) - len(shorter) + 1))


def _total_weight(lemmas: frozenset, weights: dict) -> float:
    return sum(weights.get(lemma, 1.0) for lemma in lemmas)


def _weighted_coverage(lemmas: frozenset, other: frozenset, weights: dict) -> float:
    """Share of the IDF weight of `lemmas` that has an identical or variant lemma in `other`."""
    covered = sum(weights.get(lemma, 1.0) * _best_match(lemma, other) for lemma in lemmas)
    return covered / _total_weight(lemmas, weights)


def _best_match(lemma: str, other: frozenset) -> float:
    if lemma in other:
        return 1.0
    return VARIANT_CREDIT if any(_is_variant(lemma, candidate) for candidate in other) else 0.0


def _is_variant(first: str, second: str) -> bool:
    """Morphological variants ("fail"/"failure", "easy"/"easily") or translation typos ("securitya"/"security").

    Both kinds keep the first letters, which makes the check cheap to reject."""
    if first[:2] != second[:2] or first.isdigit() or second.isdigit():
        return False
    shorter, longer = sorted((first, second), key=len)
    stem = shorter[:-1] + "i" if shorter.endswith("y") else shorter
    if len(shorter) >= MIN_VARIANT_PREFIX and (longer.startswith(shorter) or longer.startswith(stem)):
        return True
    # a silent "e" dropped before a suffix: "refuse"/"refusal", "escalate"/"escalation"
    if shorter.endswith("e") and len(shorter) > MIN_VARIANT_STEM and longer.startswith(shorter[:-1]):
        return True
    return len(shorter) > 4 and Levenshtein.normalized_distance(first, second) <= MAX_VARIANT_EDIT_RATIO
