"""What `medialit check` checks, in one place: the course's problems (errors) and its placeholders (warnings).

The command and the studio both call `check_course`, so a save in the studio is checked exactly as the command
checks the files on disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import placeholders
from .errors import Diagnostic, MedialitError, Report
from .model import Course
from .pool import Pool, serial
from .stages import load_course


@dataclass
class CheckResult:
    report: Report  # the errors
    course: Course | None
    warnings: list[Diagnostic] = field(default_factory=list)  # placeholders: the course builds, but is not ready

    @property
    def ok(self) -> bool:
        return self.report.ok

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted(set(self.report.diagnostics) | set(self.warnings))


def check_course(root: Path, pool: Pool | None = None, base: Path | None = None) -> CheckResult:
    report = Report(base=base if base is not None else root)
    try:
        course: Course | None = load_course(root, report, pool if pool is not None else serial())
    except MedialitError:
        course = None
    return CheckResult(report, course, placeholders.find(root, report.base))
