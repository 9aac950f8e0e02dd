"""The demo news site: each outlet folder of demo/site/ served on its own 127.0.0.1 port (its own robots.txt), with
ETag and Last-Modified validators answered by 304, as real news sites do for a conditional GET.

    python demo/server.py --state output/demo/.demo-runs 8471=demo/site/harbour-gazette 8472=demo/site/...

Each start counts one run in the --state file; from the second run on, `page.update.html` is served in place of
`page.html` (the article was updated since the first collection). Runs in the foreground until terminated.
"""

import argparse
import hashlib
import mimetypes
import threading
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
         ".txt": "text/plain; charset=utf-8"}
UPDATE = ".update"


def handler_for(root: Path, updated: bool):
    class Handler(BaseHTTPRequestHandler):
        server_version = "demo-news/1.0"

        def log_message(self, *args):  # quiet: the collector's summary says what was fetched
            pass

        def _file(self):
            relative = self.path.split("?", 1)[0].lstrip("/") or "index.html"
            path = (root / relative).resolve()
            if root not in path.parents or UPDATE in path.name:
                return None
            newer = path.with_name(path.stem + UPDATE + path.suffix)
            chosen = newer if updated and newer.is_file() else path
            return chosen if chosen.is_file() else None

        def do_GET(self):
            path = self._file()
            if path is None:
                self.send_error(404)
                return
            body = path.read_bytes()
            etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            modified = int(path.stat().st_mtime)
            since = self.headers.get("If-Modified-Since")
            fresh = self.headers.get("If-None-Match") == etag if self.headers.get("If-None-Match") else (
                since is not None and parsedate_to_datetime(since).timestamp() >= modified)
            self.send_response(304 if fresh else 200)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(modified, usegmt=True))
            if fresh:
                self.end_headers()
                return
            self.send_header("Content-Type", TYPES.get(path.suffix, mimetypes.guess_type(path.name)[0] or "text/plain"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", required=True, help="file counting the demo's runs")
    parser.add_argument("sites", nargs="+", metavar="PORT=FOLDER")
    args = parser.parse_args()
    state = Path(args.state)
    state.parent.mkdir(parents=True, exist_ok=True)
    runs = int(state.read_text()) + 1 if state.is_file() else 1
    state.write_text(str(runs))
    servers = []
    for site in args.sites:
        port, folder = site.split("=", 1)
        server = ThreadingHTTPServer(("127.0.0.1", int(port)), handler_for(Path(folder).resolve(), runs >= 2))
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"demo site: run {runs}, {len(servers)} outlets on 127.0.0.1 ports "
          + ", ".join(s.split("=")[0] for s in args.sites), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
