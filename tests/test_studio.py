"""`medialit studio`: the local editor, started as an instructor starts it, driven in Debian's Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser_support import AXE
from .conftest import FIXTURES, REPO, make_book, run_cli

pytestmark = pytest.mark.browser

COMMENT = "# A comment written by hand: the studio must keep it."
ANN = "articles/town-library/annotations.yaml"
BANK = "quizzes/town-library.yaml"


@dataclass
class Studio:
    root: Path
    url: str  # the address printed, with its token
    base: str
    token: str


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Studio]:
    root = make_book(tmp_path / "course", FIXTURES / "course")
    ann = root / ANN
    ann.write_text(ann.read_text("utf-8").replace("annotations:\n", f"{COMMENT}\nannotations:\n", 1), "utf-8")
    bank = root / BANK
    bank.write_text(f"{COMMENT}\n" + bank.read_text("utf-8"), "utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "studio", "--no-browser"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    url = ""
    for _ in range(20):
        line = proc.stdout.readline()
        if m := re.search(r"(http://127\.0\.0\.1:\d+)/\?token=(\S+)", line):
            url = m.group(0)
            break
    assert url, "the studio printed no address"
    try:
        yield Studio(root, url, m.group(1), m.group(2))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            return res.status, res.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_requests_without_the_token_are_refused(studio: Studio) -> None:
    assert _get(studio.base + "/")[0] == 403
    assert _get(studio.base + "/?token=wrong")[0] == 403
    assert _get(studio.base + "/static/studio.js")[0] == 403
    code, text = _get(studio.base + "/api/course")
    assert code == 403 and "token" in text
    assert _get(studio.base + "/api/course", {"X-Medialit-Token": "wrong"})[0] == 403
    assert _get(studio.base + f"/api/article/town-library?token={studio.token}")[0] == 403  # the API: header only
    # another host name pointing at this port (DNS rebinding) is refused even with the token
    assert _get(studio.url, {"Host": "attacker.example:80"})[0] == 403
    assert _get(studio.url)[0] == 200
    code, text = _get(studio.base + "/api/course", {"X-Medialit-Token": studio.token})
    assert code == 200 and json.loads(text)["articles"][0]["slug"] == "town-library"
    # names are checked: nothing outside the course folder can be asked for
    for path in ("/api/bank/..%2F..%2Fpyproject.toml", "/api/bank/pyproject.toml", "/api/article/nope",
                 "/static/..%2F..%2Fcli.py"):
        assert _get(studio.base + path, {"X-Medialit-Token": studio.token})[0] in (403, 404), path


@pytest.fixture
def page(browser: Browser, studio: Studio) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)  # for axe-core
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: d.accept())
    pg.goto(studio.url)
    expect(pg.locator("#ann-list li")).to_have_count(6)
    yield pg
    assert pg.errors == []  # type: ignore[attr-defined]
    context.close()


def select_words(page: Page, words: str, occurrence: int = 0) -> None:
    """Select words in the article as a reader does with the mouse (a DOM range over the text)."""
    page.evaluate("""([words, occurrence]) => {
        const art = document.getElementById('article');
        const walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
        let seen = 0, node;
        while ((node = walker.nextNode())) {
            let i = -1;
            while ((i = node.data.indexOf(words, i + 1)) !== -1) {
                if (seen++ === occurrence) {
                    const r = document.createRange();
                    r.setStart(node, i); r.setEnd(node, i + words.length);
                    const s = getSelection(); s.removeAllRanges(); s.addRange(r);
                    return;
                }
            }
        }
        throw new Error('not in the article: ' + words);
    }""", [words, occurrence])


def status(page: Page) -> str:
    return page.locator("#status").inner_text()


def test_select_annotate_save_and_the_file_passes_check_with_its_comments(page: Page, studio: Studio) -> None:
    before = (studio.root / ANN).read_text("utf-8")
    select_words(page, "will save 40,000 a year")
    page.click("#annotate-selection")
    expect(page.locator("#ann-form")).to_be_visible()
    expect(page.locator("#f-quote")).to_have_value("will save 40,000 a year")
    expect(page.locator("#quote-status")).to_have_text("Found once in the article.")
    page.select_option("#f-kind", "claim")
    page.fill("#f-note", "A figure from the council: ask for the budget line it comes from.")
    page.select_option("#f-verdict", "unverifiable")
    page.click("#ann-apply")
    expect(page.locator("#ann-list li")).to_have_count(7)
    expect(page.locator("#article mark[data-ann~='claim-will-save-40-000']")).to_have_text("will save 40,000 a year")
    # words that occur more than once get the prefix that picks the occurrence selected
    select_words(page, "the library", 1)
    page.click("#annotate-selection")
    expect(page.locator("#f-quote")).to_have_value("the library")
    prefix = page.locator("#f-prefix").input_value()
    assert prefix and "times" in page.locator("#quote-status").inner_text()
    page.select_option("#f-kind", "source")
    page.fill("#f-note", "Which library? The text names it only once.")
    page.click("#ann-apply")
    page.click("#save-annotations")
    expect(page.locator("#status")).to_contain_text("passes medialit check")
    after = (studio.root / ANN).read_text("utf-8")
    assert COMMENT in after
    assert after.startswith(before.split("annotations:\n")[0])  # the guide, untouched, byte for byte
    assert after.startswith(before.rstrip("\n"))  # every earlier annotation kept as it was; new ones appended
    assert '  - id: claim-will-save-40-000\n    kind: claim\n    quote: "will save 40,000 a year"\n' in after
    assert f'    prefix: "{prefix}"\n' in after
    res = run_cli("check", cwd=studio.root)
    assert res.code == 0, res.err
    assert "6 annotations" not in res.out and "8 annotations" in res.out


def test_a_save_with_problems_is_refused_and_each_problem_shown_by_its_field(page: Page, studio: Studio) -> None:
    before = (studio.root / ANN).read_bytes()
    select_words(page, "Opening hours: Monday to Saturday")
    page.click("#annotate-selection")
    page.select_option("#f-kind", "claim")
    page.fill("#f-note", "Check the library's page.")
    page.select_option("#f-verdict", "accurate")  # rated, but no sources: `medialit check` refuses it
    page.click("#ann-apply")
    page.click("#save-annotations")
    expect(page.locator("#status")).to_contain_text("Not saved")
    assert (studio.root / ANN).read_bytes() == before
    problem = page.locator('#ann-form [data-field="verdict"] .st-problem')
    expect(problem).to_contain_text("cites no sources")
    expect(page.locator("#f-verdict")).to_have_attribute("aria-invalid", "true")
    # add the source the check asks for: then it saves
    page.click("#add-source")
    row = page.locator("#f-sources li").last
    row.locator('[data-k="title"]').fill("Opening hours")
    row.locator('[data-k="publisher"]').fill("Town library")
    row.locator('[data-k="date"]').fill("2024-03-01")
    row.locator('[data-k="url"]').fill("https://library.example/hours")
    page.click("#ann-apply")
    page.click("#save-annotations")
    expect(page.locator("#status")).to_contain_text("passes medialit check")
    text = (studio.root / ANN).read_text("utf-8")
    assert ('    sources:\n      - {title: "Opening hours", publisher: "Town library", date: 2024-03-01, '
            'url: "https://library.example/hours"}\n') in text
    assert run_cli("check", cwd=studio.root).code == 0


def test_a_file_changed_on_disk_is_not_overwritten(page: Page, studio: Studio) -> None:
    path = studio.root / ANN
    edited = path.read_text("utf-8").replace(COMMENT, COMMENT + "\n# Edited in a text editor meanwhile.")
    path.write_text(edited, "utf-8")
    page.locator("#ann-list li").first.get_by_role("button", name="Delete").click()
    expect(page.locator("#ann-list li")).to_have_count(5)
    page.click("#save-annotations")
    alert = page.locator("#conflict")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("changed on disk since you opened it")
    assert path.read_text("utf-8") == edited
    page.click("#conflict-reload")
    expect(alert).to_be_hidden()
    expect(page.locator("#ann-list li")).to_have_count(6)
    # now the studio has the new version: a save goes through and keeps both comments
    page.locator("#ann-list li").first.get_by_role("button", name="Delete").click()
    page.click("#save-annotations")
    expect(page.locator("#status")).to_contain_text("passes medialit check")
    text = path.read_text("utf-8")
    assert COMMENT in text and "# Edited in a text editor meanwhile." in text and "id: vote-count" not in text


def test_accept_a_suggestion_edit_the_guide_and_write_questions(page: Page, studio: Studio) -> None:
    page.click("#load-suggestions")
    first = page.locator("#sugg-list li").first
    expect(first).to_be_visible()
    count = page.locator("#sugg-list li").count()
    kind = first.locator("strong").inner_text()
    first.get_by_role("button", name=re.compile("^Accept")).click()
    expect(page.locator("#sugg-list li")).to_have_count(count - 1)
    assert page.locator("#f-kind").input_value() == kind
    page.fill("#f-note", "Suggested, then checked by hand.")
    if kind == "claim":
        page.select_option("#f-verdict", "unverifiable")
    page.click("#ann-apply")
    page.locator("#sugg-list li").first.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#sugg-list li")).to_have_count(count - 2)
    # the reading guide, by keyboard: the tabs move with the arrow keys
    page.locator("#tab-annotate").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#panel-guide")).to_be_visible()
    box = page.locator('[data-guide-list="objectives"] textarea').first
    box.fill("Tell a checkable statement from a judgement, and say which words show it.")
    page.get_by_role("button", name="Add to After reading").click()
    page.keyboard.type("What would you ask Councillor Rivera?")
    page.click("#save-guide")
    expect(page.locator("#status")).to_contain_text("passes medialit check")
    text = (studio.root / ANN).read_text("utf-8")
    assert 'objectives: ["Tell a checkable statement from a judgement, and say which words show it."]' in text
    assert '"What would you ask Councillor Rivera?"' in text and "kind: " + kind in text
    # a true-false and a numeric question in the article's bank
    page.click("#tab-questions")
    for qid, qtype in (("rivera-figure", "true-false"), ("vote-margin", "numeric")):
        page.click("#q-new")
        page.fill("#q-id", qid)
        page.select_option("#q-type", qtype)
        if qtype == "true-false":
            page.fill("#q-prompt", "Councillor Rivera gives a yearly saving of 40,000.")
            page.check("#q-tf-true")
        else:
            page.fill("#q-prompt", "By how many votes did the motion pass?")
            page.fill("#q-answer", "5")
        page.fill("#q-explanation", "It is in the article's first paragraph.")
        page.click("#q-apply")
    page.click("#q-new")  # a multiple-choice question: two options right
    page.fill("#q-id", "checkable-parts")
    page.select_option("#q-type", "multiple")
    page.fill("#q-prompt", "Which of these could you check?")
    options = (("The vote count", True), ("The yearly saving", True), ("Worst decision", False))
    for i, (text, right) in enumerate(options):
        if i >= page.locator("#q-options li").count():
            page.click("#q-add-option")
        row = page.locator("#q-options li").nth(i)
        row.locator(".o-text").fill(text)
        if right:
            row.locator(".o-correct").check()
    page.click("#q-apply")
    page.click("#save-bank")
    expect(page.locator("#status")).to_contain_text("Saved quizzes/town-library.yaml")
    bank = (studio.root / BANK).read_text("utf-8")
    assert bank.startswith(COMMENT)
    assert "  - id: rivera-figure\n    type: true-false\n" in bank and "    answer: true\n" in bank
    assert "    answer: 5\n" in bank
    assert ('      - {text: "The vote count", correct: true}\n      - {text: "The yearly saving", correct: true}\n'
            '      - {text: "Worst decision"}\n') in bank
    res = run_cli("check", cwd=studio.root)
    assert res.code == 0, res.err


def test_keyboard_only_annotation_and_accessibility(page: Page, studio: Studio) -> None:
    page.locator("#annotate-selection").focus()
    page.keyboard.press("Enter")  # nothing selected: an empty form, to type the quote in
    expect(page.locator("#ann-form")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "f-kind"
    page.keyboard.press("Tab")
    page.keyboard.type("Closed: Sundays")
    assert page.evaluate("document.activeElement.id") == "f-quote"
    page.locator("#f-kind").select_option("source")
    page.locator("#f-note").focus()
    page.keyboard.type("A list item: part of the page, not of the council's words.")
    page.locator("#ann-apply").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#ann-list li")).to_have_count(7)
    assert page.evaluate("document.activeElement.id") == "save-annotations"
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("passes medialit check")
    page.add_script_tag(path=str(AXE))
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("s => document.documentElement.dataset.theme === s", arg=scheme)  # the page follows
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})")
        assert [v["id"] for v in result["violations"]] == [], (scheme, [(v["id"], [n["html"][:80] for n in v["nodes"]])
                                                               for v in result["violations"]])


def test_preview_shows_the_article_and_a_quiz_as_students_see_them(page: Page, studio: Studio) -> None:
    page.click("#tab-preview")
    page.click("#build-preview")
    frame_el = page.locator("#preview-frame")
    expect(frame_el).to_be_visible(timeout=240_000)
    assert frame_el.get_attribute("src") == "/preview/book/town-library/article.html"
    frame = page.frame_locator("#preview-frame")
    expect(frame.get_by_role("heading", name="Read the article")).to_be_visible()
    expect(frame.locator("mark.mlq-ann.k-claim").first).to_contain_text("The town council voted")
    page.get_by_role("button", name=re.compile("^Show the quiz")).click()
    expect(frame.locator(".mlq-question").first).to_be_visible()
    assert (studio.root / "_build" / "html" / "index.html").is_file()  # built inside the course folder
    # the preview's files need the session's key too
    assert _get(studio.base + "/preview/book/town-library/article.html")[0] == 403


def test_a_file_broken_by_hand_is_reported_not_edited(page: Page, studio: Studio) -> None:
    path = studio.root / ANN
    path.write_text("guide: [unclosed\n", "utf-8")
    page.reload()
    expect(page.locator("#status")).to_contain_text("cannot be read as YAML")
    expect(page.locator("#problems-annotations")).to_contain_text("YAML syntax error")
    assert path.read_text("utf-8") == "guide: [unclosed\n"
