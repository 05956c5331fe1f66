"""The built book in a real browser (Debian's Chromium through Playwright): quizzes work without a kernel."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser_support import AXE
from .conftest import REPO, quiz_specs

pytestmark = pytest.mark.browser

QUIZ = "book/town-library/quiz-town-library-quiz.html"


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.outside = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("request", lambda r: None if r.url.startswith((site, "data:", "blob:"))
          else pg.outside.append(r.url))  # type: ignore[attr-defined]
    yield pg
    context.close()


def question(page: Page, qid: str):  # type: ignore[no-untyped-def]
    return page.locator(f'.mlq-question[data-qid="{qid}"]')


def check(page: Page, qid: str) -> str:
    q = question(page, qid)
    q.locator(".mlq-check").click()
    fb = q.locator(".mlq-feedback")
    expect(fb).to_have_attribute("data-result", re.compile("."))
    return fb.get_attribute("data-result") or ""


def score(page: Page) -> str:
    return page.locator(".mlq-score").first.inner_text()


def pick(page: Page, qid: str, label: str) -> None:
    question(page, qid).get_by_label(label, exact=True).check()


def unpick(page: Page, qid: str, label: str) -> None:
    question(page, qid).get_by_label(label, exact=True).uncheck()


def answer(page: Page, qid: str, right: bool) -> None:
    """Answer one question of the fixture bank, right or wrong, the way a student would."""
    q = question(page, qid)
    if qid == "vote":
        pick(page, qid, "7 to 2" if right else "2 to 7")
    elif qid == "opinions":
        for text, correct in (("Clearly, this is the worst decision", True),
                              ("Readers will surely abandon the library", True),
                              ("The council voted on Tuesday", False)):
            box = q.get_by_label(text, exact=True)
            box.set_checked(correct == right)
    elif qid == "tf":
        pick(page, qid, "True" if right else "False")
    elif qid == "saving":
        q.get_by_label("Your answer").fill("40000" if right else "39000")
    elif qid == "street":
        q.get_by_label("Your answer").fill("elm street" if right else "Oak Street")
    elif qid == "steps":
        want = ["Stop", "Investigate the source", "Find better coverage", "Trace claims to the original"]
        if not right:
            want = list(reversed(want))
        for pos, text in enumerate(want):
            items = q.locator(".mlq-otext")
            current = [items.nth(i).inner_text() for i in range(items.count())]
            for _ in range(current.index(text) - pos):
                q.get_by_role("button", name=f"Move {text} up").click()
    elif qid == "pairs":
        q.get_by_label("surely").select_option(label="booster" if right else "evaluative word")
        q.get_by_label("worst").select_option(label="evaluative word" if right else "booster")
    elif qid == "sort":
        q.get_by_label("The council voted 7 to 2.").select_option("Fact" if right else "Opinion")
        q.get_by_label("This is the worst decision.").select_option("Opinion" if right else "Fact")
    elif qid == "predictions":
        seg = q.locator(".mlq-seg", has_text="Readers will surely")
        other = q.locator(".mlq-seg", has_text="has a garden")
        for button, on in ((seg, right), (other, not right)):
            if (button.get_attribute("aria-pressed") == "true") != on:
                button.click()


TYPES = ["vote", "opinions", "tf", "saving", "street", "steps", "pairs", "sort", "predictions"]


def test_home_page_tells_students_how_to_use_the_book(page: Page, site: str) -> None:
    page.goto(f"{site}/index.html")
    expect(page.locator("article h1").first).to_contain_text("Reading the news critically")
    expect(page.get_by_role("heading", name="How to use this book")).to_be_visible()
    expect(page.get_by_role("link", name="Paris Announces Troops Withdrawal").first).to_be_attached()


def test_seed_chapter_has_all_six_parts(page: Page, site: str) -> None:
    page.goto(f"{site}/book/mali-withdrawal/index.html")
    expect(page.get_by_role("heading", name="Who is behind it?")).to_be_visible()
    expect(page.locator(".mlq-source-card")).to_contain_text("Reuse terms")
    expect(page.locator("figure.mlq-figure svg.mlq-timeline")).to_be_visible()
    parts = page.locator("#how-to-use-this-chapter ol a")
    labels = [parts.nth(i).inner_text() for i in range(parts.count())]
    assert labels[:5] == ["Read the article", "Exercise: fact or opinion?", "Exercise: spot the contradiction",
                          "Exercise: check the claims", "Exercise: annotate it yourself"]
    assert any(label.startswith("Quiz: ") for label in labels[4:])
    for i in range(parts.count()):
        href = parts.nth(i).get_attribute("href")
        page.goto(f"{site}/book/mali-withdrawal/{href}")
        expect(page.locator("article h1").first).to_be_visible()
        if labels[i] == "Exercise: annotate it yourself":
            expect(page.locator(".mlq-an-toolbar")).to_be_visible()
            expect(page.locator(".mlq-an-text .mlq-w").first).to_be_visible()
        elif "Exercise" in labels[i] or "Quiz" in labels[i]:
            expect(page.locator(".mlq-quiz .mlq-question").first).to_be_visible()
        page.goto(f"{site}/book/mali-withdrawal/index.html")


def test_every_question_type_right_then_wrong(page: Page, site: str) -> None:
    page.goto(f"{site}/{QUIZ}")
    expect(page.locator(".mlq-quiz")).to_be_visible()
    assert score(page).startswith("Score: 0 of 9 points")
    for n, qid in enumerate(TYPES, start=1):
        answer(page, qid, right=True)
        assert check(page, qid) == "correct", qid
        expect(question(page, qid).locator(".mlq-feedback")).to_contain_text("Correct")
        assert score(page).startswith(f"Score: {n} of 9 points · {n} of 9 answered"), (qid, score(page))
        answer(page, qid, right=False)
        assert check(page, qid) in ("incorrect", "partial"), qid
        expect(question(page, qid).locator(".mlq-feedback")).to_contain_text(re.compile("Not quite|Partly"))
        assert score(page).startswith(f"Score: {n - 1}"), (qid, score(page))
        answer(page, qid, right=True)
        assert check(page, qid) == "correct"
        assert score(page).startswith(f"Score: {n} of 9 points"), (qid, score(page))
    assert page.errors == [] and page.outside == []  # type: ignore[attr-defined]


def test_wrong_option_shows_its_feedback(page: Page, site: str) -> None:
    page.goto(f"{site}/{QUIZ}")
    answer(page, "vote", right=False)
    check(page, "vote")
    fb = question(page, "vote").locator(".mlq-feedback")
    expect(fb).to_contain_text("This swaps the votes for and against.")
    expect(fb.locator(".mlq-icon")).to_have_text("✗")
    expect(fb).to_have_attribute("role", "status")


def test_progress_survives_a_reload_and_reset_clears_it(page: Page, site: str) -> None:
    page.goto(f"{site}/{QUIZ}")
    answer(page, "saving", right=True)
    check(page, "saving")
    answer(page, "vote", right=False)
    check(page, "vote")
    page.reload()
    expect(question(page, "saving").get_by_label("Your answer")).to_have_value("40000")
    expect(question(page, "saving").locator(".mlq-feedback")).to_have_attribute("data-result", "correct")
    expect(question(page, "vote").locator(".mlq-feedback")).to_have_attribute("data-result", "incorrect")
    assert "1 of 9 points" in score(page) and "2 of 9 answered" in score(page)
    page.locator(".mlq-reset").click()
    assert score(page).startswith("Score: 0 of 9 points · 0 of 9 answered")
    page.reload()
    assert score(page).startswith("Score: 0 of 9 points · 0 of 9 answered")


def test_a_quiz_can_be_completed_by_keyboard_alone(page: Page, site: str) -> None:
    page.goto(f"{site}/book/town-library/fact-or-opinion.html")
    quiz = page.locator(".mlq-quiz")
    expect(quiz).to_be_visible()
    qids = [q.get_attribute("data-qid") for q in page.locator(".mlq-question").all()]
    right = {"vote-count": "Fact", "worst-decision": "Opinion", "abandon": "Opinion"}
    assert set(qids) == set(right)
    page.locator("body").click(position={"x": 5, "y": 5})
    for qid in qids:
        target = question(page, qid)
        for _ in range(200):  # Tab until a radio of this question has focus
            page.keyboard.press("Tab")
            if target.locator("input:focus").count():
                break
        page.keyboard.press("Space")
        for _ in range(3):
            focused = target.locator("input:focus")
            label = page.locator(f'label[for="{focused.get_attribute("id")}"]').inner_text()
            if label.startswith(right[qid]):
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert target.locator(".mlq-check:focus").count() == 1
        page.keyboard.press("Enter")
        expect(target.locator(".mlq-feedback")).to_have_attribute("data-result", "correct")
    assert score(page).startswith("Score: 3 of 3 points · 3 of 3 answered")


def test_no_serious_accessibility_violations_on_a_quiz_page(page: Page, site: str) -> None:
    page.goto(f"{site}/{QUIZ}")
    answer(page, "vote", right=False)
    check(page, "vote")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_pages_load_nothing_from_other_hosts(page: Page, site: str) -> None:
    for path in ("index.html", QUIZ, "book/mali-withdrawal/index.html", "book/mali-withdrawal/article.html",
                 "book/mali-withdrawal/check-claims.html"):
        page.goto(f"{site}/{path}")
        page.wait_for_load_state("networkidle")
    assert page.outside == []  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


def test_article_layers_and_notes(page: Page, site: str) -> None:
    page.goto(f"{site}/book/town-library/article.html")
    mark = page.locator("mark.k-opinion").first
    button = page.locator(".mlq-note-btn.k-opinion").first
    expect(button).to_be_hidden()
    page.locator("input[data-layer=opinion]").check()
    expect(button).to_be_visible()
    assert mark.evaluate("m => getComputedStyle(m).textDecorationLine") == "underline"
    button.click()
    note = page.locator(".mlq-note:popover-open")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Cue words")


def test_quiz_pages_carry_the_runtime_inline_once_and_other_pages_none(site: str) -> None:
    """The runtime is inline on the pages with a quiz, once however many quizzes they have, and nowhere else."""
    from urllib.request import urlopen

    from generator.render.quiz import runtime_script

    script = runtime_script()
    with_quiz = 0
    for path in ("index.html", QUIZ, "book/mali-withdrawal/index.html", "book/mali-withdrawal/article.html",
                 "book/mali-withdrawal/fact-or-opinion.html", "book/mali-withdrawal/check-claims.html",
                 "book/develop/quiz-runtime.html"):
        with urlopen(f"{site}/{path}") as resp:
            html = resp.read().decode("utf-8")
        quizzes = html.count('<div class="mlq-root"')
        assert html.count(script) == (1 if quizzes else 0), path
        assert not re.search(r'(src|href)="[^"]*(quiz[^"/]*\.js|quiz\.css)"', html), path  # nothing else to fetch
        with_quiz += bool(quizzes)
    assert with_quiz >= 3


def _true_false_keys() -> list[tuple[str, str, bool]]:
    """(bank id, question id, key) of every true-false question of the repository's banks."""
    import yaml

    out = []
    for path in sorted((REPO / "quizzes").glob("*.yaml")):
        bank = yaml.safe_load(path.read_text("utf-8"))
        out += [(bank["bank"], q["id"], q["answer"]) for q in bank["questions"] if q["type"] == "true-false"]
    return out


@pytest.mark.parametrize(("bank", "qid", "key"), _true_false_keys(), ids=lambda v: str(v))
def test_the_bank_key_of_a_true_false_question_is_graded_right(browser: Browser, site: str, bank: str, qid: str,
                                                                 key: bool) -> None:
    """The key as the bank gives it, picked on the built page, is graded right; the other answer is not. A seed that
    draws the question is found first, so draw pools are covered."""
    from urllib.request import urlopen

    from generator.seeding import drawn_ids

    url = f"{site}/book/mali-withdrawal/quiz-{bank}.html"
    with urlopen(url) as resp:
        spec = quiz_specs(resp.read().decode("utf-8"))[0]
    seed = next(s for s in (f"student-{i}" for i in range(200)) if qid in drawn_ids(spec, s))
    context = browser.new_context()
    context.add_init_script(f"localStorage.setItem('medialit:seed', {seed!r});")
    pg = context.new_page()
    try:
        pg.goto(url)
        pick(pg, qid, "True" if key else "False")
        assert check(pg, qid) == "correct"
        pick(pg, qid, "False" if key else "True")
        assert check(pg, qid) == "incorrect"
    finally:
        context.close()
