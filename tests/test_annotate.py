"""The "Annotate it yourself" exercise's matching rule and score, on its edge cases, the same in Python and in the
runtime (quiz-annotate.js, run in Node on the same cases)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator import annotate
from generator.errors import Report
from generator.model import Article
from generator.render.annotate import spec
from generator.stages import load_article

ROOT = Path(__file__).resolve().parent.parent
TOWN = ROOT / "tests" / "fixtures" / "course" / "articles" / "town-library"


def town() -> Article:
    report = Report(base=ROOT)
    article = load_article(TOWN, report)
    assert article is not None and report.diagnostics == []
    return article


def claim(a: int, b: int, aid: str = "c1") -> dict:
    return {"id": aid, "kind": "claim", "technique": "", "passages": [[a, b]]}


# (name, key, marks, expected found ids, expected extra mark indices)
CASES = [
    ("exact", [claim(10, 20)], [{"kind": "claim", "passages": [[10, 20]]}], ["c1"], []),
    ("half of the quote is enough", [claim(10, 20)], [{"kind": "claim", "passages": [[10, 15]]}], ["c1"], []),
    ("less than half is not", [claim(10, 20)], [{"kind": "claim", "passages": [[10, 14]]}], [], [0]),
    ("partial overlap across the quote's start", [claim(10, 20)], [{"kind": "claim", "passages": [[6, 16]]}],
     ["c1"], []),
    ("a mark twice the quote's length still matches", [claim(10, 20)],
     [{"kind": "claim", "passages": [[10, 30]]}], ["c1"], []),
    ("a whole paragraph does not find the claim inside it", [claim(10, 20)],
     [{"kind": "claim", "passages": [[0, 50]]}], [], [0]),
    ("another kind does not match", [claim(10, 20)], [{"kind": "opinion", "passages": [[10, 20]]}], [], [0]),
    ("one mark finds one annotation; the second is extra", [claim(10, 20)],
     [{"kind": "claim", "passages": [[10, 20]]}, {"kind": "claim", "passages": [[11, 19]]}], ["c1"], [1]),
    ("the larger overlap wins the annotation", [claim(10, 20)],
     [{"kind": "claim", "passages": [[12, 18]]}, {"kind": "claim", "passages": [[10, 20]]}], ["c1"], [0]),
    ("the same words twice: each occurrence is its own passage",
     [claim(3, 6, "first"), claim(40, 43, "second")], [{"kind": "claim", "passages": [[40, 43]]}], ["second"], []),
    ("a contradiction with its passages in the other order",
     [{"id": "x", "kind": "contradiction", "technique": "", "passages": [[5, 10], [30, 36]]}],
     [{"kind": "contradiction", "passages": [[30, 36], [5, 10]]}], ["x"], []),
    ("a contradiction needs two of its passages",
     [{"id": "x", "kind": "contradiction", "technique": "", "passages": [[5, 10], [30, 36]]}],
     [{"kind": "contradiction", "passages": [[5, 10], [60, 66]]}], [], [0]),
    ("two of three passages of a contradiction are enough",
     [{"id": "x", "kind": "contradiction", "technique": "", "passages": [[5, 10], [30, 36], [70, 72]]}],
     [{"kind": "contradiction", "passages": [[70, 72], [30, 36]]}], ["x"], []),
    ("one student passage cannot stand for two of the contradiction's",
     [{"id": "x", "kind": "contradiction", "technique": "", "passages": [[5, 10], [8, 12]]}],
     [{"kind": "contradiction", "passages": [[6, 11]]}], [], [0]),
    ("junk marks are ignored or extra", [claim(10, 20)],
     [{"kind": "claim", "passages": [[20, 10]]}, "junk", {"kind": "claim"}], [], [0, 1]),
]


@pytest.mark.parametrize("name,key,marks,found,extra", CASES, ids=[c[0] for c in CASES])
def test_matching_rule(name: str, key: list, marks: list, found: list, extra: list) -> None:
    g = annotate.grade(key, ["claim", "opinion", "contradiction"], marks, 0.6)
    assert sorted(g["found"]) == sorted(found)
    assert g["extra"] == extra


def test_a_passage_across_two_sentences_in_the_article() -> None:
    """The claim "The town council voted 7 to 2 on Tuesday" ends the article's first sentence's first half; the source
    clue "Councillor Rivera said" starts the second sentence. Sentences do not matter to the rule, words do: a
    mark across the end of one sentence and the start of the next finds neither; a mark of the whole first sentence
    finds the claim (9 of its 17 words); one over both sentences' claim and clue (20 words) finds nothing."""
    article = town()
    key = annotate.key(article)
    by_id = {k["id"]: k for k in key}
    vote, rivera = by_id["vote-count"]["passages"][0], by_id["fixture-source"]["passages"][0]
    assert vote == [8, 17] and rivera == [25, 28]  # after the heading's 8 words; the first sentence is [8, 25)
    kinds = annotate.kinds_asked(article)

    def found(passage: list[int], kind: str = "claim") -> list[str]:
        return list(annotate.grade(key, kinds, [{"kind": kind, "passages": [passage]}], 0.6)["found"])

    assert found([15, 27]) == [] and found([15, 27], "source") == []
    assert found([8, 25]) == ["vote-count"]
    assert found([8, 28]) == []
    assert found([24, 28], "source") == ["fixture-source"]  # "Sundays. Councillor Rivera said": 3 of 4 words


