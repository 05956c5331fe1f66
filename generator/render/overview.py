"""The chapter's first page: overview, reading guide, source card and timeline."""

from __future__ import annotations

from ..i18n import N_, long_date, translator
from ..markup import esc, markdown_inline
from ..model import Article
from .claimreview import Publication, claim_reviews, jsonld_script
from .myst import md_escape, page, raw_html


def _list(items: tuple[str, ...], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{markdown_inline(i)}</li>" for i in items) + f"</{tag}>"


def _link(url: str, text: str, language: str = "en") -> str:
    if url:
        return f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(text)}</a>'
    none = translator(language).gettext("(no link in the copy we received)")
    return f"{esc(text)} <em>{esc(none)}</em>"


def _date(article: Article) -> str:
    """The article's date: as written in the front matter for English (as always), written out otherwise."""
    return _date_of(article.date, article.language)


def _date_of(value: str, language: str) -> str:
    return value if language == "en" else long_date(value, language)


def source_card(article: Article) -> str:
    lang = article.language
    _ = translator(lang).gettext
    rows = [
        (_("Title"), esc(article.title)),
        (_("Author"), esc(article.author)),
        (_("Author's stated credentials"), esc(article.author_bio) if article.author_bio else
         "<em>" + esc(_("none stated on the page")) + "</em>"),
        (_("Published by"), esc(article.publisher)),
        (_("Date"), esc(_date(article))),
        (_("Original page"), _link(article.url, article.url or _("no address"), lang)),
        *([(_("Publisher's site"), _link(article.publisher_url, article.publisher_url, lang))]
          if article.publisher_url else []),
    ]
    if article.original_source:
        pub, url = article.original_source
        rows.append((_("First published by"), _link(url, pub, lang) if url else esc(pub)))
    rows.append((_("Reuse terms"), markdown_inline(article.license)))
    if article.notes:
        rows.append((_("How this copy differs"), markdown_inline(article.notes)))
    body = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in rows)  # k: our own labels
    card = esc(_("Source card"))
    return (f'<aside class="mlq-source-card" aria-label="{card}"><h2 class="mlq-card-title">{card}</h2>'
            f"<dl>{body}</dl></aside>")


def attribution(article: Article) -> str:
    lang = article.language
    _ = translator(lang).gettext
    orig = ""
    if article.original_source:
        pub, url = article.original_source
        orig = " " + esc(_("First published by {publisher}.")).format(publisher=_link(url, pub, lang) if url
                                                                      else esc(pub))
    original = esc(_("“{title}” by {author}, {publisher}, {date}. Original: {link}")).format(
        title=esc(article.title), author=esc(article.author), publisher=esc(article.publisher),
        date=esc(_date(article)), link=_link(article.url, _("the publisher’s page"), lang))
    site = (" " + esc(_("(publisher’s site: {link})")).format(link=_link(article.publisher_url,
                                                                         article.publisher_url, lang))
            if article.publisher_url and not article.url else "")
    return f'<p class="mlq-attribution">{original}{site}.{orig} {markdown_inline(article.license)}</p>'


def overview_page(article: Article, parts: list[tuple[str, str]], timeline: str) -> str:
    """The overview; timeline is the timeline figure's SVG (or ""), drawn inline: it takes the page's text colour
    (light and dark modes alike) and needs no file beside the page."""
    g = article.guide
    assert g is not None
    _ = translator(article.language).gettext

    def heading(text: str) -> str:
        return f"## {md_escape(text)}\n" if article.language != "en" else f"## {text}\n"

    blocks = [
        raw_html(attribution(article)),
        heading(_("How to use this chapter")),
        raw_html("<ol>" + "".join(f'<li><a href="{esc(href)}">{esc(label)}</a></li>' for href, label in parts)
                 + "</ol><p>" + esc(_("Work through the parts in order. Your answers are saved in this browser; each "
                                      "quiz has a Reset button.")) + "</p>"),
        heading(_("What you will be able to do")), raw_html(_list(g.objectives)),
        heading(_("Who is behind it?")), raw_html(source_card(article)),
        heading(_("Before reading")), raw_html(_list(g.before_reading)),
        heading(_("During reading")), raw_html(_list(g.during_reading)),
        heading(_("After reading")), raw_html(_list(g.after_reading)),
    ]
    if g.vocabulary:
        blocks += [heading(_("Vocabulary")), raw_html('<dl class="mlq-vocab">' + "".join(
            f"<dt>{esc(term)}</dt><dd>{markdown_inline(text)}</dd>" for term, text in g.vocabulary) + "</dl>")]
    if timeline:
        blocks += [heading(_("Context: a timeline")), raw_html(
            f'<figure class="mlq-figure">{timeline.strip()}<figcaption>'
            + esc(_("Context events, drawn to scale; the same events are listed below.")) + "</figcaption></figure>"
            + '<details class="mlq-timeline-text"><summary>' + esc(_("The timeline as text")) + "</summary><ul>"
            + "".join(f"<li><strong>{esc(_date_of(e.date, article.language))}</strong>: "
                      f"{markdown_inline(e.event)}</li>"
                      for e in sorted(g.timeline, key=lambda e: (e.date, e.event)))
            + "</ul></details>")]
    return page(article.title, *blocks)


ANNOTATE_TITLE = N_("Exercise: annotate it yourself")
ANNOTATE_INTRO = N_("Read the article and mark what the exercise asks for: select a passage (click or tap its first "
                    "and last word, or use the arrow keys with Shift), then pick its label. A contradiction links two "
                    "or more passages. Press *Check* to compare with the instructor's annotations: a passage counts "
                    "as found when at least half of it, and at least half of yours, are the same words. Your marks "
                    "are kept in this browser.")


def article_page(article: Article, body_html: str, book: Publication) -> str:
    """The article, between its attribution above and below, with the ClaimReview data of its checked claims."""
    _ = translator(article.language).gettext
    intro = _("Read the article as it was published. Then switch on the highlight layers one at a time: each "
              "marked passage has a small button after it that opens a note.")
    return page(_("Read the article"), raw_html(attribution(article)), intro + "\n", raw_html(body_html),
                raw_html(attribution(article) + jsonld_script(claim_reviews(article, book))))


