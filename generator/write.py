"""Write step: only files whose content changed, each atomically (write aside, then rename)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Code
from .errors import Report

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


STAGING = ".medialit-staging"  # book/<this>/<slug>/: a chapter's new files, until every chapter is ready


@dataclass(frozen=True)
class Staged:
    """A chapter folder's new content, written aside by the process that made it, ready to be moved into place.

    Only the files that are new or different are written aside (the others are compared where they stand), so
    moving them in is a rename each, and a run that fails anywhere leaves the book as it was."""

    folder: Path  # where the chapter goes: book/<slug>
    aside: Path  # where its changed files wait
    digests: dict[str, bytes]  # every file of the chapter: its path in the folder and the SHA-256 of its bytes
    changed: tuple[str, ...]  # written aside: new or different
    stale: tuple[str, ...]  # in the folder, no longer in the chapter: removed when the chapter is moved in
    new_folder: bool  # the folder does not exist yet: it is moved in whole


def stage_folder(folder: Path, files: dict[str, bytes], aside: Path, report: Report) -> Staged | None:
    """Compare a chapter's files with its folder and write aside those that differ; a folder that must not be
    written is reported (and nothing is written aside). Runs in the worker that made the chapter."""
    if folder.exists() and not folder.is_dir():
        report.add(folder, 1, 1, "a file stands where the chapter's folder belongs",
                   f"Move or rename this file: medialit writes the chapter of article '{folder.name}' into this "
                   "folder.", code=Code.WRITE)
        return None
    new_folder = not folder.is_dir()
    there = [] if new_folder else sorted(p for p in folder.rglob("*") if p.is_file())  # the folder, walked once
    gone = [p for p in there if p.relative_to(folder).as_posix() not in files]
    if not new_folder and not (folder / GENERATED_MARK).is_file() and any(not _is_temp(p) for p in gone):
        # unmarked, with pages the chapter does not have: hand-written pages that the sync would delete
        # (an unmarked copy of a chapter, as the instructor edition makes, holds only chapter pages)
        report.add(folder, 1, 1, f"this folder holds hand-written pages, and article '{folder.name}' would "
                   "overwrite them", f"Rename the article folder articles/{folder.name}/ to another slug, or move "
                   f"the hand-written pages elsewhere (medialit only writes into folders marked with "
                   f"{GENERATED_MARK}).", code=Code.WRITE)
        return None
    blocked = [rel for rel in sorted(files) if not new_folder and (folder / rel).is_dir()]
    for rel in blocked:  # found before anything is written
        report.add(folder / rel, 1, 1, f"cannot write the output: {os.strerror(errno.EISDIR)}",
                   "A folder stands where this page of the chapter belongs: move or rename it, then run again.",
                   code=Code.WRITE)
    if blocked:
        return None
    changed = []
    for rel, data in sorted(files.items()):
        if not new_folder:
            try:
                if (folder / rel).read_bytes() == data:
                    continue
            except OSError:
                pass
        target = aside / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:  # named as the file meant, not the one aside
            report.add(folder / rel, 1, 1, f"cannot write the output: {exc.strerror}",
                       "Check that the book folder is writable (permissions, disk space), then run again.",
                       code=Code.WRITE)
            return None
        changed.append(rel)
    stale = tuple(p.relative_to(folder).as_posix() for p in gone)
    digests = {rel: hashlib.sha256(data).digest() for rel, data in files.items()}
    return Staged(folder=folder, aside=aside, digests=digests, changed=tuple(changed), stale=stale,
                  new_folder=new_folder)


def move_in(staged: Staged, stats: WriteStats) -> None:
    """Put a staged chapter in its folder: its changed files in (each a rename, so each is whole whenever the run
    stops), its stale files out."""
    folder = staged.folder
    if staged.new_folder:
        folder.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged.aside, folder)
        stats.written.extend(folder / rel for rel in sorted(staged.digests))
        return
    for rel in staged.changed:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(staged.aside / rel, folder / rel)
        except OSError as exc:  # name the file meant, not the one aside
            raise OSError(exc.errno, exc.strerror, str(folder / rel)) from exc
        stats.written.append(folder / rel)
    changed = set(staged.changed)
    stats.unchanged.extend(folder / rel for rel in sorted(staged.digests) if rel not in changed)
    for rel in staged.stale:
        (folder / rel).unlink(missing_ok=True)
        stats.removed.append(folder / rel)
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
