"""classify: sort each item into one of a few categories (a menu per item); partial credit per item."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnostics import Code
from ..i18n import Gettext, same
from ..markup import esc, markdown_inline
from ..model import Body, Question
from .base import Checker, Grade, QuestionType, body_of, html_or_none
from .match import pairs_grade

if TYPE_CHECKING:
    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem


@dataclass(frozen=True)
class Item:
    text: str
    category: str
    feedback: str = ""


@dataclass(frozen=True)
class ClassifyBody(Body):
    categories: tuple[str, ...]
    items: tuple[Item, ...]


def _body(q: Question) -> ClassifyBody:
    return body_of(q, ClassifyBody)


class Classify(QuestionType):
    name = "classify"
    title = "sorting into categories"

    def check(self, q: dict[str, Any], c: Checker) -> None:
        cats = q["categories"]
        c.unique(cats, lambda j: ("categories", j), lambda t: f"category '{t}' appears twice in '{c.qid}'",
                 "List each category once.")
        for j, item in enumerate(q["items"]):
            if item["category"] not in cats:
                c.add(("items", j, "category"), Code.UNKNOWN_CATEGORY,
                      f"item category '{item['category']}' is not one of the categories of '{c.qid}'",
                      f"Use one of: {', '.join(map(str, cats))} (spelled exactly the same).")
        c.unique([it["text"] for it in q["items"]], lambda j: ("items", j, "text"),
                 lambda t: f"item '{t}' appears twice in '{c.qid}'", "Each item to sort must differ from the others.")

    def body(self, q: dict[str, Any]) -> Body:
        return ClassifyBody(tuple(str(c) for c in q["categories"]),
                            tuple(Item(str(i["text"]), str(i["category"]), i.get("feedback", "")) for i in q["items"]))

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        b = _body(q)
        return {"categories": list(b.categories),
                "items": [{"id": str(i), "html": markdown_inline(it.text)} for i, it in enumerate(b.items)]}

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        items = _body(q).items
        return {"answers": {str(i): it.category for i, it in enumerate(items)},
                "feedback": {str(i): html_or_none(it.feedback) for i, it in enumerate(items)}}

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        return pairs_grade(key["answers"], response)

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        head = "".join(f"<th>{esc(h)}</th>" for h in (_("Item"), _("Category"), _("Feedback")))
        return (f"<table><thead><tr>{head}</tr></thead><tbody>" + "".join(
            f"<tr><td>{markdown_inline(i.text)}</td><td>{esc(i.category)}</td><td>{markdown_inline(i.feedback)}</td>"
            "</tr>" for i in _body(q).items) + "</tbody></table>")

    def export_problem(self, q: Question, fmt: str) -> str | None:
        if fmt == "gift" and any("->" in i.text for i in _body(q).items):
            return "an item contains '->', which GIFT uses to separate the two sides of a pair"
        return None

    def gift(self, q: Question, w: GiftWriter) -> None:
        # A matching question whose right sides repeat: Moodle merges equal answers into one choice, and a pair
        # with an empty left side adds a category no item belongs to.
        b = _body(q)
        for item in b.items:
            w.line(f"\t={w.escape(item.text.strip())} -> {w.escape(item.category.strip())}")
        used = {i.category for i in b.items}
        for category in b.categories:
            if category not in used:
                w.line(f"\t= -> {w.escape(category.strip())}")
        if any(i.feedback for i in b.items) or q.feedback_correct or q.feedback_incorrect:
            w.note("its feedback is not exported: GIFT matching questions have no feedback per item or for a "
                   "right / wrong answer")
        if len(set(b.categories)) < 3:
            w.note(f"it has {len(set(b.categories))} categories, and Moodle's matching editor asks for at least "
                   "three answers: to edit it in Moodle, add there an answer no item takes (a distractor), or add a "
                   "category to the bank")

    def qti(self, q: Question, it: QtiItem) -> None:
        b = _body(q)
        if any(i.feedback for i in b.items):
            it.note("its per-item feedback is not exported: Canvas matching questions have no feedback per pair "
                    "(the feedback for a right / wrong answer is)")
        it.matching([(i.text, i.category) for i in b.items], list(b.categories))

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        right = dict(key["answers"])
        first = next(iter(right))
        others = [c for c in public["categories"] if c != right[first]]
        return right, {**right, first: others[0]}
