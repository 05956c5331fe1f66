"""Results without an LMS: a student downloads a results file from a quiz page (or prints a results page), and
`medialit results` merges the files of a class into one gradebook, graded again from the answers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser_support import serve
from .conftest import FIXTURES, make_book, run_cli
from .test_browser import answer, check

QUIZ = "book/town-library/quiz-town-library-quiz.html"
EXERCISE = "book/town-library/fact-or-opinion.html"
COLUMNS = ["name", "seed", "submitted", "town-library-fact-or-opinion (of 3)", "town-library-contradictions (of 1)",
           "town-library-check-claims (of 1)", "town-library-quiz (of 9)"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = make_book(tmp_path_factory.mktemp("results") / "root", FIXTURES / "course")
    res = run_cli("build", "--quiet", cwd=root)
    assert res.code == 0, res.err
    with serve(root / "_build" / "html") as url:
        yield root, url


def student(browser: Browser) -> Page:
    page = browser.new_context(viewport={"width": 1000, "height": 900}, accept_downloads=True).new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    return page


def download(page: Page, dest: Path) -> dict:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download results").click()
    info.value.save_as(dest)
    expect(page.locator(".mlq-results-status")).to_contain_text(f"Saved {info.value.suggested_filename}")
    return json.loads(dest.read_text("utf-8"))


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"))))


@pytest.mark.browser
def test_students_download_results_and_the_teacher_merges_them(browser: Browser, built: tuple[Path, str],
                                                               tmp_path: Path) -> None:
    root, url = built
    ana = student(browser)
    ana.goto(f"{url}/{QUIZ}")
    for qid in ("vote", "tf", "saving"):
        answer(ana, qid, True)
        check(ana, qid)
    answer(ana, "street", False)
    check(ana, "street")
    expect(ana.locator(".mlq-score")).to_contain_text("Score: 3 of 9 points")
    ana.get_by_label("Your name (for your teacher)").fill("Ana Lima")
    ana.get_by_label("Your name (for your teacher)").press("Tab")
    ana.goto(f"{url}/{EXERCISE}")  # the file covers the chapter: the exercise too, and the name is remembered
    expect(ana.get_by_label("Your name (for your teacher)")).to_have_value("Ana Lima")
    first = ana.locator(".mlq-question").first
    first.get_by_role("radio").first.check()
    first.locator(".mlq-check").click()
    data = download(ana, tmp_path / "ana.json")
    assert data["format"] == "medialit-results" and data["chapter"] == "town-library"
    assert data["student"]["name"] == "Ana Lima" and len(data["student"]["seed"]) == 16
    assert set(data["quizzes"]) == {"town-library-quiz", "town-library-fact-or-opinion"}
    assert data["quizzes"]["town-library-quiz"]["answers"]["saving"] == 40000
    assert data["quizzes"]["town-library-quiz"]["score"]["points"] == 3

    ben = student(browser)  # another student, another browser
    ben.goto(f"{url}/{QUIZ}")
    answer(ben, "vote", True)
    check(ben, "vote")
    ben_data = download(ben, tmp_path / "ben.json")
    assert ben_data["student"]["name"] == "" and ben_data["student"]["seed"] != data["student"]["seed"]

    out = tmp_path / "grades.csv"
    res = run_cli("results", tmp_path / "ana.json", tmp_path / "ben.json", "--output", out, cwd=root)
    assert res.code == 0, res.err
    assert "2 students from 2 files, 4 quiz columns" in res.out
    rows = read_csv(out)
    assert rows[0] == COLUMNS
    by_seed = {r[1]: r for r in rows[1:]}
    ana_row, ben_row = by_seed[data["student"]["seed"]], by_seed[ben_data["student"]["seed"]]
    assert ana_row[0] == "Ana Lima" and ana_row[6] == "3" and ana_row[3] in {"0", "1"} and ana_row[4] == ""
    assert ben_row[0] == "" and ben_row[6] == "1" and ben_row[3:6] == ["", "", ""]
    assert ana.errors == [] and ben.errors == []  # type: ignore[attr-defined]

    # a student raises the score in the file: the gradebook keeps what the answers earn, and says so
    data["quizzes"]["town-library-quiz"]["score"]["points"] = 9
    (tmp_path / "edited.json").write_text(json.dumps(data), "utf-8")
    res = run_cli("results", tmp_path / "edited.json", "--output", out, cwd=root)
    assert res.code == 0 and "states 9 points for 'town-library-quiz', its answers earn 3" in res.err
    assert read_csv(out)[1][6] == "3"


@pytest.mark.browser
def test_print_results_page(browser: Browser, built: tuple[Path, str], tmp_path: Path) -> None:
    _, url = built
    page = student(browser)
    page.add_init_script("window.printed = 0; window.print = () => { window.printed++; };")
    page.goto(f"{url}/{QUIZ}")
    answer(page, "tf", True)
    check(page, "tf")
    page.get_by_label("Your name (for your teacher)").fill("Ana Lima")
    page.get_by_role("button", name="Print results").click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    sheet = page.locator(".mlq-print")
    expect(sheet).to_be_visible()
    expect(sheet.get_by_role("heading")).to_have_text("Results: Our Library Will Close Its Doors — Again")
    expect(sheet).to_contain_text("Student: Ana Lima")
    expect(sheet.get_by_role("row", name="Town library: check your reading")).to_contain_text(
        "1 of 9 points · 1 of 9 answered")
    expect(sheet.get_by_role("row", name="Spot the contradiction")).to_contain_text("not started")
    expect(page.locator("article h1").first).to_be_hidden()  # the results page is printed alone
    page.pdf(path=str(tmp_path / "results.pdf"))
    assert (tmp_path / "results.pdf").stat().st_size > 1000


def results_file(tmp_path: Path, name: str, **changes: object) -> Path:
    data = {"format": "medialit-results", "version": 1, "chapter": "town-library", "title": "x",
            "student": {"name": "Ana", "seed": "0123456789abcdef"}, "created": "2025-03-01T10:00:00Z",
            "quizzes": {"town-library-quiz": {"answers": {"tf": True}, "score": {"points": 1}}}}
    data.update(changes)
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1), "utf-8")
    return path


def test_damaged_or_foreign_files_are_refused_and_nothing_is_written(fixture_book: Path, tmp_path: Path) -> None:
    good = results_file(tmp_path, "good.json")
    out = tmp_path / "grades.csv"
    out.write_text("earlier gradebook\n", "utf-8")
    damaged = tmp_path / "damaged.json"
    damaged.write_text(good.read_text("utf-8")[:60], "utf-8")
    other = results_file(tmp_path, "other.json", chapter="mali-withdrawal")
    wrong = results_file(tmp_path, "wrong.json", student={"seed": "not-a-seed"})
    stranger = results_file(tmp_path, "stranger.json", quizzes={"some-other-quiz": {"answers": {}}})
    res = run_cli("results", good, damaged, other, wrong, stranger, "--output", out, cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    assert f"{damaged}:" in res.err and "this results file is damaged" in res.err
    assert "other.json:1:1: error: this results file is for chapter 'mali-withdrawal', the others for " \
           "'town-library'" in res.err
    assert "wrong.json:1:1: error: this results file is damaged: at student/seed" in res.err
    assert "stranger.json:1:1: error: quiz 'some-other-quiz' is not a quiz of chapter 'town-library'" in res.err
    assert "medialit: 4 errors; grades.csv was not written" in res.err or "4 errors" in res.err
    assert out.read_text("utf-8") == "earlier gradebook\n"
    assert not (fixture_book / "grades.csv").exists()


def test_the_same_student_twice_is_one_row_and_no_row_is_lost(fixture_book: Path, tmp_path: Path) -> None:
    files = [results_file(tmp_path, "a1.json"),
             results_file(tmp_path, "a2.json", created="2025-03-02T10:00:00Z",
                          quizzes={"town-library-quiz": {"answers": {"tf": True, "vote": "0"}}}),
             results_file(tmp_path, "b.json", student={"name": "Ana", "seed": "fedcba9876543210"})]
    out = tmp_path / "grades.csv"
    res = run_cli("results", *files, "--output", out, cwd=fixture_book)
    assert res.code == 0, res.err
    rows = read_csv(out)
    assert [r[:3] for r in rows[1:]] == [["Ana", "0123456789abcdef", "2025-03-02T10:00:00Z"],
                                         ["Ana", "fedcba9876543210", "2025-03-01T10:00:00Z"]]
    assert rows[1][6] == "2" and rows[2][6] == "1"


def test_each_quiz_page_carries_the_runtime_once(built: tuple[Path, str]) -> None:
    """Every notebook output carries the runtime (to travel on its own); the book's pages carry it once (the
    "Annotate it yourself" page too)."""
    root, _ = built
    pages = sorted((root / "_build" / "html").rglob("*.html"))
    with_quiz = 0
    for page in pages:
        text = page.read_text("utf-8")
        count = text.count("//# allFunctionsCalledOnLoad")
        assert count == (1 if 'class="mlq-root"' in text or 'class="mlq-annotate-root"' in text else 0), page
        with_quiz += count
    assert with_quiz == 5
