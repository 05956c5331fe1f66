"""Write step: only files whose content changed, each atomically (write aside, then rename)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

GENERATED_MARK = ".medialit-generated"


@dataclass
class WriteStats:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes, stats: WriteStats) -> None:
    try:
        if path.is_file() and path.read_bytes() == data:
            stats.unchanged.append(path)
            return
    except OSError:
        pass
    atomic_write(path, data)
    stats.written.append(path)


def sync_folder(folder: Path, files: dict[str, bytes], stats: WriteStats) -> None:
    """Make folder hold exactly files (relative paths): write what changed, then drop what is stale."""
    for rel, data in sorted(files.items()):
        write_if_changed(folder / rel, data, stats)
    keep = {folder / rel for rel in files}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
            stats.removed.append(path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
