"""The exports read back to the key, for every question of every bank of the repository and the fixtures: a real
GIFT parser (gift-pegjs, from npm) reads the GIFT export; the QTI export validates against the IMS QTI 1.2.1 DTD
(the one pyslet ships; scripts/setup.sh --test fetches it) and its full-marks conditions are the key."""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from generator.export.gift import build_gift
from generator.export.qti import build_qti
from generator.markup import markdown_inline
from generator.model import Bank, Question
from generator.questions import REGISTRY

from .oracle import courses

BROWSER = Path(__file__).resolve().parent / "browser"
DTD = Path(__file__).resolve().parent / ".cache" / "ims_qtiasiv1p2p1.dtd"
GIFT_PARSER = BROWSER / "node_modules" / "gift-pegjs"


def banks() -> list[Bank]:
    return [b for c in courses() for b in c.banks]


def _fold(s: str) -> str:
    return " ".join(str(s).split())


def _plain(html_text: str) -> str:
    """The text a reader sees of some HTML: tags dropped, entities read."""
    return _fold(html.unescape(re.sub(r"<[^>]+>", "", html_text)))


def _shown(md: str) -> str:
    return _plain(markdown_inline(md))


# ---- what each type's key is, from the bank (the model), in a form both exports can be compared with

def expected(q: Question, text: Any = _fold) -> Any:
    """text: how an exported text is compared (GIFT keeps the Markdown; QTI holds it rendered to HTML)."""
    b: Any = q.body
    t = q.type
    if t == "single":
        return [text(o.text) for o in b.options if o.correct]
    if t == "multiple":
        return sorted(text(o.text) for o in b.options if o.correct)
    if t == "true-false":
        return b.answer
    if t == "numeric":
        return [b.low, b.high]
    if t == "text":
        return sorted(_fold(a) for a in b.accept)
    if t == "match":
        return {_fold(p.left): _fold(p.right) for p in b.pairs}
    if t == "classify":
        return {_fold(i.text): _fold(i.category) for i in b.items}
    raise AssertionError(f"{t} has no export reading: add it here")


# ---- GIFT, read by gift-pegjs

def _gift_read(q: dict[str, Any], kind: str) -> Any:
    text = lambda c: _fold(c["text"]["text"])  # noqa: E731
    if kind == "single":
        return [text(c) for c in q["choices"] if c["isCorrect"] or (c["weight"] or 0) == 100]
    if kind == "multiple":
        assert abs(sum(c["weight"] for c in q["choices"] if c["weight"] > 0) - 100) < 0.01
        return sorted(text(c) for c in q["choices"] if c["weight"] > 0)
    if kind == "true-false":
        return q["isTrue"]
    if kind == "numeric":
        [c] = [c for c in q["choices"] if c["isCorrect"]]
        v = c["text"]
        if v["type"] == "high-low":
            return [v["numberLow"], v["numberHigh"]]
        return [v["number"] - v["range"], v["number"] + v["range"]]
    if kind == "text":
        return sorted(text(c) for c in q["choices"] if (c["isCorrect"] and c["weight"] is None) or c["weight"] == 100)
    if kind in ("match", "classify"):
        return {_fold(p["subquestion"]["text"]): _fold(p["subanswer"]) for p in q["matchPairs"]
                if p["subquestion"]["text"].strip()}
    raise AssertionError(kind)


