"""`README.md`: the dataset card, for people and for the Hugging Face Hub: front matter (configs pointing at the
Parquet files, licence, languages, size category), what the release holds and covers, how it was made and how good
it is (the recorded evaluation figures, `quality.py`), what changed since the previous release, how to cite and
query it, and the data dictionary."""

import yaml

from pipeline.release.about import DESCRIPTION, KEYWORDS, LICENCE, TITLE, bibtex
from pipeline.release.quality import figures_text, load_quality
from schemas.contract import data_dictionary_markdown
from schemas.views import VIEWS

FILE = "README.md"
# The Hub's size categories, by the number of statements (the default config): (upper bound, category).
SIZE_CATEGORIES = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B")]
DEFAULT_CONFIG = "statements"
OUTLETS_SHOWN = 20


def export(manifest, folder):
    path = folder / FILE
    path.write_text(dataset_card(manifest) + "\n", encoding="utf-8")
    return path


VIEW_DEFINITIONS = ";\n".join(view.strip() for view in VIEWS.values())


def size_category(rows):
    return next((category for bound, category in SIZE_CATEGORIES if rows < bound), "n>1B")


def front_matter(manifest):
    """The Hub's YAML metadata: one config per table, each pointing at its Parquet file."""
    configs = [{"config_name": table, "data_files": [{"split": "train", "path": entry["files"][0]["path"]}],
                **({"default": True} if table == DEFAULT_CONFIG else {})}
               for table, entry in manifest["tables"].items()]
    metadata = {"pretty_name": TITLE, "license": "cc-by-4.0",
                "language": list(manifest["coverage"]["languages"]) or ["en"],
                "size_categories": [size_category(manifest["tables"][DEFAULT_CONFIG]["rows"])],
                "tags": [keyword.replace(" ", "-") for keyword in KEYWORDS], "configs": configs}
    return f"---\n{yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True)}---"


def coverage_section(coverage):
    outlets = coverage["outlets"]
    named = ", ".join(f"{outlet} ({n})" for outlet, n in list(outlets.items())[:OUTLETS_SHOWN])
    more = f", and {len(outlets) - OUTLETS_SHOWN} more" if len(outlets) > OUTLETS_SHOWN else ""
    dates = (f"from {coverage['published_first']} to {coverage['published_last']}"
             if coverage["published_first"] else "no publication date known")
    return (f"- Sources: {coverage['sources']}, published {dates}"
            + (f" ({coverage['undated']} undated)" if coverage["undated"] and coverage["published_first"] else "")
            + f"\n- Outlets ({len(outlets)}): {named or 'none named'}{more}"
            + (f"; {coverage['without_outlet']} sources name none" if coverage["without_outlet"] else "")
            + "\n- Languages: " + ", ".join(f"{lang} ({n})" for lang, n in coverage["languages"].items()))


def markdown_table(columns, rows):
    """["table", "rows"], [("`sources`", 5)] -> "| table | rows |\n|---|---|\n| `sources` | 5 |"."""
    head = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    return "\n".join(head + ["| " + " | ".join(map(str, row)) + " |" for row in rows])


def quality_section(quality):
    if quality is None:
        return "No evaluation figures were recorded for this code (`make quality` records them)."
    rows = [(part, figures_text(figures)) for part, figures in quality["figures"].items()]
    return (f"Measured by `newsledger eval` against the hand-made gold annotations of {quality['gold_documents']} "
            f"articles (`{quality['gold']}`), on a release built by newsledger {quality['code_version']}. They are "
            f"figures on those articles, not a guarantee for every row.\n\n{markdown_table(['part', 'figures'], rows)}")


def changes_section(delta):
    if delta is None:
        return "This is the first release: there is nothing to compare it with."
    rows = [(f"`{table}`", item["added"], item["removed"], item["changed"]) for table, item in delta["tables"].items()]
    return (f"Against release {delta['against']}. Every changed row is in `delta/<table>.parquet` (the columns "
            f"`change` and `changed_columns`, then the table's own).\n\n"
            + markdown_table(["table", "added", "removed", "changed"], rows))


def dataset_card(manifest):
    counts = markdown_table(["table", "rows"], [(f"`{table}`", entry["rows"]) for table, entry in
                                                manifest["tables"].items()])
    return f"""{front_matter(manifest)}

# newsledger release {manifest['release']}

{DESCRIPTION}

- Created: {manifest['created_at']} by newsledger {manifest['code_version']} (schema {manifest['schema_version']})
- Inputs: {len(manifest['inputs'])} articles (listed with their sha256 in `manifest.json`)
- Files: Parquet (zstd), described by `datapackage.json` (Frictionless Data Package v2) and `croissant.json`
  (MLCommons Croissant 1.0); checksums in `SHA256SUMS`

## How it was made
Articles are ingested (text, HTML, JSON, WARC), cleaned (site boilerplate removed, mojibake and
machine-translation damage repaired, metadata extracted), annotated with spaCy `en_core_web_sm` 3.8 (named
entities, dependency parse), statements are found from quotation marks and reporting verbs and attributed through
the parse and the article's own context, entities are resolved across all sources, articles reporting one event
are grouped in stories, and the same statement reported by several sources gets one `cluster_id`. Every table is
validated against its schema (Pandera) and cross-table rules (spans, references, unique ids) before publication. Automatic annotation makes mistakes: check
the text spans before relying on a row.

## Rows
{counts}

## Coverage
{coverage_section(manifest['coverage'])}

## Quality
{quality_section(load_quality())}

## Changes since the previous release
{changes_section(manifest['delta'])}

## Ids that moved
Ids are stable, but when entities merge (or clusters are re-formed by new code) an id can stop being published.
`entity_redirects` and `cluster_redirects` map every such id of any earlier release to the one holding its
members now, in one step (reason merged, split or dissolved). An id you stored, resolved:
```sql
SELECT coalesce((SELECT new_id FROM 'entity_redirects.parquet' WHERE old_id = 'ent_…'), 'ent_…') AS entity_id;
```

## Cite
```bibtex
{bibtex(manifest)}
```

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
