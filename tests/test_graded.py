"""Graded mode (`mode: graded`, `attempts: N`): no verdict, answer or explanation until the quiz is submitted,
attempts per question limited, and the LMS gets the score of the submitted quiz. Practice stays the default."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.errors import Report
from generator.render.instructor import bank_key_html
from generator.stages import load_bank

from .browser_support import serve
from .conftest import FIXTURES, make_book, run_cli
from .test_browser import answer, question
from .test_scorm import LMS, LMS_PAGE, SCORM_AGAIN

QUIZ = "book/town-library/quiz-town-library-quiz.html"


def make_graded(root: Path, extra: str = "mode: graded\nattempts: 2\nmastery_score: 50\n") -> Path:
    bank = root / "quizzes" / "town-library.yaml"
    bank.write_text(bank.read_text("utf-8").replace("shuffle: true\n", "shuffle: true\n" + extra, 1), "utf-8")
    return bank


@pytest.fixture(scope="module")
def graded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The fixture chapter with its bank graded (2 attempts), built and packaged; the package served with an LMS."""
    root = make_book(tmp_path_factory.mktemp("graded") / "root", FIXTURES / "course")
    make_graded(root)
    res = run_cli("export", "--format", "scorm", "town-library", cwd=root)
    assert res.code == 0, res.err
    site = tmp_path_factory.mktemp("graded-lms")
    with zipfile.ZipFile(root / "_build" / "export" / "town-library-scorm.zip") as z:
        z.extractall(site)
    (site / "scorm12.min.js").write_bytes(SCORM_AGAIN.read_bytes())
    (site / "lms.html").write_text(LMS_PAGE, "utf-8")
    with serve(site) as url:
        yield root, url


def press_check(page: Page, qid: str) -> None:
    question(page, qid).locator(".mlq-check").click()


@pytest.mark.browser
def test_graded_quiz_holds_the_answers_until_submitted(browser: Browser, graded_site: tuple[Path, str]) -> None:
    _, url = graded_site
    page = browser.new_context().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/{QUIZ}")
    expect(page.locator("article")).to_contain_text("This quiz is graded.")
    expect(page.locator(".mlq-reset")).to_have_count(0)  # attempts stay counted: no Reset
    tf = question(page, "tf")
    answer(page, "tf", False)
    press_check(page, "tf")
    fb = tf.locator(".mlq-feedback")
    expect(fb).to_have_text("Answer recorded (1 of 2 attempts). You see whether it is right when you submit the quiz.")
    expect(fb).not_to_have_attribute("data-result", re.compile("."))
    expect(page.locator(".mlq-score")).to_have_text("1 of 9 answered · your score is shown when you submit the quiz")
    answer(page, "tf", True)
    press_check(page, "tf")
    expect(fb).to_contain_text("(2 of 2 attempts). No attempts left for this question")
    expect(tf.get_by_label("False", exact=True)).to_be_disabled()
    expect(tf.locator(".mlq-check")).to_be_disabled()
    answer(page, "vote", False)
    press_check(page, "vote")
    page.reload()  # kept across a reload: the answers, the attempts, the locked question
    tf = question(page, "tf")
    expect(tf.locator(".mlq-check")).to_be_disabled()
    expect(tf.get_by_label("True", exact=True)).to_be_checked()
    expect(question(page, "vote").locator(".mlq-check")).to_be_enabled()
    page.get_by_role("button", name="Submit quiz").click()
    expect(page.locator(".mlq-submitted")).to_contain_text("Submitted. Score: 1 of 9 points · 2 of 9 answered.")
    expect(tf.locator(".mlq-feedback")).to_have_attribute("data-result", "correct")
    expect(question(page, "vote").locator(".mlq-feedback")).to_have_attribute("data-result", "incorrect")
    assert page.locator(".mlq-question:not(:disabled)").count() == 0  # no answer changes after submitting
    expect(page.get_by_role("button", name="Submit quiz")).to_be_disabled()
    expect(page.locator(".mlq-foot .mlq-instr")).to_have_count(0)  # the note on what submitting does is gone
    page.reload()
    expect(page.locator(".mlq-score")).to_have_text("Score: 1 of 9 points · 2 of 9 answered")
    expect(question(page, "street").get_by_label("Your answer")).to_be_disabled()
    assert errors == []
    page.context.close()


@pytest.mark.browser
def test_the_lms_gets_the_graded_score_once_submitted(browser: Browser, graded_site: tuple[Path, str]) -> None:
    _, url = graded_site
    player = LMS(browser, url)
    frame = player.launch(QUIZ)
    for qid in ("vote", "tf", "saving", "street", "steps"):
        answer(frame, qid, True)
        press_check(frame, qid)
    player.leave()
    core = player.cmi()["core"]
    assert core["lesson_status"] == "incomplete" and core["score"]["raw"] == ""  # nothing to grade before submit
    suspend = player.cmi()["suspend_data"]
    assert json.loads(suspend)["q"]["town-library-quiz"]["t"] == {q: 1 for q in ("vote", "tf", "saving", "street",
                                                                                   "steps")}
    frame = player.launch(QUIZ, init={"core": {"entry": "resume"}, "suspend_data": suspend})
    expect(frame.locator(".mlq-score")).to_have_text("5 of 9 answered · your score is shown when you submit the quiz")
    expect(question(frame, "tf").locator(".mlq-feedback")).to_contain_text("Answer recorded (1 of 2 attempts)")
    frame.get_by_role("button", name="Submit quiz").click()
    expect(frame.locator(".mlq-submitted")).to_contain_text("Score: 5 of 9 points")
    player.leave()
    core = player.cmi()["core"]
    assert core["score"]["raw"] == "55.56" and core["lesson_status"] == "passed"  # mastery score 50
    assert player.errors == []
    player.close()


def test_instructor_key_and_check_say_which_mode(fixture_book: Path) -> None:
    bank_path = make_graded(fixture_book, "mode: graded\nattempts: 3\n")
    bank = load_bank(bank_path, Report())
    assert bank is not None and bank.mode == "graded" and bank.attempts == 3
    assert "<strong>graded</strong>: 3 attempts per question" in bank_key_html(bank)
    practice = load_bank(FIXTURES / "course" / "quizzes" / "town-library.yaml", Report())
    assert practice is not None and practice.mode == "practice"
    assert "practice: feedback and the answer at each Check" in bank_key_html(practice)
    # attempts belong to the graded mode: alone, they are an error that says what to add
    bank_path.write_text(bank_path.read_text("utf-8").replace("mode: graded\n", ""), "utf-8")
    res = run_cli("check", cwd=fixture_book)
    assert res.code == 1, res.err
    assert "town-library.yaml:5:11: error: attempts limits the checks of a graded quiz" in res.err
    assert "Add 'mode: graded' to the bank" in res.err
    assert "Traceback" not in res.err
