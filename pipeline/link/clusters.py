"""Cross-source statement clustering: find the reports of one utterance in different articles.

Different outlets (and different machine translations) render the same utterance with different words
("serious strategic mistake" / "serious strategic error"), so statements are compared as bags of lemmatised
content words weighted by how rare each word is in the whole statement collection, with fuzzy matching for
morphological variants and translation typos ("fail" / "failure", "security" / "securitya").

Pipeline: content lemmas (from annotation, which has the article's parse; else by tagging the text) -> candidate
pairs from an inverted index of informative lemmas (no O(n^2)) -> pair similarity -> average-linkage merging inside
each connected group, so that a chain of partial matches does not make one big cluster. The two parts of a quote
split by its attribution ("“A,” he said, “B.”") are one report of one passage: they are compared as a whole and by
their closest part, and go to a cluster together.

One statement may render two utterances ("although it was a positive sign that ..., there were significant
differences", "X said A, but that B"). Its clauses are matched on their own, and they stay one utterance when
outlets report them together at least as often as apart; otherwise the statement goes to the utterance its whole
wording is closest to, so that it does not chain two utterances into one cluster.
"""

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
import hashlib
from itertools import combinations
import re
from typing import Any

from pipeline.lang.nlp import load_nlp
from pipeline.groups import Groups
from pipeline.lang import fold
from pipeline.link.echoes import echo_pairs
from pipeline.link.features import EN, content_lemmas, statement_parts
from pipeline.link.similarity import (
    MIN_VERBATIM_WORDS, Profile, evidence_weighted_similarity, idf_weights, is_verbatim, speaker_agreement,
    statement_similarity,
)

# Two statements whose similarity reaches this value are the same utterance (tuned on the gold clusters; see tests).
LINK_THRESHOLD = 0.34
# Reports of one utterance appear within days of each other; statements published further apart never link.
MAX_DAYS_APART = 30
# Sharing a single word is coincidence, whatever the ratio ("nothing to fear" / "markets fear a rate rise").
MIN_SHARED_LEMMAS = 2
# Lemmas are indexed by their first letters, so that variants ("fail"/"failure") also propose a pair.
INDEX_KEY_LENGTH = 5
# Clusters merge while the mean similarity over all their cross-source pairs reaches this value.
MERGE_MEAN_THRESHOLD = 0.15
# Weaker similarities count as 0 in those means (and are not stored).
MIN_COUNTED_SIMILARITY = 0.1
# A lemma found in more statements than this share of the collection says little about which utterance it is
# ("Russia" in a Russia dossier), so it is not used to propose candidate pairs.
MAX_INDEX_DOCUMENT_SHARE = 0.02
MIN_INDEX_DOCUMENT_COUNT = 20
# The similarity an echo (quoted words of the speaker found in another outlet's statement) stands for: enough to link
# two reports, not enough to merge two clusters through one fused statement.
ECHO_SIMILARITY = 0.5


