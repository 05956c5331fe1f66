"""The chapter's first page: overview, reading guide, source card and timeline."""

from __future__ import annotations

from ..i18n import translator
from ..markup import esc, markdown_inline
from ..model import Article
from .claimreview import Publication, claim_reviews, jsonld_script
from .myst import page, raw_html


def _list(items: tuple[str, ...], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{markdown_inline(i)}</li>" for i in items) + f"</{tag}>"


def _link(url: str, text: str) -> str:
    if url:
        return f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(text)}</a>'
    return f"{esc(text)} <em>(no link in the copy we received)</em>"


def source_card(article: Article) -> str:
    rows = [
        ("Title", esc(article.title)),
        ("Author", esc(article.author)),
        ("Author's stated credentials", esc(article.author_bio) if article.author_bio else
         "<em>none stated on the page</em>"),
        ("Published by", esc(article.publisher)),
        ("Date", esc(article.date)),
        ("Original page", _link(article.url, article.url or "no address")),
        *([("Publisher's site", _link(article.publisher_url, article.publisher_url))] if article.publisher_url else []),
    ]
    if article.original_source:
        pub, url = article.original_source
        rows.append(("First published by", _link(url, pub) if url else esc(pub)))
    rows.append(("Reuse terms", markdown_inline(article.license)))
    if article.notes:
        rows.append(("How this copy differs", markdown_inline(article.notes)))
    body = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in rows)
    return (f'<aside class="mlq-source-card" aria-label="Source card"><h2 class="mlq-card-title">Source card</h2>'
            f"<dl>{body}</dl></aside>")


def attribution(article: Article) -> str:
    orig = ""
    if article.original_source:
        pub, url = article.original_source
        orig = f" First published by {_link(url, pub) if url else esc(pub)}."
    return (f'<p class="mlq-attribution">“{esc(article.title)}” by {esc(article.author)}, {esc(article.publisher)}, '
            f"{esc(article.date)}. Original: {_link(article.url, 'the publisher’s page')}"
            + (f" (publisher’s site: {_link(article.publisher_url, article.publisher_url)})"
               if article.publisher_url and not article.url else "")
            + f".{orig} "
            f"{markdown_inline(article.license)}</p>")


def overview_page(article: Article, parts: list[tuple[str, str]], timeline: str) -> str:
    """The overview; timeline is the timeline figure's SVG (or ""), drawn inline: it takes the page's text colour
    (light and dark modes alike) and needs no file beside the page."""
    g = article.guide
    assert g is not None
    blocks = [
        raw_html(attribution(article)),
        "## How to use this chapter\n",
        raw_html("<ol>" + "".join(f'<li><a href="{esc(href)}">{esc(label)}</a></li>' for href, label in parts)
                 + "</ol><p>Work through the parts in order. Your answers are saved in this browser; each quiz has a "
                   "Reset button.</p>"),
        "## What you will be able to do\n", raw_html(_list(g.objectives)),
        "## Who is behind it?\n", raw_html(source_card(article)),
        "## Before reading\n", raw_html(_list(g.before_reading)),
        "## During reading\n", raw_html(_list(g.during_reading)),
        "## After reading\n", raw_html(_list(g.after_reading)),
    ]
    if g.vocabulary:
        blocks += ["## Vocabulary\n", raw_html('<dl class="mlq-vocab">' + "".join(
            f"<dt>{esc(term)}</dt><dd>{markdown_inline(text)}</dd>" for term, text in g.vocabulary) + "</dl>")]
    if timeline:
        blocks += ["## Context: a timeline\n", raw_html(
            f'<figure class="mlq-figure">{timeline.strip()}<figcaption>Context events, drawn to scale; the same '
            "events are listed below.</figcaption></figure>"
            + '<details class="mlq-timeline-text"><summary>The timeline as text</summary><ul>'
            + "".join(f"<li><strong>{esc(e.date)}</strong>: {markdown_inline(e.event)}</li>"
                      for e in sorted(g.timeline, key=lambda e: (e.date, e.event)))
            + "</ul></details>")]
    return page(article.title, *blocks)


ANNOTATE_TITLE = "Exercise: annotate it yourself"


def annotate_page(article: Article, body_html: str, book: Publication) -> str:
    """The bare article to mark and label, between its attribution above and below."""
    _ = translator(article.language).gettext
    intro = _("Read the article and mark what the exercise asks for: select "
              "a passage (click or tap its first and last word, or use the arrow keys with Shift), then pick its "
              "label. A contradiction links two or more passages. Press *Check* to compare with the instructor's "
              "annotations: a passage counts as found when at least half of it, and at least half of yours, are "
              "the same words. Your marks are kept in this browser.")
    return page(_(ANNOTATE_TITLE), raw_html(attribution(article)), intro + "\n", raw_html(body_html),
                raw_html(attribution(article)))


def article_page(article: Article, body_html: str, book: Publication) -> str:
    """The article, between its attribution above and below, with the ClaimReview data of its checked claims."""
    intro = ("Read the article as it was published. Then switch on the highlight layers one at a time: each "
             "marked passage has a small button after it that opens a note.")
    return page("Read the article", raw_html(attribution(article)), intro + "\n", raw_html(body_html),
                raw_html(attribution(article) + jsonld_script(claim_reviews(article, book))))


