"""What `medialit export` cannot carry is said in its summary and can fail the run (--strict)."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli

BANK = "quizzes/town-library.yaml"


def test_summary_names_what_was_left_out(fixture_book: Path) -> None:
    res = run_cli("export", "--format", "gift", BANK, cwd=fixture_book)
    assert res.code == 0, res.err
    assert "7 of 9 questions exported; not exported: 1 order, 1 select-text, see the warnings above" in res.out
    assert f"{BANK}:36:5: warning: question 'steps' (order)" in res.err
    assert f"{BANK}:53:5: warning: question 'predictions' (select-text)" in res.err
    # a classify question with two categories: Moodle's matching editor wants three answers, and the warning says so
    assert "question 'sort' (classify) of bank 'town-library-quiz': it has 2 categories, and Moodle's matching " \
           "editor asks for at least three answers" in res.err


def test_strict_fails_and_writes_nothing_when_a_question_is_left_out(fixture_book: Path) -> None:
    out = fixture_book / "bank.gift"
    out.write_text("an earlier export\n", "utf-8")
    res = run_cli("export", "--format", "qti", BANK, "--strict", "-o", out, cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    assert f"{BANK}:36:5: error: question 'steps' (order) of bank 'town-library-quiz' was not exported" in res.err
    assert f"{BANK}:53:5: error: question 'predictions' (select-text)" in res.err
    assert "--strict: 2 of 9 questions cannot be exported, so nothing was written" in res.err
    assert out.read_text("utf-8") == "an earlier export\n"


def test_strict_passes_a_bank_that_exports_whole(fixture_book: Path) -> None:
    bank = fixture_book / BANK
    text = bank.read_text("utf-8")
    start, end = text.index("  - id: steps"), text.index("  - id: pairs")
    cut = text[:start] + text[end:text.index("  - id: predictions")]
    bank.write_text(cut, "utf-8")
    res = run_cli("export", "--format", "qti", BANK, "--strict", cwd=fixture_book)
    assert res.code == 0, res.err
    assert "7 of 7 questions exported)." in res.out
