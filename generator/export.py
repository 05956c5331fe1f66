"""Export a question bank for a learning platform.

Two formats:

* **GIFT**, the plain-text format Moodle imports (``question/format/gift/format.php``): the
  question text carries the ``[markdown]`` marker, which answers and feedback inherit, and the
  reserved characters ``~ = # { } :`` and the backslash itself are escaped with a backslash;
  new lines become ``\\n`` so a question never contains the blank line that separates questions.
* **QTI 1.2 as Canvas imports it** (the shape text2qti produces): a zip with ``imsmanifest.xml``,
  ``<id>/<id>.xml`` (``questestinterop`` > ``assessment`` > ``section`` > ``item``) and
  ``<id>/assessment_meta.xml`` (Canvas's quiz settings). Text is rendered to HTML and XML-escaped
  by ElementTree.

Both exports are deterministic: the same bank gives byte-identical output (fixed zip timestamps,
sorted entries, identifiers made from the bank and question ids). A question a format cannot carry
is never dropped silently: it is named, with the reason, in the notes the CLI prints as warnings.
"""

from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .course import load_bank
from .errors import MedialitError, Report, display_path
from .model import Bank, Loc, Question
from .render.markdown import markdown_html, markdown_inline

FORMAT_NAMES = {"gift": "GIFT (Moodle)", "qti": "QTI 1.2 (Canvas)"}


# --------------------------------------------------------------------------------------------------
# Notes: what an export left out, named by bank, question and type


@dataclass(frozen=True)
class ExportNote:
    """Something the target format cannot carry. ``skipped``: the whole question was left out."""

    bank: str
    question: str | None  # None: about the whole bank
    type: str
    message: str
    skipped: bool = False
    loc: Loc | None = None

    def format(self, base: Path | None = None) -> str:
        where = f"{display_path(self.loc.path, base)}:{self.loc.line}:{self.loc.column}: " if self.loc else ""
        if self.question is None:
            return f"{where}warning: bank '{self.bank}': {self.message}"
        what = f"question '{self.question}' ({self.type}) of bank '{self.bank}'"
        if self.skipped:
            return f"{where}warning: {what} was not exported: {self.message}"
        return f"{where}warning: {what}: {self.message}"


@dataclass
class Export:
    data: bytes
    exported: list[str] = field(default_factory=list)  # question ids, in bank order
    notes: list[ExportNote] = field(default_factory=list)

    @property
    def skipped(self) -> list[ExportNote]:
        return [n for n in self.notes if n.skipped]


class _Notes:
    def __init__(self, bank: Bank):
        self.bank = bank
        self.items: list[ExportNote] = []

    def question(self, q: Question, message: str, skipped: bool = False) -> None:
        self.items.append(ExportNote(self.bank.id, q.id, q.type, message, skipped, q.loc))

    def whole(self, message: str) -> None:
        self.items.append(ExportNote(self.bank.id, None, "", message, False, self.bank.loc))

    def in_order(self) -> list[ExportNote]:
        """Bank notes first, then by place in the file (a stable sort keeps each question's notes in order)."""
        return sorted(self.items, key=lambda n: (n.question is not None, n.loc.line if n.loc else 0))


# Types no target format has a faithful equivalent for, and why.
_UNSUPPORTED = {
    "gift": {
        "order": "GIFT has no ordering question (Moodle's ordering type is a plugin that GIFT cannot describe); "
                 "recreate it in Moodle",
        "select-text": "GIFT has no question where students select phrases of a passage",
    },
    "qti": {
        "order": "Canvas classic quizzes (QTI 1.2) have no ordering question",
        "select-text": "Canvas classic quizzes (QTI 1.2) have no question where students select phrases of a passage",
    },
}
_KNOWN = {"single", "multiple", "true-false", "numeric", "text", "order", "match", "classify", "select-text"}


