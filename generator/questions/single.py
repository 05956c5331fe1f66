"""single: one right option among several (radio buttons)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..diagnostics import Code
from ..model import Question
from . import _choices
from .base import Checker, Grade

if TYPE_CHECKING:
    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem


class Single(_choices.ChoiceType):
    name = "single"
    title = "single choice"

    def check(self, q: dict[str, Any], c: Checker) -> None:
        n = _choices.check_options(q, c)
        if n != 1:
            c.add(("options",), Code.CORRECT_COUNT,
                  f"single-choice question '{c.qid}' has {n} correct options; it needs exactly one",
                  "Mark exactly one option 'correct: true', or make the question type: multiple.")

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        return Grade.of(isinstance(response, str) and response in key["correct"])

    def gift(self, q: Question, w: GiftWriter) -> None:
        for o in _choices.body(q).options:
            extra = q.feedback_correct if o.correct else q.feedback_incorrect
            w.choice("=" if o.correct else "~", o.text, w.join(o.feedback, extra))

    def qti(self, q: Question, it: QtiItem) -> None:
        opts = _choices.body(q).options
        ids = _choices.qti_options(q, it, "multiple_choice_question", "Single")
        right = next(i for i, o in zip(ids, opts) if o.correct)
        it.correct(lambda var: it.sub(var, "varequal", right, respident="response1"))
        it.incorrect()

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        wrong = [i for i in _choices.option_ids(public) if i not in key["correct"]]
        return key["correct"][0], wrong[0]
