"""The first three stages for one file or a whole course: load (``load``), validate (``validate``: schema, then
semantic checks) and model (``assemble``). Every problem of every file is collected in one report."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import assemble
from .diagnostics import Code
from .errors import Diagnostic, MedialitError, Report, display_path
from .load import load_markdown, load_yaml
from .model import Article, Bank, Course, Loc
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
    articles.check_language(md.front, report, "the article's")
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
    if ann is not None:
        # every problem in one run: the annotations that pass the schema are checked even when others do not
        skip = frozenset() if schema.check(ann, "annotations", report) else schema.failed_items(ann, "annotations",
                                                                                                  "annotations")
        if skip is not None:
            articles.check_dates(ann, report)
            spans = articles.check_annotations(ann, text, md.body_line, display_path(md_path, report.base), report,
                                               skip)
            articles.check_exercises(ann, report)
            articles.check_annotate(ann, report)
    if len(report.diagnostics) > start or not front_ok or ann is None:
        return None
    return assemble.article(folder, md, ann, text, spans)


@dataclass(frozen=True)
class BankLink:
    """What the checks across files need of a bank, even one with problems: its id and its article."""

    id: str
    article: str
    loc: Loc


def load_bank(path: Path, report: Report) -> Bank | None:
    return load_bank_and_link(path, report)[0]


def load_bank_and_link(path: Path, report: Report) -> tuple[Bank | None, BankLink | None]:
    start = len(report.diagnostics)
    doc = load_yaml(path, report)
    if doc is None:
        return None, None
    data = doc.data if isinstance(doc.data, dict) else {}
    link = BankLink(data["bank"], data["article"], assemble.loc(doc, ("bank",))) \
        if isinstance(data.get("bank"), str) and isinstance(data.get("article"), str) else None
    # every problem in one run: the questions that pass the schema are checked even when others do not
    skip = frozenset() if schema.check(doc, "bank", report) else schema.failed_items(doc, "bank", "questions")
    if skip is not None:
        banks.check_bank(doc, report, skip)
        articles.check_language(doc, report, "the bank's")
    if len(report.diagnostics) > start:
        return None, link
    return assemble.bank(doc), link


def bank_task(job: tuple[Path, Path]) -> tuple[Bank | None, BankLink | None, list[Diagnostic]]:
    """One bank, loaded in a worker: the bank (or None), what the checks across files need, the diagnostics."""
    path, base = job
    report = Report(base=base)
    return (*load_bank_and_link(path, report), report.diagnostics)


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
    for item, diagnostics in pool.map(_load_task, [(load_article, p, base) for p in article_dirs]):
        report.diagnostics.extend(diagnostics)
        if item is not None:
            found_articles.append(item)
    found_banks, links = load_banks(bank_paths, base, report, pool)
    check_links(article_dirs, links, report)
    if not report.ok:
        raise MedialitError(report)
    return Course(root=root, articles=tuple(found_articles), banks=tuple(found_banks))


def load_banks(paths: list[Path], base: Path, report: Report, pool: Pool) -> tuple[list[Bank], list[BankLink]]:
    found: list[Bank] = []
    links: list[BankLink] = []
    for bank, link, diagnostics in pool.map(bank_task, [(p, base) for p in paths]):
        report.diagnostics.extend(diagnostics)
        if bank is not None:
            found.append(bank)
        if link is not None:
            links.append(link)
    return found, links


def check_links(article_dirs: list[Path], links: list[BankLink], report: Report) -> None:
    """What no single file can say: bank ids unique across banks, every bank's article there. Checked for every
    bank that names an id and an article, even one with other problems."""
    slugs = sorted(d.name for d in article_dirs)
    bank_ids: dict[str, BankLink] = {}
    for b in links:
        if b.id in bank_ids:
            first = bank_ids[b.id].loc
            report.add(b.loc.path, b.loc.line, b.loc.column, f"bank id '{b.id}' is also used by "
                       f"{display_path(first.path, report.base)}",
                       "Bank ids must be unique across all banks: rename one of them.", code=Code.DUPLICATE_BANK)
        else:
            bank_ids[b.id] = b
        if b.article not in slugs:
            report.add(b.loc.path, b.loc.line, b.loc.column, f"bank '{b.id}' points at article '{b.article}', "
                       "which does not exist", f"Articles found: {', '.join(slugs) or 'none'}. Use one of "
                       "these slugs, or create articles/<slug>/.", code=Code.UNKNOWN_ARTICLE)
