"""A chapter in the student's language: the French test article (an invented teaching example, in
tests/fixtures/course-fr) built beside the English seed chapter in one book. Its pages, the quiz runtime included,
show no English interface text; its content is marked lang="fr"; a French quiz is answered and graded in Chromium,
with French feedback and French announcements; the kernel widget of its bank speaks French."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import i18n
from generator.locale_extract import template

from .conftest import FIXTURES, REPO, make_book, run_cli

FR = FIXTURES / "course-fr"
CHAPTER = "book/mediatheque"
SHOTS_ENV = "MEDIALIT_SCREENSHOTS"  # a folder to keep the screenshots in (default: the test's own temporary one)


def add_french(root: Path) -> Path:
    shutil.copytree(FR / "articles" / "mediatheque", root / "articles" / "mediatheque")
    for bank in sorted((FR / "quizzes").glob("*.yaml")):
        shutil.copy2(bank, root / "quizzes" / bank.name)
    return root


@pytest.fixture(scope="module")
def mixed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's book (English) with the French chapter added, built once."""
    root = add_french(make_book(tmp_path_factory.mktemp("mixed") / "root", REPO))
    res = run_cli("build", "--quiet", cwd=root)
    assert res.code == 0, res.err
    return root


@pytest.fixture(scope="module")
def mixed_site(mixed_root: Path) -> Iterator[str]:
    from .browser_support import serve

    with serve(mixed_root / "_build" / "html") as url:
        yield url


def english_fragments() -> set[str]:
    """The English interface text the French chapter must not show: each msgid whose French differs, cut at its
    placeholders and Markdown marks, the pieces of two words or more."""
    fr = i18n.translator("fr")
    out = set()
    for m in template():
        if not m.id:
            continue
        for msgid in ((m.id,) if isinstance(m.id, str) else m.id):
            if (fr.gettext(msgid) if isinstance(m.id, str) else fr.ngettext(m.id[0], m.id[1], 2)) == msgid:
                continue
            for piece in re.split(r"\{\w+\}|\*+|[“”()]", msgid):
                piece = piece.strip(" .,:;?")
                if len(piece.split()) >= 2:
                    out.add(piece)
    return out


def test_english_fragments_are_many() -> None:
    pieces = english_fragments()
    assert len(pieces) > 100 and "Not quite" in pieces and "Select all that apply" in pieces


def test_seed_chapter_unchanged_by_a_french_chapter_beside_it(tmp_path: Path, mixed_root: Path) -> None:
    alone = make_book(tmp_path / "alone", REPO)
    assert run_cli("generate", cwd=alone).code == 0
    seed = sorted(p.relative_to(alone) for p in (alone / "book" / "mali-withdrawal").rglob("*") if p.is_file())
    assert seed
    for rel in seed:
        assert (mixed_root / rel).read_bytes() == (alone / rel).read_bytes(), rel
    assert "language:" not in (alone / "book" / "mali-withdrawal" / ".medialit-generated").read_text("utf-8")


def _french_pages(root: Path) -> list[Path]:
    pages = sorted((root / "_build" / "html" / CHAPTER).glob("*.html"))
    assert [p.name for p in pages] == ["annotate.html", "article.html", "check-claims.html", "contradictions.html",
                                       "fact-or-opinion.html", "index.html", "quiz-mediatheque-quiz.html"]
    return pages


def test_french_pages_are_marked_french_and_english_ones_are_not(mixed_root: Path) -> None:
    for page in _french_pages(mixed_root):
        html = page.read_text("utf-8")
        assert html.count('<div class="mlq-lang" lang="fr">') == 1, page.name
    seed = (mixed_root / "_build" / "html" / "book" / "mali-withdrawal" / "index.html").read_text("utf-8")
    assert 'class="mlq-lang"' not in seed and '<html lang="en"' in seed


def test_french_pages_show_no_english_interface_text(browser, mixed_site: str, mixed_root: Path) -> None:  # type: ignore[no-untyped-def]
    """Each page's French content, as the browser shows it after the quiz runtime ran (a question answered, so
    that feedback is shown too)."""
    pieces = english_fragments()
    context = browser.new_context()
    page = context.new_page()
    found = {}
    try:
        for path in _french_pages(mixed_root):
            page.goto(f"{mixed_site}/{CHAPTER}/{path.name}")
            page.wait_for_load_state("networkidle")
            if page.locator(".mlq-question").count():
                q = page.locator("fieldset.mlq-question").first
                q.locator(".mlq-check").click()  # unanswered: the "answer first" message
                q.locator(".mlq-opt input").first.check()
                q.locator(".mlq-check").click()
                page.wait_for_selector(".mlq-feedback[data-result]")
                if q.locator(".mlq-hint-btn").count():
                    q.locator(".mlq-hint-btn").click()
            text = page.locator("div.mlq-lang[lang=fr]").inner_text()
            labels = " ".join(page.eval_on_selector_all(
                "div.mlq-lang [aria-label], div.mlq-lang [title]",
                "els => els.map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''))"))
            hits = sorted(p for p in pieces if p in text or p in labels)
            if hits:
                found[path.name] = hits
            assert "Vérifier" in text or path.name in ("index.html", "article.html")
    finally:
        context.close()
    assert found == {}