def _why_unsupported(q: Question, fmt: str) -> str | None:
    if q.type not in _KNOWN:
        return f"medialit does not know how to export the type '{q.type}'"
    if q.type in _UNSUPPORTED[fmt]:
        return _UNSUPPORTED[fmt][q.type]
    if q.type == "text" and not q.get("accept"):
        return ("its answers are given only as a regular expression ('pattern'), which the format cannot express; "
                "add 'accept: [...]' with the usual answers")
    if fmt == "gift":
        if q.type == "text" and any("->" in str(a) for a in q.get("accept")):
            return "an accepted answer contains '->', which GIFT reads as a matching question"
        if q.type == "match" and any("->" in str(dict(p)["left"]) for p in q.get("pairs")):
            return "a left side contains '->', which GIFT uses to separate the two sides of a pair"
        if q.type == "classify" and any("->" in str(dict(i)["text"]) for i in q.get("items")):
            return "an item contains '->', which GIFT uses to separate the two sides of a pair"
    return None


def _common_notes(bank: Bank, questions: list[Question], notes: _Notes, fmt: str) -> None:
    hinted = [q.id for q in questions if q.hint]
    if len(hinted) == 1:
        notes.whole(f"the hint of 1 question is not exported: {FORMAT_NAMES[fmt]} has no hints")
    elif hinted:
        notes.whole(f"the hints of {len(hinted)} questions are not exported: {FORMAT_NAMES[fmt]} has no hints")
    if bank.shuffle:
        for q in questions:
            pinned = [o.text for o in q.options if o.pinned]
            if pinned:
                notes.question(q, f"the pinned option {pinned[0]!r} may be shuffled: the format cannot pin an "
                                  "option, so turn answer shuffling off for this question in the platform")


def _join(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _num(x: Any) -> str:
    """A number as plain decimal text, never in exponent notation: 5100, 0.25, -3.5."""
    d = Decimal(str(x)) if not isinstance(x, Decimal) else x
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def _prompt(q: Question) -> str:
    unit = q.get("unit") if q.type == "numeric" else None
    return _join(q.prompt, f"Unit: {unit}") if unit else q.prompt


# --------------------------------------------------------------------------------------------------
# GIFT

_GIFT_RESERVED = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Escape text for GIFT: a backslash before ``\\ ~ = # { } :``; new lines as ``\\n``."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _GIFT_RESERVED.sub(r"\\\1", text).replace("\n", "\\n")


# The grades Moodle accepts for an answer (question_bank::fraction_options); an import with another
# value fails unless the teacher picks "nearest grade", so weights are rounded to the nearest of these.
_MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                  14.28571, 12.5, 11.11111, 10, 5, 0)


def _moodle_weight(percent: float) -> str:
    nearest = min(_MOODLE_GRADES, key=lambda g: abs(g - abs(percent)))
    text = f"{nearest:.5f}".rstrip("0").rstrip(".")
    return f"-{text}" if percent < 0 and nearest else text


_WEIGHT_LIKE = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")  # Moodle's own test for an answer weight


def _gift_choice(mark: str, text: str, feedback: str) -> str:
    answer = gift_escape(text.strip())
    if mark == "~" and _WEIGHT_LIKE.match(answer):
        mark = "~%0%"  # an option such as "%50% of readers" must not be read as a weight
    line = f"\t{mark}{answer}"
    if feedback.strip():
        line += f"#{gift_escape(feedback.strip())}"
    return line


def _gift_general(q: Question) -> list[str]:
    return [f"\t####{gift_escape(q.explanation.strip())}"] if q.explanation.strip() else []


