"""A static file server for the page loads: Python's http.server, but speaking HTTP/1.1 with keep-alive and with
Nagle's algorithm off, as static hosts do (GitHub Pages, nginx).

`python -m http.server` speaks HTTP/1.0: it closes the connection after every response, so each further file a page
loads pays for a new connection (10 to 45 ms each here, more than the file's transfer). A page that is one file does
not pay it, a page with a separate script does; no real host works that way.

Run: python -m benchmarks.server FOLDER. It prints "Serving HTTP on 127.0.0.1 port N" when ready.
"""

from __future__ import annotations

import functools
import http.server
import socket
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # SimpleHTTPRequestHandler sends Content-Length, so keep-alive works

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


def main(argv: list[str]) -> None:
    folder = argv[0]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=folder))
    print(f"Serving HTTP on 127.0.0.1 port {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
