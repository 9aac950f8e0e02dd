"""What the fetcher must not do: fetch a URL robots.txt disallows, reach a private address, or ask one host faster
than its rate allows."""

import ipaddress
import socket
import threading
import time
from contextlib import contextmanager

from protego import Protego

ROBOTS_TOKEN = "newsledger"


class Refused(Exception):
    """A URL the fetcher will not request; the message is the fetch log's reason."""


def public_address(host: str, port: int, allow_private: bool) -> str:
    """The address `host` resolves to, refused unless it is on the public internet (or `allow_private`), so a feed
    cannot point the fetcher at 127.0.0.1, 10.0.0.0/8 or a cloud metadata service at 169.254.169.254."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise Refused(f"cannot resolve {host}: {err}") from None
    address = ipaddress.ip_address(infos[0][4][0])
    mapped = getattr(address, "ipv4_mapped", None) or address
    if not (mapped.is_global or allow_private):
        raise Refused(f"private address {address} refused")
    return str(address)


class Robots:
    """robots.txt rules by origin ("https://example.org"), read once per run by `fetch_robots(origin)`, which gives
    the robots.txt body (None when there is none: all allowed) or raises Refused when it cannot be read (a 5xx or a
    failed request: all disallowed, as RFC 9309 says)."""

    def __init__(self, fetch_robots):
        self._fetch = fetch_robots
        self._rules = {}
        self._locks = {}
        self._guard = threading.Lock()

    def rules(self, origin: str) -> Protego | None:
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one request per origin, however many threads ask at once
            if origin not in self._rules:
                try:
                    body = self._fetch(origin)
                    self._rules[origin] = _parse(body)
                except Refused as err:
                    self._rules[origin] = err
            found = self._rules[origin]
        if isinstance(found, Refused):
            raise Refused(f"robots.txt unreachable ({found}): all disallowed")
        return found

    def remember(self, origin: str, body: bytes | None):
        """Rules read by an earlier run (robots.txt may be cached for a day, RFC 9309), so no request is made."""
        self._rules[origin] = _parse(body)

    def check(self, origin: str, url: str):
        rules = self.rules(origin)
        if rules is not None and not rules.can_fetch(url, ROBOTS_TOKEN):
            raise Refused("disallowed by robots.txt")

    def crawl_delay(self, origin: str) -> float:
        rules = self._rules.get(origin)
        delay = rules.crawl_delay(ROBOTS_TOKEN) if isinstance(rules, Protego) else None
        return float(delay or 0)


def _parse(body: bytes | None) -> Protego | None:
    return None if body is None else Protego.parse(body.decode("utf-8", errors="replace"))


class HostGate:
    """At most `per_host` requests in flight to one host, started at least its delay apart; a 429's Retry-After
    holds the whole host."""

    def __init__(self, per_host: int):
        self.per_host = per_host
        self._lock = threading.Lock()
        self._next = {}
        self._slots = {}

    @contextmanager
    def slot(self, host: str, delay: float):
        with self._lock:
            slots = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with slots:
            with self._lock:
                start = max(time.monotonic(), self._next.get(host, 0.0))
                self._next[host] = start + delay
            time.sleep(max(0.0, start - time.monotonic()))
            yield

    def hold(self, host: str, seconds: float):
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)
