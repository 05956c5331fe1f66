"""The first three stages for one file or a whole course: load (``load``), validate (``validate``: schema, then
semantic checks) and model (``assemble``). Every problem of every file is collected in one report."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import assemble
from .diagnostics import Code
from .errors import Diagnostic, MedialitError, Report, display_path
from .load import load_markdown, load_yaml
from .model import Article, Bank, Course
from .pool import Pool, serial
from .text import ArticleText
from .validate import articles, banks, schema

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def discover(root: Path) -> tuple[list[Path], list[Path]]:
    articles_dir, quizzes = root / "articles", root / "quizzes"
    folders = sorted(p for p in articles_dir.glob("*") if p.is_dir()) if articles_dir.is_dir() else []
    found = sorted(quizzes.glob("*.yaml")) + sorted(quizzes.glob("*.yml")) if quizzes.is_dir() else []
    return folders, sorted(found)


def load_article(folder: Path, report: Report) -> Article | None:
    slug = folder.name
    md_path, ann_path = folder / "article.md", folder / "annotations.yaml"
    start = len(report.diagnostics)
    if not SLUG.match(slug):
        report.add(folder, 1, 1, f"article folder name '{slug}' is not a valid slug",
                   "Rename the folder with lowercase letters, digits and hyphens only, e.g. mali-withdrawal.",
                   code=Code.BAD_SLUG)
    if not md_path.is_file():
        report.add(md_path, 1, 1, "the article folder has no article.md",
                   "Create article.md with YAML front matter and the article body (see the instructor pages).",
                   code=Code.COURSE_LAYOUT)
        return None
    md = load_markdown(md_path, report)
    if md is None or md.front is None:
        return None
    front_ok = schema.check(md.front, "article", report)
    articles.check_dates(md.front, report)
    text = ArticleText.from_markdown(md.body)
    if not text.plain.strip():
        report.add(md_path, md.body_line, 1, "the article body is empty", "Paste the article text after the "
                   "front matter.", code=Code.EMPTY_ARTICLE)
    ann = None
    if not ann_path.is_file():
        report.add(ann_path, 1, 1, "the article folder has no annotations.yaml",
                   "Create annotations.yaml with at least 'guide:' and 'annotations: []'.", code=Code.COURSE_LAYOUT)
    else:
        ann = load_yaml(ann_path, report)
    spans: dict[str, list[tuple[int, int]]] = {}
    if ann is not None and schema.check(ann, "annotations", report):
        articles.check_dates(ann, report)
        spans = articles.check_annotations(ann, text, md.body_line, display_path(md_path, report.base), report)
    if len(report.diagnostics) > start or not front_ok or ann is None:
        return None
    return assemble.article(folder, md, ann, text, spans)


def load_bank(path: Path, report: Report) -> Bank | None:
    start = len(report.diagnostics)
    doc = load_yaml(path, report)
    if doc is None or not schema.check(doc, "bank", report):
        return None
    banks.check_bank(doc, report)
    if len(report.diagnostics) > start:
        return None
    return assemble.bank(doc)


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
    found_articles: list[Article] = []
    found_banks: list[Bank] = []
    for found, load, paths in ((found_articles, load_article, article_dirs), (found_banks, load_bank, bank_paths)):
        for item, diagnostics in pool.map(_load_task, [(load, p, base) for p in paths]):
            report.diagnostics.extend(diagnostics)
            if item is not None:
                found.append(item)
    slugs = {a.slug for a in found_articles}
    bank_ids: dict[str, Bank] = {}
    for b in found_banks:
        if b.id in bank_ids:
            first = bank_ids[b.id].loc
            report.add(b.loc.path, b.loc.line, b.loc.column, f"bank id '{b.id}' is also used by "
                       f"{display_path(first.path, report.base)}",
                       "Bank ids must be unique across all banks: rename one of them.", code=Code.DUPLICATE_BANK)
        else:
            bank_ids[b.id] = b
        if b.article not in slugs and not any(d.name == b.article for d in article_dirs):
            report.add(b.loc.path, b.loc.line, b.loc.column, f"bank '{b.id}' points at article '{b.article}', "
                       "which does not exist", f"Articles found: {', '.join(sorted(slugs)) or 'none'}. Use one of "
                       "these slugs, or create articles/<slug>/.", code=Code.UNKNOWN_ARTICLE)
    if not report.ok:
        raise MedialitError(report)
    return Course(root=root, articles=tuple(found_articles), banks=tuple(found_banks))
