"""Stories: the reports of one real-world event or development, by one or more outlets.

An article is described by the content lemmas of its headline and lede and by the entities it names, each weighted
by how rare it is in the dataset (TF-IDF, cosine). Articles are placed in publication order: an article joins the
story whose articles it is closest to on average, when that similarity reaches STORY_THRESHOLD and it was published
within STORY_WINDOW_DAYS of the story's articles, else it starts a story of its own. So a story grows while coverage
goes on, and a report on the same people days after the story went quiet is a story of its own ("Trump talks to
Kim" on 17 April and "North Korea suspends its tests" on 20 April). Stories published before keep their articles:
only new articles are placed, against every story, so ids are stable and the cost grows with what is new.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.ids import stable_id

# The average similarity to a story's articles from which an article reports that story: the middle of the range
# where the blind story annotations score alike, each set alone and all together (newswcl50, news_events, seeds:
# 113 articles, 27 events; B-cubed F1 0.967, 1.0, 1.0 and 0.986 from 0.10 to 0.15, falling on either side).
STORY_THRESHOLD = 0.12
# Coverage of one event follows it within days; an article more than this many days from every article of a story
# reports something else (or a later development, which is a story of its own).
STORY_WINDOW_DAYS = 2


@dataclass
class StoryArticle:
    """What places an article in a story."""

    source_id: str
    published_at: date | None
    lemmas: frozenset  # content lemmas of headline and lede
    entities: frozenset  # entity ids it names


@dataclass(frozen=True)
class Placement:
    story_id: str
    confidence: float  # average similarity to the story's other articles (1.0 for an article alone)


def assign_stories(articles: list[StoryArticle], previous: dict[str, str] | None = None) -> dict[str, Placement]:
    """{source id: Placement} for every article. `previous` maps the source ids of published articles to their
    story ids: they stay in them, and the others are placed in publication order (undated ones last)."""
    previous = previous or {}
    vectors = _vectors(articles)
    by_id = {article.source_id: article for article in articles}
    members = defaultdict(list)  # story id -> source ids
    for article in articles:
        if article.source_id in previous:
            members[previous[article.source_id]].append(article.source_id)
    index = _StoryIndex()
    for story, source_ids in members.items():
        for source_id in source_ids:
            index.add(story, by_id[source_id])
    new = sorted((a for a in articles if a.source_id not in previous), key=_earliness)
    for article in new:
        scored = [(_mean_similarity(vectors, article.source_id, members[story]), story)
                  for story in index.candidates(article)]
        score, story = max(scored, default=(0.0, None), key=lambda pair: (pair[0], pair[1] or ""))
        if story is None or score < STORY_THRESHOLD:
            story = stable_id("sty", article.source_id)
        members[story].append(article.source_id)
        index.add(story, article)
    # a story started in this run is named after its earliest article, so the same articles give the same id in
    # whatever order and runs they came (a dataset rebuilt from its archive keeps its stories' ids)
    published = set(previous.values())
    named = {story: story if story in published else stable_id("sty", min(others, key=lambda s: _earliness(by_id[s])))
             for story, others in members.items()}
    return {source_id: Placement(named[story], _confidence(vectors, source_id, others))
            for story, others in members.items() for source_id in others}


def _earliness(article):
    return article.published_at is None, article.published_at or date.min, article.source_id


def _features(article):
    return [("w", lemma) for lemma in article.lemmas] + [("e", entity) for entity in article.entities]


def _vectors(articles):
    """Unit TF-IDF vectors over lemma and entity features, one per source id. The IDF is smoothed (+1) so that what
    every article of a small dataset shares still counts: five reports of one meeting all name NATO."""
    features = {a.source_id: _features(a) for a in articles}
    document_frequency = Counter(feature for found in features.values() for feature in set(found))
    total = len(articles)
    vectors = {}
    for source_id, found in features.items():
        weights = {f: math.log((total + 1) / (document_frequency[f] + 1)) + 1 for f in set(found)}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[source_id] = {f: w / norm for f, w in weights.items() if w > 0}
    return vectors


def _cosine(first, second):
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second.get(feature, 0.0) for feature, weight in first.items())


def _mean_similarity(vectors, source_id, others):
    others = [o for o in others if o != source_id]
    return sum(_cosine(vectors[source_id], vectors[o]) for o in others) / len(others) if others else 0.0


def _confidence(vectors, source_id, members):
    return 1.0 if len(members) == 1 else round(_mean_similarity(vectors, source_id, members), 4)


class _StoryIndex:
    """The stories an article may join: those sharing a feature with it, whose dates allow it."""

    def __init__(self):
        self.by_feature = defaultdict(set)
        self.dates = defaultdict(list)

    def add(self, story, article):
        if article.published_at is not None:
            self.dates[story].append(article.published_at)
        for feature in _features(article):
            self.by_feature[feature].add(story)

    def candidates(self, article):
        stories = set().union(*(self.by_feature.get(f, set()) for f in _features(article)))
        return sorted(s for s in stories if self._in_window(s, article.published_at))

    def _in_window(self, story, published_at):
        dates = self.dates.get(story)
        if published_at is None or not dates:
            return True
        window = timedelta(days=STORY_WINDOW_DAYS)
        return min(dates) - window <= published_at <= max(dates) + window
