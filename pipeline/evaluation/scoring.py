"""Score our tables against human annotations: statements, entity links, statement clusters.

These are our own implementations of the definitions used by the reference scorers that come with the gold set
(score_statements.py, score_entity_links.py, score_clusters.py); they must give the same figures on the same data.

Shared conventions:
- Document ids are file stems: a directory part and a ".txt" extension are dropped ("x/001_ab.txt" -> "001_ab").
- Text offsets are Python str indices, spans half-open [start, end).
- Words are runs of \\w after folding (accents removed, typographic quotes/dashes made plain, lower case).
- Pairwise scores count pairs of items put in one group by the gold and/or by the prediction.
"""

import bisect
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import pandas as pd

WORD = re.compile(r"\w+")

# Typographic characters mapped to their plain form before comparing texts (MT output mixes both freely).
PLAIN_FORMS = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
               "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
               "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ",
               "\u2026": "...", "\u200b": ""}

# Speaker names: tokens too common to identify anyone, and pronouns that are never a surname.
NAME_FILLERS = {"the", "a", "an", "of", "and", "to", "in", "for", "on", "at", "s"}
PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "his", "she", "her", "it", "its", "they",
            "them", "their", "this", "that", "who", "one"}
NOT_SURNAMES = NAME_FILLERS | PRONOUNS

# GenderGapTracker's rule: a prediction matches a gold quote when it covers more than this share of its characters.
GGT_THRESHOLDS = {"ggt03_f1": 0.3, "ggt08_f1": 0.8}
CLUSTER_MATCH_THRESHOLD = 0.5
POSSESSIVE_END = re.compile(r"(?:['\u2019]s|['\u2019])$")


# ------------------------------------------------------------------ loading and normalising
def load_jsonl(path) -> list[dict]:
    """Rows of a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_missing(value) -> bool:
    """None, NaN or pandas' NA: the ways a table says 'no value'."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def normalise_doc_id(value) -> str | None:
    """File stem of a document reference ("dir/001_ab.txt" -> "001_ab"); None when missing."""
    if is_missing(value):
        return None
    name = os.path.basename(str(value).strip())
    return name[:-4] if name.lower().endswith(".txt") else name


