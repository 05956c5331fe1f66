"""A bank as the spec the quiz runtime reads: the questions' public parts, each with its answer key sealed
(``generator.seal``). The format (version 3) is documented in the developer pages; the page carries it as JSON."""

from __future__ import annotations

from typing import Any

from ..i18n import runtime_strings
from ..markup import markdown_html
from ..model import Bank, Question
from ..questions import REGISTRY
from ..seal import seal

VERSION = 3


def question_spec(q: Question, salt: str) -> dict[str, Any]:
    """The public part of a question and its sealed key."""
    kind = REGISTRY[q.type]
    pub: dict[str, Any] = {"id": q.id, "type": q.type, "points": q.points, "prompt_html": markdown_html(q.prompt),
                           "hint_html": markdown_html(q.hint) or None, **kind.public(q, salt)}
    key: dict[str, Any] = {"explanation_html": markdown_html(q.explanation) or None,
                           "correct_html": markdown_html(q.feedback_correct) or None,
                           "incorrect_html": markdown_html(q.feedback_incorrect) or None, **kind.key(q, salt)}
    pub["sealed"] = seal(key, salt, q.id)
    return pub


def bank_spec(bank: Bank) -> dict[str, Any]:
    salt = bank.id
    spec = {"version": VERSION, "id": bank.id, "title": bank.title, "shuffle": bank.shuffle, "draw": bank.draw,
            "salt": salt, "questions": [question_spec(q, salt) for q in bank.questions]}
    if bank.mastery_score is not None:  # only when set: the spec of every other bank stays as it was
        spec["mastery_score"] = bank.mastery_score
    if bank.mode == "graded":
        spec["mode"], spec["attempts"] = "graded", bank.attempts
    return spec


def localized_spec(bank: Bank, language: str) -> dict[str, Any]:
    """The bank's spec, with the quiz runtime's strings and the language tag when the language is not English
    (an English spec stays exactly as it was: the runtime's msgids are English)."""
    spec = bank_spec(bank)
    if language != "en":
        spec["lang"] = language
        spec["strings"] = runtime_strings(language)
    return spec
