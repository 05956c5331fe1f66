"""Model step: validated documents become the typed, frozen model (``generator.model``); each object keeps the
file and line it came from. Only documents that passed both validation passes get here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .load import Document, MarkdownFile
from .model import (
    Annotation,
    Article,
    Bank,
    Guide,
    InstructorNotes,
    LessonStep,
    Loc,
    Question,
    Source,
    Span,
    TimelineEvent,
)
from .questions import REGISTRY
from .text import ArticleText


def loc(doc: Document, pointer: tuple[Any, ...]) -> Loc:
    line, col = doc.where(pointer)
    return Loc(doc.path, line, col)


def article(folder: Path, md: MarkdownFile, ann: Document, text: ArticleText,
            spans: dict[str, list[tuple[int, int]]]) -> Article:
    f = md.front.data if md.front is not None else {}
    g = ann.data["guide"]
    guide = Guide(
        objectives=tuple(g["objectives"]), before_reading=tuple(g["before_reading"]),
        during_reading=tuple(g["during_reading"]), after_reading=tuple(g["after_reading"]),
        vocabulary=tuple((str(k), v) for k, v in (g.get("vocabulary") or {}).items()),
        timeline=tuple(TimelineEvent(e["date"], e["event"]) for e in g.get("timeline") or []),
    )
    ins = ann.data.get("instructor") or {}
    instructor = InstructorNotes(
        lesson_plan=tuple(LessonStep(s["minutes"], s["activity"]) for s in ins.get("lesson_plan") or []),
        discussion=tuple(ins.get("discussion") or ()), misconceptions=tuple(ins.get("misconceptions") or ()),
    )
    annotations = []
    for i, a in enumerate(ann.data["annotations"] or []):
        quotes = (a["quote"],) if "quote" in a else tuple(a["quotes"])
        annotations.append(Annotation(
            id=a["id"], kind=a["kind"], quotes=quotes, spans=tuple(Span(s, e) for s, e in spans[a["id"]]),
            note=a["note"], loc=loc(ann, ("annotations", i)), verdict=a.get("verdict"),
            sources=tuple(Source(s["title"], s["publisher"], s["date"], s["url"], s.get("note", ""))
                          for s in a.get("sources") or []),
            context_since=a.get("context_since", ""), cues=tuple(a.get("cues") or ()),
            technique=a.get("technique"), instructor_note=a.get("instructor_note", ""),
        ))
    orig = f.get("original_source")
    return Article(
        slug=folder.name, folder=folder, title=f["title"], author=f["author"], publisher=f["publisher"],
        date=f["date"], url=f["url"], license=f["license"], body=md.body, body_line=md.body_line,
        language=f.get("language", "en"), notes=f.get("notes", ""), author_bio=f.get("author_bio", ""),
        publisher_url=f.get("publisher_url", ""),
        original_source=(orig["publisher"], orig.get("url", "")) if orig else None,
        guide=guide, instructor=instructor, annotations=tuple(annotations), loc=Loc(md.path, 1, 1), text=text,
        reviewed=str(ann.data.get("reviewed") or ""),
        draws=tuple((name, 0 if e["draw"] == "all" else e["draw"])
                    for name, e in sorted((ann.data.get("exercises") or {}).items()) if "draw" in e),
        annotate_kinds=tuple(((ann.data.get("exercises") or {}).get("annotate") or {}).get("kinds") or ()),
        annotate_pass=float(((ann.data.get("exercises") or {}).get("annotate") or {}).get("pass", 0.6)),
    )


def question(doc: Document, i: int, q: dict[str, Any]) -> Question:
    fb = q.get("feedback") or {}
    return Question(
        id=q["id"], type=q["type"], prompt=q["prompt"], loc=loc(doc, ("questions", i)),
        body=REGISTRY[q["type"]].body(q), points=q.get("points", 1), hint=q.get("hint", ""),
        explanation=q.get("explanation", ""), tags=tuple(q.get("tags") or ()),
        feedback_correct=fb.get("correct", ""), feedback_incorrect=fb.get("incorrect", ""),
    )


def bank(doc: Document) -> Bank:
    d = doc.data
    return Bank(id=d["bank"], article=d["article"], title=d["title"],
                questions=tuple(question(doc, i, q) for i, q in enumerate(d["questions"])),
                loc=loc(doc, ("bank",)), shuffle=bool(d.get("shuffle", False)), draw=d.get("draw"),
                description=d.get("description", ""), mastery_score=d.get("mastery_score"),
                mode=d.get("mode", "practice"), attempts=d.get("attempts", 1),
                language=d.get("language"))
