"""The report's sections: one function each, listed in SECTIONS in the order the page shows them.

A section takes the ReportData of a release and returns a `page.Section`, or None when the release holds nothing
for it. Sections read the release through the same DuckDB views as `newsledger query`, and look for tables and
columns rather than assume them: when a release gains a `stories` table (and a `story_id` on statements or
sources), statements per story appear before clusters and sources; when it has a `rejects` table, the rejected
inputs appear under data quality. To add a section: write its function here and add it to SECTIONS.
"""

from collections import Counter

from pipeline.release.quality import figures_text
from pipeline.report import charts
from pipeline.report.page import Section, chart, paragraph, status, table

TOP = 10
NO_OUTLET = "(no outlet named)"
# How statements group, each shown when a table has its column: (what, column, table naming a group, its label).
GROUPINGS = [("story", "story_id", "stories", "title"),
             ("cluster", "cluster_id", "statement_clusters", "representative_text"),
             ("source", "source_id", "sources", "title")]
# A rejects table's column saying why an input was rejected, the first one present.
REASON_COLUMNS = ("reason", "problem", "error")
REJECTS_SHOWN = 10
LABEL_CHARS = 90
MONTHLY_AFTER_DAYS = 90  # a longer span is counted per month, not per day


def overview(data):
    manifest, coverage = data.release.manifest, data.release.manifest.get("coverage")
    facts = [("release", manifest["release"]), ("created", manifest["created_at"]),
             ("code version", manifest["code_version"]), ("schema version", manifest["schema_version"]),
             ("text policy", manifest.get("text_policy")), ("inputs", len(manifest["inputs"]))]
    parts = [table(None, facts),
             table(["table", "rows"], [(t, entry["rows"]) for t, entry in manifest["tables"].items()])]
    if coverage:
        dates = (f"published from {coverage['published_first']} to {coverage['published_last']}"
                 if coverage["published_first"] else "no publication dates known")
        parts.append(paragraph(f"{coverage['sources']} sources, {dates}; outlets named: {len(coverage['outlets'])}; "
                               f"languages: {', '.join(coverage['languages']) or 'none detected'}."))
    return Section("Overview", parts)


def over_time(data):
    span = data.query("SELECT min(published_at), max(published_at) FROM sources")[0]
    if span[0] is None:
        return Section("Over time", [paragraph("No source has a known publication date.")])
    unit = "month" if (span[1] - span[0]).days > MONTHLY_AFTER_DAYS else "day"
    found = data.query(f"""
        SELECT date_trunc('{unit}', src.published_at)::DATE AS period, count(DISTINCT src.source_id),
               count(s.statement_id)
        FROM sources src LEFT JOIN statements s USING (source_id)
        WHERE src.published_at IS NOT NULL GROUP BY 1 ORDER BY 1""")
    undated = data.query("SELECT count(*) FROM sources WHERE published_at IS NULL")[0][0]
    periods = [row[0] for row in found]
    counts = {"sources": [r[1] for r in found], "statements": [r[2] for r in found]}
    svg = charts.over_time("over-time", periods, counts, f"per {unit}")
    return Section("Over time", [chart(svg, f"Sources and their statements per {unit} of publication"),
                                 paragraph(f"{undated} sources have no known publication date and are not shown.")])


def speakers_and_outlets(data):
    speakers = data.query(f"""
        SELECT e.name, count(*) AS statements, count(DISTINCT s.source_id) AS sources
        FROM statements s JOIN entities e ON s.speaker_entity_id = e.entity_id
        GROUP BY e.name ORDER BY statements DESC, e.name LIMIT {TOP}""")
    outlets = data.query(f"""
        SELECT coalesce(src.outlet, '{NO_OUTLET}'), count(DISTINCT src.source_id), count(s.statement_id)
        FROM sources src LEFT JOIN statements s USING (source_id)
        GROUP BY 1 ORDER BY 2 DESC, 3 DESC, 1 LIMIT {TOP}""")
    parts = []
    if speakers:
        parts += [chart(charts.bars("speakers", [r[0] for r in speakers], {"statements": [r[1] for r in speakers]},
                                    horizontal=True, ylabel="statements"),
                        f"Speakers with the most statements (at most {TOP})"),
                  table(["speaker", "statements", "sources"], speakers)]
    else:
        parts.append(paragraph("No statement has a resolved speaker."))
    parts += [chart(charts.bars("outlets", [r[0] for r in outlets], {"sources": [r[1] for r in outlets],
                                                                     "statements": [r[2] for r in outlets]},
                                horizontal=True),
                    f"Sources and statements per outlet (the {TOP} largest at most)"),
              table(["outlet", "sources", "statements"], outlets)]
    return Section("Top speakers and outlets", parts)


def _grouping_source(data, column):
    """The FROM clause reaching `column` from statements, or None when no table has it."""
    if column in data.columns("statements"):
        return "statements s"
    if column in data.columns("sources"):
        return "statements s JOIN sources src USING (source_id)"
    return None


PLURALS = {"story": "stories"}


