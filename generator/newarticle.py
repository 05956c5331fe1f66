"""`medialit new <slug> --from FILE`: start an article folder from a .txt, .md or .html file.

Writes ``articles/<slug>/article.md`` (front matter with TODO placeholders that already pass the schema, and the
body as Markdown), an ``annotations.yaml`` skeleton and an example bank ``quizzes/<slug>.yaml``. Everything is
derived from the input file alone (no clock, no network), so the same file always gives the same folder.

HTML is converted with the standard library's ``html.parser``: headings, paragraphs, emphasis, links, lists,
quotations and line breaks are kept; scripts, styles, navigation, page headers and footers, asides and forms
are dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import yaml

from .diagnostics import Code
from .errors import MedialitError, Report
from .stages import SLUG
from .text import ArticleText
from .write import atomic_write

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
         ".htm": "html", ".xhtml": "html"}
MAX_BYTES = 5 * 1024 * 1024
PLACEHOLDER_DATE = "1970-01-01"

# ---------------------------------------------------------------------------------------------- metadata


@dataclass
class Meta:
    title: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    language: str = ""


_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|" \
       r"jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), ("M", "d", "y")),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(\d{{4}})\b", re.I), ("d", "M", "y")),
)


def find_date(text: str) -> str:
    """The first real date written out in text (ISO, 'July 14, 2021' or '14 July 2021'), as YYYY-MM-DD, or ''."""
    found: list[tuple[int, str]] = []
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups()))
            try:
                month = _MONTHS[parts["M"].lower().rstrip(".")] if "M" in parts else int(parts["m"])
                found.append((m.start(), dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()))
            except (ValueError, KeyError):
                continue
    return min(found)[1] if found else ""


def _iso_date(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", str(value or ""))
    if m:
        try:
            return dt.date.fromisoformat(m.group(1)).isoformat()
        except ValueError:
            return ""
    return ""


def _one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


# ---------------------------------------------------------------------------------------------- plain text

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|=+\s*$|-+\s*$|~~~|```)")


def escape_inline(text: str) -> str:
    """Escape the characters that would start Markdown syntax inside a line."""
    return _ENTITY.sub("&amp;", _INLINE_SPECIALS.sub(r"\\\1", text))


def escape_line_start(line: str) -> str:
    """Escape a line start that Markdown would read as a heading, quotation, list item, rule or fence."""
    m = _BLOCK_START.match(line)
    if not m:
        return line
    marker = m.group(2)
    at = m.start(2)
    if marker[0].isdigit():
        end = m.end(2)
        return line[:end] + "\\" + line[end:]
    return line[:at] + "\\" + line[at:]


def text_to_markdown(text: str) -> tuple[str, Meta]:
    """Paragraphs separated by blank lines are kept as they are; a short first line becomes the heading."""
    meta = Meta()
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    blocks = []
    for i, para in enumerate(paragraphs):
        lines = [line.strip() for line in para.split("\n") if line.strip()]
        if i == 0 and len(lines) == 1 and len(lines[0]) <= 200 and not lines[0].endswith((".", ":", ";", ",")):
            meta.title = lines[0]
            blocks.append("# " + escape_inline(lines[0]))
            continue
        blocks.append("\n".join(escape_line_start(escape_inline(line)) for line in lines))
    if not meta.title and paragraphs:
        first = paragraphs[0].strip().split("\n")[0].strip()
        meta.title = first if len(first) <= 120 else ""
    meta.date = find_date(text[:2000])
    return "\n\n".join(blocks) + "\n", meta


# ---------------------------------------------------------------------------------------------- Markdown

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def markdown_to_markdown(text: str) -> tuple[str, Meta]:
    """Markdown is kept as it is; a front matter block is read for metadata and dropped."""
    meta = Meta()
    m = _FRONT.match(text)
    if m:
        try:
            front = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            front = None
        if isinstance(front, dict):
            meta.title = _one_line(front.get("title", ""))
            author = front.get("author") or front.get("authors")
            if isinstance(author, list):
                author = ", ".join(str(a) for a in author)
            meta.author = _one_line(author)
            meta.publisher = _one_line(front.get("publisher", ""))
            meta.date = _iso_date(front.get("date"))
            meta.url = _one_line(front.get("url", ""))
        text = text[m.end():]
    heading = re.search(r"^ {0,3}#\s+(.+?)\s*#*\s*$", text, re.M)
    if not meta.title and heading:
        meta.title = ArticleText.from_markdown(heading.group(1)).plain.strip()
    if not meta.title:
        plain = ArticleText.from_markdown(text).plain.strip()
        first = plain.split("\n")[0].strip() if plain else ""
        meta.title = first if len(first) <= 120 else ""
    if not meta.date:
        meta.date = find_date(ArticleText.from_markdown(text).plain[:2000])
    return text.strip("\n") + "\n", meta


# ---------------------------------------------------------------------------------------------- HTML

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen"}
DROP = {"script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside", "form",
        "button", "select", "textarea", "iframe", "object", "embed", "canvas", "video", "audio", "map", "dialog",
        "head", "title"}
BLOCKS = {"p", "div", "section", "article", "main", "body", "html", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
          "li", "blockquote", "pre", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
          "dl", "dt", "dd", "address", "hr", "center", "details", "summary", "fieldset", "caption", "header", "footer",
          "nav", "aside", "hgroup", "search", "form", "noscript", "legend"}
# a start tag of the key closes an open sibling (optional end tags), looking no further than a boundary
_SIBLINGS: dict[str, tuple[set[str], set[str]]] = {
    "li": ({"li"}, {"ul", "ol"}), "dt": ({"dt", "dd"}, {"dl"}), "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr"}, {"table", "thead", "tbody", "tfoot"}), "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}), "thead": ({"thead", "tbody", "tfoot"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot"}, {"table"}), "tfoot": ({"thead", "tbody", "tfoot"}, {"table"}),
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):  # type: ignore[no-untyped-def]
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def _close(self, targets: set[str], boundary: set[str]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[i].tag
            if open_tag in targets:
                del self.stack[i:]
                return
            if open_tag in boundary:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in BLOCKS:  # a block closes an open paragraph
            self._close({"p"}, BLOCKS - {"p"})
        if tag in _SIBLINGS:
            self._close(*_SIBLINGS[tag])
        node = Node(tag, {k.lower(): (v or "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID and self.stack[-1].tag == tag.lower():
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _attr_text(root: Node, tag: str, key: str, values: tuple[str, ...], want: str = "content") -> str:
    for n in root.iter():
        if n.tag == tag and n.attrs.get(key, "").lower() in values and n.attrs.get(want, "").strip():
            return _one_line(n.attrs[want])
    return ""


def _meta(root: Node) -> Meta:
    meta = Meta()
    h1 = next((n for n in root.iter() if n.tag == "h1" and _one_line(n.text())), None)
    title = next((n for n in root.iter() if n.tag == "title" and _one_line(n.text())), None)
    meta.title = (_one_line(h1.text()) if h1 else "") or _attr_text(root, "meta", "property", ("og:title",)) \
        or (_one_line(title.text()) if title else "")
    author = _attr_text(root, "meta", "name", ("author", "dc.creator", "byl")) \
        or _attr_text(root, "meta", "property", ("article:author",))
    meta.author = "" if author.startswith(("http://", "https://")) else re.sub(r"^by\s+", "", author, flags=re.I)
    meta.publisher = _attr_text(root, "meta", "property", ("og:site_name",)) \
        or _attr_text(root, "meta", "name", ("publisher", "dc.publisher", "application-name"))
    meta.date = _iso_date(_attr_text(root, "meta", "property", ("article:published_time", "og:published_time"))) \
        or _iso_date(_attr_text(root, "meta", "name", ("date", "pubdate", "publish-date", "dc.date",
                                                       "dc.date.issued", "article:published_time"))) \
        or _iso_date(_attr_text(root, "meta", "itemprop", ("datepublished",))) \
        or _iso_date(next((n.attrs.get("datetime") for n in root.iter() if n.tag == "time"
                           and n.attrs.get("datetime")), ""))
    url = _attr_text(root, "link", "rel", ("canonical",), want="href") \
        or _attr_text(root, "meta", "property", ("og:url",))
    meta.url = url if re.fullmatch(r"https?://\S+", url) else ""
    lang = next((n.attrs.get("lang", "") for n in root.iter() if n.tag == "html"), "").strip()
    meta.language = lang.lower() if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", lang) else ""
    return meta


class _Converter:
    """Renders the element tree as CommonMark."""

    def __init__(self, base: str, keep: frozenset[str] = frozenset()):
        self.base = base
        self.drop = DROP - keep

    # -- blocks: each returns a list of Markdown blocks (strings without surrounding blank lines)
    def blocks(self, node: Node, depth: int = 0) -> list[str]:
        out: list[str] = []
        inline: list[Node | str] = []

        def flush() -> None:
            if inline:
                para = self.paragraph(inline)
                if para:
                    out.append(para)
                inline.clear()

        for child in node.children:
            if isinstance(child, Node) and child.tag in self.drop:
                continue
            if isinstance(child, str) or child.tag not in BLOCKS:
                inline.append(child)
                continue
            flush()
            out.extend(self.block(child, depth))
        flush()
        return out

    def block(self, node: Node, depth: int) -> list[str]:
        tag = node.tag
        if tag in self.drop:
            return []
        if re.fullmatch(r"h[1-6]", tag):
            text = self.inline(node.children).replace("\\\n", " ").strip()
            return [f"{'#' * int(tag[1])} {text}"] if text else []
        if tag in ("ul", "ol"):
            return self.list_block(node, depth)
        if tag == "blockquote":
            inner = self.blocks(node, depth)
            return ["\n".join("> " + line if line else ">" for line in "\n\n".join(inner).split("\n"))] \
                if inner else []
        if tag == "pre":
            code = node.text().strip("\n")
            fence = "~~~" if "```" in code else "```"
            return [f"{fence}\n{code}\n{fence}"] if code.strip() else []
        if tag == "hr":
            return ["* * *"]
        if tag == "tr":
            cells = [self.inline(c.children).strip() for c in node.children if isinstance(c, Node)
                     and c.tag in ("td", "th")]
            row = " · ".join(c for c in cells if c)
            return [escape_line_start(row)] if row else []
        if tag == "li":  # a list item outside a list
            return self.list_block(Node("ul", children=[node]), depth)
        return self.blocks(node, depth)

    def list_block(self, node: Node, depth: int) -> list[str]:
        ordered = node.tag == "ol"
        try:
            n = int(node.attrs.get("start", "1"))
        except ValueError:
            n = 1
        items = []
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    items.append(("- ", [escape_inline(_one_line(child))]))
                continue
            if child.tag in self.drop:
                continue
            kids = child.children if child.tag == "li" else [child]
            inner = self.blocks(Node("li", children=kids), depth + 1)
            if not inner:
                continue
            marker = f"{n}. " if ordered else "- "
            n += 1
            items.append((marker, inner))
        lines = []
        for marker, inner in items:
            pad = " " * len(marker)
            body = "\n\n".join(inner).split("\n")
            lines.append(marker + body[0])
            lines.extend(pad + line if line else "" for line in body[1:])
        return ["\n".join(lines)] if lines else []

    def paragraph(self, children: list[Node | str]) -> str:
        text = self.inline(children).strip()
        text = re.sub(r"[ \t]*\\\n[ \t]*", "\\\n", text).strip()
        while text.endswith("\\"):
            text = text[:-1].rstrip()
        while text.startswith("\\\n"):
            text = text[2:].lstrip()
        if not text:
            return ""
        return "\n".join(escape_line_start(line) for line in text.split("\n"))

    # -- inline
    def inline(self, children: list[Node | str]) -> str:
        parts: list[str] = []
        for child in children:
            if isinstance(child, str):
                parts.append(escape_inline(re.sub(r"\s+", " ", child.replace("\xa0", " "))))
            else:
                parts.append(self.inline_node(child))
        return re.sub(r" {2,}", " ", "".join(parts))

    def inline_node(self, node: Node) -> str:
        tag = node.tag
        if tag in self.drop:
            return ""
        if tag == "br":
            return "\\\n"
        if tag == "img":
            alt = _one_line(node.attrs.get("alt", ""))
            if not alt:
                return ""
            src = self._url(node.attrs.get("src", ""))
            return f"![{escape_inline(alt)}]({src})"
        inner = self.inline(node.children)
        if tag in ("em", "i", "cite", "dfn", "var"):
            return self._wrap(inner, "*")
        if tag in ("strong", "b"):
            return self._wrap(inner, "**")
        if tag in ("code", "kbd", "samp", "tt"):
            code = _one_line(node.text())
            if not code:
                return ""
            tick = "``" if "`" in code else "`"
            pad = " " if code.startswith("`") or code.endswith("`") else ""
            return f"{tick}{pad}{code}{pad}{tick}"
        if tag == "a":
            href = self._url(node.attrs.get("href", ""))
            text = inner.strip()
            if not text:
                return inner
            if not href:
                return inner
            lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
            return f"{lead}[{text}]({href}){trail}"
        if tag in ("td", "th", "li", "p", "div") or tag in BLOCKS:
            return " " + inner + " "
        return inner

    @staticmethod
    def _wrap(inner: str, mark: str) -> str:
        core = inner.strip()
        if not core or "\\\n" in core:
            return inner
        lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
        return f"{lead}{mark}{core}{mark}{trail}"

    def _url(self, href: str) -> str:
        href = href.strip()
        if not href or href.lower().startswith(("javascript:", "data:", "vbscript:")):
            return ""
        if href.startswith("#"):
            return href if href == "#" else ""
        if not re.match(r"[a-z][a-z0-9+.-]*:", href, re.I):
            if not self.base:
                return ""
            href = urljoin(self.base, href)
        if not re.match(r"(https?|mailto):", href, re.I):
            return ""
        return f"<{href}>" if re.search(r"[\s()<>]", href) else href


def html_to_markdown(source: str) -> tuple[str, Meta]:
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    tree = builder.root
    meta = _meta(tree)
    base = next((n.attrs.get("href", "") for n in tree.iter() if n.tag == "base" and n.attrs.get("href")), "") \
        or meta.url
    # the article proper: the largest <article>, else <main>, else <body>, else everything
    articles = [n for n in tree.iter() if n.tag == "article"]
    mains = [n for n in tree.iter() if n.tag == "main"]
    if articles:
        content = max(articles, key=lambda n: len(n.text().strip()))
    elif mains:
        content = mains[0]
    else:
        content = next((n for n in tree.iter() if n.tag == "body"), tree)
    # inside an <article>, its own header (headline, byline) and footer (credits) are part of what students read
    keep = frozenset({"header", "footer"}) if content.tag == "article" else frozenset()
    blocks = _Converter(base if re.match(r"https?://", base) else "", keep).blocks(content)
    body = "\n\n".join(blocks)
    if meta.title and not re.search(r"^# ", body, re.M):
        body = f"# {escape_inline(meta.title)}\n\n{body}"
    if not meta.date:
        meta.date = find_date(ArticleText.from_markdown(body).plain[:2000])
    return body.strip("\n") + "\n", meta


# ---------------------------------------------------------------------------------------------- files


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def article_file(body: str, meta: Meta, source_name: str) -> str:
    title = meta.title or "TODO: title"
    date_note = ("TODO: check: the first date found in the file; it must be the date the page was published"
                 if meta.date else "TODO: placeholder: write the date the page was published (YYYY-MM-DD)")
    notes = (f"Converted from {source_name} with medialit new. TODO: say what was changed from the page as "
             "published, or delete this line.")
    url_note = ("TODO: check: the address found in the file" if meta.url else
                'TODO: the page\'s address (https://...); leave "" only if you cannot confirm it')
    lines = [
        "---",
        f"# Front matter made by `medialit new` from {source_name}. Check every field against the page as",
        "# published, replace each TODO, then delete these comments. See For instructors -> Source formats.",
        f"title: {_q(title)}" + ("" if meta.title else "   # TODO: the headline as published"),
        f"author: {_q(meta.author or 'TODO: author')}" + ("   # TODO: check" if meta.author else
                                                          "   # TODO: the author's name as the page gives it"),
        f"publisher: {_q(meta.publisher or 'TODO: publisher')}" + (
            "   # TODO: check" if meta.publisher else "   # TODO: who published the page (site or organisation)"),
        f"date: {meta.date or PLACEHOLDER_DATE}   # {date_note}",
        f"url: {_q(meta.url)}   # {url_note}",
        f"license: {_q('TODO: the terms under which you reproduce this text (a licence, or the permission given)')}",
        f"language: {meta.language or 'en'}",
        f"notes: {_q(notes)}",
        "---",
        "",
    ]
    return "\n".join(lines) + body


def annotations_file(slug: str, title: str) -> str:
    return f"""# yaml-language-server: $schema=../../generator/schemas/annotations.schema.json
