"""A static file server for the page loads: Python's http.server, but speaking HTTP/1.1 with keep-alive and with
Nagle's algorithm off, as static hosts do (GitHub Pages, nginx); with --gzip, text files are sent gzipped to a
client that accepts it, as those hosts send them.

`python -m http.server` speaks HTTP/1.0: it closes the connection after every response, so each further file a page
loads pays for a new connection (10 to 45 ms each here, more than the file's transfer). A page that is one file does
not pay it, a page with a separate script does; no real host works that way.

Run: python -m benchmarks.server [--gzip] FOLDER. It prints "Serving HTTP on 127.0.0.1 port N" when ready.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import mimetypes
import os
import socket
from functools import cache
from pathlib import Path

# what GitHub Pages and nginx's usual gzip_types compress; images and fonts are already compressed
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


@cache
def _gzipped(path: str, mtime_ns: int) -> bytes:  # noqa: ARG001 (the key: a changed file is compressed again)
    with open(path, "rb") as fh:
        return gzip.compress(fh.read(), compresslevel=6, mtime=0)


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # SimpleHTTPRequestHandler sends Content-Length, so keep-alive works
    use_gzip = False

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def _gzip_target(self) -> str | None:
        """The file to send gzipped, or None (not asked for, not a text type, a folder or missing)."""
        if not self.use_gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the base class redirects to the folder's address with its slash
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or not self.guess_type(path).startswith(GZIP_TYPES):
            return None
        return path

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self._gzip_target()
        if path is None:
            return super().send_head()
        body = _gzipped(os.path.abspath(path), os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.server")
    p.add_argument("--gzip", action="store_true", help="send text files gzipped to clients that accept it")
    p.add_argument("folder")
    args = p.parse_args(argv)
    handler = type("GzipHandler" if args.gzip else "Handler", (Handler,), {"use_gzip": args.gzip})
    if args.gzip:  # compressed before the first request, as a static host keeps them: no page pays for it
        for path in sorted(Path(args.folder).rglob("*")):
            if path.is_file() and (mimetypes.guess_type(path.name)[0] or "").startswith(GZIP_TYPES):
                _gzipped(os.path.abspath(path), path.stat().st_mtime_ns)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=args.folder))
    print(f"Serving HTTP on 127.0.0.1 port {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