def test_counts_and_score() -> None:
    article = town()
    key = annotate.key(article)
    kinds = annotate.kinds_asked(article)
    assert kinds == ["claim", "opinion", "contradiction", "technique", "source"]
    claim_p = next(k for k in key if k["id"] == "vote-count")["passages"][0]
    marks = [{"kind": "claim", "passages": [claim_p]}, {"kind": "claim", "passages": [[claim_p[1] + 30,
                                                                                       claim_p[1] + 33]]}]
    g = annotate.grade(key, kinds, marks, 0.6)
    assert g["kinds"]["claim"] == {"found": 1, "missed": 0, "extra": 1, "recall": 1.0, "precision": 0.5}
    assert g["kinds"]["opinion"] == {"found": 0, "missed": 2, "extra": 0, "recall": 0.0, "precision": 0.0}
    assert g["score"] == 0.25 and not g["passed"]  # 2·1 / (2·1 + 5 missed + 1 extra)


def test_defaults_and_settings() -> None:
    import dataclasses

    article = town()
    assert annotate.kinds_asked(article) == list(annotate.KINDS) and article.annotate_pass == 0.6
    only = dataclasses.replace(article, annotate_kinds=("opinion", "claim"), annotate_pass=0.8)
    data = spec(only)
    assert data["kinds"] == ["claim", "opinion"] and data["pass"] == 0.8
    assert {k["kind"] for k in data["key"]} == {"claim", "opinion"}


def test_the_runtime_grades_as_python(tmp_path: Path) -> None:
    module = ROOT / "generator" / "static" / "quiz-annotate.js"
    cases = [{"key": c[1], "marks": c[2]} for c in CASES]
    article = town()
    key = annotate.key(article)
    cases.append({"key": key, "marks": [{"kind": "claim", "passages": [[0, 5]]},
                                        {"kind": "opinion", "passages": [[20, 40]]},
                                        {"kind": "contradiction", "passages": [[40, 44], [12, 18]]}]})
    kinds = ["claim", "opinion", "contradiction", "technique", "source"]
    script = tmp_path / "run.mjs"
    script.write_text(f"import {{ grade }} from {json.dumps(module.as_uri())};\n"
                      f"const cases = {json.dumps(cases)};\n"
                      f"const kinds = {json.dumps(kinds)};\n"
                      "console.log(JSON.stringify(cases.map((c) => grade(c.key, kinds, c.marks, 0.6))));\n")
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True).stdout
    js = json.loads(out)
    py = [annotate.grade(c["key"], kinds, c["marks"], 0.6) for c in cases]
    assert js == json.loads(json.dumps(py))


def page_text(article: Article, instructor: bool = False) -> str:
    """The "Annotate it yourself" page of a chapter, a notebook: its cells' text and its output's HTML."""
    import nbformat

    from generator.generate import chapter

    nb = nbformat.reads(chapter(article, (), ROOT, instructor=instructor).files["annotate.ipynb"].decode("utf-8"),
                        as_version=4)
    return "\n".join([c.source for c in nb.cells if c.cell_type == "markdown"]
                     + [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs])


def test_the_instructor_edition_shows_the_key_and_the_student_page_does_not() -> None:
    article = town()
    student, instructor = page_text(article), page_text(article, instructor=True)
    key = '<section class="mlq-instructor-only mlq-an-key">'
    assert key not in student and "<mark" not in student  # no highlight, no key on the page
    assert key in instructor and "Pass mark: 60 %" in instructor
    assert "<strong>Technique</strong> (exaggeration): “the worst decision the council has ever made.”" in instructor
    assert "“close the Elm Street library on Sundays.” / “the library will stay open seven days a week.”" in instructor
    assert student.count("A. Tester") == 2  # the attribution above and below the text


def test_the_page_is_the_same_for_the_same_inputs() -> None:
    from generator.generate import chapter

    assert chapter(town(), (), ROOT).files["annotate.ipynb"] == chapter(town(), (), ROOT).files["annotate.ipynb"]
