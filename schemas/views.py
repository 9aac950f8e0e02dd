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
