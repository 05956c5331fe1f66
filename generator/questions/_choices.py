"""What single and multiple choice share: options with feedback, pinned options, shuffling per student."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import Gettext, same
from ..markup import esc, markdown_inline
from ..model import Body, Option, Question
from .base import Checker, QuestionType, body_of, html_or_none

if TYPE_CHECKING:
    from ..export.qti import QtiItem


@dataclass(frozen=True)
class Choices(Body):
    options: tuple[Option, ...]

    @property
    def correct(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)


def options(q: dict[str, Any]) -> Choices:
    return Choices(tuple(Option(o["text"], o.get("correct") is True, o.get("feedback", ""), o.get("pinned") is True)
                         for o in q["options"]))


def check_options(q: dict[str, Any], c: Checker) -> int:
    """Repeated options are errors; returns how many options are marked correct."""
    c.unique([o["text"] for o in q["options"]], lambda j: ("options", j, "text"),
             lambda t: f"option '{t}' appears twice in '{c.qid}'", "Each option must differ from the others.")
    return sum(1 for o in q["options"] if o.get("correct") is True)


def body(q: Question) -> Choices:
    return body_of(q, Choices)


def public(q: Question) -> dict[str, Any]:
    return {"options": [{"id": str(i), "html": markdown_inline(o.text), "pinned": o.pinned}
                        for i, o in enumerate(body(q).options)]}


def key(q: Question) -> dict[str, Any]:
    opts = body(q).options
    return {"correct": [str(i) for i in body(q).correct],
            "feedback": {str(i): html_or_none(o.feedback) for i, o in enumerate(opts)}}


def answer_html(q: Question, _: Gettext = same) -> str:
    correct, feedback, pinned = esc(_("correct")), esc(_("Feedback:")), esc(_("(pinned)"))
    return "<ul class='mlq-key-options'>" + "".join(
        f"<li>{f'<strong>✓ {correct}</strong>' if o.correct else '✗'} {markdown_inline(o.text)}"
        + (f"<br/><em>{feedback}</em> {markdown_inline(o.feedback)}" if o.feedback else "")
        + ("" if not o.pinned else f" <em>{pinned}</em>") + "</li>" for o in body(q).options) + "</ul>"


def qti_options(q: Question, it: QtiItem, question_type: str, cardinality: str) -> list[str]:
    """The options of a QTI item, with their feedback; returns their idents, in bank order."""
    opts = body(q).options
    ids = [f"{it.ident}_c{n}" for n in range(1, len(opts) + 1)]
    it.metadata(question_type, ids)
    it.choices([(i, o.text) for i, o in zip(ids, opts)], cardinality)
    it.general()
    it.choice_feedback([(i, o.feedback) for i, o in zip(ids, opts)])
    return ids


def option_ids(public: dict[str, Any]) -> list[str]:
    return [o["id"] for o in public["options"]]


class ChoiceType(QuestionType):
    """What single and multiple choice share: the options, shown and keyed alike."""

    def body(self, q: dict[str, Any]) -> Body:
        return options(q)

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        return public(q)

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        return key(q)

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        return answer_html(q, _)