# Reading guide and annotations of "{title}" (articles/{slug}/article.md).
# Made by `medialit new`: replace every TODO, then run `medialit check` after each edit.
# The format is described in the book: For instructors -> Source formats.

guide:
  objectives:        # what students will be able to do after this chapter
    - "TODO: e.g. Tell checkable claims from opinions, and name the words that mark an opinion."
  before_reading:    # prompts before reading, e.g. who is behind the publisher?
    - "TODO: e.g. Who published this page? Look the publisher up in a new tab before you read."
  during_reading:    # what to look for while reading
    - "TODO: e.g. Mark every sentence you could check with evidence in one colour, every judgement in another."
  after_reading:     # discussion questions
    - "TODO: e.g. Which claim would you check first, and where would you look?"
  # vocabulary:      # terms students may not know, each with a short definition
  #   term: "definition"
  # timeline:        # context events, drawn as a figure
  #   - {{date: 2021-07-09, event: "what happened"}}

# instructor:        # optional; shown only in the instructor edition (medialit build --instructor)
#   lesson_plan:
#     - {{minutes: 5, activity: "..."}}
#   discussion: ["..."]
#   misconceptions: ["..."]

# Each annotation marks an exact quote of the article (copy it from article.md; Markdown markers and extra
# spaces do not matter). `medialit suggest {slug}` proposes candidates in suggestions.yaml: to accept one,
# move it here and delete its line `suggested: true`. The kinds:
#   claim          a checkable statement: needs verdict (accurate | mostly-accurate | misleading | inaccurate |
#                  unverifiable) and sources (title, publisher, date, url) unless unverifiable
#   opinion        a judgement, a view or a prediction: needs cues, the words of the quote that mark it
#   contradiction  statements that cannot all be true: quotes: ["...", "..."] instead of quote
#   technique      a persuasion technique: needs technique, e.g. loaded-language, exaggeration, appeal-to-fear
#   source         a clue about who is behind the page (byline, disclaimer, cross-posting note)
# For example:
#   - id: first-claim
#     kind: claim
#     quote: "exact words of the article"
#     note: "Why it matters, and what the sources say."
#     verdict: unverifiable
annotations: []
"""


def bank_file(slug: str, title: str) -> str:
    return f"""# yaml-language-server: $schema=../generator/schemas/bank.schema.json
