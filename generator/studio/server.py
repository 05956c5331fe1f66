"""The studio's HTTP server: tornado, on 127.0.0.1 only, every request carrying the studio's random token.

The page and its static files are reached with ``?token=...`` once (the address `medialit studio` prints); the
server then sets a same-site, HTTP-only cookie for the page's own files. The JSON API takes the token only in the
``X-Medialit-Token`` header, which another site cannot make a browser send (no cross-site request forgery), and
the ``Host`` header must name the loopback address (no DNS rebinding).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import sys
from pathlib import Path
from typing import Any

import tornado.web
from ruamel.yaml.error import YAMLError

from ..suggest import annotation_spans, existing_spans, quote_for, suggest, with_ids
from ..text import ArticleText
from ..validate import schema
from . import roundtrip
from .store import Conflict, Course, NotFound, Problem

STATIC = Path(__file__).resolve().parent / "static"
COOKIE = "medialit_studio"


class Base(tornado.web.RequestHandler):
    """Refuses, before anything else, requests without the token or for another host."""

    api = True

    def initialize(self, course: Course, token: str, port: list[int]) -> None:
        self.course = course
        self.token = token
        self.port = port

    def prepare(self) -> None:
        host = self.request.host.lower()
        allowed = {f"127.0.0.1:{self.port[0]}", f"localhost:{self.port[0]}"}
        if host not in allowed:
            raise tornado.web.HTTPError(403, reason="Wrong host")
        if self.api:
            given = self.request.headers.get("X-Medialit-Token", "")
        else:
            given = self.get_query_argument("token", "") or (self.get_cookie(COOKIE) or "")
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise tornado.web.HTTPError(403, reason="Token missing or wrong")
        if not self.api and self.get_query_argument("token", ""):
            self.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        reason = self._reason
        if status_code == 403:
            reason = ("This studio only answers the address printed by `medialit studio`, with its token. "
                      "Open that address again.")
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: {reason}\n")

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, NotFound):  # a name the course does not have: 404, with the name asked for
            e = tornado.web.HTTPError(404, reason=f"No such file in the course: {e}")
        super()._handle_request_exception(e)

    def send(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    def save(self, path: Path, top_keys: tuple[str, ...]) -> tuple[bool, str, str, list[Problem]] | None:
        """The request's save of one file; None when it was refused because the file changed on disk (409 sent)."""
        req = self.body()
        try:
            return self.course.save(path, str(req.get("version", "")), req.get("data") or {},
                                    force=bool(req.get("force")), top_keys=top_keys)
        except Conflict:
            self.send({"conflict": True, "message": f"{self.course.rel(path)} changed on disk since you opened it. "
                       "Reload it to see those changes (your unsaved edits here will be lost), or copy your edits "
                       "aside first."}, 409)
            return None

    def body(self) -> dict[str, Any]:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            raise tornado.web.HTTPError(400, reason="The request is not JSON") from None
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(400, reason="The request is not a JSON object")
        return data


class Page(Base):
    api = False

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", "default-src 'self'; frame-src 'self'; img-src 'self' data:; "
                        "style-src 'self' 'unsafe-inline'")
        self.finish((STATIC / "studio.html").read_bytes())


class Static(Base, tornado.web.StaticFileHandler):
    api = False

    def initialize(self, course: Course, token: str, port: list[int], path: str) -> None:  # type: ignore[override]
        Base.initialize(self, course, token, port)
        tornado.web.StaticFileHandler.initialize(self, path)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")


class CourseInfo(Base):
    def get(self) -> None:
        problems = self.course.check()
        articles = []
        for folder in self.course.articles():
            title = folder.name
            try:
                text, _ = self.course.read(folder / "article.md")
                front = roundtrip.load(text.split("---", 2)[1]) if text.startswith("---") else {}
                title = str((front or {}).get("title") or title)
            except Exception:  # a broken front matter: the checks report it, the list shows the slug
                pass
            articles.append({"slug": folder.name, "title": title})
        banks = []
        for path in self.course.banks():
            try:
                data = roundtrip.to_json(roundtrip.load(self.course.read(path)[0])) or {}
            except Exception:
                data = {}
            banks.append({"name": path.name, "bank": data.get("bank"), "article": data.get("article"),
                          "title": data.get("title")})
        enums = schema.schema("annotations")["$defs"]
        self.send({"articles": articles, "banks": banks,
                   "techniques": enums["techniques"]["enum"], "verdicts": _verdicts(),
                   "problems": [p.as_json() for p in self.course.problems(problems, {})]})


def _verdicts() -> list[str]:
    found = _find_enum(schema.schema("annotations"), "verdict")
    return found or ["accurate", "mostly-accurate", "misleading", "inaccurate", "unverifiable"]


def _find_enum(node: Any, key: str) -> list[str] | None:
    if isinstance(node, dict):
        if key in (node.get("properties") or {}) and "enum" in node["properties"][key]:
            return list(node["properties"][key]["enum"])
        for v in node.values():
            if (found := _find_enum(v, key)) is not None:
                return found
    elif isinstance(node, list):
        for v in node:
            if (found := _find_enum(v, key)) is not None:
                return found
    return None


def _article_text(course: Course, slug: str) -> tuple[ArticleText, str]:
    text, _ = course.read(course.article_path(slug))
    body = text
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        body = parts[1].split("\n", 1)[1] if len(parts) > 1 and "\n" in parts[1] else ""
    return ArticleText.from_markdown(body), text


