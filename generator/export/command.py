"""``medialit export --format gift|qti BANK``."""

from __future__ import annotations

import sys
from pathlib import Path

from ..diagnostics import Code
from ..errors import MedialitError, Report, display_path
from ..stages import load_bank
from .gift import build_gift
from .notes import FORMAT_NAMES
from .qti import build_qti


def _resolve(root: Path, bank: Path) -> Path:
    if bank.is_absolute() or bank.exists() or not (root / bank).exists():
        return bank
    return root / bank


def cmd_export(root: Path, bank: Path, fmt: str, output: Path | None, strict: bool = False) -> int:
    """Write the export, print where; 0 on success. With strict, a question left out is an error: nothing is
    written."""
    if fmt not in FORMAT_NAMES:
        raise ValueError(f"unknown export format {fmt!r}")
    report = Report(base=root)
    loaded = load_bank(_resolve(root, bank), report)
    if loaded is None or not report.ok:
        raise MedialitError(report)
    result = build_gift(loaded) if fmt == "gift" else build_qti(loaded)
    for note in result.notes:
        print(note.format(root), file=sys.stderr)
    if strict and result.skipped:
        for note in result.skipped:
            loc = note.loc or loaded.loc
            report.add(loc.path, loc.line, loc.column, note.text(),
                       "Change the question to a type the format carries, move it to a bank you do not export, or "
                       "export without --strict.", code=Code.EXPORT_UNSUPPORTED)
        raise MedialitError(report, f"--strict: {len(result.skipped)} of {len(loaded.questions)} questions cannot "
                                    f"be exported, so nothing was written")
    if not result.exported:
        report.add(loaded.loc.path, loaded.loc.line, loaded.loc.column,
                   f"bank '{loaded.id}' has no question that {FORMAT_NAMES[fmt]} can carry "
                   f"({len(loaded.questions)} not exported, see the warnings above)",
                   "Add questions of a type the format supports (see the export page of the instructor guide), "
                   "or export to the other format.", code=Code.EXPORT_EMPTY)
        raise MedialitError(report)
    if output is None:
        name = f"{loaded.id}.gift" if fmt == "gift" else f"{loaded.id}-qti.zip"
        output = root / "_build" / "export" / name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(result.data)
    total, done = len(loaded.questions), len(result.exported)
    kinds: dict[str, int] = {}
    for note in result.skipped:
        kinds[note.type] = kinds.get(note.type, 0) + 1
    named = ", ".join(f"{n} {t}" for t, n in sorted(kinds.items()))
    left = f"; not exported: {named}, see the warnings above" if done < total else ""
    print(f"medialit: wrote {display_path(output, root)} ({FORMAT_NAMES[fmt]}, {done} of {total} "
          f"question{'s' if total != 1 else ''} exported{left}).")
    return 0
