"""The registry: every type defines every step, and the worked example of the developer pages (a tenth type) works
as written there."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

from generator.export.gift import build_gift
from generator.export.notes import Notes, exportable
from generator.grading import fraction
from generator.markup import markdown_html
from generator.model import Bank, Loc, Question
from generator.questions import REGISTRY, QuestionType
from generator.seal import unseal
from generator.transform.spec import question_spec

from .conftest import REPO

PAGE = REPO / "book" / "develop" / "question-types.md"


def test_every_type_is_registered_under_its_name_and_in_the_bank_schema() -> None:
    import json

    schema = json.loads((REPO / "generator" / "schemas" / "bank.schema.json").read_text("utf-8"))
    assert all(isinstance(t, QuestionType) and t.name == name for name, t in REGISTRY.items())
    assert set(re.findall(r'"const": "([a-z-]+)"', json.dumps(schema))) >= set(REGISTRY)
    runtime = (REPO / "generator" / "static" / "quiz.js").read_text("utf-8")
    table = runtime[runtime.index("const TYPES = {"):runtime.index("\n};", runtime.index("const TYPES = {"))]
    assert set(re.findall(r"^  '?([a-z-]+)'?: \{", table, re.M)) == set(REGISTRY)


def _example_module() -> types.ModuleType:
    """The page's module, as generator.questions.estimate (its relative imports resolve in the package)."""
    source = re.search(r"`generator/questions/estimate\.py`:\n\n```python\n(.*?)```", PAGE.read_text("utf-8"), re.S)
    assert source, "the worked example is missing from the developer page"
    module = types.ModuleType("generator.questions.estimate")
    module.__package__ = "generator.questions"
    sys.modules[module.__name__] = module
    try:
        exec(compile(source.group(1), str(PAGE), "exec"), module.__dict__)  # noqa: S102 - the project's own page
    finally:
        del sys.modules[module.__name__]
    return module


def test_the_worked_example_of_a_tenth_type_works_as_written(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    estimate = _example_module().Estimate()
    monkeypatch.setitem(REGISTRY, "estimate", estimate)
    raw = {"id": "crowd", "type": "estimate", "prompt": "How many people marched?", "answer": 5000,
           "tolerance": 500, "unit": "people"}
    q = Question(id="crowd", type="estimate", prompt=raw["prompt"], loc=Loc(Path("b.yaml"), 1), body=estimate.body(raw))
    spec = question_spec(q, "salt")
    key = unseal(spec["sealed"], "salt", "crowd")
    assert spec["unit"] == "people" and "answer" not in spec
    right, wrong = estimate.responses(spec, key)
    assert fraction(spec, key, right) == 1.0 and fraction(spec, key, wrong) == 0.5
    assert fraction(spec, key, 8000) == 0.0 and fraction(spec, key, "5,000 people") == 0.0
    assert "5000" in estimate.answer_html(q) and markdown_html(q.prompt)
    bank = Bank(id="b", article="a", title="T", questions=(q,), loc=Loc(Path("b.yaml"), 1))
    assert "=5000:500\n\t=%50%5000:1000" in build_gift(bank).data.decode("utf-8")
    notes = Notes(bank)
    assert exportable(bank, "qti", notes) == [] and "partial credit" in notes.items[0].message
