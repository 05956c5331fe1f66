"""The question types, one module each, and the registry every stage looks them up in.

Adding a type: write its module (a subclass of ``QuestionType``), list it below, add its entry to the runtime's
``TYPES`` table in ``generator/static/quiz.js`` and its branch to the bank schema; the oracle tests then cover it
in every host. The developer pages walk through an example.
"""

from __future__ import annotations

from .base import Checker, Grade, QuestionType
from .classify import Classify
from .match import Match
from .multiple import Multiple
from .numeric import Numeric
from .order import Order
from .select_text import SelectText
from .single import Single
from .text import Text
from .true_false import TrueFalse

REGISTRY: dict[str, QuestionType] = {t.name: t for t in (
    Single(), Multiple(), TrueFalse(), Numeric(), Text(), Order(), Match(), Classify(), SelectText())}


def get(name: str) -> QuestionType:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown question type {name!r}") from None


__all__ = ["REGISTRY", "Checker", "Grade", "QuestionType", "get"]
