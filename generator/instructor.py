"""The instructor edition: a separate source tree and site, never published with the student one."""

from __future__ import annotations

import shutil
from pathlib import Path

from .generate import generate

INSTRUCTOR_SRC = Path("_build") / "instructor-src"


def prepare_instructor_source(root: Path) -> Path:
    src = root / INSTRUCTOR_SRC
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(root / name, src / name)
    shutil.copytree(root / "book", src / "book", ignore=shutil.ignore_patterns(".medialit-generated"))
    generate(root, out_root=src, instructor=True)
    return src
