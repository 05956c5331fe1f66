"""Book roots in temporary folders: the repository's hand-written book and config, plus a course."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATED_MARK = ".medialit-generated"


def make_book(dest: Path, course: Path) -> Path:
    """Like tests/conftest.py's make_book: _config.yml, _toc.yml and book/ (without generated chapters) from the
    repository, articles/ and quizzes/ from course."""
    dest.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(REPO / name, dest / name)
    shutil.copytree(REPO / "book", dest / "book",
                    ignore=lambda d, names: [n for n in names if (Path(d) / n / GENERATED_MARK).exists()])
    shutil.copytree(course / "articles", dest / "articles")
    if (course / "quizzes").exists():
        shutil.copytree(course / "quizzes", dest / "quizzes")
    return dest
