"""Diagnostics: every problem names a file, a line, a column, a message and a hint."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .diagnostics import Code


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    code: str = "error"  # a Code from generator.diagnostics
    severity: str = "error"

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Report:
    """Collects every problem of a run, so one run reports them all."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    base: Path | None = None  # paths are shown relative to this folder (the book root)

    def add(self, path: str | Path, line: int, column: int, message: str, hint: str = "", *, code: Code) -> None:
        shown = display_path(path, self.base)
        self.diagnostics.append(Diagnostic(shown, max(line, 1), max(column, 1), message, hint, code))

    def extend(self, other: Report) -> None:
        self.diagnostics.extend(other.diagnostics)

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics))

    def as_text(self) -> str:
        return "\n".join(d.format() for d in self.sorted())

    def as_json(self) -> str:
        return json.dumps({"errors": [asdict(d) for d in self.sorted()]}, indent=2, ensure_ascii=False)


class MedialitError(Exception):
    """A problem the user can fix; the CLI prints it and exits 1, never a traceback."""

    def __init__(self, report: Report, outcome: str = "nothing was written"):
        super().__init__(report.as_text())
        self.report = report
        self.outcome = outcome  # what the run changed before it stopped, for the summary line


def plural(count: int, noun: str) -> str:
    """'1 file', '2 files': for the command's summary lines."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def display_path(path: str | Path, base: Path | None = None) -> str:
    p = Path(path)
    for folder in (base, Path.cwd()):
        if folder is None:
            continue
        try:
            return p.resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:
            continue
    return p.as_posix()