class ArticleHandler(Base):
    def get(self, slug: str) -> None:
        path = self.course.annotations_path(slug)
        text, ver = self.course.read(path)
        article, md = _article_text(self.course, slug)
        shown = self.course.rel(path)
        problems = self.course.problems(self.course.check(), {shown: text})
        try:
            data = roundtrip.to_json(roundtrip.load(text)) or {}
        except YAMLError:  # the checks' messages say where and what to fix; the studio cannot edit it till then
            self.send({"broken": True, "path": shown, "problems": [p.as_json() for p in problems]}, 422)
            return
        self.send({"slug": slug, "path": shown, "version": ver, "plain": article.plain, "data": data,
                   "spans": _spans(article, data), "problems": [p.as_json() for p in problems]})

    def put(self, slug: str) -> None:
        path = self.course.annotations_path(slug)
        saved = self.save(path, ("guide", "instructor", "annotations"))
        if saved is None:
            return
        written, text, ver, problems = saved
        article, _ = _article_text(self.course, slug)
        data = roundtrip.to_json(roundtrip.load(text)) or {}
        self.send({"written": written, "version": ver, "data": data, "spans": _spans(article, data),
                   "problems": [p.as_json() for p in problems]}, 200 if written else 422)


def _spans(article: ArticleText, data: dict[str, Any]) -> dict[str, list[list[int]]]:
    return {aid: [list(span) for span in spans] for aid, _, spans in annotation_spans(data, article) if aid}


class QuoteHandler(Base):
    """The quote for a selection (plain-text offsets), with a prefix when its words occur more than once."""

    def post(self, slug: str) -> None:
        self.course.annotations_path(slug)
        req = self.body()
        article, _ = _article_text(self.course, slug)
        try:
            start, end = int(req["start"]), int(req["end"])
        except (KeyError, TypeError, ValueError):
            raise tornado.web.HTTPError(400, reason="start and end are needed") from None
        found = quote_for(article, start, end)
        if found is None:
            self.send({"quote": None, "message": "Select some words of the article."})
            return
        quote, prefix, span = found
        self.send({"quote": quote, "prefix": prefix, "span": list(span),
                   "count": len(article.find_all(quote))})


class SuggestHandler(Base):
    def get(self, slug: str) -> None:
        path = self.course.annotations_path(slug)
        article, _ = _article_text(self.course, slug)
        data = roundtrip.to_json(roundtrip.load(self.course.read(path)[0])) or {}
        existing, ids = existing_spans(data, article)
        found = with_ids(suggest(article, existing), ids)
        self.send({"suggestions": [
            {"id": s.id, "kind": s.kind, "quote": s.quote, "prefix": s.prefix, "reasons": list(s.reasons),
             "cues": list(s.cues), "technique": s.technique, "span": list(s.span)} for s in found]})


class BankHandler(Base):
    def get(self, name: str) -> None:
        path = self.course.bank_path(name)
        text, ver = self.course.read(path)
        shown = self.course.rel(path)
        problems = self.course.problems(self.course.check(), {shown: text})
        try:
            data = roundtrip.to_json(roundtrip.load(text))
        except YAMLError:
            self.send({"broken": True, "path": shown, "problems": [p.as_json() for p in problems]}, 422)
            return
        self.send({"name": name, "path": shown, "version": ver, "data": data,
                   "problems": [p.as_json() for p in problems]})

    def put(self, name: str) -> None:
        path = self.course.bank_path(name)
        saved = self.save(path, ("title", "description", "shuffle", "draw", "questions"))
        if saved is None:
            return
        written, text, ver, problems = saved
        self.send({"written": written, "version": ver, "data": roundtrip.to_json(roundtrip.load(text)),
                   "problems": [p.as_json() for p in problems]}, 200 if written else 422)


class PreviewBuild(Base):
    """Builds the student site as `medialit build --allow-todo` does, into the course's own _build/html."""

    building = False

    async def post(self) -> None:
        if PreviewBuild.building:
            self.send({"ok": False, "message": "A preview is already being built."}, 409)
            return
        PreviewBuild.building = True
        try:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "generator", "--root", str(self.course.root), "build", "--quiet",
                "--allow-todo", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
                env=dict(os.environ, PYTHONPATH=os.pathsep.join(
                    filter(None, [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))))
            out, _ = await proc.communicate()
        finally:
            PreviewBuild.building = False
        log = out.decode("utf-8", "replace")[-4000:]
        self.send({"ok": proc.returncode == 0, "log": log}, 200 if proc.returncode == 0 else 422)


def make_app(course: Course, token: str, port: list[int]) -> tornado.web.Application:
    args = {"course": course, "token": token, "port": port}
    preview = course.root / "_build" / "html"
    return tornado.web.Application([
        (r"/", Page, args),
        (r"/static/(.*)", Static, {**args, "path": str(STATIC)}),
        (r"/assets/(chapter\.css)", Static, {**args, "path": str(STATIC.parent.parent / "static")}),
        (r"/preview/(.*)", Static, {**args, "path": str(preview)}),
        (r"/api/course", CourseInfo, args),
        (r"/api/article/([a-z0-9-]+)", ArticleHandler, args),
        (r"/api/article/([a-z0-9-]+)/quote", QuoteHandler, args),
        (r"/api/article/([a-z0-9-]+)/suggestions", SuggestHandler, args),
        (r"/api/bank/([\w.-]+)", BankHandler, args),
        (r"/api/preview", PreviewBuild, args),
    ], default_handler_class=Missing, default_handler_args=args, xsrf_cookies=False, compress_response=False)


class Missing(Base):
    api = False

    def prepare(self) -> None:
        super().prepare()
        raise tornado.web.HTTPError(404)
