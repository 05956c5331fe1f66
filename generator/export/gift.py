"""GIFT, the plain-text format Moodle imports (``question/format/gift/format.php``).

The question text carries the ``[markdown]`` marker, which answers and feedback inherit; the reserved characters
``~ = # { } :`` and the backslash are escaped with a backslash; new lines become ``\\n``, so a question never
holds the blank line that separates questions. Each type writes its own answers (``QuestionType.gift``).
"""

from __future__ import annotations

import re

from ..model import Bank, Question
from ..questions import REGISTRY
from ..questions.numeric import number
from .notes import Export, Notes, exportable

_RESERVED = re.compile(r"([\\~=#{}:])")
# The grades Moodle accepts for an answer (question_bank::fraction_options); an import with another value fails
# unless the teacher picks "nearest grade", so weights are rounded to the nearest of these.
_MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                  14.28571, 12.5, 11.11111, 10, 5, 0)
_WEIGHT_LIKE = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")  # Moodle's own test for an answer weight


def gift_escape(text: str) -> str:
    """Escape text for GIFT: a backslash before ``\\ ~ = # { } :``; new lines as ``\\n``."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _RESERVED.sub(r"\\\1", text).replace("\n", "\\n")


def join(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


class GiftWriter:
    """One question's answer block, as its type writes it."""

    escape = staticmethod(gift_escape)
    join = staticmethod(join)

    def __init__(self, q: Question, notes: Notes):
        self.q = q
        self._notes = notes
        self.lines: list[str] = []
        self._inline: str | None = None
        self._numeric = False

    def note(self, message: str) -> None:
        self._notes.question(self.q, message)

    def line(self, text: str) -> None:
        self.lines.append(text)

    def choice(self, mark: str, text: str, feedback: str) -> None:
        answer = gift_escape(text.strip())
        if mark == "~" and _WEIGHT_LIKE.match(answer):
            mark = "~%0%"  # an option such as "%50% of readers" must not be read as a weight
        self.lines.append(f"\t{mark}{answer}" + (f"#{gift_escape(feedback.strip())}" if feedback.strip() else ""))

    @staticmethod
    def weight(percent: float) -> str:
        nearest = min(_MOODLE_GRADES, key=lambda g: abs(g - abs(percent)))
        text = f"{nearest:.5f}".rstrip("0").rstrip(".")
        return f"-{text}" if percent < 0 and nearest else text

    @staticmethod
    def looks_like_weight(answer: str) -> bool:
        return bool(_WEIGHT_LIKE.match(answer))

    def inline(self, body: str) -> None:
        """The whole answer on the question's line (true-false: ``{TRUE#wrong#right}``)."""
        self._inline = body

    def numeric(self) -> None:
        self._numeric = True

    def text(self, head: str) -> str:
        explanation = self.q.explanation.strip()
        if self._inline is not None:
            return f"{head}{{{self._inline}" + (f"####{gift_escape(explanation)}" if explanation else "") + "}"
        general = [f"\t####{gift_escape(explanation)}"] if explanation else []
        return "\n".join([f"{head}{{" + ("#" if self._numeric else ""), *self.lines, *general, "}"])


def build_gift(bank: Bank) -> Export:
    notes = Notes(bank)
    chosen = exportable(bank, "gift", notes)
    if bank.draw:
        notes.whole(f"'draw: {bank.draw}' is not exported: in the Moodle quiz, add {bank.draw} random questions "
                    f"from the category '{bank.id}'")
    title = " ".join(bank.title.split())
    out = [f"// Question bank '{bank.id}': {title}",
           "// Exported by medialit. In Moodle: Question bank > Import > GIFT format.",
           f"$CATEGORY: $course$/top/{bank.id}", ""]
    for q in chosen:
        points = number(q.points)
        if q.points != 1:
            notes.question(q, f"it is worth {points} points in the bank, but GIFT has no marks: every imported "
                              "question is worth 1; set its mark in the Moodle quiz")
        out.append(f"// {q.id} ({q.type}, {points} point{'s' if q.points != 1 else ''})")
        w = GiftWriter(q, notes)
        REGISTRY[q.type].gift(q, w)
        out.append(w.text(f"::{gift_escape(q.id)}::[markdown]{gift_escape(REGISTRY[q.type].export_prompt(q).strip())}"))
        out.append("")
    return Export(("\n".join(out)).encode("utf-8"), [q.id for q in chosen], notes.in_order())


def to_gift(bank: Bank) -> str:
    """The bank as GIFT text; questions GIFT cannot carry are left out (see ``build_gift`` for the notes)."""
    return build_gift(bank).data.decode("utf-8")