def _gift_question(q: Question, notes: _Notes) -> str:
    head = f"::{gift_escape(q.id)}::[markdown]{gift_escape(_prompt(q).strip())}"
    lines: list[str] = []
    if q.type == "single":
        for o in q.options:
            extra = q.feedback_correct if o.correct else q.feedback_incorrect
            lines.append(_gift_choice("=" if o.correct else "~", o.text, _join(o.feedback, extra)))
    elif q.type == "multiple":
        # Moodle adds the weights of the options picked and keeps the total between 0 and 100 %.
        # With +100/k % on each of the k right options and -100/k % on each wrong one, a student's
        # grade is (right picks - wrong picks) / k, never below 0: the bank's own rule. The weights
        # are rounded to the grades Moodle accepts, so the rule holds exactly for k <= 10 (and for
        # 3, 6, 7 or 9 right options up to the 5-decimal rounding) and only approximately beyond.
        k = sum(1 for o in q.options if o.correct)
        right, wrong = _moodle_weight(100 / k), _moodle_weight(-100 / k)
        for o in q.options:
            lines.append(_gift_choice(f"~%{right if o.correct else wrong}%", o.text, o.feedback))
        if q.feedback_correct or q.feedback_incorrect:
            notes.question(q, "its feedback for a right / wrong answer is not exported: GIFT has no whole-question "
                              "feedback for multiple-answer questions (the per-option feedback is)")
    elif q.type == "true-false":
        body = "TRUE" if q.get("answer") else "FALSE"
        wrong, right = q.feedback_incorrect.strip(), q.feedback_correct.strip()
        if wrong or right:
            body += f"#{gift_escape(wrong)}"
        if right:
            body += f"#{gift_escape(right)}"
        general = f"####{gift_escape(q.explanation.strip())}" if q.explanation.strip() else ""
        return f"{head}{{{body}{general}}}"
    elif q.type == "numeric":
        if q.get("range") is not None:
            low, high = q.get("range")
            value = f"{_num(low)}..{_num(high)}"
        else:
            value = f"{_num(q.get('answer'))}:{_num(q.get('tolerance', 0) or 0)}"
        line = f"\t={value}"
        if q.feedback_correct.strip():
            line += f"#{gift_escape(q.feedback_correct.strip())}"
        lines.append(line)
        if q.feedback_incorrect.strip():
            lines.append(f"\t~#{gift_escape(q.feedback_incorrect.strip())}")
        return "\n".join([f"{head}{{#", *lines, *_gift_general(q), "}"])
    elif q.type == "text":
        # Moodle reads answers holding both "=" and "->" as a matching question, and "->" cannot be
        # escaped: in the (Markdown) feedback it is written "-&gt;", which shows as "->".
        right = gift_escape(q.feedback_correct.strip().replace("->", "-&gt;"))
        wrong = gift_escape(q.feedback_incorrect.strip().replace("->", "-&gt;"))
        for accepted in q.get("accept"):
            # In a Moodle short answer "*" is a wildcard; "\*" is a literal star.
            answer = gift_escape(str(accepted).strip().replace("*", "\\*"))
            weight = "%100%" if _WEIGHT_LIKE.match(answer) else ""  # "%5% off" must not be read as a weight
            lines.append(f"\t={weight}{answer}" + (f"#{right}" if right else ""))
        if wrong:
            # A 0 % answer "*" matches every other response: Moodle's way to give feedback on a wrong answer.
            lines.append(f"\t=%0%*#{wrong}")
        if q.get("pattern"):
            notes.question(q, "its 'pattern' is not exported (GIFT short answers take a list of answers, not a "
                              "regular expression): answers only the pattern accepts will be marked wrong")
    elif q.type == "match":
        for p in q.get("pairs"):
            pair = dict(p)
            lines.append(f"\t={gift_escape(str(pair['left']).strip())} -> {gift_escape(str(pair['right']).strip())}")
        if q.feedback_correct or q.feedback_incorrect:
            notes.question(q, "its feedback for a right / wrong answer is not exported: GIFT has no whole-question "
                              "feedback for matching questions")
    elif q.type == "classify":
        # A matching question whose right sides repeat: Moodle merges equal answers into one choice,
        # and a pair with an empty left side adds a category no item belongs to.
        items = [dict(i) for i in q.get("items")]
        for item in items:
            lines.append(f"\t={gift_escape(str(item['text']).strip())} -> {gift_escape(str(item['category']).strip())}")
        used = {str(i["category"]) for i in items}
        for category in q.get("categories"):
            if str(category) not in used:
                lines.append(f"\t= -> {gift_escape(str(category).strip())}")
        if any(i.get("feedback") for i in items) or q.feedback_correct or q.feedback_incorrect:
            notes.question(q, "its feedback is not exported: GIFT matching questions have no feedback per item "
                              "or for a right / wrong answer")
    else:  # pragma: no cover - _why_unsupported filters the rest
        raise ValueError(q.type)
    return "\n".join([f"{head}{{", *lines, *_gift_general(q), "}"])


