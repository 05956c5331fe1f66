"""text: a short typed answer, right when it is one of the accepted answers (case and spacing aside) or matches
the pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnostics import Code
from ..i18n import Gettext, same
from ..markup import esc
from ..model import Body, Question
from .base import Checker, Grade, QuestionType, body_of, fold

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem

# Python-only regular expression syntax, which the runtime's RegExp would reject or read otherwise
_PYTHON_ONLY = re.compile(r"\(\?[aiLmsux]|\(\?P|\\[AZz]")


@dataclass(frozen=True)
class TextBody(Body):
    accept: tuple[str, ...]
    pattern: str | None = None


def _body(q: Question) -> TextBody:
    return body_of(q, TextBody)


def matches(pattern: str, response: str) -> bool:
    return re.fullmatch(f"(?:{pattern})", response.strip(), re.IGNORECASE) is not None


class Text(QuestionType):
    name = "text"
    title = "short text"

    def check(self, q: dict[str, Any], c: Checker) -> None:
        if "accept" not in q and "pattern" not in q:
            c.add((), Code.TEXT_NO_ANSWER, f"text question '{c.qid}' has no accepted answer",
                  "Give 'accept: [...]' with the answers to accept, or a 'pattern'.")
        if "pattern" in q:
            try:
                re.compile(q["pattern"])
            except re.error as exc:
                c.add(("pattern",), Code.BAD_PATTERN,
                      f"the pattern of '{c.qid}' is not a valid regular expression: {exc.msg}",
                      "Fix the regular expression, or use 'accept: [...]' with plain answers instead.")
            else:
                if _PYTHON_ONLY.search(q["pattern"]):
                    c.add(("pattern",), Code.BAD_PATTERN,
                          f"the pattern of '{c.qid}' uses Python-only syntax that browsers do not understand",
                          "Avoid (?P<name>...), inline flags such as (?i), and \\A, \\Z: matching already ignores "
                          "case and covers the whole answer.")

    def body(self, q: dict[str, Any]) -> Body:
        return TextBody(tuple(str(a) for a in q.get("accept") or ()), q.get("pattern"))

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        return {}

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        b = _body(q)
        return {"accept": sorted({fold(a) for a in b.accept}), "pattern": b.pattern}

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        if not isinstance(response, str):
            return Grade.of(False)
        pattern = key.get("pattern")
        return Grade.of(fold(response) in key["accept"] or bool(pattern and matches(pattern, response)))

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        b = _body(q)
        accept = ", ".join(f"“{esc(a)}”" for a in b.accept)
        out = "<p><strong>" + esc(_("Accepted:")) + f"</strong> {accept or '—'}</p>"
        if b.pattern:
            out += "<p><strong>" + esc(_("Pattern:")) + f"</strong> <code>{esc(b.pattern)}</code></p>"
        return out

    def export_problem(self, q: Question, fmt: str) -> str | None:
        b = _body(q)
        if not b.accept:
            return ("its answers are given only as a regular expression ('pattern'), which the format cannot "
                    "express; add 'accept: [...]' with the usual answers")
        if fmt == "gift" and any("->" in a for a in b.accept):
            return "an accepted answer contains '->', which GIFT reads as a matching question"
        return None

    def gift(self, q: Question, w: GiftWriter) -> None:
        # Moodle reads answers holding both "=" and "->" as a matching question, and "->" cannot be escaped: in the
        # (Markdown) feedback it is written "-&gt;", which shows as "->".
        right = w.escape(q.feedback_correct.strip().replace("->", "-&gt;"))
        wrong = w.escape(q.feedback_incorrect.strip().replace("->", "-&gt;"))
        for accepted in _body(q).accept:
            # In a Moodle short answer "*" is a wildcard; "\*" is a literal star.
            answer = w.escape(accepted.strip().replace("*", "\\*"))
            weight = "%100%" if w.looks_like_weight(answer) else ""  # "%5% off" must not be read as a weight
            w.line(f"\t={weight}{answer}" + (f"#{right}" if right else ""))
        if wrong:
            # A 0 % answer "*" matches every other response: Moodle's way to give feedback on a wrong answer.
            w.line(f"\t=%0%*#{wrong}")
        if _body(q).pattern:
            w.note("its 'pattern' is not exported (GIFT short answers take a list of answers, not a regular "
                   "expression): answers only the pattern accepts will be marked wrong")

    def qti(self, q: Question, it: QtiItem) -> None:
        accept = [a.strip() for a in _body(q).accept]
        it.metadata("short_answer_question", [f"{it.ident}_a{n}" for n in range(1, len(accept) + 1)])
        lid = it.sub(it.presentation, "response_str", ident="response1", rcardinality="Single")
        it.sub(it.sub(lid, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        it.general()

        def fill(var: ET.Element) -> None:
            # Several <varequal> side by side, as Canvas itself exports a short answer's accepted answers.
            for a in accept:
                it.sub(var, "varequal", a, respident="response1")
        it.correct(fill)
        it.incorrect()
        if _body(q).pattern:
            it.note("its 'pattern' is not exported (Canvas short answers take a list of answers, not a regular "
                    "expression): answers only the pattern accepts will be marked wrong")

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        if key["accept"]:
            right = key["accept"][0]
        else:
            from hypothesis import find  # a test-time need: an answer that the pattern alone accepts
            from hypothesis import strategies as st

            pattern = key["pattern"]
            right = find(st.from_regex(f"(?:{pattern})", fullmatch=True).filter(lambda s: s == s.strip() and s),
                         lambda s: True)
        return right, "\u00abnot the answer\u00bb"
