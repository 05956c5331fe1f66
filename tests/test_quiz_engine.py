"""The quiz engine: Python and the browser module agree bit for bit on seeds, sealing and grading."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import Report
from generator.grading import fraction, score
from generator.render.quiz import static_html
from generator.seal import seal, unseal
from generator.seeding import drawn_ids, fnv1a, mulberry32, option_order
from generator.stages import load_bank
from generator.transform.spec import bank_spec

from .conftest import FIXTURES, REPO

QUIZ_JS = REPO / "generator" / "static" / "quiz.js"
BANK = FIXTURES / "course" / "quizzes" / "town-library.yaml"


def fixture_spec() -> dict:
    bank = load_bank(BANK, Report())
    assert bank is not None
    return bank_spec(bank)


def keys(spec: dict) -> dict:
    return {q["id"]: unseal(q["sealed"], spec["salt"], q["id"]) for q in spec["questions"]}


def test_prng_known_values() -> None:
    # reference values of the public FNV-1a 32-bit test vectors
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    rng = mulberry32(42)
    assert [rng() for _ in range(3)] == [2581720956, 1925393290, 3661312704]


def test_sealed_keys_are_not_readable_but_round_trip() -> None:
    spec = fixture_spec()
    page = json.dumps(spec)
    for secret in ("Elm Street", "40000", "\"correct\":", "\"accept\":", "\"order\":", "\"answers\":"):
        assert secret not in page
    key = {"correct": ["2"], "feedback": {"2": "<p>é ✓</p>"}}
    assert unseal(seal(key, "s", "q"), "s", "q") == key


def test_the_page_carries_the_spec_as_json_with_each_key_sealed_in_base64() -> None:
    """One plain format: the spec is JSON in the page; each key is standard base64 and opens only with its own
    question's pad; nothing of a key is readable in the page."""
    import base64

    spec = fixture_spec()
    page = static_html(spec)
    [block] = re.findall(r'<script type="application/json" class="mlq-spec">(.*?)</script>', page)
    assert json.loads(block) == spec and spec["version"] == 3
    for q in spec["questions"]:
        base64.b64decode(q["sealed"], validate=True)
        with pytest.raises(ValueError):
            unseal(q["sealed"], spec["salt"], q["id"] + "-other")
    for secret in ("Elm Street", "40000", "\"correct\"", "\"accept\"", "explanation_html"):
        assert secret not in page
    assert static_html(fixture_spec()) == page  # deterministic
    assert unseal(seal({"answer": False}, "s", "q"), "s", "q") == {"answer": False}


RIGHT = {
    "vote": "0", "opinions": ["0", "1"], "tf": True, "saving": 40000, "street": "  elm   STREET ",
    "steps": ["0", "1", "2", "3"], "pairs": {"L0": "R0", "L1": "R1"}, "sort": {"0": "Fact", "1": "Opinion"},
    "predictions": None,
}


def test_every_type_grades_right_and_wrong() -> None:
    spec = fixture_spec()
    k = keys(spec)
    by_id = {q["id"]: q for q in spec["questions"]}
    right = dict(RIGHT, predictions=k["predictions"]["correct"])
    wrong = {"vote": "1", "opinions": ["2"], "tf": False, "saving": 40001, "street": "Oak Street",
             "steps": ["3", "2", "1", "0"], "pairs": {"L0": "R1", "L1": "R0"}, "sort": {"0": "Opinion", "1": "Fact"},
             "predictions": [s["id"] for s in by_id["predictions"]["segments"] if s["id"] not in right["predictions"]]}
    for qid in right:
        assert fraction(by_id[qid], k[qid], right[qid]) == 1.0, qid
        assert fraction(by_id[qid], k[qid], wrong[qid]) == 0.0, qid
    assert score(spec, right, "x") == {"points": 9.0, "max": 9.0, "answered": 9, "total": 9}
    assert fraction(by_id["street"], k["street"], "Elm st") == 1.0  # by the pattern
    assert fraction(by_id["opinions"], k["opinions"], ["0"]) == 0.5  # partial credit
    assert fraction(by_id["opinions"], k["opinions"], ["0", "1", "2"]) == 0.5  # a wrong pick costs one right pick
    assert fraction(by_id["steps"], k["steps"], ["0", "1", "3", "2"]) == 0.5