def cluster_statements(statements: list[dict], weights: dict | None = None) -> list[str | None]:
    """One cluster id per statement (same order); None for a statement reported by a single source.

    Statements share an id when they report the same utterance of the same speaker in different articles. Each
    statement may carry "speaker_bodies": entity ids of the organisations its speaker speaks for.
    An article marked `duplicate_of` an earlier one counts as that earlier source, so a syndicated copy can join
    a cluster but never forms one with its original alone. Statements published before in one cluster
    ("previous_cluster_id") stay together, and two published clusters never merge: published ids keep their
    members whatever new articles bring. `weights` (lemma -> weight, as `idf_weights`) are those of a larger
    collection the statements belong to, when only some of it is clustered again.
    """
    if not statements:
        return []
    # Work in statement_id order so that ties break the same way whatever order the caller uses.
    order = sorted(range(len(statements)), key=lambda i: str(statements[i]["statement_id"]))
    ordered = [statements[i] for i in order]
    units = _units(ordered)
    profiles = _profiles(ordered, units)
    weights = weights or idf_weights([p.lemmas for p in profiles])
    similarities = {}
    for a, b in _candidate_pairs(profiles):
        score = evidence_weighted_similarity(profiles[a], profiles[b], weights)
        if score >= MIN_COUNTED_SIMILARITY:
            similarities[(a, b)] = score
    # A passage given by one attribution is matched as one report: as a whole, and by its part closest to the other;
    # so is a statement quoting words of another statement of its speaker in the same article (a lead and its quote).
    first_unit = {}
    for profile in profiles:
        first_unit.setdefault(profile.statement, profile)
    echoes = echo_pairs([s.get("text") or "" for s in ordered],
                        lambda i, j: _same_occasion(first_unit[i], first_unit[j]))
    same_article = {(i, j) for i, j in echoes if first_unit[i].source == first_unit[j].source}
    reports = _reports(ordered, units, same_article)
    report_of = {u: r for r, members in enumerate(reports) for u in members}
    report_profiles = [_report_profile([profiles[u] for u in members]) for members in reports]
    report_similarities = {}
    for (a, b), score in similarities.items():
        pair = tuple(sorted((report_of[a], report_of[b])))
        if pair[0] != pair[1]:
            report_similarities[pair] = max(score, report_similarities.get(pair, 0.0))
    for pair in report_similarities:
        whole = evidence_weighted_similarity(report_profiles[pair[0]], report_profiles[pair[1]], weights)
        report_similarities[pair] = max(whole, report_similarities[pair])
    # a statement quoting words another outlet's statement of the speaker holds reports that utterance
    unit_of = {profile.statement: profile.index for profile in profiles}
    for i, j in echoes - same_article:
        pair = tuple(sorted((report_of[unit_of[i]], report_of[unit_of[j]])))
        if pair[0] != pair[1]:
            report_similarities[pair] = max(ECHO_SIMILARITY, report_similarities.get(pair, 0.0))
    published = [frozenset(ordered[profiles[u].statement].get("previous_cluster_id") for u in members) - {None}
                 for members in reports]
    merged = [group for component in _linked_components(len(reports), report_similarities)
              for group in _average_linkage(report_profiles, component, report_similarities, published)]
    grouped = {r for group in merged for r in group}
    # a published cluster that nothing new joins stays as it was
    kept = [[r] for r in range(len(reports)) if r not in grouped and isinstance(report_profiles[r].source, tuple)]
    unit_groups = [[u for r in group for u in reports[r]] for group in merged + kept]
    groups = _statement_groups(ordered, profiles, unit_groups, weights)
    return _cluster_ids(statements, [[order[i] for i in group] for group in groups])


def _units(statements: list[dict]) -> list[tuple[int, str, frozenset | None]]:
    """(statement index, text, content lemmas if annotation found them) of each piece matched on its own: a
    statement whole, or each of its clauses when it may fuse two utterances. A quote split by its attribution and a
    member of a published cluster are passages already and stay whole."""
    cue_counts = Counter(_cue_key(s) for s in statements)
    units = []
    for i, statement in enumerate(statements):
        text = statement.get("text") or ""
        parts = statement_parts(text)
        split_quote = _cue_key(statement) is not None and cue_counts[_cue_key(statement)] > 1
        if len(parts) == 1 or split_quote or statement.get("previous_cluster_id") is not None:
            units.append((i, text, _frozen(statement.get("lemmas"))))
            continue
        part_lemmas = statement.get("part_lemmas") or []
        if len(part_lemmas) != len(parts):
            part_lemmas = [None] * len(parts)
        units.extend((i, text[a:b], _frozen(lemmas)) for (a, b), lemmas in zip(parts, part_lemmas))
    return units


def _cue_key(statement: dict) -> tuple | None:
    return None if statement.get("cue_start") is None else (statement.get("source_id"), statement["cue_start"])


def _frozen(lemmas) -> frozenset | None:
    return None if lemmas is None else frozenset(lemmas)


def _profiles(statements: list[dict], units: list[tuple]) -> list[Profile]:
    canonical_source = _canonical_sources(statements)
    return [
        Profile(
            index=u,
            statement=i,
            source=canonical_source[statements[i].get("source_id")],
            published=_as_date(statements[i].get("published_at")),
            speaker_id=statements[i].get("speaker_entity_id") or None,
            speaker_bodies=frozenset(statements[i].get("speaker_bodies") or ()),
            speaker_words=_speaker_words(statements[i].get("speaker")),
            lemmas=lemmas,
            words=tuple(re.findall(r"\w+", fold(text))),
            story=statements[i].get("story_id"),
        )
        for u, ((i, text, _), lemmas) in enumerate(zip(units, _unit_lemmas(units)))
    ]


def _unit_lemmas(units: list[tuple]) -> list[frozenset]:
    """Each unit's content lemmas: those annotation found in the article's own parse, else from tagging its text
    alone."""
    missing = [u for u, (_, _, lemmas) in enumerate(units) if lemmas is None]
    docs = load_nlp().pipe((units[u][1] for u in missing), disable=["parser", "ner"], batch_size=256)
    tagged = dict(zip(missing, (content_lemmas(doc) for doc in docs)))
    return [tagged.get(u, lemmas) for u, (_, _, lemmas) in enumerate(units)]


