"""The pipeline: load → validate → model → transform → render → write."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import fingerprint
from .diagnostics import Code
from .errors import Diagnostic, MedialitError, Report, plural
from .markup import markdown_html
from .model import Article, Bank, Course
from .pool import Pool, serial
from .render import instructor as instructor_pages
from .render.article import article_html
from .render.myst import md_escape
from .render.notebooks import quiz_code, quiz_notebook
from .render.overview import article_page, overview_page
from .render.timeline import timeline_svg
from .render.toc import replace_block, toc_block
from .stages import check_links, discover, load_article, load_banks
from .transform.exercises import exercise_bank
from .transform.spec import bank_spec
from .validate import schema
from .write import GENERATED_MARK, WriteStats, sync_folder, write_if_changed

EXERCISE_PAGES = (
    ("fact-or-opinion", "Exercise: fact or opinion?",
     "For each statement from the article, decide: is it a **fact** (a statement that can be checked, "
     "whether it turns out true or not) or an **opinion** (a judgement, a view or a prediction)? "
     "Press *Check* after each answer: the feedback explains the cue words."),
    ("contradictions", "Exercise: spot the contradiction",
     "Some statements of the article cannot all be true at the same time. For each statement below, "
     "find the statement of the same article that conflicts with it."),
    ("check-claims", "Exercise: check the claims",
     "For each claim: first **plan your check** (who would know? where would you read laterally?), "
     "then open a new tab and look. Pick the verdict your evidence supports, then compare with the evidence "
     "and the sources we found."),
)


@dataclass(frozen=True)
class Chapter:
    slug: str
    files: dict[str, bytes]
    sections: list[str]  # page names after index, in reading order


def chapter(article: Article, banks: tuple[Bank, ...], root: Path, instructor: bool = False,
            reviewer: str = "medialit") -> Chapter:
    files: dict[str, str | bytes] = {}
    slug = article.slug
    parts: list[tuple[str, str]] = [("article.html", "Read the article")]
    sections = ["article"]
    files["article.md"] = article_page(article, article_html(article, instructor=instructor))
    exercises = [(name, title, intro, exercise_bank(article, name)) for name, title, intro in EXERCISE_PAGES]
    exercises = [e for e in exercises if e[3].questions]
    # what each quiz page says of its chapter, for the student's results file (quiz-results.js)
    listing = {"chapter": slug, "title": article.title,
               "quizzes": [{"id": e[3].id, "title": e[1]} for e in exercises]
               + [{"id": b.id, "title": f"Quiz: {b.title}"} for b in banks]}
    for name, title, intro, bank in exercises:
        spec = bank_spec(bank)
        files[f"{name}.ipynb"] = quiz_notebook(f"{slug}-{name}", title, intro, quiz_code(spec), spec, listing)
        parts.append((f"{name}.html", title))
        sections.append(name)
    for bank in banks:
        page = f"quiz-{bank.id}"
        described = f'<div class="mlq-bank-description">{markdown_html(bank.description)}</div>'
        intro = (described + "\n\n" if bank.description else "") + (
            ("**This quiz is graded.** Press *Check* to record an answer: you can check each question "
             + (f"{bank.attempts} times" if bank.attempts > 1 else "once")
             + ". You see which answers are right, and why, after you press *Submit quiz*; then the answers cannot "
               "change. " if bank.mode == "graded" else "Answer each question and press *Check*. ")
            + "Your answers are kept in this browser (by your learning platform, when you open this page there)"
            + (f"; you get {bank.draw} questions drawn from a larger pool" if bank.draw else "")
            + ("." if bank.mode == "graded" else "; *Reset* starts again."))
        spec = bank_spec(bank)
        files[f"{page}.ipynb"] = quiz_notebook(f"{slug}-{page}", f"Quiz: {md_escape(bank.title)}", intro,
                                               quiz_code(spec), spec, listing)
        parts.append((f"{page}.html", f"Quiz: {bank.title}"))
        sections.append(page)
    if instructor:
        for name, text in instructor_pages.pages(article, banks).items():
            files[f"{name}.md"] = text
            sections.append(name)
            parts.append((f"{name}.html", name.replace("-", " ").capitalize()))
    svg = timeline_svg(article.guide.timeline, f"Timeline: {article.title}") if article.guide else ""
    if svg:
        files["timeline.svg"] = svg
    files["index.md"] = overview_page(article, parts, has_timeline=bool(svg), reviewer=reviewer)
    sources = [article.folder / "article.md", article.folder / "annotations.yaml", *(b.loc.path for b in banks)]
    files[GENERATED_MARK] = ("Generated by `medialit generate` from articles/ and quizzes/. Do not edit: "
                             "changes here are overwritten.\n"
                             f"inputs: sha256:{fingerprint.chapter_digest(sources, root, instructor, reviewer)}\n")
    encoded = {k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in files.items()}
    return Chapter(slug=slug, files=encoded, sections=sections)


def book_author(root: Path) -> str:
    """The book's author from _config.yml: the reviewer named in the ClaimReview data."""
    try:
        config = yaml.safe_load((root / "_config.yml").read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return "medialit"
    return str(config.get("author") or "medialit")


def _chapter_task(job: tuple[Path, tuple[Bank, ...], Path, bool, str, Path]) -> tuple[Chapter | None, list[Diagnostic]]:
    """One article in a worker, from its files to its chapter: load, validate, model, transform and render in one
    process, so its parsed text is never sent between processes. The chapter (or None) and the diagnostics come
    back."""
    folder, banks, root, instructor, reviewer, base = job
    report = Report(base=base)
    article = load_article(folder, report)
    return (chapter(article, banks, root, instructor, reviewer) if article is not None else None), report.diagnostics


def render_course(course: Course, instructor: bool = False, pool: Pool | None = None) -> list[Chapter]:
    """The chapters of a course already loaded (for the benchmark and tests; ``generate`` renders as it loads)."""
    reviewer = book_author(course.root)
    return [chapter(a, course.banks_for(a.slug), course.root, instructor, reviewer) for a in course.articles]


def build_chapters(root: Path, report: Report, instructor: bool = False, pool: Pool | None = None,
                   progress: Callable[[int, int, str], None] | None = None) -> list[Chapter]:
    """Every chapter of the course; every problem of every file into report (then no chapter is returned)."""
    pool = pool if pool is not None else serial()
    base = report.base if report.base is not None else root
    folders, bank_paths = discover(root)
    for name in ("bank", "article", "annotations"):  # compiled once, before the workers are forked
        schema.compiled(name)
    banks, links = load_banks(bank_paths, base, report, pool)
    check_links(folders, links, report)
    reviewer = book_author(root)
    jobs = [(f, tuple(b for b in banks if b.article == f.name), root, instructor, reviewer, base) for f in folders]
    chapters = []
    for i, (c, diagnostics) in enumerate(pool.map(_chapter_task, jobs), 1):
        report.diagnostics.extend(diagnostics)
        if c is not None:
            chapters.append(c)
            if progress:
                progress(i, len(jobs), c.slug)
    return chapters if report.ok else []


def generate(root: Path, out_root: Path | None = None, instructor: bool = False,
             progress: Callable[[int, int, str], None] | None = None) -> WriteStats:
    """Check everything, then write book/<slug>/ and the _toc.yml block under out_root (default root).

    A run whose inputs, outputs and generator are exactly those of the last run that wrote them does nothing
    more than check that (``fingerprint``)."""
    out_root = out_root or root
    toc_path = out_root / "_toc.yml"
    report = Report(base=out_root)
    last = fingerprint.Stamp(out_root, instructor)
    if last.fresh(root):
        return WriteStats(unchanged=last.outputs)
    with Pool() as pool:
        chapters = build_chapters(root, report, instructor, pool, progress)
    if not report.ok:
        raise MedialitError(report)
    try:
        toc_text = toc_path.read_text("utf-8")
        entries = [(f"book/{c.slug}/index", [f"book/{c.slug}/{s}" for s in c.sections]) for c in chapters]
        new_toc = replace_block(toc_text, lambda indent: toc_block(entries, indent))
    except FileNotFoundError:
        report.add(toc_path, 1, 1, "there is no _toc.yml", "Run medialit from the book's root folder.", code=Code.TOC)
        raise MedialitError(report) from None
    except ValueError:
        report.add(toc_path, 1, 1, "_toc.yml has no '# medialit:begin' and '# medialit:end' marker lines",
                   "Add the two marker lines where the article chapters belong, at the indentation of a part.",
                   code=Code.TOC)
        raise MedialitError(report) from None
    stats = WriteStats(processes=pool.jobs)
    book = out_root / "book"
    try:
        for c in chapters:
            sync_folder(book / c.slug, c.files, stats)
        slugs = {c.slug for c in chapters}
        for mark in sorted(book.glob(f"*/{GENERATED_MARK}")):
            if mark.parent.name not in slugs:
                shutil.rmtree(mark.parent)
                stats.removed.append(mark.parent)
        write_if_changed(toc_path, new_toc.encode("utf-8"), stats)
    except OSError as exc:
        where = Path(exc.filename) if exc.filename else book
        report.add(where, 1, 1, f"cannot write the output: {exc.strerror}",
                   "Check that the book folder is writable (permissions, disk space), then run again.", code=Code.WRITE)
        raise MedialitError(report, f"{plural(len(stats.written), 'file')} written before it, each complete; "
                                    "every other file is unchanged") from None
    last.record(root)
    return stats
