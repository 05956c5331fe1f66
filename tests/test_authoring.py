"""Authoring problems an instructor meets: placeholders left by `medialit new`, and `check`'s wording."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

ANN = "articles/town-library/annotations.yaml"


def _new_article(root: Path, tmp_path: Path) -> None:
    src = tmp_path / "story.txt"
    src.write_text("Pool Closes\n\nThe council said on Monday that the pool will close.\n", encoding="utf-8")
    assert run_cli("new", "pool", "--from", src, cwd=root).code == 0


def test_check_lists_placeholders_and_build_refuses_them(fixture_book: Path, tmp_path: Path) -> None:
    assert run_cli("check", cwd=fixture_book).out.endswith("no problems found.\n")  # a finished course: none
    _new_article(fixture_book, tmp_path)
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 0  # the chapter builds as a draft: placeholders are warnings, not errors
    assert 'articles/pool/article.md:5:9: warning: author is still a placeholder: "TODO: author"' in res.err
    assert 'articles/pool/article.md:6:12: warning: publisher is still a placeholder: "TODO: publisher"' in res.err
    assert "articles/pool/article.md:7:7: warning: date is still the placeholder 1970-01-01" in res.err
    assert "quizzes/pool.yaml:14:13: warning: questions[0] is the example question that medialit new wrote" in res.err
    assert "placeholders left to fill in." in res.out
    data = json.loads(run_cli("check", "--format", "json", cwd=fixture_book).out)
    assert data["errors"] == [] and {w["code"] for w in data["warnings"]} == {"placeholder"}
    assert {w["severity"] for w in data["warnings"]} == {"warning"}
    before = sorted(p.relative_to(fixture_book) for p in fixture_book.rglob("*"))
    res = run_cli("build", cwd=fixture_book)
    assert res.code == 1
    assert "nothing was built" in res.err and "--allow-todo" in res.err and "TODO: author" in res.err
    assert sorted(p.relative_to(fixture_book) for p in fixture_book.rglob("*")) == before  # nothing written


def test_a_list_under_quote_says_use_quotes(fixture_book: Path) -> None:
    path = fixture_book / ANN
    path.write_text(path.read_text("utf-8").replace('quotes: ["close the', 'quote: ["close the'), "utf-8")
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 1
    assert "annotations[3].quote is a list, but 'quote' takes one passage: for two or more, use 'quotes:'" in res.err


def test_a_yes_no_value_is_quoted_as_written(fixture_book: Path) -> None:
    path = fixture_book / ANN
    text = path.read_text("utf-8")
    for written in ("true", "yes", "True"):
        path.write_text(text.replace("verdict: unverifiable", f"verdict: {written}"), "utf-8")
        res = run_cli("check", cwd=fixture_book)
        assert f"annotations[0].verdict is '{written}', which is not allowed" in res.err, res.err
        assert "'True'" not in res.err or written == "True"
