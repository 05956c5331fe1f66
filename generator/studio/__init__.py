"""`medialit studio`: a local editor for the course, in the browser (see the developer pages, *The studio*)."""

from __future__ import annotations

import asyncio
import secrets
import sys
import webbrowser
from pathlib import Path

from ..diagnostics import Code
from ..errors import MedialitError, Report


def cmd_studio(root: Path, port: int = 0, open_browser: bool = True) -> int:
    import tornado.httpserver
    import tornado.netutil

    from .server import make_app
    from .store import Course

    if not (root / "articles").is_dir():
        report = Report(base=root)
        report.add(root / "articles", 1, 1, "this folder has no articles/ folder: it is not a course",
                   "Run `medialit studio` in the book's root folder (the one with articles/ and quizzes/), or give "
                   "--root.", code=Code.STUDIO)
        raise MedialitError(report, "the studio did not start")
    token = secrets.token_urlsafe(32)
    try:
        sockets = tornado.netutil.bind_sockets(port, address="127.0.0.1")
    except OSError as exc:
        report = Report(base=root)
        report.add(root, 1, 1, f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
                   "Choose another --port, or leave it out to take any free port.", code=Code.STUDIO)
        raise MedialitError(report, "the studio did not start") from None
    bound = [sockets[0].getsockname()[1]]
    url = f"http://127.0.0.1:{bound[0]}/?token={token}"

    async def serve() -> None:
        server = tornado.httpserver.HTTPServer(make_app(Course(root), token, bound), xheaders=False)
        server.add_sockets(sockets)
        print(f"medialit studio: editing the course in {root.resolve()}", flush=True)
        print(f"Open this address in your browser (it holds this session's key; keep it to yourself):\n    {url}",
              flush=True)
        print("Stop the studio with Ctrl+C.", flush=True)
        if open_browser:
            webbrowser.open(url)
        await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        print("medialit studio: stopped; every save was already written.", file=sys.stderr)
    return 0
