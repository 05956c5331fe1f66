"""A chapter's output tied to its inputs: the fingerprint of a generation, to skip one that would change nothing.

The fingerprint is a SHA-256 over the generator's own files, the edition (student or instructor), every input file
(each article's ``article.md`` and ``annotations.yaml``, every bank, ``_config.yml``) and every output file (each
generated chapter folder, ``_toc.yml``), names and the SHA-256 of their bytes. A run that writes records it in
``_build/.medialit/``; a later run that finds the same fingerprint, computed afresh from the files on disk, has
nothing to do: the inputs were checked and rendered into exactly these outputs. Anything else, an edited page of a
chapter included, makes a full run. Deleting ``_build/`` only makes the next run a full one.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath

from . import __version__
from .stages import discover
from .write import GENERATED_MARK, atomic_write

_SUFFIXES = (".py", ".js", ".css", ".json", ".po")  # .po: a translation edited makes the chapters stale


@cache
def generator_digest() -> str:
    """The generator's own code and data: a new version renders anew."""
    h = hashlib.sha256()
    base = Path(str(resources.files("generator")))
    for path in sorted(p for p in base.rglob("*") if p.suffix in _SUFFIXES and "__pycache__" not in p.parts):
        h.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def chapter_digest(sources: list[Path], root: Path, instructor: bool, book: str) -> str:
    """What one chapter is made from (its article's files and its banks, the medialit version, the edition, and the
    book's reviewer and address that its ClaimReview data names), as the ``inputs:`` line of its mark."""
    h = hashlib.sha256(f"medialit {__version__}\0{instructor}\0{book}\0".encode())
    for path in sorted(sources):
        h.update(path.resolve().relative_to(root.resolve()).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _inputs(root: Path) -> list[Path]:
    folders, banks = discover(root)
    files = [f / name for f in folders for name in ("article.md", "annotations.yaml")]
    return [*files, *banks, root / "_config.yml"]


def _outputs(out_root: Path) -> list[Path]:
    book = out_root / "book"
    chapters = sorted(m.parent for m in book.glob(f"*/{GENERATED_MARK}"))
    return [*(p for c in chapters for p in sorted(c.rglob("*")) if p.is_file()), out_root / "_toc.yml"]


class Stamp:
    def __init__(self, out_root: Path, instructor: bool) -> None:
        self.out_root = out_root
        self.instructor = instructor
        self.path = out_root / "_build" / ".medialit" / ("generate-instructor.json" if instructor else "generate.json")
        self.outputs: list[Path] = []

    def _digest(self, files: list[tuple[str, bytes]]) -> str:
        h = hashlib.sha256(f"{generator_digest()}\0{self.instructor}\0".encode())
        for name, digest in files:
            h.update(name.encode() + b"\0" + digest)
        return h.hexdigest()

    @staticmethod
    def _read(paths: list[Path], base: Path) -> list[tuple[str, bytes]]:
        return [(p.relative_to(base).as_posix(), hashlib.sha256(p.read_bytes()).digest()) for p in paths]

    def _files(self, root: Path) -> tuple[list[Path], list[tuple[str, bytes]]]:
        """The outputs, and every input and output file's name and the SHA-256 of its bytes."""
        outputs = _outputs(self.out_root)
        written = sorted(self._read(outputs, self.out_root), key=lambda f: PurePosixPath(f[0]))
        return outputs, self._read(_inputs(root), root) + written

    def fresh(self, root: Path) -> bool:
        try:
            saved = json.loads(self.path.read_text("utf-8"))
            outputs, files = self._files(root)
        except (OSError, ValueError):
            return False
        if not isinstance(saved, dict) or saved.get("fingerprint") != self._digest(files):
            return False
        self.outputs = outputs
        return True

    def record(self, root: Path, outputs: dict[str, bytes]) -> None:
        """After a run that wrote the outputs (``outputs``: the SHA-256 of every output file's bytes, by its path
        under out_root, just as written): their fingerprint, for the next run. A stamp that cannot be written costs
        the next run its shortcut, nothing more."""
        names = sorted(outputs, key=PurePosixPath)  # as _files orders them when it reads them from the disk
        try:
            files = self._read(_inputs(root), root) + [(n, outputs[n]) for n in names]
            data = json.dumps({"fingerprint": self._digest(files), "outputs": len(names)}) + "\n"
            atomic_write(self.path, data.encode("utf-8"))
        except OSError:
            pass
