"""QTI 1.2 as Canvas imports it (the shape text2qti produces): a zip with ``imsmanifest.xml``, ``<id>/<id>.xml``
(``questestinterop`` > ``assessment`` > ``section`` > ``item``) and ``<id>/assessment_meta.xml`` (Canvas's quiz
settings). Text is rendered to HTML and XML-escaped by ElementTree. Each type writes its own item
(``QuestionType.qti``) through ``QtiItem``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal

from ..markup import markdown_html, markdown_inline
from ..model import Bank, Question
from ..questions import REGISTRY
from ..questions.numeric import number
from ..write import deterministic_zip
from .notes import Export, Notes, exportable

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def material(parent: ET.Element, text: str, html: bool = True, inline: bool = False) -> ET.Element:
    mat = sub(parent, "material")
    if html:
        sub(mat, "mattext", (markdown_inline if inline else markdown_html)(text), texttype="text/html")
    else:
        sub(mat, "mattext", text, texttype="text/plain")
    return mat


class QtiItem:
    """Builds one <item>: the parts Canvas reads, in the order text2qti writes them."""

    sub = staticmethod(sub)

    def __init__(self, q: Question, ident: str, notes: Notes):
        self.q = q
        self.ident = ident
        self._notes = notes
        self.item = ET.Element("item", {"ident": ident, "title": q.id})
        self.meta = sub(sub(self.item, "itemmetadata"), "qtimetadata")
        self.presentation = sub(self.item, "presentation")
        material(self.presentation, REGISTRY[q.type].export_prompt(q))
        self.res = sub(self.item, "resprocessing")
        outcomes = sub(self.res, "outcomes")
        sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        self._choice_feedback: list[tuple[str, str]] = []

    def note(self, message: str) -> None:
        self._notes.question(self.q, message)

    def _condition(self, continue_: str) -> tuple[ET.Element, ET.Element]:
        cond = sub(self.res, "respcondition", continue_=continue_)
        return cond, sub(cond, "conditionvar")

    @staticmethod
    def _show(cond: ET.Element, ident: str) -> None:
        sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)

    def metadata(self, question_type: str, answer_ids: list[str]) -> None:
        for label, entry in (("question_type", question_type), ("points_possible", number(self.q.points)),
                             ("original_answer_ids", ",".join(answer_ids)),
                             ("assessment_question_identifierref", f"{self.ident}_ref")):
            f = sub(self.meta, "qtimetadatafield")
            sub(f, "fieldlabel", label)
            sub(f, "fieldentry", entry)

    def choices(self, labels: list[tuple[str, str]], cardinality: str) -> None:
        lid = sub(self.presentation, "response_lid", ident="response1", rcardinality=cardinality)
        render = sub(lid, "render_choice")
        for ident, text in labels:
            material(sub(render, "response_label", ident=ident), text, inline=True)

    def choice_feedback(self, feedback: list[tuple[str, str]]) -> None:
        for ident, text in feedback:
            if text.strip():
                cond, var = self._condition("Yes")
                sub(var, "varequal", ident, respident="response1")
                self._show(cond, f"{ident}_fb")
                self._choice_feedback.append((ident, text.strip()))

    def general(self) -> None:
        if self.q.explanation.strip():
            cond, var = self._condition("Yes")
            sub(var, "other")
            self._show(cond, "general_fb")

    def correct(self, fill: Callable[[ET.Element], object]) -> None:
        """The condition that gives full marks; ``fill(conditionvar)`` writes what it tests."""
        cond, var = self._condition("No")
        fill(var)
        sub(cond, "setvar", "100", action="Set", varname="SCORE")
        if self.q.feedback_correct.strip():
            self._show(cond, "correct_fb")

    def incorrect(self) -> None:
        if self.q.feedback_incorrect.strip():
            cond, var = self._condition("Yes")
            sub(var, "other")
            self._show(cond, "general_incorrect_fb")

    def matching(self, pairs: list[tuple[str, str]], rights: list[str]) -> None:
        """A Canvas matching question: one menu of the rights per left side; each pair adds its share."""
        choices: dict[str, str] = {}
        for r in rights:
            choices.setdefault(r, f"{self.ident}_m{len(choices) + 1}")
        responses = [f"response_{n}" for n in range(1, len(pairs) + 1)]
        self.metadata("matching_question", responses)
        for resp, (left, _right) in zip(responses, pairs):
            lid = sub(self.presentation, "response_lid", ident=resp)
            material(lid, left, html=False)
            render = sub(lid, "render_choice")
            for text, cid in choices.items():
                material(sub(render, "response_label", ident=cid), text, html=False)
        self.general()
        share = f"{100 / len(pairs):.2f}"
        for resp, (_left, right) in zip(responses, pairs):
            cond, var = self._condition("Yes")
            sub(var, "varequal", choices[right], respident=resp)
            sub(cond, "setvar", share, varname="SCORE", action="Add")

        def all_right(var: ET.Element) -> None:
            both = sub(var, "and")
            for resp, (_left, right) in zip(responses, pairs):
                sub(both, "varequal", choices[right], respident=resp)
        if self.q.feedback_correct.strip():
            cond, var = self._condition("Yes")
            all_right(var)
            self._show(cond, "correct_fb")
        if self.q.feedback_incorrect.strip():
            cond, var = self._condition("Yes")
            all_right(sub(var, "not"))
            self._show(cond, "general_incorrect_fb")

    def finish(self) -> ET.Element:
        q = self.q
        for ident, text in (("general_fb", q.explanation), ("correct_fb", q.feedback_correct),
                            ("general_incorrect_fb", q.feedback_incorrect)):
            if text.strip():
                self._itemfeedback(ident, text.strip())
        for ident, text in self._choice_feedback:
            self._itemfeedback(f"{ident}_fb", text)
        return self.item

    def _itemfeedback(self, ident: str, text: str) -> None:
        fb = sub(self.item, "itemfeedback", ident=ident)
        material(sub(fb, "flow_mat"), text)


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def qti_identifier(bank: Bank) -> str:
    return f"medialit_{bank.id}"
def build_qti(bank: Bank) -> Export:
    notes = Notes(bank)
    chosen = exportable(bank, "qti", notes)
    aid = qti_identifier(bank)

    root = ET.Element("questestinterop", {"xmlns": QTI_NS, "xmlns:xsi": XSI_NS,
                                          "xsi:schemaLocation": f"{QTI_NS} {QTI_NS}p1.xsd"})
    assessment = sub(root, "assessment", ident=aid, title=bank.title)
    meta = sub(sub(assessment, "qtimetadata"), "qtimetadatafield")
    sub(meta, "fieldlabel", "cc_maxattempts")
    sub(meta, "fieldentry", "1")
    section = sub(assessment, "section", ident="root_section")
    points = sum((Decimal(str(q.points)) for q in chosen), Decimal(0))
    if bank.draw and chosen and bank.draw < len(chosen):
        each = {Decimal(str(q.points)) for q in chosen}
        if len(each) == 1:
            # A Canvas question group: each student gets `draw` questions picked from the pool.
            (per_item,) = each
            section = sub(section, "section", ident=f"{aid}_group", title=bank.title)
            selection = sub(sub(section, "selection_ordering"), "selection")
            sub(selection, "selection_number", str(bank.draw))
            sub(sub(selection, "selection_extension"), "points_per_item", number(per_item))
            points = per_item * bank.draw
        else:
            notes.whole(f"'draw: {bank.draw}' is not exported: a Canvas question group needs questions of equal "
                        "points; every question is included")
    for q in chosen:
        it = QtiItem(q, f"{aid}_{q.id}", notes)
        REGISTRY[q.type].qti(q, it)
        section.append(it.finish())
    assessment_xml = _xml_bytes(root)

    quiz = ET.Element("quiz", {"identifier": aid, "xmlns": "http://canvas.instructure.com/xsd/cccv1p0",
                               "xmlns:xsi": XSI_NS, "xsi:schemaLocation": "http://canvas.instructure.com/xsd/cccv1p0 "
                               "https://canvas.instructure.com/xsd/cccv1p0.xsd"})
    for tag, text in (("title", bank.title), ("description", markdown_html(bank.description)),
                      ("shuffle_answers", "true" if bank.shuffle else "false"), ("scoring_policy", "keep_highest"),
                      ("quiz_type", "assignment"), ("points_possible", number(points)),
                      ("show_correct_answers", "true"), ("available", "false")):
        sub(quiz, tag, text)
    meta_xml = _xml_bytes(quiz)

    manifest = ET.Element("manifest", {
        "identifier": f"{aid}_manifest", "xmlns": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
        "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2", "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 "
                              "http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
                              "http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd"})
    metadata = sub(manifest, "metadata")
    sub(metadata, "schema", "IMS Content")
    sub(metadata, "schemaversion", "1.1.3")
    title = sub(sub(sub(metadata, "imsmd:lom"), "imsmd:general"), "imsmd:title")
    sub(title, "imsmd:string", bank.title)
    sub(manifest, "organizations")
    resources = sub(manifest, "resources")
    assessment_path, meta_path = f"{aid}/{aid}.xml", f"{aid}/assessment_meta.xml"
    res = sub(resources, "resource", identifier=aid, type="imsqti_xmlv1p2")
    sub(res, "file", href=assessment_path)
    sub(res, "dependency", identifierref=f"{aid}_meta")
    res = sub(resources, "resource", identifier=f"{aid}_meta", href=meta_path,
               type="associatedcontent/imscc_xmlv1p1/learning-application-resource")
    sub(res, "file", href=meta_path)
    files = {"imsmanifest.xml": _xml_bytes(manifest), assessment_path: assessment_xml, meta_path: meta_xml}

    return Export(deterministic_zip(files), [q.id for q in chosen], notes.in_order())


def to_qti_zip(bank: Bank) -> bytes:
    """The bank as a Canvas QTI 1.2 zip; questions QTI cannot carry are left out (see ``build_qti``)."""
    return build_qti(bank).data
