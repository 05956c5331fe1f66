"""`medialit results FILES... --output grades.csv`: students' results files of a chapter merged into one gradebook.

A results file is what a quiz page's "Download results" writes (generator/static/quiz-results.js;
generator/schemas/results.schema.json): the chapter, the student's name and seed, a timestamp, for each quiz
started the answers and, for the "Annotate it yourself" exercise, the student's marks. Scores are graded again here
from the answers with the book's own banks, and from the marks with the article's annotations
(``generator.annotate.grade``), so a score typed into the file counts for nothing (answers and marks can still be
edited: the SCORM route is the one to trust). One row per student (per seed: one browser), one column per quiz of
the chapter, then, for the annotate exercise, its overall score in per cent and one column per kind it asks for
(found, missed, extra). Every file is checked before anything is written: a damaged file, or one from another
chapter, is an error naming the file, and nothing is written.
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

from . import annotate
from .diagnostics import Code
from .errors import MedialitError, Report, display_path, plural
from .grading import score
from .stages import load_course
from .text import ArticleText
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
    marks: dict[str, list[dict[str, Any]]]  # annotate exercise id -> the student's marks
    stated_marks: dict[str, Any]  # annotate exercise id -> the overall score the file states (not used)


@dataclass(frozen=True)
class ChapterQuiz:
    id: str
    title: str
    spec: dict[str, Any]


@dataclass(frozen=True)
class ChapterAnnotate:
    """The chapter's "Annotate it yourself" exercise, as generator.annotate grades it."""

    id: str
    key: list[dict[str, Any]]
    kinds: list[str]
    pass_mark: float
    words: int  # the article's number of words: a passage ends at most there

    def grade(self, marks: list[dict[str, Any]]) -> dict[str, Any]:
        return annotate.grade(self.key, self.kinds, marks, self.pass_mark)


@dataclass(frozen=True)
class ChapterParts:
    quizzes: list[ChapterQuiz]
    annotate: ChapterAnnotate | None


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
    quizzes, exercises = data["quizzes"], data.get("annotate", {})
    return Submission(path=path, chapter=data["chapter"], name=str(data["student"].get("name", "")).strip(),
                      seed=data["student"]["seed"], created=data["created"],
                      answers={k: v["answers"] for k, v in quizzes.items()},
                      stated={k: (v.get("score") or {}).get("points") for k, v in quizzes.items()},
                      marks={k: v["marks"] for k, v in exercises.items()},
                      stated_marks={k: v.get("score") for k, v in exercises.items()})


def chapter_parts(root: Path, slug: str) -> ChapterParts | None:
    """The chapter's exercises and quizzes in page order and its annotate exercise, or None if the book has no
    such chapter."""
    course = load_course(root)
    article = next((a for a in course.articles if a.slug == slug), None)
    if article is None:
        return None
    banks = [exercise_bank(article, name) for name in EXERCISES] + list(course.banks_for(slug))
    quizzes = [ChapterQuiz(b.id, b.title, bank_spec(b)) for b in banks if b.questions]
    kinds = annotate.kinds_asked(article)
    exercise = ChapterAnnotate(f"{slug}-annotate", annotate.key(article), kinds, article.annotate_pass,
                               len(annotate.words(article.text or ArticleText.from_markdown(article.body))))
    return ChapterParts(quizzes, exercise if kinds else None)


def check_marks(sub: Submission, exercise: ChapterAnnotate | None, slug: str, report: Report) -> None:
    """Marks the schema lets through that this chapter's exercise cannot have made: of another exercise, of a kind
    it does not ask for, a passage that ends before it starts or after the article's last word."""
    for eid, marks in sorted(sub.marks.items()):
        if exercise is None or eid != exercise.id:
            report.add(sub.path, 1, 1, f"'{eid}' is not the annotate exercise of chapter '{slug}'"
                       + (f" (it is '{exercise.id}')" if exercise else " (the chapter has none)"), FIX,
                       code=Code.RESULTS_CHAPTER)
            continue
        for n, mark in enumerate(marks, 1):
            where = f"at annotate/{eid}/marks/{n - 1}: mark {n}"
            if mark["kind"] not in exercise.kinds:
                report.add(sub.path, 1, 1, f"this results file is damaged: {where} is a '{mark['kind']}', which the "
                           f"exercise does not ask for (it asks for {', '.join(exercise.kinds)})", FIX,
                           code=Code.RESULTS_FILE)
            for first, end in mark["passages"]:
                if not first < end <= exercise.words:
                    problem = ("ends before it starts" if end <= first else
                               f"ends after the article's last word (the article has {exercise.words} words)")
                    report.add(sub.path, 1, 1, f"this results file is damaged: {where} has the passage "
                               f"[{first}, {end}], which {problem}", FIX, code=Code.RESULTS_FILE)


