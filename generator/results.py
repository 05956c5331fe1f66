"""`medialit results FILES... --output grades.csv`: students' results files of a chapter merged into one gradebook.

A results file is what a quiz page's "Download results" writes (generator/static/quiz-results.js;
generator/schemas/results.schema.json): the chapter, the student's name and seed, a timestamp and, for each quiz
started, the answers. Scores are graded again here from the answers with the book's own banks, so a score typed
into the file counts for nothing (answers can still be edited: the SCORM route is the one to trust). One row per
student (per seed: one browser), one column per quiz of the chapter. Every file is checked before anything is
written: a damaged file, or one from another chapter, is an error naming the file, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from .diagnostics import Code
from .errors import MedialitError, Report, display_path, plural
from .grading import score
from .stages import load_course
from .transform.exercises import EXERCISES, exercise_bank
from .transform.spec import bank_spec
from .write import atomic_write

FIX = "Ask the student to download the file again from a quiz page of the chapter (it is JSON as the page writes it)."


@dataclass(frozen=True)
class Submission:
    path: Path
    chapter: str
    name: str
    seed: str
    created: str
    answers: dict[str, dict[str, Any]]  # quiz id -> {question id: response}
    stated: dict[str, Any]  # quiz id -> the score the file states (not used for grading)


@dataclass(frozen=True)
class ChapterQuiz:
    id: str
    title: str
    spec: dict[str, Any]


def _schema() -> dict[str, Any]:
    return json.loads(resources.files("generator").joinpath("schemas", "results.schema.json").read_text("utf-8"))


def read_submission(path: Path, report: Report) -> Submission | None:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        report.add(path, 1, 1, "this is not a results file: it is not text (UTF-8)", FIX, code=Code.RESULTS_FILE)
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        report.add(path, exc.lineno, exc.colno, f"this results file is damaged: {exc.msg}", FIX, code=Code.RESULTS_FILE)
        return None
    if not isinstance(data, dict) or data.get("format") != "medialit-results":
        report.add(path, 1, 1, 'this is not a medialit results file (it has no "format": "medialit-results")', FIX,
                   code=Code.RESULTS_FILE)
        return None
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(_schema()).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the file"
        report.add(path, 1, 1, f"this results file is damaged: at {where}: {error.message}", FIX,
                   code=Code.RESULTS_FILE)
        return None
    quizzes = data["quizzes"]
    return Submission(path=path, chapter=data["chapter"], name=str(data["student"].get("name", "")).strip(),
                      seed=data["student"]["seed"], created=data["created"],
                      answers={k: v["answers"] for k, v in quizzes.items()},
                      stated={k: (v.get("score") or {}).get("points") for k, v in quizzes.items()})


def chapter_quizzes(root: Path, slug: str) -> list[ChapterQuiz] | None:
    """The chapter's exercises and quizzes in page order, or None if the book has no such chapter."""
    course = load_course(root)
    article = next((a for a in course.articles if a.slug == slug), None)
    if article is None:
        return None
    banks = [exercise_bank(article, name) for name in EXERCISES] + list(course.banks_for(slug))
    return [ChapterQuiz(b.id, b.title, bank_spec(b)) for b in banks if b.questions]


def _points(x: float) -> str:
    return f"{x:g}"


def gradebook(subs: list[Submission], quizzes: list[ChapterQuiz]) -> tuple[str, int]:
    """The CSV text and its number of rows: one per student (seed), the latest file's answers for each quiz."""
    rows: dict[str, dict[str, Any]] = {}
    for sub in sorted(subs, key=lambda s: s.created):
        row = rows.setdefault(sub.seed, {"name": "", "submitted": "", "answers": {}})
        row["name"] = sub.name or row["name"]
        row["submitted"] = max(row["submitted"], sub.created)
        row["answers"].update(sub.answers)
    maxima: dict[str, set[float]] = {q.id: set() for q in quizzes}
    graded: dict[str, dict[str, float]] = {}
    for seed, row in rows.items():
        graded[seed] = {}
        for q in quizzes:
            s = score(q.spec, row["answers"].get(q.id, {}), seed)
            maxima[q.id].add(s["max"])
            if q.id in row["answers"]:
                graded[seed][q.id] = s["points"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["name", "seed", "submitted"] + [
        f"{q.id} (of {_points(next(iter(maxima[q.id])))})" if len(maxima[q.id]) == 1 else q.id for q in quizzes])
    for seed in sorted(rows, key=lambda s: (rows[s]["name"].casefold(), s)):
        row = rows[seed]
        w.writerow([row["name"], seed, row["submitted"]] + [
            _points(graded[seed][q.id]) if q.id in graded[seed] else "" for q in quizzes])
    return out.getvalue(), len(rows)


def cmd_results(root: Path, files: list[Path], output: Path) -> int:
    report = Report(base=root)
    subs = [s for s in (read_submission(p, report) for p in files) if s is not None]
    slug = subs[0].chapter if subs else None
    quizzes = chapter_quizzes(root, slug) if slug else []
    if slug and quizzes is None:
        report.add(subs[0].path, 1, 1, f"this results file is for chapter '{slug}', which this book does not have",
                   "Run medialit results in the folder of the book the students used (or give it with --root).",
                   code=Code.UNKNOWN_CHAPTER)
    elif slug:
        known = {q.id for q in quizzes}
        for sub in subs:
            if sub.chapter != slug:
                report.add(sub.path, 1, 1, f"this results file is for chapter '{sub.chapter}', the others for "
                           f"'{slug}'", "Merge the files of one chapter at a time.", code=Code.RESULTS_CHAPTER)
            for qid in sorted(set(sub.answers) - known) if sub.chapter == slug else ():
                report.add(sub.path, 1, 1, f"quiz '{qid}' is not a quiz of chapter '{slug}'", FIX,
                           code=Code.RESULTS_CHAPTER)
    if not report.ok:
        raise MedialitError(report, f"{display_path(output, root)} was not written")
    assert quizzes is not None
    for sub in subs:  # a score typed into a file is not used: say where it differs from what the answers earn
        for qid, stated in sub.stated.items():
            spec = next(q.spec for q in quizzes if q.id == qid)
            earned = score(spec, sub.answers[qid], sub.seed)["points"]
            if isinstance(stated, (int, float)) and stated != earned:
                print(f"{display_path(sub.path, root)}:1:1: warning: the file states {_points(stated)} points for "
                      f"'{qid}', its answers earn {_points(earned)}: the gradebook has {_points(earned)}",
                      file=sys.stderr)
    text, count = gradebook(subs, quizzes)
    output.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(output, text.encode("utf-8"))
    print(f"medialit: wrote {display_path(output, root)} ({plural(count, 'student')} from "
          f"{plural(len(subs), 'file')}, {plural(len(quizzes), 'quiz column')} for chapter '{slug}').")
    return 0
