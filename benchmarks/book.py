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


def seed_copies(dest: Path, n: int) -> Path:
    """A course of n copies of the seed article, each with its three banks (ids and slugs numbered)."""
    import re

    for i in range(n):
        slug = f"mali-withdrawal-{i:03d}"
        shutil.copytree(REPO / "articles" / "mali-withdrawal", dest / "articles" / slug)
        (dest / "quizzes").mkdir(parents=True, exist_ok=True)
        for bank in sorted((REPO / "quizzes").glob("*.yaml")):
            text = re.sub(r"^bank: (\S+)", rf"bank: \g<1>-{i:03d}", bank.read_text("utf-8"), count=1, flags=re.M)
            text = re.sub(r"^article: \S+", f"article: {slug}", text, count=1, flags=re.M)
            (dest / "quizzes" / f"{bank.stem}-{i:03d}.yaml").write_text(text, "utf-8")
    return dest
