"""`medialit new <slug> --from FILE`: a new article folder from .txt, .md or .html that passes `medialit check`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from generator.errors import Report
from generator.newarticle import convert, find_date
from generator.stages import load_article
from generator.text import ArticleText

from .conftest import run_cli

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TEXT = """City Council Approves New Park

By Sam Reporter, March 3, 2024

The city council voted 5 to 4 on Monday to build a new park on Elm Street.
Mayor Dana Cole said the park "will cost 2 million dollars".

Clearly, this is a wonderful decision. Critics say the money is a *waste* of [time].
- this line is not a list item
# nor is this a heading
"""

MARKDOWN = """---
title: "Harbour Wall Repaired"
author: Kim Author
date: 2022-11-05
layout: post
---
# Harbour Wall Repaired

The harbour wall was *finally* repaired on **Friday**, the port authority [announced](https://port.example/news).

- Cost: 300,000
- Work: six weeks
"""

HTML = """<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Bridge Reopens | The Riverside Gazette</title>
<meta property="og:site_name" content="The Riverside Gazette">
<meta name="author" content="Jo Writer">
<meta property="article:published_time" content="2023-05-04T10:00:00Z">
<link rel="canonical" href="https://gazette.example/news/bridge">
<style>body { color: red } .secret-style { }</style>
<script>var secret = "SECRET SCRIPT TEXT";</script>
</head><body>
<header><div class="logo">SITE BANNER</div></header>
<nav><a href="/">SITE MENU Home</a> <a href="/sport">Sport</a></nav>
<main><article>
<header><h1>Bridge Reopens After <em>Two</em> Years</h1><p class="byline">By Jo Writer</p></header>
<p>The old bridge reopened on Monday, the council <strong>said</strong>. It cost &pound;2&nbsp;million &amp; took
two years.</p>
<p>Mayor Ann Lee called it <em>a triumph</em>. Read the <a href="/report.pdf">full report</a> and
<a href="https://example.org/notes">the engineers' notes</a>.<br>A second line.</p>
<h2>What comes next</h2>
<ul><li>Traffic lights<li>New <b>cycle</b> lanes</ul>
<blockquote><p>It is clearly the best bridge in the county.</p></blockquote>
<aside>RELATED STORIES sidebar</aside>
<p>1. Not a list * nor emphasis _ here [x]</p>
<script>document.write("MORE SCRIPT")</script>
</article></main>
<footer>SITE FOOTER copyright</footer>
</body></html>
"""


@pytest.fixture
def sources(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "park.txt").write_text(TEXT, encoding="utf-8")
    (folder / "harbour.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "bridge.html").write_text(HTML, encoding="utf-8")
    yield folder


def new(root: Path, slug: str, source: Path) -> None:
    res = run_cli("new", slug, "--from", source, cwd=root)
    assert res.code == 0, res.err
    assert f"articles/{slug}/article.md" in res.out


def check_ok(root: Path) -> None:
    res = run_cli("check", cwd=root)
    assert res.code == 0, res.err
    assert "no problems found" in res.out


def body_of(root: Path, slug: str) -> str:
    text = (root / "articles" / slug / "article.md").read_text("utf-8")
    return text.split("\n---\n", 1)[1]


def front_of(root: Path, slug: str) -> dict:
    text = (root / "articles" / slug / "article.md").read_text("utf-8")
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def plain_of(root: Path, slug: str) -> str:
    return ArticleText.from_markdown(body_of(root, slug)).plain


def test_from_plain_text(fixture_book: Path, sources: Path) -> None:
    new(fixture_book, "city-park", sources / "park.txt")
    check_ok(fixture_book)
    front = front_of(fixture_book, "city-park")
    assert front["title"] == "City Council Approves New Park"
    assert front["publisher"].startswith("TODO") and front["author"].startswith("TODO")
    assert front["license"].startswith("TODO")
    assert str(front["date"]) == "2024-03-03"  # the date written in the file, marked TODO: check
    body = body_of(fixture_book, "city-park")
    assert body.startswith("# City Council Approves New Park\n\nBy Sam Reporter, March 3, 2024\n\n")
    # paragraphs and line breaks kept; characters Markdown would read as syntax are escaped, not interpreted
    plain = plain_of(fixture_book, "city-park")
    assert "Critics say the money is a *waste* of [time].\n- this line is not a list item\n# nor is this a heading" \
        in plain
    assert 'Mayor Dana Cole said the park "will cost 2 million dollars".' in plain


def test_from_markdown_keeps_the_body_and_reads_its_front_matter(fixture_book: Path, sources: Path) -> None:
    new(fixture_book, "harbour", sources / "harbour.md")
    check_ok(fixture_book)
    front = front_of(fixture_book, "harbour")
    assert (front["title"], front["author"], str(front["date"])) == ("Harbour Wall Repaired", "Kim Author",
                                                                     "2022-11-05")
    assert "layout" not in front
    body = body_of(fixture_book, "harbour")
    assert body == MARKDOWN.split("---\n", 2)[2]


def test_from_html(fixture_book: Path, sources: Path) -> None:
    new(fixture_book, "bridge", sources / "bridge.html")
    check_ok(fixture_book)
    front = front_of(fixture_book, "bridge")
    assert front["title"] == "Bridge Reopens After Two Years"
    assert (front["author"], front["publisher"], str(front["date"]), front["url"], front["language"]) == (
        "Jo Writer", "The Riverside Gazette", "2023-05-04", "https://gazette.example/news/bridge", "en-gb")
    body = body_of(fixture_book, "bridge")
    for dropped in ("SECRET", "secret-style", "MORE SCRIPT", "SITE MENU", "SITE BANNER", "SITE FOOTER", "RELATED"):
        assert dropped not in body
    assert body.startswith("# Bridge Reopens After *Two* Years\n\nBy Jo Writer\n\n")  # the article's own header
    assert "The old bridge reopened on Monday, the council **said**. It cost £2 million & took two years." in body
    assert "called it *a triumph*" in body
    assert "[full report](https://gazette.example/report.pdf)" in body  # relative link resolved
    assert "[the engineers' notes](https://example.org/notes).\\\nA second line." in body
    assert "## What comes next\n\n- Traffic lights\n- New **cycle** lanes" in body
    assert "> It is clearly the best bridge in the county." in body
    assert "1. Not a list * nor emphasis _ here [x]" in plain_of(fixture_book, "bridge")


def test_generated_files_point_editors_at_the_schemas(fixture_book: Path, sources: Path) -> None:
    new(fixture_book, "city-park", sources / "park.txt")
    ann = (fixture_book / "articles" / "city-park" / "annotations.yaml").read_text("utf-8")
    bank = (fixture_book / "quizzes" / "city-park.yaml").read_text("utf-8")
    assert ann.startswith("# yaml-language-server: $schema=../../generator/schemas/annotations.schema.json\n")
    assert bank.startswith("# yaml-language-server: $schema=../generator/schemas/bank.schema.json\n")
    for line in (ann.splitlines()[0], bank.splitlines()[0]):  # the paths resolve in this repository
        rel = line.split("$schema=")[1]
        base = fixture_book / "articles" / "city-park" if "../../" in rel else fixture_book / "quizzes"
        assert (base / rel).resolve().relative_to(fixture_book.resolve()).as_posix().startswith("generator/")
    assert yaml.safe_load(ann)["annotations"] == []
    data = yaml.safe_load(bank)
    assert (data["bank"], data["article"]) == ("city-park-quiz", "city-park")
    assert [q["id"] for q in data["questions"]] == ["example-before-sharing"]
    assert "Example question" in data["questions"][0]["prompt"]
    article = load_article(fixture_book / "articles" / "city-park", Report(base=fixture_book))
    assert article is not None and article.annotations == ()
    assert article.guide.objectives[0].startswith("TODO")


def test_same_file_gives_the_same_folder(tmp_path: Path, sources: Path) -> None:
    out = []
    for name in ("a", "b"):
        root = tmp_path / name
        root.mkdir()
        new(root, "bridge", sources / "bridge.html")
        out.append({p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()})
    assert out[0] == out[1]


def test_placeholder_date_when_the_file_has_none(fixture_book: Path, tmp_path: Path) -> None:
    src = tmp_path / "nodate.txt"
    src.write_text("A Headline\n\nSome text without any date in it.\n", encoding="utf-8")
    new(fixture_book, "no-date", src)
    check_ok(fixture_book)
    md = (fixture_book / "articles" / "no-date" / "article.md").read_text("utf-8")
    assert re.search(r"^date: 1970-01-01 +# TODO: placeholder", md, re.M)


@pytest.mark.parametrize("slug", ["Bad Slug", "UPPER", "trailing-", "two--hyphens", "under_score", "é"])
def test_refuses_an_invalid_slug(fixture_book: Path, sources: Path, slug: str) -> None:
    res = run_cli("new", slug, "--from", sources / "park.txt", cwd=fixture_book)
    assert res.code == 1
    assert f"'{slug}' is not a valid slug" in res.err and "hint:" in res.err
    assert "Traceback" not in res.err
    assert sorted(p.name for p in (fixture_book / "articles").iterdir()) == ["town-library"]


def test_refuses_an_existing_folder_or_bank(fixture_book: Path, sources: Path) -> None:
    res = run_cli("new", "town-library", "--from", sources / "park.txt", cwd=fixture_book)
    assert res.code == 1 and "articles/town-library already exists" in res.err and "hint:" in res.err
    (fixture_book / "quizzes" / "park.yaml").write_text("bank: other\n", encoding="utf-8")
    res = run_cli("new", "park", "--from", sources / "park.txt", cwd=fixture_book)
    assert res.code == 1 and "quizzes/park.yaml already exists" in res.err
    assert not (fixture_book / "articles" / "park").exists()


def test_refuses_a_bad_source_file(fixture_book: Path, tmp_path: Path) -> None:
    (tmp_path / "article.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    (tmp_path / "empty.html").write_text("<html><body><script>x()</script><nav>Menu</nav></body></html>", "utf-8")
    (tmp_path / "folder.txt").mkdir()
    cases = {
        "missing.txt": "the file does not exist",
        "article.pdf": "cannot read a '.pdf' file",
        "latin1.txt": "the file is not UTF-8 text",
        "empty.html": "no article text found in the file",
        "folder.txt": "this is not a file",
    }
    for name, message in cases.items():
        res = run_cli("new", "fresh", "--from", tmp_path / name, cwd=fixture_book)
        assert res.code == 1, name
        assert message in res.err and "hint:" in res.err, (name, res.err)
        assert "Traceback" not in res.err
    assert not (fixture_book / "articles" / "fresh").exists()
    assert not (fixture_book / "quizzes" / "fresh.yaml").exists()


def test_conversion_details() -> None:
    body, meta = convert("<p>a <em> spaced </em> word and <a href='javascript:alert(1)'>a bad link</a></p>"
                         "<ol start='3'><li><p>third</p><li>fourth</ol><p>x<br>y</p>", "html")
    assert body == "a *spaced* word and a bad link\n\n3. third\n4. fourth\n\nx\\\ny\n"
    assert find_date("Posted 14 July 2021, updated 2022-01-02") == "2021-07-14"
    assert find_date("on February 30, 2021") == ""
    body, meta = convert("Line one\r\nline two\r\n\r\nNext paragraph.", "text")
    assert body == "Line one\nline two\n\nNext paragraph.\n" and meta.title == "Line one"


@pytest.mark.browser
def test_new_user_from_a_text_file_to_a_working_quiz(fixture_book: Path, sources: Path, browser: Browser) -> None:
    """Only the commands: new (files used as generated), suggest, check, generate, build; then the quiz works."""
    from playwright.sync_api import expect

    from .browser_support import serve

    root = fixture_book
    new(root, "city-park", sources / "park.txt")
    assert run_cli("suggest", "city-park", cwd=root).code == 0
    check_ok(root)
    res = run_cli("generate", cwd=root)
    assert res.code == 0, res.err
    res = run_cli("build", "--quiet", cwd=root)
    assert res.code == 0, res.err
    html = root / "_build" / "html"
    assert (html / "book" / "city-park" / "article.html").is_file()
    with serve(html) as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{url}/book/city-park/index.html")
            expect(page.locator("article h1").first).to_contain_text("City Council Approves New Park")
            page.goto(f"{url}/book/city-park/article.html")
            expect(page.locator("article").first).to_contain_text("The city council voted 5 to 4 on Monday")
            page.goto(f"{url}/book/city-park/quiz-city-park-quiz.html")
            question = page.locator('.mlq-question[data-qid="example-before-sharing"]')
            expect(question).to_be_visible()
            score = page.locator(".mlq-score").first
            expect(score).to_contain_text("Score: 0 of 1 point · 0 of 1 answered")
            question.get_by_label("Find out who is behind it and check its main claim in other sources",
                                  exact=True).check()
            question.locator(".mlq-check").click()
            feedback = question.locator(".mlq-feedback")
            expect(feedback).to_have_attribute("data-result", "correct")
            expect(feedback).to_contain_text("Correct")
            expect(score).to_contain_text("Score: 1 of 1 point · 1 of 1 answered")
            assert errors == []
        finally:
            context.close()
