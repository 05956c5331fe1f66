"""Write step: only files whose content changed, each atomically (write aside, then rename)."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Code

GENERATED_MARK = ".medialit-generated"


@dataclass
class WriteStats:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    processes: int = 1  # how many processes loaded and rendered the course


ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: the same bytes from every run


def deterministic_zip(files: dict[str, bytes], compresslevel: int | None = None) -> bytes:
    """A zip of files (name: bytes) that is the same bytes on every run: sorted names, a fixed date, fixed modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name], compresslevel=compresslevel)
    return buffer.getvalue()


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        # no fsync: the rename alone keeps the old file or the new one whole if the run stops; generated files
        # are written again by the next run, so a power cut costs nothing that fsync (0.5 ms a file) would save
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and (tmp is None or exc.filename == tmp):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc  # name the file meant, not the temporary one
        raise


def _is_temp(path: Path) -> bool:
    """A temporary file of atomic_write, left behind if a run was killed; the next run removes it."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def write_if_changed(path: Path, data: bytes, stats: WriteStats) -> None:
    try:
        if path.is_file() and path.read_bytes() == data:
            stats.unchanged.append(path)
            return
    except OSError:
        pass
    atomic_write(path, data)
    stats.written.append(path)


def _refuse(folder: Path, message: str, hint: str) -> None:
    from .errors import MedialitError, Report

    report = Report(base=folder.parent.parent)  # the book root: folder is <root>/book/<slug>
    report.add(folder, 1, 1, message, hint, code=Code.WRITE)
    raise MedialitError(report)


def sync_folder(folder: Path, files: dict[str, bytes], stats: WriteStats) -> None:
    """Make folder hold exactly files (relative paths): write what changed, then drop what is stale.

    A folder that exists without the generated mark and holds other pages is hand-written: it is never touched."""
    if folder.exists() and not folder.is_dir():
        _refuse(folder, "a file stands where the chapter's folder belongs",
                f"Move or rename this file: medialit writes the chapter of article '{folder.name}' into this folder.")
    if folder.is_dir() and not (folder / GENERATED_MARK).is_file() and any(
            p.is_file() and not _is_temp(p) and p.relative_to(folder).as_posix() not in files
            for p in folder.rglob("*")):
        # unmarked, with pages the chapter does not have: hand-written pages that the sync would delete
        # (an unmarked copy of a chapter, as the instructor edition makes, holds only chapter pages)
        _refuse(folder, f"this folder holds hand-written pages, and article '{folder.name}' would overwrite them",
                f"Rename the article folder articles/{folder.name}/ to another slug, or move the hand-written "
                f"pages elsewhere (medialit only writes into folders marked with {GENERATED_MARK}).")
    for rel, data in sorted(files.items()):
        write_if_changed(folder / rel, data, stats)
    keep = {folder / rel for rel in files}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
            stats.removed.append(path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