def test_draw_and_shuffle_are_stable_and_pinned_options_stay() -> None:
    spec = dict(fixture_spec(), draw=4)
    a = drawn_ids(spec, "alice")
    assert a == drawn_ids(spec, "alice") and len(a) == 4
    assert len({tuple(drawn_ids(spec, f"s{i}")) for i in range(20)}) > 1
    vote = spec["questions"][0]
    orders = {tuple(option_order(spec, vote, f"s{i}")) for i in range(30)}
    assert len(orders) == 2 and all(o[2] == "2" for o in orders)  # "None of the above" is pinned last


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_browser_module_agrees_with_python(tmp_path: Path) -> None:
    spec = dict(fixture_spec(), draw=5)
    k = keys(spec)
    cases = []
    for qid, resp in RIGHT.items():
        if resp is None:
            resp = k[qid]["correct"]
        cases += [(qid, resp), (qid, None), (qid, "nonsense")]
    cases += [("opinions", ["0"]), ("opinions", ["0", "2"]), ("steps", ["1", "0", "2", "3"]),
              ("sort", {"0": "Fact"}), ("saving", "40000"), ("street", "Elm st"), ("street", "ELM")]
    seeds = ["alice", "bob", "", "é✓"]
    script = tmp_path / "agree.mjs"
    script.write_text(f"""
import {{ _internals as q }} from {json.dumps(QUIZ_JS.as_uri())};
import {{ readFileSync }} from 'node:fs';
const {{ spec, cases, seeds }} = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = Object.fromEntries(spec.questions.map((x) => [x.id, x]));
const keys = Object.fromEntries(spec.questions.map((x) => [x.id, q.unseal(x.sealed, spec.salt, x.id)]));
const out = {{
  fnv: seeds.map(q.fnv1a),
  draws: seeds.map((s) => q.drawIds(spec, s)),
  orders: seeds.map((s) => q.optionOrder(spec, byId.vote, s).map((o) => o.id)),
  keys,
  grades: cases.map(([id, r]) => q.grade(byId[id], keys[id], r === null ? undefined : r).f),
}};
console.log(JSON.stringify(out));
""", "utf-8")
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"spec": spec, "cases": cases, "seeds": seeds}), "utf-8")
    done = subprocess.run(["node", str(script), str(data)], capture_output=True, text=True, check=True)
    js = json.loads(done.stdout)
    by_id = {q["id"]: q for q in spec["questions"]}
    assert js["fnv"] == [fnv1a(s) for s in seeds]
    assert js["draws"] == [drawn_ids(spec, s) for s in seeds]
    assert js["orders"] == [option_order(spec, by_id["vote"], s) for s in seeds]
    assert js["keys"] == k
    assert js["grades"] == [fraction(by_id[i], k[i], r) for i, r in cases]


def test_prompts_render_markdown_and_math_and_never_raw_html() -> None:
    from generator.model import Loc, Option, Question
    from generator.questions._choices import Choices
    from generator.transform.spec import question_spec

    q = Question(id="m", type="single", prompt="What is $x^2$ when **x = 3**? <script>alert(1)</script>",
                 loc=Loc(Path("b.yaml"), 1),
                 body=Choices((Option("$9$", correct=True), Option("<b onmouseover=x>6</b>"))))
    pub = question_spec(q, "salt")
    assert "<math" in pub["prompt_html"] and "<strong>x = 3</strong>" in pub["prompt_html"]
    assert "<script>" not in pub["prompt_html"] and "&lt;script&gt;" in pub["prompt_html"]
    assert "<math" in pub["options"][0]["html"]
    assert "<b " not in pub["options"][1]["html"] and "&lt;b onmouseover=x&gt;" in pub["options"][1]["html"]
