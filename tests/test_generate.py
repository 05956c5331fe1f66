"""`medialit generate`: golden files, byte-identical runs, only changed files written, nothing lost on failure."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
from pathlib import Path

import nbformat
import pytest

from generator.generate import UNTRACKED
from generator.seal import unseal
from generator.write import GENERATED_MARK

from .conftest import FIXTURES, quiz_specs, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "town-library"
ANNOTATE_SPEC = re.compile(r'<script type="application/json" class="mlq-annotate-spec">(.*?)</script>', re.S)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def digest(folder: Path) -> dict[str, str]:
    return {k: hashlib.sha256(v).hexdigest() for k, v in tree(folder).items()}


def opened_specs(files: dict[str, bytes]) -> dict[str, bytes]:
    """For each notebook with quizzes, `<notebook>.specs.json`: its quiz specs with each sealed key opened beside it
    (``key``), as indented JSON, so that a change to a golden quiz or to its answers reads as a diff of its text; the
    same for the "Annotate it yourself" exercise's spec."""
    out = {}
    for rel, data in files.items():
        if not rel.endswith(".ipynb"):
            continue
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if "text/html" in o.get("data", {})]
        specs = [spec for h in html for spec in quiz_specs(h)]
        for spec in specs:
            for q in spec["questions"]:
                q["key"] = unseal(q["sealed"], spec["salt"], q["id"])
        for spec in (json.loads(block) for h in html for block in ANNOTATE_SPEC.findall(h)):  # the exercise's key
            spec["key"] = unseal(spec["sealed"], spec["id"], "annotate")["key"]
            specs.append(spec)
        if specs:
            out[rel + ".specs.json"] = (json.dumps(specs, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    return out


def test_second_article_matches_golden_files(fixture_book: Path) -> None:
    """The fixture article (not the seed) goes through the whole pipeline; regenerate with UPDATE_GOLDEN=1. Next to
    each notebook with quizzes, the golden folder holds its quiz specs opened, to review changes to them."""
    res = run_cli("generate", cwd=fixture_book)
    assert res.code == 0, res.err
    got = tree(fixture_book / "book" / "town-library")
    assert got.pop(".gitignore") == UNTRACKED.encode()  # not a golden file: git would ignore the golden folder
    got |= opened_specs(got)
    if UPDATE:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for rel, data in got.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    want = tree(GOLDEN)
    assert sorted(got) == sorted(want)
    for rel in want:
        assert got[rel].decode("utf-8") == want[rel].decode("utf-8"), f"{rel} differs from the golden file"


def test_chapter_has_all_six_parts(fixture_book: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    chapter = fixture_book / "book" / "town-library"
    names = {p.name for p in chapter.iterdir()}
    assert {"index.md", "article.md", "fact-or-opinion.ipynb", "contradictions.ipynb", "check-claims.ipynb",
            "quiz-town-library-quiz.ipynb", "timeline.svg"} <= names
    toc = (fixture_book / "_toc.yml").read_text("utf-8")
    for page in ("index", "article", "fact-or-opinion", "contradictions", "check-claims", "quiz-town-library-quiz"):
        assert f'"book/town-library/{page}"' in toc
    for nb_path in chapter.glob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        nbformat.validate(nb)
        assert all(cell.id for cell in nb.cells)


def test_two_runs_are_byte_identical(fixture_book: Path, tmp_path: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    first = digest(fixture_book / "book") | {"_toc.yml": digest(fixture_book)["_toc.yml"]}
    res = run_cli("generate", cwd=fixture_book)
    assert res.code == 0
    assert "0 files written" in res.out
    second = digest(fixture_book / "book") | {"_toc.yml": digest(fixture_book)["_toc.yml"]}
    assert first == second


def test_only_changed_files_are_written(fixture_book: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    chapter = fixture_book / "book" / "town-library"
    before = {p.name: p.stat().st_mtime_ns for p in chapter.iterdir()}
    bank = fixture_book / "quizzes" / "town-library.yaml"
    bank.write_text(bank.read_text("utf-8").replace("Which street", "On which street"), "utf-8")
    res = run_cli("generate", cwd=fixture_book)
    assert res.code == 0 and "2 files written" in res.out, res.out
    after = {p.name: p.stat().st_mtime_ns for p in chapter.iterdir()}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"quiz-town-library-quiz.ipynb", ".medialit-generated"}  # the page, and the inputs' hash


def test_failed_run_leaves_previous_output_intact(fixture_book: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    before = digest(fixture_book)
    bank = fixture_book / "quizzes" / "town-library.yaml"
    bank.write_text(bank.read_text("utf-8").replace("type: order", "type: ordre"), "utf-8")
    res = run_cli("generate", cwd=fixture_book)
    assert res.code == 1 and "nothing was written" in res.err
    after = digest(fixture_book)
    assert {k: v for k, v in after.items() if k != "quizzes/town-library.yaml"} == \
        {k: v for k, v in before.items() if k != "quizzes/town-library.yaml"}


def test_hand_written_pages_are_untouched(fixture_book: Path) -> None:
    hand = {k: v for k, v in digest(fixture_book / "book").items() if not k.startswith("town-library/")}
    assert hand
    extra = fixture_book / "book" / "notes.md"
    extra.write_text("# My own page\n", "utf-8")
    assert run_cli("generate", cwd=fixture_book).code == 0
    assert run_cli("generate", cwd=fixture_book).code == 0
    now = {k: v for k, v in digest(fixture_book / "book").items() if not k.startswith("town-library/")}
    assert now == hand | {"notes.md": hashlib.sha256(b"# My own page\n").hexdigest()}


def test_removed_article_chapter_is_removed(fixture_book: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    import shutil

    shutil.rmtree(fixture_book / "articles" / "town-library")
    for bank in (fixture_book / "quizzes").glob("town-library*.yaml"):
        bank.unlink()
    assert run_cli("generate", cwd=fixture_book).code == 0
    assert not (fixture_book / "book" / "town-library").exists()
    assert "town-library" not in (fixture_book / "_toc.yml").read_text("utf-8")




def test_fixture_is_not_the_seed() -> None:
    text = (FIXTURES / "course" / "articles" / "town-library" / "article.md").read_text("utf-8")
    assert "Mali" not in text


def test_a_large_course_in_worker_processes_gives_the_same_bytes(tmp_path: Path) -> None:
    """A course of 12 or more articles is loaded and rendered in worker processes: the output does not change."""
    import subprocess
    import sys

    from .conftest import REPO, make_book
    from .test_files import N_ARTICLES, write_course

    assert N_ARTICLES >= 12
    trees, outs = [], []
    for jobs in ("1", "2"):
        course = tmp_path / f"course-{jobs}"
        write_course(course, "v1")
        root = make_book(tmp_path / f"root-{jobs}", course)
        done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "generate"], cwd=REPO,
                              capture_output=True, text=True, env={**os.environ, "MEDIALIT_JOBS": jobs})
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
        trees.append({k: v for k, v in tree(root / "book").items() if k.startswith("town-")} |
                     {"_toc.yml": (root / "_toc.yml").read_bytes()})
    assert "processes)" not in outs[0] and "(2 processes)." in outs[1]
    assert len(trees[0]) > 12 * 5 and trees[0] == trees[1]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bank_whose_article_line_is_unusual_yaml_still_reaches_its_chapter(tmp_path: Path, jobs: str) -> None:
    """Each article's task loads the banks that name it, found from their text before anything is parsed; a bank
    written so that its text does not say it plainly (a quoted key, a folded value) is still in its chapter, with
    the same bytes as when it is written plainly."""
    import subprocess
    import sys

    from .conftest import REPO, make_book
    from .test_files import write_course

    trees = []
    for form in ("plain", "unusual"):
        course = tmp_path / f"course-{form}-{jobs}"
        write_course(course, "v1")
        if form == "unusual":
            for name, new in (("town-03", '"article": town-03'), ("town-08", "article: >-\n  town-08"),
                              ("town-10", "article: town\n  -10")):  # read as "town -10": it names no article
                bank = course / "quizzes" / f"{name}.yaml"
                bank.write_text(bank.read_text("utf-8").replace(f"article: {name}", new, 1), "utf-8")
        root = make_book(tmp_path / f"root-{form}-{jobs}", course)
        done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "generate"], cwd=REPO,
                              capture_output=True, text=True, env={**os.environ, "MEDIALIT_JOBS": jobs})
        if form == "unusual":  # the last one is an error, reported as for any bank naming a missing article
            assert done.returncode == 1 and "points at article 'town -10', which does not exist" in done.stderr
            bank = root / "quizzes" / "town-10.yaml"
            bank.write_text(bank.read_text("utf-8").replace("article: town\n  -10", "article: town-10"), "utf-8")
            done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "generate"], cwd=REPO,
                                  capture_output=True, text=True, env={**os.environ, "MEDIALIT_JOBS": jobs})
        assert done.returncode == 0, done.stderr
        trees.append({k: v for k, v in tree(root / "book").items() if k.startswith("town-")})
    assert "town-03/quiz-town-03-quiz.ipynb" in trees[1] and "town-08/quiz-town-08-quiz.ipynb" in trees[1]
    differ = sorted(k for k in trees[0] if trees[0][k] != trees[1].get(k))
    assert trees[0].keys() == trees[1].keys()  # the same pages; only the marks, which hash the banks' text, differ
    assert differ == [f"town-{n}/{GENERATED_MARK}" for n in ("03", "08")]


