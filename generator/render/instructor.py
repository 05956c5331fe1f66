"""Instructor-only pages: answer keys, teaching notes and every annotation note.

These pages exist only in the instructor edition (`medialit build --instructor`), a separate
source tree and site that is never published with the student one.
"""

from __future__ import annotations

from ..i18n import N_
from ..markup import esc, markdown_html, markdown_inline
from ..model import Annotation, Article, Bank, Question
from ..questions import REGISTRY
from ..transform.exercises import EXERCISES, VERDICTS, exercise_bank, sources_markdown
from .myst import page, raw_html

TITLES = {"teaching-notes": N_("Teaching notes"), "answer-key": N_("Answer key")}  # the pages, in the chapter's list
KIND_TITLES = (("claim", "Claims"), ("opinion", "Opinions"), ("contradiction", "Contradictions"),
               ("technique", "Techniques"), ("source", "Source clues"))


def answer_html(q: Question) -> str:
    out = [REGISTRY[q.type].answer_html(q)]
    for label, text in (("Hint", q.hint), ("Right-answer feedback", q.feedback_correct),
                        ("Wrong-answer feedback", q.feedback_incorrect), ("Explanation", q.explanation)):
        if text:
            out.append(f"<div><strong>{label}:</strong> {markdown_html(text)}</div>")
    return "".join(out)


def bank_key_html(bank: Bank) -> str:
    head = f"<p>{len(bank.questions)} questions"
    head += f"; each student gets {bank.draw} drawn from the pool" if bank.draw else ""
    head += "; options shuffled per student" if bank.shuffle else ""
    head += (f"; <strong>graded</strong>: {bank.attempts} attempt{'s' if bank.attempts != 1 else ''} per question, "
             "no answer or explanation until the student submits the quiz" if bank.mode == "graded"
             else "; practice: feedback and the answer at each Check, retries unlimited")
    head += ".</p>"
    rows = []
    for n, q in enumerate(bank.questions, 1):
        rows.append(f"<section class='mlq-key-q'><h4>{n}. <code>{esc(q.id)}</code> · {esc(q.type)} · "
                    f"{q.points:g} point{'s' if q.points != 1 else ''}</h4>{markdown_html(q.prompt)}"
                    f"{answer_html(q)}</section>")
    return head + "".join(rows)


def answer_key_page(article: Article, banks: tuple[Bank, ...]) -> str:
    blocks = ["Instructor edition only. Every question of this chapter with its answer, feedback and explanation.\n"]
    for name in EXERCISES:
        bank = exercise_bank(article, name)
        if bank.questions:
            blocks += [f"## Exercise: {bank.title}\n", raw_html(bank_key_html(bank))]
    for bank in banks:
        blocks += [f"## Quiz: {md_text(bank.title)}\n", raw_html(bank_key_html(bank))]
    return page("Answer key", *blocks)


def md_text(text: str) -> str:
    from .myst import md_escape

    return md_escape(text)


def annotation_html(a: Annotation) -> str:
    parts = [f"<h4><code>{esc(a.id)}</code>" + (f" · {esc(VERDICTS[a.verdict])}" if a.verdict else "")
             + (f" · {esc(a.technique)}" if a.technique else "") + "</h4>"]
    parts.append("<blockquote>" + "<br/>".join(f"“{esc(q)}”" for q in a.quotes) + "</blockquote>")
    parts.append(markdown_html(a.note))
    if a.cues:
        parts.append("<p><strong>Cues:</strong> " + ", ".join(f"<em>{esc(c)}</em>" for c in a.cues) + "</p>")
    if a.sources:
        parts.append("<p><strong>Sources:</strong></p>" + markdown_html(sources_markdown(a)))
    if a.context_since:
        parts.append("<p><strong>Context since:</strong></p>" + markdown_html(a.context_since))
    if a.instructor_note:
        parts.append("<div class='mlq-instructor-only'><p><strong>Teaching note:</strong></p>"
                     + markdown_html(a.instructor_note) + "</div>")
    return "<section class='mlq-key-ann'>" + "".join(parts) + "</section>"


def teaching_notes_page(article: Article) -> str:
    ins = article.instructor
    blocks = ["Instructor edition only.\n"]
    if ins.lesson_plan:
        total = sum(s.minutes for s in ins.lesson_plan)
        rows = "".join(f"<tr><td>{s.minutes}</td><td>{markdown_inline(s.activity)}</td></tr>" for s in ins.lesson_plan)
        blocks += [f"## A plan for one class ({total} minutes)\n", raw_html(
            f"<table><thead><tr><th>Minutes</th><th>Activity</th></tr></thead><tbody>{rows}</tbody></table>")]
    if ins.discussion:
        blocks += ["## Discussion prompts\n", raw_html("<ol>" + "".join(
            f"<li>{markdown_inline(d)}</li>" for d in ins.discussion) + "</ol>")]
    if ins.misconceptions:
        blocks += ["## Common misconceptions\n", raw_html("<ul>" + "".join(
            f"<li>{markdown_inline(m)}</li>" for m in ins.misconceptions) + "</ul>")]
    counts = ", ".join(f"{sum(1 for a in article.annotations if a.kind == k)} {t.lower()}" for k, t in KIND_TITLES)
    blocks += ["## Every annotation\n", f"This article has {len(article.annotations)} annotations: {counts}.\n"]
    for kind, title in KIND_TITLES:
        items = sorted((a for a in article.annotations if a.kind == kind), key=lambda a: (a.spans[0].start, a.id))
        if items:
            blocks += [f"### {title}\n", raw_html("".join(annotation_html(a) for a in items))]
    return page("Teaching notes", *blocks)


def pages(article: Article, banks: tuple[Bank, ...]) -> dict[str, str]:
    return {"teaching-notes": teaching_notes_page(article), "answer-key": answer_key_page(article, banks)}