def as_offset(value) -> int | None:
    """An int offset, or None for anything missing or not a number ("", "null", NaN)."""
    if is_missing(value):
        return None
    if isinstance(value, str) and value.strip().lower() in ("", "none", "null", "nan"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def fold_char(char: str) -> str:
    """Plain, unaccented, lower-case form of one character (may be empty or several characters)."""
    plain = PLAIN_FORMS.get(char)
    if plain is None:
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return plain.lower()


def fold_text(text: str) -> str:
    return "".join(fold_char(char) for char in text)


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """Folded text with whitespace runs squeezed to one space (none at the start), and for every
    output character the index of the input character it came from."""
    chars, origins = [], []
    after_space = True
    for index, char in enumerate(text):
        for out in fold_char(char):
            if out.isspace():
                if after_space:
                    continue
                out, after_space = " ", True
            else:
                after_space = False
            chars.append(out)
            origins.append(index)
    return "".join(chars), origins


def words(text) -> list[str]:
    return WORD.findall(fold_text(text or ""))


def precision_recall_f1(true_positives: int, n_predicted: int, n_gold: int) -> tuple[float, float, float]:
    precision = true_positives / n_predicted if n_predicted else 0.0
    recall = true_positives / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pair_counts(labels: list[tuple]) -> tuple[int, int, int]:
    """For items labelled (gold group, predicted group): pairs grouped together by both, by the gold,
    by the prediction."""
    def together(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())
    return (together(Counter(labels)), together(Counter(g for g, _ in labels)),
            together(Counter(p for _, p in labels)))


# ------------------------------------------------------------------ statements
@dataclass
class QuoteSpan:
    """A gold or predicted quote of one document."""
    text: str
    start: int | None
    end: int | None
    located: bool = False  # offsets found from the text: its position is a guess, so compare words only
    word_bag: Counter = field(default_factory=Counter)
    token_ids: frozenset = frozenset()

    @property
    def has_offsets(self) -> bool:
        return self.start is not None and self.end is not None and self.end > self.start


class Article:
    """Raw text of one document, indexed for token lookups and for finding quotes by their text."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = [(m.start(), m.end()) for m in WORD.finditer(text)]
        self.token_starts = [start for start, _ in self.tokens]
        self.folded, self.folded_origins = fold_with_positions(text)

    def token_ids(self, start: int, end: int) -> frozenset:
        """Indices of the word tokens overlapping [start, end)."""
        first = bisect.bisect_left(self.token_starts, start)
        if first > 0 and self.tokens[first - 1][1] > start:
            first -= 1
        ids = set()
        for index in range(first, len(self.tokens)):
            token_start, token_end = self.tokens[index]
            if token_start >= end:
                break
            if token_end > start:
                ids.add(index)
        return frozenset(ids)

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Spans where `quote` occurs: verbatim, else after folding (quotes, accents, spacing)."""
        spans = [(m.start(), m.start() + len(quote)) for m in re.finditer(f"(?={re.escape(quote)})", self.text)]
        if spans:
            return spans
        needle = fold_with_positions(quote)[0].strip()
        if not needle:
            return []
        return [(self.folded_origins[m.start()], self.folded_origins[m.start() + len(needle) - 1] + 1)
                for m in re.finditer(f"(?={re.escape(needle)})", self.folded)]

    def locate(self, quote: str, near: int | None, taken: set) -> tuple[int, int] | None:
        """Span of `quote`: preferring occurrences not yet taken (a repeated quote is the next
        occurrence), then the one nearest to `near`, else the first."""
        quote = quote.strip()
        spans = self.occurrences(quote) if quote else []
        if not spans:
            return None
        fresh = [span for span in spans if span not in taken] or spans
        if near is None:
            return fresh[0]
        return min(fresh, key=lambda span: (abs(span[0] - near), span[0]))


def index_quote(quote: QuoteSpan, article: Article | None) -> QuoteSpan:
    """The quote with its word bag and, when it has a position in a known article, its token ids."""
    token_ids = article.token_ids(quote.start, quote.end) if article is not None and quote.has_offsets \
        else frozenset()
    return replace(quote, word_bag=Counter(words(quote.text)), token_ids=token_ids)


def predicted_quotes(rows: list[dict], article: Article | None) -> list[QuoteSpan]:
    """Predictions of one document, in their order; those without usable offsets are located by text."""
    quotes, taken = [], set()
    for row in rows:
        text = row.get("quote_text")
        quote = QuoteSpan("" if is_missing(text) else str(text),
                          as_offset(row.get("quote_start")), as_offset(row.get("quote_end")))
        if article is not None and not quote.has_offsets and quote.text.strip():
            span = article.locate(quote.text, quote.start, taken)
            if span is not None:
                taken.add(span)
                quote = replace(quote, start=span[0], end=span[1], located=True)
        if article is not None and quote.has_offsets and not quote.text.strip():
            quote = replace(quote, text=article.text[quote.start:quote.end])
        quotes.append(index_quote(quote, article))
    return quotes


def gold_coverage(gold: QuoteSpan, pred: QuoteSpan) -> float:
    """Share of the gold quote's characters that the prediction covers."""
    if not (gold.has_offsets and pred.has_offsets):
        return 0.0
    overlap = min(gold.end, pred.end) - max(gold.start, pred.start)
    return max(0, overlap) / (gold.end - gold.start)


def jaccard(a, b) -> float:
    """Jaccard of two sets, or of two multisets (Counters)."""
    union = a | b
    size = sum(union.values()) if isinstance(union, Counter) else len(union)
    if not size:
        return 0.0
    overlap = a & b
    return (sum(overlap.values()) if isinstance(overlap, Counter) else len(overlap)) / size


def token_similarity(gold: QuoteSpan, pred: QuoteSpan, positional: bool) -> float:
    """Jaccard of the raw-text tokens both spans cover when both positions are known, else of word bags."""
    if positional and gold.has_offsets and pred.has_offsets and not pred.located:
        return jaccard(gold.token_ids, pred.token_ids)
    return jaccard(gold.word_bag, pred.word_bag)


def match_by_coverage(golds: list[QuoteSpan], preds: list[QuoteSpan], threshold: float) -> list[tuple[int, int]]:
    """GenderGapTracker's rule: gold quotes in annotation order each take the still-free prediction
    covering most of them, if that coverage exceeds `threshold`."""
    free, pairs = list(range(len(preds))), []
    for gold_index, gold in enumerate(golds):
        best, best_coverage = None, 0.0
        for pred_index in free:
            coverage = gold_coverage(gold, preds[pred_index])
            if coverage > threshold and coverage > best_coverage:
                best, best_coverage = pred_index, coverage
        if best is not None:
            free.remove(best)
            pairs.append((gold_index, best))
    return pairs


def match_greedily(scores: list[tuple[float, int, int]], threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) pairs from (score, gold, pred) candidates, taken in the given order
    while the score reaches `threshold`."""
    used_gold, used_pred, pairs = set(), set(), []
    for score, gold_index, pred_index in scores:
        if score < threshold or not score:
            continue
        if gold_index in used_gold or pred_index in used_pred:
            continue
        used_gold.add(gold_index)
        used_pred.add(pred_index)
        pairs.append((gold_index, pred_index))
    return pairs


def match_by_tokens(golds: list[QuoteSpan], preds: list[QuoteSpan], threshold: float,
                    positional: bool) -> list[tuple[int, int]]:
    """Pairs with token Jaccard >= threshold, best first (ties: earlier gold, then earlier prediction)."""
    scored = [(token_similarity(gold, pred, positional), gold_index, pred_index)
              for gold_index, gold in enumerate(golds) for pred_index, pred in enumerate(preds)]
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    return match_greedily(scored, threshold)


def name_tokens(name) -> list[str]:
    return WORD.findall(re.sub(r"'s\b", " ", fold_text(name or "")))


def contains_run(tokens: list[str], run: list[str]) -> bool:
    width = len(run)
    return any(tokens[i:i + width] == run for i in range(len(tokens) - width + 1))


def names_match(a, b) -> bool:
    """Same person: one name's tokens are a run inside the other (not only filler words), or one
    name's last token (surname, not a pronoun) occurs in the other ("Mr. Lametti" ~ "David Lametti")."""
    tokens_a, tokens_b = name_tokens(a), name_tokens(b)
    if not tokens_a or not tokens_b:
        return False
    for longer, shorter in ((tokens_a, tokens_b), (tokens_b, tokens_a)):
        if contains_run(longer, shorter) and not all(t in NAME_FILLERS for t in shorter):
            return True
    return any(len(x[-1]) > 1 and x[-1] not in NOT_SURNAMES and x[-1] in other
               for x, other in ((tokens_a, tokens_b), (tokens_b, tokens_a)))


def speaker_names(value) -> list[str]:
    """Predicted speaker(s) as non-empty strings; a joint speaker may be a list."""
    if is_missing(value):
        return []
    values = list(value) if pd.api.types.is_list_like(value) else [value]
    return [str(v).strip() for v in values if not is_missing(v) and str(v).strip()]


def speaker_is_right(predicted, gold: dict) -> tuple[bool, bool]:
    """(matches the annotated mention or referent, matches the referent). A quote left without speaker
    is right only where the annotation has no speaker mention either (GGT's floating quotes)."""
    names = speaker_names(predicted)
    mention, referent = gold.get("speaker") or "", gold.get("speaker_ref") or ""
    if not names:
        return not mention.strip(), False
    return (any(names_match(n, mention) or names_match(n, referent) for n in names),
            bool(referent) and any(names_match(n, referent) for n in names))


def group_by_doc(rows: list[dict], doc_key: str) -> dict[str, list[dict]]:
    by_doc = defaultdict(list)
    for row in rows:
        doc_id = normalise_doc_id(row.get(doc_key))
        if doc_id is not None:
            by_doc[doc_id].append(row)
    return by_doc


def count_matches(golds: list[dict], n_preds: int, pairs: list[tuple[int, int]]) -> tuple[Counter, list]:
    """Counts of one document under one rule, and the pairs that count. A prediction matching an optional
    (borderline) gold quote is neither right nor wrong, and an unmatched optional gold is no miss."""
    required = [pair for pair in pairs if not golds[pair[0]].get("optional")]
    counts = Counter(tp=len(required), n_gold=sum(not g.get("optional") for g in golds),
                     n_pred=n_preds - (len(pairs) - len(required)))
    return counts, required


def score_statements(gold_quotes: list[dict], predictions: list[dict], raw_texts: dict[str, str],
                     tok_threshold: float = 0.5) -> dict:
    """Quote extraction P/R/F1 under token-Jaccard matching (tok@threshold) and under GGT's coverage
    rule (>0.3, >0.8), with speaker accuracy on the tok-matched quotes. Every document of `raw_texts`
    counts, also those without gold quotes; predictions for other documents are ignored."""
    # the GGT rule walks gold quotes in annotation order: their ann_idx, else their position in the file
    numbered = [{"ann_idx": n, **g} for n, g in enumerate(gold_quotes)]
    gold_by_doc = {doc: sorted(rows, key=lambda g: g["ann_idx"])
                   for doc, rows in group_by_doc(numbered, "doc_id").items()}
    pred_by_doc = group_by_doc(predictions, "doc_id")
    articles = {normalise_doc_id(doc): Article(text) for doc, text in raw_texts.items()}
    totals = {rule: Counter() for rule in ("tok", *GGT_THRESHOLDS)}
    n_predictions = 0
    for doc_id in sorted(set(gold_by_doc) | set(articles)):
        article, golds, rows = articles.get(doc_id), gold_by_doc.get(doc_id, []), pred_by_doc.get(doc_id, [])
        n_predictions += len(rows)
        gold_spans = [index_quote(QuoteSpan(g.get("quote_text") or "", as_offset(g.get("quote_start")),
                                            as_offset(g.get("quote_end"))), article) for g in golds]
        preds = predicted_quotes(rows, article)
        for rule, threshold in GGT_THRESHOLDS.items():
            totals[rule] += count_matches(golds, len(preds), match_by_coverage(gold_spans, preds, threshold))[0]
        pairs = match_by_tokens(gold_spans, preds, tok_threshold, positional=article is not None)
        counts, required = count_matches(golds, len(preds), pairs)
        for gold_index, pred_index in required:
            any_right, referent_right = speaker_is_right(rows[pred_index].get("speaker"), golds[gold_index])
            counts.update(speaker=any_right, referent=referent_right,
                          with_referent=bool((golds[gold_index].get("speaker_ref") or "").strip()))
        totals["tok"] += counts
    tok = totals["tok"]
    precision, recall, f1 = precision_recall_f1(tok["tp"], tok["n_pred"], tok["n_gold"])
    return {
        "quote_f1": f1, "quote_p": precision, "quote_r": recall,
        "speaker_acc": tok["speaker"] / tok["tp"] if tok["tp"] else None,
        "speaker_ref_acc": tok["referent"] / tok["with_referent"] if tok["with_referent"] else None,
        **{rule: precision_recall_f1(totals[rule]["tp"], totals[rule]["n_pred"], totals[rule]["n_gold"])[2]
           for rule in GGT_THRESHOLDS},
        "tp": tok["tp"], "fp": tok["n_pred"] - tok["tp"], "fn": tok["n_gold"] - tok["tp"],
        "n_gold": tok["n_gold"], "n_pred": n_predictions,
    }


# ------------------------------------------------------------------ entity links
def normalise_surface(name) -> str:
    """Name as compared: spaces squeezed, a leading "the " and a trailing possessive dropped, case kept."""
    name = " ".join(str(name).split())
    if name.lower().startswith("the "):
        name = name[4:]
    return POSSESSIVE_END.sub("", name).strip()


def gold_name_items(gold_entities: list[dict]) -> dict[tuple[str, str], str]:
    """(doc, surface name) -> gold entity id, from each entity's alias_docs; garbled aliases and
    documents where the entity occurs only in boilerplate are left out."""
    items = {}
    for entity in gold_entities:
        garbled = set(entity.get("garbled_aliases") or [])
        boilerplate_docs = {normalise_doc_id(d) for d in entity.get("boilerplate_only_docs") or []}
        for alias, docs in (entity.get("alias_docs") or {}).items():
            if alias in garbled:
                continue
            for doc_id in map(normalise_doc_id, docs):
                if doc_id not in boilerplate_docs:
                    items[(doc_id, normalise_surface(alias))] = entity["id"]
    return items


def predicted_name_items(mentions: list[dict]) -> dict[tuple[str, str], str]:
    """(doc, surface name) -> the entity id most mentions of that name in that doc got (first seen on ties)."""
    votes = defaultdict(Counter)
    for mention in mentions:
        doc_id, surface, entity_id = (normalise_doc_id(mention.get("doc_id")), mention.get("text"),
                                      mention.get("entity_id"))
        if doc_id is None or is_missing(surface) or is_missing(entity_id) or entity_id == "":
            continue
        votes[(doc_id, normalise_surface(surface))][str(entity_id)] += 1
    return {item: counts.most_common(1)[0][0] for item, counts in votes.items()}


def score_entity_links(gold_entities: list[dict], mentions: list[dict]) -> dict:
    """Cross-document entity resolution over the gold names our mentions cover: pairwise and B-cubed
    P/R/F1, coverage of the gold names, and how many gold entities with 2+ covered names got one id."""
    gold = gold_name_items(gold_entities)
    predicted = predicted_name_items(mentions)
    labels = [(gold[item], predicted[item]) for item in gold if item in predicted]
    both, same_gold, same_pred = pair_counts(labels)
    link_p, link_r, link_f1 = precision_recall_f1(both, same_pred, same_gold)
    cell, gold_size, pred_size = Counter(labels), Counter(g for g, _ in labels), Counter(p for _, p in labels)
    # B-cubed: every covered name scores |its gold group & its predicted group| over each group's size
    bcubed_p = sum(n * n / pred_size[p] for (_, p), n in cell.items()) / len(labels) if labels else 0.0
    bcubed_r = sum(n * n / gold_size[g] for (g, _), n in cell.items()) / len(labels) if labels else 0.0
    bcubed_f1 = 2 * bcubed_p * bcubed_r / (bcubed_p + bcubed_r) if bcubed_p + bcubed_r else 0.0
    ids_per_entity = defaultdict(set)
    for gold_id, pred_id in labels:
        ids_per_entity[gold_id].add(pred_id)
    multi_name = [g for g, n in gold_size.items() if n > 1]
    return {
        "link_f1": link_f1, "link_p": link_p, "link_r": link_r, "bcubed_f1": bcubed_f1,
        "coverage": len(labels) / len(gold) if gold else 0.0,
        "merged": sum(len(ids_per_entity[g]) == 1 for g in multi_name), "merged_of": len(multi_name),
    }


# ------------------------------------------------------------------ statement clusters
def score_clusters(gold_statements: list[dict], gold_clusters: list[dict], predictions: list[dict]) -> dict:
    """Cross-source grouping of statements. Each gold statement is matched one-to-one to the predicted
    statement of its document with the highest word-set Jaccard (>= 0.5); over the matched ones, pairs in
    one gold cluster (unclustered statements are singletons) are compared with pairs sharing a cluster_id
    (a missing id is a singleton)."""
    gold_cluster = {member: cluster["cluster"]
                    for cluster in gold_clusters for member in cluster.get("member_ids") or []}
    pred_by_doc = group_by_doc(predictions, "doc_id")
    assigned = {}
    for doc_id, golds in group_by_doc(gold_statements, "doc").items():
        preds = pred_by_doc.get(doc_id, [])
        pred_words = [set(words(p.get("quote_text"))) for p in preds]
        # best first; ties go to the later gold statement and prediction, as in the reference scorer
        scored = sorted(((jaccard(set(words(g["text"])), pw), gi, pi)
                         for gi, g in enumerate(golds) for pi, pw in enumerate(pred_words)), reverse=True)
        for gold_index, pred_index in match_greedily(scored, CLUSTER_MATCH_THRESHOLD):
            cluster_id = preds[pred_index].get("cluster_id")
            assigned[golds[gold_index]["id"]] = (f"pred-single:{doc_id}:{pred_index}"
                                                 if is_missing(cluster_id) or cluster_id == "" else cluster_id)
    labels = [(gold_cluster.get(s, "single:" + s), cluster_id) for s, cluster_id in assigned.items()]
    both, same_gold, same_pred = pair_counts(labels)
    precision, recall, f1 = precision_recall_f1(both, same_pred, same_gold)
    return {"cluster_f1": f1, "cluster_p": precision, "cluster_r": recall,
            "matched": len(assigned), "matched_of": len(gold_statements)}


def score_stories(gold: dict[str, str], predicted: dict[str, str]) -> dict:
    """B-cubed precision, recall and F1 of predicted stories ({doc id: story}) against gold ones, over the documents
    of the gold (one missing from the prediction is a story of its own)."""
    docs = sorted(gold)
    predicted = {doc: predicted.get(doc, ("alone", doc)) for doc in docs}
    gold_groups, predicted_groups = defaultdict(set), defaultdict(set)
    for doc in docs:
        gold_groups[gold[doc]].add(doc)
        predicted_groups[predicted[doc]].add(doc)
    precision = recall = 0.0
    for doc in docs:
        shared = len(gold_groups[gold[doc]] & predicted_groups[predicted[doc]])
        precision += shared / len(predicted_groups[predicted[doc]])
        recall += shared / len(gold_groups[gold[doc]])
    precision, recall = precision / len(docs), recall / len(docs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_f1": f1, "bcubed_p": precision, "bcubed_r": recall, "docs": len(docs),
            "gold_stories": len(gold_groups), "predicted_stories": len(predicted_groups)}
