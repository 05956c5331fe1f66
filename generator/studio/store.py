"""The studio's access to the course folder: what it may read, how it saves, and how a save is checked.

Every path is built from a validated name (an article slug, a bank file name) under the course folder and checked
to resolve inside it, so no request can read or write anything else. A save names the version of the file it was
made from (a hash of the bytes read when the file was opened); if the file changed on disk since, the save is
refused. A save is checked by the same checks as ``medialit check`` on a copy of the course with the new text in
place (in ``_build/.studio-check/`` under the course folder), before anything is written; the file is then written
atomically.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check import check_course
from ..errors import Diagnostic, Report, display_path
from ..load import parse_yaml
from ..stages import SLUG
from ..write import atomic_write
from . import roundtrip

BANK_NAME = re.compile(r"^\w[\w.-]*\.ya?ml$")
CHECK_DIR = Path("_build") / ".studio-check"


class NotFound(Exception):
    pass


class Conflict(Exception):
    """The file changed on disk since the studio opened it."""


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    hint: str
    severity: str
    field: tuple[Any, ...] | None  # the pointer of the value the problem is about, in the file it names

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message,
                "hint": self.hint, "severity": self.severity, "field": list(self.field) if self.field else None}


def version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Course:
    def __init__(self, root: Path):
        self.root = root.resolve()

    # -- paths
    def _inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise NotFound(str(path))
        return resolved

    def annotations_path(self, slug: str) -> Path:
        if not SLUG.match(slug) or not (self.root / "articles" / slug).is_dir():
            raise NotFound(slug)
        return self._inside(self.root / "articles" / slug / "annotations.yaml")

    def article_path(self, slug: str) -> Path:
        if not SLUG.match(slug):
            raise NotFound(slug)
        return self._inside(self.root / "articles" / slug / "article.md")

    def bank_path(self, name: str) -> Path:
        if not BANK_NAME.match(name):
            raise NotFound(name)
        path = self._inside(self.root / "quizzes" / name)
        if not path.is_file():
            raise NotFound(name)
        return path

    def rel(self, path: Path) -> str:
        return display_path(path, self.root)

    # -- reading
    def read(self, path: Path) -> tuple[str, str]:
        """The file's text and its version."""
        if not path.is_file():
            raise NotFound(self.rel(path))
        data = path.read_bytes()
        return data.decode("utf-8"), version(data)

    def articles(self) -> list[Path]:
        folder = self.root / "articles"
        return sorted(p for p in folder.iterdir() if p.is_dir() and SLUG.match(p.name)) if folder.is_dir() else []

    def banks(self) -> list[Path]:
        folder = self.root / "quizzes"
        return sorted(p for p in folder.iterdir() if p.is_file() and BANK_NAME.match(p.name)) \
            if folder.is_dir() else []

    # -- checking and saving
    def check(self, replace: dict[Path, str] | None = None) -> list[Diagnostic]:
        """Every problem `medialit check` reports, for the course as it is or with some files' text replaced."""
        if not replace:
            return check_course(self.root).diagnostics
        copy = self.root / CHECK_DIR
        if copy.exists():
            shutil.rmtree(copy)
        for sub in ("articles", "quizzes"):
            if (self.root / sub).is_dir():
                shutil.copytree(self.root / sub, copy / sub, symlinks=False,
                                ignore=shutil.ignore_patterns("suggestions.yaml", ".*"))
        for path, text in replace.items():
            target = copy / path.relative_to(self.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            return check_course(copy).diagnostics
        finally:
            shutil.rmtree(copy, ignore_errors=True)

    def problems(self, diagnostics: list[Diagnostic], texts: dict[str, str]) -> list[Problem]:
        """Diagnostics with, for the files in texts (shown path -> text), the field each one is about."""
        positions = {name: _positions(name, text) for name, text in texts.items()}
        out = []
        for d in diagnostics:
            field = _field_at(positions[d.path], d.line, d.column) if d.path in positions else None
            out.append(Problem(d.path, d.line, d.column, d.message, d.hint, d.severity, field))
        return out

    def save(self, path: Path, base_version: str, data: Any, force: bool = False,
             top_keys: tuple[str, ...] = ()) -> tuple[bool, str, str, list[Problem]]:
        """Merge data (top-level key -> JSON value) into the file; check; write unless the check finds errors
        (or force). Returns (written, new text, its version, problems)."""
        text, current = self.read(path)
        if current != base_version:
            raise Conflict(self.rel(path))
        doc = roundtrip.load(text)
        for key in top_keys:
            if key in data:
                if data[key] is None:
                    doc.pop(key, None)
                else:
                    doc[key] = roundtrip.merge(doc[key], data[key], key) if key in doc else \
                        roundtrip.merge(None, data[key], key)
        new_text = roundtrip.dump(doc, text)
        diagnostics = self.check({path: new_text})
        shown = self.rel(path)
        problems = self.problems(diagnostics, {shown: new_text})
        errors = [p for p in problems if p.severity == "error"]
        if errors and not force:
            return False, text, current, problems
        encoded = new_text.encode("utf-8")
        if encoded != text.encode("utf-8"):
            atomic_write(path, encoded)
        return True, new_text, version(encoded), problems


def _positions(name: str, text: str) -> dict[tuple[int, int], tuple[Any, ...]]:
    """(line, column) -> the longest pointer standing there (values and keys), from the project's own loader."""
    if name.endswith(".md"):
        m = re.match(r"\A---[ \t]*\n(.*?\n)?---", text, re.S)
        doc = parse_yaml(m.group(1) or "", Path(name), Report(), line_offset=1) if m else None
    else:
        doc = parse_yaml(text, Path(name), Report())
    if doc is None:
        return {}
    out: dict[tuple[int, int], tuple[Any, ...]] = {}
    for table in (doc.positions, doc.key_positions):
        for pointer, (line, col) in table.items():
            at = (line + 1 + doc.line_offset, col + 1)
            if len(pointer) >= len(out.get(at, ())):
                out[at] = pointer
    return out


def _field_at(positions: dict[tuple[int, int], tuple[Any, ...]], line: int, column: int) -> tuple[Any, ...] | None:
    if (line, column) in positions:
        return positions[(line, column)]
    same_line = [p for (ln, _), p in positions.items() if ln == line]
    return max(same_line, key=len) if same_line else None
