"""`medialit build`: every page is tidied (no live-code scripts pointing at another host, named navigation toggles),
and a rebuild after one bank edit rewrites only the pages that depend on it."""

from __future__ import annotations

import re
import time
from pathlib import Path

from .conftest import quiz_specs, run_cli


def pages(html: Path) -> dict[str, int]:
    return {p.relative_to(html).as_posix(): p.stat().st_mtime_ns for p in sorted(html.rglob("*.html"))}


def untidy(html: Path) -> list[str]:
    problems = []
    for rel in pages(html):
        text = (html / rel).read_text("utf-8")
        if "THEBE_JS_URL" in text or "sphinx-thebe.js" in text or "text/x-thebe-config" in text:
            problems.append(f"{rel}: live-code script")
        if re.search(r'<summary>\s*<span class="toctree-toggle"', text):
            problems.append(f"{rel}: navigation toggle without a name")
    return problems


def test_rebuild_after_one_bank_edit(fixture_book: Path) -> None:
    res = run_cli("build", "--quiet", cwd=fixture_book)
    assert res.code == 0, res.err
    html = fixture_book / "_build" / "html"
    before = pages(html)
    assert len(before) >= 15 and untidy(html) == []
    time.sleep(0.05)
    bank = fixture_book / "quizzes" / "town-library.yaml"
    text = bank.read_text("utf-8")
    edited = re.sub(r"^(\s*prompt: )(.*)$", r"\1Edited - \2", text, count=1, flags=re.M)
    assert edited != text
    bank.write_text(edited, "utf-8")
    res = run_cli("build", "--quiet", cwd=fixture_book)
    assert res.code == 0, res.err
    after = pages(html)
    rewritten = sorted(k for k in after if after[k] != before.get(k))
    assert "book/town-library/quiz-town-library-quiz.html" in rewritten
    specs = quiz_specs((html / "book/town-library/quiz-town-library-quiz.html").read_text("utf-8"))
    assert any("Edited - " in q["prompt_html"] for spec in specs for q in spec["questions"])
    # Sphinx also rewrites the search page and the index pages; never the other chapters' or hand-written pages
    assert not [k for k in rewritten if k.startswith(("book/methods/", "book/instructors/", "book/mali-"))], rewritten
    assert len(rewritten) <= 5, rewritten
    assert untidy(html) == []
