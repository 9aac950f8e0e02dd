"""Echoes: a statement that puts a few of its speaker's words in quotation marks ("Trump called the suit
“frivolous and a disgrace”") reports the utterance those words appear in ("This lawsuit is frivolous and a disgrace,
Trump said"), however little else the two share. The marks say the words are the speaker's own, so a fragment found
word for word in another statement of that speaker, in the same story, is strong evidence of one utterance; a lead
paraphrase and the full quote further down the same article are found so too.
"""

import re
from collections import defaultdict

from pipeline.lang import fold

# Words in quotation marks inside a statement (mixed speech): the speaker's own words.
QUOTED_FRAGMENT = re.compile(r"[“\"«„‘]([^”\"»“‘’]+)[”\"»“’]")
# A fragment this short is a phrase many utterances share ("fake news"): it says nothing about which one.
MIN_ECHO_WORDS = 3


def words_of(text: str) -> tuple:
    return tuple(re.findall(r"\w+", fold(text)))


def quoted_fragments(text: str) -> list[tuple]:
    """The word sequences a statement quotes within it, long enough to identify an utterance."""
    found = (words_of(match.group(1)) for match in QUOTED_FRAGMENT.finditer(text))
    return [fragment for fragment in found if len(fragment) >= MIN_ECHO_WORDS]


def echo_pairs(texts: list[str], may_pair) -> set[tuple[int, int]]:
    """(i, j) with i < j where one statement quotes words found in the same order in the other, among pairs
    `may_pair(i, j)` accepts (the same speaker, the same story)."""
    words = [words_of(text) for text in texts]
    by_opening = defaultdict(set)  # the first MIN_ECHO_WORDS words of every position -> statements holding them
    for j, sequence in enumerate(words):
        for start in range(len(sequence) - MIN_ECHO_WORDS + 1):
            by_opening[sequence[start:start + MIN_ECHO_WORDS]].add(j)
    pairs = set()
    for i, text in enumerate(texts):
        for fragment in quoted_fragments(text):
            for j in by_opening.get(fragment[:MIN_ECHO_WORDS], ()):
                if j != i and _contains(words[j], fragment) and may_pair(i, j):
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def _contains(sequence: tuple, fragment: tuple) -> bool:
    width = len(fragment)
    return any(sequence[start:start + width] == fragment for start in range(len(sequence) - width + 1))
