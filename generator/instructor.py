"""The instructor edition: a separate source tree and site, never published with the student one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .generate import generate

INSTRUCTOR_SRC = Path("_build") / "instructor-src"


def prepare_instructor_source(root: Path) -> Path:
    src = root / INSTRUCTOR_SRC
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    shutil.copy2(root / "_toc.yml", src / "_toc.yml")
    config = (root / "_config.yml").read_text("utf-8")
    config = re.sub(r'^title: *"?(.*?)"? *$', lambda m: f'title: "{m.group(1)} (instructor edition)"', config,
                    count=1, flags=re.M)
    (src / "_config.yml").write_text(config, "utf-8")
    shutil.copytree(root / "book", src / "book", ignore=shutil.ignore_patterns(".medialit-generated"))
    generate(root, out_root=src, instructor=True)
    return src
