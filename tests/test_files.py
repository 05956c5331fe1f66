"""The files `medialit generate` writes: only book/<slug>/ and the _toc.yml block; complete files even when killed;
a clear error, exit 1 and no traceback when the output cannot be written.

The tests run as root in CI, where permission bits do not stop writes, so an unwritable output is made by
putting a file or folder where the other kind belongs: that fails for root too.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from generator.write import GENERATED_MARK, STAGING

from .conftest import FIXTURES, REPO, make_book, run_cli

SLUG = "town-library"


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under root (the build output excluded): content hash and modification time."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and not rel.startswith("_build/"):
            out[rel] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    return out


def toc_outside_block(text: str) -> str:
    head, _, rest = text.partition("# medialit:begin")
    _, _, tail = rest.partition("# medialit:end")
    return head + tail


def generated(rel: str) -> bool:
    return rel == "_toc.yml" or any(rel.startswith(f"book/{s}/") for s in ("town-library", "second-town"))


# ---------------------------------------------------------------------------------------------------------------
# Only book/<slug>/ and the block of _toc.yml are written.


def test_generate_writes_only_its_chapters_and_the_toc_block(fixture_book: Path) -> None:
    before = snapshot(fixture_book)
    toc_before = (fixture_book / "_toc.yml").read_text("utf-8")
    time.sleep(0.01)

    def unchanged_elsewhere() -> None:
        now = snapshot(fixture_book)
        others_before = {k: v for k, v in before.items() if not generated(k)}
        others_now = {k: v for k, v in now.items() if not generated(k)}
        assert others_now == others_before  # same files, same bytes, not even rewritten (same mtime)
        assert toc_outside_block((fixture_book / "_toc.yml").read_text("utf-8")) == toc_outside_block(toc_before)

    assert run_cli("generate", "--quiet", cwd=fixture_book).code == 0
    unchanged_elsewhere()
    assert (fixture_book / "book" / SLUG / GENERATED_MARK).is_file()

    # a second article, an edit, a second run
    shutil.copytree(fixture_book / "articles" / SLUG, fixture_book / "articles" / "second-town")
    toc_before = (fixture_book / "_toc.yml").read_text("utf-8")
    ann = fixture_book / "articles" / "second-town" / "annotations.yaml"
    ann.write_text(ann.read_text("utf-8").replace("A prediction stated as certain.", "Edited note."), "utf-8")
    before = snapshot(fixture_book)
    assert run_cli("generate", "--quiet", cwd=fixture_book).code == 0
    unchanged_elsewhere()
    assert (fixture_book / "book" / "second-town" / "index.md").is_file()

    # the article removed: its chapter goes, nothing else
    shutil.rmtree(fixture_book / "articles" / "second-town")
    toc_before = (fixture_book / "_toc.yml").read_text("utf-8")
    before = snapshot(fixture_book)
    assert run_cli("generate", "--quiet", cwd=fixture_book).code == 0
    unchanged_elsewhere()
    assert not (fixture_book / "book" / "second-town").exists()
    assert "second-town" not in (fixture_book / "_toc.yml").read_text("utf-8")


def test_hand_written_pages_are_never_touched(fixture_book: Path) -> None:
    """An article whose slug is the name of a hand-written book folder is refused; that folder stays as it was."""
    hand = fixture_book / "book" / "methods"
    before = snapshot(hand)
    shutil.copytree(fixture_book / "articles" / SLUG, fixture_book / "articles" / "methods")
    (fixture_book / "quizzes" / f"{SLUG}.yaml").unlink()
    toc = (fixture_book / "_toc.yml").read_bytes()
    res = run_cli("generate", cwd=fixture_book)
    assert res.code == 1 and "Traceback" not in res.err
    assert "book/methods:1:1: error: this folder holds hand-written pages, and article 'methods' would overwrite " \
           "them" in res.err
    assert "hint: Rename the article folder articles/methods/" in res.err
    assert snapshot(hand) == before
    assert (fixture_book / "_toc.yml").read_bytes() == toc


def test_stale_hand_written_folder_is_not_removed(fixture_book: Path) -> None:
    """Only folders carrying the generated mark are removed when their article goes away."""
    notes = fixture_book / "book" / "my-notes"
    notes.mkdir()
    (notes / "page.md").write_text("# Mine\n", "utf-8")
    assert run_cli("generate", "--quiet", cwd=fixture_book).code == 0
    assert (notes / "page.md").read_text("utf-8") == "# Mine\n"


# ---------------------------------------------------------------------------------------------------------------
# Output that cannot be written: the error names the place, exit 1, no traceback, _toc.yml unchanged.


def _file_instead_of_chapter(book: Path) -> str:
    (book / "book" / SLUG).write_text("not a folder", "utf-8")
    return f"book/{SLUG}:1:1: error: a file stands where the chapter's folder belongs"


def _folder_instead_of_page(book: Path) -> str:
    assert run_cli("generate", "--quiet", cwd=book).code == 0
    page = book / "book" / SLUG / "index.md"
    page.unlink()
    page.mkdir()
    (page / "x").write_text("x", "utf-8")
    art = book / "articles" / SLUG / "article.md"
    art.write_text(art.read_text("utf-8").replace("A. Tester", "B. Tester"), "utf-8")  # index.md must change
    return f"book/{SLUG}/index.md:1:1: error: cannot write the output: Is a directory"


def _file_instead_of_book(book: Path) -> str:
    shutil.rmtree(book / "book")
    (book / "book").write_text("not a folder", "utf-8")
    return "error: cannot write the output: Not a directory"


def _folder_instead_of_toc(book: Path) -> str:
    (book / "_toc.yml").unlink()
    (book / "_toc.yml").mkdir()
    return "_toc.yml:1:1: error: cannot read or write this: Is a directory"


def _toc_without_markers(book: Path) -> str:
    toc = book / "_toc.yml"
    toc.write_text(toc.read_text("utf-8").replace("# medialit:begin", "# begin"), "utf-8")
    return "_toc.yml:1:1: error: _toc.yml has no '# medialit:begin' and '# medialit:end' marker lines"


UNWRITABLE = [_file_instead_of_chapter, _folder_instead_of_page, _file_instead_of_book, _folder_instead_of_toc,
              _toc_without_markers]


@pytest.mark.parametrize("make_unwritable", UNWRITABLE, ids=[f.__name__.strip("_") for f in UNWRITABLE])
def test_unwritable_output_gives_a_clear_error(fixture_book: Path, make_unwritable) -> None:  # type: ignore[no-untyped-def]
    expected = make_unwritable(fixture_book)
    toc = fixture_book / "_toc.yml"
    toc_before = toc.read_bytes() if toc.is_file() else None
    for cmd in ("generate", "build"):
        res = run_cli(cmd, cwd=fixture_book)
        assert res.code == 1, (cmd, res.out, res.err)
        assert "Traceback" not in res.err + res.out
        assert expected in res.err, res.err
        assert "    hint: " in res.err
    if toc_before is not None:
        assert toc.read_bytes() == toc_before
    assert not any(p.name.endswith(".tmp") or p.name == STAGING for p in fixture_book.rglob("*"))


def test_read_only_chapter_folder(fixture_book: Path) -> None:
    """A chapter folder without write permission. Permission bits do not stop root, so as root (CI) the run is made
    without the capability to override them (setpriv, from util-linux): the bits then hold for root too."""
    cmd = [sys.executable, "-m", "generator", "--root", str(fixture_book), "generate"]
    if os.geteuid() == 0:
        cmd = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *cmd]
    first = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    art = fixture_book / "articles" / SLUG / "article.md"
    art.write_text(art.read_text("utf-8").replace("A. Tester", "B. Tester"), "utf-8")
    chapter = fixture_book / "book" / SLUG
    before = {p.name: p.read_bytes() for p in chapter.iterdir()}
    chapter.chmod(0o555)
    try:
        res = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    finally:
        chapter.chmod(0o755)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "cannot write the output: Permission denied" in res.stderr, res.stderr
    assert "    hint: " in res.stderr
    assert {p.name: p.read_bytes() for p in chapter.iterdir()} == before  # the earlier chapter is intact


# ---------------------------------------------------------------------------------------------------------------
# A run killed in the middle: every file is the complete old or the complete new version.

N_ARTICLES = 12


def write_course(folder: Path, version: str) -> None:
    """N copies of the fixture article and its bank; `version` changes text that reaches every generated file."""
    src = FIXTURES / "course"
    for i in range(N_ARTICLES):
        slug = f"town-{i:02d}"
        dest = folder / "articles" / slug
        dest.mkdir(parents=True, exist_ok=True)
        art = (src / "articles" / SLUG / "article.md").read_text("utf-8")
        (dest / "article.md").write_text(art.replace("A. Tester", f"A. Tester ({version})"), "utf-8")
        ann = (src / "articles" / SLUG / "annotations.yaml").read_text("utf-8")
        (dest / "annotations.yaml").write_text(ann.replace("A prediction stated as certain.",
                                                           f"A prediction stated as certain ({version})."), "utf-8")
        bank = (src / "quizzes" / f"{SLUG}.yaml").read_text("utf-8").replace(SLUG, slug)
        (folder / "quizzes").mkdir(parents=True, exist_ok=True)
        (folder / "quizzes" / f"{slug}.yaml").write_text(
            bank.replace("The text says 7 to 2.", f"The text says 7 to 2 ({version})."), "utf-8")


def outputs(root: Path) -> dict[str, bytes]:
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "book").rglob("*")
             if p.is_file() and p.relative_to(root / "book").parts[0].startswith("town-")}
    files["_toc.yml"] = (root / "_toc.yml").read_bytes()
    return files


def restore(root: Path, files: dict[str, bytes]) -> None:
    for d in (root / "book").glob("town-*"):
        shutil.rmtree(d)
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


def check_state(root: Path, old: dict[str, bytes], new: dict[str, bytes]) -> tuple[int, int, list[str]]:
    """Every output file is the old or the new version, complete; returns (#old, #new, leftover temp files)."""
    n_old = n_new = 0
    temps = []
    now = {p.relative_to(root).as_posix(): p for p in (root / "book").rglob("*")
           if p.is_file() and p.relative_to(root / "book").parts[0].startswith("town-")}
    now["_toc.yml"] = root / "_toc.yml"
    for rel, path in now.items():
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            temps.append(rel)  # hidden, and not a suffix Sphinx reads; the next run removes it
            continue
        data = path.read_bytes()
        assert data in (old.get(rel), new.get(rel)), f"{rel} is neither the old nor the new version"
        if old.get(rel) != new.get(rel):
            n_old += data == old.get(rel)
            n_new += data == new.get(rel)
        if rel.endswith(".ipynb"):
            nbformat.validate(nbformat.reads(data.decode("utf-8"), as_version=4))
    for rel in set(old) & set(new):
        assert rel in now, f"{rel} was lost"
    return n_old, n_new, temps


def start_generate(root: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "generate", "--quiet"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_when(proc: subprocess.Popen[bytes], ready, timeout: float = 30) -> bool:  # type: ignore[no-untyped-def]
    """SIGKILL proc as soon as ready() is true; False if it finished first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            return False
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.0005)
    proc.kill()
    proc.wait()
    raise AssertionError("generate neither finished nor reached the kill point")


def test_a_killed_generate_leaves_only_complete_files(tmp_path: Path) -> None:
    course = tmp_path / "course"
    write_course(course, "old")
    root = make_book(tmp_path / "root", course)
    assert run_cli("generate", "--quiet", cwd=root).code == 0
    old = outputs(root)
    write_course(root, "new")  # the sources change; the book still holds the old outputs
    ref = tmp_path / "ref"
    shutil.copytree(root, ref)
    assert run_cli("generate", "--quiet", cwd=ref).code == 0
    new = outputs(ref)
    changed = sorted(k for k in new if old.get(k) != new[k])
    assert len(changed) >= 4 * N_ARTICLES  # four files of every chapter change

    def replaced(rel: str, inode: int):  # type: ignore[no-untyped-def]
        def ready() -> bool:
            try:
                return (root / rel).stat().st_ino != inode
            except FileNotFoundError:
                return False
        return ready

    mixed = 0
    trials: list[tuple[str, object]] = [("early", 0.01), ("late", None)]
    trials += [(f"book/town-{i:02d}/article.md", None) for i in (0, 3, 6, 9, 11)]
    trials += [(f"book/town-{i:02d}/quiz-town-{i:02d}-quiz.ipynb", None) for i in (2, 8)]
    for target, delay in trials:
        restore(root, old)
        proc = start_generate(root)
        if isinstance(delay, float):
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        elif target == "late":  # when the last chapter has started
            kill_when(proc, replaced(f"book/town-{N_ARTICLES - 1:02d}/article.md",
                                     (root / f"book/town-{N_ARTICLES - 1:02d}/article.md").stat().st_ino))
        else:
            kill_when(proc, replaced(target, (root / target).stat().st_ino))
        n_old, n_new, temps = check_state(root, old, new)
        mixed += n_old > 0 and n_new > 0
        assert all(Path(t).name.startswith(".") for t in temps)
    assert mixed >= 3, "the kills did not land in the middle of a run"

    # the book as a killed run left it: a new run (here through build) completes it, and the book builds
    res = run_cli("build", "--quiet", cwd=root)
    assert res.code == 0, res.err + res.out
    assert outputs(root) == new
    assert not [p for p in (root / "book").rglob("*.tmp")]
    assert not (root / "book" / STAGING).exists()  # what a killed run left aside is gone
    assert (root / "_build" / "html" / "book" / "town-05" / "quiz-town-05-quiz.html").is_file()


# ---------------------------------------------------------------------------------------------------------------
# The pre-commit hook this repository publishes.


def test_pre_commit_hook_definition() -> None:
    import re

    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    [hook] = [h for h in hooks if h["id"] == "medialit-check"]
    assert hook["entry"] == "medialit check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for path in ("articles/mali-withdrawal/article.md", "articles/mali-withdrawal/annotations.yaml",
                 "quizzes/mali-withdrawal-check.yaml", "quizzes/x.yml"):
        assert pattern.search(path), path
    for path in ("book/intro.md", "generator/load.py", "quizzes/readme.md", "_toc.yml", "README.md"):
        assert not pattern.search(path), path
