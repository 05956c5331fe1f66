"""true-false: a statement the student marks True or False."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import Gettext, same
from ..markup import esc
from ..model import Body, Question
from .base import Grade, QuestionType, body_of

if TYPE_CHECKING:
    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem


@dataclass(frozen=True)
class TrueFalseBody(Body):
    answer: bool


def _body(q: Question) -> TrueFalseBody:
    return body_of(q, TrueFalseBody)


class TrueFalse(QuestionType):
    name = "true-false"
    title = "true or false"

    def body(self, q: dict[str, Any]) -> Body:
        return TrueFalseBody(q["answer"] is True)

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        return {}

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        return {"answer": _body(q).answer}

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        return Grade.of(isinstance(response, bool) and response is key["answer"])

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        value = _("True") if _body(q).answer else _("False")
        return "<p><strong>" + esc(_("Answer:")) + f"</strong> {esc(value)}</p>"

    def gift(self, q: Question, w: GiftWriter) -> None:
        body = "TRUE" if _body(q).answer else "FALSE"
        wrong, right = q.feedback_incorrect.strip(), q.feedback_correct.strip()
        if wrong or right:
            body += f"#{w.escape(wrong)}"
        if right:
            body += f"#{w.escape(right)}"
        w.inline(body)

    def qti(self, q: Question, it: QtiItem) -> None:
        ids = [f"{it.ident}_true", f"{it.ident}_false"]
        it.metadata("true_false_question", ids)
        it.choices([(ids[0], "True"), (ids[1], "False")], "Single")
        it.general()
        right = ids[0] if _body(q).answer else ids[1]
        it.correct(lambda var: it.sub(var, "varequal", right, respident="response1"))
        it.incorrect()

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        return key["answer"], not key["answer"]