def _canonical_sources(statements: list[dict]) -> dict:
    """Map each source to the original it duplicates (following chains), or to itself."""
    parent = {}
    for s in statements:
        parent[s.get("source_id")] = parent.get(s.get("source_id")) or s.get("duplicate_of")
    canonical = {}
    for source in parent:
        seen, current = {source}, source
        while parent.get(current) and parent[current] not in seen:
            current = parent[current]
            seen.add(current)
        canonical[source] = current
    return canonical


def _as_date(value: Any) -> date | None:
    """A date from a date, a datetime or an ISO string; None when absent or unreadable."""
    if value is None:
        return None
    if isinstance(value, date):
        return value if type(value) is date else value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _speaker_words(speaker: str | None) -> frozenset:
    words = re.findall(r"[a-z]+", fold(speaker or ""))
    return frozenset(w for w in words if w not in EN.non_identifying_speaker_words and len(w) > 1)


def _candidate_pairs(profiles: list[Profile]) -> list[tuple[int, int]]:
    """Pairs that may report one utterance, found through an inverted index of informative lemmas (they share at
    least MIN_SHARED_LEMMAS of them) or quoting the same words, from different sources, close dates and compatible
    speakers."""
    max_postings = max(MIN_INDEX_DOCUMENT_COUNT, int(MAX_INDEX_DOCUMENT_SHARE * len(profiles)))
    postings = defaultdict(list)
    for profile in profiles:
        for key in {lemma[:INDEX_KEY_LENGTH] for lemma in profile.lemmas}:
            postings[key].append(profile.index)
    shared_lemmas = Counter()
    for members in postings.values():
        if len(members) <= max_postings:
            shared_lemmas.update(combinations(members, 2))
    candidates = {pair for pair, shared in shared_lemmas.items() if shared >= MIN_SHARED_LEMMAS}
    return sorted((a, b) for a, b in candidates | _verbatim_pairs(profiles)
                  if _may_report_same_utterance(profiles[a], profiles[b]))


def _verbatim_pairs(profiles: list[Profile]) -> set[tuple[int, int]]:
    """Pairs where one statement's words appear in the other's in the same order, found through their first
    MIN_VERBATIM_WORDS words."""
    openings = defaultdict(list)
    for profile in profiles:
        if len(profile.words) >= MIN_VERBATIM_WORDS:
            openings[profile.words[:MIN_VERBATIM_WORDS]].append(profile.index)
    pairs = set()
    for profile in profiles:
        for start in range(len(profile.words) - MIN_VERBATIM_WORDS + 1):
            for other in openings.get(profile.words[start:start + MIN_VERBATIM_WORDS], ()):
                if other != profile.index and is_verbatim(profiles[other].words, profile.words):
                    pairs.add((min(other, profile.index), max(other, profile.index)))
    return pairs


def _may_report_same_utterance(first: Profile, second: Profile) -> bool:
    """From different sources, with speakers that may be one, in the same story (one occasion) when both articles
    have one, published close together."""
    if first.source == second.source or speaker_agreement(first, second) == "different":
        return False
    if first.story and second.story and first.story != second.story:
        return False
    if first.published and second.published:
        return abs((first.published - second.published).days) <= MAX_DAYS_APART
    return True


def _same_occasion(first: Profile, second: Profile) -> bool:
    """One speaker, in one story when both articles have one, published close together."""
    if speaker_agreement(first, second) != "same" or (first.story and second.story and first.story != second.story):
        return False
    return not (first.published and second.published
                and abs((first.published - second.published).days) > MAX_DAYS_APART)


def _reports(statements: list[dict], units: list[tuple], echoes: set) -> list[list[int]]:
    """The units grouped by the attribution that gives them: the two parts of a quote interrupted by it ("“A,” he
    said, “B.”": one cue) render one passage of one speech, so they go to a cluster together; so do the members of a
    published cluster. Further reports of one speaker ("warned that A and added that B", "replied A, insisting that
    B") are as often different utterances as one, so they are matched on their own (`_join_further_reports` adds
    them afterwards where another outlet gave the passage in one statement). Statements of one article that echo
    each other (`echoes`, pairs of statement indexes) are one report too. Every unit is in one group."""
    groups = Groups()
    parts_of = Counter(i for i, _, _ in units)
    first_unit = {}
    for u, (i, _, _) in enumerate(units):
        first_unit.setdefault(i, u)
    for i, j in echoes:
        groups.union(first_unit[i], first_unit[j])
    for u, (i, _, _) in enumerate(units):
        statement = statements[i]
        if _cue_key(statement) is not None and parts_of[i] == 1:
            groups.union(u, ("cue", _cue_key(statement)))
        if statement.get("previous_cluster_id") is not None:
            groups.union(u, ("published", statement["previous_cluster_id"]))
    return groups.members(range(len(units)))


