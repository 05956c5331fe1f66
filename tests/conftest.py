"""Shared fixtures: a copy of a course in a temporary folder, and the CLI run in-process."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.cli import main

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ORACLE_BANKS = FIXTURES / "oracle" / "quizzes"  # banks of edge cases for the fixture article, for the oracle


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path, cwd: Path | None = None) -> Result:
    out, err = io.StringIO(), io.StringIO()
    argv = [str(a) for a in args]
    if cwd is not None:
        argv = ["--root", str(cwd), *argv]
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return Result(code, out.getvalue(), err.getvalue())


def make_book(dest: Path, course: Path) -> Path:
    """A book root: the repository's hand-written book and config, with the articles and banks of course."""
    dest.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy2(REPO / name, dest / name)
    shutil.copytree(REPO / "book", dest / "book",
                    ignore=lambda d, names: [n for n in names if (Path(d) / n / ".medialit-generated").exists()])
    shutil.copytree(course / "articles", dest / "articles")
    if (course / "quizzes").exists():
        shutil.copytree(course / "quizzes", dest / "quizzes")
    return dest


@pytest.fixture
def fixture_book(tmp_path: Path) -> Path:
    """A book with the small second article of the fixtures (not the seed)."""
    return make_book(tmp_path / "book-root", FIXTURES / "course")


@pytest.fixture
def seed_book(tmp_path: Path) -> Path:
    """A book with the repository's own articles and banks."""
    return make_book(tmp_path / "seed-root", REPO)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one for the whole session: the sync Playwright API allows one driver per thread."""
    from playwright.sync_api import sync_playwright

    from .browser_support import ARGS, CHROMIUM

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup.sh --test)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


QUIZ_SPEC = re.compile(r'<script type="application/json" class="mlq-spec">(.*?)</script>', re.S)


def quiz_specs(html: str) -> list[dict]:
    """The quiz specs in a page or a notebook's HTML output."""
    return [json.loads(block) for block in QUIZ_SPEC.findall(html)]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's book plus the fixture article and its banks, generated, built once and served."""
    from .browser_support import serve

    root = make_book(tmp_path_factory.mktemp("site") / "root", REPO)
    shutil.copytree(FIXTURES / "course" / "articles" / "town-library", root / "articles" / "town-library")
    for bank in sorted((FIXTURES / "course" / "quizzes").glob("*.yaml")) + sorted(ORACLE_BANKS.glob("*.yaml")):
        shutil.copy2(bank, root / "quizzes" / bank.name)
    res = run_cli("build", "--quiet", cwd=root)
    assert res.code == 0, res.err
    with serve(root / "_build" / "html") as url:
        yield url
