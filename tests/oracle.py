"""The grading oracle: from the question-type registry, for every question of every bank of the repository and the
fixtures, and of every generated exercise, the key as a student's response and a response that is not fully right.
The tests put these through every host (the built page in Chromium, a live kernel, the Python grader) and read them
back from both exports."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.grading import fraction
from generator.model import Course
from generator.questions import REGISTRY
from generator.seal import unseal
from generator.seeding import drawn_ids
from generator.stages import load_course
from generator.transform.exercises import EXERCISES, exercise_bank
from generator.transform.spec import bank_spec

from .conftest import FIXTURES, ORACLE_BANKS, REPO

if TYPE_CHECKING:
    from playwright.sync_api import Locator


@dataclass(frozen=True)
class Quiz:
    page: str  # the built page, relative to the site's root
    spec: dict[str, Any]


@dataclass(frozen=True)
class Case:
    quiz: Quiz
    qid: str
    type: str
    points: float
    right: Any
    wrong: Any
    wrong_fraction: float  # what the Python grader gives the wrong response


@cache
def courses() -> tuple[Course, ...]:
    """The repository's course, and the fixture article with its banks and the oracle's edge-case banks."""
    root = Path(tempfile.mkdtemp(prefix="oracle-"))
    atexit.register(shutil.rmtree, root, True)
    shutil.copytree(FIXTURES / "course", root, dirs_exist_ok=True)
    for bank in ORACLE_BANKS.glob("*.yaml"):
        shutil.copy2(bank, root / "quizzes" / bank.name)
    return load_course(REPO), load_course(root)


@cache
def quizzes() -> tuple[Quiz, ...]:
    out = []
    for course in courses():
        for article in course.articles:
            for name in EXERCISES:
                bank = exercise_bank(article, name)
                if bank.questions:
                    out.append(Quiz(f"book/{article.slug}/{name}.html", bank_spec(bank)))
            for bank in course.banks_for(article.slug):
                out.append(Quiz(f"book/{article.slug}/quiz-{bank.id}.html", bank_spec(bank)))
    return tuple(out)


def seeds(spec: dict[str, Any]) -> list[str]:
    """A few student seeds that, between them, draw every question of the spec."""
    left = {q["id"] for q in spec["questions"]}
    chosen = []
    for i in range(500):
        seed = f"student-{i}"
        got = left & set(drawn_ids(spec, seed))
        if got:
            chosen.append(seed)
            left -= got
        if not left:
            return chosen
    raise AssertionError(f"no seed draws {sorted(left)} of {spec['id']}")


def cases(quiz: Quiz, seed: str) -> list[Case]:
    spec = quiz.spec
    shown = set(drawn_ids(spec, seed))
    out = []
    for q in spec["questions"]:
        if q["id"] not in shown:
            continue
        key = unseal(q["sealed"], spec["salt"], q["id"])
        right, wrong = REGISTRY[q["type"]].responses(q, key)
        out.append(Case(quiz, q["id"], q["type"], q["points"], right, wrong, fraction(q, key, wrong)))
    return out


def all_cases() -> list[tuple[Quiz, str, list[Case]]]:
    return [(quiz, seed, cases(quiz, seed)) for quiz in quizzes() for seed in seeds(quiz.spec)]


# ---- entering a response through the page's real controls, one way per type


def _choices(q: Locator, r: Any) -> None:
    picked = {str(x).lower() for x in (r if isinstance(r, list) else [r])}
    for box in q.locator("input").all():
        if box.get_attribute("type") == "checkbox":
            box.set_checked(box.get_attribute("value") in picked)
        elif box.get_attribute("value") in picked:
            box.check()


def _field(q: Locator, r: Any) -> None:
    q.get_by_label("Your answer").fill(str(r))


def _order(q: Locator, r: Any) -> None:
    for pos, iid in enumerate(r):
        for _ in range(len(r)):
            now = q.locator("li.mlq-oitem").evaluate_all("els => els.map((e) => e.dataset.iid)")
            if now.index(iid) <= pos:
                break
            q.locator(f'li.mlq-oitem[data-iid="{iid}"] button.mlq-move').first.click()


def _menus(q: Locator, r: Any) -> None:
    for sel in q.locator("select").all():
        sel.select_option(r.get(sel.get_attribute("data-item"), ""))


def _passage(q: Locator, r: Any) -> None:
    for seg in q.locator(".mlq-seg").all():
        if (seg.get_attribute("aria-pressed") == "true") != (seg.get_attribute("data-sid") in r):
            seg.click()


ENTER = {"single": _choices, "multiple": _choices, "true-false": _choices, "numeric": _field, "text": _field,
         "order": _order, "match": _menus, "classify": _menus, "select-text": _passage}
