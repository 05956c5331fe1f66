"""What a page says about itself to search engines and browsers: its description and the site's home document.

Every page gets a `<meta name="description">`: the text of its first paragraph of some length, cut at a word
boundary (a page that sets one in its front matter, `html_meta: {description: ...}`, keeps its own). The root
`index.html`, which Jupyter Book writes as a bare redirect, becomes a complete HTML document with a title and a
description that sends readers to the book's first page at once (and links to it for browsers that do not follow
the redirect).
"""

from __future__ import annotations

import html as htmllib
import re

LONGEST = 160  # the length search engines show; Lighthouse only needs one
SHORTEST = 40  # a shorter first paragraph (a byline, a date) says too little: the next one is taken
_P = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
STUB = '<meta http-equiv="Refresh"'  # how the redirect stub of Jupyter Book (sphinx-external-toc) starts
MARK = "<!-- medialit: home -->"


def plain(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", fragment)).split())


def shorten(text: str, limit: int = LONGEST) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + "…"


def description(body: str, fallback: str) -> str:
    """The first paragraph of the page's body of at least SHORTEST characters, shortened; else fallback."""
    for m in _P.finditer(body):
        text = plain(m.group(1))
        if len(text) >= SHORTEST:
            return shorten(text)
    return shorten(fallback)


def meta_tag(text: str) -> str:
    return f'<meta name="description" content="{htmllib.escape(text, quote=True)}" />\n'


def home_document(title: str, first_page: str, text: str, favicon: str | None, canonical: str | None = None,
                  lang: str = "en") -> str:
    """The site's index.html: a valid HTML document that sends readers to first_page at once."""
    e = lambda s: htmllib.escape(s, quote=True)  # noqa: E731
    icon = f'<link rel="icon" href="{e(favicon)}" />\n' if favicon else ""
    icon += f'<link rel="canonical" href="{e(canonical)}" />\n' if canonical else ""
    return (f'<!DOCTYPE html>\n{MARK}\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8" />\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
            f"<title>{e(title)}</title>\n{meta_tag(text)}"
            f'<meta http-equiv="refresh" content="0; url={e(first_page)}" />\n'
            f"{icon}</head>\n<body>\n"
            f'<main><h1>{e(title)}</h1><p><a href="{e(first_page)}">Open the book</a></p></main>\n'
            "</body>\n</html>\n")
