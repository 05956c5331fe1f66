"""multiple: any number of right options (check boxes); partial credit, wrong picks take credit away."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..diagnostics import Code
from ..model import Question
from . import _choices
from .base import Checker, Grade

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem


def picks(response: Any, correct: list[str]) -> Grade:
    """Right picks minus wrong picks over the right options (also select-text's rule)."""
    picked = set(response) if isinstance(response, list) else set()
    right = set(correct)
    return Grade(len(picked & right), len(right), len(picked - right))


class Multiple(_choices.ChoiceType):
    name = "multiple"
    title = "multiple answers"

    def check(self, q: dict[str, Any], c: Checker) -> None:
        if _choices.check_options(q, c) == 0:
            c.add(("options",), Code.CORRECT_COUNT, f"question '{c.qid}' has no correct option",
                  "Mark at least one option 'correct: true'.")

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        return picks(response, key["correct"])

    def gift(self, q: Question, w: GiftWriter) -> None:
        # Moodle adds the weights of the options picked and keeps the total between 0 and 100 %. With +100/k % on
        # each of the k right options and -100/k % on each wrong one, a student's grade is (right picks - wrong
        # picks) / k, never below 0: the bank's own rule. The weights are rounded to the grades Moodle accepts, so
        # the rule holds exactly for k <= 10 (and for 3, 6, 7 or 9 right options up to the 5-decimal rounding).
        opts = _choices.body(q).options
        k = sum(1 for o in opts if o.correct)
        right, wrong = w.weight(100 / k), w.weight(-100 / k)
        for o in opts:
            w.choice(f"~%{right if o.correct else wrong}%", o.text, o.feedback)
        if q.feedback_correct or q.feedback_incorrect:
            w.note("its feedback for a right / wrong answer is not exported: GIFT has no whole-question feedback "
                   "for multiple-answer questions (the per-option feedback is)")

    def qti(self, q: Question, it: QtiItem) -> None:
        opts = _choices.body(q).options
        ids = _choices.qti_options(q, it, "multiple_answers_question", "Multiple")

        # Canvas grades a multiple-answers question with partial credit: each right pick earns points / right
        # options and each wrong pick takes as much away, never below 0 - the bank's own rule. The condition
        # below only marks which options are right.
        def fill(var: ET.Element) -> None:
            both = it.sub(var, "and")
            for i, o in zip(ids, opts):
                if o.correct:
                    it.sub(both, "varequal", i, respident="response1")
                else:
                    it.sub(it.sub(both, "not"), "varequal", i, respident="response1")
        it.correct(fill)
        it.incorrect()

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        ids = _choices.option_ids(public)
        wrong = [i for i in ids if i not in key["correct"]]
        return list(key["correct"]), (key["correct"][1:] + wrong[:1]) if wrong else key["correct"][1:]
