"""The instructor edition is a separate site; the student site holds none of its text. ClaimReview data is valid."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.stages import load_course

from .conftest import run_cli

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def both_sites(editions: tuple[Path, Path, Path]) -> tuple[Path, Path, Path]:
    return editions


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


def test_claimreview_is_on_the_article_page_and_reads_right_to_a_json_ld_processor(
        both_sites: tuple[Path, Path, Path]) -> None:
    """The ClaimReview data is on the article page (not the overview), as a consumer reads it: extracted from the
    page by extruct, expanded to RDF terms by pyld. Every value is real: absolute addresses under html.baseurl, the
    review date from the annotations, the book's author as the reviewing organisation, plain text."""
    import extruct
    from pyld import jsonld

    from .conftest import BASE_URL

    root, student, _ = both_sites
    chapter = student / "book" / "mali-withdrawal"
    assert LD.findall((chapter / "index.html").read_text("utf-8")) == []
    page = (chapter / "article.html").read_text("utf-8")
    found = extruct.extract(page, base_url=f"{BASE_URL}book/mali-withdrawal/article.html", syntaxes=["json-ld"])
    reviews = [r for block in found["json-ld"] for r in (block if isinstance(block, list) else [block])]
    course = load_course(root)
    article = course.articles[0]
    claims = [a for a in article.annotations if a.kind == "claim" and a.verdict]
    assert len(reviews) == len(claims) > 0

    def loader(url: str, options: dict | None = None) -> dict:  # schema.org's context, offline: its vocabulary
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}

    S = "https://schema.org/"
    expanded = jsonld.expand(reviews, {"documentLoader": loader})
    assert len(expanded) == len(claims)
    ids = {a.id for a in claims}
    for r in expanded:
        assert r["@type"] == [f"{S}ClaimReview"]
        url = r[f"{S}url"][0]["@value"]
        assert url.startswith(f"{BASE_URL}book/mali-withdrawal/article.html#a-")
        assert url.split("#a-")[1] in ids and f'id="a-{url.split("#a-")[1]}"' in page  # the claim's own anchor
        assert r[f"{S}datePublished"][0]["@value"] == article.reviewed == "2026-11-23"
        claim = r[f"{S}claimReviewed"][0]["@value"]
        assert 0 < len(claim) <= 75
        body = r[f"{S}reviewBody"][0]["@value"]
        assert body and "**" not in body and "<" not in body
        author = r[f"{S}author"][0]
        assert author["@type"] == [f"{S}Organization"]
        assert author[f"{S}name"][0]["@value"] == "The medialit contributors"  # the book's author in _config.yml
        item = r[f"{S}itemReviewed"][0]
        assert item["@type"] == [f"{S}Claim"]
        assert item[f"{S}author"][0]["@type"] == [f"{S}Person"]
        assert item[f"{S}author"][0][f"{S}name"][0]["@value"] == article.author
        appearance = item[f"{S}appearance"][0]
        assert appearance[f"{S}datePublished"][0]["@value"] == article.date
        publisher = appearance[f"{S}publisher"][0]
        assert publisher["@type"] == [f"{S}Organization"]
        assert publisher[f"{S}name"][0]["@value"] == article.publisher
        rating = r[f"{S}reviewRating"][0]
        assert rating["@type"] == [f"{S}Rating"] and rating[f"{S}alternateName"][0]["@value"]
        for c in r.get(f"{S}citation", []):
            assert c[f"{S}url"][0]["@value"].startswith(("http://", "https://"))
            assert c[f"{S}publisher"][0]["@type"] == [f"{S}Organization"]
    nquads = jsonld.to_rdf(reviews, {"documentLoader": loader, "format": "application/n-quads"})
    assert nquads.count("<https://schema.org/ClaimReview>") == len(claims)


def test_claimreview_without_a_base_url_has_no_address(seed_book: Path) -> None:
    """The repository's _config.yml sets no html.baseurl: the reviews then carry no url (never a relative one)."""
    assert run_cli("generate", "--quiet", cwd=seed_book).code == 0
    page = (seed_book / "book" / "mali-withdrawal" / "article.md").read_text("utf-8")
    reviews = json.loads(LD.findall(page)[0])
    assert reviews and all("url" not in r and r["datePublished"] == "2026-11-23" for r in reviews)
    assert all("url" in c for r in reviews for c in r.get("citation", []))
