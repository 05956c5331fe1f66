"""Placeholders left in a course: text a student must never see, and guesses nobody has checked.

`medialit new` fills what it could not read from the file with values that pass the format (``"TODO: author"``,
the date 1970-01-01, an example question) so that a new chapter builds at once. `medialit check` lists them as
warnings; `medialit build` refuses to publish a course that still has any, unless given ``--allow-todo``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .diagnostics import Code
from .errors import Diagnostic, Report, display_path
from .load import Document, load_markdown, load_yaml
from .stages import discover

PLACEHOLDER_DATE = "1970-01-01"
_TODO = re.compile(r"\bTODO\b")
_EXAMPLE = re.compile(r"^\(Example question\b")
_GUESS = re.compile(r"^([A-Za-z_]+):[^#]*?\s(#\s*TODO\b.*)$")
CODE = Code.PLACEHOLDER


def _walk(value: Any, pointer: tuple[Any, ...] = ()):  # type: ignore[no-untyped-def]
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*pointer, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*pointer, i))
    else:
        yield pointer, value


def _field(pointer: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(pointer))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _values(doc: Document, base: Path | None, front: bool) -> list[Diagnostic]:
    out = []
    shown = display_path(doc.path, base)
    for pointer, value in _walk(doc.data):
        if not isinstance(value, str):
            continue
        line, col = doc.where(pointer)
        if _TODO.search(value):
            out.append(Diagnostic(shown, line, col, f"{_field(pointer)} is still a placeholder: \"{_short(value)}\"",
                                  "Write the real text (the TODO says what), or remove the entry.", CODE, "warning"))
        elif front and pointer == ("date",) and value == PLACEHOLDER_DATE:
            out.append(Diagnostic(shown, line, col, f"date is still the placeholder {PLACEHOLDER_DATE}",
                                  "Write the date the page was published (YYYY-MM-DD).", CODE, "warning"))
        elif pointer[-1:] == ("prompt",) and _EXAMPLE.match(value):
            out.append(Diagnostic(shown, line, col, f"{_field(pointer[:-1])} is the example question that "
                                  "medialit new wrote", "Replace it with a question of your own, or delete the line "
                                  "'(Example question: ...)' from its prompt if you keep it.", CODE, "warning"))
    return out


def _guesses(path: Path, text: str, base: Path | None) -> list[Diagnostic]:
    """Front-matter lines still marked `# TODO: check` (a value medialit guessed from the file)."""
    out = []
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return out
    for n, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        m = _GUESS.match(line)
        if m:
            out.append(Diagnostic(display_path(path, base), n, m.start(2) + 1,
                                  f"{m.group(1)} is marked \"{_short(m.group(2).lstrip('# '))}\"",
                                  "Check the value against the page as published, then delete the comment.",
                                  CODE, "warning"))
    return out


def find(root: Path, base: Path | None = None) -> list[Diagnostic]:
    """Every placeholder of the course under root, as warnings; files that do not load are left to the checks."""
    base = base if base is not None else root
    quiet = Report(base=base)
    out: list[Diagnostic] = []
    articles, banks = discover(root)
    for folder in articles:
        md_path = folder / "article.md"
        if md_path.is_file():
            md = load_markdown(md_path, quiet)
            if md is not None and md.front is not None:
                values = _values(md.front, base, front=True)
                lines = {d.line for d in values}
                out += values + [g for g in _guesses(md_path, md_path.read_text("utf-8", errors="replace"), base)
                                 if g.line not in lines]
        ann = folder / "annotations.yaml"
        if ann.is_file() and (doc := load_yaml(ann, quiet)) is not None:
            out += _values(doc, base, front=False)
    for path in banks:
        if (doc := load_yaml(path, quiet)) is not None:
            out += _values(doc, base, front=False)
    return sorted(set(out))