def statements_per_group(data):
    parts = []
    for what, column, label_table, label_column in GROUPINGS:
        source = _grouping_source(data, column)
        if source is None:
            continue
        sizes = data.query(f'SELECT "{column}", count(*) FROM {source} WHERE "{column}" IS NOT NULL GROUP BY 1')
        alone = data.query(f'SELECT count(*) FROM {source} WHERE "{column}" IS NULL')[0][0]
        labelled = label_column in data.columns(label_table)
        label = f'l."{label_column}"' if labelled else "NULL"
        join = f'LEFT JOIN {label_table} l ON l."{column}" = g.grp' if labelled else ""
        top = data.query(f"""
            SELECT g.grp, g.n, CASE WHEN length({label}) > {LABEL_CHARS} THEN left({label}, {LABEL_CHARS - 1}) || '…'
                                    ELSE {label} END FROM (SELECT "{column}" AS grp, count(*) AS n FROM {source}
            WHERE "{column}" IS NOT NULL GROUP BY 1) g {join} ORDER BY g.n DESC, g.grp LIMIT {TOP}""")
        parts.append(f"<h3>Per {what}</h3>")
        groups = PLURALS.get(what, f"{what}s")
        parts.append(paragraph(f"{groups.capitalize()}: {len(sizes)}, holding {sum(n for _, n in sizes)} statements"
                               + (f"; {alone} statements belong to none." if alone else ".")))
        if sizes:
            histogram = Counter(n for _, n in sizes)
            parts.append(chart(charts.histogram(f"per-{what}", histogram, f"statements per {what}", groups),
                               f"How many {groups} have each number of statements"))
            parts.append(table([what, "statements", label_column if labelled else ""], top))
    return Section("Statements per story, cluster and source", parts) if parts else None


def entities_and_clusters(data):
    types = data.query("SELECT type, count(*), sum(mention_count) FROM entities GROUP BY 1 ORDER BY 2 DESC, 1")
    figures = data.query("""
        SELECT count(*), sum(mention_count), count(*) FILTER (WHERE source_count > 1), max(mention_count)
        FROM entities""")[0]
    clusters = data.query("""
        SELECT count(*), sum(statement_count), count(*) FILTER (WHERE outlet_count > 1), max(source_count)
        FROM statement_clusters""")[0]
    statements = data.query("SELECT count(*) FROM statements")[0][0]
    parts = [chart(charts.bars("entity-types", [r[0] for r in types], {"entities": [r[1] for r in types]},
                               ylabel="entities"), "Entities by type"),
             table(["entities", "mentions", "in several sources", "most mentions"], [figures]),
             table(["clusters", "statements in clusters", "share of all statements", "across outlets",
                    "most sources"],
                   [(clusters[0], clusters[1] or 0, f"{(clusters[1] or 0) / statements:.0%}" if statements else "",
                     clusters[2], clusters[3])])]
    sizes = Counter(n for (n,) in data.query("SELECT source_count FROM statement_clusters"))
    if sizes:
        parts.append(chart(charts.histogram("cluster-sources", sizes, "sources reporting the statement", "clusters"),
                           "How many sources report each clustered statement"))
    return Section("Entities and clusters", parts)


def data_quality(data):
    failures = data.failures
    parts = [status(not failures, "All checks passed: schemas, spans, references, ids and checksums."
                    if not failures else f"{len(failures)} checks failed.")]
    if failures:
        parts.append(table(["table", "column", "check", "rows"], [(f.table, f.column, f.check, len(f.ids))
                                                                  for f in failures]))
    if data.quality:
        quality = data.quality
        parts.append(paragraph(f"Evaluation figures recorded for this code (newsledger eval against the gold "
                               f"annotations of {quality['gold_documents']} articles, code "
                               f"{quality['code_version']}):"))
        parts.append(table(["part", "figures"], [(part, figures_text(figures))
                                                 for part, figures in quality["figures"].items()]))
    repairs = data.release.manifest.get("stats", {}).get("repairs")
    if repairs:
        parts.append(paragraph("Repairs while cleaning: " + ", ".join(f"{k} {v}" for k, v in sorted(repairs.items()))
                               + "."))
    parts += _rejects(data)
    return Section("Data quality", parts)


def _rejects(data):
    if "rejects" not in data.tables():
        return [paragraph("This release has no rejects table: no rejected input is recorded in it.")]
    columns = data.columns("rejects")
    count = data.query("SELECT count(*) FROM rejects")[0][0]
    parts = [paragraph(f"{count} inputs were rejected.")]
    reason = next((c for c in REASON_COLUMNS if c in columns), None)
    if reason:
        parts.append(table([reason, "inputs"], data.query(f'SELECT "{reason}", count(*) FROM rejects GROUP BY 1 '
                                                           f"ORDER BY 2 DESC, 1")))
    shown = sorted(columns)
    quoted = ", ".join(f'"{c}"' for c in shown)
    parts.append(table(shown, data.query(f"SELECT {quoted} FROM rejects LIMIT {REJECTS_SHOWN}")))
    return parts


def changes(data):
    from pipeline.release.delta import counts, examples

    delta = data.release.manifest.get("delta")
    if not delta or data.deltas is None:
        return Section("Changes since the previous release",
                       [paragraph("This is the first release: there is nothing to compare it with.")])
    found = {table_name: counts(d) for table_name, d in data.deltas.items()}
    names = list(found)
    svg = charts.bars("changes", names, {change: [found[t][change] for t in names]
                                          for change in ("added", "removed", "changed")}, ylabel="rows")
    rows = [(t, change, total, key, ", ".join(changed), shown) for t, change, total, shown_rows in examples(data.deltas)
            for key, changed, shown in shown_rows]
    return Section("Changes since the previous release", [
        paragraph(f"Against release {delta['against']}; every changed row is in the release's delta files "
                  f"(delta/<table>.parquet)."),
        chart(svg, "Rows added, removed and changed per table"),
        table(["table", "added", "removed", "changed"], [(t, *c.values()) for t, c in found.items()]),
        paragraph("A few of them:"),
        table(["table", "change", "rows", "example", "changed columns", "what"], rows)])


SECTIONS = [overview, over_time, speakers_and_outlets, statements_per_group, entities_and_clusters, data_quality,
            changes]
