"""Instructor-only pages: answer keys and teaching notes (never in the student site)."""

from __future__ import annotations

from ..model import Article, Bank


def pages(article: Article, banks: tuple[Bank, ...]) -> dict[str, str]:
    return {}