def test_errors_found_in_worker_processes_are_all_reported(tmp_path: Path) -> None:
    import subprocess
    import sys

    from .conftest import REPO, make_book
    from .test_files import write_course

    course = tmp_path / "course"
    write_course(course, "v1")
    root = make_book(tmp_path / "root", course)
    bank = root / "quizzes" / "town-03.yaml"
    bank.write_text(bank.read_text("utf-8").replace("questions:", "questons:", 1), "utf-8")
    ann = root / "articles" / "town-07" / "annotations.yaml"
    ann.write_text(ann.read_text("utf-8").replace("kind: claim", "kind: clam", 1), "utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "generate"], cwd=REPO,
                          capture_output=True, text=True, env={**os.environ, "MEDIALIT_JOBS": "2"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "quizzes/town-03.yaml:" in done.stderr and "questons" in done.stderr
    assert "articles/town-07/annotations.yaml:" in done.stderr and "clam" in done.stderr
    assert not (root / "book" / "town-00").exists()  # nothing written


def test_a_run_with_nothing_changed_checks_the_fingerprint_and_stops(fixture_book: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing changed since the last run: no file is loaded, rendered or written. Any change, to an input or to an
    output, makes a full run that puts the outputs right."""
    import generator.generate as gen

    assert run_cli("generate", cwd=fixture_book).code == 0
    before = digest(fixture_book / "book")
    with monkeypatch.context() as m:
        m.setattr(gen, "build_chapters", lambda *a, **k: pytest.fail("a run with nothing changed loaded the course"))
        res = run_cli("generate", cwd=fixture_book)
    assert res.code == 0 and res.out.startswith("medialit: 0 files written")
    page = fixture_book / "book" / "town-library" / "article.md"
    page.write_text("edited by hand\n", "utf-8")
    assert run_cli("generate", cwd=fixture_book).code == 0
    assert digest(fixture_book / "book") == before  # the page is put back
    bank = fixture_book / "quizzes" / "town-library.yaml"
    bank.write_text(bank.read_text("utf-8").replace("Which are opinions?", "Which are judgements?"), "utf-8")
    res = run_cli("generate", cwd=fixture_book)
    assert res.code == 0 and res.out.startswith("medialit: 2 files written")  # its page and the chapter's mark


def test_committed_toc_is_what_generate_writes(seed_book: Path) -> None:
    """The generated chapters are not tracked in git; _toc.yml is, and its generated block must already be current."""
    from .conftest import REPO

    assert run_cli("generate", "--quiet", cwd=seed_book).code == 0
    assert (seed_book / "_toc.yml").read_bytes() == (REPO / "_toc.yml").read_bytes()
    assert (seed_book / "book" / "mali-withdrawal" / ".gitignore").read_text("utf-8") == UNTRACKED


def test_a_fresh_clone_stays_clean_after_the_build(tmp_path: Path) -> None:
    """A clone of the committed tree, generated and built: git sees nothing new or changed (the chapters are
    ignored, _toc.yml is unchanged, the build output is ignored)."""
    import subprocess
    import sys

    from .conftest import REPO

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(REPO), str(clone)], check=True)
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(clone), "build", "--quiet"],
                          capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (clone / "_build" / "html" / "book" / "mali-withdrawal" / "article.html").is_file()
    status = subprocess.run(["git", "status", "--porcelain", "--ignored=no"], cwd=clone, capture_output=True,
                            text=True, check=True).stdout
    assert status == ""


def test_making_chapters_leaves_no_reference_cycles(seed_book: Path) -> None:
    """generate pauses Python's cycle collector while it makes the chapters (generate._collector_paused). That is
    only safe while a chapter leaves no cyclic garbage, which reference counting alone cannot free."""
    from generator.errors import Report
    from generator.generate import build_chapters

    assert build_chapters(seed_book, Report(base=seed_book))  # once first: compiled schemas and caches are kept
    gc.collect()
    gc.disable()
    try:
        chapters = build_chapters(seed_book, Report(base=seed_book))
        garbage = gc.collect()
    finally:
        gc.enable()
    # what is left: nbformat's schema validator makes a small closure for each notebook it checks (3 objects);
    # before the YAML builder and the article renderer were rid of their cycles, this was over 9,000 per chapter
    notebooks = sum(name.endswith(".ipynb") for c in chapters for name in c.files)
    assert chapters and notebooks == 7 and garbage <= 3 * notebooks
