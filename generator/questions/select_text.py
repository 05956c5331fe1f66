"""select-text: the student presses the phrases of a passage that answer the prompt; right picks minus wrong
picks, as multiple."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Code
from ..i18n import Gettext, same
from ..markup import esc, markdown_html
from ..model import Body, Question
from ..text import normalise_quote
from .base import Checker, Grade, QuestionType, body_of
from .multiple import picks

_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")


@dataclass(frozen=True)
class SelectTextBody(Body):
    passage: str
    answers: tuple[str, ...]
    feedback: tuple[tuple[str, str], ...] = ()  # (answer, its feedback)


def _body(q: Question) -> SelectTextBody:
    return body_of(q, SelectTextBody)


def _sentences(text: str) -> list[tuple[str, bool]]:
    out: list[str] = []
    pos = 0
    for m in _SENTENCE.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return [(t, bool(t.strip())) for t in out if t]


def segments(passage: str, answers: tuple[str, ...]) -> tuple[list[tuple[str, bool]], list[int]]:
    """Cut a passage into pieces, each answer one piece and the rest by sentence: (pieces, the answers' indices)."""
    folded = normalise_quote(passage)
    cuts = sorted((i, i + len(a)) for a in map(normalise_quote, answers) for i in [folded.find(a)])
    pieces: list[tuple[str, bool]] = []
    answer_idx: list[int] = []
    pos = 0
    for s, e in cuts:
        if s < pos:
            continue
        pieces.extend(_sentences(folded[pos:s]))
        answer_idx.append(len(pieces))
        pieces.append((folded[s:e], True))
        pos = e
    pieces.extend(_sentences(folded[pos:]))
    return pieces, answer_idx


class SelectText(QuestionType):
    name = "select-text"
    title = "selecting phrases in a passage"
    unsupported = {
        "gift": "GIFT has no question where students select phrases of a passage",
        "qti": "Canvas classic quizzes (QTI 1.2) have no question where students select phrases of a passage",
    }

    def check(self, q: dict[str, Any], c: Checker) -> None:
        passage = normalise_quote(q["passage"])
        for j, ans in enumerate(q["answers"]):
            count = passage.count(normalise_quote(ans))
            if count != 1:
                c.add(("answers", j), Code.SELECT_ANSWER,
                      f"answer '{ans}' of '{c.qid}' is {'not in' if count == 0 else 'more than once in'} its passage",
                      "Each answer must be an exact phrase that occurs once in the passage (copy and paste it).")
        for key in q.get("answer_feedback") or {}:
            if key not in q["answers"]:
                c.add(("answer_feedback", key), Code.UNKNOWN_ANSWER,
                      f"answer_feedback names '{key}', which is not one of the answers of '{c.qid}'",
                      "Use the exact text of one of the answers as the key.", key=True)

    def body(self, q: dict[str, Any]) -> Body:
        return SelectTextBody(q["passage"], tuple(q["answers"]), tuple((q.get("answer_feedback") or {}).items()))

    def _cut(self, q: Question) -> tuple[list[tuple[str, bool]], list[int]]:
        return segments(_body(q).passage, _body(q).answers)

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        pieces, _ = self._cut(q)
        return {"segments": [{"id": str(i), "html": esc(text), "selectable": sel}
                             for i, (text, sel) in enumerate(pieces)]}

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        b = _body(q)
        pieces, idx = self._cut(q)
        by_text = {normalise_quote(a): fb for a, fb in b.feedback}
        return {"correct": [str(i) for i in idx],
                "feedback": {str(i): markdown_html(by_text.get(pieces[i][0], "")) or None for i in idx}}

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        return picks(response, key["correct"])

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        b = _body(q)
        return ("<p><strong>" + esc(_("Passage:")) + "</strong> " + esc(b.passage) + "</p><p><strong>"
                + esc(_("Answers:")) + "</strong></p><ul>"
                + "".join(f"<li>“{esc(a)}”</li>" for a in b.answers) + "</ul>")

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        others = [s["id"] for s in public["segments"] if s["selectable"] and s["id"] not in key["correct"]]
        return list(key["correct"]), others[:1] or key["correct"][1:]
