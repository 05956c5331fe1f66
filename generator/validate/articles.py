"""Second validation pass for articles: what a schema cannot say (real dates, unique ids, the fields each kind of
annotation needs, every quote found once in the article)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import i18n
from ..diagnostics import Code
from ..errors import Report
from ..load import Document
from ..model import EXERCISE_KINDS
from ..text import ArticleText, normalise_quote

Spans = dict[str, list[tuple[int, int]]]


def _date_ok(value: Any) -> bool:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def check_dates(doc: Document, report: Report, node: Any = None, path: tuple[Any, ...] = ()) -> None:
    """Dates of the right shape that are not real dates (2021-02-30)."""
    node = doc.data if node is None else node
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "date" and isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) and not _date_ok(v):
                report.add(doc.path, *doc.where((*path, k)), f"{k} '{v}' is not a real date",
                           "Check the month and the day: write YYYY-MM-DD, e.g. 2021-07-14.", code=Code.BAD_DATE)
            else:
                check_dates(doc, report, v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            check_dates(doc, report, v, (*path, i))


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"


def check_annotations(doc: Document, text: ArticleText, body_line: int, article_path: Any,
                      report: Report, skip: frozenset[int] = frozenset()) -> Spans:
    """Check the annotations and locate every quote; returns the spans of each annotation id. ``skip``: the
    annotations that failed the schema (their problems are reported already; the others are still checked)."""
    p = doc.path
    spans: Spans = {}
    seen: dict[str, int] = {}
    for i, a in enumerate(doc.data.get("annotations") or []):
        if i in skip:
            continue
        at = ("annotations", i)
        aid, kind = a["id"], a["kind"]
        if aid in seen:
            report.add(p, *doc.where((*at, "id")), f"duplicate annotation id '{aid}' (first used on line {seen[aid]})",
                       "Every annotation needs its own id: rename one of them.", code=Code.DUPLICATE_ID)
        else:
            seen[aid] = doc.where((*at, "id"))[0]
        if kind == "contradiction":
            if "quotes" not in a:
                report.add(p, *doc.where(at), f"contradiction '{aid}' needs 'quotes' (two or more)",
                           "Give 'quotes: [\"first statement\", \"second statement\"]' instead of 'quote'.",
                           code=Code.QUOTE_FIELD)
            if "quote" in a:
                report.add(p, *doc.where_key((*at, "quote")), f"contradiction '{aid}' takes 'quotes', not 'quote'",
                           "Rename 'quote' to 'quotes' and list two or more statements that conflict.",
                           code=Code.QUOTE_FIELD)
        else:
            if "quote" not in a:
                report.add(p, *doc.where(at), f"{kind} '{aid}' needs a 'quote'",
                           "Give 'quote: \"...\"' with the exact words of the article.", code=Code.QUOTE_FIELD)
            if "quotes" in a:
                report.add(p, *doc.where_key((*at, "quotes")),
                           f"only contradictions take 'quotes'; '{aid}' is {_a(kind)}",
                           "Use 'quote:' with one stretch of text.", code=Code.QUOTE_FIELD)
        if kind == "claim":
            verdict = a.get("verdict")
            if verdict is None:
                report.add(p, *doc.where(at), f"claim '{aid}' has no verdict",
                           "Add 'verdict:' (accurate, mostly-accurate, misleading, inaccurate or unverifiable).",
                           code=Code.VERDICT)
            elif verdict != "unverifiable" and not a.get("sources"):
                report.add(p, *doc.where((*at, "verdict")),
                           f"claim '{aid}' is rated '{verdict}' but cites no sources",
                           "Add 'sources:' (title, publisher, date, url of what you read), or make the verdict "
                           "'unverifiable' and say in the note what you searched.", code=Code.VERDICT_SOURCES)
        else:
            if "verdict" in a:
                report.add(p, *doc.where_key((*at, "verdict")), f"only claims take a verdict; '{aid}' is {_a(kind)}",
                           "Remove 'verdict', or make the annotation 'kind: claim'.", code=Code.KIND_FIELD)
        if kind == "opinion" and not a.get("cues"):
            report.add(p, *doc.where(at), f"opinion '{aid}' has no cues",
                       "Add 'cues: [...]' with the words that mark it as opinion (seems, terrible, will...).",
                       code=Code.CUES)
        if kind != "opinion" and "cues" in a:
            report.add(p, *doc.where_key((*at, "cues")), f"only opinions take cues; '{aid}' is {_a(kind)}",
                       "Remove 'cues', or make the annotation 'kind: opinion'.", code=Code.KIND_FIELD)
        if kind == "technique" and "technique" not in a:
            report.add(p, *doc.where(at), f"technique '{aid}' has no technique label",
                       "Add 'technique:' with a label from the list in the instructor pages, e.g. loaded-language.",
                       code=Code.TECHNIQUE)
        if kind != "technique" and "technique" in a:
            report.add(p, *doc.where_key((*at, "technique")), f"only techniques take a technique label; '{aid}' is "
                       f"{_a(kind)}", "Remove 'technique', or make the annotation 'kind: technique'.",
                       code=Code.KIND_FIELD)
        quotes = [("quote", a["quote"])] if "quote" in a else []
        quotes += [(("quotes", j), q) for j, q in enumerate(a.get("quotes") or [])]
        found: list[tuple[int, int]] = []
        for key, quote in quotes:
            ptr = (*at, *key) if isinstance(key, tuple) else (*at, key)
            hit = _locate(doc, ptr, quote, a.get("prefix"), text, body_line, article_path, aid, report)
            if hit:
                found.append(hit)
        if kind == "opinion" and "quote" in a:
            for j, cue in enumerate(a.get("cues") or []):
                if normalise_quote(cue).casefold() not in normalise_quote(a["quote"]).casefold():
                    report.add(p, *doc.where((*at, "cues", j)), f"cue '{cue}' of '{aid}' is not in its quote",
                               "Cues are words of the quote that mark it as opinion: copy them from the quote.",
                               code=Code.CUE_NOT_IN_QUOTE)
        if len(found) == len(quotes) and quotes:
            spans[aid] = found
    return spans


def check_exercises(doc: Document, report: Report) -> None:
    """An exercise's draw can be no larger than the questions its annotations make."""
    kinds = [a.get("kind") for a in doc.data.get("annotations") or [] if isinstance(a, dict)]
    exercises = doc.data.get("exercises")
    for name, settings in (exercises.items() if isinstance(exercises, dict) else ()):
        if name not in EXERCISE_KINDS:  # the schema names the exercises there are
            continue
        n = sum(1 for k in kinds if k in EXERCISE_KINDS.get(name, ()))
        wanted = settings.get("draw") if isinstance(settings, dict) else None
        if isinstance(wanted, int) and not isinstance(wanted, bool) and wanted > n:
            kinds_text = " and ".join(f"'{k}'" for k in EXERCISE_KINDS[name])
            report.add(doc.path, *doc.where(("exercises", name, "draw")),
                       f"the {name} exercise draws {wanted} questions, but the annotations make only {n}",
                       f"Lower draw to at most {n}, write 'draw: all', or annotate more passages of kind "
                       f"{kinds_text}.", code=Code.DRAW_TOO_LARGE)


