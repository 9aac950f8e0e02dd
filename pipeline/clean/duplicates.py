"""Near-duplicate articles (the same wire story republished): MinHash LSH over word shingles."""

import re

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 128
NEAR_DUPLICATE_JACCARD = 0.8


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def find_near_duplicates(texts: list[str | None]) -> dict[int, int]:
    """{index: index of the earliest earlier text that it nearly duplicates} (MinHash LSH over word 5-shingles,
    estimated Jaccard >= 0.8). Empty texts are never duplicates."""
    index = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=MINHASH_PERMUTATIONS)
    duplicates = {}
    for position, text in enumerate(texts):
        if not (text or "").strip():
            continue
        signature = MinHash(num_perm=MINHASH_PERMUTATIONS)
        signature.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
        earlier = index.query(signature)
        if earlier:
            duplicates[position] = min(earlier)
        index.insert(position, signature)
    return duplicates
