"""The source list: which outlets to collect from and how politely, as a TOML or YAML file checked by Pydantic.

    contact = "https://example.org/newsledger-crawler"   # named in the User-Agent, so a site can reach us
    [[outlets]]
    name = "Harbour Gazette"
    homepage = "https://harbourgazette.example/"
    feeds = ["https://harbourgazette.example/feed.xml"]
    sitemaps = ["https://harbourgazette.example/sitemap.xml"]
    text_policy = "excerpt"        # full | excerpt | none: how much of its text a release may carry
    exclude = ["/video/"]          # regular expressions a URL must not match

A plain list of article URLs (a `.txt` file, one per line, `#` comments) is a source list too; its contact then
comes from NEWSLEDGER_CONTACT. Every mistake is one line naming the entry and the field:
`sources.toml: outlets[1] (Harbour Gazette) feeds[0]: Input should be a valid URL, relative URL without a base`.
"""

import os
import re
import tomllib
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator

from pipeline.errors import UserError

CONTACT_VARIABLE = "NEWSLEDGER_CONTACT"
URL_LIST_SUFFIXES = (".txt", ".urls")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # a misspelt key is an error, not silently ignored


class Politeness(_Strict):
    """How the fetcher treats every site; an outlet may ask for a slower rate."""

    seconds_between_requests: float = Field(1.0, ge=0, description="per host; a robots.txt Crawl-delay can raise it")
    concurrency: int = Field(8, ge=1, le=64, description="requests in flight at once, over all hosts")
    per_host_concurrency: int = Field(2, ge=1, le=8)
    timeout_seconds: float = Field(20.0, gt=0, description="connect, and between two reads of a response")
    total_timeout_seconds: float = Field(60.0, gt=0, description="a whole response, however slowly it trickles in")
    max_bytes: int = Field(5_000_000, gt=0, description="a longer body is cut there and not used")
    max_redirects: int = Field(5, ge=0)
    retries: int = Field(3, ge=0, le=10, description="on 429, 5xx and failed connections")
    backoff_seconds: float = Field(2.0, ge=0, description="doubled on every retry")
    max_retry_after_seconds: float = Field(300.0, ge=0, description="a longer Retry-After gives the URL up this run")
    allow_private_addresses: bool = Field(False, description="loopback and private networks (the demo needs them)")
    revisit_after_seconds: float = Field(3600.0, ge=0, description="a listed page is asked again (conditional GET) "
                                                                   "once this old")
    max_pages_per_run: int = Field(1000, ge=1, description="the rest wait for the next run")


class Outlet(_Strict):
    name: str = Field(min_length=1)
    homepage: HttpUrl
    feeds: list[HttpUrl] = []
    sitemaps: list[HttpUrl] = []
    language: str = Field("en", pattern=r"^[a-z]{2,3}$")
    text_policy: Literal["full", "excerpt", "none"] = "full"
    seconds_between_requests: float | None = Field(None, ge=0)
    include: list[str] = []
    exclude: list[str] = []

    @field_validator("include", "exclude")
    @classmethod
    def _compiles(cls, patterns):
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"invalid regular expression {pattern!r}: {err}") from None
        return patterns

    def wants(self, url: str) -> bool:
        """The outlet's URL patterns let `url` through: it matches an include (when any is given) and no exclude."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


class SourceList(_Strict):
    contact: str = Field(min_length=1, description="a URL or mailto: where a site's operator can reach you")
    outlets: list[Outlet] = []
    urls: list[HttpUrl] = Field([], description="single article URLs, outside any outlet")
    schedule: str = Field("*/15 * * * *", description="cron expression of `newsledger serve --sources`")
    politeness: Politeness = Politeness()

    @field_validator("contact")
    @classmethod
    def _reachable(cls, contact):
        if not re.match(r"^(https?://\S+|mailto:\S+@\S+)$", contact):
            raise ValueError("must be an http(s) URL or a mailto: address")
        return contact

    def outlet_of(self, url: str) -> Outlet | None:
        """The outlet whose homepage is on the host of `url`, if any."""
        host = urlsplit(url).netloc.lower()
        return next((o for o in self.outlets if urlsplit(str(o.homepage)).netloc.lower() == host), None)


def _where(data: dict, location: tuple) -> str:
    """`outlets[1] (Harbour Gazette) feeds[0]` for pydantic's location ('outlets', 1, 'feeds', 0)."""
    parts, node = [], data
    for key in location:
        if isinstance(key, int):
            parts[-1] += f"[{key}]"
            node = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(node, dict) and node.get("name"):
                parts[-1] += f" ({node['name']})"
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return " ".join(parts) or "top level"


def _read(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix in URL_LIST_SUFFIXES:
        urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        contact = os.environ.get(CONTACT_VARIABLE)
        if not contact:
            raise UserError(f"{path}: a plain URL list names no contact: set {CONTACT_VARIABLE} to a URL or mailto: "
                            "where sites can reach you")
        return {"contact": contact, "urls": urls}
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as err:
        raise UserError(f"{path}: not valid {path.suffix.lstrip('.').upper()}: {str(err).splitlines()[0]}") from err
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected a table of settings with `contact` and `outlets`")
    return data


def load_sources(path: str) -> SourceList:
    """The source list in `path` (.toml, .yaml/.yml, or .txt of URLs); a UserError naming the first bad entry."""
    file = Path(path)
    if not file.is_file():
        raise UserError(f"source list not found: {path}")
    data = _read(file)
    try:
        return SourceList.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        raise UserError(f"{path}: {_where(data, first['loc'])}: {first['msg']}") from None
