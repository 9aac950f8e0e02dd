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
# Stories are looked up by the features of an article that at most this share of articles have (at least
# MIN_INDEXED_FREQUENCY): a word every article uses finds every story and decides nothing.
MAX_INDEXED_SHARE = 0.05
MIN_INDEXED_FREQUENCY = 20
# The stories sharing most of those features are compared in full: a story sharing little of them is not close.
MAX_CANDIDATE_STORIES = 10


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
    vectors, indexed = _vectors(articles)
    by_id = {article.source_id: article for article in articles}
    stories = _Stories(vectors, indexed)
    for article in articles:
        if article.source_id in previous:
            stories.add(previous[article.source_id], article)
    for article in sorted((a for a in articles if a.source_id not in previous), key=_earliness):
        score, story = stories.closest(article)
        stories.add(story if story is not None and score >= STORY_THRESHOLD else stable_id("sty", article.source_id),
                    article)
    # a story started in this run is named after its earliest article, so the same articles give the same id in
    # whatever order and runs they came (a dataset rebuilt from its archive keeps its stories' ids)
    published = set(previous.values())
    named = {story: story if story in published else stable_id("sty", min(others, key=lambda s: _earliness(by_id[s])))
             for story, others in stories.members.items()}
    return {source_id: Placement(named[story], stories.confidence(story, source_id))
            for story, others in stories.members.items() for source_id in others}


def _earliness(article):
    return article.published_at is None, article.published_at or date.min, article.source_id


def _features(article):
    return [("w", lemma) for lemma in article.lemmas] + [("e", entity) for entity in article.entities]


def _vectors(articles):
    """(unit TF-IDF vectors over lemma and entity features by source id, the features rare enough to look
    candidate stories up by). The IDF is smoothed (+1) so that what every article of a small dataset shares still
    counts: five reports of one meeting all name NATO."""
    features = {a.source_id: _features(a) for a in articles}
    document_frequency = Counter(feature for found in features.values() for feature in set(found))
    total = len(articles)
    vectors = {}
    for source_id, found in features.items():
        weights = {f: math.log((total + 1) / (document_frequency[f] + 1)) + 1 for f in set(found)}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[source_id] = {f: w / norm for f, w in weights.items()}
    most = max(MIN_INDEXED_FREQUENCY, int(MAX_INDEXED_SHARE * total))
    return vectors, {f for f, n in document_frequency.items() if n <= most}


class _Stories:
    """Stories as they form: their members, the sum of their members' vectors (the mean cosine of an article to a
    story's articles is its dot product with that sum, over their number), and an index of rare features and
    dates to find the stories an article may join."""

    def __init__(self, vectors, indexed):
        self.vectors = vectors
        self.indexed = indexed
        self.members = defaultdict(list)
        self.sums = defaultdict(lambda: defaultdict(float))
        self.dates = defaultdict(list)
        self.by_feature = defaultdict(set)

    def add(self, story, article):
        self.members[story].append(article.source_id)
        total = self.sums[story]
        for feature, weight in self.vectors[article.source_id].items():
            total[feature] += weight
            if feature in self.indexed:
                self.by_feature[feature].add(story)
        if article.published_at is not None:
            self.dates[story].append(article.published_at)

    def closest(self, article):
        """(mean similarity, story) of the story the article is closest to, or (0.0, None)."""
        vector = self.vectors[article.source_id]
        shared = Counter()  # candidate story -> weight of the rare features it shares with the article
        for feature, weight in vector.items():
            for story in self.by_feature.get(feature, ()) if feature in self.indexed else ():
                shared[story] += weight * self.sums[story][feature] / len(self.members[story])
        candidates = sorted((s for s in shared if self._in_window(s, article.published_at)),
                            key=lambda s: (-shared[s], s))[:MAX_CANDIDATE_STORIES]
        return max(((_dot(vector, self.sums[s]) / len(self.members[s]), s) for s in candidates), default=(0.0, None))

    def confidence(self, story, source_id):
        """The average similarity of an article to the other articles of its story; 1.0 when it is alone."""
        count = len(self.members[story])
        if count == 1:
            return 1.0
        vector = self.vectors[source_id]
        return round((_dot(vector, self.sums[story]) - _dot(vector, vector)) / (count - 1), 4)

    def _in_window(self, story, published_at):
        dates = self.dates.get(story)
        if published_at is None or not dates:
            return True
        window = timedelta(days=STORY_WINDOW_DAYS)
        return min(dates) - window <= published_at <= max(dates) + window


def _dot(vector, other):
    return sum(weight * other.get(feature, 0.0) for feature, weight in vector.items())
