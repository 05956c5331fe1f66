"""The model: typed, frozen dataclasses. Every object keeps where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .text import ArticleText


@dataclass(frozen=True)
class Loc:
    path: Path
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    date: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Span:
    """A stretch of the article's plain text, [start, end)."""

    start: int
    end: int


@dataclass(frozen=True)
class Annotation:
    id: str
    kind: str  # claim | opinion | contradiction | technique | source
    quotes: tuple[str, ...]
    spans: tuple[Span, ...]
    note: str
    loc: Loc
    verdict: str | None = None
    sources: tuple[Source, ...] = ()
    context_since: str = ""
    cues: tuple[str, ...] = ()
    technique: str | None = None
    instructor_note: str = ""


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    event: str


@dataclass(frozen=True)
class Guide:
    objectives: tuple[str, ...]
    before_reading: tuple[str, ...]
    during_reading: tuple[str, ...]
    after_reading: tuple[str, ...]
    vocabulary: tuple[tuple[str, str], ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()


@dataclass(frozen=True)
class LessonStep:
    minutes: int
    activity: str


@dataclass(frozen=True)
class InstructorNotes:
    lesson_plan: tuple[LessonStep, ...] = ()
    discussion: tuple[str, ...] = ()
    misconceptions: tuple[str, ...] = ()


# the exercises made from every article's annotations, each with the kinds of annotation its questions come from
EXERCISE_KINDS: dict[str, tuple[str, ...]] = {
    "fact-or-opinion": ("claim", "opinion"),
    "contradictions": ("contradiction",),
    "check-claims": ("claim",),
}


@dataclass(frozen=True)
class Article:
    slug: str
    folder: Path
    title: str
    author: str
    publisher: str
    date: str
    url: str
    license: str
    body: str  # Markdown as published
    body_line: int
    language: str = "en"
    notes: str = ""
    author_bio: str = ""
    publisher_url: str = ""
    original_source: tuple[str, str] | None = None  # (publisher, url)
    guide: Guide | None = None
    instructor: InstructorNotes = field(default_factory=InstructorNotes)
    annotations: tuple[Annotation, ...] = ()
    loc: Loc | None = None
    reviewed: str = ""  # when the verdicts were published (annotations' `reviewed`): the ClaimReview's date
    draws: tuple[tuple[str, int], ...] = ()  # annotations' `exercises: {<name>: {draw: n}}`; 0 for `draw: all`
    annotate_kinds: tuple[str, ...] = ()  # `exercises: {annotate: {kinds: [...]}}`; empty: the kinds annotated
    annotate_pass: float = 0.6  # `exercises: {annotate: {pass: x}}`
    text: ArticleText | None = field(default=None, compare=False, repr=False)  # the body, parsed once


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""
    pinned: bool = False


class Body:
    """The fields of one question type (each type's module in generator/questions defines its own)."""


@dataclass(frozen=True)
class Question:
    """One question: the fields every type has, and ``body``, the typed fields of its type."""

    id: str
    type: str
    prompt: str
    loc: Loc
    body: Body
    points: float = 1
    hint: str = ""
    explanation: str = ""
    tags: tuple[str, ...] = ()
    feedback_correct: str = ""
    feedback_incorrect: str = ""


@dataclass(frozen=True)
class Bank:
    id: str
    article: str
    title: str
    questions: tuple[Question, ...]
    loc: Loc
    shuffle: bool = False
    draw: int | None = None
    description: str = ""
    mastery_score: float | None = None  # 0-100: the score that passes, in an LMS (SCORM) or a results file
    mode: str = "practice"  # practice | graded (answers only after the quiz is submitted, attempts limited)
    attempts: int = 1  # checks per question, in graded mode
    language: str | None = None  # the quiz page's language, when not its article's


@dataclass(frozen=True)
class Course:
    root: Path
    articles: tuple[Article, ...]
    banks: tuple[Bank, ...]

    def banks_for(self, slug: str) -> tuple[Bank, ...]:
        return tuple(b for b in self.banks if b.article == slug)
