"""Views every release gets in `newsledger query`, derived from the tables so they cannot disagree with them."""

# One row per cluster of statements reporting the same utterance; superseded article versions are left out and
# a near-duplicate republication counts as the source it copies.
STATEMENT_CLUSTERS_VIEW = """
CREATE VIEW statement_clusters AS
SELECT s.cluster_id,
       count(*) AS statement_count,
       count(DISTINCT coalesce(src.duplicate_of, s.source_id)) AS source_count,
       count(DISTINCT src.outlet) AS outlet_count,
       list(DISTINCT src.outlet) FILTER (WHERE src.outlet IS NOT NULL) AS outlets,
       mode(s.speaker_entity_id) AS speaker_entity_id,
       arg_min(s.source_id, coalesce(src.published_at, DATE '9999-12-31')) AS first_source_id,
       min(src.published_at) AS first_published_at,
       arg_max(s.text, (s.kind = 'direct')::INTEGER * 1000000 + length(s.text)) AS representative_text
FROM statements s JOIN sources src USING (source_id)
WHERE s.cluster_id IS NOT NULL AND src.superseded_by IS NULL
GROUP BY s.cluster_id
"""

# Who said what in each story, outlet by outlet: one row per statement of a current article version.
STORY_STATEMENTS_VIEW = """
CREATE VIEW story_statements AS
SELECT src.story_id, st.title AS story_title, src.outlet, src.source_id, src.published_at,
       coalesce(e.name, s.speaker) AS speaker, s.speaker_entity_id, s.kind, s.text, s.cluster_id
FROM statements s JOIN sources src USING (source_id)
JOIN stories st ON st.story_id = src.story_id
LEFT JOIN entities e ON e.entity_id = s.speaker_entity_id
WHERE src.superseded_by IS NULL
"""

# One row per story with what was said in it: statements, speakers, and statements several sources report.
STORY_SUMMARY_VIEW = """
CREATE VIEW story_summary AS
SELECT st.story_id, st.title, st.first_published_at, st.last_published_at, st.source_count, st.outlet_count,
       count(s.statement_id) AS statement_count,
       count(DISTINCT s.speaker_entity_id) AS speaker_count,
       count(DISTINCT s.cluster_id) AS cluster_count,
       st.top_entities
FROM stories st
LEFT JOIN sources src ON src.story_id = st.story_id AND src.superseded_by IS NULL
LEFT JOIN statements s ON s.source_id = src.source_id
GROUP BY ALL
"""

# Every view, in the order they are created (a view may use one listed before it).
VIEWS = {"statement_clusters": STATEMENT_CLUSTERS_VIEW, "story_statements": STORY_STATEMENTS_VIEW,
         "story_summary": STORY_SUMMARY_VIEW}