def build_gift(bank: Bank) -> Export:
    notes = _Notes(bank)
    chosen: list[Question] = []
    for q in bank.questions:
        why = _why_unsupported(q, "gift")
        if why:
            notes.question(q, why, skipped=True)
        else:
            chosen.append(q)
    _common_notes(bank, chosen, notes, "gift")
    if bank.draw:
        notes.whole(f"'draw: {bank.draw}' is not exported: in the Moodle quiz, add {bank.draw} random questions "
                    f"from the category '{bank.id}'")
    title = " ".join(bank.title.split())
    out = [f"// Question bank '{bank.id}': {title}",
           "// Exported by medialit. In Moodle: Question bank > Import > GIFT format.",
           f"$CATEGORY: $course$/top/{bank.id}", ""]
    for q in chosen:
        points = _num(q.points)
        if q.points != 1:
            notes.question(q, f"it is worth {points} points in the bank, but GIFT has no marks: every imported "
                              "question is worth 1; set its mark in the Moodle quiz")
        out.append(f"// {q.id} ({q.type}, {points} point{'s' if q.points != 1 else ''})")
        out.append(_gift_question(q, notes))
        out.append("")
    return Export(("\n".join(out)).encode("utf-8"), [q.id for q in chosen], notes.in_order())


def to_gift(bank: Bank) -> str:
    """The bank as GIFT text; questions GIFT cannot carry are left out (see ``build_gift`` for the notes)."""
    return build_gift(bank).data.decode("utf-8")


# --------------------------------------------------------------------------------------------------
# QTI 1.2, as Canvas imports it

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_QTI_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true-false": "true_false_question",
    "numeric": "numerical_question",
    "text": "short_answer_question",
    "match": "matching_question",
    "classify": "matching_question",
}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _material(parent: ET.Element, text: str, html: bool = True, inline: bool = False) -> ET.Element:
    material = _sub(parent, "material")
    if html:
        _sub(material, "mattext", (markdown_inline if inline else markdown_html)(text), texttype="text/html")
    else:
        _sub(material, "mattext", text, texttype="text/plain")
    return material


def _condition(parent: ET.Element, *, continue_: str) -> tuple[ET.Element, ET.Element]:
    cond = _sub(parent, "respcondition", continue_=continue_)
    var = _sub(cond, "conditionvar")
    return cond, var


def _show(cond: ET.Element, ident: str) -> None:
    _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def _itemfeedback(item: ET.Element, ident: str, text: str) -> None:
    fb = _sub(item, "itemfeedback", ident=ident)
    flow = _sub(fb, "flow_mat")
    _material(flow, text)


class _Item:
    """Builds one <item>; the parts Canvas reads, in the order text2qti writes them."""

    def __init__(self, bank: Bank, q: Question, ident: str):
        self.q = q
        self.ident = ident
        self.item = ET.Element("item", {"ident": ident, "title": q.id})
        self.meta = _sub(_sub(self.item, "itemmetadata"), "qtimetadata")
        self.presentation = _sub(self.item, "presentation")
        _material(self.presentation, _prompt(q))
        self.res = _sub(self.item, "resprocessing")
        outcomes = _sub(self.res, "outcomes")
        _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        self.choice_feedback: list[tuple[str, str]] = []

    def metadata(self, answer_ids: list[str]) -> None:
        for label, entry in (("question_type", _QTI_TYPES[self.q.type]), ("points_possible", _num(self.q.points)),
                             ("original_answer_ids", ",".join(answer_ids)),
                             ("assessment_question_identifierref", f"{self.ident}_ref")):
            f = _sub(self.meta, "qtimetadatafield")
            _sub(f, "fieldlabel", label)
            _sub(f, "fieldentry", entry)

    def general(self) -> None:
        if self.q.explanation.strip():
            cond, var = _condition(self.res, continue_="Yes")
            _sub(var, "other")
            _show(cond, "general_fb")

    def correct(self, fill: Any) -> None:
        """The condition that gives full marks; ``fill(conditionvar)`` writes what it tests."""
        cond, var = _condition(self.res, continue_="No")
        fill(var)
        _sub(cond, "setvar", "100", action="Set", varname="SCORE")
        if self.q.feedback_correct.strip():
            _show(cond, "correct_fb")

    def incorrect(self) -> None:
        if self.q.feedback_incorrect.strip():
            cond, var = _condition(self.res, continue_="Yes")
            _sub(var, "other")
            _show(cond, "general_incorrect_fb")

    def finish(self) -> ET.Element:
        q = self.q
        for ident, text in (("general_fb", q.explanation), ("correct_fb", q.feedback_correct),
                            ("general_incorrect_fb", q.feedback_incorrect)):
            if text.strip():
                _itemfeedback(self.item, ident, text.strip())
        for ident, text in self.choice_feedback:
            _itemfeedback(self.item, f"{ident}_fb", text)
        return self.item


