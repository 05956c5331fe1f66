"""`medialit check`: every problem names file, line and column; exit 1; never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

BANK_HEAD = "bank: b1\narticle: town-library\ntitle: T\nquestions:\n"
GOOD_Q = "  - id: q1\n    type: true-false\n    prompt: P\n    answer: true\n"


def write_bank(book: Path, text: str, name: str = "bad.yaml") -> Path:
    path = book / "quizzes" / name
    path.write_text(text, encoding="utf-8")
    return path


def check(book: Path):  # type: ignore[no-untyped-def]
    res = run_cli("check", cwd=book)
    assert "Traceback" not in res.err + res.out
    return res


def test_clean_course_passes(fixture_book: Path) -> None:
    res = check(fixture_book)
    assert res.code == 0, res.err
    assert "no problems found" in res.out


BANK_CASES = [
    ("yaml-syntax", BANK_HEAD + "  - id: q1\n    prompt: \"unclosed\n", 6, "YAML syntax error"),
    ("tab-indent", BANK_HEAD + "  - id: q1\n\ttype: single\n", 6, "tab character"),
    ("unknown-key", BANK_HEAD + GOOD_Q + "    promt: typo\n", 9, "unknown key 'promt'"),
    ("wrong-type", BANK_HEAD + GOOD_Q.replace("answer: true", "answer: true\n    points: many"), 9,
     "points must be a number"),
    ("missing-field", "bank: b1\narticle: town-library\nquestions:\n" + GOOD_Q, 1, "missing required field 'title'"),
    ("duplicate-id", BANK_HEAD + GOOD_Q + GOOD_Q, 9, "duplicate question id 'q1'"),
    ("single-two-correct", BANK_HEAD + "  - id: q1\n    type: single\n    prompt: P\n    options:\n"
     "      - {text: a, correct: true}\n      - {text: b, correct: true}\n", 9, "needs exactly one"),
    ("single-none-correct", BANK_HEAD + "  - id: q1\n    type: single\n    prompt: P\n    options:\n"
     "      - {text: a}\n      - {text: b}\n", 9, "has 0 correct options"),
    ("bad-enum", BANK_HEAD + "  - id: q1\n    type: singel\n    prompt: P\n", 6, "Did you mean 'single'"),
    ("duplicate-key", BANK_HEAD + GOOD_Q + "    prompt: again\n", 9, "duplicate key 'prompt'"),
]


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in BANK_CASES], ids=[c[0] for c in BANK_CASES])
def test_bank_errors_name_file_and_line(fixture_book: Path, text: str, line: int, message: str) -> None:
    write_bank(fixture_book, text)
    res = check(fixture_book)
    assert res.code == 1
    lines = [ln for ln in res.err.splitlines() if ln.startswith("quizzes/bad.yaml:")]
    assert lines, res.err
    hit = [ln for ln in lines if message in ln or message in res.err]
    assert hit, res.err
    assert any(ln.startswith(f"quizzes/bad.yaml:{line}:") for ln in lines), res.err
    assert "hint:" in res.err


def _edit_annotations(book: Path, old: str, new: str) -> Path:
    path = book / "articles" / "town-library" / "annotations.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    return path


def test_quote_not_found_shows_closest_text(fixture_book: Path) -> None:
    _edit_annotations(fixture_book, 'quote: "The town council voted 7 to 2 on Tuesday"',
                      'quote: "The town council voted 8 to 1 on Tuesday"')
    res = check(fixture_book)
    assert res.code == 1
    assert "articles/town-library/annotations.yaml:13:12: error: quote of 'vote-count' not found" in res.err
    assert 'Closest text in the article (articles/town-library/article.md, line 12): "The town council voted 7 to 2' \
        in res.err


def test_ambiguous_quote_lists_lines(fixture_book: Path) -> None:
    _edit_annotations(fixture_book, 'quote: "Councillor Rivera said"', 'quote: "library"')
    res = check(fixture_book)
    assert res.code == 1
    assert "quote of 'fixture-source' occurs" in res.err
    assert "prefix" in res.err


def test_all_errors_reported_in_one_run(fixture_book: Path) -> None:
    write_bank(fixture_book, BANK_HEAD + GOOD_Q + "    promt: x\n", "a.yaml")
    write_bank(fixture_book, BANK_HEAD.replace("b1", "b2") + GOOD_Q + GOOD_Q, "b.yaml")
    _edit_annotations(fixture_book, 'quote: "Councillor Rivera said"', 'quote: "Councillor Smith said"')
    res = check(fixture_book)
    assert res.code == 1
    assert "quizzes/a.yaml:9:" in res.err and "quizzes/b.yaml:9:" in res.err
    assert "annotations.yaml" in res.err


def test_json_format(fixture_book: Path) -> None:
    write_bank(fixture_book, BANK_HEAD + GOOD_Q + "    promt: x\n")
    res = run_cli("check", "--format", "json", cwd=fixture_book)
    assert res.code == 1
    errors = json.loads(res.out)["errors"]
    assert errors[0]["path"] == "quizzes/bad.yaml" and errors[0]["line"] == 9
    assert "promt" in errors[0]["message"] and errors[0]["hint"]


def test_one_run_reports_format_meaning_and_links_together(fixture_book: Path) -> None:
    """A bank with a format problem in one question, a problem of meaning in another and an article that does not
    exist, and an annotations file with a format problem in one annotation and a quote not in the article: one
    `check` reports all five (no second run to find the next round)."""
    write_bank(fixture_book, "bank: b1\narticle: no-such-article\ntitle: T\nquestions:\n"
               "  - id: q1\n    type: true-false\n    prompt: P\n    answer: maybe\n"
               "  - id: q2\n    type: single\n    prompt: P\n    options:\n"
               "      - {text: A, correct: true}\n      - {text: B, correct: true}\n")
    ann = fixture_book / "articles" / "town-library" / "annotations.yaml"
    ann.write_text(ann.read_text("utf-8").replace("annotations:\n", "annotations:\n"
                   "  - {id: broken, kind: claim, quote: 7 to 2, note: N, verdict: 12}\n"
                   "  - {id: missing, kind: technique, technique: loaded-language, quote: not in the text at all,"
                   " note: N}\n", 1), "utf-8")
    res = check(fixture_book)
    assert res.code == 1
    found = res.err
    for wanted in ("questions[0].answer must be true or false", "has 2 correct options",
                   "points at article 'no-such-article'", "quote of 'missing' not found", "annotations[0].verdict"):
        assert wanted in found, (wanted, found)