def check_annotate(doc: Document, report: Report) -> None:
    """The annotate exercise asks only for kinds the annotations use (else the student could never find one)."""
    kinds = {a.get("kind") for a in doc.data.get("annotations") or [] if isinstance(a, dict)}
    exercises = doc.data.get("exercises")
    settings = exercises.get("annotate") if isinstance(exercises, dict) else None
    asked = settings.get("kinds") if isinstance(settings, dict) else None
    for i, kind in enumerate(asked if isinstance(asked, list) else ()):
        if isinstance(kind, str) and kind not in kinds:
            report.add(doc.path, *doc.where(("exercises", "annotate", "kinds", i)),
                       f"the annotate exercise asks for '{kind}' passages, but no annotation is of kind '{kind}'",
                       f"Remove '{kind}' from kinds, or annotate at least one passage of kind '{kind}'.",
                       code=Code.ANNOTATE_KIND)


def _locate(doc: Document, ptr: tuple[Any, ...], quote: str, prefix: str | None, text: ArticleText,
            body_line: int, article_path: Any, aid: str, report: Report) -> tuple[int, int] | None:
    hits = text.find_all(quote)
    line, col = doc.where(ptr)
    short = quote if len(quote) <= 70 else quote[:67] + "..."
    if not hits:
        near, offset = text.closest(quote)
        near_line = text.line_of(offset) + body_line
        hint = (f"Closest text in the article ({article_path}, line {near_line}): \"{near}\". "
                "Copy the words exactly from the article." if near else
                f"The article body ({article_path}) has no text to quote yet: paste the article first.")
        report.add(doc.path, line, col, f"quote of '{aid}' not found in the article: \"{short}\"", hint,
                   code=Code.QUOTE_NOT_FOUND)
        return None
    if prefix:
        picked = [h for h in hits if text.preceded_by(h[0], prefix)]
        if not picked:
            report.add(doc.path, *doc.where((*ptr[:2], "prefix")),
                       f"the prefix of '{aid}' does not come just before any occurrence of its quote",
                       "The prefix is the text right before the quote in the article: copy it from there, "
                       "or remove it if the quote occurs only once.", code=Code.PREFIX_MISMATCH)
            return None
        hits = picked
    if len(hits) > 1:
        lines = ", ".join(str(text.line_of(h[0]) + body_line) for h in hits)
        report.add(doc.path, line, col, f"quote of '{aid}' occurs {len(hits)} times in the article "
                   f"(lines {lines}): \"{short}\"",
                   "Quote more words so that it occurs once, or add 'prefix:' with the text just before the one "
                   "you mean.", code=Code.QUOTE_AMBIGUOUS)
        return None
    return hits[0]


def check_language(doc: Document, report: Report, what: str) -> None:
    """A ``language`` (an article's front matter, a bank) must have a catalog: else its chapter's words would be
    English while its text is not."""
    data = doc.data if isinstance(doc.data, dict) else {}
    lang = data.get("language")
    if isinstance(lang, str) and not i18n.has_catalog(lang):
        have = ", ".join(i18n.languages())
        report.add(doc.path, *doc.where(("language",)), f"{what} language '{lang}' has no catalog (there are: {have})",
                   f"Start one with `medialit translations init {lang}` and translate it, or use one of those.",
                   code=Code.NO_CATALOG)
