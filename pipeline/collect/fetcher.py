"""The polite fetcher: one URL at a time per call, safe to call from many threads.

`Fetcher.fetch(url, kind, validators)` follows redirects itself (each hop checked again: http(s) only, robots.txt,
a public address), retries 429, 5xx and failed connections with backoff honouring Retry-After, sends
If-None-Match/If-Modified-Since, and stops a body at the size cap or the total timeout. It returns every request
it made, or refused, as an `Attempt`, the robots.txt reads among them: the caller archives and logs each one.
"""

import email.utils
import io
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from warcio.bufferedreaders import BufferedReader

from pipeline import __version__
from pipeline.collect.archive import Exchange
from pipeline.collect.config import Politeness
from pipeline.collect.politeness import HostGate, Refused, Robots, public_address

RETRIED_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
# what each kind of resource may be served as; a missing Content-Type is let through
ACCEPTED_TYPES = {"page": ("html",), "feed": ("xml", "rss", "atom"), "sitemap": ("xml", "text/plain"),
                  "robots": ("text/plain",)}
ACCEPT = {"page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
          "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1",
          "sitemap": "application/xml,text/xml;q=0.9,*/*;q=0.1", "robots": "text/plain"}


@dataclass
class Attempt:
    """One request made (or refused) while fetching a URL. `outcome` is None for the answer to use (a 200 with its
    decoded `body`), else the fetch log's outcome: redirect, not_modified, error or skipped, with a `reason`."""

    kind: str
    exchange: Exchange
    outcome: str | None = None
    reason: str | None = None
    body: bytes | None = field(default=None, repr=False)


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for: "120" or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Fetcher:
    def __init__(self, politeness: Politeness, contact: str, host_delays: dict[str, float] | None = None):
        self.rules = politeness
        self.user_agent = f"newsledger/{__version__} (+{contact})"
        self.host_delays = host_delays or {}
        self.gate = HostGate(politeness.per_host_concurrency)
        self.robots = Robots(self._read_robots)
        self._robot_attempts = threading.local()
        timeout = httpx.Timeout(politeness.timeout_seconds)
        # no proxies from the environment: the address we checked must be the one we connect to
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                   limits=httpx.Limits(max_connections=politeness.concurrency))

    def close(self):
        self.client.close()

    def _delay(self, url: str) -> float:
        host = urlsplit(url).netloc
        return max(self.host_delays.get(host, self.rules.seconds_between_requests), self.robots.crawl_delay(origin(url)))

    def _read_robots(self, site: str) -> bytes | None:
        attempts = self._follow(f"{site}/robots.txt", "robots", {}, obey_robots=False)
        self._robot_attempts.found.extend(attempts)
        last = attempts[-1]
        if last.outcome is None:
            return last.body
        status = last.exchange.status
        if status is not None and 400 <= status < 500:
            return None
        raise Refused(last.reason)

    def fetch(self, url: str, kind: str = "page", validators: dict | None = None) -> list[Attempt]:
        """Every request made for `url`, the robots.txt reads first; the last one is the answer."""
        self._robot_attempts.found = []
        attempts = self._follow(url, kind, validators or {}, obey_robots=True)
        return self._robot_attempts.found + attempts

    def _follow(self, url: str, kind: str, validators: dict, obey_robots: bool) -> list[Attempt]:
        attempts, seen = [], set()
        while True:
            try:
                if urlsplit(url).scheme not in ("http", "https"):
                    raise Refused("not an http(s) URL")
                parts = urlsplit(url)
                ip = public_address(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80),
                                    self.rules.allow_private_addresses)
                if obey_robots:
                    self.robots.check(origin(url), url)
            except Refused as err:
                return attempts + [Attempt(kind, Exchange(url, datetime.now(timezone.utc), []), "skipped", str(err))]
            attempt = self._with_retries(url, ip, kind, validators if not attempts else {}, attempts)
            attempts.append(attempt)
            status = attempt.exchange.status
            location = attempt.exchange.header("Location")
            if status not in REDIRECT_STATUSES or not location:
                return attempts
            seen.add(url)
            url = urljoin(url, location)
            attempt.outcome, attempt.reason = "redirect", f"to {url}"
            if url in seen or len(seen) > self.rules.max_redirects:
                attempt.outcome = "error"
                attempt.reason = "redirect loop" if url in seen else f"more than {self.rules.max_redirects} redirects"
                return attempts

    def _with_retries(self, url, ip, kind, validators, attempts) -> Attempt:
        host = urlsplit(url).netloc
        for retry in range(self.rules.retries + 1):
            with self.gate.slot(host, self._delay(url)):
                attempt = self._request(url, ip, kind, validators)
            status = attempt.exchange.status
            failed = status in RETRIED_STATUSES or (status is None and attempt.outcome == "error")
            if not failed or retry == self.rules.retries:
                return attempt
            wait = retry_after(attempt.exchange.header("Retry-After")) if status else None
            if wait is not None and wait > self.rules.max_retry_after_seconds:
                attempt.reason += f"; Retry-After {wait:.0f}s is past the limit, left for a later run"
                return attempt
            wait = self.rules.backoff_seconds * 2 ** retry if wait is None else wait
            self.gate.hold(host, wait)
            attempt.reason += f"; retried after {wait:.1f}s"
            attempts.append(attempt)
        raise AssertionError("unreachable: the last retry returns")

    def _request(self, url, ip, kind, validators) -> Attempt:
        parts = urlsplit(url)
        pinned = urlunsplit((parts.scheme, (f"[{ip}]" if ":" in ip else ip) + (f":{parts.port}" if parts.port else ""),
                             parts.path or "/", parts.query, ""))
        headers = {"Host": parts.netloc, "User-Agent": self.user_agent, "Accept": ACCEPT[kind],
                   "Accept-Encoding": "gzip, deflate", **validators}
        exchange = Exchange(url, datetime.now(timezone.utc), list(headers.items()), ip=ip)
        started = time.monotonic()
        # https is pinned to the address checked above and still verified against the host name
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        try:
            with self.client.stream("GET", pinned, headers=headers, extensions=extensions) as response:
                exchange.status, exchange.reason_phrase = response.status_code, response.reason_phrase
                exchange.response_headers = list(response.headers.multi_items())
                return self._read_body(response, exchange, kind, started)
        except httpx.TimeoutException:
            return Attempt(kind, exchange, "error", f"timeout after {self.rules.timeout_seconds:g}s")
        except httpx.HTTPError as err:
            return Attempt(kind, exchange, "error", f"{type(err).__name__}: {str(err) or 'no response'}"[:200])

    def _read_body(self, response, exchange, kind, started) -> Attempt:
        status = response.status_code
        content_type = (response.headers.get("Content-Type") or "").lower()
        if status == 200 and content_type and not any(t in content_type for t in ACCEPTED_TYPES[kind]):
            exchange.truncated = True  # the body is never read
            return Attempt(kind, exchange, "error", f"wrong content type {content_type.split(';')[0]}")
        body = bytearray()
        for chunk in response.iter_raw():
            body += chunk
            if len(body) > self.rules.max_bytes:
                exchange.raw_body, exchange.truncated = bytes(body[:self.rules.max_bytes]), True
                return Attempt(kind, exchange, "error", f"body over {self.rules.max_bytes} bytes")
            if time.monotonic() - started > self.rules.total_timeout_seconds:
                exchange.raw_body, exchange.truncated = bytes(body), True
                return Attempt(kind, exchange, "error", f"timeout after {self.rules.total_timeout_seconds:g}s")
        exchange.raw_body = bytes(body)
        if status == 304:
            return Attempt(kind, exchange, "not_modified")
        if status != 200:
            return Attempt(kind, exchange, "error", f"http {status}")
        decoded = decode_body(exchange.raw_body, response.headers.get("Content-Encoding"), self.rules.max_bytes)
        if decoded is None:
            return Attempt(kind, exchange, "error", f"body over {self.rules.max_bytes} bytes once decompressed")
        return Attempt(kind, exchange, body=decoded)


def decode_body(raw: bytes, encoding: str | None, limit: int) -> bytes | None:
    """The body as readers of the archive will see it (warcio decodes gzip and deflate the same way), or None
    when it decompresses past `limit`."""
    encoding = (encoding or "").lower()
    if encoding not in BufferedReader.get_supported_decompressors():
        return raw
    decoded = BufferedReader(io.BytesIO(raw), decomp_type=encoding).read(limit + 1)
    return decoded if len(decoded) <= limit else None