def _report_profile(members: list[Profile]) -> Profile:
    """A report's profile is its first unit's, with the words of all its units; a published cluster spanning several
    sources gets them all as its source, so that it shares a source with no other report."""
    sources = sorted({member.source for member in members})
    first = replace(members[0], lemmas=frozenset().union(*(member.lemmas for member in members)))
    return first if len(sources) == 1 else replace(first, source=tuple(sources))


def _linked_components(count: int, similarities: dict) -> list[list[int]]:
    """Groups of statements connected by links at or above the threshold (only these can end in one cluster)."""
    groups = Groups()
    for (a, b), score in similarities.items():
        if score >= LINK_THRESHOLD:
            groups.union(a, b)
    return [members for members in groups.members(range(count)) if len(members) > 1]


def _average_linkage(profiles: list[Profile], component: list[int], similarities: dict,
                     published: list[frozenset]) -> list[list[int]]:
    """Merge the clusters of one component while they are joined by a strong link and their mean cross-source
    similarity stays high enough.

    Pairs without a stored similarity count as 0, so a chain A-B-C only merges when A and C also agree
    on average. Clusters whose known speakers differ, or that hold different published clusters, are never merged.
    """
    members = {i: [i] for i in component}
    published_ids = {i: published[i] for i in component}
    links = {  # (sum, strongest) per pair of clusters
        (a, b): (similarities[(a, b)], similarities[(a, b)])
        for a, b in combinations(component, 2)
        if (a, b) in similarities
    }
    while True:
        best_pair, best_mean = None, MERGE_MEAN_THRESHOLD
        for (a, b), (total, strongest) in links.items():
            if strongest < LINK_THRESHOLD:
                continue
            mean = total / _cross_source_pair_count(profiles, members[a], members[b])
            if mean >= best_mean and (best_pair is None or mean > best_mean or (a, b) < best_pair):
                distinct_published = published_ids[a] and published_ids[b] and published_ids[a] != published_ids[b]
                if not distinct_published and _no_speaker_conflict(profiles, members[a], members[b]):
                    best_pair, best_mean = (a, b), mean
        if best_pair is None:
            break
        keep, absorbed = best_pair
        members[keep].extend(members.pop(absorbed))
        published_ids[keep] |= published_ids.pop(absorbed)
        merged = {}
        for (a, b), (total, strongest) in links.items():
            a, b = (keep if a == absorbed else a), (keep if b == absorbed else b)
            if a != b:
                pair = (min(a, b), max(a, b))
                old_total, old_strongest = merged.get(pair, (0.0, 0.0))
                merged[pair] = (old_total + total, max(old_strongest, strongest))
        links = merged
    return [sorted(group) for group in members.values() if len(group) > 1]


def _cross_source_pair_count(profiles: list[Profile], first: list[int], second: list[int]) -> int:
    first_sources = Counter(profiles[i].source for i in first)
    second_sources = Counter(profiles[i].source for i in second)
    same_source = sum(count * second_sources[source] for source, count in first_sources.items())
    return len(first) * len(second) - same_source


def _no_speaker_conflict(profiles: list[Profile], first: list[int], second: list[int]) -> bool:
    return all(speaker_agreement(profiles[a], profiles[b]) != "different" for a in first for b in second)