def _points(x: float) -> str:
    return f"{x:g}"


def _percent(score: float) -> str:
    return _points(round(score * 100, 2))


def gradebook(subs: list[Submission], quizzes: list[ChapterQuiz],
              exercise: ChapterAnnotate | None = None) -> tuple[str, int]:
    """The CSV text and its number of rows: one per student (seed), the latest file's answers for each quiz and
    marks for the annotate exercise."""
    rows: dict[str, dict[str, Any]] = {}
    for sub in sorted(subs, key=lambda s: s.created):
        row = rows.setdefault(sub.seed, {"name": "", "submitted": "", "answers": {}, "marks": {}})
        row["name"] = sub.name or row["name"]
        row["submitted"] = max(row["submitted"], sub.created)
        row["answers"].update(sub.answers)
        row["marks"].update(sub.marks)
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
    extra = [f"{exercise.id} (%)"] + [f"{exercise.id} {k} (found, missed, extra)" for k in exercise.kinds] \
        if exercise else []
    w.writerow(["name", "seed", "submitted"] + [
        f"{q.id} (of {_points(next(iter(maxima[q.id])))})" if len(maxima[q.id]) == 1 else q.id for q in quizzes]
        + extra)
    for seed in sorted(rows, key=lambda s: (rows[s]["name"].casefold(), s)):
        row = rows[seed]
        cells = [row["name"], seed, row["submitted"]] + [
            _points(graded[seed][q.id]) if q.id in graded[seed] else "" for q in quizzes]
        if exercise and exercise.id in row["marks"]:
            g = exercise.grade(row["marks"][exercise.id])
            cells += [_percent(g["score"])] + [
                "found {found}, missed {missed}, extra {extra}".format(**g["kinds"][k]) for k in exercise.kinds]
        elif exercise:
            cells += [""] * len(extra)
        w.writerow(cells)
    return out.getvalue(), len(rows)


def cmd_results(root: Path, files: list[Path], output: Path) -> int:
    report = Report(base=root)
    subs = [s for s in (read_submission(p, report) for p in files) if s is not None]
    slug = subs[0].chapter if subs else None
    parts = chapter_parts(root, slug) if slug else ChapterParts([], None)
    if slug and parts is None:
        report.add(subs[0].path, 1, 1, f"this results file is for chapter '{slug}', which this book does not have",
                   "Run medialit results in the folder of the book the students used (or give it with --root).",
                   code=Code.UNKNOWN_CHAPTER)
    elif slug and parts is not None:
        known = {q.id for q in parts.quizzes}
        for sub in subs:
            if sub.chapter != slug:
                report.add(sub.path, 1, 1, f"this results file is for chapter '{sub.chapter}', the others for "
                           f"'{slug}'", "Merge the files of one chapter at a time.", code=Code.RESULTS_CHAPTER)
                continue
            for qid in sorted(set(sub.answers) - known):
                report.add(sub.path, 1, 1, f"quiz '{qid}' is not a quiz of chapter '{slug}'", FIX,
                           code=Code.RESULTS_CHAPTER)
            check_marks(sub, parts.annotate, slug, report)
    if not report.ok:
        raise MedialitError(report, f"{display_path(output, root)} was not written")
    assert parts is not None
    quizzes, exercise = parts.quizzes, parts.annotate
    for sub in subs:  # a score typed into a file is not used: say where it differs from what the answers earn
        for qid, stated in sub.stated.items():
            spec = next(q.spec for q in quizzes if q.id == qid)
            earned = score(spec, sub.answers[qid], sub.seed)["points"]
            if isinstance(stated, (int, float)) and stated != earned:
                print(f"{display_path(sub.path, root)}:1:1: warning: the file states {_points(stated)} points for "
                      f"'{qid}', its answers earn {_points(earned)}: the gradebook has {_points(earned)}",
                      file=sys.stderr)
        for eid, stated in sub.stated_marks.items():
            earned = exercise.grade(sub.marks[eid])["score"] if exercise else 0
            if isinstance(stated, (int, float)) and round(stated, 4) != earned:
                print(f"{display_path(sub.path, root)}:1:1: warning: the file states a score of {_percent(stated)} % "
                      f"for '{eid}', its marks earn {_percent(earned)} %: the gradebook has {_percent(earned)}",
                      file=sys.stderr)
    text, count = gradebook(subs, quizzes, exercise)
    output.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(output, text.encode("utf-8"))
    columns = plural(len(quizzes), "quiz column") + (", the annotate exercise" if exercise else "")
    print(f"medialit: wrote {display_path(output, root)} ({plural(count, 'student')} from "
          f"{plural(len(subs), 'file')}, {columns} for chapter '{slug}').")
    return 0
