"""The grading oracle in every host: for every question of every bank (the repository's and the fixtures') and of
every generated exercise, the key as the bank gives it gets full marks and a wrong response does not, on the built
page in Chromium (entered through the real controls), in a live kernel and in the Python grader; the exports read
back to the same key (tests/test_export_oracle.py)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import v4
from playwright.sync_api import Browser, expect

from generator.grading import fraction, score
from generator.questions import REGISTRY
from generator.seal import unseal
from generator.seeding import drawn_ids

from .oracle import ENTER, all_cases, quizzes, seeds


def canon(cases: list, answers: dict) -> dict:
    """Answers with picks as sets (multiple, select-text): the order a student picks in does not matter."""
    sets = {c.qid for c in cases if c.type in ("multiple", "select-text")}
    return {k: sorted(v) if k in sets else v for k, v in answers.items()}


def _by_id(spec: dict) -> dict:
    return {q["id"]: q for q in spec["questions"]}


def test_the_oracle_covers_every_type_and_every_edge_case() -> None:
    assert set(ENTER) == set(REGISTRY)
    questions = [(quiz.spec, q) for quiz in quizzes() for q in quiz.spec["questions"]]
    assert {q["type"] for _, q in questions} == set(REGISTRY)
    keys = [(q, unseal(q["sealed"], spec["salt"], q["id"])) for spec, q in questions]
    assert any(q["type"] == "true-false" and k["answer"] is False for q, k in keys)
    numeric = [k for q, k in keys if q["type"] == "numeric"]
    assert any(k["low"] == k["high"] == 0 for k in numeric)  # zero
    assert any(k["high"] < 0 for k in numeric)  # negative
    assert any(0 < k["high"] - k["low"] < 2 for k in numeric)  # a tolerance
    assert any(q["type"] == "text" and not k["accept"] and k["pattern"] for q, k in keys)  # a pattern alone
    assert any(o["pinned"] for _, q in questions for o in q.get("options", []))
    assert any("<math" in o["html"] for _, q in questions for o in q.get("options", []))
    assert any(quiz.spec["draw"] and len(seeds(quiz.spec)) > 1 for quiz in quizzes())  # a pool drawn per student
    assert sum(len(quiz.spec["questions"]) for quiz in quizzes()) > 150  # repository, fixtures and exercises


def test_the_python_grader_gives_the_key_full_marks_and_a_wrong_response_less() -> None:
    for quiz, seed, cases in all_cases():
        by_id = _by_id(quiz.spec)
        for c in cases:
            key = unseal(by_id[c.qid]["sealed"], quiz.spec["salt"], c.qid)
            assert fraction(by_id[c.qid], key, c.right) == 1.0, (quiz.page, c.qid)
            assert c.wrong_fraction < 1.0, (quiz.page, c.qid)
        full = score(quiz.spec, {c.qid: c.right for c in cases}, seed)
        assert full["points"] == full["max"] == sum(c.points for c in cases)


@pytest.mark.browser
def test_on_the_static_page_the_key_gets_full_marks_and_a_wrong_answer_does_not(browser: Browser, site: str) -> None:
    """Every question, through its real controls, in Chromium: the key graded right, a wrong response graded as the
    Python grader grades it; what the page stores is what was entered, and its score is Python's."""
    for quiz, seed, cases in all_cases():
        context = browser.new_context()
        context.add_init_script(f"localStorage.setItem('medialit:seed', {json.dumps(seed)});")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        try:
            page.goto(f"{site}/{quiz.page}")
            shown = page.locator(".mlq-question").evaluate_all("els => els.map((e) => e.dataset.qid)")
            assert sorted(shown) == sorted(drawn_ids(quiz.spec, seed)), quiz.page
            for attempt in ("right", "wrong"):
                for c in cases:
                    q = page.locator(f'.mlq-quiz[data-quiz-id="{quiz.spec["id"]}"] .mlq-question[data-qid="{c.qid}"]')
                    ENTER[c.type](q, getattr(c, attempt))
                    q.locator(".mlq-check").click()
                    fb = q.locator(".mlq-feedback")
                    if attempt == "right":
                        expect(fb).to_have_attribute("data-result", "correct")
                    else:
                        expect(fb).to_have_attribute("data-result", "partial" if c.wrong_fraction else "incorrect")
                stored = json.loads(page.evaluate("id => localStorage.getItem('medialit:quiz:' + id)", quiz.spec["id"]))
                sent = {c.qid: getattr(c, attempt) for c in cases}
                assert canon(cases, stored["answers"]) == canon(cases, sent), (quiz.page, attempt)
                assert stored["score"] == score(quiz.spec, sent, seed), (quiz.page, attempt)
            assert errors == []
        finally:
            context.close()


@pytest.mark.kernel
def test_in_a_live_kernel_the_widget_gives_the_same_scores(tmp_path: Path) -> None:
    """The same responses set on the live widget (anywidget) in a real kernel: the scores it syncs are Python's."""
    runs = [(quiz.spec, seed, {c.qid: c.right for c in cases}, {c.qid: c.wrong for c in cases})
            for quiz, seed, cases in all_cases()]
    data = tmp_path / "runs.json"
    data.write_text(json.dumps(runs), "utf-8")
    code = ("import json\nfrom generator.quiz import Quiz\nout = []\n"
            f"for spec, seed, right, wrong in json.load(open({str(data)!r})):\n"
            "    quiz = Quiz.from_spec(spec, seed=seed)\n"
            "    quiz.answers = right\n"
            "    a = dict(quiz.score)\n"
            "    quiz.answers = wrong\n"
            "    out.append([a, dict(quiz.score)])\n"
            "print(json.dumps(out))")
    nb = v4.new_notebook(cells=[v4.new_code_cell(code)])
    NotebookClient(nb, timeout=600, kernel_name="python3").execute()
    got = json.loads("".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream"))
    assert len(got) == len(runs)
    for (spec, seed, right, wrong), (a, b) in zip(runs, got):
        assert a == score(spec, right, seed) and a["points"] == a["max"], spec["id"]
        assert b == score(spec, wrong, seed), spec["id"]
    nbformat.validate(nb)
