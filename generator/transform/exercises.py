"""Transform step: annotations become exercises, as banks the quiz runtime grades."""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable

from ..i18n import N_, translator
from ..markup import md_escape
from ..model import EXERCISE_KINDS, Annotation, Article, Bank, Loc, Option, Question
from ..questions._choices import Choices

EXERCISES = tuple(EXERCISE_KINDS)
# questions each student gets when the annotations do not say (exercises: {<name>: {draw: n}}): a lesson's worth;
# an article with no more than this many gets them all
DEFAULT_DRAW = {"fact-or-opinion": 12, "contradictions": 6, "check-claims": 6}

VERDICTS = {
    "accurate": N_("Accurate"),
    "mostly-accurate": N_("Mostly accurate"),
    "misleading": N_("Misleading"),
    "inaccurate": N_("Inaccurate"),
    "unverifiable": N_("Unverifiable"),
}
VERDICT_MEANING = {
    "accurate": N_("what the sources show matches the claim"),
    "mostly-accurate": N_("right in substance, with a detail wrong or missing"),
    "misleading": N_("partly true, but it leaves a false impression"),
    "inaccurate": N_("the sources contradict it"),
    "unverifiable": N_("no reliable source could confirm or refute it"),
}


def _quoted(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines() or [""])


SHORT_QUOTE_WORDS = 6  # a quote of fewer words is shown with the sentence around it ("Middle East & North Africa")


def _statement(article: Article, a: Annotation) -> str:
    """The annotation's (first) quote as a block quote; a short one followed by the sentence it stands in, the
    quote in bold, so that a student can tell what the words are about."""
    quoted = _quoted(a.quotes[0])
    text = article.text
    if text is None or len(a.quotes[0].split()) >= SHORT_QUOTE_WORDS:
        return quoted
    start, end = a.spans[0].start, a.spans[0].end
    lo, hi = text.sentence_around(start, end)
    before, after = text.plain[lo:start], text.plain[end:hi]
    if not before.strip() and not after.strip():
        return quoted  # the quote is its whole sentence

    def literal(part: str) -> str:  # escaped, keeping the space (or none) next to the quote
        lead, trail = part[:1].isspace(), part[-1:].isspace()
        return (" " if lead else "") + md_escape(part) + (" " if trail and part.strip() else "")

    sentence = (literal(before).lstrip() + f"**{md_escape(text.plain[start:end])}**" + literal(after).rstrip())
    return f"{quoted}\n\n" + translator(article.language).gettext("In the article: {sentence}").format(
        sentence=sentence)


def _in_order(article: Article, kinds: tuple[str, ...]) -> list[Annotation]:
    return sorted((a for a in article.annotations if a.kind in kinds), key=lambda a: (a.spans[0].start, a.id))


def sources_markdown(a: Annotation) -> str:
    lines = []
    for s in a.sources:
        lines.append(f"- [{s.title}]({s.url}), {s.publisher}, {s.date}" + (f": {s.note}" if s.note else ""))
    return "\n".join(lines)


def fact_or_opinion(article: Article) -> Bank:
    _ = translator(article.language).gettext
    questions = []
    fact = _("Fact: a checkable statement (true or not)")
    opinion = _("Opinion: a judgement, a view or a prediction")
    for a in _in_order(article, EXERCISE_KINDS["fact-or-opinion"]):
        is_fact = a.kind == "claim"
        cues = ", ".join(f"*{c}*" for c in a.cues)
        why = (_("This can be checked against evidence, whether it turns out true or not. {note}").format(note=a.note)
               if is_fact else _("The wording marks a judgement or a prediction ({cues}): evidence can inform it, "
                                 "but cannot settle it. {note}").format(cues=cues, note=a.note))
        questions.append(Question(
            id=a.id, type="single", prompt=_("Fact or opinion?") + f"\n\n{_statement(article, a)}", loc=a.loc,
            body=Choices((
                Option(fact, correct=is_fact, feedback="" if is_fact else
                       _("This reads like a statement, but the cue words ({cues}) make it a judgement or a "
                         "prediction: no evidence could prove it true or false as worded.").format(cues=cues)),
                Option(opinion, correct=not is_fact, feedback="" if not is_fact else
                       _("A fact is not the same as a true statement: this one can be checked, so it is a factual "
                         "claim, whether the check finds it right or wrong.")),
            )),
            explanation=why, tags=("fact-or-opinion",),
        ))
    return Bank(id=f"{article.slug}-fact-or-opinion", article=article.slug, title=_("Fact or opinion?"),
                questions=tuple(questions), loc=Loc(article.folder / "annotations.yaml", 1), shuffle=False)


