"""Instructor-only pages: answer keys, teaching notes and every annotation note.

These pages exist only in the instructor edition (`medialit build --instructor`), a separate
source tree and site that is never published with the student one.
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import N_, translator
from ..markup import esc, markdown_html, markdown_inline
from ..model import Annotation, Article, Bank, Question
from ..questions import REGISTRY
from ..transform.exercises import EXERCISES, VERDICTS, exercise_bank, sources_markdown
from .myst import page, raw_html

TITLES = {"teaching-notes": N_("Teaching notes"), "answer-key": N_("Answer key")}  # the pages, in the chapter's list
KIND_TITLES = (("claim", N_("Claims")), ("opinion", N_("Opinions")), ("contradiction", N_("Contradictions")),
               ("technique", N_("Techniques")), ("source", N_("Source clues")))


def answer_html(q: Question, _: Callable[[str], str] = str) -> str:
    out = [REGISTRY[q.type].answer_html(q, _)]
    for label, text in ((N_("Hint"), q.hint), (N_("Right-answer feedback"), q.feedback_correct),
                        (N_("Wrong-answer feedback"), q.feedback_incorrect), (N_("Explanation"), q.explanation)):
        if text:
            out.append(f"<div><strong>{esc(_(label))}:</strong> {markdown_html(text)}</div>")
    return "".join(out)


def bank_key_html(bank: Bank, language: str = "en") -> str:
    tr = translator(language)
    _ = tr.gettext
    head = "<p>" + esc(tr.ngettext("{n} question", "{n} questions", len(bank.questions))
                       if language != "en" else "{n} questions").format(n=len(bank.questions))
    head += esc(_("; each student gets {n} drawn from the pool")).format(n=bank.draw) if bank.draw else ""
    head += esc(_("; options shuffled per student")) if bank.shuffle else ""
    attempts = esc(tr.ngettext("{n} attempt", "{n} attempts", bank.attempts)).format(n=bank.attempts)
    graded = "<strong>" + esc(_("graded")) + "</strong>"
    head += (esc(_("; {graded}: {attempts} per question, no answer or explanation until the student submits the "
                   "quiz")).format(graded=graded, attempts=attempts) if bank.mode == "graded"
             else esc(_("; practice: feedback and the answer at each Check, retries unlimited")))
    head += ".</p>"
    rows = []
    for n, q in enumerate(bank.questions, 1):
        pts = esc(tr.ngettext("{n} point", "{n} points", 1 if q.points == 1 else 2)).format(n=f"{q.points:g}")
        rows.append(f"<section class='mlq-key-q'><h4>{n}. <code>{esc(q.id)}</code> · {esc(q.type)} · "
                    f"{pts}</h4>{markdown_html(q.prompt)}"
                    f"{answer_html(q, _)}</section>")
    return head + "".join(rows)


def answer_key_page(article: Article, banks: tuple[Bank, ...]) -> str:
    _ = translator(article.language).gettext
    blocks = [_("Instructor edition only. Every question of this chapter with its answer, feedback and "
                "explanation.") + "\n"]
    for name in EXERCISES:
        bank = exercise_bank(article, name)
        if bank.questions:
            blocks += ["## " + _("Exercise: {title}").format(title=bank.title) + "\n",
                       raw_html(bank_key_html(bank, article.language))]
    for bank in banks:
        blocks += ["## " + _("Quiz: {title}").format(title=md_text(bank.title)) + "\n",
                   raw_html(bank_key_html(bank, bank.language or article.language))]
    return page(_("Answer key"), *blocks)


def md_text(text: str) -> str:
    from .myst import md_escape

    return md_escape(text)


def annotation_html(a: Annotation, language: str = "en") -> str:
    _ = translator(language).gettext

    def label(text: str) -> str:
        return "<strong>" + esc(text) + "</strong>"

    parts = [f"<h4><code>{esc(a.id)}</code>" + (f" · {esc(_(VERDICTS[a.verdict]))}" if a.verdict else "")
             + (f" · {esc(a.technique)}" if a.technique else "") + "</h4>"]
    parts.append("<blockquote>" + "<br/>".join(f"“{esc(q)}”" for q in a.quotes) + "</blockquote>")
    parts.append(markdown_html(a.note))
    if a.cues:
        parts.append("<p>" + label(_("Cues:")) + " " + ", ".join(f"<em>{esc(c)}</em>" for c in a.cues) + "</p>")
    if a.sources:
        parts.append("<p>" + label(_("Sources:")) + "</p>" + markdown_html(sources_markdown(a)))
    if a.context_since:
        parts.append("<p>" + label(_("Context since:")) + "</p>" + markdown_html(a.context_since))
    if a.instructor_note:
        parts.append("<div class='mlq-instructor-only'><p>" + label(_("Teaching note:")) + "</p>"
                     + markdown_html(a.instructor_note) + "</div>")
    return "<section class='mlq-key-ann'>" + "".join(parts) + "</section>"


def teaching_notes_page(article: Article) -> str:
    tr = translator(article.language)
    _ = tr.gettext
    ins = article.instructor
    blocks = [_("Instructor edition only.") + "\n"]
    if ins.lesson_plan:
        total = sum(s.minutes for s in ins.lesson_plan)
        rows = "".join(f"<tr><td>{s.minutes}</td><td>{markdown_inline(s.activity)}</td></tr>" for s in ins.lesson_plan)
        minutes, activity = _("Minutes"), _("Activity")  # outside the f-string, where the extractor finds them
        blocks += ["## " + _("A plan for one class ({total} minutes)").format(total=total) + "\n", raw_html(
            f"<table><thead><tr><th>{esc(minutes)}</th><th>{esc(activity)}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")]
    if ins.discussion:
        blocks += ["## " + _("Discussion prompts") + "\n", raw_html("<ol>" + "".join(
            f"<li>{markdown_inline(d)}</li>" for d in ins.discussion) + "</ol>")]
    if ins.misconceptions:
        blocks += ["## " + _("Common misconceptions") + "\n", raw_html("<ul>" + "".join(
            f"<li>{markdown_inline(m)}</li>" for m in ins.misconceptions) + "</ul>")]
    counts = ", ".join(f"{sum(1 for a in article.annotations if a.kind == k)} {_(t).lower()}" for k, t in KIND_TITLES)
    blocks += ["## " + _("Every annotation") + "\n",
               _("This article has {n} annotations: {counts}.").format(n=len(article.annotations), counts=counts)
               + "\n"]
    for kind, title in KIND_TITLES:
        items = sorted((a for a in article.annotations if a.kind == kind), key=lambda a: (a.spans[0].start, a.id))
        if items:
            blocks += [f"### {_(title)}\n", raw_html("".join(annotation_html(a, article.language) for a in items))]
    return page(_("Teaching notes"), *blocks)


def pages(article: Article, banks: tuple[Bank, ...]) -> dict[str, str]:
    return {"teaching-notes": teaching_notes_page(article), "answer-key": answer_key_page(article, banks)}
