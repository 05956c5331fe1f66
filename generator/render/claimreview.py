"""schema.org ClaimReview JSON-LD for every checked claim of an article."""

from __future__ import annotations

import json
from typing import Any

from ..model import Article
from ..transform.exercises import VERDICTS

RATING = {"inaccurate": 1, "misleading": 2, "mostly-accurate": 4, "accurate": 5}


def claim_reviews(article: Article, reviewer: str) -> list[dict[str, Any]]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title, "datePublished": article.date,
                                  "publisher": {"@type": "Organization", "name": article.publisher}}
    if article.url:
        appearance["url"] = article.url
    out = []
    for a in sorted(article.annotations, key=lambda a: (a.spans[0].start, a.id)):
        if a.kind != "claim" or a.verdict is None:
            continue
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": VERDICTS[a.verdict]}
        if a.verdict in RATING:
            rating.update(ratingValue=RATING[a.verdict], bestRating=5, worstRating=1)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"article.html#a-{a.id}",
            "claimReviewed": " ".join(a.quotes[0].split()),
            "author": {"@type": "Organization", "name": reviewer},
            "reviewRating": rating,
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": article.author},
                             "datePublished": article.date, "appearance": appearance},
            "reviewBody": a.note,
        }
        if a.sources:
            review["citation"] = [{"@type": "CreativeWork", "name": s.title, "url": s.url, "datePublished": s.date,
                                   "publisher": {"@type": "Organization", "name": s.publisher}} for s in a.sources]
        out.append(review)
    return out


def jsonld_script(reviews: list[dict[str, Any]]) -> str:
    if not reviews:
        return ""
    text = json.dumps(reviews, ensure_ascii=False, indent=1, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
