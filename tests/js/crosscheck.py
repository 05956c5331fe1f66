"""Checks quiz.js's pure functions against the Python generator (generator/seeding.py, seal.py, grading.py).

Run from the repository root:  .venv/bin/python tests/js/crosscheck.py   (needs node)
Not named test_*.py on purpose, so the Python test run does not need node.
"""
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from generator.grading import fraction, score  # noqa: E402
from generator.seal import seal  # noqa: E402
from generator.seeding import MASK as M  # noqa: E402
from generator.seeding import drawn_ids, fnv1a, mulberry32, option_order, shuffled  # noqa: E402

rnd = random.Random(7)
words = ["", "a", "alice", "default", "é€😀", "mali-withdrawal-check:draw", "x" * 200]
ids = lambda n: [f"q{i}" for i in range(n)]
V = {"fnv": words + ["".join(chr(rnd.randint(32, 0x2FFF)) for _ in range(rnd.randint(0, 20))) for _ in range(200)],
     "mul": [0, 1, M, 0x811C9DC5] + [rnd.getrandbits(32) for _ in range(200)],
     "shuf": [[ids(rnd.randint(0, 30)), rnd.getrandbits(32)] for _ in range(200)], "draw": [], "opts": [], "unseal": [], "grade": [], "round": [], "score": []}
for i in range(200):
    spec = {"id": f"quiz-{i}", "draw": rnd.choice([None, 1, 3, 8, 50]), "shuffle": rnd.random() < .8,
            "questions": [{"id": x} for x in ids(rnd.randint(1, 20))]}
    V["draw"].append([spec, rnd.choice(words[1:])])
    q = {"id": f"q{i}", "options": [{"id": f"o{j}", "pinned": rnd.random() < .25} for j in range(rnd.randint(1, 8))]}
    V["opts"].append([spec, q, f"seed{i}"])
    key = {"correct": [f"o{rnd.randint(0, 5)}"], "feedback": {"o1": "<p>Ça va — “quotes” 😀</p>"}, "explanation_html": None, "n": i}
    V["unseal"].append([seal(key, spec["id"], q["id"]), spec["id"], q["id"]])
T = lambda accept, pattern=None: {"accept": accept, "pattern": pattern}
G = [  # (question, key, response)
    ({"type": "single"}, {"correct": ["a"]}, "a"), ({"type": "single"}, {"correct": ["a"]}, "b"),
    ({"type": "true-false"}, {"answer": False}, False), ({"type": "true-false"}, {"answer": False}, True), ({"type": "true-false"}, {"answer": True}, 1),
    ({"type": "numeric"}, {"low": 1.5, "high": 2.5}, 2.5), ({"type": "numeric"}, {"low": 1.5, "high": 2.5}, 2.51),
    ({"type": "numeric"}, {"low": 1.5, "high": 2.5}, " 2 "), ({"type": "numeric"}, {"low": 0, "high": 1}, True), ({"type": "numeric"}, {"low": 0, "high": 1}, "x"),
    ({"type": "text"}, T(["new york"]), "  New \u00a0 York\n"), ({"type": "text"}, T(["strasse"]), "Straße"), ({"type": "text"}, T(["οδοσ"]), "ΟΔΟΣ"),
    ({"type": "text"}, T(["a"]), "\ufeffa"), ({"type": "text"}, T(["a b"]), "a\x1cb"),
    ({"type": "text"}, T([], "colou?r"), " COLOR "), ({"type": "text"}, T([], "colou?r"), "colors"), ({"type": "text"}, T([], "a|b"), "ab"),
    ({"type": "order"}, {"order": list("abcdefgh")}, list("abcdefhg")), ({"type": "order"}, {"order": list("abc")}, list("bca")),
    ({"type": "order"}, {"order": list("abc")}, list("ab")),
    ({"type": "match"}, {"pairs": {"l1": "r1", "l2": "r2", "l3": "r3"}}, {"l1": "r1", "l2": "r3"}),
    ({"type": "classify"}, {"answers": {"a": "Fact", "b": "Opinion"}}, {"a": "Fact", "b": "Opinion"}),
    ({"type": "multiple"}, {"correct": ["a", "b"]}, ["a", "a", "c"]),
]
for n in range(1, 6):
    for _ in range(20):
        c = [f"o{i}" for i in range(n)]
        G.append(({"type": rnd.choice(["multiple", "select-text"])}, {"correct": c}, rnd.sample([f"o{i}" for i in range(8)], rnd.randint(1, 8))))
