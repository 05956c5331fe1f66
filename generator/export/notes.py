"""What an export left out or changed: warning diagnostics, named by bank, question and type."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Code
from ..errors import Diagnostic, display_path
from ..model import Bank, Loc, Question
from ..questions import REGISTRY

FORMAT_NAMES = {"gift": "GIFT (Moodle)", "qti": "QTI 1.2 (Canvas)"}


@dataclass(frozen=True)
class ExportNote:
    """Something the target format cannot carry. ``skipped``: the whole question was left out."""

    bank: str
    question: str | None  # None: about the whole bank
    type: str
    message: str
    skipped: bool = False
    loc: Loc | None = None

    @property
    def code(self) -> Code:
        return Code.EXPORT_UNSUPPORTED if self.skipped else Code.EXPORT_LOSSY

    def text(self) -> str:
        if self.question is None:
            return f"bank '{self.bank}': {self.message}"
        what = f"question '{self.question}' ({self.type}) of bank '{self.bank}'"
        return f"{what} was not exported: {self.message}" if self.skipped else f"{what}: {self.message}"

    def diagnostic(self, base: Path | None = None) -> Diagnostic:
        loc = self.loc
        path = display_path(loc.path, base) if loc else ""
        return Diagnostic(path, loc.line if loc else 1, loc.column if loc else 1, self.text(), code=self.code,
                          severity="warning")

    def format(self, base: Path | None = None) -> str:
        return self.diagnostic(base).format()


@dataclass
class Export:
    data: bytes
    exported: list[str] = field(default_factory=list)  # question ids, in bank order
    notes: list[ExportNote] = field(default_factory=list)

    @property
    def skipped(self) -> list[ExportNote]:
        return [n for n in self.notes if n.skipped]


class Notes:
    def __init__(self, bank: Bank):
        self.bank = bank
        self.items: list[ExportNote] = []

    def question(self, q: Question, message: str, skipped: bool = False) -> None:
        self.items.append(ExportNote(self.bank.id, q.id, q.type, message, skipped, q.loc))

    def whole(self, message: str) -> None:
        self.items.append(ExportNote(self.bank.id, None, "", message, False, self.bank.loc))

    def in_order(self) -> list[ExportNote]:
        """Bank notes first, then by place in the file (a stable sort keeps each question's notes in order)."""
        return sorted(self.items, key=lambda n: (n.question is not None, n.loc.line if n.loc else 0))


def exportable(bank: Bank, fmt: str, notes: Notes) -> list[Question]:
    """The questions fmt can carry; each other one is noted as skipped, with the reason. Then the notes every
    format shares: hints and pinned options."""
    chosen: list[Question] = []
    for q in bank.questions:
        kind = REGISTRY.get(q.type)
        why = f"medialit does not know how to export the type '{q.type}'" if kind is None else \
            kind.export_problem(q, fmt)
        if why:
            notes.question(q, why, skipped=True)
        else:
            chosen.append(q)
    hinted = [q.id for q in chosen if q.hint]
    if len(hinted) == 1:
        notes.whole(f"the hint of 1 question is not exported: {FORMAT_NAMES[fmt]} has no hints")
    elif hinted:
        notes.whole(f"the hints of {len(hinted)} questions are not exported: {FORMAT_NAMES[fmt]} has no hints")
    if bank.shuffle:
        for q in chosen:
            pinned = [o.text for o in getattr(q.body, "options", ()) if o.pinned]
            if pinned:
                notes.question(q, f"the pinned option {pinned[0]!r} may be shuffled: the format cannot pin an "
                                  "option, so turn answer shuffling off for this question in the platform")
    return chosen
