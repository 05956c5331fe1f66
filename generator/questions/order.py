"""order: items to put in order; partial credit for each item in its place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import Gettext, same
from ..markup import markdown_inline
from ..model import Body, Question
from ..seeding import scramble
from .base import Checker, Grade, QuestionType, body_of


@dataclass(frozen=True)
class OrderBody(Body):
    items: tuple[str, ...]  # in the right order


def _body(q: Question) -> OrderBody:
    return body_of(q, OrderBody)


class Order(QuestionType):
    name = "order"
    title = "ordering"
    unsupported = {
        "gift": "GIFT has no ordering question (Moodle's ordering type is a plugin that GIFT cannot describe); "
                "recreate it in Moodle",
        "qti": "Canvas classic quizzes (QTI 1.2) have no ordering question",
    }

    def check(self, q: dict[str, Any], c: Checker) -> None:
        c.unique(q["items"], lambda j: ("items", j), lambda t: f"item '{t}' appears twice in '{c.qid}'",
                 "Items to order must all differ, or the right order is ambiguous.")

    def body(self, q: dict[str, Any]) -> Body:
        return OrderBody(tuple(str(i) for i in q["items"]))

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        items = _body(q).items
        return {"items": [{"id": str(i), "html": markdown_inline(items[i])}
                          for i in scramble(len(items), f"{salt}:{q.id}")]}

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        return {"order": [str(i) for i in range(len(_body(q).items))]}

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        order = key["order"]
        if not isinstance(response, list):
            return Grade(0, len(order))
        return Grade(sum(1 for a, b in zip(response, order) if a == b), len(order))

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        return "<ol>" + "".join(f"<li>{markdown_inline(i)}</li>" for i in _body(q).items) + "</ol>"

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        right = list(key["order"])
        return right, right[1:] + right[:1]