def test_gift_export_reads_back_to_the_key_with_a_real_parser(tmp_path: Path) -> None:
    assert (GIFT_PARSER / "package.json").is_file(), "gift-pegjs is missing: run scripts/setup.sh --test"
    files, wanted = [], []
    for bank in banks():
        export = build_gift(bank)
        path = tmp_path / f"{bank.id}.gift"
        path.write_bytes(export.data)
        files.append(str(path))
        wanted.append({q.id: q for q in bank.questions if q.id in export.exported})
    script = ("const g = require(process.argv[1]); const fs = require('fs');"
              "console.log(JSON.stringify(process.argv.slice(2).map((f) => g.parse(fs.readFileSync(f, 'utf8')))));")
    done = subprocess.run(["node", "-e", script, str(GIFT_PARSER), *files], capture_output=True, text=True, check=True)
    checked: set[str] = set()
    for parsed, want in zip(json.loads(done.stdout), wanted):
        questions = {q["title"]: q for q in parsed if q["type"] != "Category"}
        assert set(questions) == set(want)
        for qid, q in want.items():
            assert _gift_read(questions[qid], q.type) == expected(q), qid
            checked.add(q.type)
    exportable = {n for n, t in REGISTRY.items() if "gift" not in t.unsupported}
    assert checked == exportable


# ---- QTI 1.2, validated against the DTD and read back

def _qti_tree(data: bytes) -> tuple[etree._Element, etree._Element]:
    """The assessment of a QTI zip, and a copy without the namespace declarations, which the DTD predates."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        [name] = [n for n in zf.namelist() if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")]
        root = etree.fromstring(zf.read(name))
    bare = etree.fromstring(etree.tostring(root))
    for el in bare.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = el.tag.split("}", 1)[1]
    for attr in list(bare.attrib):
        del bare.attrib[attr]
    etree.cleanup_namespaces(bare)
    return root, bare


def _qti_read(item: etree._Element, kind: str) -> Any:
    labels = {rl.get("ident"): _plain("".join(rl.itertext())) for rl in item.iter("response_label")}
    full = [c for c in item.iter("respcondition") if any(s.text == "100" and s.get("action") == "Set"
                                                         for s in c.iter("setvar"))]
    if kind in ("match", "classify"):
        lids = {lid.get("ident"): _fold(lid.find("material/mattext").text) for lid in item.iter("response_lid")}
        adds = [c for c in item.iter("respcondition") if any(s.get("action") == "Add" for s in c.iter("setvar"))]
        return {lids[v.get("respident")]: labels[v.text] for c in adds for v in c.iter("varequal")}
    [cond] = full
    var = cond.find("conditionvar")
    if kind in ("single", "true-false"):
        [v] = var.iter("varequal")
        return labels[v.text] == "True" if kind == "true-false" else [labels[v.text]]
    if kind == "multiple":
        both = var.find("and")
        return sorted(labels[v.text] for v in both.findall("varequal"))
    if kind == "numeric":
        gte, lte = next(var.iter("vargte")), next(var.iter("varlte"))
        return [float(gte.text), float(lte.text)]
    if kind == "text":
        return sorted(_fold(v.text) for v in var.findall("varequal"))
    raise AssertionError(kind)


def test_qti_export_is_valid_against_the_dtd_and_its_full_marks_are_the_key() -> None:
    assert DTD.is_file(), "the QTI 1.2.1 DTD is missing: run scripts/setup.sh --test (it takes it from pyslet)"
    dtd = etree.DTD(str(DTD))
    checked: set[str] = set()
    for bank in banks():
        export = build_qti(bank)
        root, bare = _qti_tree(export.data)
        assert dtd.validate(bare), (bank.id, [str(e) for e in dtd.error_log.filter_from_errors()][:5])
        items = {i.get("title"): i for i in root.iter("{*}item")}
        assert set(items) == set(export.exported)
        for q in bank.questions:
            if q.id in items:
                bare_item = etree.fromstring(etree.tostring(items[q.id]))
                for el in bare_item.iter():
                    if isinstance(el.tag, str) and el.tag.startswith("{"):
                        el.tag = el.tag.split("}", 1)[1]
                got = _qti_read(bare_item, q.type)
                want = expected(q, _shown if q.type in ("single", "multiple") else _fold)
                if q.type == "numeric":
                    assert got == pytest.approx(want), q.id
                else:
                    assert got == want, q.id
                checked.add(q.type)
    assert checked == {n for n, t in REGISTRY.items() if "qti" not in t.unsupported}
