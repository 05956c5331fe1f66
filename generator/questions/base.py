"""What a question type is: one class per type, each in its own module, registered in ``generator.questions``.

A type owns every step a question of it goes through:

- **validate**: ``check``, the semantic checks a JSON Schema cannot make (run after the schema pass);
- **model**: ``body``, the typed fields of a validated question;
- **transform**: ``public`` (what the runtime shows) and ``key`` (what grades; sealed in the page);
- **grade**: ``grade``, the Python twin of the runtime's grader (``quiz.js``, its ``TYPES`` table);
- **render**: ``answer_html``, the instructor edition's answer;
- **export**: ``gift`` and ``qti`` writers, or ``unsupported``, the reason a format cannot carry it;
- **prove**: ``responses``, a right and a wrong response made from the key, for the tests' oracle.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ..diagnostics import Code
from ..i18n import Gettext, same
from ..markup import markdown_html
from ..text import normalise_quote

if TYPE_CHECKING:
    from ..errors import Report
    from ..export.gift import GiftWriter
    from ..export.qti import QtiItem
    from ..load import Document, Pointer
    from ..model import Body, Question


@dataclass(frozen=True)
class Grade:
    """k parts right of n, w wrong picks; the fraction is (k - w) / n, never below 0."""

    k: float
    n: float
    w: float = 0

    @property
    def fraction(self) -> float:
        return max(0.0, (self.k - self.w) / self.n) if self.n else 0.0

    @classmethod
    def of(cls, ok: bool) -> Grade:
        return cls(1 if ok else 0, 1)


@dataclass
class Checker:
    """What a type's ``check`` needs: the document (for lines), where the question is, the report."""

    doc: Document
    at: Pointer
    report: Report
    qid: str

    def add(self, where: Pointer, code: Code, message: str, hint: str, key: bool = False) -> None:
        pointer = (*self.at, *where)
        line, col = self.doc.where_key(pointer) if key else self.doc.where(pointer)
        self.report.add(self.doc.path, line, col, message, hint, code=code)

    def unique(self, values: list[Any], where: Callable[[int], Pointer], message: Callable[[str], str],
               hint: str) -> None:
        """One diagnostic for every value that repeats an earlier one (compared as folded text)."""
        seen: Counter[str] = Counter()
        for i, v in enumerate(values):
            folded = normalise_quote(str(v)).casefold()
            if seen[folded]:
                self.add(where(i), Code.DUPLICATE_VALUE, message(str(v)), hint)
            seen[folded] += 1


class QuestionType(ABC):
    name: ClassVar[str]
    title: ClassVar[str]  # for the docs and the instructor edition: "single choice"
    #: the formats that cannot carry this type at all, and why (shown in the export's summary)
    unsupported: ClassVar[dict[str, str]] = {}

    # ---- validate
    def check(self, q: dict[str, Any], c: Checker) -> None:  # noqa: B027 - most types have checks, some none
        """Semantic checks of one question, already valid against the bank's JSON Schema."""

    # ---- model
    @abstractmethod
    def body(self, q: dict[str, Any]) -> Body: ...

    # ---- transform
    @abstractmethod
    def public(self, q: Question, salt: str) -> dict[str, Any]: ...

    @abstractmethod
    def key(self, q: Question, salt: str) -> dict[str, Any]: ...

    # ---- grade
    @abstractmethod
    def grade(self, public: dict[str, Any], key: dict[str, Any], response: Any) -> Grade: ...

    # ---- render
    @abstractmethod
    def answer_html(self, q: Question, _: Gettext = same) -> str:
        """The instructor edition's answer; ``_`` translates its words into the chapter's language."""

    # ---- export
    def export_prompt(self, q: Question) -> str:
        """The question's text as an export writes it (numeric adds its unit)."""
        return q.prompt

    def export_problem(self, q: Question, fmt: str) -> str | None:
        """Why this question cannot be exported to fmt ('gift' or 'qti'), or None."""
        return self.unsupported.get(fmt)

    def gift(self, q: Question, w: GiftWriter) -> None:
        raise NotImplementedError(self.unsupported.get("gift", self.name))

    def qti(self, q: Question, it: QtiItem) -> None:
        raise NotImplementedError(self.unsupported.get("qti", self.name))

    # ---- prove
    @abstractmethod
    def responses(self, public: dict[str, Any], key: dict[str, Any]) -> tuple[Any, Any]:
        """(the key as a student's response, a response that is not fully right)."""


B = TypeVar("B")


def body_of(q: Question, cls: type[B]) -> B:
    """The question's typed fields, checked to be of its type's class."""
    if not isinstance(q.body, cls):
        raise TypeError(f"question '{q.id}' ({q.type}) has {type(q.body).__name__} fields, not {cls.__name__}")
    return q.body


def html_or_none(text: str) -> str | None:
    return markdown_html(text) or None


def fold(s: Any) -> str:
    """White space collapsed and case folded, as the runtime's norm()."""
    return " ".join(str(s).split()).casefold()