def _mix(label: str) -> int:
    """A fixed pseudo-random sort key for a label (CRC-32: only Python needs it, and it runs in C)."""
    return zlib.crc32(label.encode("utf-8"))


def contradictions(article: Article) -> Bank:
    _ = translator(article.language).gettext
    pool = [(p.quotes[0], " ".join(p.quotes[0].split())) for p in _in_order(article, ("claim", "opinion", "technique"))]
    questions = []
    for a in _in_order(article, EXERCISE_KINDS["contradictions"]):
        others = a.quotes[1:]
        taken = {" ".join(q.split()) for q in a.quotes}
        # distractors: statements that neither are nor contain nor sit inside one of the contradiction's quotes
        candidates = {q for q, flat in pool if not any(flat in t or t in flat for t in taken)}
        candidates = sorted(candidates, key=lambda q: (_mix(f"{a.id}:{q}"), q))[: max(2, 4 - len(others))]
        options = [Option(q, correct=True, feedback="") for q in others]
        options += [Option(q, correct=False, feedback=_("This statement may be questionable, but it does not "
                                                        "conflict with the one given: both could be true at once."))
                    for q in candidates]
        options.sort(key=lambda o: (_mix(f"{a.id}:opt:{o.text}"), o.text))
        questions.append(Question(
            id=a.id, type="single" if len(others) == 1 else "multiple",
            prompt=(_("The article says:") + "\n\n" + _statement(article, a) + "\n\n"
                    + (_("Which statement of the same article cannot be true at the same time as this one?")
                       if len(others) == 1 else
                       _("Which statements of the same article cannot be true at the same time as this one?"))),
            loc=a.loc, body=Choices(tuple(options)), explanation=a.note, tags=("contradiction",),
            hint=_("Look for numbers, dates or wording that would have to change for both to be right."),
        ))
    return Bank(id=f"{article.slug}-contradictions", article=article.slug, title=_("Spot the contradiction"),
                questions=tuple(questions), loc=Loc(article.folder / "annotations.yaml", 1), shuffle=False)


def check_claims(article: Article) -> Bank:
    _ = translator(article.language).gettext
    questions = []
    for a in _in_order(article, EXERCISE_KINDS["check-claims"]):
        verdict = a.verdict or "unverifiable"
        evidence = a.note
        if a.sources:
            evidence += "\n\n**" + _("Sources") + "**\n\n" + sources_markdown(a)
        if a.context_since:
            evidence += "\n\n**" + _("Context since the article:") + f"** {a.context_since}"
        options = tuple(
            Option(_("{verdict}: {meaning}").format(verdict=_(label), meaning=_(VERDICT_MEANING[v])),
                   correct=(v == verdict), feedback="" if v == verdict else _verdict_feedback(v, verdict, _))
            for v, label in VERDICTS.items())
        questions.append(Question(
            id=a.id, type="single", loc=a.loc, tags=("claim-checking",),
            prompt=(_("The claim:") + f"\n\n{_statement(article, a)}\n\n"
                    + _("**Plan your check before you answer.** Who would know whether this is right? What would "
                        "you search for, and which independent sources would you open (lateral reading)? Then pick "
                        "the verdict the evidence supports.")),
            hint=_("Leave the article: search for the event, the number or the quote, and compare two or more "
                   "independent reports."),
            body=Choices(options), explanation=evidence,
        ))
    return Bank(id=f"{article.slug}-check-claims", article=article.slug, title=_("Check the claims"),
                questions=tuple(questions), loc=Loc(article.folder / "annotations.yaml", 1), shuffle=False)


def _verdict_feedback(picked: str, right: str, _: Callable[[str], str]) -> str:
    if right == "unverifiable":
        return _("No source we could find settles this claim: a verdict either way would go beyond the evidence.")
    if picked == "unverifiable":
        return _("Sources do exist for this claim: the evidence below settles it.")
    order = list(VERDICTS)
    if order.index(picked) < order.index(right):
        return _("Too generous: the sources below show a problem with this claim.")
    return _("Too harsh: the sources below support more of this claim than that.")


def draw(article: Article, name: str, questions: int) -> int | None:
    """How many of the exercise's questions each student gets (None: all of them): the annotations' setting, else
    the default for a long list."""
    n = dict(article.draws).get(name, DEFAULT_DRAW[name])
    return n if 0 < n < questions else None


def exercise_bank(article: Article, name: str) -> Bank:
    make = {"fact-or-opinion": fact_or_opinion, "contradictions": contradictions, "check-claims": check_claims}
    if name not in make:
        raise ValueError(f"unknown exercise {name!r}; use one of {', '.join(EXERCISES)}")
    bank = make[name](article)
    return dataclasses.replace(bank, draw=draw(article, name, len(bank.questions)))