def _choices(it: _Item, labels: list[tuple[str, str]], cardinality: str) -> None:
    lid = _sub(it.presentation, "response_lid", ident="response1", rcardinality=cardinality)
    render = _sub(lid, "render_choice")
    for ident, text in labels:
        label = _sub(render, "response_label", ident=ident)
        _material(label, text, inline=True)


def _choice_feedback(it: _Item, feedback: list[tuple[str, str]]) -> None:
    for ident, text in feedback:
        if text.strip():
            cond, var = _condition(it.res, continue_="Yes")
            _sub(var, "varequal", ident, respident="response1")
            _show(cond, f"{ident}_fb")
            it.choice_feedback.append((ident, text.strip()))


def _qti_item(bank: Bank, q: Question, ident: str, notes: _Notes) -> ET.Element:
    it = _Item(bank, q, ident)
    if q.type in ("single", "multiple"):
        ids = [f"{ident}_c{n}" for n in range(1, len(q.options) + 1)]
        it.metadata(ids)
        _choices(it, [(i, o.text) for i, o in zip(ids, q.options)], "Single" if q.type == "single" else "Multiple")
        it.general()
        _choice_feedback(it, [(i, o.feedback) for i, o in zip(ids, q.options)])
        if q.type == "single":
            right = next(i for i, o in zip(ids, q.options) if o.correct)
            it.correct(lambda var: _sub(var, "varequal", right, respident="response1"))
        else:
            # Canvas grades a multiple-answers question with partial credit: each right pick earns
            # points / right options and each wrong pick takes as much away, never below 0 - the
            # bank's own rule. The condition below only marks which options are right.
            def fill(var: ET.Element) -> None:
                both = _sub(var, "and")
                for i, o in zip(ids, q.options):
                    if o.correct:
                        _sub(both, "varequal", i, respident="response1")
                    else:
                        _sub(_sub(both, "not"), "varequal", i, respident="response1")
            it.correct(fill)
        it.incorrect()
    elif q.type == "true-false":
        ids = [f"{ident}_true", f"{ident}_false"]
        it.metadata(ids)
        _choices(it, [(ids[0], "True"), (ids[1], "False")], "Single")
        it.general()
        right = ids[0] if q.get("answer") else ids[1]
        it.correct(lambda var: _sub(var, "varequal", right, respident="response1"))
        it.incorrect()
    elif q.type == "numeric":
        it.metadata([f"{ident}_numeric"])
        lid = _sub(it.presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(lid, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
        it.general()
        if q.get("range") is not None:
            low, high = (Decimal(str(x)) for x in q.get("range"))

            def fill(var: ET.Element) -> None:
                _sub(var, "vargte", _num(low), respident="response1")
                _sub(var, "varlte", _num(high), respident="response1")
        else:
            answer, tol = Decimal(str(q.get("answer"))), Decimal(str(q.get("tolerance", 0) or 0))

            def fill(var: ET.Element) -> None:
                either = _sub(var, "or")
                _sub(either, "varequal", _num(answer), respident="response1")
                both = _sub(either, "and")
                _sub(both, "vargte", _num(answer - tol), respident="response1")
                _sub(both, "varlte", _num(answer + tol), respident="response1")
        it.correct(fill)
        it.incorrect()
    elif q.type == "text":
        accept = [str(a).strip() for a in q.get("accept")]
        it.metadata([f"{ident}_a{n}" for n in range(1, len(accept) + 1)])
        lid = _sub(it.presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(lid, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        it.general()

        def fill(var: ET.Element) -> None:
            # Several <varequal> side by side, as Canvas itself exports a short answer's accepted answers.
            for a in accept:
                _sub(var, "varequal", a, respident="response1")
        it.correct(fill)
        it.incorrect()
        if q.get("pattern"):
            notes.question(q, "its 'pattern' is not exported (Canvas short answers take a list of answers, not a "
                              "regular expression): answers only the pattern accepts will be marked wrong")
    elif q.type in ("match", "classify"):
        if q.type == "match":
            pairs = [(str(dict(p)["left"]), str(dict(p)["right"])) for p in q.get("pairs")]
            rights = [r for _, r in pairs]
        else:
            items = [dict(i) for i in q.get("items")]
            pairs = [(str(i["text"]), str(i["category"])) for i in items]
            rights = [str(c) for c in q.get("categories")]
            if any(i.get("feedback") for i in items):
                notes.question(q, "its per-item feedback is not exported: Canvas matching questions have no feedback "
                                  "per pair (the feedback for a right / wrong answer is)")
        choices: dict[str, str] = {}
        for r in rights:
            choices.setdefault(r, f"{ident}_m{len(choices) + 1}")
        responses = [f"response_{n}" for n in range(1, len(pairs) + 1)]
        it.metadata(responses)
        for resp, (left, _right) in zip(responses, pairs):
            lid = _sub(it.presentation, "response_lid", ident=resp)
            _material(lid, left, html=False)
            render = _sub(lid, "render_choice")
            for text, cid in choices.items():
                _material(_sub(render, "response_label", ident=cid), text, html=False)
        it.general()
        share = f"{100 / len(pairs):.2f}"
        for resp, (_left, right) in zip(responses, pairs):
            cond, var = _condition(it.res, continue_="Yes")  # every pair adds its share
            _sub(var, "varequal", choices[right], respident=resp)
            _sub(cond, "setvar", share, varname="SCORE", action="Add")

        def all_right(var: ET.Element) -> ET.Element:
            both = _sub(var, "and")
            for resp, (_left, right) in zip(responses, pairs):
                _sub(both, "varequal", choices[right], respident=resp)
            return both
        if q.feedback_correct.strip():
            cond, var = _condition(it.res, continue_="Yes")
            all_right(var)
            _show(cond, "correct_fb")
        if q.feedback_incorrect.strip():
            cond, var = _condition(it.res, continue_="Yes")
            all_right(_sub(var, "not"))
            _show(cond, "general_incorrect_fb")
    else:  # pragma: no cover - _why_unsupported filters the rest
        raise ValueError(q.type)
    return it.finish()


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def qti_identifier(bank: Bank) -> str:
    return f"medialit_{bank.id}"


def build_qti(bank: Bank) -> Export:
    notes = _Notes(bank)
    chosen: list[Question] = []
    for q in bank.questions:
        why = _why_unsupported(q, "qti")
        if why:
            notes.question(q, why, skipped=True)
        else:
            chosen.append(q)
    _common_notes(bank, chosen, notes, "qti")
    aid = qti_identifier(bank)

    root = ET.Element("questestinterop", {"xmlns": QTI_NS, "xmlns:xsi": XSI_NS,
                                          "xsi:schemaLocation": f"{QTI_NS} {QTI_NS}p1.xsd"})
    assessment = _sub(root, "assessment", ident=aid, title=bank.title)
    meta = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(meta, "fieldlabel", "cc_maxattempts")
    _sub(meta, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    points = sum((Decimal(str(q.points)) for q in chosen), Decimal(0))
    if bank.draw and chosen and bank.draw < len(chosen):
        each = {Decimal(str(q.points)) for q in chosen}
        if len(each) == 1:
            # A Canvas question group: each student gets `draw` questions picked from the pool.
            (per_item,) = each
            section = _sub(section, "section", ident=f"{aid}_group", title=bank.title)
            selection = _sub(_sub(section, "selection_ordering"), "selection")
            _sub(selection, "selection_number", str(bank.draw))
            _sub(_sub(selection, "selection_extension"), "points_per_item", _num(per_item))
            points = per_item * bank.draw
        else:
            notes.whole(f"'draw: {bank.draw}' is not exported: a Canvas question group needs questions of equal "
                        "points; every question is included")
    for q in chosen:
        section.append(_qti_item(bank, q, f"{aid}_{q.id}", notes))
    assessment_xml = _xml_bytes(root)

    quiz = ET.Element("quiz", {"identifier": aid, "xmlns": "http://canvas.instructure.com/xsd/cccv1p0",
                               "xmlns:xsi": XSI_NS, "xsi:schemaLocation": "http://canvas.instructure.com/xsd/cccv1p0 "
                               "https://canvas.instructure.com/xsd/cccv1p0.xsd"})
    for tag, text in (("title", bank.title), ("description", markdown_html(bank.description)),
                      ("shuffle_answers", "true" if bank.shuffle else "false"), ("scoring_policy", "keep_highest"),
                      ("quiz_type", "assignment"), ("points_possible", _num(points)),
                      ("show_correct_answers", "true"), ("available", "false")):
        _sub(quiz, tag, text)
    meta_xml = _xml_bytes(quiz)

    manifest = ET.Element("manifest", {
        "identifier": f"{aid}_manifest", "xmlns": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
        "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2", "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 "
                              "http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
                              "http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd"})
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    title = _sub(_sub(_sub(metadata, "imsmd:lom"), "imsmd:general"), "imsmd:title")
    _sub(title, "imsmd:string", bank.title)
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    assessment_path, meta_path = f"{aid}/{aid}.xml", f"{aid}/assessment_meta.xml"
    res = _sub(resources, "resource", identifier=aid, type="imsqti_xmlv1p2")
    _sub(res, "file", href=assessment_path)
    _sub(res, "dependency", identifierref=f"{aid}_meta")
    res = _sub(resources, "resource", identifier=f"{aid}_meta", href=meta_path,
               type="associatedcontent/imscc_xmlv1p1/learning-application-resource")
    _sub(res, "file", href=meta_path)
    files = {"imsmanifest.xml": _xml_bytes(manifest), assessment_path: assessment_xml, meta_path: meta_xml}

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return Export(buffer.getvalue(), [q.id for q in chosen], notes.in_order())


def to_qti_zip(bank: Bank) -> bytes:
    """The bank as a Canvas QTI 1.2 zip; questions QTI cannot carry are left out (see ``build_qti``)."""
    return build_qti(bank).data


# --------------------------------------------------------------------------------------------------
# The command


def _resolve(root: Path, bank: Path) -> Path:
    if bank.is_absolute() or bank.exists() or not (root / bank).exists():
        return bank
    return root / bank


def cmd_export(root: Path, bank: Path, fmt: str, output: Path | None) -> int:
    """`medialit export --format gift|qti BANK`: write the export, print where; 0 on success."""
    if fmt not in FORMAT_NAMES:
        raise ValueError(f"unknown export format {fmt!r}")
    report = Report(base=root)
    path = _resolve(root, bank)
    loaded = load_bank(path, report)
    if loaded is None or not report.ok:
        raise MedialitError(report)
    result = build_gift(loaded) if fmt == "gift" else build_qti(loaded)
    for note in result.notes:
        print(note.format(root), file=sys.stderr)
    if not result.exported:
        report.add(loaded.loc.path, loaded.loc.line, loaded.loc.column,
                   f"bank '{loaded.id}' has no question that {FORMAT_NAMES[fmt]} can carry "
                   f"({len(loaded.questions)} not exported, see the warnings above)",
                   "Add questions of a type the format supports (see the export page of the instructor guide), "
                   "or export to the other format.")
        raise MedialitError(report)
    if output is None:
        name = f"{loaded.id}.gift" if fmt == "gift" else f"{loaded.id}-qti.zip"
        output = root / "_build" / "export" / name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(result.data)
    total, done = len(loaded.questions), len(result.exported)
    left = f"; {total - done} not exported, see the warnings above" if done < total else ""
    print(f"medialit: wrote {display_path(output, root)} ({FORMAT_NAMES[fmt]}, {done} of {total} "
          f"question{'s' if total != 1 else ''}{left}).")
    return 0