def _answer(q, label: str) -> None:  # type: ignore[no-untyped-def]
    q.get_by_label(label, exact=True).check()
    q.get_by_role("button", name="Vérifier").click()


def test_french_quiz_answered_and_graded_in_french(browser, mixed_site: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{mixed_site}/{CHAPTER}/quiz-mediatheque-quiz.html")
        quiz = page.locator("section.mlq-quiz")
        assert quiz.get_attribute("lang") == "fr"
        q1 = page.locator("fieldset.mlq-question[data-qid=voix]")
        assert q1.locator("legend").inner_text() == "Question 1 sur 6 · 1 point"
        _answer(q1, "2 contre 7")
        live = q1.locator(".mlq-feedback[role=status][aria-live=polite]")
        assert live.locator(".mlq-verdict").inner_text().strip().endswith("Pas tout à fait")
        assert "inverse les voix" in live.inner_text()
        _answer(q1, "7 contre 2")
        assert live.locator(".mlq-verdict").inner_text().strip().endswith("Juste")
        q1.get_by_role("button", name="Indice").click()
        q2 = page.locator("fieldset.mlq-question[data-qid=opinions]")
        assert "Cochez toutes les réponses qui conviennent." in q2.inner_text()
        q2.get_by_label("Évidemment, c’est la pire décision", exact=True).check()
        q2.get_by_label("Les lecteurs vont sûrement déserter la médiathèque", exact=True).check()
        q2.get_by_label("Le conseil a voté mardi", exact=True).check()
        q2.get_by_role("button", name="Vérifier").click()
        assert q2.locator(".mlq-verdict").inner_text().strip().endswith(
            "En partie juste (2 sur 2, moins 1 mauvais choix)")
        # a partial score is written the French way, and the score line is French
        assert page.locator(".mlq-score").inner_text() == "Score\u00a0: 1,5 sur 6 points · 2 sur 6 répondues"
        q3 = page.locator("fieldset.mlq-question[data-qid=etapes]")
        first = q3.locator(".mlq-otext").first.inner_text().strip()
        q3.get_by_role("button", name=f"Descendre {first}").click()
        order_live = q3.locator(".mlq-sr[role=status][aria-live=polite]")
        assert order_live.inner_text() == f"{first}\u00a0: position 2 sur 4"
        q4 = page.locator("fieldset.mlq-question[data-qid=tri]")
        assert q4.locator("option").first.inner_text() == "Choisir…"
        assert page.get_by_role("button", name="Recommencer").count() == 1
        results = page.locator("section.mlq-results")
        assert results.get_attribute("lang") == "fr"
        assert "Vos résultats pour ce chapitre" in results.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_french_chapter(browser, mixed_site: str, scheme: str, width: int,  # type: ignore[no-untyped-def]
                                          tmp_path: Path) -> None:
    """The French quiz page and overview, for a person to look at; the pages must still be French there."""
    shots = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        for name in ("index", "quiz-mediatheque-quiz"):
            page.goto(f"{mixed_site}/{CHAPTER}/{name}.html")
            page.wait_for_load_state("networkidle")
            if name != "index":
                q = page.locator("fieldset.mlq-question").first
                q.locator(".mlq-opt input").nth(1).check()
                q.locator(".mlq-check").click()
                page.wait_for_selector(".mlq-feedback[data-result]")
            assert page.evaluate("document.documentElement.dataset.theme") == scheme
            page.screenshot(path=str(shots / f"{name}-{width}-{scheme}.png"), full_page=False)
            assert (shots / f"{name}-{width}-{scheme}.png").stat().st_size > 10_000
            assert page.locator("div.mlq-lang[lang=fr] h1").first.is_visible()
    finally:
        context.close()


@pytest.mark.kernel
def test_kernel_widget_of_a_french_bank_speaks_french(mixed_root: Path) -> None:
    from .test_kernel import run, stdout

    nb = run(mixed_root / CHAPTER / "quiz-mediatheque-quiz.ipynb", [
        "import json\nprint(json.dumps([quiz.strings['Check'], quiz.strings['{n} point'], quiz.spec['lang']],"
        " ensure_ascii=False))",
        "from generator.quiz import Quiz\nq = Quiz.from_bank('../../quizzes/mediatheque.yaml', seed='s')\n"
        "print(json.dumps([q.strings['Not quite'], q.strings['Hint'], q.spec['lang']], ensure_ascii=False))",
        "q = Quiz.from_bank('../../quizzes/mali-withdrawal-check.yaml')\n"
        "print(json.dumps([q.strings, 'lang' in q.spec]))",
    ])
    quiz_cell = next(c for c in nb.cells if c.id.endswith("-quiz"))
    bundle = next(o for o in quiz_cell.outputs if o.output_type in ("display_data", "execute_result"))
    assert "application/vnd.jupyter.widget-view+json" in bundle["data"]
    assert json.loads(stdout(nb.cells[-3])) == ["Vérifier", {"one": "{n} point", "other": "{n} points"}, "fr"]
    assert json.loads(stdout(nb.cells[-2])) == ["Pas tout à fait", "Indice", "fr"]
    assert json.loads(stdout(nb.cells[-1])) == [{}, False]  # an English bank: no strings, as before


def test_french_instructor_edition_and_exports_speak_french(tmp_path: Path) -> None:
    """The instructor edition's pages (answer key, teaching notes) of the French chapter, the verdict names in its
    ClaimReview data and its SCORM package's page titles: French, no English interface text."""
    from generator.errors import Report
    from generator.generate import chapter
    from generator.scorm import chapter_pages
    from generator.stages import load_course

    root = add_french(make_book(tmp_path / "root", REPO))
    course = load_course(root, Report())
    article = next(a for a in course.articles if a.slug == "mediatheque")
    files = chapter(article, course.banks_for("mediatheque"), root, instructor=True).files
    pieces = english_fragments()
    for name in ("answer-key.md", "teaching-notes.md"):
        text = files[name].decode("utf-8")
        assert [p for p in pieces if p in text] == [], name
    key = files["answer-key.md"].decode("utf-8")
    assert "# Corrigé" in key and "Réponse\u00a0:" in key and "✓ juste" in key and "Retour\u00a0:" in key
    assert "# Notes pédagogiques" in files["teaching-notes.md"].decode("utf-8")
    assert '"alternateName":"Invérifiable"' in files["article.md"].decode("utf-8").replace(": ", ":")
    _title, pages = chapter_pages(root, "mediatheque")
    assert [p.title for p in pages][1:] == ["Lire l’article", "Exercice\u00a0: fait ou opinion\u00a0?",
                                           "Exercice\u00a0: repérer la contradiction",
                                           "Exercice\u00a0: vérifier les affirmations",
                                           "Exercice\u00a0: annotez vous-même",
                                           "Quiz\u00a0: La médiathèque : vérifiez votre lecture"]


def test_french_book_marks_its_english_chapter_and_a_bank_in_its_own_language(tmp_path: Path) -> None:
    """A French book (sphinx: config: language: fr): every page is <html lang="fr">; the French chapter's content
    needs no mark of its own, the English chapter's carries lang="en"; a bank that declares `language: en` beside
    the French article gets an English quiz page, marked lang="en", with the runtime's English (no strings)."""
    from .conftest import quiz_specs

    root = add_french(make_book(tmp_path / "root", FIXTURES / "course"))
    config = root / "_config.yml"
    text = config.read_text("utf-8")
    assert "    language: en\n" in text
    config.write_text(text.replace("    language: en\n", "    language: fr\n"), "utf-8")
    (root / "quizzes" / "mediatheque-en.yaml").write_text(
        'bank: mediatheque-en\narticle: mediatheque\ntitle: "The library, in English"\nlanguage: en\n'
        "questions:\n  - id: q1\n    type: true-false\n    prompt: The library will close on Sundays.\n"
        "    answer: true\n", "utf-8")
    res = run_cli("build", "--quiet", cwd=root)
    assert res.code == 0, res.err
    html = root / "_build" / "html" / "book"
    french = (html / "mediatheque" / "index.html").read_text("utf-8")
    assert '<html lang="fr"' in french and 'class="mlq-lang"' not in french
    english = (html / "town-library" / "index.html").read_text("utf-8")
    assert '<html lang="fr"' in english and english.count('<div class="mlq-lang" lang="en">') == 1
    own = (html / "mediatheque" / "quiz-mediatheque-en.html").read_text("utf-8")
    assert own.count('<div class="mlq-lang" lang="en">') == 1 and "# Quiz: The library" not in own
    assert "<h1>Quiz: The library, in English" in own
    spec = quiz_specs(own)[0]
    assert "strings" not in spec and "lang" not in spec
    fr_quiz = quiz_specs((html / "mediatheque" / "quiz-mediatheque-quiz.html").read_text("utf-8"))[0]
    assert fr_quiz["lang"] == "fr" and fr_quiz["strings"]["Check"] == "Vérifier"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_french_pages_pass_axe(browser, mixed_site: str, mixed_root: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    """The French chapter's pages, a question answered, pass axe-core (serious and critical rules) in light and
    dark mode, its language rules (valid-lang, html-has-lang) among them."""
    from .test_pages import answer_one_wrong, serious

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = {}
    try:
        for path in _french_pages(mixed_root):
            page.goto(f"{mixed_site}/{CHAPTER}/{path.name}")
            page.wait_for_load_state("networkidle")
            answer_one_wrong(page)
            bad = serious(page)
            if bad:
                problems[path.name] = bad
    finally:
        context.close()
    assert problems == {}