# Question bank of the chapter "{title}" (articles/{slug}/).
# Made by `medialit new`. A bank needs at least one question: replace the EXAMPLE below with your own,
# then run `medialit check`. The nine question types are described in the book: For instructors -> Source formats.

bank: {slug}-quiz
article: {slug}
title: "Check your reading"
shuffle: true
questions:
  # EXAMPLE question: replace it (or keep it if it suits your class).
  - id: example-before-sharing
    type: single
    prompt: "(Example question: replace it in quizzes/{slug}.yaml.) What should you do before you share this article?"
    options:
      - text: "Find out who is behind it and check its main claim in other sources"
        correct: true
        feedback: "Yes: stop, investigate the source, find better coverage, trace claims to their origin."
      - text: "Share it if the headline matches what you already think"
        feedback: "Agreeing with a headline is not evidence: check first, then decide."
      - text: "Share it if it has many likes"
        feedback: "Popularity says nothing about accuracy."
    explanation: "Lateral reading: leave the page to see what independent sources say about it."
"""


def _fail(path: Path | str, message: str, hint: str, base: Path) -> MedialitError:
    report = Report(base=base)
    report.add(path, 1, 1, message, hint, code=Code.NEW_ARTICLE)
    return MedialitError(report)


def _decode(data: bytes, kind: str) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if kind == "html":
        m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
        if m:
            try:
                return data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                return None
    return None


def convert(source: str, kind: str) -> tuple[str, Meta]:
    """The body as Markdown, and what the file says about itself."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "html":
        return html_to_markdown(source)
    if kind == "markdown":
        return markdown_to_markdown(source)
    return text_to_markdown(source)


