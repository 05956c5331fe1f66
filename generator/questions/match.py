"""match: each left side to its right side (a menu per left side); partial credit per pair."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import Gettext, same
from ..markup import esc, markdown_inline
from ..model import Body, Question
from ..seeding import scramble
from .base import Checker, Grade, QuestionType, body_of

if TYPE_CHECKING:
    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem


@dataclass(frozen=True)
class Pair:
    left: str
    right: str


@dataclass(frozen=True)
class MatchBody(Body):
    pairs: tuple[Pair, ...]


def _body(q: Question) -> MatchBody:
    return body_of(q, MatchBody)


def pairs_grade(key_map: dict[str, str], response: Any) -> Grade:
    """One part per entry of key_map: right when the response maps it the same way (also classify's rule)."""
    got = response if isinstance(response, dict) else {}
    return Grade(sum(1 for k, v in key_map.items() if got.get(k) == v), len(key_map))


class Match(QuestionType):
    name = "match"
    title = "matching"

    def check(self, q: dict[str, Any], c: Checker) -> None:
        for side in ("left", "right"):
            c.unique([p[side] for p in q["pairs"]], lambda j, s=side: ("pairs", j, s),
                     lambda t, s=side: f"the {s} side '{t}' appears twice in '{c.qid}'",
                     "Each pair needs its own left and right text.")

    def body(self, q: dict[str, Any]) -> Body:
        return MatchBody(tuple(Pair(str(p["left"]), str(p["right"])) for p in q["pairs"]))

    def public(self, q: Question, salt: str) -> dict[str, Any]:
        pairs = _body(q).pairs
        return {"left": [{"id": f"L{i}", "html": markdown_inline(p.left)} for i, p in enumerate(pairs)],
                "right": [{"id": f"R{i}", "html": markdown_inline(pairs[i].right)}
                          for i in scramble(len(pairs), f"{salt}:{q.id}")]}

    def key(self, q: Question, salt: str) -> dict[str, Any]:
        return {"pairs": {f"L{i}": f"R{i}" for i in range(len(_body(q).pairs))}}

    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade:
        return pairs_grade(key["pairs"], response)

    def answer_html(self, q: Question, _: Gettext = same) -> str:
        head = "".join(f"<th>{esc(h)}</th>" for h in (_("Left"), _("Right")))
        return (f"<table><thead><tr>{head}</tr></thead><tbody>" + "".join(
            f"<tr><td>{markdown_inline(p.left)}</td><td>{markdown_inline(p.right)}</td></tr>"
            for p in _body(q).pairs) + "</tbody></table>")

    def export_problem(self, q: Question, fmt: str) -> str | None:
        if fmt == "gift" and any("->" in p.left for p in _body(q).pairs):
            return "a left side contains '->', which GIFT uses to separate the two sides of a pair"
        return None

    def gift(self, q: Question, w: GiftWriter) -> None:
        for p in _body(q).pairs:
            w.line(f"\t={w.escape(p.left.strip())} -> {w.escape(p.right.strip())}")
        if q.feedback_correct or q.feedback_incorrect:
            w.note("its feedback for a right / wrong answer is not exported: GIFT has no whole-question feedback "
                   "for matching questions")

    def qti(self, q: Question, it: QtiItem) -> None:
        pairs = [(p.left, p.right) for p in _body(q).pairs]
        it.matching(pairs, [r for _, r in pairs])

    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        right = dict(key["pairs"])
        lefts = list(right)
        wrong = dict(right)
        if len(lefts) > 1:
            wrong[lefts[0]], wrong[lefts[1]] = right[lefts[1]], right[lefts[0]]
        else:
            del wrong[lefts[0]]
        return right, wrong
