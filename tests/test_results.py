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
ANNOTATE = "book/town-library/annotate.html"
KINDS = ["claim", "opinion", "contradiction", "technique", "source"]
COLUMNS = ["name", "seed", "submitted", "town-library-fact-or-opinion (of 3)", "town-library-contradictions (of 1)",
           "town-library-check-claims (of 1)", "town-library-quiz (of 9)", "town-library-annotate (%)"] + [
    f"town-library-annotate {k} (found, missed, extra)" for k in KINDS]


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
    assert "2 students from 2 files, 4 quiz columns, the annotate exercise" in res.out
    rows = read_csv(out)
    assert rows[0] == COLUMNS
    by_seed = {r[1]: r for r in rows[1:]}
    ana_row, ben_row = by_seed[data["student"]["seed"]], by_seed[ben_data["student"]["seed"]]
    assert ana_row[0] == "Ana Lima" and ana_row[6] == "3" and ana_row[3] in {"0", "1"} and ana_row[4] == ""
    assert ben_row[0] == "" and ben_row[6] == "1" and ben_row[3:6] == ["", "", ""]
    assert ana_row[7:] == ben_row[7:] == [""] * 6 and "annotate" not in data  # no marks made: none in the file
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


@pytest.mark.browser
def test_a_student_annotates_downloads_and_the_gradebook_grades_the_marks(browser: Browser, built: tuple[Path, str],
                                                                       tmp_path: Path) -> None:
    from .test_annotate_browser import EXPECTED, do_the_exercise

    root, url = built
    page = student(browser)
    page.add_init_script("window.print = () => {};")
    page.goto(f"{url}/{ANNOTATE}")
    page.wait_for_selector(".mlq-an-toolbar")
    do_the_exercise(page)  # a claim, an opinion and a contradiction found; a source clue extra; the rest missed
    expect(page.locator(".mlq-an-score")).to_contain_text("Score 60 %: passed.")
    page.get_by_label("Your name (for your teacher)").fill("Ana Lima")
    data = download(page, tmp_path / "ana.json")
    assert set(data["quizzes"]) == set() and list(data["annotate"]) == ["town-library-annotate"]
    mine = data["annotate"]["town-library-annotate"]
    assert mine["title"] == "Exercise: annotate it yourself" and mine["checked"] is True and mine["score"] == 0.6
    assert mine["marks"] == [{"kind": "claim", "passages": [[8, 17]]}, {"kind": "opinion", "passages": [[35, 46]]},
                             {"kind": "contradiction", "passages": [[18, 25], [58, 67]]},
                             {"kind": "source", "passages": [[54, 58]]}]
    expect(page.locator(".mlq-results-status")).to_contain_text("(1 quiz with answers)")
    page.get_by_role("button", name="Print results").click()
    page.emulate_media(media="print")
    expect(page.locator(".mlq-print").get_by_role("row", name="Exercise: annotate it yourself")).to_contain_text(
        "4 marks · score 60 %")
    page.emulate_media(media="screen")

    out = tmp_path / "grades.csv"
    res = run_cli("results", tmp_path / "ana.json", "--output", out, cwd=root)
    assert res.code == 0, res.err
    assert res.err == ""  # the score the file states is what the marks earn
    header, row = read_csv(out)
    assert header == COLUMNS and row[0] == "Ana Lima" and row[3:7] == [""] * 4
    assert row[7] == "60"
    assert row[8:] == ["found {}, missed {}, extra {}".format(*EXPECTED[k]) for k in KINDS]
    assert page.errors == []  # type: ignore[attr-defined]

    # a student who edits the stated score: the gradebook keeps what the marks earn, and says so
    mine["score"] = 1
    (tmp_path / "edited.json").write_text(json.dumps(data), "utf-8")
    res = run_cli("results", tmp_path / "edited.json", "--output", out, cwd=root)
    assert res.code == 0 and "states a score of 100 % for 'town-library-annotate', its marks earn 60 %" in res.err
    assert read_csv(out)[1][7] == "60"


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


def marks_file(tmp_path: Path, marks: object, exercise: str = "town-library-annotate") -> Path:
    return results_file(tmp_path, "marks.json", annotate={exercise: {"title": "x", "marks": marks, "checked": True}})


GOOD_MARKS = [{"kind": "claim", "passages": [[8, 17]]}, {"kind": "contradiction", "passages": [[58, 67], [18, 25]]},
              {"kind": "technique", "technique": "exaggeration", "passages": [[40, 46]]}]