V["grade"] = [list(g) for g in G]
V["round"] = [k / 8 for k in range(0, 80)] + [k / d for d in (3, 6, 7, 9, 12, 16, 40, 200) for k in range(0, 50)] + [rnd.uniform(0, 30) for _ in range(500)] \
    + [sum(rnd.choice([0, 1 / 3, 0.5, 2 / 3, 0.25, 0.125, 1]) * rnd.choice([1, 2, 0.5, 1.5]) for _ in range(8)) for _ in range(500)]
# whole-quiz scores: random banks of order/multiple questions, random answers, draws
for i in range(100):
    qs = []
    for j in range(rnd.randint(1, 10)):
        if rnd.random() < .5:
            n = rnd.randint(2, 9); key = {"order": [str(k) for k in range(n)]}; t = "order"
        else:
            n = rnd.randint(1, 4); key = {"correct": [str(k) for k in range(n)], "feedback": {}}; t = "multiple"
        qs.append({"id": f"q{j}", "type": t, "points": rnd.choice([1, 2, 3, 0.5]), "sealed": seal(key, f"b{i}", f"q{j}"), "_n": n})
    spec = {"id": f"b{i}", "salt": f"b{i}", "shuffle": True, "draw": rnd.choice([None, 2, 4]), "questions": qs}
    answers = {}
    for q in qs:
        if rnd.random() < .8:
            answers[q["id"]] = rnd.sample([str(k) for k in range(q["_n"] + 2)], q["_n"]) if q["type"] == "order" else rnd.sample([str(k) for k in range(6)], rnd.randint(0, 4))
    V["score"].append([spec, f"s{i}", answers])

js = json.loads(subprocess.run(["node", str(Path(__file__).parent / "js_eval.mjs")], input=json.dumps(V), capture_output=True, text=True, check=True).stdout)
fails = 0
def expect(name, got, want):
    global fails
    if got != want:
        fails += 1
        print(f"MISMATCH {name}: js={got!r} py={want!r}")
for x, g in zip(V["fnv"], js["fnv"]): expect(f"fnv1a({x!r})", g, fnv1a(x))
for x, g in zip(V["mul"], js["mul"]):
    r = mulberry32(x); expect(f"mulberry32({x})", g, [r() for _ in range(5)])
for (lst, s), g in zip(V["shuf"], js["shuf"]): expect("shuffled", g, shuffled(lst, mulberry32(s)))
for (spec, seed), g in zip(V["draw"], js["draw"]): expect("drawIds", g, drawn_ids(spec, seed))
for (spec, q, seed), g in zip(V["opts"], js["opts"]): expect("optionOrder", g, option_order(spec, q, seed))
for i, g in enumerate(js["unseal"]): expect("unseal", g["n"], i)
for (q, key, r), g in zip(G, js["grade"]): expect(f"grade {q['type']} {r!r}", g, fraction(q, key, r))
for x, g in zip(V["round"], js["round"]): expect(f"round2({x!r})", g, round(x, 2))
for (spec, seed, answers), g in zip(V["score"], js["score"]): expect(f"score {spec['id']}", g, score(spec, answers, seed))
expect("fnv1a('')", js["fnv"][0], 0x811C9DC5)
expect("fnv1a('a')", js["fnv"][1], 0xE40C292C)
print(f"{sum(len(v) for v in V.values())} vectors, {fails} mismatches")
sys.exit(1 if fails else 0)
