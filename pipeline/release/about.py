"""What every description of the dataset says about it, whichever exporter writes it (Data Package, card, ...)."""

DATASET_NAME = "newsledger"
TITLE = "newsledger: who said what in the news"
DESCRIPTION = ("Attributed statements from news articles (direct, indirect and mixed quotations) with their speakers "
               "resolved to entities, the entities and their mentions, the source articles, and the same statement "
               "reported by several sources grouped into clusters. Built automatically by the newsledger pipeline.")
KEYWORDS = ["news", "quotations", "quote attribution", "named entities", "entity linking", "media monitoring"]
AUTHOR = "newsledger contributors"
LICENCE = ("Annotations (statements, entities, mentions, ids) are released under CC BY 4.0. Article text and "
           "headlines remain the copyright of their publishers; they are included for research and verification "
           "and may be excluded with --text-policy.")


def bibtex(manifest):
    """A BibTeX entry citing one release: its id is the version, so a citation names the exact data.

    @misc{newsledger_20260105T120000Z_b202c4a9, title = {newsledger: who said what in the news}, ...}"""
    key = f"{DATASET_NAME}_{manifest['release'].replace('-', '_')}"
    return (f"@misc{{{key},\n  title = {{{TITLE}}},\n  author = {{{AUTHOR}}},\n"
            f"  year = {{{manifest['created_at'][:4]}}},\n  version = {{{manifest['release']}}},\n"
            f"  note = {{Dataset release {manifest['release']}, built by newsledger {manifest['code_version']}}}\n}}")
