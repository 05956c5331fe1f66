"""The quiz and the "Annotate it yourself" exercise as live widgets (anywidget, built on ipywidgets), and as static
HTML.

>>> from generator.quiz import Annotate, Quiz
>>> quiz = Quiz.from_bank("quizzes/mali-withdrawal-check.yaml", seed="alice")
>>> quiz            # shows the quiz; answers sync back
>>> quiz.answers, quiz.score
>>> exercise = Annotate.from_article("articles/mali-withdrawal")
>>> exercise        # shows the article to mark; marks sync back
>>> exercise.marks, exercise.score["score"]
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from . import annotate
from .errors import MedialitError, Report
from .grading import score as grade_score
from .render import annotate as annotate_page
from .render.notebooks import annotate_travelling_html, travelling_html
from .render.quiz import static_html
from .transform.spec import localized_spec

__all__ = ["Annotate", "Quiz", "static_html"]  # static_html: the page-side HTML (without the runtime)

_STATIC = resources.files("generator").joinpath("static")


def _article_language(bank_path: Path, slug: str) -> str:
    """The language of a bank's article, found beside its course (``quizzes/`` next to ``articles/``): English
    when the article is not there or does not say."""
    from .load import load_markdown

    md = bank_path.resolve().parent.parent / "articles" / slug / "article.md"
    if not md.is_file():
        return "en"
    parsed = load_markdown(md, Report())  # a broken article: the bank's quiz still works, in English
    data = parsed.front.data if parsed is not None and parsed.front is not None else None
    return str(data.get("language") or "en") if isinstance(data, dict) else "en"


def _load_article(article_dir: str | Path) -> Any:
    """An article folder loaded and checked; a problem raises MedialitError listing every error."""
    from .stages import load_article

    report = Report()
    article = load_article(Path(article_dir), report)
    if article is None:
        raise MedialitError(report)
    return article


class _Travelling:
    """A widget whose output, saved in a notebook, shows the static page's HTML beside the live view: what a
    notebook saved with the widget shows without it (nbconvert, a viewer, a kernel without the package)."""

    def _static_fallback(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        data, meta = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data or {})
        data["text/html"] = self._static_fallback()
        return data, meta


class Quiz(_Travelling, anywidget.AnyWidget):
    _esm = _STATIC.joinpath("quiz.js").read_text("utf-8")
    _css = _STATIC.joinpath("quiz.css").read_text("utf-8")

    spec = traitlets.Dict().tag(sync=True)
    seed = traitlets.Unicode("default").tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    score = traitlets.Dict().tag(sync=True)
    attempts = traitlets.Dict().tag(sync=True)  # graded mode: {question id: checks made}
    submitted = traitlets.Bool(False).tag(sync=True)  # graded mode: the quiz was submitted
    strings = traitlets.Dict().tag(sync=True)  # the runtime's strings in the quiz's language (English: none)

    def __init__(self, spec: dict[str, Any], seed: str = "default", **kwargs: Any) -> None:
        kwargs.setdefault("strings", dict(spec.get("strings") or {}))
        super().__init__(spec=spec, seed=seed, **kwargs)
        self.score = grade_score(self.spec, self.answers, self.seed)

    @traitlets.observe("answers", "seed")
    def _regrade(self, _change: Any) -> None:
        self.score = grade_score(self.spec, self.answers, self.seed)

    @classmethod
    def from_spec(cls, spec: dict[str, Any], seed: str = "default") -> Quiz:
        return cls(spec=spec, seed=seed)

    @classmethod
    def from_packed(cls, packed: str, seed: str = "default") -> Quiz:
        """A quiz from its spec packed as a notebook's quiz cell carries it (``render.notebooks.pack_spec``)."""
        from .render.notebooks import unpack_spec

        return cls(spec=unpack_spec(packed), seed=seed)

    @classmethod
    def from_bank(cls, path: str | Path, seed: str = "default") -> Quiz:
        """Load and check a bank file; a problem raises MedialitError listing every error."""
        from .stages import load_bank

        report = Report()
        bank = load_bank(Path(path), report)
        if bank is None:
            raise MedialitError(report)
        return cls(spec=localized_spec(bank, bank.language or _article_language(Path(path), bank.article)),
                   seed=seed)

    @classmethod
    def from_exercise(cls, article_dir: str | Path, exercise: str, seed: str = "default") -> Quiz:
        """An exercise of a chapter (fact-or-opinion, contradictions, check-claims), from its annotations."""
        from .transform.exercises import exercise_bank

        article = _load_article(article_dir)
        return cls(spec=localized_spec(exercise_bank(article, exercise), article.language), seed=seed)

    @property
    def shown(self) -> list[str]:
        from .seeding import drawn_ids

        return drawn_ids(self.spec, self.seed)

    def _static_fallback(self) -> str:
        return travelling_html(self.spec)


class Annotate(_Travelling, anywidget.AnyWidget):
    """The "Annotate it yourself" exercise: the bare article to mark and label, checked against the instructor's
    annotations. The front end is the static page's (quiz-annotate.js, bundled with what it imports into
    annotate-widget.js); ``score`` is this package's grade of ``marks`` (``generator.annotate.grade``), made again
    whenever they change, from the browser or from Python."""

    _esm = _STATIC.joinpath("annotate-widget.js").read_text("utf-8")
    # its styles: the quiz's, and the chapter pages' (where the exercise's own are, beside the highlight colours)
    _css = _STATIC.joinpath("quiz.css").read_text("utf-8") + _STATIC.joinpath("chapter.css").read_text("utf-8")

    spec = traitlets.Dict().tag(sync=True)  # render.annotate.widget_spec: the article's words, the key sealed
    marks = traitlets.List().tag(sync=True)  # [{"kind": ..., "passages": [[first word, end), ...], "technique"?}]
    checked = traitlets.Bool(False).tag(sync=True)  # the student pressed Check (the front end shows the results)
    score = traitlets.Dict().tag(sync=True)  # generator.annotate.grade of the marks: kinds, found, extra, score, passed
    strings = traitlets.Dict().tag(sync=True)  # the runtime's strings in the article's language (English: none)

    def __init__(self, spec: dict[str, Any], **kwargs: Any) -> None:
        kwargs.setdefault("strings", dict(spec.get("strings") or {}))
        super().__init__(spec=spec, **kwargs)
        self._regrade(None)

    @traitlets.observe("marks", "spec")
    def _regrade(self, _change: Any) -> None:
        self.score = annotate.grade(annotate_page.unsealed_key(self.spec), list(self.spec["kinds"]), self.marks,
                                    float(self.spec["pass"]))

    @classmethod
    def from_article(cls, article_dir: str | Path) -> Annotate:
        """The exercise of an article folder (``articles/<slug>``), with the kinds and pass mark its annotations ask
        for; a problem with the folder raises MedialitError listing every error."""
        return cls(spec=annotate_page.widget_spec(_load_article(article_dir)))

    @classmethod
    def from_packed(cls, packed: str) -> Annotate:
        """The exercise from its spec packed as a chapter notebook's cell carries it (``notebooks.pack_spec``)."""
        from .render.notebooks import unpack_spec

        return cls(spec=unpack_spec(packed))

    def _static_fallback(self) -> str:
        return annotate_travelling_html(self.spec)


