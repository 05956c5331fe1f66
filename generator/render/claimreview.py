"""schema.org ClaimReview JSON-LD for every checked claim of an article, on the article page (where the claims are).

Every value comes from the sources: the review's author is the book's author (`author` in _config.yml), its date is
`reviewed` in the article's annotations, its address is the article page's anchor of the claim under the book's base
URL (`html.baseurl` in _config.yml). The reviewed claim (`itemReviewed`) is by the article's author (a person, the
byline of the front matter), published by its publisher (an organisation), on the article's date and, when the front
matter has one, at its address. Texts are plain (Markdown rendered, tags dropped); `claimReviewed` is the claim's
quote, cut at a word boundary to at most 75 characters, the length that consumers of the format recommend.

Without a base URL the reviews carry no `url` (a relative address means nothing to a crawler); without `reviewed`
they carry no `datePublished`.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from ..i18n import translator
from ..markup import markdown_inline
from ..model import Article
from ..transform.exercises import VERDICTS

RATING = {"inaccurate": 1, "misleading": 2, "mostly-accurate": 4, "accurate": 5}
CLAIM_LENGTH = 75


@dataclass(frozen=True)
class Publication:
    """What the book says about itself, from _config.yml: its author (the reviewer) and base URL."""

    reviewer: str = "medialit"
    base_url: str = ""


def plain(markdown: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markdown_inline(markdown))).split())


def shorten(text: str, limit: int = CLAIM_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—") + "…"


def claim_reviews(article: Article, book: Publication) -> list[dict[str, Any]]:
    page = f"{book.base_url.rstrip('/')}/book/{article.slug}/article.html" if book.base_url else ""
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title, "datePublished": article.date,
                                  "author": {"@type": "Person", "name": article.author},
                                  "publisher": {"@type": "Organization", "name": article.publisher}}
    if article.url:
        appearance["url"] = article.url
    out = []
    for a in sorted(article.annotations, key=lambda a: (a.spans[0].start, a.id)):
        if a.kind != "claim" or a.verdict is None:
            continue
        rating: dict[str, Any] = {"@type": "Rating",
                                  "alternateName": translator(article.language).gettext(VERDICTS[a.verdict])}
        if a.verdict in RATING:
            rating.update(ratingValue=RATING[a.verdict], bestRating=5, worstRating=1)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": shorten(a.quotes[0]),
            "author": {"@type": "Organization", "name": book.reviewer},
            "reviewRating": rating,
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": article.author},
                             "datePublished": article.date, "appearance": appearance},
            "reviewBody": plain(a.note),
        }
        if page:
            review["url"] = f"{page}#a-{a.id}"
        if article.reviewed:
            review["datePublished"] = article.reviewed
        if a.sources:
            review["citation"] = [{"@type": "CreativeWork", "name": s.title, "url": s.url, "datePublished": s.date,
                                   "publisher": {"@type": "Organization", "name": s.publisher}} for s in a.sources]
        out.append(review)
    return out


def jsonld_script(reviews: list[dict[str, Any]]) -> str:
    if not reviews:
        return ""
    text = json.dumps(reviews, ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # compact: C's encoder
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
