"""Collect: news from the web into a WARC archive and a fetch log, the build's input (`newsledger collect`).

    source list --config--> outlets --discover--> page URLs --fetcher--> responses --archive--> WARC files
                                                                               \\--extract + state--> fetch log

Modules, each one concern:
- `config`: the source list (TOML, YAML or a plain list of URLs), checked by Pydantic;
- `discover`: feeds (feedparser) and sitemaps read, URLs normalised (courlan);
- `politeness`: robots.txt (protego), private addresses refused, per-host rate and concurrency;
- `fetcher`: httpx, redirects, retries, conditional GET, size and time caps;
- `archive`: gzip WARC files (warcio), written before anything is logged, recovered after a kill;
- `extract`: article or not (index page, paywall stub, empty body), canonical URL;
- `state`: the SQLite state (`<output>/state.sqlite`): URLs seen and the fetch log;
- `run`: the steps as plain functions over batches, which `pipeline.flows.collect_news` wraps in tasks;
- `progress`: the terminal's progress bar.
"""

from pipeline.collect.archive import ARCHIVE, archive_files
from pipeline.collect.config import SourceList, load_sources
from pipeline.collect.state import fetch_log

__all__ = ["ARCHIVE", "SourceList", "archive_files", "fetch_log", "load_sources"]
