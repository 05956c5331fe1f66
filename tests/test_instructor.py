"""The instructor edition is a separate site; the student site holds none of its text. ClaimReview data is valid."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.stages import load_course

from .conftest import REPO, make_book, run_cli

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = make_book(tmp_path_factory.mktemp("editions") / "root", REPO)
    res = run_cli("build", "--quiet", cwd=root)
    assert res.code == 0, res.err
    res = run_cli("build", "--instructor", "--quiet", cwd=root)
    assert res.code == 0, res.err
    return root, root / "_build" / "html", root / "_build" / "instructor"


def site_text(folder: Path) -> str:
    """Every text file of a built site, HTML-unescaped, one string."""
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".txt", ".ipynb", ".md", ".svg"):
            parts.append(html.unescape(path.read_text("utf-8", errors="replace")))
    return "\n".join(parts)


def instructor_only_texts(root: Path) -> list[str]:
    course = load_course(root)
    texts: list[str] = []
    for article in course.articles:
        ins = article.instructor
        texts += [s.activity for s in ins.lesson_plan] + list(ins.discussion) + list(ins.misconceptions)
        texts += [a.instructor_note for a in article.annotations if a.instructor_note]
    return [t for t in texts if t]


def probe(text: str) -> str:
    """A stretch of the text long enough to be unique, free of Markdown markup."""
    plain = re.sub(r"[*_`\[\]]", "", text)
    return " ".join(plain.split())[:60]


def test_student_site_has_no_instructor_only_text(both_sites: tuple[Path, Path, Path]) -> None:
    root, student, instructor = both_sites
    secrets = instructor_only_texts(root)
    assert len(secrets) >= 10
    student_text = " ".join(site_text(student).split())
    instructor_text = " ".join(site_text(instructor).split())
    leaks = [probe(t) for t in secrets if probe(t) in student_text]
    assert leaks == []
    assert [probe(t) for t in secrets if probe(t) not in instructor_text] == []
    for marker in ("Answer key", "Teaching notes", "✓ correct"):
        assert marker in instructor_text
        assert marker not in student_text
    assert not list(student.rglob("answer-key.html")) and not list(student.rglob("teaching-notes.html"))


def test_instructor_edition_has_keys_notes_and_lesson_plan(both_sites: tuple[Path, Path, Path]) -> None:
    root, _, instructor = both_sites
    chapter = instructor / "book" / "mali-withdrawal"
    key = html.unescape((chapter / "answer-key.html").read_text("utf-8"))
    notes = html.unescape((chapter / "teaching-notes.html").read_text("utf-8"))
    course = load_course(root)
    for bank in course.banks:
        for q in bank.questions:
            assert f">{q.id}</code>" in key, q.id
    assert "A plan for one class (50 minutes)" in notes
    article = course.articles[0]
    for a in article.annotations:
        assert f">{a.id}</code>" in notes, a.id
    assert "(instructor edition)" in (instructor / "book" / "intro.html").read_text("utf-8")


def test_claimreview_jsonld_is_valid(both_sites: tuple[Path, Path, Path]) -> None:
    root, student, _ = both_sites
    page = (student / "book" / "mali-withdrawal" / "index.html").read_text("utf-8")
    blocks = LD.findall(page)
    assert len(blocks) == 1
    reviews = json.loads(blocks[0])
    claims = [a for a in load_course(root).articles[0].annotations if a.kind == "claim"]
    assert len(reviews) == len(claims) > 0
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert r["claimReviewed"] and r["url"] and r["author"]["name"]
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] and item["datePublished"]
        anchor = r["url"].split("#")[1]
        assert f'id="{anchor}"' in (student / "book" / "mali-withdrawal" / "article.html").read_text("utf-8")
        for c in r.get("citation", []):
            assert c["url"].startswith(("http://", "https://")) and c["name"] and c["datePublished"]