def _statement_groups(statements: list[dict], profiles: list[Profile], unit_groups: list[list[int]],
                      weights: dict) -> list[list[int]]:
    """Statements grouped by the clusters their units fell in.

    Two clusters holding the clauses of one statement are one utterance when no more sources report them apart
    than together (a quoted sentence with "but" in the middle); otherwise the statement fuses two utterances and
    goes to the one its whole wording is closest to. A group left with a single source is no cluster."""
    members = [{profiles[u].statement for u in group} for group in unit_groups]
    published = [frozenset(statements[i].get("previous_cluster_id") for i in group) - {None} for group in members]
    clusters_of = defaultdict(set)
    for c, group in enumerate(unit_groups):
        for u in group:
            clusters_of[profiles[u].statement].add(c)
    source_of = {p.statement: p.source for p in profiles}
    together = Counter(pair for clusters in clusters_of.values() for pair in combinations(sorted(clusters), 2))
    utterances = Groups()
    for (a, b), count in sorted(together.items()):
        apart = {source_of[i] for i in members[a] ^ members[b]}
        if len(apart) <= count and not (published[a] and published[b] and published[a] != published[b]):
            utterances.union(a, b)
    utterance_of = {c: group[0] for group in utterances.members(range(len(unit_groups))) for c in group}
    utterance_members = defaultdict(set)
    for c, group in enumerate(members):
        utterance_members[utterance_of[c]] |= group
    whole = defaultdict(frozenset)
    for p in profiles:
        whole[p.statement] |= p.lemmas

    def closeness(i, utterance):
        others = [j for j in utterance_members[utterance] if source_of[j] != source_of[i]]
        return sum(statement_similarity(whole[i], whole[j], weights) for j in others) / max(1, len(others))

    chosen = defaultdict(list)
    for i, clusters in sorted(clusters_of.items()):
        options = sorted({utterance_of[c] for c in clusters})
        chosen[max(options, key=lambda utterance: closeness(i, utterance))].append(i)
    _join_further_reports(statements, chosen, whole, source_of, weights)
    return [group for group in chosen.values() if len({source_of[i] for i in group}) > 1]


def _join_further_reports(statements: list[dict], groups: dict, whole: dict, source_of: dict, weights: dict):
    """A further report of one speaker mention ("stressed that A and said that B") that no cluster took joins the
    cluster of another report of that mention when it has a counted similarity to a member from another source:
    that outlet gave the passage in one statement. `groups` ({key: statement indexes}) is extended in place."""
    group_of = {i: key for key, members in groups.items() for i in members}
    by_mention = defaultdict(list)
    for i, statement in enumerate(statements):
        if statement.get("speaker_start") is not None:
            by_mention[(statement.get("source_id"), statement["speaker_start"])].append(i)
    for mentioned in by_mention.values():
        for i in (i for i in mentioned if i not in group_of):
            scored = [(max((statement_similarity(whole[i], whole[j], weights) for j in groups[key]
                            if source_of[j] != source_of[i]), default=0.0), key)
                      for key in sorted({group_of[j] for j in mentioned if j in group_of})]
            score, key = max(scored, default=(0.0, None), key=lambda pair: pair[0])
            if score >= MIN_COUNTED_SIMILARITY:
                groups[key].append(i)


def _cluster_ids(statements: list[dict], groups: list[list[int]]) -> list[str | None]:
    """Name each cluster after its earliest member, so ids survive re-runs and input reordering."""
    ids = [None] * len(statements)
    for group in groups:
        anchor = min(group, key=lambda i: _earliness(statements[i]))
        digest = hashlib.sha1(str(statements[anchor]["statement_id"]).encode("utf-8")).hexdigest()
        for i in group:
            ids[i] = "clu_" + digest[:16]
    return ids


def _earliness(statement: dict) -> tuple:
    published = statement.get("published_at")
    return (published is None, str(published or ""), str(statement["statement_id"]))


def member_similarities(statements: list[dict], cluster_ids: list[str | None],
                        weights: dict | None = None) -> list[float | None]:
    """How surely each clustered statement reports its cluster's utterance, in [0, 1], for users to filter on: its
    highest similarity to a member from another source (1 for the same words of the same speaker, ECHO_SIMILARITY
    for the speaker's quoted words found there); a member joined through a sibling of its own article (the other
    part of a split quote, a lead and its quote) gets the lowest score of the cluster. None outside clusters."""
    units = [(i, s.get("text") or "", _frozen(s.get("lemmas"))) for i, s in enumerate(statements)]
    profiles = _profiles(statements, units)
    weights = weights or idf_weights([p.lemmas for p in profiles])
    echoes = echo_pairs([s.get("text") or "" for s in statements],
                        lambda i, j: _same_occasion(profiles[i], profiles[j]))
    members = defaultdict(list)
    for i, cluster_id in enumerate(cluster_ids):
        if cluster_id is not None:
            members[cluster_id].append(i)
    scores = [None] * len(statements)
    for group in members.values():
        best = {i: max((max(evidence_weighted_similarity(profiles[i], profiles[j], weights),
                            ECHO_SIMILARITY if (min(i, j), max(i, j)) in echoes else 0.0)
                        for j in group if profiles[j].source != profiles[i].source), default=0.0) for i in group}
        floor = min((score for score in best.values() if score > 0), default=0.0)
        for i, score in best.items():
            scores[i] = round(score if score > 0 else floor, 4)
    return scores
