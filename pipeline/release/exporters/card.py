"""`README.md`: the dataset card, for people: what the release holds, how it was made, its licence, how to query it,
and the data dictionary."""

from pipeline.release.about import LICENCE
from schemas.contract import data_dictionary_markdown
from schemas.views import VIEWS

FILE = "README.md"


def export(manifest, folder):
    path = folder / FILE
    path.write_text(dataset_card(manifest) + "\n", encoding="utf-8")
    return path


VIEW_DEFINITIONS = ";\n".join(view.strip() for view in VIEWS.values())


def dataset_card(manifest):
    counts = "\n".join(f"| `{table}` | {entry['rows']} |" for table, entry in manifest["tables"].items())
    return f"""# newsledger release {manifest['release']}

Who said what in the news: attributed statements (direct, indirect and mixed quotations) with their speakers
resolved to entities, the entities and their mentions, and the source articles they come from.

- Created: {manifest['created_at']} by newsledger {manifest['code_version']} (schema {manifest['schema_version']})
- Inputs: {len(manifest['inputs'])} articles (listed with their sha256 in `manifest.json`)
- Files: Parquet (zstd), described by `datapackage.json` (Frictionless Data Package v2); checksums in `SHA256SUMS`

## How it was made
Articles are ingested (text, HTML, JSON, WARC), cleaned (site boilerplate removed, mojibake and
machine-translation damage repaired, metadata extracted), annotated with spaCy `en_core_web_sm` 3.8 (named
entities, dependency parse), statements are found from quotation marks and reporting verbs and attributed through
the parse and the article's own context, entities are resolved across all sources, and the same statement
reported by several sources gets one `cluster_id`. Every table is validated against its schema (Pandera) and
cross-table rules (spans, references, unique ids) before publication. Automatic annotation makes mistakes: check
the text spans before relying on a row.

## Rows
| table | rows |
|---|---|
{counts}

## Licence
{LICENCE}

## Query with DuckDB
Locally, with newsledger: `newsledger query "SELECT count(*) FROM statements"`.
Plain DuckDB, from this folder:
```sql
SELECT e.name AS speaker, s.kind, s.text
FROM 'statements.parquet' s JOIN 'entities.parquet' e ON s.speaker_entity_id = e.entity_id
ORDER BY e.name LIMIT 10;
```
Over HTTP, from any static server holding this folder:
```sql
INSTALL httpfs; LOAD httpfs;
SELECT count(*) FROM read_parquet('https://HOST/PATH/latest/statements.parquet');
```
or `newsledger query --url https://HOST/PATH/latest "SQL"`, which reads `manifest.json` and sets up the same views.

The views `newsledger query` sets up, after `CREATE VIEW statements AS SELECT * FROM 'statements.parquet'` and
likewise for the other tables: `statement_clusters` (the same statement across sources, with source and outlet
counts, the first published source and a representative text), `story_statements` (who said what in each story,
outlet by outlet) and `story_summary` (each story with its statement, speaker and cluster counts):
```sql
{VIEW_DEFINITIONS};
```

## Data dictionary
{data_dictionary_markdown()}"""
