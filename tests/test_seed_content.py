"""The seed chapter's content meets its own bar: complete annotation, sourced verdicts, a full question bank."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.model import Course
from generator.render.article import article_html
from generator.render.overview import attribution
from generator.stages import load_course

from .conftest import REPO

TYPES = {"single", "multiple", "true-false", "numeric", "text", "order", "match", "classify", "select-text"}


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(REPO)


def seed(course: Course):  # type: ignore[no-untyped-def]
    return next(a for a in course.articles if a.slug == "mali-withdrawal")


def test_whole_article_is_annotated(course: Course) -> None:
    counts = Counter(a.kind for a in seed(course).annotations)
    assert counts["claim"] >= 20 and counts["opinion"] >= 20 and counts["contradiction"] >= 5
    assert counts["technique"] >= 10 and counts["source"] >= 5


def test_every_verdict_rests_on_sources(course: Course) -> None:
    for a in seed(course).annotations:
        if a.kind != "claim":
            continue
        if a.verdict != "unverifiable":
            assert a.sources, a.id
        else:
            assert "search" in a.note.lower() or "found" in a.note.lower(), a.id  # the note says what was searched
        for s in a.sources:
            assert s.url.startswith(("https://", "http://")) and s.title and s.publisher and s.date
            assert "utm_" not in s.url


def test_banks_use_every_type_with_feedback_on_every_wrong_option(course: Course) -> None:
    banks = course.banks_for("mali-withdrawal")
    questions = [q for b in banks for q in b.questions]
    assert len(questions) >= 30
    assert {q.type for q in questions} == TYPES
    for q in questions:
        assert q.explanation, q.id
        for o in getattr(q.body, "options", ()):
            if not o.correct:
                assert o.feedback, (q.id, o.text)


def test_lesson_plan_fills_fifty_minutes(course: Course) -> None:
    ins = seed(course).instructor
    assert sum(s.minutes for s in ins.lesson_plan) == 50
    assert ins.discussion and ins.misconceptions


def test_attribution_wherever_the_text_appears(course: Course) -> None:
    article = seed(course)
    credit = attribution(article)
    for needed in ("Global Research", "Lucas Leiroz de Almeida", "InfoBrics", "Copyright", "href="):
        assert needed in credit
    page = (REPO / "book" / "mali-withdrawal" / "article.md").read_text("utf-8")
    assert page.count('class="mlq-attribution"') == 2  # above and below the text
    text = " ".join(re.sub(r"<[^>]+>", "", article_html(article)).split())
    assert "Copyright © Lucas Leiroz de Almeida, InfoBrics, 2021" in text