def test_a_file_s_marks_are_graded_with_the_article_s_annotations(fixture_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "grades.csv"
    res = run_cli("results", marks_file(tmp_path, GOOD_MARKS), "--output", out, cwd=fixture_book)
    assert res.code == 0, res.err
    header, row = read_csv(out)
    assert header[7:] == COLUMNS[7:]
    # 3 of the 6 annotations found, none extra: 2·3 / (2·3 + 3) = 66.67 %
    assert row[6:] == ["1", "66.67", "found 1, missed 0, extra 0", "found 0, missed 2, extra 0",
                       "found 1, missed 0, extra 0", "found 1, missed 0, extra 0", "found 0, missed 1, extra 0"]


BAD_MARKS = [
    ("marks not a list", "x", "at annotate/town-library-annotate/marks: 'x' is not of type 'array'"),
    ("a mark not an object", ["claim"], "at annotate/town-library-annotate/marks/0: 'claim' is not of type 'object'"),
    ("a kind no exercise has", [{"kind": "fact", "passages": [[8, 17]]}],
     "at annotate/town-library-annotate/marks/0/kind: 'fact' is not one of"),
    ("a mark without passages", [{"kind": "claim"}],
     "at annotate/town-library-annotate/marks/0: 'passages' is a required property"),
    ("no passage", [{"kind": "claim", "passages": []}],
     "at annotate/town-library-annotate/marks/0/passages: [] should be non-empty"),
    ("a passage of one number", [{"kind": "claim", "passages": [[8]]}],
     "at annotate/town-library-annotate/marks/0/passages/0: [8] is too short"),
    ("a word's number as text", [{"kind": "claim", "passages": [[8, "17"]]}],
     "at annotate/town-library-annotate/marks/0/passages/0/1: '17' is not of type 'integer'"),
    ("a negative word", [{"kind": "claim", "passages": [[-1, 3]]}],
     "at annotate/town-library-annotate/marks/0/passages/0/0: -1 is less than the minimum of 0"),
    ("a passage that ends before it starts", GOOD_MARKS[:1] + [{"kind": "opinion", "passages": [[46, 35]]}],
     "at annotate/town-library-annotate/marks/1: mark 2 has the passage [46, 35], which ends before it starts"),
    ("a passage past the article's end", [{"kind": "claim", "passages": [[8, 17]]},
                                          {"kind": "source", "passages": [[50, 5000]]}],
     "at annotate/town-library-annotate/marks/1: mark 2 has the passage [50, 5000], which ends after the article's "
     "last word (the article has "),
]


@pytest.mark.parametrize("marks,message", [c[1:] for c in BAD_MARKS], ids=[c[0] for c in BAD_MARKS])
def test_malformed_marks_are_refused_and_nothing_is_written(fixture_book: Path, tmp_path: Path, marks: object,
                                                            message: str) -> None:
    out = tmp_path / "grades.csv"
    bad = marks_file(tmp_path, marks)
    res = run_cli("results", results_file(tmp_path, "good.json"), bad, "--output", out, cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    assert f"{bad}:1:1: error: this results file is damaged: {message}" in res.err, res.err
    assert "download the file again" in res.err  # what to do about it
    assert "grades.csv was not written" in res.err
    assert not out.exists()


def test_marks_for_another_chapter_s_exercise_are_refused(fixture_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "grades.csv"
    bad = marks_file(tmp_path, GOOD_MARKS, "mali-withdrawal-annotate")
    res = run_cli("results", bad, "--output", out, cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    assert (f"{bad}:1:1: error: 'mali-withdrawal-annotate' is not the annotate exercise of chapter 'town-library' "
            "(it is 'town-library-annotate')") in res.err
    assert not out.exists()


def test_a_mark_of_a_kind_the_exercise_does_not_ask_for_is_refused(fixture_book: Path, tmp_path: Path) -> None:
    ann = fixture_book / "articles" / "town-library" / "annotations.yaml"
    ann.write_text(ann.read_text("utf-8").replace("annotations:\n", "exercises: {annotate: {kinds: [claim, "
                                                  "contradiction]}}\nannotations:\n", 1), "utf-8")
    out = tmp_path / "grades.csv"
    bad = marks_file(tmp_path, GOOD_MARKS)
    res = run_cli("results", bad, "--output", out, cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    assert (f"{bad}:1:1: error: this results file is damaged: at annotate/town-library-annotate/marks/2: mark 3 is a "
            "'technique', which the exercise does not ask for (it asks for claim, contradiction)") in res.err
    assert not out.exists()
