"""Load, validate and model a whole course: every article and every bank."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import schema, validate
from .errors import Diagnostic, MedialitError, Report, display_path
from .load import Document, load_markdown, load_yaml
from .model import (
    Annotation,
    Article,
    Bank,
    Course,
    Guide,
    InstructorNotes,
    LessonStep,
    Loc,
    Option,
    Question,
    Source,
    Span,
    TimelineEvent,
)
from .pool import Pool, serial
from .text import ArticleText

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def discover(root: Path) -> tuple[list[Path], list[Path]]:
    articles = sorted(p for p in (root / "articles").glob("*") if p.is_dir()) if (root / "articles").is_dir() else []
    banks = sorted((root / "quizzes").glob("*.yaml")) + sorted((root / "quizzes").glob("*.yml")) \
        if (root / "quizzes").is_dir() else []
    return articles, sorted(banks)


def _load_task(job: tuple[Callable[[Path, Report], Any], Path, Path]) -> tuple[Any, list[Diagnostic]]:
    """One article or bank, loaded in a worker: the loader, the path and the report's base go in; the loaded item
    and its diagnostics come back."""
    load, path, base = job
    report = Report(base=base)
    return load(path, report), report.diagnostics


def load_course(root: Path, report: Report | None = None, pool: Pool | None = None) -> Course:
    """Load everything under root; raise MedialitError carrying every problem found."""
    report = report if report is not None else Report(base=root)
    article_dirs, bank_paths = discover(root)
    pool = pool if pool is not None else serial()
    base = report.base if report.base is not None else root
    articles: list[Article] = []
    banks: list[Bank] = []
    for found, load, paths in ((articles, load_article, article_dirs), (banks, load_bank, bank_paths)):
        for item, diagnostics in pool.map(_load_task, [(load, p, base) for p in paths]):
            report.diagnostics.extend(diagnostics)
            if item is not None:
                found.append(item)
    slugs = {a.slug for a in articles}
    bank_ids: dict[str, Bank] = {}
    for b in banks:
        if b.id in bank_ids:
            first = bank_ids[b.id].loc
            report.add(b.loc.path, b.loc.line, b.loc.column, f"bank id '{b.id}' is also used by "
                       f"{display_path(first.path, report.base)}",
                       "Bank ids must be unique across all banks: rename one of them.")
        else:
            bank_ids[b.id] = b
        if b.article not in slugs and not any(d.name == b.article for d in article_dirs):
            report.add(b.loc.path, b.loc.line, b.loc.column, f"bank '{b.id}' points at article '{b.article}', "
                       "which does not exist", f"Articles found: {', '.join(sorted(slugs)) or 'none'}. Use one of "
                       "these slugs, or create articles/<slug>/.")
    if not report.ok:
        raise MedialitError(report)
    return Course(root=root, articles=tuple(articles), banks=tuple(banks))


def _loc(doc: Document, pointer: tuple[Any, ...]) -> Loc:
    line, col = doc.where(pointer)
    return Loc(doc.path, line, col)


def load_article(folder: Path, report: Report) -> Article | None:
    slug = folder.name
    md_path, ann_path = folder / "article.md", folder / "annotations.yaml"
    start = len(report.diagnostics)
    if not SLUG.match(slug):
        report.add(folder, 1, 1, f"article folder name '{slug}' is not a valid slug",
                   "Rename the folder with lowercase letters, digits and hyphens only, e.g. mali-withdrawal.")
    if not md_path.is_file():
        report.add(md_path, 1, 1, "the article folder has no article.md",
                   "Create article.md with YAML front matter and the article body (see the instructor pages).")
        return None
    md = load_markdown(md_path, report)
    if md is None or md.front is None:
        return None
    front_ok = schema.check(md.front, "article", report)
    validate.check_dates(md.front, report)
    text = ArticleText.from_markdown(md.body)
    if not text.plain.strip():
        report.add(md_path, md.body_line, 1, "the article body is empty", "Paste the article text after the "
                   "front matter.")
    ann_doc = None
    if not ann_path.is_file():
        report.add(ann_path, 1, 1, "the article folder has no annotations.yaml",
                   "Create annotations.yaml with at least 'guide:' and 'annotations: []'.")
    else:
        ann_doc = load_yaml(ann_path, report)
    spans: dict[str, list[tuple[int, int]]] = {}
    if ann_doc is not None:
        if schema.check(ann_doc, "annotations", report):
            validate.check_dates(ann_doc, report)
            spans = validate.check_annotations(ann_doc, text, md.body_line, display_path(md_path, report.base), report)
    if len(report.diagnostics) > start or not front_ok or ann_doc is None:
        return None
    f = md.front.data
    g = ann_doc.data["guide"]
    guide = Guide(
        objectives=tuple(g["objectives"]), before_reading=tuple(g["before_reading"]),
        during_reading=tuple(g["during_reading"]), after_reading=tuple(g["after_reading"]),
        vocabulary=tuple((str(k), v) for k, v in (g.get("vocabulary") or {}).items()),
        timeline=tuple(TimelineEvent(e["date"], e["event"]) for e in g.get("timeline") or []),
    )
    ins = ann_doc.data.get("instructor") or {}
    instructor = InstructorNotes(
        lesson_plan=tuple(LessonStep(s["minutes"], s["activity"]) for s in ins.get("lesson_plan") or []),
        discussion=tuple(ins.get("discussion") or ()), misconceptions=tuple(ins.get("misconceptions") or ()),
    )
    annotations = []
    for i, a in enumerate(ann_doc.data["annotations"] or []):
        quotes = (a["quote"],) if "quote" in a else tuple(a["quotes"])
        annotations.append(Annotation(
            id=a["id"], kind=a["kind"], quotes=quotes, spans=tuple(Span(s, e) for s, e in spans[a["id"]]),
            note=a["note"], loc=_loc(ann_doc, ("annotations", i)), verdict=a.get("verdict"),
            sources=tuple(Source(s["title"], s["publisher"], s["date"], s["url"], s.get("note", ""))
                          for s in a.get("sources") or []),
            context_since=a.get("context_since", ""), cues=tuple(a.get("cues") or ()),
            technique=a.get("technique"), instructor_note=a.get("instructor_note", ""),
        ))
    orig = f.get("original_source")
    return Article(
        slug=slug, folder=folder, title=f["title"], author=f["author"], publisher=f["publisher"], date=f["date"],
        url=f["url"], license=f["license"], body=md.body, body_line=md.body_line,
        language=f.get("language", "en"), notes=f.get("notes", ""), author_bio=f.get("author_bio", ""),
        publisher_url=f.get("publisher_url", ""),
        original_source=(orig["publisher"], orig.get("url", "")) if orig else None,
        guide=guide, instructor=instructor, annotations=tuple(annotations), loc=Loc(md_path, 1, 1),
    )


_COMMON = {"id", "type", "prompt", "points", "hint", "explanation", "tags", "feedback", "options"}


def load_bank(path: Path, report: Report) -> Bank | None:
    start = len(report.diagnostics)
    doc = load_yaml(path, report)
    if doc is None:
        return None
    if not schema.check(doc, "bank", report):
        return None
    validate.check_bank(doc, report)
    if len(report.diagnostics) > start:
        return None
    d = doc.data
    questions = []
    for i, q in enumerate(d["questions"]):
        fb = q.get("feedback") or {}
        questions.append(Question(
            id=q["id"], type=q["type"], prompt=q["prompt"], loc=_loc(doc, ("questions", i)),
            points=q.get("points", 1), hint=q.get("hint", ""), explanation=q.get("explanation", ""),
            tags=tuple(q.get("tags") or ()), feedback_correct=fb.get("correct", ""),
            feedback_incorrect=fb.get("incorrect", ""),
            options=tuple(Option(o["text"], bool(o.get("correct")), o.get("feedback", ""), bool(o.get("pinned")))
                          for o in q.get("options") or []),
            data=tuple(sorted((k, _freeze(v)) for k, v in q.items() if k not in _COMMON)),
        ))
    return Bank(id=d["bank"], article=d["article"], title=d["title"], questions=tuple(questions),
                loc=_loc(doc, ("bank",)), shuffle=bool(d.get("shuffle", False)), draw=d.get("draw"),
                description=d.get("description", ""), mastery_score=d.get("mastery_score"))


def _freeze(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_freeze(x) for x in v)
    if isinstance(v, dict):
        return tuple((k, _freeze(x)) for k, x in v.items())
    return v
