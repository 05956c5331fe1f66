"""numeric: a number, right within a tolerance of the answer or inside a range."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..diagnostics import Code
from ..i18n import Gettext, same
from ..markup import esc
from ..model import Body, Question
from .base import Checker, Grade, QuestionType, body_of

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem


@dataclass(frozen=True)
class NumericBody(Body):
    low: float
    high: float
    answer: float | None = None  # None: given as a range
    tolerance: float = 0
    unit: str | None = None


def _body(q: Question) -> NumericBody:
    return body_of(q, NumericBody)


def number(text: Any) -> str:
    """A number as plain decimal text, never in exponent notation: 5100, 0.25, -3.5."""
    d = text if isinstance(text, Decimal) else Decimal(str(text))
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def as_number(response: Any) -> float | None:
    """As Python's float() reads a response (numbers, booleans, numeric text); None otherwise."""
    try:
        value = float(response)
    except (TypeError, ValueError):
        return None
    return value if value == value else None


class Numeric(QuestionType):
    name = "numeric"
    title = "number"

    def check(self, q: dict[str, Any], c: Checker) -> None:
        has_answer, has_range = "answer" in q, "range" in q
        if has_answer == has_range:
            c.add((), Code.NUMERIC_ANSWER, f"numeric question '{c.qid}' needs either 'answer' or 'range'",
                  "Give 'answer: 2013' (with an optional 'tolerance: 0.5'), or 'range: [low, high]'.")
        if has_range and q["range"][0] > q["range"][1]:
            c.add(("range",), Code.NUMERIC_ANSWER, f"the range of '{c.qid}' starts above its end",
                  "Write the range as [low, high].")
        if "tolerance" in q and not has_answer:
            c.add(("tolerance",), Code.NUMERIC_ANSWER, f"'tolerance' in '{c.qid}' needs an 'answer'",
                  "Give 'answer:' beside 'tolerance:', or use 'range:' alone.")

    def body(self, q: dict[str, Any]) -> Body:
        unit = q.get("unit")
        if "range" in q:
            low, high = q["range"]
            return NumericBody(low, high, unit=unit)
        tol = q.get("tolerance") or 0
        return NumericBody(q["answer"] - tol, q["answer"] + tol, q["answer"], tol, unit)

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        return {"unit": _body(q).unit}

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        b = _body(q)
        return {"low": b.low, "high": b.high}

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        value = as_number(response)
        return Grade.of(value is not None and key["low"] <= value <= key["high"])

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        b = _body(q)
        unit = f" {esc(b.unit)}" if b.unit else ""
        answer = "<p><strong>" + esc(_("Answer:")) + "</strong> "
        if b.answer is None:
            span = esc(_("from {low} to {high}")).format(low=number(b.low), high=number(b.high))
            return answer + span + unit + "</p>"
        return (answer + f"{number(b.answer)}{unit} ("
                + esc(_("tolerance ± {tolerance}")).format(tolerance=number(b.tolerance)) + ")</p>")

    def export_prompt(self, q: Question) -> str:
        unit = _body(q).unit
        return f"{q.prompt.strip()}\n\nUnit: {unit}" if unit else q.prompt

    def gift(self, q: Question, w: GiftWriter) -> None:
        b = _body(q)
        if b.answer is None:
            value = f"{number(b.low)}..{number(b.high)}"
        else:
            value = f"{number(b.answer)}:{number(b.tolerance)}"
        w.numeric()
        line = f"\t={value}"
        if q.feedback_correct.strip():
            line += f"#{w.escape(q.feedback_correct.strip())}"
        w.line(line)
        if q.feedback_incorrect.strip():
            w.line(f"\t~#{w.escape(q.feedback_incorrect.strip())}")

    def qti(self, q: Question, it: QtiItem) -> None:
        b = _body(q)
        it.metadata("numerical_question", [f"{it.ident}_numeric"])
        lid = it.sub(it.presentation, "response_str", ident="response1", rcardinality="Single")
        it.sub(it.sub(lid, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        it.general()
        if b.answer is None:
            def fill(var: ET.Element) -> None:
                it.sub(var, "vargte", number(b.low), respident="response1")
                it.sub(var, "varlte", number(b.high), respident="response1")
        else:
            answer, tol = Decimal(str(b.answer)), Decimal(str(b.tolerance))

            def fill(var: ET.Element) -> None:
                either = it.sub(var, "or")
                it.sub(either, "varequal", number(answer), respident="response1")
                both = it.sub(either, "and")
                it.sub(both, "vargte", number(answer - tol), respident="response1")
                it.sub(both, "varlte", number(answer + tol), respident="response1")
        it.correct(fill)
        it.incorrect()

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        low, high = key["low"], key["high"]
        right = (low + high) / 2
        if right == int(right):
            right = int(right)
        return right, high + max(1, abs(high))
