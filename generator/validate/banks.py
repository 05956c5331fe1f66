"""Second validation pass for banks: what a schema cannot say. The file name, unique question ids and the draw
are checked here; everything about one type of question is checked by its type (``generator.questions``)."""

from __future__ import annotations

import re

from ..diagnostics import Code
from ..errors import Report
from ..load import Document
from ..questions import REGISTRY, Checker

_FILE_NAME = re.compile(r"^\w[\w.-]*\.ya?ml$")


def check_bank(doc: Document, report: Report, skip: frozenset[int] = frozenset()) -> None:
    """``skip``: the questions that failed the schema (their problems are reported already; the others are still
    checked, so that one run reports every problem)."""
    data = doc.data
    p = doc.path
    if not _FILE_NAME.match(p.name):
        report.add(p, 1, 1, f"the file name '{p.name}' may use only letters, digits, '.', '_' and '-'",
                   "Rename the file, e.g. quizzes/mali-withdrawal-check.yaml.", code=Code.BANK_FILE_NAME)
    questions = data["questions"]
    seen: dict[str, int] = {}
    for i, q in enumerate(questions):
        if i in skip:
            continue
        at = ("questions", i)
        qid = q["id"]
        if qid in seen:
            report.add(p, *doc.where((*at, "id")), f"duplicate question id '{qid}' (first used on line {seen[qid]})",
                       "Every question in a bank needs its own id: rename one of them.", code=Code.DUPLICATE_ID)
        else:
            seen[qid] = doc.where((*at, "id"))[0]
        REGISTRY[q["type"]].check(q, Checker(doc, at, report, qid))
    draw = data.get("draw")
    if isinstance(draw, int) and not isinstance(draw, bool) and draw > len(questions):
        report.add(p, *doc.where(("draw",)), f"draw is {draw}, but the bank has only {len(questions)} questions",
                   f"Lower draw to at most {len(questions)}, or add questions.", code=Code.DRAW_TOO_LARGE)
    if "attempts" in data and data.get("mode") != "graded":
        report.add(p, *doc.where(("attempts",)), "attempts limits the checks of a graded quiz, but this bank is not "
                   "graded", "Add 'mode: graded' to the bank, or remove 'attempts' (a practice quiz has no limit).",
                   code=Code.ATTEMPTS_MODE)