def cmd_new(root: Path, slug: str, source: Path) -> int:
    if not SLUG.match(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "my-article"
        raise _fail(source, f"'{slug}' is not a valid slug",
                    f"A slug is lowercase letters, digits and single hyphens, e.g. {suggestion}.", root)
    folder = root / "articles" / slug
    bank_path = root / "quizzes" / f"{slug}.yaml"
    if folder.exists():
        raise _fail(folder, f"articles/{slug} already exists",
                    "Choose another slug, or delete the folder first if you mean to start it again.", root)
    if bank_path.exists():
        raise _fail(bank_path, f"quizzes/{slug}.yaml already exists",
                    "Choose another slug, or rename that bank file.", root)
    kind = KINDS.get(source.suffix.lower())
    if kind is None:
        raise _fail(source, f"cannot read a '{source.suffix or 'no extension'}' file",
                    "Give the article as .txt (plain text), .md (Markdown) or .html (a saved web page).", root)
    if not source.is_file():
        raise _fail(source, "the file does not exist" if not source.exists() else "this is not a file",
                    "Check the path after --from (it is relative to the folder you run medialit in).", root)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise _fail(source, f"cannot read the file: {exc.strerror}", "Check the file's permissions.", root) from None
    if len(data) > MAX_BYTES:
        raise _fail(source, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB",
                    "An article is much smaller: save only the article's page or text.", root)
    text = _decode(data, kind)
    if text is None or "\x00" in text:
        raise _fail(source, "the file is not UTF-8 text",
                    "Save the file as UTF-8 text (most editors offer it under 'Save as' or 'Encoding').", root)
    body, meta = convert(text, kind)
    if not ArticleText.from_markdown(body).plain.strip():
        raise _fail(source, "no article text found in the file",
                    "Check that the file holds the article itself (for a web page, save the complete page).", root)
    meta.title = _one_line(meta.title)[:300]
    source_name = source.name
    existing_ids = _bank_ids(root)
    if f"{slug}-quiz" in existing_ids:
        raise _fail(existing_ids[f"{slug}-quiz"], f"the bank id '{slug}-quiz' is already used",
                    "Choose another slug.", root)
    title = meta.title or slug
    atomic_write(folder / "article.md", article_file(body, meta, source_name).encode("utf-8"))
    atomic_write(folder / "annotations.yaml", annotations_file(slug, title.replace('"', "'")).encode("utf-8"))
    atomic_write(bank_path, bank_file(slug, title.replace('"', "'")).encode("utf-8"))
    print(f"medialit: created articles/{slug}/article.md, articles/{slug}/annotations.yaml and quizzes/{slug}.yaml.")
    print("Next: fill in the TODOs of the front matter, run `medialit suggest " + slug + "` for candidate "
          "annotations, write the reading guide and the questions, then `medialit check`.")
    return 0


def _bank_ids(root: Path) -> dict[str, Path]:
    ids: dict[str, Path] = {}
    folder = root / "quizzes"
    if not folder.is_dir():
        return ids
    for path in sorted(folder.glob("*.y*ml")):
        try:
            m = re.search(r"^bank:\s*[\"']?([a-z0-9-]+)", path.read_text(encoding="utf-8", errors="replace"), re.M)
        except OSError:
            continue
        if m:
            ids.setdefault(m.group(1), path)
    return ids


__all__ = ["cmd_new", "convert", "find_date", "html_to_markdown", "markdown_to_markdown", "text_to_markdown"]
